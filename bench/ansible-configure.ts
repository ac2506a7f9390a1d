// The action's own overhead: ansible-configure (through the runner harness, inventory from an inline
// input) against the bare ansible-playbook run of the same playbook on the same SSH hosts of the test
// bed, at several host counts (2, 8 and 32 by default). Raw and action alternate in each repetition, so
// a slow moment of the machine does not fall on one side only; one warm-up of each is not counted.
// Prints per host count both medians, the ratio against the issue's target (<= 1.15, and the same or
// better at 8 and 32 hosts) and where the action's time went (results.json `timings`).
// Both sides use ansible's default of 5 forks (the action's `forks` default is 5 too).
// Each run, of either side, starts with no SSH connection open, as a job on a fresh runner does: its own
// ControlPath directory (ANSIBLE_SSH_CONTROL_PATH_DIR), whose masters are closed after it, untimed.
// Shared, the bare run would find the masters the action's run before it left open (ControlPersist=60s)
// and skip the SSH handshake, while the action's wait resets them first, as wait_for_connection does.
// Usage: npm run bench:ansible -- [repetitions=5] [hosts...=2 8 32]
//        (builds dist/ first when it is missing or stale)
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startResultsService, type ResultsService } from '../test/support/results-service.ts';
import { WorkflowRun } from '../test/support/runner/runner.ts';
import { startSshHosts } from '../test/support/ssh-hosts.ts';
import { repoRoot } from '../test/support/tools.ts';
import { prepareDist } from './prepare.mjs';
import { against, list, median, seconds } from './measure.ts';

// ansible-configure runs from dist/.
prepareDist();

const TARGET = 1.15;
const repetitions = Number(process.argv[2] ?? 5);
const hostCounts = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [2, 8, 32];
const run = promisify(execFile);
const fixtures = join(repoRoot, 'test', 'fixtures', 'ansible');
const extraVars = JSON.stringify({ greeting: 'bench', api_token: 'bench-token' });

interface Figures {
  hosts: number;
  raw: number[];
  action: number[];
  phases: Array<Record<string, number>>;
}

async function measure(results: ResultsService, count: number): Promise<Figures> {
  const names = Array.from({ length: count }, (_, i) => `web-${i + 1}`);
  const hosts = await startSshHosts(names.map((name) => ({ name, groups: ['web'] })));
  const root = await mkdtemp(join(tmpdir(), 'bench-ansible-'));
  try {
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
    const knownHostsText = await readFile(knownHosts, 'utf8');
    const key = join(root, 'id');
    await writeFile(key, hosts.privateKey, { mode: 0o600 });
    const inventoryFile = join(root, 'inventory.yml');
    await writeFile(inventoryFile, inventory);

    // A fresh ControlPath directory for one run, and the closing of the masters it left there.
    const connections = async () => {
      const dir = await mkdtemp(join(root, 'cp-'));
      return {
        env: { ANSIBLE_SSH_CONTROL_PATH_DIR: dir },
        close: async () => {
          for (const socket of await readdir(dir)) {
            await run('ssh', ['-S', join(dir, socket), '-O', 'exit', 'bench-host']).catch(() => undefined);
          }
        },
      };
    };

    const bare = async (): Promise<number> => {
      const ssh = await connections();
      try {
        const started = performance.now();
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
          { cwd: root, env: { ...process.env, ANSIBLE_HOST_KEY_CHECKING: 'True', ...ssh.env } },
        );
        return performance.now() - started;
      } finally {
        await ssh.close();
      }
    };
    const action = async (): Promise<{ ms: number; timings: Record<string, number> }> => {
      const workflow = new WorkflowRun({ results });
      const ssh = await connections();
      try {
        const job = await workflow.job('configure');
        await cp(fixtures, join(job.workspace, 'ansible'), { recursive: true });
        const started = performance.now();
        const step = await job.step('ansible-configure', {
          with: {
            playbook: 'ansible/site.yml',
            inventory,
            'private-key': hosts.privateKey,
            'known-hosts': knownHostsText,
            user: os.userInfo().username,
            'extra-vars': extraVars,
          },
          env: ssh.env,
        });
        await job.complete();
        const ms = performance.now() - started;
        if (step.exitCode !== 0) throw new Error(`ansible-configure failed:\n${step.log}`);
        const document = JSON.parse(await readFile(step.outputs['results-path'] ?? '', 'utf8')) as {
          timings: Record<string, number>;
        };
        return { ms, timings: document.timings };
      } finally {
        await ssh.close();
        await workflow.cleanup();
      }
    };

    // Warm-up, not counted: the first ansible-playbook pays for Python's bytecode and the page cache.
    await bare();
    await action();
    const figures: Figures = { hosts: count, raw: [], action: [], phases: [] };
    for (let i = 0; i < repetitions; i++) {
      figures.raw.push(await bare());
      const measured = await action();
      figures.action.push(measured.ms);
      figures.phases.push(measured.timings);
    }
    return figures;
  } finally {
    await hosts.close();
    await rm(root, { recursive: true, force: true });
  }
}

const results = await startResultsService();
const all: Figures[] = [];
try {
  for (const count of hostCounts) {
    const figures = await measure(results, count);
    all.push(figures);
    const rawMedian = median(figures.raw);
    const actionMedian = median(figures.action);
    const phaseNames = Object.keys(figures.phases[0] ?? {});
    console.log(
      `ansible-configure vs ansible-playbook, ${count} hosts, 2 tasks, ${repetitions} repetitions (medians)`,
    );
    console.log(`  ansible-playbook alone:  ${seconds(rawMedian)}   ${list(figures.raw)}`);
    console.log(`  ansible-configure step:  ${seconds(actionMedian)}   ${list(figures.action)} (with post)`);
    console.log(`  overhead:                ${seconds(actionMedian - rawMedian)}`);
    console.log(`  ratio action / bare:     ${against(actionMedian / rawMedian, TARGET)}`);
    console.log(
      `  phases: ${phaseNames.map((name) => `${name} ${median(figures.phases.map((p) => p[name] ?? 0)).toFixed(2)} s`).join(', ')}`,
    );
  }
} finally {
  await results.close();
}
if (all.length > 1) {
  console.log('\nhosts  bare      action    ratio');
  for (const figures of all) {
    const ratio = median(figures.action) / median(figures.raw);
    console.log(
      `${String(figures.hosts).padStart(5)}  ${seconds(median(figures.raw)).padEnd(8)}  ${seconds(median(figures.action)).padEnd(8)}  ${against(ratio, TARGET)}`,
    );
  }
}
