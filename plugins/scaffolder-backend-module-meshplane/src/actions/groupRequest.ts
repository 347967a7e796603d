import type { MeshplaneApiClient } from '@meshplane/plugin-meshplane-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './groupRequest.examples';
import {
  groupRequestBody,
  previewVerdict,
  type RequestPreview,
} from '@meshplane/plugin-meshplane-common';
import { groupInputProperties } from './inputProperties';
import { summarizePreview } from './summarizePreview';

/**
 * `meshplane:group:request`: stores a group request in Meshplane, where an
 * owner of the workspace (or a platform admin) reviews its preview and
 * approves it; approval rolls it out. In a dry run the request is rendered
 * and previewed (so bad input is refused) but not stored.
 *
 * @public
 */
export function createGroupRequestAction(options: {
  /** Calls the Meshplane backend on behalf of the task's initiator. */
  meshplane: MeshplaneApiClient;
  /** The portal's base URL (`app.baseUrl`), for the link to the request page. */
  appBaseUrl: string;
}) {
  const client = options.meshplane;
  return createTemplateAction({
    id: 'meshplane:group:request',
    description:
      'Requests a Meshplane gateway, traffic or security group for a workspace: validated, previewed and stored for approval',
    examples,
    supportsDryRun: true,
    schema: {
      input: groupInputProperties,
      output: {
        requestId: z =>
          z.string({
            description: 'Id of the stored request (`dry-run` in a dry run)',
          }),
        approval: z =>
          z.string({ description: 'PENDING until an owner decides' }),
        status: z =>
          z.string({ description: 'ACCEPTED, READY, PARTIAL or FAILED' }),
        requestUrl: z =>
          z.string({ description: 'The request page in the portal' }),
        breaking: z =>
          z.boolean({
            description:
              'Some edge would start failing, be denied or stop being mTLS',
          }),
        verdict: z =>
          z.string({
            description:
              'One line on the preview: whether it breaks traffic (which caller → service edges) and what it creates or updates per cluster',
          }),
      },
    },
    async handler(ctx) {
      const logPreview = (preview: RequestPreview) => {
        const verdict = previewVerdict(preview);
        ctx.logger.info(`Preview: ${verdict}`);
        for (const line of summarizePreview(preview)) ctx.logger.info(line);
        ctx.output('verdict', verdict);
      };
      const credentials = await ctx.getInitiatorCredentials();
      const body = groupRequestBody(ctx.input);
      if (ctx.isDryRun) {
        const rendered = await client.renderRequest(body, { credentials });
        logPreview(rendered.preview);
        ctx.logger.info(
          'Dry run: the request was validated and previewed, not stored',
        );
        ctx.output('requestId', 'dry-run');
        ctx.output('approval', 'PENDING');
        ctx.output('status', 'ACCEPTED');
        ctx.output('requestUrl', `${options.appBaseUrl}/mesh-requests`);
        ctx.output('breaking', rendered.preview.breaking);
        return;
      }
      // A recovered task must not store the request twice.
      const id = await ctx.checkpoint({
        key: `meshplane-request-${ctx.input.workspace}-${ctx.input.name}`,
        fn: async () => (await client.createRequest(body, { credentials })).id,
      });
      const request = await client.getRequest(id, { credentials });
      if (request.preview) logPreview(request.preview);
      ctx.logger.info(
        `Stored request ${id} for ${request.workspace}, waiting for approval by an owner`,
      );
      ctx.output('requestId', id);
      ctx.output('approval', request.approval.state);
      ctx.output('status', request.status);
      ctx.output('requestUrl', `${options.appBaseUrl}/mesh-requests/${id}`);
      ctx.output('breaking', request.preview?.breaking ?? false);
    },
  });
}
