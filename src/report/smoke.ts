import { MANIFEST_FILE } from '../contracts/manifest.js';
import {
  readSmokeManifest,
  readSmokeResults as readSmokeResultsDocument,
  SMOKE_RESULTS_FILE,
  type SmokeCheckResult,
} from '../contracts/smoke.js';

/**
 * The smoke-test artifact, `<prefix>-smoke-<stack>`, read with smoke-test's own contract
 * (src/contracts/smoke.ts): `manifest.json` (`iac/smoke@1`) and `results.json` (`iac/smoke-results@1`).
 * Another major version, or a document that breaks the contract, is a ConfigurationError naming the
 * file: the report lists the artifact as unreadable and goes on.
 */
export { SMOKE_RESULTS_FILE };

/** One check as the report shows it. */
export interface SmokeCheck {
  /** Unique in the run: the check's name, with `[host]` for each host of a group. */
  name: string;
  kind: SmokeCheckResult['kind'];
  category: SmokeCheckResult['category'];
  target: string;
  status: SmokeCheckResult['status'];
  attempts: number;
  durationSeconds: number;
  message: string;
}

export interface SmokeResults {
  stack?: string | undefined;
  createdAt?: string | undefined;
  checks: SmokeCheck[];
  passed: number;
  /** Failed checks, and those the deadline left unrun. */
  failed: number;
  durationSeconds: number;
}

export function readSmokeResults(manifestJson: string, resultsJson: string): SmokeResults {
  const manifest = readSmokeManifest(manifestJson, 'report');
  const results = readSmokeResultsDocument(resultsJson, 'report');
  return {
    stack: manifest.stack,
    createdAt: manifest.createdAt,
    checks: results.checks.map((check) => ({
      name: check.id,
      kind: check.kind,
      category: check.category,
      target: check.target,
      status: check.status,
      attempts: check.attempts,
      durationSeconds: check.durationSeconds,
      message: check.message,
    })),
    passed: results.totals.passed,
    failed: results.totals.failed,
    durationSeconds: results.durationSeconds,
  };
}

export { MANIFEST_FILE };
