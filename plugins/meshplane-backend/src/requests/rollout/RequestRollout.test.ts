import { mockServices } from '@backstage/backend-test-utils';
import { loadFleet, startFleet, type FleetServer } from '@meshplane/fleet-sim';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { RequestStore } from '../store';
import { securityRequest } from '../store/__fixtures__/requests';
import { requestTestDatabases } from '../__testUtils__/testDatabases';
import { RequestRollout } from './RequestRollout';
import type {
  KubeObject,
  RenderedObject,
} from '@meshplane/plugin-meshplane-common';
import type { ClusterDefinition } from '@meshplane/plugin-meshplane-node';
import { KubeTransport } from '../../fleet/KubeTransport';
import { groupObjectMeta } from '../render/groupObjectMeta';
import { renderGroup } from '../render';
import type { GatewayApiMode } from '../workspaces';
import { ServerSideApplier, type ClusterApplier } from '../fleetPort';

jest.setTimeout(120_000);

const databases = requestTestDatabases();
let fleet: FleetServer;
type FleetCluster = ReturnType<FleetServer['cluster']>;

beforeAll(async () => {
  const definition = await loadFleet(
    resolvePackagePath('@meshplane/fleet-sim', 'fleets/demo'),
  );
  fleet = await startFleet({ fleet: definition });
});

afterAll(async () => {
  await fleet?.stop();
});

/** A cluster whose definition cannot be used: its kubeconfig file does not exist. */
const BROKEN: ClusterDefinition = {
  name: 'broken-1',
  auth: {
    provider: 'kubeconfig',
    kubeconfig: { file: '/nonexistent/meshplane/kubeconfig' },
  },
};

/** Appliers as the backend builds them: on use, through the cluster's transport. */
function appliers(): (cluster: string) => ClusterApplier | undefined {
  const definitions = new Map<string, ClusterDefinition>([
    ...fleet.clusters.map(
      cluster =>
        [
          cluster.name,
          {
            name: cluster.name,
            url: cluster.url,
            caData: cluster.caData,
            auth: {
              provider: 'serviceAccount',
              serviceAccountToken: cluster.token,
            },
          } as ClusterDefinition,
        ] as const,
    ),
    [BROKEN.name, BROKEN],
  ]);
  return name => {
    const definition = definitions.get(name);
    return (
      definition &&
      new ServerSideApplier({
        cluster: name,
        transport: KubeTransport.fromDefinition(definition),
        timeoutMs: 5_000,
      })
    );
  };
}

function rollout(
  store: RequestStore,
  replicaId: string,
  auditor = mockServices.auditor.mock(),
) {
  return new RequestRollout({
    store,
    appliers: appliers(),
    auditor,
    logger: mockServices.logger.mock(),
    replicaId,
    leaseMs: 30_000,
  });
}

/** A request whose objects have names unique to the test, so tests do not see each other's objects. */
function uniqueRequest(id: string) {
  const request = securityRequest(id);
  return {
    ...request,
    objects: request.objects.map(({ cluster, object }) => ({
      cluster,
      object: {
        ...object,
        metadata: {
          ...object.metadata,
          name: `${id}-${object.kind.toLowerCase()}`,
        },
        spec:
          object.kind === 'PeerAuthentication'
            ? { mtls: { mode: 'STRICT' } }
            : {
                action: 'ALLOW',
                rules: [{ from: [{ source: { namespaces: ['bookinfo'] } }] }],
              },
      },
    })),
  };
}

function live(cluster: string, kind: string, name: string) {
  return fleet.cluster(cluster).get({
    apiVersion: 'security.istio.io/v1',
    kind,
    namespace: 'bookinfo',
    name,
  });
}

async function newStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  return { database, store: await RequestStore.create({ database }) };
}

const at = () => new Date().toISOString();

describe.each(databases.eachSupportedId())(
  'RequestRollout against the fleet simulator on %s',
  databaseId => {
    it('applies the objects of an approved request by server-side apply and audits it', async () => {
      const { store } = await newStore(databaseId);
      const id = `ssa-${databaseId.toLowerCase().replace(/_/g, '')}`;
      await store.insert(uniqueRequest(id));
      const auditor = mockServices.auditor.mock();
      const runner = rollout(store, 'replica-a', auditor);

      expect(await runner.runOnce()).toBe(0);
      expect(
        live('east-1', 'PeerAuthentication', `${id}-peerauthentication`),
      ).toBeUndefined();

      await store.decide(id, {
        approve: true,
        actor: 'user:default/alice',
        at: at(),
      });
      expect(await runner.runOnce()).toBe(2);

      const request = await store.getOrThrow(id);
      expect(request.status).toBe('READY');
      expect(
        request.clusters.map(c => [c.cluster, c.status, c.appliedCount]),
      ).toEqual([
        ['east-1', 'READY', 2],
        ['west-1', 'READY', 2],
      ]);
      const peer = live(
        'west-1',
        'PeerAuthentication',
        `${id}-peerauthentication`,
      );
      expect(peer?.spec).toEqual({ mtls: { mode: 'STRICT' } });
      expect(
        peer?.metadata.managedFields as Array<{
          manager: string;
          operation: string;
        }>,
      ).toEqual([
        expect.objectContaining({ manager: 'meshplane', operation: 'Apply' }),
      ]);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'request-rollout',
          meta: expect.objectContaining({ requestId: id }),
        }),
      );
    });

    it('leaves a request PARTIAL while a cluster is down and completes it on retry, applying nothing twice', async () => {
      const { store } = await newStore(databaseId);
      const id = `down-${databaseId.toLowerCase().replace(/_/g, '')}`;
      await store.insert(uniqueRequest(id));
      await store.decide(id, {
        approve: true,
        actor: 'user:default/alice',
        at: at(),
      });

      await fleet.setFaults('west-1', { down: true });
      try {
        await rollout(store, 'replica-a').runOnce();
      } finally {
        await fleet.setFaults('west-1', {});
      }
      const partial = await store.getOrThrow(id);
      expect(partial.status).toBe('PARTIAL');
      const west = partial.clusters.find(c => c.cluster === 'west-1');
      expect(west).toMatchObject({ status: 'FAILED', appliedCount: 0 });
      expect(west?.lastError).toMatch(
        /apply PeerAuthentication bookinfo\/down-\S+ in west-1: cluster unreachable \(.*ECONNREFUSED/,
      );
      const eastVersion = live(
        'east-1',
        'PeerAuthentication',
        `${id}-peerauthentication`,
      )?.metadata.resourceVersion;
      expect(eastVersion).toBeDefined();

      await store.retry(id, 'user:default/guest', at());
      expect(await rollout(store, 'replica-b').runOnce()).toBe(1);

      const ready = await store.getOrThrow(id);
      expect(ready.status).toBe('READY');
      expect(
        live('west-1', 'AuthorizationPolicy', `${id}-authorizationpolicy`),
      ).toBeDefined();
      // east-1 was not touched again: same resource version as after its only apply.
      expect(
        live('east-1', 'PeerAuthentication', `${id}-peerauthentication`)
          ?.metadata.resourceVersion,
      ).toBe(eastVersion);
    });

    it('applies each object exactly once with two replicas racing, and resumes after a restart', async () => {
      const { database, store } = await newStore(databaseId);
      const ids = [0, 1, 2].map(
        i => `race${i}-${databaseId.toLowerCase().replace(/_/g, '')}`,
      );
      for (const id of ids) {
        await store.insert(uniqueRequest(id));
        await store.decide(id, {
          approve: true,
          actor: 'user:default/alice',
          at: at(),
        });
      }

      // A second replica is a second store and runner on the same database.
      const otherStore = await RequestStore.create({ database });
      const counts = await Promise.all([
        rollout(store, 'replica-a').runOnce(),
        rollout(otherStore, 'replica-b').runOnce(),
      ]);
      expect(counts[0] + counts[1]).toBe(6);

      for (const id of ids) {
        const request = await store.getOrThrow(id);
        expect(request.status).toBe('READY');
        expect(request.clusters.every(c => c.attempts === 1)).toBe(true);
        for (const stored of await store.objects(id)) {
          const object = live(
            stored.cluster,
            stored.object.kind,
            stored.object.metadata.name,
          );
          // The live object is the one write recorded: a second apply would have moved its version.
          expect(object?.metadata.resourceVersion).toBeDefined();
          expect(stored.appliedAt).toBeDefined();
        }
      }
      const recorded = await database
        .getClient()
        .then(knex =>
          knex('meshplane_request_objects')
            .whereIn('request_id', ids)
            .select('cluster', 'name', 'applied_resource_version'),
        );
      for (const row of recorded) {
        const kind = row.name.endsWith('peerauthentication')
          ? 'PeerAuthentication'
          : 'AuthorizationPolicy';
        expect(
          live(row.cluster, kind, row.name)?.metadata.resourceVersion,
        ).toBe(row.applied_resource_version);
      }

      // After a restart nothing is due, so nothing is applied again.
      const restarted = await RequestStore.create({ database });
      expect(await rollout(restarted, 'replica-c').runOnce()).toBe(0);
    });

    it('fails a cluster the backend does not know, naming it', async () => {
      const { store } = await newStore(databaseId);
      const id = `unknown-${databaseId.toLowerCase().replace(/_/g, '')}`;
      const request = uniqueRequest(id);
      await store.insert({
        ...request,
        clusters: ['mars-1'],
        objects: request.objects
          .slice(0, 1)
          .map(o => ({ ...o, cluster: 'mars-1' })),
      });
      await store.decide(id, {
        approve: true,
        actor: 'user:default/alice',
        at: at(),
      });
      await rollout(store, 'replica-a').runOnce();
      const failed = await store.getOrThrow(id);
      expect(failed.status).toBe('FAILED');
      expect(failed.clusters[0].lastError).toBe(
        'cluster mars-1 is not configured in this backend',
      );
    });

    it('fails a cluster whose definition is unusable, closes its audit event and frees it for a retry', async () => {
      const { store } = await newStore(databaseId);
      const id = `broken-${databaseId.toLowerCase().replace(/_/g, '')}`;
      const request = uniqueRequest(id);
      await store.insert({
        ...request,
        clusters: ['broken-1', 'east-1'],
        objects: [
          ...request.objects.filter(o => o.cluster === 'east-1'),
          ...request.objects
            .filter(o => o.cluster === 'east-1')
            .map(o => ({ ...o, cluster: 'broken-1' })),
        ],
      });
      await store.decide(id, {
        approve: true,
        actor: 'user:default/alice',
        at: at(),
      });
      const auditor = mockServices.auditor.mock();
      const event = { success: jest.fn(), fail: jest.fn() };
      auditor.createEvent.mockResolvedValue(event);

      // Both clusters are attempted: the broken one does not stop the run.
      expect(await rollout(store, 'replica-a', auditor).runOnce()).toBe(2);
      const partial = await store.getOrThrow(id);
      expect(partial.status).toBe('PARTIAL');
      const broken = partial.clusters.find(c => c.cluster === 'broken-1');
      expect(broken).toMatchObject({
        status: 'FAILED',
        appliedCount: 0,
        attempts: 1,
      });
      expect(broken?.lastError).toMatch(
        /broken-1: cannot read its kubeconfig file \(auth\.kubeconfig\.file.*\): ENOENT/,
      );
      // Cluster errors are shown to fleet readers: no server path in them.
      expect(broken?.lastError).not.toContain('/nonexistent');
      expect(event.fail).toHaveBeenCalledTimes(1);
      expect(event.success).toHaveBeenCalledTimes(1);

      // The lease is free: a retry claims the cluster again (and fails it again, for the same reason).
      await store.retry(id, 'user:default/guest', at());
      expect(await rollout(store, 'replica-b').runOnce()).toBe(1);
      expect(
        (await store.getOrThrow(id)).clusters.find(
          c => c.cluster === 'broken-1',
        )?.attempts,
      ).toBe(2);
    });

    it('deletes what a re-requested group no longer renders, and only objects of that group', async () => {
      const { store } = await newStore(databaseId);
      const suffix = databaseId.toLowerCase().replace(/_/g, '');
      const group = `prune-${suffix}`;
      const meta = (name: string, workspace = 'system:default/bookinfo') =>
        groupObjectMeta(
          {
            workspace,
            groupType: 'security',
            groupName: group,
            cluster: 'east-1',
            namespace: 'bookinfo',
            workspaceNamespaces: ['bookinfo'],
            trustDomain: 'cluster.local',
            rootNamespace: 'istio-system',
          },
          name,
        );
      const peer = (name: string, mode: string): RenderedObject => ({
        cluster: 'east-1',
        object: {
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          metadata: meta(name),
          spec: { mtls: { mode } },
        },
      });
      const policy = (name: string): RenderedObject => ({
        cluster: 'east-1',
        object: {
          apiVersion: 'security.istio.io/v1',
          kind: 'AuthorizationPolicy',
          metadata: meta(name),
          spec: {
            action: 'ALLOW',
            rules: [{ from: [{ source: { namespaces: ['bookinfo'] } }] }],
          },
        },
      });
      const base = securityRequest('unused');
      const groupRequest = (
        id: string,
        createdAt: string,
        objects: RenderedObject[],
      ) => ({
        ...base,
        id,
        at: createdAt,
        group: { ...base.group, name: group },
        clusters: ['east-1'],
        objects,
      });
      // Objects that share the group's labels but not its workspace, or that carry no labels: never pruned.
      const rival = {
        ...peer(`${group}-rival`, 'STRICT').object,
        metadata: meta(`${group}-rival`, 'system:default/storefront'),
      };
      const unlabelled = {
        ...peer(`${group}-plain`, 'STRICT').object,
        metadata: { name: `${group}-plain`, namespace: 'bookinfo' },
      };
      const plant = (object: KubeObject) =>
        fleet
          .cluster('east-1')
          .apply(object as Parameters<FleetCluster['apply']>[0]);
      plant(rival);
      plant(unlabelled);

      await store.insert(
        groupRequest(`${group}-a`, at(), [
          peer(`${group}-peer`, 'PERMISSIVE'),
          policy(`${group}-policy`),
        ]),
      );
      await store.decide(`${group}-a`, {
        approve: true,
        actor: 'user:default/alice',
        at: at(),
      });
      await rollout(store, 'replica-a').runOnce();
      expect(
        live('east-1', 'AuthorizationPolicy', `${group}-policy`),
      ).toBeDefined();

      await store.insert(
        groupRequest(`${group}-b`, at(), [peer(`${group}-peer`, 'STRICT')]),
      );
      await store.decide(`${group}-b`, {
        approve: true,
        actor: 'user:default/alice',
        at: at(),
      });
      await rollout(store, 'replica-a').runOnce();

      const done = await store.getOrThrow(`${group}-b`);
      expect(done.status).toBe('READY');
      expect(
        live('east-1', 'AuthorizationPolicy', `${group}-policy`),
      ).toBeUndefined();
      expect(
        live('east-1', 'PeerAuthentication', `${group}-peer`)?.spec,
      ).toEqual({ mtls: { mode: 'STRICT' } });
      expect(
        live('east-1', 'PeerAuthentication', `${group}-rival`),
      ).toBeDefined();
      expect(
        live('east-1', 'PeerAuthentication', `${group}-plain`),
      ).toBeDefined();
      const events = await store.events(`${group}-b`);
      expect(events.find(e => e.action === 'applied')?.message).toContain(
        `deleted 1 object(s) the group no longer renders: AuthorizationPolicy bookinfo/${group}-policy`,
      );

      // The older request, retried or not, prunes nothing once a newer one of its group is approved.
      plant(policy(`${group}-late`).object);
      await store.insert(
        groupRequest(`${group}-c`, '2020-01-01T00:00:00.000Z', [
          peer(`${group}-peer`, 'STRICT'),
        ]),
      );
      await store.decide(`${group}-c`, {
        approve: true,
        actor: 'user:default/alice',
        at: at(),
      });
      await rollout(store, 'replica-a').runOnce();
      expect(
        live('east-1', 'AuthorizationPolicy', `${group}-late`),
      ).toBeDefined();
      for (const name of [
        `${group}-peer`,
        `${group}-rival`,
        `${group}-plain`,
      ]) {
        fleet.cluster('east-1').delete({
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          namespace: 'bookinfo',
          name,
        });
      }
      fleet.cluster('east-1').delete({
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        namespace: 'bookinfo',
        name: `${group}-late`,
      });
    });

    it('rolls a gateway group out to the Gateway API (Gateway, HTTPRoute v1, ReferenceGrant v1beta1) and prunes the API it leaves', async () => {
      const { store } = await newStore(databaseId);
      const suffix = databaseId.toLowerCase().replace(/_/g, '');
      const group = `gwapi-${suffix}`;
      const spec = {
        type: 'gateway' as const,
        name: group,
        mode: 'BRIDGED' as const,
        namespaces: ['east-1/shop'],
        settings: {
          hosts: [`${group}.example.com`],
          routes: [
            { pathPrefix: '/', service: 'storefront', port: 8080 },
            {
              pathPrefix: '/orders',
              service: 'orders-api',
              namespace: 'orders',
              port: 8080,
            },
          ],
        },
      };
      const target = {
        workspace: 'system:default/shop',
        groupType: 'gateway' as const,
        groupName: group,
        cluster: 'east-1',
        namespace: 'shop',
        workspaceNamespaces: ['shop', 'orders'],
        trustDomain: 'cluster.local',
        rootNamespace: 'istio-system',
      };
      const base = securityRequest('unused');
      const groupRequest = (id: string, gatewayApi: GatewayApiMode) => ({
        ...base,
        id,
        workspace: 'system:default/shop',
        workspaceOwner: 'group:default/shop-team',
        at: at(),
        group: spec,
        clusters: ['east-1'],
        objects: renderGroup(spec, [target], [], { gatewayApi }),
      });
      /** Requests the group rendered in one mode, approves it and rolls it out. */
      const roll = async (id: string, gatewayApi: GatewayApiMode) => {
        await store.insert(groupRequest(id, gatewayApi));
        await store.decide(id, {
          approve: true,
          actor: 'user:default/alice',
          at: at(),
        });
        await rollout(store, 'replica-a').runOnce();
        return store.getOrThrow(id);
      };
      const get = (apiVersion: string, kind: string, namespace: string) =>
        fleet.cluster('east-1').get({
          apiVersion,
          kind,
          namespace,
          name: kind === 'ReferenceGrant' ? `${group}-from-shop` : group,
        });

      // Istio's API first, then the workspace switches to the Gateway API.
      expect((await roll(`${group}-istio`, 'istio')).status).toBe('READY');
      expect(
        get('networking.istio.io/v1', 'VirtualService', 'shop'),
      ).toBeDefined();

      const switched = await roll(`${group}-api`, 'gateway-api');
      expect(switched.clusters).toEqual([
        expect.objectContaining({
          cluster: 'east-1',
          status: 'READY',
          appliedCount: 3,
        }),
      ]);
      const route = get('gateway.networking.k8s.io/v1', 'HTTPRoute', 'shop');
      expect(route?.apiVersion).toBe('gateway.networking.k8s.io/v1');
      expect(route?.spec).toMatchObject({
        parentRefs: [{ kind: 'Gateway', name: group }],
        hostnames: [`${group}.example.com`],
      });
      expect(route?.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'meshplane',
        'meshplane.io/group': group,
      });
      expect(
        (route?.metadata.managedFields as Array<{ manager: string }>)[0]
          ?.manager,
      ).toBe('meshplane');
      expect(
        get('gateway.networking.k8s.io/v1', 'Gateway', 'shop')?.spec,
      ).toMatchObject({ gatewayClassName: 'istio' });
      // The simulator serves ReferenceGrant as v1beta1 only.
      expect(
        get('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', 'orders')
          ?.spec,
      ).toEqual({
        from: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            namespace: 'shop',
          },
        ],
        to: [{ group: '', kind: 'Service', name: 'orders-api' }],
      });
      // Istio's Gateway and VirtualService of the group are gone.
      expect(
        get('networking.istio.io/v1', 'VirtualService', 'shop'),
      ).toBeUndefined();
      expect(get('networking.istio.io/v1', 'Gateway', 'shop')).toBeUndefined();
      const events = await store.events(`${group}-api`);
      expect(events.find(e => e.action === 'applied')?.message).toMatch(
        /deleted 2 object\(s\) the group no longer renders: .*VirtualService shop\//,
      );

      // And back: the Gateway API objects go, the ReferenceGrant of the other namespace too.
      await roll(`${group}-back`, 'istio');
      expect(
        get('gateway.networking.k8s.io/v1', 'HTTPRoute', 'shop'),
      ).toBeUndefined();
      expect(
        get('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', 'orders'),
      ).toBeUndefined();
      expect(
        get('networking.istio.io/v1', 'VirtualService', 'shop'),
      ).toBeDefined();
      for (const kind of ['Gateway', 'VirtualService']) {
        fleet.cluster('east-1').delete({
          apiVersion: 'networking.istio.io/v1',
          kind,
          namespace: 'shop',
          name: group,
        });
      }
    });

    it('prunes nothing of a kind the cluster does not serve, and still applies', async () => {
      const { store } = await newStore(databaseId);
      const id = `nokind-${databaseId.toLowerCase().replace(/_/g, '')}`;
      const request = uniqueRequest(id);
      await store.insert({
        ...request,
        clusters: ['east-1'],
        objects: request.objects.filter(o => o.cluster === 'east-1'),
      });
      await store.decide(id, {
        approve: true,
        actor: 'user:default/alice',
        at: at(),
      });
      // A security group may own RequestAuthentications; this cluster has no such CRD (404).
      await fleet.setFaults('east-1', {
        missingResources: ['requestauthentications'],
      });
      try {
        await rollout(store, 'replica-a').runOnce();
      } finally {
        await fleet.setFaults('east-1', {});
      }
      const done = await store.getOrThrow(id);
      expect(done.clusters).toEqual([
        expect.objectContaining({
          cluster: 'east-1',
          status: 'READY',
          appliedCount: 2,
        }),
      ]);
    });
  },
);
