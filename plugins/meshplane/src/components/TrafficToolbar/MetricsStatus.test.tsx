import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { EntityMetrics } from '@meshplane/plugin-meshplane-common';
import {
  eastMetricsSource,
  westMetricsSourceDown,
} from '../../__fixtures__/entityMeshView';
import { MetricsStatus } from './MetricsStatus';

const joined: EntityMetrics = {
  window: '5m',
  callers: 'observed',
  joined: true,
  observedAt: '2026-01-10T12:00:00Z',
  sources: [eastMetricsSource],
};

describe('MetricsStatus', () => {
  it('says which window the traffic is of and when it ends, the full time on hover', async () => {
    await renderInTestApp(<MetricsStatus metrics={joined} />);
    const status = screen.getByTestId('meshplane-metrics-status');
    const time = new Date('2026-01-10T12:00:00Z').toLocaleTimeString();
    expect(status).toHaveTextContent(`Traffic of the last 5m, as of ${time}`);
    expect(screen.getByText(time)).toHaveAttribute(
      'title',
      new Date('2026-01-10T12:00:00Z').toLocaleString(),
    );
    expect(screen.queryByText(/is down|slow|No metrics source/)).toBeNull();
  });

  it('warns of a source that is down, naming its host and its failure: partial traffic while another answered', async () => {
    await renderInTestApp(
      <MetricsStatus
        metrics={{
          ...joined,
          window: '1h',
          sources: [eastMetricsSource, westMetricsSourceDown],
        }}
      />,
    );
    expect(
      screen.getByText(
        'Warning: Metrics source prometheus.west.example.com:9090 is down: partial traffic, the answer shows configuration only for west-1',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'prometheus.west.example.com:9090 did not answer within 5 s',
      ),
    ).toBeVisible();
    expect(
      screen.getByText(/^meshplane\.clusters\[2\]\.prometheus · timeout/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('meshplane-metrics-status')).toHaveTextContent(
      /^Traffic of the last 1h, as of/,
    );
  });

  it('says the answer is configuration only when no source answered', async () => {
    await renderInTestApp(
      <MetricsStatus
        metrics={{
          window: '5m',
          callers: 'all',
          joined: false,
          sources: [
            { ...westMetricsSourceDown, clusters: ['east-1', 'west-1'] },
          ],
        }}
      />,
    );
    expect(
      screen.getByText(
        'No observed traffic joined: the answer shows the configuration only.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Warning: Metrics source prometheus.west.example.com:9090 is down: the answer shows configuration only, no observed traffic',
      ),
    ).toBeInTheDocument();
  });

  it('notes a slow source and names the clusters without one', async () => {
    await renderInTestApp(
      <MetricsStatus
        metrics={{
          ...joined,
          sources: [
            { ...eastMetricsSource, status: 'slow', durationMs: 4210.4 },
            { clusters: ['lab-1', 'edge-2'], status: 'not-configured' },
          ],
        }}
      />,
    );
    expect(
      screen.getByText(
        'Metrics source prometheus.monitoring:9090 is slow (its last answer took 4210 ms); its figures are shown.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No metrics source for 2 clusters (lab-1, edge-2): their connections show configuration only.',
      ),
    ).toBeInTheDocument();
  });
});
