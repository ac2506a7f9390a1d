export const id = 596;
export const ids = [596];
export const modules = {

/***/ 15596:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RESULTS_FILE: () => (/* binding */ RESULTS_FILE),
  RESULTS_SCHEMA: () => (/* binding */ RESULTS_SCHEMA),
  SARIF_FILE: () => (/* binding */ SARIF_FILE),
  runValidate: () => (/* binding */ runValidate),
  runValidation: () => (/* binding */ runValidation),
  validateArtifactName: () => (/* binding */ validateArtifactName)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
;// CONCATENATED MODULE: ./lib/contracts/manifest.js





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
    const path = (0,external_node_path_.relative)(workspaceRoot, absolute);
    if (path === '')
        return '.';
    if ((0,external_node_path_.isAbsolute)(path) || path === '..' || path.startsWith(`..${external_node_path_.sep}`)) {
        throw new errors/* ConfigurationError */.j1(`Input "${what}" must name a directory inside the workspace`);
    }
    return path.split(external_node_path_.sep).join('/');
}
const manifest_text = schemas/* string */.YjP().min(1, { error: 'must not be empty' });
const sha256Hex = schemas/* string */.YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
/** A whole number from `min`; zod reports a string given here as a non-number, so word it ourselves. */
function wholeNumber(min) {
    return schemas/* int */.Whr({ error: (issue) => describeType('a whole number', issue.input) })
        .min(min, { error: `must be a whole number, ${min} or more` });
}
const count = wholeNumber(0);
const workspacePath = schemas/* string */.YjP().refine(isWorkspacePath, {
    error: "must be a POSIX path relative to the workspace, '.' for the workspace itself",
});
const producerSchema = schemas/* object */.Ikc({ action: manifest_text, version: manifest_text });
const toolSchema = schemas/* object */.Ikc({
    name: schemas/* enum */.k5n(['tofu', 'terraform'], { error: 'must be one of: tofu, terraform' }),
    version: schemas/* string */.YjP().regex(TOOL_VERSION, { error: 'must be a version such as 1.10.6' }),
});
/** A var file, its path as tf-plan was given it (relative to the workspace unless absolute). */
const varFileSchema = schemas/* object */.Ikc({ path: manifest_text, sha256: sha256Hex });
const priorStateSchema = schemas/* object */.Ikc({
    exists: schemas/* boolean */.zMY(),
    serial: count.optional(),
    lineage: schemas/* string */.YjP().optional(),
});
/**
 * Where the state of the plan lives: the backend's type and the settings that name the place, never a
 * credential. Part of the plan digest (when present), so that no job applies a plan to another state.
 */
const backendRecordSchema = schemas/* object */.Ikc({
    type: manifest_text,
    bucket: schemas/* string */.YjP().optional(),
    key: schemas/* string */.YjP().optional(),
    region: schemas/* string */.YjP().optional(),
    /** The server's host and port (`s3.eu-west-1.amazonaws.com`, `127.0.0.1:9000`), no scheme or path. */
    endpoint: schemas/* string */.YjP().optional(),
    workspaceKeyPrefix: schemas/* string */.YjP().optional(),
});
/**
 * The release a plan deploys again: the source of a promotion, or the target of a rollback. tf-plan
 * writes it from the release's GitHub deployment; it is inside the plan digest, so the approval names
 * it, and tf-apply reads the deployment again and refuses a bundle whose commit or image differ.
 */
const releaseBindingSchema = schemas/* object */.Ikc({
    kind: schemas/* enum */.k5n(['promotion', 'rollback'], { error: 'must be one of: promotion, rollback' }),
    /** `release`: the release's commit and image; `image` (rollbacks only): this commit with the release's image. */
    scope: schemas/* enum */.k5n(['release', 'image'], { error: 'must be one of: release, image' }),
    /** The environment the release ran in: the promotion's source, or the environment rolled back. */
    environment: manifest_text,
    deploymentId: wholeNumber(1),
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    commit: schemas/* string */.YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    createdAt: iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' }),
    /** The release's image; absent when its run built none. */
    image: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), name: manifest_text, identifier: manifest_text.optional() }).optional(),
    /** The stack's variable that carries the image, and the value the plan was given; absent when it takes none. */
    imageVariable: schemas/* object */.Ikc({ name: manifest_text, value: manifest_text }).optional(),
    /** The release's smoke checks over all its stacks; absent when it had none. */
    smoke: schemas/* object */.Ikc({ passed: count, total: count }).optional(),
});
/**
 * One input of the plan: a variable given another stack's output, as it was when the plan was made.
 * Inside the plan digest: tf-apply reads the upstream's state again and refuses when the value moved.
 */
const stackInputRecordSchema = schemas/* object */.Ikc({
    variable: manifest_text,
    /** The upstream stack and its output. */
    stack: manifest_text,
    output: manifest_text,
    sensitive: schemas/* boolean */.zMY(),
    /** Where the upstream's state is: its configuration, workspace and backend. */
    workingDirectory: workspacePath,
    workspace: manifest_text,
    backend: backendRecordSchema,
    /** The upstream's state when the value was read; absent when it was never applied (a provisional plan). */
    state: schemas/* object */.Ikc({ lineage: manifest_text, serial: count }).optional(),
    /** The sha256 of the value's canonical JSON; absent when it was never applied. */
    sha256: sha256Hex.optional(),
});
/**
 * One failure or warning of a policy check: the rule that made it (`deny_protected_delete`, from
 * conftest's query `data.<namespace>.<rule>`), its message and the resource address it names, when it
 * names one (the rule's `address` field, or an address of the plan found in its message).
 */
const policyFindingSchema = schemas/* object */.Ikc({
    rule: manifest_text,
    message: schemas/* string */.YjP(),
    address: manifest_text.optional(),
});
/**
 * The policy check of a plan (conftest on its `show -json`), inside the plan digest: a re-plan is a new
 * result, and an acceptance of failures names exactly these.
 */
const policyResultSchema = schemas/* object */.Ikc({
    /** enforce: a failure blocks the approval and the apply unless a policy owner accepts it; warn: shown only. */
    mode: schemas/* enum */.k5n(['enforce', 'warn']),
    namespace: manifest_text,
    conftestVersion: manifest_text,
    /** Every Rego file of the `policy` directories, and every `policy-data` file, with its sha256. */
    policies: schemas/* array */.YOg(varFileSchema).min(1),
    data: schemas/* array */.YOg(varFileSchema),
    /** Rules evaluated: successes, failures and warnings; never 0 (that is an error, not a pass). */
    evaluated: wholeNumber(1),
    failures: schemas/* array */.YOg(policyFindingSchema),
    warnings: schemas/* array */.YOg(policyFindingSchema),
    /** No failures. */
    passed: schemas/* boolean */.zMY(),
});
const planSummarySchema = schemas/* object */.Ikc({
    add: count,
    change: count,
    destroy: count,
    replace: count,
    import: count,
    move: count,
    hasChanges: schemas/* boolean */.zMY(),
    destroys: schemas/* boolean */.zMY(),
    /** Addresses deleted or replaced. */
    deletes: schemas/* array */.YOg(schemas/* string */.YjP()),
});
const bundledFiles = schemas/* record */.g1P(schemas/* string */.YjP().refine(isSafeFileName), sha256Hex, {
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
const planManifestSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(PLAN_SCHEMA),
    producer: producerSchema,
    stack: manifest_text,
    /** POSIX, relative to the workspace, '.' for the workspace itself. */
    workingDirectory: workspacePath,
    workspace: manifest_text,
    commit: schemas/* string */.YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: schemas/* string */.YjP(),
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    createdAt: iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' }),
    tool: toolSchema,
    varFiles: schemas/* array */.YOg(varFileSchema),
    /** Bundled file name → sha256 hex: tfplan, plan.json, .terraform.lock.hcl when present. */
    files: bundledFiles,
    /** The state as seen at plan time, for the first-apply race guard (hashicorp/terraform#24078). */
    priorState: priorStateSchema,
    /** Absent in bundles written before the backend was recorded; tf-apply then checks nothing about it. */
    backend: backendRecordSchema.optional(),
    /** Absent for a plan of the checked-out commit; present for a promotion or a rollback. */
    source: releaseBindingSchema.optional(),
    /** The variables given other stacks' outputs, by variable name; absent when the stack has no inputs. */
    inputs: schemas/* array */.YOg(stackInputRecordSchema).optional(),
    /**
     * True when an input's stack was never applied, so the plan was made with placeholders: it shows what
     * the change looks like, and no job may approve or apply it.
     */
    provisional: schemas/* boolean */.zMY().optional(),
    /** True for a plan made with `destroy: true`, which deletes the whole stack; its approval needs more. */
    destroy: schemas/* boolean */.zMY().optional(),
    /** The policy check of the plan; absent when tf-plan was given no `policy`. */
    policy: policyResultSchema.optional(),
    planDigest: schemas/* string */.YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' }),
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
        throw new ConfigurationError(`${file} must be a JSON object`);
    }
    const majors = Object.keys(schemaByMajor).map(Number);
    const reads = majors.map((major) => `${expectedKind}@${major}`).join(' or ');
    const id = value.schema;
    const match = typeof id === 'string' ? SCHEMA_ID.exec(id) : null;
    if (typeof id !== 'string' || !match) {
        throw new ConfigurationError(`${file}: schema must be a schema id such as ${reads}${typeof id === 'string' ? `; got ${JSON.stringify(id.slice(0, 60))}` : ''}`);
    }
    if (match[1] !== expectedKind) {
        throw new ConfigurationError(`${file} is ${id}, but ${context.reader} reads ${reads}: this is not the artifact ${context.reader} expects`);
    }
    const schema = schemaByMajor[Number(match[2])];
    if (!schema) {
        const advice = context.advice ?? 'use the same iac-pipeline version in every job';
        throw new ConfigurationError(`${file} is ${id}, but this version of ${context.reader} reads ${reads}: ${advice}`);
    }
    const result = schema.safeParse(value, { error: defaultMessage });
    if (!result.success)
        throw new ConfigurationError(`${file}: ${describeIssue(result.error.issues[0])}`);
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
        throw new Error(`refusing to write an invalid ${file}: ${describeIssue(result.error.issues[0])}`);
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
        throw new ConfigurationError(`${file} is not valid JSON (${error.message})`);
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

;// CONCATENATED MODULE: ./lib/core/version.js
/** The suite's version, recorded in every manifest; a unit test keeps it equal to package.json's. */
const SUITE_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./lib/secrets/rules.js
const BUILT_IN_RULES = [
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
var ignore = __webpack_require__(70298);
;// CONCATENATED MODULE: ./lib/secrets/scan.js




const SKIPPED_DIRECTORIES = ['.git', '.terraform', 'node_modules'];
const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
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
        const relativePath = scope.base === '' ? path : external_node_path_.posix.relative(scope.base, path);
        return scope.rules.ignores(isDirectory ? `${relativePath}/` : relativePath);
    });
    const walk = async (relativeDir, inherited) => {
        const absoluteDir = (0,external_node_path_.join)(root, relativeDir);
        const entries = await (0,promises_.readdir)(absoluteDir, { withFileTypes: true }).catch(() => []);
        let scopes = inherited;
        const gitignore = entries.find((entry) => entry.isFile() && entry.name === '.gitignore');
        if (gitignore) {
            const text = await (0,promises_.readFile)((0,external_node_path_.join)(absoluteDir, '.gitignore'), 'utf8').catch(() => '');
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
    const handle = await (0,promises_.open)((0,external_node_path_.join)(root, path), 'r').catch(() => undefined);
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
function matchSecrets(text, rules = BUILT_IN_RULES) {
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
    constructor(rules = BUILT_IN_RULES) {
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
function redactByRules(text, rules = BUILT_IN_RULES) {
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
        if (finding.file.startsWith('../') || (0,external_node_path_.isAbsolute)(finding.file))
            continue;
        if (!texts.has(finding.file)) {
            // A file that cannot be read (gone since the scan) has no line left to redact: skip it.
            const text = await (0,promises_.readFile)((0,external_node_path_.join)(root, finding.file), 'utf8').catch(() => undefined);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./lib/terraform/json-document.js
function json_document_parseJsonDocument(stdout) {
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

;// CONCATENATED MODULE: ./lib/terraform/tool.js




/**
 * Finds the tool the `binary` input asks for. `auto` prefers tofu and falls back to terraform. A tool
 * that is found but cannot report its version is an error, not a reason to try the other one: running
 * a different tool than the one installed would be a surprise.
 */
async function resolveTool(binary, exec, options = {}) {
    // No await before the tool starts: a caller that loads a library next (tf-apply's download) would
    // otherwise compile it first, and the tool would start after that compile rather than during it.
    return tool_readToolVersion(locateTool(binary, options), exec);
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
    throw new errors/* ConfigurationError */.j1(`binary: ${wanted} on PATH. Run the setup action (the repository's root action, with tofu-version or ` +
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
async function tool_readToolVersion(located, exec) {
    const result = await exec(located.path, ['version', '-json']);
    const tool = tool_withVersion(located, result.exitCode === 0 ? versionField(result.stdout) : undefined);
    if (!tool) {
        throw new errors/* ConfigurationError */.j1(`binary: ${located.path} did not report its version (\`version -json\` exited ${result.exitCode}` +
            `${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}). Reinstall it with the setup action.`);
    }
    return tool;
}
/** The located tool with a version it reported (`1.12.6`, `v1.9.0`); undefined for no version. */
function tool_withVersion(located, reported) {
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
        const value = json_document_parseJsonDocument(stdout).value;
        return typeof value?.terraform_version === 'string' ? value.terraform_version : undefined;
    }
    catch {
        return undefined;
    }
}
/** init learned -json in OpenTofu 1.8 and Terraform 1.9; older versions print plain text. */
function tool_supportsInitJson(tool) {
    return tool.name === 'tofu' ? tool_atLeast(tool, 1, 8) : tool_atLeast(tool, 1, 9);
}
/** True when the tool is at least major.minor. */
function tool_atLeast(tool, major, minor) {
    return tool.major > major || (tool.major === major && tool.minor >= minor);
}

;// CONCATENATED MODULE: ./lib/validate/checks.js
function skipped(id, title, subject, reason) {
    return { id, title, subject, status: 'skipped', reason, findings: [] };
}
/** The annotation's place: file and line when known; GitHub takes columns only on a one-line range. */
function annotationOf(finding) {
    const properties = { title: finding.ruleDescription };
    if (finding.file === undefined)
        return properties;
    properties.file = finding.file;
    if (finding.line !== undefined) {
        properties.startLine = finding.line;
        properties.endLine = finding.endLine ?? finding.line;
        if (finding.column !== undefined && properties.endLine === finding.line) {
            properties.startColumn = finding.column;
            if (finding.endColumn !== undefined)
                properties.endColumn = finding.endColumn;
        }
    }
    return properties;
}
/** "infra/main.tf line 3", "infra/main.tf" or "". */
function placeOf(finding) {
    if (finding.file === undefined)
        return '';
    return finding.line === undefined ? finding.file : `${finding.file} line ${finding.line}`;
}

;// CONCATENATED MODULE: ./lib/validate/ansible.js



const ANSIBLE_ENV = {
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_FORCE_COLOR: '0',
    ANSIBLE_RETRY_FILES_ENABLED: '0',
};
const SYNTAX_TITLE = 'ansible-playbook --syntax-check';
const LINT_TITLE = 'ansible-lint';
async function checkAnsible(playbook, deps) {
    if (playbook === undefined) {
        return [
            skipped('ansible-syntax', SYNTAX_TITLE, '-', 'no playbook given'),
            skipped('ansible-lint', LINT_TITLE, '-', 'no playbook given'),
        ];
    }
    const searchPath = deps.searchPath ?? process.env.PATH ?? '';
    const subject = toWorkspace(deps.workspace, playbook);
    const program = findOnPath('ansible-playbook', searchPath);
    const syntax = program
        ? await deps.logger.group(`ansible-playbook --syntax-check (${subject})`, () => syntaxCheck(program, playbook, subject, deps))
        : skipped('ansible-syntax', SYNTAX_TITLE, subject, 'ansible-playbook is not on PATH');
    const linter = findOnPath('ansible-lint', searchPath);
    const lint = linter
        ? await deps.logger.group(`ansible-lint (${subject})`, () => lintPlaybook(linter, playbook, subject, deps))
        : skipped('ansible-lint', LINT_TITLE, subject, 'ansible-lint is not installed');
    return [syntax, lint];
}
async function syntaxCheck(program, playbook, subject, deps) {
    const { exec, logger, workspace } = deps;
    const started = Date.now();
    const result = await exec(program, ['--syntax-check', (0,external_node_path_.basename)(playbook)], {
        cwd: (0,external_node_path_.dirname)(playbook),
        env: { ...ANSIBLE_ENV },
    });
    const output = `${result.stdout}\n${result.stderr}`;
    for (const line of keptLines(output))
        logger.info(line);
    const durationMs = Date.now() - started;
    if (result.exitCode === 0) {
        return { id: 'ansible-syntax', title: SYNTAX_TITLE, subject, status: 'passed', findings: [], durationMs };
    }
    const finding = syntaxFinding(output, playbook, subject, workspace);
    logger.error(finding.message, annotationOf(finding));
    return {
        id: 'ansible-syntax',
        title: SYNTAX_TITLE,
        subject,
        status: 'failed',
        reason: finding.message,
        findings: [finding],
        durationMs,
    };
}
/** Ansible's output up to the quoted source: the error, its place, and warnings. */
function keptLines(output) {
    const kept = [];
    for (const line of output.split('\n')) {
        if (/^The offending line appears to be:/.test(line.trim()))
            break;
        if (line.trim() !== '')
            kept.push(line);
    }
    return kept;
}
const ERROR_LINE = /^ERROR! (.*)$/m;
const PLACE = /The error appears to be in '([^']+)': line (\d+), column (\d+)/;
/** The finding of a failed syntax check: Ansible's error, at the file and line it names. */
function syntaxFinding(output, playbook, subject, workspace) {
    const message = ERROR_LINE.exec(output)?.[1]?.trim() || 'The playbook failed the syntax check';
    const place = PLACE.exec(output.replace(/\n/g, ' '));
    const file = place ? toWorkspace(workspace, (0,external_node_path_.resolve)((0,external_node_path_.dirname)(playbook), place[1] ?? '')) : subject;
    const inside = !file.startsWith('../') && !(0,external_node_path_.isAbsolute)(file);
    return {
        rule: 'ansible/syntax-check',
        ruleDescription: 'Playbook syntax error',
        level: 'error',
        message,
        file: inside ? file : subject,
        ...(place && inside ? { line: Number(place[2]), column: Number(place[3]) } : {}),
    };
}
async function lintPlaybook(program, playbook, subject, deps) {
    const { exec, logger, workspace } = deps;
    const started = Date.now();
    // pep8 format: `path:line:column: rule: message`, one a line, paths relative to the directory.
    const result = await exec(program, ['--nocolor', '-f', 'pep8', (0,external_node_path_.basename)(playbook)], {
        cwd: (0,external_node_path_.dirname)(playbook),
        env: { ...ANSIBLE_ENV },
    });
    const findings = parseLintOutput(result.stdout, (0,external_node_path_.dirname)(playbook), workspace);
    for (const finding of findings)
        logger.warning(finding.message, annotationOf(finding));
    const durationMs = Date.now() - started;
    // ansible-lint exits 2 when it found violations; anything else non-zero is its own failure.
    if (result.exitCode !== 0 && findings.length === 0) {
        const tail = result.stderr.trim().split('\n').slice(-3).join(' ');
        return {
            id: 'ansible-lint',
            title: LINT_TITLE,
            subject,
            status: 'failed',
            reason: `ansible-lint exited with code ${result.exitCode}${tail ? `: ${tail}` : ''}`,
            findings: [],
            durationMs,
        };
    }
    return {
        id: 'ansible-lint',
        title: LINT_TITLE,
        subject,
        status: result.exitCode === 0 ? 'passed' : 'failed',
        ...(findings.length > 0 ? { reason: `${findings.length} violation(s)` } : {}),
        findings,
        durationMs,
    };
}
const LINT_LINE = /^(.+?):(\d+)(?::(\d+))?: ([\w[\]\-.]+):? (.*)$/;
function parseLintOutput(stdout, cwd, workspace) {
    const findings = [];
    for (const line of stdout.split('\n')) {
        const match = LINT_LINE.exec(line.trim());
        if (!match)
            continue;
        const file = toWorkspace(workspace, (0,external_node_path_.resolve)(cwd, match[1] ?? ''));
        if (file.startsWith('../') || (0,external_node_path_.isAbsolute)(file))
            continue;
        findings.push({
            rule: `ansible-lint/${match[4] ?? 'rule'}`,
            ruleDescription: `ansible-lint rule ${match[4] ?? ''}`.trim(),
            level: 'warning',
            message: (match[5] ?? '').trim() || (match[4] ?? ''),
            file,
            line: Number(match[2]),
            ...(match[3] ? { column: Number(match[3]) } : {}),
        });
    }
    return findings;
}
function toWorkspace(workspace, path) {
    const rel = (0,external_node_path_.relative)(workspace, path);
    return rel === '' ? '.' : rel.split(external_node_path_.sep).join('/');
}

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
function ui_stream_locationOf(diagnostic) {
    if (!diagnostic.range)
        return '';
    const file = diagnostic.file ?? diagnostic.range.filename;
    return `${file} line ${diagnostic.range.start.line}`;
}
/** The tool's error when another process holds the state lock (state-lock.ts reads its detail). */
const ui_stream_STATE_LOCK_SUMMARY = /^Error acquiring the state lock$/;
/** The tool's error when a saved plan's state has moved on. */
const ui_stream_STALE_PLAN_SUMMARY = /^Saved plan is stale$/;
/**
 * The state backend refused the credentials, or found none: S3's error codes and the AWS SDK's words,
 * wherever the tool puts them (the summary or the detail).
 */
const ui_stream_BACKEND_ACCESS_DENIED = /\b(SignatureDoesNotMatch|InvalidAccessKeyId|AccessDenied|InvalidToken|ExpiredToken|static credentials are empty|no valid credential sources|StatusCode: 403)\b/;
/**
 * Errors the step's failure restates in full, with what to do: logged as text, not annotated, so that
 * the step shows one error line rather than the tool's copy beside ours.
 */
function isRestatedError(diagnostic) {
    if (diagnostic.severity !== 'error')
        return false;
    if (ui_stream_STATE_LOCK_SUMMARY.test(diagnostic.summary) || ui_stream_STALE_PLAN_SUMMARY.test(diagnostic.summary))
        return true;
    return ui_stream_BACKEND_ACCESS_DENIED.test(`${diagnostic.summary}\n${diagnostic.detail}`);
}
/**
 * Consumes a command's output line by line: logs each message as it arrives, annotates diagnostics,
 * and remembers what a caller needs afterwards (diagnostics, the change summary, what apply finished).
 * A line that is not JSON is plain text: an older tool without -json for this command, or a
 * CLI-configuration warning.
 */
class ui_stream_UiStream extends ToolOutputStream {
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

;// CONCATENATED MODULE: ./lib/packer/diagnostics.js


const HEADER = /^(Error|Warning): (.*)$/;
const LOCATION = /^\s+on (.*?) line (\d+)(?:, in .*)?:$/;
const SOURCE = /^\s+(?:\d+: |\(source code not available\)$)/;
const DETAIL_RANGE = /^(\S+?\.(?:hcl|json)):(\d+),(\d+)(?:-\d+)?: ([\s\S]*)$/;
const JSON_POSITION = /^At line (\d+), column (\d+)/m;
/** Every diagnostic in one ui error text; none when the text is not in a shape described above. */
function parseDiagnostics(text, place) {
    const json = jsonParseError(text, place);
    if (json)
        return [json];
    const diagnostics = [];
    let current;
    const finish = () => {
        if (current)
            diagnostics.push(complete(current.diagnostic, current.body, place));
    };
    for (const line of text.split('\n')) {
        const header = HEADER.exec(line);
        if (header) {
            finish();
            current = {
                diagnostic: {
                    severity: header[1] === 'Warning' ? 'warning' : 'error',
                    summary: (header[2] ?? '').trim(),
                    detail: '',
                },
                body: [],
            };
            continue;
        }
        current?.body.push(line);
    }
    finish();
    return diagnostics;
}
function complete(diagnostic, body, place) {
    const detail = [];
    let located = false;
    // Whether the diagnostic named a place at all, even one outside the workspace.
    let placed = false;
    for (const line of body) {
        const location = located ? null : LOCATION.exec(line);
        if (location) {
            located = true;
            placed = setPlace(diagnostic, location[1] ?? '', Number(location[2]), undefined, place);
            continue;
        }
        if (SOURCE.test(line))
            continue;
        detail.push(line);
    }
    let text = detail.join('\n').trim();
    // A precise range at the head of the detail beats the block's line above it.
    const range = DETAIL_RANGE.exec(text);
    if (range) {
        placed = setPlace(diagnostic, range[1] ?? '', Number(range[2]), Number(range[3]), place) || placed;
        text = (range[4] ?? '').trim();
    }
    diagnostic.detail = text.replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n');
    if (!placed && place.templateFile !== undefined)
        diagnostic.file = place.templateFile;
    return diagnostic;
}
/** Sets the diagnostic's place; false when HCL gave none ("on  line 0:"). */
function setPlace(diagnostic, filename, line, column, place) {
    if (filename === '' || !(line > 0))
        return false;
    delete diagnostic.file;
    delete diagnostic.line;
    delete diagnostic.column;
    if (place.variablesFile !== undefined && (0,external_node_path_.resolve)(place.cwd, filename) === place.variablesFile) {
        // Its lines hold the values, which may be secrets: name the input, not the place.
        diagnostic.inVars = true;
        return true;
    }
    const file = workspaceFile(filename, place);
    if (file === undefined)
        return true;
    diagnostic.file = file;
    diagnostic.line = line;
    if (column !== undefined && column > 0)
        diagnostic.column = column;
    return true;
}
function jsonParseError(text, place) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('Failed to parse template'))
        return undefined;
    const [summary = trimmed] = trimmed.split('\n');
    const position = JSON_POSITION.exec(trimmed);
    const diagnostic = { severity: 'error', summary, detail: '' };
    if (place.templateFile !== undefined) {
        diagnostic.file = place.templateFile;
        if (position) {
            diagnostic.line = Number(position[1]);
            diagnostic.column = Number(position[2]);
        }
    }
    return diagnostic;
}
/** The annotation's place: file and line when known; GitHub takes a column only with a line. */
function diagnostics_annotationFor(diagnostic) {
    const properties = { title: diagnostic.summary };
    if (diagnostic.file === undefined)
        return properties;
    properties.file = diagnostic.file;
    if (diagnostic.line !== undefined) {
        properties.startLine = diagnostic.line;
        properties.endLine = diagnostic.line;
        if (diagnostic.column !== undefined)
            properties.startColumn = diagnostic.column;
    }
    return properties;
}
/** "images/golden.pkr.hcl line 8" or "images/golden.pkr.hcl" or 'input "vars"' or "". */
function diagnostics_locationOf(diagnostic) {
    if (diagnostic.inVars)
        return 'input "vars"';
    if (diagnostic.file === undefined)
        return '';
    return diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file} line ${diagnostic.line}`;
}

;// CONCATENATED MODULE: ./lib/packer/machine-readable.js


/** Undoes Packer's escaping of one data field (commas first, as Packer escaped them first). */
function unescapeField(field) {
    return field.replaceAll('%!(PACKER_COMMA)', ',').replaceAll('\\r', '\r').replaceAll('\\n', '\n');
}
const RECORD = /^(\d+),([^,]*),([^,]+)(?:,(.*))?$/;
/** One line as a record, or undefined for a line that is not one (a plugin's stray output). */
function parseMachineLine(line) {
    const match = RECORD.exec(line.replace(/\r$/, ''));
    if (!match)
        return undefined;
    const [, timestamp = '0', target = '', type = '', rest] = match;
    return {
        timestamp: Number(timestamp),
        target,
        type,
        data: rest === undefined ? [] : rest.split(',').map(unescapeField),
    };
}
// The ui errors that only repeat a build's error, which its own `error` record annotates.
const BUILD_ERROR_ECHOES = [
    /^Build '[^']*' errored/,
    /^\s*==> Some builds didn't complete successfully/,
    /^--> [^:]+: /,
];
/**
 * Consumes one Packer command's output line by line. Everything a person should read goes to the log
 * as it arrives; what callers need afterwards is kept: diagnostics, build errors, artifacts, version.
 */
class MachineReadableStream extends ToolOutputStream {
    diagnostics = [];
    /** `target,error,message` records: a build that failed, and why. */
    buildErrors = [];
    artifacts = [];
    /** ui errors that were neither diagnostics nor echoes of a build error. */
    otherErrors = [];
    version;
    /** The builds that said anything: none when Packer stopped on the template before building. */
    builds = new Set();
    open = new Map();
    parse(line) {
        return parseMachineLine(line);
    }
    handle(record) {
        if (record.target)
            this.builds.add(record.target);
        switch (record.type) {
            case 'ui':
                this.ui(record.data[0] ?? '', record.data.slice(1).join(','));
                return;
            case 'error': {
                const message = record.data.join(',').trim();
                const build = record.target || 'packer';
                this.buildErrors.push({ build, message });
                this.logger.error(message, { title: `Packer build ${build} failed` });
                return;
            }
            case 'artifact':
                this.artifact(record);
                return;
            case 'version':
                this.version = record.data[0];
                return;
            default:
                // artifact-count, error-count, version-commit, template-*: the ui lines say it for people.
                this.logger.debug(`packer ${record.type}${record.target ? ` (${record.target})` : ''}: ${record.data.join(',')}`);
        }
    }
    ui(kind, text) {
        const lines = text.replace(/^\n+|\n+$/g, '');
        if (kind !== 'error') {
            if (lines)
                for (const line of lines.split('\n'))
                    this.logger.info(line);
            return;
        }
        const diagnostics = parseDiagnostics(text, this.context);
        if (diagnostics.length > 0) {
            for (const diagnostic of diagnostics)
                this.report(diagnostic);
            return;
        }
        if (BUILD_ERROR_ECHOES.some((echo) => echo.test(lines))) {
            this.logger.info(lines);
            return;
        }
        this.otherErrors.push(lines);
        this.logger.error(lines, { title: 'Packer error' });
    }
    report(diagnostic) {
        this.diagnostics.push(diagnostic);
        const summary = diagnostic.inVars ? `Input "vars": ${diagnostic.summary}` : diagnostic.summary;
        const message = diagnostic.detail ? `${summary}\n${diagnostic.detail}` : summary;
        if (diagnostic.severity === 'error')
            this.logger.error(message, diagnostics_annotationFor(diagnostic));
        else
            this.logger.warning(message, diagnostics_annotationFor(diagnostic));
    }
    artifact(record) {
        const [indexField = '', key = '', ...values] = record.data;
        const index = Number(indexField);
        if (!Number.isInteger(index))
            return;
        const slot = `${record.target}\0${index}`;
        let artifact = this.open.get(slot);
        if (!artifact) {
            artifact = { build: record.target, index, id: '', files: [], nil: false };
            this.open.set(slot, artifact);
        }
        switch (key) {
            case 'builder-id':
                artifact.builderId = values.join(',');
                break;
            case 'id':
                artifact.id = values.join(',');
                break;
            case 'string':
                artifact.description = values.join(',');
                break;
            case 'file':
                // `file,N,name`: the file's index, then its name.
                artifact.files.push(values.slice(1).join(','));
                break;
            case 'nil':
                artifact.nil = true;
                break;
            case 'end':
                this.artifacts.push(artifact);
                this.open.delete(slot);
                break;
            default:
            // files-count and keys a newer Packer may add: nothing to keep.
        }
    }
}

;// CONCATENATED MODULE: ./lib/packer/cli.js




/** Finds packer on PATH and reads its version. */
async function resolvePacker(exec, searchPath = process.env.PATH ?? '') {
    const path = findOnPath('packer', searchPath);
    if (!path) {
        throw new errors/* ConfigurationError */.j1('packer is not on PATH. Run the setup action (the repository’s root action, with packer-version) in an ' +
            'earlier step of this job, or install Packer yourself.');
    }
    const result = await exec(path, ['version', '-machine-readable'], { env: PACKER_ENV });
    const version = result.exitCode === 0 ? cli_versionOf(result.stdout) : undefined;
    const match = version ? /^(\d+)\.(\d+)/.exec(version) : null;
    if (!version || !match) {
        throw new errors/* ConfigurationError */.j1(`${path} did not report its version (\`packer version\` exited ${result.exitCode}` +
            `${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}). Reinstall it with the setup action.`);
    }
    return { path, version, major: Number(match[1]), minor: Number(match[2]) };
}
/** The `version` record, or `Packer v1.2.3` as printed by versions whose output has no such record. */
function cli_versionOf(stdout) {
    for (const line of stdout.split('\n')) {
        const record = parseMachineLine(line);
        if (record?.type === 'version' && record.data[0])
            return record.data[0].replace(/^v/, '');
    }
    return /Packer v(\d+\.\d+\.\d+[^\s]*)/.exec(stdout)?.[1];
}
/** `packer init` (and `required_plugins`) arrived in Packer 1.7. */
function hasInit(tool) {
    return tool.major > 1 || (tool.major === 1 && tool.minor >= 7);
}
/**
 * Packer asks HashiCorp's checkpoint service for newer versions on every run unless told not to: a
 * network call that a build step has no use for, and that hangs where the network is closed.
 */
const PACKER_ENV = { CHECKPOINT_DISABLE: '1' };
/** A Packer command that failed on the template itself: one error line, annotations on the files. */
class PackerTemplateError extends errors/* ConfigurationError */.j1 {
    diagnostics;
    constructor(message, diagnostics) {
        super(message);
        this.diagnostics = diagnostics;
    }
}
/** A Packer command that failed for another reason: a build, a plugin, a crash. */
class PackerFailure extends errors/* StepFailure */.pH {
    name = 'PackerFailure';
}
/**
 * packer with one template in one working directory. Every command runs with an argument array and
 * `-machine-readable`, streamed through the parser as it goes.
 */
class PackerCli {
    options;
    constructor(options) {
        this.options = options;
    }
    get tool() {
        return this.options.tool;
    }
    /** Installs the plugins the template's required_plugins name (Packer 1.7+). */
    async init() {
        await this.run(['init', this.options.template], 'init');
    }
    async validate(args) {
        await this.run(['validate', ...templateArgs(args), this.options.template], 'validate');
    }
    async build(args) {
        const stream = await this.run(['build', ...templateArgs(args), this.options.template], 'build');
        return { artifacts: stream.artifacts };
    }
    async run(args, command) {
        const { exec, logger, tool, place } = this.options;
        const fullArgs = ['-machine-readable', ...args];
        // No argument holds a value: variables travel in a var file (see variables.ts).
        logger.debug(`running packer ${fullArgs.join(' ')} in ${place.relativeDir}`);
        const stream = new MachineReadableStream(logger, place);
        const result = await exec(tool.path, fullArgs, {
            cwd: place.cwd,
            env: PACKER_ENV,
            onStdoutLine: stream.onStdoutLine,
            onStderrLine: stream.onStderrLine,
        });
        if (result.exitCode !== 0)
            throw failure(command, result.exitCode, stream);
        return stream;
    }
}
function templateArgs(args) {
    const list = [];
    for (const file of args.varFiles ?? [])
        list.push(`-var-file=${file}`);
    if (args.only?.length)
        list.push(`-only=${args.only.join(',')}`);
    if (args.except?.length)
        list.push(`-except=${args.except.join(',')}`);
    return list;
}
// The annotations carry every error in full; the one error line names the first few.
const DESCRIBED_ERRORS = 3;
function failure(command, exitCode, stream) {
    const what = `packer ${command} failed`;
    const errors = stream.diagnostics.filter((d) => d.severity === 'error');
    // Packer reads the whole template before it starts any build: what it refuses then is the template.
    if (errors.length > 0 && (command !== 'build' || stream.builds.size === 0)) {
        return new PackerTemplateError(`${what}: ${describe(errors)}`, stream.diagnostics);
    }
    const reasons = [
        ...errors.map(describeOne),
        ...stream.buildErrors.map(({ build, message }) => `${build}: ${message}`),
        ...stream.otherErrors,
    ];
    if (reasons.length > 0) {
        const shown = reasons.slice(0, DESCRIBED_ERRORS).join('; ');
        const more = reasons.length - DESCRIBED_ERRORS;
        return new PackerFailure(`${what}: ${shown}${more > 0 ? `; and ${more} more, annotated above` : ''}`);
    }
    const tail = stream.stderrTail();
    return new PackerFailure(`${what} with exit code ${exitCode} and no error message${tail ? `:\n${tail}` : '; see the log above'}`);
}
function describeOne(diagnostic) {
    const where = diagnostics_locationOf(diagnostic);
    const detail = diagnostic.detail ? ` (${diagnostic.detail.split('\n')[0]})` : '';
    return `${where ? `${where}: ` : ''}${diagnostic.summary}${detail}`;
}
function describe(errors) {
    const shown = errors.slice(0, DESCRIBED_ERRORS).map(describeOne);
    const more = errors.length - shown.length;
    return shown.join('; ') + (more > 0 ? `; and ${more} more error(s), annotated above` : '');
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/contracts/digest.js


/** Names this construction; a different construction would take another label (and schema major). */
const PLAN_DIGEST_LABEL = 'iac/plan-digest@1';
/**
 * The plan digest: what an approval names and what tf-apply checks before it applies. It is a
 * contract, so the construction is fixed and written down here:
 *
 *   planDigest = "sha256:" + lowercase hex of SHA-256( frame(label) ‖ frame(header) ‖ frame(planfile) ‖ frame(lock) )
 *
 *   frame(b) = the length of b in bytes as an unsigned 64-bit big-endian integer, then b
 *   label    = the UTF-8 bytes of "iac/plan-digest@1"
 *   header   = the UTF-8 bytes of JSON.stringify of an object with exactly these keys, in this order:
 *              {"stack": string, "workingDirectory": string, "workspace": string,
 *               "toolName": "tofu" | "terraform", "toolMajor": integer, "lockFile": boolean}
 *              (no whitespace; `lockFile` says whether a lock file is bundled), and when the manifest records
 *              the backend, last, "backend": {"type": string, then those of "bucket", "key", "region",
 *              "endpoint", "workspaceKeyPrefix" that it has, in this order, each a string}; and when
 *              the manifest records the release it deploys again, after that, "source": {"kind",
 *              "scope", "environment", "deploymentId", "runId", "runAttempt", "commit", "createdAt",
 *              then those of "image" {"id", "name", and "identifier" when it has one}, "imageVariable"
 *              {"name", "value"} and
 *              "smoke" {"passed", "total"} that it has, in this order}; and when the manifest records
 *              stack inputs, after that, "inputs": a list ordered by variable of {"variable", "stack",
 *              "output", "sensitive", "workingDirectory", "workspace", "backend" (as above), then those of
 *              "state" {"lineage", "serial"} and "sha256" that it has}; then "provisional": true and
 *              "destroy": true, each only when the manifest says so; and when the manifest records a
 *              policy check, last, "policy": {"mode", "namespace", "conftestVersion", "policies" and
 *              "data" (each a list ordered by path of {"path", "sha256"}), "evaluated", "failures" and
 *              "warnings" (each a list ordered by rule, then address, then message, of {"rule",
 *              "message", then "address" when it has one}), "passed"}
 *   planfile = the bytes of `tfplan`
 *   lock     = the bytes of `.terraform.lock.hcl`, or no bytes when there is none
 *
 * Every part is length-framed and the fields are JSON-encoded strings in a fixed order, so no two
 * different inputs give the same byte stream: stack "a" + workspace "bc" and stack "ab" +
 * workspace "c" differ in the header, and an empty lock file differs from none through `lockFile`.
 */
function planDigest(input) {
    const { stack, workingDirectory, workspace, toolName, toolMajor } = input;
    for (const [name, value] of Object.entries({ stack, workingDirectory, workspace, toolName })) {
        if (typeof value !== 'string')
            throw new TypeError(`planDigest: ${name} must be a string`);
    }
    if (!Number.isSafeInteger(toolMajor) || toolMajor < 0) {
        throw new TypeError('planDigest: toolMajor must be a whole number');
    }
    const header = JSON.stringify({
        stack,
        workingDirectory,
        workspace,
        toolName,
        toolMajor,
        lockFile: input.lockFile !== undefined,
        ...(input.backend ? { backend: canonicalBackend(input.backend) } : {}),
        ...(input.source ? { source: canonicalSource(input.source) } : {}),
        ...(input.inputs && input.inputs.length > 0 ? { inputs: canonicalInputs(input.inputs) } : {}),
        ...(input.provisional ? { provisional: true } : {}),
        ...(input.destroy ? { destroy: true } : {}),
        ...(input.policy ? { policy: canonicalPolicy(input.policy) } : {}),
    });
    const hash = createHash('sha256');
    const frame = (bytes) => {
        const length = Buffer.alloc(8);
        length.writeBigUInt64BE(BigInt(bytes.length));
        hash.update(length);
        hash.update(bytes);
    };
    frame(Buffer.from(PLAN_DIGEST_LABEL, 'utf8'));
    frame(Buffer.from(header, 'utf8'));
    frame(input.planfile);
    frame(input.lockFile ?? Buffer.alloc(0));
    return `sha256:${hash.digest('hex')}`;
}
/** The backend's fields in the fixed order the construction names, whatever order the record had. */
function canonicalBackend(backend) {
    const fields = ['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix'];
    const canonical = {};
    for (const field of fields) {
        const value = backend[field];
        if (value !== undefined)
            canonical[field] = value;
    }
    return canonical;
}
/** The binding's fields in the fixed order the construction names, whatever order the record had. */
function canonicalSource(source) {
    const { image, imageVariable, smoke } = source;
    return {
        kind: source.kind,
        scope: source.scope,
        environment: source.environment,
        deploymentId: source.deploymentId,
        runId: source.runId,
        runAttempt: source.runAttempt,
        commit: source.commit,
        createdAt: source.createdAt,
        ...(image
            ? {
                image: {
                    id: image.id,
                    name: image.name,
                    ...(image.identifier !== undefined ? { identifier: image.identifier } : {}),
                },
            }
            : {}),
        ...(imageVariable ? { imageVariable: { name: imageVariable.name, value: imageVariable.value } } : {}),
        ...(smoke ? { smoke: { passed: smoke.passed, total: smoke.total } } : {}),
    };
}
/** The inputs in the fixed order the construction names: by variable, each with its fields in order. */
function canonicalInputs(inputs) {
    return [...inputs]
        .sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : 0))
        .map((input) => ({
        variable: input.variable,
        stack: input.stack,
        output: input.output,
        sensitive: input.sensitive,
        workingDirectory: input.workingDirectory,
        workspace: input.workspace,
        backend: canonicalBackend(input.backend),
        ...(input.state ? { state: { lineage: input.state.lineage, serial: input.state.serial } } : {}),
        ...(input.sha256 !== undefined ? { sha256: input.sha256 } : {}),
    }));
}
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Findings by rule, then address, then message: the order the manifest keeps and the digest takes. */
function sortedFindings(findings) {
    return [...findings].sort((a, b) => byText(a.rule, b.rule) || byText(a.address ?? '', b.address ?? '') || byText(a.message, b.message));
}
/** Findings in the fixed order the construction names, so the order conftest printed them in is no part of it. */
function canonicalFindings(findings) {
    return sortedFindings(findings).map((f) => ({
        rule: f.rule,
        message: f.message,
        ...(f.address !== undefined ? { address: f.address } : {}),
    }));
}
function canonicalPolicy(policy) {
    const files = (list) => [...list].sort((a, b) => byText(a.path, b.path)).map((f) => ({ path: f.path, sha256: f.sha256 }));
    return {
        mode: policy.mode,
        namespace: policy.namespace,
        conftestVersion: policy.conftestVersion,
        policies: files(policy.policies),
        data: files(policy.data),
        evaluated: policy.evaluated,
        failures: canonicalFindings(policy.failures),
        warnings: canonicalFindings(policy.warnings),
        passed: policy.passed,
    };
}
/** The sha256 of a file, lowercase hex, read as a stream (planfiles can be large). */
async function digest_sha256File(path) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The first 12 hex digits of a digest, with its `sha256:` prefix, for messages. */
function shortDigest(digest) {
    const hex = digest.replace(/^sha256:/, '');
    return `sha256:${hex.slice(0, 12)}`;
}

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

;// CONCATENATED MODULE: ./lib/packer/template.js






const HCL_CONFIG = /\.pkr\.(?:hcl|json)$/;
const AUTO_VAR_FILE = /\.auto\.pkrvars\.(?:hcl|json)$/;
/** The template at `path` (an existing file or directory, absolute). */
async function discoverTemplate(path) {
    const isDirectory = (await (0,promises_.stat)(path)).isDirectory();
    if (!isDirectory) {
        // Packer reads any file not named *.pkr.hcl or *.pkr.json as a JSON template.
        const format = HCL_CONFIG.test(path) ? 'hcl2' : 'json';
        return { path, isDirectory, format, files: [path], configFiles: [path] };
    }
    const entries = await (0,promises_.readdir)(path, { withFileTypes: true });
    const names = entries
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort();
    const configFiles = names.filter((name) => HCL_CONFIG.test(name)).map((name) => (0,external_node_path_.join)(path, name));
    if (configFiles.length === 0) {
        throw new errors/* ConfigurationError */.j1(`Input "template" names the directory ${(0,external_node_path_.basename)(path)}, which holds no Packer template: ` +
            'a directory template is a set of *.pkr.hcl or *.pkr.json files (name a JSON template by its file).');
    }
    const autoVarFiles = names.filter((name) => AUTO_VAR_FILE.test(name)).map((name) => (0,external_node_path_.join)(path, name));
    return {
        path,
        isDirectory,
        format: 'hcl2',
        files: [...configFiles, ...autoVarFiles].sort(),
        configFiles,
    };
}
/** A name for the template, for the default image name: `golden` for golden.pkr.hcl or images/golden/. */
function templateBaseName(template) {
    return basename(template.path).replace(/(?:\.pkr\.hcl|\.pkr\.json|\.json)$/, '');
}
/** Names this construction; a different one would take another label. */
const TEMPLATE_HASH_LABEL = 'iac/template-hash@1';
/**
 * The template hash, which decides whether an image must be built again:
 *
 *   "sha256:" + hex SHA-256 of JSON.stringify({ label, template: [[path, sha256], ...], varFiles: [[path, sha256], ...] })
 *
 * with each path relative to the workspace (POSIX), so the hash is the same in every job and on every
 * runner. Template files are sorted by path (Packer reads a directory in any order); var files keep the
 * order they were given in, since a later one overrides an earlier one.
 */
async function hashTemplate(template, varFiles, workspace) {
    const hashed = (path) => sha256File(path).then((sha256) => ({ path: template_workspacePath(workspace, path), sha256 }));
    const templateFiles = (await Promise.all(template.files.map(hashed))).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const hashedVarFiles = await Promise.all(varFiles.map(hashed));
    const document = JSON.stringify({
        label: TEMPLATE_HASH_LABEL,
        template: templateFiles.map((file) => [file.path, file.sha256]),
        varFiles: hashedVarFiles.map((file) => [file.path, file.sha256]),
    });
    return {
        hash: `sha256:${createHash('sha256').update(document).digest('hex')}`,
        templateFiles,
        varFiles: hashedVarFiles,
    };
}
/** A path relative to the workspace, POSIX, '.' for the workspace itself. */
function template_workspacePath(workspace, path) {
    const rel = (0,external_node_path_.relative)(workspace, path);
    return rel === '' ? '.' : rel.split(external_node_path_.sep).join('/');
}
/** Reads what the template declares; `cwd` is where Packer will run (relative outputs are relative to it). */
async function analyseTemplate(template, cwd, logger) {
    const analysis = {
        parsed: true,
        variables: new Map(),
        requiredPlugins: [],
        manifests: [],
        builds: [],
        postProcessors: [],
        buildNamesKnown: true,
    };
    // path.root: the directory Packer was given, or the file's directory.
    const root = template.isDirectory ? template.path : (0,external_node_path_.dirname)(template.path);
    for (const file of template.configFiles) {
        let body;
        try {
            body = await parseFile(file, template.format);
        }
        catch (error) {
            logger.debug(`could not read ${(0,external_node_path_.basename)(file)} ahead of Packer: ${(0,errors/* errorMessage */.gJ)(error)}`);
            analysis.parsed = false;
            continue;
        }
        if (template.format === 'json')
            collectJson(body, analysis, cwd);
        else
            collectHcl(body, analysis, { root, cwd });
    }
    return analysis;
}
async function parseFile(file, format) {
    const text = await (0,promises_.readFile)(file, 'utf8');
    if (format === 'json' || file.endsWith('.json'))
        return asBody(JSON.parse(text));
    return asBody(await parseHcl(text));
}
function asBody(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new Error('the template is not an object');
    }
    return value;
}
function collectHcl(body, analysis, where) {
    for (const variables of hclBodies(body.variable)) {
        for (const [name, declaration] of Object.entries(variables)) {
            const type = bareExpression(hclBodies(declaration)[0]?.type);
            analysis.variables.set(name, { name, ...(type ? { type } : {}) });
        }
    }
    // The older `variables { name = default }` block: untyped, so strings on the command line.
    for (const variables of hclBodies(body.variables)) {
        for (const name of Object.keys(variables))
            analysis.variables.set(name, { name });
    }
    for (const packer of hclBodies(body.packer)) {
        for (const plugins of hclBodies(packer.required_plugins)) {
            analysis.requiredPlugins.push(...Object.keys(plugins));
        }
    }
    for (const build of hclBodies(body.build)) {
        collectHclBuilds(build, analysis);
        const postProcessors = [
            ...hclBodies(build['post-processor']),
            ...hclBodies(build['post-processors']).flatMap((chain) => hclBodies(chain['post-processor'])),
        ];
        for (const byType of postProcessors) {
            for (const manifest of hclBodies(byType.manifest)) {
                analysis.manifests.push(hclManifestOutput(manifest.output, where));
            }
            for (const [type, definitions] of Object.entries(byType)) {
                for (const definition of hclBodies(definitions)) {
                    const name = literalName(definition.name);
                    if (name === null)
                        analysis.buildNamesKnown = false;
                    else
                        analysis.postProcessors.push(name ?? type);
                }
            }
        }
    }
}
/** A name as written: undefined when absent, null when it is an expression only Packer can evaluate. */
function literalName(value) {
    if (value === undefined)
        return undefined;
    return typeof value === 'string' && !/[$%]\{/.test(value) ? value : null;
}
/**
 * A build's names as Packer 1.6+ gives them: each source it uses (`sources = ["source.null.a"]`, or a
 * `source "source.null.a" { name = "renamed" }` block) is `<type>.<name>`, prefixed by the build's name.
 */
function collectHclBuilds(build, analysis) {
    const buildName = literalName(build.name);
    if (buildName === null)
        analysis.buildNamesKnown = false;
    const prefix = buildName ? `${buildName}.` : '';
    const add = (reference, rename) => {
        const match = typeof reference === 'string' ? /^source\.([^.]+)\.([^.]+)$/.exec(reference) : null;
        const name = literalName(rename);
        if (!match || name === null) {
            analysis.buildNamesKnown = false;
            return;
        }
        analysis.builds.push(`${prefix}${match[1]}.${name ?? match[2]}`);
    };
    for (const reference of Array.isArray(build.sources) ? build.sources : [])
        add(reference);
    for (const sources of hclBodies(build.source)) {
        for (const [reference, definitions] of Object.entries(sources)) {
            const blocks = hclBodies(definitions);
            for (const definition of blocks.length > 0 ? blocks : [{}])
                add(reference, definition.name);
        }
    }
}
const DEFAULT_MANIFEST = 'packer-manifest.json';
function hclManifestOutput(output, where) {
    if (output === undefined)
        return { expression: DEFAULT_MANIFEST, path: (0,external_node_path_.resolve)(where.cwd, DEFAULT_MANIFEST) };
    if (typeof output !== 'string')
        return { expression: String(output) };
    const substituted = output
        .replaceAll('${path.root}', where.root.split(external_node_path_.sep).join('/'))
        .replaceAll('${path.cwd}', where.cwd.split(external_node_path_.sep).join('/'));
    if (/[$%]\{/.test(substituted))
        return { expression: output };
    return { expression: output, path: (0,external_node_path_.resolve)(where.cwd, substituted) };
}
function collectJson(body, analysis, cwd) {
    if (isHclBody(body.variables)) {
        for (const name of Object.keys(body.variables))
            analysis.variables.set(name, { name });
    }
    // A JSON build is named by its builder: `name`, else `type`. A `{{ }}` in it is resolved by Packer.
    for (const builder of Array.isArray(body.builders) ? body.builders : []) {
        const name = isHclBody(builder) ? (builder.name ?? builder.type) : undefined;
        if (typeof name === 'string' && !name.includes('{{'))
            analysis.builds.push(name);
        else
            analysis.buildNamesKnown = false;
    }
    const postProcessors = Array.isArray(body['post-processors']) ? body['post-processors'] : [];
    // Each entry is a type name, a definition, or a sequence of them.
    for (const entry of postProcessors.flatMap((item) => (Array.isArray(item) ? item : [item]))) {
        const definition = typeof entry === 'string' ? { type: entry } : isHclBody(entry) ? entry : undefined;
        const ppName = definition?.name ?? definition?.type;
        if (typeof ppName === 'string')
            analysis.postProcessors.push(ppName);
        if (definition?.type !== 'manifest')
            continue;
        const output = definition.output ?? DEFAULT_MANIFEST;
        if (typeof output !== 'string' || output.includes('{{')) {
            analysis.manifests.push({ expression: String(output) });
        }
        else {
            analysis.manifests.push({ expression: output, path: (0,external_node_path_.resolve)(cwd, output) });
        }
    }
}

;// CONCATENATED MODULE: ./lib/validate/packer.js





const TITLE = 'packer validate';
async function checkPacker(templatePath, deps) {
    const { logger, workspace } = deps;
    if (templatePath === undefined)
        return skipped('packer', TITLE, '-', 'no packer-template given');
    const subject = template_workspacePath(workspace, templatePath);
    let tool;
    try {
        tool = await resolvePacker(deps.exec, deps.searchPath);
    }
    catch (error) {
        if (!(0,errors/* isConfigurationError */.p0)(error))
            throw error;
        logger.warning(`packer validate was skipped: ${error.message}`, { title: 'Check skipped' });
        return skipped('packer', TITLE, subject, 'packer is not on PATH');
    }
    const started = Date.now();
    const template = await discoverTemplate(templatePath);
    const cwd = template.isDirectory ? template.path : (0,external_node_path_.dirname)(template.path);
    const cli = new PackerCli({
        tool,
        exec: deps.exec,
        logger,
        template: template.isDirectory ? '.' : (0,external_node_path_.relative)(cwd, template.path),
        place: {
            cwd,
            relativeDir: template_workspacePath(workspace, cwd),
            ...(template.isDirectory ? {} : { templateFile: subject }),
        },
    });
    return logger.group(`packer validate (${subject})`, async () => {
        try {
            const analysis = await analyseTemplate(template, cwd, logger);
            if (analysis.requiredPlugins.length > 0 && hasInit(tool))
                await cli.init();
            await cli.validate({});
            logger.info('The template is valid.');
            return {
                id: 'packer',
                title: TITLE,
                subject,
                status: 'passed',
                findings: [],
                durationMs: Date.now() - started,
            };
        }
        catch (error) {
            if (error instanceof PackerTemplateError) {
                return {
                    id: 'packer',
                    title: TITLE,
                    subject,
                    status: 'failed',
                    reason: `${error.diagnostics.filter((d) => d.severity === 'error').length} error(s)`,
                    findings: error.diagnostics.map(findingOf),
                    durationMs: Date.now() - started,
                };
            }
            if (error instanceof PackerFailure || (0,errors/* isConfigurationError */.p0)(error)) {
                return {
                    id: 'packer',
                    title: TITLE,
                    subject,
                    status: 'failed',
                    reason: error.message,
                    findings: [
                        {
                            rule: 'packer/validate',
                            ruleDescription: 'Packer template is invalid',
                            level: 'error',
                            message: error.message,
                            ...(template.isDirectory ? {} : { file: subject }),
                        },
                    ],
                    durationMs: Date.now() - started,
                };
            }
            throw error;
        }
    });
}
function findingOf(diagnostic) {
    const detail = diagnostic.detail ? `: ${diagnostic.detail.split('\n')[0]}` : '';
    return {
        rule: 'packer/validate',
        ruleDescription: 'Packer template is invalid',
        level: diagnostic.severity,
        message: `${diagnostic.summary}${detail}`,
        ...(diagnostic.file !== undefined ? { file: diagnostic.file } : {}),
        ...(diagnostic.line !== undefined ? { line: diagnostic.line } : {}),
        ...(diagnostic.column !== undefined ? { column: diagnostic.column } : {}),
    };
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
                    driver: { name: toolName, version: SUITE_VERSION, semanticVersion: SUITE_VERSION, rules },
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

;// CONCATENATED MODULE: ./lib/secrets/gitleaks.js



async function gitleaksVersion(path, exec) {
    const result = await exec(path, ['version']);
    const version = /v?(\d+)\.(\d+)\.(\d+)/.exec(result.stdout);
    const major = Number(version?.[1] ?? 0);
    const minor = Number(version?.[2] ?? 0);
    return {
        path,
        version: version ? `${version[1]}.${version[2]}.${version[3]}` : 'unknown',
        hasDirCommand: major > 8 || (major === 8 && minor >= 19),
    };
}
async function runGitleaks(tool, root, exec, tempRoot) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(tempRoot, 'iac-gitleaks-'));
    const report = (0,external_node_path_.join)(dir, 'report.json');
    try {
        const args = tool.hasDirCommand
            ? [
                'dir',
                root,
                '--report-format',
                'json',
                '--report-path',
                report,
                '--redact',
                '--exit-code',
                '0',
                '--no-banner',
            ]
            : [
                'detect',
                '--no-git',
                '--source',
                root,
                '--report-format',
                'json',
                '--report-path',
                report,
                '--redact',
                '--exit-code',
                '0',
                '--no-banner',
            ];
        const result = await exec(tool.path, args, { cwd: root });
        if (result.exitCode !== 0) {
            // stderr is gitleaks' own log; with --redact it holds no secret, but keep the message short.
            const reason = result.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
            throw new errors/* StepFailure */.pH(`gitleaks exited with code ${result.exitCode}${reason ? `: ${reason}` : ''}`);
        }
        const text = await (0,promises_.readFile)(report, 'utf8').catch(() => '[]');
        return parseGitleaksReport(text, root);
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/** The findings of a gitleaks JSON report, without the secret and match fields. */
function parseGitleaksReport(text, root) {
    let records;
    try {
        records = JSON.parse(text.trim() === '' ? '[]' : text);
    }
    catch {
        throw new errors/* StepFailure */.pH('gitleaks wrote a report that is not JSON');
    }
    if (!Array.isArray(records))
        throw new errors/* StepFailure */.pH('gitleaks wrote a report that is not a JSON array');
    return records.map((record) => {
        const file = typeof record.File === 'string' ? record.File : '';
        const line = typeof record.StartLine === 'number' && record.StartLine > 0 ? record.StartLine : 1;
        const column = typeof record.StartColumn === 'number' && record.StartColumn > 0 ? record.StartColumn : 1;
        const endColumn = typeof record.EndColumn === 'number' && record.EndColumn >= column ? record.EndColumn : column;
        return {
            rule: typeof record.RuleID === 'string' ? record.RuleID : 'gitleaks',
            description: typeof record.Description === 'string' ? record.Description : 'Secret found by gitleaks',
            file: relativeTo(root, file),
            line,
            column,
            endColumn,
        };
    });
}
function relativeTo(root, file) {
    const path = (0,external_node_path_.isAbsolute)(file) ? (0,external_node_path_.relative)(root, file) : file;
    return path.split(external_node_path_.sep).join('/').replace(/^\.\//, '');
}

;// CONCATENATED MODULE: ./lib/validate/secrets.js





const secrets_TITLE = 'secret scan';
async function checkSecrets(enabled, deps) {
    if (!enabled)
        return skipped('secrets', secrets_TITLE, '.', 'scan-secrets is false');
    const { logger, workspace } = deps;
    return logger.group('secret scan', async () => {
        const started = Date.now();
        const gitleaks = findOnPath('gitleaks', deps.searchPath ?? process.env.PATH ?? '');
        let found;
        let scanner;
        if (gitleaks) {
            const tool = await gitleaksVersion(gitleaks, deps.exec);
            scanner = `gitleaks ${tool.version}`;
            logger.info(`Scanning the working tree with ${scanner} (on PATH), in place of the built-in rules.`);
            found = await runGitleaks(tool, workspace, deps.exec, deps.runnerTemp);
            // gitleaks ran with --redact: the values are read back from the files, at the places it names.
            const redactor = deps.redactor;
            if (redactor)
                for (const value of await valuesAtFindings(workspace, found))
                    redactor.add(value);
        }
        else {
            const redactor = deps.redactor;
            const { findings, statistics } = await scanTree(workspace, redactor ? { onSecret: (value) => redactor.add(value) } : {});
            scanner = 'built-in rules';
            logger.info(`Scanned ${statistics.filesScanned} file(s), ${statistics.bytesScanned} bytes, in ${statistics.durationMs} ms ` +
                `with the built-in rules; left out ${statistics.binaryFiles} binary and ${statistics.largeFiles} large file(s), ` +
                'and whatever .gitignore, .git, .terraform and node_modules hold.');
            found = findings;
        }
        const findings = found.map((secret) => {
            const finding = {
                rule: `secrets/${secret.rule}`,
                ruleDescription: secret.description,
                level: 'error',
                message: `${secret.description} found in ${secret.file} line ${secret.line}. Revoke it, remove it from the file and its history, and load it from a secret store instead.`,
                file: secret.file,
                line: secret.line,
                column: secret.column,
                endColumn: secret.endColumn,
            };
            logger.error(finding.message, annotationOf(finding));
            return finding;
        });
        if (findings.length === 0)
            logger.info('No secrets found.');
        return {
            id: 'secrets',
            title: secrets_TITLE,
            subject: '.',
            status: findings.length === 0 ? 'passed' : 'failed',
            reason: `${findings.length === 0 ? 'no secrets' : `${findings.length} secret(s)`} found (${scanner})`,
            findings,
            durationMs: Date.now() - started,
        };
    });
}

;// CONCATENATED MODULE: ./lib/terraform/backend.js



/**
 * Backend settings that hold a credential, with where each belongs instead. tofu and terraform write the
 * whole backend configuration into every saved plan (the planfile's inner `tfplan`), so a credential
 * given as a setting travels, unmasked, inside every plan artifact; the backends read the same
 * credentials from their environment variables, which no planfile records.
 */
const CREDENTIAL_SETTINGS = {
    access_key: 'AWS_ACCESS_KEY_ID for s3, ARM_ACCESS_KEY for azurerm',
    secret_key: 'AWS_SECRET_ACCESS_KEY for s3',
    token: 'AWS_SESSION_TOKEN for s3',
    security_token: 'ALICLOUD_SECURITY_TOKEN for oss, TENCENTCLOUD_SECURITY_TOKEN for cos',
    secret_id: 'TENCENTCLOUD_SECRET_ID for cos',
    sse_customer_key: 'AWS_SSE_CUSTOMER_KEY for s3',
    password: 'TF_HTTP_PASSWORD for http',
    client_secret: 'ARM_CLIENT_SECRET for azurerm',
    client_certificate_password: 'ARM_CLIENT_CERTIFICATE_PASSWORD for azurerm',
    sas_token: 'ARM_SAS_TOKEN for azurerm',
    oidc_token: 'ARM_OIDC_TOKEN for azurerm',
    access_token: 'GOOGLE_OAUTH_ACCESS_TOKEN for gcs',
    credentials: 'GOOGLE_CREDENTIALS for gcs',
    encryption_key: 'GOOGLE_ENCRYPTION_KEY for gcs',
    conn_str: 'PG_CONN_STR for pg',
    http_auth: 'CONSUL_HTTP_AUTH for consul',
    client_key: 'KUBE_CLIENT_KEY_DATA for kubernetes',
};
/** The credential settings a backend-config line or backend configuration may not hold. */
const CREDENTIAL_KEYS = Object.keys(CREDENTIAL_SETTINGS);
function whyAndWhere(key) {
    return (`a credential: tofu and terraform write the backend configuration into the saved plan, so the value would travel, unmasked, ` +
        `inside every plan artifact. Pass it in the backend's environment variable instead (${CREDENTIAL_SETTINGS[key] ?? 'see the documentation of the backend'}), ` +
        'set from a secret in the env: of the step, or in a credentials file under RUNNER_TEMP (for s3: shared_credentials_files)');
}
/**
 * The cross-input rule of each action that takes backend-config: a `key=value` line may not set a
 * credential. Checked before the tool runs, so the value reaches no planfile.
 */
function backendCredentialsRule(values) {
    for (const [index, entry] of values.backendConfig.entries()) {
        const equals = entry.indexOf('=');
        if (equals < 0)
            continue;
        const key = entry.slice(0, equals).trim();
        if (key in CREDENTIAL_SETTINGS) {
            return { input: 'backend-config', message: `line ${index + 1} sets ${key}, ${whyAndWhere(key)}` };
        }
    }
    return undefined;
}
/**
 * Refuses a backend-config file that sets a credential, before init reads it: a backend given half a
 * credential fails obscurely, and one given all of it writes it into the planfile. A backend
 * configuration file holds top-level attributes only (`name = value`), so a setting is a line that
 * begins with its name and `=`.
 */
async function backend_refuseCredentialFiles(backendConfig, workingDirectory) {
    for (const entry of backendConfig) {
        if (entry.includes('='))
            continue;
        const path = isAbsolute(entry) ? entry : join(workingDirectory, entry);
        const text = await readFile(path, 'utf8').catch(() => undefined);
        // A file that cannot be read is the tool's to report ("Failed to read file"), naming it.
        if (text === undefined)
            continue;
        for (const [index, line] of text.split('\n').entries()) {
            const key = /^\s*"?([A-Za-z_][A-Za-z0-9_-]*)"?\s*=/.exec(line)?.[1];
            if (key !== undefined && key in CREDENTIAL_SETTINGS) {
                throw new ConfigurationError(`Input "backend-config" names the file ${entry}, whose line ${index + 1} sets ${key}, ${whyAndWhere(key)}. Nothing was run.`);
            }
        }
    }
}
/**
 * Reads the backend `init` configured from `<data dir>/terraform.tfstate`, where both tools keep the
 * merged configuration (the backend block, backend-config files and key=value lines). Undefined when
 * there is none (a configuration without a backend block: local state in the working directory).
 */
async function backend_initializedBackend(workingDirectory, dataDir) {
    const dir = dataDir
        ? isAbsolute(dataDir)
            ? dataDir
            : join(workingDirectory, dataDir)
        : join(workingDirectory, '.terraform');
    let text;
    try {
        text = await readFile(join(dir, 'terraform.tfstate'), 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    const parsed = JSON.parse(text);
    const backend = parsed.backend;
    if (!backend || typeof backend.type !== 'string')
        return undefined;
    const config = backend.config && typeof backend.config === 'object' ? backend.config : {};
    return { type: backend.type, config };
}
/**
 * Refuses a backend configuration that holds a credential, wherever it was written: in the backend block
 * or a backend-config file (key=value lines are refused with the inputs). Runs after init and before the
 * plan, so no planfile is ever written with it.
 */
function refuseBackendCredentials(backend) {
    const held = CREDENTIAL_KEYS.filter((key) => isSet(backend.config[key]));
    const first = held[0];
    if (first === undefined)
        return;
    throw new ConfigurationError(`The ${backend.type} backend's configuration sets ${held.join(', ')} (in the backend block or a backend-config file), ` +
        `${whyAndWhere(first)}. Nothing was planned.`);
}
function isSet(value) {
    if (value === null || value === undefined || value === '')
        return false;
    if (Array.isArray(value))
        return value.length > 0;
    return true;
}
/**
 * What identifies where a backend keeps the state, never a credential: the type and, for the backends
 * we know, the settings that name the place (bucket and key, the server's host). Recorded in the plan
 * bundle's manifest, inside the plan digest, so that an apply against another state is refused.
 */
function backendRecord(backend) {
    if (!backend)
        return { type: 'local' };
    const setting = (name) => {
        const value = backend.config[name];
        return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const record = { type: backend.type };
    const put = (field, value) => {
        if (value !== undefined)
            record[field] = value;
    };
    switch (backend.type) {
        case 's3': {
            put('bucket', setting('bucket'));
            put('key', setting('key'));
            put('region', setting('region'));
            const endpoints = backend.config.endpoints;
            const s3 = endpoints && typeof endpoints === 'object' ? endpoints.s3 : undefined;
            put('endpoint', urlParts(typeof s3 === 'string' ? s3 : setting('endpoint'))?.host);
            put('workspaceKeyPrefix', setting('workspace_key_prefix'));
            break;
        }
        case 'gcs':
            put('bucket', setting('bucket'));
            put('key', setting('prefix'));
            break;
        case 'azurerm':
            put('bucket', [setting('storage_account_name'), setting('container_name')].filter(Boolean).join('/') || undefined);
            put('key', setting('key'));
            break;
        case 'http':
            put('endpoint', urlParts(setting('address'))?.host);
            put('key', urlParts(setting('address'))?.path);
            break;
        case 'local':
            put('key', setting('path'));
            break;
    }
    return record;
}
/** The host (and port) and the path of a URL, never its user, password or query; undefined when it is no URL. */
function urlParts(url) {
    if (url === undefined || !URL.canParse(url))
        return undefined;
    const { host, pathname } = new URL(url);
    return { host, path: pathname };
}
/** `the s3 backend (bucket "b", key "k", region r, endpoint h)`: how messages name a backend. */
function describeBackend(record) {
    const parts = [];
    if (record.bucket)
        parts.push(`bucket "${record.bucket}"`);
    if (record.key)
        parts.push(`key "${record.key}"`);
    if (record.workspaceKeyPrefix)
        parts.push(`workspace_key_prefix "${record.workspaceKeyPrefix}"`);
    if (record.region)
        parts.push(`region ${record.region}`);
    if (record.endpoint)
        parts.push(`endpoint ${record.endpoint}`);
    return `the ${record.type} backend${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}
/**
 * Where the state is, in a form reviewers know (`s3://bucket/key`), for summaries and comments; none
 * for the local backend, whose path is a runner's.
 */
function stateLocation(record) {
    if (!record || record.type === 'local')
        return undefined;
    if (record.type === 's3' || record.type === 'gcs') {
        const prefix = record.type === 's3' && record.endpoint ? `${record.endpoint} ` : '';
        return `${prefix}${record.type}://${record.bucket ?? '?'}/${record.key ?? ''}`;
    }
    return [record.type, record.endpoint, record.bucket, record.key].filter(Boolean).join(' ');
}
/** The `state` of a plan's render context, when the state is anywhere but a runner's disk. */
function withState(record) {
    const state = stateLocation(record);
    return state ? { state } : {};
}
const RECORD_FIELDS = (/* unused pure expression or super */ null && (['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix']));
/**
 * Refuses to apply a plan made against another backend, or another key of the same one: the apply
 * writes the state the plan's backend names, while this job's stale-state check reads the state its
 * own backend-config names, so the two must be the same place.
 */
function refuseOtherBackend(planned, here) {
    if (!planned)
        return;
    const differs = RECORD_FIELDS.filter((field) => (planned[field] ?? '') !== (here[field] ?? ''));
    if (differs.length === 0)
        return;
    throw new ConfigurationError(`The plan bundle was planned against ${describeBackend(planned)}, but this job's backend-config gives ` +
        `${describeBackend(here)}: its ${differs.join(', ')} ${differs.length > 1 ? 'differ' : 'differs'}, and applying it would write state the plan was not made against. ` +
        'Give tf-apply the backend-config tf-plan had, or plan again against this backend. Nothing was applied.');
}

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
function escape_codeSpan(text) {
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
function escape_cellCode(text) {
    const content = oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<code>${content}</code>`;
}
/**
 * Code in a GFM table cell where a code span reads as one: a span when the text has no pipe (the only
 * character that splits a cell inside a span), else `cellCode`, since no escaping of a pipe inside a
 * span shows every text as itself.
 */
function cellSpan(text) {
    return text.includes('|') ? escape_cellCode(text) : escape_codeSpan(text);
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
function escape_codeBlock(content, info = '') {
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

;// CONCATENATED MODULE: ./lib/terraform/state-lock.js


/** The held lock a failed command reported, or undefined when the failure was something else. */
function state_lock_heldLockOf(diagnostics) {
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
function state_lock_heldLockMessage(lock, context) {
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
function state_lock_heldLockSummary(lock, context) {
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
        `${codeSpan(context.tool)} could not take the state lock ${context.lockTimeout ? `within ${codeSpan(context.lockTimeout)}` : 'at once (no `lock-timeout`)'}; nothing was changed.`,
        '',
        '| | |',
        '|---|---|',
        ...rows
            .filter(([, value]) => value !== undefined)
            .map(([name, value]) => `| ${name} | ${cellCode(value ?? '')} |`),
        '',
        `If the holder is gone (its job was cancelled, its runner died), release the lock from ${codeSpan(context.directory)}, after \`${context.tool} init\` with the same backend-config:`,
        '',
        codeBlock(unlockCommand(lock, context), 'sh'),
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
class StalePlanError extends (/* unused pure expression or super */ null && (TerraformConfigurationError)) {
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
const USER_INPUT_SUMMARIES = (/* unused pure expression or super */ null && ([
    /^Failed to read variables file$/, // var-files names a file that does not exist
    /^Failed to read file$/, // backend-config names a file that does not exist
    /^Invalid backend configuration argument$/, // backend-config sets a key the backend does not have
    /^Invalid target /, // targets holds something that is not an address
    /^Invalid force-replace address /, // replace holds something that is not an address
]));
/** The error to throw for a command that failed, chosen as described at the top of this file. */
function errors_commandFailure(failed) {
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
    const message = `${what}: ${errors_describe(errors)}`;
    const usersMistake = failed.readsConfiguration && errors.every(isUsersMistake);
    return usersMistake
        ? new TerraformConfigurationError(message, failed)
        : new TerraformError(message, failed);
}
function isUsersMistake(diagnostic) {
    return diagnostic.range !== undefined || USER_INPUT_SUMMARIES.some((re) => re.test(diagnostic.summary));
}
// The annotations carry every diagnostic in full; the one error line names the first few.
const errors_DESCRIBED_ERRORS = 3;
function errors_describe(errors) {
    const shown = errors.slice(0, errors_DESCRIBED_ERRORS).map((d) => {
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
        await refuseCredentialFiles(options.backendConfig ?? [], this.where.cwd);
        const streamed = { streamStdout: true, readsConfiguration: true };
        if (this.known) {
            await this.run(['init', '-input=false', supportsInitJson(this.known) ? '-json' : '-no-color', ...rest], streamed);
        }
        else {
            this.known = await this.initLearningVersion(rest, streamed);
        }
        // The tool's own data directory: TF_DATA_DIR when the step sets it, as the tool itself reads it.
        return initializedBackend(this.where.cwd, this.options.env?.TF_DATA_DIR ?? process.env.TF_DATA_DIR);
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
            const tool = await readToolVersion(located, this.options.exec);
            if (supportsInitJson(tool))
                throw error;
            this.options.logger.info(`${tool.name} ${tool.version} has no \`init -json\` (the flag error above): running init again with text output.`);
            await this.run(['init', '-input=false', '-no-color', ...rest], streamed);
            return tool;
        }
        return withVersion(located, first.stream.version) ?? (await readToolVersion(located, this.options.exec));
    }
    /** Selects the workspace, creating it when it does not exist yet. */
    async selectWorkspace(name) {
        // Neither tool has -json for workspace commands in every version: plain text, without colour codes.
        if (this.tool.name === 'tofu' || atLeast(this.tool, 1, 4)) {
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
        assertPlanFormat(doc);
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
        const { value, preamble } = parseJsonDocument(stdout);
        if (preamble)
            this.options.logger.info(preamble);
        if (value === undefined)
            return undefined;
        return this.asObject(value, 'state pull');
    }
    document(stdout, command) {
        const { value, preamble } = parseJsonDocument(stdout);
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
            throw new ConfigurationError(`vars: "${name}" is not a variable name (letters, digits, _ and -)`);
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
    throw new ConfigurationError(`vars: the configuration declares no variable named ${undeclared.map((n) => `"${n}"`).join(', ')}; ` +
        'add a variable block for it or remove it from vars');
}

;// CONCATENATED MODULE: ./lib/validate/terraform.js







const CONFIGURATION_FILE = /\.(?:tf|tofu)(?:\.json)?$/;
const TEST_FILE = /\.(?:tftest|tofutest)\.(?:hcl|json)$/;
/** The default test directory of both tools, beside the files in the working directory itself. */
const TEST_DIRECTORY = 'tests';
/** Whether the directory holds configuration files of its own (modules below it do not count). */
async function hasConfiguration(dir) {
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
    return entries.some((entry) => entry.isFile() && CONFIGURATION_FILE.test(entry.name));
}
/** The test files the tool would run: in the directory and in its tests/ directory. */
async function findTestFiles(dir) {
    const found = [];
    for (const sub of ['', TEST_DIRECTORY]) {
        const entries = await (0,promises_.readdir)((0,external_node_path_.join)(dir, sub), { withFileTypes: true }).catch(() => []);
        for (const entry of entries) {
            if (entry.isFile() && TEST_FILE.test(entry.name))
                found.push(sub ? `${sub}/${entry.name}` : entry.name);
        }
    }
    return found.sort();
}
async function checkTerraform(where, deps) {
    const { logger, tool } = deps;
    const subject = where.relativeDir;
    const name = tool.name;
    const results = [];
    results.push(await logger.group(`${name} fmt (${subject})`, () => checkFormat(where, deps)));
    const dataDir = (0,external_node_path_.join)(deps.dataRoot, `${results.length}-${subject.replace(/[^A-Za-z0-9._-]+/g, '_')}`);
    await (0,promises_.mkdir)(dataDir, { recursive: true });
    const env = { ...AUTOMATION_ENV, TF_DATA_DIR: dataDir };
    const initialised = await logger.group(`${name} init (${subject})`, () => init(where, deps, env));
    if (!initialised.ok) {
        results.push({
            id: 'validate',
            title: `${name} validate`,
            subject,
            status: 'failed',
            reason: `${name} init -backend=false failed: ${initialised.reason}`,
            findings: initialised.diagnostics.map((d) => terraform_findingOf(d, `${name}/validate`, 'Configuration is invalid')),
        });
        const tests = await findTestFiles(where.cwd);
        if (tests.length > 0) {
            results.push(skipped('test', `${name} test`, subject, `${name} init failed, so the tests could not run`));
        }
        return results;
    }
    results.push(await logger.group(`${name} validate (${subject})`, () => validate(where, deps, env)));
    const tests = await findTestFiles(where.cwd);
    if (tests.length === 0) {
        results.push(skipped('test', `${name} test`, subject, 'no test files (*.tftest.hcl) in the directory or tests/'));
    }
    else if (!tool_atLeast(tool, 1, 6)) {
        results.push(skipped('test', `${name} test`, subject, `${name} ${tool.version} has no test command (1.6 or later has)`));
    }
    else {
        results.push(await logger.group(`${name} test (${subject})`, () => runTests(where, deps, env, tests.length)));
    }
    return results;
}
async function checkFormat(where, deps) {
    const { exec, logger, tool } = deps;
    const started = Date.now();
    const title = `${tool.name} fmt`;
    const result = await exec(tool.path, ['fmt', '-check', '-diff', '-recursive', '-no-color'], {
        cwd: where.cwd,
        env: { ...AUTOMATION_ENV },
    });
    const durationMs = Date.now() - started;
    if (result.exitCode === 0) {
        logger.info('Every file is formatted.');
        return { id: 'fmt', title, subject: where.relativeDir, status: 'passed', findings: [], durationMs };
    }
    const diffs = parseFormatDiffs(result.stdout, where);
    if (result.exitCode !== 3 || diffs.length === 0) {
        // fmt cannot format what it cannot parse; validate names the error with its file and line.
        const first = result.stderr.split('\n').find((line) => line.trim() !== '') ?? '';
        logger.info(result.stderr.trim());
        return {
            id: 'fmt',
            title,
            subject: where.relativeDir,
            status: 'failed',
            reason: `${tool.name} fmt could not read the files (exit code ${result.exitCode}${first ? `: ${first.trim()}` : ''}); see validate`,
            findings: [],
            durationMs,
        };
    }
    const findings = diffs.map(({ file, firstLine }) => {
        const finding = {
            rule: `${tool.name}/fmt`,
            ruleDescription: 'File is not in canonical format',
            level: 'error',
            message: `${file} is not formatted as \`${tool.name} fmt\` would format it; run \`${tool.name} fmt\` and commit the result.`,
            file,
            ...(firstLine !== undefined ? { line: firstLine } : {}),
        };
        logger.error(finding.message, annotationOf(finding));
        return finding;
    });
    return {
        id: 'fmt',
        title,
        subject: where.relativeDir,
        status: 'failed',
        reason: `${diffs.length} file(s) not formatted`,
        findings,
        diffs: diffs.map(({ file, diff }) => ({ file, diff })),
        durationMs,
    };
}
/**
 * `fmt -check -diff` prints, for each file, its name and then a unified diff headed `--- old/<name>`.
 * Names are relative to the directory fmt ran in.
 */
function parseFormatDiffs(stdout, where) {
    const blocks = [];
    let preamble = [];
    for (const line of stdout.split('\n')) {
        const header = /^--- old\/(.+)$/.exec(line);
        if (header) {
            const name = header[1] ?? '';
            const previous = blocks.at(-1)?.lines ?? preamble;
            // The bare file name printed before each diff belongs to the next block, not the last.
            if (previous.at(-1) === name)
                previous.pop();
            blocks.push({ name, lines: [line] });
            preamble = [];
            continue;
        }
        (blocks.at(-1)?.lines ?? preamble).push(line);
    }
    return blocks.map(({ name, lines }) => {
        while (lines.length > 0 && lines.at(-1)?.trim() === '')
            lines.pop();
        const file = workspaceFile(name, where) ?? name;
        const firstLine = firstChangedLine(lines);
        return { file, diff: lines.join('\n'), ...(firstLine !== undefined ? { firstLine } : {}) };
    });
}
function firstChangedLine(lines) {
    const hunk = lines.findIndex((line) => line.startsWith('@@ '));
    if (hunk === -1)
        return undefined;
    const start = /^@@ -(\d+)/.exec(lines[hunk] ?? '');
    if (!start)
        return undefined;
    let line = Number(start[1]);
    for (const text of lines.slice(hunk + 1)) {
        if (!text.startsWith(' '))
            break;
        line += 1;
    }
    return Math.max(line, 1);
}
async function init(where, deps, env) {
    const { exec, logger, tool } = deps;
    // Older versions print text, still streamed.
    const json = tool_supportsInitJson(tool);
    const stream = new ui_stream_UiStream(logger, where);
    const result = await exec(tool.path, ['init', '-backend=false', '-input=false', json ? '-json' : '-no-color'], {
        cwd: where.cwd,
        env,
        onStdoutLine: stream.onStdoutLine,
        onStderrLine: stream.onStderrLine,
    });
    if (result.exitCode === 0)
        return { ok: true };
    const errors = stream.diagnostics.filter((d) => d.severity === 'error');
    const reason = errors.length > 0
        ? errors.map((d) => d.summary).join('; ')
        : `exit code ${result.exitCode}${stream.stderrTail() ? `: ${stream.stderrTail().split('\n').at(-1) ?? ''}` : ''}`;
    return { ok: false, reason, diagnostics: stream.diagnostics };
}
async function validate(where, deps, env) {
    const { exec, logger, tool } = deps;
    const started = Date.now();
    const title = `${tool.name} validate`;
    const result = await exec(tool.path, ['validate', '-json', '-no-color'], { cwd: where.cwd, env });
    const durationMs = Date.now() - started;
    let document;
    try {
        const parsed = json_document_parseJsonDocument(result.stdout);
        if (parsed.preamble)
            logger.info(parsed.preamble);
        document = parsed.value;
    }
    catch {
        document = undefined;
    }
    if (!document || typeof document !== 'object' || typeof document.valid !== 'boolean') {
        const tail = result.stderr.trim().split('\n').slice(-5).join('\n');
        if (tail)
            logger.info(tail);
        return {
            id: 'validate',
            title,
            subject: where.relativeDir,
            status: 'failed',
            reason: `${tool.name} validate -json printed no result (exit code ${result.exitCode})`,
            findings: [],
            durationMs,
        };
    }
    const raw = Array.isArray(document.diagnostics)
        ? document.diagnostics
        : [];
    const diagnostics = raw.map((d) => toDiagnostic(d, where));
    for (const diagnostic of diagnostics) {
        const text = diagnostic.detail ? `${diagnostic.summary}\n${diagnostic.detail}` : diagnostic.summary;
        if (diagnostic.severity === 'error')
            logger.error(text, annotationFor(diagnostic));
        else
            logger.warning(text, annotationFor(diagnostic));
    }
    const findings = diagnostics.map((d) => terraform_findingOf(d, `${tool.name}/validate`, 'Configuration is invalid'));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    const valid = document.valid && result.exitCode === 0;
    if (valid)
        logger.info(`The configuration is valid${warnings > 0 ? `, with ${warnings} warning(s)` : ''}.`);
    return {
        id: 'validate',
        title,
        subject: where.relativeDir,
        status: valid ? 'passed' : 'failed',
        ...(valid
            ? warnings > 0
                ? { reason: `${warnings} warning(s)` }
                : {}
            : { reason: `${errors} error(s)${warnings > 0 ? `, ${warnings} warning(s)` : ''}` }),
        findings,
        durationMs,
    };
}
async function runTests(where, deps, env, fileCount) {
    const { exec, logger, tool } = deps;
    const started = Date.now();
    const stream = new ui_stream_UiStream(logger, where);
    const runs = new Map();
    const onStdoutLine = (line) => {
        stream.onStdoutLine(line);
        const run = testRunOf(line);
        if (run) {
            run.file = workspaceFile(run.file, where) ?? run.file;
            runs.set(`${run.file}\n${run.run}`, run);
        }
    };
    const result = await exec(tool.path, ['test', '-json', '-no-color'], {
        cwd: where.cwd,
        env,
        onStdoutLine,
        onStderrLine: stream.onStderrLine,
    });
    const durationMs = Date.now() - started;
    const tests = [...runs.values()];
    const failedRuns = tests.filter((t) => t.status === 'fail' || t.status === 'error');
    const findings = stream.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => terraform_findingOf(d, `${tool.name}/test`, 'Test failed'));
    // A run that failed without a diagnostic of its own still gets a finding, on its test file.
    for (const run of failedRuns) {
        if (stream.diagnostics.some((d) => d.file === run.file))
            continue;
        const finding = {
            rule: `${tool.name}/test`,
            ruleDescription: 'Test failed',
            level: 'error',
            message: `Test run "${run.run}" ${run.status === 'error' ? 'errored' : 'failed'}.`,
            file: run.file,
        };
        logger.error(finding.message, annotationOf(finding));
        findings.push(finding);
    }
    const passed = result.exitCode === 0 && failedRuns.length === 0;
    const counted = tests.filter((t) => t.status === 'pass').length;
    const reason = tests.length === 0
        ? `exit code ${result.exitCode}, no test results reported from ${fileCount} file(s)`
        : `${counted} passed, ${failedRuns.length} failed` +
            (tests.length - counted - failedRuns.length > 0
                ? `, ${tests.length - counted - failedRuns.length} skipped`
                : '');
    return {
        id: 'test',
        title: `${tool.name} test`,
        subject: where.relativeDir,
        status: passed ? 'passed' : 'failed',
        reason,
        findings,
        tests,
        durationMs,
    };
}
function testRunOf(line) {
    if (!line.startsWith('{'))
        return undefined;
    try {
        const message = JSON.parse(line);
        const run = message.test_run;
        if (message.type !== 'test_run' || !run || typeof run.path !== 'string' || typeof run.run !== 'string') {
            return undefined;
        }
        // Terraform reports progress ("starting", "running") before the status; only a status counts.
        const status = run.status;
        if (status !== 'pass' && status !== 'fail' && status !== 'error' && status !== 'skip') {
            return { file: run.path, run: run.run, status: 'pending' };
        }
        return { file: run.path, run: run.run, status };
    }
    catch {
        return undefined;
    }
}
function terraform_findingOf(diagnostic, rule, ruleDescription) {
    const range = diagnostic.range;
    const detail = diagnostic.detail ? `: ${diagnostic.detail.split('\n')[0]}` : '';
    return {
        rule,
        ruleDescription,
        level: diagnostic.severity === 'error' ? 'error' : 'warning',
        message: `${diagnostic.summary}${detail}`,
        ...(diagnostic.file && range
            ? {
                file: diagnostic.file,
                line: range.start.line,
                column: range.start.column,
                endLine: range.end.line,
                endColumn: range.end.column,
            }
            : {}),
    };
}

;// CONCATENATED MODULE: ./lib/validate/summary.js


/**
 * The job summary: one table of every check (skipped ones with their reason), then a diff per file
 * fmt would change, the result of every test run, and the findings by file and line. Bounded: diffs
 * and lists are cut with a note, so a repository full of problems cannot make the runner drop it.
 */
const ICON = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' };
const DIFF_LINES = 200;
const LISTED_FINDINGS = 200;
function validateSummaryMarkdown(result) {
    const { checks } = result;
    const out = [];
    const failed = checks.filter((c) => c.status === 'failed').length;
    const skippedCount = checks.filter((c) => c.status === 'skipped').length;
    out.push(`## Validate: ${result.passed ? '✅ passed' : `❌ ${failed} check(s) failed`}`, '', `${checks.length - failed - skippedCount} passed, ${failed} failed, ${skippedCount} skipped; ` +
        `${result.findings} finding(s) in the SARIF file (artifact ${escape_codeSpan(result.artifactName)}).`, '', '| Check | On | Result | Details |', '|---|---|---|---|');
    for (const check of checks) {
        out.push(`| ${cellText(check.title)} | ${cellText(check.subject)} | ${ICON[check.status]} | ${cellText(check.reason ?? '')} |`);
    }
    const diffs = checks.flatMap((check) => check.diffs ?? []);
    if (diffs.length > 0) {
        out.push('', '### Formatting', '');
        for (const { file, diff } of diffs) {
            const lines = diff.split('\n');
            const shown = lines.slice(0, DIFF_LINES).join('\n');
            const more = lines.length - DIFF_LINES;
            out.push(`<details><summary><code>${htmlText(file)}</code> is not formatted</summary>`, '', escape_codeBlock(shown, 'diff'), ...(more > 0 ? ['', `_${more} more line(s) of this diff are not shown._`] : []), '', '</details>');
        }
    }
    const testChecks = checks.filter((check) => check.tests !== undefined);
    if (testChecks.length > 0) {
        out.push('', '### Tests', '', '| File | Run | Result |', '|---|---|---|');
        for (const check of testChecks) {
            for (const test of check.tests ?? []) {
                const status = test.status === 'pass' ? '✅ pass' : test.status === 'skip' ? '⏭️ skip' : `❌ ${test.status}`;
                out.push(`| ${cellText(test.file)} | ${cellText(test.run)} | ${status} |`);
            }
        }
    }
    const findings = checks.flatMap((check) => check.findings.map((finding) => ({ check, finding })));
    if (findings.length > 0) {
        out.push('', '### Findings', '');
        for (const { finding } of findings.slice(0, LISTED_FINDINGS)) {
            const place = placeOf(finding);
            out.push(`- **${cellText(finding.rule)}** ${place ? `${escape_codeSpan(place)}: ` : ''}${cellText(finding.message)}`);
        }
        if (findings.length > LISTED_FINDINGS) {
            out.push('', `_${findings.length - LISTED_FINDINGS} more finding(s) are in the SARIF file._`);
        }
    }
    return `${out.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./lib/validate/validate.js














const SARIF_FILE = 'validate.sarif';
const RESULTS_FILE = 'validate-results.json';
const RESULTS_SCHEMA = 'iac/validate@1';
function validateArtifactName(prefix) {
    return `${prefix}-validate`;
}
/** The validate step: every check, the outputs and the summary; then fails naming the checks that failed. */
async function runValidate(inputs, deps) {
    const result = await runValidation(inputs, deps);
    deps.setOutputs({
        passed: result.passed,
        findings: result.findings,
        'sarif-path': result.sarifPath,
        'artifact-name': result.artifactName,
    });
    await deps.writeSummary(validateSummaryMarkdown(result));
    if (!result.passed) {
        const failed = result.checks.filter((check) => check.status === 'failed');
        throw new errors/* StepFailure */.pH(`validate failed: ${failed.map((check) => `${check.title} (${check.subject})${check.reason ? `: ${check.reason}` : ''}`).join('; ')}`);
    }
}
async function runValidation(inputs, deps) {
    const redactor = new Redactor();
    try {
        return await validateWith(inputs, { ...deps, logger: redactingLogger(deps.logger, redactor) }, redactor);
    }
    catch (error) {
        // An unexpected failure's message may quote a tool's output: it leaves the step redacted too.
        if (error instanceof Error) {
            error.message = redactor.redact(error.message);
            if (error.stack)
                error.stack = redactor.redact(error.stack);
        }
        throw error;
    }
}
async function validateWith(inputs, deps, redactor) {
    const { logger, run } = deps;
    const started = Date.now();
    const now = deps.now ?? (() => new Date());
    const directories = await configurationDirectories(inputs.workingDirectory, run.workspace);
    const sarifPath = chooseSarifPath(inputs.sarifPath, run);
    const searchPath = deps.searchPath ?? process.env.PATH ?? '';
    const collaborators = { exec: deps.exec, logger, workspace: run.workspace, searchPath };
    const raw = [];
    raw.push(await checkSecrets(inputs.scanSecrets, { ...collaborators, runnerTemp: run.runnerTemp, redactor }));
    const tool = directories.some((d) => d.hasConfiguration)
        ? await findTool(inputs.binary, deps.exec, searchPath, logger)
        : undefined;
    const dataRoot = await (0,promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, 'iac-validate-data-'));
    for (const dir of directories) {
        const name = typeof tool === 'object' ? tool.name : inputs.binary === 'auto' ? 'tofu' : inputs.binary;
        if (!dir.hasConfiguration) {
            const reason = `no .tf or .tofu files in ${dir.relativeDir}`;
            for (const id of ['fmt', 'validate', 'test'])
                raw.push(skipped(id, `${name} ${id}`, dir.relativeDir, reason));
        }
        else if (typeof tool === 'string') {
            for (const id of ['fmt', 'validate', 'test'])
                raw.push(skipped(id, `${name} ${id}`, dir.relativeDir, tool));
        }
        else if (tool) {
            raw.push(...(await checkTerraform({ cwd: dir.path, relativeDir: dir.relativeDir }, { exec: deps.exec, logger, tool, dataRoot })));
        }
    }
    raw.push(await checkPacker(inputs.packerTemplate, collaborators));
    raw.push(...(await checkAnsible(inputs.playbook, collaborators)));
    // The one place results are redacted: everything below (SARIF, artifact, summary) is made of these.
    const checks = redactor.redactDeep(raw);
    const passed = checks.every((check) => check.status !== 'failed');
    const findings = checks.reduce((sum, check) => sum + check.findings.length, 0);
    const durationMs = Date.now() - started;
    const outDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, 'iac-validate-'));
    const sarif = `${JSON.stringify(toSarif(checks), null, 2)}\n`;
    const artifactSarif = (0,external_node_path_.join)(outDir, SARIF_FILE);
    await (0,promises_.writeFile)(artifactSarif, sarif);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(sarifPath), { recursive: true });
    if (sarifPath !== artifactSarif)
        await (0,promises_.writeFile)(sarifPath, sarif);
    const resultsPath = (0,external_node_path_.join)(outDir, RESULTS_FILE);
    const results = {
        schema: RESULTS_SCHEMA,
        producer: { action: 'validate', version: SUITE_VERSION },
        commit: run.sha,
        ref: run.ref,
        runId: run.runId,
        runAttempt: run.runAttempt,
        createdAt: now().toISOString(),
        passed,
        findings,
        durationMs,
        // The diffs are in the job summary; the artifact keeps what a report or a later job reads.
        checks: checks.map(({ diffs, ...check }) => ({
            ...check,
            ...(diffs ? { files: diffs.map((d) => d.file) } : {}),
        })),
    };
    await (0,promises_.writeFile)(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    const artifact = await deps.artifacts.upload(validateArtifactName(inputs.artifactPrefix), [artifactSarif, resultsPath], outDir);
    logger.info(`Uploaded ${SARIF_FILE} and ${RESULTS_FILE} as ${artifact.name}`);
    return {
        passed,
        checks,
        findings,
        sarifPath,
        resultsPath,
        artifactName: artifact.name,
        artifact,
        durationMs,
    };
}
/**
 * The working directories, each checked to lie in the workspace. A directory the user named must hold
 * configuration; the workspace root, the default, may hold none (a repository of Packer templates).
 */
async function configurationDirectories(directories, workspace) {
    const found = [];
    for (const path of directories) {
        const relativeDir = toWorkspacePath(workspace, path);
        const has = await hasConfiguration(path);
        if (!has && relativeDir !== '.') {
            throw new errors/* ConfigurationError */.j1(`Input "working-directory" lists ${relativeDir}, which holds no .tf or .tofu files: name the directory of a root module.`);
        }
        found.push({ path, relativeDir, hasConfiguration: has });
    }
    return found;
}
/** The input layer already held a given sarif-path inside the workspace and to a file, not a directory. */
function chooseSarifPath(given, run) {
    return given ?? (0,external_node_path_.join)(run.runnerTemp, 'iac-validate', SARIF_FILE);
}
/** The tool, or why the OpenTofu/Terraform checks cannot run. */
async function findTool(binary, exec, searchPath, logger) {
    try {
        const tool = await resolveTool(binary, exec, { searchPath });
        logger.info(`Checking with ${tool.name} ${tool.version} (${tool.path})`);
        return tool;
    }
    catch (error) {
        if (!(0,errors/* isConfigurationError */.p0)(error))
            throw error;
        const reason = binary === 'auto' ? 'neither tofu nor terraform is on PATH' : `${binary} is not on PATH`;
        logger.warning(`The ${binary === 'auto' ? 'OpenTofu/Terraform' : binary} checks were skipped: ${reason}.`, {
            title: 'Checks skipped',
        });
        return reason;
    }
}


/***/ })

};
