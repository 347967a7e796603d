import Typography from '@material-ui/core/Typography';
import { formatDateTime } from '@meshplane/plugin-meshplane-react';

/**
 * The failure that explains a status, under it in a table cell (a cluster's, a metrics
 * source's): its message, with its reason and time on hover.
 */
export function LastErrorCaption(props: {
  error?: { reason: string; message: string; at: string };
}) {
  const { error } = props;
  if (!error) return null;
  return (
    <Typography
      variant="caption"
      color="error"
      component="div"
      title={`${error.reason}, ${formatDateTime(error.at)}`}
    >
      {error.message}
    </Typography>
  );
}
