import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FleetLoadError } from './FleetLoadError';
import { loadFleet } from './loadFleet';

const DEMO = path.resolve(__dirname, '../../fleets/demo');

function fleetFolder(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-load-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('loadFleet', () => {
  it('loads the demo fleet: metadata, objects and tokens', async () => {
    const fleet = await loadFleet(DEMO);
    const byName = Object.fromEntries(
      fleet.clusters.map(c => [c.metadata.name, c]),
    );
    expect(Object.keys(byName).sort()).toEqual([
      'east-1',
      'east-2',
      'lab-1',
      'west-1',
    ]);
    expect(byName['east-2'].metadata).toMatchObject({
      network: 'net-east',
      region: 'us-east-1',
      istio: { role: 'remote', primaryCluster: 'east-1' },
    });
    expect(byName['lab-1'].metadata.istio).toBeUndefined();
    const ownerless = byName['east-1'].objects.filter(
      o => o.kind === 'Namespace' && !o.metadata.labels?.['meshplane.io/owner'],
    );
    expect(ownerless.map(o => o.metadata.name)).toEqual(['sandbox']);
    expect(fleet.tokens.map(t => t.token)).toEqual(
      expect.arrayContaining(['demo-admin-token', 'demo-readonly-token']),
    );
  });

  it('names the file and line of invalid YAML', async () => {
    const root = fleetFolder({
      'c1/cluster.yaml': 'name: c1\n',
      'c1/objects.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: a\n',
    });
    const error = await loadFleet(root).catch(e => e);
    expect(error).toBeInstanceOf(FleetLoadError);
    expect(error.file).toBe(path.join(root, 'c1/objects.yaml'));
    expect(error.line).toBeGreaterThanOrEqual(8);
    expect(error.message).toContain('objects.yaml:');
  });

  it.each([
    [
      'an unknown kind',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: a}\n',
      /kind Widget in example.com\/v1 is not served/,
    ],
    [
      'a document without metadata.name',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: a}\n',
      /ConfigMap has no metadata.name/,
    ],
    [
      'a namespaced object without namespace',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
      /has no metadata.namespace/,
    ],
    ['a scalar document', 'just a string\n', /not a mapping/],
  ])('rejects %s with file and line', async (_name, text, message) => {
    const root = fleetFolder({
      'c1/cluster.yaml': 'name: c1\n',
      'c1/bad.yaml': `# comment\n${text}`,
    });
    const error = await loadFleet(root).catch(e => e);
    expect(error).toBeInstanceOf(FleetLoadError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`${path.join(root, 'c1/bad.yaml')}:2:`);
  });

  it('reads identities with a bearer token, an AWS access key, or both', async () => {
    const rules = 'rules: [{verbs: [get], resources: [pods]}]';
    const root = fleetFolder({
      'tokens.yaml': `tokens:
  - {name: bearer, token: t1, ${rules}}
  - {name: eks, aws: {accessKeyId: AKIA1, secretAccessKey: s1}, ${rules}}
  - {name: both, token: t2, aws: {accessKeyId: AKIA2, secretAccessKey: s2}, ${rules}}
`,
      'c1/cluster.yaml': 'name: c1\n',
    });
    const fleet = await loadFleet(root);
    expect(
      fleet.tokens.map(({ name, token, aws }) => ({ name, token, aws })),
    ).toEqual([
      { name: 'bearer', token: 't1' },
      { name: 'eks', aws: { accessKeyId: 'AKIA1', secretAccessKey: 's1' } },
      {
        name: 'both',
        token: 't2',
        aws: { accessKeyId: 'AKIA2', secretAccessKey: 's2' },
      },
    ]);
  });

  it.each([
    [
      'neither a token nor an aws key',
      '{name: x, rules: []}',
      /tokens\[0\] needs name, rules and a token or an aws access key/,
    ],
    [
      'an aws key without its secret',
      '{name: x, aws: {accessKeyId: AKIA1}, rules: []}',
      /tokens\[0\]\.aws needs accessKeyId and secretAccessKey/,
    ],
  ])('rejects an identity with %s', async (_name, entry, message) => {
    const root = fleetFolder({
      'tokens.yaml': `tokens:\n  - ${entry}\n`,
      'c1/cluster.yaml': 'name: c1\n',
    });
    await expect(loadFleet(root)).rejects.toThrow(message);
  });

  it('expands kind: List and requires cluster.yaml', async () => {
    const root = fleetFolder({
      'c1/cluster.yaml':
        'name: c1\nistio: {revision: default, version: 1.28.1, meshId: m, role: primary}\n',
      'c1/list.json': JSON.stringify({
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } },
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'y' } },
        ],
      }),
    });
    const fleet = await loadFleet(root);
    expect(fleet.clusters[0].objects.map(o => o.metadata.name)).toEqual([
      'x',
      'y',
    ]);
    fs.mkdirSync(path.join(root, 'c2'));
    await expect(loadFleet(root)).rejects.toThrow(
      /c2: cluster folder has no cluster.yaml/,
    );
  });
});

describe('loadFleet: traffic.yaml', () => {
  const MESH = path.resolve(__dirname, '../traffic/__fixtures__/mesh');

  /** The mesh fixture fleet with `traffic.yaml` holding one flow built from `flow`. */
  function withFlow(flow: Record<string, unknown>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-traffic-'));
    fs.cpSync(MESH, root, { recursive: true });
    const base = {
      source: { cluster: 'alpha', namespace: 'web', workload: 'frontend' },
      destination: {
        cluster: 'alpha',
        namespace: 'web',
        service: 'api',
        port: 8080,
      },
      rps: 1,
      protocol: 'http',
    };
    fs.writeFileSync(
      path.join(root, 'traffic.yaml'),
      JSON.stringify({ flows: [{ ...base, ...flow }] }),
    );
    return root;
  }
  const inAlpha = (fields: Record<string, unknown>) => ({
    cluster: 'alpha',
    ...fields,
  });

  it('loads the demo fleet’s traffic and the fixture’s', async () => {
    const demo = await loadFleet(DEMO);
    expect(demo.traffic?.flows.length).toBeGreaterThan(10);
    const mesh = await loadFleet(MESH);
    expect(mesh.traffic).toMatchObject({
      trustDomain: 'example.org',
      flows: expect.arrayContaining([
        expect.objectContaining({ source: 'unknown' }),
      ]),
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown cluster',
      { source: { cluster: 'gamma', namespace: 'web', workload: 'frontend' } },
      'flows[0].source.cluster: no cluster "gamma" in the fleet (clusters: alpha, beta)',
    ],
    [
      'an unknown namespace',
      {
        destination: inAlpha({
          namespace: 'nowhere',
          service: 'api',
          port: 8080,
        }),
      },
      'flows[0].destination.namespace: no namespace "nowhere" in cluster alpha',
    ],
    [
      'an unknown workload',
      { source: inAlpha({ namespace: 'web', workload: 'ghost' }) },
      'flows[0].source.workload: no workload "ghost"',
    ],
    [
      'a destination workload the Service does not select',
      {
        destination: inAlpha({
          namespace: 'web',
          service: 'api',
          workload: 'frontend',
          port: 8080,
        }),
      },
      'flows[0].destination.workload: Service web/api does not select workload frontend',
    ],
    [
      'an unknown service',
      { destination: inAlpha({ namespace: 'web', service: 'nope', port: 80 }) },
      'flows[0].destination.service: no Service "nope" in alpha/web',
    ],
    [
      'a port the Service lacks',
      { destination: inAlpha({ namespace: 'web', service: 'api', port: 81 }) },
      'flows[0].destination.port: Service web/api has no port 81 (ports: 8080, 9090)',
    ],
    ['a negative rate', { rps: -1 }, 'flows[0].rps: must be a number >= 0'],
    [
      'an error share above 1',
      { errors: { share: 1.5 } },
      'flows[0].errors.share: must be a number from 0 to 1',
    ],
    [
      'an HTTP status out of range',
      { errors: { share: 0.1, codes: [700] } },
      'flows[0].errors.codes[0]: must be an integer from 100 to 599',
    ],
    [
      'errors on a TCP flow',
      { protocol: 'tcp', errors: { share: 0.1 } },
      'flows[0].errors: applies to http and grpc flows, not tcp',
    ],
    [
      'an unknown protocol',
      { protocol: 'udp' },
      'flows[0].protocol: must be one of http, grpc, tcp, not "udp"',
    ],
    [
      'an unknown tls',
      { tls: 'strict' },
      'flows[0].tls: must be one of mutual_tls, none, not "strict"',
    ],
    [
      'mutual_tls from outside the mesh',
      { source: 'unknown', tls: 'mutual_tls' },
      'flows[0].tls: mutual_tls needs both sides in the mesh',
    ],
    [
      'an unknown data plane',
      {
        source: inAlpha({
          namespace: 'web',
          workload: 'frontend',
          dataPlane: 'proxyless',
        }),
      },
      'flows[0].source.dataPlane: must be one of sidecar, ambient, none, gateway, waypoint',
    ],
    [
      'percentiles out of order',
      { latencyMs: { p50: 30, p95: 20, p99: 40 } },
      'flows[0].latencyMs: needs 0 <= p50 <= p95 <= p99',
    ],
    ['a misspelt field', { rsp: 3 }, 'flows[0].rsp: unknown field'],
    [
      'an unknown waypoint',
      { waypoint: 'shop/missing' },
      'flows[0].waypoint: no workload "missing"',
    ],
  ])(
    'rejects %s, naming the file, the flow and the field',
    async (_, flow, message) => {
      const root = withFlow(flow);
      const error = await loadFleet(root).catch(e => e);
      expect(error).toBeInstanceOf(FleetLoadError);
      expect(error.file).toBe(path.join(root, 'traffic.yaml'));
      expect(error.message).toContain(`traffic.yaml: ${message}`);
    },
  );
});
