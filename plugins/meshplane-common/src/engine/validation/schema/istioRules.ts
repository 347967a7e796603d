import { kindKey, K } from '../../model/kinds';
import { KubeObject } from '../../model/types';

/** A field-level problem in one object. @public */
export interface FieldError {
  /** Dotted path, e.g. `spec.http[0].route[0].destination.host`. */
  path: string;
  message: string;
  /** `error` (IST0106) or `warning` (IST0133 and the VirtualService rule findings). */
  severity: 'error' | 'warning';
  /** Set for findings with their own code (IST0130, IST0131). */
  code?: string;
}

const MODES_PA = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'];
const MODES_TLS = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'];

function isPort(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .filter(k => (v as any)[k] !== undefined)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stableJson((v as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A prefix match reduced to what `coveredValidation` compares (pkg/config/validation/virtualservice.go). */
interface PrefixMatch {
  rule: number;
  match: number;
  prefix: string;
  port: unknown;
  method: string;
  authority: string;
  headers: Record<string, string>;
  queryParams: Record<string, string>;
  withoutHeaders: Record<string, string>;
}

function exactOrPrefix(sm: any): string {
  if (sm?.exact) return `exact:${sm.exact}`;
  if (sm?.prefix) return `prefix:${sm.prefix}`;
  return '';
}

function stringMatchMap(m: any): Record<string, string> {
  return Object.fromEntries(
    Object.entries(m ?? {}).map(([k, v]) => [k, exactOrPrefix(v)]),
  );
}

function prefixMatch(
  match: any,
  rule: number,
  index: number,
): PrefixMatch | undefined {
  const prefix = match?.uri?.prefix;
  if (!prefix) return undefined;
  return {
    rule,
    match: index,
    prefix,
    port: match.port,
    method: exactOrPrefix(match.method) || 'exact:GET',
    authority: exactOrPrefix(match.authority),
    headers: stringMatchMap(match.headers),
    queryParams: stringMatchMap(match.queryParams),
    withoutHeaders: stringMatchMap(match.withoutHeaders),
  };
}

function mapCovered(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  if (Object.keys(a).length !== Object.keys(b).length) return false;
  return Object.entries(a).every(
    ([k, v]) => k in b && (v === b[k] || v.startsWith(b[k])),
  );
}

/** `coveredValidation`: the earlier prefix match `a` covers the later `b`. */
function covered(a: PrefixMatch, b: PrefixMatch): boolean {
  if (!b.prefix.startsWith(a.prefix) || b.port !== a.port) return false;
  if (a.method !== b.method && !a.method.startsWith(b.method)) return false;
  if (a.authority !== b.authority && !a.authority.startsWith(b.authority))
    return false;
  return (
    mapCovered(a.headers, b.headers) &&
    mapCovered(a.queryParams, b.queryParams) &&
    mapCovered(a.withoutHeaders, b.withoutHeaders)
  );
}

/**
 * Rules that shadow each other: `analyzeUnreachableHTTPRules` (with prefix-overlap detection) and
 * its TCP/TLS versions in istio/istio `pkg/config/validation/virtualservice.go`.
 */
function unreachableRules(
  section: string,
  routes: any[],
  errors: FieldError[],
): void {
  const seen = new Map<string, number>();
  let emptyMatch = -1;
  const prefixes: PrefixMatch[] = [];
  const name = (i: number) =>
    section === 'http' && routes[i]?.name ? `"${routes[i].name}"` : `#${i}`;
  routes.forEach((route, i) => {
    if (!route || typeof route !== 'object') return;
    const matches: any[] = Array.isArray(route.match) ? route.match : [];
    if (matches.length === 0) {
      if (emptyMatch >= 0) {
        errors.push({
          path: `spec.${section}[${i}]`,
          severity: 'warning',
          code: 'IST0130',
          message: `VirtualService rule ${name(
            i,
          )} not used (only the last rule can have no matches).`,
        });
      }
      emptyMatch = i;
      return;
    }
    let dups = 0;
    matches.forEach((m, j) => {
      if (emptyMatch >= 0) {
        errors.push({
          path: `spec.${section}[${i}].match[${j}]`,
          severity: 'warning',
          code: 'IST0130',
          message: `VirtualService rule ${name(
            i,
          )} not used (route without matches defined before).`,
        });
        return;
      }
      const { name: _name, ...rest } = m ?? {};
      const key = stableJson(section === 'http' ? rest : m);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        dups++;
        errors.push({
          path: `spec.${section}[${i}].match[${j}]`,
          severity: 'warning',
          code: 'IST0131',
          message: `VirtualService rule ${name(
            i,
          )} match #${j} is not used (duplicate/overlapping match in rule ${name(
            earlier,
          )}).`,
        });
        return;
      }
      seen.set(key, i);
      const p = section === 'http' ? prefixMatch(m, i, j) : undefined;
      if (p) prefixes.push(p);
    });
    if (dups === matches.length) {
      errors.push({
        path: `spec.${section}[${i}]`,
        severity: 'warning',
        code: 'IST0130',
        message: `VirtualService rule ${name(
          i,
        )} not used (all matches used by prior rules).`,
      });
    }
  });
  prefixes.forEach((a, x) => {
    for (const b of prefixes.slice(x + 1)) {
      if (b.prefix === a.prefix || !covered(a, b)) continue;
      errors.push({
        path: `spec.${section}[${b.rule}].match[${b.match}]`,
        severity: 'warning',
        code: 'IST0131',
        message: `VirtualService rule ${name(b.rule)} match #${
          b.match
        } of prefix ${b.prefix} is not used (overlapping match #${
          a.match
        } of prefix ${a.prefix} on rule ${name(a.rule)}).`,
      });
    }
  });
}

function validateTls(tls: any, path: string, errors: FieldError[]): void {
  if (tls === undefined || tls === null) return;
  if (tls.mode !== undefined && !MODES_TLS.includes(tls.mode))
    errors.push({
      path: `${path}.mode`,
      severity: 'error',
      message: `unknown TLS mode "${tls.mode}"`,
    });
}

function validateTrafficPolicy(
  tp: any,
  path: string,
  errors: FieldError[],
): void {
  if (!tp) return;
  validateTls(tp.tls, `${path}.tls`, errors);
  (tp.portLevelSettings ?? []).forEach((p: any, i: number) => {
    if (!isPort(p?.port?.number))
      errors.push({
        path: `${path}.portLevelSettings[${i}].port.number`,
        severity: 'error',
        message: 'port number must be in the range 1..65535',
      });
    validateTls(p?.tls, `${path}.portLevelSettings[${i}].tls`, errors);
  });
}

/**
 * Istio's own validation rules for an object (a subset of istio/istio `pkg/config/validation`),
 * beyond what the CRD schema checks.
 */
export function validateIstioRules(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const spec = obj.spec ?? {};
  const kk = kindKey(obj);
  switch (kk) {
    case K.VirtualService: {
      if (!Array.isArray(spec.hosts) || spec.hosts.length === 0)
        errors.push({
          path: 'spec.hosts',
          severity: 'error',
          message: 'virtual service must have at least one host',
        });
      for (const section of ['http', 'tcp', 'tls']) {
        (spec[section] ?? []).forEach((rule: any, i: number) => {
          const routes = rule?.route ?? [];
          if (
            section !== 'http' ||
            !(rule?.redirect || rule?.directResponse || rule?.delegate)
          ) {
            if (!Array.isArray(routes) || routes.length === 0)
              errors.push({
                path: `spec.${section}[${i}].route`,
                severity: 'error',
                message: 'route is required',
              });
          }
          (Array.isArray(routes) ? routes : []).forEach((r: any, j: number) => {
            if (!r?.destination?.host)
              errors.push({
                path: `spec.${section}[${i}].route[${j}].destination.host`,
                severity: 'error',
                message: 'destination.host is required',
              });
            if (typeof r?.weight === 'number' && r.weight < 0)
              errors.push({
                path: `spec.${section}[${i}].route[${j}].weight`,
                severity: 'error',
                message: 'weight must be non-negative',
              });
          });
        });
        unreachableRules(
          section,
          Array.isArray(spec[section]) ? spec[section] : [],
          errors,
        );
      }
      break;
    }
    case K.DestinationRule: {
      if (!spec.host)
        errors.push({
          path: 'spec.host',
          severity: 'error',
          message: 'host is required',
        });
      validateTrafficPolicy(spec.trafficPolicy, 'spec.trafficPolicy', errors);
      const names = new Set<string>();
      (spec.subsets ?? []).forEach((s: any, i: number) => {
        if (!s?.name)
          errors.push({
            path: `spec.subsets[${i}].name`,
            severity: 'error',
            message: 'subset name is required',
          });
        else if (names.has(s.name))
          errors.push({
            path: `spec.subsets[${i}].name`,
            severity: 'error',
            message: `duplicate subset name "${s.name}"`,
          });
        else names.add(s.name);
        validateTrafficPolicy(
          s?.trafficPolicy,
          `spec.subsets[${i}].trafficPolicy`,
          errors,
        );
      });
      break;
    }
    case K.PeerAuthentication: {
      const hasSelector =
        Object.keys(spec.selector?.matchLabels ?? {}).length > 0;
      if (spec.mtls?.mode !== undefined && !MODES_PA.includes(spec.mtls.mode))
        errors.push({
          path: 'spec.mtls.mode',
          severity: 'error',
          message: `unknown mTLS mode "${spec.mtls.mode}"`,
        });
      if (spec.portLevelMtls !== undefined) {
        if (!hasSelector)
          errors.push({
            path: 'spec.portLevelMtls',
            severity: 'error',
            message:
              'mesh/namespace peer authentication cannot have port level mTLS',
          });
        if (
          typeof spec.portLevelMtls !== 'object' ||
          Object.keys(spec.portLevelMtls ?? {}).length === 0
        ) {
          errors.push({
            path: 'spec.portLevelMtls',
            severity: 'error',
            message:
              'port level mTLS, if defined, must have at least one element',
          });
        }
        for (const [port, m] of Object.entries(spec.portLevelMtls ?? {})) {
          if (!isPort(Number(port)))
            errors.push({
              path: `spec.portLevelMtls[${port}]`,
              severity: 'error',
              message: 'port must be in the range 1..65535',
            });
          const mode = (m as any)?.mode;
          if (mode !== undefined && !MODES_PA.includes(mode))
            errors.push({
              path: `spec.portLevelMtls[${port}].mode`,
              severity: 'error',
              message: `unknown mTLS mode "${mode}"`,
            });
        }
      }
      break;
    }
    case K.Gateway: {
      if (!Array.isArray(spec.servers) || spec.servers.length === 0)
        errors.push({
          path: 'spec.servers',
          severity: 'error',
          message: 'gateway must have at least one server',
        });
      (spec.servers ?? []).forEach((s: any, i: number) => {
        if (!isPort(s?.port?.number))
          errors.push({
            path: `spec.servers[${i}].port.number`,
            severity: 'error',
            message: 'port number must be in the range 1..65535',
          });
        if (!Array.isArray(s?.hosts) || s.hosts.length === 0)
          errors.push({
            path: `spec.servers[${i}].hosts`,
            severity: 'error',
            message: 'server config must contain at least one host',
          });
      });
      break;
    }
    case K.AuthorizationPolicy: {
      if (spec.action === 'CUSTOM' && !spec.provider?.name)
        errors.push({
          path: 'spec.provider',
          severity: 'error',
          message: 'CUSTOM action requires a provider',
        });
      if (spec.action !== 'CUSTOM' && spec.provider)
        errors.push({
          path: 'spec.provider',
          severity: 'error',
          message: 'provider is only allowed with the CUSTOM action',
        });
      break;
    }
    case K.ServiceEntry: {
      if (!Array.isArray(spec.hosts) || spec.hosts.length === 0)
        errors.push({
          path: 'spec.hosts',
          severity: 'error',
          message: 'ServiceEntry must have at least one host',
        });
      (spec.ports ?? []).forEach((p: any, i: number) => {
        if (!isPort(p?.number))
          errors.push({
            path: `spec.ports[${i}].number`,
            severity: 'error',
            message: 'port number must be in the range 1..65535',
          });
      });
      break;
    }
    default:
      break;
  }
  return errors;
}
