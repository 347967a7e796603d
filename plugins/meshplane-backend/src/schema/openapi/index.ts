export { createOpenApiRouter, spec } from './generated';
