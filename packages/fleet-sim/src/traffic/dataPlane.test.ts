import { DataPlaneInput, inferDataPlane } from './dataPlane';
import type { DataPlaneMode } from './types';

describe('inferDataPlane', () => {
  const input = (fields: Partial<DataPlaneInput>): DataPlaneInput => ({
    kind: 'Deployment',
    labels: {},
    annotations: {},
    namespaceLabels: {},
    istio: true,
    ...fields,
  });

  it.each<[string, Partial<DataPlaneInput>, DataPlaneMode]>([
    ['an unlabelled namespace', {}, 'none'],
    [
      'namespace istio.io/rev',
      { namespaceLabels: { 'istio.io/rev': '1-28' } },
      'sidecar',
    ],
    [
      'namespace istio-injection=enabled',
      { namespaceLabels: { 'istio-injection': 'enabled' } },
      'sidecar',
    ],
    [
      'istio-injection=disabled wins over the pod’s istio.io/rev',
      {
        namespaceLabels: { 'istio-injection': 'disabled' },
        labels: { 'istio.io/rev': '1-28' },
      },
      'none',
    ],
    [
      'the pod’s istio.io/rev',
      { labels: { 'istio.io/rev': '1-28' } },
      'sidecar',
    ],
    [
      'the pod’s sidecar.istio.io/inject: "true" label',
      { labels: { 'sidecar.istio.io/inject': 'true' } },
      'sidecar',
    ],
    [
      'the pod opting out by annotation',
      {
        namespaceLabels: { 'istio.io/rev': '1-28' },
        annotations: { 'sidecar.istio.io/inject': 'false' },
      },
      'none',
    ],
    [
      'an ambient namespace',
      { namespaceLabels: { 'istio.io/dataplane-mode': 'ambient' } },
      'ambient',
    ],
    [
      'a pod opting out of its ambient namespace',
      {
        namespaceLabels: { 'istio.io/dataplane-mode': 'ambient' },
        labels: { 'istio.io/dataplane-mode': 'none' },
      },
      'none',
    ],
    [
      'a sidecar in an ambient namespace (the sidecar wins)',
      {
        namespaceLabels: { 'istio.io/dataplane-mode': 'ambient' },
        labels: { 'istio.io/rev': '1-28' },
      },
      'sidecar',
    ],
    [
      'an ambient pod in an unlabelled namespace',
      { labels: { 'istio.io/dataplane-mode': 'ambient' } },
      'ambient',
    ],
    [
      'a classic ingress gateway',
      {
        labels: { istio: 'ingressgateway' },
        annotations: { 'sidecar.istio.io/inject': 'false' },
      },
      'gateway',
    ],
    [
      'a Gateway API gateway',
      {
        labels: {
          'gateway.networking.k8s.io/gateway-name': 'public',
          'istio.io/dataplane-mode': 'none',
        },
      },
      'gateway',
    ],
    [
      'a waypoint',
      {
        labels: {
          'gateway.networking.k8s.io/gateway-name': 'waypoint',
          'gateway.istio.io/managed': 'istio.io-mesh-controller',
        },
      },
      'waypoint',
    ],
    ['a VM’s WorkloadGroup', { kind: 'WorkloadGroup' }, 'sidecar'],
    [
      'anything in a cluster without Istio',
      { namespaceLabels: { 'istio-injection': 'enabled' }, istio: false },
      'none',
    ],
  ])('%s', (_, fields, expected) => {
    expect(inferDataPlane(input(fields))).toBe(expected);
  });
});
