import type { GatewayGroupSettings } from '@meshplane/plugin-meshplane-common';
import { bookinfoTarget } from './__fixtures__/targets';
import { renderGatewayGroup } from './renderGatewayGroup';

const target = bookinfoTarget({ groupType: 'gateway', groupName: 'shop' });

const base: GatewayGroupSettings = {
  hosts: ['shop.example.com'],
  routes: [
    { pathPrefix: '/', service: 'productpage', port: 9080 },
    { pathPrefix: '/api/ratings', service: 'ratings', port: 9080 },
  ],
};

function find(settings: GatewayGroupSettings, kind: string, name = 'shop') {
  return renderGatewayGroup(settings, target).find(
    o => o.kind === kind && o.metadata.name === name,
  );
}

describe('renderGatewayGroup', () => {
  it.each<[string, Partial<GatewayGroupSettings>, unknown]>([
    [
      'plain HTTP on port 80',
      {},
      {
        port: { number: 80, name: 'http-shop', protocol: 'HTTP' },
        hosts: ['shop.example.com'],
      },
    ],
    [
      'HTTPS on 443 with the TLS secret',
      { tls: { credentialName: 'shop-cert' } },
      {
        port: { number: 443, name: 'https-shop', protocol: 'HTTPS' },
        hosts: ['shop.example.com'],
        tls: { mode: 'SIMPLE', credentialName: 'shop-cert' },
      },
    ],
    [
      'mutual TLS on a chosen port',
      { tls: { credentialName: 'shop-cert', mode: 'MUTUAL' }, port: 8443 },
      {
        port: { number: 8443, name: 'https-shop', protocol: 'HTTPS' },
        hosts: ['shop.example.com'],
        tls: { mode: 'MUTUAL', credentialName: 'shop-cert' },
      },
    ],
  ])('Gateway server: %s', (_name, extra, server) => {
    const gateway = find({ ...base, ...extra }, 'Gateway');
    expect(gateway?.spec).toEqual({
      selector: { istio: 'ingressgateway' },
      servers: [server],
    });
  });

  it('uses the given gateway selector', () => {
    const gateway = find(
      { ...base, selector: { app: 'shop-gateway' } },
      'Gateway',
    );
    expect(gateway?.spec.selector).toEqual({ app: 'shop-gateway' });
  });

  it('binds the VirtualService to the Gateway with the longest prefix first', () => {
    const vs = find(base, 'VirtualService');
    expect(vs?.spec.gateways).toEqual(['bookinfo/shop']);
    expect(vs?.spec.hosts).toEqual(['shop.example.com']);
    expect(vs?.spec.http.map((r: any) => r.match[0].uri.prefix)).toEqual([
      '/api/ratings',
      '/',
    ]);
    expect(vs?.spec.http[1].route).toEqual([
      {
        destination: {
          host: 'productpage.bookinfo.svc.cluster.local',
          port: { number: 9080 },
        },
      },
    ]);
  });

  it('routes to a service of another namespace of the workspace by FQDN', () => {
    const vs = find(
      {
        ...base,
        routes: [
          { service: 'details', namespace: 'bookinfo-canary', port: 9080 },
        ],
      },
      'VirtualService',
    );
    expect(vs?.spec.http[0].route[0].destination.host).toBe(
      'details.bookinfo-canary.svc.cluster.local',
    );
    expect(vs?.spec.http[0].match).toEqual([{ uri: { prefix: '/' } }]);
  });

  it('renders no JWT objects without jwt', () => {
    expect(renderGatewayGroup(base, target).map(o => o.kind)).toEqual([
      'Gateway',
      'VirtualService',
    ]);
  });

  it('renders a RequestAuthentication and a DENY policy for required JWT', () => {
    const settings = {
      ...base,
      jwt: {
        issuer: 'https://id.example.com',
        jwksUri: 'https://id.example.com/jwks',
        audiences: ['shop'],
      },
    };
    expect(find(settings, 'RequestAuthentication', 'shop-jwt')?.spec).toEqual({
      selector: { matchLabels: { istio: 'ingressgateway' } },
      jwtRules: [
        {
          issuer: 'https://id.example.com',
          jwksUri: 'https://id.example.com/jwks',
          audiences: ['shop'],
        },
      ],
    });
    expect(find(settings, 'AuthorizationPolicy', 'shop-jwt')?.spec).toEqual({
      selector: { matchLabels: { istio: 'ingressgateway' } },
      action: 'DENY',
      rules: [
        {
          from: [{ source: { notRequestPrincipals: ['*'] } }],
          to: [{ operation: { hosts: ['shop.example.com'] } }],
        },
      ],
    });
  });

  it('renders only the RequestAuthentication for optional JWT', () => {
    const objects = renderGatewayGroup(
      {
        ...base,
        jwt: { issuer: 'i', jwksUri: 'https://i/jwks', required: false },
      },
      target,
    );
    expect(objects.map(o => o.kind)).toEqual([
      'Gateway',
      'VirtualService',
      'RequestAuthentication',
    ]);
  });
});
