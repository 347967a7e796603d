import { CustomErrorBase, InputError } from '@backstage/errors';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';

/** A request body over the size the API takes (413). */
export class PayloadTooLargeError extends CustomErrorBase {
  readonly statusCode = 413;
}

/** A request body in an encoding or character set the API does not read (415). */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  readonly statusCode = 415;
}

/** What body-parser and Express's router attach to the errors they raise. */
interface ParserError {
  type?: unknown;
  length?: unknown;
  limit?: unknown;
  encoding?: unknown;
  charset?: unknown;
}

const bytes = (value: unknown) =>
  typeof value === 'number' ? `${value.toLocaleString('en-US')} bytes` : '';

/** `POST /api/meshplane/requests`: the request, without its query. */
function requestName(req: Request): string {
  return `${req.method} ${req.originalUrl.split('?')[0]}`;
}

/**
 * Errors of the JSON body parser and of path decoding, as the API's own
 * errors: they name the request and what is wrong with its body or path, and
 * carry nothing else. Left alone, body-parser's errors send back the raw
 * body, the parser's internals (`type`, `expose`) and V8's parse message,
 * which quotes the body.
 */
export function translateRequestError(error: unknown, req: Request): unknown {
  const { type, length, limit, encoding, charset } = (error ??
    {}) as ParserError;
  const body = `The body of ${requestName(req)}`;
  switch (type) {
    case 'entity.parse.failed': {
      const position = /at position (\d+)/.exec(
        (error as Error).message ?? '',
      )?.[1];
      return new InputError(
        `${body} is not valid JSON${
          position ? ` (at position ${position})` : ''
        }`,
      );
    }
    case 'entity.too.large':
      return new PayloadTooLargeError(
        `${body} is ${bytes(length) || 'too large'}; at most ${bytes(
          limit,
        )} are accepted`,
      );
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeError(
        `${body} has a Content-Encoding the API does not read (${String(
          encoding,
        ).slice(0, 40)})`,
      );
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError(
        `${body} has a charset the API does not read (${String(charset).slice(
          0,
          40,
        )}); send UTF-8`,
      );
    case undefined:
      break;
    default:
      return new InputError(`${body} cannot be read (${String(type)})`);
  }
  if (error instanceof URIError) {
    return new InputError(
      `The path of ${requestName(req)} is not valid percent-encoding`,
    );
  }
  return error;
}

/** {@link translateRequestError} as Express error middleware. */
export const requestErrors: ErrorRequestHandler = (error, req, _res, next) =>
  next(translateRequestError(error, req));

/**
 * Refuses a path that is not valid percent-encoding before the OpenAPI
 * validator parses it, with {@link translateRequestError}'s message (the
 * validator's own says only "malformed uri").
 */
export const decodablePath: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch (error) {
    next(translateRequestError(error, req));
    return;
  }
  next();
};
