/**
 * Polls `condition` until it returns a truthy value (which is returned) or
 * `timeoutMs` passes (then throws with `description`). For tests: wait on a
 * condition with a bound, never a fixed sleep.
 */
export async function waitFor<T>(
  description: string,
  condition: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause =
        lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${description}${cause}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}
