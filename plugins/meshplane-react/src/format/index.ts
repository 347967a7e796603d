export {
  formatCount,
  formatDateTime,
  formatMtlsStatus,
  formatReady,
  formatRelativeTime,
  pluralize,
} from './formatting';
export {
  formatServerMode,
  formatWorkloadPolicy,
  postureProxy,
} from './posture';
export { BreakableText, breakableParts } from './BreakableText';
export {
  formatByteRate,
  formatLatency,
  formatRequestRate,
  formatShare,
  formatTlsShares,
} from './traffic';
