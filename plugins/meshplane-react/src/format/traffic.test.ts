import {
  formatByteRate,
  formatLatency,
  formatRate,
  formatRequestRate,
  formatShare,
  formatTlsShares,
} from './traffic';

describe('traffic formatting', () => {
  it.each([
    [0, '0 req/s'],
    [0.004, '<0.01 req/s'],
    [0.25, '0.25 req/s'],
    [3.456, '3.46 req/s'],
    [12.54, '12.5 req/s'],
    [1250.4, '1,250 req/s'],
  ])('writes %p requests per second as %p', (rate, text) => {
    expect(formatRequestRate(rate)).toBe(text);
    expect(formatRate(rate)).toBe(text.replace(' req/s', ''));
  });

  it.each([
    [0, '0%'],
    [0.0004, '<0.1%'],
    [0.0123, '1.2%'],
    [0.35, '35%'],
    [0.99999, '>99.9%'],
    [1, '100%'],
  ])('writes the share %p as %p', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it.each([
    [4.25, '4.3 ms'],
    [180.4, '180 ms'],
    [1234, '1.2 s'],
  ])('writes %p ms as %p', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });

  it.each([
    [512, '512 B/s'],
    [1234, '1.2 kB/s'],
    [3_400_000, '3.4 MB/s'],
  ])('writes %p bytes per second as %p', (bytes, text) => {
    expect(formatByteRate(bytes)).toBe(text);
  });

  it('names the observed TLS, largest share first, one kind by its name alone', () => {
    expect(formatTlsShares({ mutualTls: 1, plaintext: 0, unknown: 0 })).toBe(
      'mTLS',
    );
    expect(formatTlsShares({ mutualTls: 0, plaintext: 1, unknown: 0 })).toBe(
      'plaintext',
    );
    expect(
      formatTlsShares({ mutualTls: 0.38, plaintext: 0.62, unknown: 0 }),
    ).toBe('62% plaintext, 38% mTLS');
    expect(formatTlsShares({ mutualTls: 0, plaintext: 0, unknown: 0 })).toBe(
      '—',
    );
  });
});
