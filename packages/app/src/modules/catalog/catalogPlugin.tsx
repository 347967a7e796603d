import { coreExtensionData } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';

/**
 * The catalog plugin with its index page showing Meshplane's columns
 * (`page:catalog` keeps its path `/catalog`, its filters and its config).
 */
export const meshplaneCatalogPlugin = catalogPlugin.withOverrides({
  extensions: [
    catalogPlugin.getExtension('page:catalog').override({
      factory(originalFactory, { inputs, config }) {
        return originalFactory({
          params: {
            loader: async () => {
              const { CatalogIndexPage } = await import('./CatalogIndexPage');
              const filters = inputs.filters.map(filter =>
                filter.get(coreExtensionData.reactElement),
              );
              return (
                <CatalogIndexPage
                  filters={<>{filters}</>}
                  pagination={config.pagination}
                />
              );
            },
          },
        });
      },
    }),
  ],
});
