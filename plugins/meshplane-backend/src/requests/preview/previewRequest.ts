import {
  type ClusterProblem,
  type KubeObject,
  observedTrafficAffected,
  postureImpact,
  type PreviewTraffic,
  type RenderedObject,
  type RequestPreview,
  type TrafficObservations,
} from '@meshplane/plugin-meshplane-common';
import type { LiveMesh } from '../fleetPort';
import { objectKey, serviceHost } from '../render';
import { diffObject } from './objectDiff';

type ServiceName = { namespace: string; name: string };

/**
 * The observed traffic into some services (in any of the clusters) over the preview's window,
 * as the backend's metrics sources answer it (`observeServices`).
 */
export type PreviewObserver = (
  services: ServiceName[],
  clusters: string[],
) => Promise<{
  summary: PreviewTraffic;
  observations: TrafficObservations;
}>;

/**
 * Host names a rendered object routes or sets client policy for: a
 * DestinationRule's host, a VirtualService's hosts and route destinations,
 * a Gateway API route's Service backends.
 * Short names resolve in the object's namespace, names with a dot are taken
 * as they are (istio/istio `pkg/config/host/name.go` `ResolveShortnameToFQDN`).
 */
function referencedHosts(object: KubeObject): string[] {
  const spec = (object.spec ?? {}) as Record<string, any>;
  const hosts: unknown[] = [];
  if (object.kind === 'DestinationRule') hosts.push(spec.host);
  if (object.kind === 'VirtualService') {
    hosts.push(...(Array.isArray(spec.hosts) ? spec.hosts : []));
    for (const protocol of ['http', 'tcp', 'tls']) {
      for (const route of Array.isArray(spec[protocol]) ? spec[protocol] : []) {
        for (const destination of Array.isArray(route?.route)
          ? route.route
          : [])
          hosts.push(destination?.destination?.host);
        hosts.push(route?.mirror?.host);
      }
    }
  }
  const namespace = object.metadata.namespace ?? '';
  if (object.kind === 'HTTPRoute' || object.kind === 'GRPCRoute') {
    // Service backends by name, in the route's namespace unless one is given.
    for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
      for (const ref of Array.isArray(rule?.backendRefs)
        ? rule.backendRefs
        : []) {
        if ((ref?.kind ?? 'Service') !== 'Service' || (ref?.group ?? '') !== '')
          continue;
        if (typeof ref?.name === 'string' && ref.name !== '')
          hosts.push(serviceHost(ref.name, ref.namespace ?? namespace));
      }
    }
  }
  return hosts
    .filter((host): host is string => typeof host === 'string' && host !== '')
    .map(host =>
      host.includes('.') || host === '*' ? host : serviceHost(host, namespace),
    );
}

/**
 * The services whose edges a request can change: those of the target
 * namespaces (server policy) and those its objects name (client policy,
 * routing). A bare `*` host names no service here: it would make every
 * service of the fleet part of the preview.
 */
function affectedServices(
  objects: RenderedObject[],
  targets: Array<{ cluster: string; namespace: string }>,
  services: ServiceName[],
): ServiceName[] {
  const namespaces = new Set(targets.map(t => t.namespace));
  const hosts = objects
    .flatMap(({ object }) => referencedHosts(object))
    .filter(host => host !== '*');
  const matches = (service: ServiceName) => {
    const fqdn = serviceHost(service.name, service.namespace);
    return hosts.some(host =>
      host.startsWith('*.') ? fqdn.endsWith(host.slice(1)) : fqdn === host,
    );
  };
  return services.filter(
    service => namespaces.has(service.namespace) || matches(service),
  );
}

/**
 * Previews a request against the live fleet: per target cluster, each
 * rendered object compared with the live one, and the impact on posture.
 * The live state is read from the backend's analyzer as it is (its results
 * are kept current incrementally); the state after the request from a fork
 * of it with the rendered objects applied. Only the edges of the affected
 * services are computed, in both states.
 */
export async function previewRequest(options: {
  live: LiveMesh;
  objects: RenderedObject[];
  targets: Array<{ cluster: string; namespace: string }>;
  problems: ClusterProblem[];
  now: Date;
  /** Without it (no metrics source), the preview says nothing about observed traffic. */
  observe?: PreviewObserver;
}): Promise<RequestPreview> {
  const { live, objects, targets } = options;
  const clusters = [...new Set(targets.map(t => t.cluster))].sort();
  const snapshot = live.snapshot();
  const services = new Map<string, ServiceName>();
  const liveObjects = new Map<string, KubeObject>();
  const wanted = new Set(
    objects.map(({ cluster, object }) => `${cluster}|${objectKey(object)}`),
  );
  for (const cluster of snapshot.clusters) {
    for (const object of cluster.objects) {
      if (object.kind === 'Service' && object.apiVersion === 'v1') {
        const namespace = object.metadata.namespace ?? '';
        services.set(`${namespace}/${object.metadata.name}`, {
          namespace,
          name: object.metadata.name,
        });
      }
      const key = `${cluster.name}|${objectKey(object)}`;
      if (wanted.has(key)) liveObjects.set(key, object);
    }
  }
  const affected = affectedServices(objects, targets, [...services.values()]);

  const after = live.fork();
  for (const { cluster, object } of objects) after.upsert(cluster, object);
  const impacts = postureImpact(live, after, { targets, services: affected });
  // Observed traffic affected: the edges with traffic in the window that the request makes
  // fail or denied (every observed caller, out-of-mesh ones included).
  const traffic = options.observe
    ? await options.observe(
        affected,
        snapshot.clusters.map(c => c.name),
      )
    : undefined;
  const observedAffected =
    traffic?.summary.joined && affected.length > 0
      ? observedTrafficAffected(
          live.trafficEdges(traffic.observations).edges,
          after.trafficEdges(traffic.observations).edges,
          traffic.observations,
        )
      : undefined;

  const previews = clusters.map(cluster => ({
    cluster,
    objects: objects
      .filter(rendered => rendered.cluster === cluster)
      .map(({ object }) =>
        diffObject(object, liveObjects.get(`${cluster}|${objectKey(object)}`)),
      ),
    impact: observedAffected
      ? {
          ...impacts.get(cluster)!,
          observedAffected: observedAffected.filter(
            change => change.after.to.cluster === cluster,
          ),
        }
      : impacts.get(cluster)!,
    problem: options.problems.find(problem => problem.cluster === cluster),
  }));
  return {
    computedAt: options.now.toISOString(),
    clusters: previews,
    breaking: previews.some(
      p =>
        p.impact.startFailing.length > 0 ||
        p.impact.startDenied.length > 0 ||
        p.impact.stopMtls.length > 0 ||
        (p.impact.observedAffected?.length ?? 0) > 0,
    ),
    ...(traffic ? { traffic: traffic.summary } : {}),
  };
}
