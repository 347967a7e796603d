import { isError } from '@backstage/errors';

function statusOf(error: unknown): number | undefined {
  if (!isError(error)) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * `true` when the backend refused the call for lack of a permission (HTTP 403,
 * `NotAllowedError`).
 *
 * @public
 */
export function isPermissionDenied(error: unknown): boolean {
  return (
    statusOf(error) === 403 ||
    (isError(error) && error.name === 'NotAllowedError')
  );
}

/**
 * `true` when the backend answered 404 (unknown cluster or entity).
 *
 * @public
 */
export function isNotFound(error: unknown): boolean {
  return (
    statusOf(error) === 404 ||
    (isError(error) && error.name === 'NotFoundError')
  );
}
