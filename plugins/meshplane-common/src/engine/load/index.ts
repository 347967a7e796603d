export { parseKubeYaml, formatLoadError } from './parseKubeYaml';
export type {
  LoadedObject,
  LoadError,
  ObjectSource,
  ParseResult,
} from './parseKubeYaml';
