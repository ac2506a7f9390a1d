// packer-build's own overhead, through the runner harness, on a null-builder template (the manifest
// fixture of test/fixtures/packer: communicator none, a shell-local provisioner, the manifest
// post-processor), against the floor any image job pays: the bare `packer build` of the same template
// with the same variable, and one upload of its metadata artifact (the manifest packer wrote) by the
// unmodified @actions/artifact (the harness's artifact probe, a Node 24 process, as
// actions/upload-artifact would be). Floor and action alternate in each repetition; one warm-up of each
// is not counted. Also the skip-unchanged path: a second job whose template did not change, where the
// action finds the first build in the cache and skips it (target <= 0.3 s for the whole step).
// An extra traced run (not counted) shows where the action's time goes, by tool call (bench/trace.ts).
// Usage: npm run bench:packer -- [repetitions=5]   (builds dist/ and the probes first when missing or stale)
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startResultsService } from '../test/support/results-service.ts';
import { WorkflowRun, type Job, type StepResult } from '../test/support/runner/runner.ts';
import { repoRoot } from '../test/support/tools.ts';
import { against, list, median, seconds } from './measure.ts';
import { prepareDist, prepareProbes } from './prepare.mjs';
import { timeline, traceTools } from './trace.ts';

prepareDist();
prepareProbes();

const TARGET = 1.2;
const SKIP_TARGET_MS = 300;
const repetitions = Number(process.argv[2] ?? 5);
const run = promisify(execFile);
const fixture = join(repoRoot, 'test', 'fixtures', 'packer', 'manifest');

const results = await startResultsService();
const scratch = await mkdtemp(join(tmpdir(), 'bench-packer-'));

async function checkout(job: Job): Promise<void> {
  await cp(fixture, join(job.workspace, 'packer'), { recursive: true });
}

function check(step: StepResult, what: string): StepResult {
  if (step.exitCode !== 0)
    throw new Error(`${what} failed: ${step.errors.map((e) => e.message).join('; ')}\n${step.log}`);
  return step;
}

/** The floor: packer build as a `run:` step would run it, then the metadata uploaded as an artifact. */
async function floor(name: string): Promise<number> {
  const workflow = new WorkflowRun({ results, root: await mkdtemp(join(scratch, 'floor-')) });
  const job = await workflow.job('image');
  await checkout(job);
  const started = performance.now();
  await run('packer', ['build', '-machine-readable', '-var', `image_name=${name}`, 'image.pkr.hcl'], {
    cwd: join(job.workspace, 'packer'),
    env: { PATH: process.env.PATH ?? '', HOME: job.workspace, PACKER_NO_COLOR: '1' },
  });
  check(
    await job.step('probe:artifact', {
      with: { mode: 'upload', name: `image-${name}`, path: 'packer/packer-manifest.json' },
    }),
    'the metadata upload',
  );
  return performance.now() - started;
}

async function action(
  workflow: WorkflowRun,
  name: string,
  options: { skipUnchanged?: boolean; path?: string } = {},
): Promise<{ ms: number; started: number; ended: number; step: StepResult }> {
  const job = await workflow.job('image');
  await checkout(job);
  const startedAt = Date.now();
  const started = performance.now();
  const step = check(
    await job.step('packer-build', {
      with: {
        template: 'packer/image.pkr.hcl',
        'image-name': name,
        ...(options.skipUnchanged ? { 'skip-unchanged': 'true' } : {}),
      },
      ...(options.path ? { env: { PATH: options.path } } : {}),
    }),
    'packer-build',
  );
  await job.complete();
  const ms = performance.now() - started;
  return { ms, started: startedAt, ended: Date.now(), step };
}

const newRun = async (label: string) =>
  new WorkflowRun({ results, root: await mkdtemp(join(scratch, `${label}-`)) });

const floorTimes: number[] = [];
const actionTimes: number[] = [];
const skipTimes: number[] = [];
const tracer = traceTools(['packer']);
try {
  await floor('warm');
  await action(await newRun('warm'), 'warm');
  for (let i = 0; i < repetitions; i++) {
    floorTimes.push(await floor(`golden-${i}`));
    actionTimes.push((await action(await newRun('action'), `golden-${i}`)).ms);
  }

  // skip-unchanged: one run builds and saves the template's hash in the cache, then each repetition is
  // a new job of the same run with the same template, which finds it and skips the build.
  const skipRun = await newRun('skip');
  const first = await action(skipRun, 'skip-first', { skipUnchanged: true });
  if (first.step.outputs.skipped !== 'false') throw new Error('the first skip-unchanged build was skipped');
  for (let i = 0; i < repetitions; i++) {
    const again = await action(skipRun, `skip-${i}`, { skipUnchanged: true });
    if (again.step.outputs.skipped !== 'true')
      throw new Error(`the unchanged template was built again (skipped=${again.step.outputs.skipped})`);
    skipTimes.push(again.ms);
  }

  // Where the time goes: one more of each, traced, not counted.
  const traced = await action(await newRun('traced'), 'traced', { path: tracer.path });
  const build = timeline(traced.started, traced.ended, tracer.calls());
  tracer.reset();
  const tracedSkip = await action(skipRun, 'traced-skip', { skipUnchanged: true, path: tracer.path });
  const skip = timeline(tracedSkip.started, tracedSkip.ended, tracer.calls());

  const floorMedian = median(floorTimes);
  const actionMedian = median(actionTimes);
  const skipMedian = median(skipTimes);
  console.log(
    `packer-build vs the floor (bare packer build + one @actions/artifact upload), null builder, ${repetitions} repetitions (medians)`,
  );
  console.log(`  floor:                 ${seconds(floorMedian)}   ${list(floorTimes)}`);
  console.log(`  packer-build step:     ${seconds(actionMedian)}   ${list(actionTimes)}`);
  console.log(`  overhead:              ${seconds(actionMedian - floorMedian)}`);
  console.log(`  ratio action / floor:  ${against(actionMedian / floorMedian, TARGET)}`);
  console.log(
    `  skip-unchanged step:   ${seconds(skipMedian)}   ${list(skipTimes)}   (target <= ${SKIP_TARGET_MS / 1000} s: ${skipMedian <= SKIP_TARGET_MS ? 'met' : 'NOT met'})`,
  );
  console.log('  a traced build (packer calls; not counted):');
  for (const line of build) console.log(line);
  console.log('  a traced skip-unchanged run:');
  for (const line of skip) console.log(line);
} finally {
  tracer.close();
  await results.close();
  await rm(scratch, { recursive: true, force: true });
}
