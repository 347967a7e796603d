// The REST types of `/api/meshplane` are the models generated from the backend's openapi.yaml,
// documented there.
export type {
  Finding,
  ListFindingsQuery as FindingsQuery,
  FindingsResponse,
} from '../schema/openapi';
