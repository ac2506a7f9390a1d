// The actions' own overhead: tf-plan + tf-apply (in two jobs, through the runner harness, with the bundle
// passed as an artifact) on a configuration of 200 terraform_data resources, against the raw tofu
// commands a hand-written two-job workflow needs for the same result (init, plan -out, show -json; init
// with the lock file, apply the planfile, output -json), in the same process, several repetitions;
// prints the ratio of medians. The actions also run `state pull` in each job (the first-apply guard)
// and skip `output -json` (the apply reports the outputs): the first counts against them, the second for.
//
// A third contender is the floor of any pair of JavaScript actions that hands the plan between jobs as an
// artifact: the same raw commands, with the planfile, its JSON and the lock file uploaded in the plan job
// and downloaded in the apply job by the unmodified @actions/artifact (the harness's artifact probe, a
// Node 24 process per transfer, as actions/upload-artifact and download-artifact would be). No check, no
// digest, no manifest: what is left of the actions' cost once everything they add is taken away.
// The target is the actions against the floor: <= 1.10 at 200 resources, <= 1.05 at 1,000
// (`npm run bench:plan-apply -- 5 1000`). An extra traced run (not counted) shows each job's tofu calls
// and the actions' own time around them (bench/trace.ts).
// Usage: npm run bench:plan-apply -- [repetitions=5] [resources=200]   (builds dist/ and the probes first
//        when they are missing or stale)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startResultsService } from '../test/support/results-service.ts';
import { WorkflowRun, type Job } from '../test/support/runner/runner.ts';
import { tofu } from '../test/support/tools.ts';
import { against, median, timed } from './measure.ts';
import { timeline, traceTools } from './trace.ts';
import { prepareDist, prepareProbes } from './prepare.mjs';

// tf-plan and tf-apply run from dist/; the artifact probe from test/.build/.
prepareDist();
prepareProbes();

const repetitions = Number(process.argv[2] ?? 5);
const resources = Number(process.argv[3] ?? 200);
const TARGET = resources >= 1000 ? 1.05 : 1.1;
const run = promisify(execFile);

const config = `terraform {
  backend "local" {}
}
resource "terraform_data" "r" {
  count = ${resources}
  input = { name = "r-\${count.index}", size = count.index * 10 }
}
output "names" {
  value = terraform_data.r[*].output.name
}
`;

async function writeConfig(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'main.tf'), config);
}

/** Runs tofu as a workflow's `run:` step would; `okCodes` are the exit codes that are not failures. */
async function tf(cwd: string, args: string[], okCodes = [0]): Promise<{ stdout: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: cwd, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  return run(tofu(), args, { cwd, env, maxBuffer: 256 * 1024 * 1024 }).catch(
    (error: { code?: number; stdout?: string }) => {
      if (!okCodes.includes(error.code ?? -1)) throw error;
      return { stdout: error.stdout ?? '' };
    },
  );
}

/** A hand-written plan job and apply job, in two directories, with the flags the actions use. */
async function raw(root: string): Promise<void> {
  const state = `-backend-config=path=${join(root, 'state', 'terraform.tfstate')}`;
  const planDir = join(root, 'plan');
  const applyDir = join(root, 'apply');
  await writeConfig(planDir);
  await writeConfig(applyDir);
  await tf(planDir, ['init', '-input=false', '-json', state]);
  await tf(
    planDir,
    ['plan', '-input=false', '-json', '-detailed-exitcode', `-out=${join(root, 'tfplan')}`],
    [0, 2],
  );
  await tf(planDir, ['show', '-json', join(root, 'tfplan')]);
  await tf(applyDir, ['init', '-input=false', '-json', '-lockfile=readonly', state]);
  await tf(applyDir, ['apply', '-input=false', '-json', '-auto-approve', join(root, 'tfplan')]);
  await tf(applyDir, ['output', '-json']);
}

/** The raw commands, the plan's files moved between the jobs by @actions/artifact and nothing else. */
async function floor(results: Awaited<ReturnType<typeof startResultsService>>, root: string): Promise<void> {
  const state = `-backend-config=path=${join(root, 'state', 'terraform.tfstate')}`;
  const workflow = new WorkflowRun({ results, root: join(root, 'jobs') });
  const transfer = async (job: Job, given: Record<string, string>) => {
    const result = await job.step('probe:artifact', { with: { name: 'plan', ...given } });
    if (result.exitCode !== 0)
      throw new Error(
        `artifact ${given.mode ?? ''} failed: ${result.errors.map((e) => e.message).join('; ')}`,
      );
  };
  const planJob = await workflow.job('plan');
  const planDir = join(planJob.workspace, 'infra');
  await writeConfig(planDir);
  await tf(planDir, ['init', '-input=false', '-json', state]);
  await tf(planDir, ['plan', '-input=false', '-json', '-detailed-exitcode', '-out=tfplan'], [0, 2]);
  const { stdout } = await tf(planDir, ['show', '-json', 'tfplan']);
  await writeFile(join(planDir, 'tfplan.json'), stdout);
  await transfer(planJob, {
    mode: 'upload',
    // The lock file when there is one: terraform_data needs no provider, so there is none here.
    path: ['tfplan', 'tfplan.json', '.terraform.lock.hcl']
      .filter((file) => existsSync(join(planDir, file)))
      .map((file) => `infra/${file}`)
      .join('\n'),
  });

  const applyJob = await workflow.job('apply');
  const applyDir = join(applyJob.workspace, 'infra');
  await writeConfig(applyDir);
  await transfer(applyJob, { mode: 'download', path: 'bundle' });
  const bundle = join(applyJob.workspace, 'bundle', 'infra');
  if (existsSync(join(bundle, '.terraform.lock.hcl')))
    await copyFile(join(bundle, '.terraform.lock.hcl'), join(applyDir, '.terraform.lock.hcl'));
  await tf(applyDir, ['init', '-input=false', '-json', '-lockfile=readonly', state]);
  await tf(applyDir, ['apply', '-input=false', '-json', '-auto-approve', join(bundle, 'tfplan')]);
  await tf(applyDir, ['output', '-json']);
}

async function actions(
  results: Awaited<ReturnType<typeof startResultsService>>,
  root: string,
  trace?: { path: string; spans: Array<{ action: string; started: number; ended: number }> },
): Promise<void> {
  const workflow = new WorkflowRun({ results, root: join(root, 'jobs') });
  const given = {
    'working-directory': 'infra',
    'backend-config': `path=${join(root, 'state', 'terraform.tfstate')}`,
  };
  const step = async (job: Job, action: string) => {
    await writeConfig(join(job.workspace, 'infra'));
    const started = Date.now();
    const result = await job.step(action, { with: given, ...(trace ? { env: { PATH: trace.path } } : {}) });
    trace?.spans.push({ action, started, ended: Date.now() });
    if (result.exitCode !== 0)
      throw new Error(`${action} failed: ${result.errors.map((e) => e.message).join('; ')}`);
  };
  await step(await workflow.job('plan'), 'tf-plan');
  await step(await workflow.job('apply'), 'tf-apply');
}

const results = await startResultsService();
const scratch = await mkdtemp(join(tmpdir(), 'bench-plan-apply-'));
const rawTimes: number[] = [];
const floorTimes: number[] = [];
const actionTimes: number[] = [];
const tracer = traceTools(['tofu']);
const spans: Array<{ action: string; started: number; ended: number }> = [];
try {
  // One warm-up of each, not counted: the first run of a binary pays for the page cache.
  await raw(await mkdtemp(join(scratch, 'warm-')));
  await floor(results, await mkdtemp(join(scratch, 'warm-')));
  await actions(results, await mkdtemp(join(scratch, 'warm-')));
  for (let i = 0; i < repetitions; i++) {
    // Alternated, so a slow moment of the machine does not fall on one side only.
    rawTimes.push(await timed(async () => raw(await mkdtemp(join(scratch, 'raw-')))));
    floorTimes.push(await timed(async () => floor(results, await mkdtemp(join(scratch, 'floor-')))));
    actionTimes.push(await timed(async () => actions(results, await mkdtemp(join(scratch, 'actions-')))));
  }
  // Where the actions' time goes: one more run, traced, not counted.
  await actions(results, await mkdtemp(join(scratch, 'traced-')), { path: tracer.path, spans });
} finally {
  await results.close();
  await rm(scratch, { recursive: true, force: true });
}
const rawMedian = median(rawTimes);
const floorMedian = median(floorTimes);
const actionMedian = median(actionTimes);
const line = (label: string, times: number[], value: number) =>
  console.log(
    `${label.padEnd(34)}${(value / 1000).toFixed(2)} s   ratio ${(value / rawMedian).toFixed(3)}   [${times.map((t) => (t / 1000).toFixed(2)).join(', ')}]`,
  );
console.log(`tf-plan + tf-apply, ${resources} terraform_data resources, ${repetitions} repetitions (median)`);
line('raw tofu commands', rawTimes, rawMedian);
line('floor: raw + @actions/artifact', floorTimes, floorMedian);
line('actions (two jobs)', actionTimes, actionMedian);
console.log(`ratio of medians, actions / raw   ${(actionMedian / rawMedian).toFixed(3)}`);
console.log(`ratio of medians, actions / floor ${against(actionMedian / floorMedian, TARGET)}`);
console.log('a traced run of the actions (tofu calls; not counted):');
const calls = tracer.calls();
for (const span of spans) {
  console.log(`  ${span.action}:`);
  for (const line of timeline(
    span.started,
    span.ended,
    calls.filter((call) => call.start >= span.started && call.end <= span.ended),
  ))
    console.log(line);
}
tracer.close();
