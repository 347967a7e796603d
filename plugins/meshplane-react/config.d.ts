export interface Config {
  meshplane?: {
    docs?: {
      /**
       * Where the Meshplane engine README (plugins/meshplane-common/README.md) is
       * published, e.g. its page in your source host. Finding codes `MPL…` link to
       * `<engineReadmeUrl>#mpl0001`; without it they are shown unlinked.
       * @visibility frontend
       */
      engineReadmeUrl?: string;
    };
  };
}
