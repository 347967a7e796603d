import type { Edge } from '../engine/model/types';
import { previewVerdict } from './previewVerdict';
import type {
  ClusterPreview,
  EdgeChange,
  ObjectDiff,
  RequestPreview,
} from './requests';

function change(
  caller: string,
  service: string,
  options: { cluster?: string; subset?: string; port?: number } = {},
): EdgeChange {
  const [namespace, workload] = caller.split('/');
  const [name, serviceNamespace] = service.split('.');
  const edge = (outcome: Edge['outcome']): Edge => ({
    from: { cluster: 'east-1', namespace, workload },
    to: {
      cluster: options.cluster ?? 'east-1',
      namespace: serviceNamespace,
      service: name,
      port: options.port ?? 9080,
      ...(options.subset ? { subset: options.subset } : {}),
    },
    clientTls: 'ISTIO_MUTUAL',
    clientTlsSource: 'auto',
    outcome,
    crossCluster: false,
    crossNetwork: false,
    reason: 'test',
  });
  return { before: edge('mtls'), after: edge('fail') };
}

const object = (diff: ObjectDiff['change']): ObjectDiff => ({
  kind: 'AuthorizationPolicy',
  namespace: 'bookinfo',
  name: 'group',
  change: diff,
  diff: '',
});

function cluster(
  name: string,
  options: {
    objects?: ObjectDiff['change'][];
    startFailing?: EdgeChange[];
    startDenied?: EdgeChange[];
    stopMtls?: EdgeChange[];
    improved?: EdgeChange[];
    observedAffected?: EdgeChange[];
    problem?: 'stale' | 'missing';
  } = {},
): ClusterPreview {
  return {
    cluster: name,
    objects: (options.objects ?? ['create']).map(object),
    impact: {
      startFailing: options.startFailing ?? [],
      startDenied: options.startDenied ?? [],
      stopMtls: options.stopMtls ?? [],
      improved: options.improved ?? [],
      findingsAdded: [],
      findingsRemoved: [],
      namespaces: [],
      ...(options.observedAffected
        ? { observedAffected: options.observedAffected }
        : {}),
    },
    ...(options.problem
      ? {
          problem: {
            cluster: name,
            status: 'unreachable' as const,
            stale: options.problem === 'stale',
          },
        }
      : {}),
  };
}

const preview = (...clusters: ClusterPreview[]): RequestPreview => ({
  computedAt: '2025-06-01T10:00:00.000Z',
  clusters,
  breaking: clusters.some(
    c =>
      c.impact.startFailing.length > 0 ||
      c.impact.startDenied.length > 0 ||
      c.impact.stopMtls.length > 0,
  ),
});

const withTraffic = (p: RequestPreview): RequestPreview => ({
  ...p,
  traffic: {
    window: '5m',
    joined: true,
    observedAt: '2025-06-01T10:00:00.000Z',
    sources: [],
  },
});

describe('previewVerdict', () => {
  it.each<[string, RequestPreview, string]>([
    [
      'with observed traffic: the breaking edges that carried traffic are named',
      withTraffic(
        preview(
          cluster('east-1', {
            startFailing: [
              change('unknown/unknown', 'auth-service.identity'),
              change('payments/checkout', 'auth-service.identity'),
            ],
            observedAffected: [
              change('unknown/unknown', 'auth-service.identity'),
            ],
          }),
        ),
      ),
      'Breaking: 2 caller → service edges would start failing (payments/checkout → auth-service.identity:9080, unknown/unknown → auth-service.identity:9080); observed traffic affected: 1 edge carried traffic in the last 5m (unknown/unknown → auth-service.identity:9080). east-1: 1 to create.',
    ],
    [
      'with observed traffic: breaking edges nobody used in the window',
      withTraffic(
        preview(
          cluster('east-1', {
            startFailing: [
              change('payments/checkout', 'auth-service.identity'),
            ],
            observedAffected: [],
          }),
        ),
      ),
      'Breaking: 1 caller → service edge would start failing (payments/checkout → auth-service.identity:9080); no edge it breaks carried traffic in the last 5m. east-1: 1 to create.',
    ],
    [
      'nothing breaks',
      preview(
        cluster('east-1', { objects: ['create', 'create'] }),
        cluster('west-1', { objects: ['update', 'unchanged'] }),
      ),
      'Not breaking: no caller → service edge would start failing, be denied or stop being mTLS. east-1: 2 to create; west-1: 1 to update, 1 unchanged.',
    ],
    [
      'edges get better',
      preview(
        cluster('east-1', {
          improved: [
            change('bookinfo/productpage-v1', 'reviews.bookinfo'),
            change('bookinfo/reviews-v1', 'ratings.bookinfo'),
          ],
        }),
      ),
      'Not breaking: no caller → service edge would start failing, be denied or stop being mTLS; 2 edges get better. east-1: 1 to create.',
    ],
    [
      'an AuthorizationPolicy denies a caller',
      preview(
        cluster('east-1', {
          startDenied: [
            change('istio-system/istio-ingressgateway', 'productpage.bookinfo'),
          ],
        }),
      ),
      'Breaking: 1 caller → service edge would be denied by an AuthorizationPolicy (istio-system/istio-ingressgateway → productpage.bookinfo:9080). east-1: 1 to create.',
    ],
    [
      'an edge starts failing, named once across clusters and subsets',
      preview(
        cluster('east-1', {
          startFailing: [
            change('bookinfo/productpage-v1', 'reviews.bookinfo', {
              subset: 'v1',
            }),
            change('bookinfo/productpage-v1', 'reviews.bookinfo', {
              subset: 'v2',
            }),
          ],
        }),
        cluster('west-1', {
          startFailing: [
            change('bookinfo/productpage-v1', 'reviews.bookinfo', {
              cluster: 'west-1',
            }),
          ],
        }),
      ),
      'Breaking: 1 caller → service edge would start failing (bookinfo/productpage-v1 → reviews.bookinfo:9080). east-1: 1 to create; west-1: 1 to create.',
    ],
    [
      'several edges fail and others stop being mTLS; the rest is counted',
      preview(
        cluster('east-1', {
          startFailing: [
            change(
              'istio-ingress/istio-ingressgateway',
              'productpage.bookinfo',
            ),
            change('payments/checkout', 'ratings.bookinfo'),
            change('bookinfo/productpage-v1', 'reviews.bookinfo'),
            change('bookinfo/productpage-v1', 'details.bookinfo'),
            change('sandbox/sleep', 'details.bookinfo', { port: 8080 }),
          ],
          stopMtls: [change('sandbox/curl', 'ratings.bookinfo')],
        }),
      ),
      'Breaking: 5 caller → service edges would start failing (bookinfo/productpage-v1 → details.bookinfo:9080, bookinfo/productpage-v1 → reviews.bookinfo:9080, istio-ingress/istio-ingressgateway → productpage.bookinfo:9080 and 2 more); 1 edge would stop being mTLS (sandbox/curl → ratings.bookinfo:9080). east-1: 1 to create.',
    ],
    [
      'clusters without live data are marked',
      preview(
        cluster('east-1', { objects: ['unchanged'] }),
        cluster('west-1', { problem: 'stale' }),
        cluster('lab-1', { objects: [], problem: 'missing' }),
      ),
      'Not breaking: no caller → service edge would start failing, be denied or stop being mTLS. east-1: 1 unchanged; west-1: 1 to create (live data stale); lab-1: no object (live data missing).',
    ],
    [
      'no cluster',
      preview(),
      'Not breaking: no caller → service edge would start failing, be denied or stop being mTLS. No cluster is affected.',
    ],
  ])('%s', (_case, input, expected) => {
    expect(previewVerdict(input)).toBe(expected);
  });
});
