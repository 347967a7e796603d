/**
 * The Prometheus binary {@link startPrometheus} runs is not there: tests skip on it outside CI.
 *
 * @public
 */
export class PrometheusUnavailableError extends Error {
  /** The path that was looked for. */
  readonly binary: string;

  constructor(binary: string) {
    super(
      `Prometheus is not installed: ${binary} is missing or not executable (install Debian's prometheus package, or set PROMETHEUS_BIN)`,
    );
    this.name = 'PrometheusUnavailableError';
    this.binary = binary;
  }
}
