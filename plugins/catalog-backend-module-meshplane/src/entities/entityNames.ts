import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';

const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

/**
 * A catalog name (or label value) derived from a fleet name.
 *
 * @public
 */
export interface MappedName {
  /** The value to write into the entity. */
  value: string;
  /** `true` when the fleet name was rejected by the catalog and rewritten. */
  mapped: boolean;
}

/** First hex digits of the SHA-256 of the value: short, stable across runs and replicas. */
export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * `<base>-<hash of identity>`, cut so the result stays a valid catalog name:
 * the hash keeps two different originals apart even when their bases are equal.
 */
export function withHashSuffix(base: string, identity: string): string {
  const suffix = shortHash(identity);
  const head = base
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/[^a-z0-9]+$/i, '');
  return head ? `${head}-${suffix}` : suffix;
}

/**
 * Lower-cases and replaces every run of characters the catalog rejects with
 * `-`, then drops separators at the start.
 */
function sanitize(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
}

function mapWith(
  value: string,
  isValid: (candidate: string) => boolean,
): MappedName {
  if (isValid(value)) {
    return { value, mapped: false };
  }
  return { value: withHashSuffix(sanitize(value), value), mapped: true };
}

/**
 * Maps a name to a valid catalog entity name (`metadata.name`: 1–63 characters
 * of `[A-Za-z0-9-_.]`, starting and ending with a letter or digit). Valid
 * names are kept as they are; others are sanitised and get a hash of the
 * original, so the mapping is deterministic and different originals stay apart.
 *
 * @public
 */
export function toEntityName(name: string): MappedName {
  return mapWith(name, KubernetesValidatorFunctions.isValidObjectName);
}

/**
 * Maps a value to a valid catalog label value, like {@link toEntityName}.
 *
 * @public
 */
export function toLabelValue(value: string): MappedName {
  return mapWith(value, KubernetesValidatorFunctions.isValidLabelValue);
}
