import { ConfigReader } from '@backstage/config';
import { readMeshplaneConfig } from './readMeshplaneConfig';
import { readTrafficConfig } from './readTrafficConfig';

const read = (meshplane: object) =>
  readTrafficConfig(new ConfigReader({ meshplane }));

/** The message `read` throws for a config (never with a header's value). */
function refusal(meshplane: object): string {
  try {
    read(meshplane);
  } catch (error) {
    const message = (error as Error).message;
    expect(message).not.toContain('t0ken');
    return message;
  }
  throw new Error('no error thrown');
}

const cluster = {
  name: 'east-1',
  url: 'https://east-1.example.com',
  auth: { provider: 'serviceAccount', serviceAccountToken: 'x' },
};

describe('readTrafficConfig', () => {
  it('reads nothing configured as no source, with the default cache time', () => {
    expect(read({})).toEqual({ clusterSources: new Map(), cacheTtlMs: 15_000 });
  });

  it('reads the fleet source and the clusters’ own, with defaults', () => {
    const settings = read({
      prometheus: {
        url: 'http://prometheus.istio-system:9090/',
        headers: { Authorization: 'Bearer t0ken', 'X-Scope-OrgID': 'mesh' },
      },
      clusters: [
        cluster,
        {
          ...cluster,
          name: 'west-1',
          prometheus: {
            url: 'https://mimir.example.com/prometheus',
            timeout: { seconds: 10 },
            slowThreshold: '2s',
          },
        },
      ],
      traffic: { cacheTtl: 'PT30S' },
    });
    expect(settings).toEqual({
      fleetSource: {
        configKey: 'meshplane.prometheus',
        url: 'http://prometheus.istio-system:9090',
        headers: { Authorization: 'Bearer t0ken', 'X-Scope-OrgID': 'mesh' },
        timeoutMs: 5_000,
        slowThresholdMs: 2_500,
      },
      clusterSources: new Map([
        [
          'west-1',
          {
            configKey: 'meshplane.clusters[1].prometheus',
            url: 'https://mimir.example.com/prometheus',
            headers: {},
            timeoutMs: 10_000,
            slowThresholdMs: 2_000,
          },
        ],
      ]),
      cacheTtlMs: 30_000,
    });
  });

  it('is part of the backend’s configuration', () => {
    const config = readMeshplaneConfig(
      new ConfigReader({
        meshplane: { prometheus: { url: 'http://127.0.0.1:9090' } },
      }),
    );
    expect(config.traffic.fleetSource?.url).toBe('http://127.0.0.1:9090');
  });

  it.each([
    [{ prometheus: {} }, 'Missing meshplane.prometheus.url'],
    [
      { prometheus: { url: 'not a url' } },
      'Invalid meshplane.prometheus.url "not a url": not a URL',
    ],
    [
      { prometheus: { url: 'ftp://prom' } },
      'Invalid meshplane.prometheus.url: must be http(s), got ftp:',
    ],
    [
      { prometheus: { url: 'https://user:t0ken@prom' } },
      'Invalid meshplane.prometheus.url: credentials in the URL are not allowed, use meshplane.prometheus.headers (Authorization)',
    ],
    [
      { prometheus: { url: 'https://prom/?tenant=a' } },
      'takes no query string',
    ],
    [
      {
        prometheus: { url: 'https://prom', headers: { 'Bad Header': 't0ken' } },
      },
      'Invalid meshplane.prometheus.headers: "Bad Header" is not a header name',
    ],
    [
      {
        prometheus: {
          url: 'https://prom',
          headers: { Authorization: 't0ken\nX-Other: 1' },
        },
      },
      'Invalid meshplane.prometheus.headers.Authorization: must be a single-line string',
    ],
    [
      { prometheus: { url: 'https://prom', headers: { Host: 't0ken' } } },
      'Invalid meshplane.prometheus.headers.Host: set by the backend itself',
    ],
    [
      { prometheus: { url: 'https://prom', timeout: 'soon' } },
      'Invalid meshplane.prometheus.timeout:',
    ],
    [
      { prometheus: { url: 'https://prom', timeout: -5 } },
      'Invalid meshplane.prometheus.timeout: must be a positive duration',
    ],
    [
      {
        prometheus: { url: 'https://prom', timeout: '2s', slowThreshold: '3s' },
      },
      'Invalid meshplane.prometheus.slowThreshold: must be shorter than meshplane.prometheus.timeout (2000 ms)',
    ],
    [
      { clusters: [{ ...cluster, prometheus: { url: 'prom:9090' } }] },
      'Invalid meshplane.clusters[0].prometheus.url: must be http(s), got prom:',
    ],
    [
      { traffic: { cacheTtl: { fortnights: 1 } } },
      'Invalid meshplane.traffic.cacheTtl:',
    ],
  ])('refuses %j naming the key', (meshplane, message) => {
    expect(refusal(meshplane)).toContain(message);
  });
});
