export {
  RESOURCE_TYPES,
  findResourceType,
  groupVersion,
  resourceTypeOf,
  storageKey,
  storedResourceTypes,
} from './resourceTypes';
export type { ResourceType } from './resourceTypes';
export {
  AGGREGATED_DISCOVERY,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  findGroup,
  servedGroupVersions,
  servedTypes,
} from './discovery';
export { documentHash, openApiV2Document, openApiV3Document } from './openapi';
export { istioCustomResourceDefinitions } from './crds';
export { tableOf, wantsTable } from './table';
