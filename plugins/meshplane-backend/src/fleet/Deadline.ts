/**
 * A request timeout that a busy event loop cannot trip by itself. When the
 * timer fires late because the loop was blocked (a long analysis), the check
 * waits for `setImmediate` (after the poll phase), so answers that arrived
 * meanwhile are seen first; it expires only after `ms` without activity.
 */
export class Deadline {
  private readonly ms: number;
  private readonly onExpire: () => void;
  private timer?: NodeJS.Timeout;
  private lastActivity = Date.now();
  private cleared = false;

  constructor(ms: number, onExpire: () => void) {
    this.ms = ms;
    this.onExpire = onExpire;
    this.schedule(ms);
  }

  /** Records activity (a response, a chunk, an event): the deadline moves. */
  touch(): void {
    this.lastActivity = Date.now();
  }

  clear(): void {
    this.cleared = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      setImmediate(() => {
        if (this.cleared) return;
        const idle = Date.now() - this.lastActivity;
        if (idle >= this.ms) this.onExpire();
        else this.schedule(this.ms - idle);
      });
    }, ms);
  }
}
