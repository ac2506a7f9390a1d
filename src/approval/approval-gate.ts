import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactName } from '../artifacts/names.js';
import type { ArtifactStore } from '../artifacts/store.js';
import {
  APPROVAL_RECORD_FILE,
  approvalRecordSchema,
  type ApprovalRecord,
} from '../contracts/approval-record.js';
import { ConfigurationError, StepFailure } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { StepReport } from '../core/outputs.js';
import type { RunContext } from '../core/run-context.js';
import { dispatchApply } from '../github/dispatch.js';
import { lazyGitHubClient } from '../github/lazy-client.js';
import { gate, type ApprovalGateInputs } from './gate.js';
import { NO_AUDIT, type AuditFields, type AuditLog } from '../audit/log.js';
import type { AuditOutcome } from '../contracts/audit-event.js';
import { renderDecision } from './render.js';

/** The outputs approval-gate sets, by their action.yml names. */
export interface ApprovalGateOutputs {
  status: ApprovalRecord['status'];
  approved: boolean;
  approvers: ApprovalRecord['approvers'];
  'plan-digest': string;
  'record-artifact': string;
  'plan-run-id': number;
  'status-comment-url': string;
  dispatched: boolean;
}

export interface ApprovalGateDependencies extends StepReport<ApprovalGateOutputs> {
  artifacts: ArtifactStore;
  logger: Logger;
  run: RunContext;
  sleep(ms: number): Promise<void>;
  now(): Date;
  /** The step's audit log: the decision, recorded before anything else can fail. */
  audit?: AuditLog;
}

/**
 * The approval-gate step: decides on the plan under review, writes the decision as the checked approval
 * record artifact, starts the apply workflow when asked to and the plan is newly approved, and fails the
 * step when the plan was rejected, or is pending with `on-pending: fail`.
 */
export async function runApprovalGate(
  inputs: ApprovalGateInputs,
  deps: ApprovalGateDependencies,
): Promise<void> {
  const { logger, run, artifacts, setOutputs } = deps;
  // Made only when the decision needs the API: a policy approval does not.
  const github = lazyGitHubClient(
    inputs.githubToken,
    logger,
    run,
    () =>
      new ConfigurationError(
        `Input "github-token" is empty: mode ${inputs.mode} reads the pull request or the run's reviews through the API.`,
      ),
  );
  const startedAt = deps.now();
  const result = await gate(inputs, { artifacts, logger, run, github, sleep: deps.sleep, now: deps.now });
  const { record } = result.report;
  (deps.audit ?? NO_AUDIT).record(
    record.override?.accepted ? 'override' : 'approval',
    decisionEvent(record, startedAt),
  );

  // The record is checked against its own contract before anyone downstream can rely on it.
  const checked = approvalRecordSchema.parse(record);
  const dir = await mkdtemp(join(run.runnerTemp, 'iac-approval-record-'));
  const path = join(dir, APPROVAL_RECORD_FILE);
  await writeFile(path, `${JSON.stringify(checked, null, 2)}\n`);
  const name = artifactName(inputs.artifactPrefix, 'approval', record.stack);
  await artifacts.upload(name, [path], dir);

  const approved = record.status === 'approved';
  setOutputs({ status: record.status, approved, approvers: record.approvers });
  // Only an approved digest is handed on: tf-apply's expected-plan-digest must never name a plan nobody approved.
  setOutputs({
    'plan-digest': approved ? record.planDigest : '',
    'record-artifact': name,
    'plan-run-id': result.planRunId,
  });
  if (result.statusCommentUrl) setOutputs({ 'status-comment-url': result.statusCommentUrl });
  setOutputs({ dispatched: false });
  if (approved && inputs.dispatchWorkflow && result.approvedBefore) {
    // Another `/approve` of a plan that is approved already: its apply was started by the comment that
    // approved it, and a second run would only be refused as stale once the first applied.
    logger.notice(
      `Plan ${record.planDigest.slice(0, 19)}… was approved before this comment, and ${inputs.dispatchWorkflow} was started then: it is not started again. ` +
        `To start it by hand, run ${inputs.dispatchWorkflow} on the pull request's branch with plan-run-id ${result.planRunId}, plan-digest ${record.planDigest}, stack ${record.stack} and pr-number ${record.pullRequest ?? ''}.`,
      { title: 'Already approved' },
    );
  } else if (approved && inputs.dispatchWorkflow) {
    if (record.pullRequest === undefined) {
      throw new ConfigurationError(
        'Input "dispatch-workflow" starts the apply of a pull request\'s plan, and this decision is not about a pull request: give pr-number, or run the gate on issue_comment.',
      );
    }
    const { ref } = await dispatchApply(
      await github(),
      { owner: run.owner, repo: run.repo },
      {
        workflow: inputs.dispatchWorkflow,
        pullRequest: record.pullRequest,
        stack: record.stack,
        planRunId: result.planRunId,
        planDigest: record.planDigest,
      },
    );
    setOutputs({ dispatched: true });
    logger.info(
      `Started ${inputs.dispatchWorkflow} on ${ref} to apply plan ${record.planDigest} of stack ${record.stack}.`,
    );
  }
  await deps.writeSummary(`## Approval gate\n\n${renderDecision(result.report)}`);

  if (result.failure) throw new StepFailure(result.failure);
  if (record.status === 'pending') {
    const hex = record.planDigest.slice(7, 19);
    const policyPending =
      record.policy?.mode === 'enforce' && !record.policy.passed && !record.policy.accepted;
    const needs = [
      ...(result.report.missing > 0
        ? [`${result.report.missing} more approval(s): comment /approve ${hex} on the pull request`]
        : []),
      ...(policyPending
        ? [
            `a policy owner to accept its policy failures: one of ${inputs.policyOwners.join(', ')} comments /approve-policy ${hex}`,
          ]
        : []),
    ];
    const waiting = `Plan ${record.planDigest.slice(0, 19)}… is waiting for ${needs.join(', and for ')}.`;
    // In a job graph the apply job must not start: failing is how this job says "not yet".
    if (inputs.onPending === 'fail') throw new StepFailure(waiting);
    logger.notice(waiting, { title: 'Approval pending' });
  }
}

const DECISION_OUTCOME: Record<ApprovalRecord['status'], AuditOutcome> = {
  approved: 'success',
  rejected: 'rejected',
  pending: 'pending',
};

/**
 * The decision as an audit event: its actor is who decided (the overrider, else the first approving
 * or rejecting vote, else `policy` for the policy's own); a decision nobody has made yet is the
 * triggering actor's pending one.
 */
function decisionEvent(
  record: ApprovalRecord,
  startedAt: Date,
): AuditFields & { outcome: AuditOutcome; startedAt: Date } {
  const override = record.override?.accepted ? record.override : undefined;
  const voters = (record.status === 'rejected' ? record.rejects : record.approvers).map((v) => v.login);
  const accepted = record.policy?.accepted;
  const detail = [
    override
      ? `Overridden (${record.mode} gate).`
      : `${record.status === 'approved' ? 'Approved' : record.status === 'rejected' ? 'Rejected' : 'Waiting'} (${record.mode} gate, decided by ${record.decidedBy}): ${record.approvers.length} of ${record.minApprovals} approval(s).`,
    ...(accepted ? [`Policy failures accepted by ${accepted.by.map((a) => a.login).join(', ')}.`] : []),
  ].join(' ');
  return {
    stack: record.stack,
    environment: record.environment,
    planDigest: record.planDigest,
    // A policy's approval is nobody's: the actor says so rather than naming whoever started the run.
    actor: override?.by ?? voters[0] ?? (record.decidedBy === 'policy' ? 'policy' : undefined),
    approvers: voters,
    outcome: DECISION_OUTCOME[record.status],
    detail,
    startedAt,
  };
}
