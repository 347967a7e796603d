import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  meshplaneApiRef,
  meshplaneRequestsApiRef,
} from '@meshplane/plugin-meshplane-react';
import { fireEvent, screen } from '@testing-library/react';
import { FakeMeshplaneApi } from '../../../__fixtures__/FakeMeshplaneApi';
import { FakeRequestsApi } from '../__fixtures__/requests';
import {
  NamespacePickerField,
  validateNamespaces,
} from './NamespacePickerField';

function render(
  workspace: string | undefined,
  formData: string[],
  onChange: (value: string[]) => void,
) {
  const props: any = {
    formData,
    onChange,
    uiSchema: { 'ui:options': { workspaceField: 'workspace' } },
    formContext: { formData: { workspace } },
    rawErrors: [],
    required: true,
    schema: { title: 'Clusters and namespaces' },
  };
  return renderInTestApp(<NamespacePickerField {...props} />, {
    apis: [
      [meshplaneApiRef, new FakeMeshplaneApi()],
      [meshplaneRequestsApiRef, new FakeRequestsApi()],
    ],
  });
}

describe('NamespacePickerField', () => {
  it('offers the namespaces of the chosen workspace per cluster and in every cluster', async () => {
    const onChange = jest.fn();
    await render('system:bookinfo', ['east-1/bookinfo'], onChange);
    expect(
      await screen.findByLabelText(
        'bookinfo in every cluster (east-1, west-1)',
      ),
    ).not.toBeChecked();
    expect(screen.getByLabelText('bookinfo in east-1')).toBeChecked();
    fireEvent.click(screen.getByLabelText('bookinfo in west-1'));
    expect(onChange).toHaveBeenLastCalledWith([
      'east-1/bookinfo',
      'west-1/bookinfo',
    ]);
    fireEvent.click(screen.getByLabelText('bookinfo in east-1'));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('asks for a workspace first, and refuses a System without claims', async () => {
    await render(undefined, [], jest.fn());
    expect(screen.getByText('Choose a workspace first.')).toBeInTheDocument();
    await render('system:default/payments', [], jest.fn());
    expect(
      await screen.findByText(
        /system:default\/payments has no meshplane.io\/claims annotation/,
      ),
    ).toBeInTheDocument();
  });
});

describe('validateNamespaces', () => {
  it.each([
    [['*/bookinfo'], []],
    [[], ['Select at least one namespace of the workspace.']],
    [undefined, ['Select at least one namespace of the workspace.']],
  ])('%j', async (value, errors) => {
    const added: string[] = [];
    await validateNamespaces(
      value as string[],
      { addError: (message: string) => added.push(message) } as any,
      {} as any,
    );
    expect(added).toEqual(errors);
  });
});
