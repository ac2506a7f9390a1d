import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { artifactsOfRuns } from '../support/artifact-bridge.js';
import { startHttpStateBackend } from '../support/http-state-backend.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type Job, type StepResult } from '../support/runner/runner.js';
import { repoRoot } from '../support/tools.js';

/**
 * tf-plan and tf-apply with real OpenTofu, plan and apply in separate jobs (separate empty workspaces),
 * the bundle passed through the real @actions/artifact and the results service stand-in. The state lives
 * in a directory outside every workspace, standing for a remote backend.
 */
let results: ResultsService;
let api: GitHubApi;
let root: string;
const runs: WorkflowRun[] = [];

beforeAll(async () => {
  results = await startResultsService();
  api = await startGitHubApi({
    owner: 'octo-org',
    repo: 'infra',
    artifactSource: artifactsOfRuns(results, () => runs),
  });
  root = await mkdtemp(join(tmpdir(), 'plan-apply-'));
});
afterEach(() => api.assertNoViolations());
afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await results.close();
  await api.close();
  await rm(root, { recursive: true, force: true });
});

const SECRET = 'initial-Secret-Value-7c1';

function newRun(options: { sha?: string; debug?: boolean } = {}): WorkflowRun {
  const run = new WorkflowRun({ results, apiUrl: api.url, repository: 'octo-org/infra', ...options });
  api.addToken(run.token, 'github-actions[bot]');
  runs.push(run);
  return run;
}

/** A backend directory of its own for each test: the "remote" state every job of the test reaches. */
async function backend(): Promise<string> {
  return mkdtemp(join(root, 'state-'));
}

async function checkout(job: Job): Promise<void> {
  await cp(join(repoRoot, 'test', 'fixtures', 'stack'), join(job.workspace, 'infra'), { recursive: true });
}

async function planIn(
  run: WorkflowRun,
  stateDir: string,
  given: Record<string, string> = {},
): Promise<StepResult> {
  const job = await run.job('plan');
  await checkout(job);
  return job.step('tf-plan', {
    with: { 'working-directory': 'infra', 'backend-config': `path=${stateDir}/terraform.tfstate`, ...given },
  });
}

async function applyIn(run: WorkflowRun, stateDir: string, given: Record<string, string> = {}) {
  const job = await run.job('apply');
  await checkout(job);
  const step = await job.step('tf-apply', {
    with: { 'working-directory': 'infra', 'backend-config': `path=${stateDir}/terraform.tfstate`, ...given },
  });
  return { job, step };
}

async function stateOf(
  stateDir: string,
): Promise<{ serial: number; resources: Array<{ instances: unknown[] }> }> {
  return JSON.parse(await readFile(join(stateDir, 'terraform.tfstate'), 'utf8'));
}

function expectRefused(step: StepResult, message: string | RegExp): void {
  expect(step.exitCode).toBe(1);
  expect(step.errors).toHaveLength(1);
  expect(step.errors[0]?.message).toMatch(message);
  expect(step.rawLog).not.toMatch(/^\s+at /m);
}

describe('plan in one job, apply exactly that plan in another', () => {
  it('applies the plan, publishes outputs and an inventory, and leaks no sensitive value', async () => {
    const stateDir = await backend();
    const run = newRun();
    const plan = await planIn(run, stateDir, { vars: 'image_id=img-2042' });
    expect(plan.errors).toEqual([]);
    expect(plan.exitCode).toBe(0);
    expect(plan.outputs).toMatchObject({
      'has-changes': 'true',
      add: '2',
      change: '0',
      destroy: '0',
      replace: '0',
      destroys: 'false',
      exitcode: '2',
      'artifact-name': 'iac-plan-infra',
    });
    expect(plan.outputs['plan-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(plan.summary).toContain(plan.outputs['plan-digest']);

    const { job, step } = await applyIn(run, stateDir, {
      'expected-plan-digest': plan.outputs['plan-digest'] ?? '',
      environment: 'production',
    });
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);
    expect(step.outputs['applied']).toBe('true');
    expect(step.outputs['plan-digest']).toBe(plan.outputs['plan-digest']);
    expect(JSON.parse(step.outputs['outputs'] ?? '{}')).toEqual({
      vm_names: ['vm-0', 'vm-1'],
      ansible_inventory: expect.any(Object),
    });
    expect((await stateOf(stateDir)).resources[0]?.instances).toHaveLength(2);

    // The inventory parses with Ansible's own reader.
    const listed = await promisify(execFile)('ansible-inventory', [
      '-i',
      step.outputs['inventory-path'] ?? '',
      '--list',
    ]);
    const inventory = JSON.parse(listed.stdout);
    expect(inventory.web.hosts.sort()).toEqual(['vm-0', 'vm-1']);
    expect(inventory._meta.hostvars['vm-0']).toMatchObject({ ansible_host: '127.0.0.1', image: 'img-2042' });

    const outputsJson = JSON.parse(await readFile(step.outputs['outputs-path'] ?? '', 'utf8'));
    expect(outputsJson.db_password).toBe('(sensitive)');
    expect(
      results
        .artifacts(run.runBackendId)
        .map((a) => a.name)
        .sort(),
    ).toEqual(['iac-inventory-infra', 'iac-outputs-infra', 'iac-plan-infra']);

    // The sensitive output's value appears nowhere a person or another job could read it: the outputs
    // came from the apply's own report, which leaves sensitive values out, so there was nothing to mask.
    expect(step.masks).not.toContain(SECRET);
    for (const text of [
      step.rawLog,
      step.summary,
      JSON.stringify(step.outputs),
      JSON.stringify(outputsJson),
    ]) {
      expect(text).not.toContain(SECRET);
    }
    const outputsArtifact = results.artifacts(run.runBackendId).find((a) => a.name === 'iac-outputs-infra');
    await expectNotInArtifact(run, outputsArtifact?.name ?? '', SECRET);

    // The environment got a deployment that went in_progress → success.
    const deployments = [...api.state.deployments.values()];
    expect(deployments.map((d) => d.environment)).toEqual(['production']);
    const statuses = [...api.state.deploymentStatuses.values()].filter(
      (s) => s.deploymentId === deployments[0]?.id,
    );
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(step.outputs['deployment-id']).toBe(String(deployments[0]?.id));
    await job.complete();

    // A second plan of the same configuration changes nothing, and applying it changes nothing.
    const again = newRun();
    const quiet = await planIn(again, stateDir, { vars: 'image_id=img-2042' });
    expect(quiet.outputs).toMatchObject({ 'has-changes': 'false', add: '0', exitcode: '0' });
    const serial = (await stateOf(stateDir)).serial;
    const noop = await applyIn(again, stateDir, {
      'expected-plan-digest': quiet.outputs['plan-digest'] ?? '',
    });
    expect(noop.step.errors).toEqual([]);
    expect(noop.step.exitCode).toBe(0);
    expect((await stateOf(stateDir)).resources[0]?.instances).toHaveLength(2);
    expect((await stateOf(stateDir)).serial).toBeGreaterThanOrEqual(serial);
  });
});

/** Downloads an artifact in a job of its own and searches every file in it. */
async function expectNotInArtifact(run: WorkflowRun, name: string, needle: string): Promise<void> {
  const job = await run.job('inspect');
  const step = await job.step('probe:artifact', { with: { mode: 'download', name, path: 'got' } });
  expect(step.exitCode).toBe(0);
  const files = await readdir(join(job.workspace, 'got'), { recursive: true, withFileTypes: true });
  for (const file of files.filter((f) => f.isFile())) {
    expect(await readFile(join(file.parentPath, file.name), 'latin1')).not.toContain(needle);
  }
}

describe('across workflow runs and failures', () => {
  it('applies on merge the bundle planned in the pull request run (run-id)', async () => {
    const stateDir = await backend();
    const pullRequest = newRun();
    const plan = await planIn(pullRequest, stateDir);
    expect(plan.exitCode).toBe(0);
    const merge = newRun();
    const { step } = await applyIn(merge, stateDir, {
      'run-id': String(pullRequest.runId),
      'expected-plan-digest': plan.outputs['plan-digest'] ?? '',
      'require-same-commit': 'true',
    });
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);
    expect(api.requests.some((r) => r.path.endsWith(`/actions/runs/${pullRequest.runId}/artifacts`))).toBe(
      true,
    );
    expect((await stateOf(stateDir)).resources[0]?.instances).toHaveLength(2);
  });

  it("records the commit the checkout holds, so that the pull request's branch can apply its plan", async () => {
    const stateDir = await backend();
    // On pull_request GITHUB_SHA is the merge commit; the workflow checked out the head commit instead.
    const pullRequest = newRun({ sha: 'e'.repeat(40) });
    const job = await pullRequest.job('plan');
    await checkout(job);
    const git = (args: string[]) =>
      promisify(execFile)('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], {
        cwd: job.workspace,
      });
    await git(['init', '-q']);
    await git(['add', '.']);
    await git(['commit', '-q', '-m', 'head of the pull request']);
    const head = (await git(['rev-parse', 'HEAD'])).stdout.trim();
    const plan = await job.step('tf-plan', {
      with: { 'working-directory': 'infra', 'backend-config': `path=${stateDir}/terraform.tfstate` },
    });
    expect(plan.errors).toEqual([]);
    expect(plan.log).toContain(`The checkout holds commit ${head} (GITHUB_SHA is ${'e'.repeat(40)})`);

    const given = {
      'run-id': String(pullRequest.runId),
      'expected-plan-digest': plan.outputs['plan-digest'] ?? '',
    };
    const elsewhere = await applyIn(newRun(), stateDir, given);
    expect(elsewhere.step.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`the plan bundle was made at commit ${head}`),
      }),
    ]);
    // A workflow_dispatch on the pull request's branch runs at its head commit: the commit of the plan.
    const onBranch = await applyIn(newRun({ sha: head }), stateDir, given);
    expect(onBranch.step.errors).toEqual([]);
    expect(onBranch.step.outputs.applied).toBe('true');
  });

  it('reports a failed apply: what was applied before it, and a failed deployment', async () => {
    const stateDir = await backend();
    const run = newRun();
    expect((await planIn(run, stateDir, { vars: 'fail_apply=true' })).exitCode).toBe(0);
    const { step } = await applyIn(run, stateDir, { environment: 'staging' });
    expect(step.exitCode).toBe(1);
    const error = step.errors.at(-1)?.message ?? '';
    expect(error).toMatch(/^The apply failed: /);
    expect(error).toMatch(/Applied before the failure: .*terraform_data\.vm\[0\]/);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    const deployment = [...api.state.deployments.values()].find((d) => d.environment === 'staging');
    const statuses = [...api.state.deploymentStatuses.values()].filter(
      (s) => s.deploymentId === deployment?.id,
    );
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });
  it('fails with one clear error, before applying, when the token may not create the deployment', async () => {
    const stateDir = await backend();
    const run = newRun();
    expect((await planIn(run, stateDir)).exitCode).toBe(0);
    api.failNext({
      status: 403,
      operationId: 'repos/create-deployment',
      message: 'Resource not accessible by integration',
    });
    const { step } = await applyIn(run, stateDir, { environment: 'production' });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((error) => error.message)).toEqual([
      'Could not create a deployment (POST /repos/octo-org/infra/deployments answered 403 ' +
        '"Resource not accessible by integration"): the token needs "deployments: write"; add it under ' +
        'permissions: in the workflow.',
    ]);
    expect(step.rawLog).not.toMatch(/failed unexpectedly/);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    expect(step.rawLog).not.toContain(run.token);
    // Nothing was applied: the deployment comes first.
    const state = await readFile(join(stateDir, 'terraform.tfstate'), 'utf8').catch(() => '{}');
    expect((JSON.parse(state) as { resources?: unknown[] }).resources ?? []).toEqual([]);
  });

  it('keeps errored.tfstate as an artifact when the backend refuses the state after the apply', async () => {
    const backend = await startHttpStateBackend();
    try {
      const run = newRun();
      const given = { 'working-directory': 'infra', 'backend-config': backend.backendConfig() };
      const fixture = join(repoRoot, 'test', 'fixtures', 'terraform', 'http-backend');
      const planJob = await run.job('plan');
      await cp(fixture, join(planJob.workspace, 'infra'), { recursive: true });
      const plan = await planJob.step('tf-plan', { with: given });
      expect(plan.errors).toEqual([]);

      backend.refuseWrites = true;
      const applyJob = await run.job('apply');
      await cp(fixture, join(applyJob.workspace, 'infra'), { recursive: true });
      const step = await applyJob.step('tf-apply', { with: given });
      expect(step.exitCode).toBe(1);
      const error = step.errors.at(-1)?.message ?? '';
      expect(error).toMatch(/^The apply failed: /);
      expect(error).toMatch(/Applied before the failure: .*terraform_data\.vm\[0\]/);
      expect(error).toContain('errored.tfstate; it is uploaded as iac-errored-state-infra');
      expect(step.rawLog).not.toMatch(/^\s+at /m);

      // The artifact holds the state the backend refused: both resources, ready for `state push`.
      const inspect = await run.job('inspect');
      const got = await inspect.step('probe:artifact', {
        with: { mode: 'download', name: 'iac-errored-state-infra', path: 'got' },
      });
      expect(got.exitCode).toBe(0);
      const errored = JSON.parse(await readFile(join(inspect.workspace, 'got', 'errored.tfstate'), 'utf8'));
      expect(errored.resources[0].instances).toHaveLength(2);
      expect(backend.state).toBeUndefined();
    } finally {
      await backend.close();
    }
  });

  it('writes sensitive outputs to outputs.json only with expose-sensitive, masked everywhere else', async () => {
    const stateDir = await backend();
    const run = newRun();
    expect((await planIn(run, stateDir)).exitCode).toBe(0);
    const { step } = await applyIn(run, stateDir, { 'expose-sensitive': 'true' });
    expect(step.errors).toEqual([]);
    const outputsJson = JSON.parse(await readFile(step.outputs['outputs-path'] ?? '', 'utf8'));
    expect(outputsJson.db_password).toBe(SECRET);
    expect(step.masks).toContain(SECRET);
    expect(step.outputs['outputs']).not.toContain(SECRET);
    expect(step.rawLog).not.toContain(SECRET);
    expect(step.summary).not.toContain(SECRET);
  });
});

describe('refusals', () => {
  it('refuses a planfile changed inside the artifact', async () => {
    const stateDir = await backend();
    const run = newRun();
    const plan = await planIn(run, stateDir);
    expect(plan.exitCode).toBe(0);

    // Someone with write access to the run's artifacts swaps in a changed planfile.
    const tamper = await run.job('tamper');
    await tamper.step('probe:artifact', { with: { mode: 'download', name: 'iac-plan-infra', path: '.' } });
    const planfile = join(tamper.workspace, 'tfplan');
    const bytes = await readFile(planfile);
    bytes[bytes.length - 30] = (bytes[bytes.length - 30] ?? 0) ^ 0xff;
    await writeFile(planfile, bytes);
    const names = (await readdir(tamper.workspace)).join('\n');
    expect(
      (await tamper.step('probe:artifact', { with: { mode: 'upload', name: 'tampered', path: names } }))
        .exitCode,
    ).toBe(0);

    const { step } = await applyIn(run, stateDir, { 'plan-artifact': 'tampered' });
    expectRefused(step, /tfplan/);
    await expect(readFile(join(stateDir, 'terraform.tfstate'))).rejects.toThrow();
  });

  it('refuses a plan made for another workspace', async () => {
    const stateDir = await backend();
    const run = newRun();
    expect((await planIn(run, stateDir, { workspace: 'staging' })).exitCode).toBe(0);
    const { step } = await applyIn(run, stateDir, { 'plan-artifact': 'iac-plan-infra' });
    expectRefused(step, /workspace/i);
    expect(step.errors[0]?.message).toContain('staging');
  });

  it('refuses a bundle whose digest is not the approved one', async () => {
    const stateDir = await backend();
    const run = newRun();
    expect((await planIn(run, stateDir)).exitCode).toBe(0);
    const { step } = await applyIn(run, stateDir, { 'expected-plan-digest': `sha256:${'e'.repeat(64)}` });
    expectRefused(step, /eeeeeeeeeeee/);
    expect(step.errors[0]?.message).toMatch(/approv/i);
  });

  it('refuses a stale plan: the state changed since it was made', async () => {
    const stateDir = await backend();
    const first = newRun();
    expect((await planIn(first, stateDir)).exitCode).toBe(0);
    expect((await applyIn(first, stateDir)).step.exitCode).toBe(0);

    const planA = newRun();
    const planB = newRun();
    expect((await planIn(planA, stateDir, { vars: 'image_id=img-a' })).exitCode).toBe(0);
    expect((await planIn(planB, stateDir, { vars: 'image_id=img-b' })).exitCode).toBe(0);
    expect((await applyIn(planB, stateDir)).step.exitCode).toBe(0);
    const { step } = await applyIn(planA, stateDir);
    expectRefused(step, /stale.*another apply ran/i);
    const state = JSON.stringify(await stateOf(stateDir));
    expect(state).toContain('img-b');
    expect(state).not.toContain('img-a');
  });

  it('refuses the first-apply race that Terraform does not catch', async () => {
    const stateDir = await backend();
    const runA = newRun();
    const runB = newRun();
    expect((await planIn(runA, stateDir)).exitCode).toBe(0);
    expect((await planIn(runB, stateDir)).exitCode).toBe(0);
    expect((await applyIn(runB, stateDir)).step.exitCode).toBe(0);
    const { step } = await applyIn(runA, stateDir);
    expectRefused(step, /no state, but state exists now/);
    expect((await stateOf(stateDir)).resources[0]?.instances).toHaveLength(2);
  });
});

describe('encryption', () => {
  it('hides every resource value in the artifact and opens only with the right key', async () => {
    const stateDir = await backend();
    const marker = 'MARKER-4f9d2a-visible-only-inside';
    const open = newRun();
    expect((await planIn(open, stateDir, { vars: `marker=${marker}` })).exitCode).toBe(0);
    // The control: without a key, the marker is there to find in the bundle's files.
    await expect(expectNotInArtifact(open, 'iac-plan-infra', marker)).rejects.toThrow();

    const sealed = newRun();
    const plan = await planIn(sealed, stateDir, {
      vars: `marker=${marker}`,
      'encryption-key': 'correct horse battery',
    });
    expect(plan.exitCode).toBe(0);
    await expectNotInArtifact(sealed, 'iac-plan-infra', marker);

    const wrong = await applyIn(sealed, stateDir, { 'encryption-key': 'wrong key' });
    expectRefused(wrong.step, /could not decrypt the plan bundle/);
    const missing = await applyIn(sealed, stateDir);
    expectRefused(missing.step, /is encrypted: give tf-apply the encryption-key/);
    const right = await applyIn(sealed, stateDir, {
      'encryption-key': 'correct horse battery',
      'expected-plan-digest': plan.outputs['plan-digest'] ?? '',
    });
    expect(right.step.errors).toEqual([]);
    expect(JSON.stringify(await stateOf(stateDir))).toContain(marker);
  });
});

describe('plan failures', () => {
  it('annotates broken HCL at its file and line', async () => {
    const run = newRun();
    const job = await run.job('plan');
    await checkout(job);
    await writeFile(
      join(job.workspace, 'infra', 'broken.tf'),
      'resource "terraform_data" "x" {\n  input = \n}\n',
    );
    const step = await job.step('tf-plan', { with: { 'working-directory': 'infra' } });
    expect(step.exitCode).toBe(1);
    const annotated = step.errors.find((e) => e.properties.file === 'infra/broken.tf');
    expect(annotated?.properties.line).toMatch(/^[23]$/);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
  });

  it('refuses a target or replace that is no resource address before tofu runs, naming the input and line', async () => {
    const run = newRun({ debug: true });
    const target = await planIn(run, await backend(), { targets: 'terraform_data.vm\nterraform_data vm[0]' });
    expect(target.exitCode).toBe(1);
    expect(target.errors.map((error) => error.message)).toEqual([
      'Input "targets" line 2 must be a resource address such as aws_instance.web or ' +
        'module.app.aws_instance.web["a"], or a module such as module.app; got "terraform_data vm[0]".',
    ]);
    expect(target.debug.filter((line) => /^running tofu /.test(line))).toEqual([]);
    expect(target.rawLog).not.toMatch(/^\s+at /m);

    const replace = await planIn(run, await backend(), { replace: 'module.app' });
    expect(replace.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(
        /^Input "replace" line 1 must be a resource instance address .*; got "module\.app"\.$/,
      ),
    ]);
    expect(replace.debug.filter((line) => /^running tofu /.test(line))).toEqual([]);
    expect(results.artifacts(run.runBackendId)).toEqual([]);

    // A good address reaches tofu as given.
    const good = await planIn(run, await backend(), { targets: 'terraform_data.vm[0]' });
    expect(good.errors).toEqual([]);
    expect(good.outputs).toMatchObject({ add: '1', 'has-changes': 'true' });
  });

  it('fails on a destructive plan with on-destroy: fail, listing every address, and uploads nothing', async () => {
    const stateDir = await backend();
    const run = newRun();
    expect((await planIn(run, stateDir)).exitCode).toBe(0);
    expect((await applyIn(run, stateDir)).step.exitCode).toBe(0);
    const next = newRun();
    const step = await planIn(next, stateDir, { vars: 'vm_count=0', 'on-destroy': 'fail' });
    expectRefused(step, /terraform_data\.vm\[0\], terraform_data\.vm\[1\]/);
    expect(step.outputs).toMatchObject({ destroy: '2', destroys: 'true' });
    expect(results.artifacts(next.runBackendId)).toEqual([]);
  });
});
