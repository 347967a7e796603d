import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ClusterProblem } from '@meshplane/plugin-meshplane-common';
import { formatDateTime, formatRelativeTime, pluralize } from '../../format';

function describeProblem(problem: ClusterProblem): string {
  const data = problem.stale
    ? `showing data last synced ${formatRelativeTime(problem.lastSync)}`
    : 'no data from this cluster';
  const cause = problem.error ? `: ${problem.error.message}` : '';
  return `${problem.status}, ${data}${cause}`;
}

/**
 * The partial-failure state: which clusters' data is missing or stale in the
 * answer, and why. Renders nothing when every cluster answered.
 *
 * @public
 */
export function ClusterProblemsPanel(props: { problems: ClusterProblem[] }) {
  const { problems } = props;
  if (problems.length === 0) return null;
  const missing = problems.filter(p => !p.stale).length;
  const title =
    missing === problems.length
      ? `No data from ${pluralize(problems.length, 'cluster')}: ${problems
          .map(p => p.cluster)
          .join(', ')}`
      : `Data from ${pluralize(
          problems.length,
          'cluster',
        )} is missing or stale: ${problems.map(p => p.cluster).join(', ')}`;
  return (
    <WarningPanel severity="warning" title={title} titleFormat="markdown">
      {problems.map(problem => (
        <Typography
          key={problem.cluster}
          variant="body2"
          title={formatDateTime(problem.lastSync)}
        >
          <strong>{problem.cluster}</strong>: {describeProblem(problem)}
        </Typography>
      ))}
      <Typography variant="body2" color="textSecondary">
        Everything else on this page comes from the clusters that answered.
      </Typography>
    </WarningPanel>
  );
}
