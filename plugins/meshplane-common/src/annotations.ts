import type { ServiceRef } from './api';

/**
 * Entity annotation listing the logical services of an entity,
 * comma-separated `namespace/name` (DESIGN §5), e.g. `bookinfo/reviews, bookinfo/ratings`.
 *
 * @public
 */
export const ANNOTATION_MESHPLANE_SERVICES = 'meshplane.io/services';

/**
 * Entity annotation naming the cluster a `kubernetes-cluster` Resource stands for.
 *
 * @public
 */
export const ANNOTATION_MESHPLANE_CLUSTER = 'meshplane.io/cluster';

/**
 * Entity annotation naming the VM a `virtual-machine` Resource stands for:
 * its WorkloadEntry, `namespace/name` (the same name in every cluster that
 * registers it). The entity's mesh view is that of the services selecting it.
 *
 * @public
 */
export const ANNOTATION_MESHPLANE_WORKLOAD_ENTRY =
  'meshplane.io/workload-entry';

/**
 * System annotation claiming `cluster/namespace` pairs exclusively for a
 * workspace: comma-separated `c1/ns`, `*\/ns` (every cluster) or `c1/*` (every namespace).
 *
 * @public
 */
export const ANNOTATION_MESHPLANE_CLAIMS = 'meshplane.io/claims';

/**
 * Entity annotation on which Meshplane's catalog module surfaces what it had
 * to correct or choose for the entity (an invalid name, a missing owner, a
 * duplicate or unparsable claim, a cluster not synced yet…): a JSON array of
 * `{ "code": "...", "message": "..." }`. Read it with {@link parseCatalogFindingsAnnotation}.
 *
 * @public
 */
export const ANNOTATION_MESHPLANE_CATALOG_FINDINGS =
  'meshplane.io/catalog-findings';

/**
 * One entry of the `meshplane.io/catalog-findings` annotation.
 *
 * @public
 */
export interface MeshplaneCatalogFinding {
  /** What kind of problem, e.g. `invalid-name`, `duplicate-claim` (the catalog module's README lists them). */
  code: string;
  /** What happened and what the catalog module did about it, naming the objects concerned. */
  message: string;
}

/**
 * The Kubernetes plugin's annotation: objects labelled
 * `backstage.io/kubernetes-id: <value>` belong to the entity.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/**
 * The Kubernetes plugin's annotation restricting `backstage.io/kubernetes-id`
 * to one namespace.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * Label on Kubernetes objects that the Kubernetes plugin's convention matches
 * against `backstage.io/kubernetes-id`.
 *
 * @public
 */
export const LABEL_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/**
 * Namespace label naming the catalog Group that owns the namespace's services.
 *
 * @public
 */
export const LABEL_MESHPLANE_OWNER = 'meshplane.io/owner';

/**
 * Namespace label naming the catalog System the namespace's services belong to.
 *
 * @public
 */
export const LABEL_MESHPLANE_SYSTEM = 'meshplane.io/system';

/**
 * One `cluster/namespace` claim of a workspace; `*` stands for every cluster or every namespace.
 *
 * @public
 */
export interface MeshplaneClaim {
  /** Cluster name or `*`. */
  cluster: string;
  /** Namespace name or `*`. */
  namespace: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const CLUSTER_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,251}[A-Za-z0-9])?$/;

function splitList(value: string): string[] {
  return value
    .split(',')
    .map(part => part.trim())
    .filter(part => part !== '');
}

function splitPair(part: string, annotation: string): [string, string] {
  const pieces = part.split('/');
  if (pieces.length !== 2 || pieces[0] === '' || pieces[1] === '') {
    throw new Error(
      `Invalid ${annotation} entry "${part}": expected two names separated by one "/"`,
    );
  }
  return [pieces[0], pieces[1]];
}

/**
 * Parses a `meshplane.io/services` annotation value into service refs,
 * dropping duplicates and keeping their order.
 *
 * @throws Error naming the annotation and the entry when an entry is not a
 *   valid `namespace/name` pair of Kubernetes DNS labels.
 * @public
 */
export function parseServicesAnnotation(value: string): ServiceRef[] {
  const seen = new Set<string>();
  const refs: ServiceRef[] = [];
  for (const part of splitList(value)) {
    const [namespace, name] = splitPair(part, ANNOTATION_MESHPLANE_SERVICES);
    for (const label of [namespace, name]) {
      if (!DNS_LABEL.test(label)) {
        throw new Error(
          `Invalid ${ANNOTATION_MESHPLANE_SERVICES} entry "${part}": "${label}" is not a Kubernetes name (lower-case DNS label)`,
        );
      }
    }
    const key = `${namespace}/${name}`;
    if (!seen.has(key)) {
      seen.add(key);
      refs.push({ namespace, name });
    }
  }
  return refs;
}

/**
 * Parses a `meshplane.io/claims` annotation value (`*\/bookinfo, east/payments, lab/*`).
 *
 * @throws Error naming the annotation and the entry when an entry is malformed
 *   or is `*\/*` (a claim on the whole fleet).
 * @public
 */
export function parseClaimsAnnotation(value: string): MeshplaneClaim[] {
  const seen = new Set<string>();
  const claims: MeshplaneClaim[] = [];
  for (const part of splitList(value)) {
    const [cluster, namespace] = splitPair(part, ANNOTATION_MESHPLANE_CLAIMS);
    if (cluster === '*' && namespace === '*') {
      throw new Error(
        `Invalid ${ANNOTATION_MESHPLANE_CLAIMS} entry "${part}": a claim on every namespace of every cluster is not allowed`,
      );
    }
    if (cluster !== '*' && !CLUSTER_NAME.test(cluster)) {
      throw new Error(
        `Invalid ${ANNOTATION_MESHPLANE_CLAIMS} entry "${part}": "${cluster}" is not a cluster name`,
      );
    }
    if (namespace !== '*' && !DNS_LABEL.test(namespace)) {
      throw new Error(
        `Invalid ${ANNOTATION_MESHPLANE_CLAIMS} entry "${part}": "${namespace}" is not a Kubernetes namespace name`,
      );
    }
    const key = `${cluster}/${namespace}`;
    if (!seen.has(key)) {
      seen.add(key);
      claims.push({ cluster, namespace });
    }
  }
  return claims;
}

/**
 * Whether a claim covers a namespace of a cluster.
 *
 * @public
 */
export function claimCovers(
  claim: MeshplaneClaim,
  cluster: string,
  namespace: string,
): boolean {
  return (
    (claim.cluster === '*' || claim.cluster === cluster) &&
    (claim.namespace === '*' || claim.namespace === namespace)
  );
}

/**
 * Parses a `meshplane.io/catalog-findings` annotation value.
 *
 * @throws Error naming the annotation and what is wrong when the value is not
 *   a JSON array of objects with a string `code` and `message`.
 * @public
 */
export function parseCatalogFindingsAnnotation(
  value: string,
): MeshplaneCatalogFinding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new Error(
      `Invalid ${ANNOTATION_MESHPLANE_CATALOG_FINDINGS} annotation: not JSON (${
        (error as Error).message
      })`,
    );
  }
  if (!Array.isArray(parsed)) {
    throw new Error(
      `Invalid ${ANNOTATION_MESHPLANE_CATALOG_FINDINGS} annotation: expected a JSON array of { code, message }`,
    );
  }
  return parsed.map((entry: unknown, index) => {
    const { code, message } = (entry ?? {}) as Record<string, unknown>;
    if (typeof code !== 'string' || typeof message !== 'string') {
      throw new Error(
        `Invalid ${ANNOTATION_MESHPLANE_CATALOG_FINDINGS} annotation: entry [${index}] needs a string code and message`,
      );
    }
    return { code, message };
  });
}
