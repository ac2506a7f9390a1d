import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactName } from '../../artifacts/names.js';
import type { ArtifactStore, OtherRun } from '../../artifacts/store.js';
import type { ApprovalRecord, ApprovalVote } from '../../contracts/approval-record.js';
import { APPROVAL_RECORD_SCHEMA } from '../../contracts/approval-record.js';
import { readIntactPlanBundle } from '../../contracts/bundle.js';
import { ENCRYPTED_BUNDLE_FILE } from '../../contracts/encryption.js';
import { MANIFEST_FILE, readPlanManifest, type PlanManifest } from '../../contracts/manifest.js';
import { ConfigurationError, isConfigurationError } from '../../core/errors.js';
import type { InputsOf } from '../../core/inputs.js';
import type { Logger } from '../../core/logger.js';
import type { RunContext } from '../../core/run-context.js';
import { SUITE_VERSION } from '../../core/version.js';
import {
  commentAuthor,
  listThreadComments,
  MarkedComments,
  sameLogin,
  type CommentThread,
} from '../../github/marked-comments.js';
import type { GitHubClient } from '../../github/octokit.js';
import {
  commitOf,
  originOf,
  planCommentKey,
  planCommentPartKey,
  type PlanOrigin,
} from '../../github/plan-comment.js';
import { pullRequestOf, triggeringCommentId, withHeadSha } from '../../github/pull-request.js';
import { decide, type Decision, type IgnoredCommand, type Vote } from '../../approval/decide.js';
import { commandsIn, environmentReviews, react, selfLoginsOf, standingsOf } from '../../approval/github.js';
import { renderDecision, type DecisionReport } from '../../approval/render.js';
import type { approvalGateInputs } from './inputs.js';

export type ApprovalGateInputs = InputsOf<typeof approvalGateInputs.shape>;

export interface GateDependencies {
  artifacts: ArtifactStore;
  logger: Logger;
  run: RunContext;
  /** The API client, made on first use: policy approvals never need one. */
  github(): Promise<GitHubClient>;
  sleep(ms: number): Promise<void>;
  now(): Date;
}

export interface GateResult {
  report: DecisionReport;
  /** The run whose plan bundle was decided on: tf-apply's `run-id` when it is not this run. */
  planRunId: number;
  /** The status comment on the pull request, when there is one. */
  statusCommentUrl?: string;
  /** Why the step fails after reporting: a reject, a refused override, or a wait that timed out. */
  failure?: string;
  /**
   * The plan was approved already without the comment that ran this gate (a second `/approve`): whatever
   * the approval started then must not start again.
   */
  approvedBefore?: boolean;
}

interface PlanUnderReview {
  digest: string;
  stack: string;
  manifest?: PlanManifest;
  /** The run that uploaded the plan's bundle: where tf-apply's `run-id` must fetch it from. */
  runId: number;
}

type Mode = ApprovalRecord['mode'];

/** approval-gate: decides whether exactly one plan digest is approved, and records how. */
export async function gate(inputs: ApprovalGateInputs, deps: GateDependencies): Promise<GateResult> {
  const plan = await planUnderReview(inputs, deps);
  deps.logger.info(`Deciding on plan ${plan.digest} of stack ${plan.stack}`);
  return { ...(await decideOn(plan, inputs, deps)), planRunId: plan.runId };
}

type Decided = Omit<GateResult, 'planRunId'>;

async function decideOn(
  plan: PlanUnderReview,
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
): Promise<Decided> {
  const base = recordBase(inputs, deps, plan);

  if (inputs.override) return overrideDecision(inputs, deps, plan, base);

  let mode: Mode = inputs.mode;
  let note: string | undefined;
  if (mode === 'policy') {
    const environment = inputs.environment ?? '';
    const listed = inputs.autoApproveEnvironments.some((e) => e.toLowerCase() === environment.toLowerCase());
    const destroys = plan.manifest ? plan.manifest.summary.destroys : undefined;
    if (listed && destroys === false) {
      const record = { ...base(), decidedBy: 'policy' as const, status: 'approved' as const };
      deps.logger.info(
        `Approved by policy: ${environment} is auto-approved and the plan deletes and replaces nothing.`,
      );
      return { report: { record, manifest: plan.manifest, missing: 0, ignored: [], malformed: [] } };
    }
    note = !listed
      ? `Policy: ${environment} is not among auto-approve-environments, so ${inputs.fallbackMode} decides.`
      : destroys
        ? `Policy: the plan deletes or replaces resources, so ${inputs.fallbackMode} decides.`
        : `Policy: the plan bundle was not read, so nothing shows that it deletes nothing; ${inputs.fallbackMode} decides.`;
    deps.logger.info(note);
    mode = inputs.fallbackMode;
  }
  if (mode === 'environment') return environmentDecision(inputs, deps, plan, base, note);
  return commentDecision(inputs, deps, plan, base, mode === 'wait', note);
}

/** The record's fields that do not depend on the decision. */
function recordBase(inputs: ApprovalGateInputs, deps: GateDependencies, plan: PlanUnderReview) {
  return (): Omit<ApprovalRecord, 'decidedBy' | 'status'> => ({
    schema: APPROVAL_RECORD_SCHEMA,
    producer: { action: 'approval-gate', version: SUITE_VERSION },
    mode: inputs.mode,
    planDigest: plan.digest,
    stack: plan.stack,
    ...(inputs.environment ? { environment: inputs.environment } : {}),
    ...(plan.manifest ? { commit: plan.manifest.commit } : {}),
    approvers: [],
    rejects: [],
    minApprovals: inputs.minApprovals,
    runId: deps.run.runId,
    runAttempt: deps.run.runAttempt,
    decidedAt: deps.now().toISOString(),
  });
}

// ---- the plan -------------------------------------------------------------------------------------

/**
 * The digest to decide on and, when the bundle can be read, its manifest (stack, commit, what it
 * deletes). A bundle in the clear is checked byte for byte; a sealed one shows only its manifest,
 * which is what the digest covers.
 */
async function planUnderReview(inputs: ApprovalGateInputs, deps: GateDependencies): Promise<PlanUnderReview> {
  const stack = inputs.stack ?? deps.run.repo;
  const shown = await planShownOnPullRequest(inputs, deps, stack);
  const source: ApprovalGateInputs = shown
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
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
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
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
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

// ---- override -------------------------------------------------------------------------------------

async function overrideDecision(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  plan: PlanUnderReview,
  base: ReturnType<typeof recordBase>,
): Promise<Decided> {
  const by = deps.run.actor;
  const accepted = inputs.overrideUsers.some((user) => user.toLowerCase() === by.toLowerCase());
  const justification = inputs.override ?? '';
  const record: ApprovalRecord = {
    ...base(),
    decidedBy: 'override',
    status: accepted ? 'approved' : 'rejected',
    override: { by, justification, accepted, at: deps.now().toISOString() },
  };
  if (accepted) {
    deps.logger.warning(`Emergency override by ${by}: ${justification}`, { title: 'Approval overridden' });
  }
  const report: DecisionReport = { record, manifest: plan.manifest, missing: 0, ignored: [], malformed: [] };
  const statusCommentUrl = await writeStatusIfOnPullRequest(inputs, deps, plan, report);
  return {
    report,
    ...(statusCommentUrl ? { statusCommentUrl } : {}),
    ...(accepted
      ? {}
      : {
          failure: `override: ${by || 'the actor of this run'} is not in override-users, so the override is refused (and recorded). Ask one of ${inputs.overrideUsers.join(', ')}, or get an approval.`,
        }),
  };
}

// ---- environment ----------------------------------------------------------------------------------

async function environmentDecision(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  plan: PlanUnderReview,
  base: ReturnType<typeof recordBase>,
  note: string | undefined,
): Promise<Decided> {
  const environment = inputs.environment ?? '';
  const client = await deps.github();
  const repository = { owner: deps.run.owner, repo: deps.run.repo };
  const found = await environmentReviews(client, repository, environment, deps.run.runId);
  if (!found.protectedByReviewers && !inputs.allowUnprotected) {
    throw new ConfigurationError(
      `environment: ${environment} ${found.exists ? 'has no required reviewers' : 'does not exist in this repository'}, so nobody approved this job. ` +
        'Add required reviewers in Settings → Environments, or set allow-unprotected: true to accept it as it is.',
    );
  }
  const at = deps.now().toISOString();
  const vote = (review: (typeof found.reviews)[number]): ApprovalVote => ({
    login: review.login,
    permission: 'environment-reviewer',
    at,
    ...(review.comment ? { comment: review.comment } : {}),
  });
  const approvers = found.reviews.filter((r) => r.state === 'approved').map(vote);
  const rejects = found.reviews.filter((r) => r.state === 'rejected').map(vote);
  let status: ApprovalRecord['status'];
  let failure: string | undefined;
  if (rejects.length > 0) {
    status = 'rejected';
    failure = `The environment ${environment} was rejected by ${rejects.map((r) => r.login).join(', ')}.`;
  } else if (approvers.length > 0 || !found.protectedByReviewers) {
    status = 'approved';
    if (approvers.length === 0) {
      deps.logger.warning(
        `The environment ${environment} has no required reviewers; approved because allow-unprotected is set.`,
        { title: 'Unprotected environment' },
      );
    }
  } else {
    throw new ConfigurationError(
      `environment: no review of ${environment} is recorded for this run. Run the gate in a job with ` +
        `\`environment: ${environment}\`, whose required reviewers approve it before the job starts.`,
    );
  }
  const record: ApprovalRecord = { ...base(), decidedBy: 'environment', status, approvers, rejects };
  return {
    report: { record, manifest: plan.manifest, missing: 0, ignored: [], malformed: [], note },
    ...(failure ? { failure } : {}),
  };
}

// ---- comments -------------------------------------------------------------------------------------

async function commentDecision(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  plan: PlanUnderReview,
  base: ReturnType<typeof recordBase>,
  wait: boolean,
  note: string | undefined,
): Promise<Decided> {
  const target = await pullRequestOf(deps.run, inputs.prNumber);
  if (!target) {
    throw new ConfigurationError(
      `mode: ${wait ? 'wait' : 'comment'} reads approvals from a pull request, and a ${deps.run.eventName} event names none: ` +
        'run it on pull_request or issue_comment, or give pr-number.',
    );
  }
  const client = await deps.github();
  const repository = { owner: deps.run.owner, repo: deps.run.repo };
  const thread: CommentThread = { ...repository, issueNumber: target.number };
  const [author, self] = await Promise.all([
    commentAuthor(client, inputs.commentAuthor, deps.logger),
    selfLoginsOf(client, repository, target.number),
  ]);
  const deadline = deps.now().getTime() + inputs.timeoutMinutes * 60_000;
  const interval = inputs.pollIntervalSeconds * 1000;
  const triggering = await triggeringCommentId(deps.run);

  for (;;) {
    const comments = await listThreadComments(client, thread);
    const { commands, malformed } = commandsIn(comments.filter((c) => !sameLogin(c.user?.login, author)));
    const standings = await standingsOf(
      client,
      repository,
      commands.map((c) => c.author),
      inputs.approvers,
    );
    const rules = {
      planDigest: plan.digest,
      planCreatedAt: plan.manifest?.createdAt,
      minPermission: inputs.minPermission,
      minApprovals: inputs.minApprovals,
      allowSelfApproval: inputs.allowSelfApproval,
      selfLogins: self.logins,
    };
    const decision = decide(commands, standings, rules);
    const timedOut = wait && decision.status === 'pending' && deps.now().getTime() + interval > deadline;
    if (!wait || decision.status !== 'pending' || timedOut) {
      const waitNote = timedOut
        ? `No decision within ${inputs.timeoutMinutes} minute(s) of waiting: the gate timed out.`
        : undefined;
      const report = commentReport(base, plan, target.number, decision, malformed, joinNotes(note, waitNote));
      for (const edited of decision.edited) {
        deps.logger.warning(
          `Not counted: the /${edited.kind} of ${edited.login} was edited after it was written (${edited.commentUrl}). A new comment counts; an edited one never does.`,
          { title: 'Edited command' },
        );
      }
      await acknowledge(client, repository, decision);
      const marked = MarkedComments.among(client, thread, author, comments);
      const { comment } = await marked.write(`approval:${plan.stack}`, renderDecision(report));
      const approvedBefore =
        decision.status === 'approved' &&
        triggering !== undefined &&
        decide(
          commands.filter((c) => c.id !== triggering),
          standings,
          rules,
        ).status === 'approved';
      return {
        report,
        statusCommentUrl: comment.url,
        ...(approvedBefore ? { approvedBefore } : {}),
        ...(decision.status === 'rejected'
          ? { failure: `The plan was rejected by ${decision.rejects.map((r) => r.login).join(', ')}.` }
          : {}),
        ...(timedOut ? { failure: `${waitNote} ${decision.missing} more approval(s) were needed.` } : {}),
      };
    }
    deps.logger.info(
      `Waiting for ${decision.missing} more approval(s) of ${plan.digest.slice(0, 19)}…; reading the comments again in ${inputs.pollIntervalSeconds}s.`,
    );
    await deps.sleep(interval);
  }
}

function joinNotes(...notes: Array<string | undefined>): string | undefined {
  const given = notes.filter((n): n is string => Boolean(n));
  return given.length > 0 ? given.join(' ') : undefined;
}

function commentReport(
  base: ReturnType<typeof recordBase>,
  plan: PlanUnderReview,
  pullRequest: number,
  decision: Decision,
  malformed: DecisionReport['malformed'],
  note: string | undefined,
): DecisionReport {
  const toRecord = (vote: Vote): ApprovalVote => ({
    login: vote.login,
    permission: vote.role,
    at: vote.at,
    commentUrl: vote.commentUrl,
    ...(vote.reason ? { comment: vote.reason } : {}),
  });
  const record: ApprovalRecord = {
    ...base(),
    decidedBy: 'reviewers',
    status: decision.status,
    pullRequest,
    approvers: decision.approvals.map(toRecord),
    rejects: decision.rejects.map(toRecord),
  };
  const ignored: IgnoredCommand[] = decision.ignored;
  return {
    record,
    manifest: plan.manifest,
    missing: decision.missing,
    ignored,
    edited: decision.edited,
    malformed,
    note,
  };
}

/** Reacts to every command that counted, so its author sees it was read. */
async function acknowledge(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  decision: Decision,
): Promise<void> {
  await Promise.all([
    ...decision.approvals.map((vote) => react(client, repository, vote.commentId, '+1')),
    ...decision.rejects.map((vote) => react(client, repository, vote.commentId, 'eyes')),
  ]);
}

async function writeStatusIfOnPullRequest(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  plan: PlanUnderReview,
  report: DecisionReport,
): Promise<string | undefined> {
  const target = await pullRequestOf(deps.run, inputs.prNumber);
  if (!target) return undefined;
  const client = await deps.github();
  const thread: CommentThread = { owner: deps.run.owner, repo: deps.run.repo, issueNumber: target.number };
  const marked = await MarkedComments.load(
    client,
    thread,
    await commentAuthor(client, inputs.commentAuthor, deps.logger),
  );
  report.record.pullRequest = target.number;
  const { comment } = await marked.write(`approval:${plan.stack}`, renderDecision(report));
  return comment.url;
}
