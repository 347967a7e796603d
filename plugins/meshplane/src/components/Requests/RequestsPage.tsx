import { Content, Header, Page } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { RequestApprovalState } from '@meshplane/plugin-meshplane-common';
import { Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import { RequestDetailView } from './RequestDetailView';
import { RequestsTable } from './RequestsTable';

const APPROVALS: Array<RequestApprovalState | ''> = [
  '',
  'PENDING',
  'APPROVED',
  'REJECTED',
];

function RequestList() {
  const [params, setParams] = useSearchParams();
  const approval = (params.get('approval') ?? '') as RequestApprovalState | '';
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <TextField
          select
          id="meshplane-requests-approval"
          label="Approval"
          // '' is "All": shown as such, with the label above it.
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          size="small"
          style={{ minWidth: 200 }}
          value={approval}
          onChange={event =>
            setParams(
              event.target.value ? { approval: event.target.value } : {},
            )
          }
        >
          {APPROVALS.map(state => (
            <MenuItem key={state || 'all'} value={state}>
              {state || 'All'}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12}>
        <RequestsTable
          title="Gateway, traffic and security group requests"
          query={{ approval: approval || undefined }}
        />
      </Grid>
    </Grid>
  );
}

function RequestRoute() {
  const { id } = useParams();
  return <RequestDetailView id={id!} />;
}

function RequestRoutes() {
  return (
    <Routes>
      <Route path="/" element={<RequestList />} />
      <Route path="/:id" element={<RequestRoute />} />
    </Routes>
  );
}

/**
 * The requests page's content: the list of requests the user may read, and
 * one request at `:id`. The new frontend system renders it under the
 * portal's own page header (as every page of the portal), where an open
 * request adds its name to the breadcrumbs.
 */
export function RequestsPageContent() {
  return (
    <Content>
      <RequestRoutes />
    </Content>
  );
}

/**
 * The requests page with its header, for apps on the legacy frontend system.
 *
 * @public
 */
export function RequestsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Mesh requests"
        subtitle="Preview, approve and follow the rollout of group requests"
      />
      <Content>
        <RequestRoutes />
      </Content>
    </Page>
  );
}
