import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import type { TrafficWindow } from '@meshplane/plugin-meshplane-common';
import type { EntityTrafficQuery } from '@meshplane/plugin-meshplane-react';

const WINDOWS: TrafficWindow[] = ['5m', '1h', '24h'];

const CALLERS: Array<[NonNullable<EntityTrafficQuery['callers']>, string]> = [
  ['observed', 'Observed traffic'],
  ['all', 'All permitted callers'],
];

/** A row of buttons of which one is pressed, as a toggle group. */
function ToggleGroup<T extends string>(props: {
  label: string;
  options: Array<[T, string]>;
  value: T;
  disabled?: boolean;
  title?: string;
  onChange: (value: T) => void;
}) {
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
      <ButtonGroup
        size="small"
        aria-label={props.label}
        disabled={props.disabled}
        title={props.title}
      >
        {props.options.map(([option, text]) => {
          const pressed = option === props.value;
          return (
            <Button
              key={option}
              aria-pressed={pressed}
              variant={pressed ? 'contained' : 'outlined'}
              color={pressed ? 'primary' : 'default'}
              disableElevation
              // A pressed option is still chosen explicitly: the backend's default may change
              // (observed callers once a metrics source answers).
              onClick={() => props.onChange(option)}
            >
              {text}
            </Button>
          );
        })}
      </ButtonGroup>
    </Box>
  );
}

/**
 * The Mesh tab's traffic controls: the window observed traffic is averaged
 * over, and whether the topology and the posture list only the observed
 * connections or every permitted one. A change refetches the answer; the
 * previous one stays on screen meanwhile, with a spinner here.
 */
export function TrafficToolbar(props: {
  window: TrafficWindow;
  callers: NonNullable<EntityTrafficQuery['callers']>;
  /** Whether traffic was joined: without it the answer lists every permitted caller either way. */
  joined: boolean;
  loading: boolean;
  onChange: (query: EntityTrafficQuery) => void;
}) {
  const { onChange } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      my={1}
      style={{ gap: 24 }}
      data-testid="meshplane-traffic-toolbar"
    >
      <ToggleGroup
        label="Traffic window"
        options={WINDOWS.map(w => [w, w])}
        value={props.window}
        onChange={window => onChange({ window })}
      />
      <ToggleGroup
        label="Show"
        options={CALLERS}
        value={props.callers}
        title={
          props.joined
            ? undefined
            : 'No observed traffic in this answer: every permitted caller is listed either way'
        }
        onChange={callers => onChange({ callers })}
      />
      {props.loading && (
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <CircularProgress size={16} aria-label="Loading traffic" />
          <Typography variant="body2" color="textSecondary">
            Loading…
          </Typography>
        </Box>
      )}
    </Box>
  );
}
