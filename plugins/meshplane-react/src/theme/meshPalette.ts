import type { Theme } from '@material-ui/core/styles';
import type { EdgeOutcome } from '@meshplane/plugin-meshplane-common';

/**
 * Colour of an edge outcome in the current theme (light or dark): mTLS green,
 * plaintext amber, fail red, denied dark red, excluded and unknown grey.
 *
 * @public
 */
export function edgeOutcomeColor(
  theme: Theme,
  outcome: EdgeOutcome | undefined,
): string {
  switch (outcome) {
    case 'mtls':
      return theme.palette.success.main;
    case 'plaintext':
      return theme.palette.warning.main;
    case 'fail':
      return theme.palette.error.main;
    case 'denied':
      return theme.palette.error.dark;
    default:
      return theme.palette.text.disabled;
  }
}
