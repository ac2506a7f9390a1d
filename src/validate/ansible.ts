import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { findOnPath } from '../terraform/tool.js';
import { annotationOf, skipped, type CheckResult, type Finding } from './checks.js';

/**
 * `ansible-playbook --syntax-check` of the playbook input, and ansible-lint over it when ansible-lint
 * is installed. Both run in the playbook's directory, so an ansible.cfg beside it applies. The text
 * Ansible prints after "The offending line appears to be" quotes the playbook, which may hold values
 * nobody should see in a log: only the error and its place are kept.
 */

export interface AnsibleCheckDependencies {
  exec: Exec;
  logger: Logger;
  workspace: string;
  searchPath?: string;
}

const ANSIBLE_ENV = {
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_FORCE_COLOR: '0',
  ANSIBLE_RETRY_FILES_ENABLED: '0',
} as const;
const SYNTAX_TITLE = 'ansible-playbook --syntax-check';
const LINT_TITLE = 'ansible-lint';

export async function checkAnsible(
  playbook: string | undefined,
  deps: AnsibleCheckDependencies,
): Promise<CheckResult[]> {
  if (playbook === undefined) {
    return [
      skipped('ansible-syntax', SYNTAX_TITLE, '-', 'no playbook given'),
      skipped('ansible-lint', LINT_TITLE, '-', 'no playbook given'),
    ];
  }
  const searchPath = deps.searchPath ?? process.env.PATH ?? '';
  const subject = toWorkspace(deps.workspace, playbook);
  const program = findOnPath('ansible-playbook', searchPath);
  const syntax = program
    ? await deps.logger.group(`ansible-playbook --syntax-check (${subject})`, () =>
        syntaxCheck(program, playbook, subject, deps),
      )
    : skipped('ansible-syntax', SYNTAX_TITLE, subject, 'ansible-playbook is not on PATH');
  const linter = findOnPath('ansible-lint', searchPath);
  const lint = linter
    ? await deps.logger.group(`ansible-lint (${subject})`, () =>
        lintPlaybook(linter, playbook, subject, deps),
      )
    : skipped('ansible-lint', LINT_TITLE, subject, 'ansible-lint is not installed');
  return [syntax, lint];
}

async function syntaxCheck(
  program: string,
  playbook: string,
  subject: string,
  deps: AnsibleCheckDependencies,
): Promise<CheckResult> {
  const { exec, logger, workspace } = deps;
  const started = Date.now();
  const result = await exec(program, ['--syntax-check', basename(playbook)], {
    cwd: dirname(playbook),
    env: { ...ANSIBLE_ENV },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  for (const line of keptLines(output)) logger.info(line);
  const durationMs = Date.now() - started;
  if (result.exitCode === 0) {
    return { id: 'ansible-syntax', title: SYNTAX_TITLE, subject, status: 'passed', findings: [], durationMs };
  }
  const finding = syntaxFinding(output, playbook, subject, workspace);
  logger.error(finding.message, annotationOf(finding));
  return {
    id: 'ansible-syntax',
    title: SYNTAX_TITLE,
    subject,
    status: 'failed',
    reason: finding.message,
    findings: [finding],
    durationMs,
  };
}

/** Ansible's output up to the quoted source: the error, its place, and warnings. */
function keptLines(output: string): string[] {
  const kept: string[] = [];
  for (const line of output.split('\n')) {
    if (/^The offending line appears to be:/.test(line.trim())) break;
    if (line.trim() !== '') kept.push(line);
  }
  return kept;
}

const ERROR_LINE = /^ERROR! (.*)$/m;
const PLACE = /The error appears to be in '([^']+)': line (\d+), column (\d+)/;

/** The finding of a failed syntax check: Ansible's error, at the file and line it names. */
export function syntaxFinding(output: string, playbook: string, subject: string, workspace: string): Finding {
  const message = ERROR_LINE.exec(output)?.[1]?.trim() || 'The playbook failed the syntax check';
  const place = PLACE.exec(output.replace(/\n/g, ' '));
  const file = place ? toWorkspace(workspace, resolve(dirname(playbook), place[1] ?? '')) : subject;
  const inside = !file.startsWith('../') && !isAbsolute(file);
  return {
    rule: 'ansible/syntax-check',
    ruleDescription: 'Playbook syntax error',
    level: 'error',
    message,
    file: inside ? file : subject,
    ...(place && inside ? { line: Number(place[2]), column: Number(place[3]) } : {}),
  };
}

async function lintPlaybook(
  program: string,
  playbook: string,
  subject: string,
  deps: AnsibleCheckDependencies,
): Promise<CheckResult> {
  const { exec, logger, workspace } = deps;
  const started = Date.now();
  // pep8 format: `path:line:column: rule: message`, one a line, paths relative to the directory.
  const result = await exec(program, ['--nocolor', '-f', 'pep8', basename(playbook)], {
    cwd: dirname(playbook),
    env: { ...ANSIBLE_ENV },
  });
  const findings = parseLintOutput(result.stdout, dirname(playbook), workspace);
  for (const finding of findings) logger.warning(finding.message, annotationOf(finding));
  const durationMs = Date.now() - started;
  // ansible-lint exits 2 when it found violations; anything else non-zero is its own failure.
  if (result.exitCode !== 0 && findings.length === 0) {
    const tail = result.stderr.trim().split('\n').slice(-3).join(' ');
    return {
      id: 'ansible-lint',
      title: LINT_TITLE,
      subject,
      status: 'failed',
      reason: `ansible-lint exited with code ${result.exitCode}${tail ? `: ${tail}` : ''}`,
      findings: [],
      durationMs,
    };
  }
  return {
    id: 'ansible-lint',
    title: LINT_TITLE,
    subject,
    status: result.exitCode === 0 ? 'passed' : 'failed',
    ...(findings.length > 0 ? { reason: `${findings.length} violation(s)` } : {}),
    findings,
    durationMs,
  };
}

const LINT_LINE = /^(.+?):(\d+)(?::(\d+))?: ([\w[\]\-.]+):? (.*)$/;

export function parseLintOutput(stdout: string, cwd: string, workspace: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of stdout.split('\n')) {
    const match = LINT_LINE.exec(line.trim());
    if (!match) continue;
    const file = toWorkspace(workspace, resolve(cwd, match[1] ?? ''));
    if (file.startsWith('../') || isAbsolute(file)) continue;
    findings.push({
      rule: `ansible-lint/${match[4] ?? 'rule'}`,
      ruleDescription: `ansible-lint rule ${match[4] ?? ''}`.trim(),
      level: 'warning',
      message: (match[5] ?? '').trim() || (match[4] ?? ''),
      file,
      line: Number(match[2]),
      ...(match[3] ? { column: Number(match[3]) } : {}),
    });
  }
  return findings;
}

function toWorkspace(workspace: string, path: string): string {
  const rel = relative(workspace, path);
  return rel === '' ? '.' : rel.split(sep).join('/');
}
