import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { readAnsibleResults } from '../../src/ansible/results.js';
import { renderInventory, toAnsibleInventory } from '../../src/terraform/inventory.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type Job, type PhaseResult, type StepResult } from '../support/runner/runner.js';
import { startSshHosts, type SshHosts } from '../support/ssh-hosts.js';
import { repoRoot } from '../support/tools.js';

/**
 * ansible-configure with the real ansible-core against real sshd hosts on loopback, run as the runner
 * runs it. The hosts' inventory reaches the configure job the way it does in the pipeline: as the
 * artifact tf-apply publishes (made by tf-plan and tf-apply for real in one test, uploaded in tf-apply's
 * exact shape in the others).
 */
let results: ResultsService;
let hosts: SshHosts;
let knownHosts: string;
let stateRoot: string;
const runs: WorkflowRun[] = [];
const user = os.userInfo().username;

// Values that must never appear anywhere a person or another job can read.
const API_TOKEN = 'tok-5f1c9e77-never-printed';

beforeAll(async () => {
  [results, hosts] = await Promise.all([
    startResultsService(),
    startSshHosts([
      { name: 'web-1', groups: ['web'] },
      { name: 'web-2', groups: ['web'] },
      { name: 'web-3', groups: ['web'] },
    ]),
  ]);
  knownHosts = await readFile(hosts.knownHostsPath, 'utf8');
  stateRoot = await mkdtemp(join(tmpdir(), 'ansible-configure-state-'));
}, 60_000);

afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await Promise.all([results?.close(), hosts?.close()]);
  await rm(stateRoot, { recursive: true, force: true });
});

function newRun(): WorkflowRun {
  const run = new WorkflowRun({ results });
  runs.push(run);
  return run;
}

/** The list form of tf-apply's ansible_inventory output: name, host, groups, vars. */
function inventoryOutput(names: string[]) {
  return names.map((name) => ({
    name,
    host: '127.0.0.1',
    groups: ['web'],
    vars: { ansible_port: hosts.host(name).port },
  }));
}

/** An "apply" job that publishes the inventory artifact exactly as tf-apply renders it. */
async function publishInventory(run: WorkflowRun, names: string[], stack = 'infra'): Promise<void> {
  const job = await run.job('apply');
  await job.writeFile('inventory.yml', renderInventory(toAnsibleInventory(inventoryOutput(names))));
  const step = await job.step('probe:artifact', {
    with: { mode: 'upload', name: `iac-inventory-${stack}`, path: 'inventory.yml' },
  });
  expect(step.exitCode).toBe(0);
}

async function configureJob(run: WorkflowRun): Promise<Job> {
  const job = await run.job('configure');
  await cp(join(repoRoot, 'test', 'fixtures', 'ansible'), join(job.workspace, 'ansible'), {
    recursive: true,
  });
  return job;
}

/** The inputs every configure step needs to reach the test bed: who, with which key, trusting which host keys. */
function connection(): Record<string, string> {
  return { 'private-key': hosts.privateKey, 'known-hosts': knownHosts, user };
}

function configure(job: Job, given: Record<string, string>, timeoutMs?: number): Promise<StepResult> {
  return job.step('ansible-configure', {
    with: { stack: 'infra', ...connection(), ...given },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

/** Whether a known_hosts file (hashed or not) has a key for 127.0.0.1 on this port. */
async function isKnownHost(file: string, port: number): Promise<boolean> {
  if (!existsSync(file)) return false;
  try {
    await promisify(execFile)('ssh-keygen', ['-F', `[127.0.0.1]:${port}`, '-f', file]);
    return true;
  } catch {
    return false;
  }
}

async function hostFile(host: string, file: string): Promise<string | undefined> {
  const path = join(hosts.host(host).root, file);
  return existsSync(path) ? readFile(path, 'utf8') : undefined;
}

/**
 * Listens on a stopped host's port as a machine still booting does: it takes connections and drops them.
 * `upAfterMs` after the first one, it stops listening and calls `comeUp` (which starts sshd there).
 * `booted()` waits for that, and fails the test when nothing ever connected.
 */
async function bootingHost(
  port: number,
  upAfterMs: number,
  comeUp: () => Promise<void>,
): Promise<{ booted(): Promise<void> }> {
  const server = createServer();
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  let up: Promise<void> | undefined;
  server.on('connection', (socket) => {
    socket.destroy();
    up ??= new Promise((resolve) => setTimeout(resolve, upAfterMs)).then(stopListening).then(comeUp);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    async booted() {
      if (up) return up;
      await stopListening();
      throw new Error(`nothing connected to port ${port} while the host was booting`);
    },
  };
}

/** Every file of an artifact, downloaded in a job of its own. */
async function artifactFiles(run: WorkflowRun, name: string): Promise<Record<string, string>> {
  const job = await run.job('inspect');
  const step = await job.step('probe:artifact', { with: { mode: 'download', name, path: 'got' } });
  expect(step.exitCode).toBe(0);
  const files: Record<string, string> = {};
  for (const entry of await readdir(join(job.workspace, 'got'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[entry.name] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

/** What a person could read of a step: its log, summary and outputs, and the post step's log. */
function visibleText(step: StepResult, posts: PhaseResult[] = []): string[] {
  return [step.rawLog, step.summary, JSON.stringify(step.outputs), ...posts.map((p) => p.rawLog)];
}

function keyLines(): string[] {
  return hosts.privateKey
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 8 && !line.startsWith('-----'));
}

function expectNoLeak(texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(API_TOKEN);
    for (const line of keyLines()) expect(text).not.toContain(line);
  }
}

/** The step failed with Ansible's verdict last, after the annotations, and no stack trace. */
function expectStepFailure(step: StepResult, message: RegExp): void {
  expect(step.exitCode).toBe(1);
  expect(step.errors.at(-1)?.message).toMatch(message);
  expect(step.rawLog).not.toMatch(/^\s+at /m);
}

async function expectSecretsRemoved(step: StepResult, job: Job): Promise<void> {
  const secretsDir = step.state['secrets-dir'];
  expect(secretsDir).toMatch(new RegExp(`^${job.runnerTemp}/iac-ansible-secrets-`));
  expect(existsSync(secretsDir ?? '/')).toBe(false);
}

describe('ansible-configure against SSH hosts', () => {
  it('configures two hosts from the inventory tf-apply published, and leaks no secret', async () => {
    const run = newRun();
    const backend = `path=${join(stateRoot, 'two-hosts.tfstate')}`;
    const tfVars = `hosts={"web-1"=${hosts.host('web-1').port},"web-2"=${hosts.host('web-2').port}}`;
    const plan = await run.job('plan');
    await cp(join(repoRoot, 'test', 'fixtures', 'ansible', 'stack'), join(plan.workspace, 'infra'), {
      recursive: true,
    });
    const planned = await plan.step('tf-plan', {
      with: { 'working-directory': 'infra', 'backend-config': backend, vars: tfVars },
    });
    expect(planned.errors).toEqual([]);
    const apply = await run.job('apply');
    await cp(join(repoRoot, 'test', 'fixtures', 'ansible', 'stack'), join(apply.workspace, 'infra'), {
      recursive: true,
    });
    const applied = await apply.step('tf-apply', {
      with: {
        'working-directory': 'infra',
        'backend-config': backend,
        'expected-plan-digest': planned.outputs['plan-digest'] ?? '',
      },
    });
    expect(applied.errors).toEqual([]);

    const job = await configureJob(run);
    const step = await configure(job, {
      playbook: 'ansible/site.yml',
      'working-directory': 'ansible',
      'extra-vars': JSON.stringify({ greeting: 'Hello', api_token: API_TOKEN }),
      'connection-timeout': '30',
    });
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);

    expect(await hostFile('web-1', 'motd')).toBe('Hello from web-1\n');
    expect(await hostFile('web-2', 'motd')).toBe('Hello from web-2\n');
    expect(await hostFile('web-2', 'token')).toBe(`${API_TOKEN}\n`);
    expect(await hostFile('web-3', 'motd')).toBeUndefined();

    const recap = JSON.parse(step.outputs['recap'] ?? '{}');
    expect(Object.keys(recap).sort()).toEqual(['web-1', 'web-2']);
    expect(recap['web-1']).toMatchObject({ changed: 2, failed: 0, unreachable: 0 });
    expect(step.outputs).toMatchObject({
      changed: 'true',
      'failed-hosts': '[]',
      'unreachable-hosts': '[]',
      'artifact-name': 'iac-ansible-infra',
    });

    // The log is Ansible's own output; the summary has the recap and each host's facts.
    expect(step.log).toContain('PLAY RECAP');
    // One ansible-playbook run: the wait is its first play, so no host is waited for by a second process.
    expect(step.groups).toEqual(expect.arrayContaining(['ansible-playbook ansible/site.yml']));
    expect(step.groups).not.toEqual(expect.arrayContaining([expect.stringMatching(/^Wait for the hosts/)]));
    expect(step.log).toContain('PLAY [iac-pipeline: wait for the hosts to answer]');
    expect(step.summary).toContain('Configured 2 hosts');
    expect(step.summary).toMatch(/\| `web-1` \| \d+ \| 2 \| 0 \| 0 \|/);
    // Each host's facts, as the hosts (this machine) report them: OS, kernel, Python.
    const { stdout: python } = await promisify(execFile)('/usr/bin/python3', [
      '-c',
      'import platform; print(platform.python_version())',
    ]);
    expect(step.summary).toContain(python.trim());
    expect(step.summary).toContain(os.release());

    const files = await artifactFiles(run, 'iac-ansible-infra');
    expect(Object.keys(files).sort()).toEqual(['ansible.log', 'results.json']);
    const document = readAnsibleResults(files['results.json']);
    expect(document).toMatchObject({
      stack: 'infra',
      playbook: 'ansible/site.yml',
      inventory: 'artifact iac-inventory-infra',
      changed: true,
      waited: { 'web-1': { answered: true }, 'web-2': { answered: true } },
    });
    expect(document.facts['web-1']?.kernel).toBe(os.release());
    // The wait's own ok leaves the recap: facts and the two copies, the playbook's alone.
    expect(document.recap['web-1']).toEqual({
      ok: 3,
      changed: 2,
      unreachable: 0,
      failed: 0,
      skipped: 0,
      rescued: 0,
      ignored: 0,
    });
    expect(Object.keys(document.timings)).toEqual(['prepare', 'wait', 'playbook', 'facts']);
    expect(files['ansible.log']).toContain('PLAY RECAP');
    // The wrapper that put the wait before the playbook is gone from the checkout.
    expect((await readdir(join(job.workspace, 'ansible'))).filter((f) => f.startsWith('.iac-'))).toEqual([]);

    const posts = await job.complete();
    expect(posts.map((p) => p.exitCode)).toEqual([0]);
    await expectSecretsRemoved(step, job);
    expectNoLeak([...visibleText(step, posts), ...Object.values(files)]);
    expect(step.masks).toContain(API_TOKEN);
  });

  it('reports an unreachable host, configures the others, and fails', async () => {
    const run = newRun();
    await publishInventory(run, ['web-1', 'web-2', 'web-3']);
    await hosts.stop('web-3');
    let step: StepResult;
    let job: Job;
    try {
      job = await configureJob(run);
      step = await configure(job, {
        playbook: 'ansible/failing.yml',
        'connection-timeout': '2',
      });
    } finally {
      await hosts.start('web-3');
    }
    expectStepFailure(step, /could not reach 1 host \(web-3\)/);
    expect(step.outputs['unreachable-hosts']).toBe('["web-3"]');
    expect(step.outputs['failed-hosts']).toBe('["web-2"]');
    const unreachable = step.errors.find((e) => e.properties.title === 'Ansible: web-3 unreachable');
    expect(unreachable?.message).toMatch(/^web-3 is unreachable: .*Connection refused/);
    expect(step.log).toMatch(/web-3 did not answer within 2 s/);
    expect(JSON.parse(step.outputs['recap'] ?? '{}')['web-3']).toMatchObject({ unreachable: 1 });
    expect(await hostFile('web-1', 'marker')).toBe('configured\n');
    expect(step.summary).toContain('Unreachable hosts');

    const posts = await job.complete();
    expect(posts.map((p) => p.exitCode)).toEqual([0]);
    await expectSecretsRemoved(step, job);
    expectNoLeak(visibleText(step, posts));
  });

  it('waits for a host that starts answering only while the wait runs, and configures it', async () => {
    const run = newRun();
    await publishInventory(run, ['web-1', 'web-3']);
    await rm(join(hosts.host('web-3').root, 'marker'), { force: true });
    await hosts.stop('web-3');
    let step: StepResult;
    let job: Job;
    try {
      job = await configureJob(run);
      // As a VM still booting: its port takes connections but drops them, and sshd comes up 2.5 s after
      // the first one, which only the wait makes. Counting from that connection, not from a timer set
      // before the step, keeps the step's own start-up out of the measure.
      const booting = await bootingHost(hosts.host('web-3').port, 2_500, () => hosts.start('web-3'));
      try {
        step = await configure(job, { playbook: 'ansible/failing.yml', 'connection-timeout': '60' });
      } finally {
        await booting.booted();
      }
    } finally {
      if (!hosts.isRunning('web-3')) await hosts.start('web-3');
    }
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);
    expect(step.log).toContain('2 of 2 hosts answered.');
    expect(await hostFile('web-3', 'marker')).toBe('configured\n');
    const document = readAnsibleResults(await readFile(step.outputs['results-path'] ?? '', 'utf8'));
    expect(document.waited).toEqual({ 'web-1': { answered: true }, 'web-3': { answered: true } });
    expect(document.timings['wait']).toBeGreaterThanOrEqual(2.5);
    await job.complete();
  });

  it('annotates a failing task with the host, the task and its message, at its file and line', async () => {
    const run = newRun();
    const job = await configureJob(run);
    await job.writeFile('known_hosts', knownHosts);
    const inventory = stringify({
      all: {
        children: {
          web: {
            hosts: Object.fromEntries(
              ['web-1', 'web-2'].map((name) => [
                name,
                { ansible_host: '127.0.0.1', ansible_port: hosts.host(name).port },
              ]),
            ),
          },
        },
      },
    });
    const step = await configure(job, {
      playbook: 'ansible/failing.yml',
      inventory,
      'known-hosts': 'known_hosts',
    });
    expectStepFailure(step, /^Ansible failed on 1 host \(web-2\); see the annotations/);
    expect(step.outputs['failed-hosts']).toBe('["web-2"]');
    expect(step.outputs['unreachable-hosts']).toBe('[]');
    const annotation = step.errors.find((e) => e.properties.title?.startsWith('Ansible: Check the disk'));
    expect(annotation?.message).toBe(
      'web-2: task "Check the disk is large enough" failed: web-2 has too small a disk for the database',
    );
    expect(annotation?.properties).toMatchObject({ file: 'ansible/failing.yml', line: '15' });
    // The play gathers no facts; the summary still shows each host's.
    expect(step.summary).toContain(os.release());
    expect(step.summary).toContain('### Failed tasks');
    await job.complete();
    await expectSecretsRemoved(step, job);
  });

  it('previews in check mode: reports what would change, with the diff, and changes nothing', async () => {
    const run = newRun();
    await publishInventory(run, ['web-1', 'web-2']);
    const job = await configureJob(run);
    // Throwaway hosts: no host key checking, so no known-hosts either.
    const step = await configure(job, {
      playbook: 'ansible/preview.yml',
      check: 'true',
      diff: 'true',
      'host-key-checking': 'false',
      'known-hosts': '',
    });
    expect(step.errors).toEqual([]);
    // Their keys are not recorded in the runner's own known_hosts either (ssh's is the passwd entry's home).
    const userKnownHosts = join(os.userInfo().homedir, '.ssh', 'known_hosts');
    for (const name of ['web-1', 'web-2']) {
      expect(await isKnownHost(userKnownHosts, hosts.host(name).port)).toBe(false);
    }
    expect(step.exitCode).toBe(0);
    expect(step.outputs['changed']).toBe('true');
    expect(await hostFile('web-1', 'preview.txt')).toBeUndefined();
    expect(await hostFile('web-2', 'preview.txt')).toBeUndefined();
    expect(step.summary).toContain('preview (check mode)');
    expect(step.summary).toContain('2 of 2 hosts would change');
    expect(step.summary).toContain('### Would change (check mode)');
    expect(step.summary).toContain('+previewed on web-1');
    expect(step.summary).toContain('+previewed on web-2');
  });
});

describe('secret files', () => {
  it('are removed by the post step when main was killed before it could', async () => {
    const run = newRun();
    await publishInventory(run, ['web-1', 'web-3']);
    await hosts.stop('web-3');
    let step: StepResult;
    let job: Job;
    try {
      job = await configureJob(run);
      // Killed while it waits for web-3, long before its own cleanup.
      step = await configure(job, { playbook: 'ansible/site.yml', 'connection-timeout': '6' }, 4_000);
    } finally {
      await hosts.start('web-3');
    }
    expect(step.exitCode).toBe(124);
    const secretsDir = step.state['secrets-dir'] ?? '';
    expect(existsSync(join(secretsDir, 'id_ssh'))).toBe(true);
    const posts = await job.complete();
    expect(posts.map((p) => p.exitCode)).toEqual([0]);
    expect(existsSync(secretsDir)).toBe(false);
  });
});

describe('bad inputs', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    [
      'an inventory that is neither a file nor an inventory',
      { inventory: 'ansible/missing.yml' },
      /^Input "inventory" must be an inventory file or directory in the workspace, .*; no file or directory "ansible\/missing.yml"\.$/,
    ],
    [
      'a private key that is not a key',
      { 'private-key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq not-a-private-key' },
      /^Input "private-key" must be the text of an SSH private key/,
    ],
    [
      'known-hosts without host key checking',
      { 'host-key-checking': 'false' },
      /^Input "known-hosts" is given but host-key-checking is false/,
    ],
    [
      'extra-vars that are not a mapping',
      { 'extra-vars': '- a\n- b' },
      /^Input "extra-vars" must be a YAML or JSON mapping/,
    ],
    [
      'no inventory and no inventory artifact',
      {},
      /^No artifact named "iac-inventory-infra" in this workflow run/,
    ],
    [
      'an inventory with no hosts',
      { inventory: '[web]\n' },
      /^No hosts to configure: the inline INI inventory has no hosts\.$/,
    ],
    [
      'a playbook whose plays match none of the hosts',
      { playbook: 'ansible/databases.yml', inventory: 'web-1,', 'connection-timeout': '1' },
      /^The playbook ansible\/databases.yml ran on no host: the hosts of its plays \(databases\) match none of the hosts web-1\.$/,
    ],
    [
      'a playbook Ansible cannot read',
      { playbook: 'ansible/broken.yml', inventory: 'web-1,' },
      /^ansible-playbook could not run ansible\/broken.yml: conflicting action statements: .*\(ansible\/broken.yml line 4, column 7\)$/,
    ],
  ];

  it.each(cases)('%s fails with one clear error', async (_, given, message) => {
    const run = newRun();
    const job = await configureJob(run);
    const step = await configure(job, { playbook: 'ansible/site.yml', ...given });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    expect(step.rawLog).not.toContain('not-a-private-key');
    const posts = await job.complete();
    expect(posts.map((p) => p.exitCode)).toEqual([0]);
    expectNoLeak(visibleText(step, posts));
  });
});
