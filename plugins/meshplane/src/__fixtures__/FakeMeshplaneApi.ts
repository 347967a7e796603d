import type {
  EntityTrafficQuery,
  MeshplaneApi,
} from '@meshplane/plugin-meshplane-react';
import type { ServiceListQuery } from '@meshplane/plugin-meshplane-common';
import {
  clusterList,
  fleetFindings,
  metricsSources,
  readiness,
  reviewsView,
  serviceList,
} from './entityMeshView';

/** An HTTP-like error as the client throws it (a `ResponseError` carries `statusCode`). */
export function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), {
    name: 'ResponseError',
    statusCode,
  });
}

/**
 * An in-memory MeshplaneApi for component tests: answers from the fixtures,
 * or fails every call with `failure`, or never answers when `pending`.
 */
export class FakeMeshplaneApi implements MeshplaneApi {
  readonly serviceQueries: ServiceListQuery[] = [];
  readonly clusterReads: string[] = [];
  /** The traffic query of every entity request, in order. */
  readonly entityQueries: EntityTrafficQuery[] = [];

  constructor(
    private readonly options: {
      failure?: Error;
      pending?: boolean;
      overrides?: Partial<{ [K in keyof MeshplaneApi]: MeshplaneApi[K] }>;
    } = {},
  ) {}

  private answer<T>(value: T): Promise<T> {
    if (this.options.pending) return new Promise<T>(() => {});
    if (this.options.failure) return Promise.reject(this.options.failure);
    return Promise.resolve(value);
  }

  getHealth: MeshplaneApi['getHealth'] = () =>
    this.answer({
      status: 'ok' as const,
      plugin: 'meshplane',
      version: '0.1.0',
      uptimeSeconds: 60,
      startedAt: '2026-01-10T11:59:00Z',
    });
  getClusters: MeshplaneApi['getClusters'] = () =>
    this.options.overrides?.getClusters?.() ?? this.answer(clusterList);
  getCluster: MeshplaneApi['getCluster'] = name => {
    this.clusterReads.push(name);
    const summary = clusterList.items.find(c => c.name === name);
    if (!summary || summary.status === 'unreachable') {
      return Promise.reject(httpError(503, `cluster ${name} is unreachable`));
    }
    return this.answer({
      ...summary,
      kinds: [],
      namespaces: [],
      connectedSince: '2026-01-10T11:00:00Z',
      mtls: {
        mesh: 'MTLS_PARTIALLY_ENABLED',
        namespaces: [
          { cluster: name, namespace: 'bookinfo', status: 'MTLS_ENABLED' },
          { cluster: name, namespace: 'payments', status: 'MTLS_DISABLED' },
        ],
      },
    });
  };
  getServices: MeshplaneApi['getServices'] = (query = {}) => {
    this.serviceQueries.push(query);
    const override = this.options.overrides?.getServices;
    if (override) return override(query);
    const q = query.q ?? '';
    return this.answer({
      ...serviceList,
      items: serviceList.items.filter(s =>
        `${s.namespace}/${s.name}`.includes(q),
      ),
      totalItems: serviceList.items.filter(s =>
        `${s.namespace}/${s.name}`.includes(q),
      ).length,
    });
  };
  getEntityMesh: MeshplaneApi['getEntityMesh'] = (entity, options = {}) => {
    const { window, callers } = options;
    this.entityQueries.push({ window, callers });
    return (
      this.options.overrides?.getEntityMesh?.(entity, options) ??
      this.answer(reviewsView)
    );
  };
  getMetricsSources: MeshplaneApi['getMetricsSources'] = () =>
    this.options.overrides?.getMetricsSources?.() ??
    this.answer(metricsSources);
  getFindings: MeshplaneApi['getFindings'] = () => this.answer(fleetFindings);
  getNamespaceReadiness: MeshplaneApi['getNamespaceReadiness'] = namespace =>
    this.options.overrides?.getNamespaceReadiness?.(namespace) ??
    this.answer(readiness(namespace));
}
