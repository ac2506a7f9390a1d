import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { resolve as resolvePath } from 'node:path';
import tls from 'node:tls';
import type { CheckSpec } from './checks.js';
import { fillUrl, sshPort, tcpPort, type CheckInstance } from './targets.js';

/** A check's verdict on one try: thrown by a probe, retried by the runner until it passes or time is up. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with an argument array (never a shell), killed when `signal` aborts. */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  options: { signal: AbortSignal; cwd?: string },
) => Promise<CommandResult>;

/** Resolves a name to all of its addresses, as the system resolver does (/etc/hosts, then DNS). */
export type Resolver = (name: string) => Promise<string[]>;

export interface SshSettings {
  /** The private key file written from the private-key input, when given. */
  keyFile?: string;
  /** The known_hosts file ssh reads and, without `strict`, records first-seen keys in. */
  knownHostsFile: string;
  /** Host keys must already be in knownHostsFile (the checks file's ssh.known-hosts). */
  strict: boolean;
  defaultUser?: string;
}

export interface ProbeEnvironment {
  run: CommandRunner;
  resolve: Resolver;
  now: () => number;
  ssh: SshSettings;
  /** Where local commands run and ca-file paths are read from. */
  workspace: string;
}

/** The longest output quoted in a failure message, so a chatty command cannot flood the summary. */
const QUOTE_LIMIT = 200;
/** The most of a response body read for a body check. */
const BODY_LIMIT = 1024 * 1024;

/** One try of a check; resolves with a short note of what was seen, or throws CheckFailure. */
export async function probe(
  instance: CheckInstance,
  env: ProbeEnvironment,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string> {
  const spec = instance.spec;
  switch (spec.kind) {
    case 'tcp':
      return tcpProbe(instance.host?.address ?? '', tcpPort(instance), signal);
    case 'http':
      return httpProbe(spec, fillUrl(spec.url, instance.host), env, signal);
    case 'ssh-command':
      return sshProbe(instance, spec, env, signal, timeoutMs);
    case 'command':
      return commandProbe(spec, env, signal);
    case 'dns':
      return dnsProbe(instance.host?.address ?? '', spec.addresses, env.resolve);
    case 'tls-cert': {
      const where = spec.url ? new URL(spec.url) : undefined;
      const address = where ? where.hostname.replace(/^\[|\]$/g, '') : (instance.host?.address ?? '');
      const port = where ? Number(where.port || 443) : (spec.port ?? 443);
      return tlsProbe(address, port, spec, env, signal);
    }
  }
}

function tcpProbe(address: string, port: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect({ host: address, port, signal });
    socket.once('connect', () => {
      socket.destroy();
      resolve(`connected in ${Date.now() - started} ms`);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(
        signal.aborted
          ? error
          : new CheckFailure(`cannot connect to ${address}:${port}: ${networkError(error)}`),
      );
    });
  });
}

async function httpProbe(
  spec: Extract<CheckSpec, { kind: 'http' }>,
  url: string,
  env: ProbeEnvironment,
  signal: AbortSignal,
): Promise<string> {
  const ca = spec.caFile ? await readCa(spec.caFile, env.workspace) : undefined;
  const verify = spec.tlsVerify ?? true;
  const { status, headers, body } = await new Promise<{
    status: number;
    headers: http.IncomingHttpHeaders;
    body: string;
  }>((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.request(
      url,
      {
        method: spec.method ?? 'GET',
        signal,
        headers: { 'user-agent': 'iac-pipeline-smoke-test' },
        ...(url.startsWith('https:')
          ? {
              rejectUnauthorized: verify,
              ...(ca ? { ca } : {}),
              ...(spec.serverName ? { servername: spec.serverName } : {}),
            }
          : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        signal.aborted
          ? error
          : new CheckFailure(`${spec.method ?? 'GET'} ${url} failed: ${tlsOrNetworkError(error)}`),
      ),
    );
    request.end();
  });
  const expected =
    spec.status === undefined ? [200] : Array.isArray(spec.status) ? spec.status : [spec.status];
  if (!expected.includes(status)) {
    throw new CheckFailure(`${url} answered ${status}, expected ${expected.join(' or ')}`);
  }
  for (const [name, pattern] of Object.entries(spec.headers ?? {})) {
    const value = headers[name.toLowerCase()];
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (text === undefined) throw new CheckFailure(`${url} answered ${status} without a ${name} header`);
    if (!new RegExp(pattern).test(text))
      throw new CheckFailure(`${url}: header ${name} is ${quote(text)}, which does not match /${pattern}/`);
  }
  if (spec.body !== undefined && !new RegExp(spec.body).test(body)) {
    throw new CheckFailure(`${url}: the body does not match /${spec.body}/; it begins ${quote(body)}`);
  }
  return `${status}`;
}

async function sshProbe(
  instance: CheckInstance,
  spec: Extract<CheckSpec, { kind: 'ssh-command' }>,
  env: ProbeEnvironment,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string> {
  const host = instance.host;
  const user = spec.user ?? host?.user ?? env.ssh.defaultUser;
  const args = sshArgs({
    address: host?.address ?? '',
    port: sshPort(instance),
    user,
    connectTimeoutSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)),
    settings: env.ssh,
    command: spec.command,
  });
  const result = await runCommand(env, 'ssh', args, signal);
  // 255 is ssh's own failure (connection, authentication, host key), not the remote command's.
  if (result.exitCode === 255 && (spec.exitCode ?? 0) !== 255) {
    throw new CheckFailure(
      `ssh to ${host?.name ?? ''} failed: ${lastLine(result.stderr) || 'exit code 255'}`,
    );
  }
  return expectOutcome(`${spec.command} on ${host?.name ?? ''}`, result, spec.exitCode ?? 0, spec.output);
}

export interface SshArgsOptions {
  address: string;
  port: number;
  user: string | undefined;
  connectTimeoutSeconds: number;
  settings: SshSettings;
  command: string;
}

/** The system OpenSSH client, non-interactive; the key and known_hosts go as paths, never as values. */
export function sshArgs(options: SshArgsOptions): string[] {
  const { settings } = options;
  const args = [
    '-p',
    String(options.port),
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${options.connectTimeoutSeconds}`,
    '-o',
    `StrictHostKeyChecking=${settings.strict ? 'yes' : 'accept-new'}`,
    '-o',
    `UserKnownHostsFile=${settings.knownHostsFile}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
  ];
  if (settings.keyFile) args.push('-i', settings.keyFile, '-o', 'IdentitiesOnly=yes');
  if (options.user) args.push('-l', options.user);
  // `--`: an address or command starting with "-" is not read as an option.
  args.push('--', options.address, options.command);
  return args;
}

async function commandProbe(
  spec: Extract<CheckSpec, { kind: 'command' }>,
  env: ProbeEnvironment,
  signal: AbortSignal,
): Promise<string> {
  const [command = '', ...args] = spec.command;
  const result = await runCommand(env, command, args, signal);
  return expectOutcome(spec.command.join(' '), result, spec.exitCode ?? 0, spec.output);
}

async function runCommand(
  env: ProbeEnvironment,
  command: string,
  args: readonly string[],
  signal: AbortSignal,
): Promise<CommandResult> {
  try {
    return await env.run(command, args, { signal, cwd: env.workspace });
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckFailure(
      code === 'ENOENT'
        ? `${command} is not installed (not found on PATH)`
        : `${command} could not run: ${(error as Error).message}`,
    );
  }
}

function expectOutcome(
  what: string,
  result: CommandResult,
  exitCode: number,
  output: string | undefined,
): string {
  if (result.exitCode !== exitCode) {
    const why = lastLine(result.stderr) || lastLine(result.stdout);
    throw new CheckFailure(
      `${what} exited with ${result.exitCode}, expected ${exitCode}${why ? `: ${quote(why)}` : ''}`,
    );
  }
  // Without its final newline, so that `$` ends the last line as people expect.
  if (output !== undefined && !new RegExp(output).test(result.stdout.replace(/\r?\n$/, ''))) {
    throw new CheckFailure(
      `${what}: the output does not match /${output}/; it was ${quote(result.stdout.trim())}`,
    );
  }
  return `exit ${result.exitCode}`;
}

async function dnsProbe(name: string, expected: string[] | undefined, resolve: Resolver): Promise<string> {
  let addresses: string[];
  try {
    addresses = await resolve(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckFailure(`${name} does not resolve${code ? ` (${code})` : ''}`);
  }
  if (addresses.length === 0) throw new CheckFailure(`${name} resolves to no address`);
  const missing = (expected ?? []).filter((address) => !addresses.includes(address));
  if (missing.length > 0) {
    throw new CheckFailure(`${name} resolves to ${addresses.join(', ')}, not to ${missing.join(', ')}`);
  }
  return addresses.join(', ');
}

async function tlsProbe(
  address: string,
  port: number,
  spec: Extract<CheckSpec, { kind: 'tls-cert' }>,
  env: ProbeEnvironment,
  signal: AbortSignal,
): Promise<string> {
  const ca = spec.caFile ? await readCa(spec.caFile, env.workspace) : undefined;
  const verify = spec.tlsVerify ?? true;
  const servername = spec.serverName ?? (net.isIP(address) ? undefined : address);
  const validTo = await new Promise<string>((resolve, reject) => {
    const socket = tls.connect({
      host: address,
      port,
      rejectUnauthorized: verify,
      ...(servername ? { servername } : {}),
      ...(ca ? { ca } : {}),
    });
    const abort = () => socket.destroy(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      signal.removeEventListener('abort', abort);
      socket.end();
      if (!certificate?.valid_to) reject(new CheckFailure(`${address}:${port} presented no certificate`));
      else resolve(certificate.valid_to);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', abort);
      socket.destroy();
      reject(
        signal.aborted
          ? error
          : new CheckFailure(`TLS to ${address}:${port} failed: ${tlsOrNetworkError(error)}`),
      );
    });
  });
  const days = Math.floor((Date.parse(validTo) - env.now()) / 86_400_000);
  const minDays = spec.minDays ?? 14;
  if (days < minDays) {
    throw new CheckFailure(
      days < 0
        ? `the certificate of ${address}:${port} expired on ${validTo}`
        : `the certificate of ${address}:${port} expires in ${days} days (${validTo}), fewer than ${minDays}`,
    );
  }
  return `expires in ${days} days`;
}

async function readCa(path: string, workspace: string): Promise<string> {
  try {
    return await readFile(resolvePath(workspace, path), 'utf8');
  } catch {
    throw new CheckFailure(`ca-file ${path} cannot be read (relative to the workspace)`);
  }
}

function networkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the name does not resolve';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return error.message;
  }
}

function tlsOrNetworkError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (/CERT|SELF_SIGNED|ERR_TLS|UNABLE_TO/.test(code)) {
    return `certificate not trusted (${error.message}); give ca-file, or tls-verify: false`;
  }
  return networkError(error);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > QUOTE_LIMIT ? `${oneLine.slice(0, QUOTE_LIMIT)}…` : oneLine);
}

/** The CommandRunner over child_process.execFile: no shell, output capped, killed on abort. */
export const execFileRunner: CommandRunner = (command, args, options) =>
  new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { signal: options.signal, cwd: options.cwd, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ exitCode: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
        if (typeof code === 'number') return resolve({ exitCode: code, stdout, stderr });
        if (error.killed && !options.signal.aborted) return resolve({ exitCode: 128, stdout, stderr });
        reject(error);
      },
    );
  });
