import { clusterRequest, testFleet } from '../testing';
import { MAX_REQUEST_BODY_BYTES } from './ClusterServer';
import { FleetCluster, FleetServer, startFleet } from './startFleet';

describe('ClusterServer', () => {
  let fleet: FleetServer;
  let alpha: FleetCluster;

  beforeAll(async () => {
    fleet = await startFleet({
      fleet: testFleet(),
      resourceVersionWaitMs: 1500,
    });
    alpha = fleet.clusters.find(c => c.name === 'alpha')!;
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  const post = (
    path: string,
    body: string | Buffer,
    contentType = 'application/json',
  ) =>
    clusterRequest(alpha, {
      method: 'POST',
      path,
      body,
      headers: { 'Content-Type': contentType },
    });

  describe('bad input gets a Kubernetes Status and the server keeps serving', () => {
    const cases: Array<{
      name: string;
      send: () => ReturnType<typeof post>;
      code: number;
      reason: string;
      message: RegExp;
    }> = [
      {
        name: 'malformed JSON',
        send: () =>
          post('/api/v1/namespaces/apps/configmaps', '{"kind": "ConfigMap", '),
        code: 400,
        reason: 'BadRequest',
        message: /json parse error/,
      },
      {
        name: 'malformed YAML',
        send: () =>
          post(
            '/api/v1/namespaces/apps/configmaps',
            'kind: ConfigMap\n  metadata: [oops',
            'application/yaml',
          ),
        code: 400,
        reason: 'BadRequest',
        message: /yaml parse error/,
      },
      {
        name: 'a body that is not an object',
        send: () => post('/api/v1/namespaces/apps/configmaps', '[1, 2]'),
        code: 400,
        reason: 'BadRequest',
        message: /not a JSON object/,
      },
      {
        name: 'a kind that does not match the URL',
        send: () =>
          post(
            '/api/v1/namespaces/apps/configmaps',
            JSON.stringify({
              apiVersion: 'v1',
              kind: 'Secret',
              metadata: { name: 'x' },
            }),
          ),
        code: 400,
        reason: 'BadRequest',
        message: /does not match the expected kind/,
      },
      {
        name: 'an unknown resource',
        send: () =>
          post(
            '/apis/example.com/v1/namespaces/apps/widgets',
            JSON.stringify({
              apiVersion: 'example.com/v1',
              kind: 'Widget',
              metadata: { name: 'w' },
            }),
          ),
        code: 404,
        reason: 'NotFound',
        message: /could not find the requested resource/,
      },
      {
        name: 'an invalid name',
        send: () =>
          post(
            '/api/v1/namespaces/apps/configmaps',
            JSON.stringify({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'Not_Valid' },
            }),
          ),
        code: 422,
        reason: 'Invalid',
        message:
          /ConfigMap "Not_Valid" is invalid: metadata.name: Invalid value/,
      },
      {
        name: 'a missing namespace',
        send: () =>
          post(
            '/api/v1/namespaces/nowhere/configmaps',
            JSON.stringify({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'x' },
            }),
          ),
        code: 404,
        reason: 'NotFound',
        message: /namespaces "nowhere" not found/,
      },
      {
        name: 'an existing object',
        send: () =>
          post(
            '/api/v1/namespaces/apps/configmaps',
            JSON.stringify({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'one' },
            }),
          ),
        code: 409,
        reason: 'AlreadyExists',
        message: /configmaps "one" already exists/,
      },
      {
        name: 'an unknown top-level field under fieldValidation=Strict',
        send: () =>
          post(
            '/api/v1/namespaces/apps/configmaps?fieldValidation=Strict',
            JSON.stringify({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'strict' },
              spec: {},
            }),
          ),
        code: 400,
        reason: 'BadRequest',
        message: /unknown field "spec"/,
      },
      {
        name: 'an oversized body',
        send: () =>
          post(
            '/api/v1/namespaces/apps/configmaps',
            Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1024, 'a'),
          ),
        code: 413,
        reason: 'RequestEntityTooLarge',
        message: /limit is 3145728/,
      },
      {
        name: 'an unsupported body type',
        send: () =>
          post(
            '/api/v1/namespaces/apps/configmaps',
            'x',
            'application/vnd.kubernetes.protobuf',
          ),
        code: 415,
        reason: 'UnsupportedMediaType',
        message: /unknown format/,
      },
      {
        name: 'a bad label selector',
        send: () =>
          clusterRequest(alpha, {
            path: '/api/v1/configmaps?labelSelector=a%20in%20(b',
          }),
        code: 400,
        reason: 'BadRequest',
        message: /unable to parse requirement|invalid label/,
      },
      {
        name: 'an unsupported field selector',
        send: () =>
          clusterRequest(alpha, {
            path: '/api/v1/configmaps?fieldSelector=spec.foo%3Dbar',
          }),
        code: 400,
        reason: 'BadRequest',
        message: /field label not supported: spec.foo/,
      },
      {
        name: 'a garbage continue token',
        send: () =>
          clusterRequest(alpha, {
            path: '/api/v1/configmaps?limit=1&continue=garbage',
          }),
        code: 400,
        reason: 'BadRequest',
        message: /continue key is not valid/,
      },
      {
        name: 'a JSON patch that cannot apply',
        send: () =>
          clusterRequest(alpha, {
            method: 'PATCH',
            path: '/api/v1/namespaces/apps/configmaps/one',
            body: JSON.stringify([
              { op: 'replace', path: '/data/missing/deeper', value: 1 },
            ]),
            headers: { 'Content-Type': 'application/json-patch+json' },
          }),
        code: 422,
        reason: 'Invalid',
        message: /the patch could not be applied/,
      },
      {
        name: 'a stale resourceVersion on update',
        send: () =>
          clusterRequest(alpha, {
            method: 'PUT',
            path: '/api/v1/namespaces/apps/configmaps/one',
            body: JSON.stringify({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'one', resourceVersion: '1' },
              data: {},
            }),
            headers: { 'Content-Type': 'application/json' },
          }),
        code: 409,
        reason: 'Conflict',
        message: /the object has been modified/,
      },
      {
        name: 'a server-side apply without fieldManager',
        send: () =>
          clusterRequest(alpha, {
            method: 'PATCH',
            path: '/api/v1/namespaces/apps/configmaps/applied',
            body: JSON.stringify({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'applied' },
              data: { a: 'b' },
            }),
            headers: { 'Content-Type': 'application/apply-patch+yaml' },
          }),
        code: 422,
        reason: 'Invalid',
        message: /fieldManager: Required value: is required for apply requests/,
      },
      {
        name: 'a watch from a resourceVersion the cluster does not reach',
        send: () =>
          clusterRequest(alpha, {
            path: '/api/v1/namespaces/apps/configmaps?watch=true&resourceVersion=999999999',
          }),
        code: 504,
        reason: 'Timeout',
        message: /Too large resource version: 999999999, current: \d+/,
      },
      {
        name: 'a get of a missing object',
        send: () =>
          clusterRequest(alpha, {
            path: '/apis/networking.istio.io/v1/namespaces/apps/virtualservices/missing',
          }),
        code: 404,
        reason: 'NotFound',
        message: /virtualservices.networking.istio.io "missing" not found/,
      },
    ];

    it.each(cases)('$name', async ({ send, code, reason, message }) => {
      const response = await send();
      expect(response.status).toBe(code);
      expect(response.json).toMatchObject({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason,
        code,
      });
      expect(response.json.message).toMatch(message);
      const healthy = await clusterRequest(alpha, {
        path: '/api/v1/namespaces/apps/configmaps/one',
      });
      expect(healthy.status).toBe(200);
    });

    it('names the object in 404 details, like kube-apiserver', async () => {
      const response = await clusterRequest(alpha, {
        path: '/api/v1/namespaces/apps/configmaps/nope',
      });
      expect(response.json.details).toEqual({
        name: 'nope',
        group: '',
        kind: 'configmaps',
      });
    });
  });

  describe('lists', () => {
    it('keeps a consistent snapshot across pages while others write, and expires with the history', async () => {
      const cluster = fleet.cluster('alpha');
      cluster.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'paging' },
      });
      for (const name of ['a', 'b', 'c', 'd']) {
        cluster.apply({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: 'paging' },
          data: { v: name },
        });
      }
      const first = await clusterRequest(alpha, {
        path: '/api/v1/namespaces/paging/configmaps?limit=2',
      });
      expect(first.json.items.map((i: any) => i.metadata.name)).toEqual([
        'a',
        'b',
      ]);
      const token = first.json.metadata.continue;
      expect(token).toBeTruthy();

      cluster.delete({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'paging',
        name: 'c',
      });
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'e', namespace: 'paging' },
        data: { v: 'e' },
      });
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'd', namespace: 'paging' },
        data: { v: 'changed' },
      });

      const second = await clusterRequest(alpha, {
        path: `/api/v1/namespaces/paging/configmaps?limit=2&continue=${encodeURIComponent(
          token,
        )}`,
      });
      expect(second.status).toBe(200);
      expect(
        second.json.items.map((i: any) => `${i.metadata.name}=${i.data.v}`),
      ).toEqual(['c=c', 'd=d']);
      expect(second.json.metadata.resourceVersion).toBe(
        first.json.metadata.resourceVersion,
      );
      expect(second.json.metadata.continue).toBeUndefined();

      const fresh = await clusterRequest(alpha, {
        path: '/api/v1/namespaces/paging/configmaps',
      });
      expect(
        fresh.json.items.map((i: any) => `${i.metadata.name}=${i.data.v}`),
      ).toEqual(['a=a', 'b=b', 'd=changed', 'e=e']);

      await cluster.compact();
      const expired = await clusterRequest(alpha, {
        path: `/api/v1/namespaces/paging/configmaps?limit=2&continue=${encodeURIComponent(
          token,
        )}`,
      });
      expect(expired.status).toBe(410);
      expect(expired.json).toMatchObject({
        kind: 'Status',
        reason: 'Expired',
        code: 410,
      });
    });

    it('filters by label and field selectors, across namespaces and per namespace', async () => {
      const byLabel = await clusterRequest(alpha, {
        path: `/api/v1/configmaps?labelSelector=${encodeURIComponent(
          'tier in (web),env notin (dev)',
        )}`,
      });
      expect(byLabel.json.items.map((i: any) => i.metadata.name)).toEqual([
        'one',
      ]);
      const exists = await clusterRequest(alpha, {
        path: `/api/v1/namespaces/apps/configmaps?labelSelector=${encodeURIComponent(
          '!tier',
        )}`,
      });
      expect(
        exists.json.items.every((i: any) => !i.metadata.labels?.tier),
      ).toBe(true);
      const byField = await clusterRequest(alpha, {
        path: `/api/v1/configmaps?fieldSelector=${encodeURIComponent(
          'metadata.namespace!=apps,metadata.name==four',
        )}`,
      });
      expect(
        byField.json.items.map(
          (i: any) => `${i.metadata.namespace}/${i.metadata.name}`,
        ),
      ).toEqual(['other/four']);
    });

    it('serves one stored Istio object in every version, and a Table when asked', async () => {
      for (const version of ['v1', 'v1beta1', 'v1alpha3']) {
        const response = await clusterRequest(alpha, {
          path: `/apis/networking.istio.io/${version}/namespaces/apps/virtualservices/reviews`,
        });
        expect(response.json.apiVersion).toBe(`networking.istio.io/${version}`);
        expect(response.json.spec.hosts).toEqual(['reviews']);
      }
      const table = await clusterRequest(alpha, {
        path: '/api/v1/namespaces/apps/configmaps',
        headers: {
          Accept:
            'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
        },
      });
      expect(table.json.kind).toBe('Table');
      expect(table.json.rows.map((r: any) => r.cells[0])).toContain('one');
    });
  });

  describe('watch', () => {
    it('waits for a resourceVersion the cluster has not reached yet, then streams only what follows it', async () => {
      const list = await clusterRequest(alpha, {
        path: '/api/v1/namespaces/apps/configmaps',
      });
      const target = Number(list.json.metadata.resourceVersion) + 2;
      const future = clusterRequest(alpha, {
        path: `/api/v1/namespaces/apps/configmaps?watch=true&timeoutSeconds=2&resourceVersion=${target}`,
      });
      const make = (name: string) =>
        post(
          '/api/v1/namespaces/apps/configmaps',
          JSON.stringify({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name },
          }),
        );
      await make('rv-wait-a');
      const b = await make('rv-wait-b');
      expect(b.json.metadata.resourceVersion).toBe(String(target));
      await make('rv-wait-c');
      const waited = await future;
      expect(waited.status).toBe(200);
      const names = waited.text
        .trim()
        .split('\n')
        .map(line => JSON.parse(line).object.metadata.name);
      expect(names).toEqual(['rv-wait-c']);
    }, 10_000);

    it('streams changes from a resourceVersion, and 410 Gone once it is older than the history', async () => {
      const cluster = fleet.cluster('alpha');
      const from = cluster.resourceVersion;
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'watched',
          namespace: 'apps',
          labels: { tier: 'web' },
        },
        data: {},
      });
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'watched',
          namespace: 'apps',
          labels: { tier: 'db' },
        },
        data: {},
      });
      const stream = await clusterRequest(alpha, {
        path: `/api/v1/namespaces/apps/configmaps?watch=1&resourceVersion=${from}&labelSelector=tier%3Dweb&timeoutSeconds=1`,
      });
      const events = stream.text
        .trim()
        .split('\n')
        .map(line => JSON.parse(line));
      expect(events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual([
        'ADDED watched',
        'DELETED watched',
      ]);

      await cluster.compact();
      const gone = await clusterRequest(alpha, {
        path: `/api/v1/namespaces/apps/configmaps?watch=1&resourceVersion=${from}`,
      });
      const [error] = gone.text
        .trim()
        .split('\n')
        .map(line => JSON.parse(line));
      expect(error).toMatchObject({
        type: 'ERROR',
        object: { kind: 'Status', code: 410, reason: 'Expired' },
      });
    });
  });
});
