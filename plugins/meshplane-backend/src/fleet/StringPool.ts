/**
 * Shares one copy of strings that repeat across cached objects (kinds,
 * namespaces, label values, container images, injector status annotations…):
 * at 150k objects the copies JSON.parse makes would dominate the heap.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();
  private readonly maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 1_000_000;
  }

  /** The pooled copy of `value` (non-strings are returned as given). */
  intern<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const pooled = this.strings.get(value);
    if (pooled !== undefined) return pooled as T;
    if (this.strings.size >= this.maxEntries) {
      // Unbounded churn (e.g. pod-template hashes) must not grow the pool forever;
      // strings already shared stay shared, only future lookups start over.
      this.strings.clear();
    }
    this.strings.set(value, value);
    return value;
  }

  /** A copy of a string map with pooled keys and values. */
  internMap(map: unknown): Record<string, string> | undefined {
    if (!map || typeof map !== 'object' || Array.isArray(map)) return undefined;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(map)) {
      if (typeof value === 'string') out[this.intern(key)] = this.intern(value);
    }
    return out;
  }

  get size(): number {
    return this.strings.size;
  }
}
