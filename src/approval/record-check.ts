import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactName } from '../artifacts/names.js';
import type { ArtifactStore } from '../artifacts/store.js';
import {
  APPROVAL_RECORD_FILE,
  approvalRecordSchema,
  type ApprovalRecord,
} from '../contracts/approval-record.js';
import { shortDigest } from '../contracts/digest.js';
import { describeIssue } from '../core/zod-issues.js';
import { ConfigurationError } from '../core/errors.js';

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
