import { findingsOf } from '../../__testUtils__/analyzeYaml';

const dr = (spec: string) => `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db}
spec: ${spec}`;

describe('destinationrule.CaCertificateAnalyzer', () => {
  it.each([
    {
      name: 'SIMPLE without CA',
      yaml: dr('{host: db, trafficPolicy: {tls: {mode: SIMPLE}}}'),
      expected: ['IST0128 DestinationRule db'],
    },
    {
      name: 'MUTUAL with CA',
      yaml: dr(
        '{host: db, trafficPolicy: {tls: {mode: MUTUAL, caCertificates: /ca.pem}}}',
      ),
      expected: [],
    },
    {
      name: 'ISTIO_MUTUAL needs no CA',
      yaml: dr('{host: db, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}'),
      expected: [],
    },
    {
      name: 'credentialName without workloadSelector',
      yaml: dr(
        '{host: db, trafficPolicy: {tls: {mode: SIMPLE, credentialName: c}}}',
      ),
      expected: ['IST0128 DestinationRule db'],
    },
    {
      name: 'credentialName with workloadSelector',
      yaml: dr(
        '{host: db, workloadSelector: {matchLabels: {app: a}}, trafficPolicy: {tls: {mode: SIMPLE, credentialName: c}}}',
      ),
      expected: [],
    },
    {
      name: 'port level',
      yaml: dr(
        '{host: db, trafficPolicy: {tls: {mode: MUTUAL}, portLevelSettings: [{port: {number: 5432}, tls: {mode: SIMPLE}}]}}',
      ),
      expected: ['IST0128 DestinationRule db', 'IST0129 DestinationRule db'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'destinationrule.CaCertificateAnalyzer')).toEqual(
      expected,
    );
  });
});
