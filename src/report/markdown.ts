import { cellCode, cellText, codeSpan, headingText, oneLine, truncate } from '../markdown/escape.js';
import { destroyedStacks, type ReportModel, type StageRow, type StageStatus } from './model.js';
import type { GatheredArtifact } from './gather.js';
import type { ReleaseSection } from './release.js';
import { policySentence, type PolicyStatus, type PolicyView } from './policy.js';
import { auditMarkdown } from './audit.js';
import { metricsMarkdown } from './metrics.js';

/**
 * report.md and the job summary. Every text that came from an artifact (stack names, addresses,
 * logins, messages) goes through the repository's escaping helpers: a code span, or a `<code>`
 * element in a table cell, so none of it can add markup, mentions or links.
 */

export const STATUS_MARK: Record<StageStatus, string> = {
  success: ':white_check_mark: success',
  failure: ':x: failure',
  pending: ':hourglass: pending',
  skipped: ':fast_forward: skipped',
  missing: ':warning: missing',
  unreadable: ':warning: unreadable',
  destroyed: ':wastebasket: destroyed',
};

const OUTCOME_MARK = {
  success: ':white_check_mark: **Succeeded**',
  failure: ':x: **Failed**',
  pending: ':hourglass: **Waiting**',
} as const;

import { formatDuration } from './format.js';

export { formatDuration };

/** Mermaid's gantt syntax reads `:`, `;`, `#` and line breaks in a task name: only plain characters stay. */
export function mermaidLabel(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9 ._()/+-]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'stage'
  );
}

const MERMAID_STATE: Record<StageStatus, string> = {
  success: 'done, ',
  failure: 'crit, ',
  pending: 'active, ',
  skipped: '',
  missing: 'crit, ',
  unreadable: 'crit, ',
  destroyed: 'done, ',
};

/** The timeline as a Mermaid gantt chart; times as epoch milliseconds so no time zone is involved. */
export function mermaidGantt(rows: readonly StageRow[]): string | undefined {
  const timed = rows.filter((r) => r.startedAt && r.finishedAt);
  if (timed.length === 0) return undefined;
  const lines = ['```mermaid', 'gantt', '  dateFormat x', '  axisFormat %H:%M:%S', '  section Run'];
  timed.forEach((r, index) => {
    const start = Date.parse(r.startedAt ?? '');
    // A task of no length is not drawn: give every stage at least a second.
    const end = Math.max(Date.parse(r.finishedAt ?? ''), start + 1000);
    const label = mermaidLabel(`${r.stage}${r.stack ? ` ${r.stack}` : ''}`);
    lines.push(`  ${label} :${MERMAID_STATE[r.status]}s${index}, ${start}, ${end}`);
  });
  lines.push('```');
  return lines.join('\n');
}

function stageTable(rows: readonly StageRow[]): string[] {
  if (rows.length === 0) return ["_No stage left an artifact, and the run's jobs could not be read._"];
  const lines = ['| stage | stack | status | duration | key figures |', '| --- | --- | --- | ---: | --- |'];
  for (const r of rows) {
    const figures = [...r.figures, ...(r.note ? [r.note] : [])].map((f) => cellCode(f)).join(' ');
    const duration = `${formatDuration(r.durationSeconds)}${r.estimated && r.durationSeconds !== undefined ? ' (est.)' : ''}`;
    lines.push(
      `| ${r.stage} | ${r.stack ? cellCode(r.stack) : ''} | ${STATUS_MARK[r.status]} | ${duration} | ${figures} |`,
    );
  }
  return lines;
}

/**
 * What the run recorded as releases, right after the verdict: the release is what the run was for. The
 * sentences are plain text from the records (environments, failure reasons, image ids), so they go out
 * as heading text, and names and digests as code.
 */
function releaseMarkdown(section: ReleaseSection | undefined): string[] {
  if (!section) return [];
  const lines = ['### Release', ''];
  for (const r of section.releases) {
    lines.push(
      `${r.outcome === 'success' ? ':white_check_mark:' : ':x:'} **${headingText(r.headline)}**`,
      '',
      ...(r.source ? [headingText(r.source), ''] : []),
      ...(r.timeToRestore ? [headingText(r.timeToRestore), ''] : []),
      `Commit ${codeSpan(r.commit)} · ${r.image ? `image ${codeSpan(r.image)}` : 'no image build'} · ${r.smoke ? `smoke ${r.smoke}` : 'no smoke tests'} · from ${codeSpan(r.artifact)}`,
      '',
      '| stack | plan digest | smoke |',
      '| --- | --- | ---: |',
      ...r.stacks.map((s) => `| ${cellCode(s.stack)} | ${cellCode(s.planDigest)} | ${s.smoke ?? ''} |`),
      '',
    );
  }
  for (const w of section.warnings) {
    lines.push(
      `:warning: The release record ${codeSpan(w.artifact)} could not be read: ${codeSpan(w.problem)}`,
      '',
    );
  }
  return lines;
}

/** One line a stack the run destroyed: what the outputs artifact's destroyed.json says. */
function destroyedSection(artifacts: readonly GatheredArtifact[]): string[] {
  const destroyed = destroyedStacks(artifacts);
  if (destroyed.length === 0) return [];
  return [
    '### Destroyed',
    '',
    ...destroyed.map(
      (d) =>
        `- :wastebasket: ${codeSpan(d.stack)} was destroyed at ${codeSpan(d.destroyedAt)} by plan ${codeSpan(d.planDigest)} in run ${d.runId}; it has no outputs now.`,
    ),
    '',
  ];
}

function planSection(artifacts: readonly GatheredArtifact[]): string[] {
  const plans = artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [{ a, m: a.manifest }] : []));
  if (plans.length === 0) return [];
  const lines = [
    '### Plans',
    '',
    '| stack | add | change | destroy | replace | import | move | digest |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const { m } of plans) {
    const s = m.summary;
    lines.push(
      `| ${cellCode(m.stack)} | ${s.add} | ${s.change} | ${s.destroy} | ${s.replace} | ${s.import} | ${s.move} | ${cellCode(m.planDigest)} |`,
    );
  }
  const deletes = plans.flatMap(({ m }) => m.summary.deletes.map((address) => ({ stack: m.stack, address })));
  if (deletes.length > 0) {
    lines.push('', `**Deletes or replaces ${deletes.length} resource(s):**`, '');
    for (const d of deletes.slice(0, 100)) lines.push(`- ${codeSpan(d.stack)} ${codeSpan(d.address)}`);
    if (deletes.length > 100) lines.push(`- … and ${deletes.length - 100} more in report.json`);
  }
  return [...lines, ''];
}

function approvalSection(artifacts: readonly GatheredArtifact[]): string[] {
  const records = artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
  if (records.length === 0) return [];
  const lines = ['### Approvals', ''];
  for (const r of records) {
    const who =
      r.approvers.length > 0
        ? r.approvers
            .map((v) => `${codeSpan(v.login)} (${codeSpan(v.permission)}, ${codeSpan(v.at)})`)
            .join(', ')
        : r.decidedBy === 'policy'
          ? 'policy'
          : 'nobody';
    lines.push(
      `- ${codeSpan(r.stack)}: **${r.status}** (${r.decidedBy}, mode ${r.mode}) for plan ${codeSpan(r.planDigest)} by ${who}${r.override ? `; override by ${codeSpan(r.override.by)}: ${codeSpan(r.override.justification)}` : ''}${r.rejects.length > 0 ? `; rejected by ${r.rejects.map((v) => codeSpan(v.login)).join(', ')}` : ''}`,
    );
  }
  return [...lines, ''];
}

const POLICY_MARK: Record<PolicyStatus, string> = {
  passed: ':white_check_mark:',
  failed: ':x:',
  accepted: ':ballot_box_with_check:',
  warned: ':warning:',
};
/** Failures listed per stack; the rest are in report.json. */
export const POLICY_FINDINGS_SHOWN = 20;

/**
 * Each stack's policy check: passed, its failures and whether policy owners accepted them, and a
 * warning mark on every stack that ran with `policy-mode: warn`, which nothing enforced.
 */
function policySection(views: readonly PolicyView[]): string[] {
  if (views.length === 0) return [];
  const lines = ['### Policy', ''];
  for (const view of views) {
    const mark = view.mode === 'warn' ? POLICY_MARK.warned : POLICY_MARK[view.status];
    lines.push(`- ${mark} ${codeSpan(view.stack)}: ${headingText(policySentence(view))}`);
    for (const f of view.failures.slice(0, POLICY_FINDINGS_SHOWN)) {
      const where = f.address ? ` on ${codeSpan(f.address)}` : '';
      lines.push(`  - ${codeSpan(f.rule)}${where}: ${codeSpan(truncate(f.message, 500))}`);
    }
    if (view.failures.length > POLICY_FINDINGS_SHOWN) {
      lines.push(`  - … and ${view.failures.length - POLICY_FINDINGS_SHOWN} more in report.json`);
    }
  }
  return [...lines, ''];
}

function ansibleSection(artifacts: readonly GatheredArtifact[]): string[] {
  const all = artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
  if (all.length === 0) return [];
  const lines = ['### Ansible recap', ''];
  for (const r of all) {
    lines.push(
      `${codeSpan(r.playbook)} on ${codeSpan(r.stack)}${r.check ? ' (check mode)' : ''}, exit ${r.exitCode}, ${formatDuration(r.durationSeconds)}`,
      '',
      '| host | ok | changed | unreachable | failed | skipped |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const [host, h] of Object.entries(r.recap).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(
        `| ${cellCode(host)} | ${h.ok} | ${h.changed} | ${h.unreachable} | ${h.failed} | ${h.skipped} |`,
      );
    }
    for (const f of r.failures.slice(0, 20)) {
      lines.push('', `- :x: ${codeSpan(f.host)} ${codeSpan(f.task)}: ${codeSpan(f.message)}`);
    }
    lines.push('');
  }
  return lines;
}

function smokeSection(artifacts: readonly GatheredArtifact[]): string[] {
  const all = artifacts.flatMap((a) => (a.kind === 'smoke' && a.smoke ? [{ a, s: a.smoke }] : []));
  if (all.length === 0) return [];
  const lines = ['### Smoke tests', ''];
  for (const { a, s } of all) {
    lines.push(
      `${codeSpan(s.stack ?? a.stack)}: ${s.passed} passed, ${s.failed} failed`,
      '',
      '| check | kind | category | target | status | attempts | duration | message |',
      '| --- | --- | --- | --- | --- | ---: | ---: | --- |',
    );
    for (const c of s.checks.slice(0, 200)) {
      lines.push(
        `| ${cellCode(c.name)} | ${cellCode(c.kind)} | ${cellCode(c.category)} | ${cellCode(c.target)} | ${c.status === 'passed' ? ':white_check_mark:' : ':x:'} ${c.status} | ${c.attempts} | ${formatDuration(c.durationSeconds)} | ${c.message ? cellCode(c.message) : ''} |`,
      );
    }
    if (s.checks.length > 200) lines.push('', `… and ${s.checks.length - 200} more checks in results.json`);
    lines.push('');
  }
  return lines;
}

function artifactSection(model: ReportModel): string[] {
  const lines = ['### Artifacts', ''];
  if (model.artifacts.length === 0) lines.push('_None._');
  for (const a of model.artifacts) {
    lines.push(`- ${codeSpan(a.name)}${a.problem ? `: :warning: not read: ${codeSpan(a.problem)}` : ''}`);
  }
  if (model.jobsNote) lines.push('', `_${cellText(oneLine(model.jobsNote))}_`);
  if (model.backup) {
    lines.push(
      '',
      'problem' in model.backup
        ? `:warning: The state backup failed: ${codeSpan(model.backup.problem)}`
        : `State backup: ${codeSpan(model.backup.artifact)}${model.backup.encrypted ? ' (encrypted)' : ' (not encrypted: give encryption-key to seal it)'}`,
    );
  }
  return [...lines, ''];
}

/** The whole report as GitHub Markdown: report.md, and the job summary. */
export function renderMarkdown(model: ReportModel): string {
  const gantt = mermaidGantt(model.stages);
  const lines = [
    `## ${headingText(model.title)}`,
    '',
    `${OUTCOME_MARK[model.outcome]} · run [${model.run.runId}](${model.run.url}) attempt ${model.run.runAttempt} · commit ${codeSpan(model.run.commit.slice(0, 12))} · ${codeSpan(model.run.ref)}${model.startedAt && model.finishedAt ? ` · ${formatDuration((Date.parse(model.finishedAt) - Date.parse(model.startedAt)) / 1000)}` : ''}`,
    '',
    ...releaseMarkdown(model.release),
    ...metricsMarkdown(model.metricsSection),
    '### Stages',
    '',
    ...stageTable(model.stages),
    '',
    ...(gantt ? ['### Timeline', '', gantt, ''] : []),
    ...destroyedSection(model.artifacts),
    ...planSection(model.artifacts),
    ...approvalSection(model.artifacts),
    ...policySection(model.policy),
    ...ansibleSection(model.artifacts),
    ...smokeSection(model.artifacts),
    ...auditMarkdown(model.audit),
    ...artifactSection(model),
    `_Generated ${model.generatedAt} by iac-pipeline report._`,
    '',
  ];
  return lines.join('\n');
}
