import { act, fireEvent, screen } from '@testing-library/react';
import { renderFormField } from '../__testUtils__/renderFormField';
import {
  ReachabilityPickerField,
  validateReachability,
} from './ReachabilityPickerField';

jest.setTimeout(30_000);

async function choose(mode: RegExp) {
  await act(async () => {
    fireEvent.click(screen.getByRole('radio', { name: mode }));
  });
}

describe('ReachabilityPickerField', () => {
  it('offers the workspace namespaces and services for CUSTOM, drops the hosts with another mode and empties the value when nothing is limited', async () => {
    const field = await renderFormField(ReachabilityPickerField);
    expect(screen.getByRole('radio', { name: /Do not limit/ })).toBeChecked();

    await choose(/The hosts I pick/);
    fireEvent.click(
      await screen.findByRole('checkbox', {
        name: 'bookinfo/* — every service of bookinfo',
      }),
    );
    fireEvent.click(
      screen.getByRole('checkbox', {
        name: 'bookinfo/reviews.bookinfo.svc.cluster.local — east-1',
      }),
    );
    fireEvent.change(screen.getByLabelText('Another host'), {
      target: { value: '*/api.example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add another host' }));
    expect(field.latest()).toEqual({
      mode: 'CUSTOM',
      hosts: [
        'bookinfo/*',
        'bookinfo/reviews.bookinfo.svc.cluster.local',
        '*/api.example.com',
      ],
    });

    await choose(/Their own namespace/);
    expect(field.latest()).toEqual({ mode: 'NAMESPACE' });
    await choose(/Do not limit/);
    expect(field.latest()).toBeUndefined();
  });

  it('refuses a typed host that is not namespace/host', async () => {
    const field = await renderFormField(ReachabilityPickerField, {
      formData: { mode: 'CUSTOM', hosts: [] },
    });
    fireEvent.change(screen.getByLabelText('Another host'), {
      target: { value: 'api.example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add another host' }));
    expect(
      screen.getByText(/"api.example.com" is not a Sidecar egress host/),
    ).toBeInTheDocument();
    expect(field.emitted).toEqual([]);
  });
});

describe('validateReachability', () => {
  it.each([
    [undefined, []],
    [{ mode: 'CLUSTER' as const }, []],
    [
      { mode: 'CUSTOM' as const, hosts: [] },
      [
        'Pick at least one host: with none, the workloads could call nothing but the control plane.',
      ],
    ],
    [
      { mode: 'CUSTOM' as const, hosts: ['payments/*', 'Payments/x'] },
      [
        '"Payments/x" is not a Sidecar egress host: use namespace/dnsName, e.g. payments/*, ./*, */api.example.com',
      ],
    ],
  ])('%j', async (value, errors) => {
    const added: string[] = [];
    await validateReachability(
      value,
      { addError: (message: string) => added.push(message) } as any,
      {} as any,
    );
    expect(added).toEqual(errors);
  });
});
