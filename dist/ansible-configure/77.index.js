export const id = 77;
export const ids = [77];
export const modules = {

/***/ 3077:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  configure: () => (/* binding */ configure),
  runAnsibleConfigure: () => (/* binding */ runAnsibleConfigure)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
;// CONCATENATED MODULE: ./lib/core/line-stream.js
/** The last `max` lines of a stream, kept as they arrive: what explains a failure that said nothing else. */
class LineTail {
    max;
    kept = [];
    constructor(max) {
        this.max = max;
    }
    push(line) {
        this.kept.push(line);
        if (this.kept.length > this.max)
            this.kept.shift();
    }
    get lines() {
        return this.kept;
    }
    text() {
        return this.kept.join('\n');
    }
}
// Enough stderr to explain a failure that printed no diagnostic (a crash, a bad flag); the rest is in the log.
const STDERR_TAIL_LINES = 40;
/**
 * A tool's output read line by line as it streams (tofu's `-json` UI, Packer's `-machine-readable`):
 * each stdout line the tool's format reads is handled, any other non-blank line goes to the log as
 * text; stderr goes to the log, and its last lines are kept for an error message. `context` is what
 * the format needs to place what it reports (where the tool runs, which template it reads).
 */
class ToolOutputStream {
    logger;
    context;
    stderr = new LineTail(STDERR_TAIL_LINES);
    constructor(logger, context) {
        this.logger = logger;
        this.context = context;
    }
    onStdoutLine = (line) => {
        const message = this.parse(line);
        if (message === undefined) {
            if (line.trim())
                this.logger.info(line);
            return;
        }
        this.handle(message);
    };
    onStderrLine = (line) => {
        if (!line.trim())
            return;
        this.logger.info(line);
        this.stderr.push(line);
    };
    /** The last lines of stderr, for an error message when the tool printed no diagnostic. */
    stderrTail() {
        return this.stderr.text();
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./lib/terraform/tool.js




/**
 * Finds the tool the `binary` input asks for. `auto` prefers tofu and falls back to terraform. A tool
 * that is found but cannot report its version is an error, not a reason to try the other one: running
 * a different tool than the one installed would be a surprise.
 */
async function resolveTool(binary, exec, options = {}) {
    // No await before the tool starts: a caller that loads a library next (tf-apply's download) would
    // otherwise compile it first, and the tool would start after that compile rather than during it.
    return readToolVersion(locateTool(binary, options), exec);
}
/**
 * The tool the `binary` input asks for, found on PATH as resolveTool finds it, without running it;
 * throws the same ConfigurationError when it is missing.
 */
function locateTool(binary, options = {}) {
    const searchPath = options.searchPath ?? process.env.PATH ?? '';
    const candidates = binary === 'auto' ? ['tofu', 'terraform'] : [binary];
    for (const name of candidates) {
        const path = findOnPath(name, searchPath);
        if (path)
            return { name, path };
    }
    const wanted = binary === 'auto' ? 'neither tofu nor terraform is' : `${binary} is not`;
    throw new ConfigurationError(`binary: ${wanted} on PATH. Run the setup action (the repository's root action, with tofu-version or ` +
        'terraform-version) in an earlier step of this job, or install the tool yourself' +
        (binary === 'auto' ? '.' : `, or set binary to auto to use whichever is installed.`));
}
/**
 * The first executable file named `name` in the PATH's directories (with .exe on Windows). The checks
 * are synchronous, a few stat calls: the tool that is found then starts at once, before whatever the
 * caller loads next (a library's compile holds the main thread) rather than after it.
 */
function findOnPath(name, searchPath) {
    const fileNames = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
    for (const dir of searchPath.split(external_node_path_.delimiter).filter(Boolean)) {
        for (const fileName of fileNames) {
            const candidate = (0,external_node_path_.join)(dir, fileName);
            if (isExecutableFile(candidate))
                return candidate;
        }
    }
    return undefined;
}
function isExecutableFile(path) {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return (0,external_node_fs_.statSync)(path).isFile();
    }
    catch {
        return false;
    }
}
/** The located tool with the version that `version -json` reports. */
async function readToolVersion(located, exec) {
    const result = await exec(located.path, ['version', '-json']);
    const tool = withVersion(located, result.exitCode === 0 ? versionField(result.stdout) : undefined);
    if (!tool) {
        throw new ConfigurationError(`binary: ${located.path} did not report its version (\`version -json\` exited ${result.exitCode}` +
            `${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}). Reinstall it with the setup action.`);
    }
    return tool;
}
/** The located tool with a version it reported (`1.12.6`, `v1.9.0`); undefined for no version. */
function withVersion(located, reported) {
    const match = reported ? /^v?(\d+)\.(\d+)/.exec(reported) : null;
    if (!reported || !match)
        return undefined;
    return {
        ...located,
        version: reported.replace(/^v/, ''),
        major: Number(match[1]),
        minor: Number(match[2]),
    };
}
function versionField(stdout) {
    try {
        const value = parseJsonDocument(stdout).value;
        return typeof value?.terraform_version === 'string' ? value.terraform_version : undefined;
    }
    catch {
        return undefined;
    }
}
/** init learned -json in OpenTofu 1.8 and Terraform 1.9; older versions print plain text. */
function supportsInitJson(tool) {
    return tool.name === 'tofu' ? atLeast(tool, 1, 8) : atLeast(tool, 1, 9);
}
/** True when the tool is at least major.minor. */
function atLeast(tool, major, minor) {
    return tool.major > major || (tool.major === major && tool.minor >= minor);
}

;// CONCATENATED MODULE: ./lib/ansible/callback-plugin.js


/**
 * The machine-readable side of every Ansible run: a notification callback shipped with the action and
 * written next to its other scratch files at run time. Why our own rather than a stock one:
 * ansible-core has no JSON callback at all (`json` and `jsonl` live in the ansible.posix collection,
 * which a runner with only ansible-core, as `setup` installs it, does not have); a stdout callback would
 * also take the log away from the user's own (default, yaml, ...) output. A notification callback runs
 * beside whatever stdout callback is configured, so the log stays what Ansible users know, while each
 * result, diff and the recap go as JSON lines to the file named by IAC_ANSIBLE_EVENTS. Results reach
 * callbacks already censored for `no_log` tasks.
 */
const EVENTS_CALLBACK_NAME = 'iac_events';
const EVENTS_FILE_VARIABLE = 'IAC_ANSIBLE_EVENTS';
const CALLBACK_SOURCE = String.raw `# Written by iac-pipeline's ansible-configure at run time; not part of any collection.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
    name: iac_events
    type: notification
    short_description: Machine-readable results for iac-pipeline
    description:
      - Appends one JSON object a line for each task result, file diff and the recap to the file named by
        the IAC_ANSIBLE_EVENTS environment variable. The screen output is left to the stdout callback.
    requirements:
      - enabled in callbacks_enabled
"""

import json
import os
import time

from ansible import __version__ as ansible_version
from ansible.parsing.ajson import AnsibleJSONEncoder
from ansible.plugins.callback import CallbackBase

FACT_ACTIONS = frozenset(
    (
        "setup",
        "gather_facts",
        "ansible.builtin.setup",
        "ansible.builtin.gather_facts",
        "ansible.legacy.setup",
        "ansible.legacy.gather_facts",
    )
)
FACT_KEYS = (
    "ansible_distribution",
    "ansible_distribution_version",
    "ansible_os_family",
    "ansible_kernel",
    "ansible_architecture",
    "ansible_python_version",
)
TEXT_LIMIT = 4000


def _text(value):
    if value is None:
        return ""
    if not isinstance(value, str):
        try:
            value = json.dumps(value, cls=AnsibleJSONEncoder, sort_keys=True)
        except Exception:
            value = str(value)
    return value if len(value) <= TEXT_LIMIT else "..." + value[-TEXT_LIMIT:]


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "notification"
    CALLBACK_NAME = "iac_events"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None):
        super(CallbackModule, self).__init__(display)
        path = os.environ.get("IAC_ANSIBLE_EVENTS")
        self._out = open(path, "a", encoding="utf-8") if path else None
        self._play = ""
        self._pattern = ""

    def _write(self, event):
        if self._out is None:
            return
        self._out.write(json.dumps(event, cls=AnsibleJSONEncoder, sort_keys=True) + "\n")
        self._out.flush()

    def v2_playbook_on_start(self, playbook):
        self._write({"event": "start", "ansible_version": ansible_version})

    def v2_playbook_on_play_start(self, play):
        self._play = play.get_name()
        hosts = play.hosts
        self._pattern = ",".join(hosts) if isinstance(hosts, list) else _text(hosts)
        self._write({"event": "play", "play": self._play, "pattern": self._pattern, "at": time.time()})

    def v2_playbook_on_no_hosts_matched(self):
        self._write({"event": "no_hosts_matched", "play": self._play, "pattern": self._pattern})

    def _task(self, result):
        task = result._task
        return {
            "host": result._host.get_name(),
            "task": task.get_name(),
            "action": task.action,
            "play": self._play,
            "path": task.get_path() or "",
        }

    def _record(self, result, status, ignored=False):
        event = dict(self._task(result), event="result", status=status)
        values = result._result
        if ignored:
            event["ignored"] = True
        if status in ("failed", "unreachable"):
            event.update(self._failure(values))
        if status in ("ok", "changed") and event["action"] in FACT_ACTIONS:
            facts = values.get("ansible_facts") or {}
            event["facts"] = dict((key, _text(facts[key])) for key in FACT_KEYS if key in facts)
        self._write(event)

    def _failure(self, values):
        # A loop reports "One or more items failed"; the first failed item says what went wrong.
        for item in values.get("results") or []:
            if isinstance(item, dict) and item.get("failed"):
                values = item
                break
        failure = {"message": _text(values.get("msg") or values.get("censored") or values.get("reason"))}
        for key in ("stderr", "stdout"):
            if values.get(key):
                failure[key] = _text(values[key])
        if values.get("rc") is not None:
            failure["rc"] = values["rc"]
        return failure

    def v2_runner_on_ok(self, result):
        self._record(result, "changed" if result._result.get("changed") else "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed", ignored=ignore_errors)

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_on_file_diff(self, result):
        values = result._result
        diffs = []
        if result._task.loop and "results" in values:
            diffs = [item["diff"] for item in values["results"] if item.get("diff") and item.get("changed")]
        elif values.get("diff") and values.get("changed"):
            diffs = [values["diff"]]
        for diff in diffs:
            text = self._get_diff(diff)
            if text:
                self._write(dict(self._task(result), event="diff", diff=text))

    def v2_playbook_on_stats(self, stats):
        hosts = {}
        for host in sorted(stats.processed.keys()):
            summary = stats.summarize(host)
            hosts[host] = {
                "ok": summary.get("ok", 0),
                "changed": summary.get("changed", 0),
                "unreachable": summary.get("unreachable", 0),
                "failed": summary.get("failures", 0),
                "skipped": summary.get("skipped", 0),
                "rescued": summary.get("rescued", 0),
                "ignored": summary.get("ignored", 0),
            }
        self._write({"event": "stats", "hosts": hosts})
`;
/** Writes the callback plugin into `<dir>/callback_plugins` and returns that directory. */
async function writeEventsCallback(dir) {
    const pluginDir = (0,external_node_path_.join)(dir, 'callback_plugins');
    await (0,promises_.mkdir)(pluginDir, { recursive: true });
    await (0,promises_.writeFile)((0,external_node_path_.join)(pluginDir, `${EVENTS_CALLBACK_NAME}.py`), CALLBACK_SOURCE);
    return pluginDir;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./lib/ansible/events.js

/**
 * The events the iac_events callback writes (one JSON object a line), read back into what the action
 * reports: the recap, the failures, what changed (or would change), and a few facts per host.
 */
const events_text = schemas/* string */.YjP().catch('');
const count = schemas/* number */.aig().int().nonnegative().catch(0);
const taskFields = {
    host: schemas/* string */.YjP(),
    task: events_text,
    action: events_text,
    play: events_text,
    /** `file:line` of the task, as Ansible gives it (absolute). */
    path: events_text,
};
const startEvent = schemas/* object */.Ikc({ event: schemas/* literal */.euz('start'), ansible_version: events_text });
const playEvent = schemas/* object */.Ikc({
    event: schemas/* literal */.euz('play'),
    play: events_text,
    pattern: events_text,
    /** When the play started, in seconds since the epoch. */
    at: schemas/* number */.aig().optional(),
});
const noHostsEvent = schemas/* object */.Ikc({ event: schemas/* literal */.euz('no_hosts_matched'), play: events_text, pattern: events_text });
const resultEvent = schemas/* object */.Ikc({
    event: schemas/* literal */.euz('result'),
    ...taskFields,
    status: schemas/* enum */.k5n(['ok', 'changed', 'failed', 'unreachable', 'skipped']),
    ignored: schemas/* boolean */.zMY().optional(),
    message: schemas/* string */.YjP().optional(),
    stderr: schemas/* string */.YjP().optional(),
    stdout: schemas/* string */.YjP().optional(),
    rc: schemas/* number */.aig().optional(),
    facts: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional(),
});
const diffEvent = schemas/* object */.Ikc({ event: schemas/* literal */.euz('diff'), ...taskFields, diff: schemas/* string */.YjP() });
const hostStats = schemas/* object */.Ikc({
    ok: count,
    changed: count,
    unreachable: count,
    failed: count,
    skipped: count,
    rescued: count,
    ignored: count,
});
const statsEvent = schemas/* object */.Ikc({ event: schemas/* literal */.euz('stats'), hosts: schemas/* record */.g1P(schemas/* string */.YjP(), hostStats) });
const eventSchema = schemas/* discriminatedUnion */.gMt('event', [
    startEvent,
    playEvent,
    noHostsEvent,
    resultEvent,
    diffEvent,
    statsEvent,
]);
/**
 * Parses the events file. A line that is not one of our events (a half-written last line after a
 * crash, an event of a newer callback) is skipped: the events are a report, not a contract to refuse.
 */
function parseEvents(content) {
    const events = [];
    for (const line of content.split('\n')) {
        if (!line.startsWith('{'))
            continue;
        let value;
        try {
            value = JSON.parse(line);
        }
        catch {
            continue;
        }
        const parsed = eventSchema.safeParse(value);
        if (parsed.success)
            events.push(parsed.data);
    }
    return events;
}
function ref(event) {
    return { host: event.host, task: event.task, play: event.play, path: event.path };
}
function factsOf(facts) {
    const os = [facts.ansible_distribution, facts.ansible_distribution_version].filter(Boolean).join(' ');
    const result = {};
    if (os)
        result.os = os;
    if (facts.ansible_os_family)
        result.family = facts.ansible_os_family;
    if (facts.ansible_kernel)
        result.kernel = facts.ansible_kernel;
    if (facts.ansible_architecture)
        result.architecture = facts.ansible_architecture;
    if (facts.ansible_python_version)
        result.python = facts.ansible_python_version;
    return result;
}
/** Folds the events of one ansible or ansible-playbook run into its outcome. */
function summarizeEvents(events) {
    const outcome = {
        recap: {},
        finished: false,
        failures: [],
        unreachable: {},
        changes: [],
        facts: {},
        plays: [],
        unmatchedPlays: [],
        hosts: [],
    };
    const seen = new Set();
    // Diffs arrive just before their result; kept by host and task until the result says "changed".
    const diffs = new Map();
    for (const event of events) {
        switch (event.event) {
            case 'start':
                outcome.ansibleVersion = event.ansible_version;
                break;
            case 'no_hosts_matched':
                outcome.unmatchedPlays.push({ play: event.play, pattern: event.pattern });
                break;
            case 'diff': {
                const key = `${event.host}\u0000${event.path}\u0000${event.task}`;
                diffs.set(key, [...(diffs.get(key) ?? []), event.diff]);
                break;
            }
            case 'stats':
                outcome.recap = event.hosts;
                outcome.finished = true;
                break;
            case 'result':
                if (!seen.has(event.host)) {
                    seen.add(event.host);
                    outcome.hosts.push(event.host);
                }
                recordResult(outcome, event, diffs);
                break;
            case 'play':
                outcome.plays.push(event.play);
                break;
        }
    }
    for (const host of Object.keys(outcome.recap)) {
        if (!seen.has(host))
            outcome.hosts.push(host);
    }
    // A failure the play rescued (or a host the recap does not count as failed) is not a failed task.
    if (outcome.finished) {
        outcome.failures = outcome.failures.filter((f) => (outcome.recap[f.host]?.failed ?? 0) > 0);
    }
    return outcome;
}
function recordResult(outcome, event, diffs) {
    if (event.facts && (event.status === 'ok' || event.status === 'changed')) {
        outcome.facts[event.host] = { ...outcome.facts[event.host], ...factsOf(event.facts) };
    }
    if (event.status === 'changed') {
        const key = `${event.host}\u0000${event.path}\u0000${event.task}`;
        const found = diffs.get(key);
        diffs.delete(key);
        outcome.changes.push({ ...ref(event), ...(found ? { diff: found.join('\n') } : {}) });
    }
    if (event.status === 'unreachable') {
        outcome.unreachable[event.host] = event.message || 'unreachable';
    }
    if (event.status === 'failed' && !event.ignored) {
        outcome.failures.push({
            ...ref(event),
            message: event.message || (event.rc !== undefined ? `exited with code ${event.rc}` : 'failed'),
            ...(event.stderr ? { stderr: event.stderr } : {}),
            ...(event.rc !== undefined ? { rc: event.rc } : {}),
        });
    }
}
/** The outputs' view of a recap: which hosts failed, which could not be reached, whether any changed. */
function totalsOf(recap) {
    const hosts = Object.keys(recap).sort();
    return {
        hosts: hosts.length,
        changed: hosts.some((host) => (recap[host]?.changed ?? 0) > 0),
        failedHosts: hosts.filter((host) => (recap[host]?.failed ?? 0) > 0),
        unreachableHosts: hosts.filter((host) => (recap[host]?.unreachable ?? 0) > 0),
    };
}

;// CONCATENATED MODULE: ./lib/ansible/cli.js








async function findAnsible(searchPath = process.env.PATH ?? '') {
    const playbook = findOnPath('ansible-playbook', searchPath);
    if (!playbook) {
        throw new errors/* ConfigurationError */.j1("ansible-playbook is not on PATH. Run the setup action (the repository's root action, with ansible-version) " +
            'in an earlier step of this job, or install ansible-core yourself.');
    }
    const dir = (0,external_node_path_.dirname)(playbook);
    const sibling = (name) => findOnPath(name, [dir, ...searchPath.split(external_node_path_.delimiter)].join(external_node_path_.delimiter)) ?? name;
    return { playbook, adhoc: sibling('ansible'), config: sibling('ansible-config') };
}
/**
 * Arguments shared by `ansible` and `ansible-playbook`. Secrets go as file paths only. The known_hosts
 * file goes in ssh_extra_args, which inventories rarely set, rather than ssh_common_args, which
 * they often do (a host's own ansible_ssh_extra_args still wins, as Ansible's precedence says).
 */
function connectionArgs(connection) {
    const args = ['-i', connection.inventory, '--forks', String(connection.forks)];
    if (connection.limit)
        args.push('--limit', connection.limit);
    if (connection.user)
        args.push('--user', connection.user);
    if (connection.privateKeyFile)
        args.push('--private-key', connection.privateKeyFile);
    if (connection.vaultPasswordFile)
        args.push('--vault-password-file', connection.vaultPasswordFile);
    if (connection.extraVarsFile)
        args.push('--extra-vars', `@${connection.extraVarsFile}`);
    const knownHosts = connection.hostKeyChecking ? connection.knownHostsFile : '/dev/null';
    // Without checking, keys of throwaway hosts are not recorded in the runner's ~/.ssh/known_hosts either.
    // One word with "=": argparse takes a separate value starting with "-" for an option of its own.
    if (knownHosts)
        args.push(`--ssh-extra-args=-o UserKnownHostsFile=${shellQuote(knownHosts)}`);
    return args;
}
/** Ansible splits ssh args with shlex: quote a path so that a space cannot split it. */
function shellQuote(value) {
    return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}
function playbookArgs(playbook, connection, options) {
    const args = connectionArgs(connection);
    if (options.become)
        args.push('--become');
    if (options.tags.length > 0)
        args.push('--tags', options.tags.join(','));
    if (options.check)
        args.push('--check');
    if (options.diff)
        args.push('--diff');
    return [...args, playbook];
}
/** An ad hoc module on every host; the playbook's directory stands in for the playbook's own. */
function adhocArgs(connection, playbookDir, module, moduleArgs) {
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
function factsArgs(connection, playbookDir) {
    return adhocArgs(connection, playbookDir, 'ansible.builtin.setup', 'gather_subset=!all filter=ansible_distribution*,ansible_os_family,ansible_kernel,ansible_architecture,ansible_python_version');
}
/** What decides the callback settings besides ansible.cfg: the variables that name a file or set them. */
const CALLBACK_VARIABLES = [
    'ANSIBLE_CONFIG',
    'ANSIBLE_CALLBACKS_ENABLED',
    'ANSIBLE_CALLBACK_WHITELIST',
    'ANSIBLE_CALLBACK_PLUGINS',
    'ANSIBLE_HOME',
];
/**
 * The callbacks the user's configuration enables (ansible.cfg, ANSIBLE_* variables), read from
 * Ansible itself: the environment variables that enable ours replace the configured values, so they
 * must repeat them. An Ansible too old for `dump --format json` gets ours alone. With no
 * configuration file where Ansible looks for one (the working directory, ~/.ansible.cfg,
 * /etc/ansible/ansible.cfg) and none of the variables set, the settings are Ansible's defaults, and the
 * second of Python start-up `ansible-config` costs is saved.
 */
async function readCallbackSettings(exec, tools, cwd, place = { env: process.env, home: (0,external_node_os_.homedir)() }) {
    if (!(await configurationMayBeSet(cwd, place)))
        return defaultCallbackSettings(place.home);
    const { exitCode, stdout } = await exec(tools.config, ['dump', '--format', 'json'], { cwd });
    const settings = { enabled: [], pluginPaths: [] };
    if (exitCode !== 0)
        return settings;
    let entries;
    try {
        entries = JSON.parse(stdout);
    }
    catch {
        return settings;
    }
    if (!Array.isArray(entries))
        return settings;
    for (const entry of entries) {
        const values = Array.isArray(entry.value) ? entry.value.filter((v) => typeof v === 'string') : [];
        if (entry.name === 'CALLBACKS_ENABLED')
            settings.enabled = values;
        if (entry.name === 'DEFAULT_CALLBACK_PLUGIN_PATH')
            settings.pluginPaths = values;
    }
    return settings;
}
async function configurationMayBeSet(cwd, place) {
    if (CALLBACK_VARIABLES.some((name) => place.env[name] !== undefined))
        return true;
    const files = [(0,external_node_path_.join)(cwd, 'ansible.cfg'), (0,external_node_path_.join)(place.home, '.ansible.cfg'), '/etc/ansible/ansible.cfg'];
    const found = await Promise.all(files.map((file) => (0,promises_.access)(file).then(() => true, () => false)));
    return found.some(Boolean);
}
/** DEFAULT_CALLBACK_PLUGIN_PATH and CALLBACKS_ENABLED as ansible-core documents their defaults. */
function defaultCallbackSettings(home) {
    return {
        enabled: [],
        pluginPaths: [(0,external_node_path_.join)(home, '.ansible', 'plugins', 'callback'), '/usr/share/ansible/plugins/callback'],
    };
}
/** The settings every command runs with, whatever ansible.cfg says. */
function baseEnvironment(hostKeyChecking) {
    return {
        ANSIBLE_HOST_KEY_CHECKING: hostKeyChecking ? 'True' : 'False',
        // An inventory none of whose sources parse is an error, not a warning before a green run on no host.
        ANSIBLE_INVENTORY_UNPARSED_FAILED: 'True',
        PYTHONUNBUFFERED: '1',
    };
}
/** The base settings plus the events callback, enabled beside the callbacks the user enabled. */
function ansibleEnvironment(options) {
    const enabled = [...options.callbacks.enabled.filter((name) => name !== EVENTS_CALLBACK_NAME)];
    return {
        ...baseEnvironment(options.hostKeyChecking),
        ANSIBLE_CALLBACKS_ENABLED: [...enabled, EVENTS_CALLBACK_NAME].join(','),
        ANSIBLE_CALLBACK_PLUGINS: [...options.callbacks.pluginPaths, options.pluginDir].join(external_node_path_.delimiter),
        // Ad hoc `ansible` loads no callbacks but the stdout one unless told to.
        ANSIBLE_LOAD_CALLBACK_PLUGINS: 'True',
    };
}
const cli_STDERR_TAIL_LINES = 30;
/**
 * Runs one Ansible command with the events callback writing to `eventsFile`, its output going to the
 * log, and returns what the events say together with the exit code and any ERROR! message.
 */
async function runAnsible(exec, command, args, options) {
    await (0,promises_.writeFile)(options.eventsFile, '');
    let onFirstOutput = options.onFirstOutput;
    const stderr = new LineTail(cli_STDERR_TAIL_LINES);
    const errorLines = new ErrorWindow();
    const { exitCode } = await options.log.capture(options.title, (line) => exec(command, args, {
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
    }));
    const events = parseEvents(await (0,promises_.readFile)(options.eventsFile, 'utf8'));
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
    lines = [];
    left = 0;
    push(text) {
        if (text.startsWith('ERROR!')) {
            this.lines = [text];
            this.left = 20;
        }
        else if (this.left > 0) {
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
function ansibleError(lines) {
    const start = lines.findIndex((line) => line.startsWith('ERROR!'));
    if (start < 0)
        return undefined;
    const message = [];
    let location = '';
    let messageEnded = false;
    for (const line of lines.slice(start)) {
        const where = /The (?:error|offending line) appears to be in '([^']+)': line (\d+), column (\d+)/.exec(line);
        if (where) {
            location = `${where[1]} line ${where[2]}, column ${where[3]}`;
            break;
        }
        // The message ends at the first blank line; the location, when there is one, comes after it.
        if (line.trim() === '' && message.length > 0)
            messageEnded = true;
        else if (!messageEnded)
            message.push(line.trim());
    }
    const text = message
        .join(' ')
        .replace(/^ERROR!\s*/, '')
        .trim();
    return location ? `${text} (${location})` : text;
}
/** A run that stopped before any recap: Ansible's error is the user's to fix, anything else a failure. */
function runFailure(what, outcome) {
    if (outcome.error)
        return new errors/* ConfigurationError */.j1(`${what}: ${outcome.error}`);
    const tail = outcome.stderrTail ? `\n${outcome.stderrTail}` : '';
    return new errors/* StepFailure */.pH(`${what}: Ansible exited with code ${outcome.exitCode} and no recap.${tail}`);
}

// EXTERNAL MODULE: ./lib/ansible/connection.js
var ansible_connection = __webpack_require__(19062);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./lib/ansible/inventory-content.js
var inventory_content = __webpack_require__(61144);
// EXTERNAL MODULE: ./lib/core/paths.js
var paths = __webpack_require__(64539);
;// CONCATENATED MODULE: ./lib/ansible/inventory.js







/** The file tf-apply puts in its inventory artifact (src/terraform/apply.ts). */
const ARTIFACT_INVENTORY_FILE = 'inventory.yml';
const EXPECTED = 'an inventory file or directory in the workspace, a comma-separated host list ("web-1,web-2,"), ' +
    'or an inline YAML or INI inventory';
/**
 * The `inventory` input is one of: a path (file or directory, relative to the workspace); a host list
 * in Ansible's `-i host1,host2,` form; or the inventory itself, inline, in YAML or INI. Empty: the
 * inventory tf-apply published as an artifact.
 */
async function resolveInventory(options) {
    const given = options.given?.trim();
    if (!given)
        return fromArtifact(options);
    if (!given.includes('\n')) {
        if (inventory_content/* HOST_LIST */.K.test(given)) {
            return { kind: 'host-list', argument: given, description: `hosts ${given.replace(/,$/, '')}` };
        }
        const path = inventoryPath(given);
        if (path)
            return { kind: 'path', argument: path, description: workspacePath(path, options.workspace) };
        // One line naming no file is an inline inventory ("web-1 ansible_host=10.0.0.1"), unless it looks like a path.
        if (/[/\\]|\.(?:ya?ml|json|ini|cfg|txt)$/i.test(given) && !/\s/.test(given)) {
            throw new errors/* ConfigurationError */.j1(`Input "inventory" must be ${EXPECTED}; no file or directory ${(0,paths/* quoteValue */.cl)(given)}.`);
        }
    }
    return writeInline(given, options.scratch);
}
/**
 * The inventory file or directory `given` names, held to the workspace rule. A one-line inline
 * inventory sets a variable (`web-1 ansible_host=10.0.0.1`), so a value with `=` that the rule refuses
 * is not a path; anything else the rule refuses is an error, never a silent inline inventory.
 */
function inventoryPath(given) {
    try {
        return (0,paths/* findConfinedPath */.bf)(given, 'file or directory');
    }
    catch (error) {
        if (!(error instanceof paths/* PathRefusal */.CV))
            throw error;
        if (given.includes('='))
            return undefined;
        throw (0,paths/* refusedInput */.v1)('inventory', given, error);
    }
}
async function fromArtifact(options) {
    const dir = (0,external_node_path_.join)(options.scratch, 'inventory-artifact');
    await options.artifacts.download(options.artifactName, dir);
    const file = (0,external_node_path_.join)(dir, ARTIFACT_INVENTORY_FILE);
    if (!(0,external_node_fs_.existsSync)(file)) {
        const found = (await (0,promises_.readdir)(dir)).join(', ') || 'nothing';
        throw new errors/* ConfigurationError */.j1(`The artifact ${options.artifactName} holds no ${ARTIFACT_INVENTORY_FILE} (it holds ${found}): ` +
            'name the inventory tf-apply published in inventory-artifact, or give the inventory input.');
    }
    return { kind: 'artifact', argument: file, description: `artifact ${options.artifactName}` };
}
/**
 * Ansible picks the parser by trying each plugin, but its yaml plugin reads only .yml/.yaml/.json
 * files: a YAML mapping goes to inventory.yml, anything else (INI) to inventory.ini.
 */
async function writeInline(content, scratch) {
    let yaml;
    try {
        yaml = (0,dist.parse)(content);
    }
    catch {
        yaml = undefined;
    }
    const isYaml = yaml !== null && typeof yaml === 'object' && !Array.isArray(yaml);
    const dir = (0,external_node_path_.join)(scratch, 'inventory');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, isYaml ? 'inventory.yml' : 'inventory.ini');
    await (0,promises_.writeFile)(file, `${content}\n`);
    return { kind: 'inline', argument: file, description: `inline ${isYaml ? 'YAML' : 'INI'} inventory` };
}
function workspacePath(path, workspace) {
    const inside = (0,external_node_path_.relative)(workspace, path);
    return inside && !inside.startsWith('..') ? inside.split('\\').join('/') : path;
}


// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/core/logger.js

/**
 * Runs `body` with the runner's workflow commands off: text from a tool or a plan may hold a line such
 * as `::error::` or `::add-mask::`, which the runner must print, not obey.
 */
async function withoutWorkflowCommands(logger, body) {
    // Starting with a letter: a workflow command's name does, and some parsers insist.
    const token = `verbatim-${(0,external_node_crypto_.randomBytes)(16).toString('hex')}`;
    logger.info(`::stop-commands::${token}`);
    try {
        return await body();
    }
    finally {
        logger.info(`::${token}::`);
    }
}

;// CONCATENATED MODULE: ./lib/ansible/log.js



/**
 * Where Ansible's own output goes: the step's log as it streams, and the log file of the results
 * artifact. Every line is redacted first (the runner masks its log, but not files we upload), and the
 * log is fenced with stop-commands: a task's output may hold a line such as `::error::` or
 * `::add-mask::`, which the runner must print, not obey.
 */
class AnsibleLog {
    logger;
    redactor;
    path;
    file;
    constructor(logger, redactor, path) {
        this.logger = logger;
        this.redactor = redactor;
        this.path = path;
        this.file = (0,external_node_fs_.createWriteStream)(path, { flags: 'a', mode: 0o600 });
    }
    /** Runs `body` with the tool's lines going to the log and the file; workflow commands are off meanwhile. */
    async capture(title, body) {
        this.file.write(`### ${title}\n`);
        return withoutWorkflowCommands(this.logger, () => body((text) => {
            const line = this.redactor.redact(text);
            this.logger.info(line);
            this.file.write(`${line}\n`);
        }));
    }
    async close() {
        if (this.file.closed)
            return;
        this.file.end();
        await (0,external_node_events_.once)(this.file, 'close');
    }
}

;// CONCATENATED MODULE: ./lib/ansible/redact.js
const REDACTED = '***';
// A line as short as "}" or "---" would blank that text everywhere: shorter forms are not registered.
const MIN_FORM_LENGTH = 4;
/**
 * The secrets of one run (key, vault password, extra variables) in every form they could be printed
 * in: whole, line by line (a key is printed line by line), and JSON-escaped (inside results.json).
 * Each form is masked on the runner as it is registered, and `redact` removes them from what the
 * action writes itself (the log file, results.json, the job summary), which the runner does not mask.
 */
class Redactor {
    logger;
    forms = [];
    constructor(logger) {
        this.logger = logger;
    }
    add(secret) {
        const forms = new Set([secret, secret.trim()]);
        if (secret.includes('\n')) {
            for (const line of secret.split(/\r?\n/))
                forms.add(line.trim());
        }
        for (const form of [...forms])
            forms.add(JSON.stringify(form).slice(1, -1));
        for (const form of forms) {
            if (form.length < MIN_FORM_LENGTH || this.forms.includes(form))
                continue;
            this.forms.push(form);
            this.logger?.mask(form);
        }
        // Longest first, so that a secret containing another is replaced whole.
        this.forms.sort((a, b) => b.length - a.length);
    }
    /** Every string at any depth of a value (the extra variables); keys are names, not secrets. */
    addLeaves(value) {
        if (typeof value === 'string')
            this.add(value);
        else if (Array.isArray(value))
            for (const item of value)
                this.addLeaves(item);
        else if (value !== null && typeof value === 'object') {
            for (const item of Object.values(value))
                this.addLeaves(item);
        }
    }
    redact(text) {
        let result = text;
        for (const form of this.forms)
            result = result.split(form).join(REDACTED);
        return result;
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var manifest = __webpack_require__(21330);
;// CONCATENATED MODULE: ./lib/ansible/results.js



/**
 * results.json of the `<prefix>-ansible-<stack>` artifact: what ansible-configure did, for the report
 * action and for people. Self-describing (`schema: iac/ansible-results@1`) and read back with the same
 * contract reader as every manifest, so a reader refuses another major version by name.
 */
const RESULTS_FILE = 'results.json';
const LOG_FILE = 'ansible.log';
const ANSIBLE_RESULTS_KIND = 'iac/ansible-results';
const ANSIBLE_RESULTS_MAJOR = 1;
const ANSIBLE_RESULTS_SCHEMA = `${ANSIBLE_RESULTS_KIND}@${ANSIBLE_RESULTS_MAJOR}`;
const results_count = schemas/* number */.aig().int().nonnegative();
const hostRecapSchema = schemas/* object */.Ikc({
    ok: results_count,
    changed: results_count,
    unreachable: results_count,
    failed: results_count,
    skipped: results_count,
    rescued: results_count,
    ignored: results_count,
});
const taskRefSchema = schemas/* object */.Ikc({ host: schemas/* string */.YjP(), task: schemas/* string */.YjP(), play: schemas/* string */.YjP(), path: schemas/* string */.YjP() });
const ansibleResultsSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(ANSIBLE_RESULTS_SCHEMA),
    producer: manifest/* producerSchema */.yO,
    stack: schemas/* string */.YjP(),
    /** Relative to the workspace when inside it. */
    playbook: schemas/* string */.YjP(),
    inventory: schemas/* string */.YjP(),
    commit: schemas/* string */.YjP(),
    ref: schemas/* string */.YjP(),
    runId: schemas/* number */.aig().int(),
    runAttempt: schemas/* number */.aig().int(),
    createdAt: iso/* datetime */.w$({ offset: true }),
    ansibleVersion: schemas/* string */.YjP().optional(),
    check: schemas/* boolean */.zMY(),
    diff: schemas/* boolean */.zMY(),
    limit: schemas/* string */.YjP().optional(),
    tags: schemas/* array */.YOg(schemas/* string */.YjP()),
    exitCode: schemas/* number */.aig().int(),
    durationSeconds: schemas/* number */.aig().nonnegative(),
    /** Seconds per phase: prepare (inventory, secrets, callbacks), wait, playbook, facts. */
    timings: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* number */.aig().nonnegative()),
    recap: schemas/* record */.g1P(schemas/* string */.YjP(), hostRecapSchema),
    /** Any host changed; in check mode, would change. */
    changed: schemas/* boolean */.zMY(),
    failedHosts: schemas/* array */.YOg(schemas/* string */.YjP()),
    unreachableHosts: schemas/* array */.YOg(schemas/* string */.YjP()),
    failures: schemas/* array */.YOg(taskRefSchema.extend({ message: schemas/* string */.YjP(), stderr: schemas/* string */.YjP().optional(), rc: schemas/* number */.aig().optional() })),
    changes: schemas/* array */.YOg(taskRefSchema.extend({ diff: schemas/* string */.YjP().optional() })),
    unreachable: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
    facts: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({
        os: schemas/* string */.YjP().optional(),
        family: schemas/* string */.YjP().optional(),
        kernel: schemas/* string */.YjP().optional(),
        architecture: schemas/* string */.YjP().optional(),
        python: schemas/* string */.YjP().optional(),
    })),
    /** The wait before the playbook: whether each host answered within connection-timeout. */
    waited: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({ answered: schemas/* boolean */.zMY(), message: schemas/* string */.YjP().optional() })),
    unmatchedPlays: schemas/* array */.YOg(schemas/* object */.Ikc({ play: schemas/* string */.YjP(), pattern: schemas/* string */.YjP() })),
});
const readAnsibleResults = (0,manifest/* contractReader */.Yt)(ansibleResultsSchema, 'report', RESULTS_FILE);
/**
 * A task's `file:line` (absolute, as Ansible gives it) relative to the workspace, so that an
 * annotation links to the file; a role installed elsewhere keeps its absolute path.
 */
function workspaceTaskPath(path, workspace) {
    const match = /^(.*?)(:\d+)?$/.exec(path);
    const file = match?.[1] ?? path;
    const line = match?.[2] ?? '';
    if (!(0,external_node_path_.isAbsolute)(file))
        return path;
    const inside = (0,external_node_path_.relative)(workspace, file);
    if (inside === '' || inside.startsWith('..') || (0,external_node_path_.isAbsolute)(inside))
        return path;
    return `${inside.split(external_node_path_.sep).join('/')}${line}`;
}
/** `{file, line}` of a workspace-relative task path, for an annotation; nothing for one outside. */
function annotationPlace(path) {
    if (path === '' || (0,external_node_path_.isAbsolute)(path))
        return undefined;
    const match = /^(.*):(\d+)$/.exec(path);
    if (!match?.[1])
        return { file: path };
    return { file: match[1], startLine: Number(match[2]) };
}

// EXTERNAL MODULE: ./lib/core/inputs.js
var inputs = __webpack_require__(50662);
;// CONCATENATED MODULE: ./lib/artifacts/names.js



function artifactName(prefix, kind, stack) {
    return `${prefix}-${kind}-${stack}`;
}
/**
 * The stack's name: the `stack` input, else the working directory's name, else (for the workspace
 * root, whose directory name is the runner's) the repository's name.
 */
function stackName(given, workingDirectory, workspace, repo) {
    if (given)
        return given;
    const name = (0,external_node_path_.relative)(workspace, workingDirectory) === '' ? repo : (0,external_node_path_.basename)(workingDirectory);
    if (!inputs/* NAME_PART */.y3.test(name)) {
        throw new errors/* ConfigurationError */.j1(`Input "stack" is needed: the working directory's name "${name}" cannot be part of an artifact name (use letters, digits, ".", "_" or "-").`);
    }
    return name;
}

// EXTERNAL MODULE: ./lib/core/secret-files.js
var secret_files = __webpack_require__(77565);
// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
;// CONCATENATED MODULE: ./lib/markdown/escape.js
/**
 * The one Markdown escaper: every job summary, pull-request comment, issue and report puts text it did
 * not write (from plans, pull requests, templates, inventories, tool output) into GitHub Markdown
 * through these functions, without letting it change the layout or add markup. Such text goes into a
 * code span, a `<code>` element or a fenced code block: GitHub does not turn @mentions, #references
 * or :emoji: into links there, and Markdown inside is not parsed. What remains is to make sure the
 * text cannot end its container early, which each function below handles for its own container.
 * Plain text (`cellText`, `htmlText`, `headingText`) is escaped so that it reads as itself.
 */
// Characters that are invisible or reorder text (the "Trojan Source" family), and the two line
// separators JSON.stringify leaves raw: each is shown as its \u escape instead.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;
function escapeInvisible(text) {
    return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Text made safe to show on one line: line breaks and other control characters become escapes. */
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u001F\u007F-\u009F]/g;
    return escapeInvisible(text).replace(controls, (c) => {
        if (c === '\n')
            return '\\n';
        if (c === '\r')
            return '\\r';
        if (c === '\t')
            return '\\t';
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}
/** Longest run of `char` in text. */
function longestRun(text, char) {
    let longest = 0;
    let current = 0;
    for (const c of text) {
        current = c === char ? current + 1 : 0;
        if (current > longest)
            longest = current;
    }
    return longest;
}
/**
 * A code span for running text and list items (not table cells: see `cellCode`). A span ends at the
 * next run of exactly as many backticks as opened it, so the fence is one longer than any run inside;
 * the padding spaces keep a leading or trailing backtick from joining the fence (CommonMark strips one
 * space on each side).
 */
function codeSpan(text) {
    const content = oneLine(text);
    if (content === '')
        return '` `';
    const fence = '`'.repeat(longestRun(content, '`') + 1);
    // A content of spaces only is not stripped, so it takes no padding.
    const pad = content.startsWith('`') || content.endsWith('`') || (/^ .* $/.test(content) && /[^ ]/.test(content))
        ? ' '
        : '';
    return `${fence}${pad}${content}${pad}${fence}`;
}
const HTML_ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
/**
 * Plain text in a table cell or list item, where code would not read well (names, messages): the
 * characters Markdown and the table read as syntax backslash-escaped, on one line.
 */
function cellText(text) {
    return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}
/** Text inside an HTML block (such as a `<summary>` line): HTML-escaped, on one line. */
function htmlText(text) {
    return oneLine(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
/**
 * Code inside a GFM table cell. A pipe splits the cell even inside a code span, and whether a
 * backslash before it escapes it depends on the backslashes before that, so no span is used: a
 * `<code>` element with every ASCII punctuation character as a numeric reference, which neither the
 * table nor Markdown reads as syntax.
 */
function cellCode(text) {
    const content = oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<code>${content}</code>`;
}
/**
 * Code in a GFM table cell where a code span reads as one: a span when the text has no pipe (the only
 * character that splits a cell inside a span), else `cellCode`, since no escaping of a pipe inside a
 * span shows every text as itself.
 */
function cellSpan(text) {
    return text.includes('|') ? cellCode(text) : codeSpan(text);
}
/**
 * Text as a heading (or any running text outside code): no markup, no HTML, and no @mention (a word
 * joiner after each `@`), since headings are made of repository, workflow and stack names.
 */
function headingText(text) {
    return oneLine(text)
        .replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c)
        .replace(/[\\`*_{}[\]|#!~]/g, (c) => `\\${c}`)
        .replace(/@/g, '@\u2060');
}
/** A link target GitHub renders as given: http(s) only, with the characters that end a link encoded. */
function linkUrl(url) {
    if (!url)
        return undefined;
    try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
            return undefined;
        return parsed.href.replace(/[()[\]<> "'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
    catch {
        return undefined;
    }
}
/**
 * A fenced code block. It ends at a line that starts (after up to three spaces) with a run of at least
 * as many backticks as opened it, so the fence is longer than any run in the content.
 */
function codeBlock(content, info = '') {
    const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
    return `${fence}${info}\n${content}\n${fence}`;
}
/** Multi-line text for a code block: control characters other than the line breaks escaped. */
function blockText(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map((line) => oneLine(line))
        .join('\n');
}
/** Shortens text to at most `max` characters, saying how much was left out. */
function truncate(text, max) {
    if (text.length <= max)
        return text;
    // Never cut a surrogate pair in half: a lone surrogate is not valid text for the API.
    const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
    return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

;// CONCATENATED MODULE: ./lib/ansible/summary.js

// The summary must stay far under the runner's 1 MiB; diffs are what can grow without bound.
const MAX_LISTED = 50;
const MAX_DIFF_CHARS = 10_000;
const DIFF_BUDGET_CHARS = 300_000;
// Colour codes, when ANSIBLE_FORCE_COLOR made the diff for a terminal.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
function plural(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}
function headline(results) {
    const hosts = Object.keys(results.recap).length;
    const changedHosts = Object.values(results.recap).filter((r) => r.changed > 0).length;
    const problems = [];
    if (results.failedHosts.length > 0)
        problems.push(`failed on ${results.failedHosts.join(', ')}`);
    if (results.unreachableHosts.length > 0) {
        problems.push(`could not reach ${results.unreachableHosts.join(', ')}`);
    }
    if (problems.length > 0) {
        const text = problems.join('; ');
        return `:x: **${cellText(text.charAt(0).toUpperCase() + text.slice(1))}.**`;
    }
    if (results.check) {
        return changedHosts > 0
            ? `**${changedHosts} of ${plural(hosts, 'host')} would change.** Nothing was changed: this is a check-mode preview.`
            : `**No changes:** all ${plural(hosts, 'host')} already match the playbook (check mode).`;
    }
    return `**Configured ${plural(hosts, 'host')}**, ${changedHosts} changed.`;
}
function recapTable(results) {
    const lines = [
        `| host | ok | ${results.check ? 'would change' : 'changed'} | unreachable | failed | skipped | rescued | ignored | OS | kernel | Python |`,
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |',
    ];
    for (const [host, r] of Object.entries(results.recap).sort(([a], [b]) => a.localeCompare(b))) {
        const facts = results.facts[host] ?? {};
        const mark = r.failed > 0 || r.unreachable > 0 ? ':x: ' : '';
        lines.push(`| ${mark}${cellSpan(host)} | ${r.ok} | ${r.changed} | ${r.unreachable} | ${r.failed} | ${r.skipped} | ${r.rescued} | ${r.ignored} | ${cellText(facts.os ?? '')} | ${cellText(facts.kernel ?? '')} | ${cellText(facts.python ?? '')} |`);
    }
    return lines;
}
function changeList(results) {
    if (results.changes.length === 0)
        return [];
    const lines = [results.check ? '### Would change (check mode)' : '### Changed', ''];
    let budget = DIFF_BUDGET_CHARS;
    for (const change of results.changes.slice(0, MAX_LISTED * 2)) {
        const place = change.path ? ` (<code>${htmlText(change.path)}</code>)` : '';
        const title = `<code>${htmlText(change.host)}</code> · ${htmlText(change.task)}${place}`;
        if (!change.diff || budget <= 0) {
            lines.push(`- ${title}`);
            continue;
        }
        let diff = change.diff.replace(ANSI, '').trimEnd();
        if (diff.length > MAX_DIFF_CHARS)
            diff = `${diff.slice(0, MAX_DIFF_CHARS)}\n... (cut; the full diff is in the log)`;
        budget -= diff.length;
        lines.push(`<details><summary>${title}</summary>`, '', codeBlock(diff, 'diff'), '', '</details>', '');
    }
    const hidden = results.changes.length - MAX_LISTED * 2;
    if (hidden > 0)
        lines.push(`- … and ${hidden} more in results.json`);
    return [...lines, ''];
}
/** The job summary of a run: the recap with each host's OS, what failed, and what changed or would. */
function ansibleSummaryMarkdown(results, runUrl) {
    const lines = [
        `## Ansible${results.check ? ' preview (check mode)' : ''}: ${codeSpan(results.playbook)} on ${codeSpan(results.stack)}`,
        '',
        headline(results),
        '',
        ...recapTable(results),
        '',
    ];
    if (results.failures.length > 0) {
        lines.push('### Failed tasks', '');
        for (const f of results.failures.slice(0, MAX_LISTED)) {
            const place = f.path ? ` (${codeSpan(f.path)})` : '';
            lines.push(`- ${codeSpan(f.host)} · **${cellText(f.task)}**${place}: ${cellText(f.message)}`);
        }
        if (results.failures.length > MAX_LISTED) {
            lines.push(`- … and ${results.failures.length - MAX_LISTED} more in results.json`);
        }
        lines.push('');
    }
    const unreachable = Object.entries(results.unreachable);
    if (unreachable.length > 0) {
        lines.push('### Unreachable hosts', '');
        for (const [host, message] of unreachable.slice(0, MAX_LISTED)) {
            lines.push(`- ${codeSpan(host)}: ${cellText(message)}`);
        }
        lines.push('');
    }
    if (results.unmatchedPlays.length > 0) {
        lines.push(`:warning: Plays that matched no host: ${results.unmatchedPlays.map((p) => `**${cellText(p.play)}** (${codeSpan(p.pattern)})`).join(', ')}.`, '');
    }
    lines.push(...changeList(results));
    const footer = [
        results.ansibleVersion ? `ansible-core ${cellText(results.ansibleVersion)}` : '',
        `inventory: ${cellText(results.inventory)}`,
        results.limit ? `limit ${codeSpan(results.limit)}` : '',
        results.tags.length > 0 ? `tags ${results.tags.map((t) => codeSpan(t)).join(', ')}` : '',
        `${results.durationSeconds.toFixed(1)} s`,
        `commit \`${results.commit.slice(0, 12)}\``,
        `[run](${runUrl})`,
    ].filter(Boolean);
    lines.push(footer.join(' · '), '');
    return lines.filter((line, index, all) => !(line === '' && all[index - 1] === '')).join('\n');
}

;// CONCATENATED MODULE: ./lib/ansible/wait-action.js


/**
 * The wait's own action plugin: ansible.builtin.wait_for_connection with one shell command (`true`)
 * as the probe on SSH hosts, in place of the ping module. The ping module costs a round of interpreter
 * discovery, a temporary directory, a file transfer and a Python start on the host, all of which the
 * playbook's first task does again (wait_for_connection keeps neither the interpreter it found nor
 * anything else): about half a second a host that the wait added to every run. The shell command
 * answers whether the host takes SSH sessions for the user with the key, which is what the wait is
 * for; a host whose Python is broken fails in the playbook's first task, with Ansible's message.
 *
 * Everything else is wait_for_connection's, on purpose: the arguments, the timeout and the pause
 * between tries, the connection reset before each try (a ControlPersist master left by an earlier
 * step must not answer for a host that was replaced since), the skip in check mode. A connection
 * that is not SSH, or a shell that is not POSIX (PowerShell on Windows), gets wait_for_connection
 * itself, whose ping module is redirected to the one that fits.
 */
const WAIT_ACTION_NAME = 'iac_wait_for_connection';
const ACTION_SOURCE = String.raw `# Written by iac-pipeline's ansible-configure at run time; not part of any collection.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase
from ansible.plugins.action.wait_for_connection import ActionModule as WaitForConnection

PROBE_TRANSPORTS = frozenset(("ssh", "paramiko"))


class ActionModule(WaitForConnection):
    def run(self, tmp=None, task_vars=None):
        shell = getattr(self._connection, "_shell", None)
        if self._connection.transport not in PROBE_TRANSPORTS or getattr(shell, "SHELL_FAMILY", None) != "sh":
            return super(ActionModule, self).run(tmp, task_vars)
        if self._play_context.check_mode:
            return dict(skipped=True)
        result = ActionBase.run(self, tmp, task_vars)
        timeout = int(self._task.args.get("timeout", self.DEFAULT_TIMEOUT))
        delay = int(self._task.args.get("delay", self.DEFAULT_DELAY))
        sleep = int(self._task.args.get("sleep", self.DEFAULT_SLEEP))
        start = time.time()
        deadline = start + timeout
        if delay:
            time.sleep(delay)
        # Tries until the deadline, the last time at the deadline itself: a host gets the whole timeout.
        while True:
            error = self._probe()
            left = deadline - time.time()
            if error is None or left <= 0:
                break
            time.sleep(min(sleep, left))
        if error is not None:
            result["failed"] = True
            result["msg"] = "timed out waiting for a shell on the host: %s" % error
        result["elapsed"] = int(time.time() - start)
        return result

    def _probe(self):
        """None when the host ran the command, else why not (Ansible's connection error, as it words it)."""
        try:
            try:
                self._connection.reset()
            except AttributeError:
                pass
            answer = self._low_level_execute_command("true", sudoable=False)
        except Exception as e:
            return to_text(e)
        if answer.get("rc") == 0:
            return None
        stderr = to_text(answer.get("stderr") or "").strip()
        return "the shell exited with code %s%s" % (answer.get("rc"), ": " + stderr if stderr else "")
`;
/** Writes the plugin into `<dir>/action_plugins`, where Ansible looks beside a playbook in `dir`. */
async function writeWaitAction(dir) {
    const pluginDir = (0,external_node_path_.join)(dir, 'action_plugins');
    await (0,promises_.mkdir)(pluginDir, { recursive: true });
    await (0,promises_.writeFile)((0,external_node_path_.join)(pluginDir, `${WAIT_ACTION_NAME}.py`), ACTION_SOURCE);
}

;// CONCATENATED MODULE: ./lib/ansible/wait-play.js






/**
 * The wait for the hosts, as the first play of the same ansible-playbook run as the user's playbook,
 * rather than an ad hoc `ansible` run before it: one Python start-up and one round of SSH connections
 * less, and the playbook is parsed (a typo found) before any host is waited for, because
 * import_playbook is static. The wrapper lives beside the playbook, so that relative paths and roles
 * resolve as they would for the playbook, and it is removed when the run ends. The wait play itself
 * is a playbook of its own in the run's scratch directory, with the wait's action plugin
 * (wait-action.ts) beside it: Ansible adds the plugin directories beside every playbook it imports,
 * so no setting of the user's is replaced and nothing is written into the checkout but the wrapper.
 * Ansible also reads group_vars and host_vars beside each imported playbook, whatever
 * PLAYBOOK_VARS_ROOT says: links to the playbook's own make the wait connect to each host as the
 * playbook will (a host made local, or given its port or user, only there).
 */
const WAIT_PLAY_NAME = 'iac-pipeline: wait for the hosts to answer';
const WAIT_TASK_NAME = 'iac-pipeline: wait for the host to answer';
async function writeWaitingPlaybook(playbook, timeoutSeconds, scratch) {
    const waitDir = (0,external_node_path_.join)(scratch, 'wait');
    await (0,promises_.mkdir)(waitDir, { recursive: true });
    const waitPlaybook = (0,external_node_path_.join)(waitDir, 'wait.yml');
    const wait = {
        name: WAIT_PLAY_NAME,
        hosts: 'all',
        gather_facts: false,
        // As the ad hoc wait was: without become, in check mode too, whatever tags select.
        become: false,
        tasks: [
            {
                name: WAIT_TASK_NAME,
                [WAIT_ACTION_NAME]: { timeout: timeoutSeconds },
                // A host that does not answer stays in the run: the playbook tries it once more and reports it
                // unreachable, so the recap is the playbook's and max_fail_percentage decides as written.
                ignore_errors: true,
                ignore_unreachable: true,
                check_mode: false,
                tags: ['always'],
            },
        ],
    };
    const varsDirs = ['group_vars', 'host_vars']
        .map((name) => ({ from: (0,external_node_path_.join)((0,external_node_path_.dirname)(playbook), name), to: (0,external_node_path_.join)(waitDir, name) }))
        .filter(({ from }) => (0,external_node_fs_.existsSync)(from));
    await Promise.all([
        writeWaitAction(waitDir),
        (0,promises_.writeFile)(waitPlaybook, (0,dist/* stringify */.As)([wait])),
        ...varsDirs.map(({ from, to }) => (0,promises_.symlink)(from, to, 'dir')),
    ]);
    const path = (0,external_node_path_.join)((0,external_node_path_.dirname)(playbook), `.iac-configure-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.yml`);
    const plays = [{ import_playbook: waitPlaybook }, { import_playbook: (0,external_node_path_.basename)(playbook) }];
    await (0,promises_.writeFile)(path, `# Written by iac-pipeline's ansible-configure for one run, and removed after it.\n${(0,dist/* stringify */.As)(plays)}`, { flag: 'wx' });
    return { path, remove: () => (0,promises_.rm)(path, { force: true }) };
}
/**
 * Splits one run's events into the wait's outcome and the playbook's events. The recap Ansible keeps
 * covers both, so the wait's own counts come off it, as Ansible's strategy added them: one `ok` per
 * host, plus one `ignored` when the wait failed or found the host unreachable (both ignored). A host
 * only the wait touched leaves the recap, as it was never in it before.
 */
function separateWaitPlay(events) {
    const waited = new Map();
    const playbook = [];
    const waitResults = [];
    let waitStart;
    let waitEnd;
    for (const event of events) {
        if (event.event === 'play' && event.at !== undefined) {
            if (event.play === WAIT_PLAY_NAME)
                waitStart ??= event.at;
            else if (waitStart !== undefined)
                waitEnd ??= event.at;
        }
        if (!('play' in event) || event.play !== WAIT_PLAY_NAME) {
            playbook.push(event.event === 'stats' ? { ...event, hosts: withoutWait(event.hosts, waitResults) } : event);
        }
        else if (event.event === 'result') {
            waitResults.push(event);
            waited.set(event.host, event.status === 'failed' || event.status === 'unreachable'
                ? { answered: false, message: event.message || 'no answer' }
                : { answered: true });
        }
    }
    return {
        waited,
        playbook,
        ...(waitStart !== undefined && waitEnd !== undefined ? { waitSeconds: waitEnd - waitStart } : {}),
    };
}
function withoutWait(hosts, waitResults) {
    const recap = {};
    for (const [host, counts] of Object.entries(hosts))
        recap[host] = { ...counts };
    for (const result of waitResults) {
        const counts = recap[result.host];
        if (!counts)
            continue;
        counts.ok = Math.max(0, counts.ok - 1);
        if (result.status === 'failed' || result.status === 'unreachable') {
            counts.ignored = Math.max(0, counts.ignored - 1);
        }
    }
    for (const [host, counts] of Object.entries(recap)) {
        if (Object.values(counts).every((count) => count === 0))
            delete recap[host];
    }
    return recap;
}

// EXTERNAL MODULE: ./lib/audit/log.js + 5 modules
var log = __webpack_require__(94079);
;// CONCATENATED MODULE: ./lib/ansible/configure.js

















// GitHub shows at most 10 error annotations per step; the rest are in the summary and results.json.
const MAX_ANNOTATIONS = 10;
/**
 * ansible-configure: resolves the inventory (an input, or the artifact tf-apply published), waits for
 * every host to answer, runs the playbook with the iac_events callback beside the user's own output,
 * gathers the facts the summary shows, and uploads results.json and the log. The secret files live
 * only while Ansible runs: removed here, and again by the post step should this never finish.
 */
async function configure(inputs, deps) {
    const { logger, run } = deps;
    const started = Date.now();
    const stack = stackName(inputs.stack, inputs.workingDirectory, run.workspace, run.repo);
    const redactor = new Redactor(logger);
    for (const secret of [inputs.privateKey, inputs.vaultPassword])
        if (secret)
            redactor.add(secret);
    redactor.addLeaves(inputs.extraVars);
    const tools = await findAnsible(deps.searchPath);
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, `iac-ansible-${stack}-`));
    const secretsDir = await (0,ansible_connection/* createSecretsDir */.Rg)(run.runnerTemp);
    // Recorded before anything is written into it, so the post step removes it whatever happens next.
    deps.saveState(secret_files/* SECRETS_DIR_STATE */.w, secretsDir);
    try {
        const secrets = await (0,ansible_connection/* writeSecretFiles */.Bd)(secretsDir, {
            privateKey: inputs.privateKey,
            vaultPassword: inputs.vaultPassword,
            extraVars: inputs.extraVars,
        });
        const inventory = await resolveInventory({
            given: inputs.inventory,
            artifactName: inputs.inventoryArtifact ?? artifactName(inputs.artifactPrefix, 'inventory', stack),
            artifacts: deps.artifacts,
            scratch,
            workspace: run.workspace,
        });
        const connection = {
            inventory: inventory.argument,
            user: inputs.user,
            privateKeyFile: secrets.privateKey,
            vaultPasswordFile: secrets.vaultPassword,
            extraVarsFile: secrets.extraVars,
            limit: inputs.limit,
            forks: inputs.forks,
            hostKeyChecking: inputs.hostKeyChecking,
            knownHostsFile: inputs.knownHosts ? await (0,ansible_connection/* knownHostsFile */.ZC)(inputs.knownHosts, scratch) : undefined,
        };
        const resultsDir = (0,external_node_path_.join)(scratch, 'results');
        await (0,promises_.mkdir)(resultsDir, { recursive: true });
        const log = new AnsibleLog(logger, redactor, (0,external_node_path_.join)(resultsDir, LOG_FILE));
        let results;
        let failure;
        try {
            // Independent, so done together. No syntax check first: the playbook is imported statically behind
            // the wait, so Ansible reads all of it before it waits for any host.
            const [callbacks, pluginDir, waiting] = await Promise.all([
                readCallbackSettings(deps.exec, tools, inputs.workingDirectory),
                writeEventsCallback(scratch),
                writeWaitingPlaybook(inputs.playbook, inputs.connectionTimeout, scratch),
            ]);
            try {
                const env = ansibleEnvironment({ callbacks, pluginDir, hostKeyChecking: inputs.hostKeyChecking });
                const session = { inputs, deps, tools, connection, env, log, scratch, inventory };
                ({ results, failure } = await runPlaybook(session, waiting.path, stack, started, redactor));
            }
            finally {
                await waiting.remove();
            }
        }
        finally {
            await log.close();
        }
        const resultsPath = (0,external_node_path_.join)(resultsDir, RESULTS_FILE);
        await (0,promises_.writeFile)(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
        const name = artifactName(inputs.artifactPrefix, 'ansible', stack);
        await deps.artifacts.upload(name, [resultsPath, log.path], resultsDir);
        return { results, resultsPath, artifactName: name, ...(failure ? { failure } : {}) };
    }
    finally {
        await (0,promises_.rm)(secretsDir, { recursive: true, force: true });
    }
}
function ansible(session, command, args, name, title, onFirstOutput) {
    return session.deps.logger.group(title, () => runAnsible(session.deps.exec, command, args, {
        cwd: session.inputs.workingDirectory,
        env: session.env,
        eventsFile: (0,external_node_path_.join)(session.scratch, `${name}.events.jsonl`),
        log: session.log,
        title,
        ...(onFirstOutput ? { onFirstOutput } : {}),
    }));
}
async function runPlaybook(session, wrapper, stack, started, redactor) {
    const { inputs, deps, tools, connection } = session;
    const { logger, run } = deps;
    const playbookDir = (0,external_node_path_.dirname)(inputs.playbook);
    const playbookName = workspaceTaskPath(inputs.playbook, run.workspace);
    const clock = new PhaseClock(started);
    clock.lap('prepare');
    const ran = await ansible(session, tools.playbook, playbookArgs(wrapper, connection, {
        become: inputs.become,
        tags: inputs.tags,
        check: inputs.check,
        diff: inputs.diff,
    }), 'playbook', `ansible-playbook ${playbookName}${inputs.check ? ' (check mode)' : ''}`, 
    // The results' upload needs the artifact library: compiled while the hosts work, once Ansible's own
    // start-up no longer wants the CPU, rather than after the playbook.
    () => deps.artifacts.prepare?.());
    const parts = separateWaitPlay(ran.events);
    const played = { ...ran, ...summarizeEvents(parts.playbook) };
    if (!played.finished)
        throw tidy(runFailure(`ansible-playbook could not run ${playbookName}`, played), run, redactor);
    const waited = answeredHosts(session, parts.waited);
    clock.split('wait', parts.waitSeconds, 'playbook');
    const totals = totalsOf(played.recap);
    if (played.plays.length > 0 && played.unmatchedPlays.length === played.plays.length) {
        const patterns = played.unmatchedPlays.map((p) => p.pattern).join(', ');
        throw new errors/* ConfigurationError */.j1(`The playbook ${playbookName} ran on no host: the hosts of its plays (${patterns}) match none of the ${session.inventory.description}${inputs.limit ? ` within limit "${inputs.limit}"` : ''}.`);
    }
    for (const play of played.unmatchedPlays) {
        logger.warning(`The play "${play.play}" matched no host (hosts: ${play.pattern}); it did nothing.`, {
            title: 'Play matched no host',
        });
    }
    if (totals.hosts === 0) {
        logger.warning(`No task ran on any host${inputs.tags.length > 0 ? ` with tags ${inputs.tags.join(', ')}` : ''}.`, { title: 'Nothing ran' });
    }
    const facts = { ...played.facts, ...(await missingFacts(session, played, playbookDir)) };
    clock.lap('facts');
    // Redacted once here: the summary, the annotations, the outputs and results.json all come from it.
    const results = redactDeep(ansibleResultsSchema.parse({
        schema: ANSIBLE_RESULTS_SCHEMA,
        producer: { action: 'ansible-configure', version: version/* SUITE_VERSION */.s },
        stack,
        playbook: playbookName,
        inventory: session.inventory.description,
        commit: run.sha,
        ref: run.ref,
        runId: run.runId,
        runAttempt: run.runAttempt,
        createdAt: new Date().toISOString(),
        ...(played.ansibleVersion ? { ansibleVersion: played.ansibleVersion } : {}),
        check: inputs.check,
        diff: inputs.diff,
        ...(inputs.limit ? { limit: inputs.limit } : {}),
        tags: inputs.tags,
        exitCode: played.exitCode,
        durationSeconds: seconds(Date.now() - started),
        timings: clock.laps,
        recap: played.recap,
        changed: totals.changed,
        failedHosts: totals.failedHosts,
        unreachableHosts: totals.unreachableHosts,
        failures: played.failures.map((f) => ({ ...f, path: workspaceTaskPath(f.path, run.workspace) })),
        changes: played.changes.map((c) => ({ ...c, path: workspaceTaskPath(c.path, run.workspace) })),
        unreachable: played.unreachable,
        facts,
        waited,
        unmatchedPlays: played.unmatchedPlays,
    }), redactor);
    annotate(results, logger);
    const failure = outcomeFailure(results, played, redactor);
    return failure ? { results, failure } : { results };
}
/**
 * Which hosts answered the wait (wait-action.ts, bounded by connection-timeout). A host that did
 * not is not dropped: the playbook tried it once more and reports it unreachable.
 */
function answeredHosts(session, waits) {
    const { inputs, deps } = session;
    if (waits.size === 0) {
        throw new errors/* ConfigurationError */.j1(`No hosts to configure: the ${session.inventory.description} has no hosts${inputs.limit ? ` matching limit "${inputs.limit}"` : ''}.`);
    }
    for (const [host, wait] of waits) {
        if (wait.answered)
            continue;
        deps.logger.info(`${host} did not answer within ${inputs.connectionTimeout} s (${wait.message ?? 'no answer'}); the playbook tried it once more.`);
    }
    const answered = [...waits.values()].filter((w) => w.answered).length;
    deps.logger.info(`${answered} of ${waits.size} hosts answered.`);
    return Object.fromEntries(waits);
}
/** Facts for hosts the playbook reached without gathering them (a play with gather_facts: false). */
async function missingFacts(session, played, playbookDir) {
    const hosts = Object.entries(played.recap)
        .filter(([host, recap]) => recap.unreachable === 0 && !played.facts[host])
        .map(([host]) => host);
    if (hosts.length === 0)
        return {};
    const limitFile = (0,external_node_path_.join)(session.scratch, 'facts-hosts.txt');
    await (0,promises_.writeFile)(limitFile, `${hosts.join('\n')}\n`);
    const outcome = await ansible(session, session.tools.adhoc, factsArgs({ ...session.connection, limit: `@${limitFile}` }, playbookDir), 'facts', 'Gather facts for the summary');
    return outcome.facts;
}
/** One annotation per failed task (host, task, message, at the task's file and line) and unreachable host. */
function annotate(results, logger) {
    for (const failure of results.failures.slice(0, MAX_ANNOTATIONS)) {
        const detail = failure.stderr && !failure.message.includes(failure.stderr) ? `\n${failure.stderr}` : '';
        logger.error(`${failure.host}: task "${failure.task}" failed: ${failure.message}${detail}`, {
            title: `Ansible: ${failure.task} failed on ${failure.host}`,
            ...annotationPlace(failure.path),
        });
    }
    const unreachable = Object.entries(results.unreachable);
    for (const [host, message] of unreachable.slice(0, Math.max(0, MAX_ANNOTATIONS - results.failures.length))) {
        logger.error(`${host} is unreachable: ${message}`, { title: `Ansible: ${host} unreachable` });
    }
    const more = results.failures.length + unreachable.length - MAX_ANNOTATIONS;
    if (more > 0)
        logger.info(`${more} more failures are listed in the job summary and results.json.`);
}
function outcomeFailure(results, played, redactor) {
    const parts = [];
    const list = (hosts) => `${hosts.length} host${hosts.length === 1 ? '' : 's'} (${hosts.join(', ')})`;
    if (results.failedHosts.length > 0)
        parts.push(`failed on ${list(results.failedHosts)}`);
    if (results.unreachableHosts.length > 0)
        parts.push(`could not reach ${list(results.unreachableHosts)}`);
    if (parts.length > 0)
        return new errors/* StepFailure */.pH(`Ansible ${parts.join(' and ')}; see the annotations and the job summary.`);
    if (played.exitCode !== 0) {
        const why = played.error ?? played.stderrTail;
        return new errors/* StepFailure */.pH(redactor.redact(`ansible-playbook exited with code ${played.exitCode}${why ? `: ${why}` : ''}`));
    }
    return undefined;
}
/**
 * Ansible's error, made fit to print: redacted (it may quote a line holding a secret), and with files
 * named relative to the workspace, as users know them, instead of by Ansible's absolute paths.
 */
function tidy(error, run, redactor) {
    const message = redactor.redact(error.message.split(`${run.workspace}/`).join(''));
    return error instanceof errors/* ConfigurationError */.j1 ? new errors/* ConfigurationError */.j1(message) : new errors/* StepFailure */.pH(message);
}
function seconds(ms) {
    return Math.round(ms / 100) / 10;
}
/** Seconds spent in each phase, so a slow run says where its time went. */
class PhaseClock {
    last;
    laps = {};
    constructor(last) {
        this.last = last;
    }
    lap(name) {
        const now = Date.now();
        this.laps[name] = seconds(now - this.last);
        this.last = now;
    }
    /** Ends a lap that held two phases, the first of which took `firstSeconds` (when it is known). */
    split(first, firstSeconds, rest) {
        const now = Date.now();
        const whole = seconds(now - this.last);
        this.last = now;
        if (firstSeconds !== undefined) {
            const part = Math.min(whole, Math.round(firstSeconds * 10) / 10);
            this.laps[first] = part;
            this.laps[rest] = Math.round((whole - part) * 10) / 10;
        }
        else {
            this.laps[rest] = whole;
        }
    }
}
function redactDeep(value, redactor) {
    if (typeof value === 'string')
        return redactor.redact(value);
    if (Array.isArray(value))
        return value.map((item) => redactDeep(item, redactor));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redactor)]));
    }
    return value;
}
/** The ansible-configure step: configures the hosts, then its outputs and summary, then fails if a host did. */
async function runAnsibleConfigure(inputs, deps) {
    const { run } = deps;
    const event = (deps.audit ?? log.NO_AUDIT).begin('configure', {
        stack: stackName(inputs.stack, inputs.workingDirectory, run.workspace, run.repo),
    });
    const { results, resultsPath, artifactName, failure } = await configure(inputs, deps);
    const hosts = Object.keys(results.recap).length;
    event.finish(failure ? 'failure' : 'success', `${hosts} host(s)${results.check ? ' in check mode' : ''}: ${results.changed ? 'changed' : 'nothing changed'}, ${results.failedHosts.length} failed, ${results.unreachableHosts.length} unreachable.`);
    // Set before a failure is thrown, so that later `if: failure()` steps can read what happened.
    deps.setOutputs({
        recap: results.recap,
        changed: results.changed,
        'failed-hosts': results.failedHosts,
        'unreachable-hosts': results.unreachableHosts,
        'results-path': resultsPath,
        'artifact-name': artifactName,
    });
    await deps.writeSummary(ansibleSummaryMarkdown(results, deps.run.runUrl));
    if (failure)
        throw failure;
}


/***/ })

};
