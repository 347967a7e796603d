import { backoffDelay, Sleeper } from './backoff';

describe('backoffDelay', () => {
  const settings = { initialBackoffMs: 100, maxBackoffMs: 1000 };

  it('doubles per attempt up to the cap, between half and all of the ceiling', () => {
    const ceilings = [100, 200, 400, 800, 1000, 1000];
    ceilings.forEach((ceiling, i) => {
      expect(backoffDelay(i + 1, settings, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(i + 1, settings, () => 1)).toBe(ceiling);
    });
  });

  it('spreads retries of the same attempt', () => {
    const delays = new Set(
      Array.from({ length: 50 }, () => backoffDelay(4, settings)),
    );
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('Sleeper', () => {
  it('ends early on wake and returns immediately once cancelled', async () => {
    const sleeper = new Sleeper();
    const slept = sleeper.sleep(60_000);
    sleeper.wake();
    await expect(slept).resolves.toBeUndefined();
    sleeper.cancel();
    await expect(sleeper.sleep(60_000)).resolves.toBeUndefined();
  });
});
