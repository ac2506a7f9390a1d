import { isAbsolute, relative, sep } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../core/errors.js';
import { describeIssue } from '../core/zod-issues.js';

export { describeIssue };

/**
 * The contracts between jobs: every artifact carries a `manifest.json` whose `schema` names its kind
 * and major version (`iac/plan@1`). The schemas live here and are validated on read; a reader refuses
 * another kind or a major version it does not know, saying which one it got and which it reads.
 * Within a major version fields are only ever added, so a reader ignores fields it does not know.
 */

export const MANIFEST_FILE = 'manifest.json';
/** The names of the files in a plan bundle, beside manifest.json. */
export const PLAN_FILE = 'tfplan';
export const PLAN_JSON_FILE = 'plan.json';
export const LOCK_FILE = '.terraform.lock.hcl';

export const PLAN_KIND = 'iac/plan';
export const PLAN_MAJOR = 1;
export const PLAN_SCHEMA = `${PLAN_KIND}@${PLAN_MAJOR}` as const;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const TOOL_VERSION = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A file name in a flat bundle: no directory part, no `.`/`..`, no NUL, no backslash. */
export function isSafeFileName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/** A POSIX path relative to the workspace, `.` for the workspace itself: `infra/prod`, never `./x`, `x/`, `../x`. */
export function isWorkspacePath(path: string): boolean {
  if (path === '.') return true;
  if (path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * The manifest's form of a directory: `absolute` relative to `workspaceRoot`, POSIX separators,
 * '.' for the root. A directory outside the workspace is the user's mistake.
 */
export function toWorkspacePath(workspaceRoot: string, absolute: string, what = 'working-directory'): string {
  const path = relative(workspaceRoot, absolute);
  if (path === '') return '.';
  if (isAbsolute(path) || path === '..' || path.startsWith(`..${sep}`)) {
    throw new ConfigurationError(`Input "${what}" must name a directory inside the workspace`);
  }
  return path.split(sep).join('/');
}

const text = z.string().min(1, { error: 'must not be empty' });
const sha256Hex = z.string().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
/** A whole number from `min`; zod reports a string given here as a non-number, so word it ourselves. */
function wholeNumber(min: number) {
  return z
    .int({ error: (issue) => describeType('a whole number', issue.input) })
    .min(min, { error: `must be a whole number, ${min} or more` });
}
const count = wholeNumber(0);

const workspacePath = z.string().refine(isWorkspacePath, {
  error: "must be a POSIX path relative to the workspace, '.' for the workspace itself",
});

export const producerSchema = z.object({ action: text, version: text });

export const toolSchema = z.object({
  name: z.enum(['tofu', 'terraform'], { error: 'must be one of: tofu, terraform' }),
  version: z.string().regex(TOOL_VERSION, { error: 'must be a version such as 1.10.6' }),
});

/** A var file, its path as tf-plan was given it (relative to the workspace unless absolute). */
export const varFileSchema = z.object({ path: text, sha256: sha256Hex });

export const priorStateSchema = z.object({
  exists: z.boolean(),
  serial: count.optional(),
  lineage: z.string().optional(),
});

/**
 * Where the state of the plan lives: the backend's type and the settings that name the place, never a
 * credential. Part of the plan digest (when present), so that no job applies a plan to another state.
 */
export const backendRecordSchema = z.object({
  type: text,
  bucket: z.string().optional(),
  key: z.string().optional(),
  region: z.string().optional(),
  /** The server's host and port (`s3.eu-west-1.amazonaws.com`, `127.0.0.1:9000`), no scheme or path. */
  endpoint: z.string().optional(),
  workspaceKeyPrefix: z.string().optional(),
});

/**
 * The release a plan deploys again: the source of a promotion, or the target of a rollback. tf-plan
 * writes it from the release's GitHub deployment; it is inside the plan digest, so the approval names
 * it, and tf-apply reads the deployment again and refuses a bundle whose commit or image differ.
 */
export const releaseBindingSchema = z.object({
  kind: z.enum(['promotion', 'rollback'], { error: 'must be one of: promotion, rollback' }),
  /** `release`: the release's commit and image; `image` (rollbacks only): this commit with the release's image. */
  scope: z.enum(['release', 'image'], { error: 'must be one of: release, image' }),
  /** The environment the release ran in: the promotion's source, or the environment rolled back. */
  environment: text,
  deploymentId: wholeNumber(1),
  runId: wholeNumber(1),
  runAttempt: wholeNumber(1),
  commit: z.string().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
  createdAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' }),
  /** The release's image; absent when its run built none. */
  image: z.object({ id: z.string(), name: text, identifier: text.optional() }).optional(),
  /** The stack's variable that carries the image, and the value the plan was given; absent when it takes none. */
  imageVariable: z.object({ name: text, value: text }).optional(),
  /** The release's smoke checks over all its stacks; absent when it had none. */
  smoke: z.object({ passed: count, total: count }).optional(),
});

/**
 * One input of the plan: a variable given another stack's output, as it was when the plan was made.
 * Inside the plan digest: tf-apply reads the upstream's state again and refuses when the value moved.
 */
export const stackInputRecordSchema = z.object({
  variable: text,
  /** The upstream stack and its output. */
  stack: text,
  output: text,
  sensitive: z.boolean(),
  /** Where the upstream's state is: its configuration, workspace and backend. */
  workingDirectory: workspacePath,
  workspace: text,
  backend: backendRecordSchema,
  /** The upstream's state when the value was read; absent when it was never applied (a provisional plan). */
  state: z.object({ lineage: text, serial: count }).optional(),
  /** The sha256 of the value's canonical JSON; absent when it was never applied. */
  sha256: sha256Hex.optional(),
});

/**
 * One failure or warning of a policy check: the rule that made it (`deny_protected_delete`, from
 * conftest's query `data.<namespace>.<rule>`), its message and the resource address it names, when it
 * names one (the rule's `address` field, or an address of the plan found in its message).
 */
export const policyFindingSchema = z.object({
  rule: text,
  message: z.string(),
  address: text.optional(),
});

/**
 * The policy check of a plan (conftest on its `show -json`), inside the plan digest: a re-plan is a new
 * result, and an acceptance of failures names exactly these.
 */
export const policyResultSchema = z.object({
  /** enforce: a failure blocks the approval and the apply unless a policy owner accepts it; warn: shown only. */
  mode: z.enum(['enforce', 'warn']),
  namespace: text,
  conftestVersion: text,
  /** Every Rego file of the `policy` directories, and every `policy-data` file, with its sha256. */
  policies: z.array(varFileSchema).min(1),
  data: z.array(varFileSchema),
  /** Rules evaluated: successes, failures and warnings; never 0 (that is an error, not a pass). */
  evaluated: wholeNumber(1),
  failures: z.array(policyFindingSchema),
  warnings: z.array(policyFindingSchema),
  /** No failures. */
  passed: z.boolean(),
});

export const planSummarySchema = z.object({
  add: count,
  change: count,
  destroy: count,
  replace: count,
  import: count,
  move: count,
  hasChanges: z.boolean(),
  destroys: z.boolean(),
  /** Addresses deleted or replaced. */
  deletes: z.array(z.string()),
});

const bundledFiles = z
  .record(z.string().refine(isSafeFileName), sha256Hex, {
    error: (issue) => (issue.code === 'invalid_key' ? 'must be a plain file name, with no "/"' : undefined),
  })
  .superRefine((files, ctx) => {
    for (const name of [PLAN_FILE, PLAN_JSON_FILE]) {
      if (!(name in files)) ctx.addIssue({ code: 'custom', path: [name], message: 'is missing' });
    }
    if (MANIFEST_FILE in files) {
      ctx.addIssue({ code: 'custom', path: [MANIFEST_FILE], message: 'must not be listed' });
    }
  });

/** `manifest.json` of a plan bundle, `iac/plan@1`. */
export const planManifestSchema = z.object({
  schema: z.literal(PLAN_SCHEMA),
  producer: producerSchema,
  stack: text,
  /** POSIX, relative to the workspace, '.' for the workspace itself. */
  workingDirectory: workspacePath,
  workspace: text,
  commit: z.string().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
  ref: z.string(),
  runId: wholeNumber(1),
  runAttempt: wholeNumber(1),
  createdAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' }),
  tool: toolSchema,
  varFiles: z.array(varFileSchema),
  /** Bundled file name → sha256 hex: tfplan, plan.json, .terraform.lock.hcl when present. */
  files: bundledFiles,
  /** The state as seen at plan time, for the first-apply race guard (hashicorp/terraform#24078). */
  priorState: priorStateSchema,
  /** Absent in bundles written before the backend was recorded; tf-apply then checks nothing about it. */
  backend: backendRecordSchema.optional(),
  /** Absent for a plan of the checked-out commit; present for a promotion or a rollback. */
  source: releaseBindingSchema.optional(),
  /** The variables given other stacks' outputs, by variable name; absent when the stack has no inputs. */
  inputs: z.array(stackInputRecordSchema).optional(),
  /**
   * True when an input's stack was never applied, so the plan was made with placeholders: it shows what
   * the change looks like, and no job may approve or apply it.
   */
  provisional: z.boolean().optional(),
  /** True for a plan made with `destroy: true`, which deletes the whole stack; its approval needs more. */
  destroy: z.boolean().optional(),
  /** The policy check of the plan; absent when tf-plan was given no `policy`. */
  policy: policyResultSchema.optional(),
  planDigest: z.string().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' }),
  summary: planSummarySchema,
});

export type PlanManifest = z.output<typeof planManifestSchema>;
export type PlanSummary = z.output<typeof planSummarySchema>;
export type PriorState = z.output<typeof priorStateSchema>;
export type BackendRecord = z.output<typeof backendRecordSchema>;
export type ReleaseBinding = z.output<typeof releaseBindingSchema>;
export type StackInputRecord = z.output<typeof stackInputRecordSchema>;
export type PolicyResult = z.output<typeof policyResultSchema>;
export type PolicyFinding = z.output<typeof policyFindingSchema>;
export type ToolName = PlanManifest['tool']['name'];

/** The major version of a tool version: `1.10.6` → 1, `v2.0.0-rc1` → 2. */
export function toolMajor(version: string): number {
  const match = /^v?(\d+)\./.exec(version);
  if (!match?.[1]) throw new TypeError(`not a tool version: ${JSON.stringify(version)}`);
  return Number(match[1]);
}

// ---- reading any contract ----------------------------------------------------------------------

export interface ReadContext {
  /** The file, as named in messages. Default `manifest.json`. */
  file?: string;
  /** The reading action, as named in messages: `tf-apply`. */
  reader: string;
  /** What to do about another major version. */
  advice?: string;
}

const SCHEMA_ID = /^([a-z][a-z0-9-]*\/[a-z][a-z0-9-]*)@(\d+)$/;

/**
 * Reads a contract document (`iac/plan@1`, `iac/approval@1`, ...): JSON text or an already parsed
 * value; its `schema` must be `<expectedKind>@<major>` for a major in `schemaByMajor`, whose schema
 * then validates the whole document. Every refusal is a ConfigurationError that names the file, and
 * the field or the versions.
 */
export function readContract<S extends Record<number, z.ZodType>>(
  json: unknown,
  expectedKind: string,
  schemaByMajor: S,
  context: ReadContext,
): z.output<S[keyof S]> {
  const file = context.file ?? MANIFEST_FILE;
  const value = typeof json === 'string' || Buffer.isBuffer(json) ? parseJson(json.toString(), file) : json;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError(`${file} must be a JSON object`);
  }

  const majors = Object.keys(schemaByMajor).map(Number);
  const reads = majors.map((major) => `${expectedKind}@${major}`).join(' or ');
  const id: unknown = (value as Record<string, unknown>).schema;
  const match = typeof id === 'string' ? SCHEMA_ID.exec(id) : null;
  if (typeof id !== 'string' || !match) {
    throw new ConfigurationError(
      `${file}: schema must be a schema id such as ${reads}${typeof id === 'string' ? `; got ${JSON.stringify(id.slice(0, 60))}` : ''}`,
    );
  }
  if (match[1] !== expectedKind) {
    throw new ConfigurationError(
      `${file} is ${id}, but ${context.reader} reads ${reads}: this is not the artifact ${context.reader} expects`,
    );
  }
  const schema: z.ZodType | undefined = schemaByMajor[Number(match[2])];
  if (!schema) {
    const advice = context.advice ?? 'use the same iac-pipeline version in every job';
    throw new ConfigurationError(
      `${file} is ${id}, but this version of ${context.reader} reads ${reads}: ${advice}`,
    );
  }

  const result = schema.safeParse(value, { error: defaultMessage });
  if (!result.success) throw new ConfigurationError(`${file}: ${describeIssue(result.error.issues[0])}`);
  return result.data as z.output<S[keyof S]>;
}

/**
 * The reader of one contract document, from its schema: the `schema` literal it requires
 * (`iac/smoke-results@1`) gives the kind and the major that `readContract` checks. `file` is the
 * file named in messages (default `manifest.json`), `defaultReader` the reading action.
 */
export function contractReader<T extends z.ZodObject<{ schema: z.ZodLiteral<string> }>>(
  schema: T,
  defaultReader: string,
  file?: string,
): (json: unknown, reader?: string) => z.output<T> {
  const id = SCHEMA_ID.exec(schema.shape.schema.value);
  if (!id?.[1]) throw new TypeError(`not a schema id: ${schema.shape.schema.value}`);
  const [kind, major] = [id[1], Number(id[2])];
  return (json, reader = defaultReader) =>
    readContract(json, kind, { [major]: schema }, { ...(file ? { file } : {}), reader });
}

/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
export function validateForWrite<T extends z.ZodType>(
  schema: T,
  value: unknown,
  file: string,
  error?: typeof defaultMessage,
): z.output<T> {
  const result = schema.safeParse(value, error ? { error } : undefined);
  if (!result.success) {
    throw new Error(`refusing to write an invalid ${file}: ${describeIssue(result.error.issues[0])}`);
  }
  return result.data;
}

/** Reads and validates a plan bundle's manifest.json. */
export function readPlanManifest(
  json: unknown,
  reader = 'tf-apply',
  advice = 'use the same iac-pipeline version for plan and apply',
): PlanManifest {
  return readContract(json, PLAN_KIND, { [PLAN_MAJOR]: planManifestSchema }, { reader, advice });
}

/** Checks a manifest before it is written: a bad one is a bug in the writer, not the user's mistake. */
export function validatePlanManifest(value: unknown): PlanManifest {
  return validateForWrite(planManifestSchema, value, MANIFEST_FILE, defaultMessage);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigurationError(`${file} is not valid JSON (${(error as Error).message})`);
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
};

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

function describeType(expected: string, input: unknown): string {
  return input === undefined
    ? `is missing (it must be ${expected})`
    : `must be ${expected}, not ${kindOf(input)}`;
}

/** Messages for the issues a schema does not word itself: "must be a string", "is missing". */
function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    return describeType(EXPECTED[issue.expected] ?? issue.expected, issue.input);
  }
  if (issue.code === 'invalid_value') {
    return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  }
  if (issue.code === 'unrecognized_keys') return `has unknown fields: ${issue.keys.join(', ')}`;
  return undefined;
}
