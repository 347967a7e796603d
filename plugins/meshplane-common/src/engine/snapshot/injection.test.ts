import { analyzerFor } from '../__testUtils__/analyzeYaml';
import { MeshAnalyzer } from '../analyzer/MeshAnalyzer';
import {
  decideInjection,
  InjectionInput,
  installedInjectors,
} from './injection';

describe('decideInjection', () => {
  it.each<[string, InjectionInput, boolean]>([
    [
      'namespace enabled',
      { namespace: 'a', namespaceLabels: { 'istio-injection': 'enabled' } },
      true,
    ],
    [
      'namespace enabled, pod label false',
      {
        namespace: 'a',
        namespaceLabels: { 'istio-injection': 'enabled' },
        podLabels: { 'sidecar.istio.io/inject': 'false' },
      },
      false,
    ],
    [
      'namespace enabled, pod annotation false',
      {
        namespace: 'a',
        namespaceLabels: { 'istio-injection': 'enabled' },
        podAnnotations: { 'sidecar.istio.io/inject': 'false' },
      },
      false,
    ],
    [
      'label true overrides annotation false',
      {
        namespace: 'a',
        namespaceLabels: { 'istio-injection': 'enabled' },
        podLabels: { 'sidecar.istio.io/inject': 'true' },
        podAnnotations: { 'sidecar.istio.io/inject': 'false' },
      },
      true,
    ],
    [
      'namespace disabled beats pod label true',
      {
        namespace: 'a',
        namespaceLabels: { 'istio-injection': 'disabled' },
        podLabels: { 'sidecar.istio.io/inject': 'true' },
      },
      false,
    ],
    [
      'namespace revision',
      { namespace: 'a', namespaceLabels: { 'istio.io/rev': 'canary' } },
      true,
    ],
    [
      'unlabelled namespace, pod revision',
      { namespace: 'a', podLabels: { 'istio.io/rev': 'canary' } },
      true,
    ],
    [
      'unlabelled namespace, pod label true',
      { namespace: 'a', podLabels: { 'sidecar.istio.io/inject': 'true' } },
      true,
    ],
    [
      'unlabelled namespace, pod annotation true only',
      { namespace: 'a', podAnnotations: { 'sidecar.istio.io/inject': 'true' } },
      false,
    ],
    [
      'enableNamespacesByDefault',
      { namespace: 'a', enableNamespacesByDefault: true },
      true,
    ],
    [
      'enableNamespacesByDefault skips kube-system',
      { namespace: 'kube-system', enableNamespacesByDefault: true },
      false,
    ],
    [
      'hostNetwork pods',
      {
        namespace: 'a',
        namespaceLabels: { 'istio-injection': 'enabled' },
        hostNetwork: true,
      },
      false,
    ],
    [
      'ambient namespace',
      {
        namespace: 'a',
        namespaceLabels: { 'istio.io/dataplane-mode': 'ambient' },
      },
      false,
    ],
  ])('%s', (_name, input, inject) => {
    expect(decideInjection(input).inject).toBe(inject);
  });
});

/** An injector MutatingWebhookConfiguration as the chart renders it for a revision (`default` adds the default-injection webhooks). */
const injector = (rev: string, labels = `{istio.io/rev: ${rev}}`) => `
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector-${rev}, labels: ${labels}}
webhooks:
- name: rev.namespace.sidecar-injector.istio.io
  namespaceSelector: {matchExpressions: [{key: istio.io/rev, operator: In, values: [${rev}]}, {key: istio-injection, operator: DoesNotExist}]}
  objectSelector: {matchExpressions: [{key: sidecar.istio.io/inject, operator: NotIn, values: ["false"]}]}
- name: rev.object.sidecar-injector.istio.io
  namespaceSelector: {matchExpressions: [{key: istio.io/rev, operator: DoesNotExist}, {key: istio-injection, operator: DoesNotExist}]}
  objectSelector: {matchExpressions: [{key: sidecar.istio.io/inject, operator: NotIn, values: ["false"]}, {key: istio.io/rev, operator: In, values: [${rev}]}]}
${
  rev === 'default'
    ? `- name: namespace.sidecar-injector.istio.io
  namespaceSelector: {matchExpressions: [{key: istio-injection, operator: In, values: [enabled]}]}
- name: object.sidecar-injector.istio.io
  objectSelector: {matchExpressions: [{key: sidecar.istio.io/inject, operator: In, values: ["true"]}, {key: istio.io/rev, operator: DoesNotExist}]}`
    : ''
}`;

describe('injection with the cluster injector webhooks known', () => {
  const workloads = (webhooks: string) => `
apiVersion: v1
kind: Namespace
metadata: {name: legacy, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: canary, labels: {istio.io/rev: canary}}
---
apiVersion: v1
kind: Namespace
metadata: {name: stable, labels: {istio.io/rev: 1-28}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: legacy}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: app}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: canary}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: app}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: stable}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: app}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: pinned, namespace: stable}
spec: {template: {metadata: {labels: {app: p, istio.io/rev: canary}}, spec: {containers: [{name: app}]}}}
${webhooks}`;

  it.each([
    {
      name: 'no webhook objects loaded: every revision assumed installed',
      webhooks: '',
      expected: { legacy: 'sidecar', canary: 'sidecar', stable: 'sidecar' },
    },
    {
      name: 'only revision 1-28 installed',
      webhooks: injector('1-28'),
      expected: { legacy: 'none', canary: 'none', stable: 'sidecar' },
    },
    {
      name: 'default and 1-28 installed',
      webhooks: injector('1-28') + injector('default'),
      expected: { legacy: 'sidecar', canary: 'none', stable: 'sidecar' },
    },
    {
      name: 'a canary tag pointing at 1-28',
      webhooks:
        injector('1-28') +
        injector('canary', '{istio.io/rev: 1-28, istio.io/tag: canary}'),
      expected: { legacy: 'none', canary: 'sidecar', stable: 'sidecar' },
    },
  ])('$name', ({ webhooks, expected }) => {
    const a = analyzerFor(workloads(webhooks));
    const proxy = (ns: string) =>
      a.workloads({ namespace: ns }).find(w => w.name === 'app')!.proxy;
    expect({
      legacy: proxy('legacy'),
      canary: proxy('canary'),
      stable: proxy('stable'),
    }).toEqual(expected);
  });

  it('says which revision has no webhook', () => {
    const w = analyzerFor(workloads(injector('1-28'))).workloads({
      namespace: 'canary',
    })[0];
    expect(w.proxyReason).toBe(
      'namespace label istio.io/rev=canary, but no injector webhook serves revision canary in this cluster',
    );
  });

  it('follows a webhook added later (incremental report equals a full one)', () => {
    const a = analyzerFor(workloads(injector('1-28')));
    const sidecar = () =>
      a.report().mtls.workloads.find(w => w.namespace === 'canary')!.sidecar;
    expect(sidecar()).toBe(false);
    a.upsert('default', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: {
        name: 'istio-sidecar-injector-canary',
        labels: { 'istio.io/rev': 'canary' },
      },
      webhooks: [
        {
          name: 'rev.namespace.sidecar-injector.istio.io',
          namespaceSelector: {
            matchExpressions: [
              { key: 'istio.io/rev', operator: 'In', values: ['canary'] },
            ],
          },
        },
      ],
    } as any);
    expect(a.workloads({ namespace: 'canary' })[0].proxy).toBe('sidecar');
    expect(sidecar()).toBe(true);
    expect(a.report()).toEqual(
      MeshAnalyzer.fromSnapshot(a.snapshot()).report(),
    );
  });

  it('ignores webhooks of other projects', () => {
    expect(
      installedInjectors([{ webhooks: [{ name: 'hook.example.com' }] }]),
    ).toBeUndefined();
  });
});
