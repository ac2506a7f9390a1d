import { resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigurationError } from './errors.js';
import {
  confinePath,
  existingConfinedPath,
  outputFilePath,
  PathMissing,
  PathRefusal,
  quoteValue,
  type PathKind,
} from './paths.js';
import { describeIssue } from './zod-issues.js';

/**
 * The one input layer every action uses. Inputs arrive as strings (the runner's `INPUT_*` variables,
 * with action.yml defaults already applied); each input kind below is a parser from that string to a
 * typed value, with an error message that says what is expected. The shapes are keyed by the contract
 * names (`working-directory`) and read back camel-cased (`workingDirectory`).
 *
 * Plain functions rather than zod schemas: every action reads its inputs before anything else, also on
 * the path that only fails, and zod is a third of what Node compiles at start-up there. The kinds that
 * need a library (a JSON contract, YAML) load it when such an input is given.
 */

/** Reads one raw input by its action.yml name; `core.getInput` in run.ts, a record in tests. */
export type InputReader = (name: string) => string;

/** What is wrong with one input's value, said after `Input "<name>"`. */
class InputProblem extends Error {
  constructor(
    message: string,
    /** The message already quotes the part of the value that is wrong: the value is not echoed after it. */
    readonly quotesValue = false,
  ) {
    super(message);
  }
}

/** Refuses the value from inside a kind's refinement (`input.list().transform(…)`). */
export function refuseInput(message: string): never {
  throw new InputProblem(message);
}

/**
 * What kind of value each input takes, for whoever needs to know without parsing: the sweep test of
 * every action.yml input generates wrong values by kind from it.
 */
export type InputKind =
  | 'text'
  | 'secret'
  | 'version'
  | 'accounts'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'choice'
  | 'lines'
  | 'list'
  | 'key-values'
  | 'file'
  | 'files'
  | 'directory'
  | 'directories'
  | 'file or directory'
  | 'output file'
  | 'file or content'
  | 'name'
  | 'names'
  | 'digest'
  | 'duration'
  | 'url'
  | 'yaml'
  | 'json';

/** How one input is read: its kind, its bound, whether it may be shown, and the parser of its raw string. */
export class InputSchema<T> {
  constructor(
    readonly kind: InputKind,
    readonly maxLength: number,
    private readonly parser: (raw: string) => T | Promise<T>,
    /** Masked before anything runs and never echoed in an error. */
    readonly isSecret = false,
    /** May hold secrets among other things (variables): not masked, but never echoed. */
    readonly isUnechoed = isSecret,
  ) {}

  /** The typed value of the raw string; an InputProblem when it is not what the kind takes. */
  async parse(raw: string): Promise<T> {
    return this.parser(raw);
  }

  /** The same input, refined further; `refuse` (refuseInput) in `refine` names what is wrong. */
  transform<U>(refine: (value: T) => U): InputSchema<U> {
    return new InputSchema(
      this.kind,
      this.maxLength,
      async (raw) => refine(await this.parser(raw)),
      this.isSecret,
      this.isUnechoed,
    );
  }

  /** @internal the same parser with other flags. */
  withFlags(isSecret: boolean, isUnechoed: boolean): InputSchema<T> {
    return new InputSchema(this.kind, this.maxLength, this.parser, isSecret, isUnechoed);
  }
}

/** Marks an input whose value is masked before anything runs and never echoed in an error. */
export function secret<T>(schema: InputSchema<T>): InputSchema<T> {
  return schema.withFlags(true, true);
}

/** Marks an input that may hold secrets among other things (variables): not masked, but never echoed. */
function unechoed<T>(schema: InputSchema<T>): InputSchema<T> {
  return schema.withFlags(schema.isSecret, true);
}

/**
 * How long a value may be. A bound on every input keeps a runaway value (a file pasted by mistake, a
 * 100,000-character path) from reaching a tool or a message: one line names the input instead.
 */
export const MAX_LENGTH = {
  /** One value: a name, a version, a path, a URL, a short text. */
  value: 4_096,
  /** A secret: a token, a password, a private key (an RSA 4096 key in PEM is about 3,300). */
  secret: 16_384,
  /** Several values or a document: lists, variables, inline inventories, YAML, JSON. */
  content: 65_536,
} as const;

const { value: VALUE, secret: SECRET, content: CONTENT } = MAX_LENGTH;

// C0 control characters and DEL, except tab, line feed and carriage return: nothing a user means to type,
// and a terminal or a log viewer may act on them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A parser of a given, non-empty raw value; the ones that load a library are asynchronous. */
type Parse<T> = (raw: string) => T | Promise<T>;
type ParseNow<T> = (raw: string) => T;

function checkBounds(raw: string, maxLength: number): void {
  if (raw.length > maxLength) {
    refuseInput(
      `must be at most ${maxLength.toLocaleString('en-US')} characters (this value has ${raw.length.toLocaleString('en-US')})`,
    );
  }
  const at = raw.search(CONTROL_CHARACTER);
  if (at >= 0)
    refuseInput(`must not hold control characters (line ${raw.slice(0, at).split('\n').length} has one)`);
}

/** An empty input means "not given", as on the runner, where an absent input reads as ''. */
function optionalInput<T>(kind: InputKind, maxLength: number, parse: Parse<T>): InputSchema<T | undefined> {
  return new InputSchema(kind, maxLength, (raw) => {
    if (raw.trim() === '') return undefined;
    checkBounds(raw, maxLength);
    return parse(raw);
  });
}

function orFallback<T>(schema: InputSchema<T | undefined>, fallback: T): InputSchema<T> {
  return schema.transform((value) => value ?? fallback);
}

function requiredInput<T>(kind: InputKind, maxLength: number, parse: Parse<T>): InputSchema<T> {
  return optionalInput(kind, maxLength, parse).transform((value) => value ?? refuseInput('is required'));
}

const text: ParseNow<string> = (raw) => raw.trim();

/** The trimmed value when it matches, else the problem. */
function matching(pattern: RegExp, problem: string): ParseNow<string> {
  return (raw) => {
    const value = raw.trim();
    return pattern.test(value) ? value : refuseInput(problem);
  };
}

// The YAML 1.2 core-schema booleans, exactly what core.getBooleanInput accepts (not trimmed, as there).
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
const booleanValue: ParseNow<boolean> = (raw) =>
  TRUE.has(raw) ? true : FALSE.has(raw) ? false : refuseInput('must be true or false');

function numberBetween(min: number, max: number, pattern: RegExp, what: string): ParseNow<number> {
  const problem = `must be ${what} from ${min} to ${max}`;
  return (raw) => {
    const value = Number(matching(pattern, problem)(raw));
    return value >= min && value <= max ? value : refuseInput(problem);
  };
}

const integerValue = (min: number, max: number) => numberBetween(min, max, /^\d+$/, 'a whole number');
/** A number that may have a fraction, such as `0.5` minutes, as GitHub's own timeout-minutes allows. */
const numberValue = (min: number, max: number) => numberBetween(min, max, /^\d+(?:\.\d+)?$/, 'a number');

/** One item a line, blank lines skipped, as core.getMultilineInput does. */
const lines: ParseNow<string[]> = (raw) =>
  raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Multiline or comma-separated, for lists of names such as approvers or tags. */
const list: ParseNow<string[]> = (raw) =>
  raw
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `name=value` a line; the value may itself contain `=`. Values are never echoed in errors. */
const keyValueLines: ParseNow<Array<[string, string]>> = (raw) => {
  const seen = new Set<string>();
  return lines(raw).map((entry, index): [string, string] => {
    const eq = entry.indexOf('=');
    const name = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!IDENTIFIER.test(name)) refuseInput(`line ${index + 1} must look like name=value`);
    if (seen.has(name)) refuseInput(`line ${index + 1} sets "${name}" a second time`);
    seen.add(name);
    return [name, entry.slice(eq + 1)];
  });
};

/** Runs a path rule of core/paths: a refusal becomes the input's problem. */
function pathRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof PathRefusal) refuseInput(error.message);
    throw error;
  }
}

/**
 * Every path input is relative to the workspace (the runner starts node actions in GITHUB_WORKSPACE)
 * and held to the one rule of core/paths: inside the workspace or RUNNER_TEMP, symlinks followed.
 */
const existingPath =
  (kind: PathKind): ParseNow<string> =>
  (raw) =>
    pathRule(() => existingConfinedPath(raw.trim(), kind));

/** A file the action writes; `example` is the file name the error suggests when a directory is given. */
const outputFile =
  (example: string): ParseNow<string> =>
  (raw) =>
    pathRule(() => outputFilePath(raw.trim(), example));

/** A list of existing paths of one kind, one a line; the first one refused is named by its line. */
function existingPaths(kind: PathKind, options: { unique?: boolean } = {}): ParseNow<string[]> {
  return (raw) => {
    const found: string[] = [];
    for (const [index, path] of lines(raw).entries()) {
      let absolute: string;
      try {
        absolute = existingConfinedPath(path, kind);
      } catch (error) {
        if (!(error instanceof PathRefusal)) throw error;
        const what =
          error instanceof PathMissing
            ? `must list existing ${kind === 'file' ? 'files' : 'directories'} in the workspace; ${quoteValue(path)} is not one`
            : `line ${index + 1} ${error.message}; got ${quoteValue(path)}`;
        // The message quotes the one line that is wrong: the whole list is not echoed after it.
        throw new InputProblem(what, true);
      }
      if (!options.unique || !found.includes(absolute)) found.push(absolute);
    }
    return found;
  };
}

// Artifact names may not hold " : < > | * ? \r \n \ /; stacks and prefixes become part of them.
export const NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const namePart = matching(
  NAME_PART,
  'must be letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit',
);

const SHA256_HEX = /^(?:sha256:)?([0-9a-f]{64})$/;
/** A plan digest, `sha256:<64 hex>`; bare hex is accepted and normalised. */
const digest: ParseNow<string> = (raw) => {
  const hex = SHA256_HEX.exec(raw.trim().toLowerCase())?.[1];
  return hex ? `sha256:${hex}` : refuseInput('must be a sha256 digest: "sha256:" and 64 hex digits');
};

const duration = matching(/^\d+(?:ms|s|m|h)$/, 'must be a duration such as 30s, 5m or 1h');

const httpUrl: ParseNow<string> = (raw) => {
  const value = raw.trim();
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
    ? value
    : refuseInput('must be an http:// or https:// URL');
};

// A tool version such as 1.12.6, v1.12, or 2.17.0-rc1; "latest" where an installer can resolve it.
const version = matching(
  /^(?:latest|v?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)$/,
  'must be a version such as 1.12.6 or "latest"',
);

// A GitHub login (user) or an org/team slug.
const ACCOUNT = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?(?:\[bot\])?$/;
const accounts: ParseNow<string[]> = (raw) => {
  const items = list(raw).map((item) => item.replace(/^@/, ''));
  return items.every((item) => ACCOUNT.test(item))
    ? items
    : refuseInput('must list GitHub logins or org/team slugs, one a line or separated by commas');
};

const names: ParseNow<string[]> = (raw) => {
  const items = list(raw);
  return items.every((item) => NAME_PART.test(item))
    ? items
    : refuseInput('must list names of letters, digits, ".", "_" or "-", one a line or separated by commas');
};

/**
 * JSON held to a contract; the error names the first field that breaks it (`[1].directory ...`). The
 * contract's module is loaded only when the input is given: it brings zod.
 */
function jsonOf<T extends z.ZodType>(loadContract: () => Promise<T>): Parse<z.output<T>> {
  return async (raw) => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      refuseInput(`is not valid JSON (${(error as Error).message})`);
    }
    const result = (await loadContract()).safeParse(value);
    return result.success
      ? (result.data as z.output<T>)
      : refuseInput(`does not hold: ${describeIssue(result.error.issues[0])}`);
  };
}

/** YAML or JSON (JSON is YAML), parsed to a mapping; errors name the line. The parser loads when given. */
const yamlMapping: Parse<Record<string, unknown>> = async (raw) => {
  const { parse, YAMLParseError } = await import('yaml');
  let value: unknown;
  try {
    value = parse(raw);
  } catch (error) {
    const line = error instanceof YAMLParseError ? ` (line ${error.linePos?.[0]?.line ?? '?'})` : '';
    refuseInput(`is not valid YAML or JSON${line}`);
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : refuseInput('must be a YAML or JSON mapping of names to values');
};

/** Input kinds. Each returns the schema of one input; an empty value is "not given". */
export const input = {
  text: () => optionalInput('text', VALUE, text),
  textOr: (fallback: string) => orFallback(optionalInput('text', VALUE, text), fallback),
  requiredText: () => requiredInput('text', VALUE, text),
  /**
   * A file in the workspace or the text it would hold (an inventory, known_hosts lines). `isContent`
   * tells the two apart as the action does; whatever is taken for a path is held to the path rule here,
   * before the action does anything. The value stays as given: the action reads it.
   */
  fileOrContent: (isContent: (value: string) => boolean) =>
    optionalInput('file or content', CONTENT, (raw) => {
      const value = raw.trim();
      return isContent(value) ? value : pathRule(() => (confinePath(value), value));
    }),
  version: () => optionalInput('version', VALUE, version),
  accounts: () => orFallback(optionalInput('accounts', CONTENT, accounts), []),
  files: () => orFallback(optionalInput('files', CONTENT, existingPaths('file')), []),
  /**
   * Directories, one a line, each once; when none is given, the workspace root, or with `orNone`, none
   * (an input that turns a step on, such as tf-plan's `policy`).
   */
  directories: (options: { orNone?: boolean } = {}) =>
    optionalInput('directories', CONTENT, existingPaths('directory', { unique: true })).transform((v) =>
      v && v.length > 0 ? v : options.orNone ? [] : [resolve('.')],
    ),
  boolean: (fallback: boolean) => orFallback(optionalInput('boolean', VALUE, booleanValue), fallback),
  integer: (min: number, max: number) => optionalInput('integer', VALUE, integerValue(min, max)),
  integerOr: (min: number, max: number, fallback: number) =>
    orFallback(optionalInput('integer', VALUE, integerValue(min, max)), fallback),
  numberOr: (min: number, max: number, fallback: number) =>
    orFallback(optionalInput('number', VALUE, numberValue(min, max)), fallback),
  choice: <const T extends readonly [string, ...string[]]>(choices: T, fallback: T[number]) =>
    orFallback(
      optionalInput('choice', VALUE, (raw): T[number] =>
        (choices as readonly string[]).includes(raw)
          ? raw
          : refuseInput(`must be one of: ${choices.join(', ')}`),
      ),
      fallback,
    ),
  lines: () => orFallback(optionalInput('lines', CONTENT, lines), []),
  list: () => orFallback(optionalInput('list', CONTENT, list), []),
  keyValues: () => unechoed(orFallback(optionalInput('key-values', CONTENT, keyValueLines), [])),
  file: () => optionalInput('file', VALUE, existingPath('file')),
  requiredFile: () => requiredInput('file', VALUE, existingPath('file')),
  directory: (fallback: string) =>
    optionalInput('directory', VALUE, existingPath('directory')).transform((v) => v ?? resolve(fallback)),
  fileOrDirectory: () => optionalInput('file or directory', VALUE, existingPath('file or directory')),
  requiredFileOrDirectory: () => requiredInput('file or directory', VALUE, existingPath('file or directory')),
  /** A file the action writes, inside the workspace or RUNNER_TEMP, never an existing directory. */
  outputFile: (example: string) => optionalInput('output file', VALUE, outputFile(example)),
  name: () => optionalInput('name', VALUE, namePart),
  names: () => orFallback(optionalInput('names', CONTENT, names), []),
  nameOr: (fallback: string) => orFallback(optionalInput('name', VALUE, namePart), fallback),
  digest: () => optionalInput('digest', VALUE, digest),
  duration: () => optionalInput('duration', VALUE, duration),
  url: () => optionalInput('url', VALUE, httpUrl),
  /** A URL that may carry `user:token@`: never echoed in an error. */
  urlWithCredentials: () => unechoed(optionalInput('url', VALUE, httpUrl)),
  /** JSON held to the contract `loadContract` imports (`() => import('…/stacks.js').then(…)`). */
  json: <T extends z.ZodType>(loadContract: () => Promise<T>) =>
    optionalInput('json', CONTENT, jsonOf(loadContract)),
  /** A YAML or JSON mapping of names to values. */
  yamlMapping: () => optionalInput('yaml', CONTENT, yamlMapping),
  /** A secret string (a token, a key): masked on read, never echoed. */
  secretText: () => secret(optionalInput('secret', SECRET, text)),
  secretUrl: () => secret(optionalInput('secret', SECRET, httpUrl)),
};

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
export type Camelize<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any input's schema, whatever it yields
export type InputShape = Record<string, InputSchema<any>>;
export type InputValue<S> = S extends InputSchema<infer T> ? T : never;
export type InputsOf<S extends InputShape> = Camelize<{ [K in keyof S]: InputValue<S[K]> }>;

/** A cross-input rule: returns the offending input and what is wrong, or nothing when the values agree. */
export type InputRule<S extends InputShape> = (
  values: InputsOf<S>,
) => { input: keyof S & string; message: string } | undefined;

export interface InputSpec<S extends InputShape> {
  shape: S;
  rules: Array<InputRule<S>>;
}

export function defineInputs<S extends InputShape>(shape: S, rules: Array<InputRule<S>> = []): InputSpec<S> {
  return { shape, rules };
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Reads and validates every input of an action, in the order the shape lists them. Secret values are
 * handed to `mask` before any is parsed, so that nothing later (an error, a debug line) can print them.
 * The first problem becomes a ConfigurationError naming the input, what is expected and, for
 * non-secrets, what was given.
 */
export async function readInputs<S extends InputShape>(
  spec: InputSpec<S>,
  read: InputReader,
  mask: (value: string) => void = () => undefined,
): Promise<InputsOf<S>> {
  const raw: Record<string, string> = {};
  for (const [name, schema] of Object.entries(spec.shape)) {
    raw[name] = read(name);
    if (schema.isSecret && raw[name].trim() !== '') mask(raw[name].trim());
  }

  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(spec.shape)) {
    const given = raw[name] ?? '';
    try {
      values[camelCase(name)] = await schema.parse(given);
    } catch (error) {
      if (!(error instanceof InputProblem)) throw error;
      const echo =
        !schema.isUnechoed && !error.quotesValue && given.trim() && error.message !== 'is required'
          ? `; got ${quoteValue(given)}`
          : '';
      throw new ConfigurationError(`Input "${name}" ${error.message}${echo}.`);
    }
  }

  const typed = values as InputsOf<S>;
  for (const rule of spec.rules) {
    const problem = rule(typed);
    if (problem) throw new ConfigurationError(`Input "${problem.input}" ${problem.message}.`);
  }
  return typed;
}
