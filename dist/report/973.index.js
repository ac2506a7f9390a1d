export const id = 973;
export const ids = [973];
export const modules = {

/***/ 21330:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CR: () => (/* binding */ toWorkspacePath),
/* harmony export */   Dh: () => (/* binding */ isSafeFileName),
/* harmony export */   Fg: () => (/* binding */ backendRecordSchema),
/* harmony export */   Jz: () => (/* binding */ readContract),
/* harmony export */   Lb: () => (/* binding */ validateForWrite),
/* harmony export */   P9: () => (/* binding */ isWorkspacePath),
/* harmony export */   T: () => (/* binding */ policyFindingSchema),
/* harmony export */   Un: () => (/* binding */ releaseBindingSchema),
/* harmony export */   Yt: () => (/* binding */ contractReader),
/* harmony export */   be: () => (/* binding */ varFileSchema),
/* harmony export */   fE: () => (/* binding */ readPlanManifest),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE),
/* harmony export */   yO: () => (/* binding */ producerSchema)
/* harmony export */ });
/* unused harmony exports PLAN_FILE, PLAN_JSON_FILE, LOCK_FILE, PLAN_KIND, PLAN_MAJOR, PLAN_SCHEMA, toolSchema, priorStateSchema, stackInputRecordSchema, policyResultSchema, planSummarySchema, planManifestSchema, toolMajor, validatePlanManifest */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(92857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(64377);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3828);
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
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(workspaceRoot, absolute);
    if (path === '')
        return '.';
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(path) || path === '..' || path.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Input "${what}" must name a directory inside the workspace`);
    }
    return path.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
}
const text = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1, { error: 'must not be empty' });
const sha256Hex = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
/** A whole number from `min`; zod reports a string given here as a non-number, so word it ourselves. */
function wholeNumber(min) {
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .int */ .Whr({ error: (issue) => describeType('a whole number', issue.input) })
        .min(min, { error: `must be a whole number, ${min} or more` });
}
const count = wholeNumber(0);
const workspacePath = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().refine(isWorkspacePath, {
    error: "must be a POSIX path relative to the workspace, '.' for the workspace itself",
});
const producerSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ action: text, version: text });
const toolSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['tofu', 'terraform'], { error: 'must be one of: tofu, terraform' }),
    version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(TOOL_VERSION, { error: 'must be a version such as 1.10.6' }),
});
/** A var file, its path as tf-plan was given it (relative to the workspace unless absolute). */
const varFileSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ path: text, sha256: sha256Hex });
const priorStateSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    exists: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    serial: count.optional(),
    lineage: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
});
/**
 * Where the state of the plan lives: the backend's type and the settings that name the place, never a
 * credential. Part of the plan digest (when present), so that no job applies a plan to another state.
 */
const backendRecordSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    type: text,
    bucket: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    key: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    region: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    /** The server's host and port (`s3.eu-west-1.amazonaws.com`, `127.0.0.1:9000`), no scheme or path. */
    endpoint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    workspaceKeyPrefix: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
});
/**
 * The release a plan deploys again: the source of a promotion, or the target of a rollback. tf-plan
 * writes it from the release's GitHub deployment; it is inside the plan digest, so the approval names
 * it, and tf-apply reads the deployment again and refuses a bundle whose commit or image differ.
 */
const releaseBindingSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['promotion', 'rollback'], { error: 'must be one of: promotion, rollback' }),
    /** `release`: the release's commit and image; `image` (rollbacks only): this commit with the release's image. */
    scope: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['release', 'image'], { error: 'must be one of: release, image' }),
    /** The environment the release ran in: the promotion's source, or the environment rolled back. */
    environment: text,
    deploymentId: wholeNumber(1),
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    createdAt: zod__WEBPACK_IMPORTED_MODULE_3__/* .datetime */ .w$({ offset: true, error: 'must be an ISO 8601 date and time' }),
    /** The release's image; absent when its run built none. */
    image: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), name: text, identifier: text.optional() }).optional(),
    /** The stack's variable that carries the image, and the value the plan was given; absent when it takes none. */
    imageVariable: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ name: text, value: text }).optional(),
    /** The release's smoke checks over all its stacks; absent when it had none. */
    smoke: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ passed: count, total: count }).optional(),
});
/**
 * One input of the plan: a variable given another stack's output, as it was when the plan was made.
 * Inside the plan digest: tf-apply reads the upstream's state again and refuses when the value moved.
 */
const stackInputRecordSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    variable: text,
    /** The upstream stack and its output. */
    stack: text,
    output: text,
    sensitive: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    /** Where the upstream's state is: its configuration, workspace and backend. */
    workingDirectory: workspacePath,
    workspace: text,
    backend: backendRecordSchema,
    /** The upstream's state when the value was read; absent when it was never applied (a provisional plan). */
    state: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ lineage: text, serial: count }).optional(),
    /** The sha256 of the value's canonical JSON; absent when it was never applied. */
    sha256: sha256Hex.optional(),
});
/**
 * One failure or warning of a policy check: the rule that made it (`deny_protected_delete`, from
 * conftest's query `data.<namespace>.<rule>`), its message and the resource address it names, when it
 * names one (the rule's `address` field, or an address of the plan found in its message).
 */
const policyFindingSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    rule: text,
    message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    address: text.optional(),
});
/**
 * The policy check of a plan (conftest on its `show -json`), inside the plan digest: a re-plan is a new
 * result, and an acceptance of failures names exactly these.
 */
const policyResultSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    /** enforce: a failure blocks the approval and the apply unless a policy owner accepts it; warn: shown only. */
    mode: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['enforce', 'warn']),
    namespace: text,
    conftestVersion: text,
    /** Every Rego file of the `policy` directories, and every `policy-data` file, with its sha256. */
    policies: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(varFileSchema).min(1),
    data: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(varFileSchema),
    /** Rules evaluated: successes, failures and warnings; never 0 (that is an error, not a pass). */
    evaluated: wholeNumber(1),
    failures: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(policyFindingSchema),
    warnings: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(policyFindingSchema),
    /** No failures. */
    passed: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
});
const planSummarySchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    add: count,
    change: count,
    destroy: count,
    replace: count,
    import: count,
    move: count,
    hasChanges: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    destroys: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    /** Addresses deleted or replaced. */
    deletes: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
});
const bundledFiles = zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().refine(isSafeFileName), sha256Hex, {
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
const planManifestSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(PLAN_SCHEMA),
    producer: producerSchema,
    stack: text,
    /** POSIX, relative to the workspace, '.' for the workspace itself. */
    workingDirectory: workspacePath,
    workspace: text,
    commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    createdAt: zod__WEBPACK_IMPORTED_MODULE_3__/* .datetime */ .w$({ offset: true, error: 'must be an ISO 8601 date and time' }),
    tool: toolSchema,
    varFiles: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(varFileSchema),
    /** Bundled file name → sha256 hex: tfplan, plan.json, .terraform.lock.hcl when present. */
    files: bundledFiles,
    /** The state as seen at plan time, for the first-apply race guard (hashicorp/terraform#24078). */
    priorState: priorStateSchema,
    /** Absent in bundles written before the backend was recorded; tf-apply then checks nothing about it. */
    backend: backendRecordSchema.optional(),
    /** Absent for a plan of the checked-out commit; present for a promotion or a rollback. */
    source: releaseBindingSchema.optional(),
    /** The variables given other stacks' outputs, by variable name; absent when the stack has no inputs. */
    inputs: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(stackInputRecordSchema).optional(),
    /**
     * True when an input's stack was never applied, so the plan was made with placeholders: it shows what
     * the change looks like, and no job may approve or apply it.
     */
    provisional: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().optional(),
    /** True for a plan made with `destroy: true`, which deletes the whole stack; its approval needs more. */
    destroy: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().optional(),
    /** The policy check of the plan; absent when tf-plan was given no `policy`. */
    policy: policyResultSchema.optional(),
    planDigest: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' }),
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
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file} must be a JSON object`);
    }
    const majors = Object.keys(schemaByMajor).map(Number);
    const reads = majors.map((major) => `${expectedKind}@${major}`).join(' or ');
    const id = value.schema;
    const match = typeof id === 'string' ? SCHEMA_ID.exec(id) : null;
    if (typeof id !== 'string' || !match) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: schema must be a schema id such as ${reads}${typeof id === 'string' ? `; got ${JSON.stringify(id.slice(0, 60))}` : ''}`);
    }
    if (match[1] !== expectedKind) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file} is ${id}, but ${context.reader} reads ${reads}: this is not the artifact ${context.reader} expects`);
    }
    const schema = schemaByMajor[Number(match[2])];
    if (!schema) {
        const advice = context.advice ?? 'use the same iac-pipeline version in every job';
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file} is ${id}, but this version of ${context.reader} reads ${reads}: ${advice}`);
    }
    const result = schema.safeParse(value, { error: defaultMessage });
    if (!result.success)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: ${(0,_core_zod_issues_js__WEBPACK_IMPORTED_MODULE_4__/* .describeIssue */ .n)(result.error.issues[0])}`);
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
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file} is not valid JSON (${error.message})`);
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

/***/ 9258:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   iJ: () => (/* binding */ readRelease),
/* harmony export */   jn: () => (/* binding */ RELEASE_FILE),
/* harmony export */   rh: () => (/* binding */ RELEASE_KIND)
/* harmony export */ });
/* unused harmony exports RELEASE_MAJOR, RELEASE_SCHEMA, smokeTallySchema, releaseSmokeSchema, releaseStackSchema, releaseImageSchema, releaseSourceSchema, replacedReleaseSchema, timeToRestoreSchema, releaseSchema, validateRelease */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64377);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21330);


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
const text = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { error: 'must not be empty' });
const isoTime = zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const sha256Hex = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
const digest = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' });
/** A whole number from `min`; zod would call a string here "not a number", so word it as manifest.ts does. */
function wholeNumber(min) {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr({
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
const smokeTallySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc(tallyShape).superRefine(checkTally);
/** One stack's smoke-test results, as the release keeps them: their digest and their counts. */
const releaseSmokeSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    /** sha256 hex of the results.json the counts were taken from. */
    resultsSha256: sha256Hex,
    ...tallyShape,
    /** Whether smoke-test failed its step on these results (its own fail-on and threshold). */
    failedStep: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    /** By smoke-test's category (connectivity, service, security, functionality); only those that had checks. */
    byCategory: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(text, smokeTallySchema),
})
    .superRefine(checkTally);
const releaseStackSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    stack: text,
    planDigest: digest,
    /** POSIX, relative to the workspace, '.' for the workspace itself (as in the plan manifest). */
    workingDirectory: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().refine(_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .isWorkspacePath */ .P9, {
        error: "must be a POSIX path relative to the workspace, '.' for the workspace itself",
    }),
    workspace: text,
    /** As the plan manifest has them: the path tf-plan was given, and the file's sha256 then. */
    varFiles: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .varFileSchema */ .be),
    backend: _manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .backendRecordSchema */ .Fg.optional(),
    /** Absent for a stack that has no smoke checks. */
    smoke: releaseSmokeSchema.optional(),
});
/** The golden image the release runs, from packer-build's build-metadata.json. */
const releaseImageSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    /** packer-build's `image-id`; empty for builders that export no artifact id. */
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    name: text,
    /** sha256 hex of the build-metadata.json read. */
    buildMetadataSha256: sha256Hex,
    templateHash: digest,
    /**
     * What the stacks' image variable was given: the id, or the name for builders whose artifacts have no
     * id of their own (iac-pipeline.yml's image-identifier). Absent: the id, else the name.
     */
    identifier: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
});
/**
 * The release this one deployed again: the source of a promotion, or the target of a rollback, as the
 * plans' manifests bound it (the stack's image variable left out: it is per stack).
 */
const releaseSourceSchema = _manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .releaseBindingSchema */ .Un.omit({ imageVariable: true });
/** The release that ran in the environment before this one, as its deployment stood when this one was made. */
const replacedReleaseSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    deploymentId: wholeNumber(1),
    runId: wholeNumber(1),
    /** Its latest deployment status then: success, failure, inactive, … */
    state: text,
    stateAt: isoTime.optional(),
});
/** From the failed release's status to this release's success: the time to restore. */
const timeToRestoreSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    seconds: count,
    failedAt: isoTime,
    restoredAt: isoTime,
});
const releaseSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(RELEASE_SCHEMA),
    producer: _manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .producerSchema */ .yO,
    environment: text,
    /** The commit the stacks were planned (and so applied) at. */
    commit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    /** The run that applied and smoke-tested the release. */
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    createdAt: isoTime,
    /** Absent for a release whose run built no image. */
    image: releaseImageSchema.optional(),
    stacks: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(releaseStackSchema)
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
    outcome: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['success', 'failure'], { error: 'must be one of: success, failure' }),
    /** Why a failed release failed, in a sentence. */
    failure: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
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
    return (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .readContract */ .Jz)(json, RELEASE_KIND, { [RELEASE_MAJOR]: releaseSchema }, {
        file: options.file ?? RELEASE_FILE,
        reader: options.reader ?? 'iac-pipeline',
        advice: 'promote or roll back with the iac-pipeline version that recorded the release, or a later one',
    });
}
/** Checks a record before it is written: a bad one is a bug in the writer, not the user's mistake. */
function validateRelease(value) {
    return validateForWrite(releaseSchema, value, RELEASE_FILE);
}


/***/ }),

/***/ 18067:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ SUITE_VERSION)
/* harmony export */ });
/** The suite's version, recorded in every manifest; a unit test keeps it equal to package.json's. */
const SUITE_VERSION = '0.1.0';


/***/ }),

/***/ 55973:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  REPORT_FILES: () => (/* binding */ REPORT_FILES),
  buildReport: () => (/* binding */ buildReport),
  runReport: () => (/* binding */ runReport)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var contracts_manifest = __webpack_require__(21330);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/contracts/encryption.js





/**
 * An encrypted bundle, for `encryption-key`: nothing in the uploaded artifact reveals a resource
 * value. One file, laid out as
 *
 *   offset  size  field
 *        0     7  magic "IACENC1" (the format and its version)
 *        7     1  KDF id: 1 = scrypt
 *        8     1  log2 of scrypt's N (15)
 *        9     1  scrypt r (8)
 *       10     1  scrypt p (1)
 *       11    16  salt, random
 *       27    12  AES-GCM IV, random
 *       39     …  AES-256-GCM ciphertext of the serialised directory
 *   end-16    16  GCM tag
 *
 * The key is scrypt(passphrase as UTF-8, salt, N, r, p) → 32 bytes. The 39 header bytes are the
 * GCM additional data, so a changed KDF parameter, salt or IV fails authentication like a changed
 * ciphertext byte does. The plaintext is the directory's regular files, sorted by name:
 *
 *   u32be count, then per file: u16be name length, name (UTF-8), u64be size, the bytes
 */
/** The file an encrypted bundle travels as, in place of the bundle's files. */
const ENCRYPTED_BUNDLE_FILE = 'bundle.iacenc';
const MAGIC = Buffer.from('IACENC1', 'ascii');
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 4 + SALT_BYTES + IV_BYTES;
/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB of memory. */
const LOG2_N = 15;
const R = 8;
const P = 1;
/** What a reader accepts from a header, so that a forged header cannot ask for gigabytes. */
const MAX_SCRYPT_MEMORY = (/* unused pure expression or super */ null && (256 * 1024 * 1024));
const DECRYPT_FAILED = 'could not decrypt the plan bundle: the encryption-key differs from the one tf-plan used, or the bundle was altered';
function isEncrypted(buffer) {
    return buffer.length >= MAGIC.length && buffer.subarray(0, MAGIC.length).equals(MAGIC);
}
function deriveKey(passphrase, salt, log2N, r, p) {
    const memory = 128 * 2 ** log2N * r;
    const options = { N: 2 ** log2N, r, p, maxmem: memory + 16 * 1024 * 1024 };
    return new Promise((resolve, reject) => {
        (0,external_node_crypto_.scrypt)(Buffer.from(passphrase, 'utf8'), salt, KEY_BYTES, options, (error, key) => error ? reject(error) : resolve(key));
    });
}
function checkKey(key) {
    if (typeof key !== 'string' || key === '')
        throw new TypeError('the encryption key must be a non-empty string');
}
/** Serialises and encrypts the regular files of `dir` (flat: a subdirectory or link is a bug). */
async function encryptDirectory(dir, key) {
    checkKey(key);
    const plaintext = await serialiseDirectory(dir);
    const salt = (0,external_node_crypto_.randomBytes)(SALT_BYTES);
    const iv = (0,external_node_crypto_.randomBytes)(IV_BYTES);
    const header = Buffer.concat([MAGIC, Buffer.from([KDF_SCRYPT, LOG2_N, R, P]), salt, iv]);
    const cipher = (0,external_node_crypto_.createCipheriv)('aes-256-gcm', await deriveKey(key, salt, LOG2_N, R, P), iv, {
        authTagLength: TAG_BYTES,
    });
    cipher.setAAD(header);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}
/** Authenticates and decrypts `buffer`, writing its files into `dir` (created; existing names refused). */
async function decryptToDirectory(buffer, key, dir) {
    checkKey(key);
    const plaintext = await decrypt(buffer, key);
    const files = parseFiles(plaintext);
    await mkdir(dir, { recursive: true });
    for (const [name, bytes] of files)
        await writeFile(join(dir, name), bytes, { flag: 'wx' });
    return [...files.keys()];
}
async function decrypt(buffer, key) {
    if (!isEncrypted(buffer) || buffer.length < HEADER_BYTES + TAG_BYTES)
        throw new ConfigurationError(DECRYPT_FAILED);
    const header = buffer.subarray(0, HEADER_BYTES);
    const [kdf = 0, log2N = 0, r = 0, p = 0] = header.subarray(MAGIC.length, MAGIC.length + 4);
    const plausible = kdf === KDF_SCRYPT &&
        log2N >= 10 &&
        log2N <= 22 &&
        r >= 1 &&
        p >= 1 &&
        p <= 4 &&
        128 * 2 ** log2N * r <= MAX_SCRYPT_MEMORY;
    if (!plausible)
        throw new ConfigurationError(DECRYPT_FAILED);
    const salt = header.subarray(MAGIC.length + 4, MAGIC.length + 4 + SALT_BYTES);
    const iv = header.subarray(MAGIC.length + 4 + SALT_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', await deriveKey(key, salt, log2N, r, p), iv, {
        authTagLength: TAG_BYTES,
    });
    decipher.setAAD(header);
    decipher.setAuthTag(buffer.subarray(buffer.length - TAG_BYTES));
    try {
        return Buffer.concat([
            decipher.update(buffer.subarray(HEADER_BYTES, buffer.length - TAG_BYTES)),
            decipher.final(),
        ]);
    }
    catch {
        // The only failure here is authentication; its message says nothing more, and the key is never in it.
        throw new ConfigurationError(DECRYPT_FAILED);
    }
}
async function serialiseDirectory(dir) {
    const names = (await (0,promises_.readdir)(dir)).sort();
    const parts = [u32(names.length)];
    for (const name of names) {
        if (!(0,contracts_manifest/* isSafeFileName */.Dh)(name))
            throw new Error(`cannot encrypt a file named ${JSON.stringify(name)}`);
        const path = (0,external_node_path_.join)(dir, name);
        if (!(await (0,promises_.lstat)(path)).isFile())
            throw new Error(`cannot encrypt ${path}: not a regular file`);
        const nameBytes = Buffer.from(name, 'utf8');
        const bytes = await (0,promises_.readFile)(path);
        const size = Buffer.alloc(8);
        size.writeBigUInt64BE(BigInt(bytes.length));
        parts.push(u16(nameBytes.length), nameBytes, size, bytes);
    }
    return Buffer.concat(parts);
}
/**
 * Parses authenticated plaintext. Only a holder of the key could have made it, but names are still
 * checked: nothing is written outside `dir`.
 */
function parseFiles(plaintext) {
    const malformed = (why) => new ConfigurationError(`the decrypted plan bundle is malformed (${why}): it was not written by tf-plan`);
    const files = new Map();
    let offset = 0;
    const take = (length) => {
        if (offset + length > plaintext.length)
            throw malformed('truncated');
        const bytes = plaintext.subarray(offset, offset + length);
        offset += length;
        return bytes;
    };
    const count = take(4).readUInt32BE();
    for (let i = 0; i < count; i++) {
        const name = take(take(2).readUInt16BE()).toString('utf8');
        const size = take(8).readBigUInt64BE();
        if (size > BigInt(plaintext.length))
            throw malformed('truncated');
        if (!isSafeFileName(name))
            throw malformed(`an unsafe file name ${JSON.stringify(name)}`);
        if (files.has(name))
            throw malformed(`${name} twice`);
        files.set(name, Buffer.from(take(Number(size))));
    }
    if (offset !== plaintext.length)
        throw malformed('trailing bytes');
    return files;
}
function u32(value) {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(value);
    return bytes;
}
function u16(value) {
    const bytes = Buffer.alloc(2);
    bytes.writeUInt16BE(value);
    return bytes;
}

// EXTERNAL MODULE: ./lib/terraform/backend.js
var backend = __webpack_require__(44532);
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
    return text.includes('|') ? cellCode(text) : escape_codeSpan(text);
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
        `${escape_codeSpan(context.tool)} could not take the state lock ${context.lockTimeout ? `within ${escape_codeSpan(context.lockTimeout)}` : 'at once (no `lock-timeout`)'}; nothing was changed.`,
        '',
        '| | |',
        '|---|---|',
        ...rows
            .filter(([, value]) => value !== undefined)
            .map(([name, value]) => `| ${name} | ${cellCode(value ?? '')} |`),
        '',
        `If the holder is gone (its job was cancelled, its runner died), release the lock from ${escape_codeSpan(context.directory)}, after \`${context.tool} init\` with the same backend-config:`,
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

;// CONCATENATED MODULE: ./lib/terraform/json-document.js
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

;// CONCATENATED MODULE: ./lib/terraform/plan-summary.js

const READ_FORMAT_MAJOR = '1';
/** Refuses a document in a format this code does not read, saying which it got and which it reads. */
function assertPlanFormat(doc) {
    const version = doc?.format_version;
    if (typeof version !== 'string' || version.split('.')[0] !== READ_FORMAT_MAJOR) {
        throw new errors/* ConfigurationError */.j1(`the plan's show -json document has format_version ${JSON.stringify(version ?? null)}; this release ` +
            `reads ${READ_FORMAT_MAJOR}.x. Use a tofu or terraform version that writes format ${READ_FORMAT_MAJOR}.x.`);
    }
}
function summarizePlan(doc) {
    assertPlanFormat(doc);
    const summary = {
        add: 0,
        change: 0,
        destroy: 0,
        replace: 0,
        import: 0,
        move: 0,
        forget: 0,
        hasChanges: false,
        destroys: false,
        deletes: [],
        replaces: [],
        outputChanges: 0,
    };
    for (const resource of doc.resource_changes ?? [])
        countResource(summary, resource);
    summary.outputChanges = Object.values(doc.output_changes ?? {}).filter((o) => changes(o.actions)).length;
    summary.destroys = summary.destroy + summary.replace > 0;
    summary.hasChanges = summary.hasChanges || summary.outputChanges > 0;
    return summary;
}
/** True unless every action is one that leaves infrastructure and state alone. */
function changes(actions) {
    return actions.some((action) => action !== 'no-op' && action !== 'read');
}
function countResource(summary, resource) {
    const { actions } = resource.change;
    // An import or a move changes the state even when the resource itself is a no-op; the tool's own
    // -detailed-exitcode counts them as changes too, so the summary agrees with the exit code.
    const imported = resource.change.importing !== undefined && resource.change.importing !== null;
    const moved = resource.previous_address !== undefined && resource.previous_address !== resource.address;
    if (imported)
        summary.import += 1;
    if (moved)
        summary.move += 1;
    if (changes(actions) || imported || moved)
        summary.hasChanges = true;
    // delete+create (the default) and create+delete (create_before_destroy) are both one replacement.
    if (actions.includes('delete') && actions.includes('create')) {
        summary.replace += 1;
        summary.replaces.push(resource.address);
        summary.deletes.push(resource.address);
        return;
    }
    for (const action of actions)
        countAction(summary, action, resource.address);
}
function countAction(summary, action, address) {
    switch (action) {
        case 'create':
            summary.add += 1;
            break;
        case 'update':
            summary.change += 1;
            break;
        case 'delete':
            summary.destroy += 1;
            summary.deletes.push(address);
            break;
        case 'forget':
            summary.forget += 1;
            break;
        default:
            // no-op and read change nothing; an action this code does not know is not counted either.
            break;
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
async function readToolVersion(located, exec) {
    const result = await exec(located.path, ['version', '-json']);
    const tool = withVersion(located, result.exitCode === 0 ? versionField(result.stdout) : undefined);
    if (!tool) {
        throw new errors/* ConfigurationError */.j1(`binary: ${located.path} did not report its version (\`version -json\` exited ${result.exitCode}` +
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
            await this.run(['init', '-input=false', supportsInitJson(this.known) ? '-json' : '-no-color', ...rest], streamed);
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
    throw new ConfigurationError(`vars: the configuration declares no variable named ${undeclared.map((n) => `"${n}"`).join(', ')}; ` +
        'add a variable block for it or remove it from vars');
}

;// CONCATENATED MODULE: ./lib/report/backup.js




const STATE_FILE = 'terraform.tfstate';
/**
 * `backup-state`: pulls the current state (`init`, then `state pull`) and uploads it as an artifact,
 * sealed with the encryption key when one is given. The state holds every value in the clear, so it is
 * never printed, and without a key the log says it travels unencrypted.
 */
async function backupState(options, deps) {
    const tool = await resolveTool(options.binary, deps.exec);
    const cli = new TerraformCli({
        tool,
        exec: deps.exec,
        logger: deps.logger,
        cwd: options.workingDirectory,
        relativeDir: options.relativeDir,
    });
    await deps.logger.group(`${tool.name} init (for the state backup)`, () => cli.init({ backendConfig: options.backendConfig }));
    const state = await cli.statePull();
    if (!state) {
        deps.logger.info('There is no state to back up yet.');
        return undefined;
    }
    const clear = (0,external_node_path_.join)(options.scratch, 'state');
    await (0,promises_.mkdir)(clear, { recursive: true });
    await (0,promises_.writeFile)((0,external_node_path_.join)(clear, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    if (options.encryptionKey) {
        const sealed = (0,external_node_path_.join)(options.scratch, 'state-sealed');
        await (0,promises_.mkdir)(sealed, { recursive: true });
        await (0,promises_.writeFile)((0,external_node_path_.join)(sealed, ENCRYPTED_BUNDLE_FILE), await encryptDirectory(clear, options.encryptionKey));
        await deps.artifacts.upload(options.artifactName, [(0,external_node_path_.join)(sealed, ENCRYPTED_BUNDLE_FILE)], sealed);
    }
    else {
        deps.logger.warning(`The state backup ${options.artifactName} is not encrypted: anyone who can read the run's artifacts can read every value in it. Give encryption-key to seal it.`);
        await deps.artifacts.upload(options.artifactName, [(0,external_node_path_.join)(clear, STATE_FILE)], clear);
    }
    deps.logger.info(`Backed up the state (serial ${String(state.serial ?? '?')}) as ${options.artifactName}.`);
    return { artifact: options.artifactName, encrypted: !!options.encryptionKey };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
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
const count = schemas/* number */.aig().int().nonnegative();
const hostRecapSchema = schemas/* object */.Ikc({
    ok: count,
    changed: count,
    unreachable: count,
    failed: count,
    skipped: count,
    rescued: count,
    ignored: count,
});
const taskRefSchema = schemas/* object */.Ikc({ host: schemas/* string */.YjP(), task: schemas/* string */.YjP(), play: schemas/* string */.YjP(), path: schemas/* string */.YjP() });
const ansibleResultsSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(ANSIBLE_RESULTS_SCHEMA),
    producer: contracts_manifest/* producerSchema */.yO,
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
const readAnsibleResults = (0,contracts_manifest/* contractReader */.Yt)(ansibleResultsSchema, 'report', RESULTS_FILE);
/**
 * A task's `file:line` (absolute, as Ansible gives it) relative to the workspace, so that an
 * annotation links to the file; a role installed elsewhere keeps its absolute path.
 */
function workspaceTaskPath(path, workspace) {
    const match = /^(.*?)(:\d+)?$/.exec(path);
    const file = match?.[1] ?? path;
    const line = match?.[2] ?? '';
    if (!isAbsolute(file))
        return path;
    const inside = relative(workspace, file);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
        return path;
    return `${inside.split(sep).join('/')}${line}`;
}
/** `{file, line}` of a workspace-relative task path, for an annotation; nothing for one outside. */
function annotationPlace(path) {
    if (path === '' || isAbsolute(path))
        return undefined;
    const match = /^(.*):(\d+)$/.exec(path);
    if (!match?.[1])
        return { file: path };
    return { file: match[1], startLine: Number(match[2]) };
}

;// CONCATENATED MODULE: ./lib/contracts/approval-record.js


/**
 * `approval-record.json`, the artifact `<prefix>-approval-<stack>` that approval-gate uploads on every
 * decision: which plan digest was decided, how, by whom and when. tf-apply is handed the digest; the
 * record is what an auditor reads afterwards.
 */
const APPROVAL_RECORD_FILE = 'approval-record.json';
const APPROVAL_RECORD_SCHEMA = 'iac/approval@1';
const approval_record_text = schemas/* string */.YjP().min(1);
const isoTime = iso/* datetime */.w$({ offset: true });
const approvalVoteSchema = schemas/* object */.Ikc({
    login: approval_record_text,
    /** The repository role the person had when the gate decided, or `environment-reviewer`, or `policy`. */
    permission: approval_record_text,
    at: isoTime,
    commentUrl: schemas/* string */.YjP().optional(),
    /** A reject's reason, or the comment an environment reviewer left. */
    comment: schemas/* string */.YjP().optional(),
});
/** One policy owner's acceptance of a plan's policy failures. */
const policyAcceptanceSchema = schemas/* object */.Ikc({
    login: approval_record_text,
    at: isoTime,
    /** How it was given: an `/approve-policy <digest>` comment, or an approval of the environment's review. */
    via: schemas/* enum */.k5n(['comment', 'environment']),
    commentUrl: schemas/* string */.YjP().optional(),
});
/**
 * The plan's policy check as the gate saw it in the bundle, and who accepted which failures. Absent when
 * the plan had no policy check or its bundle was not read. Acceptances name no digest of their own: the
 * record's `planDigest` is the one they accepted, and the digest covers the policy result, so a new plan
 * (a new digest) has none.
 */
const recordPolicySchema = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(['enforce', 'warn']),
    namespace: approval_record_text,
    passed: schemas/* boolean */.zMY(),
    /** The failures of the plan, in canonicalFindings order (src/contracts/digest.ts). */
    failures: schemas/* array */.YOg(contracts_manifest/* policyFindingSchema */.T),
    /**
     * Present when policy owners accepted the failures of an enforce-mode check: tf-apply applies such a
     * plan only when these are exactly the bundle's failures.
     */
    accepted: schemas/* object */.Ikc({ by: schemas/* array */.YOg(policyAcceptanceSchema).min(1), failures: schemas/* array */.YOg(contracts_manifest/* policyFindingSchema */.T) })
        .optional(),
});
const approvalRecordSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(APPROVAL_RECORD_SCHEMA),
    producer: contracts_manifest/* producerSchema */.yO,
    mode: schemas/* enum */.k5n(['environment', 'comment', 'wait', 'policy']),
    /** Who decided in the end: the reviewers (comments), the environment's reviewers, the policy, or an override. */
    decidedBy: schemas/* enum */.k5n(['reviewers', 'environment', 'policy', 'override']),
    status: schemas/* enum */.k5n(['approved', 'rejected', 'pending']),
    planDigest: schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/),
    stack: approval_record_text,
    environment: schemas/* string */.YjP().optional(),
    pullRequest: schemas/* number */.aig().int().positive().optional(),
    /** The commit the plan was made at, when the bundle was read. */
    commit: schemas/* string */.YjP().optional(),
    /** The release the plan deploys again (a promotion's source, a rollback's target), from the bundle. */
    source: contracts_manifest/* releaseBindingSchema */.Un.optional(),
    approvers: schemas/* array */.YOg(approvalVoteSchema),
    /** The policy result and its acceptance; see recordPolicySchema. */
    policy: recordPolicySchema.optional(),
    rejects: schemas/* array */.YOg(approvalVoteSchema),
    minApprovals: schemas/* number */.aig().int().positive(),
    override: schemas/* object */.Ikc({ by: approval_record_text, justification: approval_record_text, accepted: schemas/* boolean */.zMY(), at: isoTime }).optional(),
    runId: schemas/* number */.aig().int().positive(),
    runAttempt: schemas/* number */.aig().int().positive(),
    decidedAt: isoTime,
});

;// CONCATENATED MODULE: ./lib/contracts/build-metadata.js


/**
 * `build-metadata.json`, the image artifact (`<prefix>-image-<name>`) that packer-build uploads: which
 * template made which image, with which Packer, and what the template recorded about it (custom data such
 * as installed software versions). The same document is what skip-unchanged keeps in the Actions cache,
 * so a later run can hand on the image id without building.
 */
const BUILD_METADATA_FILE = 'build-metadata.json';
const BUILD_METADATA_KIND = 'iac/image';
const BUILD_METADATA_MAJOR = 1;
const BUILD_METADATA_SCHEMA = `${BUILD_METADATA_KIND}@${BUILD_METADATA_MAJOR}`;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const build_metadata_text = schemas/* string */.YjP().min(1, { error: 'must not be empty' });
const build_metadata_isoTime = iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const wholeNumber = schemas/* int */.Whr().min(1, { error: 'must be a whole number, 1 or more' });
/** A file that went into the template hash, its path relative to the workspace (POSIX). */
const hashedFileSchema = schemas/* object */.Ikc({
    path: build_metadata_text,
    sha256: schemas/* string */.YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' }),
});
/** One artifact a build produced, from the manifest post-processor or the machine-readable output. */
const imageArtifactSchema = schemas/* object */.Ikc({
    /** The build that made it, as Packer names it: `null.basic` (HCL2), `amazon-ebs` (JSON). */
    build: build_metadata_text,
    /** The artifact's id, such as an AMI id; may be empty for builders that export nothing. */
    id: schemas/* string */.YjP(),
    builderId: schemas/* string */.YjP().optional(),
    builderType: schemas/* string */.YjP().optional(),
    files: schemas/* array */.YOg(schemas/* string */.YjP()),
    /** The manifest post-processor's `custom_data` for this build. */
    customData: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
});
/** Where the document's fields came from: a build in this run, or an earlier build it was reused from. */
const buildOriginSchema = schemas/* object */.Ikc({
    runId: wholeNumber,
    runAttempt: wholeNumber,
    commit: schemas/* string */.YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: schemas/* string */.YjP(),
});
const buildMetadataSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(BUILD_METADATA_SCHEMA),
    producer: contracts_manifest/* producerSchema */.yO,
    /** The image's name, as passed to the template's `image_name` variable when it declares one. */
    name: build_metadata_text,
    template: schemas/* object */.Ikc({
        /** The template input, relative to the workspace (POSIX). */
        path: build_metadata_text,
        format: schemas/* enum */.k5n(['hcl2', 'json']),
        files: schemas/* array */.YOg(hashedFileSchema),
    }),
    varFiles: schemas/* array */.YOg(hashedFileSchema),
    templateHash: schemas/* string */.YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' }),
    packerVersion: build_metadata_text,
    /** When the build finished. */
    buildTime: build_metadata_isoTime,
    /** The artifact id of the last build: what tf-plan gets as the image variable. */
    imageId: schemas/* string */.YjP(),
    artifacts: schemas/* array */.YOg(imageArtifactSchema),
    /** Every build's custom data merged, later builds winning: the image's recorded facts. */
    customData: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
    /** Where the artifacts were read: the manifest post-processor's file, or the machine-readable lines. */
    artifactSource: schemas/* enum */.k5n(['manifest', 'machine-readable']),
    /** The run that built the image. */
    builtBy: buildOriginSchema,
    /** The run that wrote this document: the builder, or a later run that skipped the unchanged build. */
    writtenBy: buildOriginSchema,
    skipped: schemas/* boolean */.zMY(),
    createdAt: build_metadata_isoTime,
});
/** Reads and validates a build-metadata.json (the image artifact, or a record from the cache). */
const readBuildMetadata = (0,contracts_manifest/* contractReader */.Yt)(buildMetadataSchema, 'packer-build', BUILD_METADATA_FILE);
/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
function validateBuildMetadata(value) {
    return validateForWrite(buildMetadataSchema, value, BUILD_METADATA_FILE);
}

// EXTERNAL MODULE: ./lib/contracts/release.js
var contracts_release = __webpack_require__(9258);
// EXTERNAL MODULE: ./lib/core/inputs.js
var inputs = __webpack_require__(50662);
;// CONCATENATED MODULE: ./lib/artifacts/names.js



function names_artifactName(prefix, kind, stack) {
    return `${prefix}-${kind}-${stack}`;
}
/**
 * The stack's name: the `stack` input, else the working directory's name, else (for the workspace
 * root, whose directory name is the runner's) the repository's name.
 */
function stackName(given, workingDirectory, workspace, repo) {
    if (given)
        return given;
    const name = relative(workspace, workingDirectory) === '' ? repo : basename(workingDirectory);
    if (!NAME_PART.test(name)) {
        throw new ConfigurationError(`Input "stack" is needed: the working directory's name "${name}" cannot be part of an artifact name (use letters, digits, ".", "_" or "-").`);
    }
    return name;
}

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
function digest_shortDigest(digest) {
    const hex = digest.replace(/^sha256:/, '');
    return `sha256:${hex.slice(0, 12)}`;
}

;// CONCATENATED MODULE: ./lib/terraform/destroyed.js







/**
 * What a destroy leaves behind, once tf-apply applied a `destroy: true` plan: the outputs artifact says
 * the stack is destroyed (outputs.json `{}` beside destroyed.json), and the stack's deployments in the
 * environment go inactive, so neither a dependent stack's plan nor the environment's page takes the
 * stack for deployed. The report reads destroyed.json (src/report/gather.ts).
 */
const DESTROYED_FILE = 'destroyed.json';
const destroyedRecordSchema = schemas/* object */.Ikc({
    stack: schemas/* string */.YjP().min(1),
    destroyedAt: iso/* datetime */.w$({ offset: true }),
    planDigest: schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/),
    runId: schemas/* number */.aig().int().positive(),
});
/** Reads destroyed.json; throws with the file named when it breaks the shape. */
function readDestroyedRecord(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new Error(`${DESTROYED_FILE} is not valid JSON`);
    }
    const parsed = destroyedRecordSchema.safeParse(value);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${DESTROYED_FILE}: ${issue?.path.join('.') || 'the document'} ${issue?.message ?? 'is invalid'}`);
    }
    return parsed.data;
}
/**
 * After a successful apply of a destroy plan: uploads `<prefix>-outputs-<stack>` with an empty
 * outputs.json, destroyed.json and the manifest of the plan applied, then sets the stack's deployments
 * in the environment inactive. In this order: the artifact is what dependent stacks and the report read,
 * so it is out before anything else can fail.
 */
async function recordDestroyed(options, deps) {
    const record = {
        stack: options.stack,
        destroyedAt: (deps.now?.() ?? new Date()).toISOString(),
        planDigest: options.manifest.planDigest,
        runId: deps.run.runId,
    };
    const dir = join(options.scratch, 'outputs');
    await mkdir(dir, { recursive: true });
    const outputsPath = join(dir, 'outputs.json');
    const files = {
        [outputsPath]: '{}\n',
        [join(dir, DESTROYED_FILE)]: `${JSON.stringify(record, null, 2)}\n`,
        [join(dir, MANIFEST_FILE)]: `${JSON.stringify(options.manifest, null, 2)}\n`,
    };
    for (const [path, text] of Object.entries(files))
        await writeFile(path, text);
    const artifact = artifactName(options.artifactPrefix, 'outputs', options.stack);
    await deps.artifacts.upload(artifact, Object.keys(files), dir);
    deps.logger.info(`Uploaded ${artifact}: ${options.stack} is destroyed, with no outputs.`);
    const deactivated = options.environment && deps.deployments
        ? await deactivateStack(await deps.deployments(), {
            environment: options.environment,
            stack: options.stack,
            deploymentId: options.deploymentId,
            description: `${options.stack} destroyed by plan ${shortDigest(options.manifest.planDigest)}`,
        })
        : [];
    if (options.environment) {
        deps.logger.info(deactivated.length > 0
            ? `Set ${deactivated.length} deployment(s) of ${options.stack} in ${options.environment} inactive: ${deactivated.join(', ')}.`
            : `No deployment of ${options.stack} in ${options.environment} was active.`);
    }
    return {
        outputs: {},
        outputsPath,
        destroyed: {
            record,
            artifact,
            deleted: options.applied.length,
            environment: options.environment,
            deactivated,
        },
    };
}
/** The payload's stack, for deployments created with an object or with JSON text. */
function stackOf(deployment) {
    let payload = deployment.payload;
    if (typeof payload === 'string') {
        try {
            payload = JSON.parse(payload);
        }
        catch {
            return undefined;
        }
    }
    const stack = payload?.stack;
    return typeof stack === 'string' ? stack : undefined;
}
/** A deployment whose latest status is one of these still shows as deployed on the environment's page. */
const ACTIVE_STATES = new Set(['success', 'in_progress', 'queued', 'pending']);
/** The latest of a deployment's statuses; GitHub lists them newest first, but ties are read by time. */
function latestState(statuses) {
    // A deployment without any status is pending, as GitHub shows it.
    let latest;
    for (const status of statuses) {
        if (!latest || Date.parse(status.created_at) > Date.parse(latest.created_at))
            latest = status;
    }
    return latest?.state ?? 'pending';
}
/**
 * Sets inactive the deployment made for this destroy and every earlier deployment of the same stack
 * (the payload's `stack`) still active in the environment. Releases, whose payload is a release record
 * rather than one stack's apply, are the releases domain's and are left alone; so is any deployment of
 * the stack made after this one. Returns the ids set inactive, newest first.
 */
async function deactivateStack(api, target) {
    const listed = await api.list(target.environment);
    const at = target.deploymentId === undefined ? 0 : listed.findIndex((d) => d.id === target.deploymentId);
    // Newest first: this deployment, then the earlier ones; when it is not listed, all of them.
    const candidates = listed.slice(Math.max(at, 0)).filter((d) => stackOf(d) === target.stack);
    const active = [];
    for (const deployment of candidates) {
        if (ACTIVE_STATES.has(latestState(await api.statuses(deployment.id))))
            active.push(deployment.id);
    }
    for (const id of active)
        await api.setStatus(id, 'inactive', target.description);
    return active;
}
/** The job summary of an apply that destroyed the stack. */
function destroyedSummary(summary, manifest) {
    const { record } = summary;
    const deployments = summary.environment
        ? [
            '',
            summary.deactivated.length > 0
                ? `Deployments of ${codeSpan(record.stack)} in ${codeSpan(summary.environment)} set inactive: ${summary.deactivated.length}.`
                : `No deployment of ${codeSpan(record.stack)} in ${codeSpan(summary.environment)} was active.`,
        ]
        : [];
    return [
        `## Destroyed ${codeSpan(record.stack)} (workspace ${codeSpan(manifest.workspace)})`,
        '',
        `Resources destroyed: ${summary.deleted}, at ${record.destroyedAt}.`,
        '',
        `Plan digest ${codeSpan(record.planDigest)}, planned at commit ${codeSpan(manifest.commit.slice(0, 12))}.`,
        '',
        `The outputs artifact ${codeSpan(summary.artifact)} says the stack is destroyed: its outputs.json is empty, beside ${DESTROYED_FILE}.`,
        ...deployments,
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./lib/contracts/smoke-categories.js
/**
 * smoke-test's categories: the results' `category` (contracts/smoke.ts) and the only names release's
 * quality-categories can demand. A module of its own, so that the release action's input layer can check
 * the names without loading the smoke results' contract.
 */
const SMOKE_CATEGORY_NAMES = ['connectivity', 'service', 'security', 'functionality'];
/** The same names, as plain strings to look a user's name up in. */
const smoke_categories_SMOKE_CATEGORIES = (/* unused pure expression or super */ null && (SMOKE_CATEGORY_NAMES));

;// CONCATENATED MODULE: ./lib/contracts/smoke.js



/**
 * The `<prefix>-smoke-<stack>` artifact that smoke-test uploads: `results.json` (every check and its
 * verdict, `iac/smoke-results@1`), `junit.xml` (for test reporters) and `manifest.json`
 * (`iac/smoke@1`: who made the artifact, for which run, and the sha256 of each file beside it). The
 * report action reads them with the readers below, which refuse another major version by name.
 */
const SMOKE_RESULTS_FILE = 'results.json';
const SMOKE_JUNIT_FILE = 'junit.xml';
const SMOKE_RESULTS_KIND = 'iac/smoke-results';
const SMOKE_RESULTS_MAJOR = 1;
const SMOKE_RESULTS_SCHEMA = `${SMOKE_RESULTS_KIND}@${SMOKE_RESULTS_MAJOR}`;
const SMOKE_MANIFEST_KIND = 'iac/smoke';
const SMOKE_MANIFEST_MAJOR = 1;
const SMOKE_MANIFEST_SCHEMA = `${SMOKE_MANIFEST_KIND}@${SMOKE_MANIFEST_MAJOR}`;
const smoke_count = schemas/* number */.aig().int().nonnegative();
const smoke_isoTime = iso/* datetime */.w$({ offset: true });
const category = schemas/* enum */.k5n(SMOKE_CATEGORY_NAMES);
const smokeCheckResultSchema = schemas/* object */.Ikc({
    /** Unique in the run: the check's name, with `[host]` for each host of a group. */
    id: schemas/* string */.YjP(),
    /** The check's name in the checks file. */
    check: schemas/* string */.YjP(),
    kind: schemas/* enum */.k5n(['tcp', 'http', 'ssh-command', 'command', 'dns', 'tls-cert']),
    category,
    tags: schemas/* array */.YOg(schemas/* string */.YjP()),
    /** The inventory host, when the check targets one. */
    host: schemas/* string */.YjP().optional(),
    target: schemas/* string */.YjP(),
    status: schemas/* enum */.k5n(['passed', 'failed', 'not-run']),
    message: schemas/* string */.YjP(),
    attempts: smoke_count,
    durationSeconds: schemas/* number */.aig().nonnegative(),
    /** The check's line in the checks file. */
    line: schemas/* number */.aig().int().positive(),
});
const tally = schemas/* object */.Ikc({ passed: smoke_count, failed: smoke_count, total: smoke_count });
const smokeResultsSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(SMOKE_RESULTS_SCHEMA),
    producer: contracts_manifest/* producerSchema */.yO,
    stack: schemas/* string */.YjP(),
    checksFile: schemas/* string */.YjP(),
    inventory: schemas/* string */.YjP().optional(),
    commit: schemas/* string */.YjP(),
    ref: schemas/* string */.YjP(),
    runId: schemas/* number */.aig().int(),
    runAttempt: schemas/* number */.aig().int(),
    startedAt: smoke_isoTime,
    createdAt: smoke_isoTime,
    durationSeconds: schemas/* number */.aig().nonnegative(),
    settings: schemas/* object */.Ikc({
        concurrency: schemas/* number */.aig().int().positive(),
        retries: smoke_count,
        retryDelaySeconds: schemas/* number */.aig().nonnegative(),
        deadlineSeconds: schemas/* number */.aig().positive(),
        failOn: schemas/* enum */.k5n(['any', 'threshold']),
        threshold: schemas/* number */.aig().min(0).max(100).optional(),
    }),
    /** Passed, failed (not-run included) and total, overall and by category. */
    totals: tally,
    byCategory: schemas/* record */.g1P(schemas/* string */.YjP(), tally),
    /** The most checks that ran at one moment. */
    maxInFlight: smoke_count,
    deadlineReached: schemas/* boolean */.zMY(),
    /** Whether the step failed on these results (fail-on and threshold). */
    failedStep: schemas/* boolean */.zMY(),
    checks: schemas/* array */.YOg(smokeCheckResultSchema),
});
const smokeManifestSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(SMOKE_MANIFEST_SCHEMA),
    producer: contracts_manifest/* producerSchema */.yO,
    stack: schemas/* string */.YjP().min(1),
    commit: schemas/* string */.YjP(),
    ref: schemas/* string */.YjP(),
    runId: schemas/* number */.aig().int().positive(),
    runAttempt: schemas/* number */.aig().int().positive(),
    createdAt: smoke_isoTime,
    /** File name → sha256 hex of each file beside manifest.json. */
    files: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/)),
});
const readSmokeResults = (0,contracts_manifest/* contractReader */.Yt)(smokeResultsSchema, 'report', SMOKE_RESULTS_FILE);
const readSmokeManifest = (0,contracts_manifest/* contractReader */.Yt)(smokeManifestSchema, 'report');
/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
const validateSmokeDocument = (/* unused pure expression or super */ null && (validateForWrite));


;// CONCATENATED MODULE: ./lib/report/smoke.js


/**
 * The smoke-test artifact, `<prefix>-smoke-<stack>`, read with smoke-test's own contract
 * (src/contracts/smoke.ts): `manifest.json` (`iac/smoke@1`) and `results.json` (`iac/smoke-results@1`).
 * Another major version, or a document that breaks the contract, is a ConfigurationError naming the
 * file: the report lists the artifact as unreadable and goes on.
 */

function smoke_readSmokeResults(manifestJson, resultsJson) {
    const manifest = readSmokeManifest(manifestJson, 'report');
    const results = readSmokeResults(resultsJson, 'report');
    return {
        stack: manifest.stack,
        createdAt: manifest.createdAt,
        checks: results.checks.map((check) => ({
            name: check.id,
            kind: check.kind,
            category: check.category,
            target: check.target,
            status: check.status,
            attempts: check.attempts,
            durationSeconds: check.durationSeconds,
            message: check.message,
        })),
        passed: results.totals.passed,
        failed: results.totals.failed,
        durationSeconds: results.durationSeconds,
    };
}


;// CONCATENATED MODULE: ./lib/report/gather.js














/**
 * Gathers every artifact of the run that carries the prefix and reads each with its contract. Nothing
 * here throws for an artifact: one that cannot be downloaded or read is kept with the reason, so the
 * report says so and goes on (the report runs with `if: always()`, after stages that may have failed).
 */
/** The kinds the report reads, longest first so that `errored-state` is not taken for another kind. */
const READ_KINDS = [
    'errored-state',
    'inventory',
    'approval',
    'outputs',
    'ansible',
    'release',
    'validate',
    'image',
    'smoke',
    'plan',
];
/** Artifacts the report itself makes, which it must not read back on a re-run; and the audit parts it gathers apart. */
const OWN_KINDS = ['report', 'state-backup', 'audit'];
/** `<prefix>-<kind>-<stack>` → kind and stack; `<prefix>-validate` has no stack. */
function classify(prefix, name) {
    const rest = name.slice(prefix.length + 1);
    for (const kind of READ_KINDS) {
        if (rest === kind)
            return { kind, stack: '' };
        if (rest.startsWith(`${kind}-`))
            return { kind, stack: rest.slice(kind.length + 1) };
    }
    return { kind: 'other', stack: '' };
}
function isOwn(prefix, name) {
    const rest = name.slice(prefix.length + 1);
    return OWN_KINDS.some((kind) => rest === kind || rest.startsWith(`${kind}-`));
}
// Downloads run a few at a time: each is a round trip to the results service and a blob fetch.
const CONCURRENT_DOWNLOADS = 4;
async function gatherArtifacts(prefix, scratch, deps) {
    const listed = (await deps.artifacts.list(`${prefix}-`)).filter((a) => !isOwn(prefix, a.name));
    deps.logger.info(listed.length > 0
        ? `Gathering ${listed.length} artifact(s): ${listed.map((a) => a.name).join(', ')}`
        : `No artifacts named ${prefix}-* in this run.`);
    const gathered = [];
    for (let start = 0; start < listed.length; start += CONCURRENT_DOWNLOADS) {
        const batch = listed.slice(start, start + CONCURRENT_DOWNLOADS);
        gathered.push(...(await Promise.all(batch.map(async (artifact, offset) => {
            const dir = (0,external_node_path_.join)(scratch, String(start + offset));
            const { kind, stack } = classify(prefix, artifact.name);
            const base = {
                name: artifact.name,
                stack,
                ...(artifact.createdAt ? { createdAt: artifact.createdAt } : {}),
            };
            try {
                await (0,promises_.mkdir)(dir, { recursive: true });
                await deps.artifacts.download(artifact.name, dir);
                return await readArtifact(kind, base, dir);
            }
            catch (error) {
                deps.logger.warning(`Could not read the artifact ${artifact.name}: ${(0,errors/* errorMessage */.gJ)(error)}`);
                return { ...base, kind, problem: (0,errors/* errorMessage */.gJ)(error) };
            }
        }))));
    }
    return gathered;
}
const MAX_LISTED_FILES = 50;
async function readArtifact(kind, base, dir) {
    const text = (file) => (0,promises_.readFile)((0,external_node_path_.join)(dir, file), 'utf8');
    switch (kind) {
        case 'plan': {
            // A sealed bundle keeps manifest.json readable beside bundle.iacenc: that is all the report needs.
            const manifest = (0,contracts_manifest/* readPlanManifest */.fE)(await text(contracts_manifest/* MANIFEST_FILE */.h1), 'report', 'use the same iac-pipeline version in every job');
            return { ...base, kind, manifest, encrypted: (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, ENCRYPTED_BUNDLE_FILE)) };
        }
        case 'approval': {
            const record = (0,contracts_manifest/* readContract */.Jz)(await text(APPROVAL_RECORD_FILE), APPROVAL_RECORD_SCHEMA.split('@')[0] ?? '', { 1: approvalRecordSchema }, { file: APPROVAL_RECORD_FILE, reader: 'report' });
            return { ...base, kind, record };
        }
        case 'image':
            return { ...base, kind, metadata: readBuildMetadata(await text(BUILD_METADATA_FILE), 'report') };
        case 'outputs': {
            const outputs = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).parse(JSON.parse(await text('outputs.json')));
            const destroyed = (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, DESTROYED_FILE))
                ? readDestroyedRecord(await text(DESTROYED_FILE))
                : undefined;
            return { ...base, kind, outputNames: Object.keys(outputs).sort(), ...(destroyed ? { destroyed } : {}) };
        }
        case 'inventory':
            return { ...base, kind, hosts: inventoryHosts((0,dist.parse)(await text('inventory.yml'))) };
        case 'ansible':
            return { ...base, kind, results: readAnsibleResults(await text(RESULTS_FILE), 'report') };
        case 'smoke':
            return {
                ...base,
                kind,
                smoke: smoke_readSmokeResults(await text(contracts_manifest/* MANIFEST_FILE */.h1), await text(SMOKE_RESULTS_FILE)),
            };
        case 'release': {
            // Named by artifact in messages: a run may record releases of several environments.
            const file = `${base.name}/${contracts_release/* RELEASE_FILE */.jn}`;
            if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, contracts_release/* RELEASE_FILE */.jn)))
                throw new errors/* ConfigurationError */.j1(`${file} is missing`);
            const release = (0,contracts_release/* readRelease */.iJ)(await text(contracts_release/* RELEASE_FILE */.jn), {
                reader: 'report',
                file,
            });
            return { ...base, kind, release };
        }
        case 'errored-state':
            return { ...base, kind, encrypted: (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, ENCRYPTED_BUNDLE_FILE)) };
        case 'validate':
        case 'other': {
            const files = (await (0,promises_.readdir)(dir, { recursive: true })).sort().slice(0, MAX_LISTED_FILES);
            return { ...base, kind, files };
        }
    }
}
/** Every host name of an Ansible YAML inventory (`group: {hosts: {name: vars}, children: {...}}`). */
function inventoryHosts(inventory) {
    const hosts = new Set();
    const visit = (group, depth) => {
        if (depth > 20 || group === null || typeof group !== 'object')
            return;
        const { hosts: members, children } = group;
        if (members && typeof members === 'object')
            for (const name of Object.keys(members))
                hosts.add(name);
        if (children && typeof children === 'object') {
            for (const child of Object.values(children))
                visit(child, depth + 1);
        }
    };
    if (inventory && typeof inventory === 'object') {
        for (const group of Object.values(inventory))
            visit(group, 0);
    }
    return [...hosts].sort();
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
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
const audit_event_isoTime = iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const digest = schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/, { error: 'must be "sha256:" and 64 hex digits' });
// Short, written by the suite from counts and names: long text is where a value would hide.
const DETAIL_MAX = 300;
const auditEventSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(AUDIT_EVENT_SCHEMA),
    /** Unique across runs: a receiver that gets a trail twice (a re-run report) drops the repeats by it. */
    id: schemas/* uuid */.uRe(),
    producer: contracts_manifest/* producerSchema */.yO,
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
    startedAt: audit_event_isoTime,
    finishedAt: audit_event_isoTime,
    repository: audit_event_text,
    runId: schemas/* int */.Whr().min(1),
    runAttempt: schemas/* int */.Whr().min(1),
    runUrl: schemas/* url */.OZ5(),
})
    .refine((e) => Date.parse(e.finishedAt) >= Date.parse(e.startedAt), {
    path: ['finishedAt'],
    error: 'must not be before startedAt',
});
const readAuditEvent = (0,contracts_manifest/* contractReader */.Yt)(auditEventSchema, 'report', AUDIT_FILE);
function validateAuditEvent(value) {
    return validateForWrite(auditEventSchema, value, AUDIT_FILE);
}
/** A detail cut to what the contract keeps, on a character boundary. */
function auditDetail(text) {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length <= DETAIL_MAX
        ? oneLine
        : `${oneLine.slice(0, DETAIL_MAX - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

;// CONCATENATED MODULE: ./node_modules/is-network-error/index.js
const objectToString = Object.prototype.toString;

const isError = value => objectToString.call(value) === '[object Error]';

const errorMessages = new Set([
	'network error', // Chrome
	'NetworkError when attempting to fetch resource.', // Firefox
	'The Internet connection appears to be offline.', // Safari 16
	'Network request failed', // `cross-fetch`
	'fetch failed', // Undici (Node.js)
	'terminated', // Undici (Node.js)
	' A network error occurred.', // Bun (WebKit)
	'Network connection lost', // Cloudflare Workers (fetch)
]);

function isNetworkError(error) {
	const isValid = error
		&& isError(error)
		&& error.name === 'TypeError'
		&& typeof error.message === 'string';

	if (!isValid) {
		return false;
	}

	const {message, stack} = error;

	// Safari 17+ has generic message but no stack for network errors
	if (message === 'Load failed' || (message.startsWith('Load failed (') && message.endsWith(')'))) {
		return stack === undefined
			// Sentry adds its own stack trace to the fetch error, so also check for that
			|| '__sentry_captured__' in error;
	}

	// Deno network errors start with specific text
	if (message.startsWith('error sending request for url')) {
		return true;
	}

	// Chrome: exact "Failed to fetch" or with hostname: "Failed to fetch (example.com)"
	if (message === 'Failed to fetch' || (message.startsWith('Failed to fetch (') && message.endsWith(')'))) {
		return true;
	}

	// Standard network error messages
	return errorMessages.has(message);
}

;// CONCATENATED MODULE: ./node_modules/p-retry/index.js


function validateRetries(retries) {
	if (typeof retries === 'number') {
		if (retries < 0) {
			throw new TypeError('Expected `retries` to be a non-negative number.');
		}

		if (Number.isNaN(retries)) {
			throw new TypeError('Expected `retries` to be a valid number or Infinity, got NaN.');
		}

		// Not `Number.isSafeInteger`, which would reject a huge `retries`. That is accepted on purpose and behaves as effectively forever.
		// eslint-disable-next-line unicorn/prefer-number-is-safe-integer
		if (Number.isFinite(retries) && !Number.isInteger(retries)) {
			throw new TypeError('Expected `retries` to be a non-negative integer or Infinity.');
		}
	} else if (retries !== undefined) {
		throw new TypeError('Expected `retries` to be a number or Infinity.');
	}
}

function validateNumberOption(name, value, {allowInfinity = false} = {}) {
	if (typeof value !== 'number' || Number.isNaN(value)) {
		throw new TypeError(`Expected \`${name}\` to be a number${allowInfinity ? ' or Infinity' : ''}.`);
	}

	if (!allowInfinity && !Number.isFinite(value)) {
		throw new TypeError(`Expected \`${name}\` to be a finite number.`);
	}

	if (value < 0) {
		throw new TypeError(`Expected \`${name}\` to be \u{2265} 0.`);
	}
}

function validateOption(name, value, type) {
	// `null` means "not provided", as it does for the other options. `unref` needs this because it is the one option with no default of its own.
	if (value === undefined || value === null) {
		return;
	}

	if (typeof value !== type) {
		throw new TypeError(`Expected \`${name}\` to be a ${type}.`);
	}
}

function validateSignal(value) {
	// `null` means "not provided", as it does for the other options.
	if (value === undefined || value === null) {
		return;
	}

	// Duck typed rather than `instanceof`, so a signal from another realm still works. All three methods are checked because `removeEventListener` is called from inside a timer callback, where a `TypeError` would be an uncaught exception rather than a rejection the caller could catch.
	if (typeof value.throwIfAborted !== 'function'
		|| typeof value.addEventListener !== 'function'
		|| typeof value.removeEventListener !== 'function') {
		throw new TypeError('Expected `signal` to be an AbortSignal.');
	}
}

class AbortError extends Error {
	constructor(message) {
		super(typeof message === 'string' ? message : undefined);

		this.name = 'AbortError';

		if (message instanceof Error) {
			this.originalError = message;
			({message} = message);
		} else {
			// Created here, so it already captures every caller frame. Copying `this.stack` instead would only rewrite the header, which is rendered lazily from `name` and `message` at read time. It also stringifies a non-string message, so reuse its result below.
			this.originalError = new Error(message);
			({message} = this.originalError);

			// The caller sees this error, so the frame for this constructor is dropped where the runtime supports it. Left in, the top frame blames p-retry for an error the caller threw. An error the caller passed keeps its own stack, which points at their throw site already. V8-only, hence the lint exception, and the optional call leaves the stack as it is where it is missing.
			// eslint-disable-next-line unicorn/no-nonstandard-builtin-properties
			Error.captureStackTrace?.(this.originalError, AbortError);
		}

		this.message = message;
	}
}

// `setTimeout` cannot represent a longer delay and fires it right away instead, which turns a long backoff into a tight retry loop. Cap at the largest value it can still hold.
const maximumDelay = (2 ** 31) - 1;

function calculateDelay(retriesConsumed, options) {
	// Nothing to wait for, and multiplying by a factor that has grown to `Infinity` would give `NaN`.
	if (options.minTimeout === 0) {
		return 0;
	}

	// `retriesConsumed` starts at 0 and only ever counts up, so the first retry is already attempt 1.
	const attempt = retriesConsumed + 1;
	const random = options.randomize ? (Math.random() + 1) : 1;

	const timeout = Math.round(random * options.minTimeout * (options.factor ** (attempt - 1)));

	// `maxTimeout` rounds up, so a fractional cap still gives a whole number of milliseconds. Rounding down would turn a cap below 1 into no timer at all, which never yields to the event loop. `Math.ceil(Infinity)` is `Infinity`.
	return Math.min(timeout, Math.ceil(options.maxTimeout), maximumDelay);
}

function calculateRemainingTime(start, max) {
	return Number.isFinite(max) ? max - (performance.now() - start) : max;
}

async function delayForRetry(delay, options) {
	if (delay <= 0) {
		return;
	}

	await new Promise((resolve, reject) => {
		// Registered with `once`, so it removes itself when it fires.
		const onAbort = () => {
			clearTimeout(timeoutToken);
			reject(options.signal.reason);
		};

		const timeoutToken = setTimeout(() => {
			options.signal?.removeEventListener('abort', onAbort);
			resolve();
		}, delay);

		if (options.unref) {
			timeoutToken.unref?.();
		}

		options.signal?.addEventListener('abort', onAbort, {once: true});
	});
}

// Stringifying a thrown value can itself throw, for an object with no usable `toString`. That must never be allowed to replace the failure the caller is actually dealing with.
//
// A thrown value whose own accessors or proxy traps throw is not supported, here or anywhere else. It comes from the caller's own code, so it is not something to defend against.
function stringifyThrownValue(value) {
	try {
		return String(value);
	} catch {
		return Object.prototype.toString.call(value);
	}
}

// `AbortError` wraps the error the caller actually wants, and the wrappers can be nested, so keep unwrapping until the cause is reached. Otherwise an `AbortError` would escape `pRetry` and a `catch` doing `error instanceof AbortError` would read a real failure as a cancellation.
//
// Two wrappers whose `originalError` points at each other are not supported, like the thrown values above.
function unwrapAbortError(error) {
	let cause = error;

	// A wrapper with no error to unwrap to is the cause as far as it goes.
	while (cause instanceof AbortError && cause.originalError instanceof Error) {
		cause = cause.originalError;
	}

	return cause;
}

async function onAttemptFailure({error, attemptNumber, retriesConsumed, startTime, options}) {
	// The signal is checked after the operation and after every callback, so a cancellation is never reported as an operation failure or a callback's decision, and no callback runs after it. The last check also guards the delay, whose abort listener never fires on a signal that is already aborted.
	const abortIfNeeded = () => {
		options.signal?.throwIfAborted();
	};

	const normalizedError = error instanceof Error
		? error
		: new TypeError(`Non-error was thrown: "${stringifyThrownValue(error)}". You should only throw errors.`);

	// Checked before unwrapping an `AbortError`, because the reason a caller aborted with is final. Unwrapping it would replace the reason they chose with whatever is inside it, and it would also let an `AbortError` from the operation outrank a cancellation the caller asked for.
	abortIfNeeded();

	if (normalizedError instanceof AbortError) {
		throw unwrapAbortError(normalizedError);
	}

	// `retriesConsumed` only ever advances while `retriesLeft` is above 0, so this is never negative. `Infinity` minus a finite count is `Infinity`, so an unlimited budget needs no special case.
	const retriesLeft = options.retries - retriesConsumed;

	// A `TypeError` normally means the operation itself is broken rather than the thing it was trying to reach, so retrying it does not help. A network `TypeError` is the exception, and its message differs per runtime, so it has to be recognised rather than assumed.
	const isRetriableError = !(normalizedError instanceof TypeError) || isNetworkError(normalizedError);

	// Out of time already, out of retries, or a failure that is never retried, so the delay is 0 and the callbacks are told that no retry follows. Only computed when a retry can still follow, so a randomized delay does not draw from `Math.random` for a wait that is never taken.
	const timeLeft = calculateRemainingTime(startTime, options.maxRetryTime);
	const delayTime = isRetriableError && timeLeft > 0 && retriesLeft > 0 ? calculateDelay(retriesConsumed, options) : 0;

	const consumeRetryContext = Object.freeze({
		error: normalizedError,
		attemptNumber,
		retriesLeft,
		retriesConsumed,
		retryDelay: delayTime,
	});

	// No answer means no opinion, so fall back to the default. Treating it as `false` instead would leave `retries` uncounted and let the loop run forever.
	const consumeRetry = (await options.shouldConsumeRetry(consumeRetryContext)) ?? true;

	abortIfNeeded();

	const effectiveDelay = consumeRetry ? delayTime : 0;
	const context = Object.freeze({
		error: normalizedError,
		attemptNumber,
		retriesLeft,
		retriesConsumed,
		retryDelay: effectiveDelay,
	});

	await options.onFailedAttempt(context);

	abortIfNeeded();

	const remainingTime = calculateRemainingTime(startTime, options.maxRetryTime);

	// No time or budget left, or a failure that retrying cannot help with.
	if (
		!isRetriableError
		|| remainingTime <= 0
		|| retriesLeft <= 0
	) {
		throw normalizedError;
	}

	const shouldRetry = await options.shouldRetry(context);

	abortIfNeeded();

	if (!shouldRetry) {
		throw normalizedError;
	}

	const remainingTimeAfterShouldRetry = calculateRemainingTime(startTime, options.maxRetryTime);

	if (remainingTimeAfterShouldRetry <= 0) {
		throw normalizedError;
	}

	if (!consumeRetry) {
		return false;
	}

	await delayForRetry(Math.min(effectiveDelay, remainingTimeAfterShouldRetry), options);

	return true;
}

async function pRetry(input, options = {}) {
	options = {...options};

	// Applied before validating, so that `null` means "not provided" here as it does for every other option.
	options.retries ??= 10;

	validateRetries(options.retries);

	if (Object.hasOwn(options, 'forever')) {
		throw new Error('The `forever` option is no longer supported. For many use-cases, you can set `retries: Infinity` instead.');
	}

	options.factor ??= 2;
	options.minTimeout ??= 1000;
	options.maxTimeout ??= Infinity;
	options.maxRetryTime ??= Infinity;
	options.randomize ??= false;
	options.onFailedAttempt ??= () => {};
	options.shouldRetry ??= () => true;
	options.shouldConsumeRetry ??= () => true;

	// Validate the options that have a runtime type to check.
	validateOption('onFailedAttempt', options.onFailedAttempt, 'function');
	validateOption('shouldRetry', options.shouldRetry, 'function');
	validateOption('shouldConsumeRetry', options.shouldConsumeRetry, 'function');
	validateOption('randomize', options.randomize, 'boolean');
	validateOption('unref', options.unref, 'boolean');
	validateSignal(options.signal);
	validateNumberOption('factor', options.factor);
	validateNumberOption('minTimeout', options.minTimeout);
	validateNumberOption('maxTimeout', options.maxTimeout, {allowInfinity: true});
	validateNumberOption('maxRetryTime', options.maxRetryTime, {allowInfinity: true});

	// A negative factor is rejected above, so this only catches `0`. Treat it as `1` to keep the delay constant instead of dropping to zero after the first retry.
	if (options.factor === 0) {
		options.factor = 1;
	}

	options.signal?.throwIfAborted();

	let attemptNumber = 0;
	let retriesConsumed = 0;
	const startTime = performance.now();

	// A consumed count is always finite, so `Infinity` keeps this true and needs no special case.
	while (retriesConsumed <= options.retries) {
		attemptNumber++;

		try {
			options.signal?.throwIfAborted();

			const result = await input(attemptNumber);

			options.signal?.throwIfAborted();

			return result;
		} catch (error) {
			if (await onAttemptFailure({
				error,
				attemptNumber,
				retriesConsumed,
				startTime,
				options,
			})) {
				retriesConsumed++;
			}
		}
	}

	// Unreachable: `onAttemptFailure` throws once `retriesLeft` reaches 0, which is the same state the loop condition tests, so the loop is always left by a throw. Kept as a guard against a future change to either side breaking that pairing.
	throw new Error('Retry attempts exhausted without throwing an error.');
}

function makeRetriable(function_, options) {
	return function (...arguments_) {
		return pRetry(() => function_.apply(this, arguments_), options);
	};
}

;// CONCATENATED MODULE: ./lib/core/post-json.js


class HttpStatusError extends Error {
}
async function postJson(url, request, deps) {
    const attempt = async () => {
        let response;
        try {
            response = await deps.fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...request.headers },
                body: request.body,
                redirect: 'error',
                signal: AbortSignal.timeout(deps.attemptTimeoutMs ?? 10_000),
            });
        }
        catch (error) {
            // Never the URL in a message: it is a secret. The cause says what went wrong with the connection.
            const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
            throw new HttpStatusError(`the request failed (${(0,errors/* errorMessage */.gJ)(error)}${cause})`);
        }
        // The body is read and dropped either way, so the connection is freed; the status is the answer, so a
        // body that cannot be read is ignored.
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok)
            return;
        const problem = new HttpStatusError(`the receiver answered ${response.status}`);
        if (response.status === 429 || response.status >= 500)
            throw problem;
        throw new AbortError(problem);
    };
    try {
        await pRetry(attempt, {
            retries: deps.retries ?? 3,
            minTimeout: deps.minTimeoutMs ?? 500,
            factor: 2,
            onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
                if (retriesLeft > 0) {
                    deps.logger.info(`${capitalized(request.what)} failed (attempt ${attemptNumber}: ${error.message}); trying again.`);
                }
            },
        });
        deps.logger.info(`Sent ${request.what}.`);
        return true;
    }
    catch (error) {
        deps.logger.warning(`${capitalized(request.what)} was not sent: ${(0,errors/* errorMessage */.gJ)(error)}. ${request.fallback}`, {
            title: request.title,
        });
        return false;
    }
}
function capitalized(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
;// CONCATENATED MODULE: ./lib/audit/trail.js








/** The trail's own artifact, which the report writes: `<prefix>-audit`. */
function auditTrailName(prefix) {
    return `${prefix}-audit`;
}
/** Within one instant, the order the lifecycle gives: a plan before its policy result before its approval. */
const ACTION_RANK = new Map(AUDIT_ACTIONS.map((action, index) => [action, index]));
function orderEvents(events) {
    const unique = new Map(events.map((e) => [e.id, e]));
    return [...unique.values()].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) ||
        Date.parse(a.finishedAt) - Date.parse(b.finishedAt) ||
        (ACTION_RANK.get(a.action) ?? 0) - (ACTION_RANK.get(b.action) ?? 0) ||
        (a.stack ?? '').localeCompare(b.stack ?? ''));
}
/** Reads one part's audit.jsonl: each line one event; a line that is not one names its number. */
function parseAuditLines(text, artifact) {
    return text
        .split('\n')
        .map((line, index) => ({ line, number: index + 1 }))
        .filter(({ line }) => line.trim() !== '')
        .map(({ line, number }) => readAuditEvent(line, `report (${artifact} line ${number})`));
}
// Downloads run a few at a time, as the report's other artifacts do (report/gather.ts): each is a round
// trip to the results service and a blob fetch, and a run with a matrix can have hundreds of parts.
const trail_CONCURRENT_DOWNLOADS = 4;
async function gatherAuditTrail(prefix, scratch, deps) {
    const parts = await deps.artifacts.list(`${auditTrailName(prefix)}-`);
    const events = [];
    const problems = [];
    const limit = (0,p_limit/* default */.A)(trail_CONCURRENT_DOWNLOADS);
    await Promise.all(parts.map((part, index) => limit(async () => {
        const dir = (0,external_node_path_.join)(scratch, String(index));
        try {
            await (0,promises_.mkdir)(dir, { recursive: true });
            await deps.artifacts.download(part.name, dir);
            events.push(...parseAuditLines(await (0,promises_.readFile)((0,external_node_path_.join)(dir, AUDIT_FILE), 'utf8'), part.name));
        }
        catch (error) {
            deps.logger.warning(`Could not read the audit events ${part.name}: ${(0,errors/* errorMessage */.gJ)(error)}`);
            problems.push({ artifact: part.name, problem: (0,errors/* errorMessage */.gJ)(error) });
        }
    })));
    problems.sort((a, b) => a.artifact.localeCompare(b.artifact));
    return { events: orderEvents(events), problems };
}
/** Writes the trail as audit.jsonl in `dir` and uploads it as `<prefix>-audit`; returns the file's path. */
async function writeAuditTrail(trail, prefix, dir, artifacts) {
    const path = (0,external_node_path_.join)(dir, AUDIT_FILE);
    await (0,promises_.writeFile)(path, trail.events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await artifacts.upload(auditTrailName(prefix), [path], dir);
    return path;
}
/** What the receiver gets: the run, and the events in order; `incomplete` names the parts not read. */
function auditDelivery(trail, run, now) {
    return {
        schema: 'iac/audit-trail@1',
        producer: { action: 'report', version: version/* SUITE_VERSION */.s },
        repository: run.repository,
        runId: run.runId,
        runAttempt: run.runAttempt,
        runUrl: run.url,
        sentAt: now.toISOString(),
        events: trail.events,
        ...(trail.problems.length > 0 ? { incomplete: trail.problems.map((p) => p.artifact) } : {}),
    };
}
/** The header a receiver checks: as GitHub signs its webhooks, `sha256=` and the HMAC of the raw body. */
const SIGNATURE_HEADER = 'x-iac-signature-256';
function signature(body, secret) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body).digest('hex')}`;
}
/**
 * POSTs the trail to the receiver, signed with the secret; true when it took it. A receiver that
 * stays down is a warning: the `<prefix>-audit` artifact is the record.
 */
function sendAuditTrail(url, secret, delivery, deps) {
    const body = JSON.stringify(delivery);
    return postJson(url, {
        body,
        headers: {
            [SIGNATURE_HEADER]: signature(body, secret),
            'x-iac-event': 'audit-trail',
            // The same for every retry of one delivery, so that a receiver can drop a repeat.
            'x-iac-delivery': (0,external_node_crypto_.randomUUID)(),
        },
        what: 'the audit trail',
        fallback: 'The audit artifact is the record.',
        title: 'Audit webhook failed',
    }, deps);
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
function html(strings, ...values) {
    return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''));
}

;// CONCATENATED MODULE: ./lib/releases/duration.js

/**
 * Durations of releases: `max-release-age` (`72h`, `30m`, `7d`) and the ages and restore times shown
 * in comments and reports. core/inputs' `duration` kind only checks the form tofu takes (`30s`, `5m`,
 * `1h`, no days) and hands the text on; a release's age wants days and a number to compare with.
 */
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 };
const DURATION = /^(\d{1,9})\s*([smhd])$/;
/** `72h` → 259200. Zero or anything else is the named input's mistake. */
function duration_parseDuration(value, input = 'max-release-age') {
    const match = DURATION.exec(value.trim());
    const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 0) : 0;
    if (!match || seconds === 0) {
        throw new ConfigurationError(`Input "${input}" must be a duration of more than zero such as 30m, 72h or 7d; got ${JSON.stringify(value.slice(0, 40))}`);
    }
    return seconds;
}
/** An age, to the largest whole unit: `45 s`, `12 min`, `3 h`, `4 d` (hours up to two days). */
function duration_formatAge(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60)
        return `${s} s`;
    if (s < 3_600)
        return `${Math.floor(s / 60)} min`;
    if (s < 2 * 86_400)
        return `${Math.floor(s / 3_600)} h`;
    return `${Math.floor(s / 86_400)} d`;
}
/** The milliseconds since the epoch of an ISO time, a Date or milliseconds; a time that parses to nothing is a bug. */
function duration_epochMs(at, what) {
    const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
    if (!Number.isFinite(ms))
        throw new TypeError(`${what} is not a time: ${String(at)}`);
    return ms;
}

;// CONCATENATED MODULE: ./lib/releases/promotion.js



/**
 * The quality gate between two environments: a release of the source environment may be promoted when
 * its smoke tests passed, at the required rate, with every demanded category run and passed, and it
 * is not older than max-release-age. Every refusal is one sentence naming what is missing, so that a
 * refused promotion says all of it at once.
 */
/** smoke-test's categories, the only names quality-categories can demand. */

/** The release's smoke counts over all its stacks, and by category; undefined when no stack had checks. */
function smokeTotals(release) {
    const smoked = release.stacks.filter((s) => s.smoke);
    if (smoked.length === 0)
        return undefined;
    const totals = { passed: 0, failed: 0, notRun: 0, total: 0 };
    const byCategory = {};
    const failedStacks = [];
    for (const { stack, smoke } of smoked) {
        if (!smoke)
            continue;
        add(totals, smoke);
        if (smoke.failedStep)
            failedStacks.push(stack);
        for (const [category, tally] of Object.entries(smoke.byCategory)) {
            add((byCategory[category] ??= { passed: 0, failed: 0, notRun: 0, total: 0 }), tally);
        }
    }
    return { totals, byCategory, failedStacks };
}
/** The refusals of promoting `release`; an empty list means it may be promoted. */
function checkPromotion(release, policy) {
    const threshold = policy.threshold ?? 100;
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
        throw new ConfigurationError(`Input "threshold" must be a number from 0 to 100; got ${threshold}`);
    }
    const demanded = [...new Set(policy.qualityCategories ?? [])];
    const unknown = demanded.filter((c) => !SMOKE_CATEGORIES.includes(c));
    if (unknown.length > 0) {
        throw new ConfigurationError(`Input "quality-categories" names ${unknown.map((c) => JSON.stringify(c)).join(', ')}, which smoke-test does not have: its categories are ${SMOKE_CATEGORIES.join(', ')}`);
    }
    const maxAge = policy.maxReleaseAge === undefined ? undefined : parseDuration(policy.maxReleaseAge);
    const name = promotion_releaseName(release);
    const from = release.environment;
    const refusals = [];
    const smoke = smokeTotals(release);
    if (!smoke || smoke.totals.total === 0) {
        refusals.push(`${capitalize(name)} has no smoke results: the quality gate needs smoke-test's checks to have run on ${from}.`);
    }
    else {
        const { totals, byCategory, failedStacks } = smoke;
        if (failedStacks.length > 0) {
            refusals.push(`Smoke tests failed for ${failedStacks.map((s) => `stack ${s}`).join(', ')} in ${name} (${totals.passed} of ${totals.total} checks passed).`);
        }
        // Whole numbers compared, so that 95% of 20 checks is exactly 19 and no rounding lets 18 through.
        if (totals.passed * 100 < threshold * totals.total) {
            refusals.push(`The smoke pass rate of ${name} is ${percent(totals)} (${totals.passed} of ${totals.total} checks), below the required ${threshold}%.`);
        }
        for (const category of demanded) {
            const tally = byCategory[category];
            if (!tally || tally.total === 0) {
                refusals.push(`No ${category} checks ran in ${name}, and quality-categories demands that they run and pass.`);
            }
            else if (tally.notRun === tally.total) {
                refusals.push(`The ${category} checks of ${name} did not run: the deadline left all ${tally.total} of them unrun.`);
            }
            else if (tally.passed < tally.total) {
                const unrun = tally.notRun > 0 ? `, ${tally.notRun} did not run` : '';
                refusals.push(`The ${category} checks of ${name} did not pass: ${tally.passed} of ${tally.total} passed${unrun}.`);
            }
        }
    }
    if (maxAge !== undefined) {
        const age = ageSeconds(release, policy.now);
        if (age > maxAge) {
            refusals.push(`${capitalize(name)} is ${formatAge(age)} old (made ${release.createdAt}), older than max-release-age ${policy.maxReleaseAge?.trim()}.`);
        }
    }
    return refusals;
}
/**
 * One line for comments, summaries and reports: `release 1234 of staging (commit abc123def456, image
 * ami-0abc, smoke 22/22, age 3 h)`. Plain text: put it through src/markdown/escape.ts in Markdown.
 */
function describeRelease(release, now) {
    return describeReleaseRef(promotion_releaseRef(release), now);
}
/** What a binding (and a later release's `source`) keeps of a release: enough to describe it. */
function promotion_releaseRef(release) {
    const smoke = smokeTotals(release);
    const { image } = release;
    return {
        environment: release.environment,
        runId: release.runId,
        runAttempt: release.runAttempt,
        commit: release.commit,
        createdAt: release.createdAt,
        ...(image
            ? {
                image: {
                    id: image.id,
                    name: image.name,
                    ...(image.identifier ? { identifier: image.identifier } : {}),
                },
            }
            : {}),
        ...(smoke ? { smoke: { passed: smoke.totals.passed, total: smoke.totals.total } } : {}),
    };
}
/** describeRelease of a release known by its binding: the same words. */
function describeReleaseRef(release, now) {
    const image = !release.image
        ? 'no image build'
        : `image ${release.image.identifier ?? (release.image.id || release.image.name)}`;
    const tests = release.smoke ? `smoke ${release.smoke.passed}/${release.smoke.total}` : 'no smoke tests';
    return `${promotion_releaseName(release)} (commit ${release.commit.slice(0, 12)}, ${image}, ${tests}, age ${duration_formatAge(ageSeconds(release, now))})`;
}
/**
 * The sentence comments, summaries and reports open with for a plan or release that deploys another
 * again: `Promotes release 1234 of staging (…)`, `Rollback of prod to release 1200 (…)`.
 */
function describeSource(source, now) {
    const described = describeReleaseRef(source, now);
    if (source.kind === 'promotion')
        return `Promotes ${described}`;
    const what = source.scope === 'image' ? 'the image of ' : '';
    return `Rollback of ${source.environment} to ${what}${described}`;
}
/** `release 1234 of staging`, with the attempt when the run was re-run. */
function promotion_releaseName(release) {
    const attempt = release.runAttempt > 1 ? ` (attempt ${release.runAttempt})` : '';
    return `release ${release.runId}${attempt} of ${release.environment}`;
}
function ageSeconds(release, now) {
    return (duration_epochMs(now, 'now') - duration_epochMs(release.createdAt, 'the release time')) / 1000;
}
/** Rounded down to a tenth, so that 21 of 22 reads 95.4% and never 100%. */
function percent(tally) {
    return `${Math.floor((tally.passed * 1000) / tally.total) / 10}%`;
}
function add(into, tally) {
    into.passed += tally.passed;
    into.failed += tally.failed;
    into.notRun += tally.notRun;
    into.total += tally.total;
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./lib/releases/rollback.js




/**
 * The var files whose sha256 differs from the release's, or that are gone, each file once (stacks
 * sharing it listed together), in the order the release lists them.
 */
async function rollback_changedVarFiles(release, hashNow) {
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
function rollback_varFilesRefusal(release, changes) {
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
    return (`Refusing to roll back to ${releaseName(release)}: ${what} as the release recorded, so the plan would ` +
        `not be the release's: ${named.join('; ')}. Restore ${them} as the release had ${them}.`);
}
/** Throws the refusal when a var file changed or is gone. */
async function refuseChangedVarFiles(release, hashNow) {
    const refusal = rollback_varFilesRefusal(release, await rollback_changedVarFiles(release, hashNow));
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
        throw new ConfigurationError(`Deployment ${deploymentId} holds no ${RELEASE_SCHEMA} record: it is not a release (releases are the deployments the release action records after smoke tests)`);
    }
    const release = readRelease(payload, { reader, file: `the payload of deployment ${deploymentId}` });
    if (deployment.environment && deployment.environment.toLowerCase() !== release.environment.toLowerCase()) {
        throw new ConfigurationError(`Deployment ${deploymentId} is of ${deployment.environment} but holds a release of ${release.environment}: a release record names the environment it was deployed to`);
    }
    return release;
}
/** What a stack's plan gives the image: the release's image id, or its name when the builder has no id. */
function imageIdentifier(release) {
    if (!release.image)
        return undefined;
    return release.image.identifier ?? (release.image.id || release.image.name);
}
function bindingOf(release, options) {
    return {
        ...releaseRef(release),
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
    const name = releaseName(release);
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
    const image = imageIdentifier(release);
    const boundImage = binding.image ? imageIdentifier(binding) : undefined;
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
        throw new ConfigurationError(`Refusing to ${what} ${releaseName(release)} (deployment ${deploymentId}): ${reason}`);
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
            refuse(`input "vars" gives no ${name}, which image-variable names: give it the release's image, ${JSON.stringify(imageIdentifier(release) ?? '')}`);
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
        throw new ConfigurationError(`Stack "${stack}" is not part of ${releaseName(release)}, which deployed ${release.stacks.map((s) => `"${s.stack}"`).join(', ')}: a rollback plans the stacks of the release`);
    }
    const givenPaths = given.map((path) => relative(roots.workspace, path));
    const recordedPaths = recorded.varFiles.map((f) => f.path);
    const missing = recordedPaths.filter((p) => !givenPaths.includes(p));
    const extra = givenPaths.filter((p) => !recordedPaths.includes(p));
    if (missing.length > 0 || extra.length > 0) {
        const parts = [
            ...(missing.length > 0 ? [`it recorded ${missing.join(', ')}, which var-files does not give`] : []),
            ...(extra.length > 0 ? [`var-files gives ${extra.join(', ')}, which it did not use`] : []),
        ];
        throw new ConfigurationError(`Refusing to roll back stack "${stack}" to ${releaseName(release)}: the var files are not the release's (${parts.join('; ')}).`);
    }
    const inside = (path, root) => {
        const rel = relative(resolve(root), path);
        return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
    };
    const hashNow = async (path) => {
        const absolute = isAbsolute(path) ? resolve(path) : join(roots.workspace, path);
        if (!inside(absolute, roots.workspace) && !inside(absolute, roots.runnerTemp))
            return undefined;
        return sha256File(absolute).catch(() => undefined);
    };
    const ofStack = { ...release, stacks: [recorded] };
    const refusal = varFilesRefusal(ofStack, await changedVarFiles(ofStack, hashNow));
    if (refusal)
        throw new ConfigurationError(refusal);
}

;// CONCATENATED MODULE: ./lib/report/release.js




/** The Release section of the run's artifacts; undefined when the run recorded no release. */
function releaseSection(artifacts, now) {
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
    const name = promotion_releaseName(release);
    const why = release.outcome === 'failure' && release.failure ? ` — ${release.failure}` : '';
    const totals = smokeTotals(release)?.totals;
    return {
        artifact,
        outcome: release.outcome,
        headline: `${release_capitalize(name)}: ${release.outcome}${why}`,
        source: release.source ? describeSource(release.source, now) : undefined,
        timeToRestore: timeToRestoreSentence(release),
        commit: release.commit.slice(0, 12),
        image: imageIdentifier(release),
        smoke: totals ? `${totals.passed}/${totals.total}` : undefined,
        stacks: release.stacks.map((s) => ({
            stack: s.stack,
            planDigest: digest_shortDigest(s.planDigest),
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
    return `Time to restore: ${format_formatDuration(restore.seconds)} (from the failure of ${failed} at ${restore.failedAt} to this release's success at ${restore.restoredAt})`;
}
function release_capitalize(text) {
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
function policyViews(artifacts) {
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
function policyFigure(policy) {
    const warn = policy.mode === 'warn' ? ' (policy-mode: warn)' : '';
    if (policy.passed)
        return `policy passed${warn}`;
    const n = policy.failures.length;
    return `policy: ${n} ${n === 1 ? 'failure' : 'failures'}${warn}`;
}
/** The approval's figure when policy owners accepted the plan's failures. Plain text. */
function acceptanceFigure(record) {
    const accepted = recordPolicyOf(record)?.accepted;
    if (!accepted || accepted.by.length === 0)
        return undefined;
    return `policy failures accepted by ${accepted.by.map((a) => a.login).join(', ')}`;
}
/** The sentence the Policy section says of a stack. Plain text, escaped where rendered. */
function policySentence(view) {
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
const STAGES = ['validate', 'image', 'plan', 'approve', 'apply', 'configure', 'smoke'];
const JOB_STAGE = [
    [/smoke|verify|test/i, 'smoke'],
    [/ansible|configure/i, 'configure'],
    [/apply|deploy/i, 'apply'],
    [/approv|gate|review/i, 'approve'],
    [/plan/i, 'plan'],
    [/packer|image|bake/i, 'image'],
    [/validate|lint/i, 'validate'],
];
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
function destroyedStacks(artifacts) {
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
        producer: { action: 'report', version: version/* SUITE_VERSION */.s },
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
        destroyed: destroyedStacks(model.artifacts),
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
function auditMarkdown(trail) {
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
        lines.push('', `:warning: The trail is incomplete: ${escape_codeSpan(p.artifact)} was not read (${escape_codeSpan(p.problem)}).`);
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

;// CONCATENATED MODULE: ./lib/report/format.js
/** `45 s`, `12 min 5 s`, `2 h 3 min`: how the report and the summaries show a duration. */
function format_formatDuration(seconds) {
    if (seconds === undefined)
        return '';
    if (seconds < 60)
        return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60)
        return `${minutes} min ${Math.round(seconds % 60)} s`;
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
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
            return format_formatDuration(value);
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
function metricsMarkdown(section) {
    if (!section)
        return [];
    const lines = ['### Delivery metrics', ''];
    if ('problem' in section)
        return [...lines, `:warning: ${cellText(section.problem)}`, ''];
    const m = section.metrics;
    if (m.deployments.total === 0) {
        lines.push(`${escape_codeSpan(m.environment)}: ${emptyText(m)}`, '');
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
        const duration = `${format_formatDuration(r.durationSeconds)}${r.estimated && r.durationSeconds !== undefined ? ' (est.)' : ''}`;
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
        lines.push(`${r.outcome === 'success' ? ':white_check_mark:' : ':x:'} **${headingText(r.headline)}**`, '', ...(r.source ? [headingText(r.source), ''] : []), ...(r.timeToRestore ? [headingText(r.timeToRestore), ''] : []), `Commit ${escape_codeSpan(r.commit)} · ${r.image ? `image ${escape_codeSpan(r.image)}` : 'no image build'} · ${r.smoke ? `smoke ${r.smoke}` : 'no smoke tests'} · from ${escape_codeSpan(r.artifact)}`, '', '| stack | plan digest | smoke |', '| --- | --- | ---: |', ...r.stacks.map((s) => `| ${cellCode(s.stack)} | ${cellCode(s.planDigest)} | ${s.smoke ?? ''} |`), '');
    }
    for (const w of section.warnings) {
        lines.push(`:warning: The release record ${escape_codeSpan(w.artifact)} could not be read: ${escape_codeSpan(w.problem)}`, '');
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
        ...destroyed.map((d) => `- :wastebasket: ${escape_codeSpan(d.stack)} was destroyed at ${escape_codeSpan(d.destroyedAt)} by plan ${escape_codeSpan(d.planDigest)} in run ${d.runId}; it has no outputs now.`),
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
            lines.push(`- ${escape_codeSpan(d.stack)} ${escape_codeSpan(d.address)}`);
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
                .map((v) => `${escape_codeSpan(v.login)} (${escape_codeSpan(v.permission)}, ${escape_codeSpan(v.at)})`)
                .join(', ')
            : r.decidedBy === 'policy'
                ? 'policy'
                : 'nobody';
        lines.push(`- ${escape_codeSpan(r.stack)}: **${r.status}** (${r.decidedBy}, mode ${r.mode}) for plan ${escape_codeSpan(r.planDigest)} by ${who}${r.override ? `; override by ${escape_codeSpan(r.override.by)}: ${escape_codeSpan(r.override.justification)}` : ''}${r.rejects.length > 0 ? `; rejected by ${r.rejects.map((v) => escape_codeSpan(v.login)).join(', ')}` : ''}`);
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
        lines.push(`- ${mark} ${escape_codeSpan(view.stack)}: ${headingText(policySentence(view))}`);
        for (const f of view.failures.slice(0, POLICY_FINDINGS_SHOWN)) {
            const where = f.address ? ` on ${escape_codeSpan(f.address)}` : '';
            lines.push(`  - ${escape_codeSpan(f.rule)}${where}: ${escape_codeSpan(truncate(f.message, 500))}`);
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
        lines.push(`${escape_codeSpan(r.playbook)} on ${escape_codeSpan(r.stack)}${r.check ? ' (check mode)' : ''}, exit ${r.exitCode}, ${format_formatDuration(r.durationSeconds)}`, '', '| host | ok | changed | unreachable | failed | skipped |', '| --- | ---: | ---: | ---: | ---: | ---: |');
        for (const [host, h] of Object.entries(r.recap).sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(`| ${cellCode(host)} | ${h.ok} | ${h.changed} | ${h.unreachable} | ${h.failed} | ${h.skipped} |`);
        }
        for (const f of r.failures.slice(0, 20)) {
            lines.push('', `- :x: ${escape_codeSpan(f.host)} ${escape_codeSpan(f.task)}: ${escape_codeSpan(f.message)}`);
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
        lines.push(`${escape_codeSpan(s.stack ?? a.stack)}: ${s.passed} passed, ${s.failed} failed`, '', '| check | kind | category | target | status | attempts | duration | message |', '| --- | --- | --- | --- | --- | ---: | ---: | --- |');
        for (const c of s.checks.slice(0, 200)) {
            lines.push(`| ${cellCode(c.name)} | ${cellCode(c.kind)} | ${cellCode(c.category)} | ${cellCode(c.target)} | ${c.status === 'passed' ? ':white_check_mark:' : ':x:'} ${c.status} | ${c.attempts} | ${format_formatDuration(c.durationSeconds)} | ${c.message ? cellCode(c.message) : ''} |`);
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
        lines.push(`- ${escape_codeSpan(a.name)}${a.problem ? `: :warning: not read: ${escape_codeSpan(a.problem)}` : ''}`);
    }
    if (model.jobsNote)
        lines.push('', `_${cellText(oneLine(model.jobsNote))}_`);
    if (model.backup) {
        lines.push('', 'problem' in model.backup
            ? `:warning: The state backup failed: ${escape_codeSpan(model.backup.problem)}`
            : `State backup: ${escape_codeSpan(model.backup.artifact)}${model.backup.encrypted ? ' (encrypted)' : ' (not encrypted: give encryption-key to seal it)'}`);
    }
    return [...lines, ''];
}
/** The whole report as GitHub Markdown: report.md, and the job summary. */
function renderMarkdown(model) {
    const gantt = mermaidGantt(model.stages);
    const lines = [
        `## ${headingText(model.title)}`,
        '',
        `${markdown_OUTCOME_MARK[model.outcome]} · run [${model.run.runId}](${model.run.url}) attempt ${model.run.runAttempt} · commit ${escape_codeSpan(model.run.commit.slice(0, 12))} · ${escape_codeSpan(model.run.ref)}${model.startedAt && model.finishedAt ? ` · ${format_formatDuration((Date.parse(model.finishedAt) - Date.parse(model.startedAt)) / 1000)}` : ''}`,
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

;// CONCATENATED MODULE: ./lib/report/html.js







/**
 * report.html: one self-contained file (no script, font, image or stylesheet from anywhere; a
 * Content-Security-Policy that forbids loading any), readable offline, with the timeline drawn as
 * inline SVG. Built with the `html` tagged template (html-template.ts), so nothing read from an
 * artifact can add an element or an attribute.
 */
const STATUS_COLOUR = {
    success: '#1a7f37',
    failure: '#cf222e',
    pending: '#9a6700',
    skipped: '#8c959f',
    missing: '#bc4c00',
    unreadable: '#bc4c00',
    destroyed: '#6e7781',
};
const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;background:#fff}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:0 .2rem;border-radius:3px}
.status{font-weight:600}.outcome{display:inline-block;padding:.2rem .7rem;border-radius:1rem;color:#fff;font-weight:600}
.success{color:#1a7f37}.failure,.missing,.unreadable{color:#cf222e}.pending{color:#9a6700}.skipped,.destroyed{color:#57606a}
.meta{color:#57606a}svg text{font:12px system-ui,sans-serif;fill:#1f2328}ul{margin:.3rem 0}
`;
/** The timeline as SVG bars: one row a stage, x from the run's first start to its last end. */
function timeline(rows) {
    const timed = rows.filter((r) => r.startedAt && r.finishedAt);
    if (timed.length === 0)
        return html `<p class="meta">No stage recorded when it ran.</p>`;
    const start = Math.min(...timed.map((r) => Date.parse(r.startedAt ?? '')));
    const end = Math.max(...timed.map((r) => Date.parse(r.finishedAt ?? '')), start + 1000);
    const labelWidth = 200;
    const plotWidth = 640;
    const rowHeight = 28;
    const scale = plotWidth / (end - start);
    const bars = timed.map((r, i) => {
        const x = labelWidth + (Date.parse(r.startedAt ?? '') - start) * scale;
        // At least 6 px, so that a stage of a moment is still seen.
        const width = Math.max(6, (Date.parse(r.finishedAt ?? '') - Date.parse(r.startedAt ?? '')) * scale);
        const y = 8 + i * rowHeight;
        const label = `${r.stage}${r.stack ? ` · ${r.stack}` : ''}`;
        return html `<g class="bar" data-stage="${r.stage}" data-status="${r.status}"
      ><text x="4" y="${y + 15}">${label}</text
      ><rect
        x="${x.toFixed(1)}"
        y="${y}"
        width="${Math.min(width, labelWidth + plotWidth - x).toFixed(1)}"
        height="20"
        rx="3"
        fill="${STATUS_COLOUR[r.status]}"
        ><title>
          ${label}: ${r.status},
          ${format_formatDuration(r.durationSeconds)}${r.estimated ? ' (start estimated)' : ''}
        </title></rect
      ></g
    >`;
    });
    const height = 16 + timed.length * rowHeight + 16;
    const total = format_formatDuration((end - start) / 1000);
    return html `<svg
    id="timeline"
    role="img"
    aria-label="Timeline of the run"
    xmlns="http://www.w3.org/2000/svg"
    width="${labelWidth + plotWidth + 10}"
    height="${height}"
    viewBox="0 0 ${labelWidth + plotWidth + 10} ${height}"
  >
    <line x1="${labelWidth}" y1="4" x2="${labelWidth}" y2="${height - 16}" stroke="#d0d7de" />
    ${bars}
    <text x="${labelWidth}" y="${height - 2}">${new Date(start).toISOString()}</text>
    <text x="${labelWidth + plotWidth}" y="${height - 2}" text-anchor="end">+${total}</text>
  </svg>`;
}
function html_stageTable(rows) {
    return html `<table id="stages">
    <thead>
      <tr>
        <th>stage</th>
        <th>stack</th>
        <th>status</th>
        <th>started</th>
        <th>duration</th>
        <th>key figures</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map((r) => html `<tr data-stage="${r.stage}">
            <td>${r.stage}</td>
            <td><code>${r.stack}</code></td>
            <td class="status ${r.status}">${r.status}</td>
            <td>${r.startedAt ?? ''}</td>
            <td class="n">
              ${format_formatDuration(r.durationSeconds)}${r.estimated && r.durationSeconds !== undefined ? ' (est.)' : ''}
            </td>
            <td>
              ${r.figures.map((f) => html `<code>${f}</code> `)}${r.note ? html `<div class="${r.status}">${r.note}</div>` : ''}
            </td>
          </tr>`)}
    </tbody>
  </table>`;
}
/** The Release section, after the verdict: each record's sentences, then its stacks' digests. */
function releaseHtml(section) {
    if (!section)
        return '';
    return html `<h2>Release</h2>
    <div id="releases">
      ${section.releases.map((r) => html `<div class="release" data-artifact="${r.artifact}" data-outcome="${r.outcome}">
            <p><strong class="${r.outcome}">${r.headline}</strong></p>
            ${r.source ? html `<p class="source">${r.source}</p>` : ''}
            ${r.timeToRestore ? html `<p class="restore">${r.timeToRestore}</p>` : ''}
            <p class="meta">
              commit <code>${r.commit}</code> ·
              ${r.image ? html `image <code>${r.image}</code>` : 'no image build'} ·
              ${r.smoke ? `smoke ${r.smoke}` : 'no smoke tests'} · from <code>${r.artifact}</code>
            </p>
            <table class="release-stacks">
              <thead>
                <tr>
                  <th>stack</th>
                  <th>plan digest</th>
                  <th>smoke</th>
                </tr>
              </thead>
              <tbody>
                ${r.stacks.map((s) => html `<tr>
                      <td><code>${s.stack}</code></td>
                      <td><code>${s.planDigest}</code></td>
                      <td class="n">${s.smoke ?? ''}</td>
                    </tr>`)}
              </tbody>
            </table>
          </div>`)}
      ${section.warnings.map((w) => html `<p class="failure release-warning">
            The release record <code>${w.artifact}</code> could not be read: ${w.problem}
          </p>`)}
    </div>`;
}
/** Each stack's policy check, as report.md says it; a stack that ran with policy-mode: warn is marked. */
function policyHtml(views) {
    if (views.length === 0)
        return '';
    return html `<h2>Policy</h2>
    <ul id="policy">
      ${views.map((v) => html `<li data-stack="${v.stack}" data-status="${v.status}" data-mode="${v.mode}">
            <code>${v.stack}</code>:
            <span
              class="${v.status === 'passed' ? 'success' : v.status === 'accepted' ? 'pending' : 'failure'}"
              >${policySentence(v)}</span
            >
            ${v.failures.length > 0
        ? html `<ul>
                    ${v.failures
            .slice(0, POLICY_FINDINGS_SHOWN)
            .map((f) => html `<li>
                            <code>${f.rule}</code>${f.address ? html ` on <code>${f.address}</code>` : ''}:
                            ${f.message}
                          </li>`)}
                    ${v.failures.length > POLICY_FINDINGS_SHOWN
            ? html `<li>
                            … and ${v.failures.length - POLICY_FINDINGS_SHOWN} more in report.json
                          </li>`
            : ''}
                  </ul>`
        : ''}
          </li>`)}
    </ul>`;
}
function sections(artifacts, policy) {
    const out = [];
    const destroyed = destroyedStacks(artifacts);
    if (destroyed.length > 0) {
        out.push(html `<h2>Destroyed</h2>
        <ul id="destroyed">
          ${destroyed.map((d) => html `<li class="destroyed" data-stack="${d.stack}">
                <code>${d.stack}</code> was destroyed at ${d.destroyedAt} by plan
                <code>${d.planDigest}</code> in run ${d.runId}; it has no outputs now.
              </li>`)}
        </ul>`);
    }
    const plans = artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
    if (plans.length > 0) {
        out.push(html `<h2>Plans</h2>
        <table id="plans">
          <thead>
            <tr>
              <th>stack</th>
              <th>add</th>
              <th>change</th>
              <th>destroy</th>
              <th>replace</th>
              <th>digest</th>
            </tr>
          </thead>
          <tbody>
            ${plans.map((m) => html `<tr>
                  <td><code>${m.stack}</code></td>
                  <td class="n">${m.summary.add}</td>
                  <td class="n">${m.summary.change}</td>
                  <td class="n">${m.summary.destroy}</td>
                  <td class="n">${m.summary.replace}</td>
                  <td><code>${m.planDigest}</code></td>
                </tr>`)}
          </tbody>
        </table>
        ${plans.some((m) => m.summary.deletes.length > 0)
            ? html `<p><strong>Deletes or replaces:</strong></p>
                <ul>
                  ${plans.flatMap((m) => m.summary.deletes.map((d) => html `<li><code>${m.stack}</code> <code>${d}</code></li>`))}
                </ul>`
            : ''}`);
    }
    const approvals = artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
    if (approvals.length > 0) {
        out.push(html `<h2>Approvals</h2>
        <ul id="approvals">
          ${approvals.map((r) => html `<li>
                <code>${r.stack}</code>: <strong>${r.status}</strong> (${r.decidedBy}, mode ${r.mode}) for
                plan <code>${r.planDigest}</code> by
                ${r.approvers.length > 0 ? r.approvers.map((v) => html `<code>${v.login}</code> (${v.permission}, ${v.at}) `) : r.decidedBy === 'policy' ? 'policy' : 'nobody'}${r.override ? html `; override by <code>${r.override.by}</code>: ${r.override.justification}` : ''}
              </li>`)}
        </ul>`);
    }
    const policySection = policyHtml(policy);
    if (policySection)
        out.push(policySection);
    const ansible = artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
    for (const r of ansible) {
        out.push(html `<h2>Ansible recap</h2>
        <p>
          <code>${r.playbook}</code> on <code>${r.stack}</code>, exit ${r.exitCode},
          ${format_formatDuration(r.durationSeconds)}
        </p>
        <table class="recap">
          <thead>
            <tr>
              <th>host</th>
              <th>ok</th>
              <th>changed</th>
              <th>unreachable</th>
              <th>failed</th>
              <th>skipped</th>
            </tr>
          </thead>
          <tbody>
            ${Object.entries(r.recap).map(([host, h]) => html `<tr>
                  <td><code>${host}</code></td>
                  <td class="n">${h.ok}</td>
                  <td class="n">${h.changed}</td>
                  <td class="n">${h.unreachable}</td>
                  <td class="n">${h.failed}</td>
                  <td class="n">${h.skipped}</td>
                </tr>`)}
          </tbody>
        </table>
        ${r.failures.length > 0
            ? html `<ul>
                ${r.failures.slice(0, 20).map((f) => html `<li class="failure"><code>${f.host}</code> ${f.task}: ${f.message}</li>`)}
              </ul>`
            : ''}`);
    }
    const smoke = artifacts.flatMap((a) => (a.kind === 'smoke' && a.smoke ? [{ a, s: a.smoke }] : []));
    for (const { a, s } of smoke) {
        out.push(html `<h2>Smoke tests</h2>
        <p><code>${s.stack ?? a.stack}</code>: ${s.passed} passed, ${s.failed} failed</p>
        <table class="smoke">
          <thead>
            <tr>
              <th>check</th>
              <th>kind</th>
              <th>category</th>
              <th>target</th>
              <th>status</th>
              <th>attempts</th>
              <th>duration</th>
              <th>message</th>
            </tr>
          </thead>
          <tbody>
            ${s.checks.slice(0, 500).map((c) => html `<tr>
                  <td>${c.name}</td>
                  <td>${c.kind}</td>
                  <td>${c.category}</td>
                  <td><code>${c.target}</code></td>
                  <td class="status ${c.status === 'passed' ? 'success' : 'failure'}">${c.status}</td>
                  <td class="n">${c.attempts}</td>
                  <td class="n">${format_formatDuration(c.durationSeconds)}</td>
                  <td>${c.message}</td>
                </tr>`)}
          </tbody>
        </table>`);
    }
    return out;
}
function renderHtml(model) {
    const outcomeColour = model.outcome === 'success'
        ? STATUS_COLOUR.success
        : model.outcome === 'failure'
            ? STATUS_COLOUR.failure
            : STATUS_COLOUR.pending;
    const page = html `<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${model.title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <h1>${model.title}</h1>
        <p>
          <span class="outcome" id="outcome" style="background:${outcomeColour}">${model.outcome}</span>
          <span class="meta"
            >run <a href="${model.run.url}">${model.run.runId}</a> attempt ${model.run.runAttempt} · commit
            <code>${model.run.commit.slice(0, 12)}</code> · <code>${model.run.ref}</code> ·
            ${model.run.repository}</span
          >
        </p>
        ${releaseHtml(model.release)} ${metricsHtml(model.metricsSection)}
        <h2>Stages</h2>
        ${html_stageTable(model.stages)}
        <h2>Timeline</h2>
        ${timeline(model.stages)} ${sections(model.artifacts, model.policy)} ${auditHtml(model.audit)}
        <h2>Artifacts</h2>
        <ul>
          ${model.artifacts.map((a) => html `<li><code>${a.name}</code>${a.problem ? html ` <span class="failure">not read: ${a.problem}</span>` : ''}</li>`)}
        </ul>
        ${model.jobsNote ? html `<p class="meta">${model.jobsNote}</p>` : ''}
        <p class="meta">Generated ${model.generatedAt} by iac-pipeline report.</p>
      </body>
    </html> `;
    return page.value;
}

;// CONCATENATED MODULE: ./lib/report/jobs.js

/**
 * The jobs of this run attempt, as the API lists them: the only place where a stage that failed before
 * it uploaded anything shows. Reading them is best effort: without them the report is built from the
 * artifacts alone, and says so.
 */
async function readRunJobs(github, run, logger) {
    try {
        const client = await github();
        const jobs = await client.paginate(client.rest.actions.listJobsForWorkflowRunAttempt, {
            owner: run.owner,
            repo: run.repo,
            run_id: run.runId,
            attempt_number: run.runAttempt,
            per_page: 100,
        });
        return {
            jobs: jobs.map((job) => ({
                name: job.name,
                status: job.status,
                conclusion: job.conclusion,
                ...(job.started_at ? { startedAt: job.started_at } : {}),
                ...(job.completed_at ? { completedAt: job.completed_at } : {}),
                ...(job.html_url ? { url: job.html_url } : {}),
            })),
        };
    }
    catch (error) {
        const note = `The run's jobs could not be read (${(0,errors/* errorMessage */.gJ)(error)}): stages are reported from their artifacts alone.`;
        logger.warning(note);
        return { jobs: [], note };
    }
}

;// CONCATENATED MODULE: ./lib/report/reproduce.js
/**
 * reproduce.sh: re-runs the deployment from the same commit with the pinned tool versions and the same
 * var files, checking each var file's sha256 against what the plan recorded. It holds no secret: values
 * given as `vars` inputs, backend settings and keys are not in any artifact, and the script asks for
 * them. Every value read from an artifact is single-quoted for the shell.
 */
/** A word for POSIX sh: single-quoted, with each `'` closed, escaped and reopened. */
function shellQuote(value) {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
function renderReproduceScript(model) {
    const q = shellQuote;
    const lines = [
        '#!/usr/bin/env bash',
        `# Re-runs the deployment of ${model.run.repository} run ${model.run.runId} (attempt ${model.run.runAttempt}).`,
        '# Run it from a clone of the repository. It plans as the run did and stops before applying: read the',
        '# plan, then apply it yourself. Values the run passed as `vars` inputs or secrets are not recorded',
        '# anywhere; export them as TF_VAR_<name> first. Pass backend settings with BACKEND_CONFIG=path/to/file.',
        'set -euo pipefail',
        '',
        `COMMIT=${q(model.run.commit)}`,
        '',
        'need_version() { # tool, pinned version, command printing the version',
        '  local tool=$1 want=$2 got',
        '  shift 2',
        '  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed: install $want" >&2; exit 1; }',
        '  got=$("$@" 2>&1 | head -n 1)',
        '  case $got in *"$want"*) ;; *) echo "$tool is not $want (got: $got): install the pinned version" >&2; exit 1 ;; esac',
        '}',
        'check_sha256() { # file, expected hex',
        '  local got',
        '  got=$(sha256sum "$1" | cut -d" " -f1)',
        '  [ "$got" = "$2" ] || { echo "$1 differs from the one the run used (sha256 $got, expected $2)" >&2; exit 1; }',
        '}',
        '',
        'git fetch --quiet origin "$COMMIT" 2>/dev/null || true',
        'git checkout --quiet --detach "$COMMIT"',
        'root=$(git rev-parse --show-toplevel)',
        '',
    ];
    const images = model.artifacts.flatMap((a) => (a.kind === 'image' && a.metadata ? [a.metadata] : []));
    for (const m of images) {
        lines.push(`# Image ${m.name}: packer ${m.packerVersion}, template ${m.template.path}`);
        lines.push(`need_version packer ${q(m.packerVersion.replace(/^v/, ''))} packer version`);
        for (const f of [...m.template.files, ...m.varFiles])
            lines.push(`check_sha256 "$root"/${q(f.path)} ${q(f.sha256)}`);
        lines.push(`(cd "$root" && packer init ${q(m.template.path)} && packer build${m.varFiles.map((f) => ` -var-file=${q(f.path)}`).join('')} ${q(m.template.path)})`, '');
    }
    const plans = model.artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
    for (const m of plans) {
        const tool = m.tool.name;
        lines.push(`# Stack ${m.stack}: ${tool} ${m.tool.version}, workspace ${m.workspace}, plan digest ${m.planDigest}`, `need_version ${tool} ${q(m.tool.version.replace(/^v/, ''))} ${tool} version`);
        for (const f of m.varFiles)
            lines.push(`check_sha256 "$root"/${q(f.path)} ${q(f.sha256)}`);
        lines.push('(', `  cd "$root"/${q(m.workingDirectory)}`, `  ${tool} init -input=false \${BACKEND_CONFIG:+-backend-config="$BACKEND_CONFIG"}`, ...(m.workspace !== 'default' ? [`  ${tool} workspace select -or-create=true ${q(m.workspace)}`] : []), `  ${tool} plan -input=false${m.varFiles.map((f) => ` -var-file="$root"/${q(f.path)}`).join('')} -out=reproduced.tfplan`, `  echo "Planned ${m.stack.replace(/[^A-Za-z0-9._-]/g, '_')}: the run's plan was ${m.summary.add} to add, ${m.summary.change} to change, ${m.summary.destroy} to destroy. Apply with: ${tool} apply reproduced.tfplan"`, ')', '');
    }
    const ansible = model.artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
    for (const r of ansible) {
        lines.push(`# Configuration of ${r.stack}: ansible-core ${r.ansibleVersion ?? '(version not recorded)'}`);
        if (r.ansibleVersion)
            lines.push(`need_version ansible-playbook ${q(`core ${r.ansibleVersion}`)} ansible-playbook --version`);
        lines.push(`# After the apply, with the inventory it publishes (the run used ${r.inventory}):`, `echo ansible-playbook -i inventory.yml${r.limit ? ` --limit ${q(r.limit)}` : ''}${r.tags.length > 0 ? ` --tags ${q(r.tags.join(','))}` : ''} ${q(r.playbook)}`, '');
    }
    if (plans.length === 0 && images.length === 0) {
        lines.push('echo "The run left no plan bundle or image metadata: there is nothing to re-run." >&2', 'exit 1', '');
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./lib/report/webhook.js

const OUTCOME_WORD = { success: 'succeeded', failure: 'failed', pending: 'is waiting' };
/** Slack's mrkdwn reads &, < and > as markup: https://api.slack.com/reference/surfaces/formatting#escaping */
function slackText(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function stageLines(model) {
    return model.stages.map((r) => `${r.stage}${r.stack ? ` (${r.stack})` : ''}: ${r.status}`);
}
function webhookPayload(kind, model) {
    const headline = `${model.title} ${OUTCOME_WORD[model.outcome]}`;
    const emoji = model.outcome === 'success' ? ':white_check_mark:' : model.outcome === 'failure' ? ':x:' : ':hourglass:';
    if (kind === 'slack') {
        const stages = stageLines(model).map(slackText).join('\n');
        return {
            text: `${emoji} ${slackText(headline)}: ${model.run.url}`,
            blocks: [
                { type: 'section', text: { type: 'mrkdwn', text: `${emoji} *${slackText(headline)}*` } },
                ...(stages ? [{ type: 'section', text: { type: 'mrkdwn', text: stages } }] : []),
                {
                    type: 'context',
                    elements: [
                        {
                            type: 'mrkdwn',
                            text: `<${model.run.url}|Run ${model.run.runId}> · commit ${slackText(model.run.commit.slice(0, 12))} · ${slackText(model.run.ref)}`,
                        },
                    ],
                },
            ],
        };
    }
    // Teams workflows (Power Automate) webhooks take an Adaptive Card as a message attachment.
    return {
        type: 'message',
        attachments: [
            {
                contentType: 'application/vnd.microsoft.card.adaptive',
                contentUrl: null,
                content: {
                    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                    type: 'AdaptiveCard',
                    version: '1.4',
                    body: [
                        {
                            type: 'TextBlock',
                            size: 'Medium',
                            weight: 'Bolder',
                            wrap: true,
                            color: model.outcome === 'success' ? 'Good' : model.outcome === 'failure' ? 'Attention' : 'Warning',
                            text: headline,
                        },
                        {
                            type: 'FactSet',
                            facts: [
                                ...model.stages.map((r) => ({
                                    title: `${r.stage}${r.stack ? ` (${r.stack})` : ''}`,
                                    value: r.status,
                                })),
                                { title: 'commit', value: model.run.commit.slice(0, 12) },
                                { title: 'ref', value: model.run.ref },
                            ],
                        },
                    ],
                    actions: [{ type: 'Action.OpenUrl', title: `Open run ${model.run.runId}`, url: model.run.url }],
                },
            },
        ],
    };
}
/** Sends the message; true when the receiver took it. Never throws: a failure is a warning. */
function notify(url, kind, model, deps) {
    return postJson(url, {
        body: JSON.stringify(webhookPayload(kind, model)),
        what: `the ${kind} notification`,
        fallback: 'The report is complete without it.',
        title: 'Notification failed',
    }, deps);
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

// EXTERNAL MODULE: ./lib/metrics/figures.js
var figures = __webpack_require__(86944);
;// CONCATENATED MODULE: ./lib/report/report.js















const REPORT_FILES = ['report.md', 'report.html', 'report.json', 'reproduce.sh'];
/** The report step: the report, its outputs and the job summary; then fails if the state backup did. */
async function runReport(inputs, deps) {
    const { logger } = deps;
    const token = inputs.githubToken;
    // Made only when the jobs are read; without a token they are not.
    const github = token
        ? lazyGitHubClient(token, logger, deps.run, () => new Error('the GitHub token went missing'))
        : undefined;
    const result = await buildReport(inputs, { ...deps, github });
    deps.setOutputs({
        'report-path': result.markdownPath,
        'html-path': result.htmlPath,
        'json-path': result.jsonPath,
        'reproduce-path': result.scriptPath,
        outcome: result.model.outcome,
        'artifact-name': result.artifactName,
    });
    if (result.notified !== undefined)
        deps.setOutputs({ notified: result.notified });
    deps.setOutputs({ 'audit-events': result.model.audit?.events.length ?? 0 });
    if (result.auditPath)
        deps.setOutputs({ 'audit-path': result.auditPath });
    if (result.auditDelivered !== undefined)
        deps.setOutputs({ 'audit-delivered': result.auditDelivered });
    if (result.metricsPath)
        deps.setOutputs({ 'metrics-path': result.metricsPath });
    await deps.writeSummary(result.markdown);
    logger.debug(`report built in ${result.buildMs.toFixed(0)} ms`);
    if (result.backupProblem) {
        throw new errors/* StepFailure */.pH(`The report is out, but the state backup failed: ${result.backupProblem}`);
    }
}
/**
 * The report action: gathers the run's artifacts and jobs, backs up the state when asked, writes
 * report.md, report.html, report.json and reproduce.sh, uploads them as `<prefix>-report`, and
 * notifies the webhook. Nothing a stage left behind, or failed to, makes it throw.
 */
async function buildReport(inputs, deps) {
    const { logger, run } = deps;
    const started = performance.now();
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, 'iac-report-'));
    const [artifacts, audit, jobs, metrics] = await Promise.all([
        gatherArtifacts(inputs.artifactPrefix, (0,external_node_path_.join)(scratch, 'artifacts'), deps),
        gatherAuditTrail(inputs.artifactPrefix, (0,external_node_path_.join)(scratch, 'audit-parts'), deps),
        deps.github
            ? readRunJobs(deps.github, run, logger)
            : Promise.resolve({
                jobs: [],
                note: 'No github-token was given: stages are reported from their artifacts alone.',
            }),
        readMetrics(inputs, deps),
    ]);
    const model = buildModel({
        title: inputs.title,
        run,
        workflow: deps.workflow,
        artifacts,
        jobs: jobs.jobs,
        jobsNote: jobs.note,
        now: deps.now(),
    });
    model.audit = audit;
    if (metrics) {
        model.metricsSection = metrics.metrics
            ? { metrics: metrics.metrics }
            : { problem: metrics.problem ?? 'the metrics were not computed' };
    }
    let backupProblem;
    if (inputs.backupState) {
        try {
            const backup = await backupState({
                workingDirectory: inputs.workingDirectory,
                relativeDir: (0,contracts_manifest/* toWorkspacePath */.CR)(run.workspace, inputs.workingDirectory),
                binary: inputs.binary,
                backendConfig: inputs.backendConfig,
                encryptionKey: inputs.encryptionKey,
                artifactName: `${inputs.artifactPrefix}-state-backup`,
                scratch: (0,external_node_path_.join)(scratch, 'backup'),
            }, deps);
            model.backup = backup ?? { problem: 'there was no state to back up' };
        }
        catch (error) {
            backupProblem = (0,errors/* errorMessage */.gJ)(error);
            model.backup = { problem: backupProblem };
        }
    }
    const dir = (0,external_node_path_.join)(scratch, 'report');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const markdown = renderMarkdown(model);
    const paths = {
        markdownPath: (0,external_node_path_.join)(dir, 'report.md'),
        htmlPath: (0,external_node_path_.join)(dir, 'report.html'),
        jsonPath: (0,external_node_path_.join)(dir, 'report.json'),
        scriptPath: (0,external_node_path_.join)(dir, 'reproduce.sh'),
    };
    await Promise.all([
        (0,promises_.writeFile)(paths.markdownPath, markdown),
        (0,promises_.writeFile)(paths.htmlPath, renderHtml(model)),
        (0,promises_.writeFile)(paths.jsonPath, `${JSON.stringify(reportJson(model), null, 2)}\n`),
        (0,promises_.writeFile)(paths.scriptPath, renderReproduceScript(model), { mode: 0o755 }),
    ]);
    const metricsPath = metrics?.metrics ? (0,external_node_path_.join)(dir, figures/* METRICS_FILE */.HL) : undefined;
    if (metricsPath)
        await (0,promises_.writeFile)(metricsPath, `${JSON.stringify(metrics?.metrics, null, 2)}\n`);
    const buildMs = performance.now() - started;
    const artifactName = `${inputs.artifactPrefix}-report`;
    await deps.artifacts.upload(artifactName, [...REPORT_FILES.map((f) => (0,external_node_path_.join)(dir, f)), ...(metricsPath ? [metricsPath] : [])], dir);
    logger.info(`The report is ${model.outcome}: uploaded as ${artifactName}.`);
    const auditDir = (0,external_node_path_.join)(scratch, 'audit');
    await (0,promises_.mkdir)(auditDir, { recursive: true });
    const auditPath = audit.events.length > 0
        ? await writeAuditTrail(audit, inputs.artifactPrefix, auditDir, deps.artifacts)
        : undefined;
    let auditDelivered;
    if (inputs.auditWebhook && inputs.auditWebhookSecret) {
        auditDelivered = await sendAuditTrail(inputs.auditWebhook, inputs.auditWebhookSecret, auditDelivery(audit, model.run, deps.now()), {
            fetch: deps.fetch,
            logger,
            ...(deps.webhookMinTimeoutMs !== undefined ? { minTimeoutMs: deps.webhookMinTimeoutMs } : {}),
        });
    }
    let notified;
    if (inputs.webhookUrl) {
        notified = await notify(inputs.webhookUrl, inputs.webhookKind, model, {
            fetch: deps.fetch,
            logger,
            ...(deps.webhookMinTimeoutMs !== undefined ? { minTimeoutMs: deps.webhookMinTimeoutMs } : {}),
        });
    }
    return {
        model,
        dir,
        ...paths,
        markdown,
        artifactName,
        ...(notified !== undefined ? { notified } : {}),
        ...(auditPath ? { auditPath } : {}),
        ...(auditDelivered !== undefined ? { auditDelivered } : {}),
        ...(metricsPath ? { metricsPath } : {}),
        ...(backupProblem ? { backupProblem } : {}),
        buildMs,
    };
}
/**
 * The delivery metrics, when asked for: src/metrics/ is loaded only then (start-up time is measured, and
 * most report runs never compute them). Nothing there throws: a refusal is a warning, and the report
 * goes out without the metrics.
 */
async function readMetrics(inputs, deps) {
    if (!inputs.metrics)
        return undefined;
    if (!deps.github || !inputs.environment) {
        // The input rules refuse this before the step runs; a caller of buildReport may still get here.
        return { problem: 'metrics need github-token and environment', deploymentPages: 0, ms: 0 };
    }
    const { deliveryMetrics } = await __webpack_require__.e(/* import() */ 366).then(__webpack_require__.bind(__webpack_require__, 67366));
    return deliveryMetrics({
        environment: inputs.environment,
        windowDays: inputs.metricsWindowDays,
        targets: inputs.metricsTargets,
        driftLabels: inputs.driftLabels,
    }, { github: deps.github, run: deps.run, now: deps.now, logger: deps.logger });
}


/***/ }),

/***/ 70370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ pLimit)
});

// UNUSED EXPORTS: limitFunction

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}


/***/ }),

/***/ 64377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};
