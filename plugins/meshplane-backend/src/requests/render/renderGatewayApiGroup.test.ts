import { fleetSnapshot, loadFleet } from '@meshplane/fleet-sim';
import {
  MeshAnalyzer,
  type GatewayGroupSettings,
  type KubeObject,
  type Message,
} from '@meshplane/plugin-meshplane-common';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawnSync } from 'node:child_process';
import { bookinfoTarget } from './__fixtures__/targets';
import { renderGatewayApiGroup } from './renderGatewayApiGroup';
import { renderGroup } from './renderGroup';
import type { RenderTarget } from './groupObjectMeta';

/**
 * Common's `validateIstioObject` with Istio's CRD schemas, as the planner runs
 * it, in a Node process: `@kubernetes-models/istio` is ESM-only, which Jest's
 * CommonJS resolver cannot load (as in common's schemaValidation.test.ts).
 */
function validateWithSchemas(objects: KubeObject[]): unknown[][] {
  const script = `
    const { loadIstioCrdSchemas, validateIstioObject } = require(${JSON.stringify(
      require.resolve('@meshplane/plugin-meshplane-common'),
    )});
    loadIstioCrdSchemas().then(schemas => process.stdout.write(JSON.stringify(
      ${JSON.stringify(
        objects,
      )}.map(o => validateIstioObject(o, { schemas })))));`;
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      '-e',
      script,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`validation failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const target = bookinfoTarget({ groupType: 'gateway', groupName: 'shop' });

const base: GatewayGroupSettings = {
  hosts: ['shop.example.com'],
  routes: [
    { pathPrefix: '/', service: 'productpage', port: 9080 },
    { pathPrefix: '/api/ratings', service: 'ratings', port: 9080 },
  ],
};

function find(
  settings: GatewayGroupSettings,
  kind: string,
  name = 'shop',
  on: RenderTarget = target,
) {
  return renderGatewayApiGroup(settings, on).find(
    o => o.kind === kind && o.metadata.name === name,
  );
}

describe('renderGatewayApiGroup', () => {
  it.each<[string, Partial<GatewayGroupSettings>, unknown[]]>([
    [
      'plain HTTP on port 80, one listener per host',
      { hosts: ['shop.example.com', '*.shop.example.com'] },
      [
        {
          name: 'http-0',
          hostname: 'shop.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
        {
          name: 'http-1',
          hostname: '*.shop.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    ],
    [
      'HTTPS on 443 terminating TLS with the Secret',
      { tls: { credentialName: 'shop-cert' } },
      [
        {
          name: 'https-0',
          hostname: 'shop.example.com',
          port: 443,
          protocol: 'HTTPS',
          tls: {
            mode: 'Terminate',
            certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-cert' }],
          },
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    ],
    [
      "mutual TLS (Istio's listener option) on a chosen port",
      { tls: { credentialName: 'shop-cert', mode: 'MUTUAL' }, port: 8443 },
      [
        {
          name: 'https-0',
          hostname: 'shop.example.com',
          port: 8443,
          protocol: 'HTTPS',
          tls: {
            mode: 'Terminate',
            certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-cert' }],
            options: { 'gateway.istio.io/tls-terminate-mode': 'MUTUAL' },
          },
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    ],
  ])('Gateway of class istio: %s', (_name, extra, listeners) => {
    const gateway = find({ ...base, ...extra }, 'Gateway');
    expect(gateway?.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gateway?.metadata.namespace).toBe('bookinfo');
    expect(gateway?.spec).toEqual({ gatewayClassName: 'istio', listeners });
  });

  it('attaches the HTTPRoute to the Gateway for the hosts, one PathPrefix rule per route, longest first', () => {
    const route = find(base, 'HTTPRoute');
    expect(route?.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route?.spec).toEqual({
      parentRefs: [
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shop' },
      ],
      hostnames: ['shop.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api/ratings' } }],
          backendRefs: [
            {
              group: '',
              kind: 'Service',
              name: 'ratings',
              port: 9080,
              weight: 1,
            },
          ],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            {
              group: '',
              kind: 'Service',
              name: 'productpage',
              port: 9080,
              weight: 1,
            },
          ],
        },
      ],
    });
  });

  it('renders no ReferenceGrant when every backend is in the group namespace', () => {
    expect(renderGatewayApiGroup(base, target).map(o => o.kind)).toEqual([
      'Gateway',
      'HTTPRoute',
    ]);
  });

  it('grants the route access to Services of other namespaces, one ReferenceGrant per namespace', () => {
    const settings: GatewayGroupSettings = {
      ...base,
      routes: [
        { pathPrefix: '/details', service: 'details', port: 9080 },
        {
          pathPrefix: '/canary/reviews',
          service: 'reviews',
          namespace: 'bookinfo-canary',
          port: 9080,
        },
        {
          pathPrefix: '/canary',
          service: 'productpage',
          namespace: 'bookinfo-canary',
          port: 9080,
        },
        {
          pathPrefix: '/canary/again',
          service: 'reviews',
          namespace: 'bookinfo-canary',
          port: 9080,
        },
      ],
    };
    const objects = renderGatewayApiGroup(settings, target);
    expect(objects.map(o => `${o.kind} ${o.metadata.namespace}`)).toEqual([
      'Gateway bookinfo',
      'HTTPRoute bookinfo',
      'ReferenceGrant bookinfo-canary',
    ]);
    const grant = objects[2];
    expect(grant.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
    expect(grant.metadata).toEqual({
      name: 'shop-from-bookinfo',
      namespace: 'bookinfo-canary',
      labels: {
        'app.kubernetes.io/managed-by': 'meshplane',
        'meshplane.io/group': 'shop',
        'meshplane.io/group-type': 'gateway',
      },
      annotations: { 'meshplane.io/workspace': 'system:default/bookinfo' },
    });
    expect(grant.spec).toEqual({
      from: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          namespace: 'bookinfo',
        },
      ],
      to: [
        { group: '', kind: 'Service', name: 'productpage' },
        { group: '', kind: 'Service', name: 'reviews' },
      ],
    });
    const route = objects[1];
    expect(
      route.spec.rules.map(
        (r: any) =>
          `${r.matches[0].path.value} ${r.backendRefs[0].namespace ?? '-'}/${
            r.backendRefs[0].name
          }`,
      ),
    ).toEqual([
      '/canary/reviews bookinfo-canary/reviews',
      '/canary/again bookinfo-canary/reviews',
      '/details -/details',
      '/canary bookinfo-canary/productpage',
    ]);
  });

  it('names the grants after the route namespace, so two targets of a cluster keep theirs', () => {
    const settings: GatewayGroupSettings = {
      ...base,
      routes: [{ service: 'ratings', namespace: 'ratings', port: 9080 }],
    };
    const objects = renderGroup(
      {
        type: 'gateway',
        name: 'shop',
        mode: 'BRIDGED',
        namespaces: ['east-1/bookinfo', 'east-1/bookinfo-canary'],
        settings,
      },
      [target, { ...target, namespace: 'bookinfo-canary' }],
      [],
      { gatewayApi: 'gateway-api' },
    );
    expect(
      objects
        .filter(o => o.object.kind === 'ReferenceGrant')
        .map(
          o =>
            `${o.object.metadata.namespace}/${o.object.metadata.name} ${
              (o.object.spec as any).from[0].namespace
            }`,
        ),
    ).toEqual([
      'ratings/shop-from-bookinfo bookinfo',
      'ratings/shop-from-bookinfo-canary bookinfo-canary',
    ]);
  });

  it('attaches the JWT policies to the Gateway by targetRefs, never by selector', () => {
    const settings = {
      ...base,
      jwt: {
        issuer: 'https://id.example.com',
        jwksUri: 'https://id.example.com/jwks',
        audiences: ['shop'],
      },
    };
    const targetRefs = [
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shop' },
    ];
    expect(find(settings, 'RequestAuthentication', 'shop-jwt')?.spec).toEqual({
      targetRefs,
      jwtRules: [
        {
          issuer: 'https://id.example.com',
          jwksUri: 'https://id.example.com/jwks',
          audiences: ['shop'],
        },
      ],
    });
    expect(find(settings, 'AuthorizationPolicy', 'shop-jwt')?.spec).toEqual({
      targetRefs,
      action: 'DENY',
      rules: [
        {
          from: [{ source: { notRequestPrincipals: ['*'] } }],
          to: [{ operation: { hosts: ['shop.example.com'] } }],
        },
      ],
    });
    expect(
      renderGatewayApiGroup(
        { ...settings, jwt: { ...settings.jwt, required: false } },
        target,
      ).map(o => o.kind),
    ).toEqual(['Gateway', 'HTTPRoute', 'RequestAuthentication']);
  });

  it("passes Istio's CRD schemas and validation rules, which the planner checks", () => {
    const objects = renderGatewayApiGroup(
      {
        ...base,
        tls: { credentialName: 'shop-cert', mode: 'MUTUAL' },
        jwt: {
          issuer: 'https://id.example.com',
          jwksUri: 'https://id.example.com/jwks',
          audiences: ['shop'],
        },
      },
      target,
    );
    expect(objects.map(o => o.kind)).toEqual([
      'Gateway',
      'HTTPRoute',
      'RequestAuthentication',
      'AuthorizationPolicy',
    ]);
    expect(validateWithSchemas(objects)).toEqual(objects.map(() => []));
  });

  it("labels every object as the group's, as the other renderers do", () => {
    for (const object of renderGatewayApiGroup(
      {
        ...base,
        jwt: { issuer: 'i', jwksUri: 'https://i/jwks' },
      },
      target,
    )) {
      expect(object.metadata.labels).toEqual({
        'app.kubernetes.io/managed-by': 'meshplane',
        'meshplane.io/group': 'shop',
        'meshplane.io/group-type': 'gateway',
      });
      expect(object.metadata.annotations).toEqual({
        'meshplane.io/workspace': 'system:default/bookinfo',
      });
    }
  });

  it('is what renderGroup renders in gateway-api mode, and Istio objects otherwise', () => {
    const group = {
      type: 'gateway' as const,
      name: 'shop',
      mode: 'BRIDGED' as const,
      namespaces: ['east-1/bookinfo'],
      settings: base,
    };
    const kinds = (gatewayApi?: 'istio' | 'gateway-api') =>
      renderGroup(group, [target], [], { gatewayApi }).map(
        o => `${o.object.apiVersion} ${o.object.kind}`,
      );
    expect(kinds('gateway-api')).toEqual([
      'gateway.networking.k8s.io/v1 Gateway',
      'gateway.networking.k8s.io/v1 HTTPRoute',
    ]);
    expect(kinds('istio')).toEqual([
      'networking.istio.io/v1 Gateway',
      'networking.istio.io/v1 VirtualService',
    ]);
    expect(kinds()).toEqual(kinds('istio'));
  });
});

/**
 * The engine's Gateway API checks (istio-semantics.md §h) on what the
 * renderer produces, applied to the demo fleet's east-1: Meshplane's
 * MPL0500–MPL0505, Kiali's KIA14xx/KIA15xx/KIA1601 and istioctl's
 * IST0166/IST0171 must find nothing in it.
 */
describe('renderGatewayApiGroup, analysed by the engine', () => {
  let live: MeshAnalyzer;
  const GATEWAY_API_CODES =
    /^(MPL05\d\d|KIA14\d\d|KIA15\d\d|KIA1601|IST0166|IST0171)$/;

  beforeAll(async () => {
    live = MeshAnalyzer.fromSnapshot(
      fleetSnapshot(
        await loadFleet(
          resolvePackagePath('@meshplane/fleet-sim', 'fleets/demo'),
        ),
      ),
    );
    live.refresh();
  });

  const key = (m: Message) =>
    `${m.code} ${m.resource.cluster} ${m.resource.kind} ${m.resource.namespace}/${m.resource.name}: ${m.message}`;

  /** Findings the objects add to the live east-1, of the Gateway API's codes. */
  function added(objects: KubeObject[]): string[] {
    const before = new Set(live.findings().map(key));
    const after = live.fork();
    for (const object of objects) after.upsert('east-1', object);
    return after
      .findings()
      .filter(m => GATEWAY_API_CODES.test(m.code) && !before.has(key(m)))
      .map(key);
  }

  const shopTarget: RenderTarget = {
    ...target,
    workspace: 'system:default/shop',
    groupName: 'storefront',
    namespace: 'shop',
    workspaceNamespaces: ['shop', 'orders'],
  };
  const crossNamespace: GatewayGroupSettings = {
    hosts: ['shop.example.com', '*.shop.example.com'],
    routes: [
      { pathPrefix: '/', service: 'storefront', port: 8080 },
      { pathPrefix: '/cart', service: 'cart', port: 8080 },
      {
        pathPrefix: '/orders',
        service: 'orders-api',
        namespace: 'orders',
        port: 8080,
      },
      {
        pathPrefix: '/orders/ui',
        service: 'orders-ui',
        namespace: 'orders',
        port: 8080,
      },
    ],
  };

  it.each<[string, GatewayGroupSettings, RenderTarget]>([
    ['HTTP to bookinfo', base, target],
    [
      'HTTPS with mutual TLS and required JWT',
      {
        ...base,
        tls: { credentialName: 'shop-cert', mode: 'MUTUAL' },
        jwt: { issuer: 'https://id.example.com', jwksUri: 'https://id/jwks' },
      },
      target,
    ],
    [
      'backends in another namespace, with the grant',
      crossNamespace,
      shopTarget,
    ],
  ])('finds nothing in %s', (_name, settings, on) => {
    const objects = renderGatewayApiGroup(settings, on);
    expect(objects.length).toBeGreaterThanOrEqual(2);
    expect(added(objects)).toEqual([]);
  });

  it('would report the missing ReferenceGrant, so the check above can fail', () => {
    const objects = renderGatewayApiGroup(crossNamespace, shopTarget).filter(
      o => o.kind !== 'ReferenceGrant',
    );
    const findings = added(objects);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^MPL0502 east-1 HTTPRoute shop\/storefront: .*orders\/orders-api:8080/,
        ),
        expect.stringMatching(/^KIA1402 east-1 HTTPRoute shop\/storefront/),
      ]),
    );
  });
});
