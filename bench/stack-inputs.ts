// What an upstream stack's inputs cost: tf-plan + tf-apply of the stack-inputs fixture's vms (three
// inputs from network, one of them sensitive) in two jobs on the real S3 server, once with `stack-inputs`
// (the plan reads network's state, the apply reads it again) and once with the same values given as a
// var file (what a hand-made pipeline that copies the outputs over would do), alternated, several
// repetitions. Also the raw cost of one read, timed in the same process: `tofu init` of network's
// directory in a fresh data directory and `state pull`, the two commands a read runs.
// Usage: npm run bench:stack-inputs -- [repetitions=5]   (builds dist/ first when it is missing or stale)
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startResultsService } from '../test/support/results-service.ts';
import { WorkflowRun, type Job } from '../test/support/runner/runner.ts';
import { startS3Server, type S3Bucket } from '../test/support/s3-server.ts';
import { tofu } from '../test/support/tools.ts';
import { median, timed } from './measure.ts';
import { prepareDist } from './prepare.mjs';

prepareDist();

const repetitions = Number(process.argv[2] ?? 5);
const fixture = join(import.meta.dirname, '..', 'test', 'fixtures', 'stack-inputs');
const run = promisify(execFile);
const KEY = 'bench-key-0123456789abcdef0123456789abcdef';
const TOKEN = 'bench-token-5f9e2c81';

const results = await startResultsService();
const s3 = await startS3Server();
const scratch = await mkdtemp(join(tmpdir(), 'bench-stack-inputs-'));

/** Files of the checkout besides the fixture, by path in the workspace. */
type Files = Record<string, string>;

async function step(job: Job, action: string, given: Record<string, string>, files: Files): Promise<void> {
  await cp(fixture, job.workspace, { recursive: true });
  for (const [path, text] of Object.entries(files)) await writeFile(join(job.workspace, path), text);
  const result = await job.step(action, { with: given, env: s3.credentialsEnv() });
  if (result.exitCode !== 0)
    throw new Error(`${action} failed: ${result.errors.map((e) => e.message).join('; ')}`);
}

/** Plan in one job, apply in another, as iac-wave.yml does. */
async function planAndApply(given: Record<string, string>, files: Files = {}): Promise<void> {
  const workflow = new WorkflowRun({ results, root: await mkdtemp(join(scratch, 'run-')) });
  await step(await workflow.job('plan'), 'tf-plan', { ...given, 'encryption-key': KEY }, files);
  await step(await workflow.job('apply'), 'tf-apply', { ...given, 'encryption-key': KEY }, files);
}

async function applyNetwork(bucket: S3Bucket): Promise<void> {
  await planAndApply({
    stack: 'network',
    'working-directory': 'network',
    'backend-config': bucket.backendConfig('dev/network.tfstate'),
    vars: `token=${TOKEN}`,
  });
}

/** vms fed by stack-inputs: each run a new state key, so every apply creates the same one resource. */
function withInputs(bucket: S3Bucket, i: number): Record<string, string> {
  const network = { directory: 'network', 'backend-config': bucket.backendConfig('dev/network.tfstate') };
  return {
    stack: 'vms',
    'working-directory': 'vms',
    'backend-config': bucket.backendConfig(`dev/vms-inputs-${i}.tfstate`),
    'stack-inputs': JSON.stringify(
      [
        ['network_id', 'id'],
        ['cidr', 'cidr'],
        ['network_token', 'token'],
      ].map(([variable, output]) => ({ variable, stack: 'network', output, ...network })),
    ),
  };
}

/** vms given the same values by a var file in the checkout. */
function withVarFile(bucket: S3Bucket, i: number): Record<string, string> {
  return {
    stack: 'vms',
    'working-directory': 'vms',
    'backend-config': bucket.backendConfig(`dev/vms-file-${i}.tfstate`),
    'var-files': 'values.tfvars.json',
  };
}

/** One read as the actions run it: init in a fresh data directory, then state pull. */
async function rawRead(bucket: S3Bucket): Promise<void> {
  const dataDir = await mkdtemp(join(scratch, 'tf-data-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: scratch,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    TF_DATA_DIR: dataDir,
    ...s3.credentialsEnv(),
  };
  const cwd = join(scratch, 'network');
  const backend = bucket
    .backendConfig('dev/network.tfstate')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `-backend-config=${line.trim()}`);
  await run(tofu(), ['init', '-input=false', '-json', ...backend], { cwd, env });
  await run(tofu(), ['state', 'pull'], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  await rm(dataDir, { recursive: true, force: true });
}

const inputTimes: number[] = [];
const fileTimes: number[] = [];
const readTimes: number[] = [];
try {
  const bucket = await s3.bucket();
  await applyNetwork(bucket);
  const state = (await bucket.state('dev/network.tfstate')) as unknown as {
    outputs: Record<string, { value: unknown }>;
  };
  const values: Files = {
    'values.tfvars.json': JSON.stringify({
      network_id: state.outputs.id?.value,
      cidr: state.outputs.cidr?.value,
      network_token: state.outputs.token?.value,
    }),
  };
  await cp(join(fixture, 'network'), join(scratch, 'network'), { recursive: true });
  // One warm-up of each, not counted: the first run pays for the page cache.
  await planAndApply(withInputs(bucket, 0));
  await planAndApply(withVarFile(bucket, 0), values);
  await rawRead(bucket);
  for (let i = 1; i <= repetitions; i++) {
    // Alternated, so a slow moment of the machine does not fall on one side only.
    inputTimes.push(await timed(() => planAndApply(withInputs(bucket, i))));
    fileTimes.push(await timed(() => planAndApply(withVarFile(bucket, i), values)));
    readTimes.push(await timed(() => rawRead(bucket)));
  }
} finally {
  await results.close();
  await s3.close();
  await rm(scratch, { recursive: true, force: true });
}

const inputs = median(inputTimes);
const file = median(fileTimes);
const read = median(readTimes);
const seconds = (t: number) => (t / 1000).toFixed(2);
const line = (label: string, times: number[], value: number) =>
  console.log(`${label.padEnd(44)}${seconds(value)} s   [${times.map(seconds).join(', ')}]`);
console.log(
  `tf-plan + tf-apply of vms (3 inputs from 1 upstream, S3 state), ${repetitions} repetitions (median)`,
);
line('values from a var file', fileTimes, file);
line('stack-inputs (read in plan, read in apply)', inputTimes, inputs);
line('raw read: tofu init + state pull', readTimes, read);
console.log(
  `overhead of one upstream: ${seconds(inputs - file)} s per plan + apply (${seconds((inputs - file) / 2)} s per read), ratio ${(inputs / file).toFixed(3)}`,
);
