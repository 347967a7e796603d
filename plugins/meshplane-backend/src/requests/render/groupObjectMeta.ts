import type {
  KubeObject,
  MeshGroupType,
} from '@meshplane/plugin-meshplane-common';

/**
 * Kubernetes' cluster DNS domain, which Istio's service host names use
 * (`<name>.<namespace>.svc.cluster.local`). Istio reads it from the proxy's
 * DNS domain; every cluster of the demo and of a default install uses this.
 */
export const CLUSTER_DOMAIN = 'cluster.local';

/** Label every object Meshplane renders carries: who manages it. */
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
/** Label naming the group an object belongs to. */
export const LABEL_GROUP = 'meshplane.io/group';
/** Label naming the group's type. */
export const LABEL_GROUP_TYPE = 'meshplane.io/group-type';
/** Annotation naming the workspace (System entity ref) an object belongs to. */
export const ANNOTATION_WORKSPACE = 'meshplane.io/workspace';

/** Where one group's objects go, and what the renderers need to know about it. */
export interface RenderTarget {
  /** System entity ref of the workspace. */
  workspace: string;
  groupType: MeshGroupType;
  groupName: string;
  cluster: string;
  namespace: string;
  /** Namespaces of the workspace in the target's cluster (WORKSPACE modes). */
  workspaceNamespaces: string[];
  /** Trust domain of the cluster's mesh (`MeshConfig.trustDomain`). */
  trustDomain: string;
  /** Istio's root namespace in the cluster (`MeshConfig.rootNamespace`). */
  rootNamespace: string;
}

/** Metadata of a rendered object: named after the group, labelled as Meshplane's. */
export function groupObjectMeta(
  target: RenderTarget,
  name: string,
): KubeObject['metadata'] {
  return {
    name,
    namespace: target.namespace,
    labels: {
      [LABEL_MANAGED_BY]: 'meshplane',
      [LABEL_GROUP]: target.groupName,
      [LABEL_GROUP_TYPE]: target.groupType,
    },
    annotations: { [ANNOTATION_WORKSPACE]: target.workspace },
  };
}

/** `<service>.<namespace>.svc.cluster.local`. */
export function serviceHost(service: string, namespace: string): string {
  return `${service}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/**
 * Identity of an object within a cluster: API group (not version: every
 * served version is the same object), kind, namespace and name.
 */
export function objectKey(object: {
  apiVersion: string;
  kind: string;
  metadata: { namespace?: string | null; name: string };
}): string {
  return `${object.apiVersion.split('/')[0]}/${object.kind}/${
    object.metadata.namespace ?? ''
  }/${object.metadata.name}`;
}
