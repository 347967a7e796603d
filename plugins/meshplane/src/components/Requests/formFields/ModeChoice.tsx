import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';

/** One choice of a mode field, with the sentence that says what it does. */
export interface ModeOption<T extends string> {
  value: T;
  label: string;
  description: string;
}

/**
 * Radio buttons for a mode, each with what it means underneath, so the
 * choice is explained where it is made.
 */
export function ModeChoice<T extends string>(props: {
  name: string;
  options: ModeOption<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  return (
    <RadioGroup
      name={props.name}
      value={props.value ?? ''}
      onChange={event => props.onChange(event.target.value as T)}
    >
      {props.options.map(option => (
        <FormControlLabel
          key={option.value}
          value={option.value}
          disabled={props.disabled}
          control={<Radio color="primary" />}
          label={
            <>
              <Typography variant="body1" component="span">
                {option.label}
              </Typography>
              <Typography
                variant="body2"
                color="textSecondary"
                component="span"
                display="block"
              >
                {option.description}
              </Typography>
            </>
          }
          style={{ alignItems: 'flex-start', marginBottom: 4 }}
        />
      ))}
    </RadioGroup>
  );
}
