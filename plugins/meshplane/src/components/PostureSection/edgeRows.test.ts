import type { Edge } from '@meshplane/plugin-meshplane-common';
import { edgeRows, strictBlockers } from './edgeRows';

const edge = (
  workload: string,
  outcome: Edge['outcome'],
  port = 9080,
): Edge => ({
  from: { cluster: 'east-1', namespace: 'shop', workload },
  to: { cluster: 'west-1', namespace: 'bookinfo', service: 'reviews', port },
  clientTls: outcome === 'plaintext' ? 'DISABLE' : 'ISTIO_MUTUAL',
  clientTlsSource: 'auto',
  outcome,
  crossCluster: true,
  crossNetwork: false,
  reason: `reason of ${workload}`,
});

describe('edgeRows', () => {
  it('lists the worst outcomes first and names cluster, namespace and workload', () => {
    const rows = edgeRows(
      [edge('a', 'mtls'), edge('b', 'fail')],
      [edge('c', 'plaintext')],
    );
    expect(rows.map(r => [r.outcome, r.direction, r.from])).toEqual([
      ['fail', 'inbound', 'east-1/shop/b'],
      ['plaintext', 'outbound', 'east-1/shop/c'],
      ['mtls', 'inbound', 'east-1/shop/a'],
    ]);
    expect(rows[0].scope).toBe('cross-cluster');
    expect([rows[0].clientTls, rows[0].clientTlsSource]).toEqual([
      'ISTIO_MUTUAL',
      'auto mTLS',
    ]);
  });
});

describe('strictBlockers', () => {
  it('groups plaintext callers with the service ports they reach', () => {
    expect(
      strictBlockers([
        edge('legacy', 'plaintext', 9080),
        edge('legacy', 'plaintext', 9090),
        edge('ok', 'mtls'),
      ]),
    ).toEqual([
      {
        caller: 'east-1/shop/legacy',
        services: ['bookinfo/reviews:9080', 'bookinfo/reviews:9090'],
      },
    ]);
  });
});
