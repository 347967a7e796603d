import { findingsOf } from '../../__testUtils__/analyzeYaml';

const istiod = `
apiVersion: v1
kind: Service
metadata: {name: istiod, namespace: istio-system}
spec: {ports: [{name: https-webhook, port: 443}]}
`;

const mwc = (name: string, webhooks: string) => `
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: ${name}}
webhooks: ${webhooks}`;

const hook = (name: string, service: string, nsSelector: string) =>
  `{name: ${name}, clientConfig: {service: {name: ${service}, namespace: istio-system}}, namespaceSelector: ${nsSelector}}`;

describe('webhook.Analyzer', () => {
  it.each([
    {
      name: 'one injector',
      yaml:
        istiod +
        mwc(
          'inj',
          `[${hook(
            'ns.sidecar-injector.istio.io',
            'istiod',
            '{matchLabels: {istio-injection: enabled}}',
          )}]`,
        ),
      expected: [],
    },
    {
      name: 'two injectors selecting the same namespaces',
      yaml:
        istiod +
        mwc(
          'a',
          `[${hook(
            'a.sidecar-injector.istio.io',
            'istiod',
            '{matchLabels: {istio-injection: enabled}}',
          )}]`,
        ) +
        mwc(
          'b',
          `[${hook(
            'b.sidecar-injector.istio.io',
            'istiod',
            '{matchLabels: {istio-injection: enabled}}',
          )}]`,
        ),
      expected: [
        'IST0139 MutatingWebhookConfiguration a',
        'IST0139 MutatingWebhookConfiguration b',
      ],
    },
    {
      name: 'service missing',
      yaml:
        istiod +
        mwc(
          'inj',
          `[${hook(
            'ns.sidecar-injector.istio.io',
            'istiod-canary',
            '{matchLabels: {istio-injection: enabled}}',
          )}]`,
        ),
      expected: ['IST0139 MutatingWebhookConfiguration inj'],
    },
    {
      name: 'webhooks of other projects are ignored',
      yaml: mwc('other', `[${hook('hook.example.com', 'nope', '{}')}]`),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'webhook.Analyzer')).toEqual(expected);
  });
});
