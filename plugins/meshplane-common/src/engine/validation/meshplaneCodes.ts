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
  {
    code: 'MPL0100',
    name: 'AmbientWithoutZtunnel',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title:
      'A namespace is labelled for ambient, but its cluster runs no ztunnel',
    description:
      'Reported on a Namespace labelled istio.io/dataplane-mode=ambient in a cluster whose input holds control-plane workloads (istiod or other istio-system Deployments and DaemonSets) but no ztunnel (a workload labelled app: ztunnel in the system namespace). Path: metadata.labels.istio.io/dataplane-mode.',
    impact:
      "Capture needs a ztunnel on the node and the CNI's ambient mode (istio-semantics.md §g.1): without them the namespace's pods are not captured - no mTLS, no PeerAuthentication, no AuthorizationPolicy; the Mesh tab shows them out of the mesh.",
    fix: "Install the ambient profile's ztunnel and CNI in the cluster (istioctl install --set profile=ambient, or the ztunnel and istio-cni charts with ambient enabled), or remove the label and use sidecars.",
    example:
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: { istio.io/dataplane-mode: ambient }   # and no ztunnel DaemonSet in istio-system: MPL0100',
  },
  {
    code: 'MPL0101',
    name: 'UnknownDataplaneMode',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title: 'An istio.io/dataplane-mode value Istio does not know',
    description:
      "Reported on a Namespace, or a workload's pod template (or pod), whose istio.io/dataplane-mode label is neither ambient nor none. Path: the label.",
    impact:
      "The CNI's enablement selector matches only the value ambient (and none opts a pod out): any other value on a namespace enrols nothing, so its pods stay out of the mesh; on a pod it neither enrols nor opts out (istio-semantics.md §g.1).",
    fix: 'Use istio.io/dataplane-mode=ambient to enrol, none to opt a pod out, or remove the label.',
  },
  {
    code: 'MPL0102',
    name: 'WaypointNotBound',
    level: 'Error',
    analyzer: 'meshplane.AmbientAnalyzer',
    title: 'istio.io/use-waypoint binds no waypoint',
    description:
      "Reported on a Namespace, Service or ambient workload whose istio.io/use-waypoint label names a waypoint that cannot serve it: no such Gateway, a Gateway without status.addresses (WaypointIsNotReady), a waypoint for the other traffic type (UnsupportedTrafficType; a namespace label pointing at it is silently ignored by Istio and not reported), or a waypoint in another namespace whose HBONE listener does not allow routes from this one (AttachmentDenied). These are the reasons of istiod's istio.io/WaypointBound condition. Path: the label.",
    impact:
      "The object's own label wins and never falls back to the namespace's (pilot/pkg/serviceregistry/ambient/waypoints.go): its traffic goes through no waypoint, so the L7 policies, routes and telemetry attached to the waypoint do not apply, and ztunnel enforces only L4 policy.",
    fix: "Create the waypoint (istioctl waypoint apply -n <ns> --name <name>), fix the name or istio.io/use-waypoint-namespace, set istio.io/waypoint-for on the waypoint to service, workload or all, or allow the namespace in the waypoint's listener (allowedRoutes.namespaces.from: All or Selector).",
    example:
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  namespace: bookinfo\n  labels: { istio.io/use-waypoint: waypoint }   # no Gateway bookinfo/waypoint: MPL0102',
  },
  {
    code: 'MPL0103',
    name: 'L7PolicyNarrowedByZtunnel',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title:
      'ztunnel enforces only the L4 part of an AuthorizationPolicy with HTTP rules',
    description:
      'Reported on an AuthorizationPolicy with a selector (or none) that has rules with HTTP attributes (methods, paths, hosts, request principals, request.* conditions…) and selects ambient workloads. Path: spec.rules.',
    impact:
      'Selector policies are enforced by the destination ztunnel, which understands only L4 attributes (pilot/pkg/serviceregistry/ambient/authorization.go handleRule): an ALLOW rule with HTTP attributes is dropped - an ALLOW whose rules are all HTTP allows nothing, so every caller is denied - and a DENY rule loses its HTTP attributes, so it denies more, or nothing when a clause is left without L4 fields. The Mesh tab shows the edges it denies.',
    fix: "Attach the policy to the service's waypoint: targetRefs to the Service (or the waypoint Gateway) instead of selector, and bind a waypoint (istio.io/use-waypoint).",
    example:
      'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: get-only, namespace: shop }\nspec:\n  selector: { matchLabels: { app: api } }   # api is ambient: MPL0103, it now denies everything\n  rules: [ { to: [ { operation: { methods: [GET] } } ] } ]',
  },
  {
    code: 'MPL0104',
    name: 'PolicyNotEnforcedByZtunnel',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title: 'ztunnel does not enforce a CUSTOM or AUDIT AuthorizationPolicy',
    description:
      'Reported on an AuthorizationPolicy with action CUSTOM or AUDIT and a selector (or none) that selects ambient workloads. Path: spec.action.',
    impact:
      'ztunnel takes ALLOW and DENY only; istiod does not send it CUSTOM or AUDIT policies (status ZtunnelAccepted=False): the external authorizer is never called for these workloads, so the policy fails open.',
    fix: 'Attach the policy to a waypoint with targetRefs (the waypoint runs the ext-authz filter), and bind the service to it.',
  },
  {
    code: 'MPL0105',
    name: 'RequestAuthenticationWithoutWaypoint',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title:
      'A RequestAuthentication selects ambient workloads, where nothing applies it',
    description:
      'Reported on a RequestAuthentication with a selector (or none) that selects ambient workloads. Path: spec.selector (spec when namespace-wide).',
    impact:
      'Only Envoy proxies validate JWTs; ztunnel ignores RequestAuthentication, so tokens are not checked, and requestPrincipals rules of AuthorizationPolicies are HTTP attributes that ztunnel drops (istio-semantics.md §g.9).',
    fix: 'Attach it with targetRefs to the service (or its waypoint) and bind a waypoint.',
  },
  {
    code: 'MPL0106',
    name: 'VirtualServiceWithoutWaypoint',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title:
      'A mesh VirtualService routes to an ambient service, but no waypoint applies it',
    description:
      "Reported on a VirtualService that applies to mesh traffic (gateways empty or containing mesh) and has http, tcp or tls routes, when one of its hosts names a Service (exact host; short names resolved in the VirtualService's namespace) whose endpoints are ambient workloads and that has no bound waypoint (its own istio.io/use-waypoint label, else its namespace's; a label that binds nothing counts as none) - or whose waypoint does not read the VirtualService because it lives in neither the Service's namespace nor the waypoint's. Path: spec.hosts[i] of the first such host.",
    impact:
      "ztunnel does no L7 routing and reads no VirtualService: for ambient clients, only the waypoint bound to the destination Service applies routes, and only VirtualServices of gateway mesh whose hosts match the Service and that live in the Service's or the waypoint's namespace (pilot/pkg/networking/core/listener_waypoint.go getVirtualServiceForWaypoint; istio-semantics.md §g.9). Without one, retries, timeouts, traffic splits, fault injection, mirroring and header matches do not happen for ambient callers; sidecar clients still apply the VirtualService client-side, so the same service behaves differently per caller.",
    fix: "Deploy a waypoint (istioctl waypoint apply -n <ns> --enroll-namespace, or label the Service istio.io/use-waypoint=<waypoint>) and keep the VirtualService in the Service's namespace. VirtualService on waypoints is Alpha: prefer an HTTPRoute (or GRPCRoute/TCPRoute) with the Service as parentRef, the supported way to route ambient traffic.",
    example: `apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { istio.io/dataplane-mode: ambient } }   # no istio.io/use-waypoint
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: shop }
spec:
  hosts: [api]   # Service shop/api, ambient endpoints, no waypoint: MPL0106
  http:
    - retries: { attempts: 3 }
      route: [ { destination: { host: api } } ]`,
  },
  {
    code: 'MPL0107',
    name: 'TelemetryWithoutWaypoint',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title:
      'A Telemetry configures L7 telemetry for ambient workloads, which no proxy applies',
    description:
      "Reported on a Telemetry without targetRefs that configures L7 telemetry (any tracing, any accessLogging, or metrics with overrides) and applies to ambient workloads: with a selector, the ambient workloads of its namespace it selects; namespace-wide, the ambient workloads of its namespace that no waypoint serves (no Service selecting them binds one, and they bind no workload waypoint). The root namespace's mesh-wide default is not reported: every waypoint applies it. Path: spec.tracing, spec.accessLogging or spec.metrics.",
    impact:
      'Only Envoy proxies apply Telemetry: ztunnel reads none and reports its own L4 (TCP) metrics only (istio-semantics.md §g.9). Waypoints apply namespace-wide Telemetries and those with targetRefs, never selector ones (pilot/pkg/model/telemetry.go applicableTelemetries, pilot/pkg/model/policyattachment.go ShouldAttachPolicy). The selected workloads get no access logs, no traces and no HTTP metrics from it.',
    fix: "Bind a waypoint to the workloads' Services (istio.io/use-waypoint) and attach the Telemetry to it with targetRefs (kind Gateway for the waypoint, or kind Service); a namespace-wide Telemetry then applies through the waypoint.",
    example: `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: { name: api-logs, namespace: shop }   # shop is ambient, without waypoint
spec:
  selector: { matchLabels: { app: api } }   # MPL0107: api has no Envoy to log
  accessLogging: [ { providers: [ { name: envoy } ] } ]`,
  },
  {
    code: 'MPL0108',
    name: 'ProxyExtensionWithoutWaypoint',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title:
      'A WasmPlugin or EnvoyFilter without targetRefs selects ambient workloads: nothing applies it',
    description:
      'Reported on a WasmPlugin (spec.selector) or an EnvoyFilter (spec.workloadSelector) without targetRefs, selector-based or namespace-wide (mesh-wide in the root namespace), that applies to ambient workloads. EnvoyFilters whose every patch has match.context GATEWAY are not reported. Path: the selector (spec when namespace-wide).',
    impact:
      'ztunnel runs no Envoy filters, so the selected ambient workloads get none of it; and waypoints never take a WasmPlugin or EnvoyFilter through a selector or namespace-wide: only through targetRefs (pilot/pkg/model/policyattachment.go ShouldAttachPolicy, "waypoints never use selector"; istio-semantics.md §g.9). Whatever the filter does - header rewriting, auth, rate limiting, custom stats - does not happen for these workloads, whether or not they have a waypoint.',
    fix: "Bind a waypoint to the workloads' Services and attach the WasmPlugin or EnvoyFilter to it with targetRefs (kind Gateway, the waypoint; for WasmPlugin also kind Service); adapt EnvoyFilter patches to the waypoint's listeners.",
    example: `apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: { name: headers, namespace: shop }   # shop is ambient
spec:
  selector: { matchLabels: { app: api } }   # MPL0108: no Envoy runs the plugin
  url: oci://registry.example.com/headers:1.0`,
  },
  {
    code: 'MPL0109',
    name: 'DestinationRuleL7PolicyWithoutWaypoint',
    level: 'Warning',
    analyzer: 'meshplane.AmbientAnalyzer',
    title:
      "A DestinationRule's L7 traffic policy targets an ambient service without a waypoint",
    description:
      'Reported on a DestinationRule whose host (exact; a short name resolved in its namespace) names a Service with ambient endpoints and no bound waypoint, and that sets L7 traffic policy - outlier detection, connectionPool.http, or consistent hashing by header, cookie or query parameter - at top level, port level or in a subset. Path: the traffic policy that sets it.',
    impact:
      'ztunnel ignores DestinationRules (it reads only workloads, services and authorization from istiod); their L7 parts are applied by a waypoint only (istio-semantics.md §g.4, §g.9; https://istio.io/latest/docs/ambient/usage/l7-features/). Ambient clients get no outlier ejection, no HTTP request limits and no sticky sessions towards this service; sidecar clients still apply them.',
    fix: 'Bind a waypoint to the Service (istio.io/use-waypoint on the Service or its namespace); the waypoint applies the DestinationRule. Otherwise drop the L7 settings, which only sidecar clients honour.',
    example: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: api, namespace: shop }   # shop is ambient, without waypoint
spec:
  host: api
  trafficPolicy:
    outlierDetection: { consecutive5xxErrors: 5 }   # MPL0109: ztunnel ignores it`,
  },
  {
    code: 'MPL0200',
    name: 'ObservedPlaintextOnMtlsEdge',
    level: 'Warning',
    analyzer: 'meshplane.TrafficAnalyzer',
    title:
      'Plaintext traffic is observed on an edge the configuration makes mutual TLS',
    description:
      "Reported when observed traffic (meshplane analyze --traffic, or the portal's metrics source) from a caller to a service in a cluster has a plaintext share above 0 - connection_security_policy none at the destination's sidecar, or plain TCP at its ztunnel - while every edge the configuration gives that caller to that service there (every port and subset that is not excluded) is mtls. Named object: the DestinationRule that sets the client's TLS, else the client workload, else the Service. The message gives the share, the window and the reporter, and the edge's configured reason.",
    impact:
      "What runs is not what the configuration says: the caller's traffic crosses the network unencrypted and without an identity, so AuthorizationPolicies that name principals do not see it. Usually the client's pods run without a sidecar (the namespace or pod was labelled for injection after they started, or injection failed), or its outbound port is excluded from capture (traffic.sidecar.istio.io/excludeOutboundPorts, excludeOutboundIPRanges). The server accepts it because it is PERMISSIVE.",
    fix: "Restart the client's pods so that they get the sidecar the configuration promises (kubectl rollout restart), check that they have an istio-proxy container and no outbound exclusion for this port; then move the server to STRICT so that plaintext can no longer reach it.",
  },
  {
    code: 'MPL0201',
    name: 'ObservedMtlsOnPlaintextEdge',
    level: 'Warning',
    analyzer: 'meshplane.TrafficAnalyzer',
    title:
      'Mutual TLS is observed on an edge the configuration makes plaintext',
    description:
      "Reported when observed traffic from a caller to a service in a cluster has a mutual-TLS share above 0 (connection_security_policy mutual_tls) while every edge the configuration gives that caller to that service there is plaintext. Named object: the DestinationRule or PeerAuthentication the edge's reason names, else the client workload, else the Service.",
    impact:
      "The configuration Meshplane reads is not what runs: a workload it believes has no sidecar has one, or a DestinationRule or PeerAuthentication it reads is not applied. Meshplane's predictions for this edge - STRICT readiness, request previews - rest on the wrong picture.",
    fix: "Compare the live cluster with the configuration Meshplane reads: the client's and the server's pods (sidecar injected? restarted since the injection label changed?), and the DestinationRule or PeerAuthentication the finding names. Update the manifests (or the injection labels) so that they say what runs.",
  },
  {
    code: 'MPL0202',
    name: 'ObservedCallerRejected',
    level: 'Error',
    analyzer: 'meshplane.TrafficAnalyzer',
    title: 'Observed callers are rejected by the current configuration',
    description:
      "Reported when traffic (requests, bytes or connections) is observed from a caller to a service in a cluster while every edge the configuration gives that caller there is fail (a STRICT PeerAuthentication rejects its plaintext, a DestinationRule's TLS cannot work) or denied (an AuthorizationPolicy rejects it). Out-of-mesh callers (Istio's source_workload unknown) count: the configuration gives them the edges of a caller without a proxy. Named object: the AuthorizationPolicy that denies, else the PeerAuthentication or DestinationRule the edge's reason names, else the Service.",
    impact:
      'Either the configuration is not yet live (a change is about to break this traffic) or the traffic is failing now: the sidecar or ztunnel resets the connections (503 UF/URX, connection reset) or answers 403 (RBAC: access denied). Callers that really call the service are cut off.',
    fix: "Give the caller what the policy asks: a sidecar or ambient enrolment for an out-of-mesh caller of a STRICT service, or its principal in the ALLOW AuthorizationPolicy. If the caller should not call, stop it at its source. Until then keep the port PERMISSIVE (portLevelMtls) or the policy's rule for this caller; a request's preview lists this traffic under 'observed traffic affected'.",
    example: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: payments }
spec: { mtls: { mode: STRICT } }
# ...and traffic observed from source_workload="unknown" to payments-api: MPL0202`,
  },
  {
    code: 'MPL0203',
    name: 'ConfiguredAccessUnused',
    level: 'Info',
    analyzer: 'meshplane.TrafficAnalyzer',
    title: 'Access the configuration grants by name was not used in the window',
    description:
      "Reported on an entry that names callers or a destination, when the observed traffic shows none of it in the window: an exact principals, serviceAccounts or namespaces entry of an ALLOW AuthorizationPolicy (not in the root namespace, not dry-run) whose workloads were not observed calling any Service the policy guards (the Services selecting its workloads, or its targetRefs Services); an exact host of a Sidecar's egress (not in the root namespace) that none of the Sidecar's workloads was observed calling. Wildcards name no one and are passed over. Judged only where the observations cover the place: some traffic into the policy's namespace, some traffic out of the Sidecar's. Path: the entry (spec.rules[i].from[j].source.principals[k], spec.egress[i].hosts[j]).",
    impact:
      'Nothing breaks. Access that nobody uses widens what a compromised or misconfigured caller may do, and keeps config alive that may be stale (a caller renamed or retired). A quiet window (a nightly job, a failover path) can explain it: look at a longer window (1h, 24h) before removing anything.',
    fix: 'If the caller no longer needs the access, remove the entry (the principal from the ALLOW rule, the host from the Sidecar egress). Otherwise confirm over a longer window and keep it.',
  },
  {
    code: 'MPL0204',
    name: 'ObservedPlaintextBlocksStrict',
    level: 'Warning',
    analyzer: 'meshplane.TrafficAnalyzer',
    title: 'Observed plaintext callers that a move to STRICT would cut off',
    description:
      "Reported when observed traffic from a caller to a service in a cluster has a plaintext share above 0 (at the destination's sidecar, ztunnel or waypoint) while every edge the configuration gives that caller there is plaintext because the server accepts plaintext (PERMISSIVE, or no PeerAuthentication: Istio's default is PERMISSIVE). Out-of-mesh callers (source_workload unknown) count. Named object: the PeerAuthentication the edge's reason names, else the client workload, else the Service. The message gives the rate, the window and the reporter.",
    impact:
      "Nothing fails today. These are the callers the posture's STRICT blockers name, seen actually calling: a PeerAuthentication (or a security group) that makes the server STRICT rejects their connections (503 UF/URX at the caller, connection reset), as a request's preview shows under 'observed traffic affected'.",
    fix: 'Give the caller a sidecar or enrol it in ambient (then its traffic becomes mutual TLS), or move it behind a gateway, before making the server STRICT; keep the port PERMISSIVE (portLevelMtls) for this caller until then.',
  },
  {
    code: 'MPL0500',
    name: 'RouteNotAttached',
    level: 'Error',
    analyzer: 'meshplane.GatewayApiAnalyzer',
    title: 'A Gateway API route attaches to no parent',
    description:
      "Reported on an HTTPRoute, GRPCRoute, TCPRoute or TLSRoute none of whose parentRefs Istio accepts: the Gateway does not exist or has no listener that takes the route (port, sectionName, hostnames, allowedRoutes namespaces and kinds, checked in Istio's order), or the parent Service or ServiceEntry does not exist; or the route has no parentRefs. Not reported when a parentRef names a kind or a GatewayClass Istio does not handle (another controller may attach it). The message gives each parentRef's reason as Istio would write it (NoMatchingParent, NotAllowedByListeners, NoMatchingListenerHostname). Path: spec.parentRefs[i] of the first parent.",
    impact:
      'No proxy applies the route: the hostnames it was meant to serve get 404 at the gateway (or, for a mesh route, the service is reached without its rules). istiod writes Accepted=False on the route, which nobody reads unless they look (istioctl reports it as IST0171 only from the status).',
    fix: "Fix the parentRef (name, namespace, sectionName, port) or the Gateway's listener: a hostname that overlaps the route's, allowedRoutes.namespaces that admits the route's namespace (from: All or a Selector), a protocol that takes the route kind (HTTP/HTTPS: HTTPRoute, GRPCRoute; TLS: TLSRoute; TCP: TCPRoute).",
    example: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop, namespace: shop }
spec:
  parentRefs: [ { name: ingress, namespace: istio-ingress } ]   # its listeners allow the Same namespace only: MPL0500
  rules: [ { backendRefs: [ { name: shop, port: 8080 } ] } ]`,
  },
  {
    code: 'MPL0501',
    name: 'RouteBackendNotFound',
    level: 'Error',
    analyzer: 'meshplane.GatewayApiAnalyzer',
    title: "A route's backend does not exist, is invalid or lacks the port",
    description:
      "Reported on a route's backendRef that Istio cannot resolve (buildDestination): a Service (or a Hostname, a ServiceEntry host) that does not exist (BackendNotFound), a Service named by its hostname instead of its name or without a port (InvalidDestination), an unsupported kind (InvalidKind); and, beyond Istio's own checks, a Service that exists but has no such port. Path: spec.rules[i].backendRefs[j] (.port for the missing port).",
    impact:
      'Istio keeps the route Accepted but marks it ResolvedRefs=False: requests the rule sends to that backend get HTTP 500 (its share of a weighted split too). A port the Service does not expose reaches no endpoint (503).',
    fix: "Name an existing Service by its name (not its hostname), in the route's namespace or with namespace set, with one of its ports; for external hosts use kind Hostname of group networking.istio.io with a ServiceEntry.",
  },
  {
    code: 'MPL0502',
    name: 'ReferenceNotPermitted',
    level: 'Error',
    analyzer: 'meshplane.GatewayApiAnalyzer',
    title: 'A cross-namespace reference has no ReferenceGrant',
    description:
      "Reported on a backendRef of a route attached to a Gateway that names a Service in another namespace, when no ReferenceGrant in that namespace lets routes of this kind from the route's namespace refer to it; and on a Gateway listener's tls.certificateRefs entry naming a Secret in another namespace without a ReferenceGrant from Gateways of the Gateway's namespace. Mesh routes (Service parents) are not checked, as Istio does not check them (enforceRefGrant is false for mesh). Path: the backendRef or the certificateRef.",
    impact:
      'Istio refuses the reference (RefNotPermitted): requests routed to the backend get HTTP 500; a listener whose certificate is refused is not served (ResolvedRefs=False, Programmed=False).',
    fix: 'Create a ReferenceGrant in the target namespace: from {group: gateway.networking.k8s.io, kind: HTTPRoute (or the route kind, or Gateway for certificates), namespace: <source namespace>}, to {group: "", kind: Service (or Secret), name: <name>}. The self-service gateway group adds it when a backend is in another namespace.',
    example: `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: from-frontend, namespace: backend }
spec:
  from: [ { group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: frontend } ]
  to: [ { group: '', kind: Service, name: api } ]`,
  },
  {
    code: 'MPL0503',
    name: 'ConflictingRoutes',
    level: 'Warning',
    analyzer: 'meshplane.GatewayApiConflictAnalyzer',
    title:
      'Two routes on the same parent have the same match for the same hostname',
    description:
      "Reported on an HTTPRoute or GRPCRoute rule match when another route attached to the same Gateway listener (or the same parent Service) has an identical match (path type and value, method, headers, query parameters; an empty match is PathPrefix /) for an overlapping hostname and takes precedence by the Gateway API's rule: the oldest route by creationTimestamp, then the first by namespace/name. Path: spec.rules[i].matches[j] of the route that loses.",
    impact:
      "Requests that the match selects always go to the other route's backends; this rule is dead. Which route wins changes when the older one is recreated, so traffic can move between teams' backends unexpectedly.",
    fix: 'Give each route distinct hostnames or paths, or merge the rules into one route; a gateway shared by teams should give each team its own hostname (listener hostname, allowedRoutes).',
  },
  {
    code: 'MPL0504',
    name: 'RouteAndVirtualServiceForHost',
    level: 'Warning',
    analyzer: 'meshplane.GatewayApiAnalyzer',
    title: 'A mesh route and a VirtualService both route the same service',
    description:
      "Reported on a Gateway API route with a Service parent (a mesh, GAMMA route) when a VirtualService that applies to mesh traffic (gateways empty or containing mesh) has that Service's host among its hosts (short names resolved in its namespace). The message says which one Istio applies for which clients. Path: spec.parentRefs[i] of the Service parent.",
    impact:
      "istiod converts the route into a VirtualService for the same host and never merges the two: each client proxy takes the first one for the host (pilot/pkg/model/virtualservice.go SelectVirtualServices): Gateway API routes of the client's own namespace first (the consumer override), then all VirtualServices by creation time. So clients in the route's namespace get the route, the others get whichever is older - splits, retries and header routes of the other object silently do not apply to them.",
    fix: 'Route each service with one API: move the VirtualService rules into the HTTPRoute (HTTPRoute is the recommended API, and the only supported one on ambient waypoints) and delete the VirtualService, or the other way round.',
  },
  {
    code: 'MPL0505',
    name: 'RouteParentNotAccepted',
    level: 'Warning',
    analyzer: 'meshplane.GatewayApiAnalyzer',
    title: 'A route attaches to some of its parents, not to this one',
    description:
      'Reported on a parentRef of a route that Istio does not accept (reason as for MPL0500), when the route attaches to at least one of its other parents. Path: spec.parentRefs[i].',
    impact:
      'Traffic through that parent does not get the route: for a Gateway, its hostnames answer 404 there; for a mesh parent, the service is reached without the rules.',
    fix: "Fix the parentRef (sectionName, port, namespace) or the parent's listener, or remove the parentRef if the route is not meant to attach there.",
  },
  {
    code: 'MPL0506',
    name: 'MeshRouteWithoutWaypoint',
    level: 'Warning',
    analyzer: 'meshplane.GatewayApiAnalyzer',
    title: 'A mesh route targets an ambient service without a waypoint',
    description:
      'Reported on a Gateway API route with a Service parent (a mesh, GAMMA route) when that Service selects ambient workloads and binds no waypoint (istio.io/use-waypoint on the Service, else its namespace; a label that binds nothing counts as none). Path: spec.parentRefs[i].',
    impact:
      "ztunnel does no L7 routing; in ambient only the waypoint bound to the Service applies mesh routes (istio-semantics.md §g.9; istiod writes it into the route's ResolvedWaypoints message). Ambient clients get none of the route's splits, matches, retries or filters; sidecar clients still apply it, so the service behaves differently per caller.",
    fix: 'Bind a waypoint to the Service (istioctl waypoint apply -n <ns> --enroll-namespace, or label the Service istio.io/use-waypoint=<waypoint>).',
    example: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: api-split, namespace: shop }   # shop is ambient, no waypoint: MPL0506
spec:
  parentRefs: [ { group: '', kind: Service, name: api } ]
  rules: [ { backendRefs: [ { name: api-v1, port: 80, weight: 90 }, { name: api-v2, port: 80, weight: 10 } ] } ]`,
  },
];

/** The documentation of a Meshplane code, or `undefined` for other codes. @public */
export function meshplaneCodeDoc(code: string): MeshplaneCodeDoc | undefined {
  return MESHPLANE_CODE_DOCS.find(doc => doc.code === code);
}
