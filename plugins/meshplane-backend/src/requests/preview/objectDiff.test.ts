import type { KubeObject } from '@meshplane/plugin-meshplane-common';
import { diffObject } from './objectDiff';

const rendered: KubeObject = {
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: {
    name: 'strict',
    namespace: 'bookinfo',
    labels: { 'app.kubernetes.io/managed-by': 'meshplane' },
  },
  spec: { mtls: { mode: 'STRICT' } },
};

describe('diffObject', () => {
  it('creates an object that is not live', () => {
    const diff = diffObject(rendered, undefined);
    expect(diff).toMatchObject({
      kind: 'PeerAuthentication',
      namespace: 'bookinfo',
      name: 'strict',
      change: 'create',
    });
    expect(diff.diff).toContain('+    mode: STRICT');
  });

  it('finds a live object with the same spec and labels unchanged, whatever else it carries', () => {
    const live: KubeObject = {
      ...rendered,
      metadata: {
        ...rendered.metadata,
        resourceVersion: '42',
        labels: { ...rendered.metadata.labels, team: 'x' },
      },
      status: { conditions: [] },
    };
    expect(diffObject(rendered, live)).toMatchObject({
      change: 'unchanged',
      diff: '',
    });
  });

  it('shows what a server-side apply would change', () => {
    const live: KubeObject = {
      ...rendered,
      spec: { mtls: { mode: 'PERMISSIVE' } },
    };
    const diff = diffObject(rendered, live);
    expect(diff.change).toBe('update');
    expect(diff.diff).toContain('-    mode: PERMISSIVE');
    expect(diff.diff).toContain('+    mode: STRICT');
  });
});
