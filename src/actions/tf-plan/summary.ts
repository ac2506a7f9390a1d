import type { RunContext } from '../../core/run-context.js';
import type { TfPlanResult } from './plan.js';

/** Escapes text for a Markdown table cell or list item: no markup, no broken rows. */
function cell(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * The job summary of a plan: what changes, what is deleted, and the digest an approval must name.
 * (The full plan rendering for reviewers, with attribute diffs, is the plan summary module's.)
 */
export function planSummaryMarkdown(result: TfPlanResult, run: RunContext): string {
  const { summary, manifest } = result;
  const lines = [
    `## Plan for \`${cell(result.stack)}\` (workspace \`${cell(result.workspace)}\`)`,
    '',
    summary.hasChanges ? '' : '**No changes.** The infrastructure matches the configuration.',
    '',
    '| add | change | replace | destroy | import | move |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${summary.add} | ${summary.change} | ${summary.replace} | ${summary.destroy} | ${summary.import} | ${summary.move} |`,
    '',
  ];
  if (result.drift !== undefined) {
    lines.push(result.drift ? '**Drift:** the real infrastructure differs from the state.' : 'No drift.', '');
  }
  if (summary.deletes.length > 0) {
    lines.push(`### :warning: Deleted or replaced (${summary.deletes.length})`, '');
    for (const address of summary.deletes) lines.push(`- \`${cell(address)}\``);
    lines.push('');
  }
  lines.push(
    `Plan digest \`${manifest.planDigest}\` (approve with \`/approve ${manifest.planDigest.slice('sha256:'.length, 'sha256:'.length + 12)}\`) · ` +
      `${result.artifact ? `artifact \`${cell(result.artifactName)}\`` : 'no artifact uploaded'} · ` +
      `commit \`${run.sha.slice(0, 12)}\` · ${manifest.tool.name} ${manifest.tool.version} · [run](${run.runUrl})`,
    '',
  );
  return lines.filter((line, index, all) => !(line === '' && all[index - 1] === '')).join('\n');
}
