import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { CatalogFindingsPanel } from './CatalogFindingsPanel';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ratings-service', annotations },
  };
}

describe('CatalogFindingsPanel', () => {
  it('lists each finding with its code and message', async () => {
    await renderInTestApp(
      <CatalogFindingsPanel
        entity={entity({
          'meshplane.io/catalog-findings': JSON.stringify([
            {
              code: 'duplicate-claim',
              message:
                'Mesh service bookinfo/ratings is claimed by component:default/ratings-service, component:default/shop-ratings',
            },
            {
              code: 'missing-owner',
              message: 'Namespace sandbox has no owner',
            },
          ]),
        })}
      />,
    );
    expect(
      screen.getByText(
        /The catalog reports 2 problems with this entity's mesh data/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('duplicate-claim')).toBeInTheDocument();
    expect(
      screen.getByText(/Mesh service bookinfo\/ratings is claimed by/),
    ).toBeInTheDocument();
    expect(screen.getByText('missing-owner')).toBeInTheDocument();
  });

  it('renders nothing for an entity without findings', async () => {
    await renderInTestApp(
      <div data-testid="host">
        <CatalogFindingsPanel entity={entity({})} />
      </div>,
    );
    expect(screen.getByTestId('host')).toBeEmptyDOMElement();
  });

  it('says what is wrong with a malformed annotation instead of failing', async () => {
    await renderInTestApp(
      <CatalogFindingsPanel
        entity={entity({ 'meshplane.io/catalog-findings': '{oops' })}
      />,
    );
    expect(
      screen.getByText(/The catalog findings of this entity cannot be read/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/meshplane\.io\/catalog-findings annotation: not JSON/),
    ).toBeInTheDocument();
  });
});
