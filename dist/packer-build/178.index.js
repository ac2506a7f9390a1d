export const id = 178;
export const ids = [178];
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

/***/ 59178:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IMAGE_NAME_VARIABLE: () => (/* binding */ IMAGE_NAME_VARIABLE),
  buildImage: () => (/* binding */ buildImage),
  defaultImageName: () => (/* binding */ defaultImageName),
  runPackerBuild: () => (/* binding */ runPackerBuild)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/core/inputs.js
var core_inputs = __webpack_require__(50662);
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
    const name = relative(workspace, workingDirectory) === '' ? repo : basename(workingDirectory);
    if (!NAME_PART.test(name)) {
        throw new ConfigurationError(`Input "stack" is needed: the working directory's name "${name}" cannot be part of an artifact name (use letters, digits, ".", "_" or "-").`);
    }
    return name;
}

// EXTERNAL MODULE: ./lib/contracts/build-metadata.js
var build_metadata = __webpack_require__(64057);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var manifest = __webpack_require__(21330);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
// EXTERNAL MODULE: ./lib/packer/build-record.js
var build_record = __webpack_require__(25430);
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
class UiStream extends (/* unused pure expression or super */ null && (ToolOutputStream)) {
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
class line_stream_ToolOutputStream {
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
class MachineReadableStream extends line_stream_ToolOutputStream {
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

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./lib/packer/manifest.js


/**
 * The manifest post-processor's file (`packer-manifest.json` by default). Packer appends to it on every
 * run, so it may hold builds of earlier runs too (a file checked in, a second build in the same job):
 * this run's builds are those whose `packer_run_uuid` is the file's `last_run_uuid`, and only when the
 * file's last run changed during this build.
 */
const manifestBuildSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP(),
    builder_type: schemas/* string */.YjP().optional(),
    build_time: schemas/* number */.aig().optional(),
    // Null for builders that export no files.
    files: schemas/* array */.YOg(schemas/* object */.Ikc({ name: schemas/* string */.YjP() }).loose())
        .nullish()
        .transform((files) => files ?? []),
    artifact_id: schemas/* string */.YjP().nullish(),
    packer_run_uuid: schemas/* string */.YjP().nullish(),
    // Packer 1.6 writes null when the template sets none; values are strings (map[string]string).
    custom_data: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())
        .nullish()
        .transform((data) => data ?? {}),
});
const manifestFileSchema = schemas/* object */.Ikc({
    builds: schemas/* array */.YOg(manifestBuildSchema).nullish(),
    last_run_uuid: schemas/* string */.YjP().nullish(),
});
/** The file as parsed, or undefined when it does not exist or is not a manifest. */
async function readManifestFile(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch {
        return undefined;
    }
    try {
        const result = manifestFileSchema.safeParse(JSON.parse(text));
        return result.success ? result.data : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * This run's builds in a manifest, as artifacts, in the order Packer finished them. `before` is the
 * file's `last_run_uuid` from before the build, so a file this build did not write gives nothing.
 */
function artifactsOfThisRun(manifest, before, format) {
    const run = manifest?.last_run_uuid;
    if (!manifest || !run || run === before)
        return [];
    return (manifest.builds ?? [])
        .filter((build) => build.packer_run_uuid === run)
        .map((build) => ({
        // HCL2 records `basic` for source "null" "basic", which Packer's output calls null.basic.
        build: format === 'hcl2' && build.builder_type ? `${build.builder_type}.${build.name}` : build.name,
        id: build.artifact_id ?? '',
        ...(build.builder_type ? { builderType: build.builder_type } : {}),
        files: build.files.map((file) => file.name),
        customData: Object.fromEntries(Object.entries(build.custom_data).map(([key, value]) => [
            key,
            typeof value === 'string' ? value : JSON.stringify(value),
        ])),
    }));
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
    return (0,external_node_path_.basename)(template.path).replace(/(?:\.pkr\.hcl|\.pkr\.json|\.json)$/, '');
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
    const hashed = (path) => sha256File(path).then((sha256) => ({ path: workspacePath(workspace, path), sha256 }));
    const templateFiles = (await Promise.all(template.files.map(hashed))).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const hashedVarFiles = await Promise.all(varFiles.map(hashed));
    const document = JSON.stringify({
        label: TEMPLATE_HASH_LABEL,
        template: templateFiles.map((file) => [file.path, file.sha256]),
        varFiles: hashedVarFiles.map((file) => [file.path, file.sha256]),
    });
    return {
        hash: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(document).digest('hex')}`,
        templateFiles,
        varFiles: hashedVarFiles,
    };
}
/** A path relative to the workspace, POSIX, '.' for the workspace itself. */
function workspacePath(workspace, path) {
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

;// CONCATENATED MODULE: ./lib/packer/selection.js

/** Patterns longer than this match no name a template gives (and are compared as they are). */
const MAX_GLOB = 1024;
/**
 * A gobwas/glob pattern as a test of the whole name; undefined when it is no valid glob. Matched token
 * by token with the usual back-off to the last `*`, so that no pattern can take more than
 * length × name-length steps (a regular expression of many stars could take exponential time).
 */
function compileGlob(glob) {
    if (glob.length > MAX_GLOB)
        return undefined;
    const alternatives = expandBraces(glob);
    if (!alternatives)
        return undefined;
    const compiled = [];
    for (const alternative of alternatives) {
        const tokens = tokenize(alternative);
        if (!tokens)
            return undefined;
        compiled.push(tokens);
    }
    return (name) => compiled.some((tokens) => matchTokens(tokens, [...name]));
}
/** `{a,b}c` → [`ac`, `bc`]; undefined for unbalanced braces or more than 256 alternatives. */
function expandBraces(glob) {
    let open = -1;
    for (let i = 0; i < glob.length; i += 1) {
        if (glob[i] === '\\')
            i += 1;
        else if (glob[i] === '[') {
            const end = glob.indexOf(']', i + 2);
            if (end < 0)
                return undefined;
            i = end;
        }
        else if (glob[i] === '{') {
            open = i;
            break;
        }
        else if (glob[i] === '}')
            return undefined;
    }
    if (open < 0)
        return [glob];
    // The matching close brace, and the top-level commas between.
    const parts = [];
    let depth = 0;
    let from = open + 1;
    for (let i = open + 1; i < glob.length; i += 1) {
        const c = glob[i];
        if (c === '\\')
            i += 1;
        else if (c === '{')
            depth += 1;
        else if (c === '}' && depth > 0)
            depth -= 1;
        else if ((c === ',' || c === '}') && depth === 0) {
            parts.push(glob.slice(from, i));
            from = i + 1;
            if (c === '}') {
                const rest = expandBraces(glob.slice(i + 1));
                if (!rest)
                    return undefined;
                const out = [];
                for (const part of parts) {
                    const inner = expandBraces(part);
                    if (!inner)
                        return undefined;
                    for (const a of inner)
                        for (const b of rest)
                            out.push(glob.slice(0, open) + a + b);
                    if (out.length > 256)
                        return undefined;
                }
                return out;
            }
        }
    }
    return undefined;
}
function tokenize(glob) {
    const chars = [...glob];
    const tokens = [];
    for (let i = 0; i < chars.length; i += 1) {
        const c = chars[i] ?? '';
        if (c === '\\') {
            i += 1;
            if (i >= chars.length)
                return undefined;
            const literal = chars[i];
            tokens.push({ matches: (x) => x === literal });
        }
        else if (c === '*') {
            if (!tokens.at(-1)?.star)
                tokens.push({ star: true });
        }
        else if (c === '?') {
            tokens.push({ matches: () => true });
        }
        else if (c === '[') {
            const end = chars.indexOf(']', i + 2);
            if (end < 0)
                return undefined;
            let body = chars.slice(i + 1, end);
            const negated = body[0] === '!';
            if (negated)
                body = body.slice(1);
            if (body.length === 0)
                return undefined;
            const ranges = [];
            for (let j = 0; j < body.length; j += 1) {
                const from = body[j] ?? '';
                if (body[j + 1] === '-' && j + 2 < body.length) {
                    ranges.push([from, body[j + 2] ?? '']);
                    j += 2;
                }
                else
                    ranges.push([from, from]);
            }
            tokens.push({ matches: (x) => ranges.some(([lo, hi]) => x >= lo && x <= hi) !== negated });
            i = end;
        }
        else {
            tokens.push({ matches: (x) => x === c });
        }
    }
    return tokens;
}
function matchTokens(tokens, name) {
    let t = 0;
    let n = 0;
    let starAt = -1;
    let resumeAt = 0;
    while (n < name.length) {
        const token = tokens[t];
        if (token?.star) {
            starAt = t;
            resumeAt = n;
            t += 1;
        }
        else if (token && token.matches(name[n] ?? '')) {
            t += 1;
            n += 1;
        }
        else if (starAt >= 0) {
            t = starAt + 1;
            resumeAt += 1;
            n = resumeAt;
        }
        else {
            return false;
        }
    }
    while (tokens[t]?.star)
        t += 1;
    return t === tokens.length;
}
function matcher(format, pattern) {
    if (format === 'json')
        return (name) => name === pattern;
    return compileGlob(pattern) ?? ((name) => name === pattern);
}
/** The names of a list, as the error shows them: quoted, the first 20, and how many more. */
function listed(names) {
    const shown = names.slice(0, 20).map((name) => `"${name.length > 60 ? `${name.slice(0, 57)}...` : name}"`);
    return names.length > 20 ? `${shown.join(', ')} and ${names.length - 20} more` : shown.join(', ');
}
function shown(pattern) {
    return pattern.length > 60 ? `"${pattern.slice(0, 57)}..."` : `"${pattern}"`;
}
/**
 * Throws a ConfigurationError naming the input when a pattern of `only` matches no build, a pattern of
 * `except` matches no build and no post-processor, or the two together leave no build to run. A
 * template whose build names are expressions (known only to Packer) is not checked.
 */
function assertSelectionMatches(selection, analysis, format) {
    if (!analysis.parsed || !analysis.buildNamesKnown)
        return;
    const { builds, postProcessors } = analysis;
    const has = builds.length === 0
        ? 'the template has no build'
        : `the template's builds are ${listed(builds)}` +
            (format === 'hcl2' ? ' (a pattern matches the whole name, and may use * and ?)' : '');
    for (const pattern of selection.only) {
        if (!builds.some(matcher(format, pattern))) {
            throw new errors/* ConfigurationError */.j1(`Input "only" names ${shown(pattern)}, which matches no build: ${has}.`);
        }
    }
    for (const pattern of selection.except) {
        const matches = matcher(format, pattern);
        if (!builds.some(matches) && !postProcessors.some(matches)) {
            const skippable = postProcessors.length > 0 ? `; its post-processors are ${listed([...new Set(postProcessors)])}` : '';
            throw new errors/* ConfigurationError */.j1(`Input "except" names ${shown(pattern)}, which matches no build and no post-processor: ${has}${skippable}.`);
        }
    }
    const selected = builds.filter((name) => (selection.only.length === 0 || selection.only.some((p) => matcher(format, p)(name))) &&
        !selection.except.some((p) => matcher(format, p)(name)));
    if (selected.length === 0 &&
        builds.length > 0 &&
        (selection.only.length > 0 || selection.except.length > 0)) {
        const input = selection.except.length > 0 ? 'except' : 'only';
        throw new errors/* ConfigurationError */.j1(`Input "${input}" leaves no build to run${selection.only.length > 0 && selection.except.length > 0 ? ' with only' : ''}: ${has}.`);
    }
}

;// CONCATENATED MODULE: ./lib/packer/variables.js



/**
 * Variables from the `vars` input (and the image name) reach Packer in a var file of mode 0600 in
 * RUNNER_TEMP, passed after the user's var files: values may be secrets, which must not appear on a
 * command line, and a var file given last overrides the earlier ones as `-var` would. (PKR_VAR_*
 * would keep them off the command line too, but every var file would then override them, and JSON
 * templates do not read it.)
 */
/**
 * One value as HCL: a string variable (or one without a type, which `-var` treats as a string) gets a
 * quoted string with HCL's escapes, so that `${` in a password stays text; any other type gets the value
 * as written, an HCL expression, as `-var` parses it.
 */
function hclValue(value, type) {
    if (type !== undefined && type !== 'string' && type !== 'any')
        return value;
    let quoted = '';
    for (const char of value) {
        const code = char.codePointAt(0) ?? 0;
        if (char === '"')
            quoted += '\\"';
        else if (char === '\\')
            quoted += '\\\\';
        else if (char === '\n')
            quoted += '\\n';
        else if (char === '\r')
            quoted += '\\r';
        else if (char === '\t')
            quoted += '\\t';
        else if (code < 0x20 || code === 0x7f)
            quoted += `\\u${code.toString(16).padStart(4, '0')}`;
        else
            quoted += char;
    }
    // Template sequences: `${` and `%{` are escaped by doubling their first character.
    // (A function as the replacement: in a replacement string, `$$` means one `$`.)
    return `"${quoted.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{')}"`;
}
/** The text of a var file setting `values`, in the template's format. */
function variablesFileText(format, values, declared) {
    if (format === 'json')
        return `${JSON.stringify(Object.fromEntries(values), null, 2)}\n`;
    return values.map(([name, value]) => `${name} = ${hclValue(value, declared.get(name)?.type)}\n`).join('');
}
/** Throws the ConfigurationError for names in `vars` that the template does not declare (never their values). */
function assertDeclared(names, declared) {
    const undeclared = names.filter((name) => !declared.has(name));
    if (undeclared.length === 0)
        return;
    throw new errors/* ConfigurationError */.j1(`Input "vars" sets ${undeclared.map((name) => `"${name}"`).join(', ')}, which the template does not declare: ` +
        'declare it in the template (a variable block, or "variables" in a JSON template) or remove it from vars.');
}
/** Writes the var file in a directory of its own under `parent` (RUNNER_TEMP), readable by this user only. */
async function writeVariablesFile(parent, format, values, declared) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(parent, 'iac-packer-vars-'));
    await (0,promises_.chmod)(dir, 0o700);
    // Packer tells the two formats apart by the extension.
    const path = (0,external_node_path_.join)(dir, format === 'json' ? 'variables.json' : 'variables.pkrvars.hcl');
    await (0,promises_.writeFile)(path, variablesFileText(format, values, declared), { mode: 0o600 });
    return { path, remove: () => (0,promises_.rm)(dir, { recursive: true, force: true }) };
}

// EXTERNAL MODULE: ./lib/audit/log.js + 5 modules
var log = __webpack_require__(94079);
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

;// CONCATENATED MODULE: ./lib/packer/summary.js

// Custom data and artifacts are the template's to choose; a few hundred rows is already too many to read.
const MAX_ROWS = 200;
/** The job summary of an image build: the image id to hand on, what made it, and what it recorded. */
function imageSummaryMarkdown(result, run) {
    const { metadata } = result;
    const lines = [
        `## Image ${codeSpan(metadata.name)}`,
        '',
        metadata.skipped
            ? `**Skipped:** the template is unchanged since [run ${metadata.builtBy.runId}](${run.serverUrl}/${run.owner}/${run.repo}/actions/runs/${metadata.builtBy.runId}) built this image.`
            : '',
        '',
        '| | |',
        '| --- | --- |',
        `| Image id | ${metadata.imageId ? cellSpan(metadata.imageId) : '_none_'} |`,
        `| Template | ${cellSpan(metadata.template.path)} (${metadata.template.format === 'hcl2' ? 'HCL2' : 'JSON'}) |`,
        `| Template hash | ${cellSpan(metadata.templateHash)} |`,
        `| Built | ${cellText(metadata.buildTime)} with Packer ${cellText(metadata.packerVersion)} |`,
        `| Artifact | ${cellSpan(result.artifactName)} |`,
        '',
    ];
    if (metadata.artifacts.length > 0) {
        lines.push(`### Artifacts (${metadata.artifacts.length})`, '', '| build | id | files |', '| --- | --- | ---: |');
        for (const artifact of metadata.artifacts.slice(0, MAX_ROWS)) {
            lines.push(`| ${cellSpan(artifact.build)} | ${artifact.id ? cellSpan(artifact.id) : '_none_'} | ${artifact.files.length} |`);
        }
        if (metadata.artifacts.length > MAX_ROWS)
            lines.push('', `…and ${metadata.artifacts.length - MAX_ROWS} more.`);
        lines.push('');
    }
    const custom = Object.entries(metadata.customData);
    if (custom.length > 0) {
        lines.push('### Recorded by the template', '', '| name | value |', '| --- | --- |');
        for (const [name, value] of custom.slice(0, MAX_ROWS))
            lines.push(`| ${cellSpan(name)} | ${cellSpan(value)} |`);
        if (custom.length > MAX_ROWS)
            lines.push('', `…and ${custom.length - MAX_ROWS} more.`);
        lines.push('');
    }
    lines.push(`Commit \`${run.sha.slice(0, 12)}\` · [run](${run.runUrl})`, '');
    return lines.filter((line, index, all) => !(line === '' && all[index - 1] === '')).join('\n');
}

;// CONCATENATED MODULE: ./lib/packer/build.js
















/** The variable a template declares to receive the image's name. */
const IMAGE_NAME_VARIABLE = 'image_name';
/**
 * packer-build: hash the template; with skip-unchanged, hand on an earlier build of the same hash;
 * otherwise init (when plugins are required) and build, read the artifacts, and upload
 * build-metadata.json as `<prefix>-image-<name>`.
 */
async function buildImage(inputs, deps) {
    const { logger, run } = deps;
    const now = deps.now ?? (() => new Date());
    const template = await discoverTemplate(inputs.template);
    const hashed = await hashTemplate(template, inputs.varFiles, run.workspace);
    const imageName = chooseImageName(inputs, template, run, now());
    // only and except are checked before anything else: Packer builds nothing, and succeeds, when -only
    // matches no build. The template is read here only then, as the HCL parser costs start-up time.
    const analysis = inputs.only.length > 0 || inputs.except.length > 0
        ? await analyseTemplate(template, inputs.workingDirectory, logger)
        : undefined;
    if (analysis)
        assertSelectionMatches(inputs, analysis, template.format);
    logger.info(`Template ${workspacePath(run.workspace, template.path)} (${template.format === 'hcl2' ? 'HCL2' : 'JSON'}, ` +
        `${template.files.length} file(s)), template hash ${hashed.hash}`);
    const recordKey = inputs.skipUnchanged
        ? (0,build_record.buildRecordKey)({
            templateHash: hashed.hash,
            only: inputs.only,
            except: inputs.except,
            vars: inputs.vars,
        })
        : undefined;
    if (recordKey) {
        const recorded = await deps.records.find(recordKey);
        if (recorded) {
            logger.notice(`The template is unchanged since run ${recorded.builtBy.runId} built image ${recorded.imageId || '(no id)'}: ` +
                'skipped the build (skip-unchanged).', { title: 'Packer build skipped' });
            const metadata = (0,build_metadata/* validateBuildMetadata */.AB)({
                ...recorded,
                producer: { action: 'packer-build', version: version/* SUITE_VERSION */.s },
                writtenBy: originOf(run),
                skipped: true,
                createdAt: now().toISOString(),
            });
            // Named after this run's image name, so it never collides with the artifact of the build it reuses.
            return { ...(await publish(metadata, imageName, inputs, deps)), recordKey };
        }
        logger.info(`No earlier build of this template was recorded (${recordKey}); building.`);
    }
    // Together: Packer reports its version in a process of its own while the template is read here.
    const [tool, analysed] = await Promise.all([
        resolvePacker(deps.exec, deps.searchPath),
        analysis ?? analyseTemplate(template, inputs.workingDirectory, logger),
    ]);
    logger.info(`Building ${imageName} with Packer ${tool.version}`);
    const built = await runPacker(inputs, deps, { template, tool, imageName, analysis: analysed });
    const metadata = (0,build_metadata/* validateBuildMetadata */.AB)({
        schema: build_metadata/* BUILD_METADATA_SCHEMA */.bv,
        producer: { action: 'packer-build', version: version/* SUITE_VERSION */.s },
        name: imageName,
        template: {
            path: workspacePath(run.workspace, template.path),
            format: template.format,
            files: hashed.templateFiles,
        },
        varFiles: hashed.varFiles,
        templateHash: hashed.hash,
        packerVersion: tool.version,
        buildTime: now().toISOString(),
        imageId: lastId(built.artifacts),
        artifacts: built.artifacts,
        // Later builds win: the last build is the image handed on.
        customData: Object.fromEntries(built.artifacts.flatMap((artifact) => Object.entries(artifact.customData))),
        artifactSource: built.source,
        builtBy: originOf(run),
        writtenBy: originOf(run),
        skipped: false,
        createdAt: now().toISOString(),
    });
    if (metadata.imageId === '') {
        logger.warning('The build finished without an artifact id, so the image-id output is empty.', {
            title: 'No image id',
        });
    }
    const published = await publish(metadata, metadata.name, inputs, deps);
    if (recordKey)
        await deps.records.record(recordKey, metadata);
    return { ...published, ...(recordKey ? { recordKey } : {}) };
}
/** image-name, else image_name in vars, else `<template>-<timestamp>`. */
function chooseImageName(inputs, template, run, now) {
    const fromVars = inputs.vars.find(([name]) => name === IMAGE_NAME_VARIABLE)?.[1];
    if (inputs.imageName && fromVars !== undefined) {
        throw new errors/* ConfigurationError */.j1(`Input "vars" sets ${IMAGE_NAME_VARIABLE} and input "image-name" is given too: set the image name in image-name only.`);
    }
    if (inputs.imageName)
        return inputs.imageName;
    if (fromVars !== undefined) {
        if (!core_inputs/* NAME_PART */.y3.test(fromVars)) {
            throw new errors/* ConfigurationError */.j1(`Input "vars" sets ${IMAGE_NAME_VARIABLE} to a value that cannot be part of an artifact name ` +
                '(letters, digits, ".", "_" or "-", at most 100): set it with image-name instead.');
        }
        return fromVars;
    }
    return defaultImageName(template, run, now);
}
/** `<template>-<UTC yyyymmddhhmmss>`, made fit for an artifact name. */
function defaultImageName(template, run, now) {
    const base = (0,external_node_path_.relative)(run.workspace, template.path) === '' ? run.repo : templateBaseName(template);
    const stamp = now
        .toISOString()
        .replace(/\.\d+Z$/, '')
        .replace(/\D/g, '');
    const cleaned = base
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, 100 - stamp.length - 1);
    return cleaned ? `${cleaned}-${stamp}` : `image-${stamp}`;
}
async function runPacker(inputs, deps, context) {
    const { logger, run } = deps;
    const { template, tool, analysis } = context;
    const cwd = inputs.workingDirectory;
    const relativeDir = (0,manifest/* toWorkspacePath */.CR)(run.workspace, cwd);
    const values = variableValues(inputs, analysis, context.imageName);
    if (analysis.requiredPlugins.length > 0 && !hasInit(tool)) {
        throw new errors/* ConfigurationError */.j1(`The template declares required_plugins (${analysis.requiredPlugins.join(', ')}), which Packer ${tool.version} ` +
            'does not know: packer init came with Packer 1.7. Install a newer Packer with the setup action (packer-version).');
    }
    const varsFile = values.length > 0
        ? await writeVariablesFile(run.runnerTemp, template.format, values, analysis.variables)
        : undefined;
    try {
        const relativeTemplate = (0,external_node_path_.relative)(cwd, template.path);
        const cli = new PackerCli({
            tool,
            exec: deps.exec,
            logger,
            template: relativeTemplate === '' ? '.' : (0,external_node_path_.isAbsolute)(relativeTemplate) ? template.path : relativeTemplate,
            place: {
                cwd,
                relativeDir,
                ...(template.isDirectory ? {} : { templateFile: workspacePath(run.workspace, template.path) }),
                ...(varsFile ? { variablesFile: varsFile.path } : {}),
            },
        });
        const args = {
            varFiles: [...inputs.varFiles, ...(varsFile ? [varsFile.path] : [])],
            only: inputs.only,
            except: inputs.except,
        };
        if (analysis.requiredPlugins.length > 0)
            await logger.group('packer init', () => cli.init());
        // No packer validate first: build validates the whole template before it starts any build, with
        // the same diagnostics, so a separate run would only cost a start-up of Packer and its plugins.
        const manifests = analysis.manifests.filter((manifest) => manifest.path !== undefined);
        for (const manifest of analysis.manifests.filter((m) => m.path === undefined)) {
            logger.info(`The manifest post-processor writes to ${manifest.expression}, which is known only during the build; ` +
                'the artifacts are read from Packer’s output instead.');
        }
        const before = await Promise.all(manifests.map(async (m) => (await readManifestFile(m.path ?? ''))?.last_run_uuid ?? undefined));
        const { artifacts } = await logger.group('packer build', () => cli.build(args));
        if (!analysis.parsed) {
            // Packer read it, so the template uses HCL newer than the parser here knows.
            logger.warning('The template could not be read ahead of Packer, so the image name was not passed to it, vars were not ' +
                "checked against its variables, and the artifacts are read from Packer's output, not the manifest.", { title: 'Template not read' });
        }
        const fromManifests = [];
        const seen = new Set();
        for (const [index, manifest] of manifests.entries()) {
            const path = manifest.path ?? '';
            if (seen.has(path))
                continue;
            seen.add(path);
            fromManifests.push(...artifactsOfThisRun(await readManifestFile(path), before[index], template.format));
        }
        if (fromManifests.length > 0) {
            return { artifacts: withBuilderIds(fromManifests, artifacts), source: 'manifest' };
        }
        if (manifests.length > 0) {
            logger.info("The manifest post-processor's file holds no build of this run; using Packer's output.");
        }
        return { artifacts: fromMachineReadable(artifacts), source: 'machine-readable' };
    }
    finally {
        await varsFile?.remove();
    }
}
/** The `vars` input, plus the image name when the template declares image_name and vars does not set it. */
function variableValues(inputs, analysis, imageName) {
    const values = [...inputs.vars];
    // An unparsed template is left to Packer, which names the file and line.
    if (!analysis.parsed)
        return values;
    assertDeclared(values.map(([name]) => name), analysis.variables);
    if (analysis.variables.has(IMAGE_NAME_VARIABLE) && !values.some(([name]) => name === IMAGE_NAME_VARIABLE)) {
        values.push([IMAGE_NAME_VARIABLE, imageName]);
    }
    return values;
}
/** The manifest lacks builder ids; the machine-readable artifact of the same build and id has one. */
function withBuilderIds(artifacts, machine) {
    return artifacts.map((artifact) => {
        const match = machine.find((m) => m.build === artifact.build && m.id === artifact.id && m.builderId);
        return match?.builderId ? { ...artifact, builderId: match.builderId } : artifact;
    });
}
function fromMachineReadable(artifacts) {
    return artifacts
        .filter((artifact) => !artifact.nil)
        .map((artifact) => ({
        build: artifact.build,
        id: artifact.id,
        ...(artifact.builderId ? { builderId: artifact.builderId } : {}),
        files: artifact.files,
        customData: {},
    }));
}
/** The id of the last build's artifact: the last one with an id. */
function lastId(artifacts) {
    return [...artifacts].reverse().find((artifact) => artifact.id !== '')?.id ?? '';
}
function originOf(run) {
    return { runId: run.runId, runAttempt: run.runAttempt, commit: run.sha, ref: run.ref };
}
/** Writes build-metadata.json to RUNNER_TEMP and uploads it as `<prefix>-image-<name>`. */
async function publish(metadata, name, inputs, deps) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(deps.run.runnerTemp, `iac-image-`));
    const metadataPath = (0,external_node_path_.join)(dir, build_metadata/* BUILD_METADATA_FILE */.Ez);
    await (0,promises_.writeFile)(metadataPath, `${JSON.stringify(metadata, null, 2)}\n`);
    const artifact = await deps.artifacts.upload(artifactName(inputs.artifactPrefix, 'image', name), [metadataPath], dir);
    deps.logger.info(`Uploaded ${build_metadata/* BUILD_METADATA_FILE */.Ez} as ${artifact.name}`);
    return { metadata, metadataPath, artifactName: artifact.name, artifact };
}
/** The packer-build step: builds the image (or hands on the unchanged one), then its outputs and summary. */
async function runPackerBuild(inputs, deps) {
    const event = (deps.audit ?? log.NO_AUDIT).begin('image', {});
    const result = await buildImage(inputs, deps);
    const { metadata } = result;
    event.finish('success', `Image ${metadata.name} (id ${metadata.imageId})${metadata.skipped ? ', unchanged: the build was skipped' : ''}.`);
    deps.setOutputs({
        'image-id': metadata.imageId,
        artifacts: metadata.artifacts.map(({ build, id, builderId, files }) => ({ build, id, builderId, files })),
        'build-time': metadata.buildTime,
        'template-hash': metadata.templateHash,
        skipped: metadata.skipped,
        'metadata-path': result.metadataPath,
        'image-name': metadata.name,
        'artifact-name': result.artifactName,
    });
    await deps.writeSummary(imageSummaryMarkdown(result, deps.run));
}


/***/ })

};
