export const id = 458;
export const ids = [458];
export const modules = {

/***/ 65458:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSmokeTest: () => (/* binding */ runSmokeTest),
  smokeTest: () => (/* binding */ smokeTest)
});

// EXTERNAL MODULE: external "node:dns/promises"
var promises_ = __webpack_require__(71553);
// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: ./lib/core/paths.js
var paths = __webpack_require__(64539);
;// CONCATENATED MODULE: ./lib/ansible/connection.js




/**
 * Creates the secrets directory; the caller records it for the post step before writing into it.
 * `prefix` names the action whose secrets it holds (smoke-test reuses this for its SSH key).
 */
async function createSecretsDir(runnerTemp, prefix = 'iac-ansible-secrets-') {
    const dir = await (0,external_node_fs_promises_.mkdtemp)((0,external_node_path_.join)(runnerTemp, prefix));
    await (0,external_node_fs_promises_.chmod)(dir, 0o700);
    return dir;
}
async function writeSecretFiles(dir, values) {
    const files = { dir };
    if (values.privateKey) {
        files.privateKey = (0,external_node_path_.join)(dir, 'id_ssh');
        await writeSecret(files.privateKey, normalizePrivateKey(values.privateKey));
    }
    if (values.vaultPassword) {
        // Not executable: Ansible runs an executable vault password file as a script.
        files.vaultPassword = (0,external_node_path_.join)(dir, 'vault-password');
        await writeSecret(files.vaultPassword, `${values.vaultPassword}\n`);
    }
    if (values.extraVars) {
        // JSON is YAML, which `-e @file` reads; a file keeps the values off the command line.
        files.extraVars = (0,external_node_path_.join)(dir, 'extra-vars.json');
        await writeSecret(files.extraVars, JSON.stringify(values.extraVars));
    }
    return files;
}
async function writeSecret(path, content) {
    await (0,external_node_fs_promises_.writeFile)(path, content, { mode: 0o600, flag: 'wx' });
    // The umask could only have narrowed it, but a pre-existing mode must not widen it.
    await (0,external_node_fs_promises_.chmod)(path, 0o600);
}
/**
 * OpenSSH refuses a key without its final newline ("invalid format"), and a secret pasted on Windows
 * has CRLFs; the input arrives trimmed. A path or a public key is refused before ssh gets to say so
 * less clearly.
 */
function normalizePrivateKey(key) {
    const text = key.replace(/\r\n?/g, '\n').trim();
    if (!/^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\n[\s\S]+\n-----END [A-Z0-9 ]*PRIVATE KEY-----$/.test(text)) {
        throw new errors/* ConfigurationError */.j1('Input "private-key" must be the text of an SSH private key, from "-----BEGIN ... PRIVATE KEY-----" ' +
            'to its END line (a path or a public key is not accepted).');
    }
    return `${text}\n`;
}
/**
 * The `known-hosts` input: a file in the workspace, or the known_hosts lines themselves
 * ("host key-type key"). Either way a copy in the run's scratch directory is what ssh reads, so the
 * path handed to ssh has no characters its option parser would split.
 */
/** Whether the `known-hosts` input holds the lines themselves: several, or one of three or more fields. */
function isKnownHostsContent(value) {
    return value.includes('\n') || value.trim().split(/\s+/).length >= 3;
}
/** A one-line value is a path unless it is a known_hosts line (three or more fields); a path obeys the workspace rule. */
function knownHostsPath(given) {
    try {
        return findConfinedPath(given, 'file');
    }
    catch (error) {
        if (!(error instanceof PathRefusal))
            throw error;
        if (isKnownHostsContent(given))
            return undefined;
        throw refusedInput('known-hosts', given, error);
    }
}
async function knownHostsFile(given, scratch) {
    const target = join(scratch, 'known_hosts');
    const trimmed = given.trim();
    const path = trimmed.includes('\n') ? undefined : knownHostsPath(trimmed);
    if (path) {
        await copyFile(path, target);
        return target;
    }
    const lines = trimmed.split(/\r?\n/).map((line) => line.trim());
    const entries = lines.filter((line) => line !== '' && !line.startsWith('#'));
    if (entries.length === 0 || !entries.every((line) => line.split(/\s+/).length >= 3)) {
        throw new ConfigurationError('Input "known-hosts" must be a known_hosts file in the workspace, or its lines ("host key-type key", ' +
            `such as "[10.0.0.5]:22 ssh-ed25519 AAAA...")${trimmed.includes('\n') ? '' : `; no file ${quoteValue(trimmed)}`}.`);
    }
    await writeFile(target, `${lines.join('\n')}\n`);
    return target;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./lib/ansible/inventory-content.js
var inventory_content = __webpack_require__(61144);
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
        const found = (await (0,external_node_fs_promises_.readdir)(dir)).join(', ') || 'nothing';
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
    await (0,external_node_fs_promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, isYaml ? 'inventory.yml' : 'inventory.ini');
    await (0,external_node_fs_promises_.writeFile)(file, `${content}\n`);
    return { kind: 'inline', argument: file, description: `inline ${isYaml ? 'YAML' : 'INI'} inventory` };
}
function workspacePath(path, workspace) {
    const inside = (0,external_node_path_.relative)(workspace, path);
    return inside && !inside.startsWith('..') ? inside.split('\\').join('/') : path;
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
async function sha256File(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The first 12 hex digits of a digest, with its `sha256:` prefix, for messages. */
function shortDigest(digest) {
    const hex = digest.replace(/^sha256:/, '');
    return `sha256:${hex.slice(0, 12)}`;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
;// CONCATENATED MODULE: ./lib/contracts/smoke-categories.js
/**
 * smoke-test's categories: the results' `category` (contracts/smoke.ts) and the only names release's
 * quality-categories can demand. A module of its own, so that the release action's input layer can check
 * the names without loading the smoke results' contract.
 */
const SMOKE_CATEGORY_NAMES = ['connectivity', 'service', 'security', 'functionality'];
/** The same names, as plain strings to look a user's name up in. */
const SMOKE_CATEGORIES = (/* unused pure expression or super */ null && (SMOKE_CATEGORY_NAMES));

// EXTERNAL MODULE: ./lib/contracts/manifest.js
var contracts_manifest = __webpack_require__(21330);
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
const count = schemas/* number */.aig().int().nonnegative();
const isoTime = iso/* datetime */.w$({ offset: true });
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
    attempts: count,
    durationSeconds: schemas/* number */.aig().nonnegative(),
    /** The check's line in the checks file. */
    line: schemas/* number */.aig().int().positive(),
});
const tally = schemas/* object */.Ikc({ passed: count, failed: count, total: count });
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
    startedAt: isoTime,
    createdAt: isoTime,
    durationSeconds: schemas/* number */.aig().nonnegative(),
    settings: schemas/* object */.Ikc({
        concurrency: schemas/* number */.aig().int().positive(),
        retries: count,
        retryDelaySeconds: schemas/* number */.aig().nonnegative(),
        deadlineSeconds: schemas/* number */.aig().positive(),
        failOn: schemas/* enum */.k5n(['any', 'threshold']),
        threshold: schemas/* number */.aig().min(0).max(100).optional(),
    }),
    /** Passed, failed (not-run included) and total, overall and by category. */
    totals: tally,
    byCategory: schemas/* record */.g1P(schemas/* string */.YjP(), tally),
    /** The most checks that ran at one moment. */
    maxInFlight: count,
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
    createdAt: isoTime,
    /** File name → sha256 hex of each file beside manifest.json. */
    files: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/)),
});
const readSmokeResults = (0,contracts_manifest/* contractReader */.Yt)(smokeResultsSchema, 'report', SMOKE_RESULTS_FILE);
const readSmokeManifest = (0,contracts_manifest/* contractReader */.Yt)(smokeManifestSchema, 'report');
/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
const validateSmokeDocument = contracts_manifest/* validateForWrite */.Lb;


// EXTERNAL MODULE: ./lib/core/secret-files.js
var secret_files = __webpack_require__(77565);
// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(42463);
;// CONCATENATED MODULE: ./lib/smoke/checks-schema.js
/**
 * The JSON Schema of the smoke-test checks file, published as schemas/smoke-checks.schema.json (a unit
 * test keeps the two equal) so that editors can validate a checks file as it is written. Draft-07, which
 * ajv reads without plugins and which editors' YAML language servers know. Each kind is a branch chosen
 * by its `kind` (ajv's discriminator), so an error names the field of that kind, not "matches no branch".
 */
const CATEGORIES = ['connectivity', 'service', 'security', 'functionality'];
const CHECK_KINDS = ['tcp', 'http', 'ssh-command', 'command', 'dns', 'tls-cert'];

const port = { type: 'integer', minimum: 1, maximum: 65535 };
const regex = { type: 'string', minLength: 1, format: 'regex' };
const checks_schema_text = { type: 'string', minLength: 1 };
/** The fields every check has, whatever its kind. */
const common = {
    name: { ...checks_schema_text, description: 'Unique name of the check, as test reporters show it.' },
    category: { enum: [...CATEGORIES], description: 'Which kind of smoke test this is.' },
    tags: { type: 'array', items: checks_schema_text, uniqueItems: true, description: 'Free labels, shown in the results.' },
    description: { type: 'string' },
    retries: {
        type: 'integer',
        minimum: 0,
        maximum: 100,
        description: 'Tries after the first for this check; the `retries` input when absent.',
    },
    'timeout-seconds': {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 3600,
        description: 'How long one try may take (default 10).',
    },
};
/** Where a check points: one host (a name of the inventory, or an address), or every host of a group. */
const target = {
    host: { ...checks_schema_text, description: 'An inventory host name, or an address or DNS name.' },
    group: { ...checks_schema_text, description: 'Every host of this inventory group (`all` for every host).' },
};
const tlsOptions = {
    'tls-verify': {
        type: 'boolean',
        description: 'Verify the certificate chain and name (default true).',
    },
    'ca-file': { ...checks_schema_text, description: 'PEM file of CA certificates to trust, relative to the workspace.' },
    'server-name': { ...checks_schema_text, description: 'The TLS server name (SNI) to ask for; the host when absent.' },
};
const kinds = {
    tcp: {
        description: 'The port accepts a TCP connection.',
        properties: {
            ...target,
            port: { ...port, description: "Default: the inventory host's ansible_port (its SSH port), else 22." },
        },
        required: [],
    },
    http: {
        description: "An HTTP(S) request answers with the expected status, body and headers. With host or group, `{host}` in the URL is each host's address.",
        properties: {
            ...target,
            url: { ...checks_schema_text, pattern: '^https?://' },
            method: { enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] },
            status: {
                oneOf: [
                    { type: 'integer', minimum: 100, maximum: 599 },
                    { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 }, minItems: 1 },
                ],
                description: 'Expected status code(s); default 200.',
            },
            body: { ...regex, description: 'A regular expression the body must match.' },
            headers: {
                type: 'object',
                additionalProperties: regex,
                description: 'Response header name → regular expression its value must match.',
            },
            ...tlsOptions,
        },
        required: ['url'],
    },
    'ssh-command': {
        description: 'A command run over SSH exits with the expected code and prints the expected output.',
        properties: {
            ...target,
            command: { ...checks_schema_text, description: "Run by the remote user's shell." },
            'exit-code': { type: 'integer', minimum: 0, maximum: 255 },
            output: {
                ...regex,
                description: 'A regular expression the standard output (without its final newline) must match.',
            },
            user: { ...checks_schema_text, description: "The SSH user; the inventory's ansible_user when absent." },
            port: { ...port, description: "The SSH port; the inventory's ansible_port, else 22." },
        },
        required: ['command'],
    },
    command: {
        description: 'A local command (an argument list, no shell) exits with the expected code and output.',
        properties: {
            command: { type: 'array', items: { type: 'string' }, minItems: 1 },
            'exit-code': { type: 'integer', minimum: 0, maximum: 255 },
            output: {
                ...regex,
                description: 'A regular expression the standard output (without its final newline) must match.',
            },
        },
        required: ['command'],
    },
    dns: {
        description: 'A name resolves, to the expected addresses when given.',
        properties: {
            ...target,
            addresses: { type: 'array', items: checks_schema_text, minItems: 1, uniqueItems: true },
        },
        required: [],
    },
    'tls-cert': {
        description: 'The TLS certificate served on host:port (or the URL) is valid for at least min-days more days.',
        properties: {
            ...target,
            url: { ...checks_schema_text, pattern: '^https://' },
            port: { ...port, description: 'Default 443.' },
            'min-days': { type: 'integer', minimum: 0, maximum: 3650, description: 'Default 14.' },
            ...tlsOptions,
        },
        required: [],
    },
};
const smokeChecksSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'iac-pipeline smoke-test checks',
    type: 'object',
    additionalProperties: false,
    required: ['checks'],
    properties: {
        ssh: {
            type: 'object',
            additionalProperties: false,
            description: 'How ssh-command checks connect.',
            properties: {
                user: {
                    ...checks_schema_text,
                    description: 'Default SSH user when neither the check nor the inventory names one.',
                },
                'known-hosts': {
                    ...checks_schema_text,
                    description: 'known_hosts file (relative to the workspace) to check host keys against; without it, keys are accepted on first use in a per-run file.',
                },
            },
        },
        checks: {
            type: 'array',
            minItems: 1,
            items: {
                type: 'object',
                required: ['name', 'kind', 'category'],
                discriminator: { propertyName: 'kind' },
                oneOf: CHECK_KINDS.map((kind) => ({
                    description: kinds[kind].description,
                    type: 'object',
                    additionalProperties: false,
                    required: kinds[kind].required,
                    properties: { kind: { const: kind }, ...common, ...kinds[kind].properties },
                })),
            },
        },
    },
};

;// CONCATENATED MODULE: ./lib/smoke/checks.js






/** Reads and validates the checks file; any problem is one ConfigurationError naming the file and line. */
async function readChecksFile(absolutePath, workspace) {
    const inside = (0,external_node_path_.relative)(workspace, absolutePath);
    const path = inside && !inside.startsWith('..') ? inside.split('\\').join('/') : absolutePath;
    return parseChecks(await (0,external_node_fs_promises_.readFile)(absolutePath, 'utf8'), path);
}
function parseChecks(text, path) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, uniqueKeys: true });
    const fail = (line, message) => {
        throw new errors/* ConfigurationError */.j1(`The checks file ${path}${line ? `, line ${line}` : ''}: ${message}.`);
    };
    const yamlError = doc.errors[0];
    if (yamlError) {
        const what = yamlError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
        fail(yamlError.linePos?.[0]?.line, `is not valid YAML: ${what}`);
    }
    const value = doc.toJS();
    const lineOf = (node) => node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        fail(lineOf(doc.contents), 'must be a mapping with a "checks" list (see schemas/smoke-checks.schema.json)');
    }
    const validate = validator();
    if (!validate(value)) {
        const error = mostUseful(validate.errors ?? []);
        const { line, message } = describe(error, doc, value, lineOf);
        fail(line, message);
    }
    const raw = value;
    const checks = raw.checks.map((check, index) => toSpec(check, lineOf(doc.getIn(['checks', index], true)) ?? 1));
    const seen = new Map();
    for (const check of checks) {
        const first = seen.get(check.name);
        if (first !== undefined)
            fail(check.line, `the name "${check.name}" is given to another check too (line ${first}); names must be unique`);
        seen.set(check.name, check.line);
        const problem = targetProblem(check);
        if (problem)
            fail(check.line, `check "${check.name}" (${check.kind}): ${problem}`);
    }
    return {
        path,
        ssh: {
            ...(raw.ssh?.user ? { user: raw.ssh.user } : {}),
            ...(raw.ssh?.['known-hosts'] ? { knownHosts: raw.ssh['known-hosts'] } : {}),
        },
        checks,
    };
}
/** What the schema cannot say: which target fields a kind needs, and in which combinations. */
function targetProblem(check) {
    if (check.kind === 'command')
        return undefined;
    const both = check.host !== undefined && check.group !== undefined;
    if (both)
        return 'gives both host and group: give one';
    const neither = check.host === undefined && check.group === undefined;
    if (check.kind === 'http') {
        if (!neither && !check.url.includes('{host}'))
            return 'targets a host or group, so its url needs "{host}" where each host\'s address goes';
        if (neither && check.url.includes('{host}'))
            return 'has "{host}" in its url: give host or group to fill it';
        return undefined;
    }
    if (check.kind === 'tls-cert') {
        if (check.url !== undefined && !neither)
            return 'gives url and a host or group: give one';
        if (check.url === undefined && neither)
            return 'needs a url, a host or a group';
        return undefined;
    }
    return neither ? 'needs a host or a group' : undefined;
}
let compiled;
function validator() {
    if (compiled)
        return compiled;
    const ajv = new dist_ajv.Ajv({ discriminator: true, allErrors: false, strict: true, strictRequired: false });
    ajv.addFormat('regex', {
        type: 'string',
        validate: (text) => {
            try {
                new RegExp(text);
                return true;
            }
            catch {
                return false;
            }
        },
    });
    compiled = ajv.compile(smokeChecksSchema);
    return compiled;
}
/** Ajv reports the innermost problem first; a oneOf summary only when nothing more precise was found. */
function mostUseful(errors) {
    return errors.find((e) => e.keyword !== 'oneOf') ?? errors[0];
}
function describe(error, doc, value, lineOf) {
    const path = error.instancePath
        .split('/')
        .slice(1)
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const node = doc.getIn(path, true);
    let line = lineOf(node) ?? lineOf(doc.contents);
    let where = placeOf(path, value);
    let message;
    const params = error.params;
    switch (error.keyword) {
        case 'required':
            message = `needs "${String(params.missingProperty)}"`;
            break;
        case 'additionalProperties': {
            const name = String(params.additionalProperty);
            if ((0,dist/* isMap */.jh)(node)) {
                const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && item.key.value === name);
                line = lineOf(pair?.key) ?? line;
            }
            message = `has an unknown field "${name}"${hint(path, name)}`;
            break;
        }
        case 'discriminator':
            message =
                params.error === 'mapping'
                    ? `"kind" must be one of: ${CHECK_KINDS.join(', ')}`
                    : `"kind" must be one of: ${CHECK_KINDS.join(', ')}`;
            if ((0,dist/* isMap */.jh)(node)) {
                const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && item.key.value === 'kind');
                line = lineOf(pair?.value) ?? line;
            }
            break;
        case 'enum':
            message = `must be one of: ${(params.allowedValues ?? []).join(', ')}`;
            break;
        case 'const':
            message = `must be ${JSON.stringify(params.allowedValue)}`;
            break;
        case 'format':
            message =
                params.format === 'regex'
                    ? 'must be a valid regular expression'
                    : `must be a ${String(params.format)}`;
            break;
        case 'pattern':
            message =
                path.at(-1) === 'url' ? 'must be an http:// or https:// URL' : `must match ${String(params.pattern)}`;
            break;
        case 'oneOf':
            message = 'must be a status code (such as 200) or a list of them';
            break;
        case 'type':
            message = `must be ${TYPES[String(params.type)] ?? String(params.type)}`;
            break;
        case 'minItems':
            message = 'must not be empty';
            break;
        default:
            message = error.message ?? 'is not valid';
    }
    if (error.keyword !== 'required' &&
        error.keyword !== 'additionalProperties' &&
        error.keyword !== 'discriminator') {
        const field = path.at(-1);
        if (typeof field === 'string') {
            where = placeOf(path.slice(0, -1), value);
            message = `"${field}" ${message}`;
        }
    }
    return { line, message: where ? `${where}: ${message}` : message };
}
/** `check "web answers" (tcp)` for a path inside a check, `ssh` for the ssh mapping, '' for the top. */
function placeOf(path, value) {
    if (path[0] === 'checks' && typeof path[1] === 'number') {
        const check = value.checks[path[1]] ?? {};
        const name = typeof check.name === 'string' ? `"${check.name}"` : `#${path[1] + 1}`;
        const kind = typeof check.kind === 'string' && CHECK_KINDS.includes(check.kind)
            ? ` (${check.kind})`
            : '';
        const inner = path.slice(2).filter((part) => typeof part === 'string');
        return `check ${name}${kind}${inner.length > 1 ? ` ${inner.slice(0, -1).join('.')}` : ''}`;
    }
    if (path.length === 0)
        return '';
    return path.filter((part) => typeof part === 'string').join('.');
}
/** A field of another kind is a common slip (`port` on an http check): say which kinds have it. */
function hint(path, name) {
    if (path[0] !== 'checks' || path.length !== 2)
        return '';
    const owners = smokeChecksSchema.properties.checks.items.oneOf
        .filter((branch) => name in branch.properties)
        .map((branch) => branch.properties.kind.const);
    return owners.length > 0 ? ` (a field of ${owners.join(', ')} checks)` : '';
}
const TYPES = {
    integer: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
};
const CAMEL = /-([a-z])/g;
function toSpec(raw, line) {
    const spec = { tags: [], line };
    for (const [key, item] of Object.entries(raw))
        spec[key.replace(CAMEL, (_, c) => c.toUpperCase())] = item;
    return spec;
}

;// CONCATENATED MODULE: ./lib/smoke/inventory.js



async function readSmokeInventory(source) {
    if (source.kind === 'host-list') {
        const names = source.argument
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== '');
        const inventory = emptyInventory(source.description);
        for (const name of names)
            addHost(inventory, name, {}, ['all', 'ungrouped']);
        return inventory;
    }
    if ((await (0,external_node_fs_promises_.stat)(source.argument)).isDirectory()) {
        throw new errors/* ConfigurationError */.j1(`Input "inventory" names a directory (${source.description}): smoke-test reads one YAML inventory file, as tf-apply publishes.`);
    }
    const text = await (0,external_node_fs_promises_.readFile)(source.argument, 'utf8');
    let value;
    try {
        value = (0,dist.parse)(text);
    }
    catch {
        value = undefined;
    }
    if (!isMapping(value)) {
        throw new errors/* ConfigurationError */.j1(`The ${source.description} is not a YAML inventory: smoke-test reads YAML (or JSON) inventories such as tf-apply publishes, not INI.`);
    }
    return fromYaml(value, source.description);
}
function emptyInventory(description) {
    return { description, hosts: new Map(), groups: new Map([['all', []]]) };
}
/**
 * Ansible's YAML inventory: top-level groups (usually just `all`), each with `hosts` (name → vars),
 * `vars` and `children` (name → group). A host's variables are its groups' vars, outermost first,
 * then its own, as Ansible merges them for the connection variables read here.
 */
function fromYaml(document, description) {
    const inventory = emptyInventory(description);
    const hostVars = new Map();
    const hostGroups = new Map();
    const visit = (name, group, inherited, parents) => {
        if (group !== null && group !== undefined && !isMapping(group)) {
            throw new errors/* ConfigurationError */.j1(`The ${description} is not a YAML inventory: group "${name}" is not a mapping.`);
        }
        const vars = { ...inherited, ...(isMapping(group?.vars) ? group.vars : {}) };
        const lineage = [...parents, name];
        if (!inventory.groups.has(name))
            inventory.groups.set(name, []);
        const hosts = group?.hosts;
        if (isMapping(hosts)) {
            for (const [host, own] of Object.entries(hosts)) {
                hostVars.set(host, { ...(hostVars.get(host) ?? {}), ...vars, ...(isMapping(own) ? own : {}) });
                const groups = hostGroups.get(host) ?? new Set();
                for (const g of lineage)
                    groups.add(g);
                hostGroups.set(host, groups);
            }
        }
        if (isMapping(group?.children)) {
            for (const [child, body] of Object.entries(group.children))
                visit(child, body, vars, lineage);
        }
    };
    for (const [name, group] of Object.entries(document))
        visit(name, group, {}, name === 'all' ? [] : ['all']);
    for (const [name, vars] of hostVars)
        addHost(inventory, name, vars, [...(hostGroups.get(name) ?? [])]);
    return inventory;
}
function addHost(inventory, name, vars, groups) {
    const address = typeof vars.ansible_host === 'string' && vars.ansible_host ? vars.ansible_host : name;
    const port = Number(vars.ansible_port ?? vars.ansible_ssh_port);
    const user = vars.ansible_user ?? vars.ansible_ssh_user;
    inventory.hosts.set(name, {
        name,
        address,
        ...(Number.isInteger(port) && port > 0 ? { port } : {}),
        ...(typeof user === 'string' && user ? { user } : {}),
    });
    for (const group of new Set(['all', ...groups])) {
        const members = inventory.groups.get(group) ?? [];
        if (!members.includes(name))
            members.push(name);
        inventory.groups.set(group, members);
    }
}
function isMapping(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./node_modules/xmlbuilder2/lib/index.js
var lib = __webpack_require__(54697);
;// CONCATENATED MODULE: ./lib/smoke/junit.js



function junitXml(outcomes, options) {
    const root = (0,lib/* create */.vt)({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites');
    const host = (0,external_node_os_.hostname)() || 'localhost';
    // The Ant schema's timestamp has no time zone: UTC, without the "Z".
    const timestamp = options.startedAt.toISOString().slice(0, 19);
    let id = 0;
    for (const category of CATEGORIES) {
        const cases = outcomes.filter((outcome) => outcome.instance.spec.category === category);
        if (cases.length === 0)
            continue;
        const suite = root.ele('testsuite', {
            name: `smoke-${options.stack}-${category}`,
            package: `smoke.${options.stack}`,
            id: String(id++),
            timestamp,
            hostname: host,
            tests: String(cases.length),
            failures: String(cases.filter((c) => c.status === 'failed').length),
            errors: String(cases.filter((c) => c.status === 'not-run').length),
            time: time(Math.max(...cases.map((c) => c.startedMs + c.durationMs)) -
                Math.min(...cases.map((c) => c.startedMs))),
        });
        const properties = suite.ele('properties');
        properties.ele('property', { name: 'stack', value: options.stack });
        properties.ele('property', { name: 'category', value: category });
        properties.ele('property', { name: 'checks-file', value: options.checksPath });
        for (const outcome of cases) {
            const spec = outcome.instance.spec;
            const testcase = suite.ele('testcase', {
                name: outcome.instance.id,
                classname: `smoke.${options.stack}.${category}.${spec.kind}`,
                time: time(outcome.durationMs),
            });
            if (outcome.status === 'failed') {
                testcase.ele('failure', { message: outcome.message, type: spec.kind }).txt(details(outcome));
            }
            else if (outcome.status === 'not-run') {
                testcase.ele('error', { message: outcome.message, type: 'deadline' }).txt(details(outcome));
            }
        }
        suite
            .ele('system-out')
            .txt(cases.map((c) => `${c.instance.id}: ${c.status} (${c.target}) ${c.message}`).join('\n'));
        suite.ele('system-err');
    }
    return `${root.end({ prettyPrint: true })}\n`;
}
function details(outcome) {
    const spec = outcome.instance.spec;
    return [
        `target: ${outcome.target}`,
        `attempts: ${outcome.attempts}`,
        `tags: ${spec.tags.join(', ') || '-'}`,
        `checks file line: ${spec.line}`,
        outcome.message,
    ].join('\n');
}
function time(ms) {
    return (Math.max(0, ms) / 1000).toFixed(3);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
;// CONCATENATED MODULE: ./lib/smoke/targets.js

/** Whether any check needs the inventory: one that targets a group. Hosts may be plain addresses. */
function needsInventory(file) {
    return file.checks.some((check) => 'group' in check && check.group !== undefined);
}
/**
 * Expands each check to its targets: a group to each of its hosts, a host to the inventory's host of
 * that name (its address, port and user) or else to the name itself as an address.
 */
function expandChecks(file, inventory) {
    const instances = [];
    for (const spec of file.checks) {
        const group = 'group' in spec ? spec.group : undefined;
        const host = 'host' in spec ? spec.host : undefined;
        if (group !== undefined) {
            if (!inventory) {
                throw new errors/* ConfigurationError */.j1(`The checks file ${file.path}, line ${spec.line}: check "${spec.name}" targets group "${group}", but there is no inventory.`);
            }
            const members = inventory.groups.get(group);
            if (!members) {
                const known = [...inventory.groups.keys()].sort().join(', ');
                throw new errors/* ConfigurationError */.j1(`The checks file ${file.path}, line ${spec.line}: check "${spec.name}" targets group "${group}", which the ${inventory.description} does not have (it has ${known}).`);
            }
            for (const name of members) {
                const member = inventory.hosts.get(name);
                if (member)
                    instances.push({ id: `${spec.name} [${name}]`, spec, host: member });
            }
        }
        else if (host !== undefined) {
            instances.push({
                id: spec.name,
                spec,
                host: inventory?.hosts.get(host) ?? { name: host, address: host },
            });
        }
        else {
            instances.push({ id: spec.name, spec });
        }
    }
    return instances;
}
/** Where an instance points, for logs, the summary and JUnit: `127.0.0.1:22`, a URL, a command. */
function describeTarget(instance) {
    const { spec, host } = instance;
    switch (spec.kind) {
        case 'tcp':
            return hostPort(host?.address ?? '', tcpPort(instance));
        case 'http':
            return fillUrl(spec.url, host);
        case 'ssh-command':
            return `ssh ${hostPort(host?.address ?? '', sshPort(instance))}`;
        case 'command':
            return spec.command.join(' ');
        case 'dns':
            return host?.address ?? '';
        case 'tls-cert':
            return spec.url ?? hostPort(host?.address ?? '', spec.port ?? 443);
    }
}
/**
 * The port a tcp check connects to: its own, else the host's SSH port from the inventory, which is how
 * a check on a group reaches each host (test beds and NAT give every host its own).
 */
function tcpPort(instance) {
    const spec = instance.spec;
    return (spec.kind === 'tcp' ? spec.port : undefined) ?? instance.host?.port ?? 22;
}
function sshPort(instance) {
    const spec = instance.spec;
    return (spec.kind === 'ssh-command' ? spec.port : undefined) ?? instance.host?.port ?? 22;
}
function fillUrl(url, host) {
    if (!host)
        return url;
    const address = host.address.includes(':') ? `[${host.address}]` : host.address;
    return url.split('{host}').join(address);
}
function hostPort(address, port) {
    return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}

;// CONCATENATED MODULE: ./lib/smoke/probes.js








/** A check's verdict on one try: thrown by a probe, retried by the runner until it passes or time is up. */
class CheckFailure extends Error {
    name = 'CheckFailure';
}
/** The longest output quoted in a failure message, so a chatty command cannot flood the summary. */
const QUOTE_LIMIT = 200;
/** The most of a response body read for a body check. */
const BODY_LIMIT = 1024 * 1024;
/** One try of a check; resolves with a short note of what was seen, or throws CheckFailure. */
async function probe(instance, env, signal, timeoutMs) {
    const spec = instance.spec;
    switch (spec.kind) {
        case 'tcp':
            return tcpProbe(instance.host?.address ?? '', tcpPort(instance), signal);
        case 'http':
            return httpProbe(spec, fillUrl(spec.url, instance.host), env, signal);
        case 'ssh-command':
            return sshProbe(instance, spec, env, signal, timeoutMs);
        case 'command':
            return commandProbe(spec, env, signal);
        case 'dns':
            return dnsProbe(instance.host?.address ?? '', spec.addresses, env.resolve);
        case 'tls-cert': {
            const where = spec.url ? new URL(spec.url) : undefined;
            const address = where ? where.hostname.replace(/^\[|\]$/g, '') : (instance.host?.address ?? '');
            const port = where ? Number(where.port || 443) : (spec.port ?? 443);
            return tlsProbe(address, port, spec, env, signal);
        }
    }
}
function tcpProbe(address, port, signal) {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const socket = external_node_net_.connect({ host: address, port, signal });
        socket.once('connect', () => {
            socket.destroy();
            resolve(`connected in ${Date.now() - started} ms`);
        });
        socket.once('error', (error) => {
            socket.destroy();
            reject(signal.aborted
                ? error
                : new CheckFailure(`cannot connect to ${address}:${port}: ${networkError(error)}`));
        });
    });
}
async function httpProbe(spec, url, env, signal) {
    const ca = spec.caFile ? await readCa(spec.caFile, env.workspace) : undefined;
    const verify = spec.tlsVerify ?? true;
    const { status, headers, body } = await new Promise((resolve, reject) => {
        const client = url.startsWith('https:') ? external_node_https_ : external_node_http_;
        const request = client.request(url, {
            method: spec.method ?? 'GET',
            signal,
            headers: { 'user-agent': 'iac-pipeline-smoke-test' },
            ...(url.startsWith('https:')
                ? {
                    rejectUnauthorized: verify,
                    ...(ca ? { ca } : {}),
                    ...(spec.serverName ? { servername: spec.serverName } : {}),
                }
                : {}),
        }, (response) => {
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                if (size < BODY_LIMIT)
                    chunks.push(chunk);
                size += chunk.length;
            });
            response.on('end', () => resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8'),
            }));
            response.on('error', reject);
        });
        request.on('error', (error) => reject(signal.aborted
            ? error
            : new CheckFailure(`${spec.method ?? 'GET'} ${url} failed: ${tlsOrNetworkError(error)}`)));
        request.end();
    });
    const expected = spec.status === undefined ? [200] : Array.isArray(spec.status) ? spec.status : [spec.status];
    if (!expected.includes(status)) {
        throw new CheckFailure(`${url} answered ${status}, expected ${expected.join(' or ')}`);
    }
    for (const [name, pattern] of Object.entries(spec.headers ?? {})) {
        const value = headers[name.toLowerCase()];
        const text = Array.isArray(value) ? value.join(', ') : value;
        if (text === undefined)
            throw new CheckFailure(`${url} answered ${status} without a ${name} header`);
        if (!new RegExp(pattern).test(text))
            throw new CheckFailure(`${url}: header ${name} is ${quote(text)}, which does not match /${pattern}/`);
    }
    if (spec.body !== undefined && !new RegExp(spec.body).test(body)) {
        throw new CheckFailure(`${url}: the body does not match /${spec.body}/; it begins ${quote(body)}`);
    }
    return `${status}`;
}
async function sshProbe(instance, spec, env, signal, timeoutMs) {
    const host = instance.host;
    const user = spec.user ?? host?.user ?? env.ssh.defaultUser;
    const args = sshArgs({
        address: host?.address ?? '',
        port: sshPort(instance),
        user,
        connectTimeoutSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)),
        settings: env.ssh,
        command: spec.command,
    });
    const result = await runCommand(env, 'ssh', args, signal);
    // 255 is ssh's own failure (connection, authentication, host key), not the remote command's.
    if (result.exitCode === 255 && (spec.exitCode ?? 0) !== 255) {
        throw new CheckFailure(`ssh to ${host?.name ?? ''} failed: ${lastLine(result.stderr) || 'exit code 255'}`);
    }
    return expectOutcome(`${spec.command} on ${host?.name ?? ''}`, result, spec.exitCode ?? 0, spec.output);
}
/** The system OpenSSH client, non-interactive; the key and known_hosts go as paths, never as values. */
function sshArgs(options) {
    const { settings } = options;
    const args = [
        '-p',
        String(options.port),
        '-o',
        'BatchMode=yes',
        '-o',
        `ConnectTimeout=${options.connectTimeoutSeconds}`,
        '-o',
        `StrictHostKeyChecking=${settings.strict ? 'yes' : 'accept-new'}`,
        '-o',
        `UserKnownHostsFile=${settings.knownHostsFile}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        '-o',
        'LogLevel=ERROR',
    ];
    if (settings.keyFile)
        args.push('-i', settings.keyFile, '-o', 'IdentitiesOnly=yes');
    if (options.user)
        args.push('-l', options.user);
    // `--`: an address or command starting with "-" is not read as an option.
    args.push('--', options.address, options.command);
    return args;
}
async function commandProbe(spec, env, signal) {
    const [command = '', ...args] = spec.command;
    const result = await runCommand(env, command, args, signal);
    return expectOutcome(spec.command.join(' '), result, spec.exitCode ?? 0, spec.output);
}
async function runCommand(env, command, args, signal) {
    try {
        return await env.run(command, args, { signal, cwd: env.workspace });
    }
    catch (error) {
        if (signal.aborted)
            throw error;
        const code = error.code;
        throw new CheckFailure(code === 'ENOENT'
            ? `${command} is not installed (not found on PATH)`
            : `${command} could not run: ${error.message}`);
    }
}
function expectOutcome(what, result, exitCode, output) {
    if (result.exitCode !== exitCode) {
        const why = lastLine(result.stderr) || lastLine(result.stdout);
        throw new CheckFailure(`${what} exited with ${result.exitCode}, expected ${exitCode}${why ? `: ${quote(why)}` : ''}`);
    }
    // Without its final newline, so that `$` ends the last line as people expect.
    if (output !== undefined && !new RegExp(output).test(result.stdout.replace(/\r?\n$/, ''))) {
        throw new CheckFailure(`${what}: the output does not match /${output}/; it was ${quote(result.stdout.trim())}`);
    }
    return `exit ${result.exitCode}`;
}
async function dnsProbe(name, expected, resolve) {
    let addresses;
    try {
        addresses = await resolve(name);
    }
    catch (error) {
        const code = error.code;
        throw new CheckFailure(`${name} does not resolve${code ? ` (${code})` : ''}`);
    }
    if (addresses.length === 0)
        throw new CheckFailure(`${name} resolves to no address`);
    const missing = (expected ?? []).filter((address) => !addresses.includes(address));
    if (missing.length > 0) {
        throw new CheckFailure(`${name} resolves to ${addresses.join(', ')}, not to ${missing.join(', ')}`);
    }
    return addresses.join(', ');
}
async function tlsProbe(address, port, spec, env, signal) {
    const ca = spec.caFile ? await readCa(spec.caFile, env.workspace) : undefined;
    const verify = spec.tlsVerify ?? true;
    const servername = spec.serverName ?? (external_node_net_.isIP(address) ? undefined : address);
    const validTo = await new Promise((resolve, reject) => {
        const socket = external_node_tls_.connect({
            host: address,
            port,
            rejectUnauthorized: verify,
            ...(servername ? { servername } : {}),
            ...(ca ? { ca } : {}),
        });
        const abort = () => socket.destroy(signal.reason);
        signal.addEventListener('abort', abort, { once: true });
        socket.once('secureConnect', () => {
            const certificate = socket.getPeerCertificate();
            signal.removeEventListener('abort', abort);
            socket.end();
            if (!certificate?.valid_to)
                reject(new CheckFailure(`${address}:${port} presented no certificate`));
            else
                resolve(certificate.valid_to);
        });
        socket.once('error', (error) => {
            signal.removeEventListener('abort', abort);
            socket.destroy();
            reject(signal.aborted
                ? error
                : new CheckFailure(`TLS to ${address}:${port} failed: ${tlsOrNetworkError(error)}`));
        });
    });
    const days = Math.floor((Date.parse(validTo) - env.now()) / 86_400_000);
    const minDays = spec.minDays ?? 14;
    if (days < minDays) {
        throw new CheckFailure(days < 0
            ? `the certificate of ${address}:${port} expired on ${validTo}`
            : `the certificate of ${address}:${port} expires in ${days} days (${validTo}), fewer than ${minDays}`);
    }
    return `expires in ${days} days`;
}
async function readCa(path, workspace) {
    try {
        return await (0,external_node_fs_promises_.readFile)((0,external_node_path_.resolve)(workspace, path), 'utf8');
    }
    catch {
        throw new CheckFailure(`ca-file ${path} cannot be read (relative to the workspace)`);
    }
}
function networkError(error) {
    switch (error.code) {
        case 'ECONNREFUSED':
            return 'connection refused';
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return 'the name does not resolve';
        case 'EHOSTUNREACH':
            return 'host unreachable';
        case 'ECONNRESET':
            return 'connection reset';
        default:
            return error.message;
    }
}
function tlsOrNetworkError(error) {
    const code = error.code ?? '';
    if (/CERT|SELF_SIGNED|ERR_TLS|UNABLE_TO/.test(code)) {
        return `certificate not trusted (${error.message}); give ca-file, or tls-verify: false`;
    }
    return networkError(error);
}
function lastLine(text) {
    return text.trim().split('\n').at(-1)?.trim() ?? '';
}
function quote(text) {
    const oneLine = text.replace(/\s+/g, ' ');
    return JSON.stringify(oneLine.length > QUOTE_LIMIT ? `${oneLine.slice(0, QUOTE_LIMIT)}…` : oneLine);
}
/** The CommandRunner over child_process.execFile: no shell, output capped, killed on abort. */
const execFileRunner = (command, args, options) => new Promise((resolve, reject) => {
    (0,external_node_child_process_.execFile)(command, [...args], { signal: options.signal, cwd: options.cwd, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (!error)
            return resolve({ exitCode: 0, stdout, stderr });
        const code = error.code;
        if (typeof code === 'number')
            return resolve({ exitCode: code, stdout, stderr });
        if (error.killed && !options.signal.aborted)
            return resolve({ exitCode: 128, stdout, stderr });
        reject(error);
    });
});

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(74995);
;// CONCATENATED MODULE: ./lib/smoke/runner.js




class DeadlinePassed extends Error {
    name = 'DeadlinePassed';
}
async function runChecks(instances, options) {
    const now = options.now ?? Date.now;
    const runProbe = options.probe ?? probe;
    const started = now();
    const deadlineAt = started + options.deadlineMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DeadlinePassed(`the deadline of ${seconds(options.deadlineMs)} s passed`)), options.deadlineMs);
    const limit = (0,p_limit/* default */.A)(options.concurrency);
    let inFlight = 0;
    let maxInFlight = 0;
    const runOne = async (instance) => {
        const target = describeTarget(instance);
        const startedMs = now() - started;
        const base = { instance, target, startedMs };
        if (deadline.signal.aborted) {
            return {
                ...base,
                status: 'not-run',
                message: 'not run: the deadline passed before it could start',
                attempts: 0,
                durationMs: 0,
            };
        }
        const timeoutMs = (instance.spec.timeoutSeconds ?? options.defaultTimeoutMs / 1000) * 1000;
        let attempts = 0;
        let lastFailure = '';
        const attempt = async () => {
            attempts++;
            const tryTimeout = Math.max(1, Math.min(timeoutMs, deadlineAt - now()));
            const signal = AbortSignal.any([deadline.signal, AbortSignal.timeout(tryTimeout)]);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            try {
                return await runProbe(instance, options.env, signal, tryTimeout);
            }
            catch (error) {
                if (deadline.signal.aborted)
                    throw deadline.signal.reason;
                if (signal.aborted)
                    throw new CheckFailure(`no answer within ${seconds(tryTimeout)} s`);
                throw error;
            }
            finally {
                inFlight--;
            }
        };
        try {
            const message = await (0,p_retry/* default */.Ay)(attempt, {
                retries: instance.spec.retries ?? options.retries,
                minTimeout: options.retryDelayMs,
                factor: 2,
                randomize: false,
                // The deadline ends the retries through the signal alone: a maxRetryTime as well would race it, and
                // a check stopped by that clock would read as an ordinary failure instead of the deadline.
                signal: deadline.signal,
                onFailedAttempt: ({ error, retriesLeft, retryDelay }) => {
                    lastFailure = error.message;
                    if (retriesLeft > 0 && retryDelay > 0)
                        options.logger.debug(`${instance.id}: ${error.message}; trying again in ${seconds(retryDelay)} s`);
                },
                // Only a check's own verdict is worth another try; anything else is a bug to report at once.
                shouldRetry: ({ error }) => error instanceof CheckFailure,
            });
            return { ...base, status: 'passed', message, attempts, durationMs: now() - started - startedMs };
        }
        catch (error) {
            const durationMs = now() - started - startedMs;
            if (error instanceof DeadlinePassed) {
                const message = lastFailure
                    ? `${lastFailure} (then ${error.message})`
                    : `${error.message} before it answered`;
                return { ...base, status: 'failed', message, attempts, durationMs };
            }
            if (error instanceof CheckFailure)
                return { ...base, status: 'failed', message: error.message, attempts, durationMs };
            throw error;
        }
    };
    try {
        const outcomes = await Promise.all(instances.map((instance) => limit(async () => {
            const outcome = await runOne(instance);
            report(outcome, options.logger);
            return outcome;
        })));
        return { outcomes, durationMs: now() - started, maxInFlight, deadlineReached: deadline.signal.aborted };
    }
    finally {
        clearTimeout(timer);
    }
}
function report(outcome, logger) {
    const tries = outcome.attempts > 1 ? `, ${outcome.attempts} tries` : '';
    const time = `${seconds(outcome.durationMs)} s${tries}`;
    if (outcome.status === 'passed')
        logger.info(`✓ ${outcome.instance.id} (${outcome.target}): ${outcome.message} [${time}]`);
    else
        logger.info(`✗ ${outcome.instance.id} (${outcome.target}): ${outcome.message} [${time}]`);
}
function seconds(ms) {
    return Math.round(ms / 100) / 10;
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

;// CONCATENATED MODULE: ./lib/smoke/summary.js

// Thousands of rows are unreadable and would near the 1 MiB summary limit; results.json has them all.
const MAX_ROWS = 200;
const STATUS = { passed: '✅', failed: '❌', 'not-run': '⏱️' };
/** The job summary: the verdict, a table by category, the failures, then every check. */
function smokeSummaryMarkdown(results, runUrl) {
    const { totals } = results;
    const verdict = results.failedStep ? '❌' : '✅';
    const lines = [
        `## ${verdict} Smoke tests of ${codeSpan(results.stack)}: ${totals.passed} of ${totals.total} passed`,
        '',
        `${results.checks.length} checks from ${codeSpan(results.checksFile)}${results.inventory ? ` on the ${cellText(results.inventory)}` : ''}, ` +
            `in ${results.durationSeconds} s (at most ${results.settings.concurrency} at once, deadline ${results.settings.deadlineSeconds} s` +
            `${results.deadlineReached ? ', **reached**' : ''}). [Run](${runUrl})`,
        '',
        '| category | passed | failed | total |',
        '| --- | ---: | ---: | ---: |',
    ];
    for (const [category, tally] of Object.entries(results.byCategory)) {
        lines.push(`| ${category} | ${tally.passed} | ${tally.failed} | ${tally.total} |`);
    }
    lines.push(`| **all** | **${totals.passed}** | **${totals.failed}** | **${totals.total}** |`, '');
    if (results.settings.failOn === 'threshold') {
        lines.push(`Fails below ${results.settings.threshold}% passing.`, '');
    }
    const failed = results.checks.filter((check) => check.status !== 'passed');
    if (failed.length > 0) {
        lines.push(`### Failed (${failed.length})`, '', '| check | category | target | tries | why |', '| --- | --- | --- | ---: | --- |');
        for (const check of failed.slice(0, MAX_ROWS)) {
            lines.push(`| ${STATUS[check.status]} ${cellText(check.id)} | ${check.category} | ${cellSpan(check.target)} | ${check.attempts} | ${cellText(check.message)} |`);
        }
        if (failed.length > MAX_ROWS)
            lines.push('', `…and ${failed.length - MAX_ROWS} more in results.json.`);
        lines.push('');
    }
    lines.push('<details><summary>Every check</summary>', '', '| | check | kind | category | tags | target | tries | seconds |', '| --- | --- | --- | --- | --- | --- | ---: | ---: |');
    for (const check of results.checks.slice(0, MAX_ROWS)) {
        lines.push(`| ${STATUS[check.status]} | ${cellText(check.id)} | ${check.kind} | ${check.category} | ${cellText(check.tags.join(', '))} | ${cellSpan(check.target)} | ${check.attempts} | ${check.durationSeconds} |`);
    }
    if (results.checks.length > MAX_ROWS)
        lines.push('', `…and ${results.checks.length - MAX_ROWS} more in results.json.`);
    lines.push('', '</details>', '');
    return lines.join('\n');
}

// EXTERNAL MODULE: ./lib/audit/log.js + 5 modules
var log = __webpack_require__(94079);
;// CONCATENATED MODULE: ./lib/smoke/smoke-test.js





















// GitHub shows at most 10 error annotations per step; the rest are in the summary and results.json.
const MAX_ANNOTATIONS = 10;
const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * smoke-test: reads the checks file, the inventory when a check needs one, runs every check against
 * its targets within the deadline, and writes results.json, the JUnit XML and manifest.json, uploaded
 * as `<prefix>-smoke-<stack>`. The SSH key lives only while the checks run: removed here, and again
 * by the post step should this never finish.
 */
async function smokeTest(inputs, deps) {
    const { logger, run } = deps;
    const startedAt = new Date();
    const stack = stackName(inputs.stack, run.workspace, run.workspace, run.repo);
    const checks = await readChecksFile(inputs.checks, run.workspace);
    const scratch = await (0,external_node_fs_promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, `iac-smoke-${stack}-`));
    const inventory = await loadInventory(inputs, checks, deps, stack, scratch);
    const instances = expandChecks(checks, inventory);
    if (instances.length === 0) {
        throw new errors/* ConfigurationError */.j1(`The checks file ${checks.path} has no check to run: its groups have no hosts in the ${inventory?.description ?? 'inventory'}.`);
    }
    logger.info(`Running ${instances.length} checks from ${checks.path}${inventory ? ` on the ${inventory.description}` : ''}, ` +
        `at most ${inputs.concurrency} at once, within ${inputs.deadlineSeconds} s.`);
    const usesSsh = instances.some((instance) => instance.spec.kind === 'ssh-command');
    let secretsDir;
    try {
        let ssh = { knownHostsFile: (0,external_node_path_.join)(scratch, 'known_hosts'), strict: false };
        if (usesSsh) {
            if (inputs.privateKey) {
                secretsDir = await createSecretsDir(run.runnerTemp, 'iac-smoke-secrets-');
                // Recorded before anything is written into it, so the post step removes it whatever happens next.
                deps.saveState(secret_files/* SECRETS_DIR_STATE */.w, secretsDir);
                const secrets = await writeSecretFiles(secretsDir, { privateKey: inputs.privateKey });
                if (secrets.privateKey)
                    ssh.keyFile = secrets.privateKey;
            }
            ssh = await sshSettings(checks, ssh, scratch);
        }
        const summary = await runChecks(instances, {
            concurrency: inputs.concurrency,
            retries: inputs.retries,
            retryDelayMs: inputs.retryDelaySeconds * 1000,
            deadlineMs: inputs.deadlineSeconds * 1000,
            defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
            logger,
            env: {
                run: deps.runCommand ?? execFileRunner,
                resolve: deps.resolve ?? systemResolver,
                now: Date.now,
                ssh,
                workspace: run.workspace,
            },
        });
        const checkResults = summary.outcomes.map(toResult);
        const totals = smoke_test_tally(checkResults);
        const failedStep = decide(inputs, totals);
        const results = validateSmokeDocument(smokeResultsSchema, {
            schema: SMOKE_RESULTS_SCHEMA,
            producer: { action: 'smoke-test', version: version/* SUITE_VERSION */.s },
            stack,
            checksFile: checks.path,
            ...(inventory ? { inventory: inventory.description } : {}),
            commit: run.sha,
            ref: run.ref,
            runId: run.runId,
            runAttempt: run.runAttempt,
            startedAt: startedAt.toISOString(),
            createdAt: new Date().toISOString(),
            durationSeconds: seconds(summary.durationMs),
            settings: {
                concurrency: inputs.concurrency,
                retries: inputs.retries,
                retryDelaySeconds: inputs.retryDelaySeconds,
                deadlineSeconds: inputs.deadlineSeconds,
                failOn: inputs.failOn,
                ...(inputs.threshold !== undefined ? { threshold: inputs.threshold } : {}),
            },
            totals,
            byCategory: Object.fromEntries(CATEGORIES.map((category) => [
                category,
                smoke_test_tally(checkResults.filter((c) => c.category === category)),
            ]).filter(([, t]) => t.total > 0)),
            maxInFlight: summary.maxInFlight,
            deadlineReached: summary.deadlineReached,
            failedStep,
            checks: checkResults,
        }, SMOKE_RESULTS_FILE);
        const resultsDir = (0,external_node_path_.join)(scratch, 'results');
        await (0,external_node_fs_promises_.mkdir)(resultsDir, { recursive: true });
        const resultsPath = (0,external_node_path_.join)(resultsDir, SMOKE_RESULTS_FILE);
        await (0,external_node_fs_promises_.writeFile)(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
        const junitInDir = (0,external_node_path_.join)(resultsDir, SMOKE_JUNIT_FILE);
        await (0,external_node_fs_promises_.writeFile)(junitInDir, junitXml(summary.outcomes, { stack, startedAt, checksPath: checks.path }));
        let junitPath = junitInDir;
        if (inputs.junitPath) {
            junitPath = inputs.junitPath;
            await (0,external_node_fs_promises_.mkdir)((0,external_node_path_.join)(junitPath, '..'), { recursive: true });
            await (0,external_node_fs_promises_.copyFile)(junitInDir, junitPath);
        }
        const manifestPath = (0,external_node_path_.join)(resultsDir, contracts_manifest/* MANIFEST_FILE */.h1);
        const manifest = validateSmokeDocument(smokeManifestSchema, {
            schema: SMOKE_MANIFEST_SCHEMA,
            producer: { action: 'smoke-test', version: version/* SUITE_VERSION */.s },
            stack,
            commit: run.sha,
            ref: run.ref,
            runId: run.runId,
            runAttempt: run.runAttempt,
            createdAt: new Date().toISOString(),
            files: {
                [SMOKE_RESULTS_FILE]: await sha256File(resultsPath),
                [SMOKE_JUNIT_FILE]: await sha256File(junitInDir),
            },
        }, contracts_manifest/* MANIFEST_FILE */.h1);
        await (0,external_node_fs_promises_.writeFile)(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
        const name = artifactName(inputs.artifactPrefix, 'smoke', stack);
        await deps.artifacts.upload(name, [resultsPath, junitInDir, manifestPath], resultsDir);
        annotate(results, logger);
        const failure = failedStep ? stepFailure(inputs, results) : undefined;
        return { results, resultsPath, junitPath, artifactName: name, ...(failure ? { failure } : {}) };
    }
    finally {
        if (secretsDir)
            await (0,external_node_fs_promises_.rm)(secretsDir, { recursive: true, force: true });
    }
}
async function loadInventory(inputs, checks, deps, stack, scratch) {
    // Only when asked for, or when a check targets a group: checks of plain addresses need no artifact.
    if (!inputs.inventory && !inputs.inventoryArtifact && !needsInventory(checks))
        return undefined;
    const source = await resolveInventory({
        given: inputs.inventory,
        artifactName: inputs.inventoryArtifact ?? artifactName(inputs.artifactPrefix, 'inventory', stack),
        artifacts: deps.artifacts,
        scratch,
        workspace: deps.run.workspace,
    });
    return readSmokeInventory(source);
}
/** With ssh.known-hosts, host keys must match it; without, each is accepted on first use in a per-run file. */
async function sshSettings(checks, base, scratch) {
    const settings = { ...base, ...(checks.ssh.user ? { defaultUser: checks.ssh.user } : {}) };
    if (!checks.ssh.knownHosts)
        return settings;
    let found;
    try {
        found = (0,paths/* findConfinedPath */.bf)(checks.ssh.knownHosts, 'file');
    }
    catch (error) {
        if (!(error instanceof paths/* PathRefusal */.CV))
            throw error;
        throw new errors/* ConfigurationError */.j1(`The checks file ${checks.path}: ssh.known-hosts ${error.message}; got ${(0,paths/* quoteValue */.cl)(checks.ssh.knownHosts)}.`);
    }
    if (!found) {
        throw new errors/* ConfigurationError */.j1(`The checks file ${checks.path}: ssh.known-hosts must name a known_hosts file in the workspace; there is no file ${(0,paths/* quoteValue */.cl)(checks.ssh.knownHosts)}.`);
    }
    // A copy: ssh's option parser splits a path at spaces, and the scratch path has none.
    const copy = (0,external_node_path_.join)(scratch, 'known_hosts.trusted');
    await (0,external_node_fs_promises_.copyFile)(found, copy);
    return { ...settings, knownHostsFile: copy, strict: true };
}
const systemResolver = async (name) => (await (0,promises_.lookup)(name, { all: true, verbatim: true })).map((entry) => entry.address);
function toResult(outcome) {
    const { spec, host } = outcome.instance;
    return {
        id: outcome.instance.id,
        check: spec.name,
        kind: spec.kind,
        category: spec.category,
        tags: spec.tags,
        ...(host && spec.kind !== 'command' ? { host: host.name } : {}),
        target: outcome.target,
        status: outcome.status,
        message: outcome.message,
        attempts: outcome.attempts,
        durationSeconds: seconds(outcome.durationMs),
        line: spec.line,
    };
}
function smoke_test_tally(checks) {
    const passed = checks.filter((check) => check.status === 'passed').length;
    return { passed, failed: checks.length - passed, total: checks.length };
}
function decide(inputs, totals) {
    if (inputs.failOn === 'any')
        return totals.passed < totals.total;
    return (totals.passed * 100) / totals.total < (inputs.threshold ?? 100);
}
function stepFailure(inputs, results) {
    const failed = results.checks.filter((check) => check.status !== 'passed');
    const names = failed.slice(0, 5).map((check) => check.id);
    const more = failed.length > names.length ? ` and ${failed.length - names.length} more` : '';
    const { passed, total } = results.totals;
    const rule = inputs.failOn === 'threshold'
        ? `: ${Math.floor((passed * 100) / total)}% passed, below the threshold of ${inputs.threshold}%`
        : '';
    return new errors/* StepFailure */.pH(`${failed.length} of ${total} smoke checks failed${rule} (${names.join(', ')}${more}); see the annotations and the job summary.`);
}
/** One annotation per failed check, at its line in the checks file. */
function annotate(results, logger) {
    const failed = results.checks.filter((check) => check.status !== 'passed');
    for (const check of failed.slice(0, MAX_ANNOTATIONS)) {
        logger.error(`${check.id} (${check.target}): ${check.message}`, {
            title: `Smoke ${check.category}: ${check.id} ${check.status === 'not-run' ? 'did not run' : 'failed'}`,
            file: results.checksFile,
            startLine: check.line,
        });
    }
    if (failed.length > MAX_ANNOTATIONS)
        logger.info(`${failed.length - MAX_ANNOTATIONS} more failures are listed in the job summary and results.json.`);
}
/** The smoke-test step: runs the checks, then its outputs and summary, then fails if the checks did. */
async function runSmokeTest(inputs, deps) {
    const { run } = deps;
    const event = (deps.audit ?? log.NO_AUDIT).begin('smoke', {
        stack: stackName(inputs.stack, run.workspace, run.workspace, run.repo),
    });
    const result = await smokeTest(inputs, deps);
    const { totals } = result.results;
    event.finish(result.failure ? 'failure' : 'success', `${totals.total} check(s): ${totals.passed} passed, ${totals.failed} failed.`);
    // Set before a failure is thrown, so that later `if: failure()` steps can read what happened.
    deps.setOutputs({
        passed: totals.passed,
        failed: totals.failed,
        total: totals.total,
        'results-path': result.resultsPath,
        'junit-path': result.junitPath,
    });
    await deps.writeSummary(smokeSummaryMarkdown(result.results, deps.run.runUrl));
    if (result.failure)
        throw result.failure;
}


/***/ })

};
