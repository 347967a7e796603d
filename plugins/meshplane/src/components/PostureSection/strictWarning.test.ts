import type { WorkloadPosture } from '@meshplane/plugin-meshplane-common';
import { strictWarning } from './strictWarning';

const workload = (
  name: string,
  posture: Partial<WorkloadPosture> = {},
): WorkloadPosture => ({
  cluster: 'east-1',
  namespace: 'payments',
  name,
  kind: 'Deployment',
  sidecar: true,
  status: 'MTLS_NOT_ENABLED',
  mode: 'PERMISSIVE',
  ports: [],
  decidedBy: [],
  ...posture,
});

const app = workload('payments-api');
const gateway = workload('istio-ingressgateway', {
  sidecar: false,
  mode: 'DISABLE',
  note: 'gateway proxy: PeerAuthentication does not apply; its listeners come from Gateway bookinfo/bookinfo-gateway',
});
const bareVm = workload('legacy-vm', {
  kind: 'WorkloadEntry',
  sidecar: false,
  mode: 'DISABLE',
});
const barePod = workload('batch', { sidecar: false, mode: 'DISABLE' });

describe('strictWarning', () => {
  it('warns that STRICT would break the plaintext callers of sidecar workloads (VMs with the proxy too)', () => {
    const warning = strictWarning(
      [app, workload('vm', { kind: 'WorkloadEntry' })],
      2,
    );
    expect(warning).toEqual({
      severity: 'warning',
      title: '2 callers send plaintext: moving to STRICT would make them fail',
      details: [],
    });
  });

  it('tells a gateway that PeerAuthentication does not apply to its listeners, as information', () => {
    const warning = strictWarning([gateway, gateway], 3);
    expect(warning.severity).toBe('info');
    expect(warning.title).toBe(
      '3 callers send plaintext to the gateway: a STRICT PeerAuthentication does not change that',
    );
    expect(warning.details.join(' ')).toMatch(
      /Gateway servers .* originates mTLS to the mesh: PeerAuthentication does not apply to it\. .* tls\.mode is ISTIO_MUTUAL/,
    );
    expect(warning.details.join(' ')).not.toMatch(/sidecar/);
  });

  it('says a STRICT policy is not enforced without a proxy, with the remedy for VMs and for pods', () => {
    expect(strictWarning([bareVm], 1)).toEqual({
      severity: 'warning',
      title:
        '1 caller send plaintext: a STRICT PeerAuthentication would not be enforced',
      details: [
        'Without an Istio proxy nothing enforces a PeerAuthentication: those workloads keep taking plaintext until you install the Istio proxy on the VMs.',
      ],
    });
    expect(strictWarning([barePod, bareVm], 1).details).toEqual([
      'Without an Istio proxy nothing enforces a PeerAuthentication: those workloads keep taking plaintext until you inject a sidecar into the pods and install the Istio proxy on the VMs.',
    ]);
  });

  it('limits the warning to the proxied workloads when the entity also has gateways or bare workloads', () => {
    const warning = strictWarning([app, gateway, barePod], 4);
    expect(warning.title).toBe(
      '4 callers send plaintext: moving to STRICT would make them fail',
    );
    expect(warning.details).toHaveLength(3);
    expect(warning.details[0]).toMatch(/sidecar \(or VM proxy\) enforces/);
    expect(warning.details[1]).toMatch(/^A gateway takes client traffic/);
    expect(warning.details[2]).toMatch(/inject a sidecar into the pods\.$/);
  });
});
