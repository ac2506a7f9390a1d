import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { writeEventsCallback } from '../../../src/ansible/callback-plugin.js';
import {
  ansibleEnvironment,
  findAnsible,
  playbookArgs,
  runAnsible,
  runFailure,
  type AnsibleTools,
  type Connection,
} from '../../../src/ansible/cli.js';
import { summarizeEvents, type AnsibleEvent } from '../../../src/ansible/events.js';
import { AnsibleLog } from '../../../src/ansible/log.js';
import { Redactor } from '../../../src/ansible/redact.js';
import { WAIT_ACTION_NAME } from '../../../src/ansible/wait-action.js';
import { separateWaitPlay, WAIT_PLAY_NAME, writeWaitingPlaybook } from '../../../src/ansible/wait-play.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { runnerExec } from '../../../src/core/exec.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const counts = (ok: number, ignored = 0) => ({
  ok,
  changed: 0,
  unreachable: 0,
  failed: 0,
  skipped: 0,
  rescued: 0,
  ignored,
});
const result = (host: string, play: string, status: 'ok' | 'failed', ignored = false): AnsibleEvent => ({
  event: 'result',
  host,
  task: 't',
  action: 'a',
  play,
  path: '',
  status,
  ...(ignored ? { ignored } : {}),
});

describe('separateWaitPlay', () => {
  it("takes the wait's own counts off the recap, and the hosts only the wait touched", () => {
    const events: AnsibleEvent[] = [
      { event: 'start', ansible_version: '2.14.18' },
      { event: 'play', play: WAIT_PLAY_NAME, pattern: 'all', at: 100 },
      result('web-1', WAIT_PLAY_NAME, 'ok'),
      result('web-2', WAIT_PLAY_NAME, 'failed', true),
      result('db-1', WAIT_PLAY_NAME, 'ok'),
      { event: 'play', play: 'Web', pattern: 'web', at: 102.5 },
      result('web-1', 'Web', 'ok'),
      { event: 'stats', hosts: { 'web-1': counts(2), 'web-2': counts(1, 1), 'db-1': counts(1) } },
    ];
    const { waited, playbook, waitSeconds } = separateWaitPlay(events);
    expect(waitSeconds).toBe(2.5);
    expect(Object.fromEntries(waited)).toEqual({
      'web-1': { answered: true },
      'web-2': { answered: false, message: 'no answer' },
      'db-1': { answered: true },
    });
    const played = summarizeEvents(playbook);
    expect(played.plays).toEqual(['Web']);
    expect(played.ansibleVersion).toBe('2.14.18');
    expect(played.recap).toEqual({ 'web-1': counts(1) });
  });
});

/** The wrapper under the real ansible-playbook: local hosts, and one that never answers. */
describe('the waiting playbook', () => {
  let dir: string;
  let tools: AnsibleTools;
  let log: AnsibleLog;
  let env: Record<string, string>;
  const connection: Connection = { inventory: '', forks: 5, hostKeyChecking: false };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ansible-wait-'));
    tools = await findAnsible();
    await writeFile(
      join(dir, 'inventory.ini'),
      [
        '[web]',
        'local-1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3',
        // Nothing listens on port 1: the wait gives up after its timeout, the playbook finds it unreachable.
        'dead-1 ansible_host=127.0.0.1 ansible_port=1 ansible_connection=ssh',
        '[db]',
        'local-2 ansible_connection=local ansible_python_interpreter=/usr/bin/python3',
        '',
      ].join('\n'),
    );
    connection.inventory = join(dir, 'inventory.ini');
    env = ansibleEnvironment({
      callbacks: { enabled: [], pluginPaths: [] },
      pluginDir: await writeEventsCallback(join(dir, 'scratch')),
      hostKeyChecking: false,
    });
    log = new AnsibleLog(new RecordingLogger(), new Redactor(), join(dir, 'ansible.log'));
  });
  afterAll(async () => {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });

  const play = (playbook: string, name: string) =>
    runAnsible(
      runnerExec,
      tools.playbook,
      playbookArgs(playbook, connection, { become: false, tags: [], check: false, diff: false }),
      { cwd: dir, env, eventsFile: join(dir, `${name}.jsonl`), log, title: name },
    );

  it('gives the recap the playbook alone gives, and says which hosts answered', async () => {
    const playbook = join(dir, 'site.yml');
    await writeFile(
      playbook,
      [
        '- name: Web',
        '  hosts: web',
        '  gather_facts: false',
        '  tasks:',
        '    - ansible.builtin.command: "true"',
        '      changed_when: false',
        '    - ansible.builtin.command: "false"',
        '      ignore_errors: true',
        '',
      ].join('\n'),
    );
    const alone = await play(playbook, 'alone');
    const waiting = await writeWaitingPlaybook(playbook, 2, join(dir, 'scratch'));
    expect(waiting.path.startsWith(`${dir}/.iac-configure-`)).toBe(true);
    const wrapped = await play(waiting.path, 'wrapped');
    await waiting.remove();

    expect(alone.exitCode).toBe(4);
    expect(wrapped.exitCode).toBe(alone.exitCode);
    const parts = separateWaitPlay(wrapped.events);
    const played = summarizeEvents(parts.playbook);
    expect(played.recap).toEqual(alone.recap);
    // local-2 is in no play of the playbook, only in the wait's `all`.
    expect(Object.keys(played.recap).sort()).toEqual(['dead-1', 'local-1']);
    expect(played.plays).toEqual(['Web']);
    expect([...parts.waited.keys()].sort()).toEqual(['dead-1', 'local-1', 'local-2']);
    expect(parts.waited.get('dead-1')).toEqual({
      answered: false,
      message: expect.stringMatching(/^timed out waiting for a shell on the host: .*Connection refused/),
    });
    expect(parts.waitSeconds).toBeGreaterThanOrEqual(2);
    expect(existsSync(waiting.path)).toBe(false);
  }, 60_000);

  it('reads the whole playbook before it waits for any host, and names the broken file and line', async () => {
    const broken = join(dir, 'broken.yml');
    await writeFile(
      broken,
      '- hosts: web\n  tasks:\n    - ansible.builtin.debug: { msg: one }\n      ansible.builtin.fail: { msg: two }\n',
    );
    const waiting = await writeWaitingPlaybook(broken, 30, join(dir, 'scratch'));
    const started = Date.now();
    const ran = await play(waiting.path, 'broken');
    await waiting.remove();
    // Well under the 30 s the dead host would be waited for.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(ran.finished).toBe(false);
    const failure = runFailure('the playbook', ran);
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect(failure.message).toMatch(
      new RegExp(`^the playbook: conflicting action statements: .* \\(${broken} line 3, column 7\\)$`),
    );
  }, 60_000);

  it('is one wait play without become, in check mode too, whatever tags select, then the import', async () => {
    const scratch = join(dir, 'scratch');
    const waiting = await writeWaitingPlaybook(join(dir, 'site.yml'), 45, scratch);
    const plays = parse(await readFile(waiting.path, 'utf8')) as unknown;
    await waiting.remove();
    // The wait play is a playbook of the scratch directory, so that its action plugin is found beside it.
    const waitPlaybook = join(scratch, 'wait', 'wait.yml');
    expect(plays).toEqual([{ import_playbook: waitPlaybook }, { import_playbook: 'site.yml' }]);
    expect(existsSync(join(scratch, 'wait', 'action_plugins', `${WAIT_ACTION_NAME}.py`))).toBe(true);
    const waitPlays = parse(await readFile(waitPlaybook, 'utf8')) as Array<Record<string, unknown>>;
    expect(waitPlays).toEqual([
      expect.objectContaining({ name: WAIT_PLAY_NAME, hosts: 'all', gather_facts: false, become: false }),
    ]);
    expect(waitPlays[0]?.tasks).toEqual([
      expect.objectContaining({
        [WAIT_ACTION_NAME]: { timeout: 45 },
        ignore_errors: true,
        ignore_unreachable: true,
        check_mode: false,
        tags: ['always'],
      }),
    ]);
    expect((await readdir(dir)).filter((name) => name.startsWith('.iac-configure-'))).toEqual([]);
  });

  it.each(['top', 'bottom', 'all'])(
    'waits with the group_vars and host_vars beside the playbook, with PLAYBOOK_VARS_ROOT=%s',
    async (varsRoot) => {
      // dead-1 is an SSH host on a closed port in the inventory; beside this playbook, host_vars make
      // it a local host. With `bottom`, Ansible reads a play's vars beside the playbook the play is in.
      const stackDir = join(dir, `vars-root-${varsRoot}`);
      await mkdir(join(stackDir, 'host_vars'), { recursive: true });
      await mkdir(join(stackDir, 'group_vars'), { recursive: true });
      await writeFile(
        join(stackDir, 'host_vars', 'dead-1.yml'),
        'ansible_connection: local\nansible_python_interpreter: /usr/bin/python3\n',
      );
      await writeFile(join(stackDir, 'group_vars', 'web.yml'), 'greeting: from group_vars\n');
      const playbook = join(stackDir, 'site.yml');
      await writeFile(
        playbook,
        '- hosts: web\n  gather_facts: false\n  tasks:\n    - ansible.builtin.assert: { that: [greeting == "from group_vars"] }\n',
      );
      const waiting = await writeWaitingPlaybook(playbook, 1, join(dir, `scratch-${varsRoot}`));
      const ran = await runAnsible(
        runnerExec,
        tools.playbook,
        playbookArgs(waiting.path, connection, { become: false, tags: [], check: false, diff: false }),
        {
          cwd: dir,
          env: { ...env, ANSIBLE_PLAYBOOK_VARS_ROOT: varsRoot },
          eventsFile: join(dir, `vars-root-${varsRoot}.jsonl`),
          log,
          title: `vars root ${varsRoot}`,
        },
      );
      await waiting.remove();
      const parts = separateWaitPlay(ran.events);
      expect(Object.fromEntries(parts.waited)).toEqual({
        'local-1': { answered: true },
        'local-2': { answered: true },
        'dead-1': { answered: true },
      });
      expect(summarizeEvents(parts.playbook).recap['dead-1']).toMatchObject({
        ok: 1,
        failed: 0,
        unreachable: 0,
      });
    },
    60_000,
  );

  it('waits in check mode and whatever tags select, over SSH and over other connections', async () => {
    const playbook = join(dir, 'tagged.yml');
    await writeFile(
      playbook,
      '- hosts: web\n  gather_facts: false\n  tasks:\n    - ansible.builtin.command: "true"\n      tags: [other]\n',
    );
    const waiting = await writeWaitingPlaybook(playbook, 1, join(dir, 'scratch'));
    const ran = await runAnsible(
      runnerExec,
      tools.playbook,
      playbookArgs(waiting.path, connection, { become: false, tags: ['selected'], check: true, diff: false }),
      { cwd: dir, env, eventsFile: join(dir, 'tagged.jsonl'), log, title: 'tagged' },
    );
    await waiting.remove();
    const parts = separateWaitPlay(ran.events);
    // Not skipped: the SSH host was tried (the shell probe) and the local ones pinged (wait_for_connection).
    expect(ran.events.filter((e) => e.event === 'result' && e.status === 'skipped')).toEqual([]);
    expect(Object.fromEntries(parts.waited)).toEqual({
      'local-1': { answered: true },
      'local-2': { answered: true },
      'dead-1': {
        answered: false,
        message: expect.stringMatching(/^timed out waiting for a shell on the host: .*Connection refused/),
      },
    });
  }, 60_000);
});
