/**
 * GitHub's OpenAPI description (npm `@octokit/openapi`): routing by its path templates, validating requests against
 * each operation's schemas, and checking the stand-in's own answers against the documented responses.
 *
 * Routing and validation are our own (a template router plus one Ajv instance) rather than openapi-backend's:
 * openapi-backend loads an ESM-only ref-parser through require(), which Jest cannot do before Node 24.9.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { HANDLERS } from './handlers.js';
import { isPlainObject, type Json } from './json.js';

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

/** Where an error answer points when its operation documents no page of its own. */
export const DOCS = 'https://docs.github.com/rest';

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
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
      section.properties[param.name] = searchDateQuery(param) ?? param.schema ?? {};
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

/** `>=2026-11-03`, `<2026-11-03T10:00:00Z`, `2026-11-01..2026-11-30`, `*..2026-11-30`, `2026-11-03`. */
const DATE_OR_TIME = String.raw`\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const SEARCH_DATE = new RegExp(
  `^(?:(?:>=|<=|>|<)?${DATE_OR_TIME}|(?:${DATE_OR_TIME}|\\*)\\.\\.(?:${DATE_OR_TIME}|\\*))$`,
);

/**
 * A query parameter that takes GitHub's date search syntax (`created` of the workflow-run lists). The
 * description's own text says so and links the syntax, while its schema says `format: date-time`, which
 * `>=2026-11-03` is not; GitHub takes the syntax, so the stand-in holds the value to the syntax instead.
 */
function searchDateQuery(param: Parameter): Schema | undefined {
  const searchSyntax =
    param.description?.includes('understanding-the-search-syntax#query-for-dates') === true;
  return param.in === 'query' && searchSyntax && param.schema?.format === 'date-time'
    ? { type: 'string', format: 'search-date' }
    : undefined;
}

function newAjv(coerceTypes: boolean): Ajv {
  // strict: false, because the description carries OpenAPI keywords (example, x-github...) Ajv does not know.
  // verbose: errors carry the offending value (see checkResponse).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, verbose: true, coerceTypes });
  ajvFormats.default(ajv);
  // Formats GitHub uses that ajv-formats does not define: accept them rather than warn.
  for (const format of ['repo.nwo', 'timestamp']) ajv.addFormat(format, true);
  ajv.addFormat('search-date', SEARCH_DATE);
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

export interface Schema {
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
