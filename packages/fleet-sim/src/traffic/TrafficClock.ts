/**
 * The seconds of traffic a cluster's proxies have seen since the fleet started, which can be
 * paused: while paused (the `stale` metrics fault) the counters freeze, and on resuming they go
 * on from where they stopped (the paused time is not made up).
 */
export class TrafficClock {
  private readonly startedAt: number;
  private readonly now: () => number;
  private pausedAt?: number;
  private pausedMs = 0;

  constructor(options: { startedAt: number; now?: () => number }) {
    this.startedAt = options.startedAt;
    this.now = options.now ?? Date.now;
  }

  elapsedSeconds(): number {
    const end = this.pausedAt ?? this.now();
    return Math.max(0, end - this.startedAt - this.pausedMs) / 1000;
  }

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  pause(): void {
    this.pausedAt ??= this.now();
  }

  resume(): void {
    if (this.pausedAt !== undefined) {
      this.pausedMs += this.now() - this.pausedAt;
      this.pausedAt = undefined;
    }
  }
}
