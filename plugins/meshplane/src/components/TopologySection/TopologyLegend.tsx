import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { EdgeOutcome } from '@meshplane/plugin-meshplane-common';
import { edgeOutcomeColor } from '@meshplane/plugin-meshplane-react';

const ENTRIES: Array<[EdgeOutcome, string]> = [
  ['mtls', 'mTLS'],
  ['plaintext', 'plaintext'],
  ['fail', 'will fail'],
  ['denied', 'denied by policy'],
  ['excluded', 'excluded endpoints'],
];

/** Edge colours and node shapes of the topology. */
export function TopologyLegend() {
  const theme = useTheme();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      mt={1}
      style={{ gap: 16 }}
    >
      {ENTRIES.map(([outcome, label]) => (
        <Box
          key={outcome}
          display="flex"
          alignItems="center"
          style={{ gap: 6 }}
        >
          <svg width={28} height={8} aria-hidden>
            <line
              x1={0}
              y1={4}
              x2={28}
              y2={4}
              stroke={edgeOutcomeColor(theme, outcome)}
              strokeWidth={3}
              strokeDasharray={outcome === 'excluded' ? '5 4' : undefined}
            />
          </svg>
          <Typography variant="caption">{label}</Typography>
        </Box>
      ))}
      <Typography variant="caption" color="textSecondary">
        W workload · S service (rounded) · VM virtual machine (dashed) · GW
        gateway (thick) · WP ambient waypoint (bevelled) · EX outside the mesh
        (dotted) · bold border: this entity
      </Typography>
    </Box>
  );
}
