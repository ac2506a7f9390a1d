import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { SecretFinding } from './scan.js';

/**
 * gitleaks, when it is on PATH, in place of the built-in rules: its rule set is larger and kept up by
 * people who do nothing else. It runs over the directory (not the git history) with --redact, writes a
 * JSON report to a private temporary directory, and only the rule, file and place are read back: the
 * report's Secret and Match fields are never kept. Its own output is never logged.
 */

export interface GitleaksTool {
  path: string;
  version: string;
  /** `gitleaks dir` arrived in 8.19; older versions scan a directory with `detect --no-git`. */
  hasDirCommand: boolean;
}

export async function gitleaksVersion(path: string, exec: Exec): Promise<GitleaksTool> {
  const result = await exec(path, ['version']);
  const version = /v?(\d+)\.(\d+)\.(\d+)/.exec(result.stdout);
  const major = Number(version?.[1] ?? 0);
  const minor = Number(version?.[2] ?? 0);
  return {
    path,
    version: version ? `${version[1]}.${version[2]}.${version[3]}` : 'unknown',
    hasDirCommand: major > 8 || (major === 8 && minor >= 19),
  };
}

interface GitleaksRecord {
  RuleID?: unknown;
  Description?: unknown;
  File?: unknown;
  StartLine?: unknown;
  StartColumn?: unknown;
  EndColumn?: unknown;
}

export async function runGitleaks(
  tool: GitleaksTool,
  root: string,
  exec: Exec,
  tempRoot: string,
): Promise<SecretFinding[]> {
  const dir = await mkdtemp(join(tempRoot, 'iac-gitleaks-'));
  const report = join(dir, 'report.json');
  try {
    const args = tool.hasDirCommand
      ? [
          'dir',
          root,
          '--report-format',
          'json',
          '--report-path',
          report,
          '--redact',
          '--exit-code',
          '0',
          '--no-banner',
        ]
      : [
          'detect',
          '--no-git',
          '--source',
          root,
          '--report-format',
          'json',
          '--report-path',
          report,
          '--redact',
          '--exit-code',
          '0',
          '--no-banner',
        ];
    const result = await exec(tool.path, args, { cwd: root });
    if (result.exitCode !== 0) {
      // stderr is gitleaks' own log; with --redact it holds no secret, but keep the message short.
      const reason = result.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
      throw new StepFailure(`gitleaks exited with code ${result.exitCode}${reason ? `: ${reason}` : ''}`);
    }
    const text = await readFile(report, 'utf8').catch(() => '[]');
    return parseGitleaksReport(text, root);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The findings of a gitleaks JSON report, without the secret and match fields. */
export function parseGitleaksReport(text: string, root: string): SecretFinding[] {
  let records: unknown;
  try {
    records = JSON.parse(text.trim() === '' ? '[]' : text);
  } catch {
    throw new StepFailure('gitleaks wrote a report that is not JSON');
  }
  if (!Array.isArray(records)) throw new StepFailure('gitleaks wrote a report that is not a JSON array');
  return (records as GitleaksRecord[]).map((record) => {
    const file = typeof record.File === 'string' ? record.File : '';
    const line = typeof record.StartLine === 'number' && record.StartLine > 0 ? record.StartLine : 1;
    const column = typeof record.StartColumn === 'number' && record.StartColumn > 0 ? record.StartColumn : 1;
    const endColumn =
      typeof record.EndColumn === 'number' && record.EndColumn >= column ? record.EndColumn : column;
    return {
      rule: typeof record.RuleID === 'string' ? record.RuleID : 'gitleaks',
      description: typeof record.Description === 'string' ? record.Description : 'Secret found by gitleaks',
      file: relativeTo(root, file),
      line,
      column,
      endColumn,
    };
  });
}

function relativeTo(root: string, file: string): string {
  const path = isAbsolute(file) ? relative(root, file) : file;
  return path.split(sep).join('/').replace(/^\.\//, '');
}
