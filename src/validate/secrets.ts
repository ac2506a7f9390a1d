import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { gitleaksVersion, runGitleaks } from '../secrets/gitleaks.js';
import { valuesAtFindings, type Redactor } from '../secrets/redact.js';
import { scanTree, type SecretFinding } from '../secrets/scan.js';
import { findOnPath } from '../terraform/tool.js';
import { annotationOf, skipped, type CheckResult, type Finding } from './checks.js';

/**
 * The secret scan of the working tree: gitleaks when it is on PATH, else the built-in rules. A finding
 * names the rule, the file and the line, never the secret.
 * It is not masked either: `::add-mask::` would print it to the raw log in order to hide it. Instead
 * each secret's text goes to the run's redactor, which hides it in every text that leaves the step.
 */

export interface SecretCheckDependencies {
  exec: Exec;
  logger: Logger;
  workspace: string;
  runnerTemp: string;
  searchPath?: string;
  /** Told every value the scan finds, so that later checks' output cannot print it. */
  redactor?: Redactor;
}

const TITLE = 'secret scan';

export async function checkSecrets(enabled: boolean, deps: SecretCheckDependencies): Promise<CheckResult> {
  if (!enabled) return skipped('secrets', TITLE, '.', 'scan-secrets is false');
  const { logger, workspace } = deps;
  return logger.group('secret scan', async () => {
    const started = Date.now();
    const gitleaks = findOnPath('gitleaks', deps.searchPath ?? process.env.PATH ?? '');
    let found: SecretFinding[];
    let scanner: string;
    if (gitleaks) {
      const tool = await gitleaksVersion(gitleaks, deps.exec);
      scanner = `gitleaks ${tool.version}`;
      logger.info(`Scanning the working tree with ${scanner} (on PATH), in place of the built-in rules.`);
      found = await runGitleaks(tool, workspace, deps.exec, deps.runnerTemp);
      // gitleaks ran with --redact: the values are read back from the files, at the places it names.
      const redactor = deps.redactor;
      if (redactor) for (const value of await valuesAtFindings(workspace, found)) redactor.add(value);
    } else {
      const redactor = deps.redactor;
      const { findings, statistics } = await scanTree(
        workspace,
        redactor ? { onSecret: (value) => redactor.add(value) } : {},
      );
      scanner = 'built-in rules';
      logger.info(
        `Scanned ${statistics.filesScanned} file(s), ${statistics.bytesScanned} bytes, in ${statistics.durationMs} ms ` +
          `with the built-in rules; left out ${statistics.binaryFiles} binary and ${statistics.largeFiles} large file(s), ` +
          'and whatever .gitignore, .git, .terraform and node_modules hold.',
      );
      found = findings;
    }
    const findings = found.map((secret): Finding => {
      const finding: Finding = {
        rule: `secrets/${secret.rule}`,
        ruleDescription: secret.description,
        level: 'error',
        message: `${secret.description} found in ${secret.file} line ${secret.line}. Revoke it, remove it from the file and its history, and load it from a secret store instead.`,
        file: secret.file,
        line: secret.line,
        column: secret.column,
        endColumn: secret.endColumn,
      };
      logger.error(finding.message, annotationOf(finding));
      return finding;
    });
    if (findings.length === 0) logger.info('No secrets found.');
    return {
      id: 'secrets',
      title: TITLE,
      subject: '.',
      status: findings.length === 0 ? 'passed' : 'failed',
      reason: `${findings.length === 0 ? 'no secrets' : `${findings.length} secret(s)`} found (${scanner})`,
      findings,
      durationMs: Date.now() - started,
    };
  });
}
