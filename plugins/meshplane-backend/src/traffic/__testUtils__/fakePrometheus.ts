import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrafficFamily } from '../trafficPromql';

/** Which of the layer's queries a query text is. */
export type QueryKind = TrafficFamily | 'probe';

/** One request the fake received. */
export interface ReceivedQuery {
  kind: QueryKind;
  query: string;
  time: string | null;
  headers: http.IncomingHttpHeaders;
}

/** What the fake answers: a status and a body, or nothing at all. */
export type FakeAnswer =
  | { status?: number; body: unknown; delayMs?: number }
  | 'hang';

export function kindOf(query: string): QueryKind {
  if (query.includes('meshplane_probe')) return 'probe';
  if (query.includes('histogram_quantile')) return 'latency';
  if (query.includes('istio_tcp_sent_bytes_total')) return 'tcpBytes';
  if (query.includes('istio_tcp_connections_opened_total'))
    return 'tcpConnections';
  return 'requests';
}

/** A vector answer of Prometheus' query API. */
export function vector(
  result: Array<{ labels: Record<string, string>; value: string }>,
) {
  return {
    status: 'success',
    data: {
      resultType: 'vector',
      result: result.map(r => ({
        metric: r.labels,
        value: [1765155600, r.value],
      })),
    },
  };
}

/**
 * A local HTTP server standing for a Prometheus: answers `POST /api/v1/query`
 * with what `answer` returns for each query, and records what it received.
 */
export async function startFakePrometheus(
  answer: (query: ReceivedQuery) => FakeAnswer,
) {
  const received: ReceivedQuery[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const query = form.get('query') ?? '';
      const q: ReceivedQuery = {
        kind: kindOf(query),
        query,
        time: form.get('time'),
        headers: req.headers,
      };
      received.push(q);
      const a = answer(q);
      if (a === 'hang') {
        hanging.add(res);
        return;
      }
      const send = () => {
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
        res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      };
      if (a.delayMs) setTimeout(send, a.delayMs);
      else send();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/** A loopback URL nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
