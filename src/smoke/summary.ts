import { cellSpan, cellText, codeSpan } from '../markdown/escape.js';
import type { SmokeCheckResult, SmokeResults } from '../contracts/smoke.js';

// Thousands of rows are unreadable and would near the 1 MiB summary limit; results.json has them all.
const MAX_ROWS = 200;
const STATUS: Record<SmokeCheckResult['status'], string> = { passed: '✅', failed: '❌', 'not-run': '⏱️' };

/** The job summary: the verdict, a table by category, the failures, then every check. */
export function smokeSummaryMarkdown(results: SmokeResults, runUrl: string): string {
  const { totals } = results;
  const verdict = results.failedStep ? '❌' : '✅';
  const lines = [
    `## ${verdict} Smoke tests of ${codeSpan(results.stack)}: ${totals.passed} of ${totals.total} passed`,
    '',
    `${results.checks.length} checks from ${codeSpan(results.checksFile)}${results.inventory ? ` on the ${cellText(results.inventory)}` : ''}, ` +
      `in ${results.durationSeconds} s (at most ${results.settings.concurrency} at once, deadline ${results.settings.deadlineSeconds} s` +
      `${results.deadlineReached ? ', **reached**' : ''}). [Run](${runUrl})`,
    '',
    '| category | passed | failed | total |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const [category, tally] of Object.entries(results.byCategory)) {
    lines.push(`| ${category} | ${tally.passed} | ${tally.failed} | ${tally.total} |`);
  }
  lines.push(`| **all** | **${totals.passed}** | **${totals.failed}** | **${totals.total}** |`, '');
  if (results.settings.failOn === 'threshold') {
    lines.push(`Fails below ${results.settings.threshold}% passing.`, '');
  }
  const failed = results.checks.filter((check) => check.status !== 'passed');
  if (failed.length > 0) {
    lines.push(
      `### Failed (${failed.length})`,
      '',
      '| check | category | target | tries | why |',
      '| --- | --- | --- | ---: | --- |',
    );
    for (const check of failed.slice(0, MAX_ROWS)) {
      lines.push(
        `| ${STATUS[check.status]} ${cellText(check.id)} | ${check.category} | ${cellSpan(check.target)} | ${check.attempts} | ${cellText(check.message)} |`,
      );
    }
    if (failed.length > MAX_ROWS) lines.push('', `…and ${failed.length - MAX_ROWS} more in results.json.`);
    lines.push('');
  }
  lines.push(
    '<details><summary>Every check</summary>',
    '',
    '| | check | kind | category | tags | target | tries | seconds |',
    '| --- | --- | --- | --- | --- | --- | ---: | ---: |',
  );
  for (const check of results.checks.slice(0, MAX_ROWS)) {
    lines.push(
      `| ${STATUS[check.status]} | ${cellText(check.id)} | ${check.kind} | ${check.category} | ${cellText(check.tags.join(', '))} | ${cellSpan(check.target)} | ${check.attempts} | ${check.durationSeconds} |`,
    );
  }
  if (results.checks.length > MAX_ROWS)
    lines.push('', `…and ${results.checks.length - MAX_ROWS} more in results.json.`);
  lines.push('', '</details>', '');
  return lines.join('\n');
}
