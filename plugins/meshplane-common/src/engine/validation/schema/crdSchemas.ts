import { KubeObject } from '../../model/types';
import { FieldError } from './istioRules';

/**
 * Istio CRD schemas from `@kubernetes-models/istio` (generated from Istio's own CRDs). The package
 * is ESM-only, so it is loaded once with dynamic `import()` (works in Node and in bundlers);
 * {@link loadIstioCrdSchemas} resolves to a synchronous validator.
 */

/** Validates objects against Istio's CRD OpenAPI schemas. @public */
export interface IstioCrdSchemas {
  /** Field errors of the object, or `undefined` when no schema is known for its apiVersion/kind. */
  validate(obj: KubeObject): FieldError[] | undefined;
}

type ModelClass = new (data: unknown) => { validate(): void };

const KINDS: Record<string, string[]> = {
  'networking.istio.io/v1': [
    'VirtualService',
    'DestinationRule',
    'Gateway',
    'ServiceEntry',
    'Sidecar',
    'WorkloadEntry',
    'WorkloadGroup',
  ],
  'networking.istio.io/v1beta1': [
    'VirtualService',
    'DestinationRule',
    'Gateway',
    'ServiceEntry',
    'Sidecar',
    'WorkloadEntry',
    'WorkloadGroup',
    'ProxyConfig',
  ],
  'networking.istio.io/v1alpha3': [
    'VirtualService',
    'DestinationRule',
    'Gateway',
    'ServiceEntry',
    'Sidecar',
    'WorkloadEntry',
    'WorkloadGroup',
    'EnvoyFilter',
  ],
  'security.istio.io/v1': [
    'PeerAuthentication',
    'AuthorizationPolicy',
    'RequestAuthentication',
  ],
  'security.istio.io/v1beta1': [
    'PeerAuthentication',
    'AuthorizationPolicy',
    'RequestAuthentication',
  ],
};

/** `/spec/http/0/route` → `spec.http[0].route`. */
export function instancePathToField(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map(seg => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => {
      if (/^\d+$/.test(seg)) return `${acc}[${seg}]`;
      return acc ? `${acc}.${seg}` : seg;
    }, '');
}

async function loadGroupVersion(
  apiVersion: string,
): Promise<Record<string, ModelClass>> {
  switch (apiVersion) {
    case 'networking.istio.io/v1':
      return (await import(
        '@kubernetes-models/istio/networking.istio.io/v1'
      )) as any;
    case 'networking.istio.io/v1beta1':
      return (await import(
        '@kubernetes-models/istio/networking.istio.io/v1beta1'
      )) as any;
    case 'networking.istio.io/v1alpha3':
      return (await import(
        '@kubernetes-models/istio/networking.istio.io/v1alpha3'
      )) as any;
    case 'security.istio.io/v1':
      return (await import(
        '@kubernetes-models/istio/security.istio.io/v1'
      )) as any;
    case 'security.istio.io/v1beta1':
      return (await import(
        '@kubernetes-models/istio/security.istio.io/v1beta1'
      )) as any;
    default:
      return {};
  }
}

/** Loads the Istio CRD schemas (networking and security groups). @public */
export async function loadIstioCrdSchemas(): Promise<IstioCrdSchemas> {
  const models = new Map<string, ModelClass>();
  for (const [apiVersion, kinds] of Object.entries(KINDS)) {
    const mod = await loadGroupVersion(apiVersion);
    for (const kind of kinds)
      if (typeof mod[kind] === 'function')
        models.set(`${apiVersion}/${kind}`, mod[kind]);
  }
  return {
    validate(obj) {
      const Model = models.get(`${obj.apiVersion}/${obj.kind}`);
      if (!Model) return undefined;
      try {
        new Model(obj).validate();
        return [];
      } catch (e) {
        const errors: any[] = Array.isArray((e as any)?.errors)
          ? (e as any).errors
          : [];
        if (!errors.length)
          return [
            {
              path: '',
              severity: 'error',
              message: String((e as Error)?.message ?? e),
            },
          ];
        return errors.map(err => {
          const base = instancePathToField(String(err.instancePath ?? ''));
          // Name the field itself for unknown and missing fields (`spec.subsets[0].name`, not `spec.subsets[0]`).
          let extra = '';
          if (
            err.keyword === 'additionalProperties' &&
            err.params?.additionalProperty
          )
            extra = `.${err.params.additionalProperty}`;
          else if (err.keyword === 'required' && err.params?.missingProperty)
            extra = `.${err.params.missingProperty}`;
          const path = `${base}${extra}`;
          const msg =
            err.keyword === 'additionalProperties'
              ? `unknown field "${err.params?.additionalProperty}"`
              : String(err.message ?? 'invalid');
          return { path, severity: 'error' as const, message: msg };
        });
      }
    },
  };
}
