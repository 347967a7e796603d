import {
  Content,
  ContentHeader,
  CreateButton,
  SupportButton,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { CatalogTable } from '@backstage/plugin-catalog';
import {
  CatalogFilterLayout,
  EntityListProvider,
  type EntityListPagination,
} from '@backstage/plugin-catalog-react';
import type { ReactNode } from 'react';
import { meshplaneCatalogColumns } from './catalogColumns';

/**
 * The catalog's index page with the catalog's own filters and table, and
 * Meshplane's columns (see {@link meshplaneCatalogColumns}).
 */
export function CatalogIndexPage(props: {
  filters: ReactNode;
  pagination?: EntityListPagination;
}) {
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ?? 'Backstage';
  return (
    <EntityListProvider pagination={props.pagination}>
      <Content>
        <ContentHeader title={`${orgName} Catalog`}>
          <CreateButton title="Create" to="/create" />
          <SupportButton>
            All your software catalog entities: services, clusters, gateways,
            VMs and workspaces of the mesh among them.
          </SupportButton>
        </ContentHeader>
        <CatalogFilterLayout>
          <CatalogFilterLayout.Filters>
            {props.filters}
          </CatalogFilterLayout.Filters>
          <CatalogFilterLayout.Content>
            <CatalogTable columns={meshplaneCatalogColumns} />
          </CatalogFilterLayout.Content>
        </CatalogFilterLayout>
      </Content>
    </EntityListProvider>
  );
}
