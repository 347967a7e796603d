import type { FleetDefinition } from '../fleet';
import type { KubeObject } from '../objects';

/** A small two-cluster fleet (one without Istio) with a restricted token, for tests. */
export function testFleet(extraObjects: KubeObject[] = []): FleetDefinition {
  const namespace = (
    name: string,
    labels: Record<string, string> = {},
  ): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels },
  });
  const configMap = (
    ns: string,
    name: string,
    labels: Record<string, string>,
    value: string,
  ): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, labels },
    data: { value },
  });
  return {
    tokens: [
      {
        name: 'reader',
        token: 'reader-token',
        rules: [
          {
            verbs: ['get', 'list', 'watch'],
            resources: ['configmaps', 'namespaces'],
            apiGroups: [''],
          },
        ],
      },
      {
        name: 'apps-team',
        token: 'apps-token',
        rules: [{ verbs: ['*'], resources: ['*'], namespaces: ['apps'] }],
      },
    ],
    clusters: [
      {
        metadata: {
          name: 'alpha',
          network: 'net-a',
          region: 'r1',
          environment: 'test',
          istio: {
            revision: 'default',
            version: '1.28.1',
            meshId: 'mesh1',
            role: 'primary',
          },
        },
        tokens: [],
        objects: [
          namespace('apps', { team: 'apps' }),
          namespace('other'),
          configMap('apps', 'one', { tier: 'web', env: 'prod' }, '1'),
          configMap('apps', 'two', { tier: 'db', env: 'prod' }, '2'),
          configMap('apps', 'three', { tier: 'web', env: 'dev' }, '3'),
          configMap('other', 'four', {}, '4'),
          {
            apiVersion: 'networking.istio.io/v1',
            kind: 'VirtualService',
            metadata: { name: 'reviews', namespace: 'apps' },
            spec: {
              hosts: ['reviews'],
              http: [
                { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
              ],
            },
          },
          ...extraObjects,
        ],
      },
      {
        metadata: { name: 'beta', environment: 'test' },
        tokens: [],
        objects: [namespace('apps'), configMap('apps', 'one', {}, 'beta')],
      },
    ],
  };
}
