import { Content, Header, Page } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import useAsync from 'react-use/esm/useAsync';

/** Widgets shown first, in this order; any other installed widget follows. */
const FIRST = [
  'MeshplaneMyServices',
  'MeshplaneOpenRequests',
  'MeshplaneFleetHealth',
];

/** A widget's share of the 12-column grid on wide screens, from its layout hint. */
function columns(widget: HomePageLayoutProps['widgets'][number]) {
  const wanted = widget.layout?.width?.defaultColumns ?? 6;
  return Math.min(12, Math.max(3, wanted)) as 3 | 4 | 6 | 8 | 12;
}

export function HomeLayout(props: HomePageLayoutProps) {
  const identityApi = useApi(identityApiRef);
  const { value: profile } = useAsync(
    () => identityApi.getProfileInfo(),
    [identityApi],
  );
  const rank = (name?: string) => {
    const index = FIRST.indexOf(name ?? '');
    return index === -1 ? FIRST.length : index;
  };
  const widgets = [...props.widgets].sort(
    (a, b) => rank(a.name) - rank(b.name),
  );
  return (
    <Page themeId="home">
      <Header
        title={`Welcome${
          profile?.displayName ? `, ${profile.displayName}` : ''
        }`}
        subtitle="Your services in the mesh, the requests waiting for you and the health of the fleet"
      />
      <Content>
        <Grid container spacing={3}>
          {widgets.map((widget, index) => (
            <Grid item key={widget.name ?? index} xs={12} md={columns(widget)}>
              {widget.component}
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
