export {
  ANNOTATION_WORKSPACE,
  CLUSTER_DOMAIN,
  LABEL_GROUP,
  LABEL_GROUP_TYPE,
  LABEL_MANAGED_BY,
  objectKey,
  serviceHost,
  type RenderTarget,
} from './groupObjectMeta';
export { DEFAULT_GATEWAY_SELECTOR } from './renderGatewayGroup';
export {
  DIRECT_KINDS,
  parseDirectObjects,
  type DirectObject,
} from './renderDirectGroup';
export { GROUP_KINDS, renderGroup } from './renderGroup';
export {
  GATEWAY_API_GROUP,
  GATEWAY_API_LIMITS,
  referenceGrantName,
} from './renderGatewayApiGroup';
