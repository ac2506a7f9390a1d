export const id = 538;
export const ids = [538];
export const modules = {

/***/ 36538:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  apply: () => (/* binding */ apply),
  refuseChangedState: () => (/* binding */ refuseChangedState),
  runTfApply: () => (/* binding */ runTfApply)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var contracts_manifest = __webpack_require__(21330);
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
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
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
    await (0,promises_.mkdir)(dir, { recursive: true });
    for (const [name, bytes] of files)
        await (0,promises_.writeFile)((0,external_node_path_.join)(dir, name), bytes, { flag: 'wx' });
    return [...files.keys()];
}
async function decrypt(buffer, key) {
    if (!isEncrypted(buffer) || buffer.length < HEADER_BYTES + TAG_BYTES)
        throw new errors/* ConfigurationError */.j1(DECRYPT_FAILED);
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
        throw new errors/* ConfigurationError */.j1(DECRYPT_FAILED);
    const salt = header.subarray(MAGIC.length + 4, MAGIC.length + 4 + SALT_BYTES);
    const iv = header.subarray(MAGIC.length + 4 + SALT_BYTES);
    const decipher = (0,external_node_crypto_.createDecipheriv)('aes-256-gcm', await deriveKey(key, salt, log2N, r, p), iv, {
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
        throw new errors/* ConfigurationError */.j1(DECRYPT_FAILED);
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
    const malformed = (why) => new errors/* ConfigurationError */.j1(`the decrypted plan bundle is malformed (${why}): it was not written by tf-plan`);
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
        if (!(0,contracts_manifest/* isSafeFileName */.Dh)(name))
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

;// CONCATENATED MODULE: ./lib/artifacts/plan-bundle.js






/**
 * Downloads a plan bundle into `scratch` and, when it is sealed, opens it. Returns the directory that
 * holds its files; verifying them is the caller's (contracts/bundle.ts).
 */
async function fetchPlanBundle(store, name, scratch, options) {
    const downloaded = (0,external_node_path_.join)(scratch, 'download');
    await store.download(name, downloaded, options.from);
    const sealed = (0,external_node_path_.join)(downloaded, ENCRYPTED_BUNDLE_FILE);
    if (!(0,external_node_fs_.existsSync)(sealed)) {
        if (options.encryptionKey && !options.acceptClear) {
            throw new errors/* ConfigurationError */.j1(`The plan bundle ${name} is not encrypted, but encryption-key is set: tf-plan must be given the same encryption-key, or remove it here.`);
        }
        return downloaded;
    }
    if (!options.encryptionKey) {
        throw new errors/* ConfigurationError */.j1(`The plan bundle ${name} is encrypted: give ${options.reader} the encryption-key tf-plan used.`);
    }
    const opened = (0,external_node_path_.join)(scratch, 'bundle');
    await (0,promises_.mkdir)(opened, { recursive: true });
    await decryptToDirectory(await (0,promises_.readFile)(sealed), options.encryptionKey, opened);
    // The clear manifest is what the approval gate read; it must be the sealed one, byte for byte.
    const clear = (0,external_node_path_.join)(downloaded, contracts_manifest/* MANIFEST_FILE */.h1);
    if ((0,external_node_fs_.existsSync)(clear) && !(await (0,promises_.readFile)(clear)).equals(await (0,promises_.readFile)((0,external_node_path_.join)(opened, contracts_manifest/* MANIFEST_FILE */.h1)))) {
        throw new errors/* ConfigurationError */.j1(`The plan bundle ${name} was altered: its readable manifest.json differs from the encrypted one. Plan again.`);
    }
    return opened;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
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
    const hash = (0,external_node_crypto_.createHash)('sha256');
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
function digest_canonicalFindings(findings) {
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
        failures: digest_canonicalFindings(policy.failures),
        warnings: digest_canonicalFindings(policy.warnings),
        passed: policy.passed,
    };
}
/** The sha256 of a file, lowercase hex, read as a stream (planfiles can be large). */
async function digest_sha256File(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The first 12 hex digits of a digest, with its `sha256:` prefix, for messages. */
function digest_shortDigest(digest) {
    const hex = digest.replace(/^sha256:/, '');
    return `sha256:${hex.slice(0, 12)}`;
}

// EXTERNAL MODULE: ./lib/core/zod-issues.js
var zod_issues = __webpack_require__(54735);
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
function escape_oneLine(text) {
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
    const content = escape_oneLine(text);
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
function escape_cellText(text) {
    return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}
/** Text inside an HTML block (such as a `<summary>` line): HTML-escaped, on one line. */
function escape_htmlText(text) {
    return escape_oneLine(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
/**
 * Code inside a GFM table cell. A pipe splits the cell even inside a code span, and whether a
 * backslash before it escapes it depends on the backslashes before that, so no span is used: a
 * `<code>` element with every ASCII punctuation character as a numeric reference, which neither the
 * table nor Markdown reads as syntax.
 */
function escape_cellCode(text) {
    const content = escape_oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<code>${content}</code>`;
}
/**
 * Code in a GFM table cell where a code span reads as one: a span when the text has no pipe (the only
 * character that splits a cell inside a span), else `cellCode`, since no escaping of a pipe inside a
 * span shows every text as itself.
 */
function escape_cellSpan(text) {
    return text.includes('|') ? escape_cellCode(text) : escape_codeSpan(text);
}
/**
 * Text as a heading (or any running text outside code): no markup, no HTML, and no @mention (a word
 * joiner after each `@`), since headings are made of repository, workflow and stack names.
 */
function escape_headingText(text) {
    return escape_oneLine(text)
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
        .map((line) => escape_oneLine(line))
        .join('\n');
}
/** Shortens text to at most `max` characters, saying how much was left out. */
function escape_truncate(text, max) {
    if (text.length <= max)
        return text;
    // Never cut a surrogate pair in half: a lone surrogate is not valid text for the API.
    const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
    return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

;// CONCATENATED MODULE: ./lib/approval/policy-rule.js



/** Findings in the fixed order of the plan digest (canonicalFindings), as findings. */
function inCanonicalOrder(findings) {
    return digest_canonicalFindings(findings).map((finding) => contracts_manifest/* policyFindingSchema */.T.parse(finding));
}
/** The rule when the plan's policies failed in enforce mode; none for any other plan. */
function policyRuleFor(manifest, owners) {
    const policy = manifest?.policy;
    if (!policy || policy.mode !== 'enforce' || policy.passed)
        return undefined;
    return { namespace: policy.namespace, failures: inCanonicalOrder(policy.failures), owners };
}
/** The record's `policy`: the result the gate saw, and the acceptances that count, if any. */
function recordPolicy(manifest, acceptances) {
    const policy = manifest?.policy;
    if (!policy)
        return undefined;
    const failures = inCanonicalOrder(policy.failures);
    const accepts = policy.mode === 'enforce' && !policy.passed && acceptances.length > 0;
    return {
        mode: policy.mode,
        namespace: policy.namespace,
        passed: policy.passed,
        failures,
        ...(accepts ? { accepted: { by: [...acceptances], failures } } : {}),
    };
}
/** `rule` on `address`, for one-line messages. */
function findingText(finding) {
    return finding.address ? `${finding.rule} on ${finding.address}` : finding.rule;
}
/** The failures in a sentence: the first few by rule and address, and how many more. */
function failuresInBrief(failures, shown = 5) {
    const named = failures.slice(0, shown).map(findingText).join(', ');
    const more = failures.length - shown;
    return more > 0 ? `${named} and ${more} more` : named;
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Who may accept, in a sentence: the owners, or that nobody is listed. */
function ownersText(owners) {
    return owners.length > 0
        ? `someone in policy-owners (${owners.join(', ')}) who is not the pull request's author nor the pusher of the planned commit`
        : 'nobody: policy-owners is empty';
}
/** The one sentence an environment gate fails with when no reviewer who approved could accept the failures. */
function noAcceptingReviewerMessage(environment, stack, reviewers, rule) {
    const failed = `The policies of the plan of ${stack} failed (${plural(rule.failures.length, 'failure')}: ${failuresInBrief(rule.failures)})`;
    const who = reviewers.length > 0
        ? `no reviewer who approved ${environment} may accept them (${reviewers.map((r) => `${r.login} ${r.why}`).join('; ')})`
        : `${environment} has no required reviewers, so nobody accepted them (allow-unprotected does not accept policy failures)`;
    const fix = rule.owners.length > 0
        ? `have one of ${rule.owners.join(', ')} approve the environment, or change the plan so that its policies pass`
        : 'list who may accept them in policy-owners, or change the plan so that its policies pass';
    return `${failed}, and ${who}: ${fix}.`;
}
/** Above this many characters the list of failures in the status comment stops: the plan comment lists every one. */
const FAILURES_BUDGET = 24_000;
function findingLines(findings) {
    const lines = [];
    let used = 0;
    for (const [index, finding] of findings.entries()) {
        const address = finding.address ? ` ${codeSpan(finding.address)}` : '';
        const line = `- ${codeSpan(finding.rule)}${address}: ${codeSpan(finding.message)}`;
        used += line.length + 1;
        if (used > FAILURES_BUDGET) {
            lines.push(`- … and ${findings.length - index} more, not shown here to keep this comment within GitHub's size limit: the plan comment and the plan bundle list every one.`);
            break;
        }
        lines.push(line);
    }
    return lines;
}
/** The lines the status comment and the job summary show about the plan's policy check. */
function policyLines(manifest, record, report) {
    if (!manifest) {
        // Only said where policies are in use: a gate given policy owners.
        return report.owners.length > 0
            ? [
                '> [!NOTE]',
                '> **Policy result unknown:** the plan bundle was not read, so this decision accepts no policy failures; if its policies failed, tf-apply refuses it.',
                '',
            ]
            : [];
    }
    const policy = manifest.policy;
    if (!policy)
        return [];
    const where = `namespace ${codeSpan(policy.namespace)}, ${plural(policy.evaluated, 'rule')} evaluated`;
    const warnings = policy.warnings.length > 0 ? `, ${plural(policy.warnings.length, 'warning')}` : '';
    if (policy.passed)
        return [`**Policy:** :white_check_mark: passed (${where}${warnings}).`, ''];
    const failures = findingLines(inCanonicalOrder(policy.failures));
    const count = plural(policy.failures.length, 'failure');
    if (policy.mode === 'warn') {
        return [
            '> [!NOTE]',
            `> **Policy failed, not blocking:** ${count} (${where}); the plan was made with ${codeSpan('policy-mode: warn')}, so they are shown and need no acceptance.`,
            '',
            ...failures,
            '',
        ];
    }
    if (record?.accepted) {
        const by = record.accepted.by
            .map((a) => `@${a.login}${a.commentUrl ? ` ([comment](${a.commentUrl}))` : ` (${a.via})`}`)
            .join(', ');
        return [
            '> [!WARNING]',
            `> **Policy failed, failures accepted** by ${by}: ${count} (${where}).`,
            '',
            ...failures,
            '',
        ];
    }
    const how = report.owners.length === 0
        ? 'Nobody can accept them here, since policy-owners is empty: change the plan so that its policies pass.'
        : report.via === 'environment'
            ? `An approval of the environment accepts them only from ${ownersText(report.owners)}.`
            : `An ${codeSpan('/approve')} does not accept them: ${ownersText(report.owners)} must also comment exactly ${codeSpan(`/approve-policy ${report.digest12}`)}.`;
    return ['> [!CAUTION]', `> **Policy failed:** ${count} (${where}). ${how}`, '', ...failures, ''];
}

;// CONCATENATED MODULE: ./lib/approval/record-check.js








/**
 * tf-apply's `require-approval`: the approval gate's record in this run must approve exactly the digest
 * about to be applied. A matrix of gates cannot hand each apply leg its own `plan-digest` output (a
 * matrix job keeps one leg's outputs), so the record artifact, one per stack, is what binds them.
 */
async function requireApprovalRecord(artifacts, options) {
    const name = artifactName(options.artifactPrefix, 'approval', options.stack);
    try {
        await artifacts.download(name, options.directory);
    }
    catch (error) {
        if (!(error instanceof errors/* ConfigurationError */.j1))
            throw error;
        throw new errors/* ConfigurationError */.j1(`require-approval is on and this run has no approval record "${name}": run approval-gate for stack ${options.stack} in a job this one needs, with the same artifact-prefix.`);
    }
    let value;
    try {
        value = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(options.directory, APPROVAL_RECORD_FILE), 'utf8'));
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`The approval record artifact "${name}" has no readable ${APPROVAL_RECORD_FILE}.`);
    }
    const parsed = approvalRecordSchema.safeParse(value);
    if (!parsed.success) {
        throw new errors/* ConfigurationError */.j1(`The approval record in "${name}" is not an iac/approval@1 record: ${(0,zod_issues/* describeIssue */.n)(parsed.error.issues[0])}.`);
    }
    const record = parsed.data;
    const nothing = 'Nothing was applied.';
    if (record.stack !== options.stack) {
        throw new errors/* ConfigurationError */.j1(`The approval record in "${name}" is for stack ${record.stack}, not ${options.stack}. ${nothing}`);
    }
    if (record.planDigest !== options.planDigest) {
        throw new errors/* ConfigurationError */.j1(`The approval gate decided on plan ${digest_shortDigest(record.planDigest)}, but this bundle is plan ${digest_shortDigest(options.planDigest)}. ${nothing} Approve the plan that is to be applied.`);
    }
    if (record.status === 'rejected') {
        const by = record.rejects.map((vote) => vote.login).join(', ');
        throw new errors/* ConfigurationError */.j1(`Plan ${digest_shortDigest(record.planDigest)} was rejected${by ? ` by ${by}` : ''}. ${nothing}`);
    }
    if (record.status !== 'approved') {
        throw new errors/* ConfigurationError */.j1(`Plan ${digest_shortDigest(record.planDigest)} is not approved: the approval gate's decision is pending (${record.approvers.length} of ${record.minApprovals} approvals). ${nothing} Apply it once it is approved.`);
    }
    return record;
}
/**
 * tf-apply's policy check: a plan whose policies failed in enforce mode is applied only when the approval
 * record it checked accepts exactly its failures, compared in canonicalFindings order; a difference either
 * way is refused, naming it. Without a record (require-approval off) such a plan is refused too: no input
 * turns the check off. A warn-mode result was chosen at plan time and is inside the digest; it is applied,
 * with a warning that says so.
 */
function refuseUnacceptedPolicyFailures(manifest, record, logger) {
    const policy = manifest.policy;
    if (!policy || policy.passed)
        return;
    const plan = digest_shortDigest(manifest.planDigest);
    const failed = `${policy.failures.length} policy failure(s) (${failuresInBrief(inCanonicalOrder(policy.failures))})`;
    if (policy.mode === 'warn') {
        logger.warning(`Plan ${plan} has ${failed}, applied all the same: it was made with policy-mode: warn, which shows failures and does not block.`, { title: 'Policy failures not enforced' });
        return;
    }
    const nothing = 'Nothing was applied.';
    const accept = `a policy owner accepts them at the approval gate (approval-gate's policy-owners; /approve-policy ${manifest.planDigest.slice(7, 19)} on the pull request)`;
    if (!record) {
        throw new errors/* ConfigurationError */.j1(`Plan ${plan} has ${failed} in enforce mode, and is applied only when an approval record accepts exactly those failures: set require-approval: true, with approval-gate for this stack in a job this one needs, where ${accept}. ${nothing}`);
    }
    const accepted = record.policy?.accepted;
    if (!accepted) {
        throw new errors/* ConfigurationError */.j1(`Plan ${plan} has ${failed} in enforce mode, and the approval record (decided by ${record.decidedBy} in run ${record.runId}) accepts none of them: ${accept}, then run the gate again. ${nothing}`);
    }
    const { missing, extra } = findingsDifference(policy.failures, accepted.failures);
    if (missing.length > 0 || extra.length > 0) {
        const parts = [
            ...(missing.length > 0 ? [`not accepted: ${failuresInBrief(missing)}`] : []),
            ...(extra.length > 0 ? [`accepted but not in the plan: ${failuresInBrief(extra)}`] : []),
        ];
        throw new errors/* ConfigurationError */.j1(`The approval record accepts other policy failures than plan ${plan} has (${parts.join('; ')}). ${nothing} Have a policy owner accept the failures of the plan that is to be applied.`);
    }
    const by = accepted.by.map((a) => a.login).join(', ');
    logger.warning(`Plan ${plan} has ${failed}, accepted by ${by}.`, {
        title: 'Policy failures accepted',
    });
}
/** The findings of `planned` that `accepted` lacks, and those it has beyond them, counting repeats. */
function findingsDifference(planned, accepted) {
    const key = (finding) => JSON.stringify(digest_canonicalFindings([finding])[0]);
    const left = new Map();
    for (const finding of accepted)
        left.set(key(finding), (left.get(key(finding)) ?? 0) + 1);
    const missing = [];
    for (const finding of inCanonicalOrder(planned)) {
        const k = key(finding);
        const n = left.get(k) ?? 0;
        if (n > 0)
            left.set(k, n - 1);
        else
            missing.push(finding);
    }
    const extra = inCanonicalOrder(accepted).filter((finding) => {
        const k = key(finding);
        const n = left.get(k) ?? 0;
        if (n === 0)
            return false;
        left.set(k, n - 1);
        return true;
    });
    return { missing, extra };
}

;// CONCATENATED MODULE: ./lib/contracts/bundle.js





/** Copies the files into `dir` (created; must be empty), writes manifest.json and returns it. */
async function writePlanBundle(dir, input) {
    await mkdir(dir, { recursive: true });
    const existing = await readdir(dir);
    if (existing.length > 0)
        throw new Error(`the plan bundle directory ${dir} is not empty`);
    const files = {};
    for (const [name, source] of Object.entries(input.files)) {
        if (!isSafeFileName(name) || name === MANIFEST_FILE) {
            throw new Error(`cannot bundle a file named ${JSON.stringify(name)}`);
        }
        await copyFile(source, join(dir, name));
        files[name] = await sha256File(join(dir, name));
    }
    if (!(PLAN_FILE in files))
        throw new Error(`a plan bundle needs ${PLAN_FILE}`);
    const { files: _sources, createdAt, ...fields } = input;
    const manifest = validatePlanManifest({
        schema: PLAN_SCHEMA,
        ...fields,
        createdAt: createdAt ?? new Date().toISOString(),
        files,
        planDigest: await digestOf(dir, { ...fields, files }),
    });
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
}
/** Recomputes the plan digest from the bundled planfile and lock file and the manifest's fields. */
async function digestOf(dir, manifest) {
    return planDigest({
        planfile: await (0,promises_.readFile)((0,external_node_path_.join)(dir, contracts_manifest/* PLAN_FILE */.VI)),
        lockFile: contracts_manifest/* LOCK_FILE */.FI in manifest.files ? await (0,promises_.readFile)((0,external_node_path_.join)(dir, contracts_manifest/* LOCK_FILE */.FI)) : undefined,
        stack: manifest.stack,
        workingDirectory: manifest.workingDirectory,
        workspace: manifest.workspace,
        toolName: manifest.tool.name,
        toolMajor: (0,contracts_manifest/* toolMajor */.yw)(manifest.tool.version),
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
        : `the plan bundle has no ${name}, which ${contracts_manifest/* MANIFEST_FILE */.h1} lists: the artifact is incomplete or was altered after tf-plan wrote it; ${AGAIN}`;
};
const extraFile = ({ manifest, files }) => {
    const name = [...files].find((present) => !(present in manifest.files));
    return name === undefined
        ? undefined
        : `the plan bundle holds ${name}, which ${contracts_manifest/* MANIFEST_FILE */.h1} does not list: the artifact was altered after tf-plan wrote it; ${AGAIN}`;
};
const changedFile = ({ manifest, sha256 }) => {
    const name = Object.keys(manifest.files).find((listed) => sha256[listed] !== manifest.files[listed]);
    if (name === undefined)
        return undefined;
    const [actual, recorded] = [sha256[name] ?? '', manifest.files[name] ?? ''];
    return (`the plan bundle's ${name} is not the file tf-plan wrote: its sha256 is ${actual.slice(0, 12)}…, ` +
        `${contracts_manifest/* MANIFEST_FILE */.h1} records ${recorded.slice(0, 12)}…; the artifact was altered; ${AGAIN}`);
};
const changedDigest = ({ manifest, digest }) => digest === undefined || digest === manifest.planDigest
    ? undefined
    : `the plan digest recomputed from the bundle (${digest_shortDigest(digest)}…) differs from the one in ${contracts_manifest/* MANIFEST_FILE */.h1} ` +
        `(${digest_shortDigest(manifest.planDigest)}…): ${contracts_manifest/* MANIFEST_FILE */.h1} was edited after tf-plan wrote it; ${AGAIN}`;
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
    const [madeMajor, runsMajor] = [(0,contracts_manifest/* toolMajor */.yw)(made.version), (0,contracts_manifest/* toolMajor */.yw)(runs.version)];
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
        : `the plan bundle's digest is ${digest_shortDigest(manifest.planDigest)}…, but expected-plan-digest is ` +
            `${digest_shortDigest(approved)}…: this is not the plan that was approved. A new plan needs a new approval: ` +
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
            throw new errors/* ConfigurationError */.j1(problem);
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
    for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
        if (entry.name === contracts_manifest/* MANIFEST_FILE */.h1)
            continue;
        if (entry.isFile())
            files.add(entry.name);
        else
            others.push(entry.name);
    }
    const bundle = { manifest, files, others, sha256: {} };
    for (const name of Object.keys(manifest.files)) {
        if (files.has(name))
            bundle.sha256[name] = await digest_sha256File((0,external_node_path_.join)(dir, name));
    }
    refuseFirst(INTEGRITY.map((check) => () => check(bundle)));
    bundle.digest = await digestOf(dir, manifest);
    refuseFirst([() => changedDigest(bundle)]);
    return bundle;
}
async function readBundleManifest(dir, reader) {
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.join)(dir, contracts_manifest/* MANIFEST_FILE */.h1), 'utf8');
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
        throw new errors/* ConfigurationError */.j1(`the plan bundle has no ${contracts_manifest/* MANIFEST_FILE */.h1}: it is not a bundle written by tf-plan; check plan-artifact`);
    }
    return (0,contracts_manifest/* readPlanManifest */.fE)(text, reader);
}

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
const release_isoTime = iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const sha256Hex = schemas/* string */.YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
const digest = schemas/* string */.YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' });
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
    planDigest: digest,
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
    templateHash: digest,
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
    stateAt: release_isoTime.optional(),
});
/** From the failed release's status to this release's success: the time to restore. */
const timeToRestoreSchema = schemas/* object */.Ikc({
    seconds: count,
    failedAt: release_isoTime,
    restoredAt: release_isoTime,
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
    createdAt: release_isoTime,
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
function promotion_smokeTotals(release) {
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
    const smoke = promotion_smokeTotals(release);
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
    const smoke = promotion_smokeTotals(release);
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
    return `${promotion_releaseName(release)} (commit ${release.commit.slice(0, 12)}, ${image}, ${tests}, age ${formatAge(ageSeconds(release, now))})`;
}
/**
 * The sentence comments, summaries and reports open with for a plan or release that deploys another
 * again: `Promotes release 1234 of staging (…)`, `Rollback of prod to release 1200 (…)`.
 */
function promotion_describeSource(source, now) {
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
    return (epochMs(now, 'now') - epochMs(release.createdAt, 'the release time')) / 1000;
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
        headline: `${release_capitalize(name)}: ${release.outcome}${why}`,
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
function release_capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./lib/report/policy.js


const finding = schemas/* object */.Ikc({ rule: schemas/* string */.YjP(), message: schemas/* string */.YjP(), address: schemas/* string */.YjP().optional() });
/**
 * The parts of the approval record's `policy` the report shows, read leniently: the record's reader
 * has checked it against its contract, and a record from a version without the field has none.
 */
const policy_recordPolicy = schemas/* object */.Ikc({
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
    const parsed = policy_recordPolicy.safeParse(record.policy);
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
    const name = promotion_releaseName(release);
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
        throw new errors/* ConfigurationError */.j1(`Refusing to apply this ${what} of ${promotion_releaseName(release)}: ${refusals.join(' ')} Nothing was applied; plan the ${what} again.`);
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

// EXTERNAL MODULE: ./lib/terraform/backend.js
var terraform_backend = __webpack_require__(44532);
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
            .map(([name, value]) => `| ${name} | ${escape_cellCode(value ?? '')} |`),
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
        await (0,terraform_backend/* refuseCredentialFiles */.dJ)(options.backendConfig ?? [], this.where.cwd);
        const streamed = { streamStdout: true, readsConfiguration: true };
        if (this.known) {
            await this.run(['init', '-input=false', supportsInitJson(this.known) ? '-json' : '-no-color', ...rest], streamed);
        }
        else {
            this.known = await this.initLearningVersion(rest, streamed);
        }
        // The tool's own data directory: TF_DATA_DIR when the step sets it, as the tool itself reads it.
        return (0,terraform_backend/* initializedBackend */.Vb)(this.where.cwd, this.options.env?.TF_DATA_DIR ?? process.env.TF_DATA_DIR);
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

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./lib/terraform/inventory.js


const EXPECTED = 'a map of group → list of host names, a map of group → map of host → variables, ' +
    'a map of group → { hosts, vars }, or a list of { name, host, groups, vars }';
/** A shape problem, described by position and type only: the values may be secret, so never quoted. */
class ShapeError extends Error {
}
function toAnsibleInventory(value, outputName = 'ansible_inventory') {
    try {
        if (Array.isArray(value))
            return fromHostList(value);
        if (isPlainObject(value))
            return fromGroupMap(value);
        throw new ShapeError(`it is ${kindOf(value)}`);
    }
    catch (error) {
        if (!(error instanceof ShapeError))
            throw error;
        throw new errors/* ConfigurationError */.j1(`the output "${outputName}" is not an inventory: ${error.message}. Expected ${EXPECTED}.`);
    }
}
/**
 * The inventory as YAML for `ansible-inventory -i`. Written as YAML 1.1 because Ansible reads it with
 * PyYAML: a string such as "yes", "on" or "0777" must be quoted or Ansible sees a boolean or a number.
 * No anchors: a host in several groups gets its variables written out in each.
 */
function renderInventory(inventory) {
    return (0,dist/* stringify */.As)(inventory, { version: '1.1', aliasDuplicateObjects: false });
}
function fromGroupMap(groups) {
    const inventory = { all: { children: {} } };
    for (const [name, hosts] of Object.entries(groups)) {
        const group = toGroup(name, hosts);
        if (name === 'all') {
            inventory.all.hosts = group.hosts;
            if (group.vars)
                inventory.all.vars = group.vars;
        }
        else {
            inventory.all.children[name] = group;
        }
    }
    return inventory;
}
function toGroup(name, value) {
    if (Array.isArray(value))
        return { hosts: hostNames(value, `group "${name}"`) };
    if (!isPlainObject(value))
        throw new ShapeError(`group "${name}" is ${kindOf(value)}`);
    if (isGroupObject(value)) {
        const hosts = Array.isArray(value.hosts)
            ? hostNames(value.hosts, `group "${name}" hosts`)
            : hostMap(value.hosts, `group "${name}" hosts`);
        if (value.vars === undefined || value.vars === null)
            return { hosts };
        return { hosts, vars: varsOf(value.vars, `group "${name}" vars`) };
    }
    return { hosts: hostMap(value, `group "${name}"`) };
}
/** { hosts, vars } rather than a map of hosts: `hosts` and nothing else but `vars`. */
function isGroupObject(value) {
    const keys = Object.keys(value);
    return keys.includes('hosts') && keys.every((key) => key === 'hosts' || key === 'vars');
}
function hostNames(list, where) {
    const hosts = {};
    list.forEach((host, index) => {
        if (typeof host !== 'string' || host === '') {
            throw new ShapeError(`${where}[${index}] is ${kindOf(host)}, not a host name`);
        }
        hosts[host] = {};
    });
    return hosts;
}
function hostMap(value, where) {
    if (!isPlainObject(value))
        throw new ShapeError(`${where} is ${kindOf(value)}`);
    const hosts = {};
    for (const [host, vars] of Object.entries(value)) {
        hosts[host] = vars === null ? {} : varsOf(vars, `${where} host "${host}"`);
    }
    return hosts;
}
const HOST_KEYS = new Set(['name', 'host', 'groups', 'vars']);
function fromHostList(list) {
    const inventory = { all: { children: {} } };
    const seen = new Set();
    list.forEach((entry, index) => {
        const host = toHost(entry, `item ${index}`);
        if (seen.has(host.name))
            throw new ShapeError(`item ${index} names host "${host.name}" a second time`);
        seen.add(host.name);
        if (host.groups.length === 0) {
            inventory.all.hosts ??= {};
            inventory.all.hosts[host.name] = host.vars;
        }
        for (const group of host.groups) {
            inventory.all.children[group] ??= { hosts: {} };
            inventory.all.children[group].hosts[host.name] = host.vars;
        }
    });
    return inventory;
}
function toHost(entry, where) {
    if (!isPlainObject(entry))
        throw new ShapeError(`${where} is ${kindOf(entry)}`);
    // An unknown key is most likely a typo ("group" for "groups") that would silently drop the host.
    const unknown = Object.keys(entry).filter((key) => !HOST_KEYS.has(key));
    if (unknown.length > 0)
        throw new ShapeError(`${where} has unknown key(s) ${unknown.join(', ')}`);
    const { name, host, groups, vars } = entry;
    if (typeof name !== 'string' || name === '')
        throw new ShapeError(`${where} has no name`);
    if (host !== undefined && host !== null && typeof host !== 'string') {
        throw new ShapeError(`${where} host is ${kindOf(host)}, not an address`);
    }
    const hostVars = vars === undefined || vars === null ? {} : varsOf(vars, `${where} vars`);
    return {
        name,
        groups: groupNames(groups, `${where} groups`),
        // `host` is the dedicated field, so it wins over an ansible_host in vars.
        vars: typeof host === 'string' ? { ...hostVars, ansible_host: host } : hostVars,
    };
}
function groupNames(value, where) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value) || value.some((group) => typeof group !== 'string' || group === '')) {
        throw new ShapeError(`${where} is not a list of group names`);
    }
    return value;
}
function varsOf(value, where) {
    if (!isPlainObject(value))
        throw new ShapeError(`${where} is ${kindOf(value)}, not a map of variables`);
    return value;
}
function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function kindOf(value) {
    if (value === null || value === undefined)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    return typeof value === 'object' ? 'a map' : `a ${typeof value}`;
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
        for (const form of outputs_secretForms(output.value))
            secrets.add(form);
    }
    // Longest first, so that redacting a value never leaves part of a longer one that contains it.
    return { values, nonSensitive, secrets: [...secrets].sort((a, b) => b.length - a.length) };
}
/** The forms of every string inside a sensitive value that must be masked and redacted. */
function outputs_secretForms(value) {
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

;// CONCATENATED MODULE: ./lib/terraform/state.js
/** What the state looked like when the plan was made: tf-apply refuses a plan made before the first apply. */
function priorStateOf(state) {
    if (!state)
        return { exists: false };
    const serial = typeof state.serial === 'number' ? state.serial : undefined;
    const lineage = typeof state.lineage === 'string' ? state.lineage : undefined;
    return { exists: true, ...(serial !== undefined ? { serial } : {}), ...(lineage ? { lineage } : {}) };
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
        const { createGitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(913), __webpack_require__.e(530), __webpack_require__.e(757)]).then(__webpack_require__.bind(__webpack_require__, 61757));
        return createGitHubClient(token, logger, { apiUrl: run.apiUrl });
    })());
}

;// CONCATENATED MODULE: ./lib/terraform/configuration.js




/** The root module's declarations: every `*.tf` and `*.tf.json` file of the directory (not its modules). */
async function configuration_readDeclarations(directory, shown = directory) {
    let names;
    try {
        names = await readdir(directory);
    }
    catch {
        throw new ConfigurationError(`The configuration directory ${shown} does not exist in this checkout.`);
    }
    const declarations = { outputs: new Map(), variables: new Map() };
    for (const name of names.filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).sort()) {
        const text = await readFile(join(directory, name), 'utf8');
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

;// CONCATENATED MODULE: ./lib/terraform/stack-state.js






async function stack_state_readStackState(location, deps) {
    const dataDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(deps.scratch, `iac-state-${location.stack}-`));
    const lockFile = (0,external_node_path_.join)(location.directory, contracts_manifest/* LOCK_FILE */.FI);
    const hadLockFile = (0,external_node_fs_.existsSync)(lockFile);
    const cli = new TerraformCli({
        tool: deps.tool,
        exec: deps.exec,
        logger: deps.logger,
        cwd: location.directory,
        relativeDir: (0,contracts_manifest/* toWorkspacePath */.CR)(deps.workspace, location.directory),
        env: { TF_DATA_DIR: dataDir },
    });
    try {
        const backend = await deps.logger.group(`${deps.tool.name} init (state of ${location.stack})`, () => cli.init({ backendConfig: location.backendConfig, lockfileReadonly: hadLockFile }));
        if (backend)
            (0,terraform_backend/* refuseBackendCredentials */.jE)(backend);
        const pulled = await cli.statePull(location.workspace !== 'default' ? { workspace: location.workspace } : {});
        return {
            stack: location.stack,
            backend: (0,terraform_backend/* backendRecord */.Cj)(backend),
            ...(pulled ? { state: appliedState(pulled) } : {}),
        };
    }
    finally {
        // init writes a lock file beside a configuration that has none: not ours to leave in the checkout.
        if (!hadLockFile)
            await (0,promises_.rm)(lockFile, { force: true });
        await (0,promises_.rm)(dataDir, { recursive: true, force: true });
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
        throw new ConfigurationError(`Input "vars" sets ${twice.variable}, which stack ${receiving.stack} receives from ${twice.stack}'s output ${twice.output} (stack-inputs): give it one way only.`);
    }
    const upstreams = uniqueStacks(sources);
    const { own, declared } = await declaredInputs(sources, receiving, deps.workspace);
    const states = new Map((await Promise.all(upstreams.map((s) => readStackState(stack_inputs_locationOf(s, deps), deps)))).map((state) => [
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
        readDeclarations(receiving.directory, toWorkspacePath(workspace, receiving.directory)),
        ...upstreams.map((s) => readDeclarations(join(workspace, s.directory), s.directory)),
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
        throw new errors/* ConfigurationError */.j1(`The plan of ${manifest.stack} is provisional: it was made before ${listOf(pending)} ${pending.length === 1 ? 'was' : 'were'} applied, so ${listOf(inputs)} had no value yet. ` +
            `Apply ${listOf(pending)}, then plan ${manifest.stack} again. Nothing was applied.`);
    }
    if (records.length === 0)
        return;
    const byVariable = new Map(sources.map((s) => [s.variable, s]));
    const missing = records.filter((r) => !byVariable.has(r.variable));
    if (missing.length > 0) {
        throw new errors/* ConfigurationError */.j1(`Input "stack-inputs" must name where ${listOf(missing.map((r) => r.variable))} come${missing.length === 1 ? 's' : ''} from: the plan received ${missing.length === 1 ? 'it' : 'them'} from ${listOf([...new Set(missing.map((r) => r.stack))])}, and tf-apply reads their state again before applying. Give tf-apply the stack-inputs tf-plan had. Nothing was applied.`);
    }
    for (const record of records) {
        const source = byVariable.get(record.variable);
        if (source.stack !== record.stack ||
            source.output !== record.output ||
            source.directory !== record.workingDirectory ||
            (source.workspace ?? 'default') !== record.workspace) {
            throw new errors/* ConfigurationError */.j1(`Input "stack-inputs" gives ${record.variable} from ${source.stack}.${source.output} (${source.directory}), but the plan received it from ${record.stack}.${record.output} (${record.workingDirectory}): give tf-apply the stack-inputs tf-plan had. Nothing was applied.`);
        }
    }
    const upstreams = uniqueStacks(records.map((r) => byVariable.get(r.variable)));
    const states = new Map((await Promise.all(upstreams.map((s) => stack_state_readStackState(stack_inputs_locationOf(s, deps), deps)))).map((state) => [
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
            throw new errors/* ConfigurationError */.j1(`${record.stack}'s ${record.output} changed since this plan: plan again. ${manifest.stack}'s ${record.variable} was planned with the value ${record.stack} had applied then (${was}), and applying it would use a value nobody approved. Nothing was applied.`);
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
        throw new ConfigurationError(`Stack ${receiving.stack}'s input ${source.variable} reads ${source.stack}'s output ${source.output}, but ${receiving.stack}'s configuration declares no variable ${source.variable}: declare it, or fix the stack's inputs. Nothing was planned.`);
    }
    if (!theirs.outputs.has(source.output)) {
        const offered = [...theirs.outputs.keys()];
        throw new ConfigurationError(`Stack ${receiving.stack}'s input ${source.variable} reads output ${source.output} of stack ${source.stack}, which ${source.stack}'s configuration (${source.directory}) does not declare${offered.length > 0 ? ` (it declares ${offered.join(', ')})` : ' (it declares no output)'}. Nothing was planned.`);
    }
}
function refuseExposedSecret(source, receiving, own) {
    if (!own.variables.get(source.variable)?.sensitive) {
        throw new ConfigurationError(`${source.stack}'s output ${source.output} is sensitive, but ${receiving.stack}'s variable ${source.variable} is not: declare it with \`sensitive = true\`, so that the plan never shows the value. Nothing was planned.`);
    }
    if (!receiving.sealed) {
        throw new ConfigurationError(`${source.stack}'s output ${source.output} is sensitive, and the plan bundle of ${receiving.stack} would carry it in the clear (the planfile holds every variable's value): give encryption-key to seal the bundle. Nothing was planned.`);
    }
}
function refuseOtherUpstreamBackend(record, now) {
    const fields = ['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix'];
    if (fields.every((field) => (record.backend[field] ?? '') === (now[field] ?? '')))
        return;
    throw new errors/* ConfigurationError */.j1(`The plan read ${record.variable} from ${record.stack}'s state in ${(0,terraform_backend/* describeBackend */.cf)(record.backend)}, but stack-inputs now point at ${(0,terraform_backend/* describeBackend */.cf)(now)}: give tf-apply the stack-inputs tf-plan had. Nothing was applied.`);
}
function uniqueStacks(sources) {
    const byStack = new Map();
    for (const source of sources)
        if (!byStack.has(source.stack))
            byStack.set(source.stack, source);
    return [...byStack.values()];
}
function stack_inputs_locationOf(source, deps) {
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

// EXTERNAL MODULE: ./lib/audit/log.js + 6 modules
var log = __webpack_require__(94615);
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
    const dir = (0,external_node_path_.join)(options.scratch, 'outputs');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const outputsPath = (0,external_node_path_.join)(dir, 'outputs.json');
    const files = {
        [outputsPath]: '{}\n',
        [(0,external_node_path_.join)(dir, DESTROYED_FILE)]: `${JSON.stringify(record, null, 2)}\n`,
        [(0,external_node_path_.join)(dir, contracts_manifest/* MANIFEST_FILE */.h1)]: `${JSON.stringify(options.manifest, null, 2)}\n`,
    };
    for (const [path, text] of Object.entries(files))
        await (0,promises_.writeFile)(path, text);
    const artifact = artifactName(options.artifactPrefix, 'outputs', options.stack);
    await deps.artifacts.upload(artifact, Object.keys(files), dir);
    deps.logger.info(`Uploaded ${artifact}: ${options.stack} is destroyed, with no outputs.`);
    const deactivated = options.environment && deps.deployments
        ? await deactivateStack(await deps.deployments(), {
            environment: options.environment,
            stack: options.stack,
            deploymentId: options.deploymentId,
            description: `${options.stack} destroyed by plan ${digest_shortDigest(options.manifest.planDigest)}`,
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
                ? `Deployments of ${escape_codeSpan(record.stack)} in ${escape_codeSpan(summary.environment)} set inactive: ${summary.deactivated.length}.`
                : `No deployment of ${escape_codeSpan(record.stack)} in ${escape_codeSpan(summary.environment)} was active.`,
        ]
        : [];
    return [
        `## Destroyed ${escape_codeSpan(record.stack)} (workspace ${escape_codeSpan(manifest.workspace)})`,
        '',
        `Resources destroyed: ${summary.deleted}, at ${record.destroyedAt}.`,
        '',
        `Plan digest ${escape_codeSpan(record.planDigest)}, planned at commit ${escape_codeSpan(manifest.commit.slice(0, 12))}.`,
        '',
        `The outputs artifact ${escape_codeSpan(summary.artifact)} says the stack is destroyed: its outputs.json is empty, beside ${DESTROYED_FILE}.`,
        ...deployments,
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./lib/terraform/apply.js

























/**
 * The tf-apply step: applies the plan (inside a GitHub deployment when `environment` is given), then its
 * outputs and summary.
 */
async function runTfApply(inputs, deps) {
    const { logger, run } = deps;
    const environment = inputs.environment;
    const github = lazyGitHubClient(inputs.githubToken, logger, run, () => new errors/* ConfigurationError */.j1('Input "github-token" is required with environment (to create the deployment) and for the bundle of a promotion or rollback (to read its release).'));
    const startDeployment = environment
        ? async (manifest) => Deployment.start(await github(), run, {
            environment,
            description: `Apply ${manifest.stack} plan ${manifest.planDigest.slice(0, 19)}`,
            payload: { stack: manifest.stack, planDigest: manifest.planDigest },
        })
        : undefined;
    const deployments = async () => deploymentsApi(await github(), run);
    const result = await apply(inputs, {
        ...deps,
        deployments,
        ...(startDeployment ? { startDeployment } : {}),
    });
    deps.setOutputs({
        applied: true,
        outputs: result.outputs,
        'outputs-path': result.outputsPath,
        'inventory-path': result.inventoryPath,
        'plan-digest': result.manifest.planDigest,
        'deployment-id': result.deploymentId,
    });
    if (result.destroyed) {
        await deps.writeSummary(destroyedSummary(result.destroyed, result.manifest));
        return;
    }
    await deps.writeSummary([
        `## Applied ${escape_codeSpan(result.stack)} (workspace ${escape_codeSpan(result.manifest.workspace)})`,
        '',
        `Plan digest ${escape_codeSpan(result.manifest.planDigest)}, planned at commit ${escape_codeSpan(result.manifest.commit.slice(0, 12))}.`,
        ...((0,terraform_backend/* stateLocation */.vJ)(result.manifest.backend)
            ? ['', `State: ${escape_codeSpan((0,terraform_backend/* stateLocation */.vJ)(result.manifest.backend) ?? '')}.`]
            : []),
        '',
        `Resources applied: ${result.applied.length}. Outputs: ${Object.keys(result.outputs).length} published${result.inventoryPath ? ', and an Ansible inventory' : ''}.`,
        '',
    ].join('\n'));
}
/**
 * tf-apply: downloads the plan bundle, verifies every byte of it and what it was made for, and applies
 * exactly its planfile. It never plans: anything that differs from what was approved is refused.
 */
async function apply(inputs, deps) {
    const { logger, run } = deps;
    const stack = stackName(inputs.stack, inputs.workingDirectory, run.workspace, run.repo);
    // Opened before the bundle is read: a refused bundle is an apply that was asked for and did not happen.
    const event = (deps.audit ?? log.NO_AUDIT).begin('apply', {
        stack,
        environment: inputs.environment,
        planDigest: inputs.expectedPlanDigest,
    });
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, `iac-apply-${stack}-`));
    // Independent, so done together: finding the tool runs it once, the download waits on the network.
    // The two tools start first, so that they run while the artifact library compiles for the download.
    const [tool, commit, bundleDir] = await Promise.all([
        resolveTool(inputs.binary, deps.exec),
        checkedOutCommit(deps.exec, logger, {
            directory: inputs.workingDirectory,
            workspace: run.workspace,
            fallback: run.sha,
        }),
        fetchBundle(inputs, deps, stack, scratch),
    ]);
    const manifest = await verifyPlanBundle(bundleDir, {
        stack,
        workingDirectory: (0,contracts_manifest/* toWorkspacePath */.CR)(run.workspace, inputs.workingDirectory),
        workspace: inputs.workspace,
        commit,
        requireSameCommit: inputs.requireSameCommit,
        tool: { name: tool.name, version: tool.version },
        expectedDigest: inputs.expectedPlanDigest,
    });
    logger.info(`Verified the plan bundle: digest ${manifest.planDigest}, planned at ${manifest.commit.slice(0, 12)}`);
    event.update({ action: manifest.destroy ? 'destroy' : 'apply', planDigest: manifest.planDigest });
    const inputsDeps = { tool, exec: deps.exec, logger, workspace: run.workspace, scratch: run.runnerTemp };
    // A provisional plan is refused before anything else is asked of it: no approval makes it applicable.
    if (manifest.provisional)
        await recheckStackInputs(manifest, inputs.stackInputs, inputsDeps);
    let record;
    if (inputs.requireApproval) {
        record = await requireApprovalRecord(deps.artifacts, {
            artifactPrefix: inputs.artifactPrefix,
            stack,
            planDigest: manifest.planDigest,
            directory: (0,external_node_path_.join)(scratch, 'approval'),
        });
        logger.info(`Approved by ${record.decidedBy} (${record.mode} gate) in run ${record.runId}.`);
        if (manifest.source)
            logger.info(`The approval names ${promotion_releaseName(manifest.source)}.`);
    }
    // Failed policies (enforce) are applied only when the checked record accepts exactly their failures.
    refuseUnacceptedPolicyFailures(manifest, record, logger);
    if (!inputs.requireApproval && !inputs.expectedPlanDigest) {
        logger.warning('No expected-plan-digest was given and require-approval is off: the bundle is applied as planned, but no approval is checked.', {
            title: 'Unapproved apply',
        });
    }
    if (manifest.source) {
        if (!deps.deployments)
            throw new Error('a bound bundle needs the deployments API');
        const planJson = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(bundleDir, contracts_manifest/* PLAN_JSON_FILE */.uU), 'utf8'));
        await refuseUnboundApply(manifest, planJson, await deps.deployments());
        logger.info(`The bundle is ${promotion_releaseName(manifest.source)}'s commit and image, as its deployment records them.`);
    }
    // Before this stack's init, which may share the directory of an upstream whose state is read.
    if (manifest.inputs)
        await recheckStackInputs(manifest, inputs.stackInputs, inputsDeps);
    const cli = new TerraformCli({
        tool,
        exec: deps.exec,
        logger,
        cwd: inputs.workingDirectory,
        relativeDir: manifest.workingDirectory,
    });
    // The providers are the ones the plan was made with: the bundled lock file, read-only.
    if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(bundleDir, contracts_manifest/* LOCK_FILE */.FI))) {
        await (0,promises_.copyFile)((0,external_node_path_.join)(bundleDir, contracts_manifest/* LOCK_FILE */.FI), (0,external_node_path_.join)(inputs.workingDirectory, contracts_manifest/* LOCK_FILE */.FI));
    }
    const backend = await logger.group(`${tool.name} init`, () => cli.init({
        backendConfig: inputs.backendConfig,
        lockfileReadonly: (0,external_node_fs_.existsSync)((0,external_node_path_.join)(bundleDir, contracts_manifest/* LOCK_FILE */.FI)),
    }));
    (0,terraform_backend/* refuseOtherBackend */.fS)(manifest.backend, (0,terraform_backend/* backendRecord */.Cj)(backend));
    if (manifest.workspace !== 'default')
        await cli.selectWorkspace(manifest.workspace);
    refuseChangedState(manifest, priorStateOf(await cli.statePull()));
    const deployment = deps.startDeployment ? await deps.startDeployment(manifest) : undefined;
    let applyResult;
    try {
        applyResult = await logger.group(`${tool.name} apply`, () => cli.apply((0,external_node_path_.join)(bundleDir, contracts_manifest/* PLAN_FILE */.VI), {
            ...(inputs.lockTimeout ? { lockTimeout: inputs.lockTimeout } : {}),
        }));
    }
    catch (error) {
        await deployment?.finish('failure', `Apply of ${digest_shortDigest(manifest.planDigest)} failed`);
        const applied = isTerraformFailure(error) ? error.applied.length : 0;
        event.finish('failure', `The tool failed after applying ${applied} resource change(s).`);
        throw await applyFailure(error, inputs, deps, stack, scratch);
    }
    await deployment?.finish('success', `Applied ${digest_shortDigest(manifest.planDigest)}`);
    event.finish('success', `${applyResult.applied.length} resource change(s) applied${record ? `, approved (${record.decidedBy})` : ''}${deployment ? ` in deployment ${deployment.id}` : ''}.`);
    // A destroyed stack has no outputs to publish: its outputs artifact says it is destroyed instead.
    if (manifest.destroy) {
        const destroyed = await recordDestroyed({
            stack,
            manifest,
            artifactPrefix: inputs.artifactPrefix,
            environment: inputs.environment,
            deploymentId: deployment?.id,
            applied: applyResult.applied,
            scratch,
        }, deps);
        const deploymentId = deployment ? { deploymentId: deployment.id } : {};
        return { stack, manifest, applied: applyResult.applied.slice(), ...destroyed, ...deploymentId };
    }
    // The apply already reported every output but the sensitive values; only exposing those needs another
    // run of the tool, which is a tenth of a second that most applies can skip.
    const outputs = applyResult.outputs && !inputs.exposeSensitive ? applyResult.outputs : await cli.output();
    const published = await publishOutputs(outputs, inputs, deps, stack, scratch, manifest);
    const applied = applyResult.applied.slice();
    return { stack, manifest, applied, ...published, ...(deployment ? { deploymentId: deployment.id } : {}) };
}
/** Downloads the bundle named by the inputs and, when it is sealed, opens it. */
async function fetchBundle(inputs, deps, stack, scratch) {
    const name = inputs.planArtifact ?? artifactName(inputs.artifactPrefix, 'plan', stack);
    const from = inputs.runId
        ? {
            runId: inputs.runId,
            owner: deps.run.owner,
            repo: deps.run.repo,
            token: requireToken(inputs.githubToken),
        }
        : undefined;
    return fetchPlanBundle(deps.artifacts, name, scratch, {
        encryptionKey: inputs.encryptionKey,
        from,
        reader: 'tf-apply',
    });
}
function requireToken(token) {
    if (!token)
        throw new errors/* ConfigurationError */.j1('Input "github-token" is required with run-id, to download the bundle of another run.');
    return token;
}
/**
 * Refuses a plan whose state has moved on. Terraform catches a stale plan itself, except when the plan
 * was made with no state at all (hashicorp/terraform#24078): then a second apply would run on top of
 * the first. This check covers both and explains them the same way, before anything is applied.
 */
function refuseChangedState(manifest, now) {
    const then = manifest.priorState;
    const again = 'Nothing was applied. Plan again, and get the new plan approved.';
    if (!then.exists && now.exists) {
        throw new errors/* ConfigurationError */.j1(`The plan was made when the stack had no state, but state exists now (serial ${now.serial ?? '?'}): another apply ran after this plan was made. Applying it would create everything a second time on top of what exists. ${again}`);
    }
    if (then.exists && !now.exists) {
        throw new errors/* ConfigurationError */.j1(`The plan was made against existing state, but the stack has no state now. ${again}`);
    }
    if (then.exists && now.exists && (then.lineage !== now.lineage || then.serial !== now.serial)) {
        throw new errors/* ConfigurationError */.j1(`Saved plan is stale: the state changed since the plan was made (serial ${then.serial ?? '?'} then, ${now.serial ?? '?'} now${then.lineage !== now.lineage ? ', and its lineage differs' : ''}), so another apply ran in between. ${again}`);
    }
}
/** After a failed apply: keeps errored.tfstate as an artifact and says what had been applied. */
async function applyFailure(error, inputs, deps, stack, scratch) {
    // Refused before anything ran (a stale plan, a lock held elsewhere): their own message says it all.
    if (!isTerraformFailure(error) ||
        error instanceof errors/* ConfigurationError */.j1 ||
        error instanceof StateLockedError) {
        return error;
    }
    const notes = [];
    const errored = (0,external_node_path_.join)(inputs.workingDirectory, 'errored.tfstate');
    if ((0,external_node_fs_.existsSync)(errored)) {
        const name = artifactName(inputs.artifactPrefix, 'errored-state', stack);
        const dir = (0,external_node_path_.join)(scratch, 'errored');
        await (0,promises_.mkdir)(dir, { recursive: true });
        // The state holds every value in the clear: sealed with the encryption key when there is one.
        if (inputs.encryptionKey) {
            const sealedDir = (0,external_node_path_.join)(scratch, 'errored-sealed');
            await (0,promises_.mkdir)(sealedDir, { recursive: true });
            await (0,promises_.copyFile)(errored, (0,external_node_path_.join)(dir, 'errored.tfstate'));
            await (0,promises_.writeFile)((0,external_node_path_.join)(sealedDir, ENCRYPTED_BUNDLE_FILE), await encryptDirectory(dir, inputs.encryptionKey));
            await deps.artifacts.upload(name, [(0,external_node_path_.join)(sealedDir, ENCRYPTED_BUNDLE_FILE)], sealedDir);
        }
        else {
            await deps.artifacts.upload(name, [errored], inputs.workingDirectory);
        }
        notes.push(`The tool wrote errored.tfstate; it is uploaded as ${name}: push it with \`state push\` before planning again.`);
    }
    const applied = error.applied.length > 0 ? error.applied.join(', ') : 'nothing';
    return new errors/* StepFailure */.pH(`The apply failed: ${error.message} Applied before the failure: ${applied}. ${notes.join(' ')}`.trim());
}
/** Writes outputs.json (sensitive values redacted and masked) and the Ansible inventory, and uploads both. */
async function publishOutputs(output, inputs, deps, stack, scratch, manifest) {
    const redacted = redactOutputs(output, { exposeSensitive: inputs.exposeSensitive });
    // Masked before anything is written or printed, so no later line can show them.
    for (const secret of redacted.secrets)
        deps.logger.mask(secret);
    const outputsDir = (0,external_node_path_.join)(scratch, 'outputs');
    await (0,promises_.mkdir)(outputsDir, { recursive: true });
    const outputsPath = (0,external_node_path_.join)(outputsDir, 'outputs.json');
    await (0,promises_.writeFile)(outputsPath, `${JSON.stringify(redacted.values, null, 2)}\n`);
    // The manifest of the plan applied, in the clear (it holds no value): what the release records.
    const manifestPath = (0,external_node_path_.join)(outputsDir, contracts_manifest/* MANIFEST_FILE */.h1);
    await (0,promises_.writeFile)(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await deps.artifacts.upload(artifactName(inputs.artifactPrefix, 'outputs', stack), [outputsPath, manifestPath], outputsDir);
    const inventoryOutput = output[inputs.inventoryOutput];
    if (!inventoryOutput) {
        deps.logger.info(`No output named ${inputs.inventoryOutput}: no inventory to publish.`);
        return { outputs: redacted.nonSensitive, outputsPath };
    }
    if (inventoryOutput.sensitive && !inputs.exposeSensitive) {
        deps.logger.warning(`The output ${inputs.inventoryOutput} is sensitive, so no inventory was published: set expose-sensitive: true to publish it.`);
        return { outputs: redacted.nonSensitive, outputsPath };
    }
    const inventoryDir = (0,external_node_path_.join)(scratch, 'inventory');
    await (0,promises_.mkdir)(inventoryDir, { recursive: true });
    const inventoryPath = (0,external_node_path_.join)(inventoryDir, 'inventory.yml');
    await (0,promises_.writeFile)(inventoryPath, renderInventory(toAnsibleInventory(inventoryOutput.value, inputs.inventoryOutput)));
    await deps.artifacts.upload(artifactName(inputs.artifactPrefix, 'inventory', stack), [inventoryPath], inventoryDir);
    return { outputs: redacted.nonSensitive, outputsPath, inventoryPath };
}


/***/ })

};
