import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { FindingsSection } from './FindingsSection';

describe('FindingsSection', () => {
  it('says the configuration passes every check when there is no finding', async () => {
    await renderInTestApp(
      <FindingsSection
        findings={[]}
        counts={{ Error: 0, Warning: 0, Info: 0 }}
      />,
    );
    expect(
      screen.getByText('Findings (0 errors, 0 warnings, 0 info)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No findings: the configuration passes every check.'),
    ).toBeInTheDocument();
  });
});
