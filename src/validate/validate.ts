import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ArtifactStore, UploadedArtifact } from '../artifacts/store.js';
import { toWorkspacePath } from '../contracts/manifest.js';
import { ConfigurationError, isConfigurationError, StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SUITE_VERSION } from '../core/version.js';
import { redactingLogger, Redactor } from '../secrets/redact.js';
import { resolveTool, type BinaryChoice, type Tool } from '../terraform/tool.js';
import { checkAnsible } from './ansible.js';
import { skipped, type CheckResult } from './checks.js';
import { checkPacker } from './packer.js';
import { toSarif } from './sarif.js';
import { checkSecrets } from './secrets.js';
import { checkTerraform, hasConfiguration } from './terraform.js';
import type { StepReport } from '../core/outputs.js';
import { validateSummaryMarkdown } from './summary.js';

/**
 * The validate stage: readiness checks on every change, in the seeds' order — the secret scan, then
 * fmt, validate and the tests of each working directory, then packer validate and the Ansible checks.
 * Every check runs even after one failed, so one run shows everything to fix. The findings go to one
 * SARIF file and, with the per-check results, to the `<prefix>-validate` artifact.
 *
 * Tools quote the files they check (fmt's diffs, diagnostics, test output, Ansible's errors), so a
 * credential can reach any text. One redactor, fed by the secret scan and applying the scanner's
 * rules, stands at both doors: every log line goes out through a redacting logger, and the checks'
 * results are redacted once, before the SARIF file, the artifact and the job summary are made of them.
 */

export interface ValidateInputs {
  workingDirectory: readonly string[];
  binary: BinaryChoice;
  packerTemplate?: string | undefined;
  playbook?: string | undefined;
  scanSecrets: boolean;
  sarifPath?: string | undefined;
  artifactPrefix: string;
}

/** The outputs validate sets, by their action.yml names. */
export interface ValidateOutputs {
  passed: boolean;
  findings: number;
  'sarif-path': string;
  'artifact-name': string;
}

export interface ValidateDependencies {
  exec: Exec;
  logger: Logger;
  run: RunContext;
  artifacts: ArtifactStore;
  /** Where tools are looked for; the process's PATH when not given. */
  searchPath?: string;
  now?: () => Date;
}

export interface ValidateResult {
  passed: boolean;
  checks: CheckResult[];
  findings: number;
  sarifPath: string;
  resultsPath: string;
  artifactName: string;
  artifact: UploadedArtifact;
  durationMs: number;
}

export const SARIF_FILE = 'validate.sarif';
export const RESULTS_FILE = 'validate-results.json';
export const RESULTS_SCHEMA = 'iac/validate@1';

export function validateArtifactName(prefix: string): string {
  return `${prefix}-validate`;
}

/** The validate step: every check, the outputs and the summary; then fails naming the checks that failed. */
export async function runValidate(
  inputs: ValidateInputs,
  deps: ValidateDependencies & StepReport<ValidateOutputs>,
): Promise<void> {
  const result = await runValidation(inputs, deps);
  deps.setOutputs({
    passed: result.passed,
    findings: result.findings,
    'sarif-path': result.sarifPath,
    'artifact-name': result.artifactName,
  });
  await deps.writeSummary(validateSummaryMarkdown(result));
  if (!result.passed) {
    const failed = result.checks.filter((check) => check.status === 'failed');
    throw new StepFailure(
      `validate failed: ${failed.map((check) => `${check.title} (${check.subject})${check.reason ? `: ${check.reason}` : ''}`).join('; ')}`,
    );
  }
}

export async function runValidation(
  inputs: ValidateInputs,
  deps: ValidateDependencies,
): Promise<ValidateResult> {
  const redactor = new Redactor();
  try {
    return await validateWith(inputs, { ...deps, logger: redactingLogger(deps.logger, redactor) }, redactor);
  } catch (error) {
    // An unexpected failure's message may quote a tool's output: it leaves the step redacted too.
    if (error instanceof Error) {
      error.message = redactor.redact(error.message);
      if (error.stack) error.stack = redactor.redact(error.stack);
    }
    throw error;
  }
}

async function validateWith(
  inputs: ValidateInputs,
  deps: ValidateDependencies,
  redactor: Redactor,
): Promise<ValidateResult> {
  const { logger, run } = deps;
  const started = Date.now();
  const now = deps.now ?? (() => new Date());
  const directories = await configurationDirectories(inputs.workingDirectory, run.workspace);
  const sarifPath = chooseSarifPath(inputs.sarifPath, run);
  const searchPath = deps.searchPath ?? process.env.PATH ?? '';
  const collaborators = { exec: deps.exec, logger, workspace: run.workspace, searchPath };

  const raw: CheckResult[] = [];
  raw.push(
    await checkSecrets(inputs.scanSecrets, { ...collaborators, runnerTemp: run.runnerTemp, redactor }),
  );

  const tool = directories.some((d) => d.hasConfiguration)
    ? await findTool(inputs.binary, deps.exec, searchPath, logger)
    : undefined;
  const dataRoot = await mkdtemp(join(run.runnerTemp, 'iac-validate-data-'));
  for (const dir of directories) {
    const name = typeof tool === 'object' ? tool.name : inputs.binary === 'auto' ? 'tofu' : inputs.binary;
    if (!dir.hasConfiguration) {
      const reason = `no .tf or .tofu files in ${dir.relativeDir}`;
      for (const id of ['fmt', 'validate', 'test'])
        raw.push(skipped(id, `${name} ${id}`, dir.relativeDir, reason));
    } else if (typeof tool === 'string') {
      for (const id of ['fmt', 'validate', 'test'])
        raw.push(skipped(id, `${name} ${id}`, dir.relativeDir, tool));
    } else if (tool) {
      raw.push(
        ...(await checkTerraform(
          { cwd: dir.path, relativeDir: dir.relativeDir },
          { exec: deps.exec, logger, tool, dataRoot },
        )),
      );
    }
  }

  raw.push(await checkPacker(inputs.packerTemplate, collaborators));
  raw.push(...(await checkAnsible(inputs.playbook, collaborators)));

  // The one place results are redacted: everything below (SARIF, artifact, summary) is made of these.
  const checks = redactor.redactDeep(raw);
  const passed = checks.every((check) => check.status !== 'failed');
  const findings = checks.reduce((sum, check) => sum + check.findings.length, 0);
  const durationMs = Date.now() - started;

  const outDir = await mkdtemp(join(run.runnerTemp, 'iac-validate-'));
  const sarif = `${JSON.stringify(toSarif(checks), null, 2)}\n`;
  const artifactSarif = join(outDir, SARIF_FILE);
  await writeFile(artifactSarif, sarif);
  await mkdir(dirname(sarifPath), { recursive: true });
  if (sarifPath !== artifactSarif) await writeFile(sarifPath, sarif);
  const resultsPath = join(outDir, RESULTS_FILE);
  const results = {
    schema: RESULTS_SCHEMA,
    producer: { action: 'validate', version: SUITE_VERSION },
    commit: run.sha,
    ref: run.ref,
    runId: run.runId,
    runAttempt: run.runAttempt,
    createdAt: now().toISOString(),
    passed,
    findings,
    durationMs,
    // The diffs are in the job summary; the artifact keeps what a report or a later job reads.
    checks: checks.map(({ diffs, ...check }) => ({
      ...check,
      ...(diffs ? { files: diffs.map((d) => d.file) } : {}),
    })),
  };
  await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  const artifact = await deps.artifacts.upload(
    validateArtifactName(inputs.artifactPrefix),
    [artifactSarif, resultsPath],
    outDir,
  );
  logger.info(`Uploaded ${SARIF_FILE} and ${RESULTS_FILE} as ${artifact.name}`);
  return {
    passed,
    checks,
    findings,
    sarifPath,
    resultsPath,
    artifactName: artifact.name,
    artifact,
    durationMs,
  };
}

interface ConfigurationDirectory {
  path: string;
  relativeDir: string;
  hasConfiguration: boolean;
}

/**
 * The working directories, each checked to lie in the workspace. A directory the user named must hold
 * configuration; the workspace root, the default, may hold none (a repository of Packer templates).
 */
async function configurationDirectories(
  directories: readonly string[],
  workspace: string,
): Promise<ConfigurationDirectory[]> {
  const found: ConfigurationDirectory[] = [];
  for (const path of directories) {
    const relativeDir = toWorkspacePath(workspace, path);
    const has = await hasConfiguration(path);
    if (!has && relativeDir !== '.') {
      throw new ConfigurationError(
        `Input "working-directory" lists ${relativeDir}, which holds no .tf or .tofu files: name the directory of a root module.`,
      );
    }
    found.push({ path, relativeDir, hasConfiguration: has });
  }
  return found;
}

/** The input layer already held a given sarif-path inside the workspace and to a file, not a directory. */
function chooseSarifPath(given: string | undefined, run: RunContext): string {
  return given ?? join(run.runnerTemp, 'iac-validate', SARIF_FILE);
}

/** The tool, or why the OpenTofu/Terraform checks cannot run. */
async function findTool(
  binary: BinaryChoice,
  exec: Exec,
  searchPath: string,
  logger: Logger,
): Promise<Tool | string> {
  try {
    const tool = await resolveTool(binary, exec, { searchPath });
    logger.info(`Checking with ${tool.name} ${tool.version} (${tool.path})`);
    return tool;
  } catch (error) {
    if (!isConfigurationError(error)) throw error;
    const reason = binary === 'auto' ? 'neither tofu nor terraform is on PATH' : `${binary} is not on PATH`;
    logger.warning(
      `The ${binary === 'auto' ? 'OpenTofu/Terraform' : binary} checks were skipped: ${reason}.`,
      {
        title: 'Checks skipped',
      },
    );
    return reason;
  }
}
