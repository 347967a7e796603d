import type { MtlsStatus } from '@meshplane/plugin-meshplane-common';

const numberFormat = new Intl.NumberFormat('en-US');

/** `12345` → `12,345`. @public */
export function formatCount(value: number): string {
  return numberFormat.format(value);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * An ISO 8601 time relative to now, for people: `12 seconds ago`,
 * `3 hours ago`, `yesterday`; `never` when absent, the raw text when unparsable.
 *
 * @public
 */
export function formatRelativeTime(
  iso: string | undefined,
  now: number = Date.now(),
): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 5) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return relativeFormat.format(Math.trunc(seconds / size), unit);
    }
  }
  return iso;
}

/** An ISO 8601 time as a full local date and time, for hover titles. @public */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return 'never';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleString();
}

/** `3/4 ready`. @public */
export function formatReady(ready: number, total: number): string {
  return `${formatCount(ready)}/${formatCount(total)} ready`;
}

/** `1 cluster`, `3 clusters`. @public */
export function pluralize(
  count: number,
  singular: string,
  plural = `${singular}s`,
): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

const MTLS_STATUS_TEXT: Record<MtlsStatus, string> = {
  MTLS_ENABLED: 'mTLS enabled',
  MTLS_PARTIALLY_ENABLED: 'mTLS partially enabled',
  MTLS_NOT_ENABLED: 'mTLS not enabled',
  MTLS_DISABLED: 'mTLS disabled',
  UNSET: 'not set',
  UNSET_INHERITED_STRICT: 'not set (inherits STRICT)',
  UNSET_INHERITED_DISABLED: 'not set (inherits DISABLE)',
};

/** Kiali's mTLS status names in words (`MTLS_PARTIALLY_ENABLED` → `mTLS partially enabled`). @public */
export function formatMtlsStatus(status: MtlsStatus): string {
  return MTLS_STATUS_TEXT[status] ?? status;
}
