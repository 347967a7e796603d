import { spawn } from 'node:child_process';
import {
  KUBECTL,
  kubectlAvailable,
  kubectlFor,
  testFleet,
  waitFor,
} from '../testing';
import { FleetServer, startFleet } from './startFleet';

const describeKubectl = kubectlAvailable() ? describe : describe.skip;

describeKubectl('real kubectl against the simulator', () => {
  let fleet: FleetServer;
  let kubectl: ReturnType<typeof kubectlFor>;

  beforeAll(async () => {
    fleet = await startFleet({ fleet: testFleet() });
    kubectl = kubectlFor(fleet.kubeconfig);
  });

  afterAll(async () => {
    await fleet?.stop();
    kubectl?.cleanup();
  });

  it('gets across all namespaces, by label, as JSON and in chunks', async () => {
    const all = await kubectl.run([
      '--context',
      'alpha',
      'get',
      'configmaps',
      '-A',
    ]);
    expect(all.stderr).toBe('');
    expect(all.stdout).toMatch(/^NAMESPACE\s+NAME\s+AGE/);
    expect(
      all.stdout.split('\n').filter(line => /^(apps|other)\s/.test(line)),
    ).toHaveLength(4);

    const labelled = await kubectl.run([
      '--context',
      'alpha',
      'get',
      'configmaps',
      '-n',
      'apps',
      '-l',
      'tier=web,env!=dev',
      '-o',
      'json',
    ]);
    expect(labelled.code).toBe(0);
    expect(
      JSON.parse(labelled.stdout).items.map((i: any) => i.metadata.name),
    ).toEqual(['one']);

    const setBased = await kubectl.run([
      '--context',
      'alpha',
      'get',
      'configmaps',
      '-A',
      '-l',
      'tier in (web,db),!missing',
      '-o',
      'name',
    ]);
    expect(setBased.stdout.trim().split('\n').sort()).toEqual([
      'configmap/one',
      'configmap/three',
      'configmap/two',
    ]);

    const chunked = await kubectl.run([
      '--context',
      'alpha',
      'get',
      'configmaps',
      '-A',
      '--chunk-size=1',
      '-o',
      'json',
      '-v=6',
    ]);
    expect(chunked.code).toBe(0);
    expect(JSON.parse(chunked.stdout).items).toHaveLength(4);
    expect(chunked.stderr.match(/continue=/g)?.length).toBeGreaterThanOrEqual(
      3,
    );

    const otherCluster = await kubectl.run([
      '--context',
      'beta',
      'get',
      'configmap',
      'one',
      '-n',
      'apps',
      '-o',
      'jsonpath={.data.value}',
    ]);
    expect(otherCluster.stdout).toBe('beta');
  });

  it('lists discovery with api-resources, Istio kinds only where Istio is installed', async () => {
    const alpha = await kubectl.run(['--context', 'alpha', 'api-resources']);
    expect(alpha.code).toBe(0);
    expect(alpha.stdout).toMatch(
      /virtualservices\s+vs\s+networking\.istio\.io\/v1\s+true\s+VirtualService/,
    );
    expect(alpha.stdout).toMatch(
      /peerauthentications\s+pa\s+security\.istio\.io\/v1\s+true\s+PeerAuthentication/,
    );
    expect(alpha.stdout).toMatch(
      /endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice/,
    );
    const beta = await kubectl.run(['--context', 'beta', 'api-resources']);
    expect(beta.code).toBe(0);
    expect(beta.stdout).not.toMatch(/istio/);
    const crds = await kubectl.run([
      '--context',
      'alpha',
      'get',
      'crd',
      '-o',
      'name',
    ]);
    expect(crds.stdout).toContain(
      'customresourcedefinition.apiextensions.k8s.io/virtualservices.networking.istio.io',
    );
  });

  it('applies Istio kinds client-side, any kind server-side, honours --dry-run=server and deletes', async () => {
    const alpha = (args: string[], input?: string) =>
      kubectl.run(['--context', 'alpha', ...args], input);
    const getJson = async (kind: string, name: string, ...flags: string[]) =>
      JSON.parse(
        (await alpha(['get', kind, name, '-n', 'apps', '-o', 'json', ...flags]))
          .stdout,
      );
    const subsetOf = async () =>
      (await getJson('vs', 'ratings')).spec.http[0].route[0].destination.subset;
    const vs = (subset: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: apps
spec:
  hosts: [ratings]
  http:
  - route:
    - destination: {host: ratings, subset: ${subset}}
`;
    expect((await alpha(['apply', '-f', '-'], vs('v1'))).stdout).toContain(
      'virtualservice.networking.istio.io/ratings created',
    );
    expect((await alpha(['apply', '-f', '-'], vs('v2'))).stdout).toContain(
      'configured',
    );
    const applied = await getJson('vs', 'ratings');
    expect(applied.spec.http[0].route[0].destination.subset).toBe('v2');
    expect(
      applied.metadata.annotations[
        'kubectl.kubernetes.io/last-applied-configuration'
      ],
    ).toContain('"subset":"v2"');
    expect(applied.metadata.generation).toBe(2);

    expect(
      (await alpha(['apply', '--dry-run=server', '-f', '-'], vs('v3'))).stdout,
    ).toContain('(server dry run)');
    expect(await subsetOf()).toBe('v2');

    const configMap = `apiVersion: v1
kind: ConfigMap
metadata: {name: ssa, namespace: apps, labels: {owner: kubectl}}
data: {key: first}
`;
    const second = configMap.replace('first', 'second');
    expect(
      (await alpha(['apply', '--server-side', '-f', '-'], configMap)).stdout,
    ).toContain('configmap/ssa serverside-applied');
    const conflicting = await alpha(
      ['apply', '--server-side', '--field-manager', 'someone-else', '-f', '-'],
      second,
    );
    expect(conflicting.code).not.toBe(0);
    expect(conflicting.stderr).toContain('conflict with "kubectl"');
    await alpha(
      [
        'apply',
        '--server-side',
        '--force-conflicts',
        '--field-manager',
        'someone-else',
        '-f',
        '-',
      ],
      second,
    );
    const ssa = await getJson('cm', 'ssa', '--show-managed-fields');
    expect(ssa.data.key).toBe('second');
    expect(ssa.metadata.managedFields.map((m: any) => m.manager)).toContain(
      'someone-else',
    );

    // Like kube-apiserver: fields set by client-side apply belong to "kubectl-client-side-apply".
    const takeOver = await alpha(
      ['apply', '--server-side', '-f', '-'],
      vs('v4'),
    );
    expect(takeOver.stderr).toContain(
      'conflict with "kubectl-client-side-apply" using networking.istio.io/v1: .spec.http',
    );
    expect(
      (
        await alpha(
          ['apply', '--server-side', '--force-conflicts', '-f', '-'],
          vs('v4'),
        )
      ).stdout,
    ).toContain('serverside-applied');
    expect(await subsetOf()).toBe('v4');

    expect(
      (await alpha(['delete', 'vs', 'ratings', '-n', 'apps'])).stdout,
    ).toContain('virtualservice.networking.istio.io "ratings" deleted');
    const gone = await alpha(['get', 'vs', 'ratings', '-n', 'apps']);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain(
      'virtualservices.networking.istio.io "ratings" not found',
    );
  });

  it('watches and sees an update made by another client', async () => {
    const child = spawn(
      KUBECTL,
      [
        ...kubectl.baseArgs,
        '--context',
        'alpha',
        'get',
        'configmap',
        'two',
        '-n',
        'apps',
        '--watch',
        '-o',
        'jsonpath={.data.value}{"\\n"}',
      ],
      { env: kubectl.env },
    );
    let output = '';
    child.stdout.on('data', chunk => {
      output += chunk.toString();
    });
    try {
      await waitFor('the initial state', () => output.includes('2\n'));
      fleet.cluster('alpha').apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'two', namespace: 'apps' },
        data: { value: 'changed-by-another-client' },
      });
      await waitFor('the update in kubectl --watch', () =>
        output.includes('changed-by-another-client'),
      );
      expect(output.trim().split('\n')).toEqual([
        '2',
        'changed-by-another-client',
      ]);
    } finally {
      child.kill();
    }
  });

  it('prints Kubernetes errors for forbidden and unauthorized requests', async () => {
    const forbidden = await kubectl.run([
      '--context',
      'alpha',
      '--token',
      'reader-token',
      'get',
      'pods',
      '-n',
      'apps',
    ]);
    expect(forbidden.stderr).toContain(
      'pods is forbidden: User "system:serviceaccount:fleet-sim:reader" cannot list resource "pods" in API group "" in the namespace "apps"',
    );
    const unauthorized = await kubectl.run([
      '--context',
      'alpha',
      '--token',
      'nobody',
      'get',
      'configmaps',
      '-n',
      'apps',
    ]);
    expect(unauthorized.stderr).toContain('Unauthorized');
  });

  describe('Istio CRD structural schemas (OpenAPI v3 and field validation)', () => {
    const alpha = (args: string[], input?: string) =>
      kubectl.run(['--context', 'alpha', ...args], input);
    const vs = (extra: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: schema-check
  namespace: apps
spec:
  hosts: [ratings]
${extra}  http:
  - route:
    - destination: {host: ratings}
`;

    it.each([
      {
        path: 'destinationrule.spec.trafficPolicy.tls.mode',
        expected: [/FIELD:\s+mode <string>/, /ENUM:/, /ISTIO_MUTUAL/],
      },
      {
        path: 'peerauthentication.spec.mtls',
        expected: [/FIELD:\s+mtls <Object>/, /mode\s+<string>/],
      },
      {
        path: 'virtualservice.spec.http.route.destination',
        expected: [
          /FIELD:\s+destination <Object>/,
          /host\s+<string> -required-/,
          /The name of a service from the service registry/,
        ],
      },
    ])('kubectl explain $path', async ({ path, expected }) => {
      const r = await alpha(['explain', path]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      for (const pattern of expected) expect(r.stdout).toMatch(pattern);
    });

    it('rejects an unknown field with --dry-run=server (kubectl sends fieldValidation=Strict)', async () => {
      const r = await alpha(
        ['apply', '--dry-run=server', '-f', '-'],
        vs('  hostz: [x]\n'),
      );
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/BadRequest/);
      expect(r.stderr).toMatch(
        /strict decoding error: unknown field "spec.hostz"/,
      );
    });

    it('accepts a valid object, and with --validate=false drops the unknown field with a warning', async () => {
      expect(
        (await alpha(['apply', '--dry-run=server', '-f', '-'], vs(''))).code,
      ).toBe(0);
      const lenient = await alpha(
        ['apply', '--validate=false', '-f', '-'],
        vs('  hostz: [x]\n'),
      );
      expect(lenient.code).toBe(0);
      const stored = JSON.parse(
        (await alpha(['get', 'vs', 'schema-check', '-n', 'apps', '-o', 'json']))
          .stdout,
      );
      expect(stored.spec.hosts).toEqual(['ratings']);
      expect(stored.spec.hostz).toBeUndefined();
      await alpha(['delete', 'vs', 'schema-check', '-n', 'apps']);
    });
  });
});
