// The whole example pipeline, as `npm run demo` runs it (test/support/example-pipeline.ts: the runner
// harness runs .github/workflows/iac-pipeline.yml's job graph with the bundled actions, the artifact
// service and GitHub stand-ins, sshd test-bed hosts for the VMs), against the same tools run raw one
// after another by this script, on the same hosts, doing the same work without the suite:
//   packer build of examples/packer/image.pkr.hcl;
//   for each stack (network, then the VMs with the image's name as image_id): tofu init, plan -out,
//   show -json, apply of the planfile (and the VMs' `output -json ansible_inventory` for Ansible);
//   ansible-playbook of examples/ansible/site.yml on the inventory the VMs' stack put out;
//   the checks of examples/smoke/checks.yml, 16 at once (the smoke-test default): tcp with node's net,
//   ssh-command with the ssh client, command locally; each must pass, as the pipeline's must.
// No approval, no report, no release, no artifacts: those are what the suite adds, and count against it.
// Each side starts from an empty state (a fresh state directory per run); the hosts are the same, so
// after the warm-up (one of each, not counted) both sides find them configured. The sides alternate.
// Prints both medians, the ratio against the issue's target (<= 1.25) and the pipeline's per-job times.
// Usage: npm run bench:pipeline -- [repetitions=3]   (builds dist/ first when it is missing or stale)
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import {
  DB_PASSWORD,
  exampleInputs,
  runPipeline,
  startExampleBed,
  type ExampleBed,
} from '../test/support/example-pipeline.ts';
import { tofu } from '../test/support/tools.ts';
import { against, list, median, seconds } from './measure.ts';
import { prepareDist } from './prepare.mjs';

prepareDist();

const TARGET = 1.25;
const CONCURRENCY = 16;
const repetitions = Number(process.argv[2] ?? 3);
const run = promisify(execFile);

interface Check {
  name: string;
  kind: 'tcp' | 'ssh-command' | 'command' | string;
  group?: string;
  port?: number;
  command?: string | string[];
  output?: string;
  'exit-code'?: number;
}

type Inventory = Record<string, { hosts: Record<string, { ansible_host: string; ansible_port: number }> }>;

/** One raw command, as a `run:` step would run it; its stdout. */
async function sh(cwd: string, file: string, args: string[], env: Record<string, string> = {}) {
  const { stdout } = await run(file, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

/** The phases of one raw run, in milliseconds. */
type Phases = Record<string, number>;

async function raw(bed: ExampleBed, root: string): Promise<Phases> {
  const phases: Phases = {};
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = (phases[name] ?? 0) + (now - last);
    last = now;
  };
  // The checkout: what actions/checkout would put in the workspace (the bed's committed example).
  const work = join(root, 'repository');
  await cp(bed.checkout, work, { recursive: true, filter: (source) => !source.endsWith('.git') });
  const stateDir = join(root, 'state');
  await mkdir(stateDir, { recursive: true });
  last = performance.now();

  const imageName = 'golden-dev-1';
  await sh(
    join(work, 'examples', 'packer'),
    'packer',
    ['build', '-var', `image_name=${imageName}`, 'image.pkr.hcl'],
    {
      PACKER_NO_COLOR: '1',
    },
  );
  lap('packer build');

  const tfEnv = { TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const stack = async (name: string, dir: string, vars: string[]) => {
    const cwd = join(work, 'examples', dir);
    await sh(
      cwd,
      tofu(),
      ['init', '-input=false', `-backend-config=path=${join(stateDir, `${name}.tfstate`)}`],
      tfEnv,
    );
    lap(`${name}: tofu init`);
    await sh(
      cwd,
      tofu(),
      ['plan', '-input=false', '-var-file=env/dev.tfvars', ...vars, '-out=tfplan'],
      tfEnv,
    );
    lap(`${name}: tofu plan`);
    await writeFile(join(cwd, 'tfplan.json'), await sh(cwd, tofu(), ['show', '-json', 'tfplan'], tfEnv));
    lap(`${name}: tofu show`);
    await sh(cwd, tofu(), ['apply', '-input=false', 'tfplan'], tfEnv);
    lap(`${name}: tofu apply`);
    return cwd;
  };
  await stack('network', 'network', []);
  const infra = await stack('vms', 'infra', [
    '-var',
    `image_id=${imageName}`,
    '-var',
    `db_password=${DB_PASSWORD}`,
  ]);
  const inventory = JSON.parse(
    await sh(infra, tofu(), ['output', '-json', 'ansible_inventory'], tfEnv),
  ) as Inventory;
  lap('vms: tofu output');

  const inventoryFile = join(root, 'inventory.yml');
  await writeFile(inventoryFile, toYaml({ all: { children: inventory } }));
  const key = join(root, 'id');
  await writeFile(key, bed.hosts.privateKey, { mode: 0o600 });
  await sh(
    work,
    'ansible-playbook',
    [
      '-i',
      inventoryFile,
      '--user',
      os.userInfo().username,
      '--private-key',
      key,
      `--ssh-extra-args=-o UserKnownHostsFile=${bed.hosts.knownHostsPath}`,
      '-e',
      JSON.stringify({ db_password: DB_PASSWORD }),
      join('examples', 'ansible', 'site.yml'),
    ],
    { ANSIBLE_HOST_KEY_CHECKING: 'True' },
  );
  lap('ansible-playbook');

  await smokeChecks(bed, join(work, 'examples', 'smoke', 'checks.yml'), inventory);
  lap('smoke checks');
  return phases;
}

/** examples/smoke/checks.yml, each check on each host of its group, CONCURRENCY at once; throws on a failure. */
async function smokeChecks(bed: ExampleBed, file: string, inventory: Inventory): Promise<void> {
  const { checks } = parseYaml(await readFile(file, 'utf8')) as { checks: Check[] };
  const groupHosts = (group: string) =>
    group === 'all'
      ? Object.values(inventory).flatMap((g) => Object.entries(g.hosts))
      : Object.entries(inventory[group]?.hosts ?? {});
  const tasks: Array<() => Promise<void>> = [];
  for (const check of checks) {
    const targets = check.group ? groupHosts(check.group) : [undefined];
    for (const target of targets) {
      tasks.push(async () => {
        const what = `${check.name}${target ? ` [${target[0]}]` : ''}`;
        if (check.kind === 'tcp' && target) {
          await tcp(target[1].ansible_host, check.port ?? target[1].ansible_port);
        } else if (check.kind === 'ssh-command' && target) {
          const out = await output('ssh', [...bed.hosts.sshArgs(target[0]), String(check.command)]);
          if (check.output && !new RegExp(check.output, 'm').test(out.stdout.replace(/\n$/, '')))
            throw new Error(`${what}: output ${JSON.stringify(out.stdout)} does not match ${check.output}`);
        } else if (check.kind === 'command' && Array.isArray(check.command)) {
          const [file = '', ...args] = check.command;
          const out = await output(file, args);
          if (out.code !== (check['exit-code'] ?? 0)) throw new Error(`${what}: exit code ${out.code}`);
        } else {
          throw new Error(`${what}: the raw script has no probe for ${check.kind}`);
        }
      });
    }
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, tasks.length) }, async () => {
      while (next < tasks.length) await (tasks[next++] as () => Promise<void>)();
    }),
  );
}

function tcp(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: 5000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`tcp ${host}:${port} timed out`));
    });
    socket.once('error', reject);
  });
}

function output(file: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

/** One run of iac-pipeline.yml on an empty state; its per-job times in milliseconds. */
async function pipeline(bed: ExampleBed, root: string): Promise<Array<[string, number]>> {
  // A fresh state directory: the stacks' backend-config points into it (exampleStacks reads stateDir).
  bed.stateDir = join(root, 'state');
  await mkdir(bed.stateDir, { recursive: true });
  const inputs = await exampleInputs(bed);
  const began = new Map<string, number>();
  const jobs: Array<[string, number]> = [];
  const { outcome } = await runPipeline(bed, {
    inputs,
    hooks: {
      onJobStart: ({ path, name }) => began.set(`${path}:${name}`, performance.now()),
      onJobEnd: (record) => {
        const since = began.get(`${record.path}:${record.name}`);
        if (record.result !== 'skipped' && since !== undefined)
          jobs.push([record.path, performance.now() - since]);
      },
    },
  });
  if (outcome.result !== 'success') {
    const failed = outcome.jobs.filter((j) => j.result === 'failure');
    throw new Error(
      `the pipeline failed: ${failed.map((j) => `${j.path}: ${j.steps.flatMap((s) => s.errors.map((e) => e.message)).join('; ')}`).join(' | ')}`,
    );
  }
  return jobs;
}

const bed = await startExampleBed();
const scratch = await mkdtemp(join(os.tmpdir(), 'bench-pipeline-'));
const rawTimes: number[] = [];
const pipelineTimes: number[] = [];
const rawPhases: Phases[] = [];
const jobTimes = new Map<string, number[]>();
try {
  const timedRun = async <T>(body: () => Promise<T>): Promise<[number, T]> => {
    const started = performance.now();
    const result = await body();
    return [performance.now() - started, result];
  };
  // Warm-up, not counted: the first run configures the hosts and fills the page cache.
  await pipeline(bed, await mkdtemp(join(scratch, 'warm-pipeline-')));
  await raw(bed, await mkdtemp(join(scratch, 'warm-raw-')));
  for (let i = 0; i < repetitions; i++) {
    const rawRoot = await mkdtemp(join(scratch, 'raw-'));
    const [rawMs, phases] = await timedRun(() => raw(bed, rawRoot));
    rawTimes.push(rawMs);
    rawPhases.push(phases);
    const pipelineRoot = await mkdtemp(join(scratch, 'pipeline-'));
    const [pipelineMs, jobs] = await timedRun(() => pipeline(bed, pipelineRoot));
    pipelineTimes.push(pipelineMs);
    for (const [path, ms] of jobs) jobTimes.set(path, [...(jobTimes.get(path) ?? []), ms]);
    // Progress on stderr, so that a run cut short still says what it measured.
    console.error(`[bench] repetition ${i + 1}: raw ${seconds(rawMs)}, pipeline ${seconds(pipelineMs)}`);
  }
} finally {
  await bed.close();
  await rm(scratch, { recursive: true, force: true });
}
const rawMedian = median(rawTimes);
const pipelineMedian = median(pipelineTimes);
console.log(
  `the example pipeline (npm run demo's job graph) vs the same tools run raw, ${repetitions} repetitions (medians)`,
);
console.log(`  raw script:            ${seconds(rawMedian)}   ${list(rawTimes)}`);
console.log(`  pipeline (harness):    ${seconds(pipelineMedian)}   ${list(pipelineTimes)}`);
console.log(`  overhead:              ${seconds(pipelineMedian - rawMedian)}`);
console.log(`  ratio pipeline / raw:  ${against(pipelineMedian / rawMedian, TARGET)}`);
console.log('  the pipeline, per job (medians):');
let jobsSum = 0;
for (const [path, times] of jobTimes) {
  jobsSum += median(times);
  console.log(`    ${path.padEnd(34)} ${seconds(median(times))}   ${list(times)}`);
}
console.log(`    ${'sum of the jobs'.padEnd(34)} ${seconds(jobsSum)} (the rest: the harness between jobs)`);
console.log('  the raw script, per phase (medians):');
for (const name of Object.keys(rawPhases[0] ?? {})) {
  console.log(`    ${name.padEnd(34)} ${seconds(median(rawPhases.map((p) => p[name] ?? 0)))}`);
}
