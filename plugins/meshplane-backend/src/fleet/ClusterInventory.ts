import {
  ClusterNamespace,
  IstioRevision,
  KubeObject,
  LABEL_MESHPLANE_OWNER,
  LABEL_MESHPLANE_SYSTEM,
} from '@meshplane/plugin-meshplane-common';
import type { ChangeScope, ObjectSink } from './KindInformer';
import type { WatchedKind } from './watchedKinds';

const NETWORK_LABEL = 'topology.istio.io/network';
const REV_LABEL = 'istio.io/rev';

function versionOf(object: KubeObject): string | undefined {
  const labels = object.metadata.labels ?? {};
  const labelled =
    labels['app.kubernetes.io/version'] ?? labels['operator.istio.io/version'];
  if (labelled) return labelled;
  const containers: Array<{ name?: string; image?: string }> =
    object.spec?.template?.spec?.containers ?? [];
  const pilot = containers.find(
    c => c.name === 'discovery' || c.name === 'istiod',
  );
  const tag = pilot?.image?.split('@')[0].split(':')[1];
  return tag && /^\d+\.\d+/.test(tag) ? tag : undefined;
}

/**
 * What one cluster's fleet-page summary needs beyond object counts: its
 * namespaces with their ownership labels, its Istio control-plane revisions
 * (istiod Deployments, or the injector webhooks of a remote cluster) and its
 * network label. Sits in front of the fleet's sink and forwards every change.
 */
export class ClusterInventory implements ObjectSink {
  private readonly next: ObjectSink;
  private readonly controlPlaneNamespace: string;
  private readonly namespaces = new Map<string, ClusterNamespace>();
  private readonly istiods = new Map<string, IstioRevision>();
  private readonly webhooks = new Map<string, IstioRevision>();

  constructor(options: { next: ObjectSink; controlPlaneNamespace: string }) {
    this.next = options.next;
    this.controlPlaneNamespace = options.controlPlaneNamespace;
  }

  upsert(kind: WatchedKind, object: KubeObject, scope: ChangeScope): void {
    const labels = object.metadata.labels ?? {};
    if (kind.kind === 'Namespace') {
      const injection =
        labels['istio-injection'] ??
        (labels[REV_LABEL] ? `revision ${labels[REV_LABEL]}` : undefined);
      this.namespaces.set(object.metadata.name, {
        name: object.metadata.name,
        ...(labels[LABEL_MESHPLANE_OWNER]
          ? { owner: labels[LABEL_MESHPLANE_OWNER] }
          : {}),
        ...(labels[LABEL_MESHPLANE_SYSTEM]
          ? { system: labels[LABEL_MESHPLANE_SYSTEM] }
          : {}),
        ...(labels[NETWORK_LABEL] ? { network: labels[NETWORK_LABEL] } : {}),
        ...(injection ? { injection } : {}),
      });
    } else if (
      kind.kind === 'Deployment' &&
      object.metadata.namespace === this.controlPlaneNamespace &&
      labels.app === 'istiod'
    ) {
      this.istiods.set(object.metadata.name, {
        revision: labels[REV_LABEL] ?? 'default',
        ...(versionOf(object) ? { version: versionOf(object) } : {}),
      });
    } else if (kind.kind === 'MutatingWebhookConfiguration') {
      const version =
        labels['app.kubernetes.io/version'] ??
        labels['operator.istio.io/version'];
      this.webhooks.set(object.metadata.name, {
        revision: labels[REV_LABEL] ?? 'default',
        ...(version ? { version } : {}),
      });
    }
    this.next.upsert(kind, object, scope);
  }

  remove(kind: WatchedKind, namespace: string, name: string): void {
    if (kind.kind === 'Namespace') this.namespaces.delete(name);
    else if (
      kind.kind === 'Deployment' &&
      namespace === this.controlPlaneNamespace
    ) {
      this.istiods.delete(name);
    } else if (kind.kind === 'MutatingWebhookConfiguration')
      this.webhooks.delete(name);
    this.next.remove(kind, namespace, name);
  }

  /** Namespaces sorted by name. */
  namespaceList(): ClusterNamespace[] {
    return [...this.namespaces.values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  /** Owner/system labels of one namespace. */
  namespace(name: string): ClusterNamespace | undefined {
    return this.namespaces.get(name);
  }

  /** The network label of the control-plane namespace (Istio's own rule). */
  get network(): string | undefined {
    return this.namespaces.get(this.controlPlaneNamespace)?.network;
  }

  /**
   * Revisions of the cluster's control planes: istiod's, else those of the
   * injector webhooks (a remote cluster runs no istiod). `default` first.
   */
  revisions(): IstioRevision[] {
    const byRevision = new Map<string, IstioRevision>();
    for (const rev of [...this.istiods.values(), ...this.webhooks.values()]) {
      const known = byRevision.get(rev.revision);
      if (!known || (!known.version && rev.version))
        byRevision.set(rev.revision, rev);
    }
    const rank = (r: IstioRevision) => (r.revision === 'default' ? 0 : 1);
    return [...byRevision.values()].sort(
      (a, b) => rank(a) - rank(b) || a.revision.localeCompare(b.revision),
    );
  }
}
