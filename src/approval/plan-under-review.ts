import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactName } from '../artifacts/names.js';
import type { ArtifactStore, OtherRun } from '../artifacts/store.js';
import { readIntactPlanBundle } from '../contracts/bundle.js';
import { ENCRYPTED_BUNDLE_FILE } from '../contracts/encryption.js';
import { MANIFEST_FILE, readPlanManifest, type PlanManifest } from '../contracts/manifest.js';
import { ConfigurationError, isConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { commentAuthor, MarkedComments } from '../github/marked-comments.js';
import type { GitHubClient } from '../github/octokit.js';
import {
  commitOf,
  originOf,
  planCommentKey,
  planCommentPartKey,
  type PlanOrigin,
} from '../github/plan-comment.js';
import { pullRequestOf, withHeadSha } from '../github/pull-request.js';

/**
 * approval-gate's first job: finding the plan under review — the bundle the inputs name, or the one the
 * pull request's plan comment shows — and its digest. Deciding on it is gate.ts's.
 */

/** The inputs that say which plan is under review. */
export interface PlanLookupInputs {
  stack?: string | undefined;
  planArtifact?: string | undefined;
  planDigest?: string | undefined;
  runId?: number | undefined;
  prNumber?: number | undefined;
  commentAuthor?: string | undefined;
  artifactPrefix: string;
  githubToken?: string | undefined;
}

export interface PlanLookupDependencies {
  artifacts: ArtifactStore;
  logger: Logger;
  run: RunContext;
  /** The API client, made on first use: only a gate run by a comment reads the plan comment. */
  github(): Promise<GitHubClient>;
}

/** The plan an approval decides on. */
export interface PlanUnderReview {
  digest: string;
  stack: string;
  manifest?: PlanManifest;
  /** The run that uploaded the plan's bundle: where tf-apply's `run-id` must fetch it from. */
  runId: number;
}

/**
 * The digest to decide on and, when the bundle can be read, its manifest (stack, commit, what it
 * deletes). A bundle in the clear is checked byte for byte; a sealed one shows only its manifest,
 * which is what the digest covers.
 */
export async function planUnderReview(
  inputs: PlanLookupInputs,
  deps: PlanLookupDependencies,
): Promise<PlanUnderReview> {
  const stack = inputs.stack ?? deps.run.repo;
  const shown = await planShownOnPullRequest(inputs, deps, stack);
  const source: PlanLookupInputs = shown
    ? { ...inputs, runId: shown.runId, planArtifact: inputs.planArtifact ?? shown.artifact }
    : inputs;
  const name = source.planArtifact ?? artifactName(inputs.artifactPrefix, 'plan', stack);
  let manifest: PlanManifest | undefined;
  try {
    manifest = await readBundleManifest(name, source, deps);
  } catch (error) {
    if (!isConfigurationError(error) || !inputs.planDigest) throw error;
    deps.logger.info(`${error.message} Deciding on plan-digest alone.`);
  }
  if (shown && manifest && manifest.planDigest !== shown.digest) {
    throw new ConfigurationError(
      `The plan comment of stack ${stack} names digest ${shown.digest}, but the bundle ${name} of run ${shown.runId} has ${manifest.planDigest}: plan again.`,
    );
  }
  if (manifest && inputs.planDigest && manifest.planDigest !== inputs.planDigest) {
    throw new ConfigurationError(
      `plan-digest is ${inputs.planDigest}, but the plan bundle ${name} has digest ${manifest.planDigest}: ` +
        "pass the plan-digest output of the tf-plan step that made this bundle, or leave plan-digest empty to use the bundle's.",
    );
  }
  const digest = manifest?.planDigest ?? inputs.planDigest;
  if (!digest) throw new Error('no digest: readBundleManifest returns a manifest or throws');
  return {
    digest,
    stack: manifest?.stack ?? stack,
    runId: source.runId ?? deps.run.runId,
    ...(manifest ? { manifest } : {}),
  };
}

/**
 * A gate run by a comment (issue_comment) holds no plan of its own: the plan under review is the one the
 * stack's plan comment shows, which names the run and artifact of its bundle. The comment is trusted by
 * its marker and author like every comment the suite keeps, and only while it shows the pull request's
 * head commit: an approval must never land on the plan of an older commit. With `run-id` or
 * `plan-digest` given, the workflow has said which plan it means, and no comment is read.
 */
async function planShownOnPullRequest(
  inputs: PlanLookupInputs,
  deps: PlanLookupDependencies,
  stack: string,
): Promise<PlanOrigin | undefined> {
  if (deps.run.eventName !== 'issue_comment' || inputs.runId !== undefined || inputs.planDigest)
    return undefined;
  const target = await pullRequestOf(deps.run, inputs.prNumber);
  if (!target) return undefined;
  const client = await deps.github();
  const repository = { owner: deps.run.owner, repo: deps.run.repo };
  const [pull, author] = await Promise.all([
    withHeadSha(client, repository, target),
    commentAuthor(client, inputs.commentAuthor, deps.logger),
  ]);
  const comments = await MarkedComments.load(client, { ...repository, issueNumber: pull.number }, author);
  const comment = comments.get(planCommentPartKey(planCommentKey(stack)));
  if (!comment) {
    throw new ConfigurationError(
      `Pull request #${pull.number} has no plan comment for stack ${stack}: run tf-plan on the pull request first ` +
        '(with comment: true), or give run-id, the run whose plan bundle is under review.',
    );
  }
  const commit = commitOf(comment);
  if (commit !== pull.headSha) {
    throw new ConfigurationError(
      `The plan comment of stack ${stack} shows commit ${(commit ?? 'unknown').slice(0, 12)}, but pull request ` +
        `#${pull.number} is at ${pull.headSha.slice(0, 12)}: wait for the plan of the new commit, then approve its digest.`,
    );
  }
  const origin = originOf(comment);
  if (!origin) {
    throw new ConfigurationError(
      `The plan comment of stack ${stack} names no plan bundle: its plan was not uploaded (on-destroy: fail?), so there is nothing to approve.`,
    );
  }
  deps.logger.info(
    `The plan under review is the one in the plan comment: ${origin.artifact} of run ${origin.runId}.`,
  );
  return origin;
}

async function readBundleManifest(
  name: string,
  inputs: PlanLookupInputs,
  deps: PlanLookupDependencies,
): Promise<PlanManifest> {
  const dir = join(await mkdtemp(join(deps.run.runnerTemp, 'iac-approval-')), 'bundle');
  const from: OtherRun | undefined = inputs.runId
    ? {
        runId: inputs.runId,
        owner: deps.run.owner,
        repo: deps.run.repo,
        token: inputs.githubToken ?? '',
      }
    : undefined;
  await deps.artifacts.download(name, dir, from);
  if (!existsSync(join(dir, ENCRYPTED_BUNDLE_FILE))) return readIntactPlanBundle(dir, 'approval-gate');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
  } catch {
    throw new ConfigurationError(`The plan bundle ${name} has no readable ${MANIFEST_FILE}: plan again.`);
  }
  return readPlanManifest(json, 'approval-gate');
}
