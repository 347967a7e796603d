import type { TrafficTlsShares } from '@meshplane/plugin-meshplane-common';

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 2,
});
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * A rate (per second) for people, without its unit: `1,250`, `12.5`, `0.25`, `<0.01` (a
 * trickle is not nothing), `0`.
 */
export function formatRate(perSecond: number): string {
  if (perSecond <= 0) return '0';
  if (perSecond < 0.01) return '<0.01';
  let digits = twoDecimals;
  if (perSecond >= 100) digits = whole;
  else if (perSecond >= 10) digits = oneDecimal;
  return digits.format(perSecond);
}

/**
 * A request rate for people: `1,250 req/s`, `12.5 req/s`, `<0.01 req/s`, `0 req/s`.
 *
 * @public
 */
export function formatRequestRate(requestsPerSecond: number): string {
  return `${formatRate(requestsPerSecond)} req/s`;
}

/**
 * A share (0..1) as a percentage: `35%`, `1.2%`, `<0.1%` (some, however few), `0%`.
 *
 * @public
 */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent <= 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  if (percent >= 99.95 && percent < 100) return '>99.9%';
  return `${(percent < 10 ? oneDecimal : whole).format(percent)}%`;
}

/**
 * A latency in milliseconds: `4.2 ms`, `180 ms`, `1.2 s`.
 *
 * @public
 */
export function formatLatency(milliseconds: number): string {
  if (milliseconds >= 1000)
    return `${oneDecimal.format(milliseconds / 1000)} s`;
  return `${(milliseconds < 10 ? oneDecimal : whole).format(milliseconds)} ms`;
}

const BYTE_UNITS: Array<[string, number]> = [
  ['GB/s', 1e9],
  ['MB/s', 1e6],
  ['kB/s', 1e3],
];

/**
 * TCP throughput: `512 B/s`, `1.2 kB/s`, `3.4 MB/s`.
 *
 * @public
 */
export function formatByteRate(bytesPerSecond: number): string {
  for (const [unit, size] of BYTE_UNITS) {
    if (bytesPerSecond >= size)
      return `${oneDecimal.format(bytesPerSecond / size)} ${unit}`;
  }
  return `${whole.format(bytesPerSecond)} B/s`;
}

/**
 * The TLS observed on an edge (Istio's `connection_security_policy`), largest share first:
 * `mTLS`, `plaintext`, `62% plaintext, 38% mTLS`; `unknown` is what a source proxy reports.
 * No traffic to weigh the shares by: `—`.
 *
 * @public
 */
export function formatTlsShares(tls: TrafficTlsShares): string {
  const shares = [
    { name: 'mTLS', share: tls.mutualTls },
    { name: 'plaintext', share: tls.plaintext },
    { name: 'unknown', share: tls.unknown },
  ].filter(s => s.share > 0);
  if (shares.length === 0) return '—';
  if (shares.length === 1) return shares[0].name;
  return shares
    .sort((a, b) => b.share - a.share)
    .map(s => `${formatShare(s.share)} ${s.name}`)
    .join(', ');
}
