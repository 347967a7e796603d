/**
 * Meshplane web library: the API client of `/api/meshplane`, React hooks over
 * it, and shared MUI v4 components (status labels, finding links, error and
 * partial-failure panels, the topology graph).
 *
 * @packageDocumentation
 */
export * from './api';
export * from './components';
export * from './format';
export * from './hooks';
export * from './routes';
export * from './theme';
