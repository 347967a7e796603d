import { fireEvent, screen, within } from '@testing-library/react';
import { renderFormField } from '../__testUtils__/renderFormField';
import { GatewayRouteField } from './GatewayRouteField';

jest.setTimeout(30_000);

async function pick(label: RegExp, option: string) {
  fireEvent.mouseDown(await screen.findByRole('button', { name: label }));
  fireEvent.click(
    within(screen.getByRole('listbox')).getByRole('option', { name: option }),
  );
}

describe('GatewayRouteField', () => {
  it("routes to a Service and port picked from the workspace, naming the Service's namespace", async () => {
    const field = await renderFormField(GatewayRouteField, {
      formData: { pathPrefix: '/' },
    });
    await pick(/^Service/, 'productpage.bookinfo — east-1, west-1');
    // One port: taken at once.
    expect(field.latest()).toEqual({
      pathPrefix: '/',
      service: 'productpage',
      namespace: 'bookinfo',
      port: 9080,
    });

    await pick(/^Service/, 'reviews.bookinfo — east-1');
    expect(field.latest()).toEqual({
      pathPrefix: '/',
      service: 'reviews',
      namespace: 'bookinfo',
      port: undefined,
    });
    await pick(/^Port/, '9443');
    expect(field.latest()).toMatchObject({ service: 'reviews', port: 9443 });
  });

  it('says what is wrong with a path prefix as it is typed', async () => {
    await renderFormField(GatewayRouteField, { formData: {} });
    fireEvent.change(screen.getByLabelText('Path prefix'), {
      target: { value: 'api' },
    });
    expect(
      screen.getByText(
        '"api" is not a path prefix: it must start with "/" and contain no spaces, "?" or "#"',
      ),
    ).toBeInTheDocument();
  });
});
