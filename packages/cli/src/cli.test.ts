import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../bin/meshplane');
const FIXTURES = path.resolve(__dirname, '__fixtures__');
const f = (name: string) => path.join(FIXTURES, name);

/** Runs the real `meshplane` executable. */
function meshplane(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: '/',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(...args: string[]) {
  const r = meshplane('analyze', '--output', 'json', ...args);
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

describe('meshplane analyze', () => {
  it('prints the JSON report of DESIGN §4.1 and exits 0 without errors', () => {
    const { code, report } = json(f('app.yaml'));
    expect(code).toBe(0);
    expect(report).toMatchObject({
      apiVersion: 'meshplane.io/v1alpha1',
      kind: 'AnalysisReport',
      clusters: ['default'],
    });
    expect(report.mtls.workloads).toContainEqual(
      expect.objectContaining({
        cluster: 'default',
        namespace: 'shop',
        name: 'web',
        kind: 'Deployment',
        sidecar: true,
        mode: 'PERMISSIVE',
        ports: [{ port: 8080, mode: 'PERMISSIVE' }],
      }),
    );
    expect(report.mtls.edges).toBeUndefined();
  });

  it('exits 1 on findings at or above --fail-on and lists them', () => {
    const { code, report } = json(f('app.yaml'), f('broken-route.yaml'));
    expect(code).toBe(1);
    expect(report.messages).toContainEqual(
      expect.objectContaining({
        code: 'IST0101',
        level: 'Error',
        analyzer: 'virtualservice.DestinationHostAnalyzer',
        resource: {
          cluster: 'default',
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          namespace: 'shop',
          name: 'broken',
        },
        path: 'spec.http[0].route[0].destination.host',
      }),
    );
    expect(
      json('--fail-on', 'none', f('app.yaml'), f('broken-route.yaml')).code,
    ).toBe(0);
  });

  it('--fail-on info counts the IST0102 info finding, --fail-on warning does not', () => {
    expect(json('--fail-on', 'warning', f('plain-namespace.yaml')).code).toBe(
      0,
    );
    expect(json('--fail-on', 'info', f('plain-namespace.yaml')).code).toBe(1);
  });

  it('includes edges with --edges', () => {
    const { report } = json('--edges', f('app.yaml'), f('mesh-strict.yaml'));
    expect(report.mtls.edges).toContainEqual(
      expect.objectContaining({
        from: { cluster: 'default', namespace: 'shop', workload: 'web' },
        to: { cluster: 'default', namespace: 'shop', service: 'web', port: 80 },
        clientTls: 'ISTIO_MUTUAL',
        clientTlsSource: 'auto',
        outcome: 'mtls',
        crossCluster: false,
        crossNetwork: false,
      }),
    );
  });

  it('merges --mesh-config over the defaults', () => {
    const { report } = json(
      '--edges',
      '--mesh-config',
      f('meshconfig-noauto.yaml'),
      f('app.yaml'),
      f('mesh-strict.yaml'),
    );
    expect(
      report.mtls.edges.find((e: any) => e.to.service === 'web').outcome,
    ).toBe('fail');
  });

  it('reads folders, JSON and kind: List; kinds it does not use are ignored', () => {
    const { code, report } = json(f('list.json'));
    expect(code).toBe(0);
    expect(
      report.messages.filter((m: any) => m.resource.kind === 'ConfigMap'),
    ).toEqual([]);
  });

  it('validates Istio objects against the CRD schemas', () => {
    const { report } = json(f('bad-dr.yaml'));
    expect(report.messages).toContainEqual(
      expect.objectContaining({
        code: 'IST0106',
        analyzer: 'schema.ValidationAnalyzer.DestinationRule',
        path: 'spec.trafficPolicy.tls.mode',
      }),
    );
  });

  it('loads fleet-simulator cluster folders with the network from the control-plane namespace label', () => {
    // west holds its own tokens.yaml, a metadata file like cluster.yaml (not objects).
    const { code, report, stderr } = json(
      '--edges',
      '--cluster',
      `east=${f('east')}`,
      '--cluster',
      `west=${f('west')}`,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report.clusters).toEqual(['east', 'west']);
    const toWest = report.mtls.edges.find(
      (e: any) =>
        e.from.cluster === 'east' &&
        e.to.cluster === 'west' &&
        e.to.service === 'web',
    );
    expect(toWest).toMatchObject({
      crossCluster: true,
      crossNetwork: true,
      outcome: 'mtls',
    });
  });

  it('places clusters on the networks --mesh-networks names (fromRegistry) and crosses through its gateways', () => {
    const args = [
      '--edges',
      '--cluster',
      `one=${f('app.yaml')}`,
      '--cluster',
      `two=${f('east/apps')}`,
    ];
    const toTwo = (report: any) =>
      report.mtls.edges.find(
        (e: any) =>
          e.from.cluster === 'one' &&
          e.to.cluster === 'two' &&
          e.to.service === 'web',
      );
    expect(toTwo(json(...args).report)).toMatchObject({
      crossCluster: true,
      crossNetwork: false,
      outcome: 'mtls',
    });
    const withNetworks = toTwo(
      json('--mesh-networks', f('mesh-networks.yaml'), ...args).report,
    );
    expect(withNetworks).toMatchObject({
      crossCluster: true,
      crossNetwork: true,
      outcome: 'mtls',
    });
    expect(withNetworks.reason).toContain(
      'network net-two gateway 192.0.2.20:15443',
    );
  });

  it('names both files when the same object is loaded twice (MPL0003)', () => {
    const { report } = json(f('app.yaml'), f('east/apps/app.yaml'));
    const dup = report.messages.filter((m: any) => m.code === 'MPL0003');
    expect(dup.length).toBeGreaterThan(0);
    expect(dup[0].message).toContain('app.yaml');
  });

  it('skips a document with apiVersion and kind but no name, with a warning naming file and line', () => {
    const r = json(f('nameless.yaml'), f('app.yaml'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /nameless\.yaml:1: document lacks metadata\.name \(skipped\)/,
    );
    expect(r.stderr).not.toMatch(/document: document/);
    expect(r.report.mtls.workloads.map((w: any) => w.name)).toEqual(['web']);
  });

  it('prints a readable table by default', () => {
    const { code, stdout } = meshplane(
      'analyze',
      f('app.yaml'),
      f('broken-route.yaml'),
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/Findings \(\d+\):/);
    expect(stdout).toMatch(/Error\s+IST0101\s+VirtualService shop\/broken/);
    expect(stdout).toMatch(/Mesh mTLS: /);
    expect(stdout).toMatch(/Summary: [1-9]\d* error/);
  });

  it('--entity prints the posture and findings of an entity linked to the services, and --fail-on counts its findings', () => {
    const args = [
      'analyze',
      '--entity',
      'shop/web',
      f('app.yaml'),
      f('broken-route.yaml'),
    ];
    const r = meshplane(...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer)).toEqual(['posture', 'findings']);
    expect(answer.posture.workloads.map((w: any) => w.name)).toEqual(['web']);
    // web calls itself with mTLS: counted, not listed as a caller.
    expect(answer.posture.outcomes).toEqual({
      mtls: 1,
      plaintext: 0,
      fail: 0,
      denied: 0,
      excluded: 0,
    });
    expect(answer.posture.inbound).toEqual([]);
    expect(answer.posture.omitted).toEqual({ inbound: 1, outbound: 0 });
    expect(answer.posture.strictBlockers).toEqual([]);
    // The findings of the service's objects only, most severe first.
    expect(answer.findings.map((m: any) => m.resource.name)).toContain(
      'broken',
    );
    expect(answer.findings[0].level).toBe('Error');
    expect(meshplane(...args, '--fail-on', 'none').code).toBe(0);
  });

  it('--readiness prints what breaks if a namespace moves to ambient, and exits 1 when something does', () => {
    const r = meshplane(
      'analyze',
      '--readiness',
      'shop',
      '--readiness',
      'nope',
      f('app.yaml'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'meshplane: warning: --readiness nope: no such namespace in any cluster\n',
    );
    const [shop] = JSON.parse(r.stdout).readiness;
    expect(shop).toMatchObject({
      cluster: 'default',
      namespace: 'shop',
      dataplanes: { sidecar: 1, ambient: 0, none: 0 },
      ready: false,
    });
    // The mesh VirtualService on web would be ignored by ambient clients without a waypoint.
    expect(shop.blockers).toContainEqual(
      expect.objectContaining({
        effect: 'breaks',
        object: expect.objectContaining({
          kind: 'VirtualService',
          name: 'web',
        }),
        path: 'spec.hosts',
      }),
    );
  });

  it('--entity warns of a service no cluster has, and answers for the others', () => {
    const r = meshplane(
      'analyze',
      '--entity',
      'shop/web',
      '--entity',
      'shop/nope',
      f('app.yaml'),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'meshplane: warning: --entity shop/nope: no such service in any cluster\n',
    );
    expect(JSON.parse(r.stdout).posture.workloads).toHaveLength(1);
  });

  describe('--traffic', () => {
    const mesh = f('traffic/mesh');
    const traffic = f('traffic/traffic.json');
    const brief = (m: any) =>
      `${m.code} ${m.resource.kind} ${m.resource.namespace}/${m.resource.name}${
        m.path ? ` ${m.path}` : ''
      }`;

    it('prints the findings of the join with the others and exits 1 on its error', () => {
      const { code, report, stderr } = json('--traffic', traffic, mesh);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(
        report.messages
          .filter((m: any) => m.code.startsWith('MPL02'))
          .map(brief),
      ).toEqual([
        'MPL0203 AuthorizationPolicy pay/api-callers spec.rules[0].from[0].source.principals[1]',
        'MPL0202 PeerAuthentication pay/default',
        'MPL0200 Deployment shop/web',
      ]);
      expect(report.traffic).toEqual({
        window: '5m',
        observedAt: '2025-06-01T12:00:00Z',
        observedOnly: [
          {
            from: { cluster: 'other', namespace: 'shop', workload: 'cron' },
            to: { cluster: 'default', namespace: 'pay', service: 'api' },
            observed: expect.objectContaining({ requestsPerSecond: 0.2 }),
          },
        ],
      });
      expect(report.mtls.edges).toBeUndefined();
    });

    it('with --edges, the edges carry what was observed (destination reporter, L4 only for TCP) and out-of-mesh callers are edges', () => {
      const { report } = json('--edges', '--traffic', traffic, mesh);
      const edge = (workload: string) =>
        report.mtls.edges.find(
          (e: any) => e.from.workload === workload && e.to.service === 'api',
        );
      expect(edge('web')).toMatchObject({
        outcome: 'mtls',
        observed: {
          reporter: 'destination',
          protocol: 'http',
          requestsPerSecond: 12.5,
          errorRate: 0.004,
          latencyMs: { p50: 8, p95: 31, p99: 70 },
          tls: { mutualTls: 0.9, plaintext: 0.1, unknown: 0 },
          lastSeen: '2025-06-01T11:59:58Z',
        },
      });
      expect(edge('unknown')).toMatchObject({
        from: { cluster: 'unknown', namespace: 'unknown', workload: 'unknown' },
        outcome: 'fail',
        observed: { protocol: 'tcp', tcpBytesPerSecond: 5200 },
      });
      expect(edge('unknown').observed.requestsPerSecond).toBeUndefined();
      expect(edge('report').observed).toBeUndefined();
    });

    it('shows the observed figures in the table', () => {
      const { stdout } = meshplane(
        'analyze',
        '--edges',
        '--traffic',
        traffic,
        mesh,
      );
      expect(stdout).toMatch(/OBSERVED \(5m\)/);
      expect(stdout).toContain(
        '12.5 req/s, 0.4% errors, p99 70 ms, mTLS 90%, plaintext 10% (destination)',
      );
      expect(stdout).toContain(
        'L4 only, 0.4 conn/s, 5200 B/s, plaintext 100% (destination)',
      );
      expect(stdout).toMatch(
        /Error\s+MPL0202\s+PeerAuthentication pay\/default/,
      );
      expect(stdout).toMatch(
        /Traffic: window 5m ending 2025-06-01T12:00:00Z; observed only \(no configured edge\): 1/,
      );
    });

    it('with --entity, lists the observed callers of every outcome, busiest first, with the join findings', () => {
      const r = meshplane(
        'analyze',
        '--entity',
        'pay/api',
        '--traffic',
        traffic,
        mesh,
      );
      expect(r.code).toBe(1);
      const { posture, findings } = JSON.parse(r.stdout);
      expect(
        posture.inbound.map((e: any) => `${e.outcome} ${e.from.workload}`),
      ).toEqual(['fail unknown', 'mtls web']);
      // report may call api and does not; api calling itself is denied and does not either.
      expect(posture.traffic).toMatchObject({
        window: '5m',
        unobserved: { mtls: 1, plaintext: 0, fail: 0, denied: 1, excluded: 0 },
      });
      expect(posture.traffic.observedOnly).toHaveLength(1);
      expect(findings.map(brief)).toEqual(
        expect.arrayContaining([
          'MPL0202 PeerAuthentication pay/default',
          'MPL0203 AuthorizationPolicy pay/api-callers spec.rules[0].from[0].source.principals[1]',
        ]),
      );
    });

    it.each([
      {
        name: 'a missing file',
        file: f('traffic/missing.json'),
        stderr: [/traffic\/missing\.json: cannot read: ENOENT/],
      },
      {
        name: 'a file that is not JSON',
        file: f('traffic/not-json.json'),
        stderr: [/traffic\/not-json\.json: invalid JSON: /],
      },
      {
        name: 'a folder',
        file: f('traffic/mesh'),
        stderr: [
          /traffic\/mesh: is a folder, not a TrafficObservations JSON file/,
        ],
      },
      {
        name: 'an invalid document',
        file: f('traffic/bad-traffic.json'),
        stderr: [
          /bad-traffic\.json: edges\[0\]\.reporter: "ztunnel" is not one of destination, source, waypoint/,
          /bad-traffic\.json: edges\[0\]\.requestsPerSecond: -1 is not a number ≥ 0/,
          /bad-traffic\.json: edges\[0\]\.tls\.plaintext: 1\.5 is not a share/,
        ],
      },
      {
        name: 'a YAML file',
        file: f('app.yaml'),
        stderr: [/app\.yaml: invalid JSON: /],
      },
    ])(
      'exits 2 on $name, naming the file and the field',
      ({ file, stderr }) => {
        const r = meshplane('analyze', '--traffic', file, mesh);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        for (const pattern of stderr) expect(r.stderr).toMatch(pattern);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      },
    );

    it('does not apply to --readiness', () => {
      const r = meshplane(
        'analyze',
        '--readiness',
        'pay',
        '--traffic',
        traffic,
        mesh,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /--readiness reads no traffic: --traffic does not apply/,
      );
    });
  });

  it.each([
    {
      name: 'a bad --entity value',
      args: ['--entity', 'foo', f('app.yaml')],
      stderr: /--entity expects <namespace>\/<service>, got "foo"/,
    },
    {
      name: '--entity with --output table',
      args: ['--entity', 'shop/web', '--output', 'table', f('app.yaml')],
      stderr: /--entity prints JSON: --output table does not apply/,
    },
    {
      name: 'a bad --readiness value',
      args: ['--readiness', 'Not/A/Namespace', f('app.yaml')],
      stderr: /--readiness expects a namespace name, got "Not\/A\/Namespace"/,
    },
    {
      name: 'invalid YAML names file and line',
      args: [f('invalid.yaml')],
      stderr: /invalid\.yaml:9: invalid YAML/,
    },
    {
      name: 'a document without kind',
      args: [f('no-kind.json')],
      stderr: /no-kind\.json:1: document lacks kind/,
    },
    {
      name: 'an unreadable path',
      args: [f('missing.yaml')],
      stderr: /missing\.yaml: cannot read: ENOENT/,
    },
    {
      name: 'an unknown option',
      args: ['--frobnicate', f('app.yaml')],
      stderr: /unknown option --frobnicate/,
    },
    {
      name: 'a bad --cluster value',
      args: ['--cluster', 'east'],
      stderr: /--cluster expects NAME=<path>/,
    },
    { name: 'no input', args: [], stderr: /no input/ },
  ])(
    'exits 2 on $name with nothing on stdout and no stack trace',
    ({ args, stderr }) => {
      const r = meshplane('analyze', ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(stderr);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
