/**
 * A Kubernetes object as the simulator stores and serves it.
 *
 * @public
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [field: string]: unknown;
}

/**
 * The metadata fields the simulator reads; everything else is kept as given.
 *
 * @public
 */
export interface KubeObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  uid?: string;
  generation?: number;
  creationTimestamp?: string;
  ownerReferences?: Array<{
    uid: string;
    kind: string;
    name: string;
    apiVersion: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }>;
  managedFields?: unknown[];
  [field: string]: unknown;
}
