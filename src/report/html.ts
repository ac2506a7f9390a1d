import { html, SafeHtml } from './html-template.js';
import type { GatheredArtifact } from './gather.js';
import { formatDuration } from './markdown.js';
import { destroyedStacks, type ReportModel, type StageRow, type StageStatus } from './model.js';
import type { ReleaseSection } from './release.js';
import { policySentence, type PolicyView } from './policy.js';
import { POLICY_FINDINGS_SHOWN } from './markdown.js';
import { auditHtml } from './audit.js';
import { metricsHtml } from './metrics.js';

/**
 * report.html: one self-contained file (no script, font, image or stylesheet from anywhere; a
 * Content-Security-Policy that forbids loading any), readable offline, with the timeline drawn as
 * inline SVG. Built with the `html` tagged template (html-template.ts), so nothing read from an
 * artifact can add an element or an attribute.
 */

export const STATUS_COLOUR: Record<StageStatus, string> = {
  success: '#1a7f37',
  failure: '#cf222e',
  pending: '#9a6700',
  skipped: '#8c959f',
  missing: '#bc4c00',
  unreadable: '#bc4c00',
  destroyed: '#6e7781',
};

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;background:#fff}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:0 .2rem;border-radius:3px}
.status{font-weight:600}.outcome{display:inline-block;padding:.2rem .7rem;border-radius:1rem;color:#fff;font-weight:600}
.success{color:#1a7f37}.failure,.missing,.unreadable{color:#cf222e}.pending{color:#9a6700}.skipped,.destroyed{color:#57606a}
.meta{color:#57606a}svg text{font:12px system-ui,sans-serif;fill:#1f2328}ul{margin:.3rem 0}
`;

/** The timeline as SVG bars: one row a stage, x from the run's first start to its last end. */
function timeline(rows: readonly StageRow[]): SafeHtml {
  const timed = rows.filter((r) => r.startedAt && r.finishedAt);
  if (timed.length === 0) return html`<p class="meta">No stage recorded when it ran.</p>`;
  const start = Math.min(...timed.map((r) => Date.parse(r.startedAt ?? '')));
  const end = Math.max(...timed.map((r) => Date.parse(r.finishedAt ?? '')), start + 1000);
  const labelWidth = 200;
  const plotWidth = 640;
  const rowHeight = 28;
  const scale = plotWidth / (end - start);
  const bars = timed.map((r, i) => {
    const x = labelWidth + (Date.parse(r.startedAt ?? '') - start) * scale;
    // At least 6 px, so that a stage of a moment is still seen.
    const width = Math.max(6, (Date.parse(r.finishedAt ?? '') - Date.parse(r.startedAt ?? '')) * scale);
    const y = 8 + i * rowHeight;
    const label = `${r.stage}${r.stack ? ` · ${r.stack}` : ''}`;
    return html`<g class="bar" data-stage="${r.stage}" data-status="${r.status}"
      ><text x="4" y="${y + 15}">${label}</text
      ><rect
        x="${x.toFixed(1)}"
        y="${y}"
        width="${Math.min(width, labelWidth + plotWidth - x).toFixed(1)}"
        height="20"
        rx="3"
        fill="${STATUS_COLOUR[r.status]}"
        ><title>
          ${label}: ${r.status},
          ${formatDuration(r.durationSeconds)}${r.estimated ? ' (start estimated)' : ''}
        </title></rect
      ></g
    >`;
  });
  const height = 16 + timed.length * rowHeight + 16;
  const total = formatDuration((end - start) / 1000);
  return html`<svg
    id="timeline"
    role="img"
    aria-label="Timeline of the run"
    xmlns="http://www.w3.org/2000/svg"
    width="${labelWidth + plotWidth + 10}"
    height="${height}"
    viewBox="0 0 ${labelWidth + plotWidth + 10} ${height}"
  >
    <line x1="${labelWidth}" y1="4" x2="${labelWidth}" y2="${height - 16}" stroke="#d0d7de" />
    ${bars}
    <text x="${labelWidth}" y="${height - 2}">${new Date(start).toISOString()}</text>
    <text x="${labelWidth + plotWidth}" y="${height - 2}" text-anchor="end">+${total}</text>
  </svg>`;
}

function stageTable(rows: readonly StageRow[]): SafeHtml {
  return html`<table id="stages">
    <thead>
      <tr>
        <th>stage</th>
        <th>stack</th>
        <th>status</th>
        <th>started</th>
        <th>duration</th>
        <th>key figures</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr data-stage="${r.stage}">
            <td>${r.stage}</td>
            <td><code>${r.stack}</code></td>
            <td class="status ${r.status}">${r.status}</td>
            <td>${r.startedAt ?? ''}</td>
            <td class="n">
              ${formatDuration(r.durationSeconds)}${r.estimated && r.durationSeconds !== undefined ? ' (est.)' : ''}
            </td>
            <td>
              ${r.figures.map((f) => html`<code>${f}</code> `)}${r.note ? html`<div class="${r.status}">${r.note}</div>` : ''}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The Release section, after the verdict: each record's sentences, then its stacks' digests. */
function releaseHtml(section: ReleaseSection | undefined): SafeHtml | '' {
  if (!section) return '';
  return html`<h2>Release</h2>
    <div id="releases">
      ${section.releases.map(
        (r) =>
          html`<div class="release" data-artifact="${r.artifact}" data-outcome="${r.outcome}">
            <p><strong class="${r.outcome}">${r.headline}</strong></p>
            ${r.source ? html`<p class="source">${r.source}</p>` : ''}
            ${r.timeToRestore ? html`<p class="restore">${r.timeToRestore}</p>` : ''}
            <p class="meta">
              commit <code>${r.commit}</code> ·
              ${r.image ? html`image <code>${r.image}</code>` : 'no image build'} ·
              ${r.smoke ? `smoke ${r.smoke}` : 'no smoke tests'} · from <code>${r.artifact}</code>
            </p>
            <table class="release-stacks">
              <thead>
                <tr>
                  <th>stack</th>
                  <th>plan digest</th>
                  <th>smoke</th>
                </tr>
              </thead>
              <tbody>
                ${r.stacks.map(
                  (s) =>
                    html`<tr>
                      <td><code>${s.stack}</code></td>
                      <td><code>${s.planDigest}</code></td>
                      <td class="n">${s.smoke ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`,
      )}
      ${section.warnings.map(
        (w) =>
          html`<p class="failure release-warning">
            The release record <code>${w.artifact}</code> could not be read: ${w.problem}
          </p>`,
      )}
    </div>`;
}

/** Each stack's policy check, as report.md says it; a stack that ran with policy-mode: warn is marked. */
function policyHtml(views: readonly PolicyView[]): SafeHtml | '' {
  if (views.length === 0) return '';
  return html`<h2>Policy</h2>
    <ul id="policy">
      ${views.map(
        (v) =>
          html`<li data-stack="${v.stack}" data-status="${v.status}" data-mode="${v.mode}">
            <code>${v.stack}</code>:
            <span
              class="${v.status === 'passed' ? 'success' : v.status === 'accepted' ? 'pending' : 'failure'}"
              >${policySentence(v)}</span
            >
            ${
              v.failures.length > 0
                ? html`<ul>
                    ${v.failures
                      .slice(0, POLICY_FINDINGS_SHOWN)
                      .map(
                        (f) =>
                          html`<li>
                            <code>${f.rule}</code>${f.address ? html` on <code>${f.address}</code>` : ''}:
                            ${f.message}
                          </li>`,
                      )}
                    ${
                      v.failures.length > POLICY_FINDINGS_SHOWN
                        ? html`<li>
                            … and ${v.failures.length - POLICY_FINDINGS_SHOWN} more in report.json
                          </li>`
                        : ''
                    }
                  </ul>`
                : ''
            }
          </li>`,
      )}
    </ul>`;
}

function sections(artifacts: readonly GatheredArtifact[], policy: readonly PolicyView[]): SafeHtml[] {
  const out: SafeHtml[] = [];
  const destroyed = destroyedStacks(artifacts);
  if (destroyed.length > 0) {
    out.push(
      html`<h2>Destroyed</h2>
        <ul id="destroyed">
          ${destroyed.map(
            (d) =>
              html`<li class="destroyed" data-stack="${d.stack}">
                <code>${d.stack}</code> was destroyed at ${d.destroyedAt} by plan
                <code>${d.planDigest}</code> in run ${d.runId}; it has no outputs now.
              </li>`,
          )}
        </ul>`,
    );
  }
  const plans = artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
  if (plans.length > 0) {
    out.push(
      html`<h2>Plans</h2>
        <table id="plans">
          <thead>
            <tr>
              <th>stack</th>
              <th>add</th>
              <th>change</th>
              <th>destroy</th>
              <th>replace</th>
              <th>digest</th>
            </tr>
          </thead>
          <tbody>
            ${plans.map(
              (m) =>
                html`<tr>
                  <td><code>${m.stack}</code></td>
                  <td class="n">${m.summary.add}</td>
                  <td class="n">${m.summary.change}</td>
                  <td class="n">${m.summary.destroy}</td>
                  <td class="n">${m.summary.replace}</td>
                  <td><code>${m.planDigest}</code></td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${
          plans.some((m) => m.summary.deletes.length > 0)
            ? html`<p><strong>Deletes or replaces:</strong></p>
                <ul>
                  ${plans.flatMap((m) => m.summary.deletes.map((d) => html`<li><code>${m.stack}</code> <code>${d}</code></li>`))}
                </ul>`
            : ''
        }`,
    );
  }
  const approvals = artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
  if (approvals.length > 0) {
    out.push(
      html`<h2>Approvals</h2>
        <ul id="approvals">
          ${approvals.map(
            (r) =>
              html`<li>
                <code>${r.stack}</code>: <strong>${r.status}</strong> (${r.decidedBy}, mode ${r.mode}) for
                plan <code>${r.planDigest}</code> by
                ${r.approvers.length > 0 ? r.approvers.map((v) => html`<code>${v.login}</code> (${v.permission}, ${v.at}) `) : r.decidedBy === 'policy' ? 'policy' : 'nobody'}${r.override ? html`; override by <code>${r.override.by}</code>: ${r.override.justification}` : ''}
              </li>`,
          )}
        </ul>`,
    );
  }
  const policySection = policyHtml(policy);
  if (policySection) out.push(policySection);
  const ansible = artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
  for (const r of ansible) {
    out.push(
      html`<h2>Ansible recap</h2>
        <p>
          <code>${r.playbook}</code> on <code>${r.stack}</code>, exit ${r.exitCode},
          ${formatDuration(r.durationSeconds)}
        </p>
        <table class="recap">
          <thead>
            <tr>
              <th>host</th>
              <th>ok</th>
              <th>changed</th>
              <th>unreachable</th>
              <th>failed</th>
              <th>skipped</th>
            </tr>
          </thead>
          <tbody>
            ${Object.entries(r.recap).map(
              ([host, h]) =>
                html`<tr>
                  <td><code>${host}</code></td>
                  <td class="n">${h.ok}</td>
                  <td class="n">${h.changed}</td>
                  <td class="n">${h.unreachable}</td>
                  <td class="n">${h.failed}</td>
                  <td class="n">${h.skipped}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${
          r.failures.length > 0
            ? html`<ul>
                ${r.failures.slice(0, 20).map((f) => html`<li class="failure"><code>${f.host}</code> ${f.task}: ${f.message}</li>`)}
              </ul>`
            : ''
        }`,
    );
  }
  const smoke = artifacts.flatMap((a) => (a.kind === 'smoke' && a.smoke ? [{ a, s: a.smoke }] : []));
  for (const { a, s } of smoke) {
    out.push(
      html`<h2>Smoke tests</h2>
        <p><code>${s.stack ?? a.stack}</code>: ${s.passed} passed, ${s.failed} failed</p>
        <table class="smoke">
          <thead>
            <tr>
              <th>check</th>
              <th>kind</th>
              <th>category</th>
              <th>target</th>
              <th>status</th>
              <th>attempts</th>
              <th>duration</th>
              <th>message</th>
            </tr>
          </thead>
          <tbody>
            ${s.checks.slice(0, 500).map(
              (c) =>
                html`<tr>
                  <td>${c.name}</td>
                  <td>${c.kind}</td>
                  <td>${c.category}</td>
                  <td><code>${c.target}</code></td>
                  <td class="status ${c.status === 'passed' ? 'success' : 'failure'}">${c.status}</td>
                  <td class="n">${c.attempts}</td>
                  <td class="n">${formatDuration(c.durationSeconds)}</td>
                  <td>${c.message}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
    );
  }
  return out;
}

export function renderHtml(model: ReportModel): string {
  const outcomeColour =
    model.outcome === 'success'
      ? STATUS_COLOUR.success
      : model.outcome === 'failure'
        ? STATUS_COLOUR.failure
        : STATUS_COLOUR.pending;
  const page = html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${model.title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <h1>${model.title}</h1>
        <p>
          <span class="outcome" id="outcome" style="background:${outcomeColour}">${model.outcome}</span>
          <span class="meta"
            >run <a href="${model.run.url}">${model.run.runId}</a> attempt ${model.run.runAttempt} · commit
            <code>${model.run.commit.slice(0, 12)}</code> · <code>${model.run.ref}</code> ·
            ${model.run.repository}</span
          >
        </p>
        ${releaseHtml(model.release)} ${metricsHtml(model.metricsSection)}
        <h2>Stages</h2>
        ${stageTable(model.stages)}
        <h2>Timeline</h2>
        ${timeline(model.stages)} ${sections(model.artifacts, model.policy)} ${auditHtml(model.audit)}
        <h2>Artifacts</h2>
        <ul>
          ${model.artifacts.map((a) => html`<li><code>${a.name}</code>${a.problem ? html` <span class="failure">not read: ${a.problem}</span>` : ''}</li>`)}
        </ul>
        ${model.jobsNote ? html`<p class="meta">${model.jobsNote}</p>` : ''}
        <p class="meta">Generated ${model.generatedAt} by iac-pipeline report.</p>
      </body>
    </html> `;
  return page.value;
}
