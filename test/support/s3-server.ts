/**
 * A real S3 server for the tests' remote state: the Versity S3 Gateway (versitygw) serving a directory of
 * its own on a free loopback port, with credentials made for this run. Each top-level folder of that
 * directory is a bucket, and each object is a file below it, so a test can read the state tofu wrote
 * (and see the lock file) without an S3 client of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { freePort, LOOPBACK } from './loopback.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolsBinDir } from './tools.js';

const BIND_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 15_000;
const STDERR_LIMIT = 64 * 1024;

export interface S3Bucket {
  name: string;
  /** `backend-config` lines (a newline-separated input value) for tofu's s3 backend, keyed `key`. */
  backendConfig(key?: string): string;
  /** The state object tofu wrote under `key`, parsed; undefined when there is none. */
  state(key?: string): Promise<S3State | undefined>;
  /** The lock object next to the state (`<key>.tflock`), parsed; undefined when no lock is held. */
  lock(key?: string): Promise<Record<string, unknown> | undefined>;
  /** The object's path on disk. */
  objectPath(key: string): string;
}

export interface S3State {
  serial: number;
  lineage: string;
  resources: Array<{ type: string; name: string; instances: unknown[] }>;
  outputs: Record<string, { value: unknown }>;
}

export interface S3Server {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  accessKey: string;
  secretKey: string;
  /** The environment a job that reaches the state is given: the credentials, as AWS's variables. */
  credentialsEnv(): Record<string, string>;
  /** A new, empty bucket. */
  bucket(name?: string): Promise<S3Bucket>;
  /** versitygw's recent output, for diagnosing a failed test. */
  logs(): string;
  close(): Promise<void>;
}

/**
 * An override file that turns a configuration's `backend "local" {}` into `backend "s3" {}` (an
 * override file's backend block replaces the original whole), so one fixture serves both backends.
 */
export const S3_BACKEND_OVERRIDE = {
  name: 'backend_override.tf',
  content: 'terraform {\n  backend "s3" {}\n}\n',
};

/** Writes the override into a configuration directory: its state then lives in S3. */
export async function useS3Backend(directory: string): Promise<void> {
  await writeFile(join(directory, S3_BACKEND_OVERRIDE.name), S3_BACKEND_OVERRIDE.content);
}

/** The key tofu keeps a stack's state under, unless a test names another. */
export const STATE_KEY = 'stacks/infra/terraform.tfstate';

export function versitygw(): string {
  const path = join(toolsBinDir(), 'versitygw');
  if (!existsSync(path))
    throw new Error(`no versitygw at ${path}: run \`bash scripts/install-tools.sh\` first`);
  return path;
}

/** Starts versitygw on a free loopback port over a fresh directory; close() stops it and removes the directory. */
export async function startS3Server(): Promise<S3Server> {
  const root = await mkdtemp(join(tmpdir(), 's3-'));
  const data = join(root, 'data');
  await mkdir(data);
  // Made per run, as a repository's secrets would be: the tests look for them in everything a job leaves.
  const accessKey = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretKey = `s3secret-${randomBytes(18).toString('base64url')}`;
  let output = '';
  let child: ChildProcess | undefined;
  let port: number;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    output = '';
    child = spawn(
      versitygw(),
      ['--port', `${LOOPBACK}:${port}`, '--access', accessKey, '--secret', secretKey, 'posix', data],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-STDERR_LIMIT);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    if (await ready(child, port)) break;
    child.kill('SIGKILL');
    // Another process may have taken the port between our probe and versitygw's bind: try another.
    if (attempt >= BIND_ATTEMPTS) {
      await rm(root, { recursive: true, force: true });
      throw new Error(`versitygw did not start on 127.0.0.1:${port}:\n${output}`);
    }
  }
  const server = child;
  const endpoint = `http://${LOOPBACK}:${port}`;
  let buckets = 0;
  return {
    endpoint,
    port,
    accessKey,
    secretKey,
    credentialsEnv: () => ({ AWS_ACCESS_KEY_ID: accessKey, AWS_SECRET_ACCESS_KEY: secretKey }),
    async bucket(name = `state-${++buckets}-${randomBytes(3).toString('hex')}`) {
      // A folder at the top of the directory is a bucket to versitygw's posix backend.
      await mkdir(join(data, name));
      return bucketOf(data, name, endpoint);
    },
    logs: () => output,
    async close() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * The backend-config lines of tofu's s3 backend for an S3-compatible server on loopback: the three lines
 * README's setup section says differ from AWS (endpoints, use_path_style, and the skip_* checks of an
 * account that is not AWS's), then the lock file beside the state.
 */
export function s3BackendConfig(endpoint: string, bucket: string, key: string): string {
  return [
    `bucket=${bucket}`,
    `key=${key}`,
    'region=us-east-1',
    `endpoints={ s3 = "${endpoint}" }`,
    'use_path_style=true',
    'skip_credentials_validation=true',
    'skip_requesting_account_id=true',
    'skip_metadata_api_check=true',
    'skip_region_validation=true',
    'use_lockfile=true',
  ].join('\n');
}

function bucketOf(data: string, name: string, endpoint: string): S3Bucket {
  const objectPath = (key: string): string => join(data, name, ...key.split('/'));
  const readJson = async <T>(key: string): Promise<T | undefined> => {
    const text = await readFile(objectPath(key), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return text === undefined || text === '' ? undefined : (JSON.parse(text) as T);
  };
  return {
    name,
    backendConfig: (key = STATE_KEY) => s3BackendConfig(endpoint, name, key),
    state: (key = STATE_KEY) => readJson<S3State>(key),
    lock: (key = STATE_KEY) => readJson<Record<string, unknown>>(`${key}.tflock`),
    objectPath,
  };
}

/** True once versitygw answers on the port; false when it exits first or never answers. */
async function ready(child: ChildProcess, port: number): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (await answers(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, LOOPBACK);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
