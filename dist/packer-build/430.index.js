export const id = 430;
export const ids = [430];
export const modules = {

/***/ 64057:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AB: () => (/* binding */ validateBuildMetadata),
/* harmony export */   Ez: () => (/* binding */ BUILD_METADATA_FILE),
/* harmony export */   bv: () => (/* binding */ BUILD_METADATA_SCHEMA),
/* harmony export */   q3: () => (/* binding */ readBuildMetadata)
/* harmony export */ });
/* unused harmony exports BUILD_METADATA_KIND, BUILD_METADATA_MAJOR, hashedFileSchema, imageArtifactSchema, buildOriginSchema, buildMetadataSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64377);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21330);


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
const text = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { error: 'must not be empty' });
const isoTime = zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const wholeNumber = zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(1, { error: 'must be a whole number, 1 or more' });
/** A file that went into the template hash, its path relative to the workspace (POSIX). */
const hashedFileSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    path: text,
    sha256: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' }),
});
/** One artifact a build produced, from the manifest post-processor or the machine-readable output. */
const imageArtifactSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    /** The build that made it, as Packer names it: `null.basic` (HCL2), `amazon-ebs` (JSON). */
    build: text,
    /** The artifact's id, such as an AMI id; may be empty for builders that export nothing. */
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    builderId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    builderType: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    files: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    /** The manifest post-processor's `custom_data` for this build. */
    customData: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
});
/** Where the document's fields came from: a build in this run, or an earlier build it was reused from. */
const buildOriginSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    runId: wholeNumber,
    runAttempt: wholeNumber,
    commit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
});
const buildMetadataSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(BUILD_METADATA_SCHEMA),
    producer: _manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .producerSchema */ .yO,
    /** The image's name, as passed to the template's `image_name` variable when it declares one. */
    name: text,
    template: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        /** The template input, relative to the workspace (POSIX). */
        path: text,
        format: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['hcl2', 'json']),
        files: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(hashedFileSchema),
    }),
    varFiles: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(hashedFileSchema),
    templateHash: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' }),
    packerVersion: text,
    /** When the build finished. */
    buildTime: isoTime,
    /** The artifact id of the last build: what tf-plan gets as the image variable. */
    imageId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    artifacts: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(imageArtifactSchema),
    /** Every build's custom data merged, later builds winning: the image's recorded facts. */
    customData: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    /** Where the artifacts were read: the manifest post-processor's file, or the machine-readable lines. */
    artifactSource: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['manifest', 'machine-readable']),
    /** The run that built the image. */
    builtBy: buildOriginSchema,
    /** The run that wrote this document: the builder, or a later run that skipped the unchanged build. */
    writtenBy: buildOriginSchema,
    skipped: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    createdAt: isoTime,
});
/** Reads and validates a build-metadata.json (the image artifact, or a record from the cache). */
const readBuildMetadata = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .contractReader */ .Yt)(buildMetadataSchema, 'packer-build', BUILD_METADATA_FILE);
/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
function validateBuildMetadata(value) {
    return (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .validateForWrite */ .Lb)(buildMetadataSchema, value, BUILD_METADATA_FILE);
}


/***/ }),

/***/ 21330:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CR: () => (/* binding */ toWorkspacePath),
/* harmony export */   Lb: () => (/* binding */ validateForWrite),
/* harmony export */   Yt: () => (/* binding */ contractReader),
/* harmony export */   yO: () => (/* binding */ producerSchema)
/* harmony export */ });
/* unused harmony exports MANIFEST_FILE, PLAN_FILE, PLAN_JSON_FILE, LOCK_FILE, PLAN_KIND, PLAN_MAJOR, PLAN_SCHEMA, isSafeFileName, isWorkspacePath, toolSchema, varFileSchema, priorStateSchema, backendRecordSchema, releaseBindingSchema, stackInputRecordSchema, policyFindingSchema, policyResultSchema, planSummarySchema, planManifestSchema, toolMajor, readContract, readPlanManifest, validatePlanManifest */
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

/***/ 25430:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RECORD_DIR: () => (/* binding */ RECORD_DIR),
/* harmony export */   actionsCacheBuildRecords: () => (/* binding */ actionsCacheBuildRecords),
/* harmony export */   buildRecordKey: () => (/* binding */ buildRecordKey)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _contracts_build_metadata_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(64057);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3828);





/**
 * `iac-packer-<template hash>-<options>`: the template hash, and a digest of what else selects what is
 * built (only, except, vars). Values enter the key only through that digest: the key is visible to
 * whoever can list the repository's caches. The image name is not part of it: image names are often
 * unique per run (clouds refuse a second image of the same name), and an unchanged template should
 * still be skipped then.
 */
function buildRecordKey(input) {
    const options = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(JSON.stringify({
        only: [...input.only].sort(),
        except: [...input.except].sort(),
        vars: [...input.vars]
            .filter(([name]) => name !== 'image_name')
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    }))
        .digest('hex')
        .slice(0, 16);
    return `iac-packer-${input.templateHash.replace(/^sha256:/, '')}-${options}`;
}
/**
 * The record's directory, relative to the workspace. The cache library versions an entry by the paths
 * it was saved from, so the path must be the same in every job: RUNNER_TEMP differs from job to job.
 */
const RECORD_DIR = '.iac-packer-build-record';
/** BuildRecords over @actions/cache (loaded on first use: it is heavy, and only skip-unchanged needs it). */
function actionsCacheBuildRecords(workspace, logger) {
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, RECORD_DIR);
    let loaded;
    // Loaded once, so that a runner without the service is told so once.
    const library = () => (loaded ??= Promise.all(/* import() */[__webpack_require__.e(110), __webpack_require__.e(91)]).then(__webpack_require__.bind(__webpack_require__, 18091)).then((cache) => {
        if (cache.isFeatureAvailable())
            return cache;
        logger.warning('skip-unchanged needs the Actions cache service, which this runner does not offer; the image is built.');
        return undefined;
    }));
    return {
        async find(key) {
            const cache = await library();
            if (!cache)
                return undefined;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
            try {
                const hit = await cache.restoreCache([RECORD_DIR], key);
                if (hit === undefined)
                    return undefined;
                return (0,_contracts_build_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .readBuildMetadata */ .q3)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, _contracts_build_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .BUILD_METADATA_FILE */ .Ez), 'utf8'));
            }
            catch (error) {
                logger.warning(`Could not read the build record ${key}, so the image is built: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}`);
                return undefined;
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
            }
        },
        async record(key, metadata) {
            const cache = await library();
            if (!cache)
                return;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true });
            try {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, _contracts_build_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .BUILD_METADATA_FILE */ .Ez), `${JSON.stringify(metadata, null, 2)}\n`);
                // -1 when the entry exists already (another job built the same template) or the service refused.
                const id = await cache.saveCache([RECORD_DIR], key);
                if (id === -1)
                    logger.info(`The build record ${key} was not saved (see the cache message above).`);
                else
                    logger.info(`Recorded the build in the Actions cache as ${key}`);
            }
            catch (error) {
                logger.warning(`Could not record the build for skip-unchanged: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}`);
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
            }
        },
    };
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
