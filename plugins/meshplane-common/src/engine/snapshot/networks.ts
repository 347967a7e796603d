import { MeshNetworks } from '../model/types';

/**
 * meshNetworks lookups (istio/istio `pilot/pkg/serviceregistry/kube/controller/network.go`,
 * `reloadMeshNetworks` / `networkFromMeshNetworks`): a network whose `endpoints` name a cluster in
 * `fromRegistry` holds every endpoint of that cluster (the first such network wins); otherwise an
 * endpoint IP inside a network's `fromCidr` belongs to it.
 */

/** The network whose `fromRegistry` names the cluster. */
export function networkFromRegistry(
  meshNetworks: MeshNetworks | undefined,
  cluster: string,
): string | undefined {
  for (const [name, net] of Object.entries(meshNetworks?.networks ?? {})) {
    if ((net?.endpoints ?? []).some(e => e?.fromRegistry === cluster))
      return name;
  }
  return undefined;
}

/** An IPv4 or IPv6 address as a number and its bit width; undefined when it is not an IP. */
function parseIp(text: string): { value: bigint; bits: number } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some(p => p > 255)) return undefined;
    return {
      value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n),
      bits: 32,
    };
  }
  if (!text.includes(':')) return undefined;
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [
    ...h,
    ...Array(tail === undefined ? 0 : missing).fill('0'),
    ...t,
  ];
  if (all.some(g => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return {
    value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n),
    bits: 128,
  };
}

/** Whether `ip` lies inside `cidr` (`a.b.c.d/n` or an IPv6 prefix). */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, lenText] = cidr.split('/');
  const net = parseIp(base);
  const addr = parseIp(ip);
  if (!net || !addr || net.bits !== addr.bits) return false;
  const len = lenText === undefined ? net.bits : Number(lenText);
  if (!Number.isInteger(len) || len < 0 || len > net.bits) return false;
  const shift = BigInt(net.bits - len);
  return net.value >> shift === addr.value >> shift;
}

/** The network whose `fromCidr` contains one of the endpoint's addresses. */
export function networkFromCidr(
  meshNetworks: MeshNetworks | undefined,
  addresses: readonly string[],
): string | undefined {
  if (!addresses.length) return undefined;
  for (const [name, net] of Object.entries(meshNetworks?.networks ?? {})) {
    for (const e of net?.endpoints ?? []) {
      if (e?.fromCidr && addresses.some(a => cidrContains(e.fromCidr!, a)))
        return name;
    }
  }
  return undefined;
}
