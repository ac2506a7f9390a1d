import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  ansibleEnvironment,
  factsArgs,
  findAnsible,
  playbookArgs,
  readCallbackSettings,
  runAnsible,
  runFailure,
  type AnsibleTools,
  type Connection,
  type RunOutcome,
} from './cli.js';
import { writeEventsCallback } from './callback-plugin.js';
import { createSecretsDir, knownHostsFile, writeSecretFiles } from './connection.js';
import { summarizeEvents, totalsOf, type HostFacts } from './events.js';
import { resolveInventory, type InventorySource } from './inventory.js';
import { AnsibleLog } from './log.js';
import { Redactor } from './redact.js';
import {
  ANSIBLE_RESULTS_SCHEMA,
  annotationPlace,
  ansibleResultsSchema,
  LOG_FILE,
  RESULTS_FILE,
  workspaceTaskPath,
  type AnsibleResults,
} from './results.js';
import { artifactName, stackName } from '../artifacts/names.js';
import type { ArtifactStore } from '../artifacts/store.js';
import { ConfigurationError, StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SECRETS_DIR_STATE } from '../core/secret-files.js';
import { SUITE_VERSION } from '../core/version.js';
import type { StepReport } from '../core/outputs.js';
import { ansibleSummaryMarkdown } from './summary.js';
import { separateWaitPlay, writeWaitingPlaybook, type HostWait } from './wait-play.js';
import { NO_AUDIT, type AuditLog } from '../audit/log.js';

/** What ansible-configure reads: its inputs, camel-cased, as src/actions/ansible-configure/inputs.ts parses them. */
export interface AnsibleConfigureInputs {
  playbook: string;
  inventory?: string | undefined;
  inventoryArtifact?: string | undefined;
  stack?: string | undefined;
  extraVars?: Record<string, unknown> | undefined;
  privateKey?: string | undefined;
  vaultPassword?: string | undefined;
  user?: string | undefined;
  become: boolean;
  limit?: string | undefined;
  tags: string[];
  check: boolean;
  diff: boolean;
  forks: number;
  connectionTimeout: number;
  hostKeyChecking: boolean;
  knownHosts?: string | undefined;
  workingDirectory: string;
  artifactPrefix: string;
}

/** The outputs ansible-configure sets, by their action.yml names. */
export interface AnsibleConfigureOutputs {
  recap: AnsibleResults['recap'];
  changed: boolean;
  'failed-hosts': string[];
  'unreachable-hosts': string[];
  'results-path': string;
  'artifact-name': string;
}

export interface ConfigureDependencies {
  exec: Exec;
  logger: Logger;
  artifacts: ArtifactStore;
  run: RunContext;
  saveState(name: string, value: string): void;
  /** Where to look for ansible-playbook; the process's PATH when not given. */
  searchPath?: string;
  /** The step's audit log: the configure event. */
  audit?: AuditLog;
}

export interface ConfigureResult {
  results: AnsibleResults;
  resultsPath: string;
  artifactName: string;
  /** Set when the step must fail; thrown by runAnsibleConfigure after the outputs and the summary are written. */
  failure?: Error;
}

// GitHub shows at most 10 error annotations per step; the rest are in the summary and results.json.
const MAX_ANNOTATIONS = 10;

/**
 * ansible-configure: resolves the inventory (an input, or the artifact tf-apply published), waits for
 * every host to answer, runs the playbook with the iac_events callback beside the user's own output,
 * gathers the facts the summary shows, and uploads results.json and the log. The secret files live
 * only while Ansible runs: removed here, and again by the post step should this never finish.
 */
export async function configure(
  inputs: AnsibleConfigureInputs,
  deps: ConfigureDependencies,
): Promise<ConfigureResult> {
  const { logger, run } = deps;
  const started = Date.now();
  const stack = stackName(inputs.stack, inputs.workingDirectory, run.workspace, run.repo);
  const redactor = new Redactor(logger);
  for (const secret of [inputs.privateKey, inputs.vaultPassword]) if (secret) redactor.add(secret);
  redactor.addLeaves(inputs.extraVars);

  const tools = await findAnsible(deps.searchPath);
  const scratch = await mkdtemp(join(run.runnerTemp, `iac-ansible-${stack}-`));
  const secretsDir = await createSecretsDir(run.runnerTemp);
  // Recorded before anything is written into it, so the post step removes it whatever happens next.
  deps.saveState(SECRETS_DIR_STATE, secretsDir);
  try {
    const secrets = await writeSecretFiles(secretsDir, {
      privateKey: inputs.privateKey,
      vaultPassword: inputs.vaultPassword,
      extraVars: inputs.extraVars,
    });
    const inventory = await resolveInventory({
      given: inputs.inventory,
      artifactName: inputs.inventoryArtifact ?? artifactName(inputs.artifactPrefix, 'inventory', stack),
      artifacts: deps.artifacts,
      scratch,
      workspace: run.workspace,
    });
    const connection: Connection = {
      inventory: inventory.argument,
      user: inputs.user,
      privateKeyFile: secrets.privateKey,
      vaultPasswordFile: secrets.vaultPassword,
      extraVarsFile: secrets.extraVars,
      limit: inputs.limit,
      forks: inputs.forks,
      hostKeyChecking: inputs.hostKeyChecking,
      knownHostsFile: inputs.knownHosts ? await knownHostsFile(inputs.knownHosts, scratch) : undefined,
    };
    const resultsDir = join(scratch, 'results');
    await mkdir(resultsDir, { recursive: true });
    const log = new AnsibleLog(logger, redactor, join(resultsDir, LOG_FILE));
    let results: AnsibleResults;
    let failure: Error | undefined;
    try {
      // Independent, so done together. No syntax check first: the playbook is imported statically behind
      // the wait, so Ansible reads all of it before it waits for any host.
      const [callbacks, pluginDir, waiting] = await Promise.all([
        readCallbackSettings(deps.exec, tools, inputs.workingDirectory),
        writeEventsCallback(scratch),
        writeWaitingPlaybook(inputs.playbook, inputs.connectionTimeout, scratch),
      ]);
      try {
        const env = ansibleEnvironment({ callbacks, pluginDir, hostKeyChecking: inputs.hostKeyChecking });
        const session: Session = { inputs, deps, tools, connection, env, log, scratch, inventory };
        ({ results, failure } = await runPlaybook(session, waiting.path, stack, started, redactor));
      } finally {
        await waiting.remove();
      }
    } finally {
      await log.close();
    }
    const resultsPath = join(resultsDir, RESULTS_FILE);
    await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    const name = artifactName(inputs.artifactPrefix, 'ansible', stack);
    await deps.artifacts.upload(name, [resultsPath, log.path], resultsDir);
    return { results, resultsPath, artifactName: name, ...(failure ? { failure } : {}) };
  } finally {
    await rm(secretsDir, { recursive: true, force: true });
  }
}

interface Session {
  inputs: AnsibleConfigureInputs;
  deps: ConfigureDependencies;
  tools: AnsibleTools;
  connection: Connection;
  env: Record<string, string>;
  log: AnsibleLog;
  scratch: string;
  inventory: InventorySource;
}

function ansible(
  session: Session,
  command: string,
  args: string[],
  name: string,
  title: string,
  onFirstOutput?: () => void,
) {
  return session.deps.logger.group(title, () =>
    runAnsible(session.deps.exec, command, args, {
      cwd: session.inputs.workingDirectory,
      env: session.env,
      eventsFile: join(session.scratch, `${name}.events.jsonl`),
      log: session.log,
      title,
      ...(onFirstOutput ? { onFirstOutput } : {}),
    }),
  );
}

async function runPlaybook(
  session: Session,
  wrapper: string,
  stack: string,
  started: number,
  redactor: Redactor,
): Promise<{ results: AnsibleResults; failure?: Error }> {
  const { inputs, deps, tools, connection } = session;
  const { logger, run } = deps;
  const playbookDir = dirname(inputs.playbook);
  const playbookName = workspaceTaskPath(inputs.playbook, run.workspace);

  const clock = new PhaseClock(started);
  clock.lap('prepare');
  const ran = await ansible(
    session,
    tools.playbook,
    playbookArgs(wrapper, connection, {
      become: inputs.become,
      tags: inputs.tags,
      check: inputs.check,
      diff: inputs.diff,
    }),
    'playbook',
    `ansible-playbook ${playbookName}${inputs.check ? ' (check mode)' : ''}`,
    // The results' upload needs the artifact library: compiled while the hosts work, once Ansible's own
    // start-up no longer wants the CPU, rather than after the playbook.
    () => deps.artifacts.prepare?.(),
  );
  const parts = separateWaitPlay(ran.events);
  const played: RunOutcome = { ...ran, ...summarizeEvents(parts.playbook) };
  if (!played.finished)
    throw tidy(runFailure(`ansible-playbook could not run ${playbookName}`, played), run, redactor);
  const waited = answeredHosts(session, parts.waited);
  clock.split('wait', parts.waitSeconds, 'playbook');
  const totals = totalsOf(played.recap);
  if (played.plays.length > 0 && played.unmatchedPlays.length === played.plays.length) {
    const patterns = played.unmatchedPlays.map((p) => p.pattern).join(', ');
    throw new ConfigurationError(
      `The playbook ${playbookName} ran on no host: the hosts of its plays (${patterns}) match none of the ${session.inventory.description}${inputs.limit ? ` within limit "${inputs.limit}"` : ''}.`,
    );
  }
  for (const play of played.unmatchedPlays) {
    logger.warning(`The play "${play.play}" matched no host (hosts: ${play.pattern}); it did nothing.`, {
      title: 'Play matched no host',
    });
  }
  if (totals.hosts === 0) {
    logger.warning(
      `No task ran on any host${inputs.tags.length > 0 ? ` with tags ${inputs.tags.join(', ')}` : ''}.`,
      { title: 'Nothing ran' },
    );
  }

  const facts = { ...played.facts, ...(await missingFacts(session, played, playbookDir)) };
  clock.lap('facts');
  // Redacted once here: the summary, the annotations, the outputs and results.json all come from it.
  const results = redactDeep(
    ansibleResultsSchema.parse({
      schema: ANSIBLE_RESULTS_SCHEMA,
      producer: { action: 'ansible-configure', version: SUITE_VERSION },
      stack,
      playbook: playbookName,
      inventory: session.inventory.description,
      commit: run.sha,
      ref: run.ref,
      runId: run.runId,
      runAttempt: run.runAttempt,
      createdAt: new Date().toISOString(),
      ...(played.ansibleVersion ? { ansibleVersion: played.ansibleVersion } : {}),
      check: inputs.check,
      diff: inputs.diff,
      ...(inputs.limit ? { limit: inputs.limit } : {}),
      tags: inputs.tags,
      exitCode: played.exitCode,
      durationSeconds: seconds(Date.now() - started),
      timings: clock.laps,
      recap: played.recap,
      changed: totals.changed,
      failedHosts: totals.failedHosts,
      unreachableHosts: totals.unreachableHosts,
      failures: played.failures.map((f) => ({ ...f, path: workspaceTaskPath(f.path, run.workspace) })),
      changes: played.changes.map((c) => ({ ...c, path: workspaceTaskPath(c.path, run.workspace) })),
      unreachable: played.unreachable,
      facts,
      waited,
      unmatchedPlays: played.unmatchedPlays,
    } satisfies AnsibleResults),
    redactor,
  );
  annotate(results, logger);
  const failure = outcomeFailure(results, played, redactor);
  return failure ? { results, failure } : { results };
}

/**
 * Which hosts answered the wait (wait-action.ts, bounded by connection-timeout). A host that did
 * not is not dropped: the playbook tried it once more and reports it unreachable.
 */
function answeredHosts(session: Session, waits: ReadonlyMap<string, HostWait>): Record<string, HostWait> {
  const { inputs, deps } = session;
  if (waits.size === 0) {
    throw new ConfigurationError(
      `No hosts to configure: the ${session.inventory.description} has no hosts${inputs.limit ? ` matching limit "${inputs.limit}"` : ''}.`,
    );
  }
  for (const [host, wait] of waits) {
    if (wait.answered) continue;
    deps.logger.info(
      `${host} did not answer within ${inputs.connectionTimeout} s (${wait.message ?? 'no answer'}); the playbook tried it once more.`,
    );
  }
  const answered = [...waits.values()].filter((w) => w.answered).length;
  deps.logger.info(`${answered} of ${waits.size} hosts answered.`);
  return Object.fromEntries(waits);
}

/** Facts for hosts the playbook reached without gathering them (a play with gather_facts: false). */
async function missingFacts(
  session: Session,
  played: RunOutcome,
  playbookDir: string,
): Promise<Record<string, HostFacts>> {
  const hosts = Object.entries(played.recap)
    .filter(([host, recap]) => recap.unreachable === 0 && !played.facts[host])
    .map(([host]) => host);
  if (hosts.length === 0) return {};
  const limitFile = join(session.scratch, 'facts-hosts.txt');
  await writeFile(limitFile, `${hosts.join('\n')}\n`);
  const outcome = await ansible(
    session,
    session.tools.adhoc,
    factsArgs({ ...session.connection, limit: `@${limitFile}` }, playbookDir),
    'facts',
    'Gather facts for the summary',
  );
  return outcome.facts;
}

/** One annotation per failed task (host, task, message, at the task's file and line) and unreachable host. */
function annotate(results: AnsibleResults, logger: Logger): void {
  for (const failure of results.failures.slice(0, MAX_ANNOTATIONS)) {
    const detail = failure.stderr && !failure.message.includes(failure.stderr) ? `\n${failure.stderr}` : '';
    logger.error(`${failure.host}: task "${failure.task}" failed: ${failure.message}${detail}`, {
      title: `Ansible: ${failure.task} failed on ${failure.host}`,
      ...annotationPlace(failure.path),
    });
  }
  const unreachable = Object.entries(results.unreachable);
  for (const [host, message] of unreachable.slice(
    0,
    Math.max(0, MAX_ANNOTATIONS - results.failures.length),
  )) {
    logger.error(`${host} is unreachable: ${message}`, { title: `Ansible: ${host} unreachable` });
  }
  const more = results.failures.length + unreachable.length - MAX_ANNOTATIONS;
  if (more > 0) logger.info(`${more} more failures are listed in the job summary and results.json.`);
}

function outcomeFailure(results: AnsibleResults, played: RunOutcome, redactor: Redactor): Error | undefined {
  const parts: string[] = [];
  const list = (hosts: string[]) =>
    `${hosts.length} host${hosts.length === 1 ? '' : 's'} (${hosts.join(', ')})`;
  if (results.failedHosts.length > 0) parts.push(`failed on ${list(results.failedHosts)}`);
  if (results.unreachableHosts.length > 0) parts.push(`could not reach ${list(results.unreachableHosts)}`);
  if (parts.length > 0)
    return new StepFailure(`Ansible ${parts.join(' and ')}; see the annotations and the job summary.`);
  if (played.exitCode !== 0) {
    const why = played.error ?? played.stderrTail;
    return new StepFailure(
      redactor.redact(`ansible-playbook exited with code ${played.exitCode}${why ? `: ${why}` : ''}`),
    );
  }
  return undefined;
}

/**
 * Ansible's error, made fit to print: redacted (it may quote a line holding a secret), and with files
 * named relative to the workspace, as users know them, instead of by Ansible's absolute paths.
 */
function tidy(error: Error, run: RunContext, redactor: Redactor): Error {
  const message = redactor.redact(error.message.split(`${run.workspace}/`).join(''));
  return error instanceof ConfigurationError ? new ConfigurationError(message) : new StepFailure(message);
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** Seconds spent in each phase, so a slow run says where its time went. */
class PhaseClock {
  readonly laps: Record<string, number> = {};
  constructor(private last: number) {}

  lap(name: string): void {
    const now = Date.now();
    this.laps[name] = seconds(now - this.last);
    this.last = now;
  }

  /** Ends a lap that held two phases, the first of which took `firstSeconds` (when it is known). */
  split(first: string, firstSeconds: number | undefined, rest: string): void {
    const now = Date.now();
    const whole = seconds(now - this.last);
    this.last = now;
    if (firstSeconds !== undefined) {
      const part = Math.min(whole, Math.round(firstSeconds * 10) / 10);
      this.laps[first] = part;
      this.laps[rest] = Math.round((whole - part) * 10) / 10;
    } else {
      this.laps[rest] = whole;
    }
  }
}

function redactDeep<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor.redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redactor)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactDeep(item, redactor)]),
    ) as T;
  }
  return value;
}

/** The ansible-configure step: configures the hosts, then its outputs and summary, then fails if a host did. */
export async function runAnsibleConfigure(
  inputs: AnsibleConfigureInputs,
  deps: ConfigureDependencies & StepReport<AnsibleConfigureOutputs>,
): Promise<void> {
  const { run } = deps;
  const event = (deps.audit ?? NO_AUDIT).begin('configure', {
    stack: stackName(inputs.stack, inputs.workingDirectory, run.workspace, run.repo),
  });
  const { results, resultsPath, artifactName, failure } = await configure(inputs, deps);
  const hosts = Object.keys(results.recap).length;
  event.finish(
    failure ? 'failure' : 'success',
    `${hosts} host(s)${results.check ? ' in check mode' : ''}: ${results.changed ? 'changed' : 'nothing changed'}, ${results.failedHosts.length} failed, ${results.unreachableHosts.length} unreachable.`,
  );
  // Set before a failure is thrown, so that later `if: failure()` steps can read what happened.
  deps.setOutputs({
    recap: results.recap,
    changed: results.changed,
    'failed-hosts': results.failedHosts,
    'unreachable-hosts': results.unreachableHosts,
    'results-path': resultsPath,
    'artifact-name': artifactName,
  });
  await deps.writeSummary(ansibleSummaryMarkdown(results, deps.run.runUrl));
  if (failure) throw failure;
}
