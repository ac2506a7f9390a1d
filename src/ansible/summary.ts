import { cellSpan, cellText, codeBlock, codeSpan, htmlText } from '../markdown/escape.js';
import type { AnsibleResults } from './results.js';

// The summary must stay far under the runner's 1 MiB; diffs are what can grow without bound.
const MAX_LISTED = 50;
const MAX_DIFF_CHARS = 10_000;
const DIFF_BUDGET_CHARS = 300_000;
// Colour codes, when ANSIBLE_FORCE_COLOR made the diff for a terminal.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function headline(results: AnsibleResults): string {
  const hosts = Object.keys(results.recap).length;
  const changedHosts = Object.values(results.recap).filter((r) => r.changed > 0).length;
  const problems: string[] = [];
  if (results.failedHosts.length > 0) problems.push(`failed on ${results.failedHosts.join(', ')}`);
  if (results.unreachableHosts.length > 0) {
    problems.push(`could not reach ${results.unreachableHosts.join(', ')}`);
  }
  if (problems.length > 0) {
    const text = problems.join('; ');
    return `:x: **${cellText(text.charAt(0).toUpperCase() + text.slice(1))}.**`;
  }
  if (results.check) {
    return changedHosts > 0
      ? `**${changedHosts} of ${plural(hosts, 'host')} would change.** Nothing was changed: this is a check-mode preview.`
      : `**No changes:** all ${plural(hosts, 'host')} already match the playbook (check mode).`;
  }
  return `**Configured ${plural(hosts, 'host')}**, ${changedHosts} changed.`;
}

function recapTable(results: AnsibleResults): string[] {
  const lines = [
    `| host | ok | ${results.check ? 'would change' : 'changed'} | unreachable | failed | skipped | rescued | ignored | OS | kernel | Python |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |',
  ];
  for (const [host, r] of Object.entries(results.recap).sort(([a], [b]) => a.localeCompare(b))) {
    const facts = results.facts[host] ?? {};
    const mark = r.failed > 0 || r.unreachable > 0 ? ':x: ' : '';
    lines.push(
      `| ${mark}${cellSpan(host)} | ${r.ok} | ${r.changed} | ${r.unreachable} | ${r.failed} | ${r.skipped} | ${r.rescued} | ${r.ignored} | ${cellText(facts.os ?? '')} | ${cellText(facts.kernel ?? '')} | ${cellText(facts.python ?? '')} |`,
    );
  }
  return lines;
}

function changeList(results: AnsibleResults): string[] {
  if (results.changes.length === 0) return [];
  const lines = [results.check ? '### Would change (check mode)' : '### Changed', ''];
  let budget = DIFF_BUDGET_CHARS;
  for (const change of results.changes.slice(0, MAX_LISTED * 2)) {
    const place = change.path ? ` (<code>${htmlText(change.path)}</code>)` : '';
    const title = `<code>${htmlText(change.host)}</code> · ${htmlText(change.task)}${place}`;
    if (!change.diff || budget <= 0) {
      lines.push(`- ${title}`);
      continue;
    }
    let diff = change.diff.replace(ANSI, '').trimEnd();
    if (diff.length > MAX_DIFF_CHARS)
      diff = `${diff.slice(0, MAX_DIFF_CHARS)}\n... (cut; the full diff is in the log)`;
    budget -= diff.length;
    lines.push(`<details><summary>${title}</summary>`, '', codeBlock(diff, 'diff'), '', '</details>', '');
  }
  const hidden = results.changes.length - MAX_LISTED * 2;
  if (hidden > 0) lines.push(`- … and ${hidden} more in results.json`);
  return [...lines, ''];
}

/** The job summary of a run: the recap with each host's OS, what failed, and what changed or would. */
export function ansibleSummaryMarkdown(results: AnsibleResults, runUrl: string): string {
  const lines = [
    `## Ansible${results.check ? ' preview (check mode)' : ''}: ${codeSpan(results.playbook)} on ${codeSpan(results.stack)}`,
    '',
    headline(results),
    '',
    ...recapTable(results),
    '',
  ];
  if (results.failures.length > 0) {
    lines.push('### Failed tasks', '');
    for (const f of results.failures.slice(0, MAX_LISTED)) {
      const place = f.path ? ` (${codeSpan(f.path)})` : '';
      lines.push(`- ${codeSpan(f.host)} · **${cellText(f.task)}**${place}: ${cellText(f.message)}`);
    }
    if (results.failures.length > MAX_LISTED) {
      lines.push(`- … and ${results.failures.length - MAX_LISTED} more in results.json`);
    }
    lines.push('');
  }
  const unreachable = Object.entries(results.unreachable);
  if (unreachable.length > 0) {
    lines.push('### Unreachable hosts', '');
    for (const [host, message] of unreachable.slice(0, MAX_LISTED)) {
      lines.push(`- ${codeSpan(host)}: ${cellText(message)}`);
    }
    lines.push('');
  }
  if (results.unmatchedPlays.length > 0) {
    lines.push(
      `:warning: Plays that matched no host: ${results.unmatchedPlays.map((p) => `**${cellText(p.play)}** (${codeSpan(p.pattern)})`).join(', ')}.`,
      '',
    );
  }
  lines.push(...changeList(results));
  const footer = [
    results.ansibleVersion ? `ansible-core ${cellText(results.ansibleVersion)}` : '',
    `inventory: ${cellText(results.inventory)}`,
    results.limit ? `limit ${codeSpan(results.limit)}` : '',
    results.tags.length > 0 ? `tags ${results.tags.map((t) => codeSpan(t)).join(', ')}` : '',
    `${results.durationSeconds.toFixed(1)} s`,
    `commit \`${results.commit.slice(0, 12)}\``,
    `[run](${runUrl})`,
  ].filter(Boolean);
  lines.push(footer.join(' · '), '');
  return lines.filter((line, index, all) => !(line === '' && all[index - 1] === '')).join('\n');
}
