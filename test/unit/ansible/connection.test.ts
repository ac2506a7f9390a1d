import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createSecretsDir,
  knownHostsFile,
  normalizePrivateKey,
  writeSecretFiles,
} from '../../../src/ansible/connection.js';

let root: string;
let key: string;
const cwd = process.cwd();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ansible-connection-'));
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, 'id')]);
  key = await readFile(join(root, 'id'), 'utf8');
  process.chdir(root);
});
afterAll(async () => {
  process.chdir(cwd);
  await rm(root, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('secret files', () => {
  it('are written with mode 0600 in a directory of mode 0700', async () => {
    const dir = await createSecretsDir(root);
    const files = await writeSecretFiles(dir, {
      privateKey: key,
      vaultPassword: 'vault-pass',
      extraVars: { db_password: 's3cret', port: 5432 },
    });
    expect(await mode(dir)).toBe(0o700);
    for (const file of [files.privateKey, files.vaultPassword, files.extraVars]) {
      expect(await mode(file ?? '')).toBe(0o600);
    }
    expect(JSON.parse(await readFile(files.extraVars ?? '', 'utf8'))).toEqual({
      db_password: 's3cret',
      port: 5432,
    });
    expect(await readFile(files.vaultPassword ?? '', 'utf8')).toBe('vault-pass\n');
  });

  it('write only what was given', async () => {
    const dir = await createSecretsDir(root);
    expect(await writeSecretFiles(dir, {})).toEqual({ dir });
  });

  it('give ssh a key it accepts although the input was trimmed and pasted with CRLFs', async () => {
    const dir = await createSecretsDir(root);
    const files = await writeSecretFiles(dir, { privateKey: key.trim().replace(/\n/g, '\r\n') });
    const { stdout } = await promisify(execFile)('ssh-keygen', ['-y', '-f', files.privateKey ?? '']);
    const publicKey = (await readFile(join(root, 'id.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
    expect(stdout.split(' ').slice(0, 2).join(' ').trim()).toBe(publicKey);
  });
});

describe('normalizePrivateKey', () => {
  it.each([
    ['a path', '~/.ssh/id_ed25519'],
    ['a public key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host'],
    ['a key cut short', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA'],
  ])('refuses %s without quoting it', (_, given) => {
    expect(() => normalizePrivateKey(given)).toThrow(
      /^Input "private-key" must be the text of an SSH private key/,
    );
    try {
      normalizePrivateKey(given);
    } catch (error) {
      expect((error as Error).message).not.toContain(given.slice(0, 12));
    }
  });
});

describe('knownHostsFile', () => {
  const line = '[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKey';

  it('copies a known_hosts file from the workspace', async () => {
    await writeFile(join(root, 'known_hosts'), `${line}\n`);
    const scratch = await mkdtemp(join(root, 'scratch-'));
    const path = await knownHostsFile('known_hosts', scratch);
    expect(path).toBe(join(scratch, 'known_hosts'));
    expect(await readFile(path, 'utf8')).toBe(`${line}\n`);
  });

  it('writes known_hosts lines given inline, comments and all', async () => {
    const scratch = await mkdtemp(join(root, 'scratch-'));
    const path = await knownHostsFile(`# web\n${line}\n${line.replace('2222', '2223')}`, scratch);
    expect((await readFile(path, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('refuses something that is neither, saying what it takes', async () => {
    await expect(knownHostsFile('missing_known_hosts', root)).rejects.toThrow(
      /^Input "known-hosts" must be a known_hosts file in the workspace, or its lines .*; no file "missing_known_hosts"\.$/,
    );
    await expect(knownHostsFile('web-1 only-two\nfields', root)).rejects.toThrow(
      /^Input "known-hosts" must be/,
    );
  });
});
