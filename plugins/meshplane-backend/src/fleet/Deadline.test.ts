import { Deadline } from './Deadline';

describe('Deadline', () => {
  it('expires after the time without activity', async () => {
    let deadline: Deadline | undefined;
    const expired = await new Promise<number>(resolve => {
      const started = Date.now();
      deadline = new Deadline(30, () => resolve(Date.now() - started));
    });
    expect(expired).toBeGreaterThanOrEqual(30);
    deadline?.clear();
  });

  it('moves with activity and does not expire once cleared', async () => {
    let expired = false;
    const deadline = new Deadline(40, () => {
      expired = true;
    });
    const keepAlive = setInterval(() => deadline.touch(), 10);
    await new Promise(resolve => setTimeout(resolve, 120));
    clearInterval(keepAlive);
    expect(expired).toBe(false);
    deadline.clear();
    await new Promise(resolve => setTimeout(resolve, 80));
    expect(expired).toBe(false);
  });

  it('does not expire when the loop was blocked but the answer had arrived', async () => {
    let expired = false;
    const deadline = new Deadline(20, () => {
      expired = true;
    });
    // The "answer" is an I/O callback queued while the loop is blocked past the deadline.
    const answered = new Promise<void>(resolve =>
      setImmediate(() => {
        deadline.touch();
        deadline.clear();
        resolve();
      }),
    );
    const blockedUntil = Date.now() + 60;
    while (Date.now() < blockedUntil);
    await answered;
    await new Promise(resolve => setTimeout(resolve, 40));
    expect(expired).toBe(false);
  });
});
