import type { Edge } from '@meshplane/plugin-meshplane-common';
import { edgeRows } from './edgeRows';

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
  it('merges both directions worst first, keeping the order of each within an outcome, and names cluster, namespace and workload', () => {
    const rows = edgeRows(
      [edge('b', 'fail'), edge('z', 'excluded'), edge('a', 'excluded')],
      [edge('c', 'plaintext'), edge('d', 'mtls'), edge('e', 'excluded')],
    );
    expect(rows.map(r => [r.outcome, r.direction, r.from])).toEqual([
      ['fail', 'inbound', 'east-1/shop/b'],
      ['plaintext', 'outbound', 'east-1/shop/c'],
      ['excluded', 'inbound', 'east-1/shop/z'],
      ['excluded', 'inbound', 'east-1/shop/a'],
      ['excluded', 'outbound', 'east-1/shop/e'],
      ['mtls', 'outbound', 'east-1/shop/d'],
    ]);
    expect(rows[0].scope).toBe('cross-cluster');
    expect([rows[0].clientTls, rows[0].clientTlsSource]).toEqual([
      'ISTIO_MUTUAL',
      'auto mTLS',
    ]);
  });

  it('names the ztunnel as the TLS source, the transport, the waypoint passed and the denying policy', () => {
    const [row] = edgeRows(
      [
        {
          ...edge('ambient-client', 'denied'),
          clientTls: 'HBONE',
          clientTlsSource: 'ztunnel',
          transport: 'hbone',
          via: [{ kind: 'waypoint', namespace: 'shop', name: 'waypoint' }],
          deniedBy: {
            kind: 'AuthorizationPolicy',
            cluster: 'east-1',
            namespace: 'shop',
            name: 'cart-no-sandbox',
          },
        },
      ],
      [],
    );
    expect(row).toMatchObject({
      clientTls: 'HBONE',
      clientTlsSource: 'ztunnel',
      transport: 'HBONE',
      via: 'waypoint shop/waypoint',
      deniedBy: 'AuthorizationPolicy shop/cart-no-sandbox',
    });
    const [plain] = edgeRows([edge('x', 'mtls')], []);
    expect(plain.via).toBeUndefined();
    expect(plain.transport).toBeUndefined();
  });
});
