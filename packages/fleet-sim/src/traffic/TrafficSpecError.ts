/**
 * A traffic spec that cannot be used: the message names the field, e.g.
 * `flows[3].destination.workload: no workload "x" in east-1/bookinfo`.
 *
 * @public
 */
export class TrafficSpecError extends Error {
  /** The bad field's path, e.g. `flows[3].destination.workload`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'TrafficSpecError';
    this.field = field;
  }
}
