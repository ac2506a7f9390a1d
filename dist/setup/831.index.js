export const id = 831;
export const ids = [831];
export const modules = {

/***/ 4059:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  nV: () => (/* binding */ DownloadError),
  Rs: () => (/* binding */ installRelease)
});

// UNUSED EXPORTS: reportedVersion

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./lib/toolchain/checksums.js



/** A published checksum did not match, or a checksums file could not be read: nothing is installed. */
class ChecksumError extends errors/* StepFailure */.pH {
    name = 'ChecksumError';
}
// `<64 hex><two spaces or space and *><file name>`, as sha256sum writes it (`*` marks binary mode).
const LINE = /^([0-9a-fA-F]{64}) [ *](.+)$/;
/**
 * Parses a SHA256SUMS file into file name → lowercase hex digest. Blank lines are skipped; any other
 * line that is not a checksum line makes the whole file suspect, and so does a file named twice with
 * different digests.
 */
function parseSha256Sums(text, source = 'SHA256SUMS') {
    const sums = new Map();
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.trimEnd();
        if (line.trim() === '')
            return;
        const match = LINE.exec(line);
        if (!match) {
            throw new ChecksumError(`${source}: line ${index + 1} is not "<sha256> <file name>", so its checksums cannot be trusted.`);
        }
        const digest = (match[1] ?? '').toLowerCase();
        const name = (match[2] ?? '').trim();
        const earlier = sums.get(name);
        if (earlier !== undefined && earlier !== digest) {
            throw new ChecksumError(`${source}: ${name} is listed twice with different checksums.`);
        }
        sums.set(name, digest);
    });
    return sums;
}
/** The sha256 of a file, read as a stream (archives are tens of megabytes). */
function sha256File(path) {
    return new Promise((resolve, reject) => {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        (0,external_node_fs_.createReadStream)(path)
            .on('error', reject)
            .on('data', (chunk) => hash.update(chunk))
            .on('end', () => resolve(hash.digest('hex')));
    });
}
/** Throws unless `actual` is the digest `sums` publishes for `fileName`. */
function verifyChecksum(sums, fileName, actual, sources) {
    const expected = sums.get(fileName);
    if (expected === undefined) {
        throw new ChecksumError(`${sources.sumsUrl} lists no checksum for ${fileName}, so it cannot be verified; nothing was installed.`);
    }
    if (expected !== actual.toLowerCase()) {
        throw new ChecksumError(
        // "The published checksums": SHA256SUMS for HashiCorp's layout, checksums.txt for conftest's.
        `Checksum mismatch for ${sources.archiveUrl}: the published checksums (${sources.sumsUrl}) say ${expected}, ` +
            `the download is ${actual.toLowerCase()}. The archive was refused and nothing was installed.`);
    }
}

// EXTERNAL MODULE: ./lib/toolchain/releases.js
var releases = __webpack_require__(7101);
;// CONCATENATED MODULE: ./lib/toolchain/install.js





/** A download the server answered with something other than 200. */
class DownloadError extends Error {
    url;
    status;
    name = 'DownloadError';
    constructor(url, status) {
        super(`${(0,releases.displayUrl)(url)} answered HTTP ${status ?? '(no status)'}`);
        this.url = url;
        this.status = status;
    }
}
/**
 * Installs one release archive: served from the tool cache when this version is there, otherwise
 * downloaded with its SHA256SUMS, verified, extracted, checked to be the version it claims, and only
 * then put into the tool cache. Anything refused on the way leaves nothing behind in the cache.
 */
async function installRelease(product, version, mirrorUrl, deps) {
    const started = Date.now();
    const { toolCache, logger } = deps;
    const info = releases.PRODUCTS[product];
    const files = (0,releases.releaseFiles)(product, version, deps.platform, mirrorUrl);
    // What messages show: the same URLs without any credentials of the mirror's.
    const shown = { archiveUrl: (0,releases.displayUrl)(files.archiveUrl), sumsUrl: (0,releases.displayUrl)(files.sumsUrl) };
    const cached = toolCache.find(info.binary, version);
    if (cached) {
        logger.info(`${info.title} ${version}: found in the tool cache at ${cached}`);
        return {
            product,
            version,
            binDir: cached,
            fromCache: true,
            source: 'tool cache',
            durationMs: Date.now() - started,
        };
    }
    const temporary = [];
    try {
        logger.info(`${info.title} ${version}: downloading ${shown.archiveUrl}`);
        const sumsFile = await download(files.sumsUrl, product, version, mirrorUrl, deps);
        temporary.push(sumsFile);
        const sums = parseSha256Sums(await (0,promises_.readFile)(sumsFile, 'utf8'), shown.sumsUrl);
        const archive = await download(files.archiveUrl, product, version, mirrorUrl, deps);
        temporary.push(archive);
        const digest = await sha256File(archive);
        verifyChecksum(sums, files.archiveName, digest, shown);
        logger.info(`${info.title} ${version}: sha256 ${digest} matches ${files.sumsName}`);
        const extracted = files.format === 'zip' ? await toolCache.extractZip(archive) : await toolCache.extractTarGz(archive);
        temporary.push(extracted);
        const binary = (0,external_node_path_.join)(extracted, files.binaryName);
        try {
            await (0,promises_.access)(binary);
        }
        catch {
            throw new errors/* StepFailure */.pH(`${shown.archiveUrl} does not contain ${files.binaryName}; nothing was installed.`);
        }
        const reported = await reportedVersion(product, binary, deps.exec);
        if (reported !== version) {
            throw new errors/* StepFailure */.pH(`${shown.archiveUrl} holds ${info.title} ${reported ?? '(no version reported)'}, not the ${version} ` +
                'that was asked for; nothing was installed.');
        }
        const binDir = await toolCache.cacheDir(extracted, info.binary, version);
        logger.info(`${info.title} ${version}: installed in the tool cache at ${binDir}`);
        return {
            product,
            version,
            binDir,
            fromCache: false,
            source: shown.archiveUrl,
            durationMs: Date.now() - started,
        };
    }
    finally {
        for (const path of temporary)
            await (0,promises_.rm)(path, { recursive: true, force: true });
    }
}
async function download(url, product, version, mirrorUrl, deps) {
    try {
        return await deps.toolCache.download(url);
    }
    catch (error) {
        if (error instanceof DownloadError && error.status === 404) {
            const info = releases.PRODUCTS[product];
            // The likely mistake differs: a version that was never released, or a mirror with another layout.
            const hint = mirrorUrl
                ? `Input "mirror-url" must serve <mirror>/${product}/<version>/ as the official releases do, and ` +
                    `input "${info.input}" must name a version the mirror holds`
                : `Input "${info.input}" must name a released ${info.title} version`;
            throw new errors/* ConfigurationError */.j1(`${hint}: ${(0,releases.displayUrl)(url)} was not found (HTTP 404).`);
        }
        if (error instanceof DownloadError)
            throw new errors/* StepFailure */.pH(`Could not download ${(0,releases.displayUrl)(url)}: HTTP ${error.status ?? '(no status)'}.`);
        throw error;
    }
}
/**
 * The version the binary reports: `version -json` for tofu and terraform, `version` for packer,
 * `--version` for conftest (`Conftest: 0.71.1`, then OPA's version; a build without the release's
 * ldflags says `dev` and is refused like any other wrong version).
 */
async function reportedVersion(product, binary, exec) {
    const env = { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    if (product === 'packer') {
        const result = await exec(binary, ['version'], { env });
        return /Packer v(\S+)/.exec(result.stdout)?.[1];
    }
    if (product === 'conftest') {
        const result = await exec(binary, ['--version']);
        return /^Conftest: (\S+)/m.exec(result.stdout)?.[1];
    }
    const result = await exec(binary, ['version', '-json'], { env });
    try {
        const parsed = JSON.parse(result.stdout);
        return typeof parsed.terraform_version === 'string' ? parsed.terraform_version : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 4831:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OUTPUTS: () => (/* binding */ OUTPUTS),
  runSetup: () => (/* binding */ runSetup),
  saveSetupPluginCache: () => (/* binding */ saveSetupPluginCache),
  setup: () => (/* binding */ setup),
  setupSummaryMarkdown: () => (/* binding */ setupSummaryMarkdown)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/toolchain/releases.js
var releases = __webpack_require__(7101);
;// CONCATENATED MODULE: ./lib/toolchain/ansible.js




const ANSIBLE_TOOL = 'ansible-core';
/**
 * Installs ansible-core into its own virtual environment under the tool cache, from the mirror's
 * `/pypi/simple` index when a mirror is given. Only the environment's `ansible*` commands are put on
 * PATH (through a `bin` directory of links), so later steps keep the python they had.
 */
async function installAnsible(version, mirrorUrl, deps) {
    const started = Date.now();
    const { exec, logger, tools } = deps;
    const indexUrl = (0,releases.pythonIndexUrl)(mirrorUrl);
    const source = indexUrl ? (0,releases.displayUrl)(indexUrl) : 'the default Python package index';
    const cached = tools.find(ANSIBLE_TOOL, version);
    if (cached) {
        logger.info(`ansible-core ${version}: found in the tool cache at ${cached}`);
        return {
            product: 'ansible',
            version,
            binDir: deps.windows ? (0,external_node_path_.join)(cached, 'venv', 'Scripts') : (0,external_node_path_.join)(cached, 'bin'),
            fromCache: true,
            source: 'tool cache',
            durationMs: Date.now() - started,
        };
    }
    const dir = await tools.prepare(ANSIBLE_TOOL, version);
    const venv = (0,external_node_path_.join)(dir, 'venv');
    const venvBin = (0,external_node_path_.join)(venv, deps.windows ? 'Scripts' : 'bin');
    const python = (0,external_node_path_.join)(venvBin, deps.windows ? 'python.exe' : 'python');
    try {
        const made = await exec(deps.python ?? 'python3', ['-m', 'venv', venv]);
        if (made.exitCode !== 0) {
            throw new errors/* StepFailure */.pH(`ansible-core needs a Python virtual environment, and python3 -m venv exited ${made.exitCode}: ` +
                `${lastLines(made.stderr || made.stdout)}. Install Python 3 with its venv module ` +
                '(python3-venv on Debian and Ubuntu), or use actions/setup-python in an earlier step.');
        }
        const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input'];
        if (indexUrl) {
            args.push('--index-url', indexUrl);
            // pip ignores a plain-http index unless told to trust its host; the user chose that mirror.
            const url = new URL(indexUrl);
            if (url.protocol === 'http:')
                args.push('--trusted-host', url.host);
        }
        args.push(`ansible-core==${version}`);
        logger.info(`ansible-core ${version}: pip install from ${source}`);
        const installed = await exec(python, args, { env: { PIP_NO_INPUT: '1' } });
        if (installed.exitCode !== 0) {
            throw new errors/* StepFailure */.pH(`pip could not install ansible-core==${version} from ${source} (exit ${installed.exitCode}): ` +
                lastLines(installed.stderr || installed.stdout));
        }
        const reported = await exec(python, [
            '-c',
            'import importlib.metadata as m; print(m.version("ansible-core"))',
        ]);
        if (reported.exitCode !== 0 || reported.stdout.trim() !== version) {
            throw new errors/* StepFailure */.pH(`pip installed ansible-core ${reported.stdout.trim() || '(unknown)'}, not the ${version} that was asked for.`);
        }
        // Links to the environment's ansible commands only: its python and pip stay off PATH.
        const bin = (0,external_node_path_.join)(dir, 'bin');
        if (deps.windows) {
            await (0,promises_.rm)(bin, { force: true, recursive: true });
        }
        else {
            await (0,promises_.mkdir)(bin, { recursive: true });
            const commands = (await (0,promises_.readdir)(venvBin)).filter((name) => name.startsWith('ansible'));
            if (commands.length === 0)
                throw new errors/* StepFailure */.pH(`ansible-core ${version} from ${source} installed no ansible commands.`);
            for (const name of commands)
                await (0,promises_.symlink)((0,external_node_path_.join)(venvBin, name), (0,external_node_path_.join)(bin, name));
        }
        await tools.complete(ANSIBLE_TOOL, version);
        logger.info(`ansible-core ${version}: installed in ${venv}`);
        return {
            product: 'ansible',
            version,
            binDir: deps.windows ? venvBin : bin,
            fromCache: false,
            source,
            durationMs: Date.now() - started,
        };
    }
    catch (error) {
        // Half an environment must not be found by the next run.
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        throw error;
    }
}
function lastLines(text, count = 15) {
    return text.trim().split(/\r?\n/).slice(-count).join('\n');
}

// EXTERNAL MODULE: ./lib/toolchain/install.js + 1 modules
var install = __webpack_require__(4059);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./lib/toolchain/plugin-cache.js




/**
 * The provider plugin cache, as the cache library is given it. The library versions an entry by the
 * paths it was saved from, exactly as written, so the path must read the same in every job: `~` does
 * (the library expands it), while RUNNER_TEMP differs from job to job. It is Terraform's documented
 * place for the cache, outside the workspace, where no scan or `git add` sees provider binaries.
 */
const PLUGIN_CACHE_PATH = '~/.terraform.d/plugin-cache';
function pluginCacheDir(home) {
    return (0,external_node_path_.join)(home, '.terraform.d', 'plugin-cache');
}
const LOCK_FILE = '.terraform.lock.hcl';
const SKIPPED_DIRS = new Set(['.git', '.terraform', 'node_modules']);
/** Every `.terraform.lock.hcl` under the workspace (not in .git, .terraform or node_modules), sorted. */
async function findLockFiles(root) {
    const found = [];
    const walk = async (dir) => {
        for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
            if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name))
                await walk((0,external_node_path_.join)(dir, entry.name));
            else if (entry.isFile() && entry.name === LOCK_FILE)
                found.push((0,external_node_path_.join)(dir, entry.name));
        }
    };
    await walk(root);
    return found.sort();
}
/** One digest over the lock files' paths (relative, with /) and contents: any change of either changes it. */
async function hashLockFiles(root, files) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const file of files) {
        hash.update((0,external_node_path_.relative)(root, file).split(external_node_path_.sep).join('/'));
        hash.update('\0');
        hash.update(await (0,promises_.readFile)(file));
        hash.update('\0');
    }
    return hash.digest('hex');
}
const KEY_PREFIX = 'iac-setup-providers';
/** Providers are platform binaries: the key names the platform, then the lock files' digest. */
function pluginCacheKey(platform, lockDigest) {
    const prefix = `${KEY_PREFIX}-${platform.os}-${platform.arch}-`;
    return { key: prefix + lockDigest, restoreKeys: [prefix] };
}
/**
 * Restores the plugin cache keyed by the workspace's lock files. Without lock files nothing is
 * cached: there is no key that says which providers the directory should hold. A cache service that
 * fails is a warning, never a failed step: the cache only saves time.
 */
async function restorePluginCache(options) {
    const { logger } = options;
    await (0,promises_.mkdir)(options.dir, { recursive: true });
    const lockFiles = await findLockFiles(options.workspace);
    if (lockFiles.length === 0) {
        logger.info(`No ${LOCK_FILE} in the workspace, so the provider plugin cache is not saved or restored.`);
        return undefined;
    }
    const { key, restoreKeys } = pluginCacheKey(options.platform, await hashLockFiles(options.workspace, lockFiles));
    const cache = await options.cache();
    if (!cache.isFeatureAvailable()) {
        logger.warning('The Actions cache service is not available here, so the provider plugin cache is not kept.');
        return undefined;
    }
    try {
        const restored = await cache.restoreCache([PLUGIN_CACHE_PATH], key, restoreKeys);
        logger.info(restored
            ? `Provider plugin cache restored from ${restored}${restored === key ? '' : ` (for ${key})`}.`
            : `No provider plugin cache for ${key} yet; it is saved at the end of the job.`);
        return { key, ...(restored ? { restored } : {}) };
    }
    catch (error) {
        logger.warning(`The provider plugin cache was not restored: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return { key };
    }
}
/** The post step: saves the plugin cache unless it was restored by this very key or holds nothing. */
async function savePluginCache(options) {
    const { logger, key } = options;
    if (!key) {
        logger.debug('no provider plugin cache key was recorded; nothing to save');
        return;
    }
    if (options.restored === key) {
        logger.info(`The provider plugin cache ${key} was restored unchanged in key; not saved again.`);
        return;
    }
    const entries = await (0,promises_.readdir)(options.dir).catch(() => []);
    if (entries.length === 0) {
        logger.info('The provider plugin cache is empty (no init ran?); nothing to save.');
        return;
    }
    try {
        const cache = await options.cache();
        const id = await cache.saveCache([PLUGIN_CACHE_PATH], key);
        logger.info(id === -1
            ? `The provider plugin cache ${key} was not saved.`
            : `Saved the provider plugin cache as ${key}.`);
    }
    catch (error) {
        // Another job may have saved the same key first; either way the next run still works.
        logger.warning(`The provider plugin cache was not saved: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}

;// CONCATENATED MODULE: ./lib/toolchain/version-files.js




const VERSION_FILE_NAMES = ['.tool-versions', '.opentofu-version', '.terraform-version'];
/**
 * Parses asdf's `.tool-versions`: `<tool> <version> [fallback versions...]` a line, `#` comments.
 * Only the first version of a line counts (asdf's fallbacks need a resolver we do not have). A tool
 * named twice keeps its first line, as asdf does.
 */
function parseToolVersions(text) {
    const tools = new Map();
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.replace(/#.*$/, '').trim();
        if (line === '')
            return;
        const [tool, version] = line.split(/\s+/);
        if (!tool || !version || tools.has(tool))
            return;
        tools.set(tool, { version, line: index + 1 });
    });
    return tools;
}
/** `.opentofu-version` / `.terraform-version` (tfenv's format): the first line that is not a comment. */
function parseVersionFile(text) {
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.replace(/#.*$/, '').trim();
        if (line !== '')
            return line;
    }
    return undefined;
}
async function readVersionFiles(dir) {
    const files = {};
    for (const name of VERSION_FILE_NAMES) {
        try {
            files[name] = await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), 'utf8');
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
        }
    }
    return files;
}
function fromInput(value, input) {
    return value ? { version: (0,releases.exactVersion)(value, `Input "${input}"`), from: `input ${input}` } : undefined;
}
/**
 * Decides what to install. An input wins over every file; for OpenTofu and Terraform the inputs also
 * choose the tool, so a file is read only when neither tofu-version nor terraform-version is given.
 * Files, in order: `.tool-versions` (opentofu, terraform, packer, conftest, ansible-core), then
 * `.opentofu-version`, then `.terraform-version`. Naming both OpenTofu and Terraform in files is
 * refused rather than guessed.
 */
function resolveRequests(inputs, files) {
    const requests = {};
    const toolVersions = files['.tool-versions'] ? parseToolVersions(files['.tool-versions']) : new Map();
    const fromToolVersions = (tool) => {
        const entry = toolVersions.get(tool);
        if (!entry)
            return undefined;
        const where = `.tool-versions line ${entry.line} (${tool})`;
        return { version: (0,releases.exactVersion)(entry.version, where), from: '.tool-versions' };
    };
    const fromFile = (name) => {
        const text = files[name];
        if (text === undefined)
            return undefined;
        const version = parseVersionFile(text);
        if (version === undefined)
            throw new errors/* ConfigurationError */.j1(`${name} is empty: write one version in it.`);
        return { version: (0,releases.exactVersion)(version, name), from: name };
    };
    const tofuInput = fromInput(inputs.tofuVersion, 'tofu-version');
    const terraformInput = fromInput(inputs.terraformVersion, 'terraform-version');
    if (tofuInput)
        requests.opentofu = tofuInput;
    else if (terraformInput)
        requests.terraform = terraformInput;
    else {
        const tofu = fromToolVersions('opentofu') ?? fromFile('.opentofu-version');
        const terraform = fromToolVersions('terraform') ?? fromFile('.terraform-version');
        if (tofu && terraform) {
            throw new errors/* ConfigurationError */.j1(`The workspace names both OpenTofu (${tofu.from}) and Terraform (${terraform.from}); ` +
                'choose one with the tofu-version or terraform-version input.');
        }
        if (tofu)
            requests.opentofu = tofu;
        if (terraform)
            requests.terraform = terraform;
    }
    const packer = fromInput(inputs.packerVersion, 'packer-version') ?? fromToolVersions('packer');
    if (packer)
        requests.packer = packer;
    // asdf's conftest plugin names the tool `conftest`.
    const conftest = fromInput(inputs.conftestVersion, 'conftest-version') ?? fromToolVersions('conftest');
    if (conftest)
        requests.conftest = conftest;
    const ansible = fromInput(inputs.ansibleVersion, 'ansible-version') ?? fromToolVersions('ansible-core');
    if (ansible)
        requests.ansible = ansible;
    return requests;
}

;// CONCATENATED MODULE: ./lib/toolchain/setup.js







/** The output each tool's version is reported under. */
const OUTPUTS = {
    opentofu: 'tofu-version',
    terraform: 'terraform-version',
    packer: 'packer-version',
    conftest: 'conftest-version',
    ansible: 'ansible-version',
};
/** What comes from release archives, in the order installed (each addPath goes in front of the last). */
const RELEASE_PRODUCTS = [
    'opentofu',
    'terraform',
    'packer',
    'conftest',
];
/**
 * Installs what the inputs and version files ask for, each onto PATH as soon as it is ready, then
 * points OpenTofu or Terraform at a provider plugin cache and restores that from the Actions cache.
 */
async function setup(inputs, deps) {
    const requests = resolveRequests(inputs, deps.versionFiles);
    if (Object.keys(requests).length === 0) {
        throw new errors/* ConfigurationError */.j1('Nothing to install: give tofu-version, terraform-version, packer-version, conftest-version or ' +
            'ansible-version, or commit a .tool-versions, .opentofu-version or .terraform-version file.');
    }
    const mirrorUrl = inputs.mirrorUrl;
    // A mirror may carry credentials (https://user:token@host/); every download line names its URL.
    const password = mirrorUrl ? new URL(mirrorUrl).password : '';
    if (password)
        deps.logger.mask(decodeURIComponent(password));
    const result = { installed: [] };
    const record = (installed, requested) => {
        deps.addPath(installed.binDir);
        result.installed.push({ ...installed, from: requested.from });
    };
    for (const product of RELEASE_PRODUCTS) {
        const requested = requests[product];
        if (!requested)
            continue;
        const installed = await deps.logger.group(`${releases.PRODUCTS[product].title} ${requested.version}`, () => (0,install/* installRelease */.Rs)(product, requested.version, mirrorUrl, deps));
        record(installed, requested);
    }
    if (requests.ansible) {
        const requested = requests.ansible;
        const installed = await deps.logger.group(`ansible-core ${requested.version}`, () => installAnsible(requested.version, mirrorUrl, {
            exec: deps.exec,
            logger: deps.logger,
            tools: deps.toolDirectories,
            windows: deps.windows,
        }));
        record(installed, requested);
    }
    if (requests.opentofu || requests.terraform) {
        const dir = pluginCacheDir(deps.home);
        await (0,promises_.mkdir)(dir, { recursive: true });
        // Exported whether or not the Actions cache keeps it: several inits in one job share it anyway.
        deps.exportVariable('TF_PLUGIN_CACHE_DIR', dir);
        result.pluginCacheDir = dir;
        if (inputs.cache) {
            const restored = await restorePluginCache({
                workspace: deps.workspace,
                dir,
                platform: deps.platform,
                cache: deps.cache,
                logger: deps.logger,
            });
            if (restored)
                result.pluginCache = restored;
        }
    }
    return result;
}
const STATE_KEY = 'plugin-cache-key';
const STATE_RESTORED = 'plugin-cache-restored';
/**
 * The setup step: installs the tools the inputs and the workspace's version files ask for, sets each
 * tool's version output, and keeps the plugin cache's key for the post step, which saves the cache.
 */
async function runSetup(inputs, deps) {
    const result = await setup(inputs, { ...deps, versionFiles: await readVersionFiles(deps.workspace) });
    for (const output of Object.values(OUTPUTS)) {
        const installed = result.installed.find((tool) => OUTPUTS[tool.product] === output);
        deps.setOutputs({ [output]: installed?.version ?? '' });
    }
    if (result.pluginCache) {
        deps.saveState(STATE_KEY, result.pluginCache.key);
        deps.saveState(STATE_RESTORED, result.pluginCache.restored ?? '');
    }
    await deps.writeSummary(setupSummaryMarkdown(result));
}
/** The setup step's post phase: saves the plugin cache main restored or started, under main's key. */
function saveSetupPluginCache(deps) {
    return savePluginCache({
        key: deps.state(STATE_KEY),
        restored: deps.state(STATE_RESTORED),
        dir: pluginCacheDir(deps.home),
        cache: deps.cache,
        logger: deps.logger,
    });
}
function setupSummaryMarkdown(result) {
    const rows = result.installed.map((tool) => {
        const title = tool.product === 'ansible' ? 'ansible-core' : releases.PRODUCTS[tool.product].title;
        const how = tool.fromCache ? 'tool cache' : `downloaded, sha256 verified`;
        return `| ${title} | ${tool.version} | ${tool.from} | ${how} | ${(tool.durationMs / 1000).toFixed(1)} s |`;
    });
    const lines = [
        '### Toolchain',
        '',
        '| tool | version | version from | installed from | time |',
        '|---|---|---|---|---|',
        ...rows,
    ];
    if (result.pluginCache) {
        const { key, restored } = result.pluginCache;
        lines.push('', restored
            ? `Provider plugin cache restored from \`${restored}\`.`
            : `Provider plugin cache \`${key}\` is new; it is saved at the end of the job.`);
    }
    return lines.join('\n') + '\n';
}


/***/ })

};
