export { FleetHealthContent } from './FleetHealthContent';
export { MyMeshServicesContent } from './MyMeshServicesContent';
export { OpenRequestsContent } from './OpenRequestsContent';
