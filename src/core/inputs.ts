import { resolve } from 'node:path';
import { z } from 'zod';
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
 * with action.yml defaults already applied); each input kind below is a zod schema from that string to
 * a typed value, with an error message that says what is expected. The schemas are keyed by the
 * contract names (`working-directory`) and read back camel-cased (`workingDirectory`).
 */

/** Reads one raw input by its action.yml name; `core.getInput` in run.ts, a record in tests. */
export type InputReader = (name: string) => string;

const secretInputs = z.registry<{ secret: true }>();
const unechoedInputs = z.registry<{ unechoed: true }>();

/** Marks an input whose value is masked before anything runs and never echoed in an error. */
export function secret<T extends z.ZodType>(schema: T): T {
  secretInputs.add(schema, { secret: true });
  return unechoed(schema);
}

/** Marks an input that may hold secrets among other things (variables): not masked, but never echoed. */
function unechoed<T extends z.ZodType>(schema: T): T {
  unechoedInputs.add(schema, { unechoed: true });
  return schema;
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

// C0 control characters and DEL, except tab, line feed and carriage return: nothing a user means to type,
// and a terminal or a log viewer may act on them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function boundedString(maxLength: number) {
  return z
    .string()
    .max(maxLength, {
      error: (issue) =>
        `must be at most ${maxLength.toLocaleString('en-US')} characters (this value has ${String(issue.input).length.toLocaleString('en-US')})`,
      abort: true,
    })
    .refine((v) => !CONTROL_CHARACTER.test(v), {
      error: (issue) => {
        const line = String(issue.input)
          .slice(0, String(issue.input).search(CONTROL_CHARACTER))
          .split('\n').length;
        return `must not hold control characters (line ${line} has one)`;
      },
      abort: true,
    });
}

/** An empty input means "not given", as on the runner, where an absent input reads as ''. */
function optionalInput<T extends z.ZodType<unknown, string>>(
  schema: T,
  maxLength: number = MAX_LENGTH.value,
) {
  return z.preprocess(
    (raw) => (typeof raw === 'string' && raw.trim() === '' ? undefined : raw),
    boundedString(maxLength).pipe(schema).optional(),
  );
}

function requiredInput<T extends z.ZodType<unknown, string>>(
  schema: T,
  maxLength: number = MAX_LENGTH.value,
) {
  return optionalInput(schema, maxLength)
    .refine((v) => v !== undefined, { error: 'is required', abort: true })
    .transform((v) => v as NonNullable<typeof v>);
}

// The YAML 1.2 core-schema booleans, exactly what core.getBooleanInput accepts.
const booleanValue = z.stringbool({
  truthy: ['true', 'True', 'TRUE'],
  falsy: ['false', 'False', 'FALSE'],
  case: 'sensitive',
  error: 'must be true or false',
});

function integerValue(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be a whole number from ${min} to ${max}` });
}

/** A number that may have a fraction, such as `0.5` minutes, as GitHub's own timeout-minutes allows. */
function numberValue(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+(?:\.\d+)?$/, { error: `must be a number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be a number from ${min} to ${max}` });
}

function choiceValue<const T extends readonly [string, ...string[]]>(choices: T) {
  return z.enum(choices, { error: `must be one of: ${choices.join(', ')}` });
}

/** One item a line, blank lines skipped, as core.getMultilineInput does. */
const lines = z.string().transform((v) =>
  v
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== ''),
);

/** Multiline or comma-separated, for lists of names such as approvers or tags. */
const list = z.string().transform((v) =>
  v
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `name=value` a line; the value may itself contain `=`. Values are never echoed in errors. */
const keyValueLines = lines.transform((entries, ctx) => {
  const pairs: Array<[string, string]> = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const eq = entry.indexOf('=');
    const name = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!IDENTIFIER.test(name)) {
      ctx.addIssue({ code: 'custom', message: `line ${index + 1} must look like name=value` });
      return;
    }
    if (seen.has(name)) {
      ctx.addIssue({ code: 'custom', message: `line ${index + 1} sets "${name}" a second time` });
      return;
    }
    seen.add(name);
    pairs.push([name, entry.slice(eq + 1)]);
  });
  return pairs;
});

/** Runs a path rule of core/paths inside a schema: a refusal becomes the input's issue. */
function pathIssue<T>(ctx: z.RefinementCtx, rule: () => T): T | typeof z.NEVER {
  try {
    return rule();
  } catch (error) {
    if (!(error instanceof PathRefusal)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
}

/**
 * Every path input is relative to the workspace (the runner starts node actions in GITHUB_WORKSPACE)
 * and held to the one rule of core/paths: inside the workspace or RUNNER_TEMP, symlinks followed.
 */
function existingPath(kind: PathKind) {
  return z
    .string()
    .trim()
    .transform((path, ctx) => pathIssue(ctx, () => existingConfinedPath(path, kind)));
}

/** A file the action writes; `example` is the file name the error suggests when a directory is given. */
function outputFile(example: string) {
  return z
    .string()
    .trim()
    .transform((path, ctx) => pathIssue(ctx, () => outputFilePath(path, example)));
}

/** A list of existing paths of one kind, one a line; the first one refused is named by its line. */
function existingPaths(kind: PathKind, options: { unique?: boolean } = {}) {
  return lines.transform((paths, ctx) => {
    const found: string[] = [];
    for (const [index, path] of paths.entries()) {
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
        ctx.addIssue({ code: 'custom', message: what, params: { quotesValue: true } });
        return z.NEVER;
      }
      if (!options.unique || !found.includes(absolute)) found.push(absolute);
    }
    return found;
  });
}

// Artifact names may not hold " : < > | * ? \r \n \ /; stacks and prefixes become part of them.
export const NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const namePart = z.string().trim().regex(NAME_PART, {
  error: 'must be letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit',
});

const SHA256_HEX = /^(?:sha256:)?([0-9a-f]{64})$/;
/** A plan digest, `sha256:<64 hex>`; bare hex is accepted and normalised. */
const digest = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SHA256_HEX, { error: 'must be a sha256 digest: "sha256:" and 64 hex digits' })
  .transform((v) => `sha256:${SHA256_HEX.exec(v)?.[1] ?? ''}`);

const DURATION = /^\d+(?:ms|s|m|h)$/;
const duration = z.string().trim().regex(DURATION, { error: 'must be a duration such as 30s, 5m or 1h' });

const httpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    error: 'must be an http:// or https:// URL',
  });

const text = z.string().trim();

/** JSON held to a contract; the error names the first field that breaks it (`[1].directory ...`). */
function jsonOf<T extends z.ZodType>(contract: T) {
  return z.string().transform((raw, ctx): z.output<T> => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `is not valid JSON (${(error as Error).message})` });
      return z.NEVER;
    }
    const result = contract.safeParse(value);
    if (!result.success) {
      ctx.addIssue({ code: 'custom', message: `does not hold: ${describeIssue(result.error.issues[0])}` });
      return z.NEVER;
    }
    return result.data;
  });
}

// A tool version such as 1.12.6, v1.12, or 2.17.0-rc1; "latest" where an installer can resolve it.
const VERSION = /^(?:latest|v?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)$/;
const version = text.regex(VERSION, { error: 'must be a version such as 1.12.6 or "latest"' });

// A GitHub login (user) or an org/team slug.
const ACCOUNT = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?(?:\[bot\])?$/;
const accounts = list
  .refine((items) => items.every((item) => ACCOUNT.test(item.replace(/^@/, ''))), {
    error: 'must list GitHub logins or org/team slugs, one a line or separated by commas',
  })
  .transform((items) => items.map((item) => item.replace(/^@/, '')));

const names = list.refine((items) => items.every((item) => NAME_PART.test(item)), {
  error: 'must list names of letters, digits, ".", "_" or "-", one a line or separated by commas',
});

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

export const inputKinds = z.registry<{ kind: InputKind; maxLength: number }>();

function kinded<T extends z.ZodType>(kind: InputKind, maxLength: number, schema: T): T {
  inputKinds.add(schema, { kind, maxLength });
  return schema;
}

/**
 * An optional input of several values or a document, of the given kind, parsed by `schema`: for the
 * kinds kept in modules of their own because of what they load (yamlMappingInput in yaml-input.ts).
 */
export function contentInput<T extends z.ZodType<unknown, string>>(kind: InputKind, schema: T) {
  return kinded(kind, CONTENT, optionalInput(schema, CONTENT));
}

/**
 * The kind of an input's schema; an action that refines a kind further (`input.list().transform(…)`)
 * keeps the kind of what it refines. Undefined for a schema made without the kinds below.
 */
export function kindOf(schema: z.ZodType): { kind: InputKind; maxLength: number } | undefined {
  const found = inputKinds.get(schema);
  if (found) return found;
  const def = schema._zod.def as { type: string; in?: z.ZodType };
  return def.type === 'pipe' && def.in ? kindOf(def.in) : undefined;
}

const { value: VALUE, secret: SECRET, content: CONTENT } = MAX_LENGTH;

/** Input kinds. Each returns a zod schema from the raw string; `.optional`/`.required` wrap them. */
export const input = {
  text: () => kinded('text', VALUE, optionalInput(text)),
  textOr: (fallback: string) =>
    kinded(
      'text',
      VALUE,
      optionalInput(text).transform((v) => v ?? fallback),
    ),
  requiredText: () => kinded('text', VALUE, requiredInput(text)),
  /**
   * A file in the workspace or the text it would hold (an inventory, known_hosts lines). `isContent`
   * tells the two apart as the action does; whatever is taken for a path is held to the path rule here,
   * before the action does anything. The value stays as given: the action reads it.
   */
  fileOrContent: (isContent: (value: string) => boolean) =>
    kinded(
      'file or content',
      CONTENT,
      optionalInput(
        text.transform((value, ctx) =>
          isContent(value) ? value : pathIssue(ctx, () => (confinePath(value), value)),
        ),
        CONTENT,
      ),
    ),
  version: () => kinded('version', VALUE, optionalInput(version)),
  accounts: () =>
    kinded(
      'accounts',
      CONTENT,
      optionalInput(accounts, CONTENT).transform((v) => v ?? []),
    ),
  files: () =>
    kinded(
      'files',
      CONTENT,
      optionalInput(existingPaths('file'), CONTENT).transform((v) => v ?? []),
    ),
  /**
   * Directories, one a line, each once; when none is given, the workspace root, or with `orNone`, none
   * (an input that turns a step on, such as tf-plan's `policy`).
   */
  directories: (options: { orNone?: boolean } = {}) =>
    kinded(
      'directories',
      CONTENT,
      optionalInput(existingPaths('directory', { unique: true }), CONTENT).transform((v) =>
        v && v.length > 0 ? v : options.orNone ? [] : [resolve('.')],
      ),
    ),
  boolean: (fallback: boolean) =>
    kinded(
      'boolean',
      VALUE,
      optionalInput(booleanValue).transform((v) => v ?? fallback),
    ),
  integer: (min: number, max: number) => kinded('integer', VALUE, optionalInput(integerValue(min, max))),
  integerOr: (min: number, max: number, fallback: number) =>
    kinded(
      'integer',
      VALUE,
      optionalInput(integerValue(min, max)).transform((v) => v ?? fallback),
    ),
  numberOr: (min: number, max: number, fallback: number) =>
    kinded(
      'number',
      VALUE,
      optionalInput(numberValue(min, max)).transform((v) => v ?? fallback),
    ),
  choice: <const T extends readonly [string, ...string[]]>(choices: T, fallback: T[number]) =>
    kinded(
      'choice',
      VALUE,
      optionalInput(choiceValue(choices)).transform((v) => v ?? fallback),
    ),
  lines: () =>
    kinded(
      'lines',
      CONTENT,
      optionalInput(lines, CONTENT).transform((v) => v ?? []),
    ),
  list: () =>
    kinded(
      'list',
      CONTENT,
      optionalInput(list, CONTENT).transform((v) => v ?? []),
    ),
  keyValues: () =>
    kinded('key-values', CONTENT, unechoed(optionalInput(keyValueLines, CONTENT).transform((v) => v ?? []))),
  file: () => kinded('file', VALUE, optionalInput(existingPath('file'))),
  requiredFile: () => kinded('file', VALUE, requiredInput(existingPath('file'))),
  directory: (fallback: string) =>
    kinded(
      'directory',
      VALUE,
      optionalInput(existingPath('directory')).transform((v) => v ?? resolve(fallback)),
    ),
  fileOrDirectory: () => kinded('file or directory', VALUE, optionalInput(existingPath('file or directory'))),
  requiredFileOrDirectory: () =>
    kinded('file or directory', VALUE, requiredInput(existingPath('file or directory'))),
  /** A file the action writes, inside the workspace or RUNNER_TEMP, never an existing directory. */
  outputFile: (example: string) => kinded('output file', VALUE, optionalInput(outputFile(example))),
  name: () => kinded('name', VALUE, optionalInput(namePart)),
  names: () =>
    kinded(
      'names',
      CONTENT,
      optionalInput(names, CONTENT).transform((v) => v ?? []),
    ),
  nameOr: (fallback: string) =>
    kinded(
      'name',
      VALUE,
      optionalInput(namePart).transform((v) => v ?? fallback),
    ),
  digest: () => kinded('digest', VALUE, optionalInput(digest)),
  duration: () => kinded('duration', VALUE, optionalInput(duration)),
  url: () => kinded('url', VALUE, optionalInput(httpUrl)),
  /** A URL that may carry `user:token@`: never echoed in an error. */
  urlWithCredentials: () => kinded('url', VALUE, unechoed(optionalInput(httpUrl))),
  json: <T extends z.ZodType>(contract: T) =>
    kinded('json', CONTENT, optionalInput(jsonOf(contract), CONTENT)),
  /** A secret string (a token, a key): masked on read, never echoed. */
  secretText: () => kinded('secret', SECRET, secret(optionalInput(text, SECRET))),
  secretUrl: () => kinded('secret', SECRET, secret(optionalInput(httpUrl, SECRET))),
};

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
export type Camelize<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

export type InputShape = Record<string, z.ZodType>;
export type InputsOf<S extends InputShape> = Camelize<{ [K in keyof S]: z.output<S[K]> }>;

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
 * Reads and validates every input of an action. Secret values are handed to `mask` before parsing
 * so that nothing later (an error, a debug line) can print them. The first problem becomes a
 * ConfigurationError naming the input, what is expected and, for non-secrets, what was given.
 */
export function readInputs<S extends InputShape>(
  spec: InputSpec<S>,
  read: InputReader,
  mask: (value: string) => void = () => undefined,
): InputsOf<S> {
  const raw: Record<string, string> = {};
  for (const [name, schema] of Object.entries(spec.shape)) {
    raw[name] = read(name);
    if (secretInputs.has(schema) && raw[name].trim() !== '') mask(raw[name].trim());
  }

  const result = z.object(spec.shape).safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? '');
    const schema = spec.shape[name];
    const quotesValue = issue?.code === 'custom' && issue.params?.quotesValue === true;
    const given =
      schema &&
      !unechoedInputs.has(schema) &&
      !quotesValue &&
      raw[name]?.trim() &&
      issue?.message !== 'is required'
        ? `; got ${quoteValue(raw[name] ?? '')}`
        : '';
    throw new ConfigurationError(`Input "${name}" ${issue?.message ?? 'is invalid'}${given}.`);
  }

  const values = Object.fromEntries(
    Object.entries(result.data as Record<string, unknown>).map(([name, value]) => [camelCase(name), value]),
  ) as InputsOf<S>;
  for (const rule of spec.rules) {
    const problem = rule(values);
    if (problem) throw new ConfigurationError(`Input "${problem.input}" ${problem.message}.`);
  }
  return values;
}
