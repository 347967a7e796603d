import { TrafficClock } from './TrafficClock';

describe('TrafficClock', () => {
  it('counts the seconds since the start, except while paused', () => {
    let now = 1_000_000;
    const clock = new TrafficClock({ startedAt: now, now: () => now });
    now += 10_000;
    expect(clock.elapsedSeconds()).toBe(10);
    clock.pause();
    now += 5_000;
    expect(clock.elapsedSeconds()).toBe(10);
    clock.resume();
    now += 2_000;
    expect(clock.elapsedSeconds()).toBe(12);
  });
});
