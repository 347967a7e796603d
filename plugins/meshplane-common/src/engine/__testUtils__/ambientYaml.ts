/** A control plane as tests of the ambient rules need it: the system namespace and istiod. */
export const ISTIOD_YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: istio-system}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istiod, namespace: istio-system}
spec: {template: {metadata: {labels: {app: istiod}}, spec: {containers: [{name: discovery}]}}}
`;

/** The ambient profile's ztunnel (a document to append after {@link ISTIOD_YAML}). */
export const ZTUNNEL_YAML = `
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ztunnel, namespace: istio-system}
spec: {template: {metadata: {labels: {app: ztunnel}}, spec: {containers: [{name: istio-proxy}]}}}
`;

/**
 * A waypoint: a Gateway of class `istio-waypoint` with its HBONE listener (no status, so Meshplane
 * predicts it deployed). Label a Service or namespace `istio.io/use-waypoint: <name>` to bind it.
 */
export const waypointYaml = (namespace: string, name = 'waypoint') => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${namespace}}
spec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}
`;
