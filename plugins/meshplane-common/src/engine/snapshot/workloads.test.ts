import { analyzerFor } from '../__testUtils__/analyzeYaml';

const yaml = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: api-7d9f, namespace: shop, ownerReferences: [{kind: Deployment, name: api, controller: true}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api-7d9f-a, namespace: shop, labels: {app: api, pod-template-hash: 7d9f}, ownerReferences: [{kind: ReplicaSet, name: api-7d9f, controller: true}]}
spec: {containers: [{name: api}, {name: istio-proxy}]}
status: {conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api-7d9f-b, namespace: shop, labels: {app: api, pod-template-hash: 7d9f}, ownerReferences: [{kind: ReplicaSet, name: api-7d9f, controller: true}]}
spec: {containers: [{name: api}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db-5c-x, namespace: shop, labels: {app: db, pod-template-hash: 5c}, ownerReferences: [{kind: ReplicaSet, name: db-5c, controller: true}]}
spec: {containers: [{name: db}]}
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm-1, namespace: shop}
spec: {address: 10.0.0.5, labels: {app: legacy}, serviceAccount: legacy, network: vm-net}
`;

describe('workloads', () => {
  const workloads = analyzerFor(yaml).workloads({ namespace: 'shop' });
  const byName = Object.fromEntries(workloads.map(w => [w.name, w]));

  it('groups pods under their top owner and counts ready pods', () => {
    expect(byName.api).toMatchObject({
      kind: 'Deployment',
      totalPods: 2,
      readyPods: 1,
      proxy: 'sidecar',
    });
  });

  it('derives the Deployment of a pod whose ReplicaSet is missing from pod-template-hash', () => {
    expect(byName.db).toMatchObject({
      kind: 'Deployment',
      totalPods: 1,
      proxy: 'none',
    });
  });

  it('uses the injection rules for controllers without pods', () => {
    expect(byName.web).toMatchObject({
      kind: 'Deployment',
      totalPods: 0,
      proxy: 'sidecar',
      proxyReason: 'namespace label istio-injection=enabled',
    });
  });

  it('models WorkloadEntries as VMs (mTLS through the service account)', () => {
    expect(byName['vm-1']).toMatchObject({
      kind: 'WorkloadEntry',
      vm: true,
      proxy: 'sidecar',
      network: 'vm-net',
    });
  });
});

describe('endpoint tlsMode (security.istio.io/tlsMode label, istio-semantics §b.5/§b.6)', () => {
  const pod = (name: string, labels: string, proxy: boolean) => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: foo, labels: {app: server${labels}}}
spec: {containers: [{name: app, ports: [{containerPort: 8080}]}${
    proxy ? ', {name: istio-proxy}' : ''
  }]}`;
  const server = (pods: string) => `
apiVersion: v1
kind: Namespace
metadata: {name: foo, labels: {istio-injection: enabled}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: foo}
spec: {mtls: {mode: STRICT}}
---
apiVersion: v1
kind: Service
metadata: {name: server, namespace: foo}
spec: {selector: {app: server}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: foo}
spec: {template: {metadata: {labels: {app: client}}, spec: {containers: [{name: app}]}}}
${pods}`;

  it.each([
    {
      name: 'sidecar and label: auto mTLS sends mTLS',
      pods: pod('s', ', security.istio.io/tlsMode: istio', true),
      expected: 'ISTIO_MUTUAL mtls',
      mode: 'STRICT',
    },
    {
      name: 'sidecar without the label: auto mTLS sends plaintext, the STRICT sidecar rejects it',
      pods: pod('s', '', true),
      expected: 'DISABLE fail',
      mode: 'STRICT',
    },
    {
      name: 'label without sidecar: auto mTLS sends mTLS to a pod that cannot take it',
      pods: pod('s', ', security.istio.io/tlsMode: istio', false),
      expected: 'ISTIO_MUTUAL fail',
      mode: 'DISABLE',
    },
    {
      name: 'neither: plaintext to a pod without sidecar',
      pods: pod('s', '', false),
      expected: 'DISABLE plaintext',
      mode: 'DISABLE',
    },
    {
      name: 'label set to disabled on a sidecar pod: plaintext',
      pods: pod('s', ', security.istio.io/tlsMode: disabled', true),
      expected: 'DISABLE fail',
      mode: 'STRICT',
    },
  ])('$name', ({ pods, expected, mode }) => {
    const a = analyzerFor(server(pods));
    const e = a
      .clientEdges('default', 'foo', 'client')
      .find(x => x.to.service === 'server')!;
    expect(`${e.clientTls} ${e.outcome}`).toBe(expected);
    // The server side stays decided by the real sidecar.
    expect(a.report().mtls.workloads.find(w => w.name === 's')!.mode).toBe(
      mode,
    );
  });

  it('a template without pods that will be injected carries the label (the injector adds it)', () => {
    const a = analyzerFor(
      server(`
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: s, namespace: foo}
spec: {template: {metadata: {labels: {app: server}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}`),
    );
    const e = a
      .clientEdges('default', 'foo', 'client')
      .find(x => x.to.service === 'server')!;
    expect(`${e.clientTls} ${e.outcome}`).toBe('ISTIO_MUTUAL mtls');
  });
});

describe('WorkloadEntry labels (conversion.go ConvertWorkloadEntry)', () => {
  it.each([
    {
      name: 'spec labels only',
      meta: '{}',
      spec: '{app: a, version: v1}',
      expected: { app: 'a', version: 'v1' },
    },
    {
      name: 'metadata labels only',
      meta: '{app: a}',
      spec: '{}',
      expected: { app: 'a' },
    },
    {
      name: 'both: merged, metadata wins on a conflict',
      meta: '{version: meta}',
      spec: '{app: a, version: spec}',
      expected: { app: 'a', version: 'meta' },
    },
  ])('$name', ({ meta, spec, expected }) => {
    const a = analyzerFor(`
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm, namespace: shop, labels: ${meta}}
spec: {address: 10.0.0.9, labels: ${spec}}`);
    expect(a.workloads({ namespace: 'shop' })[0].labels).toEqual(expected);
  });
});
