import { cellText, codeBlock, codeSpan, htmlText } from '../markdown/escape.js';
import { placeOf, type CheckStatus } from './checks.js';
import type { ValidateResult } from './validate.js';

/**
 * The job summary: one table of every check (skipped ones with their reason), then a diff per file
 * fmt would change, the result of every test run, and the findings by file and line. Bounded: diffs
 * and lists are cut with a note, so a repository full of problems cannot make the runner drop it.
 */

const ICON: Record<CheckStatus, string> = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' };
const DIFF_LINES = 200;
const LISTED_FINDINGS = 200;

export function validateSummaryMarkdown(
  result: Pick<ValidateResult, 'passed' | 'checks' | 'findings' | 'sarifPath' | 'artifactName'>,
): string {
  const { checks } = result;
  const out: string[] = [];
  const failed = checks.filter((c) => c.status === 'failed').length;
  const skippedCount = checks.filter((c) => c.status === 'skipped').length;
  out.push(
    `## Validate: ${result.passed ? '✅ passed' : `❌ ${failed} check(s) failed`}`,
    '',
    `${checks.length - failed - skippedCount} passed, ${failed} failed, ${skippedCount} skipped; ` +
      `${result.findings} finding(s) in the SARIF file (artifact ${codeSpan(result.artifactName)}).`,
    '',
    '| Check | On | Result | Details |',
    '|---|---|---|---|',
  );
  for (const check of checks) {
    out.push(
      `| ${cellText(check.title)} | ${cellText(check.subject)} | ${ICON[check.status]} | ${cellText(check.reason ?? '')} |`,
    );
  }

  const diffs = checks.flatMap((check) => check.diffs ?? []);
  if (diffs.length > 0) {
    out.push('', '### Formatting', '');
    for (const { file, diff } of diffs) {
      const lines = diff.split('\n');
      const shown = lines.slice(0, DIFF_LINES).join('\n');
      const more = lines.length - DIFF_LINES;
      out.push(
        `<details><summary><code>${htmlText(file)}</code> is not formatted</summary>`,
        '',
        codeBlock(shown, 'diff'),
        ...(more > 0 ? ['', `_${more} more line(s) of this diff are not shown._`] : []),
        '',
        '</details>',
      );
    }
  }

  const testChecks = checks.filter((check) => check.tests !== undefined);
  if (testChecks.length > 0) {
    out.push('', '### Tests', '', '| File | Run | Result |', '|---|---|---|');
    for (const check of testChecks) {
      for (const test of check.tests ?? []) {
        const status =
          test.status === 'pass' ? '✅ pass' : test.status === 'skip' ? '⏭️ skip' : `❌ ${test.status}`;
        out.push(`| ${cellText(test.file)} | ${cellText(test.run)} | ${status} |`);
      }
    }
  }

  const findings = checks.flatMap((check) => check.findings.map((finding) => ({ check, finding })));
  if (findings.length > 0) {
    out.push('', '### Findings', '');
    for (const { finding } of findings.slice(0, LISTED_FINDINGS)) {
      const place = placeOf(finding);
      out.push(
        `- **${cellText(finding.rule)}** ${place ? `${codeSpan(place)}: ` : ''}${cellText(finding.message)}`,
      );
    }
    if (findings.length > LISTED_FINDINGS) {
      out.push('', `_${findings.length - LISTED_FINDINGS} more finding(s) are in the SARIF file._`);
    }
  }
  return `${out.join('\n')}\n`;
}
