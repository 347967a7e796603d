export {
  formatCount,
  formatDateTime,
  formatMtlsStatus,
  formatReady,
  formatRelativeTime,
  pluralize,
} from './formatting';
