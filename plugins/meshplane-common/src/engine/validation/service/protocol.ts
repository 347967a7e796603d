/**
 * Protocol of a Service port from its name / appProtocol (istio/istio `pkg/config/kube/conversion.go`
 * `ConvertProtocol`, `pkg/config/protocol/instance.go` `Parse`).
 */
const KNOWN = new Set([
  'tcp',
  'udp',
  'grpc',
  'grpc-web',
  'http',
  'http_proxy',
  'http2',
  'https',
  'tls',
  'mongo',
  'redis',
  'mysql',
]);
const WELL_KNOWN_PORTS = new Set([25, 53, 3306, 27017]);

/** Lower-case protocol name, or `unsupported`. */
export function convertProtocol(
  port: number,
  name: string | undefined,
  proto: string | undefined,
  appProtocol: string | undefined,
): string {
  if (proto === 'UDP') return 'udp';
  let n = name ?? '';
  if (appProtocol !== undefined && appProtocol !== null) {
    n = appProtocol;
    if (n === 'kubernetes.io/h2c') return 'http2';
    if (n === 'kubernetes.io/ws' || n === 'kubernetes.io/wss') return 'http';
  }
  if (n.toLowerCase().startsWith('grpc-web')) return 'grpc-web';
  const i = n.indexOf('-');
  if (i >= 0) n = n.slice(0, i);
  const p = n.toLowerCase();
  if (KNOWN.has(p)) return p;
  return WELL_KNOWN_PORTS.has(port) ? 'tcp' : 'unsupported';
}
