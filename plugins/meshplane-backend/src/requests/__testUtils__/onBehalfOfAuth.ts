import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import type { Request } from 'express';

const SERVICE_TOKEN = 'mock-service-token:';

/**
 * The user behind a mock plugin-request token issued on a user's behalf,
 * with the calling plugin as actor — as the real auth service reports it.
 * The mock services drop the actor, and the permission backend then refuses
 * conditional decisions ("direct user requests"), so a test with the real
 * permission backend needs this.
 */
function onBehalfOf(
  token: string | undefined,
  pluginId: string,
): BackstageCredentials | undefined {
  if (!token?.startsWith(SERVICE_TOKEN)) return undefined;
  const { obo, target } = JSON.parse(token.slice(SERVICE_TOKEN.length));
  if (!obo || (target && target !== pluginId)) return undefined;
  return mockCredentials.user(obo, {
    actor: { subject: 'plugin:on-behalf-of' },
  });
}

function bearer(req: Request): string | undefined {
  return req.headers.authorization?.match(/^Bearer[ ]+(\S+)$/i)?.[1];
}

/** Auth and HTTP auth services that keep the actor of on-behalf-of tokens. */
export const onBehalfOfAuthFactories = [
  createServiceFactory({
    service: coreServices.auth,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const mock = mockServices.auth({ pluginId: plugin.getId() });
      return {
        authenticate: async (
          token: string,
          options?: { allowLimitedAccess?: boolean },
        ) =>
          onBehalfOf(token, plugin.getId()) ??
          mock.authenticate(token, options),
        getNoneCredentials: () => mock.getNoneCredentials(),
        getOwnServiceCredentials: () => mock.getOwnServiceCredentials(),
        isPrincipal: mock.isPrincipal.bind(mock) as typeof mock.isPrincipal,
        getPluginRequestToken: options => mock.getPluginRequestToken(options),
        getLimitedUserToken: credentials =>
          mock.getLimitedUserToken(credentials),
        listPublicServiceKeys: () => mock.listPublicServiceKeys(),
      };
    },
  }),
  createServiceFactory({
    service: coreServices.httpAuth,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const mock = mockServices.httpAuth({ pluginId: plugin.getId() });
      return {
        credentials: (async (req: Request, options?: { allow?: string[] }) => {
          const credentials = onBehalfOf(bearer(req), plugin.getId());
          if (!credentials) return mock.credentials(req, options as any);
          if (options?.allow && !options.allow.includes('user')) {
            throw new NotAllowedError(
              `This endpoint does not allow 'user' credentials`,
            );
          }
          return credentials;
        }) as typeof mock.credentials,
        issueUserCookie: (res, options) => mock.issueUserCookie(res, options),
      };
    },
  }),
];
