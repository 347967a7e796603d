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

/** A short stroke as the graph draws an edge. */
function EdgeSample(props: { color: string; width?: number; dash?: string }) {
  return (
    <svg width={28} height={8} aria-hidden>
      <line
        x1={0}
        y1={4}
        x2={28}
        y2={4}
        stroke={props.color}
        strokeWidth={props.width ?? 3}
        strokeDasharray={props.dash}
      />
    </svg>
  );
}

/** Edge colours and node shapes of the topology; with traffic, what an edge's width and dash-dots say. */
export function TopologyLegend(props: { traffic?: boolean }) {
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
          <EdgeSample
            color={edgeOutcomeColor(theme, outcome)}
            dash={outcome === 'excluded' ? '5 4' : undefined}
          />
          <Typography variant="caption">{label}</Typography>
        </Box>
      ))}
      {props.traffic && (
        <>
          <Box display="flex" alignItems="center" style={{ gap: 6 }}>
            <EdgeSample color={theme.palette.text.secondary} width={1.5} />
            <EdgeSample color={theme.palette.text.secondary} width={6} />
            <Typography variant="caption">
              width: requests per second (thin: none observed)
            </Typography>
          </Box>
          <Box display="flex" alignItems="center" style={{ gap: 6 }}>
            <EdgeSample
              color={edgeOutcomeColor(theme, undefined)}
              dash="8 3 2 3"
            />
            <Typography variant="caption">
              observed, no configuration allows it
            </Typography>
          </Box>
        </>
      )}
      <Typography variant="caption" color="textSecondary">
        W workload · S service (rounded) · VM virtual machine (dashed) · GW
        gateway (thick) · WP ambient waypoint (bevelled) · EX outside the mesh
        (dotted) · bold border: this entity
      </Typography>
    </Box>
  );
}
