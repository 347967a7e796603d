import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { Finding } from '@meshplane/plugin-meshplane-common';
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

  it('counts in words: one error, one warning', async () => {
    const finding: Finding = {
      code: 'IST0101',
      level: 'Error',
      analyzer: 'virtualservice.DestinationHostAnalyzer',
      message: 'Referenced host not found: "ratings"',
      resource: {
        cluster: 'east-1',
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'ratings',
      },
    };
    await renderInTestApp(
      <FindingsSection
        findings={[finding, { ...finding, level: 'Warning' }]}
        counts={{ Error: 1, Warning: 1, Info: 0 }}
      />,
    );
    expect(
      screen.getByText('Findings (1 error, 1 warning, 0 info)'),
    ).toBeInTheDocument();
  });
});
