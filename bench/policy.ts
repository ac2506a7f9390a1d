// What the policy check costs a plan: tf-plan of the policy tests' stack (two resources, the fixture's
// three rules and a data file) through the runner harness, with and without `policy`, alternated, several
// repetitions; and, in the same process, the raw `conftest test` of the same plan JSON with the same
// policies, the floor of any policy check that runs conftest.
// Usage: npm run bench:policy -- [repetitions=7]   (builds dist/ first when it is missing or stale)
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startResultsService } from '../test/support/results-service.ts';
import { WorkflowRun } from '../test/support/runner/runner.ts';
import { conftest, tofu } from '../test/support/tools.ts';
import { median, timed } from './measure.ts';
import { prepareDist } from './prepare.mjs';

prepareDist();

const repetitions = Number(process.argv[2] ?? 7);
const fixture = join(import.meta.dirname, '..', 'test', 'fixtures', 'policy');
const run = promisify(execFile);

const results = await startResultsService();
const scratch = await mkdtemp(join(tmpdir(), 'bench-policy-'));

async function plan(withPolicy: boolean): Promise<void> {
  const workflow = new WorkflowRun({ results, root: await mkdtemp(join(scratch, 'run-')) });
  const job = await workflow.job('plan');
  await cp(fixture, job.workspace, { recursive: true });
  const state = await mkdtemp(join(scratch, 'state-'));
  const policy: Record<string, string> = withPolicy
    ? { policy: 'policy', 'policy-data': 'data/sizes.json' }
    : {};
  const result = await job.step('tf-plan', {
    with: { 'working-directory': 'infra', 'backend-config': `path=${state}/terraform.tfstate`, ...policy },
  });
  if (result.exitCode !== 0)
    throw new Error(`tf-plan failed: ${result.errors.map((e) => e.message).join('; ')}`);
}

/** The plan's JSON, made once with tofu, for the raw conftest runs. */
async function planJson(): Promise<string> {
  const dir = join(scratch, 'raw');
  await cp(join(fixture, 'infra'), dir, { recursive: true });
  const env = { PATH: process.env.PATH ?? '', HOME: scratch, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  await run(tofu(), ['init', '-input=false'], { cwd: dir, env });
  await run(tofu(), ['plan', '-input=false', '-out=tfplan'], { cwd: dir, env });
  const { stdout } = await run(tofu(), ['show', '-json', 'tfplan'], {
    cwd: dir,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const path = join(scratch, 'plan.json');
  await writeFile(path, stdout);
  return path;
}

const withTimes: number[] = [];
const withoutTimes: number[] = [];
const rawTimes: number[] = [];
try {
  const input = await planJson();
  const rawCheck = () =>
    run(conftest(), [
      'test',
      '--no-color',
      '--no-fail',
      '--output',
      'json',
      '--parser',
      'json',
      '--namespace',
      'terraform',
      '--policy',
      join(fixture, 'policy'),
      '--data',
      join(fixture, 'data', 'sizes.json'),
      input,
    ]);
  // One warm-up of each, not counted: the first run of a binary pays for the page cache.
  await plan(false);
  await plan(true);
  await rawCheck();
  for (let i = 0; i < repetitions; i++) {
    withoutTimes.push(await timed(() => plan(false)));
    withTimes.push(await timed(() => plan(true)));
    rawTimes.push(await timed(rawCheck));
  }
} finally {
  await results.close();
  await rm(scratch, { recursive: true, force: true });
}

const seconds = (t: number) => (t / 1000).toFixed(2);
const line = (label: string, times: number[]) =>
  console.log(`${label.padEnd(40)}${seconds(median(times))} s   [${times.map(seconds).join(', ')}]`);
console.log(`tf-plan of 2 resources, 3 policy rules and a data file, ${repetitions} repetitions (median)`);
line('tf-plan without policy', withoutTimes);
line('tf-plan with policy', withTimes);
line('raw conftest test (the same plan JSON)', rawTimes);
const overhead = median(withTimes) - median(withoutTimes);
console.log(
  `policy check in tf-plan: ${seconds(overhead)} s (ratio ${(median(withTimes) / median(withoutTimes)).toFixed(3)}); ` +
    `conftest itself: ${seconds(median(rawTimes))} s`,
);
