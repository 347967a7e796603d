import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { StaleValue } from './StaleValue';

/** Three minutes ago, or just after midnight when that was yesterday. */
const threeMinutesAgo = () => {
  const midnight = new Date();
  midnight.setHours(0, 0, 1, 0);
  return new Date(
    Math.max(Date.now() - 180_000, midnight.getTime()),
  ).toISOString();
};

describe('StaleValue', () => {
  it('shows a live value as it is', async () => {
    await renderInTestApp(
      <StaleValue stale={false} asOf={threeMinutesAgo()}>
        2/3 ready
      </StaleValue>,
    );
    expect(screen.getByText('2/3 ready')).toBeInTheDocument();
    expect(screen.queryByText(/as of/)).not.toBeInTheDocument();
  });

  it('marks a stale value with the time it is as of, the full time on hover', async () => {
    const asOf = threeMinutesAgo();
    await renderInTestApp(
      <StaleValue stale asOf={asOf}>
        2/3 ready
      </StaleValue>,
    );
    const time = new Date(asOf).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
    });
    const marked = screen.getByText(`as of ${time}`).parentElement!;
    expect(marked).toHaveTextContent(`2/3 readyas of ${time}`);
    expect(marked).toHaveAttribute('data-stale', 'true');
    expect(marked.getAttribute('title')).toBe(
      `Stale: the cluster's data as of ${new Date(asOf).toLocaleString()}`,
    );
  });

  it('gives the day for data older than today', async () => {
    await renderInTestApp(
      <StaleValue stale asOf="2026-01-10T11:00:00Z">
        300
      </StaleValue>,
    );
    expect(screen.getByText('as of Jan 10')).toBeInTheDocument();
  });

  it('says so when the cluster never synced', async () => {
    await renderInTestApp(
      <StaleValue stale asOf={undefined}>
        0
      </StaleValue>,
    );
    expect(screen.getByText('never synced')).toBeInTheDocument();
  });
});
