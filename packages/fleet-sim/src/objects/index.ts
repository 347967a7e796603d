export type { KubeObject, KubeObjectMeta } from './KubeObject';
