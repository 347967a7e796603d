// The REST types of `/api/meshplane` are the models generated from the backend's openapi.yaml,
// documented there.
export type {
  FindingCounts,
  ListServicesQuery as ServiceListQuery,
  ServiceClusterInstance,
  ServiceListResponse,
  ServicePortSummary,
  ServiceRef,
  ServiceSummary,
  SidecarCoverage,
  VmWorkloadSummary,
} from '../schema/openapi';
