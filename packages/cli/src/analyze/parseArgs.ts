/** Options of `meshplane analyze` (DESIGN §4.1). */
export interface AnalyzeOptions {
  paths: string[];
  clusters: Array<{ name: string; path: string }>;
  meshConfig?: string;
  meshNetworks?: string;
  output: 'table' | 'json';
  edges: boolean;
  /** With `--entity`: the logical services of one catalog entity, whose answer is printed instead of the report. */
  entities: Array<{ namespace: string; name: string }>;
  /** With `--readiness`: namespaces whose sidecar → ambient migration readiness is printed instead of the report. */
  readiness: string[];
  /** With `--traffic`: a TrafficObservations JSON file joined with the configuration. */
  traffic?: string;
  failOn: 'error' | 'warning' | 'info' | 'none';
}

/** A usage or input problem: exit code 2, message on stderr. */
export class UsageError extends Error {}

export const USAGE = `usage: meshplane analyze [options] <path>...

  <path>                 YAML or JSON files, or folders (recursive, *.yaml *.yml *.json);
                         multi-document YAML and \`kind: List\` are accepted
  --cluster NAME=<path>  load <path> as cluster NAME (repeatable); plain paths form cluster "default";
                         a folder with cluster.yaml is a fleet-simulator cluster folder
  --mesh-config FILE     Istio MeshConfig YAML, merged over Istio's defaults
  --mesh-networks FILE   Istio MeshNetworks YAML
  --output table|json    default table
  --edges                include the edge list (every client workload -> service port)
  --entity NS/SERVICE    print, as JSON, the posture and findings the API serves for an entity linked
                         to this service (repeatable: an entity linked to several) instead of the report;
                         --fail-on counts that entity's findings
  --readiness NS         print, as JSON, what would break or change if namespace NS moved from
                         sidecars to ambient, per cluster (repeatable); exit 1 when something breaks
  --traffic FILE         join observed traffic (a TrafficObservations JSON document) with the
                         configuration: its findings (MPL0200-MPL0204) join the others, and the
                         edges of --edges and --entity carry what was observed
  --fail-on error|warning|info|none   default error

exit 0: nothing at/above --fail-on; 1: findings at/above it; 2: usage or input error`;

/** Parses the arguments after `analyze`. */
export function parseAnalyzeArgs(argv: string[]): AnalyzeOptions {
  const opts: AnalyzeOptions = {
    paths: [],
    clusters: [],
    output: 'table',
    edges: false,
    entities: [],
    readiness: [],
    failOn: 'error',
  };
  let outputGiven = false;
  const value = (
    i: number,
    flag: string,
    inline?: string,
  ): [string, number] => {
    if (inline !== undefined) return [inline, i];
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2))
      throw new UsageError(`${flag} needs a value`);
    return [v, i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      opts.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-')
        throw new UsageError(`unknown option ${arg}`);
      opts.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    let v: string;
    switch (flag) {
      case '--cluster': {
        [v, i] = value(i, flag, inline);
        const sep = v.indexOf('=');
        if (sep <= 0 || sep === v.length - 1)
          throw new UsageError(`--cluster expects NAME=<path>, got "${v}"`);
        opts.clusters.push({ name: v.slice(0, sep), path: v.slice(sep + 1) });
        break;
      }
      case '--mesh-config':
        [opts.meshConfig, i] = value(i, flag, inline);
        break;
      case '--mesh-networks':
        [opts.meshNetworks, i] = value(i, flag, inline);
        break;
      case '--output':
        [v, i] = value(i, flag, inline);
        if (v !== 'table' && v !== 'json')
          throw new UsageError(`--output must be table or json, got "${v}"`);
        opts.output = v;
        outputGiven = true;
        break;
      case '--edges':
        if (inline !== undefined)
          throw new UsageError('--edges takes no value');
        opts.edges = true;
        break;
      case '--entity': {
        [v, i] = value(i, flag, inline);
        const m = /^([^/\s]+)\/([^/\s]+)$/.exec(v);
        if (!m)
          throw new UsageError(
            `--entity expects <namespace>/<service>, got "${v}"`,
          );
        opts.entities.push({ namespace: m[1], name: m[2] });
        break;
      }
      case '--traffic':
        [opts.traffic, i] = value(i, flag, inline);
        break;
      case '--readiness':
        [v, i] = value(i, flag, inline);
        if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v))
          throw new UsageError(
            `--readiness expects a namespace name, got "${v}"`,
          );
        opts.readiness.push(v);
        break;
      case '--fail-on':
        [v, i] = value(i, flag, inline);
        if (!['error', 'warning', 'info', 'none'].includes(v))
          throw new UsageError(
            `--fail-on must be error, warning, info or none, got "${v}"`,
          );
        opts.failOn = v as AnalyzeOptions['failOn'];
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (opts.readiness.length) {
    if (opts.entities.length)
      throw new UsageError(
        '--readiness and --entity print different answers: give one',
      );
    if (outputGiven && opts.output === 'table')
      throw new UsageError(
        '--readiness prints JSON: --output table does not apply',
      );
    if (opts.edges)
      throw new UsageError(
        '--readiness prints no edges: --edges does not apply',
      );
    if (opts.traffic !== undefined)
      throw new UsageError(
        '--readiness reads no traffic: --traffic does not apply',
      );
    opts.output = 'json';
  }
  if (opts.entities.length) {
    // The entity answer is JSON, and it holds its own edges.
    if (outputGiven && opts.output === 'table')
      throw new UsageError(
        '--entity prints JSON: --output table does not apply',
      );
    if (opts.edges)
      throw new UsageError(
        '--entity prints its own edges: --edges does not apply',
      );
    opts.output = 'json';
  }
  if (!opts.paths.length && !opts.clusters.length)
    throw new UsageError(
      'no input: give at least one path or --cluster NAME=<path>',
    );
  return opts;
}
