import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import {
  FakeMeshplaneApi,
  httpError,
} from '../../__fixtures__/FakeMeshplaneApi';
import { MetricsSourcesCard } from './MetricsSourcesCard';

function row(text: string): HTMLElement {
  return screen
    .getAllByRole('row')
    .find(r => within(r).queryAllByText(text).length > 0)!;
}

describe('MetricsSourcesCard', () => {
  it('lists every source with its host, clusters, status and the failure that explains down', async () => {
    await renderInTestApp(<MetricsSourcesCard />, {
      apis: [[meshplaneApiRef, new FakeMeshplaneApi()]],
    });
    const card = await screen.findByTestId('meshplane-fleet-metrics');
    expect(
      within(card).getByText(
        "2 sources, 1 down: observed traffic of the Mesh tabs, read from Prometheus' query API",
      ),
    ).toBeInTheDocument();
    const fleet = row('meshplane.prometheus');
    expect(fleet).toHaveTextContent('prometheus.monitoring:9090');
    expect(within(fleet).getByText('ok')).toBeInTheDocument();
    expect(within(fleet).getByText('east-1')).toBeInTheDocument();

    const west = row('meshplane.clusters[2].prometheus');
    expect(within(west).getByText('down')).toBeInTheDocument();
    expect(west).toHaveTextContent('prometheus.west.example.com:9090');
    expect(
      within(west).getByText(
        'prometheus.west.example.com:9090 did not answer within 5 s',
      ),
    ).toHaveAttribute(
      'title',
      `timeout, ${new Date('2026-01-10T11:30:00Z').toLocaleString()}`,
    );
    expect(
      within(west).getByTitle(
        new Date('2026-01-10T11:29:00Z').toLocaleString(),
      ),
    ).toBeInTheDocument();

    const lab = row('lab-1');
    expect(within(lab).getByText('none configured')).toBeInTheDocument();
    expect(within(lab).getByText('not configured')).toBeInTheDocument();
  });

  it('shows a progress bar while the backend has not answered', async () => {
    await renderInTestApp(<MetricsSourcesCard />, {
      apis: [[meshplaneApiRef, new FakeMeshplaneApi({ pending: true })]],
    });
    expect(screen.getByText('Metrics sources')).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows permission denied naming meshplane.fleet.read', async () => {
    await renderInTestApp(<MetricsSourcesCard />, {
      apis: [
        [
          meshplaneApiRef,
          new FakeMeshplaneApi({
            overrides: {
              getMetricsSources: () =>
                Promise.reject(httpError(403, 'Forbidden')),
            },
          }),
        ],
      ],
    });
    expect(await screen.findByText('Permission required')).toBeInTheDocument();
    expect(screen.getByText(/meshplane\.fleet\.read/)).toBeInTheDocument();
  });

  it('shows other failures with a retry', async () => {
    await renderInTestApp(<MetricsSourcesCard />, {
      apis: [
        [
          meshplaneApiRef,
          new FakeMeshplaneApi({
            overrides: {
              getMetricsSources: () =>
                Promise.reject(httpError(500, 'metrics status exploded')),
            },
          }),
        ],
      ],
    });
    expect(
      (await screen.findAllByText(/metrics status exploded/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });
});
