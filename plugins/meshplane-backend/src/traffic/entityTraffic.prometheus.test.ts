import type { Entity } from '@backstage/catalog-model';
import {
  FleetDefinition,
  FleetServer,
  loadFleet,
  prometheusAvailable,
  PrometheusServer,
  startFleet,
  startPrometheus,
} from '@meshplane/fleet-sim';
import {
  EntityMeshView,
  EntityTrafficResponse,
  MetricsSourceListResponse,
  NamespaceTrafficResponse,
  parseTrafficObservations,
} from '@meshplane/plugin-meshplane-common';
import request from 'supertest';
import {
  DEMO_FLEET,
  startMeshplaneTestBackend,
  waitFor,
  waitForDemoFleetSynced,
} from '../__testUtils__/meshplaneTestBackend';

/*
 * Live traffic end to end: the demo fleet's data plane (fleets/demo/traffic.yaml) scraped by a
 * real Prometheus, read by the backend through `meshplane.prometheus`, joined into the entity
 * API's answer. Then Prometheus stops, and the same request answers the configuration with the
 * source `down`.
 */

/** The scrape's tolerance: irate reads two samples taken about a second apart. */
const TOLERANCE = 0.05;

const describePrometheus = prometheusAvailable() ? describe : describe.skip;

const authService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'auth-service',
    namespace: 'default',
    annotations: { 'meshplane.io/services': 'identity/auth-service' },
  },
  spec: { type: 'service', owner: 'group:default/identity-team' },
};

const ENTITY = '/api/meshplane/entity/component/default/auth-service';

/** The spec's requests per second of a caller workload (or `unknown`) into auth-service, by cluster. */
function specRps(
  definition: FleetDefinition,
  caller: string,
  cluster: string,
): number {
  return definition
    .traffic!.flows.filter(
      f =>
        f.destination.namespace === 'identity' &&
        f.destination.service === 'auth-service' &&
        f.destination.cluster === cluster &&
        (f.source === 'unknown'
          ? caller === 'unknown'
          : f.source.workload === caller),
    )
    .reduce((n, f) => n + f.rps, 0);
}

describePrometheus(
  'the entity API with live traffic from a real Prometheus',
  () => {
    let definition: FleetDefinition;
    let fleet: FleetServer;
    let prometheus: PrometheusServer | undefined;
    let backend: Awaited<ReturnType<typeof startMeshplaneTestBackend>>;

    beforeAll(async () => {
      definition = await loadFleet(DEMO_FLEET);
      fleet = await startFleet({
        fleet: definition,
        tls: true,
        bookmarkIntervalMs: 1000,
      });
      prometheus = await startPrometheus({
        targets: fleet.clusters
          .filter(c => c.metricsUrl)
          .map(c => ({ cluster: c.name, url: c.metricsUrl! })),
        scrapeIntervalSeconds: 1,
      });
      backend = await startMeshplaneTestBackend({
        fleet,
        entities: [authService],
        meshplane: {
          prometheus: { url: prometheus.url, timeout: 2000 },
          // Answers shared for 1 ms: each request below asks the source again.
          traffic: { cacheTtl: 1, rate: { function: 'irate', range: '10s' } },
        },
      });
      await waitForDemoFleetSynced(backend.server);
    }, 120_000);

    afterAll(async () => {
      await backend?.stop();
      await prometheus?.stop();
      await fleet?.stop();
    });

    /** The entity's answer once the source has scraped enough for irate: joined, with every spec caller. */
    const joinedAnswer = (query = '') =>
      waitFor(
        async () => {
          const res = await request(backend.server).get(`${ENTITY}${query}`);
          const view = res.body as EntityMeshView;
          const callers = new Set(
            view.posture?.inbound
              .filter(e => e.observed?.requestsPerSecond)
              .map(e => `${e.to.cluster}/${e.from.workload}`),
          );
          return res.status === 200 &&
            view.metrics?.joined &&
            // Out-of-mesh callers have no cluster: keyed by the destination's.
            callers.has('east-1/productpage-v1') &&
            callers.has('east-1/unknown') &&
            callers.has('west-1/unknown')
            ? view
            : undefined;
        },
        { timeoutMs: 60_000, message: 'auth-service joined with its callers' },
      );

    it('answers the observed callers at the spec’s rates, with the join’s findings and an ok source', async () => {
      const view = await joinedAnswer();
      expect(view.metrics).toMatchObject({
        window: '5m',
        callers: 'observed',
        joined: true,
      });
      expect(view.metrics!.sources).toEqual([
        expect.objectContaining({
          source: 'meshplane.prometheus',
          status: expect.stringMatching(/^(ok|slow)$/),
        }),
      ]);
      // Every listed inbound edge was observed (the default lists only those).
      expect(view.posture.inbound.every(e => e.observed)).toBe(true);
      for (const [cluster, caller] of [
        ['east-1', 'productpage-v1'],
        ['east-1', 'unknown'],
        ['west-1', 'unknown'],
      ]) {
        const edge = view.posture.inbound.find(
          e => e.from.workload === caller && e.to.cluster === cluster,
        )!;
        const rps = specRps(definition, caller, cluster);
        expect({
          edge: `${caller} → ${cluster}`,
          rps,
          withinTolerance:
            Math.abs(edge.observed!.requestsPerSecond! - rps) < rps * TOLERANCE,
        }).toEqual({
          edge: `${caller} → ${cluster}`,
          rps,
          withinTolerance: true,
        });
      }
      // productpage's sidecar-less calls arrive plaintext where the configuration says mTLS.
      const productpage = view.posture.inbound.find(
        e => e.from.workload === 'productpage-v1',
      )!;
      expect(productpage.outcome).toBe('mtls');
      expect(productpage.observed!.tls.plaintext).toBeGreaterThan(0.9);
      const codes = view.findings.map(f => `${f.code} ${f.resource.cluster}`);
      expect(codes).toEqual(
        expect.arrayContaining([
          'MPL0200 east-1',
          'MPL0204 east-1',
          'MPL0204 west-1',
        ]),
      );
      // The topology draws the observed calls with their rates.
      const call = view.topology.edges.find(
        e =>
          e.type === 'calls' &&
          e.to === 'service:identity/auth-service' &&
          e.from.includes('productpage-v1'),
      );
      expect(call?.observed?.requestsPerSecond).toBeGreaterThan(0);
      expect(view.posture.traffic?.window).toBe('5m');
    });

    it('lists every permitted caller on request, each with its figures where observed', async () => {
      const observed = await joinedAnswer();
      const all = await joinedAnswer('?callers=all&window=1h');
      expect(all.metrics).toMatchObject({ callers: 'all', window: '1h' });
      const count = (v: EntityMeshView) =>
        v.posture.inbound.length + v.posture.omitted.inbound;
      expect(count(all)).toBeGreaterThanOrEqual(count(observed));
      // Configured callers nobody used are listed too, without figures.
      expect(all.posture.inbound.some(e => !e.observed)).toBe(true);
    });

    it('writes the entity’s observations as the document the CLI reads, and lists the source', async () => {
      await joinedAnswer();
      const res = await request(backend.server).get(`${ENTITY}/traffic`);
      expect(res.status).toBe(200);
      const body = res.body as EntityTrafficResponse;
      expect(body.entityRef).toBe('component:default/auth-service');
      const observations = parseTrafficObservations(body.observations);
      expect(
        observations.edges.some(
          o =>
            o.source.workload === 'productpage-v1' &&
            o.destination.service === 'auth-service',
        ),
      ).toBe(true);
      const sources = await request(backend.server).get(
        '/api/meshplane/metrics/sources',
      );
      expect(sources.status).toBe(200);
      const [source] = (sources.body as MetricsSourceListResponse).items;
      expect(source).toMatchObject({
        source: 'meshplane.prometheus',
        clusters: ['east-1', 'east-2', 'lab-1', 'west-1'],
      });
      expect(source.host).toBe(new URL(prometheus!.url).host);
    });

    it('writes a namespace’s observations too, and refuses a name that is not a namespace', async () => {
      await joinedAnswer();
      const res = await request(backend.server).get(
        '/api/meshplane/traffic/namespaces/identity?window=1h',
      );
      expect(res.status).toBe(200);
      const body = res.body as NamespaceTrafficResponse;
      expect(body.namespace).toBe('identity');
      const observations = parseTrafficObservations(body.observations);
      expect(observations.window).toBe('1h');
      // Into the namespace (productpage → auth-service) and within it (auth-service → user-db).
      const edges = observations.edges.map(
        o =>
          `${o.source.workload} → ${o.destination.namespace}/${o.destination.service}`,
      );
      expect(edges).toEqual(
        expect.arrayContaining([
          'productpage-v1 → identity/auth-service',
          'auth-service → identity/user-db',
        ]),
      );
      const bad = await request(backend.server).get(
        '/api/meshplane/traffic/namespaces/Not_A%22Namespace',
      );
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toMatch(/namespace/);
    });

    it('refuses an invalid window in words', async () => {
      const res = await request(backend.server).get(`${ENTITY}?window=7m`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/window/);
    });

    it('answers the configuration with the source down once Prometheus stops', async () => {
      // With `callers=all` the counts are the configuration's, as they are without a source.
      const configured = await joinedAnswer('?callers=all');
      await prometheus!.stop();
      prometheus = undefined;
      const res = await request(backend.server).get(ENTITY);
      expect(res.status).toBe(200);
      const view = res.body as EntityMeshView;
      expect(view.metrics).toMatchObject({ joined: false, callers: 'all' });
      expect(view.metrics!.sources).toEqual([
        expect.objectContaining({
          status: 'down',
          lastError: expect.objectContaining({ reason: 'unreachable' }),
        }),
      ]);
      // The configuration's answer is whole: the same services, workloads and posture counts.
      expect(view.services.map(s => s.name)).toEqual(
        configured.services.map(s => s.name),
      );
      expect(view.posture.outcomes).toEqual(configured.posture.outcomes);
      expect(view.posture.traffic).toBeUndefined();
      expect(view.findings.some(f => f.code.startsWith('MPL020'))).toBe(false);
    });
  },
);
