export const id = 315;
export const ids = [315];
export const modules = {

/***/ 40963:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ artifactName),
/* harmony export */   Q: () => (/* binding */ stackName)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3828);
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50662);



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
    const name = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(workspace, workingDirectory) === '' ? repo : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(workingDirectory);
    if (!_core_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .NAME_PART */ .y3.test(name)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`Input "stack" is needed: the working directory's name "${name}" cannot be part of an artifact name (use letters, digits, ".", "_" or "-").`);
    }
    return name;
}


/***/ }),

/***/ 25843:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d8: () => (/* binding */ readIntactPlanBundle),
/* harmony export */   fq: () => (/* binding */ writePlanBundle)
/* harmony export */ });
/* unused harmony export verifyPlanBundle */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3828);
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(19843);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(21330);





/** Copies the files into `dir` (created; must be empty), writes manifest.json and returns it. */
async function writePlanBundle(dir, input) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    const existing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir);
    if (existing.length > 0)
        throw new Error(`the plan bundle directory ${dir} is not empty`);
    const files = {};
    for (const [name, source] of Object.entries(input.files)) {
        if (!(0,_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .isSafeFileName */ .Dh)(name) || name === _manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1) {
            throw new Error(`cannot bundle a file named ${JSON.stringify(name)}`);
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(source, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name));
        files[name] = await (0,_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256File */ .Q3)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name));
    }
    if (!(_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .PLAN_FILE */ .VI in files))
        throw new Error(`a plan bundle needs ${_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .PLAN_FILE */ .VI}`);
    const { files: _sources, createdAt, ...fields } = input;
    const manifest = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .validatePlanManifest */ .xs)({
        schema: _manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .PLAN_SCHEMA */ .G0,
        ...fields,
        createdAt: createdAt ?? new Date().toISOString(),
        files,
        planDigest: await digestOf(dir, { ...fields, files }),
    });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
}
/** Recomputes the plan digest from the bundled planfile and lock file and the manifest's fields. */
async function digestOf(dir, manifest) {
    return (0,_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .planDigest */ .Gb)({
        planfile: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .PLAN_FILE */ .VI)),
        lockFile: _manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .LOCK_FILE */ .FI in manifest.files ? await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .LOCK_FILE */ .FI)) : undefined,
        stack: manifest.stack,
        workingDirectory: manifest.workingDirectory,
        workspace: manifest.workspace,
        toolName: manifest.tool.name,
        toolMajor: (0,_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .toolMajor */ .yw)(manifest.tool.version),
        backend: manifest.backend,
        source: manifest.source,
        inputs: manifest.inputs,
        provisional: manifest.provisional,
        destroy: manifest.destroy,
        policy: manifest.policy,
    });
}
const AGAIN = 'run tf-plan again and apply the new plan';
const notRegularFile = ({ others }) => others[0] === undefined
    ? undefined
    : `the plan bundle holds ${others[0]}, which is not a regular file: the artifact was altered after tf-plan wrote it; ${AGAIN}`;
const missingFile = ({ manifest, files }) => {
    const name = Object.keys(manifest.files).find((listed) => !files.has(listed));
    return name === undefined
        ? undefined
        : `the plan bundle has no ${name}, which ${_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1} lists: the artifact is incomplete or was altered after tf-plan wrote it; ${AGAIN}`;
};
const extraFile = ({ manifest, files }) => {
    const name = [...files].find((present) => !(present in manifest.files));
    return name === undefined
        ? undefined
        : `the plan bundle holds ${name}, which ${_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1} does not list: the artifact was altered after tf-plan wrote it; ${AGAIN}`;
};
const changedFile = ({ manifest, sha256 }) => {
    const name = Object.keys(manifest.files).find((listed) => sha256[listed] !== manifest.files[listed]);
    if (name === undefined)
        return undefined;
    const [actual, recorded] = [sha256[name] ?? '', manifest.files[name] ?? ''];
    return (`the plan bundle's ${name} is not the file tf-plan wrote: its sha256 is ${actual.slice(0, 12)}…, ` +
        `${_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1} records ${recorded.slice(0, 12)}…; the artifact was altered; ${AGAIN}`);
};
const changedDigest = ({ manifest, digest }) => digest === undefined || digest === manifest.planDigest
    ? undefined
    : `the plan digest recomputed from the bundle (${(0,_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .shortDigest */ .VK)(digest)}…) differs from the one in ${_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1} ` +
        `(${(0,_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .shortDigest */ .VK)(manifest.planDigest)}…): ${_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1} was edited after tf-plan wrote it; ${AGAIN}`;
const otherStack = ({ manifest }, expected) => manifest.stack === expected.stack
    ? undefined
    : `the plan bundle was made for stack "${manifest.stack}", but this job applies stack "${expected.stack}": ` +
        `apply the plan of stack "${expected.stack}" (plan-artifact), or set stack: ${manifest.stack} if that is the stack you mean`;
const otherWorkingDirectory = ({ manifest }, expected) => manifest.workingDirectory === expected.workingDirectory
    ? undefined
    : `the plan bundle was planned in working directory "${manifest.workingDirectory}", but this job applies ` +
        `"${expected.workingDirectory}": set working-directory: ${manifest.workingDirectory}, or apply a plan made in "${expected.workingDirectory}"`;
const otherWorkspace = ({ manifest }, expected) => manifest.workspace === expected.workspace
    ? undefined
    : `the plan bundle was planned for workspace "${manifest.workspace}", but this job applies workspace ` +
        `"${expected.workspace}": set workspace: ${manifest.workspace}, or plan again for workspace "${expected.workspace}"`;
const otherTool = ({ manifest }, expected) => {
    const [made, runs] = [manifest.tool, expected.tool];
    if (made.name !== runs.name) {
        return (`the plan bundle was made with ${made.name} ${made.version}, but this job runs ${runs.name} ${runs.version}: ` +
            `a plan applies only with the tool that made it; set binary: ${made.name}, or plan again with ${runs.name}`);
    }
    const [madeMajor, runsMajor] = [(0,_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .toolMajor */ .yw)(made.version), (0,_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .toolMajor */ .yw)(runs.version)];
    return madeMajor === runsMajor
        ? undefined
        : `the plan bundle was made with ${made.name} ${made.version} (${madeMajor}.x), but this job runs ${runs.name} ` +
            `${runs.version} (${runsMajor}.x): a plan applies only with the same major version; install ${made.name} ` +
            `${madeMajor}.x for this job, or plan again with ${runsMajor}.x`;
};
const otherCommit = ({ manifest }, expected) => !expected.requireSameCommit || manifest.commit === expected.commit
    ? undefined
    : `the plan bundle was made at commit ${manifest.commit}, but this job runs at commit ${expected.commit}: ` +
        `the configuration may have changed since the plan. Plan again at this commit, or set require-same-commit: false ` +
        `to apply a plan made at another commit (such as applying on merge the plan made on the pull request)`;
const unapprovedDigest = ({ manifest }, expected) => {
    if (expected.expectedDigest === undefined)
        return undefined;
    const approved = normaliseDigest(expected.expectedDigest);
    return approved === manifest.planDigest
        ? undefined
        : `the plan bundle's digest is ${(0,_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .shortDigest */ .VK)(manifest.planDigest)}…, but expected-plan-digest is ` +
            `${(0,_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .shortDigest */ .VK)(approved)}…: this is not the plan that was approved. A new plan needs a new approval: ` +
            `have this plan approved, or apply the bundle of the approved plan`;
};
function normaliseDigest(digest) {
    const hex = digest
        .trim()
        .toLowerCase()
        .replace(/^sha256:/, '');
    return `sha256:${hex}`;
}
/** In this order: the bytes are what tf-plan wrote, then they were made for this job, then approved. */
const INTEGRITY = [notRegularFile, missingFile, extraFile, changedFile];
const IDENTITY = [otherStack, otherWorkingDirectory, otherWorkspace, otherTool, otherCommit];
const APPROVAL = [unapprovedDigest];
/** Runs the checks in order; the first that finds a problem refuses the bundle. */
function refuseFirst(checks) {
    for (const check of checks) {
        const problem = check();
        if (problem !== undefined)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(problem);
    }
}
/**
 * Re-reads manifest.json (validated), recomputes every file's sha256 and the plan digest, and checks
 * the bundle was made for what this job applies. Each refusal is one ConfigurationError that says
 * what differs and what to do. Returns the verified manifest.
 */
async function verifyPlanBundle(dir, expected) {
    const bundle = await intactBundle(dir, expected.reader ?? 'tf-apply');
    refuseFirst([...IDENTITY, ...APPROVAL].map((check) => () => check(bundle, expected)));
    return bundle.manifest;
}
/**
 * Checks only that the bundle is what tf-plan wrote (every file's sha256, the plan digest), for readers
 * that show a plan rather than apply it. Returns the manifest.
 */
async function readIntactPlanBundle(dir, reader) {
    return (await intactBundle(dir, reader)).manifest;
}
async function intactBundle(dir, reader) {
    const manifest = await readBundleManifest(dir, reader);
    const files = new Set();
    const others = [];
    for (const entry of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true })) {
        if (entry.name === _manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1)
            continue;
        if (entry.isFile())
            files.add(entry.name);
        else
            others.push(entry.name);
    }
    const bundle = { manifest, files, others, sha256: {} };
    for (const name of Object.keys(manifest.files)) {
        if (files.has(name))
            bundle.sha256[name] = await (0,_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256File */ .Q3)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name));
    }
    refuseFirst(INTEGRITY.map((check) => () => check(bundle)));
    bundle.digest = await digestOf(dir, manifest);
    refuseFirst([() => changedDigest(bundle)]);
    return bundle;
}
async function readBundleManifest(dir, reader) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1), 'utf8');
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`the plan bundle has no ${_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST_FILE */ .h1}: it is not a bundle written by tf-plan; check plan-artifact`);
    }
    return (0,_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .readPlanManifest */ .fE)(text, reader);
}


/***/ }),

/***/ 19843:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gb: () => (/* binding */ planDigest),
/* harmony export */   Q3: () => (/* binding */ sha256File),
/* harmony export */   VK: () => (/* binding */ shortDigest),
/* harmony export */   Y_: () => (/* binding */ sortedFindings)
/* harmony export */ });
/* unused harmony exports PLAN_DIGEST_LABEL, canonicalFindings */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);


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
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
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
async function sha256File(path) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The first 12 hex digits of a digest, with its `sha256:` prefix, for messages. */
function shortDigest(digest) {
    const hex = digest.replace(/^sha256:/, '');
    return `sha256:${hex.slice(0, 12)}`;
}


/***/ }),

/***/ 92574:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ru: () => (/* binding */ encryptDirectory),
/* harmony export */   jA: () => (/* binding */ ENCRYPTED_BUNDLE_FILE),
/* harmony export */   uT: () => (/* binding */ decryptToDirectory)
/* harmony export */ });
/* unused harmony export isEncrypted */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3828);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(21330);





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
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
const DECRYPT_FAILED = 'could not decrypt the plan bundle: the encryption-key differs from the one tf-plan used, or the bundle was altered';
function isEncrypted(buffer) {
    return buffer.length >= MAGIC.length && buffer.subarray(0, MAGIC.length).equals(MAGIC);
}
function deriveKey(passphrase, salt, log2N, r, p) {
    const memory = 128 * 2 ** log2N * r;
    const options = { N: 2 ** log2N, r, p, maxmem: memory + 16 * 1024 * 1024 };
    return new Promise((resolve, reject) => {
        (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.scrypt)(Buffer.from(passphrase, 'utf8'), salt, KEY_BYTES, options, (error, key) => error ? reject(error) : resolve(key));
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
    const salt = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(SALT_BYTES);
    const iv = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(IV_BYTES);
    const header = Buffer.concat([MAGIC, Buffer.from([KDF_SCRYPT, LOG2_N, R, P]), salt, iv]);
    const cipher = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createCipheriv)('aes-256-gcm', await deriveKey(key, salt, LOG2_N, R, P), iv, {
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
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true });
    for (const [name, bytes] of files)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name), bytes, { flag: 'wx' });
    return [...files.keys()];
}
async function decrypt(buffer, key) {
    if (!isEncrypted(buffer) || buffer.length < HEADER_BYTES + TAG_BYTES)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(DECRYPT_FAILED);
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
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(DECRYPT_FAILED);
    const salt = header.subarray(MAGIC.length + 4, MAGIC.length + 4 + SALT_BYTES);
    const iv = header.subarray(MAGIC.length + 4 + SALT_BYTES);
    const decipher = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createDecipheriv)('aes-256-gcm', await deriveKey(key, salt, log2N, r, p), iv, {
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
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(DECRYPT_FAILED);
    }
}
async function serialiseDirectory(dir) {
    const names = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir)).sort();
    const parts = [u32(names.length)];
    for (const name of names) {
        if (!(0,_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .isSafeFileName */ .Dh)(name))
            throw new Error(`cannot encrypt a file named ${JSON.stringify(name)}`);
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name);
        if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path)).isFile())
            throw new Error(`cannot encrypt ${path}: not a regular file`);
        const nameBytes = Buffer.from(name, 'utf8');
        const bytes = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path);
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
    const malformed = (why) => new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`the decrypted plan bundle is malformed (${why}): it was not written by tf-plan`);
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
        if (!(0,_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .isSafeFileName */ .Dh)(name))
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


/***/ }),

/***/ 21330:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CR: () => (/* binding */ toWorkspacePath),
/* harmony export */   Dh: () => (/* binding */ isSafeFileName),
/* harmony export */   FI: () => (/* binding */ LOCK_FILE),
/* harmony export */   Fg: () => (/* binding */ backendRecordSchema),
/* harmony export */   G0: () => (/* binding */ PLAN_SCHEMA),
/* harmony export */   Jz: () => (/* binding */ readContract),
/* harmony export */   Lb: () => (/* binding */ validateForWrite),
/* harmony export */   P9: () => (/* binding */ isWorkspacePath),
/* harmony export */   Un: () => (/* binding */ releaseBindingSchema),
/* harmony export */   VI: () => (/* binding */ PLAN_FILE),
/* harmony export */   Yt: () => (/* binding */ contractReader),
/* harmony export */   be: () => (/* binding */ varFileSchema),
/* harmony export */   fE: () => (/* binding */ readPlanManifest),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE),
/* harmony export */   uU: () => (/* binding */ PLAN_JSON_FILE),
/* harmony export */   xs: () => (/* binding */ validatePlanManifest),
/* harmony export */   yO: () => (/* binding */ producerSchema),
/* harmony export */   yw: () => (/* binding */ toolMajor)
/* harmony export */ });
/* unused harmony exports PLAN_KIND, PLAN_MAJOR, toolSchema, priorStateSchema, stackInputRecordSchema, policyFindingSchema, policyResultSchema, planSummarySchema, planManifestSchema */
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

/***/ 26734:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   GA: () => (/* binding */ cellCode),
/* harmony export */   Ie: () => (/* binding */ cellText),
/* harmony export */   SS: () => (/* binding */ codeSpan),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   YY: () => (/* binding */ linkUrl),
/* harmony export */   dK: () => (/* binding */ blockText),
/* harmony export */   js: () => (/* binding */ htmlText),
/* harmony export */   ky: () => (/* binding */ headingText),
/* harmony export */   ts: () => (/* binding */ escapeInvisible),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/* unused harmony export cellSpan */
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


/***/ }),

/***/ 21554:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FA: () => (/* binding */ buildPlanModel),
/* harmony export */   Hh: () => (/* binding */ assertPlanShape),
/* harmony export */   Yh: () => (/* binding */ destructiveResources),
/* harmony export */   oM: () => (/* binding */ PlanModelBuilder)
/* harmony export */ });
/* unused harmony export resourceEntry */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3828);
/* harmony import */ var _terraform_plan_summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59960);
/* harmony import */ var _sensitive_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40251);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(81989);




const isComposite = (value) => typeof value === 'object' && value !== null;
function childAt(value, step) {
    if (Array.isArray(value))
        return typeof step === 'number' ? value[step] : undefined;
    if ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(value))
        return typeof step === 'string' ? value[step] : undefined;
    return undefined;
}
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (a === null || b === null || a === undefined || b === undefined)
        return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length)
            return false;
        return a.every((item, i) => deepEqual(item, b[i]));
    }
    if ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(a)) {
        if (!(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(b))
            return false;
        const keys = Object.keys(a);
        if (keys.length !== Object.keys(b).length)
            return false;
        return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
    }
    return false;
}
/**
 * A value as compact display text, with every sensitive part replaced, so a composite that holds one
 * secret among other values can still be shown.
 */
/**
 * A whole value on one line. Parts unknown until apply show as such: the tool leaves them out of the
 * value (or null) and marks them in the unknown mask, so `[null, null]` would otherwise misread.
 */
function compactText(value, sensitive, unknown = undefined) {
    if (unknown === true)
        return '(known after apply)';
    if (sensitive === true)
        return '(sensitive)';
    if (Array.isArray(value)) {
        const items = value.map((item, i) => compactText(item, (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .maskAt */ .qI)(sensitive, i), (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .maskAt */ .qI)(unknown, i)));
        return `[${items.join(', ')}]`;
    }
    if ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(value)) {
        const keys = new Set(Object.keys(value));
        if ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(unknown))
            for (const key of Object.keys(unknown))
                if ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .anySet */ .fY)(unknown[key]))
                    keys.add(key);
        const parts = [...keys].map((key) => `${(0,_values_js__WEBPACK_IMPORTED_MODULE_1__/* .displayLiteral */ .e)(key)}: ${compactText(value[key], (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .maskAt */ .qI)(sensitive, key), (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .maskAt */ .qI)(unknown, key))}`);
        return `{${parts.join(', ')}}`;
    }
    return (0,_values_js__WEBPACK_IMPORTED_MODULE_1__/* .displayLiteral */ .e)(value ?? null);
}
function shown(value, sensitive, unknown = undefined) {
    if (unknown === true)
        return { kind: 'unknown' };
    if (value === null || value === undefined) {
        // A value known only after apply that the tool left out of `after` is unknown, not absent.
        return (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .anySet */ .fY)(unknown) ? { kind: 'unknown' } : { kind: 'absent' };
    }
    if (sensitive === true)
        return { kind: 'sensitive' };
    return { kind: 'known', text: compactText(value, sensitive, unknown) };
}
const absentOrNull = (value) => value === null || value === undefined;
const emptyComposite = (value) => Array.isArray(value) ? value.length === 0 : (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(value) && Object.keys(value).length === 0;
/**
 * The leaf-level differences between before and after. Composites of the same kind are walked (objects
 * by key, lists by position); anything else is one change with both sides shown whole.
 */
function diffValues(sides, path, out) {
    const { before, after, beforeSensitive, afterSensitive, afterUnknown } = sides;
    const secret = beforeSensitive === true || afterSensitive === true;
    if (secret || afterUnknown === true) {
        if (afterUnknown !== true && deepEqual(before, after))
            return;
        if (afterUnknown !== true && absentOrNull(before) && absentOrNull(after))
            return;
        out.push({ path, change: sides });
        return;
    }
    const walkable = (Array.isArray(before) || absentOrNull(before)) && (Array.isArray(after) || absentOrNull(after))
        ? 'list'
        : ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(before) || absentOrNull(before)) && ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(after) || absentOrNull(after))
            ? 'object'
            : undefined;
    // An empty object or list beside nothing is shown as itself, unless parts of it are still unknown.
    const oneSideEmpty = !(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .anySet */ .fY)(afterUnknown) &&
        ((emptyComposite(before) && absentOrNull(after)) || (emptyComposite(after) && absentOrNull(before)));
    if (walkable && (isComposite(before) || isComposite(after) || (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .anySet */ .fY)(afterUnknown)) && !oneSideEmpty) {
        const steps = [];
        if (walkable === 'list') {
            const length = Math.max(Array.isArray(before) ? before.length : 0, Array.isArray(after) ? after.length : 0, Array.isArray(afterUnknown) ? afterUnknown.length : 0);
            for (let i = 0; i < length; i++)
                steps.push(i);
        }
        else {
            const keys = new Set();
            for (const side of [before, after, afterUnknown])
                if ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(side))
                    for (const k in side)
                        keys.add(k);
            steps.push(...[...keys].sort());
        }
        for (const step of steps) {
            diffValues({
                before: childAt(before, step),
                after: childAt(after, step),
                beforeSensitive: (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .maskAt */ .qI)(beforeSensitive, step),
                afterSensitive: (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .maskAt */ .qI)(afterSensitive, step),
                afterUnknown: (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .maskAt */ .qI)(afterUnknown, step),
            }, [...path, step], out);
        }
        return;
    }
    if (deepEqual(before, after) && !(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .anySet */ .fY)(afterUnknown))
        return;
    if (absentOrNull(before) && absentOrNull(after) && !(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .anySet */ .fY)(afterUnknown))
        return;
    out.push({ path, change: sides });
}
function startsWith(path, prefix) {
    return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}
function attributeChanges(change, replacePaths) {
    const found = [];
    diffValues({
        before: change.before,
        after: change.after,
        beforeSensitive: change.before_sensitive,
        afterSensitive: change.after_sensitive,
        afterUnknown: change.after_unknown,
    }, [], found);
    return found.map(({ path, change: sides }) => {
        // A value sensitive on either side is hidden on both: a secret that stops being one is still a secret.
        const secret = sides.beforeSensitive === true || sides.afterSensitive === true;
        const before = shown(sides.before, secret ? true : sides.beforeSensitive);
        const after = shown(sides.after, secret ? true : sides.afterSensitive, sides.afterUnknown);
        return {
            path: path.length === 0 ? '(value)' : (0,_values_js__WEBPACK_IMPORTED_MODULE_1__/* .displayPath */ .G)(path),
            before,
            after,
            forcesReplacement: replacePaths.some((prefix) => startsWith(path, prefix)),
        };
    });
}
function stringsOf(value) {
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}
function classify(actions) {
    const has = (action) => actions.includes(action);
    if (has('delete') && has('create')) {
        return {
            action: 'replace',
            replaceOrder: actions[0] === 'create' ? 'create-then-delete' : 'delete-then-create',
        };
    }
    if (has('forget') && has('create'))
        return { action: 'forget-then-create' };
    for (const action of ['delete', 'create', 'update', 'forget', 'read']) {
        if (has(action))
            return { action };
    }
    return { action: 'no-op' };
}
function pathSteps(value) {
    if (!Array.isArray(value))
        return [];
    return value
        .filter((path) => Array.isArray(path))
        .map((path) => path.filter((s) => typeof s === 'string' || typeof s === 'number'));
}
function notPlanDocument(what) {
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`the plan's show -json document is not one: ${what}`);
}
const newShared = () => ({ interned: new Map(), strings: new Map() });
function intern(shared, key, make) {
    let value = shared.interned.get(key);
    if (value === undefined) {
        value = make();
        shared.interned.set(key, value);
    }
    return value;
}
function internString(shared, value) {
    const known = shared.strings.get(value);
    if (known !== undefined)
        return known;
    shared.strings.set(value, value);
    return value;
}
/**
 * One `resource_changes` (or `resource_drift`) entry. The attribute diff is computed each time it is
 * read, from the entry's JSON text when the document is streamed, or from its parsed object: a plan of
 * 50,000 changes would otherwise hold every diff in memory although a comment shows only those that fit.
 */
class Entry {
    address;
    mode;
    type;
    name;
    actions;
    replacePaths;
    replaceSteps;
    source;
    shared;
    module = undefined;
    index = undefined;
    provider = undefined;
    deposed = undefined;
    replaceOrder = undefined;
    actionReason = undefined;
    importing = undefined;
    previousAddress = undefined;
    action;
    constructor(address, mode, type, name, actions, replacePaths, replaceSteps, source, shared) {
        this.address = address;
        this.mode = mode;
        this.type = type;
        this.name = name;
        this.actions = actions;
        this.replacePaths = replacePaths;
        this.replaceSteps = replaceSteps;
        this.source = source;
        this.shared = shared;
        const { action, replaceOrder } = classify(actions);
        this.action = action;
        this.replaceOrder = replaceOrder;
    }
    get attributes() {
        const change = 'text' in this.source && typeof this.source.text === 'function'
            ? JSON.parse(this.source.text()).change
            : this.source;
        const attributes = attributeChanges(change, this.replaceSteps);
        const redactValue = this.shared.redactValue;
        if (!redactValue)
            return attributes;
        return attributes.map((a) => ({ ...a, before: redactValue(a.before), after: redactValue(a.after) }));
    }
    /** The entry as data (`summarize --format json`): its fields and its attribute diff. */
    toJSON() {
        const data = {};
        for (const key of ENTRY_FIELDS)
            if (this[key] !== undefined)
                data[key] = this[key];
        data.attributes = this.attributes;
        return data;
    }
}
const ENTRY_FIELDS = [
    'address',
    'module',
    'mode',
    'type',
    'name',
    'index',
    'provider',
    'deposed',
    'action',
    'actions',
    'replaceOrder',
    'actionReason',
    'importing',
    'previousAddress',
    'replacePaths',
];
function resourceEntry(raw, source, shared = newShared()) {
    if (!(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(raw) || typeof raw.address !== 'string' || !(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(raw.change)) {
        throw notPlanDocument('a resource change has no address or change');
    }
    const change = raw.change;
    const rawActions = stringsOf(change.actions);
    const actions = rawActions.length === 1
        ? intern(shared, rawActions[0], () => rawActions)
        : intern(shared, rawActions.join(','), () => rawActions);
    const replaceSteps = pathSteps(change.replace_paths);
    const replacePaths = replaceSteps.length === 0
        ? intern(shared, '[]', () => [])
        : intern(shared, JSON.stringify(replaceSteps), () => replaceSteps.map(_values_js__WEBPACK_IMPORTED_MODULE_1__/* .displayPath */ .G));
    const entry = new Entry(raw.address, internString(shared, typeof raw.mode === 'string' ? raw.mode : 'managed'), internString(shared, typeof raw.type === 'string' ? raw.type : ''), internString(shared, typeof raw.name === 'string' ? raw.name : ''), actions, replacePaths, replaceSteps, source ?? change, shared);
    if (typeof raw.module_address === 'string' && raw.module_address) {
        entry.module = internString(shared, raw.module_address);
    }
    if (typeof raw.index === 'string' || typeof raw.index === 'number')
        entry.index = raw.index;
    if (typeof raw.provider_name === 'string')
        entry.provider = internString(shared, raw.provider_name);
    if (typeof raw.deposed === 'string' && raw.deposed)
        entry.deposed = raw.deposed;
    if (typeof raw.action_reason === 'string' && raw.action_reason) {
        entry.actionReason = internString(shared, raw.action_reason);
    }
    if (change.importing !== undefined && change.importing !== null) {
        const id = (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(change.importing) ? change.importing.id : undefined;
        entry.importing = typeof id === 'string' ? { id } : {};
    }
    if (typeof raw.previous_address === 'string' && raw.previous_address !== raw.address) {
        entry.previousAddress = raw.previous_address;
    }
    return entry;
}
/** True unless every action is one that leaves infrastructure and state alone (as summarizePlan). */
const changesSomething = (actions) => actions.some((action) => action !== 'no-op' && action !== 'read');
function outputEntry(name, raw) {
    if (!(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(raw))
        return undefined;
    const actions = stringsOf(raw.actions);
    if (!changesSomething(actions))
        return undefined;
    const action = actions.includes('delete') && !actions.includes('create') ? 'delete' : classify(actions).action;
    // An output marked sensitive on either side is hidden on both, like attributes.
    const secret = raw.before_sensitive === true || raw.after_sensitive === true;
    return {
        name,
        action: action === 'create' || action === 'delete' ? action : 'update',
        before: shown(raw.before, secret ? true : raw.before_sensitive),
        after: shown(raw.after, secret ? true : raw.after_sensitive, raw.after_unknown),
    };
}
const CHECK_STATUSES = ['pass', 'fail', 'error', 'unknown'];
function checkEntries(raw) {
    if (!Array.isArray(raw))
        return [];
    return raw.filter(_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv).map((check) => {
        const address = (0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(check.address) ? check.address : {};
        const problems = [];
        for (const instance of Array.isArray(check.instances) ? check.instances : []) {
            if (!(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(instance) || !Array.isArray(instance.problems))
                continue;
            for (const problem of instance.problems) {
                if ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(problem) && typeof problem.message === 'string')
                    problems.push(problem.message);
            }
        }
        const status = CHECK_STATUSES.find((s) => s === check.status) ?? 'unknown';
        return {
            address: typeof address.to_display === 'string' ? address.to_display : '(unnamed check)',
            kind: typeof address.kind === 'string' ? address.kind : 'check',
            status,
            problems,
        };
    });
}
function diagnosticEntry(diagnostic) {
    const entry = {
        severity: diagnostic.severity,
        summary: diagnostic.summary,
        detail: diagnostic.detail,
    };
    const file = diagnostic.file ?? diagnostic.range?.filename;
    if (file)
        entry.location = diagnostic.range ? `${file}:${diagnostic.range.start.line}` : file;
    return entry;
}
/**
 * Builds the model entry by entry, so a reader that streams `resource_changes` never holds the whole
 * document (see plan-stream.ts); buildPlanModel feeds it from a parsed document.
 */
class PlanModelBuilder {
    model;
    secrets = new _sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .SecretCollector */ .IB();
    shared = newShared();
    constructor(head) {
        this.model = {
            formatVersion: head.formatVersion,
            ...(head.toolVersion ? { toolVersion: head.toolVersion } : {}),
            counts: {
                add: 0,
                change: 0,
                replace: 0,
                destroy: 0,
                import: 0,
                move: 0,
                forget: 0,
                read: 0,
                outputChanges: 0,
                drift: 0,
            },
            hasChanges: false,
            errored: false,
            resources: [],
            unchanged: 0,
            drift: [],
            outputs: [],
            checks: [],
            diagnostics: [],
            variables: {},
        };
    }
    /** One `resource_changes` entry, parsed; `source` is its JSON text when the document is streamed. */
    addResourceChange(raw, source) {
        const entry = resourceEntry(raw, source, this.shared);
        this.secrets.addChange(raw);
        const { counts } = this.model;
        if (entry.importing)
            counts.import += 1;
        if (entry.previousAddress)
            counts.move += 1;
        if (changesSomething(entry.actions) || entry.importing || entry.previousAddress)
            this.model.hasChanges = true;
        if (entry.action === 'replace') {
            counts.replace += 1;
        }
        else {
            // Any other combination counts each of its actions, as summarizePlan does (forget+create: a forget and an add).
            for (const action of entry.actions) {
                if (action === 'create')
                    counts.add += 1;
                else if (action === 'update')
                    counts.change += 1;
                else if (action === 'delete')
                    counts.destroy += 1;
                else if (action === 'forget')
                    counts.forget += 1;
                else if (action === 'read')
                    counts.read += 1;
            }
        }
        if (entry.action === 'no-op' && !entry.importing && !entry.previousAddress) {
            this.model.unchanged += 1;
            return;
        }
        this.model.resources.push(entry);
    }
    addDrift(raw, source) {
        const entry = resourceEntry(raw, source, this.shared);
        this.secrets.addChange(raw);
        if (entry.action === 'no-op')
            return;
        this.model.drift.push(entry);
        this.model.counts.drift += 1;
    }
    setOutputChanges(raw) {
        if (!(0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(raw))
            return;
        for (const [name, change] of Object.entries(raw)) {
            if ((0,_sensitive_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(change)) {
                this.secrets.add(change.before, change.before_sensitive);
                this.secrets.add(change.after, change.after_sensitive);
            }
            const entry = outputEntry(name, change);
            if (entry)
                this.model.outputs.push(entry);
        }
        this.model.counts.outputChanges = this.model.outputs.length;
        if (this.model.outputs.length > 0)
            this.model.hasChanges = true;
    }
    setToolVersion(version) {
        this.model.toolVersion = version;
    }
    setChecks(raw) {
        this.model.checks = checkEntries(raw);
    }
    setErrored(errored) {
        this.model.errored = errored === true;
    }
    addDiagnostics(diagnostics) {
        this.model.diagnostics.push(...diagnostics.map(diagnosticEntry));
    }
    /**
     * Root variables declared sensitive: `variables` holds their values, the configuration says which
     * are sensitive.
     */
    setVariables(values, configuration) {
        this.secrets.addVariables(values, configuration);
        if (values === null || typeof values !== 'object')
            return;
        const root = configuration
            ?.root_module?.variables;
        // Without the declarations nothing says which are sensitive: keep none.
        if (!root)
            return;
        for (const [name, entry] of Object.entries(values)) {
            if (root?.[name]?.sensitive === true || entry === null || typeof entry !== 'object')
                continue;
            this.model.variables[name] = entry.value;
        }
    }
    finish() {
        const redactValue = this.secrets.redact(this.model);
        if (redactValue)
            this.shared.redactValue = redactValue;
        return this.model;
    }
}
/** Refuses what is not a plan (a state's show -json passes the format check but plans nothing). */
function assertPlanShape(doc) {
    const planKeys = ['planned_values', 'resource_changes', 'output_changes', 'errored'];
    if (!planKeys.some((key) => key in doc) && 'values' in doc) {
        throw notPlanDocument('it describes a state (it has `values` and no `planned_values`); run show -json on a planfile');
    }
    for (const key of ['resource_changes', 'resource_drift']) {
        if (doc[key] !== undefined && doc[key] !== null && !Array.isArray(doc[key])) {
            throw notPlanDocument(`\`${key}\` is not a list`);
        }
    }
}
function buildPlanModel(doc, options = {}) {
    (0,_terraform_plan_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .assertPlanFormat */ .v)(doc);
    assertPlanShape(doc);
    const builder = new PlanModelBuilder({
        formatVersion: doc.format_version,
        ...(typeof doc.terraform_version === 'string' ? { toolVersion: doc.terraform_version } : {}),
    });
    for (const change of doc.resource_changes ?? [])
        builder.addResourceChange(change);
    for (const drift of doc.resource_drift ?? [])
        builder.addDrift(drift);
    builder.setOutputChanges(doc.output_changes);
    builder.setChecks(doc.checks);
    builder.setErrored(doc.errored);
    builder.setVariables(doc.variables, doc.configuration);
    builder.addDiagnostics(options.diagnostics ?? []);
    return builder.finish();
}
/** The addresses a reviewer must see before approving: every delete and replace, in plan order. */
function destructiveResources(model) {
    // Renderers ask several times while they fit a plan into its limit; the list is made once per model.
    let found = destructiveCache.get(model.resources);
    if (!found) {
        found = model.resources.filter((entry) => entry.action === 'delete' || entry.action === 'replace');
        destructiveCache.set(model.resources, found);
    }
    return found;
}
const destructiveCache = new WeakMap();


/***/ }),

/***/ 40251:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   IB: () => (/* binding */ SecretCollector),
/* harmony export */   fY: () => (/* binding */ anySet),
/* harmony export */   qI: () => (/* binding */ maskAt)
/* harmony export */ });
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(81989);

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The part of a mask (`*_sensitive`, `after_unknown`) under one step: a `true` covers everything below it. */
function maskAt(mask, step) {
    if (mask === true)
        return true;
    if (Array.isArray(mask))
        return typeof step === 'number' ? mask[step] : undefined;
    if (isObject(mask))
        return typeof step === 'string' ? mask[step] : undefined;
    return undefined;
}
/** True when anything at or under this mask is set. */
function anySet(mask) {
    if (mask === true)
        return true;
    if (Array.isArray(mask))
        return mask.some(anySet);
    if (isObject(mask))
        return Object.values(mask).some(anySet);
    return false;
}
/**
 * Sensitive strings, gathered from every place the document marks one, so they can also be redacted
 * where the document forgot the mark: tofu 1.12 keeps `terraform_data.output` unmarked in the state
 * even when it copies a sensitive `input`, and prints the old value in its own plan. Shorter strings
 * are not collected: redacting every "on" or "80" would hide more than it protects.
 */
const MIN_SECRET_LENGTH = 4;
function collectSecrets(value, sensitive, into) {
    if (value === null || value === undefined || !anySet(sensitive))
        return;
    if (sensitive === true) {
        if (typeof value === 'string') {
            if (value.length >= MIN_SECRET_LENGTH)
                into.add(value);
        }
        else if (Array.isArray(value)) {
            for (const item of value)
                collectSecrets(item, true, into);
        }
        else if (isObject(value)) {
            for (const key in value)
                collectSecrets(value[key], true, into);
        }
        return;
    }
    if (Array.isArray(value))
        value.forEach((item, i) => collectSecrets(item, maskAt(sensitive, i), into));
    else if (isObject(value))
        for (const key in value)
            collectSecrets(value[key], maskAt(sensitive, key), into);
}
/** Every form a secret takes in text, longest first, as one global pattern. */
function secretPattern(secrets) {
    // Values are shown as JSON literals, so a secret inside one appears JSON-escaped.
    const forms = new Set();
    for (const secret of secrets) {
        // The quoted literal first (longest first below), so a whole string shows as (sensitive), unquoted.
        forms.add((0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .displayLiteral */ .e)(secret));
        forms.add((0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .displayLiteral */ .e)(secret).slice(1, -1));
        forms.add(secret);
    }
    return new RegExp([...forms]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'), 'g');
}
/**
 * Replaces every gathered secret in the model's text (a value that is exactly one becomes sensitive),
 * and returns the same replacement for the attribute diffs, which are computed later.
 */
function redact(model, secrets) {
    if (secrets.size === 0)
        return undefined;
    const pattern = secretPattern(secrets);
    const literals = new Set([...secrets].map((secret) => (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .displayLiteral */ .e)(secret)));
    const text = (value) => value.replace(pattern, '(sensitive)');
    const value = (shownValue) => {
        if (shownValue.kind !== 'known')
            return shownValue;
        if (literals.has(shownValue.text))
            return { kind: 'sensitive' };
        pattern.lastIndex = 0;
        return pattern.test(shownValue.text) ? { kind: 'known', text: text(shownValue.text) } : shownValue;
    };
    for (const output of model.outputs) {
        output.before = value(output.before);
        output.after = value(output.after);
    }
    for (const check of model.checks)
        check.problems = check.problems.map(text);
    for (const diagnostic of model.diagnostics) {
        diagnostic.summary = text(diagnostic.summary);
        diagnostic.detail = text(diagnostic.detail);
    }
    return value;
}
/** The secrets of one plan, gathered as the builder reads it, then redacted from the finished model. */
class SecretCollector {
    secrets = new Set();
    /** The strings of a value under a sensitivity mask. */
    add(value, sensitive) {
        collectSecrets(value, sensitive, this.secrets);
    }
    /** Both sides of a `resource_changes` or `resource_drift` entry. */
    addChange(raw) {
        if (!isObject(raw) || !isObject(raw.change))
            return;
        this.add(raw.change.before, raw.change.before_sensitive);
        this.add(raw.change.after, raw.change.after_sensitive);
    }
    /**
     * Root variables declared sensitive: `variables` holds their values, the configuration says which
     * are sensitive.
     */
    addVariables(values, configuration) {
        if (!isObject(values) || !isObject(configuration))
            return;
        const rootModule = configuration.root_module;
        const declared = isObject(rootModule) && isObject(rootModule.variables) ? rootModule.variables : {};
        for (const [name, declaration] of Object.entries(declared)) {
            const variable = values[name];
            if (isObject(declaration) && declaration.sensitive === true && isObject(variable)) {
                this.add(variable.value, true);
            }
        }
    }
    /**
     * A replacement of every gathered secret in free text that quotes the plan (a policy's messages, which
     * may print any value of its input); undefined when the plan has none.
     */
    textRedactor() {
        if (this.secrets.size === 0)
            return undefined;
        const pattern = secretPattern(this.secrets);
        return (text) => text.replace(pattern, '(sensitive)');
    }
    /** Redacts the model (see `redact`); the replacement for values computed later, if there is a secret. */
    redact(model) {
        return redact(model, this.secrets);
    }
}


/***/ }),

/***/ 81989:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ displayPath),
/* harmony export */   e: () => (/* binding */ displayLiteral)
/* harmony export */ });
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26734);
/**
 * Display text for values and paths: one line, unambiguous, and free of characters that change how
 * the text around them reads (line breaks, bidirectional overrides, invisible format characters).
 */

/** A JSON literal of a primitive: strings quoted and escaped, so a value never spans lines. */
function displayLiteral(value) {
    if (typeof value === 'string')
        return (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInvisible */ .ts)(JSON.stringify(value));
    if (typeof value === 'number' || typeof value === 'boolean' || value === null)
        return String(value);
    return (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeInvisible */ .ts)(JSON.stringify(value) ?? 'null');
}
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** `input.tags["a b"][0]`: bare names where they are identifiers, quoted keys otherwise. */
function displayPath(steps) {
    let path = '';
    steps.forEach((step, i) => {
        if (typeof step === 'number')
            path += `[${step}]`;
        else if (IDENTIFIER.test(step))
            path += i === 0 ? step : `.${step}`;
        else
            path += `[${displayLiteral(step)}]`;
    });
    return path;
}


/***/ }),

/***/ 9168:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e9: () => (/* binding */ epochMs),
/* harmony export */   nV: () => (/* binding */ formatAge)
/* harmony export */ });
/* unused harmony export parseDuration */

/**
 * Durations of releases: `max-release-age` (`72h`, `30m`, `7d`) and the ages and restore times shown
 * in comments and reports. core/inputs' `duration` kind only checks the form tofu takes (`30s`, `5m`,
 * `1h`, no days) and hands the text on; a release's age wants days and a number to compare with.
 */
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 };
const DURATION = /^(\d{1,9})\s*([smhd])$/;
/** `72h` → 259200. Zero or anything else is the named input's mistake. */
function parseDuration(value, input = 'max-release-age') {
    const match = DURATION.exec(value.trim());
    const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 0) : 0;
    if (!match || seconds === 0) {
        throw new ConfigurationError(`Input "${input}" must be a duration of more than zero such as 30m, 72h or 7d; got ${JSON.stringify(value.slice(0, 40))}`);
    }
    return seconds;
}
/** An age, to the largest whole unit: `45 s`, `12 min`, `3 h`, `4 d` (hours up to two days). */
function formatAge(seconds) {
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
function epochMs(at, what) {
    const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
    if (!Number.isFinite(ms))
        throw new TypeError(`${what} is not a time: ${String(at)}`);
    return ms;
}


/***/ }),

/***/ 33995:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B6: () => (/* binding */ describeSource),
/* harmony export */   "do": () => (/* binding */ releaseName),
/* harmony export */   nW: () => (/* binding */ releaseRef)
/* harmony export */ });
/* unused harmony exports smokeTotals, checkPromotion, describeRelease, describeReleaseRef */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9168);



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
    const name = releaseName(release);
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
    return describeReleaseRef(releaseRef(release), now);
}
/** What a binding (and a later release's `source`) keeps of a release: enough to describe it. */
function releaseRef(release) {
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
    return `${releaseName(release)} (commit ${release.commit.slice(0, 12)}, ${image}, ${tests}, age ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatAge */ .nV)(ageSeconds(release, now))})`;
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
function releaseName(release) {
    const attempt = release.runAttempt > 1 ? ` (attempt ${release.runAttempt})` : '';
    return `release ${release.runId}${attempt} of ${release.environment}`;
}
function ageSeconds(release, now) {
    return ((0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .epochMs */ .e9)(now, 'now') - (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .epochMs */ .e9)(release.createdAt, 'the release time')) / 1000;
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


/***/ }),

/***/ 59960:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ summarizePlan),
/* harmony export */   v: () => (/* binding */ assertPlanFormat)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3828);

const READ_FORMAT_MAJOR = '1';
/** Refuses a document in a format this code does not read, saying which it got and which it reads. */
function assertPlanFormat(doc) {
    const version = doc?.format_version;
    if (typeof version !== 'string' || version.split('.')[0] !== READ_FORMAT_MAJOR) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`the plan's show -json document has format_version ${JSON.stringify(version ?? null)}; this release ` +
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


/***/ })

};
