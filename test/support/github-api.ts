/**
 * A GitHub REST API stand-in for end-to-end tests, served on 127.0.0.1 and used as `GITHUB_API_URL`.
 *
 * It is held to GitHub's published OpenAPI description (npm `@octokit/openapi`): every request is routed by the
 * documented path templates and validated (path and query parameters, JSON bodies) against the operation's own
 * schema. A request GitHub would refuse is answered the way GitHub answers it (404 / 400 / 422 with `message` and
 * `documentation_url`) and is recorded as a violation, so a test that calls `assertNoViolations()` fails when the
 * code under test speaks the API wrongly, even where that code swallowed the error. A documented operation the
 * stand-in does not implement answers 501 and is recorded too.
 *
 * The stand-in also checks itself: each JSON answer is completed from, and validated against, the documented
 * response schema, so tests never pass against a shape GitHub does not send.
 *
 * Routing and validation are our own (a template router plus one Ajv instance) rather than openapi-backend's:
 * openapi-backend loads an ESM-only ref-parser through require(), which Jest cannot do before Node 24.9.
 *
 * Deliberate simplifications (so tests do not rely on behaviour we do not model):
 * - Every request needs a known token (GitHub serves public reads anonymously). Token scopes and GITHUB_TOKEN
 *   `permissions:` are not modelled: any known token may write. A Bot token is refused on GET /user, as GitHub
 *   refuses installation tokens there.
 * - A known user without a role gets permission and role_name `none` (GitHub answers `read` on public repos).
 * - Deployments run no commit-status checks (`required_contexts`) and no auto-merge; a ref resolves through
 *   `state.refs`, else to a SHA derived from its name.
 * - Workflow runs are not modelled: approvals and pending deployments of an unknown run are empty lists.
 *   Reviewing a deployment one is not a reviewer of answers 422 (GitHub does not document that answer).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

// ---------------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------------

export type UserType = 'User' | 'Bot' | 'Organization';
export interface GitHubUser {
  login: string;
  id: number;
  type: UserType;
}

/** Repository roles as GitHub names them in `role_name`; `permission` is derived from them. */
export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
export type TeamRole = 'member' | 'maintainer';
export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';
export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface RepoInfo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
}

export interface StoredComment {
  id: number;
  /** Repository key, `owner/repo` in lower case. */
  repo: string;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface PullCommit {
  sha: string;
  message: string;
  author?: string;
}

export interface PullInfo {
  headSha: string;
  headRef: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  commits: PullCommit[];
}

/** An issue; a pull request is an issue with `pull` set, as on GitHub (they share numbers and comments). */
export interface StoredIssue {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  author: string;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull?: PullInfo;
}

export interface StoredReaction {
  id: number;
  commentId: number;
  content: ReactionContent;
  user: string;
  createdAt: string;
}

export interface StoredDeployment {
  id: number;
  repo: string;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  payload: unknown;
  creator: string;
  transient: boolean;
  production: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StoredDeploymentStatus {
  id: number;
  deploymentId: number;
  state: DeploymentState;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  creator: string;
  createdAt: string;
}

export type EnvironmentReviewer =
  { type: 'User'; login: string } | { type: 'Team'; org: string; slug: string };

export interface StoredEnvironment {
  id: number;
  repo: string;
  name: string;
  reviewers: EnvironmentReviewer[];
  preventSelfReview: boolean;
  waitTimer: number;
  createdAt: string;
  updatedAt: string;
}

/** One review of a run's deployments, as `GET .../runs/{run_id}/approvals` lists it. */
export interface RunApproval {
  repo: string;
  environments: string[];
  state: 'approved' | 'rejected';
  user: string;
  comment: string;
}

/** A job of a run waiting on an environment's protection rules. */
export interface PendingDeployment {
  repo: string;
  environment: string;
  waitTimer: number;
  waitTimerStartedAt: string | null;
  /** Commit and ref of the run: the deployment created on approval carries them. */
  sha: string;
  ref: string;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  members: Map<string, TeamRole>;
}

/** In-memory state; keys are lower case because GitHub logins, repositories and environments are case-insensitive. */
export interface ApiState {
  users: Map<string, GitHubUser>;
  /** token → login */
  tokens: Map<string, string>;
  /** `owner/repo` → repository; requests for other repositories answer 404. */
  repos: Map<string, RepoInfo>;
  /** `owner/repo` → login → role */
  permissions: Map<string, Map<string, RepoRole>>;
  /** `org/slug` → team */
  teams: Map<string, Team>;
  /** `owner/repo#number` → issue or pull request */
  issues: Map<string, StoredIssue>;
  comments: Map<number, StoredComment>;
  reactions: Map<number, StoredReaction>;
  deployments: Map<number, StoredDeployment>;
  deploymentStatuses: Map<number, StoredDeploymentStatus>;
  /** `owner/repo:name` → environment */
  environments: Map<string, StoredEnvironment>;
  /** run id → reviews */
  runApprovals: Map<number, RunApproval[]>;
  /** run id → deployments waiting for review */
  pendingDeployments: Map<number, PendingDeployment[]>;
  /** ref → commit SHA, used when a deployment names a branch or tag (there is no git here). */
  refs: Map<string, string>;
}

export interface ArtifactInfo {
  id: number;
  name: string;
  runId: number;
  size: number;
  /** `sha256:<hex>` of the zip, as GitHub reports it for artifacts uploaded by @actions/artifact v2+. */
  digest?: string;
  createdAt?: string;
  expiresAt?: string;
  expired?: boolean;
  headSha?: string;
  headBranch?: string;
}

/**
 * Where run artifacts come from: the results-service stand-in in end-to-end tests, or `MemoryArtifactSource`.
 * `get` is optional; without it an artifact is found among those listed before, as a client lists before it reads.
 */
export interface ArtifactSource {
  list(runId: number): Promise<ArtifactInfo[]>;
  zip(artifactId: number): Promise<Uint8Array | undefined>;
  get?(artifactId: number): Promise<ArtifactInfo | undefined>;
}

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
  addEnvironment(input: EnvironmentInput): StoredEnvironment;
  addPendingDeployment(runId: number, input: PendingInput): PendingDeployment;
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

export interface IssueInput {
  title: string;
  body?: string;
  labels?: string[];
  author: string;
  state?: 'open' | 'closed';
  repo?: string;
}

export interface PullInput {
  author: string;
  headSha: string;
  headRef: string;
  baseRef?: string;
  baseSha?: string;
  title?: string;
  body?: string;
  draft?: boolean;
  commits?: PullCommit[];
  repo?: string;
}

export interface EnvironmentInput {
  name: string;
  reviewers?: EnvironmentReviewer[];
  preventSelfReview?: boolean;
  waitTimer?: number;
  repo?: string;
}

export interface PendingInput {
  environment: string;
  sha: string;
  ref: string;
  waitTimer?: number;
  repo?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The OpenAPI description: loaded once per test file (module scope) and shared by every server in it
// ---------------------------------------------------------------------------------------------------------------

/**
 * The non-dereferenced description: parsing its 13 MB takes ~0.4 s against ~2.4 s for the 73 MB `.deref` variant.
 * Its `$ref`s stay references: one Ajv instance compiles each shared component (simple-user, repository, ...)
 * once for all operations instead of once per inlined copy.
 */
const SPEC_MODULE = '@octokit/openapi/generated/api.github.com.json';
/** The key the description's components are registered under in Ajv: `#/components/...` becomes `github#/...`. */
const SPEC_ID = 'github';

type Json = Record<string, unknown>;

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  externalDocs?: { url?: string };
}

interface Route {
  operationId: string;
  method: string;
  pattern: RegExp;
  names: string[];
  /** Characters outside `{params}`: the most literal template wins, as /issues/comments beats /issues/{number}. */
  literal: number;
}

export interface RouteMatch {
  operationId: string;
  params: Record<string, string>;
}

export interface RequestCheck {
  /** Problems as `<where> <what>`, e.g. `/requestBody/body must be string`. */
  errors: string[];
  /** True when a path parameter was wrong: GitHub's router does not match such a URL at all. */
  badPath: boolean;
  params: Json;
  query: Json;
}

interface RequestValidators {
  params: ValidateFunction;
  body?: ValidateFunction;
  bodyRequired: boolean;
  arrays: Set<string>;
}

/**
 * Routes every documented operation (so an unimplemented but documented call is told apart from an undocumented
 * one) and validates the implemented ones against their own schemas; validators compile lazily, per operation.
 */
export class GitHubSpec {
  loadMs = 0;
  readonly operations: number;
  private readonly routes = new Map<string, Route[]>();
  private readonly ops = new Map<string, OperationObject>();
  private readonly components: OpenApiDoc['components'];
  private readonly coercing = newAjv(true);
  private readonly strict = newAjv(false);
  private readonly requestValidators = new Map<string, RequestValidators>();
  private readonly responseValidators = new Map<string, ValidateFunction | undefined>();

  constructor(full: OpenApiDoc, implemented: Set<string>) {
    this.components = {};
    let operations = 0;
    for (const [template, item] of Object.entries(full.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const id = (op as Json).operationId;
        if (typeof id !== 'string') continue;
        operations += 1;
        this.addRoute(template, method, id);
        if (implemented.has(id)) this.ops.set(id, op as OperationObject);
      }
    }
    this.operations = operations;
    copyReferenced([...this.ops.values()], full.components, this.components);
    rewriteRefs([...this.ops.values()]);
    rewriteRefs(this.components);
    patchNullable([...this.ops.values()]);
    patchNullable(this.components);
    const missing = [...implemented].filter((id) => !this.ops.has(id));
    if (missing.length > 0) throw new Error(`operations not in GitHub's description: ${missing.join(', ')}`);
    for (const ajv of [this.coercing, this.strict]) ajv.addSchema({ components: this.components }, SPEC_ID);
  }

  private addRoute(template: string, method: string, operationId: string): void {
    const parts = template.split(/(\{[^}]+\})/);
    const isParam = (part: string): boolean => /^\{.+\}$/.test(part);
    const source = parts.map((part) => (isParam(part) ? '([^/]+)' : escapeRegExp(part))).join('');
    const route: Route = {
      operationId,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${source}$`),
      names: parts.filter(isParam).map((part) => part.slice(1, -1)),
      literal: parts.filter((part) => !isParam(part)).join('').length,
    };
    // Bucketed by method and segment count: a request is only tried against templates of its own shape.
    const key = routeKey(route.method, template);
    this.routes.set(key, [...(this.routes.get(key) ?? []), route]);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const candidates = this.routes.get(routeKey(method.toUpperCase(), trimmed)) ?? [];
    let best: { route: Route; values: string[] } | undefined;
    for (const route of candidates) {
      const found = route.pattern.exec(trimmed);
      if (found && (!best || route.literal > best.route.literal)) best = { route, values: found.slice(1) };
    }
    if (!best) return undefined;
    const params: Record<string, string> = {};
    best.route.names.forEach((name, i) => (params[name] = safeDecode(best.values[i] ?? '')));
    return { operationId: best.route.operationId, params };
  }

  isImplemented(operationId: string): boolean {
    return this.ops.has(operationId);
  }

  docsUrl(operationId: string | undefined): string {
    return (operationId && this.ops.get(operationId)?.externalDocs?.url) || DOCS;
  }

  /** Follows a `$ref` to the component it names (the filler walks schemas; Ajv resolves on its own). */
  resolve<T>(node: T): T {
    const ref = (node as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string') return node;
    const [, , kind = '', name = ''] = ref.split('#')[1]?.split('/') ?? [];
    return this.resolve(this.components[kind]?.[name] as T);
  }

  checkRequest(
    operationId: string,
    rawParams: Record<string, string>,
    search: URLSearchParams,
    body: unknown,
  ): RequestCheck {
    const validators = this.requestValidatorsFor(operationId);
    const query: Json = {};
    for (const name of new Set(search.keys()))
      query[name] = validators.arrays.has(name) ? search.getAll(name) : search.get(name);
    // Ajv coerces in place: afterwards `params.path.issue_number` is a number, as the handlers want it.
    const params = { path: { ...rawParams }, query };
    const errors: string[] = [];
    let badPath = false;
    if (!validators.params(params)) {
      for (const e of validators.params.errors ?? []) {
        badPath ||= e.instancePath.startsWith('/path');
        errors.push(describeError(e, ''));
      }
    }
    if (body === undefined && validators.bodyRequired) errors.push('/requestBody is required');
    if (body !== undefined && validators.body && !validators.body(body)) {
      errors.push(...(validators.body.errors ?? []).map((e) => describeError(e, '/requestBody')));
    }
    return { errors, badPath, params: params.path, query };
  }

  private requestValidatorsFor(operationId: string): RequestValidators {
    let validators = this.requestValidators.get(operationId);
    if (!validators) {
      validators = this.compileRequest(this.ops.get(operationId) as OperationObject);
      this.requestValidators.set(operationId, validators);
    }
    return validators;
  }

  private compileRequest(op: OperationObject): RequestValidators {
    const sections: Record<'path' | 'query', { type: 'object'; properties: Json; required: string[] }> = {
      path: { type: 'object', properties: {}, required: [] },
      query: { type: 'object', properties: {}, required: [] },
    };
    const arrays = new Set<string>();
    for (const param of (op.parameters ?? []).map((p) => this.resolve(p))) {
      const section = param.in === 'path' || param.in === 'query' ? sections[param.in] : undefined;
      if (!section) continue;
      section.properties[param.name] = param.schema ?? {};
      if (param.required) section.required.push(param.name);
      if (this.resolve(param.schema)?.type === 'array') arrays.add(param.name);
    }
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    return {
      params: this.coercing.compile({ type: 'object', properties: sections }),
      body: bodySchema ? this.strict.compile(bodySchema) : undefined,
      bodyRequired: op.requestBody?.required === true,
      arrays,
    };
  }

  responseSchema(operationId: string, status: number): Schema | undefined {
    const responses = this.ops.get(operationId)?.responses ?? {};
    const response = this.resolve(responses[String(status)] ?? responses[`${String(status)[0]}XX`]);
    return response?.content?.['application/json']?.schema;
  }

  /** Problems of the stand-in's own answer against the documented response (none when undocumented). */
  checkResponse(operationId: string, status: number, body: unknown): string[] {
    const key = `${operationId} ${status}`;
    if (!this.responseValidators.has(key)) {
      const schema = this.responseSchema(operationId, status);
      this.responseValidators.set(key, schema ? this.strict.compile(schema) : undefined);
    }
    const validate = this.responseValidators.get(key);
    if (!validate || validate(body)) return [];
    // GitHub sends "" for unset URL fields (a deployment status' target_url) that the description marks
    // `format: uri`; the stand-in does the same rather than invent URLs, so that one mismatch is let through.
    const real = (validate.errors ?? []).filter((e) => !(e.keyword === 'format' && e.data === ''));
    return real.map((e) => describeError(e, ''));
  }
}

function newAjv(coerceTypes: boolean): Ajv {
  // strict: false, because the description carries OpenAPI keywords (example, x-github...) Ajv does not know.
  // verbose: errors carry the offending value (see checkResponse).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, verbose: true, coerceTypes });
  ajvFormats.default(ajv);
  // Formats GitHub uses that ajv-formats does not define: accept them rather than warn.
  for (const format of ['repo.nwo', 'timestamp']) ajv.addFormat(format, true);
  return ajv;
}

function describeError(error: ErrorObject, prefix: string): string {
  const where = `${prefix}${error.instancePath}` || '/';
  const detail = error.keyword === 'enum' ? ` (${JSON.stringify(error.params.allowedValues)})` : '';
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

function routeKey(method: string, path: string): string {
  return `${method} ${path.split('/').length}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

let specPromise: Promise<GitHubSpec> | undefined;

/** Loads and prepares the description once; later calls (more servers in one test file) reuse it. */
export function loadGitHubSpec(): Promise<GitHubSpec> {
  specPromise ??= buildSpec();
  return specPromise;
}

async function buildSpec(): Promise<GitHubSpec> {
  const started = performance.now();
  const file = createRequire(import.meta.url).resolve(SPEC_MODULE);
  const full = JSON.parse(await readFile(file, 'utf8')) as OpenApiDoc;
  const spec = new GitHubSpec(full, new Set(Object.keys(HANDLERS)));
  spec.loadMs = performance.now() - started;
  return spec;
}

/** Copies the components the operations reach, transitively, so the rest of the 13 MB can be dropped. */
function copyReferenced(node: unknown, from: OpenApiDoc['components'], to: OpenApiDoc['components']): void {
  if (Array.isArray(node)) return node.forEach((item) => copyReferenced(item, from, to));
  if (!isPlainObject(node)) return;
  if (typeof node.$ref === 'string') {
    const [, , kind = '', name = ''] = node.$ref.split('/');
    const section = (to[kind] ??= {});
    if (!(name in section)) {
      section[name] = from[kind]?.[name];
      copyReferenced(section[name], from, to);
    }
  }
  for (const value of Object.values(node)) copyReferenced(value, from, to);
}

function rewriteRefs(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(rewriteRefs);
  if (!isPlainObject(node)) return;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) node.$ref = `${SPEC_ID}${node.$ref}`;
  for (const value of Object.values(node)) rewriteRefs(value);
}

/**
 * OpenAPI 3.0 `nullable` as Ajv reads it needs a `type` and does not extend `enum`; GitHub's description has both
 * `nullable` without `type` (on `oneOf`) and nullable enums, so rewrite those into plain JSON Schema.
 */
function patchNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(patchNullable);
  if (!isPlainObject(node)) return;
  for (const value of Object.values(node)) patchNullable(value);
  if (node.nullable !== true) return;
  if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  if (node.type === undefined) {
    const rest = { ...node };
    delete rest.nullable;
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [rest, { type: 'null' }];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Completing answers from the response schema
// ---------------------------------------------------------------------------------------------------------------

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

/**
 * GitHub's objects carry dozens of required fields nobody reads (`followers_url`, `forks_count`, ...). Handlers
 * build the fields clients use; this fills the remaining required ones with neutral values (null where nullable,
 * the first enum value, '', 0, false, []) so the answer has GitHub's full shape.
 */
function completeFromSchema(spec: GitHubSpec, raw: Schema | undefined, value: unknown, depth = 0): unknown {
  const schema = spec.resolve(raw);
  if (!schema || depth > 24) return value;
  const next = (s: Schema | undefined, v: unknown): unknown => completeFromSchema(spec, s, v, depth + 1);
  if (schema.allOf) return schema.allOf.reduce<unknown>((v, part) => next(part, v), value);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives)
    return completeAlternative(
      schema,
      alternatives.map((alt) => spec.resolve(alt)),
      value,
      next,
    );
  if (value === undefined) return placeholder(schema, next);
  if (Array.isArray(value)) return value.map((item) => next(schema.items, item));
  if (isPlainObject(value) && schema.properties) return completeObject(schema, value, next);
  return value;
}

type Next = (schema: Schema | undefined, value: unknown) => unknown;

function completeAlternative(schema: Schema, alternatives: Schema[], value: unknown, next: Next): unknown {
  if (value === null) return null;
  const candidates = alternatives.filter((alt) => alt.type !== 'null');
  if (value === undefined && (schema.nullable || candidates.length < alternatives.length)) return null;
  return next(bestAlternative(candidates, value), value);
}

/** The alternative that fits the value's kind and shares the most of its keys (ties: the first). */
function bestAlternative(alternatives: Schema[], value: unknown): Schema | undefined {
  if (value === undefined) return alternatives[0];
  const kind = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
  const fitting = alternatives.filter((alt) => !alt.type || sameKind(alt.type, kind));
  const score = (alt: Schema): number =>
    isPlainObject(value) ? Object.keys(value).filter((key) => alt.properties?.[key]).length : 0;
  return fitting.reduce<Schema | undefined>(
    (best, alt) => (!best || score(alt) > score(best) ? alt : best),
    undefined,
  );
}

function sameKind(type: string, kind: string): boolean {
  return type === kind || (kind === 'number' && type === 'integer');
}

function completeObject(schema: Schema, value: Json, next: Next): Json {
  const out: Json = { ...value };
  for (const [key, propSchema] of Object.entries(schema.properties ?? {})) {
    if (key in out) out[key] = next(propSchema, out[key]);
    else if (schema.required?.includes(key)) out[key] = next(propSchema, undefined);
  }
  return out;
}

function placeholder(schema: Schema, next: Next): unknown {
  if (schema.nullable) return null;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return schema.properties ? completeObject(schema, {}, next) : {};
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return FORMAT_PLACEHOLDERS[schema.format ?? ''] ?? '';
    default:
      return null;
  }
}

const FORMAT_PLACEHOLDERS: Record<string, string> = {
  uri: 'https://github.com/',
  'date-time': '1970-01-01T00:00:00Z',
  email: 'noreply@github.com',
};

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Errors and answers
// ---------------------------------------------------------------------------------------------------------------

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON (the artifact blob). */
  bytes?: Uint8Array;
}

/** An answer GitHub gives with `message` (+ `errors`); `violation` marks requests GitHub refuses as wrong. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Json = {},
    readonly violation?: string,
  ) {
    super(message);
  }
}

const notFound = (): HttpError => new HttpError(404, 'Not Found');
const DOCS = 'https://docs.github.com/rest';
const MAX_BODY = 65_536;

/** GitHub counts characters (code points), not UTF-16 units or bytes. */
function checkBodyLength(body: string | null | undefined, resource: 'Issue' | 'IssueComment'): void {
  if (body === null || body === undefined || [...body].length <= MAX_BODY) return;
  // GitHub answers the two resources with differently worded errors; keep each as observed.
  const error =
    resource === 'IssueComment'
      ? {
          resource,
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        }
      : {
          resource,
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        };
  const violation = `${resource} body of ${[...body].length} characters exceeds ${MAX_BODY}`;
  throw new HttpError(422, 'Validation Failed', { errors: [error] }, violation);
}

// ---------------------------------------------------------------------------------------------------------------
// Request context and small helpers for handlers
// ---------------------------------------------------------------------------------------------------------------

interface Ctx {
  s: StandIn;
  user: GitHubUser;
  /** `owner/repo` in lower case, '' for routes without a repository. */
  repoKey: string;
  params: Json;
  query: Json;
  body: Json;
  url: URL;
}

type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

const num = (ctx: Ctx, name: string): number => Number(ctx.params[name]);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
const created = (body: unknown, location?: string): Reply => ({
  status: 201,
  body,
  headers: location ? { location } : undefined,
});

/** Slices a list by `per_page`/`page` and answers the `Link` header clients paginate by. */
function paginate<T>(ctx: Ctx, items: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.per_page ?? 30)));
  const page = Math.max(1, Number(ctx.query.page ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string): string => {
    const target = new URL(ctx.url);
    target.searchParams.set('page', String(p));
    return `<${target.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

function pageReply<T>(ctx: Ctx, items: T[], view: (item: T) => unknown): Reply {
  const { items: slice, headers } = paginate(ctx, items);
  return ok(slice.map(view), headers);
}

const lower = (value: string): string => value.toLowerCase();
const issueKey = (repoKey: string, issueNumber: number): string => `${repoKey}#${issueNumber}`;
const envKey = (repoKey: string, name: string): string => `${repoKey}:${lower(name)}`;
const nodeId = (prefix: string, id: number): string =>
  `${prefix}_${Buffer.from(`stand-in:${id}`).toString('base64url')}`;
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/** GitHub maps maintain → write and triage → read in the legacy `permission` field. */
const LEGACY_PERMISSION: Record<RepoRole, 'admin' | 'write' | 'read'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
};
const ROLE_RANK: RepoRole[] = ['read', 'triage', 'write', 'maintain', 'admin'];

// ---------------------------------------------------------------------------------------------------------------
// Views: stored records → GitHub's JSON (fields clients read; completeFromSchema adds the rest)
// ---------------------------------------------------------------------------------------------------------------

function userView(s: StandIn, login: string): Json {
  const user = s.userOf(login);
  const html =
    user.type === 'Bot'
      ? `${s.serverUrl}/apps/${user.login.replace(/\[bot\]$/, '')}`
      : `${s.serverUrl}/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    type: user.type,
    site_admin: false,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: `${s.url}/users/${encodeURIComponent(user.login)}`,
    html_url: html,
  };
}

function repoView(s: StandIn, repo: RepoInfo): Json {
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userView(s, repo.owner),
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    default_branch: repo.defaultBranch,
    html_url: `${s.serverUrl}/${repo.fullName}`,
    url: `${s.url}/repos/${repo.fullName}`,
    clone_url: `${s.serverUrl}/${repo.fullName}.git`,
    created_at: s.startedAt,
    updated_at: s.startedAt,
    pushed_at: s.startedAt,
  };
}

function authorAssociation(s: StandIn, repoKey: string, login: string): string {
  const repo = s.state.repos.get(repoKey);
  if (repo && lower(repo.owner) === lower(login)) return 'OWNER';
  return s.state.permissions.get(repoKey)?.has(lower(login)) ? 'COLLABORATOR' : 'NONE';
}

function commentView(s: StandIn, comment: StoredComment): Json {
  const repo = s.repoInfo(comment.repo);
  const apiRepo = `${s.url}/repos/${repo.fullName}`;
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${apiRepo}/issues/comments/${comment.id}`,
    html_url: `${s.serverUrl}/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${apiRepo}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userView(s, comment.author),
    author_association: authorAssociation(s, comment.repo, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    reactions: reactionRollup(s, comment),
  };
}

function reactionRollup(s: StandIn, comment: StoredComment): Json {
  const reactions = [...s.state.reactions.values()].filter((r) => r.commentId === comment.id);
  const counts: Json = {
    url: `${s.url}/repos/${s.repoInfo(comment.repo).fullName}/issues/comments/${comment.id}/reactions`,
  };
  counts.total_count = reactions.length;
  for (const content of REACTIONS) counts[content] = reactions.filter((r) => r.content === content).length;
  return counts;
}

const REACTIONS: ReactionContent[] = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

function reactionView(s: StandIn, reaction: StoredReaction): Json {
  return {
    id: reaction.id,
    node_id: nodeId('REA', reaction.id),
    user: userView(s, reaction.user),
    content: reaction.content,
    created_at: reaction.createdAt,
  };
}

function labelView(s: StandIn, repoKey: string, name: string): Json {
  const id = s.labelId(name);
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${s.url}/repos/${s.repoInfo(repoKey).fullName}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

function issueView(s: StandIn, issue: StoredIssue): Json {
  const repo = s.repoInfo(issue.repo);
  const apiIssue = `${s.url}/repos/${repo.fullName}/issues/${issue.number}`;
  const kind = issue.pull ? 'pull' : 'issues';
  const view: Json = {
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.stateReason,
    locked: issue.locked,
    user: userView(s, issue.author),
    labels: issue.labels.map((name) => labelView(s, issue.repo, name)),
    assignees: issue.assignees.map((login) => userView(s, login)),
    assignee: issue.assignees[0] ? userView(s, issue.assignees[0]) : null,
    comments: s.commentsOn(issue.number, repo.fullName).length,
    url: apiIssue,
    repository_url: `${s.url}/repos/${repo.fullName}`,
    comments_url: `${apiIssue}/comments`,
    html_url: `${s.serverUrl}/${repo.fullName}/${kind}/${issue.number}`,
    author_association: authorAssociation(s, issue.repo, issue.author),
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
  };
  // GitHub lists pull requests among issues and marks them with this key.
  if (issue.pull) view.pull_request = { url: `${s.url}/repos/${repo.fullName}/pulls/${issue.number}` };
  return view;
}

function pullView(s: StandIn, issue: StoredIssue, pull: PullInfo): Json {
  const repo = s.repoInfo(issue.repo);
  const apiPull = `${s.url}/repos/${repo.fullName}/pulls/${issue.number}`;
  const html = `${s.serverUrl}/${repo.fullName}/pull/${issue.number}`;
  const branch = (ref: string, sha: string): Json => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userView(s, repo.owner),
    repo: repoView(s, repo),
  });
  const href = (value: string): Json => ({ href: value });
  return {
    ...issueView(s, issue),
    url: apiPull,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${s.url}/repos/${repo.fullName}/issues/${issue.number}`,
    commits_url: `${apiPull}/commits`,
    statuses_url: `${s.url}/repos/${repo.fullName}/statuses/${pull.headSha}`,
    head: branch(pull.headRef, pull.headSha),
    base: branch(pull.baseRef, pull.baseSha),
    draft: pull.draft,
    merged: pull.merged,
    merged_at: null,
    merge_commit_sha: null,
    mergeable: true,
    mergeable_state: 'clean',
    commits: pull.commits.length,
    _links: { self: href(apiPull), html: href(html), commits: href(`${apiPull}/commits`) },
  };
}

function commitView(s: StandIn, repoKey: string, commit: PullCommit): Json {
  const repo = s.repoInfo(repoKey);
  const person = { name: commit.author ?? 'stand-in', email: 'noreply@github.com', date: s.startedAt };
  return {
    sha: commit.sha,
    node_id: nodeId('C', parseInt(commit.sha.slice(0, 8), 16) || 0),
    url: `${s.url}/repos/${repo.fullName}/commits/${commit.sha}`,
    html_url: `${s.serverUrl}/${repo.fullName}/commit/${commit.sha}`,
    commit: { message: commit.message, author: person, committer: person, comment_count: 0 },
    author: commit.author ? userView(s, commit.author) : null,
    committer: null,
    parents: [],
  };
}

function deploymentView(s: StandIn, deployment: StoredDeployment): Json {
  const repo = s.repoInfo(deployment.repo);
  const url = `${s.url}/repos/${repo.fullName}/deployments/${deployment.id}`;
  return {
    id: deployment.id,
    node_id: nodeId('DE', deployment.id),
    url,
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    environment: deployment.environment,
    original_environment: deployment.originalEnvironment,
    description: deployment.description,
    creator: userView(s, deployment.creator),
    transient_environment: deployment.transient,
    production_environment: deployment.production,
    statuses_url: `${url}/statuses`,
    repository_url: `${s.url}/repos/${repo.fullName}`,
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
  };
}

function deploymentStatusView(s: StandIn, status: StoredDeploymentStatus): Json {
  const deployment = s.state.deployments.get(status.deploymentId);
  const repo = s.repoInfo(deployment?.repo ?? s.defaultRepoKey);
  const deploymentUrl = `${s.url}/repos/${repo.fullName}/deployments/${status.deploymentId}`;
  return {
    id: status.id,
    node_id: nodeId('DES', status.id),
    url: `${deploymentUrl}/statuses/${status.id}`,
    state: status.state,
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    log_url: status.logUrl,
    environment_url: status.environmentUrl,
    creator: userView(s, status.creator),
    deployment_url: deploymentUrl,
    repository_url: `${s.url}/repos/${repo.fullName}`,
    created_at: status.createdAt,
    updated_at: status.createdAt,
  };
}

function environmentRef(s: StandIn, env: StoredEnvironment): Json {
  const repo = s.repoInfo(env.repo);
  return {
    id: env.id,
    node_id: nodeId('EN', env.id),
    name: env.name,
    url: `${s.url}/repos/${repo.fullName}/environments/${encodeURIComponent(env.name)}`,
    html_url: `${s.serverUrl}/${repo.fullName}/deployments/activity_log?environments_filter=${encodeURIComponent(env.name)}`,
  };
}

function reviewerView(s: StandIn, reviewer: EnvironmentReviewer): Json {
  if (reviewer.type === 'User') return { type: 'User', reviewer: userView(s, reviewer.login) };
  const team = s.team(reviewer.org, reviewer.slug);
  return {
    type: 'Team',
    reviewer: {
      id: team.id,
      node_id: nodeId('T', team.id),
      name: team.slug,
      slug: team.slug,
      description: null,
      privacy: 'closed',
      permission: 'pull',
      parent: null,
      url: `${s.url}/organizations/${team.org}/team/${team.id}`,
      html_url: `${s.serverUrl}/orgs/${team.org}/teams/${team.slug}`,
      members_url: `${s.url}/organizations/${team.org}/team/${team.id}/members{/member}`,
      repositories_url: `${s.url}/organizations/${team.org}/team/${team.id}/repos`,
      type: 'organization',
    },
  };
}

function environmentView(s: StandIn, env: StoredEnvironment): Json {
  const rules: Json[] = [];
  if (env.reviewers.length > 0) {
    rules.push({
      id: env.id * 10 + 1,
      node_id: nodeId('GA', env.id * 10 + 1),
      type: 'required_reviewers',
      prevent_self_review: env.preventSelfReview,
      reviewers: env.reviewers.map((reviewer) => reviewerView(s, reviewer)),
    });
  }
  if (env.waitTimer > 0) {
    rules.push({
      id: env.id * 10 + 2,
      node_id: nodeId('GA', env.id * 10 + 2),
      type: 'wait_timer',
      wait_timer: env.waitTimer,
    });
  }
  return {
    ...environmentRef(s, env),
    created_at: env.createdAt,
    updated_at: env.updatedAt,
    can_admins_bypass: true,
    protection_rules: rules,
    deployment_branch_policy: null,
  };
}

function artifactView(s: StandIn, repoKey: string, artifact: ArtifactInfo): Json {
  const url = `${s.url}/repos/${s.repoInfo(repoKey).fullName}/actions/artifacts/${artifact.id}`;
  const createdAt = artifact.createdAt ?? s.startedAt;
  const view: Json = {
    id: artifact.id,
    node_id: nodeId('MDg', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.size,
    url,
    archive_download_url: `${url}/zip`,
    expired: artifact.expired ?? false,
    created_at: createdAt,
    updated_at: createdAt,
    expires_at: artifact.expiresAt ?? new Date(Date.parse(createdAt) + 90 * 86_400_000).toISOString(),
    workflow_run: {
      id: artifact.runId,
      head_sha: artifact.headSha ?? '0'.repeat(40),
      head_branch: artifact.headBranch ?? s.repoInfo(repoKey).defaultBranch,
    },
  };
  if (artifact.digest) view.digest = artifact.digest;
  return view;
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers, by operationId: this table is also the list of operations the stand-in implements
// ---------------------------------------------------------------------------------------------------------------

function requireIssue(ctx: Ctx, name = 'issue_number'): StoredIssue {
  const issue = ctx.s.state.issues.get(issueKey(ctx.repoKey, num(ctx, name)));
  if (!issue) throw notFound();
  return issue;
}

function requireComment(ctx: Ctx): StoredComment {
  const comment = ctx.s.state.comments.get(num(ctx, 'comment_id'));
  if (!comment || comment.repo !== ctx.repoKey) throw notFound();
  return comment;
}

const commentHandlers: Record<string, Handler> = {
  'issues/list-comments': (ctx) => {
    const issue = requireIssue(ctx);
    const since = str(ctx.query.since);
    const comments = ctx.s
      .commentsOn(issue.number, ctx.repoKey)
      .filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since));
    return pageReply(ctx, comments, (c) => commentView(ctx.s, c));
  },
  'issues/create-comment': (ctx) => {
    const issue = requireIssue(ctx);
    const body = String(ctx.body.body);
    checkBodyLength(body, 'IssueComment');
    const comment = ctx.s.addComment({
      repo: ctx.repoKey,
      issueNumber: issue.number,
      body,
      author: ctx.user.login,
    });
    const view = commentView(ctx.s, comment);
    return created(view, String(view.url));
  },
  'issues/get-comment': (ctx) => ok(commentView(ctx.s, requireComment(ctx))),
  'issues/update-comment': (ctx) => {
    const comment = requireComment(ctx);
    const body = String(ctx.body.body);
    checkBodyLength(body, 'IssueComment');
    comment.body = body;
    comment.updatedAt = ctx.s.now();
    return ok(commentView(ctx.s, comment));
  },
  'issues/delete-comment': (ctx) => {
    const comment = requireComment(ctx);
    ctx.s.state.comments.delete(comment.id);
    for (const [id, reaction] of ctx.s.state.reactions)
      if (reaction.commentId === comment.id) ctx.s.state.reactions.delete(id);
    return { status: 204 };
  },
  'reactions/list-for-issue-comment': (ctx) => {
    const comment = requireComment(ctx);
    const content = str(ctx.query.content);
    const reactions = [...ctx.s.state.reactions.values()].filter(
      (r) => r.commentId === comment.id && (!content || r.content === content),
    );
    return pageReply(ctx, reactions, (r) => reactionView(ctx.s, r));
  },
  'reactions/create-for-issue-comment': (ctx) => {
    const comment = requireComment(ctx);
    const content = ctx.body.content as ReactionContent;
    const existing = [...ctx.s.state.reactions.values()].find(
      (r) => r.commentId === comment.id && r.content === content && lower(r.user) === lower(ctx.user.login),
    );
    // GitHub answers 200 with the existing reaction rather than adding a duplicate.
    if (existing) return ok(reactionView(ctx.s, existing));
    const reaction: StoredReaction = {
      id: ctx.s.nextId(),
      commentId: comment.id,
      content,
      user: ctx.user.login,
      createdAt: ctx.s.now(),
    };
    ctx.s.state.reactions.set(reaction.id, reaction);
    return created(reactionView(ctx.s, reaction));
  },
};

/** Label and assignee items may be names or objects with `name`/`login`. */
function names(items: unknown, key = 'name'): string[] {
  if (!Array.isArray(items)) return [];
  return items.map((item) => (isPlainObject(item) ? String(item[key] ?? '') : String(item))).filter(Boolean);
}

function issueFilter(ctx: Ctx): (issue: StoredIssue) => boolean {
  const state = str(ctx.query.state) ?? 'open';
  const labels = (str(ctx.query.labels) ?? '')
    .split(',')
    .map((l) => lower(l.trim()))
    .filter(Boolean);
  const creator = str(ctx.query.creator);
  const assignee = str(ctx.query.assignee);
  const since = str(ctx.query.since);
  return (issue) =>
    issue.repo === ctx.repoKey &&
    (state === 'all' || issue.state === state) &&
    labels.every((label) => issue.labels.some((l) => lower(l) === label)) &&
    (!creator || lower(issue.author) === lower(creator)) &&
    (!assignee || matchesAssignee(issue, assignee)) &&
    (!since || Date.parse(issue.updatedAt) >= Date.parse(since));
}

function matchesAssignee(issue: StoredIssue, assignee: string): boolean {
  if (assignee === 'none') return issue.assignees.length === 0;
  if (assignee === '*') return issue.assignees.length > 0;
  return issue.assignees.some((login) => lower(login) === lower(assignee));
}

function sortIssues(ctx: Ctx, issues: StoredIssue[]): StoredIssue[] {
  const sort = str(ctx.query.sort) ?? 'created';
  const sign = str(ctx.query.direction) === 'asc' ? 1 : -1;
  const key = (issue: StoredIssue): number =>
    sort === 'updated'
      ? Date.parse(issue.updatedAt)
      : sort === 'comments'
        ? ctx.s.commentsOn(issue.number, issue.repo).length
        : issue.number;
  return issues.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
}

function applyIssueUpdate(ctx: Ctx, issue: StoredIssue): void {
  const body = ctx.body;
  if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
  if (body.body !== undefined) issue.body = str(body.body) ?? null;
  if (body.labels !== undefined) issue.labels = names(body.labels);
  if (body.assignees !== undefined) issue.assignees = names(body.assignees, 'login');
  const state = str(body.state) as StoredIssue['state'] | undefined;
  if (state && state !== issue.state) {
    issue.state = state;
    issue.closedAt = state === 'closed' ? ctx.s.now() : null;
    issue.stateReason = state === 'closed' ? (str(body.state_reason) ?? 'completed') : 'reopened';
  }
  issue.updatedAt = ctx.s.now();
}

const issueHandlers: Record<string, Handler> = {
  'issues/create': (ctx) => {
    const body = str(ctx.body.body);
    checkBodyLength(body, 'Issue');
    const issue = ctx.s.addIssue({
      repo: ctx.repoKey,
      title: String(ctx.body.title),
      body,
      labels: names(ctx.body.labels),
      author: ctx.user.login,
    });
    issue.assignees = names(ctx.body.assignees, 'login');
    const view = issueView(ctx.s, issue);
    return created(view, String(view.url));
  },
  'issues/get': (ctx) => ok(issueView(ctx.s, requireIssue(ctx))),
  'issues/update': (ctx) => {
    const issue = requireIssue(ctx);
    checkBodyLength(str(ctx.body.body), 'Issue');
    applyIssueUpdate(ctx, issue);
    return ok(issueView(ctx.s, issue));
  },
  'issues/list-for-repo': (ctx) => {
    const issues = sortIssues(ctx, [...ctx.s.state.issues.values()].filter(issueFilter(ctx)));
    return pageReply(ctx, issues, (issue) => issueView(ctx.s, issue));
  },
  'issues/add-labels': (ctx) => {
    const issue = requireIssue(ctx);
    const added = names(Array.isArray(ctx.body) ? ctx.body : ctx.body.labels);
    for (const label of added)
      if (!issue.labels.some((l) => lower(l) === lower(label))) issue.labels.push(label);
    issue.updatedAt = ctx.s.now();
    return ok(issue.labels.map((name) => labelView(ctx.s, issue.repo, name)));
  },
  'pulls/get': (ctx) => {
    const issue = requireIssue(ctx, 'pull_number');
    if (!issue.pull) throw notFound();
    return ok(pullView(ctx.s, issue, issue.pull));
  },
  'pulls/list-commits': (ctx) => {
    const issue = requireIssue(ctx, 'pull_number');
    if (!issue.pull) throw notFound();
    return pageReply(ctx, issue.pull.commits, (commit) => commitView(ctx.s, issue.repo, commit));
  },
};

const accessHandlers: Record<string, Handler> = {
  'repos/get-collaborator-permission-level': (ctx) => {
    const login = String(ctx.params.username);
    if (!ctx.s.state.users.has(lower(login))) throw notFound();
    const role = ctx.s.roleOf(ctx.repoKey, login);
    // Without any role GitHub reports the base permission 'none'.
    const permission = role ? LEGACY_PERMISSION[role] : 'none';
    const roleName = role ?? 'none';
    const rank = role ? ROLE_RANK.indexOf(role) : -1;
    const permissions = {
      pull: rank >= 0,
      triage: rank >= 1,
      push: rank >= 2,
      maintain: rank >= 3,
      admin: rank >= 4,
    };
    const user = { ...userView(ctx.s, login), permissions, role_name: roleName };
    return ok({ permission, role_name: roleName, user });
  },
  'teams/get-membership-for-user-in-org': (ctx) => {
    const key = `${lower(String(ctx.params.org))}/${lower(String(ctx.params.team_slug))}`;
    const team = ctx.s.state.teams.get(key);
    const login = String(ctx.params.username);
    const role = team?.members.get(lower(login));
    if (!team || !role) throw notFound();
    return ok({
      url: `${ctx.s.url}/teams/${team.id}/memberships/${encodeURIComponent(login)}`,
      role,
      state: 'active',
    });
  },
  'users/get-authenticated': (ctx) => {
    // Installation tokens (GITHUB_TOKEN, GitHub Apps) are not users: GitHub refuses them here.
    if (ctx.user.type === 'Bot') throw new HttpError(403, 'Resource not accessible by integration');
    const user = userView(ctx.s, ctx.user.login);
    return ok({ ...user, name: null, email: null, created_at: ctx.s.startedAt, updated_at: ctx.s.startedAt });
  },
  'repos/get': (ctx) => ok(repoView(ctx.s, ctx.s.repoInfo(ctx.repoKey))),
};

function requireDeployment(ctx: Ctx): StoredDeployment {
  const deployment = ctx.s.state.deployments.get(num(ctx, 'deployment_id'));
  if (!deployment || deployment.repo !== ctx.repoKey) throw notFound();
  return deployment;
}

/** Deployments name a ref; without git, a SHA is taken as is, else looked up in `state.refs` or made up. */
function resolveSha(s: StandIn, ref: string): string {
  if (/^[0-9a-f]{40}$/i.test(ref)) return lower(ref);
  return s.state.refs.get(ref) ?? sha1(`ref:${ref}`);
}

function createDeployment(ctx: Ctx): Reply {
  const body = ctx.body;
  const ref = String(body.ref);
  const environment = str(body.environment) ?? 'production';
  const deployment = ctx.s.addDeployment({
    repo: ctx.repoKey,
    ref,
    sha: resolveSha(ctx.s, ref),
    task: str(body.task) ?? 'deploy',
    environment,
    description: str(body.description) ?? '',
    payload: body.payload ?? {},
    creator: ctx.user.login,
    transient: body.transient_environment === true,
    production:
      typeof body.production_environment === 'boolean'
        ? body.production_environment
        : environment === 'production',
  });
  return created(deploymentView(ctx.s, deployment));
}

function createDeploymentStatus(ctx: Ctx): Reply {
  const deployment = requireDeployment(ctx);
  const body = ctx.body;
  const state = body.state as DeploymentState;
  const logUrl = str(body.log_url) ?? '';
  const status: StoredDeploymentStatus = {
    id: ctx.s.nextId(),
    deploymentId: deployment.id,
    state,
    description: str(body.description) ?? '',
    environment: str(body.environment) ?? deployment.environment,
    // log_url replaces target_url and sets it too.
    targetUrl: logUrl || (str(body.target_url) ?? ''),
    logUrl,
    environmentUrl: str(body.environment_url) ?? '',
    creator: ctx.user.login,
    createdAt: ctx.s.now(),
  };
  ctx.s.state.deploymentStatuses.set(status.id, status);
  if (state === 'success' && body.auto_inactive !== false) ctx.s.deactivateOthers(deployment, ctx.user.login);
  const view = deploymentStatusView(ctx.s, status);
  return created(view, String(view.url));
}

const deploymentHandlers: Record<string, Handler> = {
  'repos/create-deployment': createDeployment,
  'repos/get-deployment': (ctx) => ok(deploymentView(ctx.s, requireDeployment(ctx))),
  'repos/list-deployments': (ctx) => {
    const q = ctx.query;
    // The description gives 'none' as the default of these filters: it means "no filter".
    const matches = (value: string, filter: unknown): boolean =>
      filter === undefined || filter === null || filter === 'none' || value === filter;
    const deployments = [...ctx.s.state.deployments.values()]
      .filter((d) => d.repo === ctx.repoKey)
      .filter((d) => matches(d.sha, q.sha) && matches(d.ref, q.ref) && matches(d.task, q.task))
      .filter((d) =>
        matches(
          lower(d.environment),
          typeof q.environment === 'string' ? lower(q.environment) : q.environment,
        ),
      )
      .sort((a, b) => b.id - a.id);
    return pageReply(ctx, deployments, (d) => deploymentView(ctx.s, d));
  },
  'repos/create-deployment-status': createDeploymentStatus,
  'repos/list-deployment-statuses': (ctx) => {
    const deployment = requireDeployment(ctx);
    const statuses = [...ctx.s.state.deploymentStatuses.values()]
      .filter((st) => st.deploymentId === deployment.id)
      .sort((a, b) => b.id - a.id);
    return pageReply(ctx, statuses, (st) => deploymentStatusView(ctx.s, st));
  },
};

function requireEnvironment(ctx: Ctx, name: string): StoredEnvironment {
  const env = ctx.s.state.environments.get(envKey(ctx.repoKey, name));
  if (!env) throw notFound();
  return env;
}

function pendingView(ctx: Ctx, pending: PendingDeployment): Json {
  const env = requireEnvironment(ctx, pending.environment);
  return {
    environment: environmentRef(ctx.s, env),
    wait_timer: pending.waitTimer,
    wait_timer_started_at: pending.waitTimerStartedAt,
    current_user_can_approve: ctx.s.canReview(env, ctx.user.login),
    reviewers: env.reviewers.map((reviewer) => reviewerView(ctx.s, reviewer)),
  };
}

function reviewPendingDeployments(ctx: Ctx): Reply {
  const runId = num(ctx, 'run_id');
  const ids = (ctx.body.environment_ids as number[]) ?? [];
  const state = ctx.body.state as RunApproval['state'];
  const waiting = (ctx.s.state.pendingDeployments.get(runId) ?? []).filter((p) => p.repo === ctx.repoKey);
  const chosen = ids.map((id) => waiting.find((p) => requireEnvironment(ctx, p.environment).id === id));
  if (chosen.some((p) => !p))
    throw new HttpError(422, 'No pending deployment for the given environment_ids.');
  const reviewed = chosen as PendingDeployment[];
  const envs = reviewed.map((p) => requireEnvironment(ctx, p.environment));
  if (!envs.every((env) => ctx.s.canReview(env, ctx.user.login))) {
    throw new HttpError(422, `${ctx.user.login} is not a required reviewer of these environments.`);
  }
  ctx.s.recordReview(runId, reviewed, {
    repo: ctx.repoKey,
    state,
    user: ctx.user.login,
    comment: String(ctx.body.comment),
  });
  const deployments =
    state === 'approved'
      ? reviewed.map((p) =>
          ctx.s.addDeployment({
            repo: ctx.repoKey,
            ref: p.ref,
            sha: p.sha,
            task: 'deploy',
            environment: p.environment,
            description: '',
            payload: {},
            creator: ctx.user.login,
            transient: false,
            production: lower(p.environment) === 'production',
          }),
        )
      : [];
  return ok(deployments.map((d) => deploymentView(ctx.s, d)));
}

const environmentHandlers: Record<string, Handler> = {
  'repos/get-environment': (ctx) =>
    ok(environmentView(ctx.s, requireEnvironment(ctx, String(ctx.params.environment_name)))),
  'actions/get-reviews-for-run': (ctx) => {
    const approvals = (ctx.s.state.runApprovals.get(num(ctx, 'run_id')) ?? []).filter(
      (a) => a.repo === ctx.repoKey,
    );
    return ok(
      approvals.map((a) => ({
        environments: a.environments.map((name) => {
          const env = requireEnvironment(ctx, name);
          return { ...environmentRef(ctx.s, env), created_at: env.createdAt, updated_at: env.updatedAt };
        }),
        state: a.state,
        user: userView(ctx.s, a.user),
        comment: a.comment,
      })),
    );
  },
  'actions/get-pending-deployments-for-run': (ctx) => {
    const pending = (ctx.s.state.pendingDeployments.get(num(ctx, 'run_id')) ?? []).filter(
      (p) => p.repo === ctx.repoKey,
    );
    return ok(pending.map((p) => pendingView(ctx, p)));
  },
  'actions/review-pending-deployments-for-run': reviewPendingDeployments,
};

const artifactHandlers: Record<string, Handler> = {
  'actions/list-workflow-run-artifacts': async (ctx) => {
    const name = str(ctx.query.name);
    const all = await ctx.s.artifacts.list(num(ctx, 'run_id'));
    for (const artifact of all) ctx.s.knownArtifacts.set(artifact.id, artifact);
    const sign = str(ctx.query.direction) === 'asc' ? 1 : -1;
    const matching = all.filter((a) => !name || a.name === name).sort((a, b) => sign * (a.id - b.id));
    const { items, headers } = paginate(ctx, matching);
    const artifacts = items.map((a) => artifactView(ctx.s, ctx.repoKey, a));
    return ok({ total_count: matching.length, artifacts }, headers);
  },
  'actions/get-artifact': async (ctx) =>
    ok(artifactView(ctx.s, ctx.repoKey, await ctx.s.findArtifact(num(ctx, 'artifact_id')))),
  'actions/download-artifact': async (ctx) => {
    if (ctx.params.archive_format !== 'zip') throw notFound();
    const artifact = await ctx.s.findArtifact(num(ctx, 'artifact_id'));
    if (artifact.expired) throw new HttpError(410, 'Artifact has expired');
    // GitHub redirects to a short-lived signed blob URL; ours lives on this server.
    const signature = randomBytes(8).toString('hex');
    return {
      status: 302,
      headers: { location: `${ctx.s.url}${BLOB_PREFIX}${artifact.id}.zip?sig=${signature}` },
    };
  },
};

const BLOB_PREFIX = '/_blobs/artifacts/';

const HANDLERS: Record<string, Handler> = {
  ...commentHandlers,
  ...issueHandlers,
  ...accessHandlers,
  ...deploymentHandlers,
  ...environmentHandlers,
  ...artifactHandlers,
};

// ---------------------------------------------------------------------------------------------------------------
// Artifacts kept in memory, for tests that need no results service
// ---------------------------------------------------------------------------------------------------------------

export class MemoryArtifactSource implements ArtifactSource {
  private readonly items = new Map<number, { info: ArtifactInfo; zip: Uint8Array }>();
  private nextId = 7_000_001;

  add(runId: number, name: string, zip: Uint8Array, extra: Partial<ArtifactInfo> = {}): ArtifactInfo {
    const digest = `sha256:${createHash('sha256').update(zip).digest('hex')}`;
    const info: ArtifactInfo = { id: this.nextId++, name, runId, size: zip.byteLength, digest, ...extra };
    this.items.set(info.id, { info, zip });
    return info;
  }

  async list(runId: number): Promise<ArtifactInfo[]> {
    return [...this.items.values()].filter((item) => item.info.runId === runId).map((item) => item.info);
  }

  async zip(artifactId: number): Promise<Uint8Array | undefined> {
    return this.items.get(artifactId)?.zip;
  }

  async get(artifactId: number): Promise<ArtifactInfo | undefined> {
    return this.items.get(artifactId)?.info;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------------

interface RateBucket {
  used: number;
  reset: number;
}

class StandIn implements GitHubApi {
  url = '';
  readonly owner: string;
  readonly repo: string;
  readonly serverUrl: string;
  readonly state: ApiState = {
    users: new Map(),
    tokens: new Map(),
    repos: new Map(),
    permissions: new Map(),
    teams: new Map(),
    issues: new Map(),
    comments: new Map(),
    reactions: new Map(),
    deployments: new Map(),
    deploymentStatuses: new Map(),
    environments: new Map(),
    runApprovals: new Map(),
    pendingDeployments: new Map(),
    refs: new Map(),
  };
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly artifacts: ArtifactSource;
  readonly knownArtifacts = new Map<number, ArtifactInfo>();
  readonly startedAt: string;
  private readonly faults: Fault[] = [];
  private readonly labelIds = new Map<string, number>();
  private readonly issueNumbers = new Map<string, number>();
  private readonly buckets = new Map<string, RateBucket>();
  private readonly clock: () => Date;
  private lastId = 1_000_000;
  private server?: http.Server;

  constructor(
    private readonly spec: GitHubSpec,
    private readonly options: GitHubApiOptions,
  ) {
    this.owner = options.owner ?? 'octo-org';
    this.repo = options.repo ?? 'infra';
    this.serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/$/, '');
    this.artifacts = options.artifactSource ?? new MemoryArtifactSource();
    this.clock = options.now ?? (() => new Date());
    this.startedAt = this.now();
    this.addRepo(`${this.owner}/${this.repo}`);
  }

  get specLoadMs(): number {
    return this.spec.loadMs;
  }

  get defaultRepoKey(): string {
    return lower(`${this.owner}/${this.repo}`);
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

  // ----- ids, clock, lookups -----

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** GitHub timestamps have whole seconds. */
  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  labelId(name: string): number {
    const key = lower(name);
    if (!this.labelIds.has(key)) this.labelIds.set(key, this.nextId());
    return this.labelIds.get(key) as number;
  }

  repoKey(repo?: string): string {
    return repo ? lower(repo) : this.defaultRepoKey;
  }

  repoInfo(repoKey: string): RepoInfo {
    const repo = this.state.repos.get(repoKey);
    if (!repo) throw notFound();
    return repo;
  }

  /** Users referenced by the state but never added (e.g. a repository owner) are made up on first use. */
  userOf(login: string): GitHubUser {
    return (
      this.state.users.get(lower(login)) ??
      this.addUser(login, this.isOwner(login) ? 'Organization' : undefined)
    );
  }

  private isOwner(login: string): boolean {
    return [...this.state.repos.values()].some((repo) => lower(repo.owner) === lower(login));
  }

  team(org: string, slug: string): Team {
    const key = `${lower(org)}/${lower(slug)}`;
    let team = this.state.teams.get(key);
    if (!team) {
      team = { id: this.nextId(), org, slug, members: new Map() };
      this.state.teams.set(key, team);
    }
    return team;
  }

  roleOf(repoKey: string, login: string): RepoRole | undefined {
    const repo = this.state.repos.get(repoKey);
    if (repo && lower(repo.owner) === lower(login)) return 'admin';
    return this.state.permissions.get(repoKey)?.get(lower(login));
  }

  canReview(env: StoredEnvironment, login: string): boolean {
    return env.reviewers.some((reviewer) =>
      reviewer.type === 'User'
        ? lower(reviewer.login) === lower(login)
        : this.team(reviewer.org, reviewer.slug).members.has(lower(login)),
    );
  }

  async findArtifact(id: number): Promise<ArtifactInfo> {
    const artifact = (await this.artifacts.get?.(id)) ?? this.knownArtifacts.get(id);
    if (!artifact) throw notFound();
    return artifact;
  }

  // ----- test-facing helpers -----

  addUser(login: string, type?: UserType): GitHubUser {
    const existing = this.state.users.get(lower(login));
    if (existing) return existing;
    const user: GitHubUser = {
      login,
      id: this.nextId(),
      type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
    };
    this.state.users.set(lower(login), user);
    return user;
  }

  addToken(token: string, login: string): GitHubUser {
    this.state.tokens.set(token, login);
    return this.addUser(login);
  }

  addRepo(fullName: string, options: { private?: boolean; defaultBranch?: string } = {}): RepoInfo {
    const [owner = '', name = ''] = fullName.split('/');
    const repo: RepoInfo = {
      id: this.nextId(),
      owner,
      name,
      fullName: `${owner}/${name}`,
      private: options.private ?? true,
      defaultBranch: options.defaultBranch ?? 'main',
    };
    this.state.repos.set(lower(repo.fullName), repo);
    return repo;
  }

  setPermission(login: string, role: RepoRole | undefined, repo?: string): void {
    this.addUser(login);
    const key = this.repoKey(repo);
    const roles = this.state.permissions.get(key) ?? new Map<string, RepoRole>();
    this.state.permissions.set(key, roles);
    if (role) roles.set(lower(login), role);
    else roles.delete(lower(login));
  }

  addTeamMember(org: string, slug: string, login: string, role: TeamRole = 'member'): void {
    this.addUser(login);
    this.team(org, slug).members.set(lower(login), role);
  }

  private nextNumber(repoKey: string): number {
    const next = (this.issueNumbers.get(repoKey) ?? 0) + 1;
    this.issueNumbers.set(repoKey, next);
    return next;
  }

  addIssue(input: IssueInput): StoredIssue {
    const repo = this.repoKey(input.repo);
    this.addUser(input.author);
    const now = this.now();
    const closed = input.state === 'closed';
    const issue: StoredIssue = {
      id: this.nextId(),
      repo,
      number: this.nextNumber(repo),
      title: input.title,
      body: input.body ?? null,
      state: closed ? 'closed' : 'open',
      stateReason: closed ? 'completed' : null,
      labels: [...(input.labels ?? [])],
      assignees: [],
      author: input.author,
      locked: false,
      createdAt: now,
      updatedAt: now,
      closedAt: closed ? now : null,
    };
    this.state.issues.set(issueKey(repo, issue.number), issue);
    return issue;
  }

  addPull(input: PullInput): StoredIssue {
    const issue = this.addIssue({ title: input.title ?? `Pull request from ${input.headRef}`, ...input });
    const baseRef = input.baseRef ?? this.repoInfo(issue.repo).defaultBranch;
    issue.pull = {
      headSha: input.headSha,
      headRef: input.headRef,
      baseRef,
      baseSha: input.baseSha ?? sha1(`base:${baseRef}`),
      draft: input.draft ?? false,
      merged: false,
      commits: input.commits ?? [{ sha: input.headSha, message: issue.title, author: input.author }],
    };
    return issue;
  }

  addComment(input: { issueNumber: number; body: string; author: string; repo?: string }): StoredComment {
    this.addUser(input.author);
    const now = this.now();
    const comment: StoredComment = {
      id: this.nextId(),
      repo: this.repoKey(input.repo),
      issueNumber: input.issueNumber,
      body: input.body,
      author: input.author,
      createdAt: now,
      updatedAt: now,
    };
    this.state.comments.set(comment.id, comment);
    return comment;
  }

  addDeployment(
    input: Omit<StoredDeployment, 'id' | 'createdAt' | 'updatedAt' | 'originalEnvironment'>,
  ): StoredDeployment {
    const now = this.now();
    const deployment: StoredDeployment = {
      ...input,
      id: this.nextId(),
      originalEnvironment: input.environment,
      createdAt: now,
      updatedAt: now,
    };
    this.state.deployments.set(deployment.id, deployment);
    return deployment;
  }

  /** GitHub's auto_inactive: a successful deployment retires the earlier ones of the same environment. */
  deactivateOthers(current: StoredDeployment, creator: string): void {
    for (const other of this.state.deployments.values()) {
      const sameEnv = other.repo === current.repo && lower(other.environment) === lower(current.environment);
      if (!sameEnv || other.id === current.id || other.transient) continue;
      const latest = this.latestStatus(other.id);
      if (latest?.state !== 'success') continue;
      const status: StoredDeploymentStatus = {
        ...latest,
        id: this.nextId(),
        state: 'inactive',
        creator,
        createdAt: this.now(),
      };
      this.state.deploymentStatuses.set(status.id, status);
    }
  }

  private latestStatus(deploymentId: number): StoredDeploymentStatus | undefined {
    return [...this.state.deploymentStatuses.values()]
      .filter((status) => status.deploymentId === deploymentId)
      .reduce<StoredDeploymentStatus | undefined>(
        (last, status) => (!last || status.id > last.id ? status : last),
        undefined,
      );
  }

  addEnvironment(input: EnvironmentInput): StoredEnvironment {
    const repo = this.repoKey(input.repo);
    for (const reviewer of input.reviewers ?? []) {
      if (reviewer.type === 'User') this.addUser(reviewer.login);
      else this.team(reviewer.org, reviewer.slug);
    }
    const now = this.now();
    const env: StoredEnvironment = {
      id: this.nextId(),
      repo,
      name: input.name,
      reviewers: input.reviewers ?? [],
      preventSelfReview: input.preventSelfReview ?? false,
      waitTimer: input.waitTimer ?? 0,
      createdAt: now,
      updatedAt: now,
    };
    this.state.environments.set(envKey(repo, input.name), env);
    return env;
  }

  addPendingDeployment(runId: number, input: PendingInput): PendingDeployment {
    const repo = this.repoKey(input.repo);
    if (!this.state.environments.has(envKey(repo, input.environment))) {
      this.addEnvironment({ name: input.environment, repo: input.repo });
    }
    const pending: PendingDeployment = {
      repo,
      environment: input.environment,
      waitTimer: input.waitTimer ?? 0,
      waitTimerStartedAt: input.waitTimer ? this.now() : null,
      sha: input.sha,
      ref: input.ref,
    };
    const list = this.state.pendingDeployments.get(runId) ?? [];
    list.push(pending);
    this.state.pendingDeployments.set(runId, list);
    return pending;
  }

  /** One review settles the reviewed environments of the run: they stop waiting and the review is listed. */
  recordReview(
    runId: number,
    reviewed: PendingDeployment[],
    review: Omit<RunApproval, 'environments'>,
  ): void {
    const remaining = (this.state.pendingDeployments.get(runId) ?? []).filter((p) => !reviewed.includes(p));
    this.state.pendingDeployments.set(runId, remaining);
    const approvals = this.state.runApprovals.get(runId) ?? [];
    approvals.push({ ...review, environments: reviewed.map((p) => p.environment) });
    this.state.runApprovals.set(runId, approvals);
  }

  commentsOn(issueNumber: number, repo?: string): StoredComment[] {
    const key = this.repoKey(repo);
    return [...this.state.comments.values()]
      .filter((c) => c.repo === key && c.issueNumber === issueNumber)
      .sort((a, b) => a.id - b.id);
  }

  issue(issueNumber: number, repo?: string): StoredIssue | undefined {
    return this.state.issues.get(issueKey(this.repoKey(repo), issueNumber));
  }

  writes(operationId?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && (!operationId || r.operationId === operationId));
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
