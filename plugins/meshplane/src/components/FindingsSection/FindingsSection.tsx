import type {
  Finding,
  FindingCounts,
} from '@meshplane/plugin-meshplane-common';
import {
  FindingsTable,
  formatCount,
  pluralize,
} from '@meshplane/plugin-meshplane-react';

/** The entity's findings: code (linked), level, object, message, how to fix. */
export function FindingsSection(props: {
  findings: Finding[];
  counts: FindingCounts;
}) {
  const { findings, counts } = props;
  return (
    <div data-testid="meshplane-findings">
      <FindingsTable
        title={`Findings (${pluralize(counts.Error, 'error')}, ${pluralize(
          counts.Warning,
          'warning',
        )}, ${formatCount(counts.Info)} info)`}
        findings={findings}
      />
    </div>
  );
}
