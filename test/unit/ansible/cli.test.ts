import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEventsCallback } from '../../../src/ansible/callback-plugin.js';
import {
  ansibleEnvironment,
  ansibleError,
  connectionArgs,
  defaultCallbackSettings,
  findAnsible,
  playbookArgs,
  readCallbackSettings,
  runAnsible,
  type AnsibleTools,
  type Connection,
} from '../../../src/ansible/cli.js';
import { AnsibleLog } from '../../../src/ansible/log.js';
import { Redactor } from '../../../src/ansible/redact.js';
import { runnerExec, type Exec } from '../../../src/core/exec.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const connection: Connection = {
  inventory: '/tmp/inventory.yml',
  user: 'deploy',
  privateKeyFile: '/run/secrets/id_ssh',
  vaultPasswordFile: '/run/secrets/vault-password',
  extraVarsFile: '/run/secrets/extra-vars.json',
  limit: 'web',
  forks: 10,
  hostKeyChecking: true,
  knownHostsFile: '/tmp/scratch/known_hosts',
};

describe('command lines', () => {
  it('carry secrets as file paths only, and the known hosts as one ssh argument', () => {
    expect(connectionArgs(connection)).toEqual([
      '-i',
      '/tmp/inventory.yml',
      '--forks',
      '10',
      '--limit',
      'web',
      '--user',
      'deploy',
      '--private-key',
      '/run/secrets/id_ssh',
      '--vault-password-file',
      '/run/secrets/vault-password',
      '--extra-vars',
      '@/run/secrets/extra-vars.json',
      '--ssh-extra-args=-o UserKnownHostsFile=/tmp/scratch/known_hosts',
    ]);
  });

  it('quote a known_hosts path with a space, and record no host keys when checking is off', () => {
    expect(connectionArgs({ ...connection, knownHostsFile: "/tmp/a b/it's" }).at(-1)).toBe(
      `--ssh-extra-args=-o UserKnownHostsFile='/tmp/a b/it'"'"'s'`,
    );
    const unchecked = connectionArgs({ inventory: 'i', forks: 5, hostKeyChecking: false });
    expect(unchecked).toEqual([
      '-i',
      'i',
      '--forks',
      '5',
      '--ssh-extra-args=-o UserKnownHostsFile=/dev/null',
    ]);
  });

  it('run the playbook with become, tags, check and diff as asked', () => {
    const args = playbookArgs(
      '/w/site.yml',
      { inventory: 'i', forks: 5, hostKeyChecking: true },
      {
        become: true,
        tags: ['web', 'tls'],
        check: true,
        diff: true,
      },
    );
    expect(args).toEqual([
      '-i',
      'i',
      '--forks',
      '5',
      '--become',
      '--tags',
      'web,tls',
      '--check',
      '--diff',
      '/w/site.yml',
    ]);
  });
});

describe('ansibleError', () => {
  it('reads the message and the place Ansible names', () => {
    const lines = [
      'ERROR! conflicting action statements: ansible.builtin.debug, ansible.builtin.fail',
      '',
      "The error appears to be in '/w/ansible/broken.yml': line 4, column 7, but may",
      'be elsewhere in the file depending on the exact syntax problem.',
    ];
    expect(ansibleError(lines)).toBe(
      'conflicting action statements: ansible.builtin.debug, ansible.builtin.fail (/w/ansible/broken.yml line 4, column 7)',
    );
  });

  it('joins a message wrapped over lines, and has nothing to say without an ERROR!', () => {
    expect(ansibleError(['ERROR! the role', "'web' was not found", ''])).toBe("the role 'web' was not found");
    expect(ansibleError(['PLAY RECAP', 'fatal: [web-1]'])).toBeUndefined();
  });
});

describe('callback settings', () => {
  const fakeExec =
    (stdout: string, exitCode = 0): Exec =>
    async () => ({ exitCode, stdout, stderr: '' });
  const tools: AnsibleTools = { playbook: 'ansible-playbook', adhoc: 'ansible', config: 'ansible-config' };
  const configured = { env: { ANSIBLE_CONFIG: '/w/ansible.cfg' }, home: '/home/u' };

  it('keep the callbacks the user enabled, and add ours with its directory', async () => {
    const dump = JSON.stringify([
      { name: 'CALLBACKS_ENABLED', value: ['profile_tasks', 'timer'] },
      { name: 'DEFAULT_CALLBACK_PLUGIN_PATH', value: ['/home/u/.ansible/plugins/callback'] },
      { name: 'HOST_KEY_CHECKING', value: false },
    ]);
    const callbacks = await readCallbackSettings(fakeExec(dump), tools, '/w', configured);
    expect(ansibleEnvironment({ callbacks, pluginDir: '/tmp/cb', hostKeyChecking: true })).toMatchObject({
      ANSIBLE_CALLBACKS_ENABLED: 'profile_tasks,timer,iac_events',
      ANSIBLE_CALLBACK_PLUGINS: '/home/u/.ansible/plugins/callback:/tmp/cb',
      ANSIBLE_LOAD_CALLBACK_PLUGINS: 'True',
      ANSIBLE_HOST_KEY_CHECKING: 'True',
    });
  });

  it('are the defaults Ansible documents, without asking it, when nothing configures Ansible', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ansible-home-'));
    try {
      const asked: string[] = [];
      const exec: Exec = async (command) => {
        asked.push(command);
        return { exitCode: 0, stdout: '[]', stderr: '' };
      };
      expect(await readCallbackSettings(exec, tools, home, { env: {}, home })).toEqual(
        defaultCallbackSettings(home),
      );
      expect(asked).toEqual([]);
      // Each place Ansible reads a configuration from makes it ask.
      await readCallbackSettings(exec, tools, home, { env: { ANSIBLE_CALLBACKS_ENABLED: 'timer' }, home });
      await writeFile(join(home, '.ansible.cfg'), '[defaults]\n');
      await readCallbackSettings(exec, tools, home, { env: {}, home });
      expect(asked).toEqual(['ansible-config', 'ansible-config']);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('fall back to ours alone when Ansible cannot dump its configuration as JSON', async () => {
    const callbacks = await readCallbackSettings(fakeExec('usage: ...', 2), tools, '/w', configured);
    expect(ansibleEnvironment({ callbacks, pluginDir: '/tmp/cb', hostKeyChecking: false })).toMatchObject({
      ANSIBLE_CALLBACKS_ENABLED: 'iac_events',
      ANSIBLE_CALLBACK_PLUGINS: '/tmp/cb',
      ANSIBLE_HOST_KEY_CHECKING: 'False',
    });
  });
});

/** The events callback under the real ansible-playbook, on the local connection (no SSH needed). */
describe('with the real ansible-playbook', () => {
  let dir: string;
  let tools: AnsibleTools;
  let logger: RecordingLogger;
  let log: AnsibleLog;
  const local: Connection = { inventory: '', forks: 5, hostKeyChecking: true };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ansible-cli-'));
    tools = await findAnsible();
    await writeFile(
      join(dir, 'inventory.ini'),
      `[web]\nlocal-1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n`,
    );
    local.inventory = join(dir, 'inventory.ini');
    // The user's own configuration enables a callback of ansible-core's: it must keep working.
    await writeFile(
      join(dir, 'ansible.cfg'),
      '[defaults]\ncallbacks_enabled = ansible.builtin.tree\n[callback_tree]\ndirectory = ./tree\n',
    );
    logger = new RecordingLogger();
    log = new AnsibleLog(logger, new Redactor(), join(dir, 'ansible.log'));
  });
  afterAll(async () => {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each result, diff, the facts and the recap, beside the callbacks the user enabled', async () => {
    const target = join(dir, 'motd');
    await writeFile(
      join(dir, 'site.yml'),
      [
        // First: after a play in which every host failed, Ansible starts no other play.
        '- name: Databases',
        '  hosts: db',
        '  tasks: [{ ansible.builtin.debug: { msg: never } }]',
        '- name: Web',
        '  hosts: web',
        '  tasks:',
        '    - name: Write motd',
        `      ansible.builtin.copy: { dest: "${target}", content: "hello\\n" }`,
        '    - name: Optional',
        '      ansible.builtin.command: "false"',
        '      ignore_errors: true',
        '    - name: Hidden',
        '      ansible.builtin.fail: { msg: "the password is hunter22" }',
        '      no_log: true',
        '',
      ].join('\n'),
    );
    const callbacks = await readCallbackSettings(runnerExec, tools, dir);
    expect(callbacks.enabled).toEqual(['ansible.builtin.tree']);
    const env = ansibleEnvironment({
      callbacks,
      pluginDir: await writeEventsCallback(dir),
      hostKeyChecking: true,
    });
    const firstOutputs: number[] = [];
    const outcome = await runAnsible(
      runnerExec,
      tools.playbook,
      playbookArgs(join(dir, 'site.yml'), local, { become: false, tags: [], check: false, diff: true }),
      {
        cwd: dir,
        env,
        eventsFile: join(dir, 'events.jsonl'),
        log,
        title: 'site',
        onFirstOutput: () => firstOutputs.push(Date.now()),
      },
    );

    // Once, when Ansible had started: what the action uses to load the artifact library during the run.
    expect(firstOutputs).toHaveLength(1);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.finished).toBe(true);
    expect(outcome.ansibleVersion).toMatch(/^2\.\d+/);
    expect(outcome.recap).toEqual({
      // The command module reports changed even when it fails, so the ignored failure counts as a change too.
      'local-1': { ok: 3, changed: 2, unreachable: 0, failed: 1, skipped: 0, rescued: 0, ignored: 1 },
    });
    expect(outcome.changes).toEqual([
      expect.objectContaining({
        host: 'local-1',
        task: 'Write motd',
        diff: expect.stringContaining('+hello'),
      }),
    ]);
    expect(outcome.changes[0]?.path).toBe(`${join(dir, 'site.yml')}:7`);
    // The no_log task fails without its message: Ansible censors the result before any callback sees it.
    expect(outcome.failures).toEqual([
      expect.objectContaining({ task: 'Hidden', message: expect.stringContaining("'no_log: true'") }),
    ]);
    expect(JSON.stringify(outcome)).not.toContain('hunter22');
    expect(outcome.facts['local-1']?.python).toMatch(/^3\./);
    expect(outcome.unmatchedPlays).toEqual([{ play: 'Databases', pattern: 'db' }]);
    expect(await readFile(target, 'utf8')).toBe('hello\n');
    // The user's callback still ran, and the log streamed Ansible's own output fenced from workflow commands.
    expect(existsSync(join(dir, 'tree', 'local-1'))).toBe(true);
    const info = logger.messages('info');
    expect(info[0]).toMatch(/^::stop-commands::verbatim-[0-9a-f]{32}$/);
    expect(info.at(-1)).toBe(`::${info[0]?.slice('::stop-commands::'.length)}::`);
    expect(info).toEqual(expect.arrayContaining([expect.stringMatching(/^PLAY RECAP/)]));
  });
});
