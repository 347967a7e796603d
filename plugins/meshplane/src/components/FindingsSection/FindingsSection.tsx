import type {
  Finding,
  FindingCounts,
} from '@meshplane/plugin-meshplane-common';
import { FindingsTable, formatCount } from '@meshplane/plugin-meshplane-react';

/** The entity's findings: code (linked), level, object, message, how to fix. */
export function FindingsSection(props: {
  findings: Finding[];
  counts: FindingCounts;
}) {
  const { findings, counts } = props;
  return (
    <FindingsTable
      title={`Findings (${formatCount(counts.Error)} errors, ${formatCount(
        counts.Warning,
      )} warnings, ${formatCount(counts.Info)} info)`}
      findings={findings}
    />
  );
}
