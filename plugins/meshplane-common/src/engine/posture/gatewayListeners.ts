import { K } from '../model/kinds';
import { selectorMatches } from '../model/labels';
import { ServerMode } from '../model/types';
import type { MeshIndex } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { servicePorts, targetPortOf } from './servicePorts';
import type { PeerAuthenticationResult } from './peerAuthentication';

/** What a gateway (router-mode proxy) accepts on its listeners, in the shape of a PeerAuthentication result. */
export interface GatewayPosture extends PeerAuthenticationResult {
  note: string;
}

/**
 * A gateway proxy's listeners come from the Istio Gateways that select it, not from
 * PeerAuthentication: istio/istio `pilot/pkg/networking/core/gateway.go` builds them from the
 * servers, and `pilot/pkg/security/authn` policies only shape sidecar inbound listeners. A server
 * with `tls.mode` ISTIO_MUTUAL or AUTO_PASSTHROUGH takes only Istio mTLS (STRICT); plaintext and
 * application TLS (SIMPLE, MUTUAL, PASSTHROUGH, OPTIONAL_MUTUAL) take no Istio mTLS (DISABLE);
 * both on one port, PERMISSIVE. A server's port is the gateway Service's port, mapped to the
 * workload's target port through the Services that select the gateway.
 */
export function gatewayPosture(index: MeshIndex, w: Workload): GatewayPosture {
  const config = index.configCluster(w.cluster);
  const services = [...index.list(w.cluster, K.Service, w.namespace)].filter(
    s => {
      const sel = s.obj.spec?.selector;
      return sel && Object.keys(sel).length && selectorMatches(sel, w.labels);
    },
  );
  const byPort = new Map<number, Set<ServerMode>>();
  const names: string[] = [];
  for (const gw of index.listAll(config, K.Gateway)) {
    if (!selectorMatches(gw.obj.spec?.selector ?? {}, w.labels)) continue;
    names.push(`${gw.namespace}/${gw.obj.metadata.name}`);
    for (const server of gw.obj.spec?.servers ?? []) {
      const number = Number(server?.port?.number);
      if (!Number.isInteger(number)) continue;
      const svcPort = services
        .flatMap(s => servicePorts(s))
        .find(p => p.port === number);
      const port = svcPort ? targetPortOf(svcPort, w) : number;
      const tls = server?.tls?.mode;
      const mode: ServerMode =
        tls === 'ISTIO_MUTUAL' || tls === 'AUTO_PASSTHROUGH'
          ? 'STRICT'
          : 'DISABLE';
      let modes = byPort.get(port);
      if (!modes) byPort.set(port, (modes = new Set()));
      modes.add(mode);
    }
  }
  const portModes = new Map<number, ServerMode>();
  for (const [port, modes] of byPort)
    portModes.set(port, modes.size > 1 ? 'PERMISSIVE' : [...modes][0]);
  const all = new Set(portModes.values());
  let mode: ServerMode = 'DISABLE';
  if (all.size === 1) mode = [...all][0];
  else if (all.size > 1) mode = 'PERMISSIVE';
  const note = names.length
    ? `gateway proxy: PeerAuthentication does not apply; its listeners come from Gateway ${names
        .sort()
        .join(', ')}`
    : 'gateway proxy: PeerAuthentication does not apply, and no Gateway selects it (no listeners)';
  return { mode, portModes, decidedBy: [], note };
}
