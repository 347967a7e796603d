// The benchmarks' fleet generator; a devDependency, used by tests only.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  fleetSnapshot,
  generateFleet,
  seededRandom,
} from '@meshplane/fleet-sim';
import { KubeObject, MeshSnapshot } from '../model/types';
import { compareFindings, MeshAnalyzer } from './MeshAnalyzer';
import type { Message, MessageLevel } from '../model/types';

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}

describe('MeshAnalyzer', () => {
  // The benchmarks' generator: nine namespaces of five services, the ninth not injected.
  const snapshot: MeshSnapshot = fleetSnapshot(
    generateFleet({
      clusters: 3,
      services: 45,
      servicesPerNamespace: 5,
      seed: 7,
    }),
  );
  const [firstCluster, secondCluster] = snapshot.clusters;
  const [c0, c1] = snapshot.clusters.map(c => c.name);
  const secondTeam = secondCluster.objects
    .filter(o => o.kind === 'DestinationRule')
    .map(o => o.metadata.namespace!)
    .sort()[0];

  it('gives the same report incrementally as a full recompute after random changes', () => {
    const rnd = seededRandom(42);
    const state = new Map<string, { cluster: string; obj: KubeObject }>();
    const key = (cluster: string, o: KubeObject) =>
      `${cluster}|${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${
        o.metadata.name
      }`;
    for (const c of snapshot.clusters)
      for (const o of c.objects)
        state.set(key(c.name, o), { cluster: c.name, obj: o });
    const incremental = MeshAnalyzer.fromSnapshot(snapshot);
    incremental.report();
    const pick = (kind: string) => {
      const list = [...state.values()].filter(v => v.obj.kind === kind);
      return list[Math.floor(rnd() * list.length)];
    };
    const mutations: Array<() => void> = [
      () => {
        const d = pick('Deployment');
        const obj = clone(d.obj);
        obj.spec.template.metadata.labels.version = rnd() < 0.5 ? 'v3' : 'v1';
        state.set(key(d.cluster, obj), { cluster: d.cluster, obj });
        incremental.upsert(d.cluster, obj);
      },
      () => {
        const dr = pick('DestinationRule');
        const obj = clone(dr.obj);
        obj.spec.trafficPolicy = {
          tls: {
            mode: ['DISABLE', 'ISTIO_MUTUAL', 'SIMPLE'][Math.floor(rnd() * 3)],
          },
        };
        state.set(key(dr.cluster, obj), { cluster: dr.cluster, obj });
        incremental.upsert(dr.cluster, obj);
      },
      () => {
        const p = pick('Pod');
        state.delete(key(p.cluster, p.obj));
        incremental.remove(p.cluster, {
          apiVersion: p.obj.apiVersion,
          kind: p.obj.kind,
          namespace: p.obj.metadata.namespace ?? null,
          name: p.obj.metadata.name,
        });
      },
      () => {
        const ns = pick('Namespace');
        const obj = clone(ns.obj);
        obj.metadata.labels =
          rnd() < 0.5
            ? { 'istio-injection': 'enabled' }
            : { 'istio-injection': 'disabled' };
        state.set(key(ns.cluster, obj), { cluster: ns.cluster, obj });
        incremental.upsert(ns.cluster, obj);
      },
      () => {
        const svc = pick('Service');
        const obj: KubeObject = {
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          metadata: {
            name: `pa-${Math.floor(rnd() * 1000)}`,
            namespace: svc.obj.metadata.namespace,
          },
          spec:
            rnd() < 0.5
              ? { mtls: { mode: 'DISABLE' } }
              : {
                  selector: { matchLabels: svc.obj.spec.selector },
                  mtls: { mode: 'STRICT' },
                },
        };
        state.set(key(svc.cluster, obj), { cluster: svc.cluster, obj });
        incremental.upsert(svc.cluster, obj);
      },
      () => {
        const mesh = [...state.values()].find(
          v =>
            v.obj.kind === 'PeerAuthentication' &&
            v.obj.metadata.namespace === 'istio-system',
        )!;
        const obj = clone(mesh.obj);
        obj.spec.mtls.mode = rnd() < 0.5 ? 'STRICT' : 'DISABLE';
        state.set(key(mesh.cluster, obj), { cluster: mesh.cluster, obj });
        incremental.upsert(mesh.cluster, obj);
      },
    ];
    for (let i = 0; i < 30; i++) {
      mutations[Math.floor(rnd() * mutations.length)]();
      const clusters = snapshot.clusters.map(c => ({
        name: c.name,
        network: c.network,
        region: c.region,
        objects: [...state.values()]
          .filter(v => v.cluster === c.name)
          .map(v => v.obj),
      }));
      const full = MeshAnalyzer.fromSnapshot({ clusters }).report();
      expect(incremental.report()).toEqual(full);
    }
  });

  it('spreads a refresh over several calls with a time budget, ending with the same results', () => {
    const a = MeshAnalyzer.fromSnapshot(snapshot);
    // A budget of 0 ms is spent after the first unit.
    expect(a.refresh({ budgetMs: 0 })).toBe(1);
    expect(a.pending).toBe(true);
    let units = 1;
    while (a.pending) units += a.refresh({ budgetMs: 0 });
    const fresh = MeshAnalyzer.fromSnapshot(snapshot);
    expect(units).toBe(fresh.refresh());
    expect(a.pending).toBe(false);
    expect(a.report({ edges: true })).toEqual(fresh.report({ edges: true }));
  });

  it('recomputes only the units a namespace-scoped change touches and says what changed', () => {
    const a = MeshAnalyzer.fromSnapshot(snapshot);
    a.report();
    const before = a.version;
    const dr = secondCluster.objects.find(
      o => o.kind === 'DestinationRule' && o.metadata.namespace === secondTeam,
    )!;
    a.upsert(secondCluster.name, {
      ...clone(dr),
      spec: { ...dr.spec, trafficPolicy: { tls: { mode: 'DISABLE' } } },
    });
    const ran = a.refresh();
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(40);
    const changes = a.changedSince(before);
    expect(changes.namespaces).toContainEqual({
      cluster: secondCluster.name,
      namespace: secondTeam,
    });
    expect(
      changes.namespaces.every(n => n.cluster === secondCluster.name),
    ).toBe(true);
    expect(a.changedSince(changes.version)).toEqual({
      version: changes.version,
      mesh: false,
      namespaces: [],
    });
  });

  it('names both files when an object is defined twice', () => {
    const a = new MeshAnalyzer();
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'x' },
    };
    a.upsert('default', svc, { file: 'a.yaml', line: 3 });
    a.upsert('default', svc, { file: 'b.yaml', line: 7 });
    const dup = a.findings({ code: 'MPL0003' });
    expect(dup).toHaveLength(1);
    expect(dup[0].message).toContain('a.yaml:3');
    expect(dup[0].message).toContain('b.yaml:7');
  });

  it.each([
    {
      name: 'two files',
      first: { file: 'a.yaml', line: 3 },
      second: { file: 'b.yaml', line: 7 },
      expected: ['a.yaml:3 and b.yaml:7; the later one (b.yaml:7) is used'],
    },
    {
      name: 'two documents of one file',
      first: { file: 'a.yaml', line: 3 },
      second: { file: 'a.yaml', line: 9 },
      expected: ['a.yaml:3 and a.yaml:9; the later one (a.yaml:9) is used'],
    },
    {
      name: 'the same document read twice',
      first: { file: 'a.yaml', line: 3 },
      second: { file: 'a.yaml', line: 3 },
      expected: [],
    },
  ])(
    'MPL0003 for an object defined twice: $name',
    ({ first, second, expected }) => {
      const a = new MeshAnalyzer();
      const svc: KubeObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's', namespace: 'x' },
      };
      a.upsert('default', svc, first);
      a.upsert('default', svc, second);
      expect(
        a
          .findings({ code: 'MPL0003' })
          .map(m => m.message.replace(/^.* is defined in /, '')),
      ).toEqual(expected);
    },
  );

  it('rejects objects that are not Kubernetes objects', () => {
    expect(() =>
      new MeshAnalyzer().upsert('c', { kind: 'Pod' } as any),
    ).toThrow(/lacks apiVersion, kind or metadata.name/);
  });

  it('serves logical services, entity views and edges on demand', () => {
    const a = MeshAnalyzer.fromSnapshot(snapshot);
    // A canary (v1 and v2) in all three clusters; team-004's first service is exposed through
    // the ingress Gateway; team-009 is not injected.
    const svc = a.service('team-004', 'svc-00017')!;
    expect(svc.clusters.map(c => c.cluster)).toEqual(
      snapshot.clusters.map(c => c.name),
    );
    expect(svc.clusters[0].workloads.map(w => w.name).sort()).toEqual([
      'svc-00017-v1',
      'svc-00017-v2',
    ]);
    expect(svc.config.map(r => r.kind)).toEqual(
      expect.arrayContaining(['VirtualService', 'DestinationRule']),
    );

    const view = a.serviceView('team-004', 'svc-00017');
    expect(view.posture.workloads.map(p => p.name).sort()).toEqual([
      'svc-00017-v1',
      'svc-00017-v1',
      'svc-00017-v1',
      'svc-00017-v2',
      'svc-00017-v2',
      'svc-00017-v2',
    ]);
    expect(
      view.topology.nodes.some(n => n.id === 'service:team-004/svc-00017'),
    ).toBe(true);
    expect(
      a
        .serviceView('team-004', 'svc-00016')
        .topology.edges.some(
          e =>
            e.from === 'gateway:istio-system/public' &&
            e.to === 'service:team-004/svc-00016',
        ),
    ).toBe(true);

    const { outcomes, outbound } = view.posture;
    expect(Object.values(outcomes).reduce((n, c) => n + c, 0)).toBeGreaterThan(
      0,
    );
    expect(
      outbound.every(
        e =>
          e.from.namespace === 'team-004' &&
          e.from.workload.startsWith('svc-00017-'),
      ),
    ).toBe(true);

    const callers = a.serverEdges('team-004', 'svc-00017');
    const callerNamespaces = new Set(
      callers.map(g => `${g.cluster}/${g.namespace}`),
    );
    expect(callerNamespaces.has(`${snapshot.clusters[2].name}/team-009`)).toBe(
      true,
    );
    for (const g of callers)
      for (const e of g.edges)
        expect(e.to).toMatchObject({
          namespace: 'team-004',
          service: 'svc-00017',
        });

    const client = a.clientEdges(c0, 'team-004', 'svc-00017-v1');
    expect(new Set(client.map(e => e.to.service)).has('svc-00018')).toBe(true);
  });

  describe('snapshot and fork', () => {
    const meshConfig = { trustDomain: 'example.org' };
    const meshNetworks = {
      networks: { n1: { endpoints: [{ fromRegistry: c0 }] } },
    };
    const loaded = () => {
      const a = new MeshAnalyzer({ meshConfig, meshNetworks });
      a.setClusterMeta('remote', {
        network: 'n2',
        region: 'eu',
        configCluster: c0,
      });
      for (const c of snapshot.clusters) a.loadCluster(c);
      return a;
    };

    it('gives back every object, cluster metadata, mesh config and networks, in an order that reproduces the report', () => {
      const a = loaded();
      const snap = a.snapshot();
      expect(snap.meshConfig).toEqual(meshConfig);
      expect(snap.meshNetworks).toEqual(meshNetworks);
      expect(snap.clusters.map(c => c.name)).toEqual([
        'remote',
        ...snapshot.clusters.map(c => c.name),
      ]);
      expect(snap.clusters[0]).toEqual({
        name: 'remote',
        network: 'n2',
        region: 'eu',
        configCluster: c0,
        objects: [],
      });
      for (const c of snapshot.clusters) {
        const got = snap.clusters.find(x => x.name === c.name)!;
        expect(got.objects).toEqual(c.objects);
      }
      expect(MeshAnalyzer.fromSnapshot(snap).report({ edges: true })).toEqual(
        a.report({ edges: true }),
      );
    });

    it('follows removals and replacements', () => {
      const a = loaded();
      const [firstObject, secondObject] = firstCluster.objects;
      a.remove(c0, {
        apiVersion: firstObject.apiVersion,
        kind: firstObject.kind,
        namespace: firstObject.metadata.namespace ?? null,
        name: firstObject.metadata.name,
      });
      const replaced = {
        ...secondObject,
        metadata: { ...secondObject.metadata, labels: { changed: 'yes' } },
      };
      a.upsert(c0, replaced);
      a.setMeshConfig({ trustDomain: 'other.org' });
      const objects = a.snapshot().clusters.find(c => c.name === c0)!.objects;
      expect(objects).not.toContain(firstObject);
      expect(objects[0]).toBe(replaced);
      expect(objects).toHaveLength(snapshot.clusters[0].objects.length - 1);
      expect(a.snapshot().meshConfig).toEqual({ trustDomain: 'other.org' });
    });

    it('forks an independent analyzer with the same results, sources and duplicate findings', () => {
      const a = loaded();
      const svc: KubeObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'dup', namespace: 'x' },
      };
      a.upsert(c0, svc, { file: 'a.yaml', line: 1 });
      a.upsert(c0, svc, { file: 'b.yaml', line: 9 });
      const f = a.fork();
      expect(f.report({ edges: true })).toEqual(a.report({ edges: true }));
      expect(f.findings({ code: 'MPL0003' })).toHaveLength(1);

      const pa: KubeObject = {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'strict', namespace: 'team-004' },
        spec: { mtls: { mode: 'DISABLE' } },
      };
      const before = a.report();
      f.upsert(c0, pa);
      f.setMeshConfig({ rootNamespace: 'mesh-root' });
      expect(f.report()).not.toEqual(before);
      expect(a.report()).toEqual(before);
      expect(
        a.snapshot().clusters.find(c => c.name === c0)!.objects,
      ).not.toContain(pa);
      a.remove(c0, {
        apiVersion: 'v1',
        kind: 'Service',
        namespace: 'x',
        name: 'dup',
      });
      expect(f.snapshot().clusters.find(c => c.name === c0)!.objects).toContain(
        svc,
      );
      expect(f.findings({ code: 'MPL0003' })).toHaveLength(1);
    });

    it('reanalyses only what a change to a fork touches, with the results of a fresh analysis', () => {
      const a = loaded();
      a.report();
      const f = a.fork();
      const changes: KubeObject[] = [
        {
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          metadata: { name: 'strict', namespace: 'team-003' },
          spec: { mtls: { mode: 'DISABLE' } },
        },
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: 'plain', namespace: 'team-004' },
          spec: {
            host: 'svc-00012.team-003.svc.cluster.local',
            trafficPolicy: { tls: { mode: 'DISABLE' } },
          },
        },
      ];
      for (const o of changes) f.upsert(c1, o);
      // The fork starts warm: far fewer units run than a whole analysis.
      const units = f.refresh();
      const fresh = MeshAnalyzer.fromSnapshot(f.snapshot());
      expect(units).toBeLessThan(fresh.refresh());
      expect(f.report({ edges: true })).toEqual(fresh.report({ edges: true }));
      expect(f.serverEdges('team-003', 'svc-00012')).toEqual(
        fresh.serverEdges('team-003', 'svc-00012'),
      );
      expect(a.report()).not.toEqual(f.report());
      const keys = [
        { cluster: c0, namespace: 'team-004' },
        { cluster: c1, namespace: 'team-003' },
      ];
      expect(f.namespacePostures(keys)).toEqual(
        fresh
          .report()
          .mtls.namespaces.filter(n =>
            keys.some(
              k => k.cluster === n.cluster && k.namespace === n.namespace,
            ),
          ),
      );
      expect(f.namespacePostures(keys)).toHaveLength(2);
    });
  });

  describe('change tracking: versions and the service listing', () => {
    const pod = (ready: boolean, image = 'app:1'): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'shop', labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image }] },
      status: { conditions: [{ type: 'Ready', status: String(ready) }] },
    });
    const podRef = {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'shop',
      name: 'p',
    };
    const service = (kubernetesId?: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'web',
        namespace: 'shop',
        ...(kubernetesId
          ? { labels: { 'backstage.io/kubernetes-id': kubernetesId } }
          : {}),
      },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    const versions = (a: MeshAnalyzer) => ({
      version: a.version,
      structural: a.structuralVersion,
      shop: a.namespaceVersion('c1', 'shop'),
      other: a.namespaceVersion('c1', 'other'),
    });

    it('bumps the structural version for all but status-only changes', () => {
      const a = new MeshAnalyzer();
      a.upsert('c1', pod(false));
      a.upsert('c1', {
        ...service(),
        metadata: { name: 'x', namespace: 'other' },
      });
      const start = versions(a);
      expect(start.structural).toBe(start.version);
      expect(start.shop).toBeGreaterThan(0);
      expect(a.namespaceVersion('c2', 'shop')).toBe(0);

      a.upsert('c1', pod(true), undefined, { statusOnly: true });
      const status = versions(a);
      expect(status.version).toBeGreaterThan(start.version);
      expect(status.shop).toBe(status.version);
      expect(status.structural).toBe(start.structural);
      expect(status.other).toBe(start.other);

      a.upsert('c1', pod(true, 'app:2'));
      const spec = versions(a);
      expect(spec.version).toBeGreaterThan(status.version);
      expect(spec.structural).toBe(spec.version);
      expect(spec.shop).toBe(spec.version);
      expect(spec.other).toBe(start.other);

      a.remove('c1', podRef);
      const removed = versions(a);
      expect(removed.structural).toBe(removed.version);
      expect(removed.shop).toBe(removed.version);
      // Removing what is absent changes nothing.
      a.remove('c1', podRef);
      expect(versions(a)).toEqual(removed);
    });

    it.each([
      [
        'mesh config',
        (a: MeshAnalyzer) => a.setMeshConfig({ trustDomain: 't' }),
      ],
      [
        'mesh networks',
        (a: MeshAnalyzer) => a.setMeshNetworks({ networks: {} }),
      ],
      [
        'cluster metadata',
        (a: MeshAnalyzer) => a.setClusterMeta('c1', { network: 'n' }),
      ],
      ['schemas', (a: MeshAnalyzer) => a.setSchemas(undefined)],
    ])('counts a change of %s as structural', (_, change) => {
      const a = new MeshAnalyzer();
      a.upsert('c1', pod(false));
      const before = versions(a);
      change(a);
      const after = versions(a);
      expect(after.structural).toBe(after.version);
      expect(after.version).toBeGreaterThan(before.version);
      expect(after.shop).toBe(before.shop);
    });

    it('lists logical services with the clusters their Service is in and its kubernetes-id label', () => {
      const a = new MeshAnalyzer();
      expect(a.serviceRefs()).toEqual([]);
      expect(a.serviceClusters('shop', 'web')).toEqual([]);
      a.upsert('c2', service('web-app'));
      a.upsert('c1', service());
      a.upsert('c1', pod(true));
      expect(a.serviceRefs()).toEqual([
        { namespace: 'shop', name: 'web', clusters: ['c1', 'c2'] },
      ]);
      expect(a.serviceClusters('shop', 'web')).toEqual(
        expect.arrayContaining([
          { cluster: 'c1' },
          { cluster: 'c2', kubernetesId: 'web-app' },
        ]),
      );
      a.upsert('c1', service('web-c1'));
      expect(a.serviceClusters('shop', 'web')).toContainEqual({
        cluster: 'c1',
        kubernetesId: 'web-c1',
      });
      const ref = {
        apiVersion: 'v1',
        kind: 'Service',
        namespace: 'shop',
        name: 'web',
      };
      a.remove('c2', ref);
      expect(a.serviceRefs()).toEqual([
        { namespace: 'shop', name: 'web', clusters: ['c1'] },
      ]);
      expect(a.serviceClusters('shop', 'web')).toEqual([
        { cluster: 'c1', kubernetesId: 'web-c1' },
      ]);
      a.remove('c1', ref);
      expect(a.serviceRefs()).toEqual([]);
      expect(a.serviceClusters('shop', 'web')).toEqual([]);
    });

    it('forks with the same versions and services, then each follows its own changes', () => {
      const a = new MeshAnalyzer();
      a.upsert('c1', service('web-app'));
      a.upsert('c1', pod(false));
      a.upsert('c1', pod(true), undefined, { statusOnly: true });
      const f = a.fork();
      expect(versions(f)).toEqual(versions(a));
      expect(f.serviceRefs()).toEqual(a.serviceRefs());
      expect(f.serviceClusters('shop', 'web')).toEqual(
        a.serviceClusters('shop', 'web'),
      );
      const before = versions(a);
      f.upsert('c2', service());
      expect(versions(a)).toEqual(before);
      expect(a.serviceRefs()[0].clusters).toEqual(['c1']);
      expect(f.serviceRefs()[0].clusters).toEqual(['c1', 'c2']);
      expect(f.structuralVersion).toBeGreaterThan(before.structural);
    });
  });

  it("answers one cluster's mTLS for that cluster alone (clusterMtls)", () => {
    const analyzer = MeshAnalyzer.fromSnapshot(snapshot);
    // Every cluster's mesh-wide PeerAuthentication is STRICT; the second's becomes PERMISSIVE.
    analyzer.upsert(c1, {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'istio-system' },
      spec: { mtls: { mode: 'PERMISSIVE' } },
    });
    const report = analyzer.report();
    const clusters = snapshot.clusters.map(c => c.name);
    for (const cluster of clusters) {
      const { namespaces } = analyzer.clusterMtls(cluster);
      expect(namespaces.length).toBeGreaterThan(0);
      expect(namespaces).toEqual(
        report.mtls.namespaces.filter(n => n.cluster === cluster),
      );
    }
    // The fleet's status combines the clusters', each cluster's is its own.
    const first = analyzer.clusterMtls(clusters[0]).mesh;
    const second = analyzer.clusterMtls(clusters[1]).mesh;
    expect(first).not.toEqual(second);
    expect(report.mtls.mesh.status).toBe('MTLS_PARTIALLY_ENABLED');
    expect(analyzer.clusterMtls('no-such-cluster')).toEqual({
      mesh: 'MTLS_NOT_ENABLED',
      namespaces: [],
    });
  });

  it('answers an entity for one cluster when asked (a cluster Resource)', () => {
    const analyzer = MeshAnalyzer.fromSnapshot(snapshot);
    const ref = analyzer
      .serviceRefs()
      .find(r => r.namespace.startsWith('team-') && r.clusters.length > 1)!;
    const refs = [{ namespace: ref.namespace, name: ref.name }];
    const cluster = ref.clusters[0];
    const whole = analyzer.entityView(refs);
    const one = analyzer.entityView(refs, { cluster });
    const total = (v: typeof whole) =>
      Object.values(v.posture.outcomes).reduce((n, c) => n + c, 0);

    expect(one.services.flatMap(s => s.clusters.map(c => c.cluster))).toEqual([
      cluster,
    ]);
    expect(one.workloads.length).toBeGreaterThan(0);
    expect(one.workloads.length).toBeLessThan(whole.workloads.length);
    expect(
      [...one.workloads, ...one.posture.workloads].every(
        w => w.cluster === cluster,
      ),
    ).toBe(true);
    expect(one.posture.namespaces.every(n => n.cluster === cluster)).toBe(true);
    expect(one.findings.every(f => f.resource.cluster === cluster)).toBe(true);
    expect(one.posture.inbound.every(e => e.to.cluster === cluster)).toBe(true);
    expect(one.posture.outbound.every(e => e.from.cluster === cluster)).toBe(
      true,
    );
    // The other clusters' instances and their callers are left out of the counts.
    expect(total(one)).toBeGreaterThan(0);
    expect(total(one)).toBeLessThan(total(whole));
    // The topology: that cluster's instances, workloads and config.
    const workloadNodes = (v: typeof whole) =>
      v.topology.nodes.filter(n => n.type === 'workload' || n.type === 'vm');
    expect(workloadNodes(whole).some(n => !n.clusters.includes(cluster))).toBe(
      true,
    );
    expect(workloadNodes(one).length).toBeGreaterThan(0);
    expect(
      workloadNodes(one).every(n => n.clusters.every(c => c === cluster)),
    ).toBe(true);
    expect(one.topology.edges.length).toBeLessThan(whole.topology.edges.length);
  });

  describe('entityView: the entity answer', () => {
    const ns = (name: string, injected: boolean): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        ...(injected ? { labels: { 'istio-injection': 'enabled' } } : {}),
      },
    });
    const deployment = (namespace: string, name: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: {
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name }] },
        },
      },
    });
    const service = (
      namespace: string,
      name: string,
      port: number,
    ): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { selector: { app: name }, ports: [{ name: 'http', port }] },
    });
    /**
     * `shop/api` (sidecar, PERMISSIVE) called by `plaintextCallers` workloads without a
     * sidecar and 3 with one; it calls `data/db` (Sidecar egress) and its VirtualService
     * routes to `shop/api-next`.
     */
    function fleet(plaintextCallers: number): MeshAnalyzer {
      const objects: KubeObject[] = [
        ns('shop', true),
        ns('legacy', false),
        ns('data', true),
        deployment('shop', 'api'),
        service('shop', 'api', 80),
        deployment('shop', 'api-next'),
        service('shop', 'api-next', 80),
        deployment('data', 'db'),
        service('data', 'db', 5432),
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'Sidecar',
          metadata: { name: 'api', namespace: 'shop' },
          spec: {
            workloadSelector: { labels: { app: 'api' } },
            egress: [{ hosts: ['data/db.data.svc.cluster.local'] }],
          },
        },
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: 'api', namespace: 'shop' },
          spec: {
            hosts: ['api'],
            http: [{ route: [{ destination: { host: 'api-next' } }] }],
          },
        },
      ];
      for (let i = 0; i < plaintextCallers; i++)
        objects.push(
          deployment('legacy', `caller-${String(i).padStart(4, '0')}`),
        );
      for (let i = 0; i < 3; i++) objects.push(deployment('shop', `web-${i}`));
      return MeshAnalyzer.fromSnapshot({
        clusters: [{ name: 'c1', objects }],
      });
    }

    it('lists the non-mTLS callers and the services the entity calls, with omitted counts and blockers', () => {
      const view = fleet(2).entityView([{ namespace: 'shop', name: 'api' }]);
      const { posture } = view;
      expect(
        posture.inbound.map(e => `${e.outcome} ${e.from.workload}`),
      ).toEqual(['plaintext caller-0000', 'plaintext caller-0001']);
      // As client: the Sidecar egress host and the VirtualService route, from api's workload.
      expect(
        posture.outbound.map(
          e => `${e.from.workload} -> ${e.to.namespace}/${e.to.service}`,
        ),
      ).toEqual(['api -> data/db', 'api -> shop/api-next']);
      // The sidecar callers get mTLS: counted, not listed (nor are the two outbound mTLS edges).
      expect(posture.outcomes.plaintext).toBe(2);
      expect(posture.omitted).toEqual({
        inbound: posture.outcomes.mtls - 2,
        outbound: 0,
      });
      expect(posture.strictBlockers).toEqual([
        {
          caller: {
            cluster: 'c1',
            namespace: 'legacy',
            workload: 'caller-0000',
          },
          services: ['shop/api:80'],
        },
        {
          caller: {
            cluster: 'c1',
            namespace: 'legacy',
            workload: 'caller-0001',
          },
          services: ['shop/api:80'],
        },
      ]);
    });

    it('names every STRICT blocker of more than 500 plaintext callers while listing 500', () => {
      const callers = 520;
      const { posture } = fleet(callers).entityView([
        { namespace: 'shop', name: 'api' },
      ]);
      expect(posture.outcomes.plaintext).toBe(callers);
      expect(posture.inbound).toHaveLength(500);
      expect(posture.inbound.every(e => e.outcome === 'plaintext')).toBe(true);
      expect(posture.omitted.inbound).toBe(
        callers - 500 + posture.outcomes.mtls - posture.outbound.length,
      );
      expect(posture.strictBlockers).toHaveLength(callers);
      expect(posture.strictBlockers.at(-1)).toEqual({
        caller: { cluster: 'c1', namespace: 'legacy', workload: 'caller-0519' },
        services: ['shop/api:80'],
      });
      // A smaller cut leaves the blockers complete too.
      const small = fleet(callers).entityView(
        [{ namespace: 'shop', name: 'api' }],
        { maxEdges: 10 },
      ).posture;
      expect(small.inbound).toHaveLength(10);
      expect(small.strictBlockers).toEqual(posture.strictBlockers);
    });
  });

  it('orders findings most severe first, then by code, then by object', () => {
    const finding = (level: MessageLevel, code: string, name: string) =>
      ({
        code,
        level,
        analyzer: 'test',
        message: '',
        resource: {
          cluster: 'c1',
          apiVersion: 'v1',
          kind: 'Service',
          namespace: 'shop',
          name,
        },
      } as Message);
    const findings = [
      finding('Info', 'IST0102', 'a'),
      finding('Error', 'IST0101', 'b'),
      finding('Warning', 'IST0108', 'a'),
      finding('Error', 'IST0101', 'a'),
      finding('Error', 'IST0001', 'z'),
    ];
    expect(
      findings
        .sort(compareFindings)
        .map(f => `${f.level} ${f.code} ${f.resource.name}`),
    ).toEqual([
      'Error IST0001 z',
      'Error IST0101 a',
      'Error IST0101 b',
      'Warning IST0108 a',
      'Info IST0102 a',
    ]);
  });
});
