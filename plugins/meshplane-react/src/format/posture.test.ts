import type {
  PolicyDecision,
  WorkloadPosture,
} from '@meshplane/plugin-meshplane-common';
import {
  formatServerMode,
  formatWorkloadPolicy,
  postureProxy,
} from './posture';

const decision = (scope: PolicyDecision['scope']): PolicyDecision => ({
  kind: 'PeerAuthentication',
  namespace: scope === 'mesh' ? 'istio-system' : 'payments',
  name: 'default',
  scope,
});

const workload = (posture: Partial<WorkloadPosture>): WorkloadPosture => ({
  cluster: 'east-1',
  namespace: 'payments',
  name: 'payments-api',
  kind: 'Deployment',
  sidecar: true,
  status: 'MTLS_NOT_ENABLED',
  mode: 'STRICT',
  ports: [{ port: 9090, mode: 'STRICT' }],
  decidedBy: [decision('namespace')],
  ...posture,
});

const gateway = workload({
  name: 'istio-ingressgateway',
  sidecar: false,
  mode: 'DISABLE',
  decidedBy: [],
  note: 'gateway proxy: PeerAuthentication does not apply; its listeners come from Gateway bookinfo/bookinfo-gateway',
});

describe('postureProxy', () => {
  it('tells gateways (engine note), sidecars (VMs with the proxy too) and unproxied workloads apart', () => {
    expect(postureProxy(gateway)).toBe('gateway');
    expect(postureProxy(workload({ kind: 'WorkloadEntry' }))).toBe('sidecar');
    expect(postureProxy(workload({ sidecar: false, decidedBy: [] }))).toBe(
      'none',
    );
  });
});

describe('formatWorkloadPolicy', () => {
  it.each<[string, Partial<WorkloadPosture>, string]>([
    [
      'no workload policy under a STRICT namespace',
      {},
      'workload policy: none (inherits namespace STRICT)',
    ],
    [
      'no workload policy under a STRICT mesh',
      { decidedBy: [decision('mesh')] },
      'workload policy: none (inherits mesh STRICT)',
    ],
    [
      'no policy at all',
      { mode: 'PERMISSIVE', decidedBy: [] },
      'workload policy: none (Istio default PERMISSIVE)',
    ],
    [
      'a STRICT workload policy',
      { status: 'MTLS_ENABLED', decidedBy: [decision('workload')] },
      'workload policy: mTLS enabled',
    ],
    [
      'a DISABLE workload policy',
      {
        status: 'MTLS_DISABLED',
        mode: 'DISABLE',
        decidedBy: [decision('workload')],
      },
      'workload policy: mTLS disabled',
    ],
    [
      'a PERMISSIVE workload policy that no DestinationRule enables (Kiali: not enabled)',
      { mode: 'PERMISSIVE', decidedBy: [decision('workload')] },
      'workload policy: PERMISSIVE',
    ],
    [
      'a workload without a proxy',
      { sidecar: false, mode: 'DISABLE', decidedBy: [] },
      'workload policy: none (no Istio proxy to enforce one)',
    ],
    [
      'a STRICT workload policy on a workload without a proxy',
      {
        sidecar: false,
        status: 'MTLS_ENABLED',
        mode: 'DISABLE',
        decidedBy: [],
      },
      'workload policy: mTLS enabled, not enforced: no Istio proxy',
    ],
  ])('%s', (_, posture, text) => {
    expect(formatWorkloadPolicy(workload(posture))).toBe(text);
  });

  it('says that PeerAuthentication does not apply to a gateway', () => {
    expect(formatWorkloadPolicy(gateway)).toBe(
      'workload policy: does not apply (gateway)',
    );
  });
});

describe('formatServerMode', () => {
  it('words a mode for the proxy that applies it', () => {
    expect(formatServerMode('STRICT', 'sidecar')).toBe('mTLS only');
    expect(formatServerMode('PERMISSIVE', 'sidecar')).toBe('mTLS or plaintext');
    expect(formatServerMode('STRICT', 'gateway')).toBe('Istio mTLS only');
    expect(formatServerMode('DISABLE', 'gateway')).toBe(
      'client traffic, plaintext or TLS the gateway terminates',
    );
    expect(formatServerMode('DISABLE', 'none')).toBe(
      'no Istio proxy: plaintext only',
    );
  });
});
