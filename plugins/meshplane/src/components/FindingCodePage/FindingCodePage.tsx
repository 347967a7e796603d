import {
  CodeSnippet,
  Content,
  EmptyState,
  Header,
  InfoCard,
  Link,
  Page,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  MESHPLANE_CODE_DOCS,
  type MeshplaneCodeDoc,
  meshplaneCodeDoc,
} from '@meshplane/plugin-meshplane-common';
import {
  FindingLevelLabel,
  findingCodesRouteRef,
  findingDocumentationUrl,
  useOptionalRouteRef,
} from '@meshplane/plugin-meshplane-react';
import { Route, Routes, useParams } from 'react-router-dom';

function Section(props: { title: string; text: string }) {
  return (
    <Box mb={2}>
      <Typography variant="h6">{props.title}</Typography>
      <Typography variant="body1">{props.text}</Typography>
    </Box>
  );
}

/** One code: what it says, when it is reported, what Istio does, how to fix it. */
function CodeDetail(props: { doc: MeshplaneCodeDoc }) {
  const { doc } = props;
  return (
    <div data-testid="meshplane-code-page">
      <InfoCard
        title={
          <>
            <code>{doc.code}</code> {doc.name}
          </>
        }
        subheader={doc.title}
      >
        <Box display="flex" alignItems="center" mb={2} style={{ gap: 12 }}>
          <FindingLevelLabel level={doc.level} />
          <Typography variant="body2" color="textSecondary">
            reported by {doc.analyzer}
          </Typography>
        </Box>
        <Section title="When it is reported" text={doc.description} />
        <Section title="What Istio does" text={doc.impact} />
        <Section title="How to fix it" text={doc.fix} />
        {doc.example && (
          <>
            <Typography variant="h6">Example</Typography>
            <CodeSnippet text={doc.example} language="yaml" />
          </>
        )}
      </InfoCard>
    </div>
  );
}

function CodeRoute() {
  const { code = '' } = useParams();
  const doc = meshplaneCodeDoc(code.toUpperCase());
  if (doc) return <CodeDetail doc={doc} />;
  const elsewhere = findingDocumentationUrl(code.toUpperCase());
  return (
    <EmptyState
      missing="info"
      title={`No Meshplane code ${code}`}
      description={
        elsewhere
          ? `${code} is not one of Meshplane's codes: it is documented at ${elsewhere}.`
          : "Meshplane's own codes are MPL followed by four digits; the list below has them all."
      }
    />
  );
}

type Row = MeshplaneCodeDoc & { id: string };

/** Every Meshplane code, each linked to its page. */
function CodeList() {
  const codesPage = useOptionalRouteRef(findingCodesRouteRef)?.();
  const columns: TableColumn<Row>[] = [
    {
      title: 'Code',
      field: 'code',
      render: row =>
        codesPage ? (
          <Link to={`${codesPage}/${row.code}`}>
            <code>{row.code}</code>
          </Link>
        ) : (
          <code>{row.code}</code>
        ),
    },
    {
      title: 'Level',
      field: 'level',
      render: row => <FindingLevelLabel level={row.level} />,
    },
    { title: 'Finding', field: 'title' },
  ];
  return (
    <Table<Row>
      title="Meshplane finding codes"
      data={MESHPLANE_CODE_DOCS.map(doc => ({ ...doc, id: doc.code }))}
      columns={columns}
      options={{ search: false, paging: false, padding: 'dense' }}
    />
  );
}

/**
 * The code pages' content: the list of Meshplane's finding codes at the page
 * root, one code's documentation at `:code`. Istio's (`IST`) and Kiali's
 * (`KIA`) codes are documented on their own sites.
 */
export function FindingCodesContent() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Routes>
          <Route path="/" element={<CodeList />} />
          <Route
            path="/:code"
            element={
              <>
                <CodeRoute />
                <Box mt={3}>
                  <CodeList />
                </Box>
              </>
            }
          />
        </Routes>
      </Grid>
    </Grid>
  );
}

/**
 * The finding codes page for legacy apps, with its own header (the new
 * frontend system adds the plugin header itself).
 *
 * @public
 */
export function FindingCodesPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Meshplane finding codes"
        subtitle="What each of Meshplane's own findings means and how to fix it"
      />
      <Content>
        <FindingCodesContent />
      </Content>
    </Page>
  );
}

/** The new frontend system's page body. */
export function FindingCodesPageContent() {
  return (
    <Content>
      <FindingCodesContent />
    </Content>
  );
}
