import type { AccessRule, FleetToken } from '../fleet';

/** What a request asks to do, for RBAC-like checks. */
export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  /** Undefined for a cluster-wide request. */
  namespace?: string;
  name?: string;
}

function matches(list: string[] | undefined, value: string): boolean {
  return list === undefined || list.includes('*') || list.includes(value);
}

function ruleAllows(rule: AccessRule, request: AccessRequest): boolean {
  const resource = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  return (
    matches(rule.verbs, request.verb) &&
    (matches(rule.resources, resource) ||
      (!!request.subresource &&
        rule.resources.includes(`${request.resource}/*`))) &&
    matches(rule.apiGroups, request.group) &&
    (request.namespace === undefined
      ? rule.namespaces === undefined || rule.namespaces.includes('*')
      : matches(rule.namespaces, request.namespace))
  );
}

/** Whether any of the token's rules allows the request. */
export function isAllowed(token: FleetToken, request: AccessRequest): boolean {
  return token.rules.some(rule => ruleAllows(rule, request));
}

/** The user a token authenticates as. */
export function userName(token: FleetToken): string {
  return `system:serviceaccount:fleet-sim:${token.name}`;
}

/** kube-apiserver's RBAC denial message. */
export function forbiddenMessage(
  token: FleetToken,
  request: AccessRequest,
): string {
  const qualified = request.group
    ? `${request.resource}.${request.group}`
    : request.resource;
  const subject = request.name ? `${qualified} "${request.name}"` : qualified;
  const resource = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  const scope =
    request.namespace === undefined
      ? 'at the cluster scope'
      : `in the namespace "${request.namespace}"`;
  return `${subject} is forbidden: User "${userName(token)}" cannot ${
    request.verb
  } resource "${resource}" in API group "${request.group}" ${scope}`;
}

/** Full access, for the generated admin token of each cluster. */
export const ADMIN_RULES: AccessRule[] = [{ verbs: ['*'], resources: ['*'] }];
