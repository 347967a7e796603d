import { analyzerFor } from '../__testUtils__/analyzeYaml';

const pa = (name: string, ns: string, spec: string, created?: string) => `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ${name}, namespace: ${ns}${
  created ? `, creationTimestamp: "${created}"` : ''
}}
spec: ${spec}`;

const subject = `
apiVersion: v1
kind: Pod
metadata: {name: subject, namespace: foo, labels: {app: a}, annotations: {sidecar.istio.io/status: "{}"}}
spec: {containers: [{name: app, ports: [{containerPort: 80}, {containerPort: 90}]}, {name: istio-proxy}]}`;

function posture(yaml: string, rootNamespace = 'istio-system') {
  const w = analyzerFor(subject + yaml, { rootNamespace })
    .report()
    .mtls.workloads.find(x => x.name === 'subject')!;
  return {
    mode: w.mode,
    ports: Object.fromEntries(w.ports.map(p => [p.port, p.mode])),
    decidedBy: w.decidedBy.map(d => `${d.scope}:${d.name}`),
  };
}

describe('effective PeerAuthentication', () => {
  it.each([
    {
      name: 'no policy is PERMISSIVE',
      yaml: '',
      mode: 'PERMISSIVE',
      decidedBy: [],
    },
    {
      name: 'mesh STRICT',
      yaml: pa('m', 'istio-system', '{mtls: {mode: STRICT}}'),
      mode: 'STRICT',
      decidedBy: ['mesh:m'],
    },
    {
      name: 'mesh with empty matchLabels is mesh-wide',
      yaml: pa(
        'm',
        'istio-system',
        '{selector: {matchLabels: {}}, mtls: {mode: STRICT}}',
      ),
      mode: 'STRICT',
      decidedBy: ['mesh:m'],
    },
    {
      name: 'namespace overrides mesh',
      yaml:
        pa('m', 'istio-system', '{mtls: {mode: STRICT}}') +
        pa('n', 'foo', '{mtls: {mode: DISABLE}}'),
      mode: 'DISABLE',
      decidedBy: ['namespace:n'],
    },
    {
      name: 'namespace UNSET inherits mesh',
      yaml:
        pa('m', 'istio-system', '{mtls: {mode: STRICT}}') +
        pa('n', 'foo', '{}'),
      mode: 'STRICT',
      decidedBy: ['mesh:m'],
    },
    {
      name: 'workload overrides namespace',
      yaml:
        pa('n', 'foo', '{mtls: {mode: STRICT}}') +
        pa(
          'w',
          'foo',
          '{selector: {matchLabels: {app: a}}, mtls: {mode: PERMISSIVE}}',
        ),
      mode: 'PERMISSIVE',
      decidedBy: ['workload:w'],
    },
    {
      name: 'selector policy in the root namespace is ignored',
      yaml: pa(
        'r',
        'istio-system',
        '{selector: {matchLabels: {app: a}}, mtls: {mode: STRICT}}',
      ),
      mode: 'PERMISSIVE',
      decidedBy: [],
    },
    {
      name: 'oldest namespace policy wins',
      yaml:
        pa('young', 'foo', '{mtls: {mode: STRICT}}', '2024-01-01T00:00:01Z') +
        pa('old', 'foo', '{mtls: {mode: DISABLE}}', '2024-01-01T00:00:00Z'),
      mode: 'DISABLE',
      decidedBy: ['namespace:old'],
    },
    {
      name: 'equal timestamps: name order',
      yaml:
        pa('b', 'foo', '{mtls: {mode: STRICT}}', '2024-01-01T00:00:00Z') +
        pa('a', 'foo', '{mtls: {mode: DISABLE}}', '2024-01-01T00:00:00Z'),
      mode: 'DISABLE',
      decidedBy: ['namespace:a'],
    },
    {
      name: 'policy selecting other labels',
      yaml: pa(
        'w',
        'foo',
        '{selector: {matchLabels: {app: b}}, mtls: {mode: STRICT}}',
      ),
      mode: 'PERMISSIVE',
      decidedBy: [],
    },
  ])('$name', ({ yaml, mode, decidedBy }) => {
    const r = posture(yaml);
    expect(r.mode).toBe(mode);
    expect(r.decidedBy).toEqual(decidedBy);
  });

  it('resolves port-level modes from the oldest matching workload policy (UNSET takes the workload mode)', () => {
    const yaml =
      pa('m', 'istio-system', '{mtls: {mode: STRICT}}') +
      pa(
        'w',
        'foo',
        '{selector: {matchLabels: {app: a}}, portLevelMtls: {80: {mode: DISABLE}, 90: {mode: UNSET}, 100: {}}}',
        '2024-01-01T00:00:00Z',
      ) +
      pa(
        'w2',
        'foo',
        '{selector: {matchLabels: {app: a}}, portLevelMtls: {90: {mode: DISABLE}}}',
        '2024-01-02T00:00:00Z',
      );
    expect(posture(yaml)).toEqual({
      mode: 'STRICT',
      ports: { 80: 'DISABLE', 90: 'STRICT', 100: 'STRICT' },
      decidedBy: ['mesh:m', 'port:w'],
    });
  });

  it('uses meshConfig.rootNamespace for the mesh level', () => {
    expect(
      posture(pa('m', 'root', '{mtls: {mode: STRICT}}'), 'root').mode,
    ).toBe('STRICT');
    expect(
      posture(pa('m', 'istio-system', '{mtls: {mode: STRICT}}'), 'root').mode,
    ).toBe('PERMISSIVE');
  });
});
