import {
  checkDnsLabel,
  checkDuration,
  checkHostName,
  checkHttpUrl,
  checkPathPrefix,
  checkPort,
  checkServiceAccountRef,
  checkSidecarHost,
} from './requestFieldChecks';

describe('checkHostName', () => {
  it.each(['shop.example.com', '*.example.com', 'a-b.c-d.example', 'x1.io'])(
    'accepts %s',
    host => {
      expect(checkHostName(host)).toBeUndefined();
    },
  );

  it.each([
    ['*', /capture every host/],
    ['shop', /fully qualified/],
    ['Shop.example.com', /label "Shop"/],
    ['shop_1.example.com', /label "shop_1"/],
    ['-shop.example.com', /label "-shop"/],
    ['shop..example.com', /label ""/],
    ['foo.*.example.com', /label "\*"/],
    ['payments/shop.example.com', /not a valid DNS name/],
    [`${'a'.repeat(64)}.example.com`, /label "a{64}"/],
    [`${'abcdefgh.'.repeat(30)}com`, /longer than 253/],
  ])('refuses %s', (host, message) => {
    expect(checkHostName(host)).toMatch(message);
  });
});

describe('other checks', () => {
  it.each<[string, (v: any) => string | undefined, unknown, boolean]>([
    ['label', checkDnsLabel, 'storefront', true],
    ['label', checkDnsLabel, 'Storefront', false],
    ['label', checkDnsLabel, 'a'.repeat(64), false],
    ['port', checkPort, 443, true],
    ['port', checkPort, 0, false],
    ['port', checkPort, 65536, false],
    ['port', checkPort, 80.5, false],
    ['duration', checkDuration, '250ms', true],
    ['duration', checkDuration, '1.5s', true],
    ['duration', checkDuration, '2h', true],
    ['duration', checkDuration, '5', false],
    ['duration', checkDuration, '0.1ms', false],
    ['duration', checkDuration, '5d', false],
    ['path', checkPathPrefix, '/api/v1', true],
    ['path', checkPathPrefix, 'api', false],
    ['path', checkPathPrefix, '/a b', false],
    ['url', checkHttpUrl, 'https://id.example.com/.well-known/jwks.json', true],
    ['url', checkHttpUrl, 'ftp://id.example.com/jwks', false],
    ['url', checkHttpUrl, 'not a url', false],
    ['service account', checkServiceAccountRef, 'payments/checkout', true],
    ['service account', checkServiceAccountRef, 'payments/checkout.v2', true],
    ['service account', checkServiceAccountRef, 'checkout', false],
    ['service account', checkServiceAccountRef, 'Payments/checkout', false],
    ['sidecar host', checkSidecarHost, 'payments/*', true],
    ['sidecar host', checkSidecarHost, './*', true],
    ['sidecar host', checkSidecarHost, '*/api.example.com', true],
    [
      'sidecar host',
      checkSidecarHost,
      'payments/checkout.payments.svc.cluster.local',
      true,
    ],
    ['sidecar host', checkSidecarHost, 'checkout', false],
    ['sidecar host', checkSidecarHost, 'payments/Checkout', false],
  ])('%s %j valid=%s', (_kind, check, value, valid) => {
    expect(check(value) === undefined).toBe(valid);
  });
});
