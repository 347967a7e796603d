import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  meshplaneApiRef,
  meshplaneRequestsApiRef,
} from '@meshplane/plugin-meshplane-react';
import { type ComponentType, useState } from 'react';
import { FakeMeshplaneApi } from '../../../__fixtures__/FakeMeshplaneApi';
import { FakeRequestsApi } from '../__fixtures__/requests';

/**
 * Renders a scaffolder field as the scaffolder's form does: its value held by
 * the form and given back on every change, the other fields' data in
 * `formContext.formData` (by default the bookinfo workspace with
 * `*\/bookinfo` selected), its `ui:options` and schema. Returns every value
 * the field emitted, in order.
 */
export async function renderFormField<T>(
  Field: ComponentType<any>,
  options: {
    formData?: T;
    form?: Record<string, unknown>;
    uiOptions?: Record<string, unknown>;
    schema?: Record<string, unknown>;
    requests?: FakeRequestsApi;
  } = {},
) {
  const emitted: Array<T | undefined> = [];
  const form = options.form ?? {
    workspace: 'system:default/bookinfo',
    name: 'strict',
    namespaces: ['*/bookinfo'],
  };
  function Harness() {
    const [value, setValue] = useState(options.formData);
    return (
      <Field
        formData={value}
        onChange={(next: T | undefined) => {
          emitted.push(next);
          setValue(next);
        }}
        uiSchema={{ 'ui:options': options.uiOptions ?? {} }}
        formContext={{ formData: form }}
        schema={options.schema ?? {}}
        idSchema={{ $id: 'root_field' }}
        rawErrors={[]}
        required={false}
        disabled={false}
      />
    );
  }
  await renderInTestApp(<Harness />, {
    apis: [
      [meshplaneApiRef, new FakeMeshplaneApi()],
      [meshplaneRequestsApiRef, options.requests ?? new FakeRequestsApi()],
    ],
  });
  return { emitted, latest: () => emitted.at(-1) };
}
