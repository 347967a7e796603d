import {
  claimCovers,
  mergeMeshConfig,
  validateIstioObject,
  type CreateMeshRequest,
  type IstioCrdSchemas,
  type KubeObject,
  type RenderedObject,
  type RequestPreview,
} from '@meshplane/plugin-meshplane-common';
import { FieldErrorCollector } from '../fieldErrors';
import { type PreviewObserver, previewRequest } from '../preview';
import {
  GATEWAY_API_GROUP,
  parseDirectObjects,
  renderGroup,
  type DirectObject,
  type RenderTarget,
} from '../render';
import { checkGroupSettings, parseCreateRequest } from '../validation';
import {
  normalizeWorkspaceRef,
  resolveGroupTargets,
  type GroupTarget,
  type WorkspaceDirectory,
  type WorkspaceRecord,
  type WorkspaceSettings,
} from '../workspaces';
import type { RequestFleet, RequestFleetCluster } from '../fleetPort';

/** A request checked against its workspace and the fleet, rendered and previewed. */
export interface PlannedRequest {
  request: CreateMeshRequest;
  workspace: WorkspaceRecord;
  targets: GroupTarget[];
  clusters: string[];
  objects: RenderedObject[];
  preview: RequestPreview;
}

/**
 * The namespaces a workspace owns in a cluster (claimed by it and by no other
 * workspace), for the WORKSPACE modes; the group's own targets when the
 * cluster's namespaces are unknown.
 */
function workspaceNamespaces(
  workspace: WorkspaceRecord,
  others: WorkspaceRecord[],
  cluster: RequestFleetCluster,
  targets: GroupTarget[],
): string[] {
  if (cluster.namespaces === undefined) {
    return targets
      .filter(t => t.cluster === cluster.name)
      .map(t => t.namespace);
  }
  const covers = (w: WorkspaceRecord, namespace: string) =>
    w.claims.some(claim => claimCovers(claim, cluster.name, namespace));
  return cluster.namespaces.filter(
    namespace =>
      covers(workspace, namespace) &&
      !others.some(other => covers(other, namespace)),
  );
}

function describeObject(object: KubeObject): string {
  return `${object.kind} ${
    object.metadata.namespace ? `${object.metadata.namespace}/` : ''
  }${object.metadata.name}`;
}

/**
 * Turns a request body into what would be applied: shape and field checks,
 * the workspace and its claims, the selected namespaces of the fleet, the
 * settings against the workspace and Istio's rules, rendering (BRIDGED) or
 * placement (DIRECT), validation of every object against Istio's CRD schemas
 * and the engine's rules, and the preview against live state. Any problem
 * refuses the request with field-level messages before anything is stored.
 */
export class RequestPlanner {
  private readonly fleet: RequestFleet;
  private readonly workspaces: WorkspaceDirectory;
  private readonly schemas?: IstioCrdSchemas;
  private readonly settings: (workspaceRef: string) => WorkspaceSettings;
  private readonly now: () => Date;
  private readonly observe?: PreviewObserver;

  constructor(options: {
    fleet: RequestFleet;
    workspaces: WorkspaceDirectory;
    /**
     * A workspace's settings (`meshplane.workspaces`), by its normalised ref;
     * without it, every workspace renders gateway groups to Istio's API.
     */
    settings?: (workspaceRef: string) => WorkspaceSettings;
    /** Istio's CRD schemas; without them, Istio's validation rules (the engine's) still check every object. */
    schemas?: IstioCrdSchemas;
    now?: () => Date;
    /** The observed traffic of the affected services (the metrics sources); without it, previews say nothing about it. */
    observe?: PreviewObserver;
  }) {
    this.fleet = options.fleet;
    this.observe = options.observe;
    this.workspaces = options.workspaces;
    this.schemas = options.schemas;
    this.settings = options.settings ?? (() => ({ gatewayApi: 'istio' }));
    this.now = options.now ?? (() => new Date());
  }

  /**
   * @param authorize - called with the workspace once it is known to exist
   *   (an unknown workspace is refused with a field-level message first);
   *   throws when the caller may not request for it.
   */
  async plan(
    body: unknown,
    authorize: (workspace: WorkspaceRecord) => Promise<void>,
  ): Promise<PlannedRequest> {
    const errors = new FieldErrorCollector();
    const parsed = parseCreateRequest(body, errors);
    errors.throwIfAny();
    const request = parsed!;
    const { group } = request;

    let workspaceRef = request.workspace;
    try {
      workspaceRef = normalizeWorkspaceRef(request.workspace);
    } catch (error) {
      errors.add(
        'workspace',
        `"${request.workspace}" is not an entity ref: ${
          (error as Error).message
        }`,
      );
      errors.throwIfAny();
    }
    const catalog = await this.workspaces.read();
    const workspace = catalog.workspaces.find(w => w.ref === workspaceRef);
    if (!workspace) {
      const invalid = catalog.invalid.find(w => w.ref === workspaceRef);
      errors.add(
        'workspace',
        invalid
          ? `${workspaceRef} has an invalid meshplane.io/claims annotation: ${invalid.message}`
          : `${workspaceRef} is not a workspace: no System of the catalog with that name has a meshplane.io/claims annotation`,
      );
      errors.throwIfAny();
    }
    await authorize(workspace!);
    const { gatewayApi } = this.settings(workspace!.ref);
    const others = catalog.workspaces.filter(w => w.ref !== workspaceRef);
    const fleetClusters = this.fleet.clusters();
    const targets = resolveGroupTargets({
      selectors: group.namespaces,
      workspace: workspace!,
      otherWorkspaces: others,
      fleet: fleetClusters,
      errors,
    });

    let direct: DirectObject[] = [];
    if (group.mode === 'DIRECT') {
      direct = parseDirectObjects({
        yaml: group.objects!,
        type: group.type,
        namespaces: [...new Set(targets.map(t => t.namespace))],
        errors,
      });
      for (const { object, field } of direct) {
        for (const problem of this.validate(object)) {
          errors.add(
            `${field}.${problem.path}`,
            `${describeObject(object)}: ${problem.message}`,
          );
        }
      }
    }

    const live = this.fleet.live();
    const snapshot = live.snapshot();
    const liveByCluster = new Map(
      snapshot.clusters.map(c => [c.name, c.objects]),
    );
    if (group.mode === 'BRIDGED') {
      checkGroupSettings(group.type, group.settings!, {
        workspace: workspace!,
        otherWorkspaces: others,
        targets,
        gatewayApi,
        liveObjects: cluster => liveByCluster.get(cluster),
        errors,
      });
    }
    errors.throwIfAny();

    const meshConfig = mergeMeshConfig(snapshot.meshConfig);
    const renderTargets: RenderTarget[] = targets.map(target => {
      const cluster = fleetClusters.find(c => c.name === target.cluster)!;
      return {
        workspace: workspace!.ref,
        groupType: group.type,
        groupName: group.name,
        cluster: target.cluster,
        namespace: target.namespace,
        workspaceNamespaces: workspaceNamespaces(
          workspace!,
          others,
          cluster,
          targets,
        ),
        trustDomain: meshConfig.trustDomain,
        rootNamespace: cluster.controlPlaneNamespace,
      };
    });
    const objects = renderGroup(group, renderTargets, direct, { gatewayApi });
    // The Gateway API's CRDs are optional in an Istio install: a cluster
    // without them cannot take the objects of a workspace in Gateway API mode.
    const unserved = new Map<string, Set<string>>();
    for (const { cluster, object } of objects) {
      const groupKind = `${object.apiVersion.split('/')[0]}/${object.kind}`;
      if (
        groupKind.startsWith(`${GATEWAY_API_GROUP}/`) &&
        fleetClusters
          .find(c => c.name === cluster)
          ?.absentKinds?.includes(groupKind)
      ) {
        const kinds = unserved.get(cluster) ?? new Set<string>();
        kinds.add(object.kind);
        unserved.set(cluster, kinds);
      }
    }
    for (const [cluster, kinds] of unserved) {
      errors.add(
        'group.namespaces',
        `cluster ${cluster} does not serve the Gateway API's ${[...kinds].join(
          ', ',
        )} (${GATEWAY_API_GROUP} CRDs not installed), which workspace ${
          workspace!.ref
        } renders gateway groups to (meshplane.workspaces): install the Gateway API CRDs there or leave ${cluster} out of the group`,
      );
    }
    if (group.mode === 'BRIDGED') {
      for (const { cluster, object } of objects) {
        for (const problem of this.validate(object)) {
          errors.add(
            'group.settings',
            `the settings render ${describeObject(
              object,
            )} in ${cluster}, which Istio refuses: ${problem.path}: ${
              problem.message
            }`,
          );
        }
      }
    }
    if (objects.length === 0) {
      errors.add(
        'group',
        'the group renders no object for the selected namespaces',
      );
    }
    errors.throwIfAny();

    const clusters = [...new Set(targets.map(t => t.cluster))].sort();
    const preview = await previewRequest({
      live,
      objects,
      targets,
      problems: fleetClusters.flatMap(c =>
        c.problem && clusters.includes(c.name) ? [c.problem] : [],
      ),
      now: this.now(),
      observe: this.observe,
    });
    return {
      request: { ...request, workspace: workspace!.ref },
      workspace: workspace!,
      targets,
      clusters,
      objects,
      preview,
    };
  }

  /** Recomputes the preview of stored objects against the current live state. */
  repreview(
    objects: RenderedObject[],
    targets: GroupTarget[],
  ): Promise<RequestPreview> {
    const clusters = new Set(targets.map(t => t.cluster));
    return previewRequest({
      live: this.fleet.live(),
      objects,
      targets,
      problems: this.fleet
        .clusters()
        .flatMap(c => (c.problem && clusters.has(c.name) ? [c.problem] : [])),
      now: this.now(),
      observe: this.observe,
    });
  }

  /** Errors (not warnings) of Istio's CRD schema and validation rules. */
  private validate(object: KubeObject) {
    return validateIstioObject(object, { schemas: this.schemas }).filter(
      p => p.severity === 'error',
    );
  }
}
