import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_MESHPLANE_CLAIMS,
  claimCovers,
  parseClaimsAnnotation,
  type Workspace,
} from '@meshplane/plugin-meshplane-common';
import {
  findClaimConflicts,
  formatClaim,
  type WorkspaceClaims,
} from './claimConflicts';
import type { FleetClusterNamespaces } from './groupTargets';

/** A workspace as the requests need it: its System, owner and parsed claims. */
export interface WorkspaceRecord extends WorkspaceClaims {
  title?: string;
  /** Owner entity ref of the System (`group:default/bookinfo-team`). */
  owner: string;
}

/** Every workspace, and the ones whose claims could not be read. */
export interface WorkspaceCatalog {
  workspaces: WorkspaceRecord[];
  invalid: Array<{ ref: string; message: string }>;
}

function toRecord(entity: Entity): WorkspaceRecord {
  const ref = stringifyEntityRef(entity);
  const owner = String(
    (entity.spec as { owner?: unknown } | undefined)?.owner ?? '',
  );
  return {
    ref,
    title: entity.metadata.title,
    owner: owner
      ? stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace,
          }),
        )
      : '',
    claims: parseClaimsAnnotation(
      entity.metadata.annotations?.[ANNOTATION_MESHPLANE_CLAIMS] ?? '',
    ),
  };
}

/**
 * Workspaces are catalog Systems with a `meshplane.io/claims` annotation,
 * owned by a Group (DESIGN §5). Claims are read with the plugin's own
 * credentials: exclusivity is checked against every workspace, including
 * those the requesting user cannot see.
 */
export class WorkspaceDirectory {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.logger = options.logger;
  }

  async read(): Promise<WorkspaceCatalog> {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'System' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const result: WorkspaceCatalog = { workspaces: [], invalid: [] };
    for (const entity of items) {
      if (!entity.metadata.annotations?.[ANNOTATION_MESHPLANE_CLAIMS]) continue;
      try {
        result.workspaces.push(toRecord(entity));
      } catch (error) {
        const ref = stringifyEntityRef(entity);
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(`Workspace ${ref} is ignored: ${message}`);
        result.invalid.push({ ref, message });
      }
    }
    return result;
  }
}

/** Normalises `bookinfo` or `system:bookinfo` to `system:default/bookinfo`. */
export function normalizeWorkspaceRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'system', defaultNamespace: 'default' }),
  );
}

/**
 * A workspace for the API: claims, the namespaces of the fleet they cover
 * (clusters whose namespaces are known), and claims shared with another workspace.
 */
export function describeWorkspace(
  workspace: WorkspaceRecord,
  all: WorkspaceRecord[],
  fleet: FleetClusterNamespaces[],
): Workspace {
  const conflicts = findClaimConflicts(all)
    .filter(conflict => conflict.workspace === workspace.ref)
    .map(({ claim, otherWorkspace, otherClaim }) => ({
      claim,
      otherWorkspace,
      otherClaim,
    }));
  const namespaces = fleet.flatMap(cluster =>
    (cluster.namespaces ?? [])
      .filter(namespace =>
        workspace.claims.some(claim =>
          claimCovers(claim, cluster.name, namespace),
        ),
      )
      .map(namespace => ({ cluster: cluster.name, namespace })),
  );
  return {
    ref: workspace.ref,
    title: workspace.title,
    owner: workspace.owner,
    claims: workspace.claims.map(formatClaim),
    namespaces,
    conflicts,
  };
}
