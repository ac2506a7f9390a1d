import { z } from 'zod';
import { policyFindingSchema, producerSchema, releaseBindingSchema } from './manifest.js';

/**
 * `approval-record.json`, the artifact `<prefix>-approval-<stack>` that approval-gate uploads on every
 * decision: which plan digest was decided, how, by whom and when. tf-apply is handed the digest; the
 * record is what an auditor reads afterwards.
 */

export const APPROVAL_RECORD_FILE = 'approval-record.json';
export const APPROVAL_RECORD_SCHEMA = 'iac/approval@1' as const;

const text = z.string().min(1);
const isoTime = z.iso.datetime({ offset: true });

export const approvalVoteSchema = z.object({
  login: text,
  /** The repository role the person had when the gate decided, or `environment-reviewer`, or `policy`. */
  permission: text,
  at: isoTime,
  commentUrl: z.string().optional(),
  /** A reject's reason, or the comment an environment reviewer left. */
  comment: z.string().optional(),
});

/** One policy owner's acceptance of a plan's policy failures. */
export const policyAcceptanceSchema = z.object({
  login: text,
  at: isoTime,
  /** How it was given: an `/approve-policy <digest>` comment, or an approval of the environment's review. */
  via: z.enum(['comment', 'environment']),
  commentUrl: z.string().optional(),
});

/**
 * The plan's policy check as the gate saw it in the bundle, and who accepted which failures. Absent when
 * the plan had no policy check or its bundle was not read. Acceptances name no digest of their own: the
 * record's `planDigest` is the one they accepted, and the digest covers the policy result, so a new plan
 * (a new digest) has none.
 */
export const recordPolicySchema = z.object({
  mode: z.enum(['enforce', 'warn']),
  namespace: text,
  passed: z.boolean(),
  /** The failures of the plan, in canonicalFindings order (src/contracts/digest.ts). */
  failures: z.array(policyFindingSchema),
  /**
   * Present when policy owners accepted the failures of an enforce-mode check: tf-apply applies such a
   * plan only when these are exactly the bundle's failures.
   */
  accepted: z
    .object({ by: z.array(policyAcceptanceSchema).min(1), failures: z.array(policyFindingSchema) })
    .optional(),
});

export const approvalRecordSchema = z.object({
  schema: z.literal(APPROVAL_RECORD_SCHEMA),
  producer: producerSchema,
  mode: z.enum(['environment', 'comment', 'wait', 'policy']),
  /** Who decided in the end: the reviewers (comments), the environment's reviewers, the policy, or an override. */
  decidedBy: z.enum(['reviewers', 'environment', 'policy', 'override']),
  status: z.enum(['approved', 'rejected', 'pending']),
  planDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  stack: text,
  environment: z.string().optional(),
  pullRequest: z.number().int().positive().optional(),
  /** The commit the plan was made at, when the bundle was read. */
  commit: z.string().optional(),
  /** The release the plan deploys again (a promotion's source, a rollback's target), from the bundle. */
  source: releaseBindingSchema.optional(),
  approvers: z.array(approvalVoteSchema),
  /** The policy result and its acceptance; see recordPolicySchema. */
  policy: recordPolicySchema.optional(),
  rejects: z.array(approvalVoteSchema),
  minApprovals: z.number().int().positive(),
  override: z.object({ by: text, justification: text, accepted: z.boolean(), at: isoTime }).optional(),
  runId: z.number().int().positive(),
  runAttempt: z.number().int().positive(),
  decidedAt: isoTime,
});

export type ApprovalRecord = z.output<typeof approvalRecordSchema>;
export type ApprovalVote = z.output<typeof approvalVoteSchema>;
export type RecordPolicy = z.output<typeof recordPolicySchema>;
export type PolicyAcceptance = z.output<typeof policyAcceptanceSchema>;
