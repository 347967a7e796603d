import { ReactNode } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Finding, MessageLevel } from '@meshplane/plugin-meshplane-common';
import { BreakableText } from '../../format';
import { FindingCodeLink } from '../FindingCodeLink';
import { FindingLevelLabel } from '../StatusLabels';

interface FindingRow {
  id: string;
  level: MessageLevel;
  code: string;
  cluster: string;
  object: string;
  message: string;
  fix: string;
  /** Where the finding shows in the portal (its service's or cluster's page). */
  subject?: FindingSubjectLink;
}

/**
 * A page a finding leads to: `what` names it ("service", "cluster"), `name`
 * is the link text.
 *
 * @public
 */
export interface FindingSubjectLink {
  what: string;
  name: string;
  href: string;
}

/** Where to change what, in words: the field of the object (named in its own column). */
export function describeFix(finding: Finding): string {
  const where = finding.path ? `Change ${finding.path}` : 'Change this object';
  return `${where}; the ${finding.code} documentation explains how.`;
}

function toRow(
  finding: Finding,
  index: number,
  subjectLink?: (finding: Finding) => FindingSubjectLink | undefined,
): FindingRow {
  const { resource } = finding;
  const subject = subjectLink?.(finding);
  return {
    ...(subject ? { subject } : {}),
    id: `${index}`,
    level: finding.level,
    code: finding.code,
    cluster: resource.cluster,
    object: `${resource.kind} ${
      resource.namespace ? `${resource.namespace}/` : ''
    }${resource.name}`,
    message: finding.message,
    fix: describeFix(finding),
  };
}

const useStyles = makeStyles({
  // Beside the filters, the table's toolbar is only as wide as its content, whose
  // spacer (flex-basis 10 %) then takes that room from the title.
  fullToolbar: { '& .MuiToolbar-root': { flexGrow: 1 } },
});

/*
 * Fixed table layout: the level, code and cluster columns get what their header
 * (with the room of its sort arrow) and longest word need at 1280 px ("Warning"
 * with its icon, "CLUSTER"); object,
 * message and fix have no width and share the rest (material-table gives each
 * `calc(100% / n)`), wrapping between words and after the separators of paths.
 */
const columns: TableColumn<FindingRow>[] = [
  {
    title: 'Level',
    field: 'level',
    width: '128px',
    render: row => <FindingLevelLabel level={row.level} />,
  },
  {
    title: 'Code',
    field: 'code',
    width: '116px',
    render: row => <FindingCodeLink code={row.code} />,
  },
  {
    title: 'Cluster',
    field: 'cluster',
    width: '136px',
    render: row => <BreakableText text={row.cluster} />,
  },
  {
    title: 'Object',
    field: 'object',
    render: row => (
      <>
        <Typography variant="body2">
          <BreakableText text={row.object} />
        </Typography>
        {row.subject && (
          <Typography variant="caption" color="textSecondary">
            {row.subject.what}{' '}
            <Link to={row.subject.href}>{row.subject.name}</Link>
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Message',
    field: 'message',
    render: row => (
      <Typography variant="body2">
        <BreakableText text={row.message} />
      </Typography>
    ),
  },
  {
    title: 'How to fix',
    field: 'fix',
    render: row => (
      <Typography variant="body2" color="textSecondary">
        <BreakableText text={row.fix} />
      </Typography>
    ),
  },
];

/**
 * Findings (`IST…`, `KIA…`, `MPL…`) with level, linked code, object, message
 * and how to fix, filterable by level, code and cluster, searchable.
 *
 * @public
 */
export function FindingsTable(props: {
  findings: Finding[];
  title?: string;
  /** Shown instead of the table when there are no findings. */
  emptyContent?: ReactNode;
  /**
   * The page each finding leads to, shown under its object: e.g. the Mesh
   * tab of the service it concerns (`Finding.service`).
   */
  subjectLink?: (finding: Finding) => FindingSubjectLink | undefined;
}) {
  const { findings, title = 'Findings', emptyContent, subjectLink } = props;
  const classes = useStyles();
  return (
    <div className={classes.fullToolbar}>
      <Table<FindingRow>
        title={title}
        data={findings.map((finding, index) =>
          toRow(finding, index, subjectLink),
        )}
        columns={columns}
        filters={[
          { column: 'Level', type: 'multiple-select' },
          { column: 'Code', type: 'multiple-select' },
          { column: 'Cluster', type: 'select' },
        ]}
        options={{
          search: true,
          paging: findings.length > 20,
          pageSize: 20,
          padding: 'dense',
          emptyRowsWhenPaging: false,
          tableLayout: 'fixed',
        }}
        emptyContent={
          emptyContent ?? (
            <Typography style={{ padding: 16 }}>
              No findings: the configuration passes every check.
            </Typography>
          )
        }
      />
    </div>
  );
}
