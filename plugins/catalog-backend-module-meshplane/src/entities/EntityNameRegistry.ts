import type { CatalogFinding } from './findings';
import { toEntityName, withHashSuffix } from './entityNames';

/**
 * The name the registry gave a fleet object, with what it had to do about it.
 *
 * @public
 */
export interface AssignedName {
  name: string;
  findings: CatalogFinding[];
}

/**
 * Hands out entity names for one build of the catalog, so that two fleet
 * objects never end up under the same entity (the catalog compares names
 * case-insensitively per kind and namespace). Objects must be registered in a
 * deterministic order: the first keeps its name, a later one that collides
 * gets a hash suffix of its identity, and both facts are reported.
 *
 * @public
 */
export class EntityNameRegistry {
  readonly #holders = new Map<string, string>();

  /**
   * @param kind - catalog kind of the entity (`Resource`, `Component`)
   * @param identity - what the entity stands for, unique in the fleet, e.g. `service bookinfo/reviews`
   * @param name - the preferred name, e.g. `reviews.bookinfo`
   */
  assign(kind: string, identity: string, name: string): AssignedName {
    const findings: CatalogFinding[] = [];
    const mapped = toEntityName(name);
    if (mapped.mapped) {
      findings.push({
        code: 'invalid-name',
        message: `The catalog rejects the name "${name}" of ${identity}; it is mapped to "${mapped.value}"`,
      });
    }

    let candidate = mapped.value;
    let salt = identity;
    for (;;) {
      const key = `${kind.toLowerCase()}:${candidate.toLowerCase()}`;
      const holder = this.#holders.get(key);
      if (holder === undefined || holder === identity) {
        this.#holders.set(key, identity);
        return { name: candidate, findings };
      }
      const next = withHashSuffix(mapped.value, salt);
      findings.push({
        code: 'name-collision',
        message: `${identity} maps to the ${kind} name "${candidate}", already used by ${holder}; it is named "${next}" instead`,
      });
      candidate = next;
      salt = `${salt}#`;
    }
  }
}
