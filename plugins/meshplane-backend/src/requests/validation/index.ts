export {
  checkGroupSettings,
  type SettingsCheckContext,
} from './checkGroupSettings';
export { parseCreateRequest } from './requestSchema';
