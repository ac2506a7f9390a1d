import { z } from 'zod';
import { contractReader, producerSchema, validateForWrite } from './manifest.js';

/**
 * `iac/audit-event@1`: one lifecycle step of one stack, as an auditor reads it afterwards: who did
 * what to which stack and environment, for which plan digest and commit, how it ended, and when. It
 * says nothing about the resources (no value, no address) and nothing secret: an event is written as
 * the step goes, into the run's audit artifacts, and may be sent to a log collector outside GitHub.
 */

export const AUDIT_EVENT_SCHEMA = 'iac/audit-event@1' as const;
/** Each step's events, one JSON document a line. */
export const AUDIT_FILE = 'audit.jsonl';

export const AUDIT_ACTIONS = [
  'image',
  'plan',
  'policy',
  'approval',
  'override',
  'apply',
  'configure',
  'smoke',
  'release',
  'promote',
  'rollback',
  'destroy',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * `pending`: an approval still waiting. `rejected`: a reviewer said no. `warning`: a policy check in warn
 * mode that found failures. `failure`: the step failed, or ended before it could say how it went.
 */
export const AUDIT_OUTCOMES = ['success', 'failure', 'pending', 'rejected', 'warning'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const text = z.string().min(1, { error: 'must not be empty' });
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' });
const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'must be "sha256:" and 64 hex digits' });
// Short, written by the suite from counts and names: long text is where a value would hide.
const DETAIL_MAX = 300;

export const auditEventSchema = z
  .object({
    schema: z.literal(AUDIT_EVENT_SCHEMA),
    /** Unique across runs: a receiver that gets a trail twice (a re-run report) drops the repeats by it. */
    id: z.uuid(),
    producer: producerSchema,
    action: z.enum(AUDIT_ACTIONS),
    /** The approver for an approval (the overrider for an override), else who triggered the run. */
    actor: text,
    /** Everyone whose vote counted, for an approval that more than one person gave. */
    approvers: z.array(text).optional(),
    /** Absent for a step of a whole environment: recording, promoting or rolling back a release. */
    stack: text.optional(),
    environment: text.optional(),
    planDigest: digest.optional(),
    commit: z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/, { error: 'must be a commit SHA' }),
    outcome: z.enum(AUDIT_OUTCOMES),
    /** One line on how it went: counts, the gate that decided, a refusal's first words. */
    detail: z.string().max(DETAIL_MAX).optional(),
    startedAt: isoTime,
    finishedAt: isoTime,
    repository: text,
    runId: z.int().min(1),
    runAttempt: z.int().min(1),
    runUrl: z.url(),
  })
  .refine((e) => Date.parse(e.finishedAt) >= Date.parse(e.startedAt), {
    path: ['finishedAt'],
    error: 'must not be before startedAt',
  });

export type AuditEvent = z.output<typeof auditEventSchema>;

export const readAuditEvent = contractReader(auditEventSchema, 'report', AUDIT_FILE);

export function validateAuditEvent(value: unknown): AuditEvent {
  return validateForWrite(auditEventSchema, value, AUDIT_FILE);
}

/** A detail cut to what the contract keeps, on a character boundary. */
export function auditDetail(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= DETAIL_MAX
    ? oneLine
    : `${oneLine.slice(0, DETAIL_MAX - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}
