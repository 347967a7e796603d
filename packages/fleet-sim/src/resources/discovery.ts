import {
  groupVersion,
  RESOURCE_TYPES,
  ResourceType,
  resourceVerbs,
} from './resourceTypes';

/** Media type of aggregated discovery, as kubectl 1.32 asks for it first. */
export const AGGREGATED_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** The resources a cluster serves: Istio CRD kinds only when it has Istio CRDs. */
export function servedTypes(istioCrds: boolean): ResourceType[] {
  return RESOURCE_TYPES.filter(t => istioCrds || !t.istio);
}

interface GroupVersions {
  group: string;
  versions: string[];
}

function groups(types: ResourceType[]): GroupVersions[] {
  const result: GroupVersions[] = [];
  for (const type of types) {
    if (!type.group) continue;
    let entry = result.find(g => g.group === type.group);
    if (!entry) {
      entry = { group: type.group, versions: [] };
      result.push(entry);
    }
    if (!entry.versions.includes(type.version))
      entry.versions.push(type.version);
  }
  return result;
}

/** Legacy `/api`: APIVersions. */
export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** Legacy `/apis`: APIGroupList. */
export function apiGroupList(types: ResourceType[]) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups(types).map(apiGroup),
  };
}

/** `/apis/<group>`: APIGroup. */
export function apiGroup(entry: GroupVersions) {
  const versions = entry.versions.map(version => ({
    groupVersion: `${entry.group}/${version}`,
    version,
  }));
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: entry.group,
    versions,
    preferredVersion: versions[0],
  };
}

/** Finds a served group, for `/apis/<group>`. */
export function findGroup(
  types: ResourceType[],
  group: string,
): GroupVersions | undefined {
  return groups(types).find(g => g.group === group);
}

/** `/api/v1`, `/apis/<group>/<version>`: APIResourceList (with status subresources). */
export function apiResourceList(
  types: ResourceType[],
  group: string,
  version: string,
) {
  const inVersion = types.filter(
    t => t.group === group && t.version === version,
  );
  const resources = inVersion.flatMap(t => {
    const main = {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: resourceVerbs(t),
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
    };
    const status = t.statusSubresource
      ? [
          {
            name: `${t.plural}/status`,
            singularName: '',
            namespaced: t.namespaced,
            kind: t.kind,
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : [];
    return [main, ...status];
  });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function discoveryVersion(types: ResourceType[], version: string) {
  return {
    version,
    resources: types.map(t => ({
      resource: t.plural,
      responseKind: { group: t.group, version: t.version, kind: t.kind },
      scope: t.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: t.singular,
      verbs: resourceVerbs(t),
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      ...(t.statusSubresource
        ? {
            subresources: [
              {
                subresource: 'status',
                responseKind: {
                  group: t.group,
                  version: t.version,
                  kind: t.kind,
                },
                verbs: ['get', 'patch', 'update'],
              },
            ],
          }
        : {}),
    })),
    freshness: 'Current',
  };
}

/** Aggregated discovery (`apidiscovery.k8s.io/v2`) for `/api` (`legacy`) or `/apis`. */
export function aggregatedDiscovery(types: ResourceType[], legacy: boolean) {
  if (legacy) {
    const core = types.filter(t => t.group === '');
    return {
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
      metadata: {},
      items: [
        {
          metadata: { creationTimestamp: null },
          versions: [discoveryVersion(core, 'v1')],
        },
      ],
    };
  }
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups(types).map(g => ({
      metadata: { name: g.group, creationTimestamp: null },
      versions: g.versions.map(v =>
        discoveryVersion(
          types.filter(t => t.group === g.group && t.version === v),
          v,
        ),
      ),
    })),
  };
}

/** The group/versions served, as `groupVersion` strings (`v1`, `apps/v1`, …). */
export function servedGroupVersions(types: ResourceType[]): string[] {
  return [...new Set(types.map(t => groupVersion(t)))];
}
