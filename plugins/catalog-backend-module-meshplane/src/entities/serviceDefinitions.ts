import type {
  ServicePortSummary,
  ServiceSummary,
} from '@meshplane/plugin-meshplane-common';
import type { CatalogFinding } from './findings';

function describePorts(ports: ServicePortSummary[]): string {
  const described = ports
    .map(
      port =>
        `${port.name ? `${port.name} ` : ''}${port.port}/${
          port.protocol ?? 'TCP'
        }${port.appProtocol ? ` (${port.appProtocol})` : ''}`,
    )
    .sort();
  return described.length > 0 ? described.join(', ') : 'no ports';
}

function describeDifference(
  service: ServiceSummary,
  what: string,
  valueOf: (instance: ServiceSummary['clusters'][number]) => string,
): CatalogFinding | undefined {
  const clustersByValue = new Map<string, string[]>();
  for (const instance of service.clusters) {
    const value = valueOf(instance);
    clustersByValue.set(value, [
      ...(clustersByValue.get(value) ?? []),
      instance.cluster,
    ]);
  }
  if (clustersByValue.size < 2) {
    return undefined;
  }
  const variants = [...clustersByValue]
    .map(([value, clusters]) => `${clusters.join(', ')}: ${value}`)
    .join('; ');
  return {
    code: 'conflicting-definition',
    message: `Service ${service.namespace}/${service.name} has different ${what} across clusters (${variants}); Istio merges them into one service, so callers may reach a port or type that one cluster does not serve`,
  };
}

/**
 * Reports a logical service whose Kubernetes Services differ across clusters
 * in type or ports. Istio treats same-named Services in the same namespace as
 * one service (namespace sameness), so such differences are configuration
 * drift. Target ports are left out: they may differ legitimately.
 *
 * @public
 */
export function findDefinitionConflicts(
  service: ServiceSummary,
): CatalogFinding[] {
  return [
    describeDifference(
      service,
      'types',
      instance => instance.type ?? 'ClusterIP',
    ),
    describeDifference(service, 'ports', instance =>
      describePorts(instance.ports),
    ),
  ].filter((finding): finding is CatalogFinding => finding !== undefined);
}
