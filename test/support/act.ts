import { execFile, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { GitHubApi } from './github-api.js';
import type { ResultsService, RunIds } from './results-service.js';
import { act, node24, repoRoot, toolsBinDir } from './tools.js';

/**
 * Runs a workflow with nektos/act (scripts/versions.env: ACT_VERSION), a second runner independent of our own
 * harness, in host mode (`-P ubuntu-latest=-self-hosted`, no Docker: every job runs on this machine, a node24
 * action with the first `node` on PATH, here Node 24), against the test bed's stand-ins instead of GitHub:
 *
 * - The results service for artifacts and the cache. act's own artifact server speaks an older protocol that
 *   @actions/artifact 6 refuses (`unknown field "mime_type"`, nektos/act#6022), so act gets a throwaway
 *   --artifact-server-path (without one it sets no ACTIONS_RUNTIME_* variable at all) and, in its own
 *   environment, ACTIONS_RUNTIME_URL and ACTIONS_RUNTIME_TOKEN: act hands those to every job instead of its
 *   server's, and sets ACTIONS_RESULTS_URL to the same URL. The token is minted here, per run.
 * - The GitHub API stand-in, as GITHUB_API_URL, with the token registered there passed as the GITHUB_TOKEN secret.
 * - Our actions and reusable workflows: `iac-pipeline/iac-pipeline@v1` is mapped with --local-repository to a
 *   staged copy of this repository (action.yml, actions/, dist/, .github/workflows/; see stageSuite). act tars
 *   the mapped directory for every step that uses it, so node_modules must stay out of it.
 *
 * The caller workflow runs in a fresh git repository (act reads the commit SHA from it). act skips a
 * `uses: actions/checkout@v4` of that repository only when the step gives no `ref:`; the suite's workflows
 * give `ref: ${{ github.event.pull_request.head.sha }}`, and act would fetch actions/checkout from github.com.
 * So actions/checkout@v4 is mapped to a stand-in that copies that repository, .git included, into the
 * job's workspace: what the real one fetches.
 *
 * What act does not model (so tests must not rely on it): one runtime token serves every job of the run, so all
 * jobs share one job backend id; `environment:` never waits for reviewers; act's process environment (built
 * here: PATH, HOME and a few locale variables) reaches every step, where GitHub's runner has its own.
 */

export interface ToolCacheEntry {
  /** The tool-cache name, as @actions/tool-cache's find() takes it (`tofu`). */
  tool: string;
  version: string;
  /** Files linked into `<tool>/<version>/x64/` by their base names. */
  files: string[];
}

export interface ActOptions {
  /** The caller workflow: YAML text, or the path of a file; written as .github/workflows/<workflowFile>. */
  workflow: { yaml: string } | { path: string };
  workflowFile?: string;
  /** More files of the temporary repository: path relative to its root → text. */
  files?: Record<string, string>;
  /** Directories copied into the temporary repository: path relative to its root → source directory. */
  directories?: Record<string, string>;
  eventName: string;
  event: Record<string, unknown>;
  /** workflow_dispatch inputs (--input). */
  inputs?: Record<string, string>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** Variables every job gets (--env); they win over act's defaults such as GITHUB_API_URL. */
  env?: Record<string, string>;
  results: ResultsService;
  /** The GitHub API stand-in: the run's token is registered there for `github-actions[bot]`. */
  api?: GitHubApi;
  /** The GITHUB_TOKEN secret; a fresh `ghs_` token by default. */
  token?: string;
  /** owner/name; the API stand-in's default repository, else `octo-org/infra`. */
  repository?: string;
  runId?: number;
  actor?: string;
  /** Tools put into act's tool cache beforehand, as an earlier run would have left them. */
  toolCache?: ToolCacheEntry[];
  /** The directory mapped as iac-pipeline/iac-pipeline@v1; a fresh stageSuite() copy by default. */
  suite?: string;
  /** Parent of the run's temporary directory (default: the OS temp dir). */
  root?: string;
  /** Runs only this job (-j). */
  job?: string;
  concurrentJobs?: number;
  /** Milliseconds before act is killed (default 240 s); a killed run has `timedOut`. */
  timeoutMs?: number;
  /** Keep the run's temporary directory (for a look after a failure); removed by default. */
  keep?: boolean;
}

/** One line of act's --json log. */
export interface ActLogEntry {
  level: string;
  msg: string;
  time?: string;
  job?: string;
  jobID?: string;
  matrix?: Record<string, unknown>;
  step?: string;
  stepID?: string[];
  stage?: string;
  stepResult?: string;
  jobResult?: string;
  raw_output?: boolean;
  [field: string]: unknown;
}

export interface ActJob {
  /** As act names it: `<workflow name>/<job name>`, and `<caller job id>/<called workflow name>/<job name>` in a reusable workflow. */
  name: string;
  id: string;
  matrix?: Record<string, unknown>;
  result: string;
}

export interface ActStep {
  job: string;
  step: string;
  /** Pre, Main or Post. */
  stage: string;
  result: string;
}

export interface ActResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** act's log as it prints it without --json (`[job] message`), then whatever it wrote to stderr. */
  log: string;
  entries: ActLogEntry[];
  /** Every job that finished (success or failure) or was skipped, in the order act reported it. */
  jobs: ActJob[];
  steps: ActStep[];
  /** The ids in the run's runtime token: the results service files the run's artifacts under runBackendId. */
  ids: RunIds;
  token: string;
  repository: string;
  /** The temporary git repository the caller workflow ran in (gone after the run unless `keep`). */
  repoDir: string;
  durationMs: number;
}

const exec = promisify(execFile);

/** Locale and user variables passed on to act (and so to every step); everything else is left out. */
const INHERITED_ENV = ['LANG', 'LC_ALL', 'TZ', 'USER', 'LOGNAME', 'SHELL'];

/**
 * Copies what `uses: iac-pipeline/iac-pipeline/...@v1` needs into `dest`: the root action.yml, actions/, dist/
 * and .github/workflows/. Stage once per test file and pass it as `suite` to save the copy.
 */
export async function stageSuite(dest: string, from = repoRoot): Promise<string> {
  await mkdir(dest, { recursive: true });
  for (const entry of ['action.yml', 'actions', 'dist', join('.github', 'workflows')]) {
    await cp(join(from, entry), join(dest, entry), { recursive: true });
  }
  return dest;
}

/** actions/checkout for act: copies the caller's repository into the job's workspace, as a fetch would. */
async function checkoutStandIn(dest: string, repository: string): Promise<string> {
  await mkdir(dest, { recursive: true });
  const inputs = ['repository', 'ref', 'token', 'path', 'fetch-depth', 'persist-credentials'];
  await writeFile(
    join(dest, 'action.yml'),
    [
      'name: checkout (act stand-in)',
      'description: Copies the repository of the run into the workspace.',
      'inputs:',
      ...inputs.flatMap((input) => [`  ${input}:`, `    description: as actions/checkout's ${input}`]),
      'runs:',
      '  using: node24',
      '  main: index.js',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dest, 'index.js'),
    [
      "const { cpSync } = require('node:fs');",
      `cpSync(${JSON.stringify(repository)}, process.env.GITHUB_WORKSPACE, { recursive: true });`,
      "console.log('Copied the repository into the workspace.');",
      '',
    ].join('\n'),
  );
  return dest;
}

export async function runAct(options: ActOptions): Promise<ActResult> {
  const actBinary = act();
  const started = Date.now();
  const parent = options.root ?? tmpdir();
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, 'act-run-'));
  try {
    return await runIn(dir, actBinary, options, started);
  } finally {
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  }
}

async function runIn(dir: string, actBinary: string, options: ActOptions, started: number) {
  const repoDir = join(dir, 'repo');
  const home = join(dir, 'home');
  const nodeBin = join(dir, 'node-bin');
  const actionCache = join(dir, 'action-cache');
  await Promise.all([repoDir, home, nodeBin, actionCache].map((d) => mkdir(d, { recursive: true })));

  // act runs node24 actions with the first `node` on PATH.
  await symlink(node24(), join(nodeBin, 'node'));
  const suite = options.suite ?? (await stageSuite(join(dir, 'suite')));
  await seedToolCache(join(actionCache, 'tool_cache'), options.toolCache ?? []);
  await writeRepository(repoDir, home, options);

  const repository =
    options.repository ?? (options.api ? `${options.api.owner}/${options.api.repo}` : 'octo-org/infra');
  const token = options.token ?? `ghs_${randomUUID().replace(/-/g, '')}`;
  options.api?.addToken(token, 'github-actions[bot]');
  const ids: RunIds = { runBackendId: randomUUID(), jobBackendId: randomUUID() };
  const runtimeToken = options.results.issueRuntimeToken(ids);
  const eventPath = join(dir, 'event.json');
  await writeFile(eventPath, JSON.stringify(options.event));

  const env: Record<string, string> = {
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: String(options.runId ?? randomInt(1_000, 1_000_000_000)),
    // @actions/artifact and @actions/cache refuse any other server as GHES; the cache speaks v2 to ACTIONS_RESULTS_URL.
    GITHUB_SERVER_URL: 'https://github.com',
    ACTIONS_CACHE_SERVICE_V2: 'True',
    ...(options.api
      ? { GITHUB_API_URL: options.api.url, GITHUB_GRAPHQL_URL: `${options.api.url}/graphql` }
      : {}),
    ...options.env,
  };
  const secrets = { GITHUB_TOKEN: token, ...options.secrets };
  const args = [
    options.eventName,
    '--json',
    '-W',
    join('.github', 'workflows', options.workflowFile ?? 'caller.yml'),
    '-e',
    eventPath,
    '-P',
    'ubuntu-latest=-self-hosted',
    '--local-repository',
    `iac-pipeline/iac-pipeline@v1=${suite}`,
    '--local-repository',
    `actions/checkout@v4=${await checkoutStandIn(join(dir, 'checkout-action'), repoDir)}`,
    '--action-cache-path',
    actionCache,
    '--artifact-server-path',
    join(dir, 'act-artifacts'),
    '--artifact-server-addr',
    '127.0.0.1',
    '--artifact-server-port',
    '0',
    '--no-cache-server',
    '--cache-server-path',
    join(dir, 'act-cache-server'),
    '--actor',
    options.actor ?? 'octocat',
    ...(options.job ? ['-j', options.job] : []),
    ...(options.concurrentJobs ? ['--concurrent-jobs', String(options.concurrentJobs)] : []),
    ...pairs('--env', env),
    ...pairs('-s', secrets),
    ...pairs('--var', options.vars ?? {}),
    ...pairs('--input', options.inputs ?? {}),
  ];
  const processEnv: Record<string, string> = {
    ...pick(process.env, INHERITED_ENV),
    HOME: home,
    PATH: [nodeBin, ...hostPath()].join(delimiter),
    // Read by act itself (not by the jobs): what it hands every job instead of its own artifact server.
    ACTIONS_RUNTIME_URL: options.results.url,
    ACTIONS_RUNTIME_TOKEN: runtimeToken,
  };

  const run = await spawnAct(actBinary, args, repoDir, processEnv, options.timeoutMs ?? 240_000);
  const { entries, text } = parseLog(run.stdout);
  return {
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    log: text + (run.stderr ? `\n--- stderr ---\n${run.stderr}` : ''),
    entries,
    jobs: jobsOf(entries),
    steps: stepsOf(entries),
    ids,
    token,
    repository,
    repoDir,
    durationMs: Date.now() - started,
  } satisfies ActResult;
}

function pairs(flag: string, values: Record<string, string>): string[] {
  return Object.entries(values).flatMap(([name, value]) => [flag, `${name}=${value}`]);
}

function pick(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])),
  ) as Record<string, string>;
}

/**
 * This machine's PATH without the tools directory: the workflow's setup step has to put tofu on PATH itself,
 * as on a fresh runner (with-node24.sh puts the tools directory first for the tests).
 */
function hostPath(): string[] {
  const tools = resolve(toolsBinDir());
  return (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin')
    .split(delimiter)
    .filter((entry) => entry !== '' && resolve(entry) !== tools);
}

async function seedToolCache(toolCache: string, entries: readonly ToolCacheEntry[]) {
  for (const { tool, version, files } of entries) {
    const target = join(toolCache, tool, version, 'x64');
    await mkdir(target, { recursive: true });
    for (const file of files) await symlink(resolve(file), join(target, file.split('/').pop() ?? file));
    await writeFile(`${target}.complete`, '');
  }
}

async function writeRepository(repoDir: string, home: string, options: ActOptions) {
  const workflow =
    'yaml' in options.workflow ? options.workflow.yaml : await readFile(options.workflow.path, 'utf8');
  const files: Record<string, string> = {
    [join('.github', 'workflows', options.workflowFile ?? 'caller.yml')]: workflow,
    ...options.files,
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(repoDir, path)), { recursive: true });
    await writeFile(join(repoDir, path), text);
  }
  for (const [path, source] of Object.entries(options.directories ?? {})) {
    await cp(source, join(repoDir, path), { recursive: true });
  }
  // A real commit: act reads GITHUB_SHA from HEAD. HOME is the run's own, so no user git config applies.
  const git = (...args: string[]) =>
    exec('git', ['-c', 'user.name=act-test', '-c', 'user.email=act-test@example.invalid', ...args], {
      cwd: repoDir,
      env: { PATH: process.env.PATH ?? '', HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
    });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '--no-gpg-sign', '-m', 'the caller workflow');
}

interface Spawned {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

function spawnAct(
  binary: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<Spawned> {
  return new Promise((resolvePromise, reject) => {
    // Its own process group, so a timeout ends act and every step it started, and nothing else.
    const child = spawn(binary, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolvePromise({
        exitCode,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** act's --json lines, and the log rendered the way act prints it without --json. */
export function parseLog(stdout: string): { entries: ActLogEntry[]; text: string } {
  const entries: ActLogEntry[] = [];
  const lines: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    let entry: ActLogEntry | undefined;
    if (line.startsWith('{')) {
      try {
        entry = JSON.parse(line) as ActLogEntry;
      } catch {
        entry = undefined;
      }
    }
    if (!entry) {
      lines.push(line);
      continue;
    }
    entries.push(entry);
    const prefix = entry.job === undefined ? '' : `[${entry.job}] `;
    const marker = entry.raw_output ? '  | ' : '';
    for (const part of String(entry.msg).replace(/\n$/, '').split('\n'))
      lines.push(`${prefix}${marker}${part}`);
  }
  return { entries, text: lines.join('\n') };
}

/**
 * The job's name without act's padding: act pads the `job` field of every log line with spaces to the longest
 * job name it has started so far in that workflow (`%-*s`, for aligned columns), so one job's name can end in
 * spaces in some runs and not in others.
 */
export function jobName(entry: Pick<ActLogEntry, 'job'>): string {
  return (entry.job ?? '').trimEnd();
}

function jobsOf(entries: readonly ActLogEntry[]): ActJob[] {
  return entries
    .filter((entry) => typeof entry.jobResult === 'string')
    .map((entry) => ({
      name: jobName(entry),
      id: entry.jobID ?? '',
      ...(entry.matrix && Object.keys(entry.matrix).length > 0 ? { matrix: entry.matrix } : {}),
      result: entry.jobResult ?? '',
    }));
}

function stepsOf(entries: readonly ActLogEntry[]): ActStep[] {
  return entries
    .filter((entry) => typeof entry.stepResult === 'string' && typeof entry.step === 'string')
    .map((entry) => ({
      job: jobName(entry),
      step: entry.step ?? '',
      stage: entry.stage ?? '',
      result: entry.stepResult ?? '',
    }));
}
