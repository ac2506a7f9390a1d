import type { PolicyAcceptance, RecordPolicy } from '../contracts/approval-record.js';
import { canonicalFindings } from '../contracts/digest.js';
import { policyFindingSchema, type PlanManifest, type PolicyFinding } from '../contracts/manifest.js';
import { codeSpan } from '../markdown/escape.js';

/**
 * The policy rule of approval-gate: a plan whose policies failed in enforce mode (tf-plan's `policy`,
 * inside the plan digest) is approved only when, besides the ordinary approval, someone listed in
 * `policy-owners` who is not the pull request's author nor the pusher of the planned commit accepts its
 * failures, on that exact digest. Policy mode never approves it; an override does not accept failures.
 *
 * Two decisions, two commands: `/approve-policy` accepts the failures and approves nothing else, so a
 * policy owner who also approves the change comments `/approve` too. A plan whose bundle was not read is
 * not held here (its failures are unknown, so nothing could be accepted): tf-apply, which always reads
 * the bundle, refuses its failures unless the record accepts exactly them, and this record accepts none.
 */

export interface PolicyRule {
  namespace: string;
  /** The failures an acceptance accepts, in canonicalFindings order. */
  failures: PolicyFinding[];
  /** `policy-owners`: logins and `org/team` slugs. */
  owners: readonly string[];
}

/** Findings in the fixed order of the plan digest (canonicalFindings), as findings. */
export function inCanonicalOrder(findings: readonly PolicyFinding[]): PolicyFinding[] {
  return canonicalFindings(findings).map((finding) => policyFindingSchema.parse(finding));
}

/** The rule when the plan's policies failed in enforce mode; none for any other plan. */
export function policyRuleFor(
  manifest: Pick<PlanManifest, 'policy'> | undefined,
  owners: readonly string[],
): PolicyRule | undefined {
  const policy = manifest?.policy;
  if (!policy || policy.mode !== 'enforce' || policy.passed) return undefined;
  return { namespace: policy.namespace, failures: inCanonicalOrder(policy.failures), owners };
}

/** The record's `policy`: the result the gate saw, and the acceptances that count, if any. */
export function recordPolicy(
  manifest: Pick<PlanManifest, 'policy'> | undefined,
  acceptances: readonly PolicyAcceptance[],
): RecordPolicy | undefined {
  const policy = manifest?.policy;
  if (!policy) return undefined;
  const failures = inCanonicalOrder(policy.failures);
  const accepts = policy.mode === 'enforce' && !policy.passed && acceptances.length > 0;
  return {
    mode: policy.mode,
    namespace: policy.namespace,
    passed: policy.passed,
    failures,
    ...(accepts ? { accepted: { by: [...acceptances], failures } } : {}),
  };
}

/** `rule` on `address`, for one-line messages. */
export function findingText(finding: PolicyFinding): string {
  return finding.address ? `${finding.rule} on ${finding.address}` : finding.rule;
}

/** The failures in a sentence: the first few by rule and address, and how many more. */
export function failuresInBrief(failures: readonly PolicyFinding[], shown = 5): string {
  const named = failures.slice(0, shown).map(findingText).join(', ');
  const more = failures.length - shown;
  return more > 0 ? `${named} and ${more} more` : named;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Who may accept, in a sentence: the owners, or that nobody is listed. */
export function ownersText(owners: readonly string[]): string {
  return owners.length > 0
    ? `someone in policy-owners (${owners.join(', ')}) who is not the pull request's author nor the pusher of the planned commit`
    : 'nobody: policy-owners is empty';
}

/** The one sentence an environment gate fails with when no reviewer who approved could accept the failures. */
export function noAcceptingReviewerMessage(
  environment: string,
  stack: string,
  reviewers: ReadonlyArray<{ login: string; why: string }>,
  rule: PolicyRule,
): string {
  const failed = `The policies of the plan of ${stack} failed (${plural(rule.failures.length, 'failure')}: ${failuresInBrief(rule.failures)})`;
  const who =
    reviewers.length > 0
      ? `no reviewer who approved ${environment} may accept them (${reviewers.map((r) => `${r.login} ${r.why}`).join('; ')})`
      : `${environment} has no required reviewers, so nobody accepted them (allow-unprotected does not accept policy failures)`;
  const fix =
    rule.owners.length > 0
      ? `have one of ${rule.owners.join(', ')} approve the environment, or change the plan so that its policies pass`
      : 'list who may accept them in policy-owners, or change the plan so that its policies pass';
  return `${failed}, and ${who}: ${fix}.`;
}

// ---- the status comment and the job summary ------------------------------------------------------

/** What the report says about the plan's policy check. */
export interface PolicyReport {
  /** `policy-owners`, as given. */
  owners: readonly string[];
  /** The digest's first 12 hex digits, for the command to write. */
  digest12: string;
  /** How failures are accepted here: by comment, or by approving the environment (environment mode). */
  via: PolicyAcceptance['via'];
}

/** Above this many characters the list of failures in the status comment stops: the plan comment lists every one. */
const FAILURES_BUDGET = 24_000;

function findingLines(findings: readonly PolicyFinding[]): string[] {
  const lines: string[] = [];
  let used = 0;
  for (const [index, finding] of findings.entries()) {
    const address = finding.address ? ` ${codeSpan(finding.address)}` : '';
    const line = `- ${codeSpan(finding.rule)}${address}: ${codeSpan(finding.message)}`;
    used += line.length + 1;
    if (used > FAILURES_BUDGET) {
      lines.push(
        `- … and ${findings.length - index} more, not shown here to keep this comment within GitHub's size limit: the plan comment and the plan bundle list every one.`,
      );
      break;
    }
    lines.push(line);
  }
  return lines;
}

/** The lines the status comment and the job summary show about the plan's policy check. */
export function policyLines(
  manifest: Pick<PlanManifest, 'policy'> | undefined,
  record: Pick<RecordPolicy, 'accepted'> | undefined,
  report: PolicyReport,
): string[] {
  if (!manifest) {
    // Only said where policies are in use: a gate given policy owners.
    return report.owners.length > 0
      ? [
          '> [!NOTE]',
          '> **Policy result unknown:** the plan bundle was not read, so this decision accepts no policy failures; if its policies failed, tf-apply refuses it.',
          '',
        ]
      : [];
  }
  const policy = manifest.policy;
  if (!policy) return [];
  const where = `namespace ${codeSpan(policy.namespace)}, ${plural(policy.evaluated, 'rule')} evaluated`;
  const warnings = policy.warnings.length > 0 ? `, ${plural(policy.warnings.length, 'warning')}` : '';
  if (policy.passed) return [`**Policy:** :white_check_mark: passed (${where}${warnings}).`, ''];
  const failures = findingLines(inCanonicalOrder(policy.failures));
  const count = plural(policy.failures.length, 'failure');
  if (policy.mode === 'warn') {
    return [
      '> [!NOTE]',
      `> **Policy failed, not blocking:** ${count} (${where}); the plan was made with ${codeSpan('policy-mode: warn')}, so they are shown and need no acceptance.`,
      '',
      ...failures,
      '',
    ];
  }
  if (record?.accepted) {
    const by = record.accepted.by
      .map((a) => `@${a.login}${a.commentUrl ? ` ([comment](${a.commentUrl}))` : ` (${a.via})`}`)
      .join(', ');
    return [
      '> [!WARNING]',
      `> **Policy failed, failures accepted** by ${by}: ${count} (${where}).`,
      '',
      ...failures,
      '',
    ];
  }
  const how =
    report.owners.length === 0
      ? 'Nobody can accept them here, since policy-owners is empty: change the plan so that its policies pass.'
      : report.via === 'environment'
        ? `An approval of the environment accepts them only from ${ownersText(report.owners)}.`
        : `An ${codeSpan('/approve')} does not accept them: ${ownersText(report.owners)} must also comment exactly ${codeSpan(`/approve-policy ${report.digest12}`)}.`;
  return ['> [!CAUTION]', `> **Policy failed:** ${count} (${where}). ${how}`, '', ...failures, ''];
}
