import type { MeshplaneApiClient } from '@meshplane/plugin-meshplane-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { MeshRequestDetail } from '@meshplane/plugin-meshplane-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { examples } from './requestStatus.examples';

const DONE: Record<
  'nothing' | 'decision' | 'rollout',
  (r: MeshRequestDetail) => boolean
> = {
  nothing: () => true,
  decision: r => r.approval.state !== 'PENDING',
  rollout: r =>
    r.approval.state === 'REJECTED' ||
    (r.approval.state === 'APPROVED' &&
      r.clusters.every(c => c.status !== 'ACCEPTED')),
};

/**
 * `meshplane:request:status`: reads a request's approval and per-cluster
 * rollout status, optionally waiting (bounded) for the decision or for the
 * rollout to settle.
 *
 * @public
 */
export function createRequestStatusAction(options: {
  /** Calls the Meshplane backend on behalf of the task's initiator. */
  meshplane: MeshplaneApiClient;
  /** Time between two reads while waiting. */
  pollIntervalMs?: number;
}) {
  const client = options.meshplane;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  return createTemplateAction({
    id: 'meshplane:request:status',
    description:
      'Reads the approval and rollout status of a Meshplane group request, optionally waiting for it',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        requestId: z =>
          z.string({ description: 'Id from meshplane:group:request' }),
        waitFor: z =>
          z
            .enum(['nothing', 'decision', 'rollout'], {
              description:
                'Wait until an owner decided, or until every cluster is READY or FAILED',
            })
            .optional(),
        timeoutSeconds: z =>
          z
            .number({ description: 'Longest wait, in seconds (default 300)' })
            .int()
            .positive()
            .optional(),
      },
      output: {
        approval: z => z.string(),
        status: z => z.string(),
        clusters: z =>
          z.array(
            z.object({
              cluster: z.string(),
              status: z.string(),
              lastError: z.string().optional(),
            }),
          ),
        settled: z =>
          z.boolean({ description: 'The awaited state was reached' }),
      },
    },
    async handler(ctx) {
      if (ctx.isDryRun) {
        // A dry run stored no request (meshplane:group:request answers `dry-run`): nothing to read.
        ctx.logger.info(`Dry run: request ${ctx.input.requestId} is not read`);
        ctx.output('approval', 'PENDING');
        ctx.output('status', 'ACCEPTED');
        ctx.output('clusters', []);
        ctx.output('settled', false);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const done = DONE[ctx.input.waitFor ?? 'nothing'];
      const deadline = Date.now() + (ctx.input.timeoutSeconds ?? 300) * 1000;
      let request = await client.getRequest(ctx.input.requestId, {
        credentials,
      });
      while (!done(request) && Date.now() < deadline && !ctx.signal?.aborted) {
        await sleep(pollIntervalMs, undefined, { signal: ctx.signal }).catch(
          () => undefined,
        );
        request = await client.getRequest(ctx.input.requestId, { credentials });
      }
      const settled = done(request);
      ctx.logger.info(
        `Request ${request.id}: ${request.approval.state}, ${
          request.status
        } (${request.clusters
          .map(c => `${c.cluster} ${c.status}`)
          .join(', ')})${
          settled ? '' : ' — still waiting when the timeout ended'
        }`,
      );
      ctx.output('approval', request.approval.state);
      ctx.output('status', request.status);
      ctx.output(
        'clusters',
        request.clusters.map(c => ({
          cluster: c.cluster,
          status: c.status,
          ...(c.lastError ? { lastError: c.lastError } : {}),
        })),
      );
      ctx.output('settled', settled);
    },
  });
}
