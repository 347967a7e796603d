import { isRelevant, MalformedObjectError, ObjectTrimmer } from './trimObject';
import { StringPool } from './StringPool';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'reviews-v1-abc',
    namespace: 'bookinfo',
    uid: '0d5e',
    resourceVersion: '42',
    generateName: 'reviews-v1-',
    labels: {
      app: 'reviews',
      version: 'v1',
      'security.istio.io/tlsMode': 'istio',
    },
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}',
      'sidecar.istio.io/status': '{"containers":["istio-proxy"]}',
    },
    managedFields: [{ manager: 'kubectl' }],
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'reviews-v1-7f',
        uid: 'x',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    creationTimestamp: '2024-01-01T00:00:00Z',
  },
  spec: {
    serviceAccountName: 'bookinfo-reviews',
    nodeName: 'node-1',
    volumes: [{ name: 'v' }],
    containers: [
      {
        name: 'reviews',
        image: 'reviews:1',
        ports: [{ containerPort: 9080, protocol: 'TCP' }],
        env: [{ name: 'A', value: 'b' }],
        resources: {},
      },
      {
        name: 'istio-proxy',
        image: 'proxyv2:1.28.1',
        args: ['proxy', 'sidecar'],
        securityContext: { runAsUser: 1337, privileged: false },
      },
    ],
    initContainers: [{ name: 'istio-init', image: 'proxyv2:1.28.1' }],
  },
  status: {
    phase: 'Running',
    podIP: '10.0.0.1',
    conditions: [
      { type: 'Initialized', status: 'True' },
      {
        type: 'Ready',
        status: 'True',
        lastTransitionTime: '2024-01-01T00:00:01Z',
      },
    ],
    containerStatuses: [{ name: 'reviews', ready: true, restartCount: 0 }],
  },
};

describe('ObjectTrimmer', () => {
  it("keeps the owner references' uid of Istio objects, which their CRD schema requires", () => {
    const owner = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'WorkloadGroup',
      name: 'legacy-billing',
      uid: 'c0ffee00-0000-4000-8000-00000000b111',
      controller: true,
    };
    const entry = new ObjectTrimmer().trim(
      'networking.istio.io/v1',
      'WorkloadEntry',
      {
        metadata: {
          name: 'vm-1',
          namespace: 'payments',
          ownerReferences: [owner],
        },
        spec: { address: '172.31.20.14' },
      },
    );
    expect(entry.metadata.ownerReferences).toEqual([owner]);
    // Pods have no schema validation: their owners' uids are not kept.
    const trimmedPod = new ObjectTrimmer().trim('v1', 'Pod', pod);
    expect(trimmedPod.metadata.ownerReferences?.[0]).not.toHaveProperty('uid');
  });

  it('keeps what the engine reads of a pod and drops the rest', () => {
    const trimmed = new ObjectTrimmer().trim('v1', 'Pod', pod);
    expect(trimmed).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'reviews-v1-abc',
        namespace: 'bookinfo',
        labels: pod.metadata.labels,
        annotations: {
          'sidecar.istio.io/status': '{"containers":["istio-proxy"]}',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'reviews-v1-7f',
            controller: true,
          },
        ],
        creationTimestamp: '2024-01-01T00:00:00Z',
      },
      spec: {
        serviceAccountName: 'bookinfo-reviews',
        containers: [
          {
            name: 'reviews',
            image: 'reviews:1',
            ports: [{ containerPort: 9080 }],
          },
          {
            name: 'istio-proxy',
            image: 'proxyv2:1.28.1',
            args: ['proxy', 'sidecar'],
            securityContext: { runAsUser: 1337 },
          },
        ],
        initContainers: [{ name: 'istio-init', image: 'proxyv2:1.28.1' }],
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
  });

  it('keeps only the link to its Deployment for an owned ReplicaSet, the template for a bare one', () => {
    const trimmer = new ObjectTrimmer();
    const template = {
      metadata: { labels: { app: 'a' } },
      spec: { containers: [{ name: 'a' }] },
    };
    const owned = trimmer.trim('apps/v1', 'ReplicaSet', {
      metadata: {
        name: 'a-1',
        namespace: 'n',
        ownerReferences: [{ kind: 'Deployment', name: 'a', controller: true }],
      },
      spec: { replicas: 2, template },
    });
    expect(owned.spec).toEqual({ replicas: 2 });
    const bare = trimmer.trim('apps/v1', 'ReplicaSet', {
      metadata: { name: 'b', namespace: 'n' },
      spec: { replicas: 1, template },
    });
    expect(bare.spec.template).toEqual({
      metadata: { labels: { app: 'a' } },
      spec: { containers: [{ name: 'a' }] },
    });
  });

  it('drops the CA bundle of webhooks and the status of Istio objects', () => {
    const trimmer = new ObjectTrimmer();
    const webhook = trimmer.trim(
      'admissionregistration.k8s.io/v1',
      'MutatingWebhookConfiguration',
      {
        metadata: { name: 'istio-sidecar-injector' },
        webhooks: [
          {
            name: 'sidecar-injector.istio.io',
            clientConfig: {
              caBundle: 'LS0t',
              service: {
                name: 'istiod',
                namespace: 'istio-system',
                path: '/inject',
              },
            },
          },
        ],
      },
    );
    expect(webhook.webhooks).toEqual([
      {
        name: 'sidecar-injector.istio.io',
        clientConfig: {
          service: {
            name: 'istiod',
            namespace: 'istio-system',
            path: '/inject',
          },
        },
      },
    ]);
    const vs = trimmer.trim('networking.istio.io/v1', 'VirtualService', {
      metadata: { name: 'r', namespace: 'n' },
      spec: { hosts: ['r'] },
      status: { validationMessages: [] },
    });
    expect(vs).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'r', namespace: 'n' },
      spec: { hosts: ['r'] },
    });
  });

  it('keeps the status of Gateway API objects: the conditions Istio writes', () => {
    const status = {
      parents: [
        {
          parentRef: { name: 'web', namespace: 'istio-ingress' },
          controllerName: 'istio.io/gateway-controller',
          conditions: [
            { type: 'Accepted', status: 'True', reason: 'Accepted' },
            {
              type: 'ResolvedRefs',
              status: 'False',
              reason: 'BackendNotFound',
            },
          ],
        },
      ],
    };
    const route = new ObjectTrimmer().trim(
      'gateway.networking.k8s.io/v1',
      'HTTPRoute',
      {
        metadata: { name: 'reviews', namespace: 'bookinfo', uid: 'u' },
        spec: { parentRefs: [{ name: 'web', namespace: 'istio-ingress' }] },
        status,
      },
    );
    expect(route).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: { parentRefs: [{ name: 'web', namespace: 'istio-ingress' }] },
      status,
    });
  });

  it('keeps of a CRD its names, annotations, group, kind and versions, not its schemas', () => {
    const crd = new ObjectTrimmer().trim(
      'apiextensions.k8s.io/v1',
      'CustomResourceDefinition',
      {
        metadata: {
          name: 'tlsroutes.gateway.networking.k8s.io',
          uid: 'u',
          resourceVersion: '7',
          generation: 1,
          creationTimestamp: '2024-01-01T00:00:00Z',
          labels: { 'app.kubernetes.io/part-of': 'gateway-api' },
          annotations: {
            'gateway.networking.k8s.io/bundle-version': 'v1.4.0',
            'gateway.networking.k8s.io/channel': 'experimental',
            'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}',
          },
          managedFields: [{ manager: 'kubectl' }],
        },
        spec: {
          group: 'gateway.networking.k8s.io',
          names: {
            kind: 'TLSRoute',
            listKind: 'TLSRouteList',
            plural: 'tlsroutes',
            singular: 'tlsroute',
            categories: ['gateway-api'],
          },
          scope: 'Namespaced',
          versions: ['v1alpha2', 'v1alpha3'].map((name, i) => ({
            name,
            served: true,
            storage: i === 0,
            deprecated: false,
            additionalPrinterColumns: [{ name: 'Age', type: 'date' }],
            subresources: { status: {} },
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { description: 'x'.repeat(100_000) } },
              },
            },
          })),
        },
        status: {
          acceptedNames: { kind: 'TLSRoute', plural: 'tlsroutes' },
          storedVersions: ['v1alpha2'],
          conditions: [{ type: 'Established', status: 'True' }],
        },
      },
    );
    expect(crd).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {
        name: 'tlsroutes.gateway.networking.k8s.io',
        labels: { 'app.kubernetes.io/part-of': 'gateway-api' },
        annotations: {
          'gateway.networking.k8s.io/bundle-version': 'v1.4.0',
          'gateway.networking.k8s.io/channel': 'experimental',
        },
      },
      spec: {
        group: 'gateway.networking.k8s.io',
        names: { kind: 'TLSRoute' },
        versions: [
          { name: 'v1alpha2', served: true, storage: true },
          { name: 'v1alpha3', served: true, storage: false },
        ],
      },
    });
    expect(
      new ObjectTrimmer().trim(
        'apiextensions.k8s.io/v1',
        'CustomResourceDefinition',
        { metadata: { name: 'bare.example.com' } },
      ),
    ).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'bare.example.com' },
    });
  });

  it('shares repeated strings between objects', () => {
    const trimmer = new ObjectTrimmer(new StringPool());
    const a = trimmer.trim('v1', 'Pod', JSON.parse(JSON.stringify(pod)));
    const b = trimmer.trim('v1', 'Pod', JSON.parse(JSON.stringify(pod)));
    expect(a.metadata.annotations).not.toBe(b.metadata.annotations);
    expect(
      Object.is(
        a.metadata.annotations!['sidecar.istio.io/status'],
        b.metadata.annotations!['sidecar.istio.io/status'],
      ),
    ).toBe(true);
  });

  it.each([
    ['not an object', 'Pod <item>: object is not a JSON object'],
    [{ spec: {} }, 'Pod <item>: metadata is missing or not an object'],
    [
      { metadata: { namespace: 'n' } },
      'Pod n/<no name>: metadata.name is missing',
    ],
    [
      { metadata: { name: 'p', namespace: 'n', labels: 'app=x' } },
      'Pod n/p: metadata.labels is not a map',
    ],
    [
      { metadata: { name: 'p', namespace: 'n' }, spec: [] },
      'Pod n/p: spec is not an object',
    ],
  ])('names the object and field of malformed input %#', (raw, message) => {
    const trim = () => new ObjectTrimmer().trim('v1', 'Pod', raw);
    expect(trim).toThrow(MalformedObjectError);
    expect(trim).toThrow(message);
  });
});

describe('isRelevant', () => {
  it('keeps only Istio mesh-config and injector ConfigMaps and Istio webhooks', () => {
    expect(
      isRelevant('ConfigMap', {
        metadata: { name: 'istio-1-28' },
        data: { mesh: 'x' },
      }),
    ).toBe(true);
    expect(
      isRelevant('ConfigMap', {
        metadata: { name: 'istio-sidecar-injector-1-28' },
        data: {},
      }),
    ).toBe(true);
    expect(
      isRelevant('ConfigMap', {
        metadata: { name: 'istio-ca-root-cert' },
        data: { 'root-cert.pem': 'x' },
      }),
    ).toBe(false);
    expect(
      isRelevant('MutatingWebhookConfiguration', {
        webhooks: [{ name: 'rev.namespace.sidecar-injector.istio.io' }],
      }),
    ).toBe(true);
    expect(
      isRelevant('MutatingWebhookConfiguration', {
        webhooks: [{ name: 'cert-manager-webhook' }],
      }),
    ).toBe(false);
    expect(isRelevant('Pod', {})).toBe(true);
  });
});
