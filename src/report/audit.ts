import type { AuditTrail } from '../audit/trail.js';
import type { AuditOutcome } from '../contracts/audit-event.js';
import { cellSpan, cellText, codeSpan } from '../markdown/escape.js';
import { html, type SafeHtml } from './html-template.js';

/**
 * The run's audit trail in report.md (a table) and report.html (the same rows): when, what, which
 * stack and environment, who, how it ended, for which plan. Every value comes from an artifact and
 * goes through the escapers.
 */

const OUTCOME_MARK: Record<AuditOutcome, string> = {
  success: ':white_check_mark: success',
  failure: ':x: failure',
  pending: ':hourglass: pending',
  rejected: ':no_entry: rejected',
  warning: ':warning: warning',
};

const OUTCOME_CLASS: Record<AuditOutcome, string> = {
  success: 'success',
  failure: 'failure',
  pending: 'pending',
  rejected: 'failure',
  warning: 'pending',
};

/** `2026-12-03 09:12:23`: UTC, to the second, which is what an auditor compares across systems. */
function when(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, '');
}

function actorOf(event: AuditTrail['events'][number]): string {
  const others = (event.approvers ?? []).filter((login) => login !== event.actor);
  return others.length > 0 ? `${event.actor} (with ${others.join(', ')})` : event.actor;
}

export function auditMarkdown(trail: AuditTrail | undefined): string[] {
  if (!trail || (trail.events.length === 0 && trail.problems.length === 0)) return [];
  const lines = ['### Audit trail', ''];
  if (trail.events.length > 0) {
    lines.push(
      '| When (UTC) | Step | Stack | Environment | Actor | Outcome | Plan | Detail |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const e of trail.events) {
      lines.push(
        `| ${when(e.startedAt)} | ${e.action} | ${e.stack ? cellSpan(e.stack) : ''} | ${e.environment ? cellSpan(e.environment) : ''} | ${cellSpan(actorOf(e))} | ${OUTCOME_MARK[e.outcome]} | ${e.planDigest ? cellSpan(e.planDigest.slice(0, 19)) : ''} | ${e.detail ? cellText(e.detail) : ''} |`,
      );
    }
  }
  for (const p of trail.problems) {
    lines.push(
      '',
      `:warning: The trail is incomplete: ${codeSpan(p.artifact)} was not read (${codeSpan(p.problem)}).`,
    );
  }
  return [...lines, ''];
}

export function auditHtml(trail: AuditTrail | undefined): SafeHtml | '' {
  if (!trail || (trail.events.length === 0 && trail.problems.length === 0)) return '';
  return html`<h2>Audit trail</h2>
    <table id="audit">
      <thead>
        <tr>
          <th>When (UTC)</th>
          <th>Step</th>
          <th>Stack</th>
          <th>Environment</th>
          <th>Actor</th>
          <th>Outcome</th>
          <th>Plan</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        ${trail.events.map(
          (e) =>
            html`<tr data-action="${e.action}" data-outcome="${e.outcome}">
              <td>${when(e.startedAt)}</td>
              <td>${e.action}</td>
              <td>${e.stack ? html`<code>${e.stack}</code>` : ''}</td>
              <td>${e.environment ?? ''}</td>
              <td><code>${actorOf(e)}</code></td>
              <td class="${OUTCOME_CLASS[e.outcome]}">${e.outcome}</td>
              <td>
                ${e.planDigest ? html`<code title="${e.planDigest}">${e.planDigest.slice(0, 19)}</code>` : ''}
              </td>
              <td>${e.detail ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${trail.problems.map(
      (p) =>
        html`<p class="failure">
          The trail is incomplete: <code>${p.artifact}</code> was not read (${p.problem}).
        </p>`,
    )}`;
}
