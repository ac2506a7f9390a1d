import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { AUTOMATION_ENV } from '../terraform/cli.js';
import { parseJsonDocument } from '../terraform/json-document.js';
import { atLeast, supportsInitJson, type Tool } from '../terraform/tool.js';
import {
  annotationFor,
  toDiagnostic,
  UiStream,
  workspaceFile,
  type Diagnostic,
  type WorkingDirectory,
} from '../terraform/ui-stream.js';
import {
  annotationOf,
  skipped,
  type CheckResult,
  type Finding,
  type FormatDiff,
  type TestRunResult,
} from './checks.js';

/**
 * The OpenTofu/Terraform checks of one working directory, in the order the seeds give: fmt, then
 * validate (after `init -backend=false`, which needs no credentials), then the configuration's own
 * tests when it has test files. The tool's data directory goes to RUNNER_TEMP, so that validating
 * leaves no .terraform directory in the checkout.
 */

export interface TerraformCheckDependencies {
  exec: Exec;
  logger: Logger;
  tool: Tool;
  /** Where the tool's data directories go (one per working directory). */
  dataRoot: string;
}

const CONFIGURATION_FILE = /\.(?:tf|tofu)(?:\.json)?$/;
const TEST_FILE = /\.(?:tftest|tofutest)\.(?:hcl|json)$/;
/** The default test directory of both tools, beside the files in the working directory itself. */
const TEST_DIRECTORY = 'tests';

/** Whether the directory holds configuration files of its own (modules below it do not count). */
export async function hasConfiguration(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.some((entry) => entry.isFile() && CONFIGURATION_FILE.test(entry.name));
}

/** The test files the tool would run: in the directory and in its tests/ directory. */
export async function findTestFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const sub of ['', TEST_DIRECTORY]) {
    const entries = await readdir(join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile() && TEST_FILE.test(entry.name)) found.push(sub ? `${sub}/${entry.name}` : entry.name);
    }
  }
  return found.sort();
}

export async function checkTerraform(
  where: WorkingDirectory,
  deps: TerraformCheckDependencies,
): Promise<CheckResult[]> {
  const { logger, tool } = deps;
  const subject = where.relativeDir;
  const name = tool.name;
  const results: CheckResult[] = [];
  results.push(await logger.group(`${name} fmt (${subject})`, () => checkFormat(where, deps)));

  const dataDir = join(deps.dataRoot, `${results.length}-${subject.replace(/[^A-Za-z0-9._-]+/g, '_')}`);
  await mkdir(dataDir, { recursive: true });
  const env = { ...AUTOMATION_ENV, TF_DATA_DIR: dataDir };

  const initialised = await logger.group(`${name} init (${subject})`, () => init(where, deps, env));
  if (!initialised.ok) {
    results.push({
      id: 'validate',
      title: `${name} validate`,
      subject,
      status: 'failed',
      reason: `${name} init -backend=false failed: ${initialised.reason}`,
      findings: initialised.diagnostics.map((d) =>
        findingOf(d, `${name}/validate`, 'Configuration is invalid'),
      ),
    });
    const tests = await findTestFiles(where.cwd);
    if (tests.length > 0) {
      results.push(
        skipped('test', `${name} test`, subject, `${name} init failed, so the tests could not run`),
      );
    }
    return results;
  }
  results.push(await logger.group(`${name} validate (${subject})`, () => validate(where, deps, env)));

  const tests = await findTestFiles(where.cwd);
  if (tests.length === 0) {
    results.push(
      skipped('test', `${name} test`, subject, 'no test files (*.tftest.hcl) in the directory or tests/'),
    );
  } else if (!atLeast(tool, 1, 6)) {
    results.push(
      skipped(
        'test',
        `${name} test`,
        subject,
        `${name} ${tool.version} has no test command (1.6 or later has)`,
      ),
    );
  } else {
    results.push(
      await logger.group(`${name} test (${subject})`, () => runTests(where, deps, env, tests.length)),
    );
  }
  return results;
}

async function checkFormat(where: WorkingDirectory, deps: TerraformCheckDependencies): Promise<CheckResult> {
  const { exec, logger, tool } = deps;
  const started = Date.now();
  const title = `${tool.name} fmt`;
  const result = await exec(tool.path, ['fmt', '-check', '-diff', '-recursive', '-no-color'], {
    cwd: where.cwd,
    env: { ...AUTOMATION_ENV },
  });
  const durationMs = Date.now() - started;
  if (result.exitCode === 0) {
    logger.info('Every file is formatted.');
    return { id: 'fmt', title, subject: where.relativeDir, status: 'passed', findings: [], durationMs };
  }
  const diffs = parseFormatDiffs(result.stdout, where);
  if (result.exitCode !== 3 || diffs.length === 0) {
    // fmt cannot format what it cannot parse; validate names the error with its file and line.
    const first = result.stderr.split('\n').find((line) => line.trim() !== '') ?? '';
    logger.info(result.stderr.trim());
    return {
      id: 'fmt',
      title,
      subject: where.relativeDir,
      status: 'failed',
      reason: `${tool.name} fmt could not read the files (exit code ${result.exitCode}${first ? `: ${first.trim()}` : ''}); see validate`,
      findings: [],
      durationMs,
    };
  }
  const findings = diffs.map(({ file, firstLine }): Finding => {
    const finding: Finding = {
      rule: `${tool.name}/fmt`,
      ruleDescription: 'File is not in canonical format',
      level: 'error',
      message: `${file} is not formatted as \`${tool.name} fmt\` would format it; run \`${tool.name} fmt\` and commit the result.`,
      file,
      ...(firstLine !== undefined ? { line: firstLine } : {}),
    };
    logger.error(finding.message, annotationOf(finding));
    return finding;
  });
  return {
    id: 'fmt',
    title,
    subject: where.relativeDir,
    status: 'failed',
    reason: `${diffs.length} file(s) not formatted`,
    findings,
    diffs: diffs.map(({ file, diff }) => ({ file, diff })),
    durationMs,
  };
}

interface ParsedDiff extends FormatDiff {
  /** The first line the formatter changes, in the file as it is. */
  firstLine?: number;
}

/**
 * `fmt -check -diff` prints, for each file, its name and then a unified diff headed `--- old/<name>`.
 * Names are relative to the directory fmt ran in.
 */
export function parseFormatDiffs(stdout: string, where: WorkingDirectory): ParsedDiff[] {
  const blocks: Array<{ name: string; lines: string[] }> = [];
  let preamble: string[] = [];
  for (const line of stdout.split('\n')) {
    const header = /^--- old\/(.+)$/.exec(line);
    if (header) {
      const name = header[1] ?? '';
      const previous = blocks.at(-1)?.lines ?? preamble;
      // The bare file name printed before each diff belongs to the next block, not the last.
      if (previous.at(-1) === name) previous.pop();
      blocks.push({ name, lines: [line] });
      preamble = [];
      continue;
    }
    (blocks.at(-1)?.lines ?? preamble).push(line);
  }
  return blocks.map(({ name, lines }) => {
    while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
    const file = workspaceFile(name, where) ?? name;
    const firstLine = firstChangedLine(lines);
    return { file, diff: lines.join('\n'), ...(firstLine !== undefined ? { firstLine } : {}) };
  });
}

function firstChangedLine(lines: readonly string[]): number | undefined {
  const hunk = lines.findIndex((line) => line.startsWith('@@ '));
  if (hunk === -1) return undefined;
  const start = /^@@ -(\d+)/.exec(lines[hunk] ?? '');
  if (!start) return undefined;
  let line = Number(start[1]);
  for (const text of lines.slice(hunk + 1)) {
    if (!text.startsWith(' ')) break;
    line += 1;
  }
  return Math.max(line, 1);
}

async function init(
  where: WorkingDirectory,
  deps: TerraformCheckDependencies,
  env: Record<string, string>,
): Promise<{ ok: true } | { ok: false; reason: string; diagnostics: readonly Diagnostic[] }> {
  const { exec, logger, tool } = deps;
  // Older versions print text, still streamed.
  const json = supportsInitJson(tool);
  const stream = new UiStream(logger, where);
  const result = await exec(
    tool.path,
    ['init', '-backend=false', '-input=false', json ? '-json' : '-no-color'],
    {
      cwd: where.cwd,
      env,
      onStdoutLine: stream.onStdoutLine,
      onStderrLine: stream.onStderrLine,
    },
  );
  if (result.exitCode === 0) return { ok: true };
  const errors = stream.diagnostics.filter((d) => d.severity === 'error');
  const reason =
    errors.length > 0
      ? errors.map((d) => d.summary).join('; ')
      : `exit code ${result.exitCode}${stream.stderrTail() ? `: ${stream.stderrTail().split('\n').at(-1) ?? ''}` : ''}`;
  return { ok: false, reason, diagnostics: stream.diagnostics };
}

async function validate(
  where: WorkingDirectory,
  deps: TerraformCheckDependencies,
  env: Record<string, string>,
): Promise<CheckResult> {
  const { exec, logger, tool } = deps;
  const started = Date.now();
  const title = `${tool.name} validate`;
  const result = await exec(tool.path, ['validate', '-json', '-no-color'], { cwd: where.cwd, env });
  const durationMs = Date.now() - started;
  let document: { valid?: unknown; diagnostics?: unknown } | undefined;
  try {
    const parsed = parseJsonDocument(result.stdout);
    if (parsed.preamble) logger.info(parsed.preamble);
    document = parsed.value as typeof document;
  } catch {
    document = undefined;
  }
  if (!document || typeof document !== 'object' || typeof document.valid !== 'boolean') {
    const tail = result.stderr.trim().split('\n').slice(-5).join('\n');
    if (tail) logger.info(tail);
    return {
      id: 'validate',
      title,
      subject: where.relativeDir,
      status: 'failed',
      reason: `${tool.name} validate -json printed no result (exit code ${result.exitCode})`,
      findings: [],
      durationMs,
    };
  }
  const raw = Array.isArray(document.diagnostics)
    ? (document.diagnostics as Array<Record<string, unknown>>)
    : [];
  const diagnostics = raw.map((d) => toDiagnostic(d, where));
  for (const diagnostic of diagnostics) {
    const text = diagnostic.detail ? `${diagnostic.summary}\n${diagnostic.detail}` : diagnostic.summary;
    if (diagnostic.severity === 'error') logger.error(text, annotationFor(diagnostic));
    else logger.warning(text, annotationFor(diagnostic));
  }
  const findings = diagnostics.map((d) => findingOf(d, `${tool.name}/validate`, 'Configuration is invalid'));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const valid = document.valid && result.exitCode === 0;
  if (valid) logger.info(`The configuration is valid${warnings > 0 ? `, with ${warnings} warning(s)` : ''}.`);
  return {
    id: 'validate',
    title,
    subject: where.relativeDir,
    status: valid ? 'passed' : 'failed',
    ...(valid
      ? warnings > 0
        ? { reason: `${warnings} warning(s)` }
        : {}
      : { reason: `${errors} error(s)${warnings > 0 ? `, ${warnings} warning(s)` : ''}` }),
    findings,
    durationMs,
  };
}

async function runTests(
  where: WorkingDirectory,
  deps: TerraformCheckDependencies,
  env: Record<string, string>,
  fileCount: number,
): Promise<CheckResult> {
  const { exec, logger, tool } = deps;
  const started = Date.now();
  const stream = new UiStream(logger, where);
  const runs = new Map<string, TestRunResult>();
  const onStdoutLine = (line: string): void => {
    stream.onStdoutLine(line);
    const run = testRunOf(line);
    if (run) {
      run.file = workspaceFile(run.file, where) ?? run.file;
      runs.set(`${run.file}\n${run.run}`, run);
    }
  };
  const result = await exec(tool.path, ['test', '-json', '-no-color'], {
    cwd: where.cwd,
    env,
    onStdoutLine,
    onStderrLine: stream.onStderrLine,
  });
  const durationMs = Date.now() - started;
  const tests = [...runs.values()];
  const failedRuns = tests.filter((t) => t.status === 'fail' || t.status === 'error');
  const findings = stream.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => findingOf(d, `${tool.name}/test`, 'Test failed'));
  // A run that failed without a diagnostic of its own still gets a finding, on its test file.
  for (const run of failedRuns) {
    if (stream.diagnostics.some((d) => d.file === run.file)) continue;
    const finding: Finding = {
      rule: `${tool.name}/test`,
      ruleDescription: 'Test failed',
      level: 'error',
      message: `Test run "${run.run}" ${run.status === 'error' ? 'errored' : 'failed'}.`,
      file: run.file,
    };
    logger.error(finding.message, annotationOf(finding));
    findings.push(finding);
  }
  const passed = result.exitCode === 0 && failedRuns.length === 0;
  const counted = tests.filter((t) => t.status === 'pass').length;
  const reason =
    tests.length === 0
      ? `exit code ${result.exitCode}, no test results reported from ${fileCount} file(s)`
      : `${counted} passed, ${failedRuns.length} failed` +
        (tests.length - counted - failedRuns.length > 0
          ? `, ${tests.length - counted - failedRuns.length} skipped`
          : '');
  return {
    id: 'test',
    title: `${tool.name} test`,
    subject: where.relativeDir,
    status: passed ? 'passed' : 'failed',
    reason,
    findings,
    tests,
    durationMs,
  };
}

function testRunOf(line: string): TestRunResult | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const message = JSON.parse(line) as { type?: unknown; test_run?: Record<string, unknown> };
    const run = message.test_run;
    if (message.type !== 'test_run' || !run || typeof run.path !== 'string' || typeof run.run !== 'string') {
      return undefined;
    }
    // Terraform reports progress ("starting", "running") before the status; only a status counts.
    const status = run.status;
    if (status !== 'pass' && status !== 'fail' && status !== 'error' && status !== 'skip') {
      return { file: run.path, run: run.run, status: 'pending' };
    }
    return { file: run.path, run: run.run, status };
  } catch {
    return undefined;
  }
}

function findingOf(diagnostic: Diagnostic, rule: string, ruleDescription: string): Finding {
  const range = diagnostic.range;
  const detail = diagnostic.detail ? `: ${diagnostic.detail.split('\n')[0]}` : '';
  return {
    rule,
    ruleDescription,
    level: diagnostic.severity === 'error' ? 'error' : 'warning',
    message: `${diagnostic.summary}${detail}`,
    ...(diagnostic.file && range
      ? {
          file: diagnostic.file,
          line: range.start.line,
          column: range.start.column,
          endLine: range.end.line,
          endColumn: range.end.column,
        }
      : {}),
  };
}
