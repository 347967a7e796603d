import {
  busierTraffic,
  describeTraffic,
  THIN_EDGE_WIDTH,
  trafficStrokeWidth,
  WIDEST_EDGE_WIDTH,
} from './edgeTraffic';

describe('edgeTraffic', () => {
  it.each([
    [0.001, THIN_EDGE_WIDTH],
    [0.01, THIN_EDGE_WIDTH],
    [0.1, 2.4],
    [1, 3.3],
    [10, 4.2],
    [100, 5.1],
    [1000, WIDEST_EDGE_WIDTH],
    [50000, WIDEST_EDGE_WIDTH],
  ])('draws %p req/s %p px wide (log scale, bounded)', (rate, width) => {
    expect(
      trafficStrokeWidth({ requestsPerSecond: rate, errorRate: 0 }),
    ).toBeCloseTo(width);
  });

  it('weighs a TCP-only edge by its bytes', () => {
    expect(
      trafficStrokeWidth({
        requestsPerSecond: 0,
        errorRate: 0,
        tcpBytesPerSecond: 1e8,
      }),
    ).toBe(WIDEST_EDGE_WIDTH);
    expect(trafficStrokeWidth({ requestsPerSecond: 0, errorRate: 0 })).toBe(
      THIN_EDGE_WIDTH,
    );
  });

  it('keeps the busier figures of two edges', () => {
    const quiet = { requestsPerSecond: 1, errorRate: 0.5 };
    const busy = { requestsPerSecond: 9, errorRate: 0 };
    expect(busierTraffic(quiet, busy)).toBe(busy);
    expect(busierTraffic(busy, quiet)).toBe(busy);
    expect(busierTraffic(undefined, quiet)).toBe(quiet);
    expect(busierTraffic(undefined, undefined)).toBeUndefined();
  });

  it('describes requests, errors, p99, TCP bytes and the plaintext share', () => {
    expect(
      describeTraffic({
        requestsPerSecond: 40,
        errorRate: 0.05,
        latencyP99Ms: 1250,
        plaintextShare: 1,
      }),
    ).toBe('40 req/s, 5% errors, p99 1.3 s, 100% plaintext');
    expect(
      describeTraffic({
        requestsPerSecond: 0,
        errorRate: 0,
        tcpBytesPerSecond: 2048,
        plaintextShare: 0,
      }),
    ).toBe('TCP 2 kB/s, 0% plaintext');
  });
});
