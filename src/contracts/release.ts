import { z } from 'zod';
import {
  backendRecordSchema,
  isWorkspacePath,
  producerSchema,
  releaseBindingSchema,
  readContract,
  validateForWrite,
  varFileSchema,
} from './manifest.js';

/**
 * `iac/release@1`: what one run deployed to one environment once apply, configure and smoke were all
 * green. The commit, the image (packer-build's image id and the sha256 of its build-metadata.json),
 * each stack's plan digest, var files and backend, and each smoke-tested stack's results digest and
 * counts. It is the payload of the environment's GitHub deployment and the artifact
 * `<prefix>-release-<environment>`; promotion deploys exactly such a record to the next environment,
 * and rollback goes back to one.
 */

export const RELEASE_FILE = 'release.json';
export const RELEASE_KIND = 'iac/release';
export const RELEASE_MAJOR = 1;
export const RELEASE_SCHEMA = `${RELEASE_KIND}@${RELEASE_MAJOR}` as const;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

const text = z.string().min(1, { error: 'must not be empty' });
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' });
const sha256Hex = z.string().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
const digest = z.string().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' });
/** A whole number from `min`; zod would call a string here "not a number", so word it as manifest.ts does. */
function wholeNumber(min: number) {
  return z
    .int({
      error: (issue) =>
        issue.input === undefined
          ? 'is missing (it must be a whole number)'
          : `must be a whole number, not ${describeValue(issue.input)}`,
    })
    .min(min, { error: `must be a whole number, ${min} or more` });
}
function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}
const count = wholeNumber(0);

const tallyShape = { passed: count, failed: count, notRun: count, total: count };

/** The counts must add up: a record whose counts disagree would pass or fail a quality gate wrongly. */
function checkTally(
  t: { passed: number; failed: number; notRun: number; total: number },
  ctx: z.RefinementCtx,
) {
  if (t.passed + t.failed !== t.total) {
    ctx.addIssue({ code: 'custom', path: ['total'], message: 'must be passed plus failed' });
  }
  if (t.notRun > t.failed) {
    ctx.addIssue({ code: 'custom', path: ['notRun'], message: 'counts among failed, so it cannot be more' });
  }
}

/**
 * Checks counted as smoke-test counts them: `failed` includes the checks the deadline left unrun,
 * and `notRun` says how many of those there were (smoke-test's tallies do not; its checks do).
 */
export const smokeTallySchema = z.object(tallyShape).superRefine(checkTally);

/** One stack's smoke-test results, as the release keeps them: their digest and their counts. */
export const releaseSmokeSchema = z
  .object({
    /** sha256 hex of the results.json the counts were taken from. */
    resultsSha256: sha256Hex,
    ...tallyShape,
    /** Whether smoke-test failed its step on these results (its own fail-on and threshold). */
    failedStep: z.boolean(),
    /** By smoke-test's category (connectivity, service, security, functionality); only those that had checks. */
    byCategory: z.record(text, smokeTallySchema),
  })
  .superRefine(checkTally);

export const releaseStackSchema = z.object({
  stack: text,
  planDigest: digest,
  /** POSIX, relative to the workspace, '.' for the workspace itself (as in the plan manifest). */
  workingDirectory: z.string().refine(isWorkspacePath, {
    error: "must be a POSIX path relative to the workspace, '.' for the workspace itself",
  }),
  workspace: text,
  /** As the plan manifest has them: the path tf-plan was given, and the file's sha256 then. */
  varFiles: z.array(varFileSchema),
  backend: backendRecordSchema.optional(),
  /** Absent for a stack that has no smoke checks. */
  smoke: releaseSmokeSchema.optional(),
});

/** The golden image the release runs, from packer-build's build-metadata.json. */
export const releaseImageSchema = z.object({
  /** packer-build's `image-id`; empty for builders that export no artifact id. */
  id: z.string(),
  name: text,
  /** sha256 hex of the build-metadata.json read. */
  buildMetadataSha256: sha256Hex,
  templateHash: digest,
  /**
   * What the stacks' image variable was given: the id, or the name for builders whose artifacts have no
   * id of their own (iac-pipeline.yml's image-identifier). Absent: the id, else the name.
   */
  identifier: z.string().min(1).optional(),
});

/**
 * The release this one deployed again: the source of a promotion, or the target of a rollback, as the
 * plans' manifests bound it (the stack's image variable left out: it is per stack).
 */
export const releaseSourceSchema = releaseBindingSchema.omit({ imageVariable: true });

/** The release that ran in the environment before this one, as its deployment stood when this one was made. */
export const replacedReleaseSchema = z.object({
  deploymentId: wholeNumber(1),
  runId: wholeNumber(1),
  /** Its latest deployment status then: success, failure, inactive, … */
  state: text,
  stateAt: isoTime.optional(),
});

/** From the failed release's status to this release's success: the time to restore. */
export const timeToRestoreSchema = z.object({
  seconds: count,
  failedAt: isoTime,
  restoredAt: isoTime,
});

export const releaseSchema = z.object({
  schema: z.literal(RELEASE_SCHEMA),
  producer: producerSchema,
  environment: text,
  /** The commit the stacks were planned (and so applied) at. */
  commit: z.string().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
  ref: z.string(),
  /** The run that applied and smoke-tested the release. */
  runId: wholeNumber(1),
  runAttempt: wholeNumber(1),
  createdAt: isoTime,
  /** Absent for a release whose run built no image. */
  image: releaseImageSchema.optional(),
  stacks: z
    .array(releaseStackSchema)
    .min(1, { error: 'must list at least one stack' })
    .superRefine((stacks, ctx) => {
      const seen = new Set<string>();
      stacks.forEach((stack, index) => {
        if (seen.has(stack.stack)) {
          ctx.addIssue({ code: 'custom', path: [index, 'stack'], message: `names "${stack.stack}" twice` });
        }
        seen.add(stack.stack);
      });
    }),
  source: releaseSourceSchema.optional(),
  /** `success` when apply, configure and smoke were all green; a failed release is recorded too. */
  outcome: z.enum(['success', 'failure'], { error: 'must be one of: success, failure' }),
  /** Why a failed release failed, in a sentence. */
  failure: z.string().optional(),
  replaces: replacedReleaseSchema.optional(),
  /** Present when this release succeeded after a failed one. */
  timeToRestore: timeToRestoreSchema.optional(),
});

export type Release = z.output<typeof releaseSchema>;
export type ReleaseStack = z.output<typeof releaseStackSchema>;
export type ReleaseSmoke = z.output<typeof releaseSmokeSchema>;
export type ReleaseImage = z.output<typeof releaseImageSchema>;
export type ReleaseSource = z.output<typeof releaseSourceSchema>;
export type ReplacedRelease = z.output<typeof replacedReleaseSchema>;
export type TimeToRestore = z.output<typeof timeToRestoreSchema>;
export type SmokeTally = z.output<typeof smokeTallySchema>;

export interface ReleaseReadOptions {
  /** The reading action, as named in messages. Default `iac-pipeline`. */
  reader?: string;
  /** The document, as named in messages: `release.json`, `deployment 42's payload`. */
  file?: string;
}

/**
 * Reads and validates a release record (release.json, or a deployment's payload). A record of another
 * major version is refused by name: a later iac-pipeline recorded it, and reading it as this one
 * would promote or roll back to something this version cannot see whole.
 */
export function readRelease(json: unknown, options: ReleaseReadOptions = {}): Release {
  return readContract(
    json,
    RELEASE_KIND,
    { [RELEASE_MAJOR]: releaseSchema },
    {
      file: options.file ?? RELEASE_FILE,
      reader: options.reader ?? 'iac-pipeline',
      advice: 'promote or roll back with the iac-pipeline version that recorded the release, or a later one',
    },
  );
}

/** Checks a record before it is written: a bad one is a bug in the writer, not the user's mistake. */
export function validateRelease(value: unknown): Release {
  return validateForWrite(releaseSchema, value, RELEASE_FILE);
}
