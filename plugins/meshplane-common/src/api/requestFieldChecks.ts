/**
 * Checks of single input values of a group request, each returning the
 * problem as a sentence (or `undefined` when the value is fine), so callers
 * attach it to a field: the backend refuses requests with them, the template
 * forms check typed values with them before anything is sent. The rules
 * follow Istio's validation (istio/istio `pkg/config/validation/agent/validation.go`:
 * `ValidateWildcardDomain`, `ValidateFQDN`, `ValidateDuration`,
 * `validateSidecarEgressHosts`) and Kubernetes' name rules (RFC 1123 labels).
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HTTP_PATH = /^\/[^\s?#]*$/;
const DURATION = /^(\d+(\.\d+)?)(ms|s|m|h)$/;
const SIDECAR_NAMESPACE = /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?|\*|\.|~)$/;
const SIDECAR_DNS =
  /^(\*|(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;

/**
 * A Kubernetes object or namespace name (RFC 1123 label, at most 63 characters).
 *
 * @public
 */
export function checkDnsLabel(value: string): string | undefined {
  if (DNS_LABEL.test(value)) return undefined;
  return `"${value}" is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit`;
}

/**
 * A host name of a gateway server: a DNS name (RFC 1123), optionally with a
 * leading `*.` wildcard label (Istio `ValidateWildcardDomain`). A bare `*` is
 * refused: it would take every host of a shared gateway.
 *
 * @public
 */
export function checkHostName(value: string): string | undefined {
  if (value === '*') {
    return `"*" would capture every host of the gateway: name the host names the workspace serves`;
  }
  if (value.length > 253) {
    return `"${value.slice(
      0,
      40,
    )}…" is not a valid DNS name: longer than 253 characters`;
  }
  const labels = value.split('.');
  const rest = labels[0] === '*' ? labels.slice(1) : labels;
  if (rest.length === 0 || labels.length < 2) {
    return `"${value}" is not a valid DNS name: expected a fully qualified name such as shop.example.com`;
  }
  for (const label of rest) {
    if (!DNS_LABEL.test(label)) {
      return `"${value}" is not a valid DNS name: label "${label}" must be 1-63 lower-case letters, digits or '-', not starting or ending with '-' (a wildcard is allowed only as the whole first label)`;
    }
  }
  return undefined;
}

/**
 * A port number.
 *
 * @public
 */
export function checkPort(value: number): string | undefined {
  if (Number.isInteger(value) && value >= 1 && value <= 65535) return undefined;
  return `${value} is not a port number (1-65535)`;
}

/**
 * A duration as Istio accepts it: `250ms`, `5s`, `1.5m`, `1h`, at least 1ms (`ValidateDuration`).
 *
 * @public
 */
export function checkDuration(value: string): string | undefined {
  const match = DURATION.exec(value);
  if (!match) {
    return `"${value}" is not a duration: use a number with ms, s, m or h, e.g. 5s`;
  }
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[3] as 'ms'];
  if (Number(match[1]) * factor < 1) {
    return `"${value}" is shorter than 1ms`;
  }
  return undefined;
}

/**
 * An HTTP path prefix.
 *
 * @public
 */
export function checkPathPrefix(value: string): string | undefined {
  if (HTTP_PATH.test(value)) return undefined;
  return `"${value}" is not a path prefix: it must start with "/" and contain no spaces, "?" or "#"`;
}

/**
 * An http(s) URL (JWKS endpoint).
 *
 * @public
 */
export function checkHttpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return undefined;
  } catch {
    // fall through to the message
  }
  return `"${value}" is not an http(s) URL`;
}

/**
 * A `namespace/serviceAccount` identity.
 *
 * @public
 */
export function checkServiceAccountRef(value: string): string | undefined {
  const parts = value.split('/');
  if (
    parts.length === 2 &&
    DNS_LABEL.test(parts[0]) &&
    DNS_SUBDOMAIN.test(parts[1])
  ) {
    return undefined;
  }
  return `"${value}" is not a service account: use namespace/name, e.g. bookinfo/bookinfo-productpage`;
}

/**
 * A host a traffic group's workloads may call, in Sidecar egress form
 * `namespace/dnsName`: the namespace may be `*` (any), `.` (the workload's
 * own) or `~` (none); the name may be `*` or start with `*.`.
 *
 * @public
 */
export function checkSidecarHost(value: string): string | undefined {
  const parts = value.split('/');
  if (
    parts.length === 2 &&
    SIDECAR_NAMESPACE.test(parts[0]) &&
    SIDECAR_DNS.test(parts[1])
  ) {
    return undefined;
  }
  return `"${value}" is not a Sidecar egress host: use namespace/dnsName, e.g. payments/*, ./*, */api.example.com`;
}
