import { findingsOf } from '../../__testUtils__/analyzeYaml';

const svc = (ports: string, type = 'ClusterIP') => `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: default}
spec: {type: ${type}, selector: {app: reviews}, ports: ${ports}}`;

describe('services.MultiClusterServiceAnalyzer', () => {
  it.each([
    {
      name: 'same definition',
      clusters: {
        c1: svc('[{name: http, port: 9080}]'),
        c2: svc('[{name: http, port: 9080}]'),
      },
      expected: [],
    },
    {
      name: 'different ports',
      clusters: {
        c1: svc('[{name: http, port: 9080}]'),
        c2: svc('[{name: http, port: 8080}]'),
      },
      expected: ['IST0170 Service default/reviews'],
    },
    {
      name: 'different type',
      clusters: {
        c1: svc('[{name: http, port: 9080}]'),
        c2: svc('[{name: http, port: 9080}]', 'NodePort'),
      },
      expected: ['IST0170 Service default/reviews'],
    },
    {
      name: 'one cluster',
      clusters: { c1: svc('[{name: http, port: 9080}]') },
      expected: [],
    },
  ])('$name', ({ clusters, expected }) => {
    expect(
      findingsOf(
        clusters as Record<string, string>,
        'services.MultiClusterServiceAnalyzer',
      ),
    ).toEqual(expected);
  });
});
