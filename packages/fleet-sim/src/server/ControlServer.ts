import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiError, parseBody } from '../api';
import type { KubeObject } from '../objects';
import { ClusterHandle } from './ClusterHandle';
import { parseFaults } from './faults';

function send(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The fleet's control endpoint (plain HTTP on loopback, no auth: it is a test
 * and demo tool, never exposed):
 *
 * - `GET /clusters` — every cluster's name, URL, listening state, faults, object count, resource version
 * - `GET /clusters/<name>` — one cluster
 * - `POST|PUT /clusters/<name>/faults` — replace the faults (JSON `ClusterFaults`); `DELETE` clears them
 * - `POST /clusters/<name>/objects` — create or replace objects (JSON/YAML object or `kind: List`), as another client would
 * - `DELETE /clusters/<name>/objects/<apiVersion…>/<kind>/<namespace|_>/<name>` — delete one object
 */
export class ControlServer {
  private readonly server: http.Server;
  private readonly clusters: Map<string, ClusterHandle>;

  private constructor(clusters: Map<string, ClusterHandle>) {
    this.clusters = clusters;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(error => {
        const apiError =
          error instanceof ApiError
            ? error
            : ApiError.badRequest(
                error instanceof Error ? error.message : String(error),
              );
        send(res, apiError.code, apiError.toStatus());
      });
    });
  }

  static async start(options: {
    clusters: Map<string, ClusterHandle>;
    host: string;
    port: number;
  }): Promise<ControlServer> {
    const control = new ControlServer(options.clusters);
    await new Promise<void>((resolve, reject) => {
      control.server.once('error', reject);
      control.server.listen(options.port, options.host, () => resolve());
    });
    return control;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const segments = new URL(req.url ?? '/', 'http://control').pathname
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const method = req.method ?? 'GET';
    if (segments[0] !== 'clusters') {
      throw new ApiError({
        code: 404,
        reason: 'NotFound',
        message: 'not found; see GET /clusters',
      });
    }
    if (segments.length === 1 && method === 'GET') {
      send(res, 200, {
        clusters: [...this.clusters.values()].map(c => c.describe()),
      });
      return;
    }
    const cluster = this.clusters.get(segments[1]);
    if (!cluster) {
      throw new ApiError({
        code: 404,
        reason: 'NotFound',
        message: `no cluster named "${segments[1]}"`,
      });
    }
    const action = segments[2];
    if (!action && method === 'GET') {
      send(res, 200, cluster.describe());
      return;
    }
    if (
      action === 'faults' &&
      (method === 'POST' || method === 'PUT' || method === 'DELETE')
    ) {
      const faults =
        method === 'DELETE'
          ? {}
          : parseFaults(parseBody(await readBody(req), 'application/json'));
      await cluster.setFaults(faults);
      send(res, 200, cluster.describe());
      return;
    }
    if (action === 'objects' && method === 'POST') {
      const body = parseBody(
        await readBody(req),
        req.headers['content-type'] ?? 'application/yaml',
      );
      const list = body as { kind?: string; items?: KubeObject[] };
      const objects =
        list?.kind === 'List' && Array.isArray(list.items)
          ? list.items
          : [body as KubeObject];
      send(res, 200, { items: objects.map(object => cluster.apply(object)) });
      return;
    }
    if (action === 'objects' && method === 'DELETE' && segments.length >= 7) {
      const rest = segments.slice(3);
      const [name, namespace, kind] = [rest.pop()!, rest.pop()!, rest.pop()!];
      const deleted = cluster.delete({
        apiVersion: rest.join('/'),
        kind,
        namespace: namespace === '_' ? undefined : namespace,
        name,
      });
      if (!deleted) {
        throw new ApiError({
          code: 404,
          reason: 'NotFound',
          message: `${kind} ${namespace}/${name} not found`,
        });
      }
      send(res, 200, deleted);
      return;
    }
    throw new ApiError({
      code: 405,
      reason: 'MethodNotAllowed',
      message: `${method} ${segments.join('/')} is not supported`,
    });
  }
}
