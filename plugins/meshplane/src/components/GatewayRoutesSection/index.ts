export { GatewayRoutesSection } from './GatewayRoutesSection';
