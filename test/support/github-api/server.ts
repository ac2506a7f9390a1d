/**
 * The HTTP server: authentication, faults a test asks for, violations, rate-limit headers, and the request
 * pipeline that routes a request by the description, validates it, runs its handler and checks the answer.
 *
 * Deliberate simplifications (so tests do not rely on behaviour we do not model): every request needs a known
 * token (GitHub serves public reads anonymously). Token scopes and GITHUB_TOKEN `permissions:` are not modelled:
 * any known token may write.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { BLOB_PREFIX, MemoryArtifactSource, type ArtifactInfo, type ArtifactSource } from './artifacts.js';
import { completeFromSchema } from './complete.js';
import { HttpError, notFound, type Ctx, type Reply } from './context.js';
import { answerGraphql } from './graphql.js';
import { HANDLERS } from './handlers.js';
import type { JobSource } from './jobs.js';
import type { Json } from './json.js';
import { DOCS, loadGitHubSpec, type GitHubSpec, type RouteMatch } from './spec.js';
import {
  lower,
  type ApiState,
  type EnvironmentInput,
  type GitHubUser,
  type IssueInput,
  type PendingDeployment,
  type PendingInput,
  type PullInput,
  type RepoInfo,
  type RepoRole,
  type StoredComment,
  type StoredEnvironment,
  type StoredIssue,
  type TeamRole,
  type UserType,
  type CommitInput,
  type DeploymentSeed,
  type DeploymentState,
  type StoredCommit,
  type StoredDeployment,
  type StoredWorkflowRun,
  type WorkflowRunInput,
} from './state.js';
import { Store } from './store.js';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string including its `?`, or ''. */
  query: string;
  status: number;
  operationId?: string;
  login?: string;
  body?: unknown;
}

/** A failure the next matching request(s) get instead of an answer: for testing retry and throttling. */
export interface Fault {
  status: number;
  operationId?: string;
  times?: number;
  message?: string;
  /** Seconds, sent as `retry-after` (secondary rate limits). */
  retryAfter?: number;
  /** Send `x-ratelimit-remaining: 0`, as GitHub does when the primary rate limit is spent. */
  rateLimited?: boolean;
}

export interface GitHubApiOptions {
  /** Default repository, the one helpers use when none is named. */
  owner?: string;
  repo?: string;
  artifactSource?: ArtifactSource;
  /** Where a run's jobs come from; without one, every run has none. */
  jobSource?: JobSource;
  /** Base of `html_url` fields (default https://github.com). */
  serverUrl?: string;
  /** Validate the stand-in's own answers against the response schemas (default true). */
  validateResponses?: boolean;
  now?: () => Date;
}

export interface GitHubApi {
  readonly url: string;
  readonly owner: string;
  readonly repo: string;
  readonly state: ApiState;
  readonly requests: RecordedRequest[];
  readonly violations: string[];
  /** How long loading the OpenAPI description took (shared by every server of a test file). */
  readonly specLoadMs: number;
  addToken(token: string, login: string): GitHubUser;
  addUser(login: string, type?: UserType): GitHubUser;
  addRepo(fullName: string, options?: { private?: boolean; defaultBranch?: string }): RepoInfo;
  setPermission(login: string, role: RepoRole | undefined, repo?: string): void;
  addTeamMember(org: string, slug: string, login: string, role?: TeamRole): void;
  addIssue(input: IssueInput): StoredIssue;
  addPull(input: PullInput): StoredIssue;
  addComment(input: { issueNumber: number; body: string; author: string; repo?: string }): StoredComment;
  /**
   * Edits a comment as `editor` would in GitHub's web page (anyone with write access may edit anyone's
   * comment): its body changes and its `updated_at` moves past its `created_at`.
   */
  editComment(commentId: number, body: string, editor: string): StoredComment;
  /**
   * Makes `token` a GitHub App's installation token: it writes as the bot `<slug>[bot]` (`user.type` "Bot"),
   * `GET /user` answers 403 "Resource not accessible by integration", and GraphQL's viewer is the bot.
   */
  addAppToken(token: string, slug: string): GitHubUser;
  addEnvironment(input: EnvironmentInput): StoredEnvironment;
  addPendingDeployment(runId: number, input: PendingInput): PendingDeployment;
  /** A deployment made in the past with its statuses at their times (no auto_inactive): a seeded history. */
  seedDeployment(seed: DeploymentSeed): StoredDeployment;
  /** A status of a seeded deployment at a given time. */
  seedDeploymentStatus(deploymentId: number, status: { state: DeploymentState; at: string }): void;
  /** A commit `GET .../commits/{sha}` answers, with its date. */
  addCommit(input: CommitInput): StoredCommit;
  /** A run `GET .../actions/runs` lists. */
  addWorkflowRun(input: WorkflowRunInput): StoredWorkflowRun;
  commentsOn(issueNumber: number, repo?: string): StoredComment[];
  issue(issueNumber: number, repo?: string): StoredIssue | undefined;
  /** Requests that change something (not GET), optionally of one operation. */
  writes(operationId?: string): RecordedRequest[];
  failNext(fault: Fault): void;
  /** Returns the violations so far and forgets them: for tests that provoke one on purpose. */
  takeViolations(): string[];
  assertNoViolations(): void;
  close(): Promise<void>;
}

/** Where Octokit's `graphql` posts (the API root + `/graphql`), and the operation requests to it are recorded as. */
const GRAPHQL_PATH = '/graphql';
export const GRAPHQL_OPERATION = 'graphql';

interface RateBucket {
  used: number;
  reset: number;
}

export class StandIn extends Store implements GitHubApi {
  url = '';
  readonly serverUrl: string;
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly artifacts: ArtifactSource;
  readonly knownArtifacts = new Map<number, ArtifactInfo>();
  readonly jobs: JobSource | undefined;
  private readonly faults: Fault[] = [];
  private readonly buckets = new Map<string, RateBucket>();
  private server?: http.Server;

  constructor(
    private readonly spec: GitHubSpec,
    private readonly options: GitHubApiOptions,
  ) {
    super(options);
    this.serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/$/, '');
    this.artifacts = options.artifactSource ?? new MemoryArtifactSource();
    this.jobs = options.jobSource;
  }

  get specLoadMs(): number {
    return this.spec.loadMs;
  }

  async listen(): Promise<void> {
    const server = http.createServer((req, res) => void this.serve(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // Clients keep connections alive; without this, close() waits for them to time out.
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  async findArtifact(id: number): Promise<ArtifactInfo> {
    const artifact = (await this.artifacts.get?.(id)) ?? this.knownArtifacts.get(id);
    if (!artifact) throw notFound();
    return artifact;
  }

  writes(operationId?: string): RecordedRequest[] {
    // A GraphQL query is a POST that changes nothing (the suite sends no mutations).
    return this.requests.filter(
      (r) =>
        r.method !== 'GET' &&
        r.operationId !== GRAPHQL_OPERATION &&
        (!operationId || r.operationId === operationId),
    );
  }

  failNext(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  takeViolations(): string[] {
    return this.violations.splice(0, this.violations.length);
  }

  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    const list = this.violations.map((v) => `  - ${v}`).join('\n');
    throw new Error(`GitHub API stand-in saw ${this.violations.length} violation(s):\n${list}`);
  }

  // ----- request pipeline -----

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: 0,
    };
    this.requests.push(record);
    let reply: Reply;
    try {
      reply = await this.dispatch(req, url, await readBody(req), record);
    } catch (error) {
      reply = this.errorReply(error, record);
    }
    record.status = reply.status;
    this.send(res, req, reply);
  }

  private async dispatch(
    req: http.IncomingMessage,
    url: URL,
    raw: string,
    record: RecordedRequest,
  ): Promise<Reply> {
    if (record.method === 'GET' && url.pathname.startsWith(BLOB_PREFIX)) return this.serveBlob(url);
    if (record.method === 'POST' && url.pathname === GRAPHQL_PATH)
      return this.graphql(req.headers.authorization, raw, record);
    const route = this.spec.match(record.method, url.pathname);
    if (!route)
      throw new HttpError(404, 'Not Found', {}, "undocumented route (no operation in GitHub's description)");
    record.operationId = route.operationId;
    try {
      return await this.operate(route, { authorization: req.headers.authorization, url, raw }, record);
    } catch (error) {
      return this.errorReply(error, record);
    }
  }

  /** In GitHub's order: authentication, then the request's validity, then the resource. */
  private async operate(
    route: RouteMatch,
    req: { authorization: string | undefined; url: URL; raw: string },
    record: RecordedRequest,
  ): Promise<Reply> {
    const id = route.operationId;
    const user = this.authenticate(req.authorization);
    record.login = user.login;
    this.bucket(user.login).used += 1;
    const fault = this.takeFault(id);
    if (fault) return faultReply(fault);
    const body = parseJsonBody(req.raw);
    if (req.raw) record.body = body;
    const handler = HANDLERS[id];
    if (!handler)
      throw new HttpError(
        501,
        `${id} is documented but not implemented by the stand-in`,
        {},
        'not implemented by the stand-in',
      );
    const { params, query } = this.validate(id, route, req.url, body);
    const ctx: Ctx = {
      s: this,
      user,
      repoKey: this.repoOf(params),
      params,
      query,
      body: (body ?? {}) as Json,
      url: req.url,
    };
    return this.finish(id, await handler(ctx));
  }

  /** GraphQL, outside the REST description: see graphql.ts for the shapes it answers. */
  private graphql(authorization: string | undefined, raw: string, record: RecordedRequest): Reply {
    record.operationId = GRAPHQL_OPERATION;
    const user = this.authenticate(authorization);
    record.login = user.login;
    this.bucket(user.login).used += 1;
    const fault = this.takeFault(GRAPHQL_OPERATION);
    if (fault) return faultReply(fault);
    try {
      if (raw) record.body = JSON.parse(raw) as unknown;
    } catch {
      // answerGraphql says so.
    }
    const { reply, violation } = answerGraphql(user, raw);
    if (violation) this.violations.push(`POST ${GRAPHQL_PATH}: ${violation}`);
    return reply;
  }

  private authenticate(header: string | undefined): GitHubUser {
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new HttpError(401, 'Requires authentication');
    const login = this.state.tokens.get(match[1] ?? '');
    if (!login) throw new HttpError(401, 'Bad credentials');
    return this.userOf(login);
  }

  /** Checks parameters and body against the operation; answers the parameters coerced to their types. */
  private validate(id: string, route: RouteMatch, url: URL, body: unknown): { params: Json; query: Json } {
    const check = this.spec.checkRequest(id, route.params, url.searchParams, body);
    if (check.errors.length === 0) return check;
    const violation = `invalid request: ${check.errors.join('; ')}`;
    // A path segment of the wrong type does not match GitHub's route at all: GitHub answers 404 for it.
    if (check.badPath) throw new HttpError(404, 'Not Found', {}, violation);
    throw new HttpError(422, `Invalid request.\n\n${check.errors.join('\n')}`, {}, violation);
  }

  private repoOf(params: Json): string {
    if (typeof params.owner !== 'string' || typeof params.repo !== 'string') return '';
    const key = lower(`${params.owner}/${params.repo}`);
    if (!this.state.repos.has(key)) throw notFound();
    return key;
  }

  /** Completes a success body to GitHub's full shape, then holds the stand-in to the response schema. */
  private finish(id: string, reply: Reply): Reply {
    if (reply.status < 300 && reply.body !== undefined) {
      reply.body = completeFromSchema(this.spec, this.spec.responseSchema(id, reply.status), reply.body);
    }
    if (this.options.validateResponses !== false && reply.body !== undefined) {
      for (const problem of this.spec.checkResponse(id, reply.status, reply.body)) {
        this.violations.push(`stand-in bug: ${id} answered ${reply.status} with ${problem}`);
      }
    }
    return reply;
  }

  private errorReply(error: unknown, record: RecordedRequest): Reply {
    if (!(error instanceof HttpError)) {
      this.violations.push(`stand-in crashed on ${record.method} ${record.path}: ${String(error)}`);
      return { status: 500, body: { message: 'Server Error', documentation_url: DOCS } };
    }
    if (error.violation)
      this.violations.push(`${record.method} ${record.path}${record.query}: ${error.violation}`);
    const body = {
      message: error.message,
      ...error.extra,
      documentation_url: this.spec.docsUrl(record.operationId),
      status: String(error.status),
    };
    const reply = { status: error.status, body };
    return record.operationId && this.spec.isImplemented(record.operationId)
      ? this.finish(record.operationId, reply)
      : reply;
  }

  private takeFault(operationId: string): Fault | undefined {
    const index = this.faults.findIndex((f) => !f.operationId || f.operationId === operationId);
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private async serveBlob(url: URL): Promise<Reply> {
    const id = Number(url.pathname.slice(BLOB_PREFIX.length).replace(/\.zip$/, ''));
    const bytes = Number.isInteger(id) ? await this.artifacts.zip(id) : undefined;
    if (!bytes) return { status: 404, body: { message: 'BlobNotFound' } };
    return { status: 200, bytes, headers: { 'content-type': 'application/zip' } };
  }

  private bucket(login: string): RateBucket {
    let bucket = this.buckets.get(login);
    if (!bucket) {
      bucket = { used: 0, reset: Math.floor(this.clock().getTime() / 1000) + 3600 };
      this.buckets.set(login, bucket);
    }
    return bucket;
  }

  private send(res: http.ServerResponse, req: http.IncomingMessage, reply: Reply): void {
    const login = this.state.tokens.get(/\S+$/.exec(req.headers.authorization ?? '')?.[0] ?? '');
    const bucket = this.bucket(login ?? `ip:${req.socket.remoteAddress}`);
    const limit = login ? 5000 : 60;
    const headers: Record<string, string> = {
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - bucket.used)),
      'x-ratelimit-used': String(bucket.used),
      'x-ratelimit-reset': String(bucket.reset),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    };
    if (reply.bytes) {
      res.writeHead(reply.status, { ...headers, 'content-length': String(reply.bytes.byteLength) });
      res.end(reply.bytes);
      return;
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.body));
  }
}

function faultReply(fault: Fault): Reply {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.rateLimited) {
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + 1);
  }
  const message = fault.message ?? (fault.rateLimited ? 'API rate limit exceeded' : 'Server Error');
  return { status: fault.status, body: { message, documentation_url: DOCS }, headers };
}

function parseJsonBody(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, 'Problems parsing JSON', {}, 'request body is not JSON');
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a stand-in on a free loopback port. The description is loaded once per test file and shared. */
export async function startGitHubApi(options: GitHubApiOptions = {}): Promise<GitHubApi> {
  const api = new StandIn(await loadGitHubSpec(), options);
  await api.listen();
  return api;
}
