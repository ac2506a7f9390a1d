import { z } from 'zod';
import { SMOKE_CATEGORY_NAMES } from './smoke-categories.js';
import { contractReader, MANIFEST_FILE, producerSchema, validateForWrite } from './manifest.js';

/**
 * The `<prefix>-smoke-<stack>` artifact that smoke-test uploads: `results.json` (every check and its
 * verdict, `iac/smoke-results@1`), `junit.xml` (for test reporters) and `manifest.json`
 * (`iac/smoke@1`: who made the artifact, for which run, and the sha256 of each file beside it). The
 * report action reads them with the readers below, which refuse another major version by name.
 */

export const SMOKE_RESULTS_FILE = 'results.json';
export const SMOKE_JUNIT_FILE = 'junit.xml';
export const SMOKE_RESULTS_KIND = 'iac/smoke-results';
export const SMOKE_RESULTS_MAJOR = 1;
export const SMOKE_RESULTS_SCHEMA = `${SMOKE_RESULTS_KIND}@${SMOKE_RESULTS_MAJOR}` as const;
export const SMOKE_MANIFEST_KIND = 'iac/smoke';
export const SMOKE_MANIFEST_MAJOR = 1;
export const SMOKE_MANIFEST_SCHEMA = `${SMOKE_MANIFEST_KIND}@${SMOKE_MANIFEST_MAJOR}` as const;

const count = z.number().int().nonnegative();
const isoTime = z.iso.datetime({ offset: true });
const category = z.enum(SMOKE_CATEGORY_NAMES);

export const smokeCheckResultSchema = z.object({
  /** Unique in the run: the check's name, with `[host]` for each host of a group. */
  id: z.string(),
  /** The check's name in the checks file. */
  check: z.string(),
  kind: z.enum(['tcp', 'http', 'ssh-command', 'command', 'dns', 'tls-cert']),
  category,
  tags: z.array(z.string()),
  /** The inventory host, when the check targets one. */
  host: z.string().optional(),
  target: z.string(),
  status: z.enum(['passed', 'failed', 'not-run']),
  message: z.string(),
  attempts: count,
  durationSeconds: z.number().nonnegative(),
  /** The check's line in the checks file. */
  line: z.number().int().positive(),
});

const tally = z.object({ passed: count, failed: count, total: count });

export const smokeResultsSchema = z.object({
  schema: z.literal(SMOKE_RESULTS_SCHEMA),
  producer: producerSchema,
  stack: z.string(),
  checksFile: z.string(),
  inventory: z.string().optional(),
  commit: z.string(),
  ref: z.string(),
  runId: z.number().int(),
  runAttempt: z.number().int(),
  startedAt: isoTime,
  createdAt: isoTime,
  durationSeconds: z.number().nonnegative(),
  settings: z.object({
    concurrency: z.number().int().positive(),
    retries: count,
    retryDelaySeconds: z.number().nonnegative(),
    deadlineSeconds: z.number().positive(),
    failOn: z.enum(['any', 'threshold']),
    threshold: z.number().min(0).max(100).optional(),
  }),
  /** Passed, failed (not-run included) and total, overall and by category. */
  totals: tally,
  byCategory: z.record(z.string(), tally),
  /** The most checks that ran at one moment. */
  maxInFlight: count,
  deadlineReached: z.boolean(),
  /** Whether the step failed on these results (fail-on and threshold). */
  failedStep: z.boolean(),
  checks: z.array(smokeCheckResultSchema),
});

export const smokeManifestSchema = z.object({
  schema: z.literal(SMOKE_MANIFEST_SCHEMA),
  producer: producerSchema,
  stack: z.string().min(1),
  commit: z.string(),
  ref: z.string(),
  runId: z.number().int().positive(),
  runAttempt: z.number().int().positive(),
  createdAt: isoTime,
  /** File name → sha256 hex of each file beside manifest.json. */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

export type SmokeResults = z.output<typeof smokeResultsSchema>;
export type SmokeCheckResult = z.output<typeof smokeCheckResultSchema>;
export type SmokeManifest = z.output<typeof smokeManifestSchema>;

export const readSmokeResults = contractReader(smokeResultsSchema, 'report', SMOKE_RESULTS_FILE);

export const readSmokeManifest = contractReader(smokeManifestSchema, 'report');

/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
export const validateSmokeDocument = validateForWrite;

export { MANIFEST_FILE };
