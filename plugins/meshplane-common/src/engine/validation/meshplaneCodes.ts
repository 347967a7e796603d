import type { MessageLevel } from '../model/types';

/**
 * The documentation of one of Meshplane's own finding codes (`MPL…`): what
 * the portal serves at its code page and what the engine README lists.
 *
 * @public
 */
export interface MeshplaneCodeDoc {
  /** `MPL0001`. */
  code: string;
  /** The message name, as Istio names its messages (`EdgeWillFail`). */
  name: string;
  level: MessageLevel;
  /** The analyzer that reports it (the `analyzer` of its findings). */
  analyzer: string;
  /** One line: what the finding says. */
  title: string;
  /** When it is reported, and which object and field it names. */
  description: string;
  /** What Istio does in that case, and why that matters. */
  impact: string;
  /** How to fix it. */
  fix: string;
  /** A minimal configuration that produces it (YAML). */
  example?: string;
}

/**
 * Meshplane's own finding codes, the one table behind their code pages in the
 * portal, the CLI's output and the engine README (a test checks the README
 * against it). Their levels are in {@link MESSAGE_CODES}.
 *
 * @public
 */
export const MESHPLANE_CODE_DOCS: readonly MeshplaneCodeDoc[] = [
  {
    code: 'MPL0001',
    name: 'EdgeWillFail',
    level: 'Error',
    analyzer: 'meshplane.FailingDestinationRuleAnalyzer',
    title:
      "A DestinationRule's TLS settings make its clients' connections fail",
    description:
      "Reported on a DestinationRule whose TLS mode makes the connections of the clients that really use it fail: ISTIO_MUTUAL or MUTUAL towards endpoints without an Istio proxy (MESH_EXTERNAL ServiceEntry hosts included) or towards a port whose PeerAuthentication is DISABLE, or DISABLE towards STRICT ports. Which clients use the rule follows Istio: the lookup order (client namespace, service namespace, root namespace), exportTo, shadowing by a more specific rule and workload selectors. The finding's path is the field the TLS comes from (spec.trafficPolicy.tls, a portLevelSettings entry or a subset's trafficPolicy); its message names the service port, the subset and the endpoints concerned.",
    impact:
      'A client sidecar originates exactly the TLS its DestinationRule asks for, whatever the server accepts (auto mTLS only decides when the rule sets no TLS). A STRICT server rejects plaintext, and an endpoint without a proxy cannot terminate Istio mTLS: every request of those clients to those endpoints fails (connection reset, 503 UF/URX). The Mesh tab shows each failing caller edge with this rule as the reason.',
    fix: 'Let auto mTLS decide: remove the tls block (or the port or subset setting) from the DestinationRule. If the rule must stay, change the server side instead: a PeerAuthentication that accepts what the clients send (PERMISSIVE), or a sidecar for the endpoints.',
    example: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: payments }
spec: { mtls: { mode: STRICT } }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: payments-api, namespace: payments }
spec:
  host: payments-api.payments.svc.cluster.local
  trafficPolicy:
    tls: { mode: DISABLE }   # plaintext towards a STRICT server: MPL0001`,
  },
  {
    code: 'MPL0002',
    name: 'StrictBlockedByPlaintextCallers',
    level: 'Warning',
    analyzer: 'meshplane.StrictBlockedAnalyzer',
    title: 'Moving this workload to STRICT would make some of its callers fail',
    description:
      'Reported on a workload that is not STRICT (PERMISSIVE or DISABLE, by its PeerAuthentications) and has callers that send it plaintext: workloads without a sidecar whose manifests reference the service, or clients whose DestinationRule forces plaintext (tls mode DISABLE) to it. The message names those callers.',
    impact:
      'Today the workload accepts their plaintext. A PeerAuthentication in STRICT mode - for the workload, its namespace or the whole mesh - would make it reject them: their requests would fail from the moment the policy is applied. A security group request that sets STRICT previews these edges as breaking.',
    fix: "Before moving to STRICT, give those callers a sidecar (label their namespace for injection and restart them), or remove the tls: DISABLE of the DestinationRule that forces plaintext; then apply STRICT. The Mesh tab's mTLS posture lists the blocking callers.",
    example: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: ledger, namespace: payments }
spec:
  selector: { matchLabels: { app: ledger } }
  mtls: { mode: PERMISSIVE }
# ...and a Deployment without a sidecar that calls ledger.payments: MPL0002 on ledger`,
  },
  {
    code: 'MPL0003',
    name: 'DuplicateObject',
    level: 'Warning',
    analyzer: 'meshplane.DuplicateObjectAnalyzer',
    title: 'The same object was loaded twice',
    description:
      'Reported by meshplane analyze when two input files define the same cluster, kind, namespace and name. The message names both files.',
    impact:
      "Only one definition can exist in a cluster: the later file wins, as a second kubectl apply would, so the first file's content is not what is analysed - and probably not what will run.",
    fix: 'Keep one definition: remove or rename one of the two objects, or load the files as different clusters (--cluster NAME=path).',
  },
];

/** The documentation of a Meshplane code, or `undefined` for other codes. @public */
export function meshplaneCodeDoc(code: string): MeshplaneCodeDoc | undefined {
  return MESHPLANE_CODE_DOCS.find(doc => doc.code === code);
}
