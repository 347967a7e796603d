/*
 * The benchmark's fleet, served from its own process so that the simulator
 * and the backend do not share one event loop: generates a fleet preset,
 * labels one service for the Kubernetes plugin, serves it over HTTPS (and
 * its traffic's Istio metrics per cluster over HTTP) and
 * applies changes on request (over the IPC channel of `child_process.fork`).
 */
import {
  FLEET_PRESETS,
  FleetServer,
  fleetObjectCount,
  generateFleet,
  KubeObject,
  startFleet,
} from '@meshplane/fleet-sim';

/** Messages the benchmark sends. */
export type FleetCommand =
  | { type: 'start'; preset: keyof typeof FLEET_PRESETS }
  | { type: 'readiness'; id: number; ready: boolean }
  | { type: 'port'; id: number; add: boolean }
  | { type: 'stop' };

/** Messages the fleet process answers with. */
export type FleetReply =
  | {
      type: 'ready';
      objects: number;
      clusters: Array<{
        name: string;
        url: string;
        caData: string;
        token: string;
        network?: string;
        region?: string;
        /** The cluster's Istio metrics (generated fleets have traffic). */
        metricsUrl?: string;
      }>;
      target: {
        namespace: string;
        name: string;
        clusters: string[];
        pod: string;
      };
    }
  | { type: 'done'; id: number }
  | { type: 'error'; message: string };

const KUBERNETES_ID = 'backstage.io/kubernetes-id';
let server: FleetServer | undefined;
let target:
  | { namespace: string; name: string; clusters: string[]; pod: string }
  | undefined;

function send(reply: FleetReply) {
  process.send!(reply);
}

function labelled(object: KubeObject, id: string): KubeObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...object.metadata.labels, [KUBERNETES_ID]: id },
    },
  };
}

async function start(preset: keyof typeof FLEET_PRESETS) {
  const fleet = generateFleet(FLEET_PRESETS[preset]);
  const placements = new Map<string, string[]>();
  for (const c of fleet.clusters) {
    for (const o of c.objects) {
      if (o.kind !== 'Service' || !o.metadata.namespace?.startsWith('team-'))
        continue;
      const key = `${o.metadata.namespace}/${o.metadata.name}`;
      placements.set(key, [...(placements.get(key) ?? []), c.metadata.name]);
    }
  }
  const [key, clusters] = [...placements.entries()].sort(
    (a, b) => b[1].length - a[1].length,
  )[0];
  const [namespace, name] = key.split('/');
  // The Kubernetes plugin finds an entity's objects by this label: give it the target's objects.
  for (const c of fleet.clusters) {
    if (!clusters.includes(c.metadata.name)) continue;
    c.objects = c.objects.map(o =>
      o.metadata.namespace === namespace &&
      (o.metadata.name === name ||
        o.metadata.labels?.app === name ||
        o.metadata.name.startsWith(`${name}-`))
        ? labelled(o, name)
        : o,
    );
  }
  const objects = fleetObjectCount(fleet);
  server = await startFleet({ fleet, tls: true, historyLimit: 20000 });
  const first = server.cluster(clusters[0]);
  const pod = first
    .list({ apiVersion: 'v1', kind: 'Pod', namespace })
    .find(p => p.metadata.labels?.app === name)!;
  target = { namespace, name, clusters, pod: pod.metadata.name };
  send({
    type: 'ready',
    objects,
    clusters: server.clusters.map(c => ({
      name: c.name,
      url: c.url,
      caData: c.caData,
      token: c.token,
      network: c.metadata.network,
      region: c.metadata.region,
      ...(c.metricsUrl ? { metricsUrl: c.metricsUrl } : {}),
    })),
    target,
  });
}

function setReadiness(ready: boolean) {
  const cluster = server!.cluster(target!.clusters[0]);
  const pod = cluster.get({
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: target!.namespace,
    name: target!.pod,
  })!;
  cluster.apply({
    ...pod,
    status: {
      ...(pod.status as object),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  });
}

function setExtraPort(add: boolean) {
  const cluster = server!.cluster(target!.clusters[0]);
  const svc = cluster.get({
    apiVersion: 'v1',
    kind: 'Service',
    namespace: target!.namespace,
    name: target!.name,
  })!;
  const spec = svc.spec as { ports: Array<{ port: number }> };
  const ports = spec.ports.filter(p => p.port !== 9999);
  cluster.apply({
    ...svc,
    spec: {
      ...spec,
      ports: add ? [...ports, { name: 'http-extra', port: 9999 }] : ports,
    },
  });
}

process.on('message', async (command: FleetCommand) => {
  try {
    if (command.type === 'start') await start(command.preset);
    else if (command.type === 'readiness') {
      setReadiness(command.ready);
      send({ type: 'done', id: command.id });
    } else if (command.type === 'port') {
      setExtraPort(command.add);
      send({ type: 'done', id: command.id });
    } else if (command.type === 'stop') {
      await server?.stop();
      process.exit(0);
    }
  } catch (error) {
    send({ type: 'error', message: (error as Error).stack ?? String(error) });
  }
});
