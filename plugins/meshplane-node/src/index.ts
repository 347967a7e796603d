/**
 * Backend contracts of Meshplane: cluster definitions, the cluster-source
 * extension point, and a typed client for the `/api/meshplane` REST API.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './extensions';
export * from './client';
