import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Show where a request stands right after it was made',
    example: YAML.stringify({
      steps: [
        {
          id: 'status',
          action: 'meshplane:request:status',
          name: 'Read the request status',
          input: { requestId: '${{ steps.request.output.requestId }}' },
        },
      ],
    }),
  },
  {
    description: 'Wait up to ten minutes for an owner to approve or reject',
    example: YAML.stringify({
      steps: [
        {
          id: 'decision',
          action: 'meshplane:request:status',
          name: 'Wait for the decision',
          input: {
            requestId: '${{ steps.request.output.requestId }}',
            waitFor: 'decision',
            timeoutSeconds: 600,
          },
        },
      ],
    }),
  },
];
