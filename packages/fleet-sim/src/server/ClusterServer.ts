import http from 'node:http';
import https from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import {
  ApiError,
  ClusterApi,
  matchesFields,
  matchesLabels,
  parseBody,
  parseFieldSelector,
  parseLabelSelector,
  WriteOptions,
} from '../api';
import type { ClusterMetadata, FleetToken } from '../fleet';
import type { KubeObject } from '../objects';
import { AWS_IAM_TOKEN_PREFIX, verifyAwsIamToken } from './awsIamToken';
import {
  AGGREGATED_DISCOVERY,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  documentHash,
  findGroup,
  groupVersion,
  istioCustomResourceDefinitions,
  openApiV2Document,
  openApiV3Document,
  resourceTypeOf,
  ResourceType,
  servedGroupVersions,
  servedTypes,
  tableOf,
  wantsTable,
} from '../resources';
import {
  ClusterStore,
  decodeObject,
  encodeObject,
  objectJson,
  StoredObject,
  StoreEvent,
} from '../store';
import { AccessRequest, forbiddenMessage, isAllowed } from './authorization';
import { ServingCertificates } from './certificates';
import {
  ApiVerb,
  ClusterFaults,
  injectedError,
  resourceListed,
} from './faults';

/** Requests bodies above this size are refused with 413, as kube-apiserver does (3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

const DEFAULT_WATCH_TIMEOUT_SECONDS = 30 * 60;

const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Options of one simulated cluster's API server. */
export interface ClusterServerOptions {
  metadata: ClusterMetadata;
  objects: KubeObject[];
  tokens: FleetToken[];
  tls?: ServingCertificates;
  host: string;
  historyLimit: number;
  bookmarkIntervalMs: number;
  /** How long a watch from a future resourceVersion waits for it; default {@link DEFAULT_RESOURCE_VERSION_WAIT_MS}. */
  resourceVersionWaitMs?: number;
}

interface RequestTarget {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  verb: string;
}

/** kube-apiserver's answer to a resourceVersion the cluster has not reached (504 Timeout). */
function tooLargeResourceVersion(requested: number, current: number): ApiError {
  return new ApiError({
    code: 504,
    reason: 'Timeout',
    message: `Too large resource version: ${requested}, current: ${current}`,
    details: {
      causes: [
        {
          reason: 'ResourceVersionTooLarge',
          message: 'Too large resource version',
        },
      ],
      retryAfterSeconds: 1,
    },
  });
}

/**
 * How long a watch from a resourceVersion the cluster has not reached yet waits for it
 * before 504 (the watch cache's `blockTimeout` in kube-apiserver's `watch_cache.go`).
 */
export const DEFAULT_RESOURCE_VERSION_WAIT_MS = 3000;

function continueToken(
  revision: number,
  namespace: string,
  name: string,
): string {
  return Buffer.from(
    JSON.stringify({
      v: 'meta.k8s.io/v1',
      rv: revision,
      start: [namespace, name],
    }),
  ).toString('base64url');
}

function parseContinue(token: string): {
  rv: number;
  namespace: string;
  name: string;
} {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      value.v === 'meta.k8s.io/v1' &&
      Number.isInteger(value.rv) &&
      Array.isArray(value.start)
    ) {
      return {
        rv: value.rv,
        namespace: String(value.start[0]),
        name: String(value.start[1]),
      };
    }
  } catch {
    // falls through to the 400 below
  }
  throw ApiError.badRequest(`continue key is not valid: ${token}`);
}

function sendJson(
  res: http.ServerResponse,
  code: number,
  body: string | object,
  contentType = 'application/json',
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY_BYTES) {
        if (!refused) {
          refused = true;
          reject(ApiError.tooLarge(MAX_REQUEST_BODY_BYTES));
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on(
      'end',
      () => !refused && resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/**
 * One simulated cluster: its store, its API semantics and its HTTP(S)
 * listener, with faults switchable at run time.
 */
export class ClusterServer {
  readonly metadata: ClusterMetadata;
  readonly store: ClusterStore;
  readonly api: ClusterApi;
  private readonly tokens: FleetToken[];
  private readonly options: ClusterServerOptions;
  private faults: ClusterFaults = {};
  private server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<() => void>();
  private port = 0;
  private listening = false;

  private constructor(options: ClusterServerOptions) {
    this.options = options;
    this.metadata = options.metadata;
    this.tokens = options.tokens;
    this.store = new ClusterStore({ historyLimit: options.historyLimit });
    this.api = new ClusterApi(this.store);
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch(error => this.sendError(res, error));
    };
    this.server = options.tls
      ? https.createServer(
          { key: options.tls.keyPem, cert: options.tls.certPem },
          handler,
        )
      : http.createServer(handler);
    this.server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.load(options.objects);
  }

  /** Creates the cluster, loads its objects and starts listening. */
  static async start(
    options: ClusterServerOptions & { port?: number },
  ): Promise<ClusterServer> {
    const cluster = new ClusterServer(options);
    await cluster.listen(options.port ?? 0);
    return cluster;
  }

  /** The API server URL (`https://127.0.0.1:<port>`). */
  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://${this.options.host}:${
      this.port
    }`;
  }

  get isListening(): boolean {
    return this.listening;
  }

  get currentFaults(): ClusterFaults {
    return { ...this.faults };
  }

  /** Replaces the cluster's faults; resolves once the listener is down or back up. */
  async setFaults(faults: ClusterFaults): Promise<void> {
    const previous = this.faults;
    const { goneOnNextWatch, ...kept } = faults;
    this.faults = kept;
    if (goneOnNextWatch) {
      this.store.compact();
      this.closeWatches();
    }
    if (!!kept.crdsAbsent !== !!previous.crdsAbsent) {
      this.setIstioCrds(!kept.crdsAbsent);
      this.closeWatches();
    }
    if (kept.down && this.listening) {
      await this.close();
    } else if (!kept.down && !this.listening) {
      await this.listen(this.port);
    }
  }

  /** Stops listening and ends every connection. */
  async stop(): Promise<void> {
    if (this.listening) {
      await this.close();
    }
  }

  /** Resource of an object's apiVersion/kind, as served by this cluster. */
  resourceOf(apiVersion: string, kind: string): ResourceType {
    const type = resourceTypeOf(apiVersion, kind);
    if (!type || !this.served().includes(type)) {
      throw new Error(
        `cluster ${this.metadata.name} does not serve ${kind} in ${apiVersion}`,
      );
    }
    return type;
  }

  private served(): ResourceType[] {
    const istio = !!this.metadata.istio && !this.faults.crdsAbsent;
    return servedTypes(istio).filter(
      t => !resourceListed(this.faults.missingResources, t.group, t.plural),
    );
  }

  private load(objects: KubeObject[]): void {
    const namespaces = new Set(
      objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.name),
    );
    const implicit = new Set([
      'default',
      'kube-system',
      'kube-public',
      'kube-node-lease',
    ]);
    for (const object of objects) {
      if (object.metadata.namespace) implicit.add(object.metadata.namespace);
    }
    const all: KubeObject[] = [...implicit]
      .filter(name => !namespaces.has(name))
      .map(name => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      }));
    all.push(...objects);
    if (this.metadata.istio) {
      all.push(...istioCustomResourceDefinitions(this.metadata.istio.version));
    }
    this.store.loadAll(
      all.map(object => {
        const type = resourceTypeOf(object.apiVersion, object.kind);
        if (!type) {
          throw new Error(
            `cluster ${this.metadata.name}: ${object.kind} ${object.metadata.name}: ${object.kind} in ${object.apiVersion} is not served`,
          );
        }
        return { type, object: { ...object, apiVersion: groupVersion(type) } };
      }),
    );
  }

  private setIstioCrds(present: boolean): void {
    if (!this.metadata.istio) return;
    for (const crd of istioCustomResourceDefinitions(
      this.metadata.istio.version,
    )) {
      const type = resourceTypeOf(crd.apiVersion, crd.kind)!;
      if (present) {
        this.store.write(type, crd);
      } else {
        this.store.delete(type, '', crd.metadata.name);
      }
    }
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, this.options.host, () => {
        this.server.off('error', onError);
        this.port = (this.server.address() as AddressInfo).port;
        this.listening = true;
        resolve();
      });
    });
  }

  private close(): Promise<void> {
    this.listening = false;
    this.closeWatches();
    return new Promise(resolve => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private closeWatches(): void {
    for (const close of [...this.watches]) close();
  }

  private sendError(res: http.ServerResponse, error: unknown): void {
    const apiError =
      error instanceof ApiError
        ? error
        : ApiError.internal(
            error instanceof Error ? error.message : String(error),
          );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, apiError.code, apiError.toStatus());
  }

  private authenticate(req: http.IncomingMessage): FleetToken {
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1].trim();
    let token: FleetToken | undefined;
    if (bearer?.startsWith(AWS_IAM_TOKEN_PREFIX)) {
      token = this.awsIdentity(bearer);
    } else if (bearer) {
      token = this.tokens.find(t => t.token === bearer);
    }
    if (!token) {
      throw ApiError.unauthorized();
    }
    return token;
  }

  /** The identity whose AWS access key signed an EKS-style token for this cluster (the cluster id is its name). */
  private awsIdentity(bearer: string): FleetToken | undefined {
    const byKey = (accessKeyId: string) =>
      this.tokens.find(t => t.aws?.accessKeyId === accessKeyId);
    const verdict = verifyAwsIamToken(bearer, {
      clusterId: this.metadata.name,
      secretAccessKey: accessKeyId => byKey(accessKeyId)?.aws?.secretAccessKey,
      now: new Date(),
    });
    return 'accessKeyId' in verdict ? byKey(verdict.accessKeyId) : undefined;
  }

  private async handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const faults = this.faults;
    if (faults.failAll) {
      throw ApiError.internal(
        'injected fault (fleet-sim): the cluster fails every request',
      );
    }
    if (faults.latencyMs) {
      const ms = faults.latencyMs;
      await new Promise(resolve => setTimeout(resolve, ms));
    }
    const url = new URL(req.url ?? '/', 'http://fleet-sim');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/version') {
      sendJson(res, 200, VERSION_INFO);
      return;
    }
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      sendJson(res, 200, 'ok', 'text/plain; charset=utf-8');
      return;
    }
    const token = this.authenticate(req);
    if (path.startsWith('/openapi/')) {
      this.serveOpenApi(path, req, res);
      return;
    }
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const types = this.served();
    const accept = req.headers.accept ?? '';
    if (path === '/api' || path === '/apis') {
      if (
        accept.includes('as=APIGroupDiscoveryList') &&
        accept.split(',')[0].includes('v=v2')
      ) {
        sendJson(
          res,
          200,
          aggregatedDiscovery(types, path === '/api'),
          AGGREGATED_DISCOVERY,
        );
      } else {
        sendJson(
          res,
          200,
          path === '/api'
            ? apiVersions(`${this.options.host}:${this.port}`)
            : apiGroupList(types),
        );
      }
      return;
    }
    if (segments[0] === 'apis' && segments.length === 2) {
      const group = findGroup(types, segments[1]);
      if (!group) throw ApiError.noSuchResource();
      sendJson(res, 200, apiGroup(group));
      return;
    }
    if (
      (segments[0] === 'api' && segments.length === 2) ||
      (segments[0] === 'apis' && segments.length === 3)
    ) {
      const [group, version] =
        segments[0] === 'api' ? ['', segments[1]] : [segments[1], segments[2]];
      if (
        !servedGroupVersions(types).includes(
          group ? `${group}/${version}` : version,
        )
      )
        throw ApiError.noSuchResource();
      sendJson(res, 200, apiResourceList(types, group, version));
      return;
    }
    const target = this.route(
      segments,
      req.method ?? 'GET',
      url.searchParams,
      types,
    );
    this.checkAccess(token, target);
    await this.dispatch(target, req, res, url.searchParams);
  }

  private serveOpenApi(
    path: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): void {
    const types = this.served();
    if (path === '/openapi/v2') {
      const accept = req.headers.accept ?? '';
      if (accept && !accept.includes('json') && !accept.includes('*/*')) {
        throw ApiError.notAcceptable(
          `only application/json is served for /openapi/v2 (asked for ${accept})`,
        );
      }
      sendJson(res, 200, openApiV2Document(types));
      return;
    }
    const documents = new Map<string, ResourceType[]>();
    for (const type of types) {
      const key = type.group
        ? `apis/${type.group}/${type.version}`
        : `api/${type.version}`;
      documents.set(key, [...(documents.get(key) ?? []), type]);
    }
    if (path === '/openapi/v3') {
      const paths: Record<string, { serverRelativeURL: string }> = {};
      for (const [key, gvTypes] of documents) {
        paths[key] = {
          serverRelativeURL: `/openapi/v3/${key}?hash=${documentHash(
            openApiV3Document(gvTypes),
          )}`,
        };
      }
      sendJson(res, 200, { paths });
      return;
    }
    const key = path.slice('/openapi/v3/'.length);
    const gvTypes = documents.get(key);
    if (!gvTypes) throw ApiError.noSuchResource();
    sendJson(res, 200, openApiV3Document(gvTypes));
  }

  private route(
    segments: string[],
    method: string,
    query: URLSearchParams,
    types: ResourceType[],
  ): RequestTarget {
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api') {
      [group, version, rest] = ['', segments[1], segments.slice(2)];
    } else if (segments[0] === 'apis') {
      [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
    } else {
      throw ApiError.noSuchResource();
    }
    let namespace: string | undefined;
    let parts = rest;
    const namespaceSubresource =
      group === '' &&
      rest[0] === 'namespaces' &&
      rest.length === 3 &&
      rest[2] === 'status';
    if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceSubresource) {
      namespace = rest[1];
      parts = rest.slice(2);
    }
    const [plural, name, subresource, ...extra] = parts;
    const type = types.find(
      t => t.group === group && t.version === version && t.plural === plural,
    );
    if (
      !type ||
      extra.length > 0 ||
      (namespace !== undefined && !type.namespaced)
    ) {
      throw ApiError.noSuchResource();
    }
    if (subresource && !(subresource === 'status' && type.statusSubresource)) {
      throw ApiError.noSuchResource();
    }
    if (type.namespaced && name !== undefined && namespace === undefined) {
      throw ApiError.noSuchResource();
    }
    const watch = query.get('watch') === 'true' || query.get('watch') === '1';
    const listOrWatch = watch ? 'watch' : 'list';
    const verbs: Record<string, string | undefined> = {
      GET: name ? 'get' : listOrWatch,
      POST: name ? undefined : 'create',
      PUT: name ? 'update' : undefined,
      PATCH: name ? 'patch' : undefined,
      DELETE: name ? 'delete' : 'deletecollection',
    };
    const verb = verbs[method];
    if (!verb) {
      throw ApiError.methodNotAllowed(
        `the server does not allow this method on the requested resource`,
      );
    }
    if (type.readOnly && !['get', 'list', 'watch'].includes(verb)) {
      throw ApiError.methodNotAllowed(
        `the server does not allow this method on the requested resource`,
      );
    }
    return { type, namespace, name, subresource, verb };
  }

  private checkAccess(token: FleetToken, target: RequestTarget): void {
    const { type, verb } = target;
    const request: AccessRequest = {
      verb,
      group: type.group,
      resource: type.plural,
      subresource: target.subresource,
      namespace: target.namespace,
      name: target.name,
    };
    if (
      resourceListed(this.faults.forbiddenResources, type.group, type.plural) ||
      !isAllowed(token, request)
    ) {
      throw ApiError.forbidden({
        resource: type.plural,
        group: type.group,
        name: target.name,
        message: forbiddenMessage(token, request),
      });
    }
    const faultVerb = (
      verb === 'deletecollection' ? 'delete' : verb
    ) as ApiVerb;
    const rate = this.faults.errorRate?.[faultVerb];
    if (rate && Math.random() < rate) {
      throw injectedError(this.faults.errorStatus ?? 500);
    }
  }

  private writeOptions(
    req: http.IncomingMessage,
    query: URLSearchParams,
  ): WriteOptions {
    const dryRun = query.getAll('dryRun');
    if (dryRun.some(v => v !== 'All')) {
      throw ApiError.badRequest(
        `Invalid dryRun value: ${dryRun.join(',')}; only "All" is supported`,
      );
    }
    const agent = (req.headers['user-agent'] ?? 'unknown').split('/')[0];
    const force = query.get('force');
    return {
      dryRun: dryRun.length > 0,
      fieldManager: query.get('fieldManager') || undefined,
      defaultFieldManager: agent,
      warnings: [],
      fieldValidation: query.get('fieldValidation') ?? undefined,
      force: force === 'true' || force === '1',
    };
  }

  private async dispatch(
    target: RequestTarget,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    query: URLSearchParams,
  ): Promise<void> {
    const { type } = target;
    const namespace = target.namespace ?? '';
    const apiVersion = groupVersion(type);
    const accept = req.headers.accept;
    const objectTarget = {
      type,
      namespace,
      name: target.name ?? '',
      subresource: target.subresource,
    };
    const respond = (code: number, object: KubeObject) =>
      sendJson(res, code, { ...object, apiVersion });
    switch (target.verb) {
      case 'get': {
        const object = this.api.get(objectTarget);
        if (wantsTable(accept)) {
          sendJson(
            res,
            200,
            tableOf(
              [object],
              { resourceVersion: object.metadata.resourceVersion ?? '' },
              query.get('includeObject') ?? undefined,
            ),
          );
        } else {
          respond(200, object);
        }
        return;
      }
      case 'list':
        this.list(target, query, accept, res);
        return;
      case 'watch':
        await this.watch(target, query, accept, req, res);
        return;
      default:
        break;
    }
    const body = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const options = this.writeOptions(req, query);
    const respondWrite = (code: number, object: KubeObject) => {
      // kube-apiserver's warnings (e.g. unknown fields it dropped): `Warning: 299 - "<text>"`.
      if (options.warnings?.length)
        res.setHeader(
          'Warning',
          options.warnings.map(w => `299 - ${JSON.stringify(w)}`),
        );
      respond(code, object);
    };
    switch (target.verb) {
      case 'create': {
        this.requireJsonOrYaml(contentType);
        respondWrite(
          201,
          this.api.create(
            type,
            namespace,
            parseBody(body, contentType),
            options,
          ),
        );
        return;
      }
      case 'update': {
        this.requireJsonOrYaml(contentType);
        respondWrite(
          200,
          this.api.update(objectTarget, parseBody(body, contentType), options),
        );
        return;
      }
      case 'patch': {
        const existed = !!this.store
          .resource(type)
          .get(namespace, objectTarget.name);
        const object = this.api.patch(objectTarget, contentType, body, options);
        respondWrite(existed ? 200 : 201, object);
        return;
      }
      case 'delete': {
        const deleteOptions = this.deleteOptions(body, options);
        respond(200, this.api.delete(objectTarget, deleteOptions));
        return;
      }
      default: {
        const deleteOptions = this.deleteOptions(body, options);
        const filter = this.filter(target, query);
        const items = [
          ...this.store.resource(type).all(target.namespace),
        ].filter(filter);
        const deleted = items.map(item =>
          this.api.delete(
            { ...objectTarget, namespace: item.namespace, name: item.name },
            deleteOptions,
          ),
        );
        sendJson(res, 200, {
          kind: `${type.kind}List`,
          apiVersion,
          metadata: { resourceVersion: String(this.store.resourceVersion) },
          items: deleted.map(o => ({ ...o, apiVersion })),
        });
      }
    }
  }

  private requireJsonOrYaml(contentType: string): void {
    const media = contentType.split(';')[0].trim();
    if (
      media !== 'application/json' &&
      media !== 'application/yaml' &&
      media !== ''
    ) {
      throw ApiError.unsupportedMediaType(media);
    }
  }

  private deleteOptions(body: string, options: WriteOptions) {
    const parsed = body.trim() ? parseBody(body, 'application/json') : {};
    const input = (
      typeof parsed === 'object' && parsed !== null ? parsed : {}
    ) as {
      propagationPolicy?: string;
      orphanDependents?: boolean;
      dryRun?: string[];
      preconditions?: { uid?: string; resourceVersion?: string };
    };
    if (input.dryRun && input.dryRun.some(v => v !== 'All')) {
      throw ApiError.badRequest(
        `Invalid dryRun value: ${input.dryRun.join(
          ',',
        )}; only "All" is supported`,
      );
    }
    return {
      ...options,
      dryRun: options.dryRun || (input.dryRun?.length ?? 0) > 0,
      orphan:
        input.propagationPolicy === 'Orphan' || input.orphanDependents === true,
      preconditions: input.preconditions,
    };
  }

  private filter(
    target: RequestTarget,
    query: URLSearchParams,
  ): (object: StoredObject) => boolean {
    const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
    const fields = parseFieldSelector(query.get('fieldSelector') ?? undefined);
    return object =>
      (target.namespace === undefined ||
        object.namespace === target.namespace) &&
      matchesFields(fields, object.namespace, object.name) &&
      matchesLabels(labels, object.labels);
  }

  private list(
    target: RequestTarget,
    query: URLSearchParams,
    accept: string | undefined,
    res: http.ServerResponse,
  ): void {
    const { type } = target;
    const store = this.store.resource(type);
    const filter = this.filter(target, query);
    const limitText = query.get('limit');
    const limit = limitText ? Number(limitText) : undefined;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
      throw ApiError.badRequest(`invalid limit: ${limitText}`);
    }
    const current = this.store.resourceVersion;
    const continueText = query.get('continue');
    const rvText = query.get('resourceVersion') ?? '';
    const match = query.get('resourceVersionMatch') ?? '';
    let revision = current;
    let after: { namespace: string; name: string } | undefined;
    if (continueText) {
      const token = parseContinue(continueText);
      revision = token.rv;
      after = { namespace: token.namespace, name: token.name };
    } else if (rvText !== '' && rvText !== '0') {
      const requested = Number(rvText);
      if (!Number.isInteger(requested) || requested < 0) {
        throw ApiError.badRequest(
          `resourceVersion: Invalid value: "${rvText}": must be a non-negative integer`,
        );
      }
      if (requested > current) {
        throw tooLargeResourceVersion(requested, current);
      }
      if (match === 'Exact') {
        revision = requested;
      }
    }
    const page = store.page({
      revision,
      namespace: target.namespace,
      after,
      limit,
      filter,
    });
    if (!page) {
      throw continueText
        ? ApiError.expired(
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
          )
        : ApiError.expired(
            `The resourceVersion for the provided list is too old.`,
          );
    }
    const apiVersion = groupVersion(type);
    const next = page.next
      ? continueToken(revision, page.next.namespace, page.next.name)
      : undefined;
    const listRevision = String(revision);
    if (wantsTable(accept)) {
      const objects = page.items.map(item => decodeObject(item, apiVersion));
      sendJson(
        res,
        200,
        tableOf(
          objects,
          { resourceVersion: listRevision, continue: next },
          query.get('includeObject') ?? undefined,
        ),
      );
      return;
    }
    const metadata = JSON.stringify({
      resourceVersion: listRevision,
      ...(next ? { continue: next } : {}),
    });
    const items = page.items
      .map(item => objectJson(item, apiVersion))
      .join(',');
    sendJson(
      res,
      200,
      `{"kind":"${type.kind}List","apiVersion":"${apiVersion}","metadata":${metadata},"items":[${items}]}`,
    );
  }

  /**
   * Resolves once the cluster reaches `revision` (true), or false after `waitMs` or when the
   * client goes away: kube-apiserver's watch cache waits for a future resourceVersion this way.
   */
  private waitForRevision(
    revision: number,
    waitMs: number,
    req: http.IncomingMessage,
  ): Promise<boolean> {
    return new Promise(resolve => {
      if (this.store.resourceVersion >= revision) {
        resolve(true);
        return;
      }
      const timers: NodeJS.Timeout[] = [];
      const listeners: Array<() => void> = [];
      function finish(reached: boolean) {
        timers.forEach(clearTimeout);
        timers.forEach(clearInterval);
        listeners.forEach(l => req.off('close', l));
        resolve(reached);
      }
      const gone = () => finish(false);
      listeners.push(gone);
      req.on('close', gone);
      timers.push(
        setInterval(
          () => this.store.resourceVersion >= revision && finish(true),
          20,
        ),
        setTimeout(() => finish(false), waitMs),
      );
    });
  }

  private async watch(
    target: RequestTarget,
    query: URLSearchParams,
    accept: string | undefined,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const { type } = target;
    const apiVersion = groupVersion(type);
    const store = this.store.resource(type);
    const filter = this.filter(target, query);
    const rvText = query.get('resourceVersion') ?? '';
    const timeoutText = query.get('timeoutSeconds');
    const timeoutSeconds = timeoutText
      ? Number(timeoutText)
      : DEFAULT_WATCH_TIMEOUT_SECONDS;
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
      throw ApiError.badRequest(`invalid timeoutSeconds: ${timeoutText}`);
    }
    let replay: StoreEvent[] | undefined = [];
    let initial: StoredObject[] = [];
    let requested = 0;
    if (rvText === '' || rvText === '0') {
      initial =
        store.page({
          revision: this.store.resourceVersion,
          namespace: target.namespace,
          filter,
        })?.items ?? [];
    } else {
      requested = Number(rvText);
      if (!Number.isInteger(requested) || requested < 0) {
        throw ApiError.badRequest(
          `resourceVersion: Invalid value: "${rvText}": must be a non-negative integer`,
        );
      }
      if (requested > this.store.resourceVersion) {
        const waitMs = Math.min(
          this.options.resourceVersionWaitMs ??
            DEFAULT_RESOURCE_VERSION_WAIT_MS,
          timeoutSeconds * 1000,
        );
        if (!(await this.waitForRevision(requested, waitMs, req))) {
          throw tooLargeResourceVersion(requested, this.store.resourceVersion);
        }
      }
      replay = store.eventsSince(requested);
    }
    const table = wantsTable(accept);
    const includeObject = query.get('includeObject') ?? undefined;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    const write = (eventType: string, json: string) =>
      res.write(`{"type":"${eventType}","object":${json}}\n`);
    if (!replay) {
      const status = ApiError.expired(
        `too old resource version: ${requested} (${
          store.compactedRevision + 1
        })`,
      ).toStatus();
      write('ERROR', JSON.stringify(status));
      res.end();
      return;
    }
    const dropAfter = this.faults.watchDropAfterEvents;
    let sent = 0;
    let closed = false;
    const timers: NodeJS.Timeout[] = [];
    let unsubscribe = () => {};
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      timers.forEach(clearTimeout);
      timers.forEach(clearInterval);
      this.watches.delete(close);
      res.end();
    };
    const sendObject = (eventType: string, object: StoredObject) => {
      if (closed) return;
      let json = objectJson(object, apiVersion);
      if (table) {
        json = JSON.stringify(
          tableOf(
            [JSON.parse(json)],
            { resourceVersion: String(object.resourceVersion) },
            includeObject,
          ),
        );
      }
      write(eventType, json);
      sent++;
      if (dropAfter !== undefined && sent >= dropAfter) close();
    };
    const deliver = (event: StoreEvent) => {
      const now = filter(event.object);
      const before = event.previous ? filter(event.previous) : false;
      if (event.type === 'DELETED') {
        if (now) sendObject('DELETED', event.object);
      } else if (now) {
        sendObject(
          event.type === 'MODIFIED' && before ? 'MODIFIED' : 'ADDED',
          event.object,
        );
      } else if (before && event.previous) {
        const gone = decodeObject(event.previous, apiVersion);
        gone.metadata.resourceVersion = String(event.resourceVersion);
        sendObject('DELETED', encodeObject(gone));
      }
    };
    this.watches.add(close);
    req.on('close', close);
    unsubscribe = store.subscribe(deliver);
    for (const object of initial) sendObject('ADDED', object);
    for (const event of replay) deliver(event);
    timers.push(setTimeout(close, timeoutSeconds * 1000));
    if (
      query.get('allowWatchBookmarks') === 'true' ||
      query.get('allowWatchBookmarks') === '1'
    ) {
      const bookmark = () =>
        !closed &&
        write(
          'BOOKMARK',
          JSON.stringify({
            kind: type.kind,
            apiVersion,
            metadata: { resourceVersion: String(this.store.resourceVersion) },
          }),
        );
      timers.push(setInterval(bookmark, this.options.bookmarkIntervalMs));
    }
  }
}
