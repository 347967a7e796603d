/*
 * The traffic phase of `yarn bench` in a process of its own (forked by bench.ts with the
 * options over IPC, the result sent back): a fresh heap, as the main run's backend had. A
 * backend stopped in the main process stays in its heap (timers of other plugins hold it), and
 * the major collections of a heap twice as large stall every request for more than a second.
 */
import { measureTraffic, TrafficOptions, TrafficResult } from './trafficBench';

/** What the traffic process answers. */
export type TrafficReply =
  | { type: 'result'; result: TrafficResult }
  | { type: 'error'; message: string };

process.once('message', (options: TrafficOptions) => {
  const reply = (message: TrafficReply, code: number) =>
    // Stopped backends leave timers of other plugins behind: the phase is over.
    process.send!(message, () => process.exit(code));
  measureTraffic(options).then(
    result => reply({ type: 'result', result }, 0),
    error =>
      reply(
        { type: 'error', message: String((error as Error).stack ?? error) },
        1,
      ),
  );
});
