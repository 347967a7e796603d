/**
 * The Meshplane backend did not answer within the client's timeout. Thrown
 * instead of letting a page wait forever.
 *
 * @public
 */
export class MeshplaneTimeoutError extends Error {
  readonly name = 'MeshplaneTimeoutError';

  constructor(readonly path: string, readonly timeoutMs: number) {
    super(
      `The Meshplane backend did not answer ${path} within ${Math.round(
        timeoutMs / 1000,
      )} s`,
    );
  }
}
