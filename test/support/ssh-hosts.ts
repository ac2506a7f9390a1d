/**
 * SSH target hosts for tests: each "VM" that Ansible configures and smoke tests probe is one real `sshd`
 * on 127.0.0.1 with its own config, host key and per-host directory. Keys are generated per run with
 * `ssh-keygen`, so nothing depends on the machine's own SSH setup (/etc/ssh is never read).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { freePort, LOOPBACK } from './loopback.js';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface SshHost {
  name: string;
  host: '127.0.0.1';
  port: number;
  user: string;
  /** The host's own directory; it is `$HOME` and `$IAC_HOST_ROOT` in every session on this host. */
  root: string;
}

export interface SshHostSpec {
  name: string;
  /** Ansible groups; a host without groups lands in `ungrouped`. */
  groups?: string[];
}

export interface SshHostsOptions {
  /** Parent directory of the run's temp dir (default: the OS temp dir). */
  dir?: string;
  /** How long one sshd may take to show its banner (default 10 s). */
  readyTimeoutMs?: number;
  /** Absolute path of sshd (default: /usr/sbin/sshd, else found on PATH). */
  sshdPath?: string;
}

type InventoryHosts = Record<string, Record<string, unknown>>;
export interface AnsibleInventory {
  all: { children: Record<string, { hosts: InventoryHosts }> };
}

export interface SshHosts {
  hosts: SshHost[];
  /** The run's temp dir; close() removes it. */
  dir: string;
  privateKeyPath: string;
  privateKey: string;
  publicKey: string;
  /** `[127.0.0.1]:port` entries for every host key, for StrictHostKeyChecking=yes. */
  knownHostsPath: string;
  host(name: string): SshHost;
  /** ssh client arguments up to and including `user@127.0.0.1`; append the remote command. */
  sshArgs(name: string): string[];
  /** Kill the host's sshd and its sessions: the port then refuses connections. */
  stop(name: string): Promise<void>;
  /** Start the host's sshd again on the same port, with the same host key. */
  start(name: string): Promise<void>;
  isRunning(name: string): boolean;
  /** sshd's recent stderr for the host (it runs with -e), for diagnosing a failed test. */
  logs(name: string): string;
  /** An Ansible YAML inventory object with the connection variables for every host. */
  inventory(): AnsibleInventory;
  close(): Promise<void>;
}

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const STDERR_LIMIT = 64 * 1024;
const BIND_ATTEMPTS = 5;

interface HostState {
  host: SshHost;
  groups: string[];
  configPath: string;
  hostKeyPath: string;
  authorizedKeysPath: string;
  child?: ChildProcess;
  exited?: Promise<void>;
  /** Resolves once stderr has ended, so an error message holds sshd's last words. */
  drained?: Promise<void>;
  stderr: string;
}

/** Every sshd started and not yet stopped, and every temp dir not yet removed: for the exit hook. */
const live = new Set<ChildProcess>();
const liveDirs = new Set<string>();
let exitHookInstalled = false;

export async function startSshHosts(
  names: Array<string | SshHostSpec>,
  options: SshHostsOptions = {},
): Promise<SshHosts> {
  const specs = normaliseSpecs(names);
  const sshd = options.sshdPath ?? findSshd();
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  installExitHook();
  ensurePrivsepDir();

  const dir = await mkdtemp(path.join(options.dir ?? os.tmpdir(), 'iac-ssh-hosts-'));
  liveDirs.add(dir);
  assertConfigSafePath(dir);
  try {
    return await buildHosts(dir, specs, sshd, readyTimeoutMs);
  } catch (error) {
    await removeDir(dir);
    throw error;
  }
}

async function buildHosts(
  dir: string,
  specs: SshHostSpec[],
  sshd: string,
  readyTimeoutMs: number,
): Promise<SshHosts> {
  const client = await makeClientFiles(dir);
  const user = os.userInfo().username;
  const states = await Promise.all(
    specs.map((spec) => prepareHost(dir, spec, user, client.authorizedKeysPath)),
  );
  const byName = new Map(states.map((state) => [state.host.name, state]));
  const relaunch = (state: HostState) => launch(state, sshd, readyTimeoutMs);
  const hosts = createHandle(dir, client, byName, relaunch);
  try {
    await Promise.all(states.map((state) => launchOnFreePort(state, sshd, readyTimeoutMs)));
    await writeKnownHosts(client.knownHostsPath, states);
  } catch (error) {
    await hosts.close();
    throw error;
  }
  return hosts;
}

interface ClientFiles {
  privateKeyPath: string;
  privateKey: string;
  publicKey: string;
  knownHostsPath: string;
  authorizedKeysPath: string;
  controlPathDir: string;
}

/** One client key pair for the run; every host trusts it through a shared authorized_keys file. */
async function makeClientFiles(dir: string): Promise<ClientFiles> {
  const clientDir = path.join(dir, 'client');
  const controlPathDir = path.join(dir, 'cp');
  await mkdir(clientDir, { mode: 0o700 });
  await mkdir(controlPathDir, { mode: 0o700 });
  const privateKeyPath = path.join(clientDir, 'id_ed25519');
  await generateKey(privateKeyPath, 'iac-test-client');
  const publicKey = (await readFile(`${privateKeyPath}.pub`, 'utf8')).trim();
  const authorizedKeysPath = path.join(clientDir, 'authorized_keys');
  await writeFile(authorizedKeysPath, `${publicKey}\n`, { mode: 0o600 });
  return {
    privateKeyPath,
    privateKey: await readFile(privateKeyPath, 'utf8'),
    publicKey,
    knownHostsPath: path.join(clientDir, 'known_hosts'),
    authorizedKeysPath,
    controlPathDir,
  };
}

async function prepareHost(
  dir: string,
  spec: SshHostSpec,
  user: string,
  authorizedKeysPath: string,
): Promise<HostState> {
  const sshdDir = path.join(dir, 'sshd', spec.name);
  const root = path.join(dir, 'hosts', spec.name);
  await mkdir(sshdDir, { recursive: true, mode: 0o700 });
  await mkdir(root, { recursive: true });
  const hostKeyPath = path.join(sshdDir, 'ssh_host_ed25519_key');
  await generateKey(hostKeyPath, `host-${spec.name}`);
  return {
    host: { name: spec.name, host: LOOPBACK, port: 0, user, root },
    groups: spec.groups?.length ? spec.groups : ['ungrouped'],
    configPath: path.join(sshdDir, 'sshd_config'),
    hostKeyPath,
    authorizedKeysPath,
    stderr: '',
  };
}

function createHandle(
  dir: string,
  client: ClientFiles,
  byName: Map<string, HostState>,
  relaunch: (state: HostState) => Promise<void>,
): SshHosts {
  const states = [...byName.values()];
  let closed = false;
  return {
    hosts: states.map((state) => state.host),
    dir,
    privateKeyPath: client.privateKeyPath,
    privateKey: client.privateKey,
    publicKey: client.publicKey,
    knownHostsPath: client.knownHostsPath,
    host: (name) => stateOf(byName, name).host,
    sshArgs: (name) => sshArgs(stateOf(byName, name).host, client),
    stop: (name) => stopHost(stateOf(byName, name)),
    start: async (name) => {
      if (closed) throw new Error(`ssh hosts are closed; cannot start ${name}`);
      await relaunch(stateOf(byName, name));
    },
    isRunning: (name) => isRunning(stateOf(byName, name)),
    logs: (name) => stateOf(byName, name).stderr,
    inventory: () => inventory(states, client),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(states.map(stopHost));
      await removeDir(dir);
    },
  };
}

function stateOf(byName: Map<string, HostState>, name: string): HostState {
  const state = byName.get(name);
  if (!state) throw new Error(`no ssh host named ${name}; known: ${[...byName.keys()].join(', ')}`);
  return state;
}

function normaliseSpecs(names: Array<string | SshHostSpec>): SshHostSpec[] {
  const specs = names.map((entry) => (typeof entry === 'string' ? { name: entry } : entry));
  const seen = new Set<string>();
  for (const { name } of specs) {
    // The name becomes a directory, an inventory key and a SetEnv value, so keep it plain.
    if (!HOST_NAME.test(name))
      throw new Error(`ssh host name ${JSON.stringify(name)} must match ${HOST_NAME}`);
    if (seen.has(name)) throw new Error(`ssh host name ${name} is given twice`);
    seen.add(name);
  }
  if (specs.length === 0) throw new Error('startSshHosts needs at least one host name');
  return specs;
}

/** sshd re-executes itself, which it refuses to do unless started by absolute path. */
function findSshd(): string {
  const candidates = [
    '/usr/sbin/sshd',
    ...(process.env.PATH ?? '').split(path.delimiter).map((d) => `${d}/sshd`),
  ];
  const found = candidates.find((candidate) => path.isAbsolute(candidate) && existsSync(candidate));
  if (!found) throw new Error('sshd not found: install openssh-server or pass options.sshdPath');
  return found;
}

/** As root, sshd chroots its pre-auth child into /run/sshd and exits at once if it is missing. */
function ensurePrivsepDir(): void {
  if (process.getuid?.() !== 0) return;
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
}

/** sshd_config and ssh's -o take whitespace-separated words and expand `%` tokens; refuse such paths. */
function assertConfigSafePath(dir: string): void {
  if (/[\s"'%\\]/.test(dir)) throw new Error(`temp dir ${dir} has characters sshd_config cannot carry`);
}

async function generateKey(keyPath: string, comment: string): Promise<void> {
  await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', keyPath]);
}

function sshdConfig(state: HostState): string {
  const { host } = state;
  const lines = [
    `Port ${host.port}`,
    `ListenAddress ${LOOPBACK}`,
    `HostKey ${state.hostKeyPath}`,
    `PidFile ${path.join(path.dirname(state.configPath), 'sshd.pid')}`,
    `AuthorizedKeysFile ${state.authorizedKeysPath}`,
    'AuthenticationMethods publickey',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${host.user}`,
    // The temp dir is under /tmp (mode 1777), which StrictModes would reject.
    'StrictModes no',
    // PAM needs root and the system's PAM stack; key auth does not need it.
    'UsePAM no',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'X11Forwarding no',
    // Ansible copies modules over SFTP; internal-sftp needs no helper binary path.
    'Subsystem sftp internal-sftp',
    // Ansible opens several connections per host at once; the default 10:30:100 drops some.
    'MaxStartups 100',
    'MaxSessions 100',
    // HOME makes `~` per host, so two "VMs" on one machine do not share files by accident.
    `SetEnv IAC_HOST_NAME=${host.name} IAC_HOST_ROOT=${host.root} HOME=${host.root}`,
    'LogLevel VERBOSE',
  ];
  return `${lines.join('\n')}\n`;
}

/** First start: pick a free port, and pick again if another process grabs it before sshd binds. */
async function launchOnFreePort(state: HostState, sshd: string, readyTimeoutMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    state.host.port = await freePort();
    try {
      await launch(state, sshd, readyTimeoutMs);
      return;
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= BIND_ATTEMPTS) throw error;
    }
  }
}

class PortInUseError extends Error {}

async function launch(state: HostState, sshd: string, readyTimeoutMs: number): Promise<void> {
  if (isRunning(state)) return;
  // Written at every launch: the port is only known once a free one has been picked.
  await writeFile(state.configPath, sshdConfig(state));
  state.stderr = '';
  spawnSshd(state, sshd);
  try {
    await waitForBanner(state, readyTimeoutMs);
  } catch (error) {
    await stopHost(state);
    throw error;
  }
}

/**
 * Foreground (-D) with logs on stderr (-e). Under setpriv the kernel kills sshd when this process dies
 * (PR_SET_PDEATHSIG): a Jest worker's 'exit' hook does not run inside the test sandbox, and SIGKILL
 * runs no hook at all.
 */
function spawnSshd(state: HostState, sshd: string): void {
  const sshdArgs = ['-D', '-e', '-f', state.configPath];
  const setpriv = process.platform === 'linux' && existsSync('/usr/bin/setpriv');
  const child = setpriv
    ? spawn('/usr/bin/setpriv', ['--pdeathsig', 'KILL', sshd, ...sshdArgs], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn(sshd, sshdArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  state.child = child;
  live.add(child);
  // Always drain stderr: a full pipe would block sshd's logging and hang every connection.
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    state.stderr = (state.stderr + chunk).slice(-STDERR_LIMIT);
  });
  // 'exit', not 'close': session children inherit the stderr pipe and may hold it open.
  state.exited = new Promise((resolve) => {
    const done = () => {
      live.delete(child);
      resolve();
    };
    child.once('error', (error) => {
      state.stderr += `\nspawn failed: ${error.message}`;
      done();
    });
    child.once('exit', done);
  });
  state.drained = new Promise((resolve) => child.once('close', () => resolve()));
}

function isRunning(state: HostState): boolean {
  const child = state.child;
  return !!child && live.has(child) && child.exitCode === null && child.signalCode === null;
}

async function waitForBanner(state: HostState, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isRunning(state)) {
      await Promise.race([state.drained, delay(500)]);
      throw exitError(state);
    }
    const banner = await readBanner(state.host.port, Math.max(100, deadline - Date.now())).catch(() => '');
    if (banner.startsWith('SSH-')) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `sshd for ${state.host.name} did not show an SSH banner on ${LOOPBACK}:${state.host.port} ` +
          `within ${timeoutMs} ms. sshd stderr:\n${state.stderr}`,
      );
    }
    await delay(50);
  }
}

function exitError(state: HostState): Error {
  const child = state.child;
  const how = child?.signalCode ? `signal ${child.signalCode}` : `code ${child?.exitCode}`;
  const message = `sshd for ${state.host.name} exited (${how}) before it was ready. sshd stderr:\n${state.stderr}`;
  return /Address already in use|Cannot bind any address/.test(state.stderr)
    ? new PortInUseError(message)
    : new Error(message);
}

/** The server speaks first: its identification line proves the daemon, not just the socket, is up. */
function readBanner(port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: LOOPBACK, port });
    let data = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timed out waiting for the SSH banner')));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      data += chunk;
      const end = data.indexOf('\n');
      if (end < 0) return;
      socket.destroy();
      resolve(data.slice(0, end).trim());
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('connection closed before the SSH banner')));
  });
}

async function writeKnownHosts(knownHostsPath: string, states: HostState[]): Promise<void> {
  const lines = await Promise.all(
    states.map(async (state) => {
      const [type, key] = (await readFile(`${state.hostKeyPath}.pub`, 'utf8')).trim().split(/\s+/);
      return `[${LOOPBACK}]:${state.host.port} ${type} ${key}`;
    }),
  );
  await writeFile(knownHostsPath, `${lines.join('\n')}\n`);
}

/**
 * Freeze the listener first so it cannot fork new sessions, then kill it with every session it
 * forked: sshd leaves sessions running when the listener dies, and a live session (or an Ansible
 * ControlPersist master riding on one) would make a "stopped" host still answer.
 */
async function stopHost(state: HostState): Promise<void> {
  const child = state.child;
  if (!child || !isRunning(state) || child.pid === undefined) {
    await state.exited;
    return;
  }
  signal(child.pid, 'SIGSTOP');
  const pids = [child.pid, ...descendantPids(child.pid)];
  for (const pid of pids) signal(pid, 'SIGKILL');
  await state.exited;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone: that is what we wanted.
  }
}

/** Children by parent pid from /proc (Linux); elsewhere only the listener itself is killed. */
function descendantPids(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of processTable()) {
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const found: number[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    const kids = children.get(pid) ?? [];
    found.push(...kids);
    queue.push(...kids);
  }
  return found;
}

function processTable(): Array<[number, number]> {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const table: Array<[number, number]> = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentPid(entry);
    if (ppid !== undefined) table.push([Number(entry), ppid]);
  }
  return table;
}

/** /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces or parentheses. */
function parentPid(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Outside Jest's sandbox (scripts, benches) this catches a forgotten close(); pdeathsig covers the rest. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) {
      if (child.pid === undefined) continue;
      signal(child.pid, 'SIGSTOP');
      for (const pid of [child.pid, ...descendantPids(child.pid)]) signal(pid, 'SIGKILL');
    }
    for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
  });
}

async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  liveDirs.delete(dir);
}

function sshArgs(host: SshHost, client: ClientFiles): string[] {
  return [
    '-F',
    'none',
    '-i',
    client.privateKeyPath,
    '-p',
    String(host.port),
    ...commonSshOptions(client).flatMap((option) => ['-o', option]),
    '-o',
    'BatchMode=yes',
    `${host.user}@${host.host}`,
  ];
}

/** Trust exactly this run's host keys and offer exactly this run's key (no agent, no ~/.ssh). */
function commonSshOptions(client: ClientFiles): string[] {
  return [
    `UserKnownHostsFile=${client.knownHostsPath}`,
    'GlobalKnownHostsFile=/dev/null',
    'StrictHostKeyChecking=yes',
    'IdentitiesOnly=yes',
    'IdentityAgent=none',
  ];
}

function inventory(states: HostState[], client: ClientFiles): AnsibleInventory {
  const children: Record<string, { hosts: InventoryHosts }> = {};
  for (const state of states) {
    for (const group of state.groups) {
      children[group] ??= { hosts: {} };
      children[group].hosts[state.host.name] = hostVars(state.host, client);
    }
  }
  return { all: { children } };
}

function hostVars(host: SshHost, client: ClientFiles): Record<string, unknown> {
  return {
    ansible_host: host.host,
    ansible_port: host.port,
    ansible_user: host.user,
    ansible_ssh_private_key_file: client.privateKeyPath,
    ansible_ssh_common_args: commonSshOptions(client)
      .map((option) => `-o ${option}`)
      .join(' '),
    // ControlPersist sockets in the run's dir, not the runner's ~/.ansible/cp.
    ansible_control_path_dir: client.controlPathDir,
    // Per-host remote temp, so hosts never share Ansible's scratch files.
    ansible_remote_tmp: path.join(host.root, '.ansible', 'tmp'),
    ansible_python_interpreter: systemPython(),
  };
}

/** The distribution's python3 (where Debian's ansible-core lives), not a pyenv shim on PATH. */
function systemPython(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'auto_silent';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
