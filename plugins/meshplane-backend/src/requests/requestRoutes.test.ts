import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import type { FleetServer } from '@meshplane/fleet-sim';
import meshplanePolicyModule from '@meshplane/plugin-permission-backend-module-meshplane';
import {
  type EntityMeshView,
  type MeshRequest,
  type MeshRequestDetail,
  type RenderResponse,
  type WorkspaceInventory,
} from '@meshplane/plugin-meshplane-common';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import knexFactory from 'knex';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import {
  FAST_CONNECTION,
  meshplaneClustersConfig,
  startDemoFleet,
  startMeshplaneTestBackend,
  waitFor,
} from '../__testUtils__/meshplaneTestBackend';
import { meshplanePlugin } from '../plugin';
import { onBehalfOfAuthFactories } from './__testUtils__/onBehalfOfAuth';
import { requestTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(180_000);

const examples = resolve(__dirname, '../../../../examples');

/** Group memberships of the demo organisation (examples/org.yaml), as the auth backend would put them in tokens. */
const MEMBERS: Record<string, string[]> = {
  'user:default/guest': ['group:default/bookinfo-team'],
  'user:default/alice': ['group:default/platform-team'],
  'user:default/bob': ['group:default/payments-team'],
  'user:default/carol': ['group:default/identity-team'],
  'user:default/dave': ['group:default/bookinfo-team'],
  // Not in examples/org.yaml: a member of the shop team, whose workspace claims two namespaces.
  'user:default/erin': ['group:default/shop-team'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(MEMBERS[userEntityRef] ?? [])],
      };
    },
  }),
});

const databases = requestTestDatabases();

type Knex = Awaited<ReturnType<typeof databases.init>>;
type DatabaseId = Parameters<typeof databases.init>[0];

/**
 * A database per plugin, as a real backend gives them. SQLite databases are
 * files (an in-memory SQLite database lives only as long as its pooled
 * connection); PostgreSQL ones come from TestDatabases. `name` picks the file,
 * so a restarted backend finds the same Meshplane database.
 */
async function openDatabase(
  databaseId: DatabaseId,
  directory: string,
  name: string,
): Promise<Knex> {
  if (databaseId !== 'SQLITE_3') return databases.init(databaseId);
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(directory, `${name}.sqlite`) },
    useNullAsDefault: true,
  });
}

function pluginDatabases(
  meshplane: Knex,
  databaseId: DatabaseId,
  directory: string,
) {
  const opened: Knex[] = [];
  return {
    opened,
    factory: createServiceFactory({
      service: coreServices.database,
      deps: { plugin: coreServices.pluginMetadata },
      factory: async ({ plugin }) => {
        let knex = meshplane;
        if (plugin.getId() !== 'meshplane') {
          knex = await openDatabase(
            databaseId,
            directory,
            `${plugin.getId()}-${randomUUID()}`,
          );
          opened.push(knex);
        }
        return { getClient: async () => knex, migrations: { skip: false } };
      },
    }),
  };
}

async function startPortalBackend(
  fleet: FleetServer,
  knex: Knex,
  databaseId: DatabaseId,
  directory: string,
  options: {
    allowSelfApproval?: boolean;
    /** `meshplane.workspaces`. */
    workspaces?: Array<{ ref: string; gatewayApi?: string }>;
  } = {},
) {
  const { factory, opened } = pluginDatabases(knex, databaseId, directory);
  const backend = await startTestBackend({
    features: [
      ...onBehalfOfAuthFactories,
      meshplanePlugin,
      catalogPlugin,
      permissionPlugin,
      meshplanePolicyModule,
      userInfoFactory,
      factory,
      mockServices.rootLogger.factory({ level: 'error' }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          meshplane: {
            clusters: meshplaneClustersConfig(fleet),
            connection: FAST_CONNECTION,
            permissions: {
              platformAdmins: ['group:default/platform-team'],
              allowSelfApproval: options.allowSelfApproval ?? false,
            },
            ...(options.workspaces ? { workspaces: options.workspaces } : {}),
          },
          catalog: {
            rules: [
              { allow: ['System', 'Domain', 'Group', 'User', 'Location'] },
            ],
            locations: [
              { type: 'file', target: `${examples}/org.yaml` },
              { type: 'file', target: `${examples}/workspaces.yaml` },
              {
                type: 'file',
                target: resolve(__dirname, '__fixtures__/rival-workspace.yaml'),
              },
            ],
            processingInterval: { seconds: 1 },
          },
        },
      }),
    ],
  });
  return {
    server: backend.server,
    async stop() {
      await backend.stop();
      await Promise.all(opened.map(other => other.destroy()));
    },
  };
}

const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);

const securityRequest = {
  workspace: 'system:default/bookinfo',
  description: 'Only bookinfo calls bookinfo, over mTLS',
  group: {
    type: 'security',
    name: 'strict-bookinfo',
    mode: 'BRIDGED',
    namespaces: ['*/bookinfo'],
    settings: { trafficMode: 'REQUIRED', authorization: { mode: 'WORKSPACE' } },
  },
};

/** The kubectl the simulator's kubectl tests run (Debian's). */
const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

/**
 * `describe` for the kubectl read-backs: skipped without kubectl, unless CI is
 * set (as the simulator's kubectl tests do).
 */
const describeKubectl = ((): boolean => {
  if (existsSync(KUBECTL)) return true;
  if (process.env.CI) throw new Error(`${KUBECTL} is missing`);
  return false;
})()
  ? describe
  : describe.skip;

/**
 * The real kubectl against the fleet's `east-1`, asynchronous since the
 * simulator answers in this process.
 */
function kubectlFor(fleet: FleetServer) {
  const dir = mkdtempSync(join(tmpdir(), 'meshplane-kubectl-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, fleet.kubeconfig, { mode: 0o600 });
  const run = (args: string[]) =>
    new Promise<string>((done, fail) =>
      execFile(
        KUBECTL,
        [
          '--kubeconfig',
          kubeconfig,
          '--cache-dir',
          join(dir, 'cache'),
          '--context',
          'east-1',
          ...args,
        ],
        { env: { ...process.env, HOME: dir }, timeout: 60_000 },
        (error, stdout, stderr) =>
          error ? fail(new Error(`kubectl: ${stderr || error}`)) : done(stdout),
      ),
    );
  return Object.assign(run, {
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
}

async function ready(backend: { server: TestBackend['server'] }) {
  await waitFor(
    async () => {
      const res = await request(backend.server)
        .get('/api/meshplane/clusters')
        .set('Authorization', as('guest'));
      const clusters: Array<{ status: string; name: string }> =
        res.body.items ?? [];
      return (
        clusters.length === 4 &&
        clusters.every(c => c.status === 'synced' || c.name === 'lab-1')
      );
    },
    { timeoutMs: 60_000, message: 'the demo fleet to sync' },
  );
  await waitFor(
    async () => {
      const res = await request(backend.server)
        .get('/api/meshplane/workspaces')
        .set('Authorization', as('guest'));
      return (res.body.items ?? []).length >= 5;
    },
    { timeoutMs: 60_000, message: 'the catalog to ingest the workspaces' },
  );
}

async function detail(
  backend: { server: TestBackend['server'] },
  id: string,
  user = 'guest',
): Promise<MeshRequestDetail> {
  const res = await request(backend.server)
    .get(`/api/meshplane/requests/${id}`)
    .set('Authorization', as(user));
  expect(res.status).toBe(200);
  return res.body;
}

describe.each(databases.eachSupportedId())(
  'group requests end to end on %s',
  databaseId => {
    let fleet: FleetServer;
    let directory: string;

    /** The gateway group the Gateway API test rolls out to east-1 and the kubectl test reads back. */
    const gatewayApiGroup = `storefront-${databaseId
      .toLowerCase()
      .replace(/_/g, '')}`;

    beforeAll(async () => {
      fleet = await startDemoFleet();
      directory = mkdtempSync(join(tmpdir(), 'meshplane-requests-'));
    });
    afterAll(async () => {
      await fleet?.stop();
      rmSync(directory, { recursive: true, force: true });
    });

    it('refuses bad input with field-level messages', async () => {
      const backend = await startPortalBackend(
        fleet,
        await openDatabase(databaseId, directory, 'bad-input'),
        databaseId,
        directory,
      );
      try {
        await ready(backend);
        const refuse = async (user: string, body: object) => {
          const res = await request(backend.server)
            .post('/api/meshplane/requests')
            .set('Authorization', as(user))
            .send(body);
          expect(res.status).toBe(400);
          return res.body.error.fieldErrors as Array<{
            field: string;
            message: string;
          }>;
        };
        const gateway = (
          settings: object,
          namespaces = ['east-1/bookinfo'],
        ) => ({
          workspace: 'bookinfo',
          group: {
            type: 'gateway',
            name: 'shop',
            mode: 'BRIDGED',
            namespaces,
            settings,
          },
        });

        expect(
          await refuse(
            'guest',
            gateway({
              hosts: ['shop_1.example.com'],
              routes: [{ service: 'productpage', port: 9080 }],
            }),
          ),
        ).toContainEqual({
          field: 'group.settings.hosts[0]',
          message: expect.stringContaining('not a valid DNS name'),
        });
        expect(
          await refuse(
            'guest',
            gateway({
              hosts: ['shop.example.com'],
              routes: [
                { service: 'checkout', namespace: 'payments', port: 8080 },
              ],
            }),
          ),
        ).toContainEqual({
          field: 'group.settings.routes[0].namespace',
          message: expect.stringContaining(
            'namespace payments is outside workspace system:default/bookinfo',
          ),
        });
        expect(
          await refuse(
            'guest',
            gateway({
              hosts: ['storefront.example.com'],
              routes: [{ service: 'productpage', port: 9080 }],
            }),
          ),
        ).toContainEqual({
          field: 'group.settings.hosts[0]',
          message: expect.stringContaining('east-1/payments/payments-gateway'),
        });
        expect(
          await refuse('guest', {
            ...securityRequest,
            group: {
              ...securityRequest.group,
              namespaces: ['east-1/payments'],
            },
          }),
        ).toContainEqual({
          field: 'group.namespaces[0]',
          message: expect.stringContaining(
            'east-1/payments is not claimed by workspace system:default/bookinfo',
          ),
        });
        expect(
          await refuse('carol', {
            ...securityRequest,
            workspace: 'system:default/identity',
            group: { ...securityRequest.group, namespaces: ['*/identity'] },
          }),
        ).toContainEqual({
          field: 'group.namespaces[0]',
          message: expect.stringContaining(
            'conflicting claims: also claimed west-1/identity by system:default/identity-west',
          ),
        });
        expect(
          await refuse('guest', {
            workspace: 'bookinfo',
            group: {
              type: 'security',
              name: 'direct',
              mode: 'DIRECT',
              namespaces: ['east-1/bookinfo'],
              objects:
                'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: strictest\nspec:\n  mtls:\n    mode: STRICTEST\n',
            },
          }),
        ).toContainEqual({
          field: 'group.objects[0].spec.mtls.mode',
          message: expect.stringContaining('PeerAuthentication strictest'),
        });

        // An unknown workspace is a field error, not "not owned by you".
        expect(
          await refuse('guest', {
            ...securityRequest,
            workspace: 'system:default/nowhere',
          }),
        ).toEqual([
          {
            field: 'workspace',
            message: expect.stringContaining(
              'system:default/nowhere is not a workspace',
            ),
          },
        ]);

        // Someone outside the workspace's owners may not request for it.
        const forbidden = await request(backend.server)
          .post('/api/meshplane/requests')
          .set('Authorization', as('bob'))
          .send(securityRequest);
        expect(forbidden.status).toBe(403);

        const listed = await request(backend.server)
          .get('/api/meshplane/requests')
          .set('Authorization', as('alice'));
        expect(listed.body.items).toEqual([]);
      } finally {
        await backend.stop();
      }
    });

    it('lets a requester approve their own request when allowSelfApproval is set, and tells the page', async () => {
      const backend = await startPortalBackend(
        fleet,
        await openDatabase(databaseId, directory, 'self-approval'),
        databaseId,
        directory,
        { allowSelfApproval: true },
      );
      try {
        await ready(backend);
        const created = await request(backend.server)
          .post('/api/meshplane/requests')
          .set('Authorization', as('guest'))
          .send({
            ...securityRequest,
            group: {
              ...securityRequest.group,
              namespaces: ['east-1/bookinfo'],
            },
          });
        expect(created.status).toBe(201);
        const own = await detail(backend, (created.body as MeshRequest).id);
        expect(own.selfApproval).toBe(true);
        expect(own.actions.approve).toBe(true);
      } finally {
        await backend.stop();
      }
    });

    it('renders a gateway group of a workspace in Gateway API mode to Gateway, HTTPRoute and ReferenceGrant, previews, rolls out and reads them back', async () => {
      const backend = await startPortalBackend(
        fleet,
        await openDatabase(databaseId, directory, 'gateway-api'),
        databaseId,
        directory,
        {
          workspaces: [{ ref: 'shop', gatewayApi: 'gateway-api' }],
        },
      );
      const group = gatewayApiGroup;
      const gatewayRequest = {
        workspace: 'system:default/shop',
        description: 'The storefront and the orders API on storefront hosts',
        group: {
          type: 'gateway',
          name: group,
          mode: 'BRIDGED',
          namespaces: ['*/shop'],
          settings: {
            hosts: [`${group}.example.com`],
            routes: [
              { pathPrefix: '/', service: 'storefront', port: 8080 },
              {
                pathPrefix: '/api/orders',
                service: 'orders-api',
                namespace: 'orders',
                port: 8080,
              },
            ],
          },
        },
      };
      try {
        await ready(backend);

        // The workspace's own setting: Gateway API objects, not Istio's Gateway/VirtualService.
        const rendered = await request(backend.server)
          .post('/api/meshplane/requests/render')
          .set('Authorization', as('erin'))
          .send(gatewayRequest);
        expect(rendered.status).toBe(200);
        const body = rendered.body as RenderResponse;
        expect(
          body.objects.map(
            ({ cluster, object }) =>
              `${cluster} ${object.apiVersion} ${object.kind} ${object.metadata.namespace}/${object.metadata.name}`,
          ),
        ).toEqual([
          `east-1 gateway.networking.k8s.io/v1 Gateway shop/${group}`,
          `east-1 gateway.networking.k8s.io/v1 HTTPRoute shop/${group}`,
          `east-1 gateway.networking.k8s.io/v1beta1 ReferenceGrant orders/${group}-from-shop`,
        ]);
        expect(body.preview.clusters).toHaveLength(1);
        const east1 = body.preview.clusters[0];
        expect(east1.cluster).toBe('east-1');
        expect(east1.objects.map(o => `${o.change} ${o.kind}`)).toEqual([
          'create Gateway',
          'create HTTPRoute',
          'create ReferenceGrant',
        ]);
        expect(east1.objects.find(o => o.kind === 'HTTPRoute')?.diff).toContain(
          `+    - ${group}.example.com`,
        );
        // The engine finds nothing wrong with them: the route attaches, its backends resolve.
        expect(
          east1.impact.findingsAdded
            .map(f => f.code)
            .filter(code => /^(MPL05|KIA14|KIA15|IST0171)/.test(code)),
        ).toEqual([]);

        // Istio-mode settings that mean nothing here are refused, naming the field.
        const selector = await request(backend.server)
          .post('/api/meshplane/requests/render')
          .set('Authorization', as('erin'))
          .send({
            ...gatewayRequest,
            group: {
              ...gatewayRequest.group,
              settings: {
                ...gatewayRequest.group.settings,
                selector: { istio: 'ingressgateway' },
              },
            },
          });
        expect(selector.status).toBe(400);
        expect(selector.body.error.fieldErrors).toContainEqual({
          field: 'group.settings.selector',
          message: expect.stringContaining('remove selector'),
        });

        const created = await request(backend.server)
          .post('/api/meshplane/requests')
          .set('Authorization', as('erin'))
          .send(gatewayRequest);
        expect(created.status).toBe(201);
        const id = (created.body as MeshRequest).id;
        const approved = await request(backend.server)
          .post(`/api/meshplane/requests/${id}/approve`)
          .set('Authorization', as('alice'))
          .send({ comment: 'storefront on the Gateway API' });
        expect(approved.status).toBe(200);
        const done = await waitFor(
          async () => {
            const current = await detail(backend, id, 'erin');
            return current.status === 'READY' ? current : undefined;
          },
          { timeoutMs: 60_000, message: 'the gateway group to roll out' },
        );
        expect(done.clusters).toEqual([
          expect.objectContaining({
            cluster: 'east-1',
            status: 'READY',
            appliedCount: 3,
          }),
        ]);

        // Read back from the simulator, and with the real kubectl.
        const route = fleet.cluster('east-1').get({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          namespace: 'shop',
          name: group,
        });
        expect(route?.spec).toEqual(
          body.objects.find(o => o.object.kind === 'HTTPRoute')!.object.spec,
        );
        // The watch brings the objects back into the live state: a new preview has nothing to change.
        await waitFor(
          async () => {
            const again = await request(backend.server)
              .post(`/api/meshplane/requests/${id}/preview`)
              .set('Authorization', as('erin'));
            const objects = (again.body as MeshRequestDetail).preview
              ?.clusters[0]?.objects;
            return objects?.every(o => o.change === 'unchanged');
          },
          {
            timeoutMs: 30_000,
            message: 'the preview to find every object applied',
          },
        );

        // A cluster without the Gateway API's CRDs cannot take them: refused before anything is stored.
        await fleet.setFaults('east-1', {
          missingResources: ['httproutes.gateway.networking.k8s.io'],
        });
        const refused = await waitFor(
          async () => {
            const res = await request(backend.server)
              .post('/api/meshplane/requests/render')
              .set('Authorization', as('erin'))
              .send(gatewayRequest);
            return res.status === 400 ? res.body : undefined;
          },
          { timeoutMs: 30_000, message: 'discovery to miss the HTTPRoute CRD' },
        );
        expect(refused.error.fieldErrors).toContainEqual({
          field: 'group.namespaces',
          message: expect.stringMatching(
            /^cluster east-1 does not serve the Gateway API's HTTPRoute \(gateway\.networking\.k8s\.io CRDs not installed\)/,
          ),
        });
      } finally {
        await fleet.setFaults('east-1', {});
        await backend.stop();
      }
    });

    // Right after the Gateway API test (tests run in order), whose objects it reads and removes.
    describeKubectl('with kubectl', () => {
      it('reads the HTTPRoute and ReferenceGrant the Gateway API test rolled out back with kubectl', async () => {
        const group = gatewayApiGroup;
        const kubectl = kubectlFor(fleet);
        try {
          const got = JSON.parse(
            await kubectl([
              'get',
              'httproutes.gateway.networking.k8s.io',
              group,
              '-n',
              'shop',
              '-o',
              'json',
              '--show-managed-fields',
            ]),
          );
          expect(got.apiVersion).toBe('gateway.networking.k8s.io/v1');
          expect(got.spec.parentRefs).toEqual([
            {
              group: 'gateway.networking.k8s.io',
              kind: 'Gateway',
              name: group,
            },
          ]);
          expect(
            got.spec.rules.map((r: any) => [
              r.matches[0].path.value,
              `${r.backendRefs[0].namespace ?? 'shop'}/${
                r.backendRefs[0].name
              }`,
            ]),
          ).toEqual([
            ['/api/orders', 'orders/orders-api'],
            ['/', 'shop/storefront'],
          ]);
          expect(got.metadata.managedFields[0].manager).toBe('meshplane');
          const grant = JSON.parse(
            await kubectl([
              'get',
              'referencegrants.gateway.networking.k8s.io',
              `${group}-from-shop`,
              '-n',
              'orders',
              '-o',
              'json',
            ]),
          );
          expect(grant.spec.from).toEqual([
            {
              group: 'gateway.networking.k8s.io',
              kind: 'HTTPRoute',
              namespace: 'shop',
            },
          ]);
        } finally {
          kubectl.cleanup();
          for (const [apiVersion, kind, namespace, name] of [
            ['gateway.networking.k8s.io/v1', 'Gateway', 'shop', group],
            ['gateway.networking.k8s.io/v1', 'HTTPRoute', 'shop', group],
            [
              'gateway.networking.k8s.io/v1beta1',
              'ReferenceGrant',
              'orders',
              `${group}-from-shop`,
            ],
          ]) {
            fleet
              .cluster('east-1')
              .delete({ apiVersion, kind, namespace, name });
          }
        }
      });
    });

    it('previews, is approved by an owner, rolls out, survives a restart with a cluster down and retries to READY', async () => {
      const knex = await openDatabase(databaseId, directory, 'meshplane');
      let backend = await startPortalBackend(
        fleet,
        knex,
        databaseId,
        directory,
      );
      let requestId = '';
      let east1Versions: Record<string, string | undefined> = {};
      try {
        await ready(backend);

        // The preview of the security group: bookinfo's own STRICT policy, which breaks no
        // connection, and an ALLOW of bookinfo only, which denies every caller from elsewhere —
        // the ingress gateway's route to productpage among them.
        const rendered = await request(backend.server)
          .post('/api/meshplane/requests/render')
          .set('Authorization', as('guest'))
          .send(securityRequest);
        expect(rendered.status).toBe(200);
        const preview = (rendered.body as RenderResponse).preview;
        expect(preview.breaking).toBe(true);
        const east1 = preview.clusters.find(c => c.cluster === 'east-1')!;
        expect(east1.impact.startFailing).toEqual([]);
        expect(east1.impact.startDenied).toContainEqual({
          before: expect.objectContaining({ outcome: 'mtls' }),
          after: expect.objectContaining({
            outcome: 'denied',
            from: expect.objectContaining({
              workload: 'istio-ingressgateway',
            }),
            to: expect.objectContaining({ service: 'productpage' }),
            deniedBy: expect.objectContaining({ kind: 'AuthorizationPolicy' }),
          }),
        });
        expect(
          preview.clusters.map(c => [c.cluster, c.impact.namespaces]),
        ).toEqual([
          [
            'east-1',
            [
              {
                namespace: 'bookinfo',
                before: 'UNSET_INHERITED_STRICT',
                after: 'MTLS_ENABLED',
              },
            ],
          ],
          [
            // A remote: east-1's istiod configures it, so east-1's mesh-wide STRICT applies.
            'east-2',
            [
              {
                namespace: 'bookinfo',
                before: 'UNSET_INHERITED_STRICT',
                after: 'MTLS_ENABLED',
              },
            ],
          ],
          [
            'west-1',
            [
              {
                namespace: 'bookinfo',
                before: 'UNSET_INHERITED_STRICT',
                after: 'MTLS_ENABLED',
              },
            ],
          ],
        ]);
        expect(
          preview.clusters.every(
            c =>
              c.objects.map(o => `${o.kind}/${o.change}`).join() ===
              'PeerAuthentication/create,AuthorizationPolicy/create',
          ),
        ).toBe(true);

        // A DestinationRule that turns TLS off towards STRICT servers: the preview shows the edges that would fail.
        const breaking = await request(backend.server)
          .post('/api/meshplane/requests/render')
          .set('Authorization', as('guest'))
          .send({
            workspace: 'bookinfo',
            group: {
              type: 'traffic',
              name: 'reviews-plain',
              mode: 'DIRECT',
              namespaces: ['east-1/bookinfo'],
              objects:
                'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews-plain\nspec:\n  host: reviews.bookinfo.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n',
            },
          });
        expect(breaking.status).toBe(200);
        const breakingPreview = (breaking.body as RenderResponse).preview;
        expect(breakingPreview.breaking).toBe(true);
        const failing = breakingPreview.clusters[0].impact.startFailing;
        expect(failing).toContainEqual({
          before: expect.objectContaining({
            outcome: 'mtls',
            from: expect.objectContaining({ workload: 'productpage-v1' }),
          }),
          after: expect.objectContaining({
            outcome: 'fail',
            to: expect.objectContaining({ service: 'reviews', subset: 'v1' }),
            reason: expect.stringContaining('STRICT and rejects plaintext'),
          }),
        });
        expect(
          breakingPreview.clusters[0].impact.findingsAdded.map(f => f.code),
        ).toContain('MPL0001');

        const created = await request(backend.server)
          .post('/api/meshplane/requests')
          .set('Authorization', as('guest'))
          .send(securityRequest);
        expect(created.status).toBe(201);
        const stored = created.body as MeshRequest;
        requestId = stored.id;
        expect(stored).toMatchObject({
          workspace: 'system:default/bookinfo',
          workspaceOwner: 'group:default/bookinfo-team',
          requester: 'user:default/guest',
          approval: { state: 'PENDING' },
          status: 'ACCEPTED',
        });
        expect(stored.clusters.map(c => c.cluster)).toEqual([
          'east-1',
          'east-2',
          'west-1',
        ]);

        // The requester may not approve their own request, and the page is told so; payments
        // may not even read it.
        const ownView = await detail(backend, requestId);
        expect(ownView.actions).toEqual({ approve: false, retry: false });
        expect(ownView.selfApproval).toBe(false);
        const self = await request(backend.server)
          .post(`/api/meshplane/requests/${requestId}/approve`)
          .set('Authorization', as('guest'));
        expect(self.status).toBe(403);
        const outsider = await request(backend.server)
          .get(`/api/meshplane/requests/${requestId}`)
          .set('Authorization', as('bob'));
        expect(outsider.status).toBe(403);
        // Without read, a known id and an unknown one get the same answer; a platform admin learns it is unknown.
        const unknownId = randomUUID();
        const outsiderUnknown = await request(backend.server)
          .get(`/api/meshplane/requests/${unknownId}`)
          .set('Authorization', as('bob'));
        expect(outsiderUnknown.status).toBe(403);
        const adminUnknown = await request(backend.server)
          .get(`/api/meshplane/requests/${unknownId}`)
          .set('Authorization', as('alice'));
        expect(adminUnknown.status).toBe(404);
        const bobsList = await request(backend.server)
          .get('/api/meshplane/requests')
          .set('Authorization', as('bob'));
        expect(bobsList.body.items).toEqual([]);

        // Another owner of the workspace approves, while west-1 is down.
        expect((await detail(backend, requestId, 'dave')).actions.approve).toBe(
          true,
        );
        await fleet.setFaults('west-1', { down: true });
        const approved = await request(backend.server)
          .post(`/api/meshplane/requests/${requestId}/approve`)
          .set('Authorization', as('dave'))
          .send({ comment: 'looks right' });
        expect(approved.status).toBe(200);

        const partial = await waitFor(
          async () => {
            const current = await detail(backend, requestId);
            return current.status === 'PARTIAL' &&
              current.clusters.every(c => c.status !== 'ACCEPTED')
              ? current
              : undefined;
          },
          { timeoutMs: 60_000, message: 'the rollout to end PARTIAL' },
        );
        expect(partial.clusters.map(c => [c.cluster, c.status])).toEqual([
          ['east-1', 'READY'],
          ['east-2', 'READY'],
          ['west-1', 'FAILED'],
        ]);
        expect(partial.clusters[2].lastError).toMatch(
          /west-1: cluster unreachable/,
        );
        expect(partial.actions.retry).toBe(true);

        const live = fleet.cluster('east-1').get({
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          namespace: 'bookinfo',
          name: 'strict-bookinfo',
        });
        expect(live?.spec).toEqual({ mtls: { mode: 'STRICT' } });
        east1Versions = Object.fromEntries(
          ['PeerAuthentication', 'AuthorizationPolicy'].map(kind => [
            kind,
            fleet.cluster('east-1').get({
              apiVersion: 'security.istio.io/v1',
              kind,
              namespace: 'bookinfo',
              name: 'strict-bookinfo',
            })?.metadata.resourceVersion,
          ]),
        );

        // The workspace's posture follows from the watch: bookinfo in east-1 is now STRICT by its own policy.
        await waitFor(
          async () => {
            const res = await request(backend.server)
              .get('/api/meshplane/entity/system/default/bookinfo')
              .set('Authorization', as('guest'));
            const view = res.body as EntityMeshView;
            return view.posture?.namespaces.some(
              n =>
                n.cluster === 'east-1' &&
                n.namespace === 'bookinfo' &&
                n.status === 'MTLS_ENABLED',
            );
          },
          {
            timeoutMs: 30_000,
            message: 'the posture of bookinfo in east-1 to become MTLS_ENABLED',
          },
        );
      } finally {
        await backend.stop();
        await fleet.setFaults('west-1', {});
      }

      // A new backend on the same database has everything; the retry completes west-1 only.
      backend = await startPortalBackend(fleet, knex, databaseId, directory);
      try {
        await ready(backend);
        const restored = await detail(backend, requestId);
        expect(restored.status).toBe('PARTIAL');
        expect(restored.events.map(e => e.action)).toEqual(
          expect.arrayContaining([
            'created',
            'approved',
            'applied',
            'apply-failed',
          ]),
        );
        const retried = await request(backend.server)
          .post(`/api/meshplane/requests/${requestId}/retry`)
          .set('Authorization', as('guest'));
        expect(retried.status).toBe(200);
        const done = await waitFor(
          async () => {
            const current = await detail(backend, requestId);
            return current.status === 'READY' ? current : undefined;
          },
          { timeoutMs: 60_000, message: 'the retry to complete' },
        );
        expect(
          done.clusters.every(
            c => c.appliedCount === c.objectCount && c.objectCount === 2,
          ),
        ).toBe(true);
        expect(done.clusters.find(c => c.cluster === 'east-1')?.attempts).toBe(
          1,
        );
        expect(
          fleet.cluster('west-1').get({
            apiVersion: 'security.istio.io/v1',
            kind: 'AuthorizationPolicy',
            namespace: 'bookinfo',
            name: 'strict-bookinfo',
          })?.spec,
        ).toEqual({
          action: 'ALLOW',
          rules: [{ from: [{ source: { namespaces: ['bookinfo'] } }] }],
        });
        for (const [kind, version] of Object.entries(east1Versions)) {
          expect(
            fleet.cluster('east-1').get({
              apiVersion: 'security.istio.io/v1',
              kind,
              namespace: 'bookinfo',
              name: 'strict-bookinfo',
            })?.metadata.resourceVersion,
          ).toBe(version);
        }
        const trail = done.events.map(e => [
          e.action,
          e.actor,
          e.cluster ?? '',
        ]);
        expect(trail.slice(0, 2)).toEqual([
          ['created', 'user:default/guest', ''],
          ['approved', 'user:default/dave', ''],
        ]);
        expect(trail.slice(2, 5)).toEqual(
          expect.arrayContaining([
            ['applied', 'plugin:meshplane', 'east-1'],
            ['applied', 'plugin:meshplane', 'east-2'],
            ['apply-failed', 'plugin:meshplane', 'west-1'],
          ]),
        );
        expect(trail.slice(5)).toEqual([
          ['retried', 'user:default/guest', ''],
          ['applied', 'plugin:meshplane', 'west-1'],
        ]);
      } finally {
        await backend.stop();
        for (const cluster of ['east-1', 'east-2', 'west-1']) {
          for (const kind of ['PeerAuthentication', 'AuthorizationPolicy']) {
            fleet.cluster(cluster).delete({
              apiVersion: 'security.istio.io/v1',
              kind,
              namespace: 'bookinfo',
              name: 'strict-bookinfo',
            });
          }
        }
      }
    });
  },
);

/** The demo workspaces (examples/workspaces.yaml) as catalog entities. */
function demoWorkspaces(): Entity[] {
  return YAML.parseAllDocuments(
    readFileSync(`${examples}/workspaces.yaml`, 'utf8'),
  ).map(doc => {
    const entity = doc.toJS() as Entity;
    return {
      ...entity,
      metadata: { namespace: 'default', ...entity.metadata },
    };
  });
}

describe('group requests under a policy that grants some request permissions', () => {
  const granted = new Set<string>();
  const decide = async (requests: Array<{ permission: { name: string } }>) =>
    requests.map(r => ({
      result: granted.has(r.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    }));
  const permissions = mockServices.permissions.mock({
    authorize: decide as any,
    authorizeConditional: decide as any,
  });
  const auditor = mockServices.auditor.mock();
  let fleet: FleetServer;
  let backend: TestBackend;

  beforeAll(async () => {
    fleet = await startDemoFleet();
    backend = await startMeshplaneTestBackend({
      fleet,
      entities: demoWorkspaces(),
      features: [permissions.factory, auditor.factory],
    });
    granted.add('meshplane.fleet.read');
    await waitFor(
      async () => {
        const res = await request(backend.server)
          .get('/api/meshplane/clusters')
          .set('Authorization', as('guest'));
        return (
          (res.body.items ?? []).filter(
            (c: { status: string }) => c.status === 'synced',
          ).length >= 3
        );
      },
      { timeoutMs: 60_000, message: 'the demo fleet to sync' },
    );
  });
  afterAll(async () => {
    await backend?.stop();
    await fleet?.stop();
  });
  beforeEach(() => {
    granted.clear();
    auditor.createEvent.mockImplementation(async () => ({
      success: jest.fn(),
      fail: jest.fn(),
    }));
  });

  it("lists a workspace's Services and service accounts from the live fleet, for fleet readers only", async () => {
    granted.add('meshplane.fleet.read');
    const res = await request(backend.server)
      .get('/api/meshplane/workspaces/default/bookinfo/inventory')
      .set('Authorization', as('guest'));
    expect(res.status).toBe(200);
    const inventory = res.body as WorkspaceInventory;
    expect(inventory.workspace).toBe('system:default/bookinfo');
    // Only the workspace's namespaces, in every cluster that has them.
    expect(new Set(inventory.services.map(s => s.namespace))).toEqual(
      new Set(['bookinfo']),
    );
    expect(
      inventory.services
        .filter(s => s.name === 'productpage')
        .map(s => [s.cluster, s.ports]),
    ).toEqual([
      ['east-1', [expect.objectContaining({ port: 9080 })]],
      ['east-2', [expect.objectContaining({ port: 9080 })]],
    ]);
    expect(inventory.serviceAccounts).toContainEqual({
      cluster: 'east-1',
      namespace: 'bookinfo',
      name: 'bookinfo-reviews',
      workloads: expect.arrayContaining(['Deployment reviews-v1']),
    });
    expect(new Set(inventory.serviceAccounts.map(sa => sa.namespace))).toEqual(
      new Set(['bookinfo']),
    );

    const unknown = await request(backend.server)
      .get('/api/meshplane/workspaces/default/nowhere/inventory')
      .set('Authorization', as('guest'));
    expect(unknown.status).toBe(404);

    granted.clear();
    const denied = await request(backend.server)
      .get('/api/meshplane/workspaces/default/bookinfo/inventory')
      .set('Authorization', as('guest'));
    expect(denied.status).toBe(403);
  });

  it('answers 403 to a user who may not read requests, for the list and for any id', async () => {
    granted.add('meshplane.fleet.read');
    const list = await request(backend.server)
      .get('/api/meshplane/requests')
      .set('Authorization', as('guest'));
    expect(list.status).toBe(403);
    expect(list.body.error.name).toBe('NotAllowedError');
    const one = await request(backend.server)
      .get(`/api/meshplane/requests/${randomUUID()}`)
      .set('Authorization', as('guest'));
    expect(one.status).toBe(403);
  });

  it('refuses a list query outside the spec with a 400 naming the parameter and its bound', async () => {
    granted.add('meshplane.request.read');
    const list = (query: string) =>
      request(backend.server)
        .get(`/api/meshplane/requests?${query}`)
        .set('Authorization', as('guest'));
    const zero = await list('limit=0');
    expect(zero.status).toBe(400);
    expect(zero.body.error).toEqual({
      name: 'InputError',
      message: 'request/query/limit must be >= 1',
    });
    const tooMany = await list('limit=501');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe(
      'request/query/limit must be <= 500',
    );
    const status = await list('status=DONE');
    expect(status.status).toBe(400);
    expect(status.body.error.message).toBe(
      'request/query/status must be equal to one of the allowed values: ACCEPTED, READY, PARTIAL, FAILED',
    );
    expect((await list('limit=500&status=READY')).status).toBe(200);
  });

  it('answers a request id that is not valid percent-encoding with a 400 naming the path', async () => {
    const res = await request(backend.server)
      .get('/api/meshplane/requests/%E0%A4%A')
      .set('Authorization', as('guest'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'The path of GET /api/meshplane/requests/%E0%A4%A is not valid percent-encoding',
    );
  });

  it('recomputes a preview only for those who may request for the workspace or approve, and audits it', async () => {
    for (const name of [
      'meshplane.fleet.read',
      'meshplane.request.read',
      'meshplane.request.create',
    ])
      granted.add(name);
    const created = await request(backend.server)
      .post('/api/meshplane/requests')
      .set('Authorization', as('guest'))
      .send(securityRequest);
    expect(created.status).toBe(201);
    const id = (created.body as MeshRequest).id;
    const previews = async () =>
      (await detail({ server: backend.server }, id)).events.filter(
        e => e.action === 'previewed',
      );

    // A reader only: refused, nothing stored, nothing audited.
    granted.delete('meshplane.request.create');
    auditor.createEvent.mockClear();
    const refused = await request(backend.server)
      .post(`/api/meshplane/requests/${id}/preview`)
      .set('Authorization', as('guest'));
    expect(refused.status).toBe(403);
    expect(await previews()).toEqual([]);
    expect(auditor.createEvent).not.toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'request-preview' }),
    );

    // An approver: recomputed, stored in the trail, audited.
    granted.add('meshplane.request.approve');
    const recomputed = await request(backend.server)
      .post(`/api/meshplane/requests/${id}/preview`)
      .set('Authorization', as('dave'));
    expect(recomputed.status).toBe(200);
    expect(
      (recomputed.body as MeshRequestDetail).preview?.clusters.map(
        c => c.cluster,
      ),
    ).toEqual(['east-1', 'east-2', 'west-1']);
    expect(await previews()).toEqual([
      expect.objectContaining({ actor: 'user:default/dave' }),
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'request-preview',
        meta: { requestId: id },
      }),
    );
  });
});
