import type { ArtifactStore } from '../artifacts/store.js';
import type { ApprovalRecord, ApprovalVote, PolicyAcceptance } from '../contracts/approval-record.js';
import { APPROVAL_RECORD_SCHEMA } from '../contracts/approval-record.js';
import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SUITE_VERSION } from '../core/version.js';
import {
  commentAuthor,
  listThreadComments,
  MarkedComments,
  sameLogin,
  type CommentThread,
} from '../github/marked-comments.js';
import type { GitHubClient } from '../github/octokit.js';
import { pullRequestOf, triggeringCommentId } from '../github/pull-request.js';
import { decide, destroySubject, type Decision, type IgnoredCommand, type Vote } from './decide.js';
import {
  countedReviewers,
  destroyRuleFor,
  noCountedReviewerMessage,
  type DestroyRule,
} from './destroy-rule.js';
import { commandsIn, environmentReviews, listedIn, react, selfLoginsOf, standingsOf } from './github.js';
import {
  failuresInBrief,
  noAcceptingReviewerMessage,
  policyRuleFor,
  recordPolicy,
  type PolicyRule,
} from './policy-rule.js';
import { planUnderReview, type PlanUnderReview } from './plan-under-review.js';
import { renderDecision, type DecisionReport } from './render.js';

/** What approval-gate reads: its inputs, camel-cased, as src/actions/approval-gate/inputs.ts parses them. */
export interface ApprovalGateInputs {
  mode: 'environment' | 'comment' | 'wait' | 'policy';
  environment?: string | undefined;
  planArtifact?: string | undefined;
  stack?: string | undefined;
  planDigest?: string | undefined;
  runId?: number | undefined;
  approvers: string[];
  minPermission: 'admin' | 'maintain' | 'write';
  /** The permission every approver of a destroy plan needs, in every mode; policy never approves one. */
  destroyMinPermission: 'admin' | 'maintain' | 'write';
  minApprovals: number;
  allowSelfApproval: boolean;
  /**
   * Who may accept the failures of a plan whose policies failed in enforce mode (users and `org/team`
   * slugs): by `/approve-policy <digest>`, or in environment mode by approving the environment.
   */
  policyOwners: string[];
  autoApproveEnvironments: string[];
  fallbackMode: 'environment' | 'comment' | 'wait';
  timeoutMinutes: number;
  pollIntervalSeconds: number;
  override?: string | undefined;
  overrideUsers: string[];
  prNumber?: number | undefined;
  allowUnprotected: boolean;
  onPending: 'fail' | 'succeed';
  dispatchWorkflow?: string | undefined;
  commentAuthor?: string | undefined;
  artifactPrefix: string;
  githubToken?: string | undefined;
}

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

type Mode = ApprovalRecord['mode'];

/**
 * approval-gate's second job: decides whether exactly one plan digest is approved, and records how. The plan
 * under review is found by plan-under-review.ts; the step around both is approval-gate.ts.
 */
export async function gate(inputs: ApprovalGateInputs, deps: GateDependencies): Promise<GateResult> {
  const plan = await planUnderReview(inputs, deps);
  deps.logger.info(`Deciding on plan ${plan.digest} of stack ${plan.stack}`);
  // Made with placeholders for the inputs of a stack not applied yet: nothing to approve.
  if (plan.manifest?.provisional) {
    const pending = [...new Set((plan.manifest.inputs ?? []).filter((i) => !i.state).map((i) => i.stack))];
    throw new ConfigurationError(
      `The plan of ${plan.stack} is provisional: it was made before ${pending.join(', ')} ${pending.length === 1 ? 'was' : 'were'} applied, with placeholders for the inputs ${pending.length === 1 ? 'it gives' : 'they give'}, so it cannot be approved. Apply ${pending.join(', ')}, then plan ${plan.stack} again.`,
    );
  }
  return { ...(await decideOn(plan, inputs, deps)), planRunId: plan.runId };
}

type Decided = Omit<GateResult, 'planRunId'>;

/** The rules a plan is held to beyond the inputs' own: the destroy rule and the policy rule. */
interface PlanRules {
  destroy: DestroyRule | undefined;
  policy: PolicyRule | undefined;
}

async function decideOn(
  plan: PlanUnderReview,
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
): Promise<Decided> {
  const base = recordBase(inputs, deps, plan);
  // Not held to the policy rule: a plan whose bundle was not read (its failures are unknown, so none can
  // be accepted); tf-apply reads the bundle and refuses any failure this record does not accept.
  const policy = policyRuleFor(plan.manifest, inputs.policyOwners);

  if (inputs.override) return overrideDecision(inputs, deps, plan, base, policy);

  // A plan whose bundle was not read is held to the rule too: its digest may be a destroy plan's.
  const destroy = destroyRuleFor(plan.manifest, inputs.destroyMinPermission);
  let mode: Mode = inputs.mode;
  let note: string | undefined;
  if (mode === 'policy') {
    const environment = inputs.environment ?? '';
    const listed = inputs.autoApproveEnvironments.some((e) => e.toLowerCase() === environment.toLowerCase());
    const destroys = plan.manifest ? plan.manifest.summary.destroys : undefined;
    if (listed && destroys === false && !destroy && !policy) {
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
        : destroy?.known
          ? `Policy: the plan is a destroy plan, which policy never approves, even when it deletes nothing, so ${inputs.fallbackMode} decides.`
          : policy
            ? `Policy: the plan's policies failed (enforce), which policy never approves, so ${inputs.fallbackMode} decides.`
            : `Policy: the plan bundle was not read, so nothing shows that it deletes nothing; ${inputs.fallbackMode} decides.`;
    deps.logger.info(note);
    mode = inputs.fallbackMode;
  }
  const rules = { destroy, policy };
  if (mode === 'environment') return environmentDecision(inputs, deps, plan, base, note, rules);
  return commentDecision(inputs, deps, plan, base, mode === 'wait', note, rules);
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
    ...(plan.manifest?.source ? { source: plan.manifest.source } : {}),
    approvers: [],
    rejects: [],
    // The result as the bundle has it; each decision adds the acceptances that count.
    ...(plan.manifest?.policy ? { policy: recordPolicy(plan.manifest, []) } : {}),
    minApprovals: inputs.minApprovals,
    runId: deps.run.runId,
    runAttempt: deps.run.runAttempt,
    decidedAt: deps.now().toISOString(),
  });
}

// ---- override -------------------------------------------------------------------------------------

/**
 * An override approves the change without reviewers, never the failures of its policies: those are
 * accepted only by a policy owner's `/approve-policy` of this digest on the pull request, which the
 * override reads as comment mode does.
 */
async function overrideDecision(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  plan: PlanUnderReview,
  base: ReturnType<typeof recordBase>,
  policy: PolicyRule | undefined,
): Promise<Decided> {
  const by = deps.run.actor;
  const accepted = inputs.overrideUsers.some((user) => user.toLowerCase() === by.toLowerCase());
  const justification = inputs.override ?? '';
  const found =
    accepted && policy
      ? await acceptancesOnPullRequest(inputs, deps, plan, policy)
      : { acceptances: [], ignored: [], pullRequest: undefined };
  const unaccepted = accepted && policy !== undefined && found.acceptances.length === 0;
  const record: ApprovalRecord = {
    ...base(),
    decidedBy: 'override',
    status: !accepted ? 'rejected' : unaccepted ? 'pending' : 'approved',
    override: { by, justification, accepted, at: deps.now().toISOString() },
  };
  const policyRecord = recordPolicy(plan.manifest, found.acceptances);
  if (policyRecord) record.policy = policyRecord;
  if (accepted) {
    deps.logger.warning(`Emergency override by ${by}: ${justification}`, { title: 'Approval overridden' });
  }
  let failure: string | undefined;
  if (!accepted) {
    failure = `override: ${by || 'the actor of this run'} is not in override-users, so the override is refused (and recorded). Ask one of ${inputs.overrideUsers.join(', ')}, or get an approval.`;
  } else if (unaccepted && policy) {
    const where =
      found.pullRequest !== undefined
        ? `comment /approve-policy ${plan.digest.slice(7, 19)} on pull request #${found.pullRequest}, then run the gate again`
        : `comment /approve-policy ${plan.digest.slice(7, 19)} on the pull request, and give the gate pr-number to read it`;
    failure =
      `override: the override by ${by} approves the change, not the failures of its policies (${failuresInBrief(policy.failures)}). ` +
      (policy.owners.length > 0
        ? `A policy owner (${policy.owners.join(', ')}) who is not the change's author must accept them: ${where}.`
        : 'policy-owners is empty, so nobody can accept them: change the plan so that its policies pass.');
  }
  const report: DecisionReport = {
    record,
    manifest: plan.manifest,
    missing: 0,
    ignored: found.ignored,
    malformed: [],
    policy: policyReport(inputs, plan, 'comment'),
  };
  const statusCommentUrl = await writeStatusIfOnPullRequest(inputs, deps, plan, report);
  return {
    report,
    ...(statusCommentUrl ? { statusCommentUrl } : {}),
    ...(failure ? { failure } : {}),
  };
}

/** The `/approve-policy` comments on the pull request that accept this plan's failures. */
async function acceptancesOnPullRequest(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  plan: PlanUnderReview,
  rule: PolicyRule,
): Promise<{ acceptances: PolicyAcceptance[]; ignored: IgnoredCommand[]; pullRequest?: number | undefined }> {
  const target = await pullRequestOf(deps.run, inputs.prNumber);
  if (!target) return { acceptances: [], ignored: [] };
  const client = await deps.github();
  const repository = { owner: deps.run.owner, repo: deps.run.repo };
  const [author, self] = await Promise.all([
    commentAuthor(client, inputs.commentAuthor, deps.logger),
    selfLoginsOf(client, repository, target.number),
  ]);
  const comments = await listThreadComments(client, { ...repository, issueNumber: target.number });
  const { commands } = commandsIn(comments.filter((c) => !sameLogin(c.user?.login, author)));
  const accepting = commands.filter((c) => c.command.kind === 'approve-policy');
  const logins = accepting.map((c) => c.author);
  const standings = await standingsOf(client, repository, logins, [], { owners: rule.owners, of: logins });
  const decision = decide(accepting, standings, {
    planDigest: plan.digest,
    minPermission: inputs.minPermission,
    minApprovals: 1,
    allowSelfApproval: false,
    selfLogins: self.logins,
    policyRule: rule,
  });
  await Promise.all(decision.acceptances.map((vote) => react(client, repository, vote.commentId, '+1')));
  return {
    acceptances: decision.acceptances.map(acceptanceOf),
    ignored: decision.ignored,
    pullRequest: target.number,
  };
}

const acceptanceOf = (vote: Vote): PolicyAcceptance => ({
  login: vote.login,
  at: vote.at,
  via: 'comment',
  commentUrl: vote.commentUrl,
});

function policyReport(
  inputs: ApprovalGateInputs,
  plan: PlanUnderReview,
  via: PolicyAcceptance['via'],
): DecisionReport['policy'] {
  return { owners: inputs.policyOwners, digest12: plan.digest.slice(7, 19), via };
}

// ---- environment ----------------------------------------------------------------------------------

async function environmentDecision(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  plan: PlanUnderReview,
  base: ReturnType<typeof recordBase>,
  note: string | undefined,
  { destroy, policy }: PlanRules,
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
  const vote = (
    review: (typeof found.reviews)[number],
    permission = 'environment-reviewer',
  ): ApprovalVote => ({
    login: review.login,
    permission,
    at,
    ...(review.comment ? { comment: review.comment } : {}),
  });
  const approved = found.reviews.filter((r) => r.state === 'approved');
  const rejects = found.reviews.filter((r) => r.state === 'rejected').map((r) => vote(r));
  const held = destroy ? await destroyReviewers(client, repository, approved, destroy) : undefined;
  // For a destroy plan a vote records the role that made it count, which an auditor asks about.
  const approvers = held ? held.counted.map((r) => vote(r, r.role)) : approved.map((r) => vote(r));
  const ignored: IgnoredCommand[] = (held?.uncounted ?? []).map((r) => ({
    login: r.login,
    // An environment review has no comment of its own to link to.
    commentUrl: '',
    why: `approved ${environment}, but ${r.why}`,
  }));
  // The environment's review is the one decision its reviewers make here: a policy owner's approval of it
  // accepts the failures too, since an environment gate has no comments to say so apart.
  const accepting = policy ? await acceptingReviewers(inputs, deps, client, approved, at) : undefined;
  for (const r of accepting?.refused ?? []) {
    ignored.push({
      login: r.login,
      commentUrl: '',
      why: `approved ${environment}, which does not accept the policy failures: ${r.login} ${r.why}`,
    });
  }
  let status: ApprovalRecord['status'];
  let failure: string | undefined;
  if (rejects.length > 0) {
    status = 'rejected';
    failure = `The environment ${environment} was rejected by ${rejects.map((r) => r.login).join(', ')}.`;
  } else if (destroy && approvers.length === 0 && (approved.length > 0 || !found.protectedByReviewers)) {
    // Nobody counted: recorded (and shown) as not approved, and the step fails after reporting.
    status = 'pending';
    failure =
      approved.length > 0
        ? noCountedReviewerMessage(environment, plan.stack, held?.uncounted ?? [], destroy)
        : `The plan of ${plan.stack} is ${destroySubject(destroy)}, which needs ${destroy.permission} permission on the repository, and ${environment} has no required reviewers, so nobody approved it (allow-unprotected does not approve a destroy): add required reviewers with ${destroy.permission} permission to ${environment}.`;
  } else if (
    policy &&
    accepting?.acceptances.length === 0 &&
    (approved.length > 0 || !found.protectedByReviewers)
  ) {
    // The change may be approved, but nobody who approved it could accept the failures of its policies.
    status = 'pending';
    failure = noAcceptingReviewerMessage(environment, plan.stack, accepting.refused, policy);
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
  const policyRecord = recordPolicy(plan.manifest, accepting?.acceptances ?? []);
  if (policyRecord) record.policy = policyRecord;
  return {
    report: {
      record,
      manifest: plan.manifest,
      missing: status === 'pending' ? 1 : 0,
      ignored,
      malformed: [],
      note: joinNotes(note, failure),
      ...(destroy ? { destroy: { rule: destroy } } : {}),
      policy: policyReport(inputs, plan, 'environment'),
    },
    ...(failure ? { failure } : {}),
  };
}

/**
 * The environment's reviewers who approved and may accept the plan's policy failures: named in
 * policy-owners, and neither the actor of this run (who pushed or started it) nor, when the run is about
 * a pull request, its author or the pusher of its head commit.
 */
async function acceptingReviewers(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  client: GitHubClient,
  approved: ReadonlyArray<{ login: string }>,
  at: string,
): Promise<{ acceptances: PolicyAcceptance[]; refused: Array<{ login: string; why: string }> }> {
  const repository = { owner: deps.run.owner, repo: deps.run.repo };
  const target = await pullRequestOf(deps.run, inputs.prNumber);
  const self = target ? (await selfLoginsOf(client, repository, target.number)).logins : new Set<string>();
  if (deps.run.actor) self.add(deps.run.actor.toLowerCase());
  const acceptances: PolicyAcceptance[] = [];
  const refused: Array<{ login: string; why: string }> = [];
  for (const { login } of approved) {
    if (!(await listedIn(client, inputs.policyOwners, login))) {
      refused.push({ login, why: 'is not in policy-owners' });
    } else if (self.has(login.toLowerCase())) {
      refused.push({ login, why: 'is a policy owner, but started this run or wrote the change' });
    } else {
      acceptances.push({ login, at, via: 'environment' });
    }
  }
  return { acceptances, refused };
}

/**
 * The environment's reviewers who approved a destroy plan, with their repository role (the collaborator
 * permission API, as comment mode reads it): being a required reviewer of the environment is not enough.
 */
async function destroyReviewers(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  approved: ReadonlyArray<{ login: string; state: 'approved' | 'rejected'; comment: string }>,
  rule: DestroyRule,
) {
  const standings = await standingsOf(
    client,
    repository,
    approved.map((r) => r.login),
    [],
  );
  const withRoles = approved.map((r) => {
    const role = standings.get(r.login.toLowerCase())?.role ?? 'none';
    const has = role === 'none' ? 'no' : `the ${role}`;
    const why = `has ${has} permission on the repository, and ${destroySubject(rule)} needs ${rule.permission} (destroy-min-permission)`;
    return { ...r, role, why };
  });
  return countedReviewers(withRoles, rule);
}

// ---- comments -------------------------------------------------------------------------------------

async function commentDecision(
  inputs: ApprovalGateInputs,
  deps: GateDependencies,
  plan: PlanUnderReview,
  base: ReturnType<typeof recordBase>,
  wait: boolean,
  note: string | undefined,
  { destroy, policy }: PlanRules,
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
    const accepting = commands.filter((c) => c.command.kind === 'approve-policy').map((c) => c.author);
    const standings = await standingsOf(
      client,
      repository,
      commands.map((c) => c.author),
      inputs.approvers,
      policy ? { owners: inputs.policyOwners, of: accepting } : undefined,
    );
    const rules = {
      planDigest: plan.digest,
      planCreatedAt: plan.manifest?.createdAt,
      minPermission: inputs.minPermission,
      destroyRule: destroy,
      minApprovals: inputs.minApprovals,
      policyRule: policy,
      allowSelfApproval: inputs.allowSelfApproval,
      selfLogins: self.logins,
    };
    const decision = decide(commands, standings, rules);
    // With nobody in policy-owners, failures can never be accepted: no wait ends otherwise.
    const unacceptable =
      decision.status === 'pending' && decision.policyPending && !inputs.policyOwners.length;
    const timedOut =
      wait && decision.status === 'pending' && !unacceptable && deps.now().getTime() + interval > deadline;
    if (!wait || decision.status !== 'pending' || timedOut || unacceptable) {
      const waitNote = timedOut
        ? `No decision within ${inputs.timeoutMinutes} minute(s) of waiting: the gate timed out.`
        : undefined;
      const report = commentReport(base, plan, target.number, decision, malformed, joinNotes(note, waitNote));
      if (destroy) report.destroy = { rule: destroy, minPermission: inputs.minPermission };
      report.policy = policyReport(inputs, plan, 'comment');
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
        ...(timedOut ? { failure: `${waitNote} ${stillNeeded(decision)}.` } : {}),
        ...(unacceptable && policy
          ? {
              failure: `The policies of the plan of ${plan.stack} failed (${failuresInBrief(policy.failures)}), and policy-owners is empty, so nobody can accept them: change the plan so that its policies pass, or list who may accept them in policy-owners.`,
            }
          : {}),
      };
    }
    deps.logger.info(
      `Waiting for ${decision.missing} more approval(s) of ${plan.digest.slice(0, 19)}…; reading the comments again in ${inputs.pollIntervalSeconds}s.`,
    );
    await deps.sleep(interval);
  }
}

/** What a pending decision still waits for, in words. */
function stillNeeded(decision: Decision): string {
  const parts = [
    ...(decision.missing > 0 ? [`${decision.missing} more approval(s)`] : []),
    ...(decision.policyPending ? ["a policy owner's /approve-policy"] : []),
  ];
  return `${parts.join(' and ')} ${decision.missing > 1 || parts.length > 1 ? 'were' : 'was'} needed`;
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
  const policy = recordPolicy(plan.manifest, decision.acceptances.map(acceptanceOf));
  if (policy) record.policy = policy;
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
    ...[...decision.approvals, ...decision.acceptances].map((vote) =>
      react(client, repository, vote.commentId, '+1'),
    ),
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
