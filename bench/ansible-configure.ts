// The action's own overhead: ansible-configure (through the runner harness, inventory from an inline
// input) against the bare ansible-playbook run of the same playbook on the same two SSH hosts of the
// test bed, several repetitions; prints the medians, their difference and where the action's time went.
// Usage: npm run bench:ansible -- [repetitions=5]     (builds dist/ first when it is missing or stale)
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startResultsService } from '../test/support/results-service.ts';
import { WorkflowRun } from '../test/support/runner/runner.ts';
import { startSshHosts } from '../test/support/ssh-hosts.ts';
import { repoRoot } from '../test/support/tools.ts';
import { prepareDist } from './prepare.mjs';
import { median } from './measure.ts';

// ansible-configure runs from dist/.
prepareDist();

const repetitions = Number(process.argv[2] ?? 5);
const run = promisify(execFile);

const results = await startResultsService();
const hosts = await startSshHosts([
  { name: 'web-1', groups: ['web'] },
  { name: 'web-2', groups: ['web'] },
]);
const root = await mkdtemp(join(tmpdir(), 'bench-ansible-'));
try {
  const fixtures = join(repoRoot, 'test', 'fixtures', 'ansible');
  const inventory = stringify({
    all: {
      children: {
        web: {
          hosts: Object.fromEntries(
            hosts.hosts.map((h) => [h.name, { ansible_host: '127.0.0.1', ansible_port: h.port }]),
          ),
        },
      },
    },
  });
  const knownHosts = join(root, 'known_hosts');
  await cp(hosts.knownHostsPath, knownHosts);
  const key = join(root, 'id');
  await writeFile(key, hosts.privateKey, { mode: 0o600 });
  const inventoryFile = join(root, 'inventory.yml');
  await writeFile(inventoryFile, inventory);
  const extraVars = JSON.stringify({ greeting: 'bench', api_token: 'bench-token' });

  const raw: number[] = [];
  const action: number[] = [];
  const phases: Array<Record<string, number>> = [];
  for (let i = 0; i < repetitions; i++) {
    let started = performance.now();
    await run(
      'ansible-playbook',
      [
        '-i',
        inventoryFile,
        '--user',
        os.userInfo().username,
        '--private-key',
        key,
        `--ssh-extra-args=-o UserKnownHostsFile=${knownHosts}`,
        '-e',
        extraVars,
        join(fixtures, 'site.yml'),
      ],
      { cwd: root, env: { ...process.env, ANSIBLE_HOST_KEY_CHECKING: 'True' } },
    );
    raw.push(performance.now() - started);

    const workflow = new WorkflowRun({ results });
    const job = await workflow.job('configure');
    await cp(fixtures, join(job.workspace, 'ansible'), { recursive: true });
    started = performance.now();
    const step = await job.step('ansible-configure', {
      with: {
        playbook: 'ansible/site.yml',
        inventory,
        'private-key': hosts.privateKey,
        'known-hosts': await readFile(knownHosts, 'utf8'),
        user: os.userInfo().username,
        'extra-vars': extraVars,
      },
    });
    await job.complete();
    action.push(performance.now() - started);
    if (step.exitCode !== 0) throw new Error(`ansible-configure failed:\n${step.log}`);
    const document = JSON.parse(await readFile(step.outputs['results-path'] ?? '', 'utf8')) as {
      timings: Record<string, number>;
    };
    phases.push(document.timings);
    await workflow.cleanup();
  }
  const phaseNames = Object.keys(phases[0] ?? {});
  console.log(`ansible-configure vs ansible-playbook, 2 hosts, 2 tasks, ${repetitions} runs (medians)`);
  console.log(`  ansible-playbook alone:  ${(median(raw) / 1000).toFixed(2)} s`);
  console.log(`  ansible-configure step:  ${(median(action) / 1000).toFixed(2)} s (with post)`);
  console.log(`  overhead:                ${((median(action) - median(raw)) / 1000).toFixed(2)} s`);
  console.log(
    `  phases: ${phaseNames.map((name) => `${name} ${median(phases.map((p) => p[name] ?? 0)).toFixed(1)} s`).join(', ')}`,
  );
} finally {
  await Promise.all([hosts.close(), results.close()]);
  await rm(root, { recursive: true, force: true });
}
