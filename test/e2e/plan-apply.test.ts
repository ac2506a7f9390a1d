import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startHttpStateBackend } from '../support/http-state-backend.js';
import {
  filesHolding,
  filesOfArtifact,
  filesOfArtifacts,
  stageArtifacts,
} from '../support/artifact-search.js';
import { STATE_KEY, useS3Backend } from '../support/s3-server.js';
import type { Job, StepResult, WorkflowRun } from '../support/runner/runner.js';
import { repoRoot } from '../support/tools.js';
import { useStepBed } from '../support/step-bed.js';

/**
 * tf-plan and tf-apply with real OpenTofu, plan and apply in separate jobs (separate empty workspaces),
 * the bundle passed through the real @actions/artifact and the results service stand-in. The state lives
 * in S3 (versitygw on loopback, a bucket per test), which every job reaches only through the
 * backend-config and the credentials its steps are given; a few tests keep it in a directory outside
 * every workspace (the local backend), so that both stay covered.
 */
const bed = useStepBed('plan-apply-');

const SECRET = 'initial-Secret-Value-7c1';

type State = { serial: number; lineage: string; resources: Array<{ name: string; instances: unknown[] }> };

/** Where a test's state lives: what each job is given to reach it, and how the test reads it. */
interface StateStore {
  s3: boolean;
  backendConfig: string;
  /** The step environment: the S3 credentials, as a workflow passes secrets. */
  env: Record<string, string>;
  state(workspace?: string): Promise<State | undefined>;
}

/** A bucket of its own for each test: the remote state every job of the test reaches. */
async function backend(): Promise<StateStore> {
  const bucket = await bed.s3.bucket();
  return {
    s3: true,
    backendConfig: bucket.backendConfig(),
    env: bed.s3.credentialsEnv(),
    state: async (workspace = 'default') =>
      (await bucket.state(workspace === 'default' ? STATE_KEY : `env:/${workspace}/${STATE_KEY}`)) as
        State | undefined,
  };
}

/** A directory of its own outside every workspace, for the tests that keep the local backend covered. */
async function localBackend(): Promise<StateStore> {
  const dir = await mkdtemp(join(bed.root, 'state-'));
  return {
    s3: false,
    backendConfig: `path=${dir}/terraform.tfstate`,
    env: {},
    state: async () => {
      const text = await readFile(join(dir, 'terraform.tfstate'), 'utf8').catch(() => undefined);
      return text === undefined ? undefined : (JSON.parse(text) as State);
    },
  };
}

async function checkout(job: Job, store?: StateStore): Promise<void> {
  await cp(join(repoRoot, 'test', 'fixtures', 'stack'), join(job.workspace, 'infra'), { recursive: true });
  if (store?.s3) await useS3Backend(join(job.workspace, 'infra'));
}

async function planIn(
  run: WorkflowRun,
  store: StateStore,
  given: Record<string, string> = {},
): Promise<StepResult> {
  const job = await run.job('plan');
  await checkout(job, store);
  return job.step('tf-plan', {
    with: { 'working-directory': 'infra', 'backend-config': store.backendConfig, ...given },
    env: store.env,
  });
}

async function applyIn(run: WorkflowRun, store: StateStore, given: Record<string, string> = {}) {
  const job = await run.job('apply');
  await checkout(job, store);
  const step = await job.step('tf-apply', {
    with: { 'working-directory': 'infra', 'backend-config': store.backendConfig, ...given },
    env: store.env,
  });
  return { job, step };
}

/** The state the test's backend holds; a test that reads it expects one. */
async function stateOf(store: StateStore, workspace?: string): Promise<State> {
  const state = await store.state(workspace);
  if (!state) throw new Error('the backend holds no state');
  return state;
}

/**
 * The resources of the state, none when there is no state: an s3 backend writes an empty state when a
 * workspace is first used, where the local backend writes nothing until the first apply.
 */
async function resourcesOf(store: StateStore, workspace?: string): Promise<unknown[]> {
  return (await store.state(workspace))?.resources ?? [];
}

function expectRefused(step: StepResult, message: string | RegExp): void {
  expect(step.exitCode).toBe(1);
  expect(step.errors).toHaveLength(1);
  expect(step.errors[0]?.message).toMatch(message);
  expect(step.rawLog).not.toMatch(/^\s+at /m);
}

describe('plan in one job, apply exactly that plan in another', () => {
  it('applies the plan, publishes outputs and an inventory, and leaks no sensitive value', async () => {
    const store = await backend();
    const run = bed.newRun();
    const plan = await planIn(run, store, { vars: 'image_id=img-2042' });
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

    const { job, step } = await applyIn(run, store, {
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
    expect((await stateOf(store)).resources[0]?.instances).toHaveLength(2);

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
      stageArtifacts(bed.results.artifacts(run.runBackendId))
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
    const outputsArtifact = stageArtifacts(bed.results.artifacts(run.runBackendId)).find(
      (a) => a.name === 'iac-outputs-infra',
    );
    await expectNotInArtifact(run, outputsArtifact?.name ?? '', SECRET);

    // The environment got a deployment that went in_progress → success.
    const deployments = [...bed.api.state.deployments.values()];
    expect(deployments.map((d) => d.environment)).toEqual(['production']);
    const statuses = [...bed.api.state.deploymentStatuses.values()].filter(
      (s) => s.deploymentId === deployments[0]?.id,
    );
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(step.outputs['deployment-id']).toBe(String(deployments[0]?.id));
    await job.complete();

    // A second plan of the same configuration changes nothing, and applying it changes nothing.
    const again = bed.newRun();
    const quiet = await planIn(again, store, { vars: 'image_id=img-2042' });
    expect(quiet.outputs).toMatchObject({ 'has-changes': 'false', add: '0', exitcode: '0' });
    const serial = (await stateOf(store)).serial;
    const noop = await applyIn(again, store, {
      'expected-plan-digest': quiet.outputs['plan-digest'] ?? '',
    });
    expect(noop.step.errors).toEqual([]);
    expect(noop.step.exitCode).toBe(0);
    expect((await stateOf(store)).resources[0]?.instances).toHaveLength(2);
    expect((await stateOf(store)).serial).toBeGreaterThanOrEqual(serial);
  });
});

/** Downloads an artifact in a job of its own and searches every file in it, archives inside opened. */
async function expectNotInArtifact(run: WorkflowRun, name: string, needle: string): Promise<void> {
  expect(filesHolding(await filesOfArtifact(run, name), needle)).toEqual([]);
}

describe('the backend credentials', () => {
  it('are refused in the backend block, after init and before any plan is written', async () => {
    const store = await backend();
    const run = bed.newRun();
    const job = await run.job('plan');
    await checkout(job, store);
    // Both keys, so that init succeeds with them, as a configuration that works would.
    await writeFile(
      join(job.workspace, 'infra', 'backend_override.tf'),
      `terraform {\n  backend "s3" {\n    access_key = "${bed.s3.accessKey}"\n    secret_key = "${bed.s3.secretKey}"\n  }\n}\n`,
    );
    const step = await job.step('tf-plan', {
      with: { 'working-directory': 'infra', 'backend-config': store.backendConfig },
    });
    expectRefused(
      step,
      /^The s3 backend's configuration sets access_key, secret_key \(in the backend block or a backend-config file\), a credential: /,
    );
    expect(step.errors[0]?.message).toContain('Nothing was planned.');
    expect(step.rawLog).not.toContain(bed.s3.secretKey);
    expect(stageArtifacts(bed.results.artifacts(run.runBackendId))).toEqual([]);
  });

  it('appear in no log, summary, output or artifact, nested archives included', async () => {
    const store = await backend();
    const run = bed.newRun();
    const pr = bed.api.addPull({ author: 'alice', headSha: 'a'.repeat(40), headRef: 'change' });
    const plan = await planIn(run, store, { 'pr-number': String(pr.number) });
    expect(plan.errors).toEqual([]);
    const { step: apply } = await applyIn(run, store, { environment: 'production' });
    expect(apply.errors).toEqual([]);

    const files = await filesOfArtifacts(run, bed.results);
    // The control: the search opens the planfile's inner archive, where tofu keeps the backend settings.
    const bucket = /^bucket=(.*)$/m.exec(store.backendConfig)?.[1] ?? '';
    expect(filesHolding(files, bucket)).toEqual(
      expect.arrayContaining([expect.stringMatching(/tfplan!\/tfplan$/)]),
    );
    const comments = [...bed.api.state.comments.values()].map((comment) => comment.body);
    expect(comments.join('\n')).toContain(plan.outputs['plan-digest'] ?? '');
    // Reviewers see which state the plan was made against, and the apply's summary where it went.
    expect(comments.join('\n')).toContain(`s3://${bucket}/${STATE_KEY}`);
    expect(plan.summary).toContain(`s3://${bucket}/${STATE_KEY}`);
    expect(apply.summary).toContain(`s3://${bucket}/${STATE_KEY}`);
    for (const secret of [bed.s3.accessKey, bed.s3.secretKey]) {
      expect(filesHolding(files, secret)).toEqual([]);
      for (const step of [plan, apply]) {
        expect(step.rawLog).not.toContain(secret);
        expect(step.summary).not.toContain(secret);
        expect(JSON.stringify(step.outputs)).not.toContain(secret);
      }
      expect(JSON.stringify(comments)).not.toContain(secret);
    }
  });

  it('are refused in a backend-config line, before the tool runs, with where they belong', async () => {
    const store = await backend();
    const run = bed.newRun({ debug: true });
    const marker = 'Marker-Secret-9f31c';
    const step = await planIn(run, store, {
      'backend-config': `${store.backendConfig}\nsecret_key=${marker}`,
    });
    expectRefused(step, /^Input "backend-config" line 11 sets secret_key, a credential: /);
    expect(step.errors[0]?.message).toContain('AWS_SECRET_ACCESS_KEY');
    expect(step.errors[0]?.message).toContain('inside every plan artifact');
    expect(step.debug.filter((line) => /^running tofu /.test(line))).toEqual([]);
    expect(step.rawLog).not.toContain(marker);
    expect(stageArtifacts(bed.results.artifacts(run.runBackendId))).toEqual([]);
  });

  it('are refused in a backend-config file, after init and before any plan is written', async () => {
    const store = await backend();
    const run = bed.newRun();
    const marker = 'Marker-Secret-File-51d0e';
    const job = await run.job('plan');
    await checkout(job, store);
    await writeFile(join(job.workspace, 'infra', 'keys.s3.tfbackend'), `secret_key = "${marker}"\n`);
    const step = await job.step('tf-plan', {
      with: { 'working-directory': 'infra', 'backend-config': `${store.backendConfig}\nkeys.s3.tfbackend` },
      env: store.env,
    });
    expectRefused(
      step,
      /^Input "backend-config" names the file keys\.s3\.tfbackend, whose line 1 sets secret_key, a credential: /,
    );
    expect(step.errors[0]?.message).toContain('Nothing was run.');
    expect(step.rawLog).not.toContain(marker);
    expect(step.summary).not.toContain(marker);
    expect(stageArtifacts(bed.results.artifacts(run.runBackendId))).toEqual([]);
  });
});

describe('across workflow runs and failures', () => {
  it('applies on merge the bundle planned in the pull request run (run-id)', async () => {
    const store = await backend();
    const pullRequest = bed.newRun();
    const plan = await planIn(pullRequest, store);
    expect(plan.exitCode).toBe(0);
    const merge = bed.newRun();
    const { step } = await applyIn(merge, store, {
      'run-id': String(pullRequest.runId),
      'expected-plan-digest': plan.outputs['plan-digest'] ?? '',
      'require-same-commit': 'true',
    });
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);
    expect(
      bed.api.requests.some((r) => r.path.endsWith(`/actions/runs/${pullRequest.runId}/artifacts`)),
    ).toBe(true);
    expect((await stateOf(store)).resources[0]?.instances).toHaveLength(2);
  });

  it("records the commit the checkout holds, so that the pull request's branch can apply its plan", async () => {
    const store = await backend();
    // On pull_request GITHUB_SHA is the merge commit; the workflow checked out the head commit instead.
    const pullRequest = bed.newRun({ sha: 'e'.repeat(40) });
    const job = await pullRequest.job('plan');
    await checkout(job, store);
    const git = (args: string[]) =>
      promisify(execFile)('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], {
        cwd: job.workspace,
      });
    await git(['init', '-q']);
    await git(['add', '.']);
    await git(['commit', '-q', '-m', 'head of the pull request']);
    const head = (await git(['rev-parse', 'HEAD'])).stdout.trim();
    const plan = await job.step('tf-plan', {
      with: { 'working-directory': 'infra', 'backend-config': store.backendConfig },
      env: store.env,
    });
    expect(plan.errors).toEqual([]);
    expect(plan.log).toContain(`The checkout holds commit ${head} (GITHUB_SHA is ${'e'.repeat(40)})`);

    const given = {
      'run-id': String(pullRequest.runId),
      'expected-plan-digest': plan.outputs['plan-digest'] ?? '',
    };
    const elsewhere = await applyIn(bed.newRun(), store, given);
    expect(elsewhere.step.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`the plan bundle was made at commit ${head}`),
      }),
    ]);
    // A workflow_dispatch on the pull request's branch runs at its head commit: the commit of the plan.
    const onBranch = await applyIn(bed.newRun({ sha: head }), store, given);
    expect(onBranch.step.errors).toEqual([]);
    expect(onBranch.step.outputs.applied).toBe('true');
  });

  it('reports a failed apply: what was applied before it, and a failed deployment', async () => {
    const store = await backend();
    const run = bed.newRun();
    expect((await planIn(run, store, { vars: 'fail_apply=true' })).exitCode).toBe(0);
    const { step } = await applyIn(run, store, { environment: 'staging' });
    expect(step.exitCode).toBe(1);
    const error = step.errors.at(-1)?.message ?? '';
    expect(error).toMatch(/^The apply failed: /);
    expect(error).toMatch(/Applied before the failure: .*terraform_data\.vm\[0\]/);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    const deployment = [...bed.api.state.deployments.values()].find((d) => d.environment === 'staging');
    const statuses = [...bed.api.state.deploymentStatuses.values()].filter(
      (s) => s.deploymentId === deployment?.id,
    );
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });
  it('fails with one clear error, before applying, when the token may not create the deployment', async () => {
    const store = await backend();
    const run = bed.newRun();
    expect((await planIn(run, store)).exitCode).toBe(0);
    bed.api.failNext({
      status: 403,
      operationId: 'repos/create-deployment',
      message: 'Resource not accessible by integration',
    });
    const { step } = await applyIn(run, store, { environment: 'production' });
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
    expect(await resourcesOf(store)).toEqual([]);
  });

  it('keeps errored.tfstate as an artifact when the backend refuses the state after the apply', async () => {
    const backend = await startHttpStateBackend();
    try {
      const run = bed.newRun();
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
    const store = await localBackend();
    const run = bed.newRun();
    expect((await planIn(run, store)).exitCode).toBe(0);
    const { step } = await applyIn(run, store, { 'expose-sensitive': 'true' });
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
    const store = await localBackend();
    const run = bed.newRun();
    const plan = await planIn(run, store);
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

    const { step } = await applyIn(run, store, { 'plan-artifact': 'tampered' });
    expectRefused(step, /tfplan/);
    expect(await resourcesOf(store)).toEqual([]);
  });

  it('refuses a plan made for another workspace', async () => {
    const store = await backend();
    const run = bed.newRun();
    expect((await planIn(run, store, { workspace: 'staging' })).exitCode).toBe(0);
    const { step } = await applyIn(run, store, { 'plan-artifact': 'iac-plan-infra' });
    expectRefused(step, /workspace/i);
    expect(step.errors[0]?.message).toContain('staging');
    expect(await resourcesOf(store, 'staging')).toEqual([]);

    // Given its workspace, the same bundle applies, into that workspace's own object in the bucket.
    const staging = await applyIn(run, store, { workspace: 'staging' });
    expect(staging.step.errors).toEqual([]);
    expect((await stateOf(store, 'staging')).resources[0]?.instances).toHaveLength(2);
    expect(await resourcesOf(store)).toEqual([]);
  });

  it('refuses a bundle planned against another backend or key, before anything is applied', async () => {
    const store = await backend();
    const run = bed.newRun();
    const plan = await planIn(run, store);
    expect(plan.exitCode).toBe(0);
    const other = {
      ...store,
      backendConfig: store.backendConfig.replace(STATE_KEY, 'stacks/other/terraform.tfstate'),
    };
    const { step } = await applyIn(run, other);
    expectRefused(
      step,
      /planned against the s3 backend \(bucket "[^"]+", key "stacks\/infra\/terraform\.tfstate", .*: its key differs/,
    );
    expect(step.errors[0]?.message).toContain('key "stacks/other/terraform.tfstate"');
    expect(step.errors[0]?.message).toContain('Give tf-apply the backend-config tf-plan had');
    expect(await resourcesOf(store)).toEqual([]);

    // A local backend is another backend too.
    const local = await localBackend();
    const elsewhere = await applyIn(run, local);
    expectRefused(elsewhere.step, /but this job's backend-config gives the local backend/);
    expect(await local.state()).toBeUndefined();
  });

  it('refuses a bundle whose digest is not the approved one', async () => {
    const store = await backend();
    const run = bed.newRun();
    expect((await planIn(run, store)).exitCode).toBe(0);
    const { step } = await applyIn(run, store, { 'expected-plan-digest': `sha256:${'e'.repeat(64)}` });
    expectRefused(step, /eeeeeeeeeeee/);
    expect(step.errors[0]?.message).toMatch(/approv/i);
  });

  it('refuses a stale plan: the state changed since it was made', async () => {
    const store = await backend();
    const first = bed.newRun();
    expect((await planIn(first, store)).exitCode).toBe(0);
    expect((await applyIn(first, store)).step.exitCode).toBe(0);

    const planA = bed.newRun();
    const planB = bed.newRun();
    expect((await planIn(planA, store, { vars: 'image_id=img-a' })).exitCode).toBe(0);
    expect((await planIn(planB, store, { vars: 'image_id=img-b' })).exitCode).toBe(0);
    expect((await applyIn(planB, store)).step.exitCode).toBe(0);
    const { step } = await applyIn(planA, store);
    expectRefused(step, /stale.*another apply ran/i);
    const state = JSON.stringify(await stateOf(store));
    expect(state).toContain('img-b');
    expect(state).not.toContain('img-a');
  });

  // The local backend has no state at all before the first apply, which is the case Terraform's own
  // check missed (hashicorp/terraform#24078); the s3 backend writes an empty state (serial 0) at init, so
  // there the second plan is simply stale.
  it.each<[string, () => Promise<StateStore>, RegExp]>([
    ['local', localBackend, /no state, but state exists now/],
    ['s3', backend, /Saved plan is stale: .*serial 0 then, 1 now/],
  ])('refuses the first-apply race on the %s backend', async (_, made, refusal) => {
    const store = await made();
    const runA = bed.newRun();
    const runB = bed.newRun();
    expect((await planIn(runA, store)).exitCode).toBe(0);
    expect((await planIn(runB, store)).exitCode).toBe(0);
    expect((await applyIn(runB, store)).step.exitCode).toBe(0);
    const { step } = await applyIn(runA, store);
    expectRefused(step, refusal);
    expect((await stateOf(store)).resources[0]?.instances).toHaveLength(2);
  });
});

describe('encryption', () => {
  it('hides every resource value in the artifact and opens only with the right key', async () => {
    const store = await localBackend();
    const marker = 'MARKER-4f9d2a-visible-only-inside';
    const open = bed.newRun();
    expect((await planIn(open, store, { vars: `marker=${marker}` })).exitCode).toBe(0);
    // The control: without a key, the marker is there to find in the bundle's files.
    await expect(expectNotInArtifact(open, 'iac-plan-infra', marker)).rejects.toThrow();

    const sealed = bed.newRun();
    const plan = await planIn(sealed, store, {
      vars: `marker=${marker}`,
      'encryption-key': 'correct horse battery',
    });
    expect(plan.exitCode).toBe(0);
    await expectNotInArtifact(sealed, 'iac-plan-infra', marker);

    const wrong = await applyIn(sealed, store, { 'encryption-key': 'wrong key' });
    expectRefused(wrong.step, /could not decrypt the plan bundle/);
    const missing = await applyIn(sealed, store);
    expectRefused(missing.step, /is encrypted: give tf-apply the encryption-key/);
    const right = await applyIn(sealed, store, {
      'encryption-key': 'correct horse battery',
      'expected-plan-digest': plan.outputs['plan-digest'] ?? '',
    });
    expect(right.step.errors).toEqual([]);
    expect(JSON.stringify(await stateOf(store))).toContain(marker);
  });
});

describe('plan failures', () => {
  it('annotates broken HCL at its file and line', async () => {
    const run = bed.newRun();
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
    const run = bed.newRun({ debug: true });
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
    expect(stageArtifacts(bed.results.artifacts(run.runBackendId))).toEqual([]);

    // A good address reaches tofu as given.
    const good = await planIn(run, await backend(), { targets: 'terraform_data.vm[0]' });
    expect(good.errors).toEqual([]);
    expect(good.outputs).toMatchObject({ add: '1', 'has-changes': 'true' });
  });

  it('fails on a destructive plan with on-destroy: fail, listing every address, and uploads nothing', async () => {
    const store = await backend();
    const run = bed.newRun();
    expect((await planIn(run, store)).exitCode).toBe(0);
    expect((await applyIn(run, store)).step.exitCode).toBe(0);
    const next = bed.newRun();
    const step = await planIn(next, store, { vars: 'vm_count=0', 'on-destroy': 'fail' });
    expectRefused(step, /terraform_data\.vm\[0\], terraform_data\.vm\[1\]/);
    expect(step.outputs).toMatchObject({ destroy: '2', destroys: 'true' });
    expect(stageArtifacts(bed.results.artifacts(next.runBackendId))).toEqual([]);
  });
});
