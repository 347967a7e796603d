import {
  formatCount,
  formatMtlsStatus,
  formatRelativeTime,
  pluralize,
} from './formatting';

describe('formatting', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');

  it('formats times relative to now', () => {
    expect(formatRelativeTime('2026-01-10T11:59:58Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-01-10T11:59:30Z', now)).toBe(
      '30 seconds ago',
    );
    expect(formatRelativeTime('2026-01-10T11:57:00Z', now)).toBe(
      '3 minutes ago',
    );
    expect(formatRelativeTime('2026-01-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2026-01-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime(undefined, now)).toBe('never');
    expect(formatRelativeTime('not a date', now)).toBe('not a date');
  });

  it('formats counts and plurals for people', () => {
    expect(formatCount(150000)).toBe('150,000');
    expect(pluralize(1, 'cluster')).toBe('1 cluster');
    expect(pluralize(1200, 'finding')).toBe('1,200 findings');
  });

  it('names Kiali statuses in words', () => {
    expect(formatMtlsStatus('MTLS_PARTIALLY_ENABLED')).toBe(
      'mTLS partially enabled',
    );
    expect(formatMtlsStatus('UNSET_INHERITED_STRICT')).toBe(
      'not set (inherits STRICT)',
    );
  });
});
