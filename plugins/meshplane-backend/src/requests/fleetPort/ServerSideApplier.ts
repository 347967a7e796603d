import type { KubeObject } from '@meshplane/plugin-meshplane-common';
import { KubeRequestError } from '../../fleet/KubeRequestError';
import type { KubeTransport } from '../../fleet/KubeTransport';
import { WATCHED_KINDS } from '../../fleet/watchedKinds';
import type { ClusterApplier, ObjectIdentity } from './RequestFleet';

/** The field manager of every object Meshplane applies. */
const FIELD_MANAGER = 'meshplane';

function describe(object: ObjectIdentity): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${
    object.name
  }`;
}

/**
 * Server-side apply (`application/apply-patch+yaml`, field manager
 * `meshplane`, force) and deletes through the cluster's {@link KubeTransport}:
 * the same credentials, keep-alive agent, deadlines and classified,
 * credential-free errors as the fleet's watches. Force makes Meshplane take
 * over fields another manager set on the objects it renders: an approved
 * request is the source of truth for them, and the preview showed the live
 * values it replaces.
 */
export class ServerSideApplier implements ClusterApplier {
  private readonly cluster: string;
  private readonly transport: KubeTransport;
  private readonly timeoutMs: number;

  constructor(options: {
    cluster: string;
    transport: KubeTransport;
    timeoutMs: number;
  }) {
    this.cluster = options.cluster;
    this.transport = options.transport;
    this.timeoutMs = options.timeoutMs;
  }

  async apply(object: KubeObject): Promise<{ resourceVersion?: string }> {
    const identity = {
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
    };
    const operation = `apply ${describe(identity)} in ${this.cluster}`;
    const applied = await this.send(operation, () =>
      this.transport.requestJson(
        'PATCH',
        `${this.objectPath(
          identity,
          operation,
        )}?fieldManager=${FIELD_MANAGER}&force=true`,
        operation,
        this.timeoutMs,
        // JSON is YAML: the API server takes it as an apply configuration.
        { contentType: 'application/apply-patch+yaml', value: object },
      ),
    );
    return { resourceVersion: applied?.metadata?.resourceVersion };
  }

  async list(kinds: string[], labels: Record<string, string>) {
    const selector = Object.entries(labels)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const found: Array<
      ObjectIdentity & { annotations: Record<string, string> }
    > = [];
    for (const groupKind of kinds) {
      const kind = this.kindOf(
        groupKind,
        `list ${groupKind} in ${this.cluster}`,
      );
      const apiVersion = `${kind.group}/${kind.versions[0]}`;
      const operation = `list ${kind.kind} in ${this.cluster}`;
      let answer;
      try {
        answer = await this.send(operation, () =>
          this.transport.requestJson(
            'GET',
            `/apis/${apiVersion}/${
              kind.plural
            }?labelSelector=${encodeURIComponent(selector)}`,
            operation,
            this.timeoutMs,
          ),
        );
      } catch (error) {
        // The kind is not served (its CRD is not installed): no object of it exists.
        if (error instanceof KubeRequestError && error.statusCode === 404)
          continue;
        throw error;
      }
      for (const item of Array.isArray(answer?.items) ? answer.items : []) {
        found.push({
          apiVersion,
          kind: kind.kind,
          namespace: item?.metadata?.namespace ?? '',
          name: item?.metadata?.name ?? '',
          annotations: item?.metadata?.annotations ?? {},
        });
      }
    }
    return found;
  }

  async delete(object: ObjectIdentity): Promise<void> {
    const operation = `delete ${describe(object)} in ${this.cluster}`;
    try {
      await this.send(operation, () =>
        this.transport.requestJson(
          'DELETE',
          this.objectPath(object, operation),
          operation,
          this.timeoutMs,
        ),
      );
    } catch (error) {
      if (error instanceof KubeRequestError && error.statusCode === 404) return;
      throw error;
    }
  }

  private kindOf(groupKind: string, operation: string) {
    const [group, kindName] = groupKind.split('/');
    const kind = WATCHED_KINDS.find(
      k => k.istio && k.group === group && k.kind === kindName,
    );
    if (!kind) {
      throw new KubeRequestError({
        reason: 'config',
        message: `${operation}: ${groupKind} is not a kind Meshplane writes`,
      });
    }
    return kind;
  }

  private objectPath(object: ObjectIdentity, operation: string): string {
    const [group, version] = object.apiVersion.split('/');
    const kind = this.kindOf(`${group}/${object.kind}`, operation);
    return `/apis/${group}/${version}/namespaces/${encodeURIComponent(
      object.namespace,
    )}/${kind.plural}/${encodeURIComponent(object.name)}`;
  }

  /** Runs a request; an unreachable API server says so in words the UI shows. */
  private async send<T>(
    operation: string,
    request: () => Promise<T>,
  ): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const failure = KubeRequestError.from(operation, error);
      if (failure.reason !== 'unreachable') throw failure;
      const detail = failure.message.startsWith(`${operation}: `)
        ? failure.message.slice(operation.length + 2)
        : failure.message;
      throw new KubeRequestError({
        reason: 'unreachable',
        message: `${operation}: cluster unreachable (${detail})`,
      });
    }
  }
}
