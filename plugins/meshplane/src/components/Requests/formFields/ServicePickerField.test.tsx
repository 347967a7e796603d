import { fireEvent, screen, within } from '@testing-library/react';
import { renderFormField } from '../__testUtils__/renderFormField';
import { ServicePickerField } from './ServicePickerField';

jest.setTimeout(30_000);

function form(namespaces: string[]) {
  return { workspace: 'bookinfo', namespaces };
}

describe('ServicePickerField', () => {
  it('offers the Services of the selected namespaces and emits the name', async () => {
    const field = await renderFormField(ServicePickerField, {
      form: form(['east-1/bookinfo']),
      schema: { title: 'Service (in the namespace)' },
    });
    fireEvent.mouseDown(
      await screen.findByRole('button', {
        name: /Service \(in the namespace\)/,
      }),
    );
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'productpage — bookinfo in east-1',
      'reviews — bookinfo in east-1',
    ]);
    fireEvent.click(options[1]);
    expect(field.latest()).toBe('reviews');
  });

  it('leaves out Services that run only in clusters not selected, and says why a value does not fit', async () => {
    await renderFormField(ServicePickerField, {
      form: form(['west-1/bookinfo']),
      formData: 'reviews',
      schema: { title: 'Service' },
    });
    expect(
      await screen.findByText(
        'reviews does not run in the selected namespaces',
      ),
    ).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('button', { name: /Service/ }));
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['reviews', 'productpage — bookinfo in west-1']);
  });

  it('asks for the namespaces first', async () => {
    await renderFormField(ServicePickerField, { form: form([]) });
    expect(
      await screen.findByText('Choose clusters and namespaces first'),
    ).toBeInTheDocument();
  });
});
