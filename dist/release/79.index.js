export const id = 79;
export const ids = [79];
export const modules = {

/***/ 94079:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NO_AUDIT: () => (/* binding */ NO_AUDIT),
  auditPartName: () => (/* binding */ auditPartName),
  auditedStep: () => (/* binding */ auditedStep),
  withAuditLog: () => (/* binding */ withAuditLog)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
;// CONCATENATED MODULE: ./lib/artifacts/store.js

/**
 * The store over @actions/artifact. The library is loaded lazily: it is the heaviest module in the
 * bundle, and actions that fail on an input never need it.
 */
function actionsArtifactStore() {
    let loading;
    const library = () => (loading ??= Promise.all(/* import() */[__webpack_require__.e(913), __webpack_require__.e(955)]).then(__webpack_require__.bind(__webpack_require__, 97955)));
    const client = async () => new (await library()).DefaultArtifactClient();
    return {
        prepare() {
            // Ignored here on purpose: the first use awaits the same promise and reports a failed load. The handler
            // only keeps the early rejection from being an unhandled one, which would end the process.
            library().catch(() => undefined);
        },
        async upload(name, files, rootDirectory) {
            // Fast deflate: planfiles are zip archives already, and the time goes to the runner, not the network.
            const { id, size } = await (await client()).uploadArtifact(name, [...files], rootDirectory, {
                compressionLevel: 1,
            });
            if (id === undefined)
                throw new Error(`the artifact ${name} was uploaded but the service returned no id`);
            return { name, id, size: size ?? 0 };
        },
        async download(name, directory, from) {
            const artifacts = await client();
            const findBy = from
                ? {
                    token: from.token,
                    workflowRunId: from.runId,
                    repositoryOwner: from.owner,
                    repositoryName: from.repo,
                }
                : undefined;
            const { ArtifactNotFoundError } = await library();
            let id;
            try {
                id = (await artifacts.getArtifact(name, findBy ? { findBy } : undefined)).artifact.id;
            }
            catch (error) {
                if (!(error instanceof ArtifactNotFoundError))
                    throw error;
                const where = from ? `workflow run ${from.runId}` : 'this workflow run';
                throw new errors/* ConfigurationError */.j1(`No artifact named "${name}" in ${where}. Check that the job that makes it ran first with the same stack and artifact-prefix${from ? ', and that the run id is right' : ''}.`);
            }
            await artifacts.downloadArtifact(id, { path: directory, ...(findBy ? { findBy } : {}) });
        },
        async list(prefix) {
            const { artifacts } = await (await client()).listArtifacts({ latest: true });
            return artifacts
                .filter((artifact) => artifact.name.startsWith(prefix))
                .map(({ name, id, size, createdAt }) => ({
                name,
                id,
                size,
                ...(createdAt ? { createdAt: createdAt.toISOString() } : {}),
            }))
                .sort((a, b) => a.name.localeCompare(b.name));
        },
    };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var manifest = __webpack_require__(21330);
;// CONCATENATED MODULE: ./lib/contracts/audit-event.js


/**
 * `iac/audit-event@1`: one lifecycle step of one stack, as an auditor reads it afterwards: who did
 * what to which stack and environment, for which plan digest and commit, how it ended, and when. It
 * says nothing about the resources (no value, no address) and nothing secret: an event is written as
 * the step goes, into the run's audit artifacts, and may be sent to a log collector outside GitHub.
 */
const AUDIT_EVENT_SCHEMA = 'iac/audit-event@1';
/** Each step's events, one JSON document a line. */
const AUDIT_FILE = 'audit.jsonl';
const AUDIT_ACTIONS = [
    'image',
    'plan',
    'policy',
    'approval',
    'override',
    'apply',
    'configure',
    'smoke',
    'release',
    'promote',
    'rollback',
    'destroy',
];
/**
 * `pending`: an approval still waiting. `rejected`: a reviewer said no. `warning`: a policy check in warn
 * mode that found failures. `failure`: the step failed, or ended before it could say how it went.
 */
const AUDIT_OUTCOMES = ['success', 'failure', 'pending', 'rejected', 'warning'];
const audit_event_text = schemas/* string */.YjP().min(1, { error: 'must not be empty' });
const isoTime = iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const digest = schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/, { error: 'must be "sha256:" and 64 hex digits' });
// Short, written by the suite from counts and names: long text is where a value would hide.
const DETAIL_MAX = 300;
const auditEventSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(AUDIT_EVENT_SCHEMA),
    /** Unique across runs: a receiver that gets a trail twice (a re-run report) drops the repeats by it. */
    id: schemas/* uuid */.uRe(),
    producer: manifest/* producerSchema */.yO,
    action: schemas/* enum */.k5n(AUDIT_ACTIONS),
    /** The approver for an approval (the overrider for an override), else who triggered the run. */
    actor: audit_event_text,
    /** Everyone whose vote counted, for an approval that more than one person gave. */
    approvers: schemas/* array */.YOg(audit_event_text).optional(),
    /** Absent for a step of a whole environment: recording, promoting or rolling back a release. */
    stack: audit_event_text.optional(),
    environment: audit_event_text.optional(),
    planDigest: digest.optional(),
    commit: schemas/* string */.YjP().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/, { error: 'must be a commit SHA' }),
    outcome: schemas/* enum */.k5n(AUDIT_OUTCOMES),
    /** One line on how it went: counts, the gate that decided, a refusal's first words. */
    detail: schemas/* string */.YjP().max(DETAIL_MAX).optional(),
    startedAt: isoTime,
    finishedAt: isoTime,
    repository: audit_event_text,
    runId: schemas/* int */.Whr().min(1),
    runAttempt: schemas/* int */.Whr().min(1),
    runUrl: schemas/* url */.OZ5(),
})
    .refine((e) => Date.parse(e.finishedAt) >= Date.parse(e.startedAt), {
    path: ['finishedAt'],
    error: 'must not be before startedAt',
});
const readAuditEvent = (0,manifest/* contractReader */.Yt)(auditEventSchema, 'report', AUDIT_FILE);
function validateAuditEvent(value) {
    return (0,manifest/* validateForWrite */.Lb)(auditEventSchema, value, AUDIT_FILE);
}
/** A detail cut to what the contract keeps, on a character boundary. */
function auditDetail(text) {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length <= DETAIL_MAX
        ? oneLine
        : `${oneLine.slice(0, DETAIL_MAX - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
;// CONCATENATED MODULE: ./lib/secrets/rules.js
const rules_BUILT_IN_RULES = [
    {
        id: 'aws-access-key-id',
        description: 'AWS access key id',
        keywords: ['akia', 'asia', 'abia', 'acca'],
        pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
        // AWS's documentation uses AKIAIOSFODNN7EXAMPLE; keys ending in EXAMPLE are never issued.
        allow: (secret) => secret.endsWith('EXAMPLE'),
    },
    {
        id: 'aws-secret-access-key',
        description: 'AWS secret access key',
        keywords: ['aws_secret_access_key', 'aws-secret-access-key', 'secretaccesskey'],
        pattern: /(?:aws_secret_access_key|aws-secret-access-key|secretaccesskey)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
        allow: (secret) => /EXAMPLEKEY$/.test(secret),
    },
    {
        id: 'private-key',
        description: 'Private key block',
        keywords: ['private key'],
        pattern: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 )?PRIVATE KEY(?: BLOCK)?-----/g,
        endMarker: /-----END (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 )?PRIVATE KEY(?: BLOCK)?-----/,
    },
    {
        id: 'github-token',
        description: 'GitHub token',
        keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
        pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,251})\b/g,
    },
    {
        id: 'github-fine-grained-token',
        description: 'GitHub fine-grained personal access token',
        keywords: ['github_pat_'],
        pattern: /\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    },
    {
        id: 'slack-token',
        description: 'Slack token',
        keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe'],
        pattern: /\b(xox(?:[bpars]|e(?:\.xox[bp])?)-[0-9]{9,13}-[0-9A-Za-z-]{10,})/g,
    },
    {
        id: 'slack-webhook-url',
        description: 'Slack incoming webhook URL',
        keywords: ['hooks.slack.com'],
        pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,})/g,
    },
    {
        id: 'gitlab-token',
        description: 'GitLab personal access token',
        keywords: ['glpat-'],
        pattern: /\b(glpat-[0-9A-Za-z_-]{20,})/g,
    },
    {
        id: 'google-api-key',
        description: 'Google API key',
        keywords: ['aiza'],
        pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    },
    {
        id: 'stripe-secret-key',
        description: 'Stripe live secret key',
        keywords: ['sk_live_', 'rk_live_'],
        pattern: /\b([sr]k_live_[0-9A-Za-z]{24,99})\b/g,
    },
    {
        id: 'npm-token',
        description: 'npm access token',
        keywords: ['npm_'],
        pattern: /\b(npm_[A-Za-z0-9]{36})\b/g,
    },
];
/** A line that says a match on it is intended (a test fixture, a documented example). */
const ALLOW_MARKERS = ['gitleaks:allow', 'iac-pipeline:allow-secret'];

// EXTERNAL MODULE: ./node_modules/ignore/index.js
var node_modules_ignore = __webpack_require__(70298);
;// CONCATENATED MODULE: ./lib/secrets/scan.js




const SKIPPED_DIRECTORIES = (/* unused pure expression or super */ null && (['.git', '.terraform', 'node_modules']));
const DEFAULT_MAX_FILE_BYTES = (/* unused pure expression or super */ null && (5 * 1024 * 1024));
// git's own test for a binary file: a NUL byte in the first 8000 bytes.
const BINARY_PROBE_BYTES = 8000;
async function scanTree(root, options = {}) {
    const started = Date.now();
    const rules = options.rules ?? BUILT_IN_RULES;
    const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const skip = new Set(options.skipDirectories ?? SKIPPED_DIRECTORIES);
    const statistics = {
        filesScanned: 0,
        bytesScanned: 0,
        binaryFiles: 0,
        largeFiles: 0,
        durationMs: 0,
    };
    const findings = [];
    const ignored = (scopes, path, isDirectory) => scopes.some((scope) => {
        const relativePath = scope.base === '' ? path : posix.relative(scope.base, path);
        return scope.rules.ignores(isDirectory ? `${relativePath}/` : relativePath);
    });
    const walk = async (relativeDir, inherited) => {
        const absoluteDir = join(root, relativeDir);
        const entries = await readdir(absoluteDir, { withFileTypes: true }).catch(() => []);
        let scopes = inherited;
        const gitignore = entries.find((entry) => entry.isFile() && entry.name === '.gitignore');
        if (gitignore) {
            const text = await readFile(join(absoluteDir, '.gitignore'), 'utf8').catch(() => '');
            scopes = [...inherited, { base: relativeDir, rules: ignore().add(text) }];
        }
        // Sorted, so that findings come in the same order on every file system.
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
            // Symbolic links are not followed: they may point outside the tree, or in a circle.
            if (entry.isDirectory()) {
                if (skip.has(entry.name) || ignored(scopes, path, true))
                    continue;
                await walk(path, scopes);
            }
            else if (entry.isFile()) {
                if (ignored(scopes, path, false))
                    continue;
                await scanFile(root, path, rules, maxFileBytes, statistics, findings, options.onSecret);
            }
        }
    };
    await walk('', []);
    statistics.durationMs = Date.now() - started;
    return { findings, statistics };
}
async function scanFile(root, path, rules, maxFileBytes, statistics, findings, onSecret) {
    // A file that cannot be opened (gone or unreadable since the listing) has nothing to scan: skip it.
    const handle = await open(join(root, path), 'r').catch(() => undefined);
    if (!handle)
        return;
    let buffer;
    try {
        const { size } = await handle.stat();
        if (size > maxFileBytes) {
            statistics.largeFiles += 1;
            return;
        }
        buffer = await handle.readFile();
    }
    finally {
        await handle.close();
    }
    if (buffer.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
        statistics.binaryFiles += 1;
        return;
    }
    statistics.filesScanned += 1;
    statistics.bytesScanned += buffer.length;
    findings.push(...scanText(buffer.toString('utf8'), path, rules, onSecret));
}
function matchSecrets(text, rules = rules_BUILT_IN_RULES) {
    const lower = text.toLowerCase();
    const candidates = rules.filter((rule) => rule.keywords.some((keyword) => lower.includes(keyword)));
    if (candidates.length === 0)
        return [];
    const found = [];
    for (const rule of candidates) {
        const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`);
        for (const match of text.matchAll(pattern)) {
            const secret = match[1] ?? match[0];
            if (rule.allow?.(secret))
                continue;
            const start = (match.index ?? 0) + (match[1] !== undefined ? match[0].indexOf(match[1]) : 0);
            const lineStart = text.lastIndexOf('\n', start - 1) + 1;
            const lineEnd = text.indexOf('\n', start);
            const lineText = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
            if (ALLOW_MARKERS.some((marker) => lineText.includes(marker)))
                continue;
            found.push({ rule, start, end: start + secret.length, secret });
        }
    }
    return found.sort((a, b) => a.start - b.start);
}
/**
 * The values a match stands for beyond its own text: for a rule with an end marker (a private key), the
 * encoded body up to the marker, as the runs of base64 a line holds (a diff or a quote shows one line).
 */
function bodyOf(text, match) {
    if (!match.rule.endMarker)
        return [];
    const body = text.slice(match.end, endOfBlock(text, match));
    return [...body.matchAll(BODY_RUN)].map((run) => run[0]);
}
/** Base64 runs long enough to be part of a key, not a word: the lines of a PEM body are 64 characters. */
const BODY_RUN = /[A-Za-z0-9+/=]{16,}/g;
/** Where a block that starts at the match ends: at its end marker, else at the end of the text. */
function endOfBlock(text, match) {
    const marker = match.rule.endMarker;
    if (!marker)
        return match.end;
    const pattern = new RegExp(marker.source, marker.flags.replace('g', ''));
    const found = pattern.exec(text.slice(match.end));
    return found ? match.end + found.index : text.length;
}
/** Every match of every rule in one file's text, by line and column (1-based). */
function scanText(text, file, rules = BUILT_IN_RULES, onSecret) {
    const matches = matchSecrets(text, rules);
    if (matches.length === 0)
        return [];
    const lineStarts = lineStartsOf(text);
    const found = [];
    for (const match of matches) {
        if (onSecret) {
            onSecret(match.secret);
            for (const value of bodyOf(text, match))
                onSecret(value);
        }
        const lineIndex = lineAt(lineStarts, match.start);
        const lineStart = lineStarts[lineIndex] ?? 0;
        const lineEnd = text.indexOf('\n', lineStart);
        found.push({
            rule: match.rule.id,
            description: match.rule.description,
            file,
            line: lineIndex + 1,
            column: match.start - lineStart + 1,
            endColumn: Math.min(match.end, lineEnd === -1 ? text.length : lineEnd) - lineStart + 1,
        });
    }
    return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
function lineStartsOf(text) {
    const starts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
        starts.push(index + 1);
    }
    return starts;
}
/** The index of the line holding `offset`: the last start at or before it. */
function lineAt(starts, offset) {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((starts[middle] ?? 0) <= offset)
            low = middle;
        else
            high = middle - 1;
    }
    return low;
}

;// CONCATENATED MODULE: ./lib/secrets/redact.js




/**
 * Hides credentials in text that is about to leave the step: the log, the job summary, the SARIF file,
 * the artifact. Two passes, both over the whole text:
 *
 * - every exact value the secret scan found (the scanner tells them as it finds them; a value found in
 *   one file is hidden wherever it appears: in a quote of another file, or without the context a rule
 *   needs, such as `aws_secret_access_key =`);
 * - every match of the scanner's own rules (src/secrets/rules.ts, through the same `matchSecrets`),
 *   so that a credential is hidden even where the scan did not look (a .gitignore'd file a tool quotes,
 *   or a scan that was turned off). A private key's body is hidden with its header, up to its end line.
 *
 * The values live in a private field: JSON.stringify or a log line of the redactor prints none of them.
 */
/** What a value the scan found becomes. */
const REDACTED = '[REDACTED]';
/** What a rule's match becomes: the rule says what kind of credential stood there. */
function redactedBy(rule) {
    return `[REDACTED:${rule}]`;
}
/** Shorter values are not taken as secrets to hide everywhere: they would hide ordinary words. */
const MIN_VALUE_LENGTH = 8;
class Redactor {
    rules;
    #values = new Set();
    #ordered;
    constructor(rules = rules_BUILT_IN_RULES) {
        this.rules = rules;
    }
    /** A value to hide wherever it appears, from now on. */
    add(value) {
        const trimmed = value.trim();
        if (trimmed.length < MIN_VALUE_LENGTH || this.#values.has(trimmed))
            return;
        this.#values.add(trimmed);
        this.#ordered = undefined;
    }
    /** How many values the redactor hides besides the rules' matches (a count, never the values). */
    get size() {
        return this.#values.size;
    }
    redact(text) {
        if (text === '')
            return text;
        let out = text;
        // Longest first, so that a value that holds a shorter one is hidden whole.
        this.#ordered ??= [...this.#values].sort((a, b) => b.length - a.length);
        for (const value of this.#ordered) {
            if (out.includes(value))
                out = out.split(value).join(REDACTED);
        }
        return redactByRules(out, this.rules);
    }
    /** A copy of `value` with every string in it (keys too) redacted; other values unchanged. */
    redactDeep(value) {
        return redactStrings(value, (text) => this.redact(text));
    }
    /** JSON of a redactor: never its values. */
    toJSON() {
        return { values: this.#values.size };
    }
}
/** The text with each match of the rules replaced by its placeholder, and a private key's body with it. */
function redactByRules(text, rules = rules_BUILT_IN_RULES) {
    const matches = matchSecrets(text, rules);
    if (matches.length === 0)
        return text;
    const parts = [];
    let at = 0;
    for (const match of matches) {
        // Matches of two rules may overlap (a token inside a URL): the first one hides both.
        if (match.start < at)
            continue;
        parts.push(text.slice(at, match.start), redactedBy(match.rule.id));
        at = match.end;
        if (match.rule.endMarker) {
            // The body keeps its line structure (a diff's -/+ marks, a quote's indentation); its runs go.
            const end = endOfBlock(text, match);
            parts.push(text
                .slice(at, end)
                .split('\n')
                .map((line) => line.replace(DIFF_MARK, (_, mark, rest) => mark + rest.replace(BODY_RUN, REDACTED)))
                .join('\n'));
            at = end;
        }
    }
    parts.push(text.slice(at));
    return parts.join('');
}
/** A line's diff mark (`+` is also a base64 character): kept, so that a redacted diff still reads as one. */
const DIFF_MARK = /^([-+ ]?)(.*)$/s;
function redactStrings(value, redact) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value))
        return value.map((item) => redactStrings(item, redact));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)]));
    }
    return value;
}
/**
 * A logger that redacts every message, annotation title and group name before the runner sees it.
 * `mask` passes its value through unchanged: the runner needs the real value to mask it.
 */
function redactingLogger(logger, redactor) {
    const properties = (given) => given ? redactor.redactDeep(given) : given;
    return {
        debug: (message) => logger.debug(redactor.redact(message)),
        info: (message) => logger.info(redactor.redact(message)),
        notice: (message, given) => logger.notice(redactor.redact(message), properties(given)),
        warning: (message, given) => logger.warning(redactor.redact(message), properties(given)),
        error: (message, given) => logger.error(redactor.redact(message), properties(given)),
        mask: (secret) => logger.mask(secret),
        group: (name, body) => logger.group(redactor.redact(name), body),
    };
}
/**
 * The values at the places a scanner reported without the text (gitleaks with --redact): on the line
 * of each finding, the tokens (runs between spaces, quotes and separators) that lie mostly within its
 * columns. A token followed by `=` or `:` is a key's name, not its value, and is left alone. Tolerant of
 * a column one off either way, which is all a scanner's column convention can differ by.
 */
async function valuesAtFindings(root, findings) {
    const values = [];
    const texts = new Map();
    for (const finding of findings) {
        // Only files inside the scanned tree: a report's path is not trusted to stay there.
        if (finding.file.startsWith('../') || isAbsolute(finding.file))
            continue;
        if (!texts.has(finding.file)) {
            // A file that cannot be read (gone since the scan) has no line left to redact: skip it.
            const text = await readFile(join(root, finding.file), 'utf8').catch(() => undefined);
            texts.set(finding.file, text?.split('\n'));
        }
        const line = texts.get(finding.file)?.[finding.line - 1];
        if (line === undefined)
            continue;
        values.push(...tokensWithin(line, finding.column - 1, Math.max(finding.endColumn - 1, finding.column)));
    }
    return values;
}
const ARMOUR = /-----(?:BEGIN|END)[A-Z0-9 ]*-----/g;
const TOKEN = /[^\s"'`,;=:()[\]{}<>]+/g;
function tokensWithin(line, start, end) {
    const tokens = [];
    const armour = [...line.matchAll(ARMOUR)].map((m) => [
        m.index ?? 0,
        (m.index ?? 0) + m[0].length,
    ]);
    for (const match of line.matchAll(TOKEN)) {
        const from = match.index ?? 0;
        const to = from + match[0].length;
        const overlap = Math.min(to, end) - Math.max(from, start);
        if (overlap * 2 <= match[0].length)
            continue;
        if (/^\s*["']?\s*[=:]/.test(line.slice(to)))
            continue;
        // A PEM armour's words (`-----BEGIN OPENSSH PRIVATE KEY-----`) are the same in every key: not the secret.
        if (armour.some(([a, b]) => from < b && to > a))
            continue;
        tokens.push(match[0]);
    }
    return tokens;
}

;// CONCATENATED MODULE: ./lib/audit/log.js








/** For domain code run without an audit log (unit tests, the modes that plan nothing). */
const NO_AUDIT = {
    begin: () => ({ update: () => undefined, finish: () => undefined }),
    record: () => undefined,
};
/**
 * Why a step ended with an open event. Fixed words, never the error's message: a tool's error can quote
 * a resource's value, and the run's log (the event's runUrl) has the whole story for whoever may read it.
 */
function endedBecause(error) {
    if (error === undefined)
        return 'The step ended before the event was finished.';
    if ((0,errors/* isConfigurationError */.p0)(error))
        return 'Refused: the step stopped on an input or a check; the run log says why.';
    if (error instanceof errors/* StepFailure */.pH)
        return 'The step failed; the run log says why.';
    return 'The step failed unexpectedly; the run log says why.';
}
/**
 * Runs a step with an audit log, and writes the log when it ends, also when it throws (then rethrown).
 * The logger the step gets collects the values it masks, so that no event carries one. Writing the
 * log never fails the step: the step's own artifacts and outputs are the record of what it did.
 */
async function withAuditLog(options, body) {
    const now = options.now ?? (() => new Date());
    const redactor = new Redactor();
    const given = options.logger;
    const logger = {
        debug: (message) => given.debug(message),
        info: (message) => given.info(message),
        notice: (message, properties) => given.notice(message, properties),
        warning: (message, properties) => given.warning(message, properties),
        error: (message, properties) => given.error(message, properties),
        mask: (secret) => {
            redactor.add(secret);
            given.mask(secret);
        },
        group: (name, body) => given.group(name, body),
    };
    const drafts = [];
    const audit = {
        begin(action, fields) {
            const draft = { action, fields: { ...fields }, startedAt: now() };
            drafts.push(draft);
            return {
                update({ action: renamed, ...more }) {
                    if (renamed)
                        draft.action = renamed;
                    Object.assign(draft.fields, more);
                },
                finish(outcome, detail) {
                    if (draft.outcome)
                        return;
                    draft.outcome = outcome;
                    draft.finishedAt = now();
                    if (detail !== undefined)
                        draft.fields.detail = detail;
                },
            };
        },
        record(action, { outcome, startedAt, ...fields }) {
            const at = now();
            drafts.push({ action, fields, startedAt: startedAt ?? at, finishedAt: at, outcome });
        },
    };
    let failure;
    try {
        return await body(audit, logger);
    }
    catch (error) {
        failure = { error };
        throw error;
    }
    finally {
        const ended = now();
        const events = drafts.map((draft) => toEvent(draft, options.run, redactor, {
            outcome: draft.outcome ?? 'failure',
            finishedAt: draft.finishedAt ?? ended,
            ...(draft.outcome ? {} : { detail: endedBecause(failure?.error) }),
        }));
        if (events.length > 0)
            await writeAuditPart(events, options, logger);
    }
}
/**
 * The wiring every audited action shares (run.ts): the artifact store over @actions/artifact, and the
 * use case run with the step's audit log, written as `<prefix>-audit-<step>-…` however the step ends.
 * Run.ts loads this module once its inputs are read, with the use case: a refused input loads neither.
 */
function auditedStep(step, artifactPrefix, context, body, artifacts = actionsArtifactStore()) {
    return withAuditLog({ artifactPrefix, step, run: context.run, artifacts, logger: context.logger }, (audit, logger) => body({ ...context, logger, artifacts, audit }));
}
function toEvent(draft, run, redactor, end) {
    const { fields } = draft;
    const detail = end.detail ?? fields.detail;
    const approvers = fields.approvers?.filter((login) => login !== '');
    const event = {
        schema: AUDIT_EVENT_SCHEMA,
        id: (0,external_node_crypto_.randomUUID)(),
        producer: { action: 'iac-pipeline', version: version/* SUITE_VERSION */.s },
        action: draft.action,
        actor: fields.actor || run.triggeringActor || run.actor || 'unknown',
        ...(approvers && approvers.length > 0 ? { approvers } : {}),
        ...(fields.stack ? { stack: fields.stack } : {}),
        ...(fields.environment ? { environment: fields.environment } : {}),
        ...(fields.planDigest ? { planDigest: fields.planDigest } : {}),
        commit: run.sha,
        outcome: end.outcome,
        ...(detail ? { detail: auditDetail(detail) } : {}),
        startedAt: draft.startedAt.toISOString(),
        finishedAt: end.finishedAt.toISOString(),
        repository: `${run.owner}/${run.repo}`,
        runId: run.runId,
        runAttempt: run.runAttempt,
        runUrl: run.runUrl,
    };
    // Redacted before it is checked, so that a cut detail cannot end inside a hidden value.
    return validateAuditEvent({ ...redactor.redactDeep(event), schema: AUDIT_EVENT_SCHEMA });
}
/** The artifact name of one step's events: `<prefix>-audit-<step>-<stack>-<attempt>-<random>`. */
function auditPartName(prefix, step, stack, attempt) {
    return `${prefix}-audit-${step}-${stack}-${attempt}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}
async function writeAuditPart(events, options, logger) {
    const stack = events[0]?.stack ?? events[0]?.environment ?? 'run';
    const name = auditPartName(options.artifactPrefix, options.step, stack, options.run.runAttempt);
    try {
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(options.run.runnerTemp, 'iac-audit-'));
        const path = (0,external_node_path_.join)(dir, AUDIT_FILE);
        await (0,promises_.writeFile)(path, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
        await options.artifacts.upload(name, [path], dir);
        logger.info(`Audit: ${events.map((e) => `${e.action} ${e.outcome}`).join(', ')} (artifact ${name}).`);
    }
    catch (error) {
        logger.warning(`The audit events of this step (${events.map((e) => e.action).join(', ')}) were not uploaded: ${(0,errors/* errorMessage */.gJ)(error)}.`, { title: 'Audit events not written' });
    }
}


/***/ }),

/***/ 21330:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fg: () => (/* binding */ backendRecordSchema),
/* harmony export */   Jz: () => (/* binding */ readContract),
/* harmony export */   Lb: () => (/* binding */ validateForWrite),
/* harmony export */   P9: () => (/* binding */ isWorkspacePath),
/* harmony export */   Un: () => (/* binding */ releaseBindingSchema),
/* harmony export */   Yt: () => (/* binding */ contractReader),
/* harmony export */   be: () => (/* binding */ varFileSchema),
/* harmony export */   fE: () => (/* binding */ readPlanManifest),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE),
/* harmony export */   yO: () => (/* binding */ producerSchema)
/* harmony export */ });
/* unused harmony exports PLAN_FILE, PLAN_JSON_FILE, LOCK_FILE, PLAN_KIND, PLAN_MAJOR, PLAN_SCHEMA, isSafeFileName, toWorkspacePath, toolSchema, priorStateSchema, stackInputRecordSchema, policyFindingSchema, policyResultSchema, planSummarySchema, planManifestSchema, toolMajor, validatePlanManifest */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64377);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3828);
/* harmony import */ var _core_zod_issues_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54735);





/**
 * The contracts between jobs: every artifact carries a `manifest.json` whose `schema` names its kind
 * and major version (`iac/plan@1`). The schemas live here and are validated on read; a reader refuses
 * another kind or a major version it does not know, saying which one it got and which it reads.
 * Within a major version fields are only ever added, so a reader ignores fields it does not know.
 */
const MANIFEST_FILE = 'manifest.json';
/** The names of the files in a plan bundle, beside manifest.json. */
const PLAN_FILE = 'tfplan';
const PLAN_JSON_FILE = 'plan.json';
const LOCK_FILE = '.terraform.lock.hcl';
const PLAN_KIND = 'iac/plan';
const PLAN_MAJOR = 1;
const PLAN_SCHEMA = `${PLAN_KIND}@${PLAN_MAJOR}`;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const TOOL_VERSION = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** A file name in a flat bundle: no directory part, no `.`/`..`, no NUL, no backslash. */
function isSafeFileName(name) {
    return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}
/** A POSIX path relative to the workspace, `.` for the workspace itself: `infra/prod`, never `./x`, `x/`, `../x`. */
function isWorkspacePath(path) {
    if (path === '.')
        return true;
    if (path.includes('\\') || path.includes('\0'))
        return false;
    return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
/**
 * The manifest's form of a directory: `absolute` relative to `workspaceRoot`, POSIX separators,
 * '.' for the root. A directory outside the workspace is the user's mistake.
 */
function toWorkspacePath(workspaceRoot, absolute, what = 'working-directory') {
    const path = relative(workspaceRoot, absolute);
    if (path === '')
        return '.';
    if (isAbsolute(path) || path === '..' || path.startsWith(`..${sep}`)) {
        throw new ConfigurationError(`Input "${what}" must name a directory inside the workspace`);
    }
    return path.split(sep).join('/');
}
const text = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { error: 'must not be empty' });
const sha256Hex = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
/** A whole number from `min`; zod reports a string given here as a non-number, so word it ourselves. */
function wholeNumber(min) {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr({ error: (issue) => describeType('a whole number', issue.input) })
        .min(min, { error: `must be a whole number, ${min} or more` });
}
const count = wholeNumber(0);
const workspacePath = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().refine(isWorkspacePath, {
    error: "must be a POSIX path relative to the workspace, '.' for the workspace itself",
});
const producerSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ action: text, version: text });
const toolSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['tofu', 'terraform'], { error: 'must be one of: tofu, terraform' }),
    version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(TOOL_VERSION, { error: 'must be a version such as 1.10.6' }),
});
/** A var file, its path as tf-plan was given it (relative to the workspace unless absolute). */
const varFileSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ path: text, sha256: sha256Hex });
const priorStateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    exists: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    serial: count.optional(),
    lineage: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
});
/**
 * Where the state of the plan lives: the backend's type and the settings that name the place, never a
 * credential. Part of the plan digest (when present), so that no job applies a plan to another state.
 */
const backendRecordSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    type: text,
    bucket: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    key: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    region: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    /** The server's host and port (`s3.eu-west-1.amazonaws.com`, `127.0.0.1:9000`), no scheme or path. */
    endpoint: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    workspaceKeyPrefix: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
});
/**
 * The release a plan deploys again: the source of a promotion, or the target of a rollback. tf-plan
 * writes it from the release's GitHub deployment; it is inside the plan digest, so the approval names
 * it, and tf-apply reads the deployment again and refuses a bundle whose commit or image differ.
 */
const releaseBindingSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['promotion', 'rollback'], { error: 'must be one of: promotion, rollback' }),
    /** `release`: the release's commit and image; `image` (rollbacks only): this commit with the release's image. */
    scope: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['release', 'image'], { error: 'must be one of: release, image' }),
    /** The environment the release ran in: the promotion's source, or the environment rolled back. */
    environment: text,
    deploymentId: wholeNumber(1),
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    commit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    createdAt: zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$({ offset: true, error: 'must be an ISO 8601 date and time' }),
    /** The release's image; absent when its run built none. */
    image: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), name: text, identifier: text.optional() }).optional(),
    /** The stack's variable that carries the image, and the value the plan was given; absent when it takes none. */
    imageVariable: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ name: text, value: text }).optional(),
    /** The release's smoke checks over all its stacks; absent when it had none. */
    smoke: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ passed: count, total: count }).optional(),
});
/**
 * One input of the plan: a variable given another stack's output, as it was when the plan was made.
 * Inside the plan digest: tf-apply reads the upstream's state again and refuses when the value moved.
 */
const stackInputRecordSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    variable: text,
    /** The upstream stack and its output. */
    stack: text,
    output: text,
    sensitive: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    /** Where the upstream's state is: its configuration, workspace and backend. */
    workingDirectory: workspacePath,
    workspace: text,
    backend: backendRecordSchema,
    /** The upstream's state when the value was read; absent when it was never applied (a provisional plan). */
    state: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ lineage: text, serial: count }).optional(),
    /** The sha256 of the value's canonical JSON; absent when it was never applied. */
    sha256: sha256Hex.optional(),
});
/**
 * One failure or warning of a policy check: the rule that made it (`deny_protected_delete`, from
 * conftest's query `data.<namespace>.<rule>`), its message and the resource address it names, when it
 * names one (the rule's `address` field, or an address of the plan found in its message).
 */
const policyFindingSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    rule: text,
    message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    address: text.optional(),
});
/**
 * The policy check of a plan (conftest on its `show -json`), inside the plan digest: a re-plan is a new
 * result, and an acceptance of failures names exactly these.
 */
const policyResultSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    /** enforce: a failure blocks the approval and the apply unless a policy owner accepts it; warn: shown only. */
    mode: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['enforce', 'warn']),
    namespace: text,
    conftestVersion: text,
    /** Every Rego file of the `policy` directories, and every `policy-data` file, with its sha256. */
    policies: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(varFileSchema).min(1),
    data: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(varFileSchema),
    /** Rules evaluated: successes, failures and warnings; never 0 (that is an error, not a pass). */
    evaluated: wholeNumber(1),
    failures: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(policyFindingSchema),
    warnings: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(policyFindingSchema),
    /** No failures. */
    passed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
});
const planSummarySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    add: count,
    change: count,
    destroy: count,
    replace: count,
    import: count,
    move: count,
    hasChanges: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    destroys: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    /** Addresses deleted or replaced. */
    deletes: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
});
const bundledFiles = zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().refine(isSafeFileName), sha256Hex, {
    error: (issue) => (issue.code === 'invalid_key' ? 'must be a plain file name, with no "/"' : undefined),
})
    .superRefine((files, ctx) => {
    for (const name of [PLAN_FILE, PLAN_JSON_FILE]) {
        if (!(name in files))
            ctx.addIssue({ code: 'custom', path: [name], message: 'is missing' });
    }
    if (MANIFEST_FILE in files) {
        ctx.addIssue({ code: 'custom', path: [MANIFEST_FILE], message: 'must not be listed' });
    }
});
/** `manifest.json` of a plan bundle, `iac/plan@1`. */
const planManifestSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(PLAN_SCHEMA),
    producer: producerSchema,
    stack: text,
    /** POSIX, relative to the workspace, '.' for the workspace itself. */
    workingDirectory: workspacePath,
    workspace: text,
    commit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    createdAt: zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$({ offset: true, error: 'must be an ISO 8601 date and time' }),
    tool: toolSchema,
    varFiles: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(varFileSchema),
    /** Bundled file name → sha256 hex: tfplan, plan.json, .terraform.lock.hcl when present. */
    files: bundledFiles,
    /** The state as seen at plan time, for the first-apply race guard (hashicorp/terraform#24078). */
    priorState: priorStateSchema,
    /** Absent in bundles written before the backend was recorded; tf-apply then checks nothing about it. */
    backend: backendRecordSchema.optional(),
    /** Absent for a plan of the checked-out commit; present for a promotion or a rollback. */
    source: releaseBindingSchema.optional(),
    /** The variables given other stacks' outputs, by variable name; absent when the stack has no inputs. */
    inputs: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(stackInputRecordSchema).optional(),
    /**
     * True when an input's stack was never applied, so the plan was made with placeholders: it shows what
     * the change looks like, and no job may approve or apply it.
     */
    provisional: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    /** True for a plan made with `destroy: true`, which deletes the whole stack; its approval needs more. */
    destroy: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    /** The policy check of the plan; absent when tf-plan was given no `policy`. */
    policy: policyResultSchema.optional(),
    planDigest: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' }),
    summary: planSummarySchema,
});
/** The major version of a tool version: `1.10.6` → 1, `v2.0.0-rc1` → 2. */
function toolMajor(version) {
    const match = /^v?(\d+)\./.exec(version);
    if (!match?.[1])
        throw new TypeError(`not a tool version: ${JSON.stringify(version)}`);
    return Number(match[1]);
}
const SCHEMA_ID = /^([a-z][a-z0-9-]*\/[a-z][a-z0-9-]*)@(\d+)$/;
/**
 * Reads a contract document (`iac/plan@1`, `iac/approval@1`, ...): JSON text or an already parsed
 * value; its `schema` must be `<expectedKind>@<major>` for a major in `schemaByMajor`, whose schema
 * then validates the whole document. Every refusal is a ConfigurationError that names the file, and
 * the field or the versions.
 */
function readContract(json, expectedKind, schemaByMajor, context) {
    const file = context.file ?? MANIFEST_FILE;
    const value = typeof json === 'string' || Buffer.isBuffer(json) ? parseJson(json.toString(), file) : json;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${file} must be a JSON object`);
    }
    const majors = Object.keys(schemaByMajor).map(Number);
    const reads = majors.map((major) => `${expectedKind}@${major}`).join(' or ');
    const id = value.schema;
    const match = typeof id === 'string' ? SCHEMA_ID.exec(id) : null;
    if (typeof id !== 'string' || !match) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${file}: schema must be a schema id such as ${reads}${typeof id === 'string' ? `; got ${JSON.stringify(id.slice(0, 60))}` : ''}`);
    }
    if (match[1] !== expectedKind) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${file} is ${id}, but ${context.reader} reads ${reads}: this is not the artifact ${context.reader} expects`);
    }
    const schema = schemaByMajor[Number(match[2])];
    if (!schema) {
        const advice = context.advice ?? 'use the same iac-pipeline version in every job';
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${file} is ${id}, but this version of ${context.reader} reads ${reads}: ${advice}`);
    }
    const result = schema.safeParse(value, { error: defaultMessage });
    if (!result.success)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${file}: ${(0,_core_zod_issues_js__WEBPACK_IMPORTED_MODULE_4__/* .describeIssue */ .n)(result.error.issues[0])}`);
    return result.data;
}
/**
 * The reader of one contract document, from its schema: the `schema` literal it requires
 * (`iac/smoke-results@1`) gives the kind and the major that `readContract` checks. `file` is the
 * file named in messages (default `manifest.json`), `defaultReader` the reading action.
 */
function contractReader(schema, defaultReader, file) {
    const id = SCHEMA_ID.exec(schema.shape.schema.value);
    if (!id?.[1])
        throw new TypeError(`not a schema id: ${schema.shape.schema.value}`);
    const [kind, major] = [id[1], Number(id[2])];
    return (json, reader = defaultReader) => readContract(json, kind, { [major]: schema }, { ...(file ? { file } : {}), reader });
}
/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
function validateForWrite(schema, value, file, error) {
    const result = schema.safeParse(value, error ? { error } : undefined);
    if (!result.success) {
        throw new Error(`refusing to write an invalid ${file}: ${(0,_core_zod_issues_js__WEBPACK_IMPORTED_MODULE_4__/* .describeIssue */ .n)(result.error.issues[0])}`);
    }
    return result.data;
}
/** Reads and validates a plan bundle's manifest.json. */
function readPlanManifest(json, reader = 'tf-apply', advice = 'use the same iac-pipeline version for plan and apply') {
    return readContract(json, PLAN_KIND, { [PLAN_MAJOR]: planManifestSchema }, { reader, advice });
}
/** Checks a manifest before it is written: a bad one is a bug in the writer, not the user's mistake. */
function validatePlanManifest(value) {
    return validateForWrite(planManifestSchema, value, MANIFEST_FILE, defaultMessage);
}
function parseJson(text, file) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${file} is not valid JSON (${error.message})`);
    }
}
const EXPECTED = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'an object',
    record: 'an object',
    array: 'a list',
};
function kindOf(input) {
    if (input === null)
        return 'null';
    if (Array.isArray(input))
        return 'a list';
    if (typeof input === 'number' || typeof input === 'boolean')
        return String(input);
    return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}
function describeType(expected, input) {
    return input === undefined
        ? `is missing (it must be ${expected})`
        : `must be ${expected}, not ${kindOf(input)}`;
}
/** Messages for the issues a schema does not word itself: "must be a string", "is missing". */
function defaultMessage(issue) {
    if (issue.code === 'invalid_type') {
        return describeType(EXPECTED[issue.expected] ?? issue.expected, issue.input);
    }
    if (issue.code === 'invalid_value') {
        return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    }
    if (issue.code === 'unrecognized_keys')
        return `has unknown fields: ${issue.keys.join(', ')}`;
    return undefined;
}


/***/ }),

/***/ 18067:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ SUITE_VERSION)
/* harmony export */ });
/** The suite's version, recorded in every manifest; a unit test keeps it equal to package.json's. */
const SUITE_VERSION = '0.1.0';


/***/ })

};
