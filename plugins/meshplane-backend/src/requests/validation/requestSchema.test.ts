import { FieldErrorCollector } from '../fieldErrors';
import { parseCreateRequest } from './requestSchema';

function request(
  group: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    workspace: 'system:default/bookinfo',
    group: {
      type: 'gateway',
      name: 'shop',
      mode: 'BRIDGED',
      namespaces: ['*/bookinfo'],
      ...group,
    },
    ...extra,
  };
}

const gateway = {
  hosts: ['shop.example.com'],
  routes: [{ pathPrefix: '/', service: 'productpage', port: 9080 }],
};

function parse(body: unknown) {
  const errors = new FieldErrorCollector();
  const parsed = parseCreateRequest(body, errors);
  return { parsed, errors: errors.errors };
}

describe('parseCreateRequest', () => {
  it('accepts a well-formed gateway request and drops empty optional sections', () => {
    const { parsed, errors } = parse(
      request({ settings: { ...gateway, tls: {}, jwt: {} } }),
    );
    expect(errors).toEqual([]);
    expect(parsed?.group.settings).toEqual(gateway);
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'an invalid DNS name',
      request({
        settings: {
          ...gateway,
          hosts: ['shop.example.com', 'shop_1.example.com'],
        },
      }),
      'group.settings.hosts[1]',
      /not a valid DNS name/,
    ],
    [
      'a bare wildcard host',
      request({ settings: { ...gateway, hosts: ['*'] } }),
      'group.settings.hosts[0]',
      /capture every host/,
    ],
    [
      'a bad port',
      request({
        settings: {
          ...gateway,
          routes: [{ service: 'productpage', port: 70000 }],
        },
      }),
      'group.settings.routes[0].port',
      /not a port/,
    ],
    [
      'an unknown field',
      request({ settings: { ...gateway, host: 'x' } }),
      'group.settings',
      /Unrecognized key/,
    ],
    [
      'a bad group name',
      request({ name: 'Shop!', settings: gateway }),
      'group.name',
      /not a valid name/,
    ],
    [
      'no namespaces',
      request({ namespaces: [], settings: gateway }),
      'group.namespaces',
      /select at least one/,
    ],
    [
      'a bad duration',
      request({
        type: 'traffic',
        settings: {
          services: [{ service: 'reviews', resilience: { timeout: '5' } }],
        },
      }),
      'group.settings.services[0].resilience.timeout',
      /not a duration/,
    ],
    [
      'an unknown authorization mode',
      request({
        type: 'security',
        settings: { authorization: { mode: 'EVERYONE' } },
      }),
      'group.settings.authorization.mode',
      /Invalid enum value/,
    ],
    [
      'a bad service account',
      request({
        type: 'security',
        settings: {
          authorization: { mode: 'CUSTOM', serviceAccounts: ['checkout'] },
        },
      }),
      'group.settings.authorization.serviceAccounts[0]',
      /namespace\/name/,
    ],
    [
      'settings in DIRECT mode',
      request({ mode: 'DIRECT', settings: gateway, objects: 'a: b' }),
      'group.settings',
      /DIRECT mode takes Istio objects/,
    ],
    [
      'DIRECT without objects',
      request({ mode: 'DIRECT' }),
      'group.objects',
      /needs the Istio objects/,
    ],
    [
      'objects in BRIDGED mode',
      request({ settings: gateway, objects: 'x' }),
      'group.objects',
      /for DIRECT mode/,
    ],
    [
      'an unknown group type',
      request({ type: 'egress', settings: gateway }),
      'group.type',
      /Invalid enum value/,
    ],
    [
      'no workspace',
      { group: request({ settings: gateway }).group },
      'workspace',
      /Required/,
    ],
  ])('refuses %s with a field-level message', (_name, body, field, message) => {
    const { parsed, errors } = parse(body);
    expect(parsed).toBeUndefined();
    expect(errors).toContainEqual({
      field,
      message: expect.stringMatching(message),
    });
  });
});
