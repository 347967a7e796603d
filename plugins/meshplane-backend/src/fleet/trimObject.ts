import type { KubeObject } from '@meshplane/plugin-meshplane-common';
import { StringPool } from './StringPool';

/** An object from the API server that cannot be cached; names the object and the field. */
export class MalformedObjectError extends Error {
  readonly object: string;
  readonly field: string;

  constructor(object: string, field: string, problem: string) {
    super(`${object}: ${field} ${problem}`);
    this.name = 'MalformedObjectError';
    this.object = object;
    this.field = field;
  }
}

/** Annotations that are large and never read by the engine. */
const DROPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
]);

/**
 * The Gateway API's group. The status of its objects is what the controller concluded about them
 * (conditions Istio writes on Gateways and route parents, istio-semantics.md §h): kept, unlike the
 * status of Istio's own kinds.
 */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

type Json = Record<string, any>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(kind: string, raw: Json): string {
  const meta = isObject(raw.metadata) ? raw.metadata : {};
  const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
  const name = typeof meta.name === 'string' ? meta.name : '<no name>';
  return `${kind} ${ns}${name}`;
}

/**
 * Turns API objects into the compact form the cache keeps: only the fields
 * the engine reads (DESIGN §3 kinds), with repeated strings shared. Drops
 * managedFields, the last-applied annotation, uids, resource versions and
 * status noise.
 */
export class ObjectTrimmer {
  private readonly pool: StringPool;

  constructor(pool: StringPool = new StringPool()) {
    this.pool = pool;
  }

  /**
   * The trimmed object, or a {@link MalformedObjectError} naming the object and field.
   */
  trim(apiVersion: string, kind: string, raw: unknown): KubeObject {
    if (!isObject(raw)) {
      throw new MalformedObjectError(
        `${kind} <item>`,
        'object',
        'is not a JSON object',
      );
    }
    if (
      kind === 'CustomResourceDefinition' &&
      apiVersion.startsWith('apiextensions.k8s.io/')
    ) {
      return this.customResourceDefinition(apiVersion, raw);
    }
    const metadata = this.metadata(kind, raw);
    const p = this.pool;
    const out: KubeObject = {
      apiVersion: p.intern(apiVersion),
      kind: p.intern(kind),
      metadata,
    };
    const spec = raw.spec;
    if (spec !== undefined && !isObject(spec)) {
      throw new MalformedObjectError(
        describe(kind, raw),
        'spec',
        'is not an object',
      );
    }
    switch (kind) {
      case 'Namespace':
      case 'ServiceAccount':
        break;
      case 'Pod':
        out.spec = this.podSpec(spec);
        out.status = this.podStatus(raw.status);
        break;
      case 'Deployment':
      case 'StatefulSet':
      case 'DaemonSet':
        out.spec = this.controllerSpec(spec);
        out.status = this.controllerStatus(raw.status);
        break;
      case 'ReplicaSet':
        // A ReplicaSet owned by a Deployment only links pods to it; a bare one is a workload.
        out.spec = metadata.ownerReferences?.some(r => r.controller)
          ? { replicas: spec?.replicas }
          : this.controllerSpec(spec);
        out.status = this.controllerStatus(raw.status);
        break;
      case 'Service':
        out.spec = this.serviceSpec(spec);
        break;
      case 'ConfigMap':
        out.data = p.internMap(raw.data);
        break;
      case 'MutatingWebhookConfiguration':
        out.webhooks = Array.isArray(raw.webhooks)
          ? raw.webhooks.filter(isObject).map(w => this.webhook(w))
          : [];
        break;
      default:
        // Istio and Gateway API kinds: the whole spec is configuration; the status of Istio's
        // kinds is dropped, the Gateway API's kept. The engine validates Istio objects against
        // their CRD schemas (IST0106), which require an owner reference's uid: kept for them
        // (Pods and ReplicaSets, the many, do without).
        if (spec !== undefined) out.spec = spec;
        if (
          apiVersion.startsWith(`${GATEWAY_API_GROUP}/`) &&
          isObject(raw.status)
        )
          out.status = raw.status;
        metadata.ownerReferences?.forEach((ref, i) => {
          const uid = (raw.metadata as Json).ownerReferences[i]?.uid;
          if (typeof uid === 'string') ref.uid = uid;
        });
    }
    return out;
  }

  /**
   * A CRD without its schemas (often megabytes): its name, labels and annotations (the Gateway
   * API's bundle version and channel), group, kind, and the name, `served` and `storage` of each
   * version.
   */
  private customResourceDefinition(apiVersion: string, raw: Json): KubeObject {
    const p = this.pool;
    const kind = 'CustomResourceDefinition';
    const { name, labels, annotations } = this.metadata(kind, raw);
    const metadata: KubeObject['metadata'] = { name };
    if (labels) metadata.labels = labels;
    if (annotations) metadata.annotations = annotations;
    const spec = raw.spec;
    if (spec !== undefined && !isObject(spec)) {
      throw new MalformedObjectError(
        describe(kind, raw),
        'spec',
        'is not an object',
      );
    }
    const out: KubeObject = {
      apiVersion: p.intern(apiVersion),
      kind: p.intern(kind),
      metadata,
    };
    if (!spec) return out;
    const kept: Json = {};
    if (typeof spec.group === 'string') kept.group = p.intern(spec.group);
    if (typeof spec.names?.kind === 'string')
      kept.names = { kind: p.intern(spec.names.kind) };
    if (Array.isArray(spec.versions)) {
      kept.versions = spec.versions.filter(isObject).map((v: Json) => ({
        name: p.intern(v.name),
        served: v.served === true,
        storage: v.storage === true,
      }));
    }
    out.spec = kept;
    return out;
  }

  private metadata(kind: string, raw: Json): KubeObject['metadata'] {
    const meta = raw.metadata;
    if (!isObject(meta)) {
      throw new MalformedObjectError(
        `${kind} <item>`,
        'metadata',
        'is missing or not an object',
      );
    }
    if (typeof meta.name !== 'string' || meta.name === '') {
      throw new MalformedObjectError(
        describe(kind, raw),
        'metadata.name',
        'is missing',
      );
    }
    for (const field of ['labels', 'annotations']) {
      if (
        meta[field] !== undefined &&
        meta[field] !== null &&
        !isObject(meta[field])
      ) {
        throw new MalformedObjectError(
          describe(kind, raw),
          `metadata.${field}`,
          'is not a map',
        );
      }
    }
    const p = this.pool;
    const out: KubeObject['metadata'] = { name: meta.name };
    if (typeof meta.namespace === 'string')
      out.namespace = p.intern(meta.namespace);
    const labels = p.internMap(meta.labels);
    if (labels && Object.keys(labels).length > 0) out.labels = labels;
    if (isObject(meta.annotations)) {
      const kept: Record<string, string> = {};
      let any = false;
      for (const [key, value] of Object.entries(meta.annotations)) {
        if (typeof value !== 'string' || DROPPED_ANNOTATIONS.has(key)) continue;
        kept[p.intern(key)] = p.intern(value);
        any = true;
      }
      if (any) out.annotations = kept;
    }
    if (typeof meta.creationTimestamp === 'string') {
      out.creationTimestamp = p.intern(meta.creationTimestamp);
    }
    if (
      Array.isArray(meta.ownerReferences) &&
      meta.ownerReferences.length > 0
    ) {
      out.ownerReferences = meta.ownerReferences.filter(isObject).map(r => ({
        apiVersion: p.intern(r.apiVersion),
        kind: p.intern(r.kind),
        name: p.intern(r.name),
        ...(r.controller === true ? { controller: true } : {}),
      }));
    }
    return out;
  }

  private container(c: Json): Json {
    const p = this.pool;
    const out: Json = { name: p.intern(c.name) };
    if (typeof c.image === 'string') out.image = p.intern(c.image);
    if (Array.isArray(c.ports) && c.ports.length > 0) {
      out.ports = c.ports.filter(isObject).map(port => ({
        containerPort: port.containerPort,
        ...(port.name ? { name: p.intern(port.name) } : {}),
        ...(port.protocol && port.protocol !== 'TCP'
          ? { protocol: p.intern(port.protocol) }
          : {}),
      }));
    }
    const uid = c.securityContext?.runAsUser;
    if (uid !== undefined) out.securityContext = { runAsUser: uid };
    // Gateways are recognised by the proxy's `router` argument.
    if (c.name === 'istio-proxy' && Array.isArray(c.args)) {
      out.args = c.args.map((a: unknown) => p.intern(a));
    }
    return out;
  }

  private podSpec(spec: Json | undefined): Json | undefined {
    if (!spec) return undefined;
    const p = this.pool;
    const out: Json = {
      containers: Array.isArray(spec.containers)
        ? spec.containers.filter(isObject).map(c => this.container(c))
        : [],
    };
    if (Array.isArray(spec.initContainers) && spec.initContainers.length > 0) {
      out.initContainers = spec.initContainers
        .filter(isObject)
        .map(c => this.container(c));
    }
    const sa = spec.serviceAccountName ?? spec.serviceAccount;
    if (typeof sa === 'string') out.serviceAccountName = p.intern(sa);
    if (spec.hostNetwork === true) out.hostNetwork = true;
    const uid = spec.securityContext?.runAsUser;
    if (uid !== undefined) out.securityContext = { runAsUser: uid };
    return out;
  }

  private podStatus(status: unknown): Json | undefined {
    if (!isObject(status)) return undefined;
    const p = this.pool;
    const out: Json = {};
    if (typeof status.phase === 'string') out.phase = p.intern(status.phase);
    if (Array.isArray(status.conditions)) {
      const ready = status.conditions.find(
        (c: unknown) => isObject(c) && c.type === 'Ready',
      );
      if (ready)
        out.conditions = [{ type: 'Ready', status: p.intern(ready.status) }];
    }
    return out;
  }

  private controllerSpec(spec: Json | undefined): Json | undefined {
    if (!spec) return undefined;
    const template = isObject(spec.template) ? spec.template : undefined;
    const meta = isObject(template?.metadata) ? template!.metadata : {};
    const out: Json = {};
    if (spec.replicas !== undefined) out.replicas = spec.replicas;
    if (isObject(spec.selector)) out.selector = this.selector(spec.selector);
    if (template) {
      const tmeta: Json = {};
      const labels = this.pool.internMap(meta.labels);
      if (labels) tmeta.labels = labels;
      const annotations = this.pool.internMap(meta.annotations);
      if (annotations) tmeta.annotations = annotations;
      out.template = { metadata: tmeta, spec: this.podSpec(template.spec) };
    }
    return out;
  }

  private controllerStatus(status: unknown): Json | undefined {
    if (!isObject(status)) return undefined;
    const out: Json = {};
    for (const field of [
      'replicas',
      'readyReplicas',
      'availableReplicas',
      'numberReady',
      'desiredNumberScheduled',
    ]) {
      if (typeof status[field] === 'number') out[field] = status[field];
    }
    return out;
  }

  private selector(selector: Json): Json {
    const out: Json = {};
    const labels = this.pool.internMap(selector.matchLabels);
    if (labels) out.matchLabels = labels;
    if (Array.isArray(selector.matchExpressions))
      out.matchExpressions = selector.matchExpressions;
    return out;
  }

  private serviceSpec(spec: Json | undefined): Json | undefined {
    if (!spec) return undefined;
    const p = this.pool;
    const out: Json = {};
    if (typeof spec.type === 'string') out.type = p.intern(spec.type);
    if (spec.clusterIP === 'None') out.clusterIP = 'None';
    if (typeof spec.externalName === 'string')
      out.externalName = spec.externalName;
    const selector = p.internMap(spec.selector);
    if (selector) out.selector = selector;
    if (Array.isArray(spec.ports)) {
      out.ports = spec.ports.filter(isObject).map(port => {
        const kept: Json = { port: port.port };
        if (port.name !== undefined) kept.name = p.intern(port.name);
        if (port.targetPort !== undefined)
          kept.targetPort = p.intern(port.targetPort);
        if (port.protocol !== undefined)
          kept.protocol = p.intern(port.protocol);
        if (port.appProtocol !== undefined)
          kept.appProtocol = p.intern(port.appProtocol);
        return kept;
      });
    }
    return out;
  }

  private webhook(w: Json): Json {
    // clientConfig.caBundle (kilobytes of PEM) is the one large field, and it is never read.
    const service = w.clientConfig?.service;
    const clientConfig: Json = {};
    if (isObject(service)) {
      clientConfig.service = {
        name: service.name,
        namespace: service.namespace,
        path: service.path,
      };
    }
    if (typeof w.clientConfig?.url === 'string')
      clientConfig.url = w.clientConfig.url;
    return {
      name: w.name,
      ...(isObject(w.namespaceSelector)
        ? { namespaceSelector: w.namespaceSelector }
        : {}),
      ...(isObject(w.objectSelector)
        ? { objectSelector: w.objectSelector }
        : {}),
      clientConfig,
    };
  }
}

/**
 * Whether an object of a watched kind matters to the engine at all: in the
 * control-plane namespace only Istio's mesh-config and injector ConfigMaps,
 * and only Istio's injection webhooks.
 */
export function isRelevant(kind: string, raw: Json): boolean {
  if (kind === 'ConfigMap') {
    const name: string = raw.metadata?.name ?? '';
    return (
      name.startsWith('istio-sidecar-injector') ||
      (isObject(raw.data) && typeof raw.data.mesh === 'string')
    );
  }
  if (kind === 'MutatingWebhookConfiguration') {
    return (
      Array.isArray(raw.webhooks) &&
      raw.webhooks.some(
        (w: unknown) =>
          isObject(w) &&
          typeof w.name === 'string' &&
          w.name.endsWith('istio.io'),
      )
    );
  }
  return true;
}
