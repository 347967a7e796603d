import type { KubernetesCredential } from '@backstage/plugin-kubernetes-node';
import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterDefinition } from '@meshplane/plugin-meshplane-node';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Deadline } from './Deadline';
import { KubeRequestError } from './KubeRequestError';
import type { KubernetesAuthStrategies } from './KubernetesAuthStrategies';

/** PEM or base64 of PEM → base64 of PEM (what KubeConfig takes). */
function toBase64Pem(value: string): string {
  return value.trimStart().startsWith('-----BEGIN')
    ? Buffer.from(value).toString('base64')
    : value.replace(/\s+/g, '');
}

/**
 * A cluster's credential from the Kubernetes plugin's strategies. Failures
 * name the strategy; strategies' messages carry no credentials.
 */
function strategyCredential(
  target: {
    name: string;
    url: string;
    provider: string;
    authMetadata?: Record<string, string>;
  },
  strategies: KubernetesAuthStrategies | undefined,
): () => Promise<KubernetesCredential> {
  const { name, url, provider } = target;
  if (!strategies) {
    throw new Error(
      `auth.provider ${provider} needs the Kubernetes plugin's strategies`,
    );
  }
  const cluster = {
    name,
    url,
    authMetadata: {
      ...target.authMetadata,
      'kubernetes.io/auth-provider': provider,
    },
  };
  return async () => {
    try {
      return await strategies.getCredential(cluster);
    } catch (error) {
      throw new KubeRequestError({
        reason: 'config',
        message: `credentials from the ${provider} strategy: ${
          error instanceof Error ? error.message : String(error)
        }`,
      });
    }
  };
}

/** One event of a watch stream. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

/** A running watch request. */
export interface WatchStream {
  /**
   * Resolves `true` once the server answers the watch with 200 (it is
   * reachable and serves the kind), `false` when the watch ends before that.
   */
  opened: Promise<boolean>;
  /** Resolves when the server ends the watch; rejects with a {@link KubeRequestError}. */
  done: Promise<void>;
  /** Aborts the watch; `done` then resolves. */
  stop(): void;
}

/**
 * HTTP access to one cluster's API server. Credentials and TLS come from
 * `@kubernetes/client-node`'s `KubeConfig` (tokens, client certificates,
 * kubeconfig contexts with exec/OIDC plugins), or from the Kubernetes
 * plugin's strategies, asked before every request and watch so that expiring
 * tokens are renewed; requests run over one keep-alive agent per cluster,
 * with timeouts, and stream watch events line by line.
 */
export class KubeTransport {
  /** `host[:port]` of the API server, for display. */
  readonly host: string;
  private readonly kubeConfig: KubeConfig;
  private readonly server: URL;
  private readonly tokenFile?: string;
  private tokenFileCache?: { token: string; readAt: number };
  private readonly strategyCredential?: () => Promise<KubernetesCredential>;
  private agent?: http.Agent;

  /**
   * `strategies` authenticate the clusters whose `auth.provider` is one of
   * the Kubernetes plugin's strategies.
   * @throws KubeRequestError (reason `config`) when the definition is unusable:
   *   unreadable kubeconfig, unknown context, missing server URL.
   */
  static fromDefinition(
    definition: ClusterDefinition,
    options: { strategies?: KubernetesAuthStrategies } = {},
  ): KubeTransport {
    try {
      return new KubeTransport(definition, options.strategies);
    } catch (error) {
      throw new KubeRequestError({
        reason: 'config',
        message: `cluster ${definition.name}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      });
    }
  }

  private constructor(
    definition: ClusterDefinition,
    strategies?: KubernetesAuthStrategies,
  ) {
    const kc = new KubeConfig();
    const auth = definition.auth;
    if (auth.provider === 'kubeconfig') {
      const file =
        auth.kubeconfig.file ??
        process.env.KUBECONFIG?.split(':')[0] ??
        `${process.env.HOME}/.kube/config`;
      // The file's path stays out of the message: cluster errors are shown to everyone who
      // may read the fleet; the key names what to check.
      try {
        kc.loadFromFile(file);
      } catch (error) {
        throw new Error(
          `cannot read its kubeconfig file (auth.kubeconfig.file, else KUBECONFIG or ~/.kube/config): ${
            (error as NodeJS.ErrnoException).code ?? 'not a valid kubeconfig'
          }`,
        );
      }
      if (auth.kubeconfig.context) {
        if (!kc.getContextObject(auth.kubeconfig.context)) {
          throw new Error(
            `context "${auth.kubeconfig.context}" not found in its kubeconfig file`,
          );
        }
        kc.setCurrentContext(auth.kubeconfig.context);
      }
      const cluster = kc.getCurrentCluster();
      if (!cluster)
        throw new Error(`its kubeconfig file has no current cluster`);
      if (
        definition.url ||
        definition.caData ||
        definition.caFile ||
        definition.skipTLSVerify
      ) {
        // Explicit settings of the definition win over the kubeconfig's cluster entry.
        const server = definition.url ?? cluster.server;
        kc.clusters = kc.clusters.map(c =>
          c.name === cluster.name
            ? {
                ...c,
                server,
                caData: definition.caData
                  ? toBase64Pem(definition.caData)
                  : c.caData,
                caFile: definition.caFile ?? c.caFile,
                skipTLSVerify:
                  definition.skipTLSVerify ??
                  (c.skipTLSVerify || server.startsWith('http:')),
              }
            : c,
        );
      }
    } else {
      if (!definition.url) throw new Error('no url');
      const user: Record<string, unknown> = { name: 'meshplane' };
      switch (auth.provider) {
        case 'serviceAccount':
          user.token = auth.serviceAccountToken.trim();
          break;
        case 'clientCertificate':
          user.certData = toBase64Pem(auth.clientCertData);
          user.keyData = toBase64Pem(auth.clientKeyData);
          break;
        case 'tokenFile':
          this.tokenFile = auth.tokenFile;
          break;
        default:
          this.strategyCredential = strategyCredential(
            {
              name: definition.name,
              url: definition.url,
              provider: auth.provider,
              authMetadata: auth.authMetadata,
            },
            strategies,
          );
      }
      kc.loadFromOptions({
        clusters: [
          {
            name: definition.name,
            server: definition.url,
            caData: definition.caData
              ? toBase64Pem(definition.caData)
              : undefined,
            caFile: definition.caFile,
            // client-node refuses plain http unless TLS verification is off.
            skipTLSVerify:
              Boolean(definition.skipTLSVerify) ||
              definition.url.startsWith('http:'),
          },
        ],
        users: [user],
        contexts: [
          {
            name: definition.name,
            cluster: definition.name,
            user: 'meshplane',
          },
        ],
        currentContext: definition.name,
      });
    }
    this.kubeConfig = kc;
    this.server = new URL(kc.getCurrentCluster()!.server);
    this.host = this.server.host;
  }

  private readToken(): string {
    const now = Date.now();
    if (!this.tokenFileCache || now - this.tokenFileCache.readAt > 10_000) {
      try {
        this.tokenFileCache = {
          token: fs.readFileSync(this.tokenFile!, 'utf8').trim(),
          readAt: now,
        };
      } catch (error) {
        throw new KubeRequestError({
          reason: 'config',
          message: `cannot read its token file (auth.tokenFile): ${
            (error as NodeJS.ErrnoException).code ?? 'unreadable'
          }`,
        });
      }
    }
    return this.tokenFileCache.token;
  }

  private async requestOptions(): Promise<http.RequestOptions> {
    const opts: https.RequestOptions = {};
    try {
      await this.kubeConfig.applyToHTTPSOptions(opts);
    } catch (error) {
      throw new KubeRequestError({
        reason: 'config',
        message: `credentials: ${
          error instanceof Error ? error.message : String(error)
        }`,
      });
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (typeof value === 'string') headers[key] = value;
    }
    if (this.tokenFile) headers.Authorization = `Bearer ${this.readToken()}`;
    // aws, azure and googleServiceAccount answer bearer tokens; localKubectlProxy, anonymous.
    const credential = await this.strategyCredential?.();
    if (credential?.type === 'bearer token') {
      headers.Authorization = `Bearer ${credential.token}`;
    }
    if (!this.agent) {
      this.agent =
        this.server.protocol === 'https:'
          ? new https.Agent({
              keepAlive: true,
              ca: opts.ca,
              cert: opts.cert,
              key: opts.key,
              rejectUnauthorized: opts.rejectUnauthorized !== false,
              servername: opts.servername,
            })
          : new http.Agent({ keepAlive: true });
    }
    return { method: 'GET', headers, agent: this.agent };
  }

  private url(path: string): URL {
    const base = this.server.pathname.replace(/\/$/, '');
    const url = new URL(this.server.toString());
    const [pathname, search] = path.split('?');
    url.pathname = `${base}${pathname}`;
    url.search = search ? `?${search}` : '';
    return url;
  }

  private send(url: URL, options: http.RequestOptions): http.ClientRequest {
    return url.protocol === 'https:'
      ? https.request(url, options)
      : http.request(url, options);
  }

  /**
   * GETs JSON. `operation` names the request in errors (`list Pod`).
   * @throws KubeRequestError classified (status, timeout, network, TLS, malformed JSON).
   */
  getJson(path: string, operation: string, timeoutMs: number): Promise<any> {
    return this.requestJson('GET', path, operation, timeoutMs);
  }

  /**
   * Sends a request, with a JSON body when given (as `contentType`), and
   * resolves the parsed JSON of a 2xx answer. Meshplane sends only
   * idempotent requests (GET, server-side apply, DELETE), so one fresh retry
   * follows a keep-alive socket the server closed while we were busy.
   * @throws KubeRequestError classified (status, timeout, network, TLS, malformed JSON).
   */
  async requestJson(
    method: 'GET' | 'PATCH' | 'DELETE',
    path: string,
    operation: string,
    timeoutMs: number,
    body?: { contentType: string; value: unknown },
  ): Promise<any> {
    try {
      return await this.requestJsonOnce(
        method,
        path,
        operation,
        timeoutMs,
        body,
      );
    } catch (error) {
      if ((error as { reusedSocket?: boolean }).reusedSocket) {
        return this.requestJsonOnce(method, path, operation, timeoutMs, body);
      }
      throw error;
    }
  }

  private async requestJsonOnce(
    method: 'GET' | 'PATCH' | 'DELETE',
    path: string,
    operation: string,
    timeoutMs: number,
    body?: { contentType: string; value: unknown },
  ): Promise<any> {
    const options = await this.requestOptions();
    options.method = method;
    const payload = body === undefined ? undefined : JSON.stringify(body.value);
    if (body && payload !== undefined) {
      options.headers = {
        ...options.headers,
        'Content-Type': body.contentType,
        'Content-Length': Buffer.byteLength(payload),
      };
    }
    const url = this.url(path);
    return new Promise((resolve, reject) => {
      let settled = false;
      const req = this.send(url, options);
      let deadline: Deadline | undefined = undefined;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        deadline?.clear();
        req.destroy();
        const classified = KubeRequestError.from(operation, error);
        const code = (error as { code?: string })?.code;
        if (req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) {
          Object.assign(classified, { reusedSocket: true });
        }
        reject(classified);
      };
      deadline = new Deadline(timeoutMs, () =>
        fail(
          new KubeRequestError({
            reason: 'timeout',
            message: `${operation}: no answer for ${timeoutMs} ms`,
          }),
        ),
      );
      req.on('error', fail);
      req.on('response', res => {
        deadline?.touch();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          deadline?.touch();
          chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          settled = true;
          deadline?.clear();
          const text = Buffer.concat(chunks).toString('utf8');
          const ok =
            res.statusCode !== undefined &&
            res.statusCode >= 200 &&
            res.statusCode < 300;
          let answer: unknown;
          try {
            answer = text ? JSON.parse(text) : undefined;
          } catch {
            if (ok) {
              reject(
                new KubeRequestError({
                  reason: 'malformed',
                  message: `${operation}: answer is not JSON`,
                }),
              );
              return;
            }
          }
          if (!ok) {
            reject(
              KubeRequestError.fromStatus(
                operation,
                res.statusCode ?? 0,
                answer,
              ),
            );
            return;
          }
          resolve(answer);
        });
      });
      req.end(payload);
    });
  }

  /**
   * Starts a watch: one parsed event per line goes to `onEvent`. The watch
   * fails when no answer arrives within `connectTimeoutMs`, or when the
   * stream stays silent for `idleTimeoutMs`.
   */
  async watch(
    path: string,
    operation: string,
    onEvent: (event: WatchEvent) => void,
    timeouts: { connectTimeoutMs: number; idleTimeoutMs: number },
  ): Promise<WatchStream> {
    const options = await this.requestOptions();
    const url = this.url(path);
    let stop: () => void = () => {};
    let markOpened: (opened: boolean) => void = () => {};
    const opened = new Promise<boolean>(resolve => {
      markOpened = resolve;
    });
    const done = new Promise<void>((resolve, reject) => {
      let settled = false;
      let deadline: Deadline | undefined;
      const req = this.send(url, options);
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        deadline?.clear();
        req.destroy();
        markOpened(false);
        if (error) reject(KubeRequestError.from(operation, error));
        else resolve();
      };
      const arm = (ms: number, what: string) => {
        deadline?.clear();
        deadline = new Deadline(ms, () =>
          finish(
            new KubeRequestError({
              reason: 'timeout',
              message: `${operation}: ${what} for ${ms} ms`,
            }),
          ),
        );
      };
      stop = () => finish();
      arm(timeouts.connectTimeoutMs, 'no answer');
      req.on('error', finish);
      req.on('response', res => {
        if (res.statusCode !== 200) {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            let body: unknown;
            try {
              body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              body = undefined;
            }
            finish(
              KubeRequestError.fromStatus(operation, res.statusCode ?? 0, body),
            );
          });
          res.on('error', finish);
          return;
        }
        arm(timeouts.idleTimeoutMs, 'no event or bookmark');
        markOpened(true);
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          deadline?.touch();
          pending += chunk;
          let newline = pending.indexOf('\n');
          while (newline >= 0 && !settled) {
            const line = pending.slice(0, newline).trim();
            pending = pending.slice(newline + 1);
            newline = pending.indexOf('\n');
            if (line === '') continue;
            let event: WatchEvent;
            try {
              event = JSON.parse(line);
            } catch {
              finish(
                new KubeRequestError({
                  reason: 'malformed',
                  message: `${operation}: watch event is not JSON`,
                }),
              );
              return;
            }
            try {
              onEvent(event);
            } catch (error) {
              finish(error);
              return;
            }
          }
        });
        res.on('end', () => finish());
        res.on('error', finish);
        res.on('aborted', () => finish());
      });
      req.end();
    });
    return { opened, done, stop: () => stop() };
  }

  /**
   * The API server URL (no user info, query or fragment) and its CA
   * certificate as base64 PEM, when one is configured: public connection facts.
   */
  endpoint(): { url: string; caData?: string } {
    const cluster = this.kubeConfig.getCurrentCluster()!;
    const url = new URL(cluster.server);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    let caData = cluster.caData;
    if (!caData && cluster.caFile) {
      try {
        caData = fs.readFileSync(cluster.caFile).toString('base64');
      } catch {
        caData = undefined;
      }
    }
    return {
      url: url.toString().replace(/\/$/, ''),
      ...(caData ? { caData } : {}),
    };
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}
