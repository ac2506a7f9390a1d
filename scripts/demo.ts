/**
 * `npm run demo`: deploys the example of examples/ to dev through .github/workflows/iac-pipeline.yml on
 * this machine, in the order of the workflow's job graph: Packer builds the image, OpenTofu plans and
 * applies the network and then the VMs, the approval gate approves by policy, Ansible configures the VMs
 * (sshd hosts on 127.0.0.1), the smoke tests check them, and the report action writes its report. The
 * artifact service and the GitHub API are the test suite's stand-ins; every stage is the bundled action
 * a runner would run. It ends by printing where the report is.
 *
 * The state lives in local files by default. `npm run demo -- --backend s3` keeps it in S3 instead: it
 * starts versitygw (a real S3 server) on loopback, makes a bucket, turns each stack's `backend "local"` into
 * `backend "s3"` with the override examples/backends/s3 ships, gives each stack its own key, and passes the
 * bucket's credentials as the workflow's secrets; at the end it says where each stack's state was.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  EXAMPLE_BACKENDS,
  EXAMPLE_STACKS,
  startExampleBed,
  runPipeline,
  stateKey,
  type ExampleBackend,
  type ExampleBed,
  type ExampleStack,
} from '../test/support/example-pipeline.js';
import type { JobRecord } from '../test/support/runner/workflow.js';
import { versitygw } from '../test/support/s3-server.js';
import { repoRoot, tofu } from '../test/support/tools.js';

const MARK: Record<JobRecord['result'], string> = {
  success: '✓',
  failure: '✗',
  skipped: '–',
  cancelled: '✗',
};

/** `--backend s3`, `--backend=s3` or nothing (local); anything else is a usage error, as a message. */
function parseArguments(args: readonly string[]): { backend: ExampleBackend } | { error: string } {
  let backend: ExampleBackend = 'local';
  const choices = EXAMPLE_BACKENDS.join(' or ');
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const value = arg === '--backend' ? args[++index] : /^--backend=(.*)$/s.exec(arg)?.[1];
    if (value === undefined) {
      return {
        error: arg === '--backend' ? `--backend needs a value: ${choices}` : `unknown argument ${arg}`,
      };
    }
    if (!(EXAMPLE_BACKENDS as readonly string[]).includes(value)) {
      return { error: `unknown --backend ${JSON.stringify(value)}: the demo keeps the state in ${choices}` };
    }
    backend = value as ExampleBackend;
  }
  return { backend };
}

function missingTools(backend: ExampleBackend): string[] {
  const missing: string[] = [];
  try {
    if (!existsSync(tofu())) missing.push('OpenTofu');
  } catch {
    missing.push('OpenTofu');
  }
  const onPath = (command: string) =>
    (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, command)));
  for (const [command, name] of [
    ['packer', 'Packer'],
    ['ansible-playbook', 'ansible-core'],
    ['ssh', 'OpenSSH client'],
  ] as const) {
    if (!onPath(command)) missing.push(name);
  }
  if (!existsSync('/usr/sbin/sshd')) missing.push('OpenSSH server');
  if (backend === 's3') {
    try {
      versitygw();
    } catch {
      missing.push('versitygw');
    }
  }
  if (!existsSync(join(repoRoot, 'node_modules', '@actions', 'artifact')))
    missing.push('node_modules (npm ci)');
  if (!existsSync(join(repoRoot, 'dist', 'tf-plan', 'index.js'))) missing.push('dist/ (npm run build)');
  return missing;
}

/**
 * Where each stack's state is, once the run is over. versitygw's directory goes when the server stops, so
 * the objects are copied into the demo's directory first, where they stay with the jobs' directories.
 */
async function describeState(bed: ExampleBed, root: string): Promise<string[]> {
  const stacks = Object.keys(EXAMPLE_STACKS) as ExampleStack[];
  if (!bed.s3) {
    const files = stacks.map((stack) => `  ${stack}: ${join(bed.stateDir, `${stack}-dev.tfstate`)}`);
    return ['The state, in local files:', ...files];
  }
  const { server, bucket } = bed.s3;
  const lines = [
    `The state, in S3 at ${server.endpoint} (versitygw, stopped with the demo), bucket ${bucket.name}:`,
  ];
  for (const stack of stacks) {
    const key = stateKey(stack);
    const state = await bucket.state(key);
    if (!state) {
      lines.push(`  ${stack}: s3://${bucket.name}/${key}, no state`);
      continue;
    }
    const copy = join(root, 's3', bucket.name, key);
    await mkdir(dirname(copy), { recursive: true });
    await copyFile(bucket.objectPath(key), copy);
    const instances = state.resources.reduce((sum, resource) => sum + resource.instances.length, 0);
    const count = `${instances} resource${instances === 1 ? '' : 's'}`;
    lines.push(`  ${stack}: s3://${bucket.name}/${key}, serial ${state.serial}, ${count}`);
    lines.push(`      copied to ${copy}`);
  }
  return lines;
}

async function main(): Promise<number> {
  const parsed = parseArguments(process.argv.slice(2));
  if ('error' in parsed) {
    console.error(`npm run demo: ${parsed.error}`);
    return 2;
  }
  const { backend } = parsed;
  const missing = missingTools(backend);
  if (missing.length > 0) {
    console.error(`The demo needs ${missing.join(', ')}. On a fresh machine run first:`);
    console.error('  bash scripts/install-tools.sh && npm ci');
    return 1;
  }
  const root = join(tmpdir(), `iac-pipeline-demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  console.log('iac-pipeline demo: the example deployed to dev by .github/workflows/iac-pipeline.yml');
  console.log(`  working directory: ${root}`);
  const bed = await startExampleBed({ root, backend });
  console.log(
    bed.s3
      ? `  state: S3, bucket ${bed.s3.bucket.name} on versitygw at ${bed.s3.server.endpoint}\n`
      : `  state: local files in ${bed.stateDir}\n`,
  );
  const started = Date.now();
  const began = new Map<string, number>();
  try {
    const { outcome } = await runPipeline(bed, {
      hooks: {
        onJobStart: ({ path, name }) => {
          began.set(`${path}:${name}`, Date.now());
          // A line that the job's result overwrites, on a terminal only: a log keeps one line per job.
          if (process.stdout.isTTY) process.stdout.write(`  … ${name}\r`);
        },
        onJobEnd: (record) => {
          const since = began.get(`${record.path}:${record.name}`);
          const seconds = since === undefined ? '' : ` (${((Date.now() - since) / 1000).toFixed(1)} s)`;
          const errors = record.steps.flatMap((s) => s.errors.map((e) => e.message));
          const clear = process.stdout.isTTY ? '\x1b[2K' : '';
          process.stdout.write(`${clear}  ${MARK[record.result]} ${record.name}${seconds}\n`);
          for (const error of errors) console.log(`      ${error}`);
        },
      },
    });
    const report = outcome.jobs.find((j) => j.path === 'report')?.steps.find((s) => s.outputs['html-path']);
    const smoke = outcome.jobs
      .filter((j) => j.path.endsWith('/ smoke'))
      .flatMap((j) => j.steps)
      .find((s) => s.outputs.total);
    console.log(
      `\n${outcome.result === 'success' ? 'Deployed' : 'The deployment FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s` +
        (smoke ? `: ${smoke.outputs.passed}/${smoke.outputs.total} smoke checks passed.` : '.'),
    );
    if (report) {
      console.log(`\nThe report: ${report.outputs['html-path']}`);
      console.log(`       JSON: ${report.outputs['json-path'] ?? ''}`);
      console.log(`    summary: ${join(root, 'report-summary.md')}`);
      await writeFile(join(root, 'report-summary.md'), report.summary);
    }
    console.log(`\n${(await describeState(bed, root)).join('\n')}`);
    return outcome.result === 'success' ? 0 : 1;
  } finally {
    // The jobs' directories stay, so that the report and every artifact can be opened afterwards.
    await bed.close({ keep: true });
  }
}

process.exitCode = await main();
