import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Request a security group: STRICT mTLS in every cluster of the workspace, callers from the workspace only',
    example: YAML.stringify({
      steps: [
        {
          id: 'request',
          action: 'meshplane:group:request',
          name: 'Request the security group',
          input: {
            workspace: 'system:default/bookinfo',
            groupType: 'security',
            name: 'strict-mtls',
            namespaces: ['*/bookinfo'],
            settings: {
              trafficMode: 'REQUIRED',
              authorization: { mode: 'WORKSPACE' },
            },
            description: 'Only bookinfo may call bookinfo, over mTLS',
          },
        },
      ],
      output: {
        links: [
          { title: 'Request', url: '${{ steps.request.output.requestUrl }}' },
        ],
      },
    }),
  },
  {
    description:
      'Request a gateway group exposing productpage over HTTPS with JWT',
    example: YAML.stringify({
      steps: [
        {
          id: 'request',
          action: 'meshplane:group:request',
          name: 'Request the gateway group',
          input: {
            workspace: 'system:default/bookinfo',
            groupType: 'gateway',
            name: 'shop',
            namespaces: ['east-1/bookinfo'],
            settings: {
              hosts: ['shop.example.com'],
              tls: { credentialName: 'shop-cert' },
              routes: [{ pathPrefix: '/', service: 'productpage', port: 9080 }],
              jwt: {
                issuer: 'https://id.example.com',
                jwksUri: 'https://id.example.com/jwks.json',
              },
            },
          },
        },
      ],
    }),
  },
];
