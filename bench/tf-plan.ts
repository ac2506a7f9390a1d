// tf-plan on a big plan: one plan job through the runner harness (init, plan, show -json, the summary,
// the bundle uploaded as an artifact) on a configuration of N terraform_data resources (20,000 by
// default, every one a create on an empty state: an N-change plan), against the raw tofu commands a
// `run:` step needs for the same plan: init, plan -out, show -json. The two alternate in each repetition;
// one warm-up of each is not counted. Target (issue 22): tf-plan / raw <= 1.10.
// An extra traced run (not counted) shows tf-plan's tofu calls and its own time around them.
// Usage: npm run bench:tf-plan -- [repetitions=3] [resources=20000]   (builds dist/ first when stale)
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startResultsService } from '../test/support/results-service.ts';
import { WorkflowRun } from '../test/support/runner/runner.ts';
import { tofu } from '../test/support/tools.ts';
import { against, list, median, seconds } from './measure.ts';
import { prepareDist } from './prepare.mjs';
import { timeline, traceTools } from './trace.ts';

prepareDist();

const TARGET = 1.1;
const repetitions = Number(process.argv[2] ?? 3);
const resources = Number(process.argv[3] ?? 20_000);
const run = promisify(execFile);

const config = `terraform {
  backend "local" {}
}
resource "terraform_data" "r" {
  count = ${resources}
  input = { name = "r-\${count.index}", size = count.index * 10, tags = { env = "bench", owner = "team-\${count.index % 7}" } }
}
output "count" {
  value = length(terraform_data.r)
}
`;

async function writeConfig(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'main.tf'), config);
}

async function tf(cwd: string, args: string[], okCodes = [0]): Promise<{ stdout: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: cwd, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  return run(tofu(), args, { cwd, env, maxBuffer: 1024 * 1024 * 1024 }).catch(
    (error: { code?: number; stdout?: string }) => {
      if (!okCodes.includes(error.code ?? -1)) throw error;
      return { stdout: error.stdout ?? '' };
    },
  );
}

type Phases = Record<string, number>;

/** init, plan -out, show -json written to a file, as a hand-written plan job does. */
async function raw(root: string): Promise<Phases> {
  const dir = join(root, 'infra');
  await writeConfig(dir);
  const phases: Phases = {};
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = now - last;
    last = now;
  };
  await tf(dir, ['init', '-input=false', '-json', `-backend-config=path=${join(root, 'terraform.tfstate')}`]);
  lap('init');
  await tf(dir, ['plan', '-input=false', '-json', '-detailed-exitcode', '-out=tfplan'], [0, 2]);
  lap('plan');
  const { stdout } = await tf(dir, ['show', '-json', 'tfplan']);
  await writeFile(join(dir, 'tfplan.json'), stdout);
  lap('show -json');
  return phases;
}

async function action(
  results: Awaited<ReturnType<typeof startResultsService>>,
  root: string,
  path?: string,
): Promise<{ started: number; ended: number }> {
  const workflow = new WorkflowRun({ results, root: join(root, 'jobs') });
  const job = await workflow.job('plan');
  await writeConfig(join(job.workspace, 'infra'));
  const started = Date.now();
  const step = await job.step('tf-plan', {
    with: { 'working-directory': 'infra', 'backend-config': `path=${join(root, 'terraform.tfstate')}` },
    ...(path ? { env: { PATH: path } } : {}),
  });
  await job.complete();
  const ended = Date.now();
  if (step.exitCode !== 0) throw new Error(`tf-plan failed: ${step.errors.map((e) => e.message).join('; ')}`);
  return { started, ended };
}

const results = await startResultsService();
const scratch = await mkdtemp(join(tmpdir(), 'bench-tf-plan-'));
const tracer = traceTools(['tofu']);
const rawTimes: number[] = [];
const actionTimes: number[] = [];
const rawPhases: Phases[] = [];
let traced: string[] | undefined;
try {
  await raw(await mkdtemp(join(scratch, 'warm-')));
  await action(results, await mkdtemp(join(scratch, 'warm-')));
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    rawPhases.push(await raw(await mkdtemp(join(scratch, 'raw-'))));
    rawTimes.push(performance.now() - started);
    const { started: s, ended } = await action(results, await mkdtemp(join(scratch, 'action-')));
    actionTimes.push(ended - s);
    console.error(
      `[bench] repetition ${i + 1}: raw ${seconds(rawTimes[i] ?? 0)}, tf-plan ${seconds(ended - s)}`,
    );
  }
  const span = await action(results, await mkdtemp(join(scratch, 'traced-')), tracer.path);
  traced = timeline(span.started, span.ended, tracer.calls());
} finally {
  tracer.close();
  await results.close();
  await rm(scratch, { recursive: true, force: true });
}
const rawMedian = median(rawTimes);
const actionMedian = median(actionTimes);
console.log(
  `tf-plan vs raw tofu, ${resources}-change plan (terraform_data creates), ${repetitions} repetitions (medians)`,
);
console.log(`  raw init + plan -out + show -json: ${seconds(rawMedian)}   ${list(rawTimes)}`);
for (const name of Object.keys(rawPhases[0] ?? {}))
  console.log(`    ${name.padEnd(12)} ${seconds(median(rawPhases.map((p) => p[name] ?? 0)))}`);
console.log(`  tf-plan step:                      ${seconds(actionMedian)}   ${list(actionTimes)}`);
console.log(`  overhead:                          ${seconds(actionMedian - rawMedian)}`);
console.log(`  ratio tf-plan / raw:               ${against(actionMedian / rawMedian, TARGET)}`);
console.log('  a traced tf-plan (tofu calls; not counted):');
for (const line of traced ?? []) console.log(line);
