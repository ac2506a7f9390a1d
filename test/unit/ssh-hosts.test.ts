import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startSshHosts, type SshHost, type SshHosts } from '../support/ssh-hosts.js';

const execFileAsync = promisify(execFile);

// No agent and no user config: only the keys and known_hosts this run generated count.
const cleanEnv = { ...process.env, SSH_AUTH_SOCK: '' };

function sshEcho(hosts: SshHosts, host: SshHost, keyPath: string) {
  const args = [
    '-F',
    'none',
    '-i',
    keyPath,
    '-p',
    String(host.port),
    '-o',
    `UserKnownHostsFile=${hosts.knownHostsPath}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    `${host.user}@${host.host}`,
    'echo $IAC_HOST_NAME',
  ];
  return execFileAsync('ssh', args, { env: cleanEnv, timeout: 20_000 });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('ssh hosts', () => {
  let hosts: SshHosts;
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'ssh-hosts-test-'));
    hosts = await startSshHosts([
      { name: 'web-1', groups: ['web'] },
      { name: 'db-1', groups: ['db'] },
    ]);
  }, 30_000);

  afterAll(async () => {
    await hosts?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('lets the run key in and tells each host apart', async () => {
    for (const host of hosts.hosts) {
      const { stdout } = await sshEcho(hosts, host, hosts.privateKeyPath);
      expect(stdout.trim()).toBe(host.name);
    }
  }, 30_000);

  it('gives each host its own home directory', async () => {
    const host = hosts.host('db-1');
    const { stdout } = await execFileAsync('ssh', [...hosts.sshArgs('db-1'), 'echo $HOME'], {
      env: cleanEnv,
    });
    expect(stdout.trim()).toBe(host.root);
    expect(host.root).not.toBe(hosts.host('web-1').root);
  }, 30_000);

  it('refuses a key it was not given', async () => {
    const wrongKey = path.join(scratch, 'wrong_ed25519');
    await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey]);
    const [host] = hosts.hosts;
    await expect(sshEcho(hosts, host!, wrongKey)).rejects.toMatchObject({
      stderr: expect.stringContaining('Permission denied'),
    });
  }, 30_000);

  it('stops a host so its port refuses, and starts it again on the same port', async () => {
    const host = hosts.host('web-1');
    await hosts.stop('web-1');
    expect(hosts.isRunning('web-1')).toBe(false);
    expect(await canConnect(host.port)).toBe(false);
    await expect(sshEcho(hosts, host, hosts.privateKeyPath)).rejects.toThrow();

    await hosts.start('web-1');
    expect(hosts.isRunning('web-1')).toBe(true);
    const { stdout } = await sshEcho(hosts, host, hosts.privateKeyPath);
    expect(stdout.trim()).toBe('web-1');
  }, 30_000);

  it('is reachable by Ansible with host key checking on', async () => {
    const inventoryPath = path.join(scratch, 'inventory.yml');
    await writeFile(inventoryPath, stringify(hosts.inventory()));
    const env = {
      ...cleanEnv,
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      // Keep Ansible's own files (~/.ansible) out of the runner's home.
      ANSIBLE_HOME: path.join(scratch, 'ansible-home'),
      ANSIBLE_LOCAL_TEMP: path.join(scratch, 'ansible-local'),
      ANSIBLE_NOCOLOR: '1',
    };
    const { stdout } = await execFileAsync('ansible', ['-i', inventoryPath, 'all', '-m', 'ping'], {
      env,
      cwd: scratch, // no stray ansible.cfg from the repo's working dir
      timeout: 90_000,
    });
    for (const host of hosts.hosts) {
      expect(stdout).toMatch(new RegExp(`${host.name} \\| SUCCESS`));
    }
    expect(stdout).toContain('"ping": "pong"');
  }, 120_000);

  it('puts hosts in the Ansible groups they were given', () => {
    const { children } = hosts.inventory().all;
    expect(Object.keys(children).sort()).toEqual(['db', 'web']);
    expect(children.web?.hosts['web-1']).toMatchObject({
      ansible_host: '127.0.0.1',
      ansible_port: hosts.host('web-1').port,
      ansible_user: os.userInfo().username,
    });
  });
});
