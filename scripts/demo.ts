/**
 * `npm run demo`: deploys the example of examples/ to dev through .github/workflows/iac-pipeline.yml on
 * this machine, in the order of the workflow's job graph: Packer builds the image, OpenTofu plans and
 * applies the network and then the VMs, the approval gate approves by policy, Ansible configures the VMs
 * (sshd hosts on 127.0.0.1), the smoke tests check them, and the report action writes its report. The
 * artifact service and the GitHub API are the test suite's stand-ins; every stage is the bundled action
 * a runner would run. It ends by printing where the report is.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExampleBed, runPipeline } from '../test/support/example-pipeline.js';
import type { JobRecord } from '../test/support/runner/workflow.js';
import { repoRoot, tofu } from '../test/support/tools.js';

const MARK: Record<JobRecord['result'], string> = {
  success: '✓',
  failure: '✗',
  skipped: '–',
  cancelled: '✗',
};

function missingTools(): string[] {
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
  if (!existsSync(join(repoRoot, 'node_modules', '@actions', 'artifact')))
    missing.push('node_modules (npm ci)');
  if (!existsSync(join(repoRoot, 'dist', 'tf-plan', 'index.js'))) missing.push('dist/ (npm run build)');
  return missing;
}

async function main(): Promise<number> {
  const missing = missingTools();
  if (missing.length > 0) {
    console.error(`The demo needs ${missing.join(', ')}. On a fresh machine run first:`);
    console.error('  bash scripts/install-tools.sh && npm ci');
    return 1;
  }
  const root = join(tmpdir(), `iac-pipeline-demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  console.log('iac-pipeline demo: the example deployed to dev by .github/workflows/iac-pipeline.yml');
  console.log(`  working directory: ${root}\n`);
  const bed = await startExampleBed({ root });
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
    return outcome.result === 'success' ? 0 : 1;
  } finally {
    // The jobs' directories stay, so that the report and every artifact can be opened afterwards.
    await bed.close({ keep: true });
  }
}

process.exitCode = await main();
