import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { NamespacePickerField } from './components/Requests';
import { MeshplaneNamespacePickerFieldExtension } from './plugin';

/** What a legacy scaffolder page collects from its field extensions outlet. */
function CollectedFields(props: { outlet: ReactNode }) {
  const fields = useCustomFieldExtensions(props.outlet);
  return (
    <ul>
      {fields.map(field => (
        <li key={field.name}>
          {field.name}
          {field.component === NamespacePickerField
            ? ' (namespace picker)'
            : ''}
        </li>
      ))}
    </ul>
  );
}

describe('legacy exports', () => {
  it('register the MeshplaneNamespacePicker field with a legacy scaffolder page', async () => {
    await renderInTestApp(
      <CollectedFields
        outlet={
          <ScaffolderFieldExtensions>
            <MeshplaneNamespacePickerFieldExtension />
          </ScaffolderFieldExtensions>
        }
      />,
    );
    expect(
      screen.getByText('MeshplaneNamespacePicker (namespace picker)'),
    ).toBeInTheDocument();
  });
});
