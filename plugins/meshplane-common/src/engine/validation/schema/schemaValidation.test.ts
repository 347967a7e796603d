import { findingsOf } from '../../__testUtils__/analyzeYaml';
import { spawnSync } from 'node:child_process';
import { instancePathToField } from './crdSchemas';
import { validateIstioObject } from './validateIstioObject';

const vs = (http: string) => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: default}
spec:
  hosts: [a]
  http: ${http}`;

describe('schema.ValidationAnalyzer.VirtualService', () => {
  it.each([
    {
      name: 'catch-all then more rules',
      http: '[{route: [{destination: {host: a}}]}, {route: [{destination: {host: b}}]}]',
      expected: ['IST0130 VirtualService default/vs'],
    },
    {
      name: 'duplicate match',
      http: '[{match: [{uri: {prefix: /a}}], route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /a}}], route: [{destination: {host: b}}]}]',
      expected: [
        'IST0130 VirtualService default/vs',
        'IST0131 VirtualService default/vs',
      ],
    },
    {
      name: 'one of two matches duplicated',
      http: '[{match: [{uri: {prefix: /a}}], route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /a}}, {uri: {prefix: /b}}], route: [{destination: {host: b}}]}]',
      expected: ['IST0131 VirtualService default/vs'],
    },
    {
      name: 'distinct matches',
      http: '[{match: [{uri: {prefix: /a}}], route: [{destination: {host: a}}]}, {route: [{destination: {host: b}}]}]',
      expected: [],
    },
  ])('$name', ({ http, expected }) => {
    expect(
      findingsOf(vs(http), 'schema.ValidationAnalyzer.VirtualService'),
    ).toEqual(expected);
  });
});

/**
 * `validateIstioObject` with the real CRD schemas, in a Node process: `@kubernetes-models/istio` is
 * ESM-only (an `import` export condition), which Jest's CommonJS resolver cannot load.
 */
function validateWithSchemas(
  obj: object,
): Array<{ path: string; message: string }> {
  const script = `
    const { loadIstioCrdSchemas } = require(${JSON.stringify(
      require.resolve('./crdSchemas'),
    )});
    const { validateIstioObject } = require(${JSON.stringify(
      require.resolve('./validateIstioObject'),
    )});
    loadIstioCrdSchemas().then(schemas => process.stdout.write(JSON.stringify(validateIstioObject(${JSON.stringify(
      obj,
    )}, { schemas }))));`;
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      '-e',
      script,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`validation process failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('validateIstioObject', () => {
  it.each([
    {
      name: 'PeerAuthentication mtls.mode in lower case',
      obj: {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'p', namespace: 'foo' },
        spec: { mtls: { mode: 'strict' } },
      },
      expected: [['spec.mtls.mode', 'unknown mTLS mode "strict"']],
    },
    {
      name: 'DestinationRule tls.mode BOGUS',
      obj: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'd', namespace: 'foo' },
        spec: { host: 'x', trafficPolicy: { tls: { mode: 'BOGUS' } } },
      },
      expected: [['spec.trafficPolicy.tls.mode', 'unknown TLS mode "BOGUS"']],
    },
    {
      name: 'DestinationRule subset without name',
      obj: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'd', namespace: 'foo' },
        spec: { host: 'x', subsets: [{ labels: { a: 'b' } }] },
      },
      expected: [['spec.subsets[0].name', 'subset name is required']],
    },
  ])(
    'reports one error per field, with the Istio rule message: $name',
    ({ obj, expected }) => {
      expect(validateWithSchemas(obj).map(e => [e.path, e.message])).toEqual(
        expected,
      );
    },
  );

  it('reports Istio rule errors with field paths', () => {
    const errors = validateIstioObject({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'pa', namespace: 'foo' },
      spec: {
        mtls: { mode: 'STRICTER' },
        portLevelMtls: { 8080: { mode: 'DISABLE' } },
      },
    });
    expect(errors.map(e => e.path).sort()).toEqual([
      'spec.mtls.mode',
      'spec.portLevelMtls',
    ]);
  });

  it.each([
    ['/spec/http/0/route/1/destination', 'spec.http[0].route[1].destination'],
    ['/metadata/annotations/a~1b', 'metadata.annotations.a/b'],
    ['', ''],
  ])('maps the schema path %s to %s', (pointer, field) => {
    expect(instancePathToField(pointer)).toBe(field);
  });
});

describe('overlapping VirtualService matches', () => {
  it.each([
    {
      name: 'a shorter prefix first covers a longer one',
      http: '[{match: [{uri: {prefix: /debug}}], route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /debugs}}], route: [{destination: {host: b}}]}]',
      expected: ['IST0131 VirtualService default/vs'],
    },
    {
      name: 'the longer prefix first is fine',
      http: '[{match: [{uri: {prefix: /debugs}}], route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /debug}}], route: [{destination: {host: b}}]}]',
      expected: [],
    },
    {
      name: 'different methods do not overlap',
      http: '[{match: [{uri: {prefix: /a}, method: {exact: POST}}], route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /ab}, method: {exact: GET}}], route: [{destination: {host: b}}]}]',
      expected: [],
    },
    {
      name: 'matches after a catch-all rule',
      http: '[{route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /a}}, {uri: {prefix: /b}}], route: [{destination: {host: b}}]}]',
      expected: [
        'IST0130 VirtualService default/vs',
        'IST0130 VirtualService default/vs',
      ],
    },
  ])('$name', ({ http, expected }) => {
    expect(
      findingsOf(vs(http), 'schema.ValidationAnalyzer.VirtualService'),
    ).toEqual(expected);
  });
});
