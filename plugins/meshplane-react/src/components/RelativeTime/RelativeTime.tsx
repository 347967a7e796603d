import { formatDateTime, formatRelativeTime } from '../../format';

/**
 * A time relative to now (`3 minutes ago`, `never`), with the full local date
 * and time on hover.
 *
 * @public
 */
export function RelativeTime(props: { at: string | undefined }) {
  return (
    <span title={formatDateTime(props.at)}>{formatRelativeTime(props.at)}</span>
  );
}
