import { MeshAnalyzer } from '../../analyzer/MeshAnalyzer';
import { MeshNetworks } from '../../model/types';

describe('meshnetworks.MeshNetworksAnalyzer', () => {
  it.each([
    {
      name: 'built-in registry and known cluster',
      networks: {
        n1: {
          endpoints: [{ fromRegistry: 'Kubernetes' }, { fromRegistry: 'east' }],
        },
      },
      expected: 0,
    },
    {
      name: 'unknown registries',
      networks: {
        n1: {
          endpoints: [{ fromRegistry: 'nope' }, { fromCidr: '10.0.0.0/8' }],
        },
        n2: { endpoints: [{ fromRegistry: 'nope2' }] },
      },
      expected: 2,
    },
  ])('$name', ({ networks, expected }) => {
    const a = new MeshAnalyzer({ meshNetworks: { networks } as MeshNetworks });
    a.setClusterMeta('east', {});
    const found = a
      .report()
      .messages.filter(m => m.analyzer === 'meshnetworks.MeshNetworksAnalyzer');
    expect(found).toHaveLength(expected);
    for (const m of found)
      expect(m.resource).toMatchObject({
        kind: 'MeshNetworks',
        namespace: 'istio-system',
        name: 'meshnetworks',
      });
  });

  it('accepts cluster IDs from remote secrets', () => {
    const a = new MeshAnalyzer({
      meshNetworks: {
        networks: { n1: { endpoints: [{ fromRegistry: 'remote-1' }] } },
      },
    });
    a.upsert('main', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'istio-remote-secret-remote-1',
        namespace: 'istio-system',
        labels: { 'istio/multiCluster': 'true' },
      },
      data: { 'remote-1': 'a3ViZWNvbmZpZw==' },
    });
    expect(a.report().messages.filter(m => m.code === 'IST0126')).toEqual([]);
  });
});
