import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type StepResult } from '../support/runner/runner.js';
import { startS3Server, type S3Server, type S3State } from '../support/s3-server.js';
import { toolsBinDir } from '../support/tools.js';

/**
 * tf-plan's `mode: drift` with real OpenTofu: a refresh-only plan of fixture_file resources, whose real
 * objects are files, edited and deleted behind tofu's back; and the one drift issue per stack that it
 * opens, keeps up to date and closes through the GitHub stand-in. The deployed state lives in S3
 * (versitygw on loopback, a bucket per test), which the drift job reaches only through the
 * backend-config and the credentials its step is given; one test keeps it on the local backend, in a
 * directory outside the job's workspace, so that both stay covered.
 */
const run = promisify(execFile);
let results: ResultsService;
let api: GitHubApi;
let s3: S3Server;
let root: string;
let cliConfig: string;
const runs: WorkflowRun[] = [];

beforeAll(async () => {
  s3 = await startS3Server();
  results = await startResultsService();
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
  root = await mkdtemp(join(tmpdir(), 'drift-'));
  // The fixture provider comes from the test bed's mirror (scripts/build-providers.sh).
  const mirror = join(dirname(toolsBinDir()), 'providers');
  cliConfig = join(root, 'cli.tfrc');
  await writeFile(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n` +
      `    include = ["example.com/*/*"]\n  }\n}\n`,
  );
});
afterEach(() => api.assertNoViolations());
afterAll(async () => {
  for (const workflowRun of runs) await workflowRun.cleanup();
  await s3?.close();
  await results?.close();
  await api?.close();
  await rm(root, { recursive: true, force: true });
});

function configuration(backend: 's3' | 'local'): string {
  return `terraform {
  backend "${backend}" {}
  required_providers {
    fixture = { source = "example.com/iac-pipeline/fixture" }
  }
}
variable "dir" { type = string }
resource "fixture_file" "motd" {
  path    = "\${var.dir}/motd"
  content = "welcome"
}
resource "fixture_file" "banner" {
  path    = "\${var.dir}/banner"
  content = "authorized use only"
}
`;
}

/** Where a stack's state lives: what a job is given to reach it, and how the test reads it. */
interface StateStore {
  backend: 's3' | 'local';
  /** The `backend-config` input value, one line an entry. */
  backendConfig: string;
  /** The step environment: the S3 credentials, as a workflow passes secrets. */
  env: Record<string, string>;
  state(): Promise<S3State | undefined>;
  /** The lock object beside the state while one is held; the local backend locks its file in the OS, so none. */
  lock(): Promise<Record<string, unknown> | undefined>;
}

/** A bucket of its own for the stack. */
async function s3Store(): Promise<StateStore> {
  const bucket = await s3.bucket();
  return {
    backend: 's3',
    backendConfig: bucket.backendConfig(),
    env: s3.credentialsEnv(),
    state: () => bucket.state(),
    lock: () => bucket.lock(),
  };
}

/** A directory of its own outside every workspace: the local backend's `path`. */
async function localStore(): Promise<StateStore> {
  const path = join(await mkdtemp(join(root, 'state-')), 'terraform.tfstate');
  return {
    backend: 'local',
    backendConfig: `path=${path}`,
    env: {},
    state: async () => {
      const text = await readFile(path, 'utf8').catch(() => undefined);
      return text === undefined ? undefined : (JSON.parse(text) as S3State);
    },
    lock: async () => undefined,
  };
}

interface Deployed {
  name: string;
  config: string;
  files: string;
  store: StateStore;
}

/** A stack applied by hand, as a deploy would have left it: its configuration, state and real files. */
async function deployedStack(name: string, store?: StateStore): Promise<Deployed> {
  const where = store ?? (await s3Store());
  const config = await mkdtemp(join(root, 'config-'));
  const files = await mkdtemp(join(root, 'files-'));
  await writeFile(join(config, 'main.tf'), configuration(where.backend));
  const env = {
    ...process.env,
    ...where.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    PATH: `${toolsBinDir()}:${process.env.PATH}`,
  };
  const backendArgs = where.backendConfig.split('\n').map((line) => `-backend-config=${line}`);
  await run('tofu', ['init', '-input=false', ...backendArgs], { cwd: config, env });
  await run('tofu', ['apply', '-input=false', '-auto-approve', `-var=dir=${files}`], { cwd: config, env });
  const state = await where.state();
  if (state?.resources.length !== 2)
    throw new Error(`the deploy did not leave its two resources in the ${where.backend} backend`);
  return { name, config, files, store: where };
}

function newRun(): WorkflowRun {
  const workflowRun = new WorkflowRun({
    results,
    apiUrl: api.url,
    repository: 'octo-org/infra',
    eventName: 'schedule',
    event: { schedule: '0 6 * * *' },
  });
  api.addToken(workflowRun.token, 'github-actions[bot]');
  runs.push(workflowRun);
  return workflowRun;
}

/**
 * A drift job: the stack's configuration checked out into an empty workspace (no state file, no
 * .terraform), and tf-plan given only the backend-config and the credentials, as on GitHub.
 */
async function detectDrift(
  stack: Deployed,
  extra: Record<string, string> = {},
  env: Record<string, string> = stack.store.env,
): Promise<StepResult> {
  const job = await newRun().job('drift');
  await cp(stack.config, join(job.workspace, 'network'), {
    recursive: true,
    filter: (src) => basename(src) !== '.terraform',
  });
  const step = await job.step('tf-plan', {
    with: {
      'working-directory': 'network',
      stack: stack.name,
      mode: 'drift',
      vars: `dir=${stack.files}`,
      'backend-config': stack.store.backendConfig,
      ...extra,
    },
    env: { TF_CLI_CONFIG_FILE: cliConfig, ...env },
  });
  return step;
}

function driftIssues(stack: Deployed) {
  return [...api.state.issues.values()].filter(
    (issue) =>
      issue.author === 'github-actions[bot]' && issue.title === `Drift detected in stack ${stack.name}`,
  );
}

describe('drift detection', () => {
  it('finds no drift in a stack as deployed, reading its state from the bucket, and opens no issue', async () => {
    const stack = await deployedStack('clean');
    const before = await stack.store.state();
    const step = await detectDrift(stack);
    expect(step.errors).toEqual([]);
    expect(step.outputs.drift).toBe('false');
    expect(JSON.parse(step.outputs.drifted ?? '')).toEqual([]);
    expect(driftIssues(stack)).toEqual([]);
    // A refresh of an empty state finds no drift either: the refresh of each deployed resource shows that
    // the job read the state the deploy left in the bucket.
    expect(step.log).toContain('Successfully configured the backend "s3"');
    expect(step.log).toContain('fixture_file.motd: Refreshing state...');
    expect(step.log).toContain('fixture_file.banner: Refreshing state...');
    // A refresh-only plan writes nothing back, and leaves no lock behind.
    const after = await stack.store.state();
    expect({ serial: after?.serial, lineage: after?.lineage }).toEqual({
      serial: before?.serial,
      lineage: before?.lineage,
    });
    expect(await stack.store.lock()).toBeUndefined();
  });

  it('fails, and reports no verdict on drift, when its credentials do not open the bucket', async () => {
    const stack = await deployedStack('locked-out');
    await writeFile(join(stack.files, 'motd'), 'edited on the host');
    const wrongSecret = `wrong-${s3.secretKey.slice(0, 8)}`;
    const step = await detectDrift(stack, {}, { ...s3.credentialsEnv(), AWS_SECRET_ACCESS_KEY: wrongSecret });
    expect(step.exitCode).toBe(1);
    // One error, with the bucket's refusal and where the credentials go: the secret is wrong, not our code.
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.message).toMatch(
      /^tofu init failed: the state backend refused access \(.*403.*SignatureDoesNotMatch.*\)\. Nothing was changed\. .*AWS_SECRET_ACCESS_KEY/,
    );
    expect(step.rawLog).not.toMatch(/failed unexpectedly|^\s+at /m);
    expect(step.outputs.drift).toBeUndefined();
    expect(step.outputs.drifted).toBeUndefined();
    expect(driftIssues(stack)).toEqual([]);
    expect(step.rawLog).not.toContain(wrongSecret);
  });

  it('opens one issue per stack when drift appears, updates it while it lasts, and closes it when gone', async () => {
    const stack = await deployedStack('drifting');
    await writeFile(join(stack.files, 'motd'), 'edited on the host');

    const first = await detectDrift(stack);
    expect(first.errors).toEqual([]);
    expect(first.outputs.drift).toBe('true');
    expect(JSON.parse(first.outputs.drifted ?? '')).toEqual([
      { address: 'fixture_file.motd', action: 'update' },
    ]);
    expect(first.warnings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('1 resource(s) changed outside') }),
    ]);
    expect(driftIssues(stack)).toHaveLength(1);
    const issue = driftIssues(stack)[0];
    expect(issue).toMatchObject({ state: 'open', labels: ['drift'], author: 'github-actions[bot]' });
    expect(issue?.body).toContain('fixture_file.motd');
    expect(issue?.body).toContain('edited on the host');
    expect(issue?.body).not.toContain('fixture_file.banner');
    expect(first.outputs['drift-issue-url']).toMatch(new RegExp(`/octo-org/infra/issues/${issue?.number}$`));
    expect(first.summary).toContain('fixture_file.motd');

    // The drift grows: a file deleted on the host. The same issue says so; none is added.
    await unlink(join(stack.files, 'banner'));
    const second = await detectDrift(stack);
    expect(JSON.parse(second.outputs.drifted ?? '')).toEqual([
      { address: 'fixture_file.banner', action: 'delete' },
      { address: 'fixture_file.motd', action: 'update' },
    ]);
    expect(driftIssues(stack)).toHaveLength(1);
    expect(driftIssues(stack)[0]?.body).toContain('fixture_file.banner');
    expect(driftIssues(stack)[0]?.body).toContain('**2 resources**');

    // Put back as configured: the issue is closed with a comment saying which run found no drift.
    await writeFile(join(stack.files, 'motd'), 'welcome');
    await writeFile(join(stack.files, 'banner'), 'authorized use only');
    const third = await detectDrift(stack);
    expect(third.outputs.drift).toBe('false');
    expect(driftIssues(stack)[0]).toMatchObject({ state: 'closed', stateReason: 'completed' });
    const comments = [...api.state.comments.values()].filter((c) => c.issueNumber === issue?.number);
    expect(comments.map((c) => c.body)).toEqual([expect.stringContaining('No drift found any more')]);

    // Drift again later: a new issue, since the old one is closed.
    await writeFile(join(stack.files, 'motd'), 'edited again');
    await detectDrift(stack);
    expect(driftIssues(stack).map((i) => i.state)).toEqual(['closed', 'open']);
  });

  it('trusts the marker only on issues its own account opened', async () => {
    const stack = await deployedStack('planted');
    await writeFile(join(stack.files, 'motd'), 'edited on the host');
    const planted = api.addIssue({
      title: 'Drift detected in stack planted',
      body: '<!-- iac-pipeline:drift:planted -->\nplanted by someone else',
      labels: ['drift'],
      author: 'mallory',
    });
    await detectDrift(stack);
    await writeFile(join(stack.files, 'motd'), 'welcome');
    await detectDrift(stack);
    // Neither edited nor closed: the real issue was opened beside it, then closed.
    expect(planted).toMatchObject({
      state: 'open',
      body: expect.stringContaining('planted by someone else'),
    });
    expect(driftIssues(stack).map((issue) => issue.state)).toEqual(['closed']);
  });

  // The one drift test on the local backend: the state in a directory outside the job's workspace, which
  // the job reaches through backend-config's `path` as the S3 tests reach their bucket.
  it('says which permission it needs when the token may not write issues, and can be told not to (local backend)', async () => {
    const stack = await deployedStack('quiet', await localStore());
    await writeFile(join(stack.files, 'motd'), 'edited on the host');
    const quiet = await detectDrift(stack, { 'drift-issue': 'false' });
    expect(quiet.errors).toEqual([]);
    expect(quiet.outputs.drift).toBe('true');
    expect(quiet.outputs['drift-issue-url']).toBeUndefined();

    const noToken = await detectDrift(stack, { 'github-token': '' });
    expect(noToken.exitCode).toBe(1);
    expect(noToken.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('issues: write') }),
    ]);
    expect(await readFile(join(stack.files, 'motd'), 'utf8')).toBe('edited on the host');
  });
});
