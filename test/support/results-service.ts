/**
 * A local stand-in for GitHub's Actions results service, on 127.0.0.1.
 *
 * It speaks the protocol that the unmodified @actions/artifact (v6) and @actions/cache (v6, cache service v2)
 * libraries speak, so end-to-end tests can really upload and download:
 *
 * - Twirp over JSON at `/twirp/github.actions.results.api.v1.{ArtifactService,CacheService}/<Method>`. The
 *   generated protobuf-ts clients send proto field names (`workflow_run_backend_id`) and accept either proto or
 *   camelCase names back; int64 travels as a decimal string, wrapper types (StringValue, Int64Value) as their
 *   bare value, Timestamp as RFC 3339. Errors are `{ "code", "msg" }` with the Twirp HTTP status.
 * - Azure-Blob-like endpoints at the signed URLs handed out (`/blob/<container>/<name>?sp=..&se=..&sig=..`). The
 *   Azure SDK treats an IP host as path-style (`/<account>/<container>/<blob>`), so `blob` is the "account".
 *   Uploads use Put Block + Put Block List (artifact: always; cache: above 128 MiB) or one Put Blob (cache).
 *   Downloads are plain GETs; Range is supported anyway.
 *
 * Authentication as on GitHub: each Twirp call carries `Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>`, a JWT
 * (HS256, signed with a per-service secret) whose `scp` claim holds `Actions.Results:<run>:<job>`. Artifact
 * calls must name the run and job of the token. Blob URLs carry an HMAC over path, permissions, expiry and
 * response overrides; a wrong or expired signature gets 403.
 *
 * Deliberate simplifications (documented so tests do not rely on GitHub behaviour we do not model):
 * - Cache entries live in one global scope: any valid token reads and writes every entry. GitHub scopes them
 *   by ref (a branch reads its own entries, then the default branch's).
 * - Put Block List accepts `<Latest>` and `<Uncommitted>` ids only (what the SDK sends); committed blocks are
 *   not kept after a commit, so `<Committed>` is refused.
 * - Blob bytes live on disk under a temp dir that close() removes; metadata lives in memory.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// ---------------------------------------------------------------------------------------------------------------
// Public API

export interface RunIds {
  runBackendId: string;
  jobBackendId: string;
}

export interface ArtifactSummary {
  id: number;
  name: string;
  size: number;
  runBackendId: string;
  jobBackendId: string;
  finalized: boolean;
  digest?: string;
  mimeType?: string;
  version?: number;
}

export interface CacheEntrySummary {
  key: string;
  version: string;
  size: number;
  finalized: boolean;
}

export interface ResultsService {
  /** Value for ACTIONS_RESULTS_URL, with the trailing slash the runner gives it. */
  url: string;
  /** A runtime token this service accepts; `expiresInSeconds` (default 6 h) may be negative to get an expired one. */
  issueRuntimeToken(ids: RunIds & { expiresInSeconds?: number }): string;
  artifacts(runBackendId?: string): ArtifactSummary[];
  /** The artifact's bytes as stored (the zip), so tests can search them for leaked secrets. */
  artifactBytes(id: number): Buffer;
  cacheEntries(): CacheEntrySummary[];
  /** The archive stored for a cache entry (tar, zstd or gzip compressed). */
  cacheEntryBytes(key: string, version?: string): Buffer;
  /** Every request served, in order of completion; paths carry no query string (it holds signatures). */
  requests: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

export interface ResultsServiceOptions {
  /** Parent directory for the service's temporary blob directory (default: the OS temp dir). */
  storageDir?: string;
  /** Lifetime of signed blob URLs (default one hour); 0 or less hands out already expired URLs. */
  signedUrlTtlMs?: number;
}

/**
 * The variables the runner gives a job so that @actions/artifact and @actions/cache (v2) talk to `service`.
 * GITHUB_SERVER_URL must stay https://github.com: both libraries treat any other host as GHES and refuse the
 * results service. ACTIONS_CACHE_URL (the v1 cache service) is left out on purpose: with
 * ACTIONS_CACHE_SERVICE_V2 set, the cache library reads only ACTIONS_RESULTS_URL.
 */
export function runnerEnvironment(service: ResultsService, ids: RunIds): Record<string, string> {
  return {
    ACTIONS_RUNTIME_TOKEN: service.issueRuntimeToken(ids),
    ACTIONS_RESULTS_URL: service.url,
    ACTIONS_CACHE_SERVICE_V2: 'True',
    GITHUB_SERVER_URL: 'https://github.com',
  };
}

export async function startResultsService(options: ResultsServiceOptions = {}): Promise<ResultsService> {
  const parent = options.storageDir ?? os.tmpdir();
  await mkdir(parent, { recursive: true });
  const root = await mkdtemp(path.join(parent, 'results-service-'));

  const server = http.createServer();
  const origin = await listenOnLoopback(server);
  const tokens = new TokenAuthority();
  const signer = new UrlSigner(origin, options.signedUrlTtlMs ?? 60 * 60 * 1000);
  const blobs = new BlobStore(root);
  const artifacts = new ArtifactService(blobs, signer);
  const caches = new CacheService(blobs, signer);
  const requests: ResultsService['requests'] = [];
  const twirpRoutes = { ...artifacts.routes(), ...caches.routes() };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    res.on('finish', () =>
      requests.push({ method: req.method ?? '', path: url.pathname, status: res.statusCode }),
    );
    void routeRequest(req, res, url, { tokens, signer, blobs, twirpRoutes });
  });

  return {
    url: `${origin}/`,
    issueRuntimeToken: (ids) => tokens.issue(ids),
    artifacts: (runBackendId) => artifacts.summaries(runBackendId),
    artifactBytes: (id) => artifacts.bytes(id),
    cacheEntries: () => caches.summaries(),
    cacheEntryBytes: (key, version) => caches.bytes(key, version),
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function listenOnLoopback(server: http.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

interface Services {
  tokens: TokenAuthority;
  signer: UrlSigner;
  blobs: BlobStore;
  twirpRoutes: Record<string, TwirpHandler>;
}

async function routeRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: Services,
) {
  try {
    if (url.pathname.startsWith('/twirp/')) {
      await handleTwirp(req, res, url, services);
    } else if (url.pathname.startsWith(`/${BLOB_ACCOUNT}/`)) {
      await handleBlob(req, res, url, services);
    } else {
      sendJson(res, 404, { code: 'bad_route', msg: `no route for ${req.method} ${url.pathname}` });
    }
  } catch (error) {
    // A bug in the stand-in: answer 500 rather than leave the client hanging until its timeout.
    if (!res.headersSent) sendJson(res, 500, { code: 'internal', msg: String(error) });
    else res.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Twirp plumbing

type TwirpCode =
  | 'invalid_argument'
  | 'malformed'
  | 'not_found'
  | 'bad_route'
  | 'already_exists'
  | 'permission_denied'
  | 'unauthenticated'
  | 'failed_precondition'
  | 'internal';

// The status codes of the Twirp wire protocol. The libraries retry 5xx and 429 (with seconds of back-off), so a
// refusal that is final must be a 4xx.
const TWIRP_HTTP_STATUS: Record<TwirpCode, number> = {
  invalid_argument: 400,
  malformed: 400,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  failed_precondition: 412,
  internal: 500,
};

class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
type TwirpHandler = (body: Json, caller: RunIds) => Json | Promise<Json>;

const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';
const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';
const MAX_TWIRP_BODY = 1024 * 1024;

async function handleTwirp(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: Services,
) {
  try {
    const handler = findTwirpHandler(req, url, services.twirpRoutes);
    // Authenticate before reading the body, as a gateway would.
    const caller = services.tokens.verify(req.headers.authorization);
    const body = parseTwirpBody(await readBody(req, MAX_TWIRP_BODY));
    sendJson(res, 200, await handler(body, caller));
  } catch (error) {
    if (!(error instanceof TwirpError)) throw error;
    sendJson(res, TWIRP_HTTP_STATUS[error.code], { code: error.code, msg: error.message });
  }
}

function findTwirpHandler(req: http.IncomingMessage, url: URL, routes: Record<string, TwirpHandler>) {
  // Twirp answers every routing problem, wrong verb and wrong content type included, with bad_route.
  if (req.method !== 'POST')
    throw new TwirpError('bad_route', `unsupported method ${req.method} (only POST)`);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new TwirpError(
      'bad_route',
      `unexpected Content-Type ${JSON.stringify(contentType)}; only JSON is served`,
    );
  }
  const handler = routes[url.pathname.slice('/twirp/'.length)];
  if (!handler) throw new TwirpError('bad_route', `no handler for path ${url.pathname}`);
  return handler;
}

function parseTwirpBody(raw: Buffer): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new TwirpError('malformed', 'the request body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TwirpError('malformed', 'the request body is not a JSON object');
  }
  return parsed as Json;
}

async function readBody(req: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > limit) throw new TwirpError('malformed', `the request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

// Readers for protobuf JSON: a parser must accept the proto name and its lowerCamelCase JSON name alike.
function field(body: Json, protoName: string): unknown {
  if (protoName in body) return body[protoName];
  return body[protoName.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

function optionalString(body: Json, name: string): string | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TwirpError('malformed', `${name} must be a string`);
  return value;
}

function requiredString(body: Json, name: string): string {
  const value = optionalString(body, name);
  if (!value) throw new TwirpError('invalid_argument', `${name} is required`);
  return value;
}

/** int64 and Int64Value arrive as decimal strings (numbers are accepted too, as protobuf JSON allows). */
function optionalInt64(body: Json, name: string): number | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new TwirpError('malformed', `${name} must be an int64`);
  }
  return number;
}

function stringArray(body: Json, name: string): string[] {
  const value = field(body, name) ?? [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new TwirpError('malformed', `${name} must be an array of strings`);
  }
  return value as string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Runtime tokens

const TOKEN_ISSUER = 'results-service-stand-in';
const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

class TokenAuthority {
  private readonly secret = randomBytes(32);

  issue({
    runBackendId,
    jobBackendId,
    expiresInSeconds = 6 * 60 * 60,
  }: RunIds & { expiresInSeconds?: number }) {
    for (const id of [runBackendId, jobBackendId]) {
      // The scope claim is split on spaces and colons, so an id holding either could not be read back.
      if (!/^[^\s:]+$/.test(id))
        throw new Error(`a backend id must be non-empty without spaces or colons: "${id}"`);
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: TOKEN_ISSUER,
      scp: `Actions.GenericRead:${runBackendId} Actions.Results:${runBackendId}:${jobBackendId}`,
      iat: now,
      nbf: now,
      exp: now + expiresInSeconds,
    };
    const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
    return `${unsigned}.${this.signature(unsigned)}`;
  }

  /** The run and job the bearer token speaks for; anything else is `unauthenticated`. */
  verify(authorization: string | undefined): RunIds {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new TwirpError('unauthenticated', 'missing bearer token');
    const [header, payload, signature] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined) {
      throw new TwirpError('unauthenticated', 'the token is not a JWT');
    }
    if (!safeEqual(signature, this.signature(`${header}.${payload}`))) {
      throw new TwirpError('unauthenticated', 'the token signature is not valid');
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Json;
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now)
      throw new TwirpError('unauthenticated', 'token expired');
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60) {
      throw new TwirpError('unauthenticated', 'token not valid yet');
    }
    return resultsScope(claims.scp);
  }

  private signature(unsigned: string) {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }
}

function resultsScope(scp: unknown): RunIds {
  const scopes = typeof scp === 'string' ? scp.split(' ') : [];
  for (const scope of scopes) {
    const [name, runBackendId, jobBackendId, ...rest] = scope.split(':');
    if (name === 'Actions.Results' && runBackendId && jobBackendId && rest.length === 0) {
      return { runBackendId, jobBackendId };
    }
  }
  throw new TwirpError('unauthenticated', 'the token has no Actions.Results scope');
}

function safeEqual(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// ---------------------------------------------------------------------------------------------------------------
// Signed blob URLs (a small SAS look-alike)

const BLOB_ACCOUNT = 'blob';
type Container = 'artifacts' | 'cache';
type Access = 'read' | 'write';

interface ResponseOverrides {
  contentType?: string;
  contentDisposition?: string;
}

class UrlSigner {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly origin: string,
    private readonly ttlMs: number,
  ) {}

  /** `sp` is `cw` (create, write) for uploads and `r` for downloads, as in Azure SAS. */
  sign(container: Container, blobName: string, access: Access, overrides: ResponseOverrides = {}): string {
    const url = new URL(`/${BLOB_ACCOUNT}/${container}/${blobName}`, this.origin);
    const params = url.searchParams;
    params.set('sp', access === 'read' ? 'r' : 'cw');
    // Seconds precision, as Azure writes `se`.
    params.set('se', new Date(Date.now() + this.ttlMs).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    if (overrides.contentType) params.set('rsct', overrides.contentType);
    if (overrides.contentDisposition) params.set('rscd', overrides.contentDisposition);
    params.set('sig', this.signature(url));
    return url.toString();
  }

  /** The reason a request may not use this URL for `access`, or undefined when it may. */
  refusal(url: URL, access: Access): string | undefined {
    const sig = url.searchParams.get('sig');
    if (!sig) return 'the URL carries no signature';
    if (!safeEqual(sig, this.signature(url))) return 'the signature does not match';
    const expiry = Date.parse(url.searchParams.get('se') ?? '');
    if (!(expiry > Date.now())) return 'the signed URL has expired';
    const permissions = url.searchParams.get('sp') ?? '';
    const allowed = access === 'read' ? permissions.includes('r') : permissions.includes('w');
    if (!allowed) return `the signed URL does not grant ${access} access`;
    return undefined;
  }

  // Signs everything a holder could change to widen their access: the blob path, permissions, expiry and the
  // response overrides. Parameters the SDK adds (comp, blockid, timeout) stay outside, as in Azure.
  private signature(url: URL) {
    const p = url.searchParams;
    const canonical = [url.pathname, p.get('sp'), p.get('se'), p.get('rsct') ?? '', p.get('rscd') ?? ''].join(
      '\n',
    );
    return createHmac('sha256', this.secret).update(canonical).digest('base64url');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Blob storage on disk

interface StoredBlob {
  file: string;
  size: number;
  contentType?: string;
  etag: string;
  lastModified: Date;
}

class BlobError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class BlobStore {
  private readonly committed = new Map<string, StoredBlob>();
  /** Uncommitted blocks per blob: block id → file holding its bytes. */
  private readonly staged = new Map<string, Map<string, string>>();

  constructor(private readonly root: string) {}

  static key(container: Container, name: string) {
    return `${container}/${name}`;
  }

  get(key: string): StoredBlob | undefined {
    return this.committed.get(key);
  }

  async stageBlock(key: string, blockId: string, body: Readable): Promise<void> {
    const dir = path.join(this.root, 'staging', key);
    await mkdir(dir, { recursive: true });
    // Hex keeps base64 ids ('/', '+') out of file names; a re-staged id simply replaces its bytes.
    const file = path.join(dir, Buffer.from(blockId).toString('hex'));
    await writeAtomically(file, async (tmp) => pipeline(body, createWriteStream(tmp)));
    const blocks = this.staged.get(key) ?? new Map<string, string>();
    blocks.set(blockId, file);
    this.staged.set(key, blocks);
  }

  /** Put Block List: the blob becomes the listed blocks, in the listed order. */
  async commitBlockList(
    key: string,
    blockIds: string[],
    contentType: string | undefined,
  ): Promise<StoredBlob> {
    const blocks = this.staged.get(key) ?? new Map<string, string>();
    const files = blockIds.map((id) => {
      const file = blocks.get(id);
      if (!file) throw new BlobError(400, 'InvalidBlockList', `block ${id} was not staged`);
      return file;
    });
    const blob = await this.store(key, contentType, async (tmp) => {
      const out = createWriteStream(tmp);
      for (const file of files) await pipeline(createReadStream(file), out, { end: false });
      out.end();
      await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
    });
    await this.dropStaged(key);
    return blob;
  }

  /** Put Blob: the body becomes the whole blob and any uncommitted blocks are discarded. */
  async putBlob(key: string, body: Readable, contentType: string | undefined): Promise<StoredBlob> {
    const blob = await this.store(key, contentType, async (tmp) => pipeline(body, createWriteStream(tmp)));
    await this.dropStaged(key);
    return blob;
  }

  async remove(key: string): Promise<void> {
    const blob = this.committed.get(key);
    this.committed.delete(key);
    await this.dropStaged(key);
    if (blob) await rm(blob.file, { force: true });
  }

  async sha256(key: string): Promise<string> {
    const blob = this.committed.get(key);
    if (!blob) throw new Error(`no blob ${key}`);
    const hash = createHash('sha256');
    await pipeline(createReadStream(blob.file), hash);
    return hash.digest('hex');
  }

  private async store(key: string, contentType: string | undefined, write: (tmp: string) => Promise<void>) {
    const file = path.join(this.root, 'blobs', key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeAtomically(file, write);
    const blob: StoredBlob = {
      file,
      size: (await stat(file)).size,
      contentType,
      etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
      lastModified: new Date(),
    };
    this.committed.set(key, blob);
    return blob;
  }

  private async dropStaged(key: string) {
    this.staged.delete(key);
    await rm(path.join(this.root, 'staging', key), { recursive: true, force: true });
  }
}

/** Readers never see a half-written blob: write beside the target, then rename over it. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>) {
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Blob HTTP endpoints

const STORAGE_API_VERSION = '2025-11-05';
const MAX_BLOCK_LIST_BODY = 8 * 1024 * 1024;

async function handleBlob(req: http.IncomingMessage, res: http.ServerResponse, url: URL, services: Services) {
  // Every storage response names its request and the API version, which the SDK logs and keeps.
  res.setHeader('x-ms-request-id', randomUUID());
  res.setHeader('x-ms-version', headerValue(req, 'x-ms-version') ?? STORAGE_API_VERSION);
  const clientRequestId = headerValue(req, 'x-ms-client-request-id');
  if (clientRequestId) res.setHeader('x-ms-client-request-id', clientRequestId);
  try {
    await serveBlob(req, res, url, services);
  } catch (error) {
    if (!(error instanceof BlobError)) throw error;
    sendStorageError(res, error);
  }
}

async function serveBlob(req: http.IncomingMessage, res: http.ServerResponse, url: URL, services: Services) {
  const key = blobKeyFromPath(url.pathname);
  const method = req.method ?? '';
  const access: Access = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  const refusal = services.signer.refusal(url, access);
  if (refusal)
    throw new BlobError(403, 'AuthenticationFailed', `Server failed to authenticate the request: ${refusal}`);
  if (headerValue(req, 'x-ms-structured-body')) {
    throw new BlobError(400, 'UnsupportedHeader', 'structured (CRC64) message bodies are not supported here');
  }

  const comp = url.searchParams.get('comp');
  if (method === 'PUT' && comp === 'block') return stageBlock(req, res, url, key, services.blobs);
  if (method === 'PUT' && comp === 'blocklist') return commitBlockList(req, res, key, services.blobs);
  if (method === 'PUT' && comp === null) return putBlob(req, res, key, services.blobs);
  if ((method === 'GET' || method === 'HEAD') && comp === null)
    return readBlob(req, res, url, key, services.blobs);
  throw new BlobError(400, 'UnsupportedHttpVerb', `${method} with comp=${comp} is not supported here`);
}

function blobKeyFromPath(pathname: string): string {
  const match = /^\/[^/]+\/(artifacts|cache)\/([A-Za-z0-9-]+)$/.exec(pathname);
  if (!match) throw new BlobError(400, 'InvalidUri', `no such blob path: ${pathname}`);
  return BlobStore.key(match[1] as Container, match[2] as string);
}

async function stageBlock(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  key: string,
  blobs: BlobStore,
) {
  const blockId = url.searchParams.get('blockid') ?? '';
  // Azure: a block id is base64 of at most 64 bytes.
  const decoded = Buffer.from(blockId, 'base64');
  if (!blockId || decoded.length > 64 || decoded.toString('base64') !== blockId) {
    throw new BlobError(400, 'InvalidQueryParameterValue', `invalid blockid ${JSON.stringify(blockId)}`);
  }
  await blobs.stageBlock(key, blockId, req);
  res.writeHead(201, { 'x-ms-request-server-encrypted': 'true', 'Content-Length': 0 });
  res.end();
}

async function commitBlockList(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  key: string,
  blobs: BlobStore,
) {
  const xml = (await readBlobBody(req, MAX_BLOCK_LIST_BODY)).toString('utf8');
  const blob = await blobs.commitBlockList(
    key,
    parseBlockList(xml),
    headerValue(req, 'x-ms-blob-content-type'),
  );
  sendWritten(res, blob);
}

/** `<BlockList><Latest>id</Latest>…</BlockList>`, ids in commit order. */
function parseBlockList(xml: string): string[] {
  if (!/<BlockList>[\s\S]*<\/BlockList>/.test(xml)) {
    throw new BlobError(400, 'InvalidXmlDocument', 'the body is not a <BlockList> document');
  }
  const ids: string[] = [];
  for (const [, kind, id] of xml.matchAll(/<(Latest|Uncommitted|Committed)>\s*([^<]*?)\s*<\/\1>/g)) {
    if (kind === 'Committed') {
      throw new BlobError(400, 'InvalidBlockList', 'committed blocks are not kept by this stand-in');
    }
    ids.push(id as string);
  }
  return ids;
}

async function putBlob(req: http.IncomingMessage, res: http.ServerResponse, key: string, blobs: BlobStore) {
  const blobType = headerValue(req, 'x-ms-blob-type');
  if (blobType !== 'BlockBlob') {
    throw new BlobError(400, 'MissingRequiredHeader', 'x-ms-blob-type must be BlockBlob');
  }
  const contentType = headerValue(req, 'x-ms-blob-content-type') ?? headerValue(req, 'content-type');
  sendWritten(res, await blobs.putBlob(key, req, contentType));
}

function sendWritten(res: http.ServerResponse, blob: StoredBlob) {
  res.writeHead(201, {
    ETag: blob.etag,
    'Last-Modified': blob.lastModified.toUTCString(),
    'x-ms-request-server-encrypted': 'true',
    'Content-Length': 0,
  });
  res.end();
}

async function readBlob(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  key: string,
  blobs: BlobStore,
) {
  const blob = blobs.get(key);
  if (!blob) throw new BlobError(404, 'BlobNotFound', 'The specified blob does not exist.');
  const range = parseRange(headerValue(req, 'x-ms-range') ?? headerValue(req, 'range'), blob.size);
  const headers: http.OutgoingHttpHeaders = {
    // rsct / rscd are the SAS response overrides: the signed URL decides how the download presents itself.
    'Content-Type': url.searchParams.get('rsct') ?? blob.contentType ?? 'application/octet-stream',
    'Content-Length': range ? range.end - range.start + 1 : blob.size,
    ETag: blob.etag,
    'Last-Modified': blob.lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-creation-time': blob.lastModified.toUTCString(),
    'x-ms-lease-state': 'available',
    'x-ms-lease-status': 'unlocked',
    'x-ms-server-encrypted': 'true',
  };
  const disposition = url.searchParams.get('rscd');
  if (disposition) headers['Content-Disposition'] = disposition;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${blob.size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || blob.size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(blob.file, range ?? {}), res);
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; undefined means the whole blob. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  const unsatisfiable = () =>
    new BlobError(
      416,
      'InvalidRange',
      `The range specified is invalid for the current size of the resource.`,
    );
  if (!match || (match[1] === '' && match[2] === '')) throw unsatisfiable();
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) throw unsatisfiable();
  return { start, end };
}

async function readBlobBody(req: Readable, limit: number): Promise<Buffer> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof TwirpError) throw new BlobError(413, 'RequestBodyTooLarge', error.message);
    throw error;
  }
}

function sendStorageError(res: http.ServerResponse, error: BlobError) {
  const xml =
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error>`;
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(xml),
    'x-ms-error-code': error.code,
  };
  if (error.status === 416) headers['Content-Range'] = 'bytes */*';
  res.writeHead(error.status, headers);
  res.end(xml);
}

function escapeXml(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// ---------------------------------------------------------------------------------------------------------------
// ArtifactService

interface ArtifactRecord {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  blobName: string;
  mimeType?: string;
  version?: number;
  expiresAt?: string;
  createdAt: Date;
  finalized: boolean;
  size: number;
  digest?: string;
}

class ArtifactService {
  private readonly records = new Map<number, ArtifactRecord>();
  private nextId = 1;

  constructor(
    private readonly blobs: BlobStore,
    private readonly signer: UrlSigner,
  ) {}

  routes(): Record<string, TwirpHandler> {
    return {
      [`${ARTIFACT_SERVICE}/CreateArtifact`]: (body, caller) => this.create(body, caller),
      [`${ARTIFACT_SERVICE}/FinalizeArtifact`]: (body, caller) => this.finalize(body, caller),
      [`${ARTIFACT_SERVICE}/ListArtifacts`]: (body, caller) => this.list(body, caller),
      [`${ARTIFACT_SERVICE}/GetSignedArtifactURL`]: (body, caller) => this.signedUrl(body, caller),
      [`${ARTIFACT_SERVICE}/DeleteArtifact`]: (body, caller) => this.delete(body, caller),
    };
  }

  summaries(runBackendId?: string): ArtifactSummary[] {
    return [...this.records.values()]
      .filter((record) => runBackendId === undefined || record.runBackendId === runBackendId)
      .map(({ id, name, size, runBackendId: run, jobBackendId, finalized, digest, mimeType, version }) => ({
        id,
        name,
        size,
        runBackendId: run,
        jobBackendId,
        finalized,
        digest,
        mimeType,
        version,
      }));
  }

  bytes(id: number): Buffer {
    const record = this.records.get(id);
    const blob = record && this.blobs.get(BlobStore.key('artifacts', record.blobName));
    if (!blob) throw new Error(`artifact ${id} has no stored bytes`);
    return readFileSync(blob.file);
  }

  private async create(body: Json, caller: RunIds): Promise<Json> {
    const run = this.runOf(body, caller, 'write');
    const name = requiredString(body, 'name');
    const existing = this.find(run.runBackendId, name);
    if (existing?.finalized) {
      throw new TwirpError('already_exists', 'an artifact with this name already exists on the workflow run');
    }
    // An unfinished upload of the same name (a retried step) is replaced.
    if (existing) await this.drop(existing);
    const record: ArtifactRecord = {
      id: this.nextId++,
      name,
      ...run,
      blobName: randomUUID(),
      mimeType: optionalString(body, 'mime_type'),
      version: optionalInt64(body, 'version'),
      expiresAt: optionalString(body, 'expires_at'),
      createdAt: new Date(),
      finalized: false,
      size: 0,
    };
    this.records.set(record.id, record);
    return { ok: true, signed_upload_url: this.signer.sign('artifacts', record.blobName, 'write') };
  }

  private async finalize(body: Json, caller: RunIds): Promise<Json> {
    const run = this.runOf(body, caller, 'write');
    const name = requiredString(body, 'name');
    const size = optionalInt64(body, 'size') ?? 0;
    const hash = optionalString(body, 'hash');
    const record = this.find(run.runBackendId, name);
    if (!record) throw new TwirpError('not_found', `no artifact named ${name} is being uploaded in this run`);
    if (record.finalized)
      throw new TwirpError('failed_precondition', `artifact ${name} is already finalized`);
    const key = BlobStore.key('artifacts', record.blobName);
    const blob = this.blobs.get(key);
    if (!blob) throw new TwirpError('failed_precondition', `nothing was uploaded for artifact ${name}`);
    if (blob.size !== size) {
      throw new TwirpError('invalid_argument', `size ${size} does not match the ${blob.size} bytes uploaded`);
    }
    if (hash !== undefined) await this.checkHash(key, hash);
    Object.assign(record, { finalized: true, size, digest: hash });
    return { ok: true, artifact_id: String(record.id) };
  }

  private async checkHash(key: string, hash: string) {
    const match = /^sha256:([0-9a-f]{64})$/.exec(hash);
    if (!match) throw new TwirpError('invalid_argument', `hash must be sha256:<64 hex digits>, got ${hash}`);
    const actual = await this.blobs.sha256(key);
    if (actual !== match[1]) {
      throw new TwirpError(
        'invalid_argument',
        `hash ${hash} does not match the uploaded bytes (sha256:${actual})`,
      );
    }
  }

  private list(body: Json, caller: RunIds): Json {
    const run = this.runOf(body, caller);
    const nameFilter = optionalString(body, 'name_filter');
    const idFilter = optionalInt64(body, 'id_filter');
    const artifacts = [...this.records.values()]
      .filter((record) => record.finalized && record.runBackendId === run.runBackendId)
      .filter((record) => nameFilter === undefined || record.name === nameFilter)
      .filter((record) => idFilter === undefined || record.id === idFilter)
      .map((record) => ({
        workflow_run_backend_id: record.runBackendId,
        workflow_job_run_backend_id: record.jobBackendId,
        database_id: String(record.id),
        name: record.name,
        size: String(record.size),
        created_at: record.createdAt.toISOString(),
        ...(record.digest ? { digest: record.digest } : {}),
      }));
    return { artifacts };
  }

  private signedUrl(body: Json, caller: RunIds): Json {
    const run = this.runOf(body, caller);
    const name = requiredString(body, 'name');
    const record = this.find(run.runBackendId, name);
    if (!record?.finalized) throw new TwirpError('not_found', `artifact ${name} not found`);
    // The download client unzips when the content type is a zip, and otherwise names the file from
    // Content-Disposition (an upload with skipArchive), so both come with the URL as Azure's rsct / rscd.
    const contentType = record.mimeType ?? 'application/zip';
    const fileName = contentType === 'application/zip' ? `${record.name}.zip` : record.name;
    const signed = this.signer.sign('artifacts', record.blobName, 'read', {
      contentType,
      contentDisposition: contentDisposition(fileName),
    });
    return { signed_url: signed };
  }

  private async delete(body: Json, caller: RunIds): Promise<Json> {
    const run = this.runOf(body, caller);
    const name = requiredString(body, 'name');
    const record = this.find(run.runBackendId, name);
    if (!record?.finalized) throw new TwirpError('not_found', `artifact ${name} not found`);
    await this.drop(record);
    return { ok: true, artifact_id: String(record.id) };
  }

  /**
   * The run and job a request names. The run must be the token's own, as GitHub checks; the job must
   * be too for writes (create, finalize), but any job of the run may list, download or delete the
   * artifacts of another job, and the library sends the producing job's id when it does.
   */
  private runOf(body: Json, caller: RunIds, access: 'write' | 'read' = 'read'): RunIds {
    const runBackendId = requiredString(body, 'workflow_run_backend_id');
    const jobBackendId = requiredString(body, 'workflow_job_run_backend_id');
    if (
      runBackendId !== caller.runBackendId ||
      (access === 'write' && jobBackendId !== caller.jobBackendId)
    ) {
      throw new TwirpError(
        'permission_denied',
        'the request names a workflow run or job the token does not grant',
      );
    }
    return { runBackendId, jobBackendId };
  }

  private find(runBackendId: string, name: string): ArtifactRecord | undefined {
    return [...this.records.values()].find((r) => r.runBackendId === runBackendId && r.name === name);
  }

  private async drop(record: ArtifactRecord) {
    this.records.delete(record.id);
    await this.blobs.remove(BlobStore.key('artifacts', record.blobName));
  }
}

function contentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// CacheService (v2)

interface CacheRecord {
  id: number;
  key: string;
  version: string;
  blobName: string;
  finalized: boolean;
  finalizedAt?: Date;
  size: number;
}

class CacheService {
  private readonly records: CacheRecord[] = [];
  private nextId = 1;

  constructor(
    private readonly blobs: BlobStore,
    private readonly signer: UrlSigner,
  ) {}

  routes(): Record<string, TwirpHandler> {
    return {
      [`${CACHE_SERVICE}/CreateCacheEntry`]: (body) => this.create(body),
      [`${CACHE_SERVICE}/FinalizeCacheEntryUpload`]: (body) => this.finalize(body),
      [`${CACHE_SERVICE}/GetCacheEntryDownloadURL`]: (body) => this.downloadUrl(body),
    };
  }

  summaries(): CacheEntrySummary[] {
    return this.records.map(({ key, version, size, finalized }) => ({ key, version, size, finalized }));
  }

  bytes(key: string, version?: string): Buffer {
    const record = this.records.find(
      (r) => r.key === key && (version === undefined || r.version === version),
    );
    const blob = record && this.blobs.get(BlobStore.key('cache', record.blobName));
    if (!blob) throw new Error(`cache entry ${key} has no stored bytes`);
    return readFileSync(blob.file);
  }

  private create(body: Json): Json {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    // An entry is immutable once reserved, finished or not. The library reads this 409 as "another job saved
    // (or is saving) this cache" and logs it without failing; GitHub answers with the same message.
    if (this.find(key, version)) {
      throw new TwirpError(
        'already_exists',
        'cache entry with the same key, version, and scope already exists',
      );
    }
    const record: CacheRecord = {
      id: this.nextId++,
      key,
      version,
      blobName: randomUUID(),
      finalized: false,
      size: 0,
    };
    this.records.push(record);
    return { ok: true, signed_upload_url: this.signer.sign('cache', record.blobName, 'write') };
  }

  private finalize(body: Json): Json {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    const size = optionalInt64(body, 'size_bytes') ?? 0;
    const record = this.find(key, version);
    if (!record) throw new TwirpError('not_found', `no cache entry ${key} was reserved for this version`);
    if (record.finalized) throw new TwirpError('already_exists', `cache entry ${key} is already finalized`);
    const blob = this.blobs.get(BlobStore.key('cache', record.blobName));
    if (!blob) throw new TwirpError('failed_precondition', `nothing was uploaded for cache entry ${key}`);
    if (blob.size !== size) {
      throw new TwirpError(
        'invalid_argument',
        `size_bytes ${size} does not match the ${blob.size} bytes uploaded`,
      );
    }
    Object.assign(record, { finalized: true, finalizedAt: new Date(), size });
    return { ok: true, entry_id: String(record.id) };
  }

  /** A miss is not an error: `ok: false`, which the library turns into "cache not found". */
  private downloadUrl(body: Json): Json {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    const match = this.lookup(key, stringArray(body, 'restore_keys'), version);
    if (!match) return { ok: false };
    return {
      ok: true,
      signed_download_url: this.signer.sign('cache', match.blobName, 'read'),
      matched_key: match.key,
    };
  }

  /**
   * GitHub's matching: the primary key exactly, then each restore key in order, first exactly and then as a
   * prefix, the newest entry winning; only finalized entries of the same version are candidates.
   */
  private lookup(key: string, restoreKeys: string[], version: string): CacheRecord | undefined {
    const candidates = this.records
      .filter((r) => r.finalized && r.version === version)
      .sort((a, b) => (b.finalizedAt?.getTime() ?? 0) - (a.finalizedAt?.getTime() ?? 0) || b.id - a.id);
    const exact = (wanted: string) => candidates.find((r) => r.key === wanted);
    const prefixed = (prefix: string) => candidates.find((r) => r.key.startsWith(prefix));
    return exact(key) ?? restoreKeys.map((k) => exact(k) ?? prefixed(k)).find((r) => r !== undefined);
  }

  private find(key: string, version: string) {
    return this.records.find((r) => r.key === key && r.version === version);
  }
}
