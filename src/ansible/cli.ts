import { access, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ConfigurationError, StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import { LineTail } from '../core/line-stream.js';
import { findOnPath } from '../terraform/tool.js';
import { EVENTS_CALLBACK_NAME, EVENTS_FILE_VARIABLE } from './callback-plugin.js';
import { parseEvents, summarizeEvents, type AnsibleEvent, type PlaybookOutcome } from './events.js';
import type { AnsibleLog } from './log.js';

/** The three programs the action runs, from one installation (the directory of ansible-playbook). */
export interface AnsibleTools {
  playbook: string;
  adhoc: string;
  config: string;
}

export async function findAnsible(searchPath = process.env.PATH ?? ''): Promise<AnsibleTools> {
  const playbook = findOnPath('ansible-playbook', searchPath);
  if (!playbook) {
    throw new ConfigurationError(
      "ansible-playbook is not on PATH. Run the setup action (the repository's root action, with ansible-version) " +
        'in an earlier step of this job, or install ansible-core yourself.',
    );
  }
  const dir = dirname(playbook);
  const sibling = (name: string) =>
    findOnPath(name, [dir, ...searchPath.split(delimiter)].join(delimiter)) ?? name;
  return { playbook, adhoc: sibling('ansible'), config: sibling('ansible-config') };
}

/** How every command reaches the hosts: the same inventory, credentials and checks for each. */
export interface Connection {
  inventory: string;
  user?: string | undefined;
  privateKeyFile?: string | undefined;
  vaultPasswordFile?: string | undefined;
  extraVarsFile?: string | undefined;
  limit?: string | undefined;
  forks: number;
  hostKeyChecking: boolean;
  knownHostsFile?: string | undefined;
}

/**
 * Arguments shared by `ansible` and `ansible-playbook`. Secrets go as file paths only. The known_hosts
 * file goes in ssh_extra_args, which inventories rarely set, rather than ssh_common_args, which
 * they often do (a host's own ansible_ssh_extra_args still wins, as Ansible's precedence says).
 */
export function connectionArgs(connection: Connection): string[] {
  const args = ['-i', connection.inventory, '--forks', String(connection.forks)];
  if (connection.limit) args.push('--limit', connection.limit);
  if (connection.user) args.push('--user', connection.user);
  if (connection.privateKeyFile) args.push('--private-key', connection.privateKeyFile);
  if (connection.vaultPasswordFile) args.push('--vault-password-file', connection.vaultPasswordFile);
  if (connection.extraVarsFile) args.push('--extra-vars', `@${connection.extraVarsFile}`);
  const knownHosts = connection.hostKeyChecking ? connection.knownHostsFile : '/dev/null';
  // Without checking, keys of throwaway hosts are not recorded in the runner's ~/.ssh/known_hosts either.
  // One word with "=": argparse takes a separate value starting with "-" for an option of its own.
  if (knownHosts) args.push(`--ssh-extra-args=-o UserKnownHostsFile=${shellQuote(knownHosts)}`);
  return args;
}

/** Ansible splits ssh args with shlex: quote a path so that a space cannot split it. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}

export interface PlaybookOptions {
  become: boolean;
  tags: readonly string[];
  check: boolean;
  diff: boolean;
}

export function playbookArgs(playbook: string, connection: Connection, options: PlaybookOptions): string[] {
  const args = connectionArgs(connection);
  if (options.become) args.push('--become');
  if (options.tags.length > 0) args.push('--tags', options.tags.join(','));
  if (options.check) args.push('--check');
  if (options.diff) args.push('--diff');
  return [...args, playbook];
}

/** An ad hoc module on every host; the playbook's directory stands in for the playbook's own. */
function adhocArgs(
  connection: Connection,
  playbookDir: string,
  module: string,
  moduleArgs: string,
): string[] {
  return [
    'all',
    ...connectionArgs(connection),
    '--playbook-dir',
    playbookDir,
    '-m',
    module,
    '-a',
    moduleArgs,
  ];
}

/** The facts of the summary (OS, kernel, Python) and nothing else: the smallest subset, filtered. */
export function factsArgs(connection: Connection, playbookDir: string): string[] {
  return adhocArgs(
    connection,
    playbookDir,
    'ansible.builtin.setup',
    'gather_subset=!all filter=ansible_distribution*,ansible_os_family,ansible_kernel,ansible_architecture,ansible_python_version',
  );
}

export interface CallbackSettings {
  enabled: string[];
  pluginPaths: string[];
}

/** What decides the callback settings besides ansible.cfg: the variables that name a file or set them. */
const CALLBACK_VARIABLES = [
  'ANSIBLE_CONFIG',
  'ANSIBLE_CALLBACKS_ENABLED',
  'ANSIBLE_CALLBACK_WHITELIST',
  'ANSIBLE_CALLBACK_PLUGINS',
  'ANSIBLE_HOME',
] as const;

export interface ConfigPlace {
  env: NodeJS.ProcessEnv;
  home: string;
}

/**
 * The callbacks the user's configuration enables (ansible.cfg, ANSIBLE_* variables), read from
 * Ansible itself: the environment variables that enable ours replace the configured values, so they
 * must repeat them. An Ansible too old for `dump --format json` gets ours alone. With no
 * configuration file where Ansible looks for one (the working directory, ~/.ansible.cfg,
 * /etc/ansible/ansible.cfg) and none of the variables set, the settings are Ansible's defaults, and the
 * second of Python start-up `ansible-config` costs is saved.
 */
export async function readCallbackSettings(
  exec: Exec,
  tools: AnsibleTools,
  cwd: string,
  place: ConfigPlace = { env: process.env, home: homedir() },
): Promise<CallbackSettings> {
  if (!(await configurationMayBeSet(cwd, place))) return defaultCallbackSettings(place.home);
  const { exitCode, stdout } = await exec(tools.config, ['dump', '--format', 'json'], { cwd });
  const settings: CallbackSettings = { enabled: [], pluginPaths: [] };
  if (exitCode !== 0) return settings;
  let entries: unknown;
  try {
    entries = JSON.parse(stdout);
  } catch {
    return settings;
  }
  if (!Array.isArray(entries)) return settings;
  for (const entry of entries as Array<{ name?: unknown; value?: unknown }>) {
    const values = Array.isArray(entry.value) ? entry.value.filter((v) => typeof v === 'string') : [];
    if (entry.name === 'CALLBACKS_ENABLED') settings.enabled = values;
    if (entry.name === 'DEFAULT_CALLBACK_PLUGIN_PATH') settings.pluginPaths = values;
  }
  return settings;
}

async function configurationMayBeSet(cwd: string, place: ConfigPlace): Promise<boolean> {
  if (CALLBACK_VARIABLES.some((name) => place.env[name] !== undefined)) return true;
  const files = [join(cwd, 'ansible.cfg'), join(place.home, '.ansible.cfg'), '/etc/ansible/ansible.cfg'];
  const found = await Promise.all(
    files.map((file) =>
      access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.some(Boolean);
}

/** DEFAULT_CALLBACK_PLUGIN_PATH and CALLBACKS_ENABLED as ansible-core documents their defaults. */
export function defaultCallbackSettings(home: string): CallbackSettings {
  return {
    enabled: [],
    pluginPaths: [join(home, '.ansible', 'plugins', 'callback'), '/usr/share/ansible/plugins/callback'],
  };
}

export interface EnvironmentOptions {
  callbacks: CallbackSettings;
  pluginDir: string;
  hostKeyChecking: boolean;
}

/** The settings every command runs with, whatever ansible.cfg says. */
export function baseEnvironment(hostKeyChecking: boolean): Record<string, string> {
  return {
    ANSIBLE_HOST_KEY_CHECKING: hostKeyChecking ? 'True' : 'False',
    // An inventory none of whose sources parse is an error, not a warning before a green run on no host.
    ANSIBLE_INVENTORY_UNPARSED_FAILED: 'True',
    PYTHONUNBUFFERED: '1',
  };
}

/** The base settings plus the events callback, enabled beside the callbacks the user enabled. */
export function ansibleEnvironment(options: EnvironmentOptions): Record<string, string> {
  const enabled = [...options.callbacks.enabled.filter((name) => name !== EVENTS_CALLBACK_NAME)];
  return {
    ...baseEnvironment(options.hostKeyChecking),
    ANSIBLE_CALLBACKS_ENABLED: [...enabled, EVENTS_CALLBACK_NAME].join(','),
    ANSIBLE_CALLBACK_PLUGINS: [...options.callbacks.pluginPaths, options.pluginDir].join(delimiter),
    // Ad hoc `ansible` loads no callbacks but the stdout one unless told to.
    ANSIBLE_LOAD_CALLBACK_PLUGINS: 'True',
  };
}

export interface RunOutcome extends PlaybookOutcome {
  exitCode: number;
  /** The events the outcome was folded from, for a caller that splits one run into parts. */
  events: AnsibleEvent[];
  /** The first `ERROR! ...` Ansible printed, with the location it names, when it stopped on one. */
  error?: string;
  stderrTail: string;
}

const STDERR_TAIL_LINES = 30;

/**
 * Runs one Ansible command with the events callback writing to `eventsFile`, its output going to the
 * log, and returns what the events say together with the exit code and any ERROR! message.
 */
export async function runAnsible(
  exec: Exec,
  command: string,
  args: readonly string[],
  options: {
    cwd: string;
    env: Record<string, string>;
    eventsFile: string;
    log: AnsibleLog;
    title: string;
    /** Called once, at the first line Ansible prints: its start-up (Python, parsing) is over by then. */
    onFirstOutput?: () => void;
  },
): Promise<RunOutcome> {
  await writeFile(options.eventsFile, '');
  let onFirstOutput = options.onFirstOutput;
  const stderr = new LineTail(STDERR_TAIL_LINES);
  const errorLines = new ErrorWindow();
  const { exitCode } = await options.log.capture(options.title, (line) =>
    exec(command, args, {
      cwd: options.cwd,
      env: { ...options.env, [EVENTS_FILE_VARIABLE]: options.eventsFile },
      onStdoutLine: (text) => {
        line(text);
        errorLines.push(text);
        onFirstOutput?.();
        onFirstOutput = undefined;
      },
      onStderrLine: (text) => {
        line(text);
        errorLines.push(text);
        stderr.push(text);
      },
    }),
  );
  const events = parseEvents(await readFile(options.eventsFile, 'utf8'));
  const error = ansibleError(errorLines.lines);
  return {
    ...summarizeEvents(events),
    events,
    exitCode,
    ...(error ? { error } : {}),
    stderrTail: stderr.text(),
  };
}

/** The last `ERROR!` line and a few after it: enough for the message and the location it names. */
class ErrorWindow {
  lines: string[] = [];
  private left = 0;

  push(text: string): void {
    if (text.startsWith('ERROR!')) {
      this.lines = [text];
      this.left = 20;
    } else if (this.left > 0) {
      this.lines.push(text);
      this.left--;
    }
  }
}

/**
 * Ansible's own error for a run it could not start or finish (a syntax error, a missing role, a
 * vault it cannot open): `ERROR! <message>` followed, for a file, by "The error appears to be in
 * '<path>': line N, column M". Returned as one line: the message and where.
 */
export function ansibleError(lines: readonly string[]): string | undefined {
  const start = lines.findIndex((line) => line.startsWith('ERROR!'));
  if (start < 0) return undefined;
  const message: string[] = [];
  let location = '';
  let messageEnded = false;
  for (const line of lines.slice(start)) {
    const where = /The (?:error|offending line) appears to be in '([^']+)': line (\d+), column (\d+)/.exec(
      line,
    );
    if (where) {
      location = `${where[1]} line ${where[2]}, column ${where[3]}`;
      break;
    }
    // The message ends at the first blank line; the location, when there is one, comes after it.
    if (line.trim() === '' && message.length > 0) messageEnded = true;
    else if (!messageEnded) message.push(line.trim());
  }
  const text = message
    .join(' ')
    .replace(/^ERROR!\s*/, '')
    .trim();
  return location ? `${text} (${location})` : text;
}

/** A run that stopped before any recap: Ansible's error is the user's to fix, anything else a failure. */
export function runFailure(what: string, outcome: RunOutcome): Error {
  if (outcome.error) return new ConfigurationError(`${what}: ${outcome.error}`);
  const tail = outcome.stderrTail ? `\n${outcome.stderrTail}` : '';
  return new StepFailure(`${what}: Ansible exited with code ${outcome.exitCode} and no recap.${tail}`);
}
