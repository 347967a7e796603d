import { InfoCard, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  ClusterPreview,
  EdgeChange,
  RequestPreview,
} from '@meshplane/plugin-meshplane-common';
import {
  EdgeOutcomeLabel,
  FindingCodeLink,
  FindingLevelLabel,
  formatByteRate,
  formatDateTime,
  formatRequestRate,
  formatShare,
  MtlsStatusLabel,
} from '@meshplane/plugin-meshplane-react';

/** An observed edge's traffic in words: requests (or bytes) per second, errors, plaintext share. */
function observedText(change: EdgeChange): string {
  const o = change.after.observed ?? change.before.observed;
  if (!o) return '';
  const volume =
    o.requestsPerSecond !== undefined
      ? formatRequestRate(o.requestsPerSecond)
      : formatByteRate(o.tcpBytesPerSecond ?? 0);
  const errors = o.errorRate ? `, ${formatShare(o.errorRate)} errors` : '';
  const plaintext = o.tls.plaintext
    ? `, ${formatShare(o.tls.plaintext)} plaintext`
    : '';
  return `${volume}${errors}${plaintext} (${o.reporter} reporter)`;
}

function EdgeChanges(props: { title: string; changes: EdgeChange[] }) {
  if (props.changes.length === 0) return null;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">{props.title}</Typography>
      <ul>
        {props.changes.map(({ before, after }) => (
          <li
            key={`${after.from.cluster}/${after.from.namespace}/${
              after.from.workload
            }->${after.to.cluster}/${after.to.namespace}/${after.to.service}:${
              after.to.port
            }/${after.to.subset ?? ''}`}
          >
            <Typography variant="body2" component="span">
              {after.from.namespace}/{after.from.workload} ({after.from.cluster}
              ) → {after.to.service}.{after.to.namespace}:{after.to.port}
              {after.to.subset ? ` (${after.to.subset})` : ''} in{' '}
              {after.to.cluster}:{' '}
            </Typography>
            <EdgeOutcomeLabel outcome={before.outcome} /> →{' '}
            <EdgeOutcomeLabel outcome={after.outcome} />
            {(after.observed || before.observed) && (
              <Typography variant="body2" component="span">
                {' '}
                observed: {observedText({ before, after })}
              </Typography>
            )}
            <Typography variant="caption" display="block" color="textSecondary">
              {after.reason}
            </Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
}

function ClusterPreviewCard(props: { preview: ClusterPreview }) {
  const { preview } = props;
  const { impact } = preview;
  return (
    <Box mb={3} data-testid={`preview-${preview.cluster}`}>
      <Typography variant="h6">{preview.cluster}</Typography>
      {preview.problem && (
        <Typography variant="body2" color="error">
          Live data of this cluster is{' '}
          {preview.problem.stale ? 'stale' : 'missing'} (
          {preview.problem.status}): the preview compares with what is known.
        </Typography>
      )}
      {preview.objects.map(object => (
        <Box key={`${object.kind}/${object.namespace}/${object.name}`} mt={1}>
          <Typography variant="body2">
            <strong>{object.change}</strong> {object.kind} {object.namespace}/
            {object.name}
          </Typography>
          {object.diff && (
            <Box
              component="pre"
              fontSize={12}
              p={1}
              m={0}
              bgcolor="background.default"
              style={{ overflowX: 'auto' }}
            >
              {object.diff
                .split('\n')
                .filter(line => !line.startsWith('===='))
                .join('\n')}
            </Box>
          )}
        </Box>
      ))}
      {impact.observedAffected && (
        <Box mt={2} data-testid={`preview-observed-${preview.cluster}`}>
          {impact.observedAffected.length === 0 ? (
            <Typography variant="body2">
              Observed traffic affected: none of the edges it breaks carried
              traffic in the window.
            </Typography>
          ) : (
            <EdgeChanges
              title="Observed traffic affected: these callers are calling now"
              changes={impact.observedAffected}
            />
          )}
        </Box>
      )}
      <EdgeChanges
        title="Edges that would start failing"
        changes={impact.startFailing}
      />
      <EdgeChanges
        title="Edges an AuthorizationPolicy would deny"
        changes={impact.startDenied}
      />
      <EdgeChanges
        title="Edges that would stop being mTLS"
        changes={impact.stopMtls}
      />
      <EdgeChanges title="Edges that get better" changes={impact.improved} />
      {impact.namespaces.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Namespace mTLS status</Typography>
          {impact.namespaces.map(ns => (
            <Typography variant="body2" key={ns.namespace} component="div">
              {ns.namespace}: <MtlsStatusLabel status={ns.before} /> →{' '}
              <MtlsStatusLabel status={ns.after} />
            </Typography>
          ))}
        </Box>
      )}
      {[
        { title: 'Findings that would appear', findings: impact.findingsAdded },
        {
          title: 'Findings that would go away',
          findings: impact.findingsRemoved,
        },
      ]
        .filter(group => group.findings.length > 0)
        .map(group => (
          <Box mt={2} key={group.title}>
            <Typography variant="subtitle2">{group.title}</Typography>
            {group.findings.map(finding => (
              <Typography
                variant="body2"
                component="div"
                key={`${finding.code}/${finding.resource.kind}/${finding.resource.namespace}/${finding.resource.name}/${finding.message}`}
              >
                <FindingLevelLabel level={finding.level} />{' '}
                <FindingCodeLink code={finding.code} /> {finding.resource.kind}{' '}
                {finding.resource.namespace}/{finding.resource.name}:{' '}
                {finding.message}
              </Typography>
            ))}
          </Box>
        ))}
    </Box>
  );
}

/**
 * A request's preview: per cluster, the objects it creates or changes (with
 * a diff against the live ones) and its impact on the posture.
 */
export function PreviewSection(props: {
  preview?: RequestPreview;
  action?: JSX.Element;
}) {
  const { preview } = props;
  return (
    <div data-testid="meshplane-request-preview">
      <InfoCard
        title="Preview"
        subheader={
          preview
            ? `Computed ${formatDateTime(
                preview.computedAt,
              )} against the live fleet`
            : undefined
        }
        action={props.action}
      >
        {!preview && (
          <Typography variant="body2">No preview stored.</Typography>
        )}
        {preview?.breaking && (
          <WarningPanel
            severity="error"
            title="This request breaks traffic"
            message="Some edges would start failing, be denied or stop being mTLS: see below."
          />
        )}
        {preview?.traffic && (
          <Typography variant="body2" data-testid="preview-traffic">
            {preview.traffic.joined
              ? `Checked against the traffic observed in the last ${
                  preview.traffic.window
                }${
                  preview.traffic.observedAt
                    ? `, as of ${formatDateTime(preview.traffic.observedAt)}`
                    : ''
                }.`
              : `Observed traffic unknown: no metrics source answered (${preview.traffic.sources
                  .map(
                    x =>
                      `${x.host ?? x.source ?? x.clusters.join(', ')}: ${
                        x.lastError?.message ?? x.status
                      }`,
                  )
                  .join('; ')}).`}
          </Typography>
        )}
        {preview?.clusters.map(cluster => (
          <ClusterPreviewCard key={cluster.cluster} preview={cluster} />
        ))}
      </InfoCard>
    </div>
  );
}
