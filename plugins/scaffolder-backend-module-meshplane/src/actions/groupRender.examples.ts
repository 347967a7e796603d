import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render a security group (STRICT mTLS, callers from the workspace) and write it into the workspace for a pull request',
    example: YAML.stringify({
      steps: [
        {
          id: 'render',
          action: 'meshplane:group:render',
          name: 'Render the security group',
          input: {
            workspace: 'system:default/bookinfo',
            groupType: 'security',
            name: 'strict-mtls',
            namespaces: ['*/bookinfo'],
            settings: {
              trafficMode: 'REQUIRED',
              authorization: { mode: 'WORKSPACE' },
            },
            targetPath: 'istio',
          },
        },
      ],
    }),
  },
  {
    description: 'Render a DIRECT traffic group from Istio YAML',
    example: YAML.stringify({
      steps: [
        {
          id: 'render',
          action: 'meshplane:group:render',
          name: 'Render Istio objects as-is',
          input: {
            workspace: 'system:default/bookinfo',
            groupType: 'traffic',
            name: 'reviews-canary',
            mode: 'DIRECT',
            namespaces: ['east-1/bookinfo'],
            objects: [
              'apiVersion: networking.istio.io/v1',
              'kind: DestinationRule',
              'metadata:',
              '  name: reviews-canary',
              'spec:',
              '  host: reviews.bookinfo.svc.cluster.local',
              '  subsets:',
              '  - name: v3',
              '    labels: { version: v3 }',
            ].join('\n'),
          },
        },
      ],
    }),
  },
];
