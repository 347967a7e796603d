import { findingsOf } from '../../__testUtils__/analyzeYaml';

const se = (name: string, ns: string, proto: string, exportTo = '["*"]') => `
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: ${ns}}
spec: {hosts: [api.example.com], exportTo: ${exportTo}, ports: [{number: 443, name: p, protocol: ${proto}}]}`;

describe('serviceentry.ConflictingServiceEntryProtocolAnalyzer', () => {
  it.each([
    {
      name: 'different protocols, both exported',
      yaml: se('a', 'x', 'HTTPS') + se('b', 'y', 'TLS'),
      expected: ['IST0177 ServiceEntry x/a', 'IST0177 ServiceEntry y/b'],
    },
    {
      name: 'same protocol',
      yaml: se('a', 'x', 'HTTPS') + se('b', 'y', 'HTTPS'),
      expected: [],
    },
    {
      name: 'non-overlapping exportTo',
      yaml: se('a', 'x', 'HTTPS', '["."]') + se('b', 'y', 'TLS', '["."]'),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(yaml, 'serviceentry.ConflictingServiceEntryProtocolAnalyzer'),
    ).toEqual(expected);
  });
});
