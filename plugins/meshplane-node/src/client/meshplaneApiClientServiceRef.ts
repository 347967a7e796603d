import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { MeshplaneApiClient } from './MeshplaneApiClient';

/**
 * Service ref of a {@link MeshplaneApiClient} for the requesting plugin,
 * built from its discovery and auth services:
 * `deps: { meshplane: meshplaneApiClientServiceRef }`.
 *
 * @public
 */
export const meshplaneApiClientServiceRef =
  createServiceRef<MeshplaneApiClient>({
    id: 'meshplane.api-client',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          discovery: coreServices.discovery,
          auth: coreServices.auth,
        },
        factory: ({ discovery, auth }) =>
          MeshplaneApiClient.create({ discovery, auth }),
      }),
  });
