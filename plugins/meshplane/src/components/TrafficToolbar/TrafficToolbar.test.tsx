import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import type { EntityTrafficQuery } from '@meshplane/plugin-meshplane-react';
import { TrafficToolbar } from './TrafficToolbar';

describe('TrafficToolbar', () => {
  it('shows the chosen window and callers pressed and reports every choice, a pressed one too (the backend’s default may change)', async () => {
    const changes: EntityTrafficQuery[] = [];
    await renderInTestApp(
      <TrafficToolbar
        window="5m"
        callers="observed"
        joined
        loading={false}
        onChange={change => changes.push(change)}
      />,
    );
    expect(screen.getByRole('button', { name: '5m' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      screen.getByRole('button', { name: 'Observed traffic' }),
    ).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: '5m' }));
    fireEvent.click(screen.getByRole('button', { name: '24h' }));
    fireEvent.click(
      screen.getByRole('button', { name: 'All permitted callers' }),
    );
    expect(changes).toEqual([
      { window: '5m' },
      { window: '24h' },
      { callers: 'all' },
    ]);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('shows that an answer is loading, and keeps the callers choice without observed traffic, saying every caller is listed either way', async () => {
    await renderInTestApp(
      <TrafficToolbar
        window="1h"
        callers="all"
        joined={false}
        loading
        onChange={() => {}}
      />,
    );
    expect(
      screen.getByRole('progressbar', { name: 'Loading traffic' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Observed traffic' }),
    ).toBeEnabled();
    expect(screen.getByRole('group', { name: 'Show' })).toHaveAttribute(
      'title',
      expect.stringMatching(/every permitted caller is listed either way/),
    );
    expect(screen.getByRole('button', { name: '24h' })).toBeEnabled();
  });
});
