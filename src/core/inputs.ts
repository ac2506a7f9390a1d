import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ConfigurationError } from './errors.js';
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

/** An empty input means "not given", as on the runner, where an absent input reads as ''. */
function optionalInput<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (raw) => (typeof raw === 'string' && raw.trim() === '' ? undefined : raw),
    schema.optional(),
  );
}

function requiredInput<T extends z.ZodType>(schema: T) {
  return optionalInput(schema)
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

type PathKind = 'file' | 'directory' | 'file or directory';

/** Whether `path`, relative to the workspace, names an existing thing of that kind; the absolute path if so. */
export function findPath(path: string, kind: PathKind): string | undefined {
  const absolute = resolve(path);
  const stats = statSync(absolute, { throwIfNoEntry: false });
  if (stats === undefined) return undefined;
  if (kind === 'file' && !stats.isFile()) return undefined;
  if (kind === 'directory' && !stats.isDirectory()) return undefined;
  return absolute;
}

/**
 * Every path input is relative to the workspace: the runner starts node actions in GITHUB_WORKSPACE,
 * so resolving against the current directory is resolving against the workspace.
 */
function existingPath(kind: PathKind) {
  return z
    .string()
    .trim()
    .transform((path, ctx) => {
      const absolute = findPath(path, kind);
      if (absolute === undefined) {
        ctx.addIssue({ code: 'custom', message: `must name an existing ${kind} in the workspace` });
        return z.NEVER;
      }
      return absolute;
    });
}

/** A list of existing files, one a line; the first missing one is named. */
const existingFiles = lines.transform((paths, ctx) => {
  const found: string[] = [];
  for (const path of paths) {
    const absolute = findPath(path, 'file');
    if (absolute === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must list existing files in the workspace; "${path}" is not one`,
      });
      return z.NEVER;
    }
    found.push(absolute);
  }
  return found;
});

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

/** YAML or JSON (JSON is YAML), parsed to a mapping; errors name the line. */
const yamlMapping = z.string().transform((text, ctx) => {
  try {
    const value: unknown = parseYaml(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be a YAML or JSON mapping of names to values' });
      return z.NEVER;
    }
    return value as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof YAMLParseError ? ` (line ${error.linePos?.[0]?.line ?? '?'})` : '';
    ctx.addIssue({ code: 'custom', message: `is not valid YAML or JSON${line}` });
    return z.NEVER;
  }
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

/** Input kinds. Each returns a zod schema from the raw string; `.optional`/`.required` wrap them. */
export const input = {
  text: () => optionalInput(text),
  textOr: (fallback: string) => optionalInput(text).transform((v) => v ?? fallback),
  requiredText: () => requiredInput(text),
  version: () => optionalInput(version),
  accounts: () => optionalInput(accounts).transform((v) => v ?? []),
  files: () => optionalInput(existingFiles).transform((v) => v ?? []),
  boolean: (fallback: boolean) => optionalInput(booleanValue).transform((v) => v ?? fallback),
  integer: (min: number, max: number) => optionalInput(integerValue(min, max)),
  integerOr: (min: number, max: number, fallback: number) =>
    optionalInput(integerValue(min, max)).transform((v) => v ?? fallback),
  numberOr: (min: number, max: number, fallback: number) =>
    optionalInput(numberValue(min, max)).transform((v) => v ?? fallback),
  choice: <const T extends readonly [string, ...string[]]>(choices: T, fallback: T[number]) =>
    optionalInput(choiceValue(choices)).transform((v) => v ?? fallback),
  lines: () => optionalInput(lines).transform((v) => v ?? []),
  list: () => optionalInput(list).transform((v) => v ?? []),
  keyValues: () => unechoed(optionalInput(keyValueLines).transform((v) => v ?? [])),
  file: () => optionalInput(existingPath('file')),
  requiredFile: () => requiredInput(existingPath('file')),
  directory: (fallback: string) =>
    optionalInput(existingPath('directory')).transform((v) => v ?? resolve(fallback)),
  fileOrDirectory: () => optionalInput(existingPath('file or directory')),
  requiredFileOrDirectory: () => requiredInput(existingPath('file or directory')),
  name: () => optionalInput(namePart),
  names: () => optionalInput(names).transform((v) => v ?? []),
  nameOr: (fallback: string) => optionalInput(namePart).transform((v) => v ?? fallback),
  digest: () => optionalInput(digest),
  duration: () => optionalInput(duration),
  url: () => optionalInput(httpUrl),
  /** A URL that may carry `user:token@`: never echoed in an error. */
  urlWithCredentials: () => unechoed(optionalInput(httpUrl)),
  yamlMapping: () => optionalInput(yamlMapping),
  json: <T extends z.ZodType>(contract: T) => optionalInput(jsonOf(contract)),
  /** A secret string (a token, a key): masked on read, never echoed. */
  secretText: () => secret(optionalInput(text)),
  secretUrl: () => secret(optionalInput(httpUrl)),
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

function describeValue(raw: string): string {
  const oneLine = raw.trim().replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `"${oneLine.slice(0, 57)}..."` : `"${oneLine}"`;
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
    const given =
      schema && !unechoedInputs.has(schema) && raw[name]?.trim() && issue?.message !== 'is required'
        ? `; got ${describeValue(raw[name] ?? '')}`
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
