import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactName } from '../artifacts/names.js';
import type { ArtifactStore } from '../artifacts/store.js';
import {
  APPROVAL_RECORD_FILE,
  approvalRecordSchema,
  type ApprovalRecord,
} from '../contracts/approval-record.js';
import { canonicalFindings, shortDigest } from '../contracts/digest.js';
import type { PlanManifest, PolicyFinding } from '../contracts/manifest.js';
import { describeIssue } from '../core/zod-issues.js';
import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { failuresInBrief, inCanonicalOrder } from './policy-rule.js';

/**
 * tf-apply's `require-approval`: the approval gate's record in this run must approve exactly the digest
 * about to be applied. A matrix of gates cannot hand each apply leg its own `plan-digest` output (a
 * matrix job keeps one leg's outputs), so the record artifact, one per stack, is what binds them.
 */
export async function requireApprovalRecord(
  artifacts: ArtifactStore,
  options: { artifactPrefix: string; stack: string; planDigest: string; directory: string },
): Promise<ApprovalRecord> {
  const name = artifactName(options.artifactPrefix, 'approval', options.stack);
  try {
    await artifacts.download(name, options.directory);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    throw new ConfigurationError(
      `require-approval is on and this run has no approval record "${name}": run approval-gate for stack ${options.stack} in a job this one needs, with the same artifact-prefix.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(await readFile(join(options.directory, APPROVAL_RECORD_FILE), 'utf8'));
  } catch {
    throw new ConfigurationError(
      `The approval record artifact "${name}" has no readable ${APPROVAL_RECORD_FILE}.`,
    );
  }
  const parsed = approvalRecordSchema.safeParse(value);
  if (!parsed.success) {
    throw new ConfigurationError(
      `The approval record in "${name}" is not an iac/approval@1 record: ${describeIssue(parsed.error.issues[0])}.`,
    );
  }
  const record = parsed.data;
  const nothing = 'Nothing was applied.';
  if (record.stack !== options.stack) {
    throw new ConfigurationError(
      `The approval record in "${name}" is for stack ${record.stack}, not ${options.stack}. ${nothing}`,
    );
  }
  if (record.planDigest !== options.planDigest) {
    throw new ConfigurationError(
      `The approval gate decided on plan ${shortDigest(record.planDigest)}, but this bundle is plan ${shortDigest(options.planDigest)}. ${nothing} Approve the plan that is to be applied.`,
    );
  }
  if (record.status === 'rejected') {
    const by = record.rejects.map((vote) => vote.login).join(', ');
    throw new ConfigurationError(
      `Plan ${shortDigest(record.planDigest)} was rejected${by ? ` by ${by}` : ''}. ${nothing}`,
    );
  }
  if (record.status !== 'approved') {
    throw new ConfigurationError(
      `Plan ${shortDigest(record.planDigest)} is not approved: the approval gate's decision is pending (${record.approvers.length} of ${record.minApprovals} approvals). ${nothing} Apply it once it is approved.`,
    );
  }
  return record;
}

/**
 * tf-apply's policy check: a plan whose policies failed in enforce mode is applied only when the approval
 * record it checked accepts exactly its failures, compared in canonicalFindings order; a difference either
 * way is refused, naming it. Without a record (require-approval off) such a plan is refused too: no input
 * turns the check off. A warn-mode result was chosen at plan time and is inside the digest; it is applied,
 * with a warning that says so.
 */
export function refuseUnacceptedPolicyFailures(
  manifest: Pick<PlanManifest, 'planDigest' | 'policy'>,
  record: ApprovalRecord | undefined,
  logger: Logger,
): void {
  const policy = manifest.policy;
  if (!policy || policy.passed) return;
  const plan = shortDigest(manifest.planDigest);
  const failed = `${policy.failures.length} policy failure(s) (${failuresInBrief(inCanonicalOrder(policy.failures))})`;
  if (policy.mode === 'warn') {
    logger.warning(
      `Plan ${plan} has ${failed}, applied all the same: it was made with policy-mode: warn, which shows failures and does not block.`,
      { title: 'Policy failures not enforced' },
    );
    return;
  }
  const nothing = 'Nothing was applied.';
  const accept = `a policy owner accepts them at the approval gate (approval-gate's policy-owners; /approve-policy ${manifest.planDigest.slice(7, 19)} on the pull request)`;
  if (!record) {
    throw new ConfigurationError(
      `Plan ${plan} has ${failed} in enforce mode, and is applied only when an approval record accepts exactly those failures: set require-approval: true, with approval-gate for this stack in a job this one needs, where ${accept}. ${nothing}`,
    );
  }
  const accepted = record.policy?.accepted;
  if (!accepted) {
    throw new ConfigurationError(
      `Plan ${plan} has ${failed} in enforce mode, and the approval record (decided by ${record.decidedBy} in run ${record.runId}) accepts none of them: ${accept}, then run the gate again. ${nothing}`,
    );
  }
  const { missing, extra } = findingsDifference(policy.failures, accepted.failures);
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      ...(missing.length > 0 ? [`not accepted: ${failuresInBrief(missing)}`] : []),
      ...(extra.length > 0 ? [`accepted but not in the plan: ${failuresInBrief(extra)}`] : []),
    ];
    throw new ConfigurationError(
      `The approval record accepts other policy failures than plan ${plan} has (${parts.join('; ')}). ${nothing} Have a policy owner accept the failures of the plan that is to be applied.`,
    );
  }
  const by = accepted.by.map((a) => a.login).join(', ');
  logger.warning(`Plan ${plan} has ${failed}, accepted by ${by}.`, {
    title: 'Policy failures accepted',
  });
}

/** The findings of `planned` that `accepted` lacks, and those it has beyond them, counting repeats. */
function findingsDifference(
  planned: readonly PolicyFinding[],
  accepted: readonly PolicyFinding[],
): { missing: PolicyFinding[]; extra: PolicyFinding[] } {
  const key = (finding: PolicyFinding) => JSON.stringify(canonicalFindings([finding])[0]);
  const left = new Map<string, number>();
  for (const finding of accepted) left.set(key(finding), (left.get(key(finding)) ?? 0) + 1);
  const missing: PolicyFinding[] = [];
  for (const finding of inCanonicalOrder(planned)) {
    const k = key(finding);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else missing.push(finding);
  }
  const extra = inCanonicalOrder(accepted).filter((finding) => {
    const k = key(finding);
    const n = left.get(k) ?? 0;
    if (n === 0) return false;
    left.set(k, n - 1);
    return true;
  });
  return { missing, extra };
}
