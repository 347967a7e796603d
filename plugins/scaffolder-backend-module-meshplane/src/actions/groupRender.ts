import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { MeshplaneApiClient } from '@meshplane/plugin-meshplane-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { examples } from './groupRender.examples';
import {
  groupRequestBody,
  previewVerdict,
} from '@meshplane/plugin-meshplane-common';
import { groupInputProperties } from './inputProperties';
import { summarizePreview } from './summarizePreview';

/**
 * `meshplane:group:render`: validates, renders and previews a group request
 * without storing it, and optionally writes the rendered objects into the
 * task workspace (one YAML file per object, `<cluster>/<namespace>/<kind>-<name>.yaml`),
 * so that a template can open a pull request with the standard publish actions.
 *
 * @public
 */
export function createGroupRenderAction(options: {
  /** Calls the Meshplane backend on behalf of the task's initiator. */
  meshplane: MeshplaneApiClient;
}) {
  const client = options.meshplane;
  return createTemplateAction({
    id: 'meshplane:group:render',
    description:
      'Renders a Meshplane gateway, traffic or security group to Istio objects (Gateway API objects for a gateway group of a workspace in Gateway API mode), with a preview against live state; optionally writes the objects into the workspace',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...groupInputProperties,
        targetPath: z =>
          z
            .string({
              description:
                'Write the rendered objects under this path of the workspace',
            })
            .optional(),
      },
      output: {
        objectCount: z =>
          z.number({ description: 'Number of rendered objects' }),
        clusters: z =>
          z.array(z.string(), { description: 'Clusters the objects go to' }),
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
        files: z =>
          z.array(z.string(), {
            description: 'Files written, relative to the workspace',
          }),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const result = await client.renderRequest(groupRequestBody(ctx.input), {
        credentials,
      });
      const verdict = previewVerdict(result.preview);
      ctx.logger.info(`Preview: ${verdict}`);
      for (const line of summarizePreview(result.preview))
        ctx.logger.info(line);

      const files: string[] = [];
      if (ctx.input.targetPath) {
        for (const { cluster, object } of result.objects) {
          const file = join(
            ctx.input.targetPath,
            cluster,
            object.metadata.namespace ?? '_cluster',
            `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`,
          );
          const absolute = resolveSafeChildPath(ctx.workspacePath, file);
          await mkdir(dirname(absolute), { recursive: true });
          await writeFile(absolute, YAML.stringify(object));
          files.push(file);
        }
        ctx.logger.info(
          `Wrote ${files.length} file(s) under ${ctx.input.targetPath}`,
        );
      }
      ctx.output('objectCount', result.objects.length);
      ctx.output(
        'clusters',
        [...new Set(result.objects.map(o => o.cluster))].sort(),
      );
      ctx.output('breaking', result.preview.breaking);
      ctx.output('verdict', verdict);
      ctx.output('files', files);
    },
  });
}
