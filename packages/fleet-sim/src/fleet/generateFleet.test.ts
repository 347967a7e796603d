import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { proxyReports, resolveTraffic } from '../traffic';
import { fleetObjectCount, generateFleet } from './generateFleet';
import { loadFleet } from './loadFleet';
import { writeFleet } from './writeFleet';

describe('generateFleet', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateFleet({ clusters: 3, services: 40, seed: 7 });
    const b = generateFleet({ clusters: 3, services: 40, seed: 7 });
    const c = generateFleet({ clusters: 3, services: 40, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('builds services with sidecar pods owned through ReplicaSets and Deployments', () => {
    const fleet = generateFleet({ clusters: 2, services: 10 });
    const objects = fleet.clusters.flatMap(c => c.objects);
    const deployments = new Map(
      objects
        .filter(o => o.kind === 'Deployment')
        .map(o => [o.metadata.uid, o]),
    );
    const replicaSets = new Map(
      objects
        .filter(o => o.kind === 'ReplicaSet')
        .map(o => [o.metadata.uid, o]),
    );
    const pods = objects.filter(
      o => o.kind === 'Pod' && o.metadata.namespace !== 'istio-system',
    );
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      const rs = replicaSets.get(pod.metadata.ownerReferences![0].uid)!;
      expect(deployments.has(rs.metadata.ownerReferences![0].uid)).toBe(true);
      expect(pod.metadata.labels?.['security.istio.io/tlsMode']).toBe('istio');
    }
    const kinds = new Set(objects.map(o => o.kind));
    for (const kind of [
      'Service',
      'ServiceAccount',
      'DestinationRule',
      'VirtualService',
      'PeerAuthentication',
      'AuthorizationPolicy',
      'ServiceEntry',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it('routes a tenth of the services through each cluster’s Gateway API ingress, with the status istiod writes', () => {
    const fleet = generateFleet({ clusters: 4, services: 400, seed: 5 });
    const key = (o: { metadata: { namespace?: string; name: string } }) =>
      `${o.metadata.namespace}/${o.metadata.name}`;
    const services = new Set<string>();
    const routed = new Set<string>();
    const meshRouted = new Set<string>();
    for (const cluster of fleet.clusters) {
      // Gateway API specs and statuses are untyped in KubeObject.
      const objects = cluster.objects as any[];
      for (const o of objects)
        if (o.kind === 'Service' && o.metadata.namespace !== 'istio-system')
          services.add(key(o));
      const gateways = objects.filter(
        o =>
          o.apiVersion === 'gateway.networking.k8s.io/v1' &&
          o.kind === 'Gateway' &&
          o.spec.gatewayClassName === 'istio',
      );
      expect(gateways.map(key)).toEqual(['istio-system/public-gateway']);
      const [gateway] = gateways;
      expect(
        objects.find(
          o => o.kind === 'GatewayClass' && o.metadata.name === 'istio',
        )?.spec.controllerName,
      ).toBe('istio.io/gateway-controller');
      // The Deployment and Service istiod generates for it, owned by the Gateway.
      for (const kind of ['Deployment', 'Service', 'ServiceAccount']) {
        const generated = objects.find(
          o =>
            o.kind === kind && key(o) === 'istio-system/public-gateway-istio',
        )!;
        expect(generated.metadata.labels).toMatchObject({
          'gateway.networking.k8s.io/gateway-name': 'public-gateway',
          'gateway.istio.io/managed': 'istio.io-gateway-controller',
        });
        expect(generated.metadata.ownerReferences![0].uid).toBe(
          gateway.metadata.uid,
        );
      }
      const routes = objects.filter(o => o.kind === 'HTTPRoute');
      const gatewayRoutes = routes.filter(
        r => r.spec.parentRefs[0].kind === 'Gateway',
      );
      const meshRoutes = routes.filter(
        r => r.spec.parentRefs[0].kind === 'Service',
      );
      expect(gatewayRoutes.length + meshRoutes.length).toBe(routes.length);
      expect(gateway.status.listeners[0].attachedRoutes).toBe(
        gatewayRoutes.length,
      );
      const backendOf = (route: any) =>
        `${route.metadata.namespace}/${route.spec.rules[0].backendRefs[0].name}`;
      for (const route of routes) {
        expect(services.has(backendOf(route))).toBe(true);
        const [parent] = route.status.parents;
        expect(parent.parentRef).toEqual(route.spec.parentRefs[0]);
        expect(parent.controllerName).toBe('istio.io/gateway-controller');
        expect(
          parent.conditions.map(
            (c: { type: string; status: string }) => `${c.type}=${c.status}`,
          ),
        ).toEqual([
          'Accepted=True',
          'ResolvedRefs=True',
          'ResolvedWaypoints=True',
        ]);
      }
      for (const route of gatewayRoutes) routed.add(backendOf(route));
      for (const route of meshRoutes) {
        const backends = route.spec.rules[0].backendRefs;
        expect(route.spec.parentRefs[0]).toMatchObject({
          group: '',
          kind: 'Service',
          name: backends[0].name,
        });
        expect(backends.map((b: { weight: number }) => b.weight)).toEqual([
          90, 10,
        ]);
        meshRouted.add(backendOf(route));
      }
    }
    expect(services.size).toBe(400);
    expect(routed.size / services.size).toBe(0.1);
    expect(meshRouted.size).toBe(10);
    expect([...meshRouted].every(s => routed.has(s))).toBe(true);
  });

  it('gives every service 1–3 callers of its cluster, seen by every kind of reporter', () => {
    const fleet = generateFleet({ clusters: 3, services: 200, seed: 2 });
    const services = new Set(
      fleet.clusters.flatMap(c =>
        c.objects
          .filter(
            o =>
              o.kind === 'Service' && o.metadata.namespace !== 'istio-system',
          )
          .map(
            o =>
              `${c.metadata.name}/${o.metadata.namespace}/${o.metadata.name}`,
          ),
      ),
    );
    const callers = new Map<string, number>();
    for (const { source, destination: d } of fleet.traffic!.flows) {
      expect(source !== 'unknown' && source.cluster).toBe(d.cluster);
      const key = `${d.cluster}/${d.namespace}/${d.service}`;
      callers.set(key, (callers.get(key) ?? 0) + 1);
    }
    expect(new Set(callers.keys())).toEqual(services);
    expect([...callers.values()].every(count => count >= 1 && count <= 3)).toBe(
      true,
    );
    const reports = proxyReports(resolveTraffic(fleet));
    expect(new Set(reports.map(r => `${r.reporter} ${r.proxy}`))).toEqual(
      new Set([
        'source envoy',
        'source ztunnel',
        'destination envoy',
        'destination ztunnel',
        'waypoint envoy',
      ]),
    );
  });

  it('round-trips through a fleet folder', async () => {
    const fleet = generateFleet({ clusters: 2, services: 12, seed: 3 });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-gen-'));
    writeFleet(fleet, folder);
    const loaded = await loadFleet(folder);
    expect(fleetObjectCount(loaded)).toBe(fleetObjectCount(fleet));
    expect(loaded.clusters.map(c => c.metadata)).toEqual(
      fleet.clusters.map(c => c.metadata),
    );
    expect(loaded.traffic).toEqual(fleet.traffic);
  });
});
