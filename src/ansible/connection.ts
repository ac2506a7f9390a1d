import { chmod, copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { findConfinedPath, PathRefusal, quoteValue, refusedInput } from '../core/paths.js';

/**
 * The files Ansible reads its secrets from: the SSH key, the vault password and the extra variables.
 * They live in one directory of their own (mode 0700, files 0600) so that a single removal, in main
 * and again in the post step, takes them all; only their paths ever reach a command line.
 */
export interface SecretFiles {
  dir: string;
  privateKey?: string;
  vaultPassword?: string;
  extraVars?: string;
}

export interface SecretValues {
  privateKey?: string | undefined;
  vaultPassword?: string | undefined;
  extraVars?: Record<string, unknown> | undefined;
}

/**
 * Creates the secrets directory; the caller records it for the post step before writing into it.
 * `prefix` names the action whose secrets it holds (smoke-test reuses this for its SSH key).
 */
export async function createSecretsDir(runnerTemp: string, prefix = 'iac-ansible-secrets-'): Promise<string> {
  const dir = await mkdtemp(join(runnerTemp, prefix));
  await chmod(dir, 0o700);
  return dir;
}

export async function writeSecretFiles(dir: string, values: SecretValues): Promise<SecretFiles> {
  const files: SecretFiles = { dir };
  if (values.privateKey) {
    files.privateKey = join(dir, 'id_ssh');
    await writeSecret(files.privateKey, normalizePrivateKey(values.privateKey));
  }
  if (values.vaultPassword) {
    // Not executable: Ansible runs an executable vault password file as a script.
    files.vaultPassword = join(dir, 'vault-password');
    await writeSecret(files.vaultPassword, `${values.vaultPassword}\n`);
  }
  if (values.extraVars) {
    // JSON is YAML, which `-e @file` reads; a file keeps the values off the command line.
    files.extraVars = join(dir, 'extra-vars.json');
    await writeSecret(files.extraVars, JSON.stringify(values.extraVars));
  }
  return files;
}

async function writeSecret(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o600, flag: 'wx' });
  // The umask could only have narrowed it, but a pre-existing mode must not widen it.
  await chmod(path, 0o600);
}

/**
 * OpenSSH refuses a key without its final newline ("invalid format"), and a secret pasted on Windows
 * has CRLFs; the input arrives trimmed. A path or a public key is refused before ssh gets to say so
 * less clearly.
 */
export function normalizePrivateKey(key: string): string {
  const text = key.replace(/\r\n?/g, '\n').trim();
  if (!/^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\n[\s\S]+\n-----END [A-Z0-9 ]*PRIVATE KEY-----$/.test(text)) {
    throw new ConfigurationError(
      'Input "private-key" must be the text of an SSH private key, from "-----BEGIN ... PRIVATE KEY-----" ' +
        'to its END line (a path or a public key is not accepted).',
    );
  }
  return `${text}\n`;
}

/**
 * The `known-hosts` input: a file in the workspace, or the known_hosts lines themselves
 * ("host key-type key"). Either way a copy in the run's scratch directory is what ssh reads, so the
 * path handed to ssh has no characters its option parser would split.
 */
/** Whether the `known-hosts` input holds the lines themselves: several, or one of three or more fields. */
export function isKnownHostsContent(value: string): boolean {
  return value.includes('\n') || value.trim().split(/\s+/).length >= 3;
}

/** A one-line value is a path unless it is a known_hosts line (three or more fields); a path obeys the workspace rule. */
function knownHostsPath(given: string): string | undefined {
  try {
    return findConfinedPath(given, 'file');
  } catch (error) {
    if (!(error instanceof PathRefusal)) throw error;
    if (isKnownHostsContent(given)) return undefined;
    throw refusedInput('known-hosts', given, error);
  }
}

export async function knownHostsFile(given: string, scratch: string): Promise<string> {
  const target = join(scratch, 'known_hosts');
  const trimmed = given.trim();
  const path = trimmed.includes('\n') ? undefined : knownHostsPath(trimmed);
  if (path) {
    await copyFile(path, target);
    return target;
  }
  const lines = trimmed.split(/\r?\n/).map((line) => line.trim());
  const entries = lines.filter((line) => line !== '' && !line.startsWith('#'));
  if (entries.length === 0 || !entries.every((line) => line.split(/\s+/).length >= 3)) {
    throw new ConfigurationError(
      'Input "known-hosts" must be a known_hosts file in the workspace, or its lines ("host key-type key", ' +
        `such as "[10.0.0.5]:22 ssh-ed25519 AAAA...")${trimmed.includes('\n') ? '' : `; no file ${quoteValue(trimmed)}`}.`,
    );
  }
  await writeFile(target, `${lines.join('\n')}\n`);
  return target;
}
