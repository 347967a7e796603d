import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** A value offered by a {@link PickList}, with what the user recognises it by. */
export interface PickOption {
  value: string;
  /** Where it runs, what uses it: shown after the value. */
  detail?: string;
}

/**
 * Checkboxes for values read from the fleet, grouped (by namespace), and an
 * entry for a value that is not offered (an identity or host outside the
 * workspace), checked with `checkOther` before it is added. Values chosen
 * that are not offered are shown as removable chips.
 */
export function PickList(props: {
  id: string;
  groups: Array<{ title: string; options: PickOption[] }>;
  selected: string[];
  onChange: (selected: string[]) => void;
  /** Label of the entry for other values. */
  otherLabel: string;
  /** Help under the entry: the form a value takes, with an example. */
  otherHelp: string;
  checkOther: (value: string) => string | undefined;
  disabled?: boolean;
}) {
  const { selected, onChange } = props;
  const [other, setOther] = useState('');
  const [problem, setProblem] = useState<string>();
  const offered = new Set(
    props.groups.flatMap(group => group.options.map(o => o.value)),
  );
  const others = selected.filter(value => !offered.has(value));
  const toggle = (value: string) =>
    onChange(
      selected.includes(value)
        ? selected.filter(v => v !== value)
        : [...selected, value],
    );
  const add = () => {
    const value = other.trim();
    const invalid = props.checkOther(value);
    setProblem(invalid);
    if (invalid) return;
    if (!selected.includes(value)) onChange([...selected, value]);
    setOther('');
  };

  return (
    <Box>
      {props.groups.map(group => (
        <FormGroup key={group.title}>
          <Typography variant="subtitle2">{group.title}</Typography>
          {group.options.map(option => (
            <FormControlLabel
              key={option.value}
              disabled={props.disabled}
              control={
                <Checkbox
                  checked={selected.includes(option.value)}
                  onChange={() => toggle(option.value)}
                  name={option.value}
                />
              }
              label={
                <>
                  {option.value}
                  {option.detail && ' — '}
                  {option.detail && (
                    <Typography
                      variant="body2"
                      color="textSecondary"
                      component="span"
                    >
                      {option.detail}
                    </Typography>
                  )}
                </>
              }
            />
          ))}
        </FormGroup>
      ))}
      {others.length > 0 && (
        <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 8 }}>
          {others.map(value => (
            <Chip
              key={value}
              label={value}
              disabled={props.disabled}
              onDelete={() => toggle(value)}
            />
          ))}
        </Box>
      )}
      <Box display="flex" alignItems="flex-start" mt={1} style={{ gap: 8 }}>
        <TextField
          id={`${props.id}-other`}
          label={props.otherLabel}
          size="small"
          variant="outlined"
          value={other}
          disabled={props.disabled}
          error={problem !== undefined}
          helperText={problem ?? props.otherHelp}
          onChange={event => {
            setOther(event.target.value);
            setProblem(undefined);
          }}
          onKeyDown={event => {
            // Enter adds the value instead of submitting the step.
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          style={{ minWidth: 320 }}
        />
        <Button
          variant="outlined"
          aria-label={`Add ${props.otherLabel.toLocaleLowerCase('en-US')}`}
          disabled={props.disabled || other.trim() === ''}
          onClick={add}
        >
          Add
        </Button>
      </Box>
    </Box>
  );
}
