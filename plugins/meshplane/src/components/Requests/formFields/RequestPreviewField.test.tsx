import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import { FakeRequestsApi } from '../__fixtures__/requests';
import { renderFormField } from '../__testUtils__/renderFormField';
import { RequestPreviewField } from './RequestPreviewField';

jest.setTimeout(30_000);

const securityForm = {
  workspace: 'bookinfo',
  name: 'strict',
  namespaces: ['*/bookinfo'],
  settings: { trafficMode: 'REQUIRED', authorization: { mode: 'WORKSPACE' } },
  description: 'mTLS only',
};

describe('RequestPreviewField', () => {
  it('previews the request the form describes through the dry run and keeps its verdict as the value', async () => {
    const requests = new FakeRequestsApi();
    const field = await renderFormField(RequestPreviewField, {
      form: securityForm,
      uiOptions: { groupType: 'security' },
      requests,
    });
    const verdict =
      'Breaking: 1 caller → service edge would start failing (bookinfo/productpage-v1 → reviews.bookinfo:9080). east-1: 1 to create.';
    expect(
      await screen.findByTestId('meshplane-preview-verdict'),
    ).toHaveTextContent(verdict);
    expect(
      screen.getByText('Edges that would start failing'),
    ).toBeInTheDocument();
    // Emptied first, so a verdict of an earlier visit never reaches the review.
    expect(field.emitted).toEqual([undefined, verdict]);
    expect(requests.renders).toEqual([
      {
        workspace: 'bookinfo',
        description: 'mTLS only',
        group: {
          type: 'security',
          name: 'strict',
          mode: 'BRIDGED',
          namespaces: ['*/bookinfo'],
          settings: securityForm.settings,
        },
      },
    ]);
  });

  it('sends only what the chosen mode uses', async () => {
    const requests = new FakeRequestsApi();
    await renderFormField(RequestPreviewField, {
      form: {
        ...securityForm,
        mode: 'DIRECT',
        objects: 'kind: DestinationRule',
      },
      uiOptions: { groupType: 'traffic' },
      requests,
    });
    await screen.findByTestId('meshplane-preview-verdict');
    expect(requests.renders[0].group).toEqual({
      type: 'traffic',
      name: 'strict',
      mode: 'DIRECT',
      namespaces: ['*/bookinfo'],
      objects: 'kind: DestinationRule',
    });
  });

  it('lists what the backend refuses, field by field, and keeps no verdict', async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            message: 'The request is invalid',
            fieldErrors: [
              {
                field: 'group.settings.hosts[0]',
                message:
                  'host storefront.example.com is served outside the workspace by Gateway east-1/payments/payments-gateway on the same gateway workload',
              },
            ],
          },
          response: { statusCode: 400 },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const field = await renderFormField(RequestPreviewField, {
      form: securityForm,
      uiOptions: { groupType: 'gateway' },
      requests: new FakeRequestsApi({
        overrides: {
          renderRequest: async () => {
            throw refusal;
          },
        },
      }),
    });
    expect(
      await screen.findByText(
        'Meshplane refuses this request; go back and change:',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /served outside the workspace by Gateway east-1\/payments\/payments-gateway/,
      ),
    ).toBeInTheDocument();
    expect(field.emitted).toEqual([undefined]);
  });
});
