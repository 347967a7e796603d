import { findingsOf } from '../../__testUtils__/analyzeYaml';

const se = (name: string, spec: string) => `
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: default}
spec: ${spec}`;

describe('serviceentry.Analyzer', () => {
  it.each([
    {
      name: 'TCP port without addresses',
      yaml: se(
        'a',
        '{hosts: [a.com], ports: [{number: 80, name: t, protocol: TCP}]}',
      ),
      expected: ['IST0134 ServiceEntry default/a'],
    },
    {
      name: 'lower-case tcp',
      yaml: se(
        'a',
        '{hosts: [a.com], ports: [{number: 80, name: t, protocol: tcp}]}',
      ),
      expected: ['IST0134 ServiceEntry default/a'],
    },
    {
      name: 'unset protocol',
      yaml: se('a', '{hosts: [a.com], ports: [{number: 80, name: t}]}'),
      expected: ['IST0134 ServiceEntry default/a'],
    },
    {
      name: 'HTTP port',
      yaml: se(
        'a',
        '{hosts: [a.com], ports: [{number: 80, name: h, protocol: HTTP}]}',
      ),
      expected: [],
    },
    {
      name: 'with addresses',
      yaml: se(
        'a',
        '{hosts: [a.com], addresses: [10.0.0.1], ports: [{number: 80, name: t, protocol: TCP}]}',
      ),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'serviceentry.Analyzer')).toEqual(expected);
  });

  it('is silent when DNS auto-allocation is enabled in the mesh config', () => {
    const yaml = se(
      'a',
      '{hosts: [a.com], ports: [{number: 80, name: t, protocol: TCP}]}',
    );
    const meshConfig = {
      defaultConfig: {
        proxyMetadata: { ISTIO_META_DNS_AUTO_ALLOCATE: 'true' },
      },
    };
    expect(findingsOf(yaml, 'serviceentry.Analyzer', meshConfig)).toEqual([]);
  });
});
