import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runnerEnvironment, type ResultsService } from '../results-service.js';
import { node24, repoRoot, toolsBinDir } from '../tools.js';
import { parseKeyValueFile, parsePathFile, parseWorkflowCommand } from './commands.js';

/**
 * A runner harness: runs a bundled JavaScript action as its own Node 24 process the way the GitHub
 * runner does. Inputs arrive as INPUT_* variables with action.yml defaults applied; the file commands
 * (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY) are fresh files for each
 * step and are read back after it; workflow commands on stdout are captured; pre and post steps run
 * with state handed from phase to phase. Each job has its own empty workspace and RUNNER_TEMP, so
 * anything that passes between jobs has to go through artifacts or job outputs, as on GitHub.
 */

export interface Annotation {
  message: string;
  properties: Record<string, string>;
}

export interface PhaseResult {
  phase: 'pre' | 'main' | 'post';
  exitCode: number;
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
  /** True when the step summary exceeded 1 MiB and the runner would have dropped it. */
  summaryDropped: boolean;
  errors: Annotation[];
  warnings: Annotation[];
  notices: Annotation[];
  debug: string[];
  masks: string[];
  groups: string[];
  /** stdout and stderr as the runner would show them: masked values as ***. */
  log: string;
  /** stdout and stderr as the process wrote them, for leak checks (add-mask lines removed). */
  rawLog: string;
  durationMs: number;
}

export interface StepResult extends PhaseResult {
  id: string;
  pre?: PhaseResult;
}

export interface StepOptions {
  id?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  /** Milliseconds before the step is killed; a killed step has exit code 124. */
  timeoutMs?: number;
  /**
   * When it aborts, the step's whole process group (the action and every tool it started) is killed
   * with SIGKILL, as when a runner dies: no post step, no cleanup; the step's exit code is 137.
   */
  signal?: AbortSignal;
}

interface ActionDefinition {
  dir: string;
  inputs: Record<string, { default?: string }>;
  runs: { using: string; main: string; pre?: string; post?: string; 'pre-if'?: string; 'post-if'?: string };
}

export interface WorkflowRunOptions {
  results?: ResultsService;
  apiUrl?: string;
  repository?: string;
  runId?: number;
  runAttempt?: number;
  sha?: string;
  ref?: string;
  eventName?: string;
  event?: Record<string, unknown>;
  actor?: string;
  token?: string;
  workflow?: string;
  /** Parent of every job's directories; a fresh temp dir by default. */
  root?: string;
  debug?: boolean;
}

const SUMMARY_LIMIT = 1024 * 1024;

/** Variables of the machine's environment a runner passes on; everything else is left out for repeatability. */
const INHERITED_ENV = [
  'HOME',
  'LANG',
  'LC_ALL',
  'TZ',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'GOPATH',
  'GOCACHE',
];

/** Names an action: a suite action (`tf-plan`, `setup`), a probe (`probe:artifact`) or an absolute path. */
export function actionDirectory(action: string): string {
  if (action === 'setup') return repoRoot;
  if (action.startsWith('probe:'))
    return join(repoRoot, 'test', 'support', 'probes', action.slice('probe:'.length));
  if (isAbsolute(action)) return action;
  return join(repoRoot, 'actions', action);
}

async function loadAction(action: string): Promise<ActionDefinition> {
  const dir = actionDirectory(action);
  const document = parseYaml(await readFile(join(dir, 'action.yml'), 'utf8')) as Partial<ActionDefinition>;
  const runs = document.runs;
  if (!runs || !/^node\d+$/.test(runs.using) || !runs.main) {
    throw new Error(`${action}: the harness runs JavaScript actions only (runs.using: node24, runs.main)`);
  }
  return { dir, inputs: document.inputs ?? {}, runs };
}

/** The status functions the runner evaluates in pre-if and post-if; nothing else is supported here. */
function evaluateCondition(condition: string | undefined, fallback: string, jobFailed: boolean): boolean {
  const expression = (condition ?? fallback).replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
  switch (expression) {
    case 'always()':
      return true;
    case 'success()':
      return !jobFailed;
    case 'failure()':
      return jobFailed;
    case 'cancelled()':
      return false;
    default:
      throw new Error(`the harness cannot evaluate the condition ${JSON.stringify(condition)}`);
  }
}

function maskText(text: string, masks: readonly string[]): string {
  let masked = text;
  // Longest first, so a mask that contains another is replaced whole.
  for (const secret of [...masks].sort((a, b) => b.length - a.length)) {
    if (secret !== '') masked = masked.split(secret).join('***');
  }
  return masked;
}

export class WorkflowRun {
  readonly repository: string;
  readonly runId: number;
  readonly runAttempt: number;
  readonly sha: string;
  readonly ref: string;
  readonly runBackendId = randomUUID();
  readonly token: string;
  private readonly jobs: Job[] = [];
  private rootDir?: string;

  constructor(readonly options: WorkflowRunOptions = {}) {
    this.repository = options.repository ?? 'octo-org/infra';
    this.runId = options.runId ?? 1000 + Math.floor(Math.random() * 1_000_000);
    this.runAttempt = options.runAttempt ?? 1;
    this.sha = options.sha ?? 'a'.repeat(40);
    this.ref = options.ref ?? 'refs/heads/main';
    this.token = options.token ?? `ghs_${randomUUID().replace(/-/g, '')}`;
  }

  /** A new job with its own empty workspace, RUNNER_TEMP and tool cache. */
  async job(name: string): Promise<Job> {
    this.rootDir ??= this.options.root ?? (await mkdtemp(join(tmpdir(), 'iac-run-')));
    // Job names may hold spaces and slashes (`wave 1 / plan web`); the directory name may not.
    const dirName = `${name.replace(/[^\w.-]+/g, '_')}-${this.jobs.length + 1}`;
    const job = new Job(this, name, join(this.rootDir, dirName));
    await job.prepare();
    this.jobs.push(job);
    return job;
  }

  /** The jobs started so far, in order. */
  get allJobs(): readonly Job[] {
    return this.jobs;
  }

  /** Removes every job's directories; call it in afterAll. */
  async cleanup(): Promise<void> {
    if (this.rootDir && !this.options.root) await rm(this.rootDir, { recursive: true, force: true });
  }
}

export class Job {
  readonly workspace: string;
  readonly runnerTemp: string;
  readonly toolCache: string;
  readonly jobBackendId = randomUUID();
  /** What earlier steps exported with GITHUB_ENV and GITHUB_PATH. */
  readonly env: Record<string, string> = {};
  readonly path: string[] = [];
  readonly steps: StepResult[] = [];
  /** The post phases complete() ran, in the order it ran them: leak checks read them like the steps. */
  readonly postResults: PhaseResult[] = [];
  private readonly posts: Array<{
    id: string;
    action: ActionDefinition;
    options: StepOptions;
    state: Record<string, string>;
  }> = [];
  private failed = false;
  /** When the job started and, once complete() ran, ended: what the API's job listing reports. */
  readonly startedAt = new Date();
  completedAt: Date | undefined;

  constructor(
    readonly run: WorkflowRun,
    readonly name: string,
    readonly dir: string,
  ) {
    this.workspace = join(dir, 'workspace');
    this.runnerTemp = join(dir, 'temp');
    this.toolCache = join(dir, 'tool-cache');
  }

  async prepare(): Promise<void> {
    for (const path of [this.workspace, this.runnerTemp, this.toolCache])
      await mkdir(path, { recursive: true });
  }

  /** Writes a file into the workspace, as a checkout would. */
  async writeFile(relativePath: string, content: string): Promise<string> {
    const path = resolve(this.workspace, relativePath);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    return path;
  }

  /** Runs one `uses:` step: its pre phase when it has one, then main; post is queued for complete(). */
  async step(action: string, options: StepOptions = {}): Promise<StepResult> {
    const definition = await loadAction(action);
    const id = options.id ?? `${action.replace(/\W+/g, '_')}_${this.steps.length + 1}`;
    let state: Record<string, string> = {};
    let pre: PhaseResult | undefined;
    if (definition.runs.pre && evaluateCondition(definition.runs['pre-if'], 'always()', this.failed)) {
      pre = await this.runPhase('pre', id, definition, options, state);
      state = { ...state, ...pre.state };
    }
    const main = await this.runPhase('main', id, definition, options, state);
    state = { ...state, ...main.state };
    if (definition.runs.post) this.posts.push({ id, action: definition, options, state });
    const result: StepResult = { ...main, id, ...(pre ? { pre } : {}) };
    if (result.exitCode !== 0 || (pre && pre.exitCode !== 0)) this.failed = true;
    this.steps.push(result);
    return result;
  }

  /** Ends the job: runs the queued post steps in reverse order, as the runner does. */
  async complete(): Promise<PhaseResult[]> {
    const results: PhaseResult[] = [];
    for (const post of this.posts.reverse()) {
      if (!evaluateCondition(post.action.runs['post-if'], 'success()', this.failed)) continue;
      const result = await this.runPhase('post', post.id, post.action, post.options, post.state);
      if (result.exitCode !== 0) this.failed = true;
      results.push(result);
      this.postResults.push(result);
    }
    this.posts.length = 0;
    this.completedAt = new Date();
    return results;
  }

  get succeeded(): boolean {
    return !this.failed;
  }

  private inputEnvironment(
    definition: ActionDefinition,
    given: Record<string, string>,
  ): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, spec] of Object.entries(definition.inputs)) {
      const value = given[name] ?? this.evaluateDefault(spec.default);
      if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    return env;
  }

  /** action.yml defaults may use expressions; the harness knows the ones the suite uses. */
  private evaluateDefault(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    return String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
      if (expression === 'github.token') return this.run.token;
      if (expression === 'github.run_id') return String(this.run.runId);
      if (expression === 'github.repository') return this.run.repository;
      throw new Error(`the harness cannot evaluate the default expression \${{ ${expression} }}`);
    });
  }

  private async contextEnvironment(stepId: string, actionDir: string): Promise<Record<string, string>> {
    const run = this.run;
    const options = run.options;
    const eventPath = join(this.runnerTemp, '_github_workflow', 'event.json');
    await mkdir(dirname(eventPath), { recursive: true });
    await writeFile(eventPath, JSON.stringify(options.event ?? {}));
    const [owner = ''] = run.repository.split('/');
    return {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_REPOSITORY: run.repository,
      GITHUB_REPOSITORY_OWNER: owner,
      GITHUB_RUN_ID: String(run.runId),
      GITHUB_RUN_NUMBER: '1',
      GITHUB_RUN_ATTEMPT: String(run.runAttempt),
      GITHUB_JOB: this.name,
      GITHUB_SHA: run.sha,
      GITHUB_REF: run.ref,
      GITHUB_REF_NAME: run.ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_ACTOR: options.actor ?? 'octocat',
      GITHUB_TRIGGERING_ACTOR: options.actor ?? 'octocat',
      GITHUB_WORKFLOW: options.workflow ?? 'iac',
      GITHUB_ACTION: stepId,
      GITHUB_ACTION_PATH: actionDir,
      // The libraries refuse any other host as GHES; the API itself is the stand-in's URL.
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9/unreachable-api',
      GITHUB_GRAPHQL_URL: `${options.apiUrl ?? 'http://127.0.0.1:9/unreachable-api'}/graphql`,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: `harness-${this.name}`,
      RUNNER_TEMP: this.runnerTemp,
      RUNNER_TOOL_CACHE: this.toolCache,
      ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
      ...(options.results
        ? runnerEnvironment(options.results, {
            runBackendId: run.runBackendId,
            jobBackendId: this.jobBackendId,
          })
        : {}),
    };
  }

  private async runPhase(
    phase: PhaseResult['phase'],
    stepId: string,
    definition: ActionDefinition,
    options: StepOptions,
    state: Record<string, string>,
  ): Promise<PhaseResult> {
    const entry = resolve(definition.dir, definition.runs[phase] ?? definition.runs.main);
    if (!existsSync(entry)) throw new Error(`${entry} does not exist: run npm run build`);

    const commandDir = join(this.runnerTemp, '_runner_file_commands');
    await mkdir(commandDir, { recursive: true });
    const files = Object.fromEntries(
      ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map((name) => [
        name,
        join(commandDir, `${name.toLowerCase()}_${randomUUID()}`),
      ]),
    );
    for (const file of Object.values(files)) await writeFile(file, '');

    const inherited = Object.fromEntries(
      INHERITED_ENV.filter((name) => process.env[name] !== undefined).map((name) => [
        name,
        process.env[name] ?? '',
      ]),
    );
    // A step's own PATH (a workflow's `env: PATH:`) replaces the machine's, after what GITHUB_PATH added.
    const path = [
      ...this.path,
      ...(options.env?.PATH ?? `${toolsBinDir()}:${process.env.PATH ?? ''}`).split(':'),
    ]
      .filter(Boolean)
      .join(':');
    const stateEnv = Object.fromEntries(
      Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]),
    );
    const env = {
      ...inherited,
      ...(await this.contextEnvironment(stepId, definition.dir)),
      ...this.env,
      ...options.env,
      ...this.inputEnvironment(definition, options.with ?? {}),
      ...stateEnv,
      ...files,
      PATH: path,
    };

    const started = Date.now();
    const { exitCode, output } = await spawnNode(entry, env, this.workspace, options);
    const durationMs = Date.now() - started;

    const read = (name: string) => readFile(files[name] ?? '', 'utf8');
    const summary = await read('GITHUB_STEP_SUMMARY');
    const newEnv = parseKeyValueFile(await read('GITHUB_ENV'), 'GITHUB_ENV');
    const newPath = parsePathFile(await read('GITHUB_PATH'));
    Object.assign(this.env, newEnv);
    this.path.unshift(...newPath.reverse());

    return {
      phase,
      exitCode,
      outputs: parseKeyValueFile(await read('GITHUB_OUTPUT'), 'GITHUB_OUTPUT'),
      state: parseKeyValueFile(await read('GITHUB_STATE'), 'GITHUB_STATE'),
      env: newEnv,
      path: newPath,
      summary: summary.length > SUMMARY_LIMIT ? '' : summary,
      summaryDropped: summary.length > SUMMARY_LIMIT,
      durationMs,
      ...interpretLog(output),
    };
  }
}

type LogFindings = Pick<
  PhaseResult,
  'errors' | 'warnings' | 'notices' | 'debug' | 'masks' | 'groups' | 'log' | 'rawLog'
>;

/** Reads the process output as the runner does: workflow commands acted on, masked values hidden. */
export function interpretLog(output: string): LogFindings {
  const findings: LogFindings = {
    errors: [],
    warnings: [],
    notices: [],
    debug: [],
    masks: [],
    groups: [],
    log: '',
    rawLog: '',
  };
  const shown: string[] = [];
  const raw: string[] = [];
  let stopToken: string | undefined;
  for (const line of output.split('\n')) {
    const command = parseWorkflowCommand(line);
    if (stopToken !== undefined) {
      if (command?.command === stopToken) stopToken = undefined;
      raw.push(line);
      shown.push(line);
      continue;
    }
    if (command?.command === 'add-mask') {
      findings.masks.push(command.message, ...command.message.split('\n').filter((part) => part.length >= 4));
      continue;
    }
    raw.push(line);
    if (!command) {
      shown.push(line);
      continue;
    }
    const annotation = { message: command.message, properties: command.properties };
    switch (command.command) {
      case 'error':
        findings.errors.push(annotation);
        break;
      case 'warning':
        findings.warnings.push(annotation);
        break;
      case 'notice':
        findings.notices.push(annotation);
        break;
      case 'debug':
        findings.debug.push(command.message);
        break;
      case 'group':
        findings.groups.push(command.message);
        break;
      case 'stop-commands':
        stopToken = command.message;
        break;
    }
    shown.push(line);
  }
  findings.rawLog = raw.join('\n');
  findings.log = maskText(shown.join('\n'), findings.masks);
  findings.errors = findings.errors.map((a) => ({ ...a, message: maskText(a.message, findings.masks) }));
  findings.warnings = findings.warnings.map((a) => ({ ...a, message: maskText(a.message, findings.masks) }));
  return findings;
}

function spawnNode(
  entry: string,
  env: Record<string, string>,
  cwd: string,
  options: Pick<StepOptions, 'timeoutMs' | 'signal'>,
): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    // A process group of its own, so that a kill reaches the tools the action started, as on a runner.
    const child = spawn(node24(), [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    let killed: 'timeout' | 'signal' | undefined;
    const killGroup = (why: 'timeout' | 'signal'): void => {
      if (killed || child.pid === undefined) return;
      killed = why;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already: the child alone, if it is still there
      }
    };
    const timer = setTimeout(() => killGroup('timeout'), options.timeoutMs ?? 600_000);
    const onAbort = (): void => killGroup('signal');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolvePromise({
        exitCode: killed === 'timeout' ? 124 : killed === 'signal' ? 137 : (code ?? 1),
        output: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}
