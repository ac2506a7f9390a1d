import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigurationError } from '../core/errors.js';
import { CHECK_KINDS, smokeChecksSchema, type Category, type CheckKind } from './checks-schema.js';

/**
 * The checks file: YAML (JSON is YAML) read with node ranges so that every problem names its line,
 * validated against the published JSON Schema (schemas/smoke-checks.schema.json), then against what a
 * schema cannot say (unique names, a target for each check, regular expressions that compile).
 */

interface CommonFields {
  name: string;
  category: Category;
  tags: string[];
  description?: string;
  retries?: number;
  timeoutSeconds?: number;
  /** The line of the check in the checks file (1-based), for errors and annotations. */
  line: number;
}

interface Target {
  host?: string;
  group?: string;
}

interface TlsOptions {
  tlsVerify?: boolean;
  caFile?: string;
  serverName?: string;
}

export type CheckSpec = CommonFields &
  (
    | ({ kind: 'tcp'; port?: number } & Target)
    | ({
        kind: 'http';
        url: string;
        method?: string;
        status?: number | number[];
        body?: string;
        headers?: Record<string, string>;
      } & Target &
        TlsOptions)
    | ({
        kind: 'ssh-command';
        command: string;
        exitCode?: number;
        output?: string;
        user?: string;
        port?: number;
      } & Target)
    | { kind: 'command'; command: string[]; exitCode?: number; output?: string }
    | ({ kind: 'dns'; addresses?: string[] } & Target)
    | ({ kind: 'tls-cert'; url?: string; port?: number; minDays?: number } & Target & TlsOptions)
  );

export interface ChecksFile {
  /** As named in messages and annotations: relative to the workspace when inside it. */
  path: string;
  ssh: { user?: string; knownHosts?: string };
  checks: CheckSpec[];
}

/** Reads and validates the checks file; any problem is one ConfigurationError naming the file and line. */
export async function readChecksFile(absolutePath: string, workspace: string): Promise<ChecksFile> {
  const inside = relative(workspace, absolutePath);
  const path = inside && !inside.startsWith('..') ? inside.split('\\').join('/') : absolutePath;
  return parseChecks(await readFile(absolutePath, 'utf8'), path);
}

export function parseChecks(text: string, path: string): ChecksFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const fail = (line: number | undefined, message: string): never => {
    throw new ConfigurationError(`The checks file ${path}${line ? `, line ${line}` : ''}: ${message}.`);
  };
  const yamlError = doc.errors[0];
  if (yamlError) {
    const what =
      yamlError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    fail(yamlError.linePos?.[0]?.line, `is not valid YAML: ${what}`);
  }
  const value: unknown = doc.toJS();
  const lineOf = (node: Node | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(
      lineOf(doc.contents),
      'must be a mapping with a "checks" list (see schemas/smoke-checks.schema.json)',
    );
  }

  const validate = validator();
  if (!validate(value)) {
    const error = mostUseful(validate.errors ?? []);
    const { line, message } = describe(error, doc, value, lineOf);
    fail(line, message);
  }
  const raw = value as { ssh?: Record<string, string>; checks: Array<Record<string, unknown>> };
  const checks = raw.checks.map((check, index) =>
    toSpec(check, lineOf(doc.getIn(['checks', index], true) as Node) ?? 1),
  );
  const seen = new Map<string, number>();
  for (const check of checks) {
    const first = seen.get(check.name);
    if (first !== undefined)
      fail(
        check.line,
        `the name "${check.name}" is given to another check too (line ${first}); names must be unique`,
      );
    seen.set(check.name, check.line);
    const problem = targetProblem(check);
    if (problem) fail(check.line, `check "${check.name}" (${check.kind}): ${problem}`);
  }
  return {
    path,
    ssh: {
      ...(raw.ssh?.user ? { user: raw.ssh.user } : {}),
      ...(raw.ssh?.['known-hosts'] ? { knownHosts: raw.ssh['known-hosts'] } : {}),
    },
    checks,
  };
}

/** What the schema cannot say: which target fields a kind needs, and in which combinations. */
function targetProblem(check: CheckSpec): string | undefined {
  if (check.kind === 'command') return undefined;
  const both = check.host !== undefined && check.group !== undefined;
  if (both) return 'gives both host and group: give one';
  const neither = check.host === undefined && check.group === undefined;
  if (check.kind === 'http') {
    if (!neither && !check.url.includes('{host}'))
      return 'targets a host or group, so its url needs "{host}" where each host\'s address goes';
    if (neither && check.url.includes('{host}'))
      return 'has "{host}" in its url: give host or group to fill it';
    return undefined;
  }
  if (check.kind === 'tls-cert') {
    if (check.url !== undefined && !neither) return 'gives url and a host or group: give one';
    if (check.url === undefined && neither) return 'needs a url, a host or a group';
    return undefined;
  }
  return neither ? 'needs a host or a group' : undefined;
}

let compiled: ReturnType<Ajv['compile']> | undefined;

function validator() {
  if (compiled) return compiled;
  const ajv = new Ajv({ discriminator: true, allErrors: false, strict: true, strictRequired: false });
  ajv.addFormat('regex', {
    type: 'string',
    validate: (text: string) => {
      try {
        new RegExp(text);
        return true;
      } catch {
        return false;
      }
    },
  });
  compiled = ajv.compile(smokeChecksSchema);
  return compiled;
}

/** Ajv reports the innermost problem first; a oneOf summary only when nothing more precise was found. */
function mostUseful(errors: ErrorObject[]): ErrorObject {
  return errors.find((e) => e.keyword !== 'oneOf') ?? (errors[0] as ErrorObject);
}

function describe(
  error: ErrorObject,
  doc: Document,
  value: unknown,
  lineOf: (node: Node | null | undefined) => number | undefined,
): { line: number | undefined; message: string } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const node = doc.getIn(path, true) as Node | undefined;
  let line = lineOf(node) ?? lineOf(doc.contents);
  let where = placeOf(path, value);
  let message: string;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      message = `needs "${String(params.missingProperty)}"`;
      break;
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === name);
        line = lineOf(pair?.key as Node) ?? line;
      }
      message = `has an unknown field "${name}"${hint(path, name)}`;
      break;
    }
    case 'discriminator':
      message =
        params.error === 'mapping'
          ? `"kind" must be one of: ${CHECK_KINDS.join(', ')}`
          : `"kind" must be one of: ${CHECK_KINDS.join(', ')}`;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === 'kind');
        line = lineOf(pair?.value as Node) ?? line;
      }
      break;
    case 'enum':
      message = `must be one of: ${((params.allowedValues as unknown[]) ?? []).join(', ')}`;
      break;
    case 'const':
      message = `must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case 'format':
      message =
        params.format === 'regex'
          ? 'must be a valid regular expression'
          : `must be a ${String(params.format)}`;
      break;
    case 'pattern':
      message =
        path.at(-1) === 'url' ? 'must be an http:// or https:// URL' : `must match ${String(params.pattern)}`;
      break;
    case 'oneOf':
      message = 'must be a status code (such as 200) or a list of them';
      break;
    case 'type':
      message = `must be ${TYPES[String(params.type)] ?? String(params.type)}`;
      break;
    case 'minItems':
      message = 'must not be empty';
      break;
    default:
      message = error.message ?? 'is not valid';
  }
  if (
    error.keyword !== 'required' &&
    error.keyword !== 'additionalProperties' &&
    error.keyword !== 'discriminator'
  ) {
    const field = path.at(-1);
    if (typeof field === 'string') {
      where = placeOf(path.slice(0, -1), value);
      message = `"${field}" ${message}`;
    }
  }
  return { line, message: where ? `${where}: ${message}` : message };
}

/** `check "web answers" (tcp)` for a path inside a check, `ssh` for the ssh mapping, '' for the top. */
function placeOf(path: Array<string | number>, value: unknown): string {
  if (path[0] === 'checks' && typeof path[1] === 'number') {
    const check = (value as { checks: Array<Record<string, unknown>> }).checks[path[1]] ?? {};
    const name = typeof check.name === 'string' ? `"${check.name}"` : `#${path[1] + 1}`;
    const kind =
      typeof check.kind === 'string' && (CHECK_KINDS as readonly string[]).includes(check.kind)
        ? ` (${check.kind})`
        : '';
    const inner = path.slice(2).filter((part) => typeof part === 'string');
    return `check ${name}${kind}${inner.length > 1 ? ` ${inner.slice(0, -1).join('.')}` : ''}`;
  }
  if (path.length === 0) return '';
  return path.filter((part) => typeof part === 'string').join('.');
}

/** A field of another kind is a common slip (`port` on an http check): say which kinds have it. */
function hint(path: Array<string | number>, name: string): string {
  if (path[0] !== 'checks' || path.length !== 2) return '';
  const owners = smokeChecksSchema.properties.checks.items.oneOf
    .filter((branch) => name in branch.properties)
    .map((branch) => branch.properties.kind.const);
  return owners.length > 0 ? ` (a field of ${owners.join(', ')} checks)` : '';
}

const TYPES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

const CAMEL = /-([a-z])/g;

function toSpec(raw: Record<string, unknown>, line: number): CheckSpec {
  const spec: Record<string, unknown> = { tags: [], line };
  for (const [key, item] of Object.entries(raw))
    spec[key.replace(CAMEL, (_, c: string) => c.toUpperCase())] = item;
  return spec as unknown as CheckSpec;
}

export type { CheckKind };
