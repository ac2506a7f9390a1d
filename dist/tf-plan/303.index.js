export const id = 303;
export const ids = [303];
export const modules = {

/***/ 18067:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ SUITE_VERSION)
/* harmony export */ });
/** The suite's version, recorded in every manifest; a unit test keeps it equal to package.json's. */
const SUITE_VERSION = '0.1.0';


/***/ }),

/***/ 15415:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rG: () => (/* binding */ TerraformCli),
  IE: () => (/* binding */ assertVariablesDeclared),
  rh: () => (/* reexport */ terraform_tool/* locateTool */.rh),
  Hj: () => (/* reexport */ terraform_tool/* resolveTool */.Hj)
});

// UNUSED EXPORTS: AUTOMATION_ENV, StalePlanError, StateLockedError, TerraformConfigurationError, TerraformError, isTerraformFailure, undeclaredVariables

// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: ./lib/terraform/backend.js
var backend = __webpack_require__(44532);
// EXTERNAL MODULE: ./lib/markdown/escape.js
var markdown_escape = __webpack_require__(26734);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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

;// CONCATENATED MODULE: ./lib/terraform/ui-stream.js


const toPosix = (path) => path.replaceAll('\\', '/');
/**
 * The workspace-relative path of a file the tool named, or undefined when it lies outside the
 * workspace (a module cached elsewhere): an annotation on such a path would link nowhere.
 */
function workspaceFile(filename, where) {
    let path;
    if ((0,external_node_path_.isAbsolute)(filename)) {
        // Go up from cwd once per segment of relativeDir to find the workspace root.
        const depth = external_node_path_.posix
            .normalize(toPosix(where.relativeDir))
            .split('/')
            .filter((s) => s && s !== '.');
        const root = (0,external_node_path_.resolve)(where.cwd, ...depth.map(() => '..'));
        path = toPosix((0,external_node_path_.relative)(root, filename));
    }
    else {
        path = external_node_path_.posix.join(toPosix(where.relativeDir), toPosix(filename));
    }
    path = external_node_path_.posix.normalize(path);
    if (path === '..' || path.startsWith('../') || external_node_path_.posix.isAbsolute(path))
        return undefined;
    return path;
}
/** The annotation's location. GitHub accepts columns only on a single-line range, so they go otherwise. */
function annotationFor(diagnostic) {
    const properties = { title: diagnostic.summary };
    const range = diagnostic.range;
    if (!range || !diagnostic.file)
        return properties;
    properties.file = diagnostic.file;
    properties.startLine = range.start.line;
    properties.endLine = range.end.line;
    if (range.start.line === range.end.line) {
        properties.startColumn = range.start.column;
        properties.endColumn = range.end.column;
    }
    return properties;
}
/** "infra/main.tf line 3" or "" when the diagnostic has no place in the workspace. */
function locationOf(diagnostic) {
    if (!diagnostic.range)
        return '';
    const file = diagnostic.file ?? diagnostic.range.filename;
    return `${file} line ${diagnostic.range.start.line}`;
}
/** The tool's error when another process holds the state lock (state-lock.ts reads its detail). */
const STATE_LOCK_SUMMARY = /^Error acquiring the state lock$/;
/** The tool's error when a saved plan's state has moved on. */
const STALE_PLAN_SUMMARY = /^Saved plan is stale$/;
/**
 * The state backend refused the credentials, or found none: S3's error codes and the AWS SDK's words,
 * wherever the tool puts them (the summary or the detail).
 */
const BACKEND_ACCESS_DENIED = /\b(SignatureDoesNotMatch|InvalidAccessKeyId|AccessDenied|InvalidToken|ExpiredToken|static credentials are empty|no valid credential sources|StatusCode: 403)\b/;
/**
 * Errors the step's failure restates in full, with what to do: logged as text, not annotated, so that
 * the step shows one error line rather than the tool's copy beside ours.
 */
function isRestatedError(diagnostic) {
    if (diagnostic.severity !== 'error')
        return false;
    if (STATE_LOCK_SUMMARY.test(diagnostic.summary) || STALE_PLAN_SUMMARY.test(diagnostic.summary))
        return true;
    return BACKEND_ACCESS_DENIED.test(`${diagnostic.summary}\n${diagnostic.detail}`);
}
/**
 * Consumes a command's output line by line: logs each message as it arrives, annotates diagnostics,
 * and remembers what a caller needs afterwards (diagnostics, the change summary, what apply finished).
 * A line that is not JSON is plain text: an older tool without -json for this command, or a
 * CLI-configuration warning.
 */
class UiStream extends ToolOutputStream {
    diagnostics = [];
    /** Addresses whose apply completed, in order: after a failed apply, these did change. */
    applied = [];
    changeSummary;
    /**
     * The root outputs of the last `outputs` message: after an apply, their values, except that the tool
     * leaves out the value of a sensitive one.
     */
    outputs;
    /** The version the first message reports: `"tofu": "1.12.6"` from OpenTofu, `"terraform"` from Terraform */
    version;
    parse(line) {
        return parseUiLine(line);
    }
    handle(message) {
        if (message.type === 'diagnostic' && message.diagnostic) {
            this.report(toDiagnostic(message.diagnostic, this.context));
            return;
        }
        if (message.type === 'version')
            this.version ??= versionOf(message);
        if (message.type === 'change_summary' && message.changes)
            this.changeSummary = message.changes;
        if (message.type === 'outputs' && message.outputs) {
            this.outputs = Object.fromEntries(Object.entries(message.outputs).map(([name, output]) => [
                name,
                { type: output.type, value: output.value, sensitive: output.sensitive === true },
            ]));
        }
        if (message.type === 'apply_complete' && message.hook?.resource?.addr) {
            this.applied.push(message.hook.resource.addr);
        }
        const text = message['@message'];
        if (text === undefined)
            return;
        if (message['@level'] === 'debug' || message['@level'] === 'trace')
            this.logger.debug(text);
        else
            this.logger.info(text);
    }
    report(diagnostic) {
        this.diagnostics.push(diagnostic);
        const text = diagnostic.detail ? `${diagnostic.summary}\n${diagnostic.detail}` : diagnostic.summary;
        if (isRestatedError(diagnostic)) {
            this.logger.info(text);
        }
        else if (diagnostic.severity === 'error')
            this.logger.error(text, annotationFor(diagnostic));
        else
            this.logger.warning(text, annotationFor(diagnostic));
    }
}
function versionOf(message) {
    const reported = message.tofu ?? message.terraform;
    return typeof reported === 'string' ? reported : undefined;
}
function parseUiLine(line) {
    if (!line.startsWith('{'))
        return undefined;
    try {
        const value = JSON.parse(line);
        return value !== null && typeof value === 'object' ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** A diagnostic as the tool's JSON gives it (`-json` UI lines, `validate -json`), with its file in the workspace. */
function toDiagnostic(raw, where) {
    const diagnostic = {
        severity: raw.severity === 'error' ? 'error' : 'warning',
        summary: typeof raw.summary === 'string' ? raw.summary : 'unknown problem',
        detail: typeof raw.detail === 'string' ? raw.detail : '',
    };
    const range = raw.range;
    if (range && typeof range.filename === 'string' && range.start && range.end) {
        diagnostic.range = {
            filename: range.filename,
            start: { line: range.start.line, column: range.start.column },
            end: { line: range.end.line, column: range.end.column },
        };
        const file = workspaceFile(range.filename, where);
        if (file)
            diagnostic.file = file;
    }
    return diagnostic;
}

;// CONCATENATED MODULE: ./lib/terraform/state-lock.js


/** The held lock a failed command reported, or undefined when the failure was something else. */
function heldLockOf(diagnostics) {
    const diagnostic = diagnostics.find((d) => d.severity === 'error' && STATE_LOCK_SUMMARY.test(d.summary));
    if (!diagnostic)
        return undefined;
    const field = (name) => {
        const match = new RegExp(`^\\s*${name}:[ \\t]*(.*)$`, 'm').exec(diagnostic.detail);
        const value = match?.[1]?.trim();
        return value ? value : undefined;
    };
    const id = field('ID');
    // A lock error without its info (the backend could not read the holder's lock) still says so.
    const lock = { id: id ?? '' };
    const put = (key, value) => {
        if (value !== undefined)
            lock[key] = value;
    };
    put('path', field('Path'));
    put('operation', field('Operation')
        ?.replace(/^OperationType/, '')
        .toLowerCase());
    put('who', field('Who'));
    put('version', field('Version'));
    put('created', field('Created'));
    return lock;
}
function holder(lock) {
    const parts = [
        lock.who ? `held by ${lock.who}` : 'held by another process',
        lock.operation ? `for ${lock.operation}` : undefined,
        lock.created ? `since ${lock.created}` : undefined,
    ];
    return parts.filter(Boolean).join(' ');
}
function unlockCommand(lock, context) {
    return `${context.tool} force-unlock -force ${lock.id || '<ID>'}`;
}
/** The one error line: whose lock, what was waited, and how to release a lock whose holder is gone. */
function heldLockMessage(lock, context) {
    const waited = context.lockTimeout
        ? `after waiting ${context.lockTimeout} (lock-timeout)`
        : 'without waiting (set lock-timeout to wait for it)';
    return (`The state is locked: lock ${lock.id || '(no ID given)'} is ${holder(lock)}${lock.path ? ` on ${lock.path}` : ''}, ` +
        `and ${context.tool} gave up ${waited}. Nothing was changed. ` +
        `If that holder is gone (its job was cancelled or its runner died), release the lock in ${context.directory} after ` +
        `${context.tool} init with the same backend-config: \`${unlockCommand(lock, context)}\`. ` +
        'Run it only when the holder is gone: unlocking under a running apply lets two applies write the state at once.');
}
/** The job summary's section for a held lock. */
function heldLockSummary(lock, context) {
    const rows = [
        ['Lock ID', lock.id || undefined],
        ['Held by', lock.who],
        ['Operation', lock.operation],
        ['Since', lock.created],
        ['Version', lock.version],
        ['Path', lock.path],
    ];
    return [
        '## :lock: The state is locked',
        '',
        `${(0,markdown_escape/* codeSpan */.SS)(context.tool)} could not take the state lock ${context.lockTimeout ? `within ${(0,markdown_escape/* codeSpan */.SS)(context.lockTimeout)}` : 'at once (no `lock-timeout`)'}; nothing was changed.`,
        '',
        '| | |',
        '|---|---|',
        ...rows
            .filter(([, value]) => value !== undefined)
            .map(([name, value]) => `| ${name} | ${(0,markdown_escape/* cellCode */.GA)(value ?? '')} |`),
        '',
        `If the holder is gone (its job was cancelled, its runner died), release the lock from ${(0,markdown_escape/* codeSpan */.SS)(context.directory)}, after \`${context.tool} init\` with the same backend-config:`,
        '',
        (0,markdown_escape/* codeBlock */.DV)(unlockCommand(lock, context), 'sh'),
        '',
        '> [!WARNING]',
        '> Run it only when the holder is gone: unlocking under a running apply lets two applies write the state at once.',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./lib/terraform/errors.js



/**
 * An error class that carries the facts of a failed command: the one body both kinds below share.
 * Its arguments are the message and the failure.
 */
function carryingFailure(Base) {
    // TypeScript types a mixin's constructor as taking any arguments: the cast below says which.
    const WithFailure = class extends Base {
        command;
        exitCode;
        diagnostics;
        applied;
        constructor(...args) {
            const [message, failure] = args;
            super(message);
            this.command = failure.command;
            this.exitCode = failure.exitCode;
            this.diagnostics = failure.diagnostics;
            this.applied = failure.applied;
        }
    };
    return WithFailure;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
class TerraformError extends carryingFailure(Error) {
    name = 'TerraformError';
}
class TerraformConfigurationError extends carryingFailure(errors/* ConfigurationError */.j1) {
}
/** The state changed between plan and apply; the saved plan can never be applied now. */
class StalePlanError extends TerraformConfigurationError {
}
/**
 * Another process holds the state lock: neither the user's mistake nor a bug, and nothing was changed.
 * Its message and job summary name the lock and how to release one whose holder is gone.
 */
class StateLockedError extends carryingFailure(errors/* StepFailure */.pH) {
    name = 'StateLockedError';
    lock;
}
/**
 * The state backend refused the credentials the step has, or it has none: the step's setup to fix (its
 * env:, its role), not a bug, and nothing was changed.
 */
class BackendAccessError extends carryingFailure(errors/* StepFailure */.pH) {
    name = 'BackendAccessError';
}
function isTerraformFailure(error) {
    return (error instanceof TerraformError ||
        error instanceof TerraformConfigurationError ||
        error instanceof StateLockedError ||
        error instanceof BackendAccessError);
}
/**
 * Complaints without a range that are still about what the user passed in. Matched on the summary,
 * which both tools print in English whatever the locale.
 */
const USER_INPUT_SUMMARIES = [
    /^Failed to read variables file$/, // var-files names a file that does not exist
    /^Failed to read file$/, // backend-config names a file that does not exist
    /^Invalid backend configuration argument$/, // backend-config sets a key the backend does not have
    /^Invalid target /, // targets holds something that is not an address
    /^Invalid force-replace address /, // replace holds something that is not an address
];
/** The error to throw for a command that failed, chosen as described at the top of this file. */
function commandFailure(failed) {
    const errors = failed.diagnostics.filter((d) => d.severity === 'error');
    const what = `${failed.command.slice(0, 2).join(' ')} failed`;
    const tool = failed.command[0] ?? 'tofu';
    if (errors.some((d) => STALE_PLAN_SUMMARY.test(d.summary))) {
        return new StalePlanError(stalePlanMessage(tool), failed);
    }
    const lock = heldLockOf(errors);
    if (lock) {
        const lockTimeout = failed.command
            .find((arg) => arg.startsWith('-lock-timeout='))
            ?.slice('-lock-timeout='.length);
        const context = { tool, directory: failed.directory, lockTimeout };
        const error = new StateLockedError(heldLockMessage(lock, context), failed);
        error.lock = lock;
        error.summary = heldLockSummary(lock, context);
        return error;
    }
    const denied = errors.find((d) => BACKEND_ACCESS_DENIED.test(`${d.summary}\n${d.detail}`));
    if (denied)
        return new BackendAccessError(backendAccessMessage(what, denied), failed);
    if (errors.length === 0) {
        const tail = failed.stderrTail ? `:\n${failed.stderrTail}` : '; see the log above';
        return new TerraformError(`${what} with exit code ${failed.exitCode} and no diagnostic${tail}`, failed);
    }
    const message = `${what}: ${describe(errors)}`;
    const usersMistake = failed.readsConfiguration && errors.every(isUsersMistake);
    return usersMistake
        ? new TerraformConfigurationError(message, failed)
        : new TerraformError(message, failed);
}
function isUsersMistake(diagnostic) {
    return diagnostic.range !== undefined || USER_INPUT_SUMMARIES.some((re) => re.test(diagnostic.summary));
}
// The annotations carry every diagnostic in full; the one error line names the first few.
const DESCRIBED_ERRORS = 3;
function describe(errors) {
    const shown = errors.slice(0, DESCRIBED_ERRORS).map((d) => {
        const where = locationOf(d);
        const detail = d.detail ? ` (${d.detail.split('\n')[0]})` : '';
        return `${where ? `${where}: ` : ''}${d.summary}${detail}`;
    });
    const more = errors.length - shown.length;
    return shown.join('; ') + (more > 0 ? `; and ${more} more error(s), annotated above` : '');
}
// The tool's own text can be long (request IDs, host IDs): enough of it to recognise, not all.
const QUOTED_LENGTH = 400;
function backendAccessMessage(what, denied) {
    const said = denied.summary.length > QUOTED_LENGTH ? `${denied.summary.slice(0, QUOTED_LENGTH)}…` : denied.summary;
    return (`${what}: the state backend refused access (${said}). Nothing was changed. Give the step the backend's ` +
        'credentials in its env: (for s3: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, with AWS_SESSION_TOKEN for ' +
        'temporary ones, or a role through aws-actions/configure-aws-credentials), and check that they may read ' +
        'and write the state and its lock file.');
}
function stalePlanMessage(tool) {
    return (`${tool} refused the saved plan: "Saved plan is stale". The state changed after this plan was made, ` +
        'so another apply (or a state change) ran in between, and applying this plan now could undo it. ' +
        'Nothing was applied. Run the plan again and get the new plan approved, then apply that one.');
}

// EXTERNAL MODULE: ./lib/terraform/json-document.js
var json_document = __webpack_require__(12228);
// EXTERNAL MODULE: ./lib/terraform/plan-summary.js
var plan_summary = __webpack_require__(59960);
// EXTERNAL MODULE: ./lib/terraform/tool.js
var terraform_tool = __webpack_require__(47180);
;// CONCATENATED MODULE: ./lib/terraform/cli.js









/**
 * Never prompt, and let the tool shorten messages that suggest running commands by hand. The workspace
 * is chosen with `workspace select` only: a TF_WORKSPACE left in the job's environment would override
 * it silently (an empty value counts as unset).
 */
const AUTOMATION_ENV = { TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_WORKSPACE: '' };
// Input variable names, as both tools accept them (and as the `vars` input checks them).
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/**
 * tofu or terraform in one working directory. Every command runs with an argument array, with input
 * disabled, with -json where the command has it, and streams the tool's messages to the log as they come.
 */
class TerraformCli {
    options;
    where;
    known;
    constructor(options) {
        this.options = options;
        this.where = { cwd: options.cwd, relativeDir: options.relativeDir ?? '.' };
        this.known = 'version' in options.tool ? options.tool : undefined;
    }
    /** The tool and its version; for a CLI made with a located tool, known once `init` has run. */
    get tool() {
        if (!this.known)
            throw new Error(`the version of ${this.options.tool.path} is read by init, which has not run`);
        return this.known;
    }
    /** Initializes the working directory; resolves to the backend it configured (none: local state). */
    async init(options = {}) {
        const rest = [];
        for (const entry of options.backendConfig ?? [])
            rest.push(`-backend-config=${entry}`);
        if (options.lockfileReadonly)
            rest.push('-lockfile=readonly');
        await (0,backend/* refuseCredentialFiles */.dJ)(options.backendConfig ?? [], this.where.cwd);
        const streamed = { streamStdout: true, readsConfiguration: true };
        if (this.known) {
            await this.run(['init', '-input=false', (0,terraform_tool/* supportsInitJson */.FK)(this.known) ? '-json' : '-no-color', ...rest], streamed);
        }
        else {
            this.known = await this.initLearningVersion(rest, streamed);
        }
        // The tool's own data directory: TF_DATA_DIR when the step sets it, as the tool itself reads it.
        return (0,backend/* initializedBackend */.Vb)(this.where.cwd, this.options.env?.TF_DATA_DIR ?? process.env.TF_DATA_DIR);
    }
    /**
     * `init -json`, whose first message names the tool's version. A tool too old for `init -json` fails
     * on the flag before it does anything; only then is its version read, and init runs again as text.
     */
    async initLearningVersion(rest, streamed) {
        const located = this.options.tool;
        let first;
        try {
            first = await this.run(['init', '-input=false', '-json', ...rest], streamed);
        }
        catch (error) {
            const tool = await (0,terraform_tool/* readToolVersion */.PR)(located, this.options.exec);
            if ((0,terraform_tool/* supportsInitJson */.FK)(tool))
                throw error;
            this.options.logger.info(`${tool.name} ${tool.version} has no \`init -json\` (the flag error above): running init again with text output.`);
            await this.run(['init', '-input=false', '-no-color', ...rest], streamed);
            return tool;
        }
        return (0,terraform_tool/* withVersion */.$2)(located, first.stream.version) ?? (await (0,terraform_tool/* readToolVersion */.PR)(located, this.options.exec));
    }
    /** Selects the workspace, creating it when it does not exist yet. */
    async selectWorkspace(name) {
        // Neither tool has -json for workspace commands in every version: plain text, without colour codes.
        if (this.tool.name === 'tofu' || (0,terraform_tool/* atLeast */.jZ)(this.tool, 1, 4)) {
            await this.run(['workspace', 'select', '-no-color', '-or-create=true', name], {
                streamStdout: true,
                readsConfiguration: true,
            });
            return;
        }
        // terraform before 1.4 has no -or-create: select, and create only when selecting failed.
        const selected = await this.run(['workspace', 'select', '-no-color', name], {
            streamStdout: true,
            readsConfiguration: true,
            okExitCodes: [0, 1],
        });
        if (selected.exitCode !== 0) {
            await this.run(['workspace', 'new', '-no-color', name], {
                streamStdout: true,
                readsConfiguration: true,
            });
        }
    }
    async plan(options) {
        const args = ['plan', '-input=false', '-json', '-detailed-exitcode', `-out=${options.out}`];
        if (options.destroy)
            args.push('-destroy');
        if (options.refreshOnly)
            args.push('-refresh-only');
        for (const file of options.varFiles ?? [])
            args.push(`-var-file=${file}`);
        for (const target of options.targets ?? [])
            args.push(`-target=${target}`);
        for (const address of options.replace ?? [])
            args.push(`-replace=${address}`);
        args.push(...tuningArgs(options));
        const { exitCode, stream } = await this.run(args, {
            streamStdout: true,
            readsConfiguration: true,
            env: variableEnv(options.vars ?? []),
            okExitCodes: [0, 2],
        });
        return {
            exitCode: exitCode === 2 ? 2 : 0,
            hasChanges: exitCode === 2,
            diagnostics: stream.diagnostics,
            ...(stream.changeSummary ? { changeSummary: stream.changeSummary } : {}),
        };
    }
    /**
     * The planfile as `show -json`: the document reviewers and the summary read. Its stdout holds every
     * planned value, sensitive ones included, so it is parsed and never logged.
     */
    async show(planfile) {
        const { stdout } = await this.run(['show', '-json', '-no-color', planfile], {
            streamStdout: false,
            readsConfiguration: false,
        });
        const doc = this.document(stdout, 'show -json');
        (0,plan_summary/* assertPlanFormat */.v)(doc);
        return doc;
    }
    /** Applies exactly the planfile; never plans anew (a planfile carries its own variables). */
    async apply(planfile, options = {}) {
        const args = ['apply', '-input=false', '-json', '-auto-approve', ...tuningArgs(options), planfile];
        const { stream } = await this.run(args, { streamStdout: true, readsConfiguration: false });
        return {
            applied: stream.applied,
            diagnostics: stream.diagnostics,
            ...(stream.changeSummary ? { changeSummary: stream.changeSummary } : {}),
            ...(stream.outputs ? { outputs: stream.outputs } : {}),
        };
    }
    /** Every root output with its value, sensitive ones included: never logged. */
    async output() {
        const { stdout } = await this.run(['output', '-json', '-no-color'], {
            streamStdout: false,
            readsConfiguration: false,
        });
        return this.document(stdout, 'output -json');
    }
    /**
     * The current state, or undefined when there is none (`state pull` then prints nothing). With a
     * workspace, that workspace's state, read through TF_WORKSPACE so that reading one never creates it.
     */
    async statePull(options = {}) {
        const { stdout } = await this.run(['state', 'pull', '-no-color'], {
            streamStdout: false,
            readsConfiguration: false,
            ...(options.workspace ? { env: { TF_WORKSPACE: options.workspace } } : {}),
        });
        const { value, preamble } = (0,json_document/* parseJsonDocument */.d)(stdout);
        if (preamble)
            this.options.logger.info(preamble);
        if (value === undefined)
            return undefined;
        return this.asObject(value, 'state pull');
    }
    document(stdout, command) {
        const { value, preamble } = (0,json_document/* parseJsonDocument */.d)(stdout);
        if (preamble)
            this.options.logger.info(preamble);
        return this.asObject(value, command);
    }
    asObject(value, command) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            throw new Error(`${this.tool.name} ${command} printed no JSON object`);
        }
        return value;
    }
    async run(args, options) {
        const { exec, logger, tool } = this.options;
        const command = [tool.name, ...args.map(safeArg)];
        logger.debug(`running ${command.join(' ')} in ${this.where.relativeDir}`);
        const stream = new UiStream(logger, this.where);
        const result = await exec(tool.path, args, {
            cwd: this.where.cwd,
            env: { ...this.options.env, ...AUTOMATION_ENV, ...options.env },
            ...(options.streamStdout ? { onStdoutLine: stream.onStdoutLine } : {}),
            onStderrLine: stream.onStderrLine,
        });
        if (!(options.okExitCodes ?? [0]).includes(result.exitCode)) {
            throw commandFailure({
                command,
                exitCode: result.exitCode,
                diagnostics: stream.diagnostics,
                applied: stream.applied,
                stderrTail: stream.stderrTail(),
                readsConfiguration: options.readsConfiguration,
                directory: this.where.relativeDir,
            });
        }
        return { exitCode: result.exitCode, stdout: result.stdout, stream };
    }
}
function tuningArgs(options) {
    const args = [];
    if (options.lockTimeout)
        args.push(`-lock-timeout=${options.lockTimeout}`);
    if (options.parallelism !== undefined)
        args.push(`-parallelism=${options.parallelism}`);
    return args;
}
/** TF_VAR_<name> for each variable: values travel in the environment, never in argv or the log. */
function variableEnv(vars) {
    const env = {};
    for (const [name, value] of vars) {
        if (!VARIABLE_NAME.test(name)) {
            throw new errors/* ConfigurationError */.j1(`vars: "${name}" is not a variable name (letters, digits, _ and -)`);
        }
        env[`TF_VAR_${name}`] = value;
    }
    return env;
}
/** The argument as it may be shown: backend-config key=value entries often hold credentials. */
function safeArg(arg) {
    const match = /^(-backend-config=[^=]+)=/.exec(arg);
    return match ? `${match[1]}=***` : arg;
}
/**
 * The names in `vars` that the root module does not declare. The tool silently ignores a TF_VAR_ for
 * an undeclared variable, so without this check a misspelt name in `vars` would simply not apply.
 * Reads the declarations from the `show -json` document of the plan.
 */
function undeclaredVariables(planDocument, names) {
    const configuration = planDocument.configuration;
    const declared = new Set(Object.keys(configuration?.root_module?.variables ?? {}));
    return names.filter((name) => !declared.has(name));
}
/** Throws the ConfigurationError for undeclared names in `vars`, naming them (never their values). */
function assertVariablesDeclared(planDocument, names) {
    const undeclared = undeclaredVariables(planDocument, names);
    if (undeclared.length === 0)
        return;
    throw new errors/* ConfigurationError */.j1(`vars: the configuration declares no variable named ${undeclared.map((n) => `"${n}"`).join(', ')}; ` +
        'add a variable block for it or remove it from vars');
}


/***/ }),

/***/ 12228:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseJsonDocument)
/* harmony export */ });
function parseJsonDocument(stdout) {
    if (stdout.trim() === '')
        return { value: undefined, preamble: '' };
    try {
        return { value: JSON.parse(stdout), preamble: '' };
    }
    catch (error) {
        const start = documentStart(stdout);
        if (start === undefined)
            return { value: undefined, preamble: stdout.trim() };
        if (start === 0)
            throw error;
        // A document that still does not parse after the preamble is truncated or corrupt: let that surface.
        return { value: JSON.parse(stdout.slice(start)), preamble: stdout.slice(0, start).trim() };
    }
}
/** The offset of the first line that opens a JSON object or array, if any. */
function documentStart(text) {
    const match = /^[{[]/m.exec(text);
    return match?.index;
}


/***/ }),

/***/ 28303:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ff: () => (/* binding */ WAVE_OUTPUTS),
  et: () => (/* binding */ plan),
  qz: () => (/* binding */ planStack)
});

// UNUSED EXPORTS: DEFAULT_POLICY_NAMESPACE, POLICY_SARIF_FILE

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/artifacts/names.js
var names = __webpack_require__(40963);
// EXTERNAL MODULE: ./lib/contracts/bundle.js
var bundle = __webpack_require__(25843);
// EXTERNAL MODULE: ./lib/contracts/digest.js
var digest = __webpack_require__(19843);
// EXTERNAL MODULE: ./lib/contracts/encryption.js
var encryption = __webpack_require__(92574);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var contracts_manifest = __webpack_require__(21330);
;// CONCATENATED MODULE: ./lib/core/checkout.js

/**
 * The commit whose files a job plans or applies: what the checkout holds, which is not always GITHUB_SHA.
 * On pull_request events GITHUB_SHA is the merge commit, while a workflow that checks out the pull
 * request's head (as the suite's workflows do, so that the plan is of the commit reviewers see and an
 * approved plan can be applied on the pull request's branch) holds the head commit. `git rev-parse HEAD`
 * says which, when the directory is in a git work tree inside the workspace; otherwise GITHUB_SHA.
 */
async function checkedOutCommit(exec, logger, options) {
    let result;
    try {
        result = await exec('git', ['rev-parse', '--show-toplevel', 'HEAD'], { cwd: options.directory });
    }
    catch {
        return options.fallback; // no git on PATH: the workspace was not made by a checkout
    }
    const [top = '', head = ''] = result.stdout.trim().split('\n');
    const within = (path) => {
        const rel = (0,external_node_path_.relative)(options.workspace, path);
        return !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel);
    };
    // A work tree above the workspace (a runner installed inside some repository) is not the checkout.
    if (result.exitCode !== 0 || !/^[0-9a-f]{40}$/.test(head) || !within(top))
        return options.fallback;
    if (head !== options.fallback) {
        logger.info(`The checkout holds commit ${head} (GITHUB_SHA is ${options.fallback}); that is the commit recorded.`);
    }
    return head;
}

// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
// EXTERNAL MODULE: ./lib/plan/model.js
var plan_model = __webpack_require__(21554);
// EXTERNAL MODULE: ./lib/plan/sensitive.js
var sensitive = __webpack_require__(40251);
// EXTERNAL MODULE: ./lib/terraform/cli.js + 4 modules
var terraform_cli = __webpack_require__(15415);
// EXTERNAL MODULE: ./lib/terraform/plan-summary.js
var plan_summary = __webpack_require__(59960);
;// CONCATENATED MODULE: ./lib/terraform/state.js
/** What the state looked like when the plan was made: tf-apply refuses a plan made before the first apply. */
function priorStateOf(state) {
    if (!state)
        return { exists: false };
    const serial = typeof state.serial === 'number' ? state.serial : undefined;
    const lineage = typeof state.lineage === 'string' ? state.lineage : undefined;
    return { exists: true, ...(serial !== undefined ? { serial } : {}), ...(lineage ? { lineage } : {}) };
}

// EXTERNAL MODULE: ./lib/terraform/backend.js
var terraform_backend = __webpack_require__(44532);
// EXTERNAL MODULE: ./lib/terraform/tool.js
var terraform_tool = __webpack_require__(47180);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
;// CONCATENATED MODULE: ./lib/github/deployments.js

/**
 * A GitHub deployment for an environment, created before the apply and moved in_progress → success or
 * failure after it, so the environment's page shows what was applied and from which run.
 */
class Deployment {
    api;
    id;
    constructor(api, id) {
        this.api = api;
        this.id = id;
    }
    static async start(client, context, options) {
        const api = deploymentsApi(client, context);
        const deployment = new Deployment(api, await api.create({ ref: context.sha, ...options }));
        await deployment.setStatus('in_progress', 'Applying the approved plan');
        return deployment;
    }
    finish(outcome, description) {
        return this.setStatus(outcome, description);
    }
    setStatus(state, description) {
        // A stack's apply does not retire the environment's release: only the next release does, once its
        // smoke tests passed (the releases' record step), so GitHub's auto_inactive is left to that.
        return this.api.setStatus(this.id, state, description, { retireOthers: false });
    }
}
function deploymentsApi(client, context) {
    const repository = { owner: context.owner, repo: context.repo };
    return {
        async list(environment) {
            return client.paginate(client.rest.repos.listDeployments, {
                ...repository,
                environment,
                per_page: 100,
            });
        },
        async get(deploymentId) {
            try {
                const { data } = await client.rest.repos.getDeployment({
                    ...repository,
                    deployment_id: deploymentId,
                });
                return data;
            }
            catch (error) {
                if (error.status === 404) {
                    throw new errors/* ConfigurationError */.j1(`Deployment ${deploymentId} does not exist in ${repository.owner}/${repository.repo}: give the id of a release's deployment (the release action's deployment-id output)`);
                }
                throw error;
            }
        },
        async statuses(deploymentId) {
            return client.paginate(client.rest.repos.listDeploymentStatuses, {
                ...repository,
                deployment_id: deploymentId,
                per_page: 100,
            });
        },
        async create(options) {
            const { data } = await client.rest.repos.createDeployment({
                ...repository,
                ref: options.ref,
                environment: options.environment,
                description: options.description.slice(0, 140),
                payload: options.payload,
                // What is deployed was checked already (an approved plan, a smoke-tested release): commit
                // statuses must not block the record of it.
                required_contexts: [],
                auto_merge: false,
            });
            if (!('id' in data))
                throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no reason given'}`);
            return data.id;
        },
        async setStatus(deploymentId, state, description, options = {}) {
            await client.rest.repos.createDeploymentStatus({
                ...repository,
                deployment_id: deploymentId,
                state,
                description: description.slice(0, 140),
                log_url: context.runUrl,
                ...(options.retireOthers === false ? { auto_inactive: false } : {}),
            });
        },
    };
}

;// CONCATENATED MODULE: ./lib/github/lazy-client.js
/**
 * The GitHub client, made on first use and then shared. Octokit is loaded only then: the runs that never
 * talk to GitHub do not pay for it (start-up time is measured). Without a token, the first use throws what
 * `missingToken` makes: the message that names the input and why this step needs it.
 */
function lazyGitHubClient(token, logger, run, missingToken) {
    let client;
    return () => (client ??= (async () => {
        if (!token)
            throw missingToken();
        const { createGitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(913), __webpack_require__.e(530), __webpack_require__.e(282)]).then(__webpack_require__.bind(__webpack_require__, 51282));
        return createGitHubClient(token, logger, { apiUrl: run.apiUrl });
    })());
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
;// CONCATENATED MODULE: ./lib/contracts/release.js


/**
 * `iac/release@1`: what one run deployed to one environment once apply, configure and smoke were all
 * green. The commit, the image (packer-build's image id and the sha256 of its build-metadata.json),
 * each stack's plan digest, var files and backend, and each smoke-tested stack's results digest and
 * counts. It is the payload of the environment's GitHub deployment and the artifact
 * `<prefix>-release-<environment>`; promotion deploys exactly such a record to the next environment,
 * and rollback goes back to one.
 */
const RELEASE_FILE = 'release.json';
const RELEASE_KIND = 'iac/release';
const RELEASE_MAJOR = 1;
const RELEASE_SCHEMA = `${RELEASE_KIND}@${RELEASE_MAJOR}`;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const release_text = schemas/* string */.YjP().min(1, { error: 'must not be empty' });
const isoTime = iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const sha256Hex = schemas/* string */.YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
const release_digest = schemas/* string */.YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' });
/** A whole number from `min`; zod would call a string here "not a number", so word it as manifest.ts does. */
function wholeNumber(min) {
    return schemas/* int */.Whr({
        error: (issue) => issue.input === undefined
            ? 'is missing (it must be a whole number)'
            : `must be a whole number, not ${describeValue(issue.input)}`,
    })
        .min(min, { error: `must be a whole number, ${min} or more` });
}
function describeValue(input) {
    if (input === null)
        return 'null';
    if (Array.isArray(input))
        return 'a list';
    if (typeof input === 'number' || typeof input === 'boolean')
        return String(input);
    return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}
const count = wholeNumber(0);
const tallyShape = { passed: count, failed: count, notRun: count, total: count };
/** The counts must add up: a record whose counts disagree would pass or fail a quality gate wrongly. */
function checkTally(t, ctx) {
    if (t.passed + t.failed !== t.total) {
        ctx.addIssue({ code: 'custom', path: ['total'], message: 'must be passed plus failed' });
    }
    if (t.notRun > t.failed) {
        ctx.addIssue({ code: 'custom', path: ['notRun'], message: 'counts among failed, so it cannot be more' });
    }
}
/**
 * Checks counted as smoke-test counts them: `failed` includes the checks the deadline left unrun,
 * and `notRun` says how many of those there were (smoke-test's tallies do not; its checks do).
 */
const smokeTallySchema = schemas/* object */.Ikc(tallyShape).superRefine(checkTally);
/** One stack's smoke-test results, as the release keeps them: their digest and their counts. */
const releaseSmokeSchema = schemas/* object */.Ikc({
    /** sha256 hex of the results.json the counts were taken from. */
    resultsSha256: sha256Hex,
    ...tallyShape,
    /** Whether smoke-test failed its step on these results (its own fail-on and threshold). */
    failedStep: schemas/* boolean */.zMY(),
    /** By smoke-test's category (connectivity, service, security, functionality); only those that had checks. */
    byCategory: schemas/* record */.g1P(release_text, smokeTallySchema),
})
    .superRefine(checkTally);
const releaseStackSchema = schemas/* object */.Ikc({
    stack: release_text,
    planDigest: release_digest,
    /** POSIX, relative to the workspace, '.' for the workspace itself (as in the plan manifest). */
    workingDirectory: schemas/* string */.YjP().refine(contracts_manifest/* isWorkspacePath */.P9, {
        error: "must be a POSIX path relative to the workspace, '.' for the workspace itself",
    }),
    workspace: release_text,
    /** As the plan manifest has them: the path tf-plan was given, and the file's sha256 then. */
    varFiles: schemas/* array */.YOg(contracts_manifest/* varFileSchema */.be),
    backend: contracts_manifest/* backendRecordSchema */.Fg.optional(),
    /** Absent for a stack that has no smoke checks. */
    smoke: releaseSmokeSchema.optional(),
});
/** The golden image the release runs, from packer-build's build-metadata.json. */
const releaseImageSchema = schemas/* object */.Ikc({
    /** packer-build's `image-id`; empty for builders that export no artifact id. */
    id: schemas/* string */.YjP(),
    name: release_text,
    /** sha256 hex of the build-metadata.json read. */
    buildMetadataSha256: sha256Hex,
    templateHash: release_digest,
    /**
     * What the stacks' image variable was given: the id, or the name for builders whose artifacts have no
     * id of their own (iac-pipeline.yml's image-identifier). Absent: the id, else the name.
     */
    identifier: schemas/* string */.YjP().min(1).optional(),
});
/**
 * The release this one deployed again: the source of a promotion, or the target of a rollback, as the
 * plans' manifests bound it (the stack's image variable left out: it is per stack).
 */
const releaseSourceSchema = contracts_manifest/* releaseBindingSchema */.Un.omit({ imageVariable: true });
/** The release that ran in the environment before this one, as its deployment stood when this one was made. */
const replacedReleaseSchema = schemas/* object */.Ikc({
    deploymentId: wholeNumber(1),
    runId: wholeNumber(1),
    /** Its latest deployment status then: success, failure, inactive, … */
    state: release_text,
    stateAt: isoTime.optional(),
});
/** From the failed release's status to this release's success: the time to restore. */
const timeToRestoreSchema = schemas/* object */.Ikc({
    seconds: count,
    failedAt: isoTime,
    restoredAt: isoTime,
});
const releaseSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(RELEASE_SCHEMA),
    producer: contracts_manifest/* producerSchema */.yO,
    environment: release_text,
    /** The commit the stacks were planned (and so applied) at. */
    commit: schemas/* string */.YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: schemas/* string */.YjP(),
    /** The run that applied and smoke-tested the release. */
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    createdAt: isoTime,
    /** Absent for a release whose run built no image. */
    image: releaseImageSchema.optional(),
    stacks: schemas/* array */.YOg(releaseStackSchema)
        .min(1, { error: 'must list at least one stack' })
        .superRefine((stacks, ctx) => {
        const seen = new Set();
        stacks.forEach((stack, index) => {
            if (seen.has(stack.stack)) {
                ctx.addIssue({ code: 'custom', path: [index, 'stack'], message: `names "${stack.stack}" twice` });
            }
            seen.add(stack.stack);
        });
    }),
    source: releaseSourceSchema.optional(),
    /** `success` when apply, configure and smoke were all green; a failed release is recorded too. */
    outcome: schemas/* enum */.k5n(['success', 'failure'], { error: 'must be one of: success, failure' }),
    /** Why a failed release failed, in a sentence. */
    failure: schemas/* string */.YjP().optional(),
    replaces: replacedReleaseSchema.optional(),
    /** Present when this release succeeded after a failed one. */
    timeToRestore: timeToRestoreSchema.optional(),
});
/**
 * Reads and validates a release record (release.json, or a deployment's payload). A record of another
 * major version is refused by name: a later iac-pipeline recorded it, and reading it as this one
 * would promote or roll back to something this version cannot see whole.
 */
function readRelease(json, options = {}) {
    return (0,contracts_manifest/* readContract */.Jz)(json, RELEASE_KIND, { [RELEASE_MAJOR]: releaseSchema }, {
        file: options.file ?? RELEASE_FILE,
        reader: options.reader ?? 'iac-pipeline',
        advice: 'promote or roll back with the iac-pipeline version that recorded the release, or a later one',
    });
}
/** Checks a record before it is written: a bad one is a bug in the writer, not the user's mistake. */
function validateRelease(value) {
    return validateForWrite(releaseSchema, value, RELEASE_FILE);
}

// EXTERNAL MODULE: ./lib/releases/promotion.js
var promotion = __webpack_require__(33995);
// EXTERNAL MODULE: ./lib/markdown/escape.js
var markdown_escape = __webpack_require__(26734);
;// CONCATENATED MODULE: ./lib/report/release.js




/** The Release section of the run's artifacts; undefined when the run recorded no release. */
function release_releaseSection(artifacts, now) {
    const found = artifacts.filter((a) => a.kind === 'release');
    if (found.length === 0)
        return undefined;
    const section = { releases: [], warnings: [] };
    for (const a of found) {
        if (a.kind === 'release' && a.release && !a.problem) {
            section.releases.push(releaseView(a.name, a.release, now));
        }
        else {
            section.warnings.push({ artifact: a.name, problem: a.problem ?? 'it holds no release record' });
        }
    }
    return section;
}
function releaseView(artifact, release, now) {
    const name = releaseName(release);
    const why = release.outcome === 'failure' && release.failure ? ` — ${release.failure}` : '';
    const totals = smokeTotals(release)?.totals;
    return {
        artifact,
        outcome: release.outcome,
        headline: `${capitalize(name)}: ${release.outcome}${why}`,
        source: release.source ? describeSource(release.source, now) : undefined,
        timeToRestore: timeToRestoreSentence(release),
        commit: release.commit.slice(0, 12),
        image: imageIdentifier(release),
        smoke: totals ? `${totals.passed}/${totals.total}` : undefined,
        stacks: release.stacks.map((s) => ({
            stack: s.stack,
            planDigest: shortDigest(s.planDigest),
            smoke: s.smoke ? `${s.smoke.passed}/${s.smoke.total}` : undefined,
        })),
    };
}
function timeToRestoreSentence(release) {
    const restore = release.timeToRestore;
    if (!restore)
        return undefined;
    // The record may say how long without saying which release failed: then it is only "the one before".
    const failed = release.replaces ? `release ${release.replaces.runId}` : 'the release before';
    return `Time to restore: ${formatDuration(restore.seconds)} (from the failure of ${failed} at ${restore.failedAt} to this release's success at ${restore.restoredAt})`;
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./lib/report/policy.js


const finding = schemas/* object */.Ikc({ rule: schemas/* string */.YjP(), message: schemas/* string */.YjP(), address: schemas/* string */.YjP().optional() });
/**
 * The parts of the approval record's `policy` the report shows, read leniently: the record's reader
 * has checked it against its contract, and a record from a version without the field has none.
 */
const recordPolicy = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(['enforce', 'warn']),
    namespace: schemas/* string */.YjP().optional(),
    passed: schemas/* boolean */.zMY(),
    failures: schemas/* array */.YOg(finding).catch([]),
    accepted: schemas/* object */.Ikc({
        by: schemas/* array */.YOg(schemas/* object */.Ikc({ login: schemas/* string */.YjP(), at: schemas/* string */.YjP().optional(), commentUrl: schemas/* string */.YjP().optional() })),
        failures: schemas/* array */.YOg(finding).catch([]),
    })
        .optional()
        .catch(undefined),
});
/** The approval record's policy part, or undefined when it has none it can show. */
function recordPolicyOf(record) {
    const parsed = recordPolicy.safeParse(record.policy);
    return parsed.success ? parsed.data : undefined;
}
const sameFindings = (a, b) => JSON.stringify(canonicalFindings(a)) === JSON.stringify(canonicalFindings(b));
function statusOf(mode, passed, accepted) {
    if (passed)
        return 'passed';
    if (mode === 'warn')
        return 'warned';
    return accepted ? 'accepted' : 'failed';
}
function acceptance(policy, failures) {
    const accepted = policy?.accepted;
    if (!accepted || accepted.by.length === 0)
        return undefined;
    return {
        by: accepted.by.map((a) => ({ login: a.login, at: a.at, commentUrl: a.commentUrl })),
        failures: accepted.failures.length,
        exact: sameFindings(accepted.failures, failures),
    };
}
function fromManifest(manifest, records) {
    const policy = manifest.policy;
    if (!policy)
        return undefined;
    const record = records.find((r) => r.stack === manifest.stack && r.planDigest === manifest.planDigest);
    const accepted = acceptance(record && recordPolicyOf(record), policy.failures);
    return {
        stack: manifest.stack,
        planDigest: manifest.planDigest,
        mode: policy.mode,
        namespace: policy.namespace,
        conftestVersion: policy.conftestVersion,
        evaluated: policy.evaluated,
        passed: policy.passed,
        status: statusOf(policy.mode, policy.passed, accepted?.exact ?? false),
        failures: policy.failures,
        warnings: policy.warnings,
        ...(accepted ? { accepted } : {}),
    };
}
function fromRecord(record) {
    const policy = recordPolicyOf(record);
    if (!policy)
        return undefined;
    const accepted = acceptance(policy, policy.failures);
    return {
        stack: record.stack,
        planDigest: record.planDigest,
        mode: policy.mode,
        namespace: policy.namespace,
        passed: policy.passed,
        status: statusOf(policy.mode, policy.passed, accepted?.exact ?? false),
        failures: policy.failures,
        warnings: [],
        ...(accepted ? { accepted } : {}),
    };
}
/** Every stack's policy check the run's artifacts tell of, by stack. */
function policy_policyViews(artifacts) {
    const manifests = artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
    const records = artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
    const views = manifests.flatMap((m) => fromManifest(m, records) ?? []);
    const planned = new Set(manifests.map((m) => m.stack));
    views.push(...records.filter((r) => !planned.has(r.stack)).flatMap((r) => fromRecord(r) ?? []));
    return views.sort((a, b) => a.stack.localeCompare(b.stack));
}
/**
 * The stage table's figure for a plan: what the check said, in a few words (plain text). Who accepted
 * failures is the approval's figure: the plan row says what the bundle holds.
 */
function policy_policyFigure(policy) {
    const warn = policy.mode === 'warn' ? ' (policy-mode: warn)' : '';
    if (policy.passed)
        return `policy passed${warn}`;
    const n = policy.failures.length;
    return `policy: ${n} ${n === 1 ? 'failure' : 'failures'}${warn}`;
}
/** The approval's figure when policy owners accepted the plan's failures. Plain text. */
function policy_acceptanceFigure(record) {
    const accepted = recordPolicyOf(record)?.accepted;
    if (!accepted || accepted.by.length === 0)
        return undefined;
    return `policy failures accepted by ${accepted.by.map((a) => a.login).join(', ')}`;
}
/** The sentence the Policy section says of a stack. Plain text, escaped where rendered. */
function policy_policySentence(view) {
    const n = view.failures.length;
    const failures = `${n} ${n === 1 ? 'failure' : 'failures'}`;
    const where = [
        view.namespace ? `namespace ${view.namespace}` : '',
        view.conftestVersion ? `conftest ${view.conftestVersion}` : '',
    ]
        .filter(Boolean)
        .join(', ');
    const at = where ? ` (${where})` : '';
    switch (view.status) {
        case 'passed':
            return `passed${view.evaluated !== undefined ? `: ${view.evaluated} ${view.evaluated === 1 ? 'rule' : 'rules'} evaluated` : ''}${at}${view.mode === 'warn' ? '; ran with policy-mode: warn' : ''}`;
        case 'warned':
            return `ran with policy-mode: warn: ${failures} shown, not enforced${at}`;
        case 'accepted':
            return `${failures} accepted by ${(view.accepted?.by ?? []).map((a) => a.login).join(', ')}${at}`;
        case 'failed':
            return view.accepted
                ? `${failures}; the acceptance by ${view.accepted.by.map((a) => a.login).join(', ')} does not name exactly these failures, so tf-apply refuses the plan${at}`
                : `${failures}, not accepted: the plan is not approved and tf-apply refuses it until a policy owner accepts them${at}`;
    }
}

;// CONCATENATED MODULE: ./lib/report/model.js



/**
 * The deployment report as data: one row a stage (per stack), each with a status, times and key
 * figures, the outcome of the whole run, and the counts that deployment metrics are made from. Built
 * from the artifacts the stages left and, when the API can be read, from the run's jobs: a stage that
 * failed before it uploaded anything is only visible there.
 */
const STAGES = (/* unused pure expression or super */ null && (['validate', 'image', 'plan', 'approve', 'apply', 'configure', 'smoke']));
const JOB_STAGE = (/* unused pure expression or super */ null && ([
    [/smoke|verify|test/i, 'smoke'],
    [/ansible|configure/i, 'configure'],
    [/apply|deploy/i, 'apply'],
    [/approv|gate|review/i, 'approve'],
    [/plan/i, 'plan'],
    [/packer|image|bake/i, 'image'],
    [/validate|lint/i, 'validate'],
]));
/**
 * A job's own name: GitHub names the jobs of a called workflow `<caller> / <job>` (nested calls add more
 * segments), and only the last segment says what the job does; `deploy / wave 1 / plan network` plans.
 */
function ownName(name) {
    return name.split(' / ').at(-1) ?? name;
}
/** Which stage a job is, by its own name; none for jobs of other kinds (such as the report itself). */
function stageOfJob(name) {
    const own = ownName(name);
    if (/report/i.test(own))
        return undefined;
    return JOB_STAGE.find(([pattern]) => pattern.test(own))?.[1];
}
/**
 * The stack a job names, among the stacks the report knows: `apply vms`, or a matrix leg's default name
 * `apply (vms, prod)`. None when the job names no known stack, as a single-stack pipeline's `apply` does.
 */
function stackOfJob(name, stacks) {
    return ownName(name)
        .split(/[\s(),]+/)
        .find((word) => stacks.has(word));
}
function seconds(from, to) {
    if (!from || !to)
        return undefined;
    const value = (Date.parse(to) - Date.parse(from)) / 1000;
    return Number.isFinite(value) && value >= 0 ? value : undefined;
}
function minusSeconds(at, value) {
    return new Date(Date.parse(at) - value * 1000).toISOString();
}
const plus = (n, sign) => `${sign}${n}`;
function row(stage, stack, status, extra = {}) {
    return { stage, stack, status, estimated: false, figures: [], ...extra };
}
/** The stage rows the artifacts tell of, before the jobs are taken into account. */
function rowsFromArtifacts(artifacts) {
    const rows = [];
    const unreadable = (stage, a) => row(stage, a.stack, 'unreadable', { finishedAt: a.createdAt, note: `${a.name}: ${a.problem ?? ''}` });
    const byStack = new Map();
    for (const artifact of artifacts) {
        const kinds = byStack.get(artifact.stack) ?? {};
        kinds[artifact.kind] = artifact;
        byStack.set(artifact.stack, kinds);
    }
    for (const a of artifacts) {
        if (a.problem) {
            const stage = { plan: 'plan', approval: 'approve', image: 'image', ansible: 'configure', smoke: 'smoke' }[a.kind];
            if (stage)
                rows.push(unreadable(stage, a));
            continue;
        }
        switch (a.kind) {
            case 'validate':
                rows.push(row('validate', a.stack, 'success', {
                    finishedAt: a.createdAt,
                    figures: [`${a.files?.length ?? 0} file(s)`],
                }));
                break;
            case 'image': {
                const m = a.metadata;
                if (!m)
                    break;
                rows.push(row('image', m.name, 'success', {
                    finishedAt: m.buildTime,
                    figures: [
                        `image ${m.imageId || '(none)'}`,
                        `packer ${m.packerVersion}`,
                        ...(m.skipped ? [`reused from run ${m.builtBy.runId}`] : []),
                    ],
                }));
                break;
            }
            case 'plan': {
                const m = a.manifest;
                if (!m)
                    break;
                const s = m.summary;
                rows.push(row('plan', m.stack, 'success', {
                    finishedAt: m.createdAt,
                    figures: [
                        `${plus(s.add, '+')} ${plus(s.change, '~')} ${plus(s.destroy, '-')}${s.replace ? ` ±${s.replace}` : ''}`,
                        `${m.tool.name} ${m.tool.version}`,
                        `digest ${m.planDigest.slice(0, 19)}`,
                        ...(a.encrypted ? ['encrypted'] : []),
                        ...(m.policy ? [policyFigure(m.policy)] : []),
                    ],
                }));
                break;
            }
            case 'approval': {
                const r = a.record;
                if (!r)
                    break;
                const status = r.status === 'approved' ? 'success' : r.status === 'rejected' ? 'failure' : 'pending';
                const who = r.approvers.map((v) => v.login);
                const accepted = acceptanceFigure(r);
                rows.push(row('approve', r.stack, status, {
                    finishedAt: r.decidedAt,
                    figures: [
                        `${r.status} by ${r.decidedBy}${who.length > 0 ? `: ${who.join(', ')}` : ''}`,
                        `digest ${r.planDigest.slice(0, 19)}`,
                        ...(accepted ? [accepted] : []),
                    ],
                    ...(status !== 'success'
                        ? {
                            note: r.rejects.length > 0
                                ? `rejected by ${r.rejects.map((v) => v.login).join(', ')}`
                                : undefined,
                        }
                        : {}),
                }));
                break;
            }
            case 'ansible': {
                const r = a.results;
                if (!r)
                    break;
                const hosts = Object.keys(r.recap).length;
                const changed = Object.values(r.recap).filter((h) => h.changed > 0).length;
                const failed = r.exitCode !== 0 || r.failedHosts.length > 0 || r.unreachableHosts.length > 0;
                rows.push(row('configure', r.stack, failed ? 'failure' : 'success', {
                    startedAt: minusSeconds(r.createdAt, r.durationSeconds),
                    finishedAt: r.createdAt,
                    durationSeconds: r.durationSeconds,
                    figures: [
                        `${hosts} host(s), ${changed} changed`,
                        ...(r.failedHosts.length > 0 ? [`failed: ${r.failedHosts.join(', ')}`] : []),
                        ...(r.unreachableHosts.length > 0 ? [`unreachable: ${r.unreachableHosts.join(', ')}`] : []),
                        ...(r.check ? ['check mode'] : []),
                    ],
                    ...(failed ? { note: `ansible-playbook exited ${r.exitCode}` } : {}),
                }));
                break;
            }
            case 'smoke': {
                const s = a.smoke;
                if (!s)
                    break;
                const finishedAt = s.createdAt ?? a.createdAt;
                rows.push(row('smoke', s.stack ?? a.stack, s.failed > 0 ? 'failure' : 'success', {
                    finishedAt,
                    ...(finishedAt && s.durationSeconds > 0
                        ? { startedAt: minusSeconds(finishedAt, s.durationSeconds), durationSeconds: s.durationSeconds }
                        : {}),
                    figures: [`${s.passed} passed, ${s.failed} failed of ${s.checks.length}`],
                    ...(s.failed > 0
                        ? {
                            note: `failed: ${s.checks
                                .filter((c) => c.status !== 'passed')
                                .map((c) => c.name)
                                .join(', ')}`,
                        }
                        : {}),
                }));
                break;
            }
            default:
                break;
        }
    }
    // The apply leaves outputs (and an inventory) when it succeeds, errored state when the backend
    // refused the state; an approved plan with neither means the apply never ran or failed early.
    for (const [stack, kinds] of byStack) {
        const outputs = kinds.outputs;
        const errored = kinds['errored-state'];
        const inventory = kinds.inventory;
        if (errored) {
            rows.push(row('apply', stack, 'failure', {
                finishedAt: errored.createdAt,
                figures: [
                    `errored state kept as ${errored.name}${errored.kind === 'errored-state' && errored.encrypted ? ' (encrypted)' : ''}`,
                ],
                note: 'the apply failed and the backend did not take the state: push the errored state before planning again',
            }));
        }
        else if (outputs?.kind === 'outputs' && outputs.destroyed && !outputs.problem) {
            const d = outputs.destroyed;
            rows.push(row('apply', stack, 'destroyed', {
                finishedAt: d.destroyedAt,
                figures: [`destroyed at ${d.destroyedAt}`, `digest ${d.planDigest.slice(0, 19)}`],
            }));
        }
        else if (outputs) {
            const names = outputs.kind === 'outputs' ? (outputs.outputNames ?? []) : [];
            const hosts = inventory?.kind === 'inventory' ? (inventory.hosts ?? []) : [];
            rows.push(row('apply', stack, outputs.problem ? 'unreadable' : 'success', {
                finishedAt: outputs.createdAt,
                figures: [
                    `${names.length} output(s)`,
                    ...(inventory ? [`inventory: ${hosts.length} host(s)`] : []),
                ],
                ...(outputs.problem ? { note: `${outputs.name}: ${outputs.problem}` } : {}),
            }));
        }
        else if (kinds.approval?.kind === 'approval' && kinds.approval.record?.status === 'approved') {
            rows.push(row('apply', stack, 'missing', {
                note: `the plan was approved, but no ${stack ? `outputs-${stack}` : 'outputs'} artifact exists: the apply did not run, or failed`,
            }));
        }
    }
    return rows;
}
const JOB_STATUS = {
    success: 'success',
    failure: 'failure',
    timed_out: 'failure',
    cancelled: 'failure',
    startup_failure: 'failure',
    action_required: 'pending',
    skipped: 'skipped',
    neutral: 'success',
};
/**
 * Puts the jobs' times and conclusions onto the rows: a job's times are what the stage took, and a
 * failed job fails its stage even when the artifacts look complete. A stage whose job failed before it
 * uploaded anything gets a row of its own.
 */
function applyJobs(rows, jobs) {
    const stacks = new Set(rows.map((r) => r.stack).filter((stack) => stack !== ''));
    for (const job of jobs) {
        const stage = stageOfJob(job.name);
        if (!stage)
            continue;
        const status = job.status !== 'completed' ? 'pending' : (JOB_STATUS[job.conclusion ?? ''] ?? 'failure');
        // A job that names its stack (one matrix leg of a multi-stack pipeline) speaks for that stack's row
        // only; one that names none speaks for every row of its stage.
        const stack = stackOfJob(job.name, stacks);
        const matching = rows.filter((r) => r.stage === stage && r.job === undefined && (stack === undefined || r.stack === stack));
        const times = {
            startedAt: job.startedAt,
            finishedAt: job.completedAt,
            durationSeconds: seconds(job.startedAt, job.completedAt),
            job: job.name,
        };
        if (matching.length === 0) {
            if (status === 'skipped' && !job.startedAt) {
                rows.push(row(stage, stack ?? '', 'skipped', { job: job.name, note: `job ${job.name} was skipped` }));
                continue;
            }
            rows.push(row(stage, stack ?? '', status, {
                ...times,
                // A stage job that succeeded with nothing to record (a stack without a playbook) says so.
                ...(status !== 'success'
                    ? { note: `job ${job.name}: ${job.conclusion ?? job.status}, and it left no artifact` }
                    : { figures: ['no artifact'] }),
            }));
            continue;
        }
        for (const r of matching) {
            Object.assign(r, times);
            if (status === 'failure' && r.status !== 'failure') {
                r.status = 'failure';
                r.note = `job ${job.name} failed`;
            }
            if (status === 'success' && r.status === 'missing')
                r.status = 'success';
        }
    }
}
/** Rows in pipeline order, then by stack; rows without a start begin where the stage before ended. */
function orderAndEstimate(rows) {
    const sorted = rows.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || a.stack.localeCompare(b.stack));
    let lastEnd;
    for (const r of sorted) {
        if (!r.startedAt && r.finishedAt) {
            const start = lastEnd && Date.parse(lastEnd) <= Date.parse(r.finishedAt) ? lastEnd : r.finishedAt;
            r.startedAt = start;
            r.estimated = true;
        }
        r.durationSeconds ??= seconds(r.startedAt, r.finishedAt);
        if (r.finishedAt && (!lastEnd || Date.parse(r.finishedAt) > Date.parse(lastEnd)))
            lastEnd = r.finishedAt;
    }
    return sorted;
}
function outcomeOf(rows, jobs) {
    const failedJob = jobs.some((j) => j.status === 'completed' && stageOfJob(j.name) && JOB_STATUS[j.conclusion ?? ''] === 'failure');
    if (failedJob ||
        rows.some((r) => r.status === 'failure' || r.status === 'missing' || r.status === 'unreadable'))
        return 'failure';
    if (rows.some((r) => r.status === 'pending'))
        return 'pending';
    return 'success';
}
function buildModel(input) {
    const rows = rowsFromArtifacts(input.artifacts);
    applyJobs(rows, input.jobs);
    const stages = orderAndEstimate(rows);
    const starts = stages
        .map((r) => r.startedAt)
        .filter((t) => !!t)
        .sort();
    const ends = stages
        .map((r) => r.finishedAt)
        .filter((t) => !!t)
        .sort();
    const { run } = input;
    const release = releaseSection(input.artifacts, input.now);
    return {
        title: input.title ?? `${run.owner}/${run.repo}${input.workflow ? ` · ${input.workflow}` : ''}`,
        outcome: outcomeOf(stages, input.jobs),
        run: {
            repository: `${run.owner}/${run.repo}`,
            runId: run.runId,
            runAttempt: run.runAttempt,
            url: run.runUrl,
            commit: run.sha,
            ref: run.ref,
            actor: run.actor,
        },
        generatedAt: input.now.toISOString(),
        stages,
        artifacts: input.artifacts,
        jobs: input.jobs,
        jobsNote: input.jobsNote,
        startedAt: starts[0],
        finishedAt: ends.at(-1),
        ...(release ? { release } : {}),
        policy: policyViews(input.artifacts),
    };
}
/** The stacks whose outputs artifact says they were destroyed, by stack. */
function model_destroyedStacks(artifacts) {
    return artifacts
        .flatMap((a) => (a.kind === 'outputs' && a.destroyed && !a.problem ? [a.destroyed] : []))
        .sort((a, b) => a.stack.localeCompare(b.stack));
}
/** report.json: what deployment metrics (frequency, change failure rate, time to restore) are made from. */
function reportJson(model) {
    const plans = model.artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
    const sum = (pick) => plans.reduce((total, m) => total + pick(m.summary), 0);
    const ansible = model.artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
    const smoke = model.artifacts.flatMap((a) => (a.kind === 'smoke' && a.smoke ? [a.smoke] : []));
    const approvals = model.artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
    const releases = model.artifacts.flatMap((a) => (a.kind === 'release' && a.release ? [a.release] : []));
    const applies = model.stages.filter((r) => r.stage === 'apply');
    // A destroyed stack's apply is no deployment: deployment frequency does not count a destroy.
    const deployed = applies.length > 0 && applies.every((r) => r.status === 'success');
    const afterApply = model.stages.filter((r) => ['apply', 'configure', 'smoke'].includes(r.stage));
    return {
        schema: 'iac/report@1',
        producer: { action: 'report', version: SUITE_VERSION },
        title: model.title,
        outcome: model.outcome,
        run: model.run,
        generatedAt: model.generatedAt,
        startedAt: model.startedAt ?? null,
        finishedAt: model.finishedAt ?? null,
        durationSeconds: model.startedAt && model.finishedAt ? (seconds(model.startedAt, model.finishedAt) ?? null) : null,
        stages: model.stages.map((r) => ({
            stage: r.stage,
            stack: r.stack,
            status: r.status,
            startedAt: r.startedAt ?? null,
            finishedAt: r.finishedAt ?? null,
            durationSeconds: r.durationSeconds ?? null,
            estimated: r.estimated,
            figures: r.figures,
            ...(r.job ? { job: r.job } : {}),
            ...(r.note ? { note: r.note } : {}),
        })),
        metrics: {
            /** A deployment happened: every apply of the run succeeded (deployment frequency counts these). */
            deployment: deployed,
            /** A change reached the apply and something from the apply on failed (change failure rate). */
            changeFailure: applies.length > 0 && afterApply.some((r) => r.status === 'failure' || r.status === 'missing'),
            /** With the previous failed run's finishedAt, a success here gives the time to restore. */
            restored: deployed && model.outcome === 'success',
            // With `metrics: true`, metrics.json (iac/metrics@1) besides these flags of the run: its keys are
            // others, so metricsSchema reads this object as it reads metrics.json.
            ...(model.metricsSection && 'metrics' in model.metricsSection ? model.metricsSection.metrics : {}),
        },
        counts: {
            plan: {
                stacks: plans.length,
                add: sum((s) => s.add),
                change: sum((s) => s.change),
                destroy: sum((s) => s.destroy),
                replace: sum((s) => s.replace),
                import: sum((s) => s.import),
                move: sum((s) => s.move),
                deletes: plans.flatMap((m) => m.summary.deletes.map((address) => `${m.stack}:${address}`)),
            },
            approvals: approvals.map((r) => ({
                stack: r.stack,
                status: r.status,
                planDigest: r.planDigest,
                decidedBy: r.decidedBy,
                approvers: r.approvers.map((v) => v.login),
            })),
            ansible: {
                hosts: ansible.reduce((n, r) => n + Object.keys(r.recap).length, 0),
                changedHosts: ansible.reduce((n, r) => n + Object.values(r.recap).filter((h) => h.changed > 0).length, 0),
                failedHosts: ansible.reduce((n, r) => n + r.failedHosts.length + r.unreachableHosts.length, 0),
            },
            smoke: {
                total: smoke.reduce((n, s) => n + s.checks.length, 0),
                passed: smoke.reduce((n, s) => n + s.passed, 0),
                failed: smoke.reduce((n, s) => n + s.failed, 0),
            },
        },
        artifacts: model.artifacts.map((a) => ({
            name: a.name,
            kind: a.kind,
            stack: a.stack,
            read: !a.problem,
            ...(a.problem ? { problem: a.problem } : {}),
        })),
        /** The stacks this run destroyed, as their outputs artifacts' destroyed.json say. */
        destroyed: model_destroyedStacks(model.artifacts),
        ...(model.backup ? { backup: model.backup } : {}),
        // The records as read, for metrics over releases; a record that did not read is in `artifacts`.
        ...(model.release ? { releases } : {}),
        // How many events the trail holds (the events are the `<prefix>-audit` artifact), and the parts not read.
        ...(model.audit
            ? {
                audit: {
                    events: model.audit.events.length,
                    unread: model.audit.problems.map((p) => p.artifact),
                },
            }
            : {}),
        // Each stack's policy check: its status, failures and who accepted them; absent when none ran.
        ...(model.policy.length > 0 ? { policy: model.policy.map(policyJson) } : {}),
    };
}
function policyJson(view) {
    return {
        stack: view.stack,
        planDigest: view.planDigest,
        mode: view.mode,
        status: view.status,
        passed: view.passed,
        ...(view.namespace ? { namespace: view.namespace } : {}),
        ...(view.conftestVersion ? { conftestVersion: view.conftestVersion } : {}),
        ...(view.evaluated !== undefined ? { evaluated: view.evaluated } : {}),
        failures: view.failures,
        warnings: view.warnings,
        ...(view.accepted
            ? {
                accepted: {
                    by: view.accepted.by.map((a) => ({
                        login: a.login,
                        ...(a.at ? { at: a.at } : {}),
                        ...(a.commentUrl ? { commentUrl: a.commentUrl } : {}),
                    })),
                    failures: view.accepted.failures,
                    exact: view.accepted.exact,
                },
            }
            : {}),
    };
}

;// CONCATENATED MODULE: ./lib/report/html-template.js

/**
 * The tagged template report.html is built with: it escapes every interpolated value with the
 * repository's HTML escaping, so nothing read from an artifact can add an element or an attribute.
 * Only what the template itself made (SafeHtml) goes in as markup.
 */
class SafeHtml {
    value;
    constructor(value) {
        this.value = value;
    }
    toString() {
        return this.value;
    }
}
function render(value) {
    if (value === undefined || value === null || value === false)
        return '';
    if (value instanceof SafeHtml)
        return value.value;
    if (Array.isArray(value))
        return value.map((v) => render(v)).join('');
    return htmlText(String(value));
}
/** `html\`<td>${text}</td>\``: the literal parts are markup, every value is text unless it is SafeHtml. */
function html_template_html(strings, ...values) {
    return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''));
}

;// CONCATENATED MODULE: ./lib/report/audit.js


/**
 * The run's audit trail in report.md (a table) and report.html (the same rows): when, what, which
 * stack and environment, who, how it ended, for which plan. Every value comes from an artifact and
 * goes through the escapers.
 */
const OUTCOME_MARK = {
    success: ':white_check_mark: success',
    failure: ':x: failure',
    pending: ':hourglass: pending',
    rejected: ':no_entry: rejected',
    warning: ':warning: warning',
};
const OUTCOME_CLASS = {
    success: 'success',
    failure: 'failure',
    pending: 'pending',
    rejected: 'failure',
    warning: 'pending',
};
/** `2026-12-03 09:12:23`: UTC, to the second, which is what an auditor compares across systems. */
function when(iso) {
    return iso.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, '');
}
function actorOf(event) {
    const others = (event.approvers ?? []).filter((login) => login !== event.actor);
    return others.length > 0 ? `${event.actor} (with ${others.join(', ')})` : event.actor;
}
function audit_auditMarkdown(trail) {
    if (!trail || (trail.events.length === 0 && trail.problems.length === 0))
        return [];
    const lines = ['### Audit trail', ''];
    if (trail.events.length > 0) {
        lines.push('| When (UTC) | Step | Stack | Environment | Actor | Outcome | Plan | Detail |', '|---|---|---|---|---|---|---|---|');
        for (const e of trail.events) {
            lines.push(`| ${when(e.startedAt)} | ${e.action} | ${e.stack ? cellSpan(e.stack) : ''} | ${e.environment ? cellSpan(e.environment) : ''} | ${cellSpan(actorOf(e))} | ${OUTCOME_MARK[e.outcome]} | ${e.planDigest ? cellSpan(e.planDigest.slice(0, 19)) : ''} | ${e.detail ? cellText(e.detail) : ''} |`);
        }
    }
    for (const p of trail.problems) {
        lines.push('', `:warning: The trail is incomplete: ${codeSpan(p.artifact)} was not read (${codeSpan(p.problem)}).`);
    }
    return [...lines, ''];
}
function auditHtml(trail) {
    if (!trail || (trail.events.length === 0 && trail.problems.length === 0))
        return '';
    return html `<h2>Audit trail</h2>
    <table id="audit">
      <thead>
        <tr>
          <th>When (UTC)</th>
          <th>Step</th>
          <th>Stack</th>
          <th>Environment</th>
          <th>Actor</th>
          <th>Outcome</th>
          <th>Plan</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        ${trail.events.map((e) => html `<tr data-action="${e.action}" data-outcome="${e.outcome}">
              <td>${when(e.startedAt)}</td>
              <td>${e.action}</td>
              <td>${e.stack ? html `<code>${e.stack}</code>` : ''}</td>
              <td>${e.environment ?? ''}</td>
              <td><code>${actorOf(e)}</code></td>
              <td class="${OUTCOME_CLASS[e.outcome]}">${e.outcome}</td>
              <td>
                ${e.planDigest ? html `<code title="${e.planDigest}">${e.planDigest.slice(0, 19)}</code>` : ''}
              </td>
              <td>${e.detail ?? ''}</td>
            </tr>`)}
      </tbody>
    </table>
    ${trail.problems.map((p) => html `<p class="failure">
          The trail is incomplete: <code>${p.artifact}</code> was not read (${p.problem}).
        </p>`)}`;
}

;// CONCATENATED MODULE: ./lib/report/metrics.js



const STATUS_MARK = {
    met: ':white_check_mark: met',
    missed: ':x: missed',
    'no target': 'no target',
    'no data': 'no data',
};
const STATUS_CLASS = {
    met: 'success',
    missed: 'failure',
    'no target': 'meta',
    'no data': 'meta',
};
/** The colours of the chart's bars: deployments, failures. */
const CHART_COLOUR = { deployments: '#0969da', failures: '#cf222e' };
function number(value) {
    return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
/** A value in its unit, as a person reads it: `12 min 5 s`, `96.7 %`, `1.20 a day`. */
function figureText(unit, value) {
    if (value === null)
        return '–';
    switch (unit) {
        case 'seconds':
            return formatDuration(value);
        case 'percent':
            return `${value.toFixed(1)} %`;
        case 'per-day':
            return `${number(value)} a day`;
        case 'per-week':
            return `${number(value)} a week`;
        case 'count':
            return String(value);
    }
}
function targetText(figure) {
    if (!figure.target)
        return '';
    const op = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' }[figure.target.op];
    return `${op} ${figureText(figure.unit, figure.target.value)}`;
}
/** `2026-11-03`: a week by its first day (UTC). */
function weekLabel(week) {
    return week.from.slice(0, 10);
}
function day(iso) {
    return iso.slice(0, 10);
}
function headline(m) {
    const d = m.deployments;
    const what = m.counted === 'releases' ? 'releases' : 'deployments (no release records in the window)';
    return (`${m.environment}, the last ${m.window.days} days (${day(m.window.from)} to ${day(m.window.to)}): ` +
        `${d.total} ${what}, ${d.succeeded} succeeded, ${d.failed} failed, ${d.rolledBack} rolled back` +
        (d.inProgress > 0 ? `, ${d.inProgress} in progress` : '') +
        (m.restores.open > 0 ? `; not restored since ${m.restores.openSince ?? '?'}` : ''));
}
function emptyText(m) {
    return `No deployments in the window (${m.window.days} days).`;
}
/** The chart as Mermaid's xychart-beta: deployments as bars, failures as a line. */
function mermaidChart(weeks) {
    const top = Math.max(1, ...weeks.map((w) => w.deployments));
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Deployments (bars) and failures (line) per week"',
        `  x-axis [${weeks.map((w) => `"${weekLabel(w)}"`).join(', ')}]`,
        `  y-axis "Deployments" 0 --> ${top}`,
        `  bar [${weeks.map((w) => w.deployments).join(', ')}]`,
        `  line [${weeks.map((w) => w.failures).join(', ')}]`,
        '```',
    ].join('\n');
}
function metrics_metricsMarkdown(section) {
    if (!section)
        return [];
    const lines = ['### Delivery metrics', ''];
    if ('problem' in section)
        return [...lines, `:warning: ${cellText(section.problem)}`, ''];
    const m = section.metrics;
    if (m.deployments.total === 0) {
        lines.push(`${codeSpan(m.environment)}: ${emptyText(m)}`, '');
    }
    else {
        lines.push(headingText(headline(m)), '', '| figure | value | target | status |', '| --- | ---: | --- | --- |', ...m.figures.map((f) => `| ${f.label} | ${figureText(f.unit, f.value)} | ${targetText(f)} | ${STATUS_MARK[f.status]} |`), '', mermaidChart(m.weeks), '');
    }
    for (const note of m.notes)
        lines.push(`- :warning: ${cellText(note)}`);
    if (m.notes.length > 0)
        lines.push('');
    return lines;
}
/** The weeks as inline SVG: per week a deployments bar and a failures bar beside it, to one scale. */
function chartSvg(weeks) {
    const top = Math.max(1, ...weeks.map((w) => w.deployments, ...weeks.map((w) => w.failures)));
    const left = 40;
    const plotHeight = 200;
    const group = 56;
    const bar = 20;
    const width = left + weeks.length * group + 10;
    const base = 10 + plotHeight;
    const scale = plotHeight / top;
    const bars = weeks.map((w, i) => {
        const x = left + i * group + 6;
        const rect = (kind, value, dx) => html `<rect
        class="${kind}"
        data-week="${weekLabel(w)}"
        data-value="${value}"
        x="${x + dx}"
        y="${(base - value * scale).toFixed(1)}"
        width="${bar}"
        height="${(value * scale).toFixed(1)}"
        fill="${CHART_COLOUR[kind]}"
        ><title>${weekLabel(w)}: ${value} ${kind}</title></rect
      >`;
        return html `<g class="week">
      ${rect('deployments', w.deployments, 0)} ${rect('failures', w.failures, bar + 2)}
      <text x="${x + bar}" y="${base + 16}" text-anchor="middle">${weekLabel(w).slice(5)}</text>
    </g>`;
    });
    return html `<svg
    id="metrics-chart"
    role="img"
    aria-label="Deployments and failures per week"
    xmlns="http://www.w3.org/2000/svg"
    width="${width}"
    height="${base + 40}"
    viewBox="0 0 ${width} ${base + 40}"
  >
    <line x1="${left}" y1="10" x2="${left}" y2="${base}" stroke="#d0d7de" />
    <line x1="${left}" y1="${base}" x2="${width - 4}" y2="${base}" stroke="#d0d7de" />
    <text x="${left - 6}" y="16" text-anchor="end">${top}</text>
    <text x="${left - 6}" y="${base}" text-anchor="end">0</text>
    ${bars}
    <rect x="${left}" y="${base + 26}" width="10" height="10" fill="${CHART_COLOUR.deployments}" />
    <text x="${left + 14}" y="${base + 35}">deployments</text>
    <rect x="${left + 110}" y="${base + 26}" width="10" height="10" fill="${CHART_COLOUR.failures}" />
    <text x="${left + 124}" y="${base + 35}">failed or rolled back</text>
  </svg>`;
}
function metricsHtml(section) {
    if (!section)
        return '';
    if ('problem' in section) {
        return html `<h2>Delivery metrics</h2>
      <p class="failure" id="metrics-problem">${section.problem}</p>`;
    }
    const m = section.metrics;
    const notes = m.notes.length > 0
        ? html `<ul>
          ${m.notes.map((n) => html `<li class="pending">${n}</li>`)}
        </ul>`
        : '';
    if (m.deployments.total === 0) {
        return html `<h2>Delivery metrics</h2>
      <p id="metrics-empty"><code>${m.environment}</code>: ${emptyText(m)}</p>
      ${notes}`;
    }
    return html `<h2>Delivery metrics</h2>
    <p class="meta">${headline(m)}</p>
    <table id="metrics">
      <thead>
        <tr>
          <th>figure</th>
          <th>value</th>
          <th>target</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        ${m.figures.map((f) => html `<tr data-figure="${f.name}" data-status="${f.status}">
              <td>${f.label}</td>
              <td class="n">${figureText(f.unit, f.value)}</td>
              <td>${targetText(f)}</td>
              <td class="${STATUS_CLASS[f.status]}">${f.status}</td>
            </tr>`)}
      </tbody>
    </table>
    ${chartSvg(m.weeks)} ${notes}`;
}

;// CONCATENATED MODULE: ./lib/report/markdown.js





/**
 * report.md and the job summary. Every text that came from an artifact (stack names, addresses,
 * logins, messages) goes through the repository's escaping helpers: a code span, or a `<code>`
 * element in a table cell, so none of it can add markup, mentions or links.
 */
const markdown_STATUS_MARK = {
    success: ':white_check_mark: success',
    failure: ':x: failure',
    pending: ':hourglass: pending',
    skipped: ':fast_forward: skipped',
    missing: ':warning: missing',
    unreadable: ':warning: unreadable',
    destroyed: ':wastebasket: destroyed',
};
const markdown_OUTCOME_MARK = {
    success: ':white_check_mark: **Succeeded**',
    failure: ':x: **Failed**',
    pending: ':hourglass: **Waiting**',
};


/** Mermaid's gantt syntax reads `:`, `;`, `#` and line breaks in a task name: only plain characters stay. */
function mermaidLabel(text) {
    return (text
        .replace(/[^A-Za-z0-9 ._()/+-]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim() || 'stage');
}
const MERMAID_STATE = {
    success: 'done, ',
    failure: 'crit, ',
    pending: 'active, ',
    skipped: '',
    missing: 'crit, ',
    unreadable: 'crit, ',
    destroyed: 'done, ',
};
/** The timeline as a Mermaid gantt chart; times as epoch milliseconds so no time zone is involved. */
function mermaidGantt(rows) {
    const timed = rows.filter((r) => r.startedAt && r.finishedAt);
    if (timed.length === 0)
        return undefined;
    const lines = ['```mermaid', 'gantt', '  dateFormat x', '  axisFormat %H:%M:%S', '  section Run'];
    timed.forEach((r, index) => {
        const start = Date.parse(r.startedAt ?? '');
        // A task of no length is not drawn: give every stage at least a second.
        const end = Math.max(Date.parse(r.finishedAt ?? ''), start + 1000);
        const label = mermaidLabel(`${r.stage}${r.stack ? ` ${r.stack}` : ''}`);
        lines.push(`  ${label} :${MERMAID_STATE[r.status]}s${index}, ${start}, ${end}`);
    });
    lines.push('```');
    return lines.join('\n');
}
function stageTable(rows) {
    if (rows.length === 0)
        return ["_No stage left an artifact, and the run's jobs could not be read._"];
    const lines = ['| stage | stack | status | duration | key figures |', '| --- | --- | --- | ---: | --- |'];
    for (const r of rows) {
        const figures = [...r.figures, ...(r.note ? [r.note] : [])].map((f) => cellCode(f)).join(' ');
        const duration = `${formatDuration(r.durationSeconds)}${r.estimated && r.durationSeconds !== undefined ? ' (est.)' : ''}`;
        lines.push(`| ${r.stage} | ${r.stack ? cellCode(r.stack) : ''} | ${markdown_STATUS_MARK[r.status]} | ${duration} | ${figures} |`);
    }
    return lines;
}
/**
 * What the run recorded as releases, right after the verdict: the release is what the run was for. The
 * sentences are plain text from the records (environments, failure reasons, image ids), so they go out
 * as heading text, and names and digests as code.
 */
function releaseMarkdown(section) {
    if (!section)
        return [];
    const lines = ['### Release', ''];
    for (const r of section.releases) {
        lines.push(`${r.outcome === 'success' ? ':white_check_mark:' : ':x:'} **${headingText(r.headline)}**`, '', ...(r.source ? [headingText(r.source), ''] : []), ...(r.timeToRestore ? [headingText(r.timeToRestore), ''] : []), `Commit ${codeSpan(r.commit)} · ${r.image ? `image ${codeSpan(r.image)}` : 'no image build'} · ${r.smoke ? `smoke ${r.smoke}` : 'no smoke tests'} · from ${codeSpan(r.artifact)}`, '', '| stack | plan digest | smoke |', '| --- | --- | ---: |', ...r.stacks.map((s) => `| ${cellCode(s.stack)} | ${cellCode(s.planDigest)} | ${s.smoke ?? ''} |`), '');
    }
    for (const w of section.warnings) {
        lines.push(`:warning: The release record ${codeSpan(w.artifact)} could not be read: ${codeSpan(w.problem)}`, '');
    }
    return lines;
}
/** One line a stack the run destroyed: what the outputs artifact's destroyed.json says. */
function destroyedSection(artifacts) {
    const destroyed = destroyedStacks(artifacts);
    if (destroyed.length === 0)
        return [];
    return [
        '### Destroyed',
        '',
        ...destroyed.map((d) => `- :wastebasket: ${codeSpan(d.stack)} was destroyed at ${codeSpan(d.destroyedAt)} by plan ${codeSpan(d.planDigest)} in run ${d.runId}; it has no outputs now.`),
        '',
    ];
}
function planSection(artifacts) {
    const plans = artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [{ a, m: a.manifest }] : []));
    if (plans.length === 0)
        return [];
    const lines = [
        '### Plans',
        '',
        '| stack | add | change | destroy | replace | import | move | digest |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ];
    for (const { m } of plans) {
        const s = m.summary;
        lines.push(`| ${cellCode(m.stack)} | ${s.add} | ${s.change} | ${s.destroy} | ${s.replace} | ${s.import} | ${s.move} | ${cellCode(m.planDigest)} |`);
    }
    const deletes = plans.flatMap(({ m }) => m.summary.deletes.map((address) => ({ stack: m.stack, address })));
    if (deletes.length > 0) {
        lines.push('', `**Deletes or replaces ${deletes.length} resource(s):**`, '');
        for (const d of deletes.slice(0, 100))
            lines.push(`- ${codeSpan(d.stack)} ${codeSpan(d.address)}`);
        if (deletes.length > 100)
            lines.push(`- … and ${deletes.length - 100} more in report.json`);
    }
    return [...lines, ''];
}
function approvalSection(artifacts) {
    const records = artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
    if (records.length === 0)
        return [];
    const lines = ['### Approvals', ''];
    for (const r of records) {
        const who = r.approvers.length > 0
            ? r.approvers
                .map((v) => `${codeSpan(v.login)} (${codeSpan(v.permission)}, ${codeSpan(v.at)})`)
                .join(', ')
            : r.decidedBy === 'policy'
                ? 'policy'
                : 'nobody';
        lines.push(`- ${codeSpan(r.stack)}: **${r.status}** (${r.decidedBy}, mode ${r.mode}) for plan ${codeSpan(r.planDigest)} by ${who}${r.override ? `; override by ${codeSpan(r.override.by)}: ${codeSpan(r.override.justification)}` : ''}${r.rejects.length > 0 ? `; rejected by ${r.rejects.map((v) => codeSpan(v.login)).join(', ')}` : ''}`);
    }
    return [...lines, ''];
}
const POLICY_MARK = {
    passed: ':white_check_mark:',
    failed: ':x:',
    accepted: ':ballot_box_with_check:',
    warned: ':warning:',
};
/** Failures listed per stack; the rest are in report.json. */
const POLICY_FINDINGS_SHOWN = 20;
/**
 * Each stack's policy check: passed, its failures and whether policy owners accepted them, and a
 * warning mark on every stack that ran with `policy-mode: warn`, which nothing enforced.
 */
function policySection(views) {
    if (views.length === 0)
        return [];
    const lines = ['### Policy', ''];
    for (const view of views) {
        const mark = view.mode === 'warn' ? POLICY_MARK.warned : POLICY_MARK[view.status];
        lines.push(`- ${mark} ${codeSpan(view.stack)}: ${headingText(policySentence(view))}`);
        for (const f of view.failures.slice(0, POLICY_FINDINGS_SHOWN)) {
            const where = f.address ? ` on ${codeSpan(f.address)}` : '';
            lines.push(`  - ${codeSpan(f.rule)}${where}: ${codeSpan(truncate(f.message, 500))}`);
        }
        if (view.failures.length > POLICY_FINDINGS_SHOWN) {
            lines.push(`  - … and ${view.failures.length - POLICY_FINDINGS_SHOWN} more in report.json`);
        }
    }
    return [...lines, ''];
}
function ansibleSection(artifacts) {
    const all = artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
    if (all.length === 0)
        return [];
    const lines = ['### Ansible recap', ''];
    for (const r of all) {
        lines.push(`${codeSpan(r.playbook)} on ${codeSpan(r.stack)}${r.check ? ' (check mode)' : ''}, exit ${r.exitCode}, ${formatDuration(r.durationSeconds)}`, '', '| host | ok | changed | unreachable | failed | skipped |', '| --- | ---: | ---: | ---: | ---: | ---: |');
        for (const [host, h] of Object.entries(r.recap).sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(`| ${cellCode(host)} | ${h.ok} | ${h.changed} | ${h.unreachable} | ${h.failed} | ${h.skipped} |`);
        }
        for (const f of r.failures.slice(0, 20)) {
            lines.push('', `- :x: ${codeSpan(f.host)} ${codeSpan(f.task)}: ${codeSpan(f.message)}`);
        }
        lines.push('');
    }
    return lines;
}
function smokeSection(artifacts) {
    const all = artifacts.flatMap((a) => (a.kind === 'smoke' && a.smoke ? [{ a, s: a.smoke }] : []));
    if (all.length === 0)
        return [];
    const lines = ['### Smoke tests', ''];
    for (const { a, s } of all) {
        lines.push(`${codeSpan(s.stack ?? a.stack)}: ${s.passed} passed, ${s.failed} failed`, '', '| check | kind | category | target | status | attempts | duration | message |', '| --- | --- | --- | --- | --- | ---: | ---: | --- |');
        for (const c of s.checks.slice(0, 200)) {
            lines.push(`| ${cellCode(c.name)} | ${cellCode(c.kind)} | ${cellCode(c.category)} | ${cellCode(c.target)} | ${c.status === 'passed' ? ':white_check_mark:' : ':x:'} ${c.status} | ${c.attempts} | ${formatDuration(c.durationSeconds)} | ${c.message ? cellCode(c.message) : ''} |`);
        }
        if (s.checks.length > 200)
            lines.push('', `… and ${s.checks.length - 200} more checks in results.json`);
        lines.push('');
    }
    return lines;
}
function artifactSection(model) {
    const lines = ['### Artifacts', ''];
    if (model.artifacts.length === 0)
        lines.push('_None._');
    for (const a of model.artifacts) {
        lines.push(`- ${codeSpan(a.name)}${a.problem ? `: :warning: not read: ${codeSpan(a.problem)}` : ''}`);
    }
    if (model.jobsNote)
        lines.push('', `_${cellText(oneLine(model.jobsNote))}_`);
    if (model.backup) {
        lines.push('', 'problem' in model.backup
            ? `:warning: The state backup failed: ${codeSpan(model.backup.problem)}`
            : `State backup: ${codeSpan(model.backup.artifact)}${model.backup.encrypted ? ' (encrypted)' : ' (not encrypted: give encryption-key to seal it)'}`);
    }
    return [...lines, ''];
}
/** The whole report as GitHub Markdown: report.md, and the job summary. */
function renderMarkdown(model) {
    const gantt = mermaidGantt(model.stages);
    const lines = [
        `## ${headingText(model.title)}`,
        '',
        `${markdown_OUTCOME_MARK[model.outcome]} · run [${model.run.runId}](${model.run.url}) attempt ${model.run.runAttempt} · commit ${codeSpan(model.run.commit.slice(0, 12))} · ${codeSpan(model.run.ref)}${model.startedAt && model.finishedAt ? ` · ${formatDuration((Date.parse(model.finishedAt) - Date.parse(model.startedAt)) / 1000)}` : ''}`,
        '',
        ...releaseMarkdown(model.release),
        ...metricsMarkdown(model.metricsSection),
        '### Stages',
        '',
        ...stageTable(model.stages),
        '',
        ...(gantt ? ['### Timeline', '', gantt, ''] : []),
        ...destroyedSection(model.artifacts),
        ...planSection(model.artifacts),
        ...approvalSection(model.artifacts),
        ...policySection(model.policy),
        ...ansibleSection(model.artifacts),
        ...smokeSection(model.artifacts),
        ...auditMarkdown(model.audit),
        ...artifactSection(model),
        `_Generated ${model.generatedAt} by iac-pipeline report._`,
        '',
    ];
    return lines.join('\n');
}

// EXTERNAL MODULE: ./lib/releases/duration.js
var duration = __webpack_require__(9168);
;// CONCATENATED MODULE: ./lib/releases/rollback.js




/**
 * The var files whose sha256 differs from the release's, or that are gone, each file once (stacks
 * sharing it listed together), in the order the release lists them.
 */
async function changedVarFiles(release, hashNow) {
    const files = new Map();
    const changes = [];
    for (const { stack, varFiles } of release.stacks) {
        for (const { path, sha256 } of varFiles) {
            const key = `${path}\0${sha256}`;
            const known = files.get(key);
            if (known)
                known.stacks.push(stack);
            else
                files.set(key, { recorded: sha256, stacks: [stack] });
        }
    }
    const hashes = new Map();
    for (const [key, { recorded, stacks }] of files) {
        const path = key.slice(0, key.indexOf('\0'));
        if (!hashes.has(path))
            hashes.set(path, hashNow(path));
        const now = await hashes.get(path);
        if (now !== recorded)
            changes.push({ path, stacks, recorded, now });
    }
    return changes;
}
/** The refusal for `changes`, naming each file; undefined when there are none. */
function varFilesRefusal(release, changes) {
    if (changes.length === 0)
        return undefined;
    const named = changes.map((c) => {
        const stacks = `${c.stacks.length === 1 ? 'stack' : 'stacks'} ${c.stacks.join(', ')}`;
        const how = c.now === undefined ? 'is gone' : `has sha256 ${c.now.slice(0, 12)}…, not ${c.recorded.slice(0, 12)}…`;
        return `${c.path} (${stacks}) ${how}`;
    });
    const [what, them] = changes.length === 1
        ? ['a var file no longer hashes', 'it']
        : [`${changes.length} var files no longer hash`, 'them'];
    return (`Refusing to roll back to ${(0,promotion/* releaseName */["do"])(release)}: ${what} as the release recorded, so the plan would ` +
        `not be the release's: ${named.join('; ')}. Restore ${them} as the release had ${them}.`);
}
/** Throws the refusal when a var file changed or is gone. */
async function refuseChangedVarFiles(release, hashNow) {
    const refusal = varFilesRefusal(release, await changedVarFiles(release, hashNow));
    if (refusal)
        throw new ConfigurationError(refusal);
}
/**
 * The time to restore: from the failed release's deployment status to the rollback's success, in
 * whole seconds and as the report shows durations (`12 min 5 s`).
 */
function timeToRestore(failedStatusAt, restoredAt) {
    const from = epochMs(failedStatusAt, 'the failure time');
    const to = epochMs(restoredAt, 'the restore time');
    if (to < from) {
        throw new RangeError(`the rollback succeeded at ${new Date(to).toISOString()}, before the failure at ${new Date(from).toISOString()}`);
    }
    return { seconds: Math.round((to - from) / 1000), text: formatDuration((to - from) / 1000) };
}

;// CONCATENATED MODULE: ./lib/releases/binding.js






/** The release a deployment carries as its payload; a deployment without one is the caller's mistake. */
async function releaseOfDeployment(api, deploymentId, reader) {
    const deployment = await api.get(deploymentId);
    let payload = deployment.payload;
    if (typeof payload === 'string') {
        try {
            payload = JSON.parse(payload);
        }
        catch {
            payload = undefined;
        }
    }
    const schema = payload?.schema;
    if (typeof schema !== 'string' || !schema.startsWith(`${RELEASE_KIND}@`)) {
        throw new errors/* ConfigurationError */.j1(`Deployment ${deploymentId} holds no ${RELEASE_SCHEMA} record: it is not a release (releases are the deployments the release action records after smoke tests)`);
    }
    const release = readRelease(payload, { reader, file: `the payload of deployment ${deploymentId}` });
    if (deployment.environment && deployment.environment.toLowerCase() !== release.environment.toLowerCase()) {
        throw new errors/* ConfigurationError */.j1(`Deployment ${deploymentId} is of ${deployment.environment} but holds a release of ${release.environment}: a release record names the environment it was deployed to`);
    }
    return release;
}
/** What a stack's plan gives the image: the release's image id, or its name when the builder has no id. */
function binding_imageIdentifier(release) {
    if (!release.image)
        return undefined;
    return release.image.identifier ?? (release.image.id || release.image.name);
}
function bindingOf(release, options) {
    return {
        ...(0,promotion/* releaseRef */.nW)(release),
        kind: options.kind,
        scope: options.scope,
        deploymentId: options.deploymentId,
        ...(options.imageVariable ? { imageVariable: options.imageVariable } : {}),
    };
}
/**
 * What is wrong with a plan bound to `release` by `binding`: each refusal a sentence. The binding must
 * be the release's (the deployment is what counts, not what a bundle claims), the plan must be made at
 * the release's commit unless the scope is `image`, and the image variable must carry its image.
 */
function bindingRefusals(binding, release, plan) {
    const name = (0,promotion/* releaseName */["do"])(release);
    const refusals = [];
    const recorded = `deployment ${binding.deploymentId} holds ${name}`;
    if (binding.runId !== release.runId || binding.runAttempt !== release.runAttempt) {
        refusals.push(`The plan names release ${binding.runId} (attempt ${binding.runAttempt}), but ${recorded}.`);
    }
    if (binding.environment.toLowerCase() !== release.environment.toLowerCase()) {
        refusals.push(`The plan names a release of ${binding.environment}, but ${recorded}.`);
    }
    if (binding.commit !== release.commit) {
        refusals.push(`The plan names commit ${binding.commit.slice(0, 12)}, but ${name} is commit ${release.commit.slice(0, 12)}.`);
    }
    const image = binding_imageIdentifier(release);
    const boundImage = binding.image ? binding_imageIdentifier(binding) : undefined;
    if (boundImage !== image) {
        refusals.push(`The plan names ${boundImage === undefined ? 'no image' : `image ${boundImage}`}, but ${name} runs ${image === undefined ? 'no image' : `image ${image}`}.`);
    }
    if (binding.scope === 'release' && plan.commit !== release.commit) {
        refusals.push(`The plan was made at commit ${plan.commit.slice(0, 12)}, but ${name} is commit ${release.commit.slice(0, 12)}: ${binding.kind === 'promotion' ? 'a promotion' : 'a rollback of scope release'} plans the release's own commit.`);
    }
    if (binding.imageVariable) {
        const { name: variable } = binding.imageVariable;
        if (image === undefined) {
            refusals.push(`The stack takes its image as ${variable}, but ${name} built no image.`);
        }
        else if (plan.imageValue !== image) {
            const given = plan.imageValue === undefined ? 'no value' : JSON.stringify(plan.imageValue);
            refusals.push(`The plan gives ${variable} ${given}, but ${name} runs image ${JSON.stringify(image)}.`);
        }
        else if (binding.imageVariable.value !== image) {
            refusals.push(`The plan's binding records ${variable} = ${JSON.stringify(binding.imageVariable.value)}, but ${name} runs image ${JSON.stringify(image)}.`);
        }
    }
    return refusals;
}
/** The value a plan's JSON (`tofu show -json`) gives a root variable; undefined when it has none. */
function planVariable(planJson, variable) {
    const variables = planJson?.variables;
    const value = variables?.[variable]?.value;
    return typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value);
}
/**
 * tf-plan's binding of a plan to the release it deploys again, read from the release's deployment:
 * refused when a promotion targets the release's own environment or a rollback another one, the stack
 * is not the release's, the checkout is not its commit (scope release), the image variable does not
 * carry its image, or (rollback) the var files are not the ones it recorded or no longer hash the same.
 */
async function bindPlanToRelease(api, request) {
    const { deploymentId, kind, environment: target, stack } = request;
    const release = await releaseOfDeployment(api, deploymentId, 'tf-plan');
    const refuse = (reason) => {
        const what = kind === 'promotion' ? 'promote' : 'roll back to';
        throw new errors/* ConfigurationError */.j1(`Refusing to ${what} ${(0,promotion/* releaseName */["do"])(release)} (deployment ${deploymentId}): ${reason}`);
    };
    const same = target?.toLowerCase() === release.environment.toLowerCase();
    if (target && kind === 'promotion' && same) {
        refuse(`it is already a release of ${target}; a promotion deploys a release of another environment`);
    }
    if (target && kind === 'rollback' && !same) {
        refuse(`it is a release of ${release.environment}, not of ${target}; a rollback goes back to a release of its own environment`);
    }
    if (!release.stacks.some((s) => s.stack === stack)) {
        refuse(`it has no stack "${stack}" (it deployed ${release.stacks.map((s) => `"${s.stack}"`).join(', ')})`);
    }
    let imageVariable;
    if (request.imageVariable) {
        const name = request.imageVariable;
        const value = request.vars.find(([given]) => given === name)?.[1];
        if (!value) {
            refuse(`input "vars" gives no ${name}, which image-variable names: give it the release's image, ${JSON.stringify(binding_imageIdentifier(release) ?? '')}`);
        }
        imageVariable = { name, value: value ?? '' };
    }
    const scope = kind === 'promotion' ? 'release' : request.rollbackScope;
    const binding = bindingOf(release, { kind, scope, deploymentId, imageVariable });
    const refusals = bindingRefusals(binding, release, {
        commit: request.commit,
        imageValue: imageVariable?.value,
    });
    if (refusals.length > 0)
        refuse(refusals.join(' '));
    if (kind === 'rollback')
        await refuseChangedStackVarFiles(release, stack, request.varFiles, request.roots);
    return binding;
}
/**
 * tf-apply's check of a bound bundle: the release is read again from its deployment, and the bundle's
 * commit and the image its planfile was given must be the release's.
 */
async function refuseUnboundApply(manifest, planJson, api) {
    const binding = manifest.source;
    if (!binding)
        return undefined;
    const release = await releaseOfDeployment(api, binding.deploymentId, 'tf-apply');
    const refusals = bindingRefusals(binding, release, {
        commit: manifest.commit,
        imageValue: binding.imageVariable ? planVariable(planJson, binding.imageVariable.name) : undefined,
    });
    if (refusals.length > 0) {
        const what = binding.kind === 'promotion' ? 'promotion' : 'rollback';
        throw new ConfigurationError(`Refusing to apply this ${what} of ${releaseName(release)}: ${refusals.join(' ')} Nothing was applied; plan the ${what} again.`);
    }
    return release;
}
/**
 * A rollback plans the release again, so the stack's var files must be the ones it recorded, and still
 * hash the same. Recorded paths outside the workspace and the runner's temp are not read: they count
 * as gone (a var file a step wrote to RUNNER_TEMP in the release's run is gone from every later run).
 */
async function refuseChangedStackVarFiles(release, stack, given, roots) {
    const recorded = release.stacks.find((s) => s.stack === stack);
    if (!recorded) {
        throw new errors/* ConfigurationError */.j1(`Stack "${stack}" is not part of ${(0,promotion/* releaseName */["do"])(release)}, which deployed ${release.stacks.map((s) => `"${s.stack}"`).join(', ')}: a rollback plans the stacks of the release`);
    }
    const givenPaths = given.map((path) => (0,external_node_path_.relative)(roots.workspace, path));
    const recordedPaths = recorded.varFiles.map((f) => f.path);
    const missing = recordedPaths.filter((p) => !givenPaths.includes(p));
    const extra = givenPaths.filter((p) => !recordedPaths.includes(p));
    if (missing.length > 0 || extra.length > 0) {
        const parts = [
            ...(missing.length > 0 ? [`it recorded ${missing.join(', ')}, which var-files does not give`] : []),
            ...(extra.length > 0 ? [`var-files gives ${extra.join(', ')}, which it did not use`] : []),
        ];
        throw new errors/* ConfigurationError */.j1(`Refusing to roll back stack "${stack}" to ${(0,promotion/* releaseName */["do"])(release)}: the var files are not the release's (${parts.join('; ')}).`);
    }
    const inside = (path, root) => {
        const rel = (0,external_node_path_.relative)((0,external_node_path_.resolve)(root), path);
        return rel === '' || (!(0,external_node_path_.isAbsolute)(rel) && rel !== '..' && !rel.startsWith(`..${external_node_path_.sep}`));
    };
    const hashNow = async (path) => {
        const absolute = (0,external_node_path_.isAbsolute)(path) ? (0,external_node_path_.resolve)(path) : (0,external_node_path_.join)(roots.workspace, path);
        if (!inside(absolute, roots.workspace) && !inside(absolute, roots.runnerTemp))
            return undefined;
        return (0,digest/* sha256File */.Q3)(absolute).catch(() => undefined);
    };
    const ofStack = { ...release, stacks: [recorded] };
    const refusal = varFilesRefusal(ofStack, await changedVarFiles(ofStack, hashNow));
    if (refusal)
        throw new errors/* ConfigurationError */.j1(refusal);
}

// EXTERNAL MODULE: ./lib/terraform/stack-inputs.js + 4 modules
var stack_inputs = __webpack_require__(71836);
;// CONCATENATED MODULE: ./lib/policy/conftest.js


// `conftest test --output json`: one entry per input file and namespace (https://www.conftest.dev/output).
const resultSchema = schemas/* object */.Ikc({
    msg: schemas/* string */.YjP(),
    metadata: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
});
const outputSchema = schemas/* array */.YOg(schemas/* object */.Ikc({
    filename: schemas/* string */.YjP(),
    namespace: schemas/* string */.YjP(),
    successes: schemas/* number */.aig().int().nonnegative(),
    failures: schemas/* array */.YOg(resultSchema).nullish(),
    warnings: schemas/* array */.YOg(resultSchema).nullish(),
    exceptions: schemas/* array */.YOg(resultSchema).nullish(),
}));
async function runConftest(run, exec) {
    const args = [
        'test',
        '--no-color',
        '--no-fail',
        '--output',
        'json',
        '--parser',
        'json',
        '--namespace',
        run.namespace,
        ...run.policyDirs.flatMap((dir) => ['--policy', dir]),
        ...run.dataFiles.flatMap((file) => ['--data', file]),
        run.input,
    ];
    const result = await exec(run.binary, args);
    if (result.exitCode !== 0) {
        throw new errors/* ConfigurationError */.j1(`Input "policy": conftest could not evaluate the policies in ${run.shownPolicies} (exit ${result.exitCode}): ${firstLines(result.stderr || result.stdout)}. A policy that does not load fails the check; fix it and plan again.`);
    }
    let parsed;
    try {
        parsed = outputSchema.parse(JSON.parse(result.stdout));
    }
    catch {
        throw new errors/* StepFailure */.pH(`conftest printed no result this step can read (expected --output json): ${firstLines(result.stdout)}. The policy check did not pass.`);
    }
    const entries = parsed.filter((entry) => entry.namespace === run.namespace);
    const failures = entries.flatMap((e) => (e.failures ?? []).map((r) => conftest_finding(r, run.namespace)));
    const warnings = entries.flatMap((e) => (e.warnings ?? []).map((r) => conftest_finding(r, run.namespace)));
    const exceptions = entries.reduce((n, e) => n + (e.exceptions?.length ?? 0), 0);
    const evaluated = entries.reduce((n, e) => n + e.successes, 0) + failures.length + warnings.length + exceptions;
    if (evaluated === 0) {
        throw new errors/* ConfigurationError */.j1(`Input "policy-namespace": no rule of namespace "${run.namespace}" in ${run.shownPolicies} was evaluated, so nothing was checked (zero policies is not a pass). Give the package the policies declare (package ${run.namespace}) or the namespace they use, with deny, warn or violation rules.`);
    }
    return { evaluated, failures, warnings };
}
/** `conftest --version`: "Conftest: 0.71.1" and OPA's version on the next lines. */
async function conftestVersion(binary, exec) {
    const result = await exec(binary, ['--version']);
    const version = /Conftest:\s*v?(\S+)/i.exec(result.stdout)?.[1];
    if (result.exitCode !== 0 || !version) {
        throw new errors/* StepFailure */.pH(`${binary} --version did not say which conftest it is: ${firstLines(result.stdout)}`);
    }
    return version;
}
/**
 * The rule from the query conftest ran (`data.terraform.deny_vm_size` → `deny_vm_size`); the message;
 * the address when the rule returned one beside `msg` (conftest passes such fields into the metadata).
 */
function conftest_finding(result, namespace) {
    const metadata = { ...(result.metadata ?? {}) };
    const query = typeof metadata.query === 'string' ? metadata.query : '';
    const prefix = `data.${namespace}.`;
    const rule = query.startsWith(prefix) ? query.slice(prefix.length) : query || 'deny';
    const address = metadata.address;
    return {
        rule,
        message: result.msg,
        ...(typeof address === 'string' && address !== '' ? { address } : {}),
        metadata,
    };
}
function firstLines(text) {
    const lines = text.trim().split('\n').slice(0, 3).join(' ').trim();
    return lines.length > 500 ? `${lines.slice(0, 500)}…` : lines || '(no output)';
}

;// CONCATENATED MODULE: ./lib/policy/check.js







async function checkPolicy(options, deps) {
    const shown = options.policyDirs.map((dir) => (0,contracts_manifest/* toWorkspacePath */.CR)(options.workspace, dir, 'policy')).join(', ');
    const binary = (0,terraform_tool/* findOnPath */.aY)('conftest', deps.searchPath ?? process.env.PATH ?? '');
    if (!binary) {
        throw new errors/* ConfigurationError */.j1('Input "policy" is given, but conftest is not on PATH: run the setup action with conftest-version in an earlier step of this job (or install conftest yourself). The plan was not bundled: a policy check that cannot run never passes.');
    }
    const policies = await policyFiles(options, shown);
    const [version, outcome] = await Promise.all([
        conftestVersion(binary, deps.exec),
        runConftest({
            binary,
            input: options.planJson,
            policyDirs: options.policyDirs,
            dataFiles: options.dataFiles,
            namespace: options.namespace,
            shownPolicies: shown,
        }, deps.exec),
    ]);
    const named = (found) => {
        const address = found.address ?? addressIn(found.message, options.addresses);
        const message = options.redact ? options.redact(found.message) : found.message;
        return { rule: found.rule, message, ...(address ? { address } : {}) };
    };
    const result = {
        mode: options.mode,
        namespace: options.namespace,
        conftestVersion: version,
        policies,
        data: await Promise.all(options.dataFiles.map(async (path) => ({
            path: (0,contracts_manifest/* toWorkspacePath */.CR)(options.workspace, path, 'policy-data'),
            sha256: await (0,digest/* sha256File */.Q3)(path),
        }))),
        evaluated: outcome.evaluated,
        failures: (0,digest/* sortedFindings */.Y_)(outcome.failures.map(named)),
        warnings: (0,digest/* sortedFindings */.Y_)(outcome.warnings.map(named)),
        passed: outcome.failures.length === 0,
    };
    deps.logger.info(`Policy check (conftest ${version}, namespace ${options.namespace}, ${policies.length} policy file(s)): ${result.evaluated} rule(s) evaluated, ${result.failures.length} failure(s), ${result.warnings.length} warning(s).`);
    return result;
}
/** Every Rego file below the directories, as conftest loads them, with its sha256; none is an error. */
async function policyFiles(options, shown) {
    const files = [];
    for (const dir of options.policyDirs) {
        const entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true });
        for (const entry of entries) {
            if (entry.isFile() && entry.name.endsWith('.rego'))
                files.push((0,external_node_path_.join)(entry.parentPath, entry.name));
        }
    }
    if (files.length === 0) {
        throw new errors/* ConfigurationError */.j1(`Input "policy": ${shown} holds no .rego file, so there is no policy to check the plan against. Give the directories of your Rego policies.`);
    }
    files.sort();
    return Promise.all(files.map(async (path) => ({
        path: (0,contracts_manifest/* toWorkspacePath */.CR)(options.workspace, path, 'policy'),
        sha256: await (0,digest/* sha256File */.Q3)(path),
    })));
}
/** The longest resource address of the plan that the message names, as a word of its own. */
function addressIn(message, addresses) {
    let found;
    for (const address of addresses) {
        if (found && address.length <= found.length)
            continue;
        let at = message.indexOf(address);
        while (at >= 0) {
            const rest = message.slice(at + address.length);
            const before = at === 0 ? ' ' : (message[at - 1] ?? ' ');
            // `aws_instance.web` is not named by `aws_instance.web2`, `aws_instance.web[0]` or
            // `module.x.aws_instance.web`; a full stop after it ends the sentence.
            if (!/^(?:[\w[\]-]|\.\w)/.test(rest) && !/[\w.-]/.test(before)) {
                found = address;
                break;
            }
            at = message.indexOf(address, at + 1);
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./lib/validate/sarif.js

/**
 * One SARIF 2.1.0 log for every finding of every check, in one run of one tool ("iac-pipeline
 * validate") whose rules are the checks' rule ids: code scanning no longer merges several runs of one
 * upload, so one run is the shape upload-sarif takes without surprises. Paths are relative to the
 * repository root (%SRCROOT%), which is where code scanning looks for them.
 */
const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SARIF_TOOL_NAME = 'iac-pipeline validate';
function toSarif(checks, toolName = SARIF_TOOL_NAME) {
    const findings = checks.flatMap((check) => check.findings);
    const rules = [];
    const ruleIndex = new Map();
    for (const finding of findings) {
        if (ruleIndex.has(finding.rule))
            continue;
        ruleIndex.set(finding.rule, rules.length);
        rules.push({
            id: finding.rule,
            shortDescription: { text: finding.ruleDescription },
            defaultConfiguration: { level: finding.level },
            properties: { tags: tagsOf(finding.rule) },
        });
    }
    return {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: { name: toolName, version: version/* SUITE_VERSION */.s, semanticVersion: version/* SUITE_VERSION */.s, rules },
                },
                results: findings.map((finding) => resultOf(finding, ruleIndex.get(finding.rule) ?? 0)),
                invocations: [
                    {
                        executionSuccessful: true,
                        // Checks that could not run are said in the log as notifications, so nobody reads silence as a pass.
                        toolExecutionNotifications: checks
                            .filter((check) => check.status === 'skipped')
                            .map((check) => ({
                            level: 'note',
                            message: {
                                text: `${check.title} (${check.subject}) was skipped: ${check.reason ?? 'no reason given'}`,
                            },
                        })),
                    },
                ],
                columnKind: 'unicodeCodePoints',
            },
        ],
    };
}
function resultOf(finding, index) {
    const result = {
        ruleId: finding.rule,
        ruleIndex: index,
        level: finding.level,
        message: { text: finding.message },
    };
    if (finding.file !== undefined) {
        const region = {};
        if (finding.line !== undefined) {
            region.startLine = finding.line;
            if (finding.column !== undefined)
                region.startColumn = finding.column;
            if (finding.endLine !== undefined && finding.endLine >= finding.line)
                region.endLine = finding.endLine;
            if (finding.endColumn !== undefined && finding.column !== undefined) {
                const sameLine = (finding.endLine ?? finding.line) === finding.line;
                if (!sameLine || finding.endColumn > finding.column)
                    region.endColumn = finding.endColumn;
            }
        }
        result.locations = [
            {
                physicalLocation: {
                    artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
                    ...(region.startLine !== undefined ? { region } : {}),
                },
            },
        ];
    }
    return result;
}
function tagsOf(rule) {
    if (rule.startsWith('secrets/'))
        return ['security', 'secrets'];
    if (rule.endsWith('/fmt'))
        return ['style'];
    return ['correctness'];
}

;// CONCATENATED MODULE: ./lib/policy/findings.js



const BLOCK = /^\s*(resource|data)\s+"([^"]+)"\s+"([^"]+)"/;
/** `type.name` (and `data.type.name`) → where its block starts, for the .tf files of one directory. */
async function blockLocations(directory, shownDirectory) {
    const locations = new Map();
    const names = (await (0,promises_.readdir)(directory)).filter((name) => name.endsWith('.tf')).sort();
    for (const name of names) {
        const lines = (await (0,promises_.readFile)((0,external_node_path_.join)(directory, name), 'utf8')).split('\n');
        for (const [index, line] of lines.entries()) {
            const match = BLOCK.exec(line);
            if (!match)
                continue;
            const key = `${match[1] === 'data' ? 'data.' : ''}${match[2]}.${match[3]}`;
            if (!locations.has(key)) {
                const file = shownDirectory === '.' ? name : `${shownDirectory}/${name}`;
                locations.set(key, { file, line: index + 1 });
            }
        }
    }
    return locations;
}
/** The root-module block an address belongs to: its instance key dropped. */
function blockOf(address) {
    if (address.startsWith('module.'))
        return undefined;
    return address.replace(/\[[^\]]*\]$/, '');
}
function locate(finding, locations) {
    const block = finding.address ? blockOf(finding.address) : undefined;
    return block ? locations.get(block) : undefined;
}
/**
 * One annotation per failure (an error in enforce mode, a warning in warn mode) and per warning, on the
 * block of the resource it names.
 */
function annotatePolicy(result, locations, logger) {
    const annotate = (finding, level) => {
        const at = locate(finding, locations);
        const text = `${finding.address ? `${finding.address}: ` : ''}${finding.message}`;
        const properties = {
            title: `Policy ${result.namespace}/${finding.rule}`,
            ...(at ? { file: at.file, startLine: at.line } : {}),
        };
        if (level === 'error')
            logger.error(text, properties);
        else
            logger.warning(text, properties);
    };
    for (const failure of result.failures)
        annotate(failure, result.mode === 'enforce' ? 'error' : 'warning');
    for (const warning of result.warnings)
        annotate(warning, 'warning');
}
const POLICY_SARIF_TOOL = 'iac-pipeline policy';
/** The policy findings as SARIF, rule ids `policy/<namespace>/<rule>`, on the blocks they name. */
function policySarif(result, locations, subject) {
    const findingOf = (finding, level) => {
        const at = locate(finding, locations);
        return {
            rule: `policy/${result.namespace}/${finding.rule}`,
            ruleDescription: `Policy rule ${finding.rule} of namespace ${result.namespace}`,
            level,
            message: `${finding.address ? `${finding.address}: ` : ''}${finding.message}`,
            ...(at ? { file: at.file, line: at.line } : {}),
        };
    };
    const findings = [
        ...result.failures.map((f) => findingOf(f, result.mode === 'enforce' ? 'error' : 'warning')),
        ...result.warnings.map((f) => findingOf(f, 'warning')),
    ];
    return toSarif([
        {
            id: 'policy',
            title: `conftest ${result.conftestVersion}`,
            subject,
            status: result.passed ? 'passed' : 'failed',
            findings,
        },
    ], POLICY_SARIF_TOOL);
}

;// CONCATENATED MODULE: ./lib/terraform/plan.js

























/** The package Rego policies are looked up in when `policy-namespace` is not given (conftest's `--namespace`). */
const DEFAULT_POLICY_NAMESPACE = 'terraform';
/** The SARIF file of the policy findings, beside the plan in the run's temp (output `policy-sarif`). */
const POLICY_SARIF_FILE = 'policy.sarif';
/** The waves' outputs, one a wave: as many as MAX_WAVES, the wave jobs a workflow can have. */
const WAVE_OUTPUTS = ['wave-1', 'wave-2', 'wave-3', 'wave-4', 'wave-5'];
/** The stack a plan is for: the `stack` input, else named after the working directory. */
function planStack(inputs, run) {
    return (0,names/* stackName */.Q)(inputs.stack, inputs.workingDirectory, run.workspace, run.repo);
}
/**
 * tf-plan: init, plan to a planfile, show it as JSON, and bundle planfile, JSON, lock file and manifest
 * (with the plan digest an approval will name) as the artifact `<prefix>-plan-<stack>`.
 */
async function plan(inputs, deps) {
    const { logger, run } = deps;
    const stack = planStack(inputs, run);
    const workingDirectory = (0,contracts_manifest/* toWorkspacePath */.CR)(run.workspace, inputs.workingDirectory);
    const workspace = inputs.workspace ?? 'default';
    // Asked first, so that git runs while the release is checked and init runs; it never fails (GITHUB_SHA
    // when there is no git checkout).
    const commit = checkedOutCommit(deps.exec, logger, {
        directory: inputs.workingDirectory,
        workspace: run.workspace,
        fallback: run.sha,
    });
    // Before the tool runs: a promotion or rollback that is not exactly its release is refused at once.
    const binding = inputs.sourceRelease
        ? await bindPlanToRelease(await deploymentsFor(inputs, deps), {
            deploymentId: inputs.sourceRelease,
            kind: inputs.sourceKind,
            rollbackScope: inputs.rollbackScope,
            environment: inputs.environment,
            stack,
            commit: await commit,
            vars: inputs.vars,
            imageVariable: inputs.imageVariable,
            varFiles: inputs.varFiles,
            roots: run,
        })
        : undefined;
    if (binding)
        logger.info((0,promotion/* describeSource */.B6)(binding, Date.now()));
    // Its version comes from init's first message, a process start-up fewer on the way to the plan,
    // unless an upstream's state is read before init: reading it needs the version.
    const located = (0,terraform_cli/* locateTool */.rh)(inputs.binary);
    const versioned = inputs.stackInputs.length > 0 ? await (0,terraform_tool/* readToolVersion */.PR)(located, deps.exec) : undefined;
    logger.info(`Planning stack ${stack} (${workingDirectory}, workspace ${workspace}) with ${located.name} (${located.path})`);
    const cli = new terraform_cli/* TerraformCli */.rG({
        tool: versioned ?? located,
        exec: deps.exec,
        logger,
        cwd: inputs.workingDirectory,
        relativeDir: workingDirectory,
    });
    // Before this stack's init, which may share the directory of an upstream whose state is read.
    const received = versioned
        ? await (0,stack_inputs/* receiveStackInputs */.vS)(inputs.stackInputs, {
            stack,
            directory: inputs.workingDirectory,
            varNames: inputs.vars.map(([name]) => name),
            sealed: Boolean(inputs.encryptionKey),
        }, { tool: versioned, exec: deps.exec, logger, workspace: run.workspace, scratch: run.runnerTemp })
        : { records: [], values: {}, pending: [] };
    const backend = await logger.group(`${located.name} init`, () => cli.init({ backendConfig: inputs.backendConfig }));
    const tool = cli.tool;
    // Before the plan: the tool would write a credential in the backend configuration into the planfile.
    if (backend)
        (0,terraform_backend/* refuseBackendCredentials */.jE)(backend);
    if (workspace !== 'default')
        await cli.selectWorkspace(workspace);
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, `iac-plan-${stack}-`));
    const planfile = (0,external_node_path_.join)(scratch, contracts_manifest/* PLAN_FILE */.VI);
    // The values live in a var file of the run's temp, given last so that no var file of the stack's
    // overrides them, and gone once the planfile holds them.
    const inputsFile = (0,external_node_path_.join)(scratch, 'stack-inputs.tfvars.json');
    if (received.records.length > 0) {
        await (0,promises_.writeFile)(inputsFile, JSON.stringify(received.values), { mode: 0o600 });
    }
    const planning = logger.group(`${tool.name} plan`, () => cli.plan({
        out: planfile,
        vars: inputs.vars,
        varFiles: received.records.length > 0 ? [...inputs.varFiles, inputsFile] : inputs.varFiles,
        targets: inputs.targets,
        replace: inputs.replace,
        destroy: inputs.destroy,
        refreshOnly: inputs.refreshOnly || inputs.mode === 'drift',
        ...(inputs.lockTimeout ? { lockTimeout: inputs.lockTimeout } : {}),
        ...(inputs.parallelism ? { parallelism: inputs.parallelism } : {}),
    }));
    // While the plan runs: the state it starts from (a plan does not write the state, so both read the
    // same one), then the artifact library the upload will need. Loading it holds the main thread, so it
    // waits until both tool processes have started: the state pull's end is a moment when they have.
    const pullingState = cli.statePull();
    pullingState.then(() => deps.artifacts.prepare?.(), () => undefined);
    const [planned, state] = await Promise.all([planning, pullingState]).finally(() => (0,promises_.rm)(inputsFile, { force: true }));
    const priorState = priorStateOf(state);
    const document = await cli.show(planfile);
    (0,terraform_cli/* assertVariablesDeclared */.IE)(document, inputs.vars.map(([name]) => name));
    const jsonPath = (0,external_node_path_.join)(scratch, contracts_manifest/* PLAN_JSON_FILE */.uU);
    await (0,promises_.writeFile)(jsonPath, JSON.stringify(document));
    const summary = (0,plan_summary/* summarizePlan */.P)(document);
    const model = (0,plan_model/* buildPlanModel */.FA)(document, { diagnostics: planned.diagnostics });
    const policy = inputs.policy.length > 0 ? await checkPlanPolicy(inputs, document, jsonPath, scratch, deps) : undefined;
    const lockFile = (0,external_node_path_.join)(inputs.workingDirectory, contracts_manifest/* LOCK_FILE */.FI);
    const bundleDir = (0,external_node_path_.join)(scratch, 'bundle');
    const manifest = await (0,bundle/* writePlanBundle */.fq)(bundleDir, {
        producer: { action: 'tf-plan', version: version/* SUITE_VERSION */.s },
        stack,
        workingDirectory,
        workspace,
        commit: await commit,
        ref: run.ref,
        runId: run.runId,
        runAttempt: run.runAttempt,
        tool: { name: tool.name, version: tool.version },
        varFiles: await Promise.all(inputs.varFiles.map(async (path) => ({
            path: (0,external_node_path_.relative)(run.workspace, path),
            sha256: await (0,digest/* sha256File */.Q3)(path),
        }))),
        files: {
            [contracts_manifest/* PLAN_FILE */.VI]: planfile,
            [contracts_manifest/* PLAN_JSON_FILE */.uU]: jsonPath,
            ...((0,external_node_fs_.existsSync)(lockFile) ? { [contracts_manifest/* LOCK_FILE */.FI]: lockFile } : {}),
        },
        priorState,
        backend: (0,terraform_backend/* backendRecord */.Cj)(backend),
        ...(binding ? { source: binding } : {}),
        ...(received.records.length > 0 ? { inputs: received.records } : {}),
        ...(received.pending.length > 0 ? { provisional: true } : {}),
        ...(inputs.destroy ? { destroy: true } : {}),
        ...(policy ? { policy: policy.result } : {}),
        summary: {
            add: summary.add,
            change: summary.change,
            destroy: summary.destroy,
            replace: summary.replace,
            import: summary.import,
            move: summary.move,
            hasChanges: summary.hasChanges,
            destroys: summary.destroys,
            deletes: summary.deletes,
        },
    });
    logger.info(`Plan digest ${manifest.planDigest}`);
    const name = (0,names/* artifactName */.C)(inputs.artifactPrefix, 'plan', stack);
    const result = {
        stack,
        workspace,
        exitCode: planned.exitCode,
        summary,
        model,
        manifest,
        jsonPath,
        artifactName: name,
        // A refresh-only plan lists what changed outside of the configuration as drift, not as changes.
        ...(inputs.mode === 'drift' ? { drift: model.counts.drift > 0 } : {}),
        ...(policy ? { policySarif: policy.sarifPath } : {}),
    };
    // A plan refused by policy is reported in full but not uploaded, so that no job can apply it.
    if (summary.destroys && inputs.onDestroy === 'fail') {
        result.refusal = `The plan deletes or replaces ${summary.deletes.length} resource(s) and on-destroy is "fail": ${summary.deletes.join(', ')}. No plan bundle was uploaded.`;
        return result;
    }
    if (summary.destroys) {
        logger.warning(`The plan deletes or replaces: ${summary.deletes.join(', ')}`, {
            title: `Destructive plan for ${stack}`,
        });
    }
    const { files, root } = await uploadableFiles(bundleDir, scratch, inputs.encryptionKey);
    result.artifact = await deps.artifacts.upload(name, files, root);
    logger.info(`Uploaded the plan bundle as ${name} (digest ${(0,digest/* shortDigest */.VK)(manifest.planDigest)})`);
    return result;
}
/**
 * The policy check of the plan, before it is bundled: a check that cannot run stops the step with no
 * bundle; failures are annotated on the blocks they name and written as SARIF beside the plan.
 */
async function checkPlanPolicy(inputs, document, jsonPath, scratch, deps) {
    const { logger, run } = deps;
    const result = await logger.group('policy check (conftest)', () => checkPolicy({
        policyDirs: inputs.policy,
        dataFiles: inputs.policyData,
        namespace: inputs.policyNamespace ?? DEFAULT_POLICY_NAMESPACE,
        mode: inputs.policyMode,
        planJson: jsonPath,
        addresses: (document.resource_changes ?? []).map((change) => change.address),
        workspace: run.workspace,
        redact: planSecretsRedactor(document),
    }, deps));
    const shownDirectory = (0,contracts_manifest/* toWorkspacePath */.CR)(run.workspace, inputs.workingDirectory);
    const locations = await blockLocations(inputs.workingDirectory, shownDirectory);
    annotatePolicy(result, locations, logger);
    const sarifPath = (0,external_node_path_.join)(scratch, POLICY_SARIF_FILE);
    await (0,promises_.writeFile)(sarifPath, `${JSON.stringify(policySarif(result, locations, shownDirectory), null, 2)}\n`);
    if (!result.passed) {
        logger.warning(result.mode === 'enforce'
            ? `${result.failures.length} policy failure(s): the plan is bundled, but no approval counts and tf-apply refuses it until a policy owner accepts exactly these failures (/approve-policy <digest>).`
            : `${result.failures.length} policy failure(s), shown only: policy-mode is warn.`, { title: 'Policy check failed' });
    }
    return { result, sarifPath };
}
/**
 * The plan's sensitive values (changes' before and after under their masks, sensitive root variables)
 * replaced in text: the manifest is in the clear even when the bundle is sealed, and the comment is public.
 */
function planSecretsRedactor(document) {
    const secrets = new sensitive/* SecretCollector */.IB();
    for (const change of document.resource_changes ?? [])
        secrets.addChange(change);
    secrets.addVariables(document.variables, document.configuration);
    return secrets.textRedactor();
}
/** The deployments API for a plan bound to a release: the one given, or one made from github-token. */
async function deploymentsFor(inputs, deps) {
    if (deps.deployments)
        return deps.deployments();
    const client = lazyGitHubClient(inputs.githubToken, deps.logger, deps.run, () => new errors/* ConfigurationError */.j1('Input "github-token" is required with source-release, to read the release from its deployment.'));
    return deploymentsApi(await client(), deps.run);
}
/**
 * The bundle as uploaded: its files, or with an encryption key, the manifest in the clear (it names no
 * resource value, and the approval gate reads it without the key) beside one sealed file holding all.
 */
async function uploadableFiles(bundleDir, scratch, key) {
    if (!key) {
        const names = [contracts_manifest/* PLAN_FILE */.VI, contracts_manifest/* PLAN_JSON_FILE */.uU, contracts_manifest/* MANIFEST_FILE */.h1, contracts_manifest/* LOCK_FILE */.FI].filter((name) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(bundleDir, name)));
        return { files: names.map((name) => (0,external_node_path_.join)(bundleDir, name)), root: bundleDir };
    }
    const sealedDir = (0,external_node_path_.join)(scratch, 'sealed');
    await (0,promises_.mkdir)(sealedDir, { recursive: true });
    const sealed = (0,external_node_path_.join)(sealedDir, encryption/* ENCRYPTED_BUNDLE_FILE */.jA);
    await (0,promises_.writeFile)(sealed, await (0,encryption/* encryptDirectory */.Ru)(bundleDir, key));
    const manifestCopy = (0,external_node_path_.join)(sealedDir, contracts_manifest/* MANIFEST_FILE */.h1);
    await (0,promises_.copyFile)((0,external_node_path_.join)(bundleDir, contracts_manifest/* MANIFEST_FILE */.h1), manifestCopy);
    return { files: [manifestCopy, sealed], root: sealedDir };
}


/***/ }),

/***/ 71836:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WB: () => (/* binding */ declaredInputs),
  vS: () => (/* binding */ receiveStackInputs)
});

// UNUSED EXPORTS: pendingValue, recheckStackInputs, valueDigest

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var manifest = __webpack_require__(21330);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: ./lib/terraform/backend.js
var backend = __webpack_require__(44532);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./lib/core/hcl.js
/**
 * HCL's own Go parser (hcl2-parser: hashicorp/hcl through tmccombs/hcl2json, compiled to JavaScript),
 * loaded on first use, as only the steps that read a configuration need it. Loading it sets
 * Error.stackTraceLimit to Infinity for the whole process (GopherJS does), so the limit is put back.
 */
let hclParser;
function loadHclParser() {
    hclParser ??= (async () => {
        const limit = Error.stackTraceLimit;
        try {
            // A CommonJS module whose exports Node cannot list statically: they are all on `default`.
            const module = (await __webpack_require__.e(/* import() */ 750).then(__webpack_require__.t.bind(__webpack_require__, 2750, 19)));
            return module.default ?? module;
        }
        finally {
            Error.stackTraceLimit = limit;
        }
    })();
    return hclParser;
}
/** An HCL file's body as hcl2json writes it; throws when the text is not HCL (the tool will say where). */
async function parseHcl(text) {
    const [body, error] = (await loadHclParser()).parseToObject(text);
    // The error object comes back empty; the tool's own validate says what is wrong, with the line.
    if (error !== null && error !== undefined)
        throw new Error('it is not valid HCL');
    return body;
}
/** Blocks come as an array of bodies (hcl2json) or one body (HCL's JSON syntax): always a list. */
function hclBodies(value) {
    if (Array.isArray(value))
        return value.filter(isHclBody);
    return isHclBody(value) ? [value] : [];
}
function isHclBody(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** `${list(string)}` (how hcl2json writes a bare expression) → `list(string)`; HCL's JSON syntax gives it bare. */
function bareExpression(value) {
    if (typeof value !== 'string')
        return undefined;
    const match = /^\$\{([\s\S]*)\}$/.exec(value);
    return (match ? (match[1] ?? '') : value).trim();
}

;// CONCATENATED MODULE: ./lib/terraform/configuration.js




/** The root module's declarations: every `*.tf` and `*.tf.json` file of the directory (not its modules). */
async function readDeclarations(directory, shown = directory) {
    let names;
    try {
        names = await (0,promises_.readdir)(directory);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`The configuration directory ${shown} does not exist in this checkout.`);
    }
    const declarations = { outputs: new Map(), variables: new Map() };
    for (const name of names.filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).sort()) {
        const text = await (0,promises_.readFile)((0,external_node_path_.join)(directory, name), 'utf8');
        let body;
        try {
            body = name.endsWith('.json') ? JSON.parse(text) : await parseHcl(text);
        }
        catch {
            // Not this reader's to report: the tool says what is wrong with the file, and where.
            continue;
        }
        for (const body0 of hclBodies(body)) {
            collect(body0.output, declarations.outputs);
            collect(body0.variable, declarations.variables);
        }
    }
    return declarations;
}
function collect(blocks, into) {
    for (const byName of hclBodies(blocks)) {
        for (const [name, declaration] of Object.entries(byName)) {
            const bodies = hclBodies(declaration);
            const known = into.get(name);
            // An override file may set sensitive or the type on a block declared elsewhere: the later wins.
            const sensitive = bodies.some((d) => d.sensitive === true) || (known?.sensitive ?? false);
            const type = bodies.map((d) => bareExpression(d.type)).find((t) => t !== undefined) ?? known?.type;
            into.set(name, { sensitive, ...(type !== undefined ? { type } : {}) });
        }
    }
}

;// CONCATENATED MODULE: ./lib/terraform/outputs.js
/**
 * The outputs after apply, split into what may be shown and what must be masked.
 *
 * `secrets` is returned whatever `exposeSensitive` says: exposing a sensitive output means writing it
 * to the outputs file, not printing it in the log, so the caller masks these either way.
 */
const REDACTED = '(sensitive)';
const MIN_LINE_TO_MASK = 4;
function redactOutputs(outputJson, options) {
    const values = {};
    const nonSensitive = {};
    const secrets = new Set();
    for (const [name, output] of Object.entries(outputJson)) {
        if (!output.sensitive) {
            values[name] = output.value;
            nonSensitive[name] = output.value;
            continue;
        }
        values[name] = options.exposeSensitive ? output.value : REDACTED;
        for (const form of secretForms(output.value))
            secrets.add(form);
    }
    // Longest first, so that redacting a value never leaves part of a longer one that contains it.
    return { values, nonSensitive, secrets: [...secrets].sort((a, b) => b.length - a.length) };
}
/** The forms of every string inside a sensitive value that must be masked and redacted. */
function secretForms(value) {
    return stringLeaves(value).flatMap(maskForms);
}
/** Every string in a value, at any depth. Numbers and booleans are too common to mask usefully. */
function stringLeaves(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value))
        return value.flatMap(stringLeaves);
    if (value !== null && typeof value === 'object')
        return Object.values(value).flatMap(stringLeaves);
    return [];
}
/**
 * The forms a secret takes where it could leak: as is; line by line (the runner masks a multi-line
 * secret only where it is printed whole, while a tool prints a key line by line); and JSON-escaped
 * (how it appears inside outputs.json). Empty strings are skipped: masking "" would mask nothing useful.
 */
function maskForms(secret) {
    const forms = [secret];
    if (secret.includes('\n')) {
        // A line as short as "}" or "---" would mask that text everywhere in the log: leave those out.
        const lines = secret.split(/\r?\n/).map((line) => line.trim());
        forms.push(...lines.filter((line) => line.length >= MIN_LINE_TO_MASK));
    }
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret)
        forms.push(escaped);
    return forms.filter((form) => form !== '');
}

;// CONCATENATED MODULE: ./lib/terraform/placeholder.js
/**
 * The value a provisional plan gives a variable whose upstream was never applied: the shape its type
 * constraint asks for, with the sentence "(known after network is applied)" wherever a string goes, so
 * that the plan shows where the value will be. No such plan is ever approved or applied.
 *
 * The type constraint is read from the declaration's source text (`object({ range = string })`): HCL's
 * type expressions are a small closed grammar (primitives, list/set/map/tuple/object, optional, any).
 * One that is not understood gets the string, and the tool's own error then names the variable.
 */
function placeholderFor(type, text) {
    if (type === undefined)
        return text;
    try {
        const parser = new TypeParser(type);
        const value = parser.value(text);
        parser.end();
        return value;
    }
    catch {
        return text;
    }
}
class TypeParser {
    source;
    at = 0;
    constructor(source) {
        this.source = source;
    }
    value(text) {
        const name = this.word();
        switch (name) {
            case 'string':
            case 'any':
                return text;
            case 'number':
                return 0;
            case 'bool':
                return false;
            case 'list':
            case 'set':
            case 'map': {
                this.expect('(');
                this.value(text);
                this.expect(')');
                return name === 'map' ? {} : [];
            }
            case 'tuple': {
                this.expect('(');
                this.expect('[');
                const items = [];
                while (!this.peek(']')) {
                    items.push(this.value(text));
                    if (!this.peek(']'))
                        this.expect(',');
                }
                this.expect(']');
                this.expect(')');
                return items;
            }
            case 'object': {
                this.expect('(');
                this.expect('{');
                const attributes = {};
                while (!this.peek('}')) {
                    const key = this.word();
                    if (!this.peek('=') && !this.peek(':'))
                        throw new Error('expected = in object type');
                    this.at++;
                    const optional = this.isOptional();
                    const value = this.value(text);
                    if (optional)
                        this.skipOptionalDefault();
                    // An optional attribute may be left out: leaving it out is the smallest honest placeholder.
                    if (!optional)
                        attributes[key] = value;
                    if (this.peek(','))
                        this.at++;
                }
                this.expect('}');
                this.expect(')');
                return attributes;
            }
            default:
                throw new Error(`unknown type ${name}`);
        }
    }
    end() {
        this.skipSpace();
        if (this.at !== this.source.length)
            throw new Error('trailing text');
    }
    /** `optional(` before an attribute's type: consumed, and its closing parenthesis by skipOptionalDefault. */
    isOptional() {
        this.skipSpace();
        if (!this.source.startsWith('optional', this.at))
            return false;
        const after = this.at + 'optional'.length;
        if (!/^\s*\(/.test(this.source.slice(after)))
            return false;
        this.at = after;
        this.expect('(');
        return true;
    }
    /** Skips `, <default>)` of optional(type, default), the default being any balanced expression. */
    skipOptionalDefault() {
        let depth = 0;
        for (; this.at < this.source.length; this.at++) {
            const c = this.source[this.at];
            if (c === '(' || c === '[' || c === '{')
                depth++;
            else if (c === ')' || c === ']' || c === '}') {
                if (depth === 0)
                    break;
                depth--;
            }
            else if (c === '"') {
                this.at = this.source.indexOf('"', this.at + 1);
                if (this.at < 0)
                    throw new Error('unterminated string');
            }
        }
        this.expect(')');
    }
    word() {
        this.skipSpace();
        const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.source.slice(this.at));
        if (!match)
            throw new Error('expected a name');
        this.at += match[0].length;
        return match[0];
    }
    peek(token) {
        this.skipSpace();
        return this.source.startsWith(token, this.at);
    }
    expect(token) {
        if (!this.peek(token))
            throw new Error(`expected ${token}`);
        this.at += token.length;
    }
    skipSpace() {
        while (this.at < this.source.length && /[\s]/.test(this.source[this.at] ?? ''))
            this.at++;
    }
}

// EXTERNAL MODULE: ./lib/terraform/stack-state.js
var stack_state = __webpack_require__(24152);
;// CONCATENATED MODULE: ./lib/terraform/stack-inputs.js









/** What a plan shows for an input whose stack was never applied. */
function pendingValue(stack) {
    return `(known after ${stack} is applied)`;
}
/**
 * Reads the inputs of a stack about to be planned. Everything that can be refused from the configurations
 * alone (an input on an undeclared variable or output, a secret into a variable the tool would print, a
 * secret into an unsealed bundle) is refused before any state is read.
 */
async function receiveStackInputs(sources, receiving, deps) {
    if (sources.length === 0)
        return { records: [], values: {}, pending: [] };
    const twice = sources.find((s) => receiving.varNames.includes(s.variable));
    if (twice) {
        throw new errors/* ConfigurationError */.j1(`Input "vars" sets ${twice.variable}, which stack ${receiving.stack} receives from ${twice.stack}'s output ${twice.output} (stack-inputs): give it one way only.`);
    }
    const upstreams = uniqueStacks(sources);
    const { own, declared } = await declaredInputs(sources, receiving, deps.workspace);
    const states = new Map((await Promise.all(upstreams.map((s) => (0,stack_state/* readStackState */.S)(locationOf(s, deps), deps)))).map((state) => [
        state.stack,
        state,
    ]));
    const records = [];
    const values = {};
    const pending = new Map();
    for (const source of sources) {
        const read = states.get(source.stack);
        const output = read.state?.outputs[source.output];
        const sensitive = output?.sensitive === true ||
            (declared.get(source.stack)?.outputs.get(source.output)?.sensitive ?? false);
        if (sensitive)
            refuseExposedSecret(source, receiving, own);
        const record = {
            variable: source.variable,
            stack: source.stack,
            output: source.output,
            sensitive,
            workingDirectory: source.directory,
            workspace: source.workspace ?? 'default',
            backend: read.backend,
        };
        if (read.state && output) {
            // Masked before anything can print it: the tool's plan output, a diff, an error message.
            if (sensitive)
                for (const form of secretForms(output.value))
                    deps.logger.mask(form);
            record.state = { lineage: read.state.lineage, serial: read.state.serial };
            record.sha256 = valueDigest(output.value);
            values[source.variable] = output.value;
            deps.logger.info(`Input ${source.variable} ← ${source.stack}.${source.output} (state serial ${read.state.serial}, sha256 ${record.sha256.slice(0, 12)})`);
        }
        else {
            pending.set(source.stack, [...(pending.get(source.stack) ?? []), source.variable]);
            values[source.variable] = placeholderFor(own.variables.get(source.variable)?.type, pendingValue(source.stack));
        }
        records.push(record);
    }
    for (const [stack, variables] of pending) {
        deps.logger.warning(`${stack} has not applied ${variables.length === 1 ? 'the output' : 'the outputs'} ${receiving.stack} reads yet: ${listOf(variables)} ${variables.length === 1 ? 'is a placeholder' : 'are placeholders'}, and this plan is provisional (it cannot be approved or applied).`, { title: `Provisional plan for ${receiving.stack}` });
    }
    return { records, values, pending: [...pending.keys()] };
}
/**
 * Refuses, from the configurations alone, an input on a variable the stack does not declare or on an
 * output its upstream does not declare; resolves to what both declare.
 */
async function declaredInputs(sources, receiving, workspace) {
    const upstreams = uniqueStacks(sources);
    const [own, ...theirs] = await Promise.all([
        readDeclarations(receiving.directory, (0,manifest/* toWorkspacePath */.CR)(workspace, receiving.directory)),
        ...upstreams.map((s) => readDeclarations((0,external_node_path_.join)(workspace, s.directory), s.directory)),
    ]);
    const declared = new Map(upstreams.map((s, i) => [s.stack, theirs[i]]));
    for (const source of sources) {
        refuseUndeclared(source, receiving, own, declared.get(source.stack));
    }
    return { own: own, declared };
}
/**
 * tf-apply's check: refuses a provisional bundle, and one whose inputs moved since the plan. An upstream
 * state that moved on (another serial) with the same value is fine: the plan is still what it was.
 */
async function recheckStackInputs(manifest, sources, deps) {
    const records = manifest.inputs ?? [];
    if (manifest.provisional) {
        const pending = [...new Set(records.filter((r) => !r.state).map((r) => r.stack))];
        const inputs = records.filter((r) => !r.state).map((r) => r.variable);
        throw new ConfigurationError(`The plan of ${manifest.stack} is provisional: it was made before ${listOf(pending)} ${pending.length === 1 ? 'was' : 'were'} applied, so ${listOf(inputs)} had no value yet. ` +
            `Apply ${listOf(pending)}, then plan ${manifest.stack} again. Nothing was applied.`);
    }
    if (records.length === 0)
        return;
    const byVariable = new Map(sources.map((s) => [s.variable, s]));
    const missing = records.filter((r) => !byVariable.has(r.variable));
    if (missing.length > 0) {
        throw new ConfigurationError(`Input "stack-inputs" must name where ${listOf(missing.map((r) => r.variable))} come${missing.length === 1 ? 's' : ''} from: the plan received ${missing.length === 1 ? 'it' : 'them'} from ${listOf([...new Set(missing.map((r) => r.stack))])}, and tf-apply reads their state again before applying. Give tf-apply the stack-inputs tf-plan had. Nothing was applied.`);
    }
    for (const record of records) {
        const source = byVariable.get(record.variable);
        if (source.stack !== record.stack ||
            source.output !== record.output ||
            source.directory !== record.workingDirectory ||
            (source.workspace ?? 'default') !== record.workspace) {
            throw new ConfigurationError(`Input "stack-inputs" gives ${record.variable} from ${source.stack}.${source.output} (${source.directory}), but the plan received it from ${record.stack}.${record.output} (${record.workingDirectory}): give tf-apply the stack-inputs tf-plan had. Nothing was applied.`);
        }
    }
    const upstreams = uniqueStacks(records.map((r) => byVariable.get(r.variable)));
    const states = new Map((await Promise.all(upstreams.map((s) => readStackState(locationOf(s, deps), deps)))).map((state) => [
        state.stack,
        state,
    ]));
    for (const record of records) {
        const now = states.get(record.stack);
        refuseOtherUpstreamBackend(record, now.backend);
        const then = record.state;
        if (!then)
            continue;
        if (now.state?.lineage === then.lineage && now.state.serial === then.serial)
            continue;
        const output = now.state?.outputs[record.output];
        if (!output || valueDigest(output.value) !== record.sha256) {
            const was = `serial ${then.serial} then, ${now.state ? `serial ${now.state.serial}${now.state.lineage !== then.lineage ? ' of another lineage' : ''}` : 'no state'} now`;
            throw new ConfigurationError(`${record.stack}'s ${record.output} changed since this plan: plan again. ${manifest.stack}'s ${record.variable} was planned with the value ${record.stack} had applied then (${was}), and applying it would use a value nobody approved. Nothing was applied.`);
        }
        deps.logger.info(`${record.stack} was applied again since this plan (serial ${then.serial} → ${now.state?.serial ?? '?'}), but its ${record.output} is the same: ${record.variable} is as approved.`);
    }
}
/** The sha256 of a value's canonical JSON (object keys sorted at every depth), lowercase hex. */
function valueDigest(value) {
    return (0,external_node_crypto_.createHash)('sha256').update(canonicalJson(value)).digest('hex');
}
/**
 * JSON with object keys sorted at every depth: the same value read from two states gives the same text,
 * whatever order the tool wrote its keys in. (Both readings parse the tool's JSON with JSON.parse, so
 * numbers and strings come out the same way.)
 */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value ?? null);
}
function refuseUndeclared(source, receiving, own, theirs) {
    if (!own.variables.has(source.variable)) {
        throw new errors/* ConfigurationError */.j1(`Stack ${receiving.stack}'s input ${source.variable} reads ${source.stack}'s output ${source.output}, but ${receiving.stack}'s configuration declares no variable ${source.variable}: declare it, or fix the stack's inputs. Nothing was planned.`);
    }
    if (!theirs.outputs.has(source.output)) {
        const offered = [...theirs.outputs.keys()];
        throw new errors/* ConfigurationError */.j1(`Stack ${receiving.stack}'s input ${source.variable} reads output ${source.output} of stack ${source.stack}, which ${source.stack}'s configuration (${source.directory}) does not declare${offered.length > 0 ? ` (it declares ${offered.join(', ')})` : ' (it declares no output)'}. Nothing was planned.`);
    }
}
function refuseExposedSecret(source, receiving, own) {
    if (!own.variables.get(source.variable)?.sensitive) {
        throw new errors/* ConfigurationError */.j1(`${source.stack}'s output ${source.output} is sensitive, but ${receiving.stack}'s variable ${source.variable} is not: declare it with \`sensitive = true\`, so that the plan never shows the value. Nothing was planned.`);
    }
    if (!receiving.sealed) {
        throw new errors/* ConfigurationError */.j1(`${source.stack}'s output ${source.output} is sensitive, and the plan bundle of ${receiving.stack} would carry it in the clear (the planfile holds every variable's value): give encryption-key to seal the bundle. Nothing was planned.`);
    }
}
function refuseOtherUpstreamBackend(record, now) {
    const fields = ['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix'];
    if (fields.every((field) => (record.backend[field] ?? '') === (now[field] ?? '')))
        return;
    throw new ConfigurationError(`The plan read ${record.variable} from ${record.stack}'s state in ${describeBackend(record.backend)}, but stack-inputs now point at ${describeBackend(now)}: give tf-apply the stack-inputs tf-plan had. Nothing was applied.`);
}
function uniqueStacks(sources) {
    const byStack = new Map();
    for (const source of sources)
        if (!byStack.has(source.stack))
            byStack.set(source.stack, source);
    return [...byStack.values()];
}
function locationOf(source, deps) {
    return {
        stack: source.stack,
        directory: (0,external_node_path_.join)(deps.workspace, source.directory),
        workspace: source.workspace ?? 'default',
        backendConfig: (source['backend-config'] ?? '')
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== ''),
    };
}
function listOf(names) {
    if (names.length <= 1)
        return names.join('');
    return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}


/***/ }),

/***/ 24152:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ readStackState)
/* harmony export */ });
/* unused harmony export appliedState */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _contracts_manifest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(21330);
/* harmony import */ var _backend_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44532);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15415);






async function readStackState(location, deps) {
    const dataDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(deps.scratch, `iac-state-${location.stack}-`));
    const lockFile = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(location.directory, _contracts_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .LOCK_FILE */ .FI);
    const hadLockFile = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(lockFile);
    const cli = new _cli_js__WEBPACK_IMPORTED_MODULE_5__/* .TerraformCli */ .rG({
        tool: deps.tool,
        exec: deps.exec,
        logger: deps.logger,
        cwd: location.directory,
        relativeDir: (0,_contracts_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .toWorkspacePath */ .CR)(deps.workspace, location.directory),
        env: { TF_DATA_DIR: dataDir },
    });
    try {
        const backend = await deps.logger.group(`${deps.tool.name} init (state of ${location.stack})`, () => cli.init({ backendConfig: location.backendConfig, lockfileReadonly: hadLockFile }));
        if (backend)
            (0,_backend_js__WEBPACK_IMPORTED_MODULE_4__/* .refuseBackendCredentials */ .jE)(backend);
        const pulled = await cli.statePull(location.workspace !== 'default' ? { workspace: location.workspace } : {});
        return {
            stack: location.stack,
            backend: (0,_backend_js__WEBPACK_IMPORTED_MODULE_4__/* .backendRecord */ .Cj)(backend),
            ...(pulled ? { state: appliedState(pulled) } : {}),
        };
    }
    finally {
        // init writes a lock file beside a configuration that has none: not ours to leave in the checkout.
        if (!hadLockFile)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(lockFile, { force: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dataDir, { recursive: true, force: true });
    }
}
/** The parts of a state document (format version 4) that stack inputs and destroy checks read. */
function appliedState(document) {
    const outputs = {};
    const raw = document.outputs;
    if (raw && typeof raw === 'object') {
        for (const [name, entry] of Object.entries(raw)) {
            outputs[name] = { value: entry.value, sensitive: entry.sensitive === true };
        }
    }
    const resources = Array.isArray(document.resources)
        ? document.resources
            .filter((r) => r.mode === 'managed')
            .reduce((sum, r) => sum + (Array.isArray(r.instances) ? r.instances.length : 0), 0)
        : 0;
    return {
        lineage: typeof document.lineage === 'string' ? document.lineage : '',
        serial: typeof document.serial === 'number' ? document.serial : 0,
        outputs,
        resources,
    };
}


/***/ }),

/***/ 47180:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $2: () => (/* binding */ withVersion),
/* harmony export */   FK: () => (/* binding */ supportsInitJson),
/* harmony export */   Hj: () => (/* binding */ resolveTool),
/* harmony export */   PR: () => (/* binding */ readToolVersion),
/* harmony export */   aY: () => (/* binding */ findOnPath),
/* harmony export */   jZ: () => (/* binding */ atLeast),
/* harmony export */   rh: () => (/* binding */ locateTool)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3828);
/* harmony import */ var _json_document_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12228);




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
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`binary: ${wanted} on PATH. Run the setup action (the repository's root action, with tofu-version or ` +
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
    for (const dir of searchPath.split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter).filter(Boolean)) {
        for (const fileName of fileNames) {
            const candidate = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, fileName);
            if (isExecutableFile(candidate))
                return candidate;
        }
    }
    return undefined;
}
function isExecutableFile(path) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isFile();
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
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`binary: ${located.path} did not report its version (\`version -json\` exited ${result.exitCode}` +
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
        const value = (0,_json_document_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJsonDocument */ .d)(stdout).value;
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


/***/ })

};
