import { z } from 'zod';
import { readContract } from '../contracts/manifest.js';

/**
 * The smoke-test artifact, `<prefix>-smoke-<stack>`: `manifest.json` (`iac/smoke@1`), `results.json`
 * (one entry a check) and `junit.xml`. smoke-test is built beside this reader, so the reader is
 * tolerant where the contract leaves room: results.json may be the list itself or an object holding it
 * under `checks` or `results`, a duration may be in seconds or milliseconds, and fields it does not know
 * are ignored. What it cannot read is reported as unreadable, never a crash.
 */
export const SMOKE_MANIFEST_FILE = 'manifest.json';
export const SMOKE_RESULTS_FILE = 'results.json';
export const SMOKE_KIND = 'iac/smoke';
export const SMOKE_MAJOR = 1;

const isoTime = z.iso.datetime({ offset: true });

export const smokeManifestSchema = z.looseObject({
  schema: z.literal(`${SMOKE_KIND}@${SMOKE_MAJOR}`),
  stack: z.string().optional(),
  createdAt: isoTime.optional(),
  created_at: isoTime.optional(),
});

const checkSchema = z
  .looseObject({
    name: z.string(),
    kind: z.string().optional(),
    category: z.string().optional(),
    target: z.string().optional(),
    status: z.enum(['passed', 'failed']),
    attempts: z.number().int().nonnegative().optional(),
    /** Seconds, or milliseconds under `durationMs`. */
    duration: z.number().nonnegative().optional(),
    durationSeconds: z.number().nonnegative().optional(),
    durationMs: z.number().nonnegative().optional(),
    message: z.string().optional(),
  })
  .transform(({ duration, durationSeconds, durationMs, ...check }) => ({
    name: check.name,
    kind: check.kind ?? '',
    category: check.category ?? '',
    target: check.target ?? '',
    status: check.status,
    attempts: check.attempts ?? 1,
    durationSeconds: durationSeconds ?? duration ?? (durationMs !== undefined ? durationMs / 1000 : 0),
    message: check.message ?? '',
  }));

export const smokeResultsSchema = z.union([
  z.array(checkSchema),
  z.looseObject({ checks: z.array(checkSchema) }).transform((v) => v.checks),
  z.looseObject({ results: z.array(checkSchema) }).transform((v) => v.results),
]);

export type SmokeCheck = z.output<typeof checkSchema>;

export interface SmokeResults {
  stack?: string | undefined;
  createdAt?: string | undefined;
  checks: SmokeCheck[];
  passed: number;
  failed: number;
  durationSeconds: number;
}

/** Reads the smoke manifest and results; throws a ConfigurationError naming the file and field. */
export function readSmokeResults(manifestJson: string, resultsJson: string): SmokeResults {
  const manifest = readContract(
    manifestJson,
    SMOKE_KIND,
    { [SMOKE_MAJOR]: smokeManifestSchema },
    { reader: 'report', advice: 'use the same iac-pipeline version for smoke-test and report' },
  );
  const checks = readContract(
    { schema: `${SMOKE_KIND}@${SMOKE_MAJOR}`, checks: parseJson(resultsJson) },
    SMOKE_KIND,
    { [SMOKE_MAJOR]: z.object({ checks: smokeResultsSchema }).transform((v) => v.checks) },
    { file: SMOKE_RESULTS_FILE, reader: 'report' },
  );
  const passed = checks.filter((c) => c.status === 'passed').length;
  return {
    stack: manifest.stack,
    createdAt: manifest.createdAt ?? manifest.created_at,
    checks,
    passed,
    failed: checks.length - passed,
    durationSeconds: checks.reduce((sum, c) => Math.max(sum, c.durationSeconds), 0),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
