import { mergePatch, strategicMerge } from './patches';

describe('patches', () => {
  it('merge patch replaces lists and deletes nulls', () => {
    expect(
      mergePatch(
        { a: 1, b: { c: 2, d: 3 }, l: [1, 2] },
        { b: { c: null }, l: [3] },
      ),
    ).toEqual({ a: 1, b: { d: 3 }, l: [3] });
  });

  it('strategic merge merges containers by name and ports by containerPort', () => {
    const pod = {
      spec: {
        containers: [
          { name: 'app', image: 'a:1', ports: [{ containerPort: 80 }] },
          { name: 'istio-proxy', image: 'p:1' },
        ],
      },
    };
    const patched = strategicMerge(pod, {
      spec: {
        '$setElementOrder/containers': [{ name: 'app' }],
        containers: [
          { name: 'app', image: 'a:2', ports: [{ containerPort: 81 }] },
          { name: 'istio-proxy', $patch: 'delete' },
        ],
      },
    });
    expect(patched).toEqual({
      spec: {
        containers: [
          {
            name: 'app',
            image: 'a:2',
            ports: [{ containerPort: 80 }, { containerPort: 81 }],
          },
        ],
      },
    });
  });

  it('strategic merge without list semantics (CRDs) replaces lists', () => {
    const vs = { spec: { hosts: ['a'], http: [{ name: 'x', route: [] }] } };
    expect(
      strategicMerge(vs, { spec: { http: [{ name: 'y' }] } }, false),
    ).toEqual({ spec: { hosts: ['a'], http: [{ name: 'y' }] } });
  });

  it('honours $deleteFromPrimitiveList and $patch: replace', () => {
    expect(
      strategicMerge(
        { metadata: { finalizers: ['a', 'b'] } },
        { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
      ),
    ).toEqual({ metadata: { finalizers: ['b'] } });
    expect(
      strategicMerge(
        { data: { a: '1', b: '2' } },
        { data: { $patch: 'replace', c: '3' } },
      ),
    ).toEqual({ data: { c: '3' } });
  });
});
