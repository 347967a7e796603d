import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogFinding } from './findings';
import type { OwnershipOptions } from './options';

/**
 * The ownership labels of one namespace in one cluster.
 *
 * @public
 */
export interface NamespaceLabels {
  cluster: string;
  owner?: string;
  system?: string;
}

/**
 * Owner and system of a namespace's services.
 *
 * @public
 */
export interface ResolvedOwnership {
  owner: string;
  system?: string;
  findings: CatalogFinding[];
}

/**
 * Full entity ref for a label value or a configured ref
 * (`payments-team` → `group:default/payments-team`).
 *
 * @throws Error when the value is not an entity ref with a valid name and namespace.
 */
export function toEntityRef(value: string, defaultKind: string): string {
  const ref = parseEntityRef(value, {
    defaultKind,
    defaultNamespace: 'default',
  });
  for (const part of [ref.namespace, ref.name]) {
    if (!KubernetesValidatorFunctions.isValidObjectName(part)) {
      throw new Error(`"${part}" is not a valid entity name or namespace`);
    }
  }
  return stringifyEntityRef(ref);
}

/**
 * The value most clusters declare (ties: the alphabetically first), plus a
 * description of the disagreement when clusters declare different values.
 */
function electValue(
  labels: NamespaceLabels[],
  field: 'owner' | 'system',
): { value?: string; conflict?: string } {
  const votes = new Map<string, string[]>();
  for (const entry of labels) {
    const value = entry[field];
    if (value) {
      votes.set(value, [...(votes.get(value) ?? []), entry.cluster]);
    }
  }
  const ranked = [...votes.entries()].sort(
    ([a, aClusters], [b, bClusters]) =>
      bClusters.length - aClusters.length || a.localeCompare(b),
  );
  if (ranked.length === 0) {
    return {};
  }
  const value = ranked[0][0];
  if (ranked.length === 1) {
    return { value };
  }
  const conflict = ranked
    .map(([candidate, clusters]) => `"${candidate}" in ${clusters.join(', ')}`)
    .join('; ');
  return { value, conflict };
}

/**
 * One of owner or system: the namespace override, else the label value most
 * clusters declare (reported when clusters disagree), mapped through the
 * configured table.
 */
function resolveField(
  field: 'owner' | 'system',
  namespace: string,
  labels: NamespaceLabels[],
  override: string | undefined,
  table: Record<string, string>,
  findings: CatalogFinding[],
): string | undefined {
  const defaultKind = field === 'owner' ? 'group' : 'system';
  if (override) {
    return toEntityRef(override, defaultKind);
  }
  const elected = electValue(labels, field);
  if (elected.conflict) {
    findings.push({
      code: field === 'owner' ? 'conflicting-owner' : 'conflicting-system',
      message: `Namespace ${namespace} names different ${field}s across clusters (${elected.conflict}); "${elected.value}" is used`,
    });
  }
  return elected.value
    ? toEntityRef(table[elected.value] ?? elected.value, defaultKind)
    : undefined;
}

/**
 * Decides owner and system of the services of a namespace: the configured
 * namespace override first, then the namespace's `meshplane.io/owner` /
 * `meshplane.io/system` labels (mapped through the configured tables), then
 * the fallback owner. Labels that disagree across clusters are reported and
 * resolved by majority, ties alphabetically, so the result does not depend on
 * the order clusters answer in.
 *
 * @public
 */
export function resolveOwnership(
  namespace: string,
  labels: NamespaceLabels[],
  options: OwnershipOptions,
): ResolvedOwnership {
  const findings: CatalogFinding[] = [];
  const override = options.namespaces[namespace] ?? {};
  const labelled = resolveField(
    'owner',
    namespace,
    labels,
    override.owner,
    options.owners,
    findings,
  );
  const system = resolveField(
    'system',
    namespace,
    labels,
    override.system,
    options.systems,
    findings,
  );
  if (labelled) {
    return { owner: labelled, system, findings };
  }
  const owner = toEntityRef(options.fallbackOwner, 'group');
  findings.unshift({
    code: 'missing-owner',
    message: `Namespace ${namespace} has no meshplane.io/owner label in any cluster (${labels
      .map(entry => entry.cluster)
      .join(', ')}); the fallback owner ${owner} is used`,
  });
  return { owner, system, findings };
}
