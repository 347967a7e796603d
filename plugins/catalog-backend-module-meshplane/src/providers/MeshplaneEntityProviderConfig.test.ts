import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readProviderConfigs } from './MeshplaneEntityProviderConfig';

function read(meshplane: JsonObject) {
  return readProviderConfigs(
    new ConfigReader({ catalog: { providers: { meshplane } } }),
  );
}

describe('readProviderConfigs', () => {
  it('returns no provider without config', () => {
    expect(readProviderConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('runs one default provider with the defaults for an empty block', () => {
    const [provider, ...rest] = read({});
    expect(rest).toEqual([]);
    expect(provider.id).toBe('default');
    expect(provider.schedule).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 3 },
    });
    expect(provider.deltaSchedule).toEqual({
      frequency: { seconds: 20 },
      timeout: { minutes: 1 },
    });
    expect(provider.entities).toMatchObject({
      location: 'meshplane-provider:default',
      lifecycle: 'production',
      clusters: {
        owner: 'group:default/unknown',
        authProvider: 'serviceAccount',
      },
      ownership: {
        fallbackOwner: 'group:default/unknown',
        owners: {},
        systems: {},
        namespaces: {},
      },
    });
    const { exclude, include } = provider.entities.namespaces;
    expect(include).toBeUndefined();
    expect(
      ['kube-system', 'kube-public', 'kube-node-lease', 'bookinfo'].map(ns =>
        exclude.some(re => re.test(ns)),
      ),
    ).toEqual([true, true, true, false]);
  });

  it('reads a single provider block', () => {
    const [provider] = read({
      schedule: { frequency: 'PT10M', timeout: { minutes: 2 } },
      deltaSchedule: { frequency: { seconds: 5 }, timeout: { seconds: 30 } },
      lifecycle: 'experimental',
      clusters: {
        owner: 'platform-team',
        system: 'mesh-platform',
        authProvider: 'oidc',
        oidcTokenProvider: 'okta',
      },
      ownership: {
        fallbackOwner: 'group:default/platform-team',
        owners: { legacy: 'payments-team', alice: 'user:alice' },
        systems: { shop: 'bookinfo' },
        namespaces: { sandbox: { owner: 'user:default/alice' } },
      },
      namespaces: { include: ['book.*', 'payments'], exclude: ['.*-test'] },
    });
    expect(provider.id).toBe('default');
    expect(provider.schedule.timeout).toEqual({ minutes: 2 });
    expect(provider.deltaSchedule.frequency).toEqual({ seconds: 5 });
    expect(provider.entities).toMatchObject({
      lifecycle: 'experimental',
      clusters: {
        owner: 'group:default/platform-team',
        system: 'system:default/mesh-platform',
        authProvider: 'oidc',
        oidcTokenProvider: 'okta',
      },
      ownership: {
        fallbackOwner: 'group:default/platform-team',
        owners: {
          legacy: 'group:default/payments-team',
          alice: 'user:default/alice',
        },
        systems: { shop: 'system:default/bookinfo' },
        namespaces: { sandbox: { owner: 'user:default/alice' } },
      },
    });
    const { include, exclude } = provider.entities.namespaces;
    const selected = (ns: string) =>
      include!.some(re => re.test(ns)) && !exclude.some(re => re.test(ns));
    expect(
      ['bookinfo', 'payments', 'payments-x', 'book-test'].map(selected),
    ).toEqual([true, true, false, false]);
  });

  it('reads a map of providers by id', () => {
    const providers = read({
      prod: { clusters: { owner: 'platform-team' } },
      lab: { lifecycle: 'experimental' },
    });
    expect(providers.map(p => [p.id, p.entities.location])).toEqual([
      ['prod', 'meshplane-provider:prod'],
      ['lab', 'meshplane-provider:lab'],
    ]);
    expect(providers[1].entities.lifecycle).toBe('experimental');
  });

  it('names the key of an owner that is not an entity ref', () => {
    expect(() =>
      read({
        prod: { ownership: { owners: { legacy: 'group:default/a b' } } },
      }),
    ).toThrow(
      'catalog.providers.meshplane.prod.ownership.owners.legacy: "group:default/a b" is not an entity ref',
    );
  });

  it('names the key of a pattern that does not compile', () => {
    expect(() => read({ namespaces: { exclude: ['(unclosed'] } })).toThrow(
      'catalog.providers.meshplane.namespaces.exclude: "(unclosed" is not a regular expression',
    );
  });

  it('rejects an incomplete schedule', () => {
    expect(() => read({ schedule: { frequency: { minutes: 1 } } })).toThrow(
      /timeout/,
    );
  });
});
