/**
 * Istio host names: short-name resolution and wildcard matching
 * (istio/istio `pilot/pkg/model/config.go` `ResolveShortnameToFQDN`, `pkg/config/host/name.go`).
 */

/**
 * Resolves a dot-less short name against `namespace`; anything with a dot, a wildcard or an IP
 * stays literal, and so does everything when the namespace is empty (namespace-less YAML, as
 * istioctl's `ConvertHostToFQDN` treats it).
 */
export function resolveShortname(
  host: string,
  namespace: string,
  domain: string,
): string {
  if (
    host.startsWith('*') ||
    host.includes('.') ||
    host.includes(':') ||
    !namespace
  )
    return host;
  return `${host}.${namespace}.svc.${domain}`;
}

/**
 * The host a Sidecar `egress[].hosts` entry (`namespace/dnsName`, or a bare `dnsName` for any
 * namespace) names, resolved against the namespace part (`.`: the Sidecar's own); `undefined`
 * for a wildcard host, which names no one service.
 */
export function sidecarEgressHost(
  entry: string,
  sidecarNamespace: string,
  domain: string,
): string | undefined {
  const [ns, host] = entry.includes('/') ? entry.split('/', 2) : ['*', entry];
  if (host === '*' || host.startsWith('*')) return undefined;
  return resolveShortname(host, ns === '.' ? sidecarNamespace : ns, domain);
}

/** True when `pattern` (possibly `*.suffix` or `*`) matches the concrete or wildcard `host` (`host.Name.Matches`). */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) {
    const suffix = pattern.slice(1);
    if (host.startsWith('*')) return host.slice(1).endsWith(suffix);
    return host.endsWith(suffix);
  }
  if (host.startsWith('*')) {
    return pattern.endsWith(host.slice(1));
  }
  return false;
}

/** Symmetric overlap of two host patterns (`host.Name.Matches` either way). */
export function hostsOverlap(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a);
}

/** Kubernetes service FQDN (the bare name for a namespace-less Service). */
export function serviceFqdn(
  name: string,
  namespace: string,
  domain: string,
): string {
  return namespace ? `${name}.${namespace}.svc.${domain}` : name;
}

/**
 * `MostSpecificHostMatch` (istio/istio `pilot/pkg/model/config.go`) for a concrete host: the host
 * itself among the non-wildcard keys, else the longest wildcard whose suffix (after `*`) ends the
 * host (`*` matches everything).
 */
export function mostSpecificMatch(
  host: string,
  keys: Iterable<string>,
): string | undefined {
  let best: string | undefined;
  for (const k of keys) {
    if (!k.startsWith('*')) {
      if (k === host) return k;
      continue;
    }
    if (
      host.endsWith(k.slice(1)) &&
      (best === undefined || k.length > best.length)
    )
      best = k;
  }
  return best;
}
