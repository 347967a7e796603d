/**
 * Delay before retry number `attempt` (1-based): exponential from `initialMs`,
 * capped at `maxMs`, with "equal jitter" (half fixed, half random) so that the
 * clusters and kinds that failed together do not retry together.
 */
export function backoffDelay(
  attempt: number,
  settings: { initialBackoffMs: number; maxBackoffMs: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(
    settings.maxBackoffMs,
    settings.initialBackoffMs * 2 ** exponent,
  );
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** A sleep that `wake()` (retry now) or `cancel()` (stopping) ends early. */
export class Sleeper {
  private timer?: NodeJS.Timeout;
  private resolve?: () => void;
  private cancelled = false;

  sleep(ms: number): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise(resolve => {
      this.resolve = resolve;
      this.timer = setTimeout(() => this.wake(), ms);
    });
  }

  wake(): void {
    clearTimeout(this.timer);
    const resolve = this.resolve;
    this.resolve = undefined;
    resolve?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.wake();
  }
}
