import { MeshConfig } from './types';

/**
 * Istio's default MeshConfig values the engine depends on
 * (istio/istio `pkg/config/mesh/mesh.go`, `DefaultMeshConfig`).
 * @public
 */
export function defaultMeshConfig(): MeshConfig {
  return {
    rootNamespace: 'istio-system',
    trustDomain: 'cluster.local',
    enableAutoMtls: true,
    ingressService: 'istio-ingressgateway',
    ingressControllerMode: 'STRICT',
    sidecarInjectorWebhook: { enableNamespacesByDefault: false },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Merges a (partial) MeshConfig over Istio's defaults, field by field for
 * nested objects, as `mesh.ApplyMeshConfig` does with YAML overlays.
 * @public
 */
export function mergeMeshConfig(
  overlay?: Partial<MeshConfig> | null,
  base: MeshConfig = defaultMeshConfig(),
): MeshConfig {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay ?? {})) {
    if (value === undefined || value === null) continue;
    const current = out[key];
    out[key] =
      isPlainObject(current) && isPlainObject(value)
        ? { ...current, ...value }
        : value;
  }
  return out as MeshConfig;
}
