import { act, fireEvent, screen } from '@testing-library/react';
import { renderFormField } from '../__testUtils__/renderFormField';
import {
  AuthorizationPickerField,
  validateAuthorization,
} from './AuthorizationPickerField';

jest.setTimeout(30_000);

async function choose(mode: RegExp) {
  await act(async () => {
    fireEvent.click(screen.getByRole('radio', { name: mode }));
  });
}

describe('AuthorizationPickerField', () => {
  it('emits only what the chosen mode uses: the service accounts leave with CUSTOM and come back with it', async () => {
    const field = await renderFormField(AuthorizationPickerField, {
      formData: { mode: 'WORKSPACE' },
    });
    expect(
      screen.getByRole('radio', { name: /Any namespace of the workspace/ }),
    ).toBeChecked();

    await choose(/The service accounts I pick/);
    expect(field.latest()).toEqual({ mode: 'CUSTOM', serviceAccounts: [] });
    fireEvent.click(
      await screen.findByRole('checkbox', {
        name: /bookinfo\/bookinfo-reviews/,
      }),
    );
    expect(field.latest()).toEqual({
      mode: 'CUSTOM',
      serviceAccounts: ['bookinfo/bookinfo-reviews'],
    });
    // An identity outside the workspace is typed, checked and added.
    fireEvent.change(screen.getByLabelText('Another service account'), {
      target: { value: 'istio-ingress/istio-ingressgateway' },
    });
    fireEvent.click(
      screen.getByRole('button', { name: 'Add another service account' }),
    );
    expect(field.latest()).toEqual({
      mode: 'CUSTOM',
      serviceAccounts: [
        'bookinfo/bookinfo-reviews',
        'istio-ingress/istio-ingressgateway',
      ],
    });
    expect(
      screen.getByRole('button', {
        name: 'istio-ingress/istio-ingressgateway',
      }),
    ).toBeInTheDocument();

    // Back to WORKSPACE: the list is not in the form any more.
    await choose(/Any namespace of the workspace/);
    expect(field.latest()).toEqual({ mode: 'WORKSPACE' });
    expect(field.latest()).not.toHaveProperty('serviceAccounts');
    expect(
      screen.queryByLabelText('Another service account'),
    ).not.toBeInTheDocument();

    // CUSTOM again offers the list picked before.
    await choose(/The service accounts I pick/);
    expect(field.latest()).toEqual({
      mode: 'CUSTOM',
      serviceAccounts: [
        'bookinfo/bookinfo-reviews',
        'istio-ingress/istio-ingressgateway',
      ],
    });
  });

  it("lists the workspace's service accounts with the workloads that run as them and their clusters", async () => {
    await renderFormField(AuthorizationPickerField, {
      formData: { mode: 'CUSTOM', serviceAccounts: [] },
    });
    expect(
      await screen.findByRole('checkbox', {
        name: 'bookinfo/bookinfo-reviews — Deployment reviews-v1, Deployment reviews-v2 (east-1)',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', {
        name: 'bookinfo/bookinfo-productpage — Deployment productpage-v1 (east-1, west-1)',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', {
        name: 'bookinfo/default — no workload runs as it (east-1)',
      }),
    ).toBeInTheDocument();
  });

  it('refuses a typed identity that is not namespace/name, with the rule the backend applies', async () => {
    const field = await renderFormField(AuthorizationPickerField, {
      formData: { mode: 'CUSTOM', serviceAccounts: [] },
    });
    fireEvent.change(screen.getByLabelText('Another service account'), {
      target: { value: 'checkout' },
    });
    fireEvent.click(
      screen.getByRole('button', { name: 'Add another service account' }),
    );
    expect(
      screen.getByText(
        '"checkout" is not a service account: use namespace/name, e.g. bookinfo/bookinfo-productpage',
      ),
    ).toBeInTheDocument();
    expect(field.emitted).toEqual([]);
  });
});

describe('validateAuthorization', () => {
  it.each([
    [{ mode: 'WORKSPACE' as const }, []],
    [
      { mode: 'CUSTOM' as const, serviceAccounts: [] },
      [
        'Pick at least one service account: with none, no caller would be let in.',
      ],
    ],
    [
      { mode: 'CUSTOM' as const, serviceAccounts: ['bookinfo/reviews', 'x'] },
      [
        '"x" is not a service account: use namespace/name, e.g. bookinfo/bookinfo-productpage',
      ],
    ],
  ])('%j', async (value, errors) => {
    const added: string[] = [];
    await validateAuthorization(
      value,
      { addError: (message: string) => added.push(message) } as any,
      {} as any,
    );
    expect(added).toEqual(errors);
  });
});
