import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import type { Finding } from '@meshplane/plugin-meshplane-common';
import { FindingsTable } from './FindingsTable';

const finding: Finding = {
  code: 'IST0101',
  level: 'Warning',
  analyzer: 'virtualservice.DestinationHostAnalyzer',
  message: 'Referenced host not found: "details-v2.bookinfo.svc.cluster.local"',
  resource: {
    cluster: 'east-1',
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    namespace: 'bookinfo',
    name: 'details',
  },
  path: 'spec.http[0].route[0].destination.host',
};

describe('FindingsTable', () => {
  it('shows level, code, cluster, object, message and where to fix each finding', async () => {
    await renderInTestApp(<FindingsTable findings={[finding]} />);
    const row = screen
      .getAllByRole('row')
      .find(r => r.textContent?.includes('IST0101'))!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'Warning',
      'IST0101, Opens in a new window',
      'east-1',
      'VirtualService bookinfo/details',
      'Referenced host not found: "details-v2.bookinfo.svc.cluster.local"',
      'Change spec.http[0].route[0].destination.host; the IST0101 documentation explains how.',
    ]);
  });

  it('lets host names and field paths wrap after their dots and slashes, not mid-word', async () => {
    await renderInTestApp(<FindingsTable findings={[finding]} />);
    const row = screen
      .getAllByRole('row')
      .find(r => r.textContent?.includes('IST0101'))!;
    const [, , , object, message, fix] = within(row).getAllByRole('cell');
    expect(object.querySelectorAll('wbr')).toHaveLength(1);
    expect(message.querySelectorAll('wbr')).toHaveLength(4);
    expect(fix.querySelectorAll('wbr')).toHaveLength(4);
  });

  it('says when there is nothing to show', async () => {
    await renderInTestApp(<FindingsTable findings={[]} />);
    expect(
      screen.getByText('No findings: the configuration passes every check.'),
    ).toBeInTheDocument();
  });
});
