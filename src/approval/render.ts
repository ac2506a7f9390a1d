import type { ApprovalRecord, ApprovalVote } from '../contracts/approval-record.js';
import type { PlanManifest } from '../contracts/manifest.js';
import { codeSpan } from '../markdown/escape.js';
import { oneLine } from '../markdown/escape.js';
import type { EditedCommand, IgnoredCommand } from './decide.js';
import { destroyRuleLines, type DestroyRuleReport } from './destroy-rule.js';
import { policyLines, type PolicyReport } from './policy-rule.js';

/** What the status comment and the job summary say about one decision. */
export interface DecisionReport {
  record: ApprovalRecord;
  manifest?: PlanManifest | undefined;
  /** Approvals still needed, while pending. */
  missing: number;
  ignored: readonly IgnoredCommand[];
  /** Commands not counted because their comment was edited after it was written. */
  edited?: readonly EditedCommand[] | undefined;
  malformed: ReadonlyArray<{ author: string; url: string; problem: string }>;
  /** Why the gate is still pending or what it fell back from, in a sentence. */
  note?: string | undefined;
  /** Present when the plan is (or may be) a destroy plan: the permission its approvers needed. */
  destroy?: DestroyRuleReport | undefined;
  /** Who may accept policy failures, and how: present whenever the gate knows its policy-owners. */
  policy?: PolicyReport | undefined;
}

const HEADLINE: Record<ApprovalRecord['status'], string> = {
  approved: ':white_check_mark: **Approved**',
  rejected: ':no_entry: **Rejected**',
  pending: ':hourglass: **Waiting for approval**',
};

const hex12 = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
const short = (text: string, max = 300) => {
  const line = oneLine(text);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function voteLine(vote: ApprovalVote): string {
  const link = vote.commentUrl ? ` ([comment](${vote.commentUrl}))` : '';
  const why = vote.comment ? `: ${codeSpan(short(vote.comment))}` : '';
  return `- @${vote.login} (${vote.permission}) at ${vote.at}${link}${why}`;
}

/** The plan's summary line and every resource it deletes or replaces, from the bundle's manifest. */
function planLines(manifest: PlanManifest | undefined): string[] {
  if (!manifest) return ['_The plan bundle was not read: only its digest is known._'];
  const s = manifest.summary;
  const lines = [
    `**Plan:** ${s.add} to add, ${s.change} to change, ${s.replace} to replace, ${s.destroy} to destroy` +
      (s.import ? `, ${s.import} to import` : '') +
      (s.move ? `, ${s.move} to move` : '') +
      ` — stack ${codeSpan(manifest.stack)}, workspace ${codeSpan(manifest.workspace)}, commit ${codeSpan(manifest.commit.slice(0, 12))}`,
  ];
  if (s.deletes.length > 0) {
    lines.push('', `**Deletes or replaces (${s.deletes.length}):**`, '');
    for (const address of s.deletes) lines.push(`- ${codeSpan(short(address, 1000))}`);
  }
  return lines;
}

/**
 * Shown, not folded away: a reviewer whose command was edited must learn that it does not count, and
 * everyone reading the pull request that somebody's words were changed.
 */
function editedLines(edited: readonly EditedCommand[]): string[] {
  if (edited.length === 0) return [];
  return [
    '> [!WARNING]',
    "> **Edited commands do not count.** Anyone with write access can edit another person's comment, so a " +
      '`/approve` or `/reject` whose comment was edited after it was written is not counted:',
    ...edited.map(
      (e) =>
        `> - the ${codeSpan(`/${e.kind}`)} of @${e.login} ([comment](${e.commentUrl})), edited at ${e.editedAt}`,
    ),
    '>',
    '> To approve or reject, write a new comment; do not edit the old one.',
    '',
  ];
}

/** The body of the status comment on the pull request, and the heart of the job summary. */
export function renderDecision(report: DecisionReport): string {
  const { record } = report;
  const lines: string[] = [];
  const where = record.environment ? ` for ${codeSpan(record.environment)}` : '';
  lines.push(
    `### ${HEADLINE[record.status]}${where}: plan ${codeSpan(hex12(record.planDigest))} of ${codeSpan(record.stack)}`,
    '',
  );
  if (record.override) {
    const { by, justification, accepted } = record.override;
    lines.push(
      '> [!CAUTION]',
      accepted
        ? `> **Emergency override** by @${by}: ${short(justification, 1000)}`
        : `> **Override refused:** @${by} is not in override-users (justification given: ${short(justification, 1000)})`,
      '',
    );
  }
  if (report.destroy) lines.push(...destroyRuleLines(report.destroy, record.stack));
  // Above the plan, as in the plan comment: a failed policy is the first thing a reviewer must see.
  lines.push(
    ...policyLines(report.manifest, record.policy, {
      owners: [],
      digest12: hex12(record.planDigest),
      via: record.decidedBy === 'environment' ? 'environment' : 'comment',
      ...report.policy,
    }),
  );
  lines.push(...planLines(report.manifest), '');
  // Only comments can still approve: an environment's reviewers decided before the job started.
  if (record.status === 'pending' && record.decidedBy === 'reviewers') {
    const min = record.minApprovals;
    const counted = `${record.approvers.length} of ${min} approval${min === 1 ? '' : 's'}`;
    lines.push(
      report.missing > 0
        ? `${counted}; ${report.missing} more needed. ` +
            `To approve this plan, comment exactly ${codeSpan(`/approve ${hex12(record.planDigest)}`)}; to reject it, ${codeSpan('/reject <reason>')}.`
        : `${counted}: the approvals are in, and the policy failures still wait for a policy owner's ${codeSpan(`/approve-policy ${hex12(record.planDigest)}`)}.`,
      '',
    );
  }
  if (report.note) lines.push(report.note, '');
  lines.push(...editedLines(report.edited ?? []));
  if (record.approvers.length > 0) lines.push('**Approved by:**', '', ...record.approvers.map(voteLine), '');
  if (record.rejects.length > 0) lines.push('**Rejected by:**', '', ...record.rejects.map(voteLine), '');
  const notCounted = [
    ...report.ignored.map(
      (i) => `- @${i.login}${i.commentUrl ? ` ([comment](${i.commentUrl}))` : ''}: ${i.why}`,
    ),
    ...report.malformed.map((m) => `- @${m.author} ([comment](${m.url})): not a command; ${m.problem}`),
  ];
  if (notCounted.length > 0) {
    lines.push('<details><summary>Not counted</summary>', '', ...notCounted, '', '</details>', '');
  }
  lines.push(
    `Digest ${codeSpan(record.planDigest)} · decided by ${record.decidedBy} (${record.mode} mode) at ${record.decidedAt}`,
  );
  return `${lines.join('\n')}\n`;
}
