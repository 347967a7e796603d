import { analyzerFor, findingsOf } from '../../__testUtils__/analyzeYaml';

/** The Service `httpbin`, in each cluster that has its pods. */
const service = `
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: default}
spec: {selector: {app: httpbin}, ports: [{name: http, port: 8000}]}
`;

const base = `${service}---
apiVersion: v1
kind: Pod
metadata: {name: httpbin-1, namespace: default, labels: {app: httpbin, version: v1}}
spec: {nodeName: node-a, containers: [{name: httpbin}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-a, labels: {topology.kubernetes.io/region: eu, topology.kubernetes.io/zone: ''}}
`;

const dr = (host: string, subsets: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr, namespace: default}
spec: {host: ${host}, subsets: ${subsets}}`;

/** The same service in another cluster, with a `version: v2` pod. */
const west = `${service}---
apiVersion: v1
kind: Pod
metadata: {name: httpbin-2, namespace: default, labels: {app: httpbin, version: v2}}
spec: {containers: [{name: httpbin}]}
`;

describe('destinationrule.SubsetSelectPodAnalyzer', () => {
  it.each([
    {
      name: 'subset selects a pod',
      yaml: dr('httpbin', '[{name: v1, labels: {version: v1}}]'),
      expected: [],
    },
    {
      name: 'subset selects no pod',
      yaml: dr('httpbin', '[{name: v2, labels: {version: v2}}]'),
      expected: ['IST0173 DestinationRule default/dr'],
    },
    {
      name: 'node topology label counts',
      yaml: dr(
        'httpbin',
        '[{name: eu, labels: {topology.kubernetes.io/region: eu}}]',
      ),
      expected: [],
    },
    {
      name: 'empty node topology label does not',
      yaml: dr(
        'httpbin',
        "[{name: z, labels: {topology.kubernetes.io/zone: ''}}]",
      ),
      expected: ['IST0173 DestinationRule default/dr'],
    },
    {
      name: 'unknown host',
      yaml: dr('nope', '[]'),
      expected: ['IST0174 DestinationRule default/dr'],
    },
    {
      name: 'wildcard hosts are not checked',
      yaml: dr('"*.local"', '[]'),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(base + yaml, 'destinationrule.SubsetSelectPodAnalyzer'),
    ).toEqual(expected);
  });

  it.each([
    {
      name: 'a named subset',
      subsets: '[{name: v2, labels: {version: v2}}]',
      expected:
        'The Subset v2 defined in the DestinationRule does not select any pods',
    },
    {
      name: 'a subset without name',
      subsets: '[{name: v1, labels: {version: v1}}, {labels: {version: v2}}]',
      expected:
        'The Subset at spec.subsets[1] (no name) defined in the DestinationRule does not select any pods',
    },
  ])('names $name in the IST0173 message', ({ subsets, expected }) => {
    const [m] = analyzerFor(base + dr('httpbin', subsets)).findings({
      code: 'IST0173',
    });
    expect(m.message).toContain(expected);
    expect(m.message).not.toContain('undefined');
  });

  it('counts pods of the same service in other clusters of the mesh (namespace sameness)', () => {
    const subsets = dr(
      'httpbin',
      '[{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}, {name: v3, labels: {version: v3}}]',
    );
    expect(
      findingsOf(
        { east: base + subsets, west: west + subsets },
        'destinationrule.SubsetSelectPodAnalyzer',
      ),
    ).toEqual([
      'IST0173 DestinationRule default/dr',
      'IST0173 DestinationRule default/dr',
    ]);
  });

  it("follows another cluster's pods incrementally: a subset whose only pod goes away there is reported", () => {
    const subsets = dr('httpbin', '[{name: v2, labels: {version: v2}}]');
    const a = analyzerFor({ east: base + subsets, west });
    const subsetFindings = () =>
      a
        .report()
        .messages.filter(
          m => m.analyzer === 'destinationrule.SubsetSelectPodAnalyzer',
        )
        .map(m => `${m.code} ${m.resource.cluster}`);
    expect(subsetFindings()).toEqual([]);
    a.remove('west', {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      name: 'httpbin-2',
    });
    expect(subsetFindings()).toEqual(['IST0173 east']);
    a.upsert('west', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'httpbin-3',
        namespace: 'default',
        labels: { app: 'httpbin', version: 'v2' },
      },
      spec: { containers: [{ name: 'httpbin' }] },
    });
    expect(subsetFindings()).toEqual([]);
  });
});
