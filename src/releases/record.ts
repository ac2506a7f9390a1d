import type { BuildMetadata } from '../contracts/build-metadata.js';
import type { PlanManifest } from '../contracts/manifest.js';
import {
  RELEASE_SCHEMA,
  validateRelease,
  type Release,
  type ReleaseSmoke,
  type ReleaseSource,
  type ReplacedRelease,
  type SmokeTally,
  type TimeToRestore,
} from '../contracts/release.js';
import type { SmokeCheckResult, SmokeResults } from '../contracts/smoke.js';
import { ConfigurationError } from '../core/errors.js';
import type { RunContext } from '../core/run-context.js';

/** A document read from an artifact, with the sha256 hex of the file it was read from. */
export interface Hashed<T> {
  document: T;
  sha256: string;
}

export interface ReleaseRecordInput {
  /** The action writing the record. */
  producer: { action: string; version: string };
  environment: string;
  /** The run that applied and smoke-tested: the deployment's run (a RunContext will do). */
  run: Pick<RunContext, 'runId' | 'runAttempt'>;
  /** The plan manifests of the stacks applied, in the order to record them. */
  manifests: readonly PlanManifest[];
  /** packer-build's build-metadata.json, absent when the run built no image. */
  image?: Hashed<BuildMetadata> | undefined;
  /** What the stacks' image variable was given, when it is not the image id (the name, say). */
  imageIdentifier?: string | undefined;
  /** smoke-test's results.json of each smoke-tested stack; a stack without checks has none. */
  smoke?: ReadonlyArray<Hashed<SmokeResults>> | undefined;
  /** The release this one deploys again (promotion source, rollback target). */
  source?: ReleaseSource | undefined;
  /** Whether apply, configure and smoke were all green, and if not, why. */
  outcome: 'success' | 'failure';
  failure?: string | undefined;
  /** The release that ran there before, and the time to restore when this one ends its failure. */
  replaces?: ReplacedRelease | undefined;
  timeToRestore?: TimeToRestore | undefined;
  /** When the release was made: now, by default. */
  createdAt?: Date | undefined;
}

/**
 * The `iac/release@1` record of what one run deployed. The commit and ref are the plan manifests':
 * what was applied is what was planned, which is not the run's own commit when the bundle came from
 * another run (require-same-commit: false). A release is one commit, so stacks planned at different
 * commits, or smoke results of another run or of a stack not applied, are refused. The record is
 * validated before it is returned.
 */
export function releaseRecord(input: ReleaseRecordInput): Release {
  const { manifests, environment, run } = input;
  const first = manifests[0];
  if (!first) throw new ConfigurationError(`A release of ${environment} needs at least one applied stack`);
  const commits = new Set(manifests.map((m) => m.commit));
  if (commits.size > 1) {
    const planned = manifests.map((m) => `${m.stack} at ${m.commit.slice(0, 12)}`).join(', ');
    throw new ConfigurationError(
      `A release is one commit, but the stacks applied to ${environment} were planned at different commits: ${planned}`,
    );
  }

  const smokeByStack = new Map<string, ReleaseSmoke>();
  for (const { document: results, sha256 } of input.smoke ?? []) {
    if (!manifests.some((m) => m.stack === results.stack)) {
      throw new ConfigurationError(
        `Smoke results of stack "${results.stack}" do not belong to this release of ${environment}: it applied ${manifests.map((m) => `"${m.stack}"`).join(', ')}`,
      );
    }
    if (results.runId !== run.runId) {
      throw new ConfigurationError(
        `Smoke results of stack "${results.stack}" are from run ${results.runId}, but this release of ${environment} is run ${run.runId}`,
      );
    }
    if (smokeByStack.has(results.stack)) {
      throw new ConfigurationError(
        `Stack "${results.stack}" has two smoke results; a release keeps one per stack`,
      );
    }
    smokeByStack.set(results.stack, smokeOf(results, sha256));
  }

  return validateRelease({
    schema: RELEASE_SCHEMA,
    producer: input.producer,
    environment,
    commit: first.commit,
    ref: first.ref,
    runId: run.runId,
    runAttempt: run.runAttempt,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    ...(input.image
      ? {
          image: {
            id: input.image.document.imageId,
            name: input.image.document.name,
            buildMetadataSha256: input.image.sha256,
            templateHash: input.image.document.templateHash,
            ...(input.imageIdentifier ? { identifier: input.imageIdentifier } : {}),
          },
        }
      : {}),
    stacks: manifests.map((m) => {
      const smoke = smokeByStack.get(m.stack);
      return {
        stack: m.stack,
        planDigest: m.planDigest,
        workingDirectory: m.workingDirectory,
        workspace: m.workspace,
        varFiles: m.varFiles.map((f) => ({ path: f.path, sha256: f.sha256 })),
        ...(m.backend ? { backend: m.backend } : {}),
        ...(smoke ? { smoke } : {}),
      };
    }),
    ...(input.source ? { source: input.source } : {}),
    outcome: input.outcome,
    ...(input.failure ? { failure: input.failure } : {}),
    ...(input.replaces ? { replaces: input.replaces } : {}),
    ...(input.timeToRestore ? { timeToRestore: input.timeToRestore } : {}),
  } satisfies Release);
}

/**
 * The counts taken from the checks themselves, so that the checks the deadline left unrun are known
 * (smoke-test's byCategory counts them among the failed without saying how many).
 */
function smokeOf(results: SmokeResults, sha256: string): ReleaseSmoke {
  const byCategory: Record<string, SmokeTally> = {};
  for (const check of results.checks) {
    const tally = (byCategory[check.category] ??= { passed: 0, failed: 0, notRun: 0, total: 0 });
    count(tally, check);
  }
  const totals = { passed: 0, failed: 0, notRun: 0, total: 0 };
  for (const check of results.checks) count(totals, check);
  return { resultsSha256: sha256, ...totals, failedStep: results.failedStep, byCategory };
}

function count(tally: SmokeTally, check: SmokeCheckResult): void {
  tally.total += 1;
  if (check.status === 'passed') tally.passed += 1;
  else tally.failed += 1;
  if (check.status === 'not-run') tally.notRun += 1;
}
