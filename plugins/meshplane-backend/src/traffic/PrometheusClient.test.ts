import type { PrometheusSourceSettings } from '../config/readTrafficConfig';
import {
  closedPortUrl,
  FakeAnswer,
  startFakePrometheus,
  vector,
} from './__testUtils__/fakePrometheus';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusQueryError } from './PrometheusQueryError';

const TOKEN = 'Bearer s3cr3t-token-value';

const settings = (url: string): PrometheusSourceSettings => ({
  configKey: 'meshplane.prometheus',
  url,
  headers: { Authorization: TOKEN, 'X-Scope-OrgID': 'mesh' },
  timeoutMs: 300,
  slowThresholdMs: 100,
});

/** What a query to a fake answering `answer` throws. */
async function failure(answer: FakeAnswer): Promise<PrometheusQueryError> {
  const fake = await startFakePrometheus(() => answer);
  try {
    const error = await new PrometheusClient({ settings: settings(fake.url) })
      .query('up', { time: new Date() })
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error.message).not.toContain('s3cr3t');
    return error;
  } finally {
    await fake.stop();
  }
}

describe('PrometheusClient', () => {
  it('posts an instant query at a time with the configured headers, and reads the vector', async () => {
    const fake = await startFakePrometheus(() => ({
      body: vector([
        { labels: { reporter: 'destination' }, value: '2.5' },
        { labels: { quantile: '0.99' }, value: '+Inf' },
        { labels: { quantile: '0.5' }, value: 'NaN' },
      ]),
    }));
    try {
      const answer = await new PrometheusClient({
        settings: settings(`${fake.url}/`),
      }).query('sum(up)', { time: new Date('2025-06-01T12:00:00Z') });
      expect(answer.samples).toEqual([
        { labels: { reporter: 'destination' }, value: 2.5 },
        { labels: { quantile: '0.99' }, value: Infinity },
        { labels: { quantile: '0.5' }, value: NaN },
      ]);
      expect(fake.received).toEqual([
        expect.objectContaining({
          query: 'sum(up)',
          time: '1748779200.000',
          headers: expect.objectContaining({
            authorization: TOKEN,
            'x-scope-orgid': 'mesh',
            'content-type': 'application/x-www-form-urlencoded',
          }),
        }),
      ]);
    } finally {
      await fake.stop();
    }
  });

  it('says unreachable for a closed port', async () => {
    const url = await closedPortUrl();
    const error = await new PrometheusClient({ settings: settings(url) })
      .query('up', { time: new Date() })
      .catch(e => e);
    expect(error).toMatchObject({ reason: 'unreachable' });
    expect(error.message).toMatch(
      /^Prometheus at 127\.0\.0\.1:\d+: ECONNREFUSED/,
    );
  });

  it('says timeout when no answer comes in time', async () => {
    expect(await failure('hang')).toMatchObject({
      reason: 'timeout',
      message: expect.stringContaining('no answer within 300 ms'),
    });
  });

  it("carries Prometheus' errorType and error of an error answer", async () => {
    expect(
      await failure({
        status: 422,
        body: {
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples into memory',
        },
      }),
    ).toMatchObject({
      reason: 'http',
      statusCode: 422,
      errorType: 'execution',
      message: expect.stringContaining(
        'HTTP 422 (execution): query processing would load too many samples',
      ),
    });
  });

  it('says which HTTP status a non-Prometheus error page had', async () => {
    expect(
      await failure({ status: 502, body: '<html>Bad Gateway</html>' }),
    ).toMatchObject({ reason: 'http', statusCode: 502 });
  });

  it.each([
    ['not JSON', '<html>login</html>', /not JSON/],
    [
      'JSON of something else',
      { hello: 'world' },
      /not a Prometheus query API answer/,
    ],
    [
      'a sample without a value',
      {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {} }] },
      },
      /result\[0\] is not a sample/,
    ],
    [
      'a label that is not a string',
      {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: { a: 1 }, value: [1, '1'] }],
        },
      },
      /result\[0\] is not a sample/,
    ],
  ])('says malformed for %s', async (_, body, message) => {
    const error = await failure({ body });
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(message);
  });

  it('says not-vector for another result type', async () => {
    expect(
      await failure({
        body: { status: 'success', data: { resultType: 'matrix', result: [] } },
      }),
    ).toMatchObject({
      reason: 'not-vector',
      message: expect.stringContaining('answered a matrix'),
    });
  });

  it('never repeats a header value the server echoes', async () => {
    const error = await failure({
      status: 401,
      body: { status: 'error', errorType: 'auth', error: `bad token ${TOKEN}` },
    });
    expect(error.message).toContain('bad token ***');
  });
});
