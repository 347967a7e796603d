import type { PrometheusSourceSettings } from '../config/readTrafficConfig';
import { PrometheusQueryError } from './PrometheusQueryError';

/** One series of an instant query's vector. */
export interface PrometheusSample {
  labels: Record<string, string>;
  /** The sample value; `NaN` and `±Infinity` as Prometheus writes them (`NaN`, `+Inf`). */
  value: number;
}

/** An instant query's answer. */
export interface PrometheusVector {
  samples: PrometheusSample[];
  /** How long the answer took, from sending to the last byte. */
  durationMs: number;
}

/** The largest answer read; a bigger one is refused as `malformed` rather than held in memory. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Header values shorter than this are not redacted from messages (they would blank out ordinary words). */
const MIN_REDACTED_LENGTH = 4;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Prometheus' sample value strings (Go's `strconv.FormatFloat`, plus `+Inf`, `-Inf`, `NaN`). */
function sampleValue(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const value = Number(text);
  return text.trim() === '' || Number.isNaN(value) ? undefined : value;
}

/** The network error code under fetch's `TypeError: fetch failed`. */
function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * A client of Prometheus' HTTP query API (`POST /api/v1/query`, form-encoded;
 * Prometheus, Thanos, Mimir and VictoriaMetrics answer it alike): instant
 * queries only, each bounded by the source's timeout. It sends the queries it
 * is given and nothing else — no pass-through of callers' requests.
 */
export class PrometheusClient {
  private readonly settings: PrometheusSourceSettings;
  private readonly fetch: typeof fetch;
  private readonly endpoint: string;
  /** `host:port` of the source: what messages name. */
  readonly host: string;

  constructor(options: {
    settings: PrometheusSourceSettings;
    /** The fetch implementation; default the global one. */
    fetch?: typeof fetch;
  }) {
    this.settings = options.settings;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.endpoint = `${options.settings.url}/api/v1/query`;
    this.host = new URL(options.settings.url).host;
  }

  /**
   * Evaluates `query` at `time` and returns its vector.
   *
   * @throws PrometheusQueryError `unreachable`, `timeout`, `http`, `malformed` or `not-vector`
   */
  async query(
    query: string,
    options: { time: Date },
  ): Promise<PrometheusVector> {
    const { timeoutMs } = this.settings;
    const started = performance.now();
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: {
          ...this.settings.headers,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          query,
          time: (options.time.getTime() / 1000).toFixed(3),
          // The server gives up too, instead of evaluating for nobody.
          timeout: `${Math.max(1, Math.ceil(timeoutMs / 1000))}s`,
        }),
        signal,
        redirect: 'error',
      });
      status = response.status;
      text = await this.readBody(response);
    } catch (error) {
      throw this.transportError(error, signal);
    }
    const durationMs = performance.now() - started;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (status < 200 || status > 299) throw this.httpError(status);
      throw this.error('malformed', 'the answer is not JSON');
    }
    if (
      status < 200 ||
      status > 299 ||
      (isObject(body) && body.status === 'error')
    ) {
      throw this.httpError(status, body);
    }
    return { samples: this.vector(body), durationMs };
  }

  /** The body as text, refusing more than {@link MAX_ANSWER_BYTES}. */
  private async readBody(response: Response): Promise<string> {
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_ANSWER_BYTES) {
        await reader.cancel();
        throw this.error(
          'malformed',
          `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`,
        );
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private vector(body: unknown): PrometheusSample[] {
    if (!isObject(body) || body.status !== 'success' || !isObject(body.data)) {
      throw this.error(
        'malformed',
        'the answer is not a Prometheus query API answer (no status "success" with data)',
      );
    }
    const { resultType, result } = body.data;
    if (resultType !== 'vector') {
      throw this.error(
        'not-vector',
        `the instant query answered a ${String(resultType).slice(
          0,
          20,
        )}, not a vector`,
      );
    }
    if (!Array.isArray(result)) {
      throw this.error('malformed', 'the vector answer has no result list');
    }
    return result.map((entry, index) => {
      const labels = isObject(entry) ? entry.metric : undefined;
      const pair = isObject(entry) ? entry.value : undefined;
      const value = Array.isArray(pair) ? sampleValue(pair[1]) : undefined;
      if (
        !isObject(labels) ||
        !Object.values(labels).every(v => typeof v === 'string') ||
        value === undefined
      ) {
        throw this.error(
          'malformed',
          `result[${index}] is not a sample ({ metric: { label: "value" }, value: [time, "number"] })`,
        );
      }
      return { labels: labels as Record<string, string>, value };
    });
  }

  private transportError(
    error: unknown,
    signal: AbortSignal,
  ): PrometheusQueryError {
    if (error instanceof PrometheusQueryError) return error;
    if (signal.aborted) {
      return this.error(
        'timeout',
        `no answer within ${this.settings.timeoutMs} ms`,
      );
    }
    const code = networkCode(error);
    const message = error instanceof Error ? error.message : String(error);
    return this.error('unreachable', code ? `${code} (${message})` : message);
  }

  private httpError(statusCode: number, body?: unknown): PrometheusQueryError {
    const errorType =
      isObject(body) && typeof body.errorType === 'string'
        ? body.errorType.slice(0, 40)
        : undefined;
    const detail =
      isObject(body) && typeof body.error === 'string'
        ? `: ${body.error.slice(0, 300)}`
        : '';
    return this.error(
      'http',
      `HTTP ${statusCode}${errorType ? ` (${errorType})` : ''}${detail}`,
      { statusCode, errorType },
    );
  }

  /** An error naming the host, with every configured header value blanked out of its text. */
  private error(
    reason: PrometheusQueryError['reason'],
    detail: string,
    extra: { statusCode?: number; errorType?: string } = {},
  ): PrometheusQueryError {
    let message = `Prometheus at ${this.host}: ${detail}`;
    for (const value of Object.values(this.settings.headers)) {
      if (value.length >= MIN_REDACTED_LENGTH) {
        message = message.split(value).join('***');
      }
    }
    return new PrometheusQueryError({ reason, message, ...extra });
  }
}
