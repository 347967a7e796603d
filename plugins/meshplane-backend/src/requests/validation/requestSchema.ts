import { z } from 'zod/v3';
import {
  checkDnsLabel,
  checkDuration,
  checkHostName,
  checkHttpUrl,
  checkPathPrefix,
  checkPort,
  checkServiceAccountRef,
  type CreateMeshRequest,
  type GatewayGroupSettings,
  type MeshGroupType,
  type SecurityGroupSettings,
  type TrafficGroupSettings,
} from '@meshplane/plugin-meshplane-common';
import { FieldErrorCollector, fieldPath } from '../fieldErrors';

/** A string checked by one of the field checks. */
function checked(check: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const problem = check(value);
    if (problem)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
}

const name = checked(checkDnsLabel);
const duration = checked(checkDuration);
const port = z.number().superRefine((value, ctx) => {
  const problem = checkPort(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});
const labels = z
  .record(z.string().min(1), z.string())
  .refine(value => Object.keys(value).length > 0, 'at least one label');

const connectionPool = z
  .object({
    maxConnections: z.number().int().positive().optional(),
    connectTimeout: duration.optional(),
    http1MaxPendingRequests: z.number().int().positive().optional(),
    http2MaxRequests: z.number().int().positive().optional(),
    maxRequestsPerConnection: z.number().int().nonnegative().optional(),
  })
  .strict();

const outlierDetection = z
  .object({
    consecutive5xxErrors: z.number().int().nonnegative().optional(),
    interval: duration.optional(),
    baseEjectionTime: duration.optional(),
    maxEjectionPercent: z.number().int().min(0).max(100).optional(),
  })
  .strict();

const resilience = z
  .object({
    connectionPool: connectionPool.optional(),
    outlierDetection: outlierDetection.optional(),
    timeout: duration.optional(),
    retries: z
      .object({
        attempts: z.number().int().min(0),
        perTryTimeout: duration.optional(),
        retryOn: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const gatewaySettings: z.ZodType<GatewayGroupSettings> = z
  .object({
    hosts: z.array(checked(checkHostName)).min(1, 'name at least one host'),
    port: port.optional(),
    tls: z
      .object({
        mode: z.enum(['SIMPLE', 'MUTUAL']).optional(),
        credentialName: name,
      })
      .strict()
      .optional(),
    selector: labels.optional(),
    routes: z
      .array(
        z
          .object({
            pathPrefix: checked(checkPathPrefix).optional(),
            service: name,
            namespace: name.optional(),
            port,
          })
          .strict(),
      )
      .min(1, 'add at least one route'),
    jwt: z
      .object({
        issuer: z.string().min(1),
        jwksUri: checked(checkHttpUrl),
        audiences: z.array(z.string().min(1)).optional(),
        required: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const trafficSettings: z.ZodType<TrafficGroupSettings> = z
  .object({
    reachability: z
      .object({
        mode: z.enum(['NAMESPACE', 'WORKSPACE', 'CLUSTER', 'CUSTOM']),
        hosts: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    resilience: resilience
      .pick({ connectionPool: true, outlierDetection: true })
      .optional(),
    services: z
      .array(
        z
          .object({
            service: name,
            resilience: resilience.optional(),
            subsets: z
              .array(
                z
                  .object({
                    name,
                    labels,
                    weight: z.number().int().min(0).max(100).optional(),
                  })
                  .strict(),
              )
              .optional(),
            localityFailover: z
              .array(
                z
                  .object({ from: z.string().min(1), to: z.string().min(1) })
                  .strict(),
              )
              .optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const securitySettings: z.ZodType<SecurityGroupSettings> = z
  .object({
    trafficMode: z.enum(['REQUIRED', 'OPTIONAL']).optional(),
    authorization: z
      .object({
        mode: z.enum([
          'NAMESPACE',
          'WORKSPACE',
          'CLUSTER',
          'CUSTOM',
          'DISABLED',
        ]),
        serviceAccounts: z.array(checked(checkServiceAccountRef)).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const settingsSchemas: Record<MeshGroupType, z.ZodTypeAny> = {
  gateway: gatewaySettings,
  traffic: trafficSettings,
  security: securitySettings,
};

const requestSchema = z
  .object({
    workspace: z.string().min(1, 'choose a workspace'),
    description: z.string().max(2000).optional(),
    group: z
      .object({
        type: z.enum(['gateway', 'traffic', 'security']),
        name,
        mode: z.enum(['BRIDGED', 'DIRECT']),
        namespaces: z
          .array(z.string().min(1))
          .min(1, 'select at least one cluster/namespace'),
        settings: z.record(z.unknown()).optional(),
        objects: z
          .string()
          .max(512 * 1024, 'at most 512 KiB of YAML')
          .optional(),
      })
      .strict(),
  })
  .strict();

function collectIssues(
  errors: FieldErrorCollector,
  prefix: Array<string | number>,
  issues: z.ZodIssue[],
): void {
  for (const issue of issues) {
    errors.add(fieldPath([...prefix, ...issue.path]), issue.message);
  }
}

/**
 * Drops empty objects from settings: a form leaves an optional section it
 * did not fill (`tls: {}`) as an empty object, which means "not set".
 */
function withoutEmptySections(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptySections);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value)
    .map(([key, inner]) => [key, withoutEmptySections(inner)] as const)
    .filter(
      ([, inner]) =>
        !(
          inner &&
          typeof inner === 'object' &&
          !Array.isArray(inner) &&
          Object.keys(inner).length === 0
        ),
    );
  return Object.fromEntries(entries);
}

/**
 * Checks the shape of a request body: field types, names, host names,
 * durations, ports, and the settings of the group's type in BRIDGED mode
 * (or the presence of objects in DIRECT mode). Collects every problem with
 * its field into `errors`; returns the typed request when the shape is right.
 * Meaning (claims, fleet, Istio validation) is checked afterwards.
 */
export function parseCreateRequest(
  body: unknown,
  errors: FieldErrorCollector,
): CreateMeshRequest | undefined {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    collectIssues(errors, [], parsed.error.issues);
    return undefined;
  }
  const request = parsed.data as CreateMeshRequest;
  const { group } = request;
  // A form leaves the other mode's field empty: empty means not given.
  if (group.objects !== undefined && group.objects.trim() === '')
    delete group.objects;
  if (
    group.settings !== undefined &&
    Object.keys(withoutEmptySections(group.settings) as object).length === 0
  ) {
    delete group.settings;
  }
  if (group.mode === 'BRIDGED') {
    if (group.objects !== undefined) {
      errors.add(
        'group.objects',
        'objects are for DIRECT mode; BRIDGED mode takes settings',
      );
    }
    const settings = settingsSchemas[group.type].safeParse(
      withoutEmptySections(group.settings ?? {}),
    );
    if (settings.success) {
      group.settings = settings.data;
    } else {
      collectIssues(errors, ['group', 'settings'], settings.error.issues);
    }
  } else {
    if (group.settings !== undefined) {
      errors.add(
        'group.settings',
        'settings are for BRIDGED mode; DIRECT mode takes Istio objects',
      );
    }
    if (group.objects === undefined) {
      errors.add(
        'group.objects',
        'DIRECT mode needs the Istio objects as YAML',
      );
    }
  }
  return errors.empty ? request : undefined;
}
