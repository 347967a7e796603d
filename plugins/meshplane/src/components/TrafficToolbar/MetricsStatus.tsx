import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  EntityMetrics,
  MetricsSourceStatus,
} from '@meshplane/plugin-meshplane-common';
import {
  formatDateTime,
  formatRelativeTime,
  pluralize,
} from '@meshplane/plugin-meshplane-react';

/** A source by its host, else its config key. */
function sourceName(source: MetricsSourceStatus): string {
  return source.host ?? source.source ?? 'the metrics source';
}

/** `12:00:05`, local: when the window of the answer ends. */
function timeOfDay(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleTimeString();
}

/** What a source that is down costs the answer: part of its traffic, or all of it. */
function downTitle(source: MetricsSourceStatus, joined: boolean): string {
  const clusters = source.clusters.join(', ');
  return joined
    ? `Metrics source ${sourceName(
        source,
      )} is down: partial traffic, the answer shows configuration only for ${clusters}`
    : `Metrics source ${sourceName(
        source,
      )} is down: the answer shows configuration only, no observed traffic`;
}

/**
 * What the answer's traffic is: its window and time when joined; a warning
 * per source that is down (its host and its failure), a note per slow source,
 * and the clusters without a source. Metrics never make the tab fail: without
 * them the answer is the configuration's, and this says so.
 */
export function MetricsStatus(props: { metrics: EntityMetrics }) {
  const { metrics } = props;
  const down = metrics.sources.filter(s => s.status === 'down');
  const slow = metrics.sources.filter(s => s.status === 'slow');
  const unconfigured = metrics.sources
    .filter(s => s.status === 'not-configured')
    .flatMap(s => s.clusters);
  return (
    <Box mb={1} data-testid="meshplane-metrics-status">
      {metrics.joined ? (
        <Typography variant="body2" color="textSecondary">
          Traffic of the last {metrics.window}
          {metrics.observedAt && (
            <>
              , as of{' '}
              <span title={formatDateTime(metrics.observedAt)}>
                {timeOfDay(metrics.observedAt)}
              </span>
            </>
          )}
        </Typography>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No observed traffic joined: the answer shows the configuration only.
        </Typography>
      )}
      {down.map(source => (
        <Box key={`${source.source}-${source.clusters.join()}`} my={1}>
          <WarningPanel
            severity="warning"
            title={downTitle(source, metrics.joined)}
            defaultExpanded
          >
            <Typography variant="body2">
              {source.lastError?.message ??
                `${sourceName(source)} did not answer.`}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {source.source ? `${source.source} · ` : ''}
              {source.lastError
                ? `${source.lastError.reason} ${formatRelativeTime(
                    source.lastError.at,
                  )} · `
                : ''}
              last usable answer {formatRelativeTime(source.lastAnswerAt)}
            </Typography>
          </WarningPanel>
        </Box>
      ))}
      {slow.map(source => (
        <Typography
          key={`${source.source}-${source.clusters.join()}`}
          variant="body2"
          color="textSecondary"
        >
          Metrics source {sourceName(source)} is slow
          {source.durationMs !== undefined
            ? ` (its last answer took ${Math.round(source.durationMs)} ms)`
            : ''}
          ; its figures are shown.
        </Typography>
      ))}
      {unconfigured.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {`No metrics source for ${pluralize(
            unconfigured.length,
            'cluster',
          )} (${unconfigured.join(
            ', ',
          )}): their connections show configuration only.`}
        </Typography>
      )}
    </Box>
  );
}
