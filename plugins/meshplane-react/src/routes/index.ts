export { findingCodesRouteRef, useOptionalRouteRef } from './routes';
