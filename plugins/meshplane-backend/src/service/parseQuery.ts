import { InputError } from '@backstage/errors';
import type { MessageLevel } from '@meshplane/plugin-meshplane-common';
import type { Request } from 'express';

type Query = Request['query'];

/** One optional string parameter; rejects repeated or structured values. */
export function stringParam(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(
      `Query parameter "${name}" must be given once, as a string`,
    );
  }
  return value === '' ? undefined : value;
}

function integerParam(
  query: Query,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = stringParam(query, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new InputError(
      `Query parameter "${name}" must be an integer from ${min} to ${max}, got "${raw}"`,
    );
  }
  return value;
}

/** `limit` (1–1000, default 100) and `offset` (default 0). */
export function pageParams(query: Query): { limit: number; offset: number } {
  return {
    limit: integerParam(query, 'limit', 100, 1, 1000),
    offset: integerParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

const LEVELS: MessageLevel[] = ['Error', 'Warning', 'Info'];

/** `level`: one of Error, Warning, Info. */
export function levelParam(query: Query): MessageLevel | undefined {
  const raw = stringParam(query, 'level');
  if (raw === undefined) return undefined;
  if (!LEVELS.includes(raw as MessageLevel)) {
    throw new InputError(
      `Query parameter "level" must be one of ${LEVELS.join(
        ', ',
      )}, got "${raw}"`,
    );
  }
  return raw as MessageLevel;
}

/** A comma-separated list parameter. */
export function listParam(query: Query, name: string): string[] | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}
