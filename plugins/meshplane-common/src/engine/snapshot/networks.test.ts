import { MeshAnalyzer } from '../analyzer/MeshAnalyzer';
import { parseKubeYaml } from '../load';
import { MeshNetworks } from '../model/types';
import { cidrContains } from './networks';

/** Client a in c1, server b (pod) in c1 and c2; no network labels anywhere. */
function clusterYaml(
  cluster: string,
  ip: string,
  withClient: boolean,
  extra = '',
) {
  return `
apiVersion: v1
kind: Namespace
metadata: {name: echo, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Service
metadata: {name: b, namespace: echo}
spec: {selector: {app: b}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b-${cluster}, namespace: echo, labels: {app: b, security.istio.io/tlsMode: istio}}
spec: {containers: [{name: app, ports: [{containerPort: 8080}]}, {name: istio-proxy}]}
status: {podIP: ${ip}}
---
apiVersion: v1
kind: Service
metadata: {name: istio-eastwestgateway, namespace: istio-system}
spec: {selector: {istio: eastwestgateway}, ports: [{name: tls, port: 15443}]}
${
  withClient
    ? `---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: echo, labels: {app: a, security.istio.io/tlsMode: istio}}
spec: {containers: [{name: app}, {name: istio-proxy}]}
status: {podIP: 10.1.0.9}`
    : ''
}
${extra}`;
}

const meshDisable = `---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: DISABLE}}`;

function edgesTo(meshNetworks: MeshNetworks | undefined, extra = '') {
  const a = new MeshAnalyzer({ meshNetworks });
  for (const [name, ip, client] of [
    ['c1', '10.1.0.5', true],
    ['c2', '10.2.0.5', false],
  ] as const) {
    a.loadCluster({
      name,
      objects: parseKubeYaml(
        clusterYaml(name, ip, client, extra),
        `${name}.yaml`,
      ).objects.map(o => o.object),
    });
  }
  return Object.fromEntries(
    a
      .clientEdges('c1', 'echo', 'a')
      .filter(e => e.to.service === 'b')
      .map(e => [
        e.to.cluster,
        `${e.outcome}${e.crossNetwork ? ' cross-network' : ''}`,
      ]),
  );
}

const byRegistry: MeshNetworks = {
  networks: {
    n1: {
      endpoints: [{ fromRegistry: 'c1' }],
      gateways: [{ address: '192.0.2.1', port: 15443 }],
    },
    n2: {
      endpoints: [{ fromRegistry: 'c2' }],
      gateways: [
        {
          registryServiceName:
            'istio-eastwestgateway.istio-system.svc.cluster.local',
          port: 15443,
        },
      ],
    },
  },
};
const byCidr: MeshNetworks = {
  networks: {
    n1: {
      endpoints: [{ fromCidr: '10.1.0.0/16' }],
      gateways: [{ address: '192.0.2.1', port: 15443 }],
    },
    n2: {
      endpoints: [{ fromCidr: '10.2.0.0/16' }],
      gateways: [{ address: '192.0.2.2', port: 15443 }],
    },
  },
};

describe('meshNetworks (network.go: fromRegistry, fromCidr, gateways)', () => {
  it.each([
    {
      name: 'no meshNetworks: one network, plaintext reaches both clusters',
      networks: undefined,
      extra: meshDisable,
      expected: { c1: 'plaintext', c2: 'plaintext' },
    },
    {
      name: 'fromRegistry: mTLS crosses through the registryServiceName gateway',
      networks: byRegistry,
      extra: '',
      expected: { c1: 'mtls', c2: 'mtls cross-network' },
    },
    {
      name: 'fromRegistry: plaintext stays in its network',
      networks: byRegistry,
      extra: meshDisable,
      expected: { c1: 'plaintext', c2: 'excluded cross-network' },
    },
    {
      name: 'fromCidr: endpoint IPs place the pods',
      networks: byCidr,
      extra: meshDisable,
      expected: { c1: 'plaintext', c2: 'excluded cross-network' },
    },
    {
      name: 'fromCidr: mTLS through the address gateway',
      networks: byCidr,
      extra: '',
      expected: { c1: 'mtls', c2: 'mtls cross-network' },
    },
    {
      name: 'a network without gateways is unreachable from others',
      networks: {
        networks: {
          n1: { endpoints: [{ fromRegistry: 'c1' }] },
          n2: { endpoints: [{ fromRegistry: 'c2' }] },
        },
      },
      extra: '',
      expected: { c1: 'mtls', c2: 'excluded cross-network' },
    },
    {
      name: 'a registryServiceName gateway only counts in a cluster the network names in fromRegistry',
      networks: {
        networks: {
          n1: { endpoints: [{ fromRegistry: 'c1' }] },
          n2: {
            endpoints: [{ fromRegistry: 'c2' }],
            gateways: [
              {
                registryServiceName: 'absent.istio-system.svc.cluster.local',
                port: 15443,
              },
            ],
          },
        },
      },
      extra: '',
      expected: { c1: 'mtls', c2: 'excluded cross-network' },
    },
  ])('$name', ({ networks, extra, expected }) => {
    expect(edgesTo(networks, extra)).toEqual(expected);
  });

  it('names the gateway in the reason of a cross-network edge', () => {
    const a = new MeshAnalyzer({ meshNetworks: byRegistry });
    for (const [name, ip, client] of [
      ['c1', '10.1.0.5', true],
      ['c2', '10.2.0.5', false],
    ] as const) {
      a.loadCluster({
        name,
        objects: parseKubeYaml(
          clusterYaml(name, ip, client),
          `${name}.yaml`,
        ).objects.map(o => o.object),
      });
    }
    const edge = a
      .clientEdges('c1', 'echo', 'a')
      .find(e => e.to.cluster === 'c2')!;
    expect(edge.reason).toContain(
      'through the network n2 gateway istio-eastwestgateway.istio-system.svc.cluster.local:15443 in c2 (meshNetworks)',
    );
    expect(a.service('echo', 'b')!.clusters.map(c => c.network)).toEqual([
      'n1',
      'n2',
    ]);
  });

  it.each([
    ['10.0.0.0/8', '10.200.3.4', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['192.168.1.0/24', '192.168.1.255', true],
    ['192.168.1.0/24', '192.168.2.0', false],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['2001:db8::/32', '2001:db9::5', false],
    ['10.0.0.0/8', '2001:db8::1', false],
    ['bad', '10.0.0.1', false],
  ])('cidr %s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContains(cidr, ip)).toBe(expected);
  });
});
