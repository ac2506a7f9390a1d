import { describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StepResult, WorkflowRun } from '../support/runner/runner.js';
import { useS3Backend, type S3Bucket } from '../support/s3-server.js';
import { repoRoot, tofu } from '../support/tools.js';
import { useStepBed } from '../support/step-bed.js';

/**
 * The state lock on a real S3 server (versitygw, tofu's `use_lockfile`): two tf-apply jobs of one stack
 * started together, a lock held by another tofu process, and an apply whose process group is killed
 * half-way. Each job reaches the state only through its backend-config and the credentials in its env.
 */
const bed = useStepBed('state-lock-');

async function stepIn(
  run: WorkflowRun,
  action: 'tf-plan' | 'tf-apply',
  bucket: S3Bucket,
  given: Record<string, string> = {},
  options: { job?: string; signal?: AbortSignal } = {},
): Promise<StepResult> {
  const job = await run.job(options.job ?? (action === 'tf-plan' ? 'plan' : 'apply'));
  await cp(join(repoRoot, 'test', 'fixtures', 'stack'), join(job.workspace, 'infra'), { recursive: true });
  await useS3Backend(join(job.workspace, 'infra'));
  return job.step(action, {
    with: { 'working-directory': 'infra', 'backend-config': bucket.backendConfig(), ...given },
    env: bed.s3.credentialsEnv(),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** A first deployment, so that the plans of a test start from existing state. */
async function deployed(): Promise<S3Bucket> {
  const bucket = await bed.s3.bucket();
  const run = bed.newRun();
  expect((await stepIn(run, 'tf-plan', bucket)).exitCode).toBe(0);
  expect((await stepIn(run, 'tf-apply', bucket)).exitCode).toBe(0);
  return bucket;
}

/** A checkout of the stack on an operator's machine, initialized against the bucket, to run tofu in. */
async function operatorCheckout(bucket: S3Bucket): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(join(bed.root, 'operator-'));
  await cp(join(repoRoot, 'test', 'fixtures', 'stack'), dir, { recursive: true });
  await useS3Backend(dir);
  const env = { ...process.env, ...bed.s3.credentialsEnv(), TF_CLI_CONFIG_FILE: '', TF_IN_AUTOMATION: '1' };
  const backendArgs = bucket
    .backendConfig()
    .split('\n')
    .map((line) => `-backend-config=${line}`);
  await promisify(execFile)(tofu(), ['init', '-input=false', '-no-color', ...backendArgs], { cwd: dir, env });
  return { dir, env };
}

/** Waits until some process holds the state lock (its lock object is in the bucket), and returns it. */
async function lockTaken(bucket: S3Bucket, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const lock = await bucket.lock();
    if (lock) return lock;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no process took the state lock');
}

async function appliedLines(log: string): Promise<number> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line === 'applied').length;
}

function expectNoStack(step: StepResult): void {
  expect(step.rawLog).not.toMatch(/^\s+at /m);
  expect(step.rawLog).not.toMatch(/failed unexpectedly/);
}

describe('two applies of one stack started together', () => {
  it('one applies; the other waits for the lock and is then refused as stale, never both applying', async () => {
    const bucket = await deployed();
    const log = join(await mkdtemp(join(bed.root, 'log-')), 'applies');
    const run = bed.newRun();
    const plan = await stepIn(run, 'tf-plan', bucket, { vars: `apply_seconds=4\napply_log=${log}` });
    expect(plan.outputs.add).toBe('1');

    // Both jobs apply the same approved bundle (a re-run while the first still runs, two merges at once).
    const given = { 'expected-plan-digest': plan.outputs['plan-digest'] ?? '', 'lock-timeout': '60s' };
    const steps = await Promise.all([
      stepIn(run, 'tf-apply', bucket, given, { job: 'apply-a' }),
      stepIn(run, 'tf-apply', bucket, given, { job: 'apply-b' }),
    ]);
    const applied = steps.filter((step) => step.exitCode === 0);
    const refused = steps.filter((step) => step.exitCode !== 0);
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const [loser] = refused;
    expect(loser?.errors).toHaveLength(1);
    // tofu's own check under the lock, or ours before it when the other had already finished.
    expect(loser?.errors[0]?.message).toMatch(/stale/i);
    expect(loser?.errors[0]?.message).toContain('Nothing was applied');
    if (loser) expectNoStack(loser);

    expect(await appliedLines(log)).toBe(1);
    const state = await bucket.state();
    expect(state?.resources.find((r) => r.name === 'slow')?.instances).toHaveLength(1);
    expect(await bucket.lock()).toBeUndefined();
  });

  it('with a short lock-timeout, the waiting apply gives up, naming the lock, its holder and how to release it', async () => {
    const bucket = await deployed();
    const log = join(await mkdtemp(join(bed.root, 'log-')), 'applies');
    const slowRun = bed.newRun();
    const otherRun = bed.newRun();
    const slowPlan = await stepIn(slowRun, 'tf-plan', bucket, { vars: `apply_seconds=8\napply_log=${log}` });
    const otherPlan = await stepIn(otherRun, 'tf-plan', bucket, { vars: 'image_id=img-other' });
    expect([slowPlan.exitCode, otherPlan.exitCode]).toEqual([0, 0]);

    const slow = stepIn(slowRun, 'tf-apply', bucket);
    const lock = await lockTaken(bucket);
    const waited = await stepIn(otherRun, 'tf-apply', bucket, { 'lock-timeout': '2s' });
    expect((await slow).exitCode).toBe(0);

    expect(waited.exitCode).toBe(1);
    expect(waited.errors).toHaveLength(1);
    const message = waited.errors[0]?.message ?? '';
    const id = String(lock.ID);
    expect(message).toMatch(
      new RegExp(
        `^The state is locked: lock ${id} is held by \\S+@\\S+ for apply since .+, and tofu gave up after waiting 2s \\(lock-timeout\\)\\. Nothing was changed\\.`,
      ),
    );
    expect(message).toContain(`\`tofu force-unlock -force ${id}\``);
    expect(message).toContain('Run it only when the holder is gone');
    expect(waited.summary).toContain('## :lock: The state is locked');
    expect(waited.summary).toContain(`tofu force-unlock -force ${id}`);
    expectNoStack(waited);

    const state = JSON.stringify(await bucket.state());
    expect(state).not.toContain('img-other');
    expect(await appliedLines(log)).toBe(1);
  });

  it('waits for a lock that a tofu process without changes holds, then applies its plan, which is still valid', async () => {
    const bucket = await deployed();
    const run = bed.newRun();
    const plan = await stepIn(run, 'tf-plan', bucket, { vars: 'image_id=img-after-wait' });
    expect(plan.exitCode).toBe(0);

    // An operator's `tofu console` on the stack holds the lock for as long as it is open, and writes nothing.
    const operator = await operatorCheckout(bucket);
    const console = spawn(tofu(), ['console'], {
      ...operator,
      cwd: operator.dir,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const closed = new Promise((resolve) => console.once('exit', resolve));
    await lockTaken(bucket);
    let releasedAt = Number.POSITIVE_INFINITY;
    const release = setTimeout(() => {
      releasedAt = Date.now();
      console.stdin.end();
    }, 3000);

    const step = await stepIn(run, 'tf-apply', bucket, {
      'expected-plan-digest': plan.outputs['plan-digest'] ?? '',
      'lock-timeout': '60s',
    });
    const endedAt = Date.now();
    clearTimeout(release);
    await closed;
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);
    // The step was running when the lock was let go, and ended after: it waited. Measured against the
    // release itself rather than a length, so a slow start of the step cannot fail the test.
    expect(endedAt - step.durationMs).toBeLessThan(releasedAt);
    expect(endedAt).toBeGreaterThan(releasedAt);
    expect(JSON.stringify(await bucket.state())).toContain('img-after-wait');
  });
});

describe('an apply killed half-way', () => {
  it('leaves its lock, which the next apply reports with the command that releases it; then that apply runs', async () => {
    const bucket = await deployed();
    const before = await bucket.state();
    const log = join(await mkdtemp(join(bed.root, 'log-')), 'applies');
    const crashRun = bed.newRun();
    const nextRun = bed.newRun();
    expect(
      (await stepIn(crashRun, 'tf-plan', bucket, { vars: `apply_seconds=60\napply_log=${log}` })).exitCode,
    ).toBe(0);
    expect((await stepIn(nextRun, 'tf-plan', bucket, { vars: 'image_id=img-next' })).exitCode).toBe(0);

    // The runner dies in the middle of the apply: the action and tofu are killed, nothing cleans up.
    const abort = new AbortController();
    const crashing = stepIn(crashRun, 'tf-apply', bucket, {}, { signal: abort.signal });
    const lock = await lockTaken(bucket);
    abort.abort();
    expect((await crashing).exitCode).toBe(137);
    expect(await bucket.lock()).toEqual(lock);
    expect(await appliedLines(log)).toBe(0);

    const refused = await stepIn(nextRun, 'tf-apply', bucket, { 'lock-timeout': '1s' });
    expect(refused.exitCode).toBe(1);
    const message = refused.errors[0]?.message ?? '';
    expect(message).toContain(`lock ${String(lock.ID)} is held by ${String(lock.Who)} for apply`);
    expect(refused.summary).toContain(String(lock.ID));
    expectNoStack(refused);
    expect((await bucket.state())?.serial).toBe(before?.serial);

    // The operator checks the holder is gone and runs the command the error gave, where it says.
    const command = /`(tofu force-unlock -force \S+)`/.exec(message)?.[1];
    expect(command).toBeDefined();
    const operator = await operatorCheckout(bucket);
    const [, ...args] = (command ?? '').split(' ');
    await promisify(execFile)(tofu(), args, { cwd: operator.dir, env: operator.env });
    expect(await bucket.lock()).toBeUndefined();

    // The killed apply wrote no state, so the plan made before it is still valid.
    const retried = await stepIn(nextRun, 'tf-apply', bucket);
    expect(retried.errors).toEqual([]);
    expect(JSON.stringify(await bucket.state())).toContain('img-next');
  });
});
