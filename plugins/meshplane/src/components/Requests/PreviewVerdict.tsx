import { StatusError, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  previewVerdict,
  type RequestPreview,
} from '@meshplane/plugin-meshplane-common';

/**
 * A preview's one-line verdict (`previewVerdict`), marked as an error when
 * the request breaks traffic: what the request page opens with and what the
 * templates' Preview step shows before Create.
 */
export function PreviewVerdict(props: { preview: RequestPreview }) {
  const { preview } = props;
  const Status = preview.breaking ? StatusError : StatusOK;
  return (
    <Box
      display="flex"
      alignItems="flex-start"
      data-testid="meshplane-preview-verdict"
    >
      <Status />
      <Typography
        variant="body1"
        color={preview.breaking ? 'error' : 'textPrimary'}
        component="span"
      >
        {previewVerdict(preview)}
      </Typography>
    </Box>
  );
}
