import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun } from '../support/runner/runner.js';
import { toolsBinDir } from '../support/tools.js';

/**
 * tf-plan's `mode: drift` with real OpenTofu: a refresh-only plan of fixture_file resources, whose real
 * objects are files, edited and deleted behind tofu's back; and the one drift issue per stack that it
 * opens, keeps up to date and closes through the GitHub stand-in.
 */
const run = promisify(execFile);
let results: ResultsService;
let api: GitHubApi;
let root: string;
let cliConfig: string;
const runs: WorkflowRun[] = [];

beforeAll(async () => {
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
  await results.close();
  await api.close();
  await rm(root, { recursive: true, force: true });
});

const CONFIG = `terraform {
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

/** A stack applied by hand, as a deploy would have left it: its configuration, state and real files. */
async function deployedStack(name: string): Promise<Deployed> {
  const config = await mkdtemp(join(root, 'config-'));
  const files = await mkdtemp(join(root, 'files-'));
  const state = join(await mkdtemp(join(root, 'state-')), 'terraform.tfstate');
  await writeFile(join(config, 'main.tf'), CONFIG);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, PATH: `${toolsBinDir()}:${process.env.PATH}` };
  await run('tofu', ['init', '-input=false'], { cwd: config, env });
  await run('tofu', ['apply', '-input=false', '-auto-approve', `-state=${state}`, `-var=dir=${files}`], {
    cwd: config,
    env,
  });
  return { name, config, files, state };
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

interface Deployed {
  name: string;
  config: string;
  files: string;
  state: string;
}

async function detectDrift(stack: Deployed, extra = {}) {
  const job = await newRun().job('drift');
  await cp(stack.config, join(job.workspace, 'network'), {
    recursive: true,
    filter: (src) => basename(src) !== '.terraform',
  });
  // The state the deploy left, where the stack's backend keeps it.
  await cp(stack.state, join(job.workspace, 'network', 'terraform.tfstate'));
  const step = await job.step('tf-plan', {
    with: {
      'working-directory': 'network',
      stack: stack.name,
      mode: 'drift',
      vars: `dir=${stack.files}`,
      ...extra,
    },
    env: { TF_CLI_CONFIG_FILE: cliConfig },
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
  it('finds no drift in a stack as deployed, and opens no issue', async () => {
    const stack = await deployedStack('clean');
    const step = await detectDrift(stack);
    expect(step.errors).toEqual([]);
    expect(step.outputs.drift).toBe('false');
    expect(JSON.parse(step.outputs.drifted ?? '')).toEqual([]);
    expect(driftIssues(stack)).toEqual([]);
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

  it('says which permission it needs when the token may not write issues, and can be told not to', async () => {
    const stack = await deployedStack('quiet');
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
