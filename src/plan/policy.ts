import { shortDigest } from '../contracts/digest.js';
import type { PolicyFinding, PolicyResult } from '../contracts/manifest.js';
import { plural, type Phrase } from './phrases.js';

/**
 * The words of a plan's policy check (conftest's result in the manifest), shared by the Markdown and
 * the text renderings so the comment, the job summary and the log say the same thing. Messages are the
 * policies' own text: they are not phrases (whose plain parts are our words, written unescaped), each
 * renderer escapes them itself.
 */

/** The comment a policy owner writes to accept a plan's failures, with the digest reviewers see. */
export function approvePolicyCommand(planDigest: string): string {
  return `/approve-policy ${planDigest ? shortDigest(planDigest).replace(/^sha256:/, '') : '<digest>'}`;
}

/** Whether the failures hold the approval and the apply: enforce mode and at least one failure. */
export function policyBlocks(policy: PolicyResult): boolean {
  return policy.mode === 'enforce' && !policy.passed;
}

const where = (policy: PolicyResult): Phrase => [
  'namespace ',
  { code: policy.namespace },
  ', conftest ',
  { code: policy.conftestVersion },
];

/** The section's headline, bold in Markdown, and the sentence after it. */
export function policyHeadline(policy: PolicyResult, planDigest: string): { title: string; detail: Phrase } {
  const failures = policy.failures.length;
  if (policy.passed) {
    const warned: Phrase =
      policy.mode === 'warn'
        ? ['; ', { code: 'policy-mode: warn' }, ': a failure would be shown, not enforced']
        : [];
    return {
      title: 'Policy: passed',
      detail: [`${plural(policy.evaluated, 'rule')} evaluated in `, ...where(policy), ...warned, '.'],
    };
  }
  if (policy.mode === 'warn') {
    return {
      title: `Policy: ${plural(failures, 'failure')}, not blocking`,
      detail: [
        { code: 'policy-mode: warn' },
        ': the failures are shown, not enforced, and hold neither the approval nor the apply (',
        ...where(policy),
        ').',
      ],
    };
  }
  return {
    title: `Policy: ${plural(failures, 'failure')}`,
    detail: [
      'This plan is not approved, and tf-apply does not apply it, until a policy owner accepts exactly these failures with ',
      { code: approvePolicyCommand(planDigest) },
      ' (',
      ...where(policy),
      ').',
    ],
  };
}

/** The check in a few words, for a table cell: `policy passed`, `2 policy failures (not blocking)`. */
export function policyVerdict(policy: PolicyResult): string {
  if (policy.passed) return 'policy passed';
  const failures = plural(policy.failures.length, 'policy failure');
  return policy.mode === 'warn' ? `${failures} (not blocking)` : failures;
}

/** A finding before its message: the rule, and the resource it names when it names one. */
export function findingPrefix(finding: PolicyFinding): Phrase {
  return [{ code: finding.rule }, ...(finding.address ? [' on ', { code: finding.address }] : []), ': '];
}
