import { lookup } from 'node:dns/promises';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSecretsDir, writeSecretFiles } from '../ansible/connection.js';
import { resolveInventory } from '../ansible/inventory.js';
import { artifactName, stackName } from '../artifacts/names.js';
import type { ArtifactStore } from '../artifacts/store.js';
import { sha256File } from '../contracts/digest.js';
import {
  MANIFEST_FILE,
  SMOKE_JUNIT_FILE,
  SMOKE_MANIFEST_SCHEMA,
  SMOKE_RESULTS_FILE,
  SMOKE_RESULTS_SCHEMA,
  smokeManifestSchema,
  smokeResultsSchema,
  validateSmokeDocument,
  type SmokeCheckResult,
  type SmokeResults,
} from '../contracts/smoke.js';
import { ConfigurationError, StepFailure } from '../core/errors.js';
import { findConfinedPath, PathRefusal, quoteValue } from '../core/paths.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SECRETS_DIR_STATE } from '../core/secret-files.js';
import { SUITE_VERSION } from '../core/version.js';
import { readChecksFile, type ChecksFile } from './checks.js';
import { CATEGORIES } from './checks-schema.js';
import { readSmokeInventory, type SmokeInventory } from './inventory.js';
import { junitXml } from './junit.js';
import { execFileRunner, type CommandRunner, type Resolver, type SshSettings } from './probes.js';
import { runChecks, seconds, type CheckOutcome } from './runner.js';
import { expandChecks, needsInventory } from './targets.js';
import type { StepReport } from '../core/outputs.js';
import { smokeSummaryMarkdown } from './summary.js';
import { NO_AUDIT, type AuditLog } from '../audit/log.js';

/** What smoke-test reads: its inputs, camel-cased, as src/actions/smoke-test/inputs.ts parses them. */
export interface SmokeTestInputs {
  checks: string;
  inventory?: string | undefined;
  inventoryArtifact?: string | undefined;
  stack?: string | undefined;
  privateKey?: string | undefined;
  concurrency: number;
  retries: number;
  retryDelaySeconds: number;
  deadlineSeconds: number;
  failOn: 'any' | 'threshold';
  threshold?: number | undefined;
  junitPath?: string | undefined;
  artifactPrefix: string;
}

/** The outputs smoke-test sets, by their action.yml names. */
export interface SmokeTestOutputs {
  passed: number;
  failed: number;
  total: number;
  'results-path': string;
  'junit-path': string;
}

export interface SmokeDependencies {
  logger: Logger;
  artifacts: ArtifactStore;
  run: RunContext;
  saveState(name: string, value: string): void;
  /** Local commands and ssh; child_process.execFile when not given. */
  runCommand?: CommandRunner;
  /** The system resolver (getaddrinfo: /etc/hosts, then DNS) when not given. */
  resolve?: Resolver;
  /** The step's audit log: the smoke event. */
  audit?: AuditLog;
}

export interface SmokeTestResult {
  results: SmokeResults;
  resultsPath: string;
  junitPath: string;
  artifactName: string;
  /** Set when the step must fail; thrown by runSmokeTest after the outputs and the summary are written. */
  failure?: Error;
}

// GitHub shows at most 10 error annotations per step; the rest are in the summary and results.json.
const MAX_ANNOTATIONS = 10;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * smoke-test: reads the checks file, the inventory when a check needs one, runs every check against
 * its targets within the deadline, and writes results.json, the JUnit XML and manifest.json, uploaded
 * as `<prefix>-smoke-<stack>`. The SSH key lives only while the checks run: removed here, and again
 * by the post step should this never finish.
 */
export async function smokeTest(inputs: SmokeTestInputs, deps: SmokeDependencies): Promise<SmokeTestResult> {
  const { logger, run } = deps;
  const startedAt = new Date();
  const stack = stackName(inputs.stack, run.workspace, run.workspace, run.repo);
  const checks = await readChecksFile(inputs.checks, run.workspace);
  const scratch = await mkdtemp(join(run.runnerTemp, `iac-smoke-${stack}-`));
  const inventory = await loadInventory(inputs, checks, deps, stack, scratch);
  const instances = expandChecks(checks, inventory);
  if (instances.length === 0) {
    throw new ConfigurationError(
      `The checks file ${checks.path} has no check to run: its groups have no hosts in the ${inventory?.description ?? 'inventory'}.`,
    );
  }
  logger.info(
    `Running ${instances.length} checks from ${checks.path}${inventory ? ` on the ${inventory.description}` : ''}, ` +
      `at most ${inputs.concurrency} at once, within ${inputs.deadlineSeconds} s.`,
  );

  const usesSsh = instances.some((instance) => instance.spec.kind === 'ssh-command');
  let secretsDir: string | undefined;
  try {
    let ssh: SshSettings = { knownHostsFile: join(scratch, 'known_hosts'), strict: false };
    if (usesSsh) {
      if (inputs.privateKey) {
        secretsDir = await createSecretsDir(run.runnerTemp, 'iac-smoke-secrets-');
        // Recorded before anything is written into it, so the post step removes it whatever happens next.
        deps.saveState(SECRETS_DIR_STATE, secretsDir);
        const secrets = await writeSecretFiles(secretsDir, { privateKey: inputs.privateKey });
        if (secrets.privateKey) ssh.keyFile = secrets.privateKey;
      }
      ssh = await sshSettings(checks, ssh, scratch);
    }
    const summary = await runChecks(instances, {
      concurrency: inputs.concurrency,
      retries: inputs.retries,
      retryDelayMs: inputs.retryDelaySeconds * 1000,
      deadlineMs: inputs.deadlineSeconds * 1000,
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
      logger,
      env: {
        run: deps.runCommand ?? execFileRunner,
        resolve: deps.resolve ?? systemResolver,
        now: Date.now,
        ssh,
        workspace: run.workspace,
      },
    });

    const checkResults = summary.outcomes.map(toResult);
    const totals = tally(checkResults);
    const failedStep = decide(inputs, totals);
    const results = validateSmokeDocument(
      smokeResultsSchema,
      {
        schema: SMOKE_RESULTS_SCHEMA,
        producer: { action: 'smoke-test', version: SUITE_VERSION },
        stack,
        checksFile: checks.path,
        ...(inventory ? { inventory: inventory.description } : {}),
        commit: run.sha,
        ref: run.ref,
        runId: run.runId,
        runAttempt: run.runAttempt,
        startedAt: startedAt.toISOString(),
        createdAt: new Date().toISOString(),
        durationSeconds: seconds(summary.durationMs),
        settings: {
          concurrency: inputs.concurrency,
          retries: inputs.retries,
          retryDelaySeconds: inputs.retryDelaySeconds,
          deadlineSeconds: inputs.deadlineSeconds,
          failOn: inputs.failOn,
          ...(inputs.threshold !== undefined ? { threshold: inputs.threshold } : {}),
        },
        totals,
        byCategory: Object.fromEntries(
          CATEGORIES.map((category) => [
            category,
            tally(checkResults.filter((c) => c.category === category)),
          ]).filter(([, t]) => (t as { total: number }).total > 0),
        ),
        maxInFlight: summary.maxInFlight,
        deadlineReached: summary.deadlineReached,
        failedStep,
        checks: checkResults,
      } satisfies SmokeResults,
      SMOKE_RESULTS_FILE,
    );

    const resultsDir = join(scratch, 'results');
    await mkdir(resultsDir, { recursive: true });
    const resultsPath = join(resultsDir, SMOKE_RESULTS_FILE);
    await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    const junitInDir = join(resultsDir, SMOKE_JUNIT_FILE);
    await writeFile(junitInDir, junitXml(summary.outcomes, { stack, startedAt, checksPath: checks.path }));
    let junitPath = junitInDir;
    if (inputs.junitPath) {
      junitPath = inputs.junitPath;
      await mkdir(join(junitPath, '..'), { recursive: true });
      await copyFile(junitInDir, junitPath);
    }
    const manifestPath = join(resultsDir, MANIFEST_FILE);
    const manifest = validateSmokeDocument(
      smokeManifestSchema,
      {
        schema: SMOKE_MANIFEST_SCHEMA,
        producer: { action: 'smoke-test', version: SUITE_VERSION },
        stack,
        commit: run.sha,
        ref: run.ref,
        runId: run.runId,
        runAttempt: run.runAttempt,
        createdAt: new Date().toISOString(),
        files: {
          [SMOKE_RESULTS_FILE]: await sha256File(resultsPath),
          [SMOKE_JUNIT_FILE]: await sha256File(junitInDir),
        },
      },
      MANIFEST_FILE,
    );
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const name = artifactName(inputs.artifactPrefix, 'smoke', stack);
    await deps.artifacts.upload(name, [resultsPath, junitInDir, manifestPath], resultsDir);

    annotate(results, logger);
    const failure = failedStep ? stepFailure(inputs, results) : undefined;
    return { results, resultsPath, junitPath, artifactName: name, ...(failure ? { failure } : {}) };
  } finally {
    if (secretsDir) await rm(secretsDir, { recursive: true, force: true });
  }
}

async function loadInventory(
  inputs: SmokeTestInputs,
  checks: ChecksFile,
  deps: SmokeDependencies,
  stack: string,
  scratch: string,
): Promise<SmokeInventory | undefined> {
  // Only when asked for, or when a check targets a group: checks of plain addresses need no artifact.
  if (!inputs.inventory && !inputs.inventoryArtifact && !needsInventory(checks)) return undefined;
  const source = await resolveInventory({
    given: inputs.inventory,
    artifactName: inputs.inventoryArtifact ?? artifactName(inputs.artifactPrefix, 'inventory', stack),
    artifacts: deps.artifacts,
    scratch,
    workspace: deps.run.workspace,
  });
  return readSmokeInventory(source);
}

/** With ssh.known-hosts, host keys must match it; without, each is accepted on first use in a per-run file. */
async function sshSettings(checks: ChecksFile, base: SshSettings, scratch: string): Promise<SshSettings> {
  const settings: SshSettings = { ...base, ...(checks.ssh.user ? { defaultUser: checks.ssh.user } : {}) };
  if (!checks.ssh.knownHosts) return settings;
  let found: string | undefined;
  try {
    found = findConfinedPath(checks.ssh.knownHosts, 'file');
  } catch (error) {
    if (!(error instanceof PathRefusal)) throw error;
    throw new ConfigurationError(
      `The checks file ${checks.path}: ssh.known-hosts ${error.message}; got ${quoteValue(checks.ssh.knownHosts)}.`,
    );
  }
  if (!found) {
    throw new ConfigurationError(
      `The checks file ${checks.path}: ssh.known-hosts must name a known_hosts file in the workspace; there is no file ${quoteValue(checks.ssh.knownHosts)}.`,
    );
  }
  // A copy: ssh's option parser splits a path at spaces, and the scratch path has none.
  const copy = join(scratch, 'known_hosts.trusted');
  await copyFile(found, copy);
  return { ...settings, knownHostsFile: copy, strict: true };
}

const systemResolver: Resolver = async (name) =>
  (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address);

function toResult(outcome: CheckOutcome): SmokeCheckResult {
  const { spec, host } = outcome.instance;
  return {
    id: outcome.instance.id,
    check: spec.name,
    kind: spec.kind,
    category: spec.category,
    tags: spec.tags,
    ...(host && spec.kind !== 'command' ? { host: host.name } : {}),
    target: outcome.target,
    status: outcome.status,
    message: outcome.message,
    attempts: outcome.attempts,
    durationSeconds: seconds(outcome.durationMs),
    line: spec.line,
  };
}

function tally(checks: SmokeCheckResult[]): { passed: number; failed: number; total: number } {
  const passed = checks.filter((check) => check.status === 'passed').length;
  return { passed, failed: checks.length - passed, total: checks.length };
}

function decide(inputs: SmokeTestInputs, totals: { passed: number; total: number }): boolean {
  if (inputs.failOn === 'any') return totals.passed < totals.total;
  return (totals.passed * 100) / totals.total < (inputs.threshold ?? 100);
}

function stepFailure(inputs: SmokeTestInputs, results: SmokeResults): Error {
  const failed = results.checks.filter((check) => check.status !== 'passed');
  const names = failed.slice(0, 5).map((check) => check.id);
  const more = failed.length > names.length ? ` and ${failed.length - names.length} more` : '';
  const { passed, total } = results.totals;
  const rule =
    inputs.failOn === 'threshold'
      ? `: ${Math.floor((passed * 100) / total)}% passed, below the threshold of ${inputs.threshold}%`
      : '';
  return new StepFailure(
    `${failed.length} of ${total} smoke checks failed${rule} (${names.join(', ')}${more}); see the annotations and the job summary.`,
  );
}

/** One annotation per failed check, at its line in the checks file. */
function annotate(results: SmokeResults, logger: Logger): void {
  const failed = results.checks.filter((check) => check.status !== 'passed');
  for (const check of failed.slice(0, MAX_ANNOTATIONS)) {
    logger.error(`${check.id} (${check.target}): ${check.message}`, {
      title: `Smoke ${check.category}: ${check.id} ${check.status === 'not-run' ? 'did not run' : 'failed'}`,
      file: results.checksFile,
      startLine: check.line,
    });
  }
  if (failed.length > MAX_ANNOTATIONS)
    logger.info(
      `${failed.length - MAX_ANNOTATIONS} more failures are listed in the job summary and results.json.`,
    );
}

/** The smoke-test step: runs the checks, then its outputs and summary, then fails if the checks did. */
export async function runSmokeTest(
  inputs: SmokeTestInputs,
  deps: SmokeDependencies & StepReport<SmokeTestOutputs>,
): Promise<void> {
  const { run } = deps;
  const event = (deps.audit ?? NO_AUDIT).begin('smoke', {
    stack: stackName(inputs.stack, run.workspace, run.workspace, run.repo),
  });
  const result = await smokeTest(inputs, deps);
  const { totals } = result.results;
  event.finish(
    result.failure ? 'failure' : 'success',
    `${totals.total} check(s): ${totals.passed} passed, ${totals.failed} failed.`,
  );
  // Set before a failure is thrown, so that later `if: failure()` steps can read what happened.
  deps.setOutputs({
    passed: totals.passed,
    failed: totals.failed,
    total: totals.total,
    'results-path': result.resultsPath,
    'junit-path': result.junitPath,
  });
  await deps.writeSummary(smokeSummaryMarkdown(result.results, deps.run.runUrl));
  if (result.failure) throw result.failure;
}
