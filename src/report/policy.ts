import { z } from 'zod';
import type { ApprovalRecord } from '../contracts/approval-record.js';
import { canonicalFindings } from '../contracts/digest.js';
import type { PlanManifest, PolicyFinding } from '../contracts/manifest.js';
import type { GatheredArtifact } from './gather.js';

/**
 * The report's view of each stack's policy check: from the plan bundle's manifest (the result, inside
 * the digest) and the approval record of the same digest (who accepted the failures). A run that
 * applies a plan made in another run (approve-on-comment's dispatch) has the record only, so the view
 * is made from it alone then. An acceptance of another digest is not this plan's: a re-plan voids it.
 */

export type PolicyStatus = 'passed' | 'failed' | 'accepted' | 'warned';

export interface PolicyAcceptor {
  login: string;
  at?: string | undefined;
  commentUrl?: string | undefined;
}

export interface PolicyView {
  stack: string;
  planDigest: string;
  mode: 'enforce' | 'warn';
  namespace?: string | undefined;
  /** Known from the manifest only. */
  conftestVersion?: string | undefined;
  evaluated?: number | undefined;
  passed: boolean;
  /** passed; failed (enforce, not accepted); accepted (enforce, accepted by policy owners); warned (warn mode, failed). */
  status: PolicyStatus;
  failures: PolicyFinding[];
  warnings: PolicyFinding[];
  accepted?:
    | {
        by: PolicyAcceptor[];
        /** How many failures the acceptance names. */
        failures: number;
        /** Whether it names exactly the plan's failures, which is what tf-apply requires. */
        exact: boolean;
      }
    | undefined;
}

const finding = z.object({ rule: z.string(), message: z.string(), address: z.string().optional() });

/**
 * The parts of the approval record's `policy` the report shows, read leniently: the record's reader
 * has checked it against its contract, and a record from a version without the field has none.
 */
const recordPolicy = z.object({
  mode: z.enum(['enforce', 'warn']),
  namespace: z.string().optional(),
  passed: z.boolean(),
  failures: z.array(finding).catch([]),
  accepted: z
    .object({
      by: z.array(
        z.object({ login: z.string(), at: z.string().optional(), commentUrl: z.string().optional() }),
      ),
      failures: z.array(finding).catch([]),
    })
    .optional()
    .catch(undefined),
});

type RecordPolicy = z.output<typeof recordPolicy>;

/** The approval record's policy part, or undefined when it has none it can show. */
export function recordPolicyOf(record: ApprovalRecord): RecordPolicy | undefined {
  const parsed = recordPolicy.safeParse((record as { policy?: unknown }).policy);
  return parsed.success ? parsed.data : undefined;
}

const sameFindings = (a: readonly PolicyFinding[], b: readonly PolicyFinding[]) =>
  JSON.stringify(canonicalFindings(a)) === JSON.stringify(canonicalFindings(b));

function statusOf(mode: 'enforce' | 'warn', passed: boolean, accepted: boolean): PolicyStatus {
  if (passed) return 'passed';
  if (mode === 'warn') return 'warned';
  return accepted ? 'accepted' : 'failed';
}

function acceptance(policy: RecordPolicy | undefined, failures: readonly PolicyFinding[]) {
  const accepted = policy?.accepted;
  if (!accepted || accepted.by.length === 0) return undefined;
  return {
    by: accepted.by.map((a) => ({ login: a.login, at: a.at, commentUrl: a.commentUrl })),
    failures: accepted.failures.length,
    exact: sameFindings(accepted.failures, failures),
  };
}

function fromManifest(manifest: PlanManifest, records: readonly ApprovalRecord[]): PolicyView | undefined {
  const policy = manifest.policy;
  if (!policy) return undefined;
  const record = records.find((r) => r.stack === manifest.stack && r.planDigest === manifest.planDigest);
  const accepted = acceptance(record && recordPolicyOf(record), policy.failures);
  return {
    stack: manifest.stack,
    planDigest: manifest.planDigest,
    mode: policy.mode,
    namespace: policy.namespace,
    conftestVersion: policy.conftestVersion,
    evaluated: policy.evaluated,
    passed: policy.passed,
    status: statusOf(policy.mode, policy.passed, accepted?.exact ?? false),
    failures: policy.failures,
    warnings: policy.warnings,
    ...(accepted ? { accepted } : {}),
  };
}

function fromRecord(record: ApprovalRecord): PolicyView | undefined {
  const policy = recordPolicyOf(record);
  if (!policy) return undefined;
  const accepted = acceptance(policy, policy.failures);
  return {
    stack: record.stack,
    planDigest: record.planDigest,
    mode: policy.mode,
    namespace: policy.namespace,
    passed: policy.passed,
    status: statusOf(policy.mode, policy.passed, accepted?.exact ?? false),
    failures: policy.failures,
    warnings: [],
    ...(accepted ? { accepted } : {}),
  };
}

/** Every stack's policy check the run's artifacts tell of, by stack. */
export function policyViews(artifacts: readonly GatheredArtifact[]): PolicyView[] {
  const manifests = artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
  const records = artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
  const views = manifests.flatMap((m) => fromManifest(m, records) ?? []);
  const planned = new Set(manifests.map((m) => m.stack));
  views.push(...records.filter((r) => !planned.has(r.stack)).flatMap((r) => fromRecord(r) ?? []));
  return views.sort((a, b) => a.stack.localeCompare(b.stack));
}

/**
 * The stage table's figure for a plan: what the check said, in a few words (plain text). Who accepted
 * failures is the approval's figure: the plan row says what the bundle holds.
 */
export function policyFigure(policy: Pick<PolicyView, 'mode' | 'passed' | 'failures'>): string {
  const warn = policy.mode === 'warn' ? ' (policy-mode: warn)' : '';
  if (policy.passed) return `policy passed${warn}`;
  const n = policy.failures.length;
  return `policy: ${n} ${n === 1 ? 'failure' : 'failures'}${warn}`;
}

/** The approval's figure when policy owners accepted the plan's failures. Plain text. */
export function acceptanceFigure(record: ApprovalRecord): string | undefined {
  const accepted = recordPolicyOf(record)?.accepted;
  if (!accepted || accepted.by.length === 0) return undefined;
  return `policy failures accepted by ${accepted.by.map((a) => a.login).join(', ')}`;
}

/** The sentence the Policy section says of a stack. Plain text, escaped where rendered. */
export function policySentence(view: PolicyView): string {
  const n = view.failures.length;
  const failures = `${n} ${n === 1 ? 'failure' : 'failures'}`;
  const where = [
    view.namespace ? `namespace ${view.namespace}` : '',
    view.conftestVersion ? `conftest ${view.conftestVersion}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const at = where ? ` (${where})` : '';
  switch (view.status) {
    case 'passed':
      return `passed${view.evaluated !== undefined ? `: ${view.evaluated} ${view.evaluated === 1 ? 'rule' : 'rules'} evaluated` : ''}${at}${view.mode === 'warn' ? '; ran with policy-mode: warn' : ''}`;
    case 'warned':
      return `ran with policy-mode: warn: ${failures} shown, not enforced${at}`;
    case 'accepted':
      return `${failures} accepted by ${(view.accepted?.by ?? []).map((a) => a.login).join(', ')}${at}`;
    case 'failed':
      return view.accepted
        ? `${failures}; the acceptance by ${view.accepted.by.map((a) => a.login).join(', ')} does not name exactly these failures, so tf-apply refuses the plan${at}`
        : `${failures}, not accepted: the plan is not approved and tf-apply refuses it until a policy owner accepts them${at}`;
  }
}
