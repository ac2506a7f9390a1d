import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError, StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { parseSha256Sums, sha256File, verifyChecksum } from './checksums.js';
import { displayUrl, PRODUCTS, releaseFiles, type Platform, type Product } from './releases.js';

/** A download the server answered with something other than 200. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly url: string,
    readonly status: number | undefined,
  ) {
    super(`${displayUrl(url)} answered HTTP ${status ?? '(no status)'}`);
  }
}

/**
 * The runner's tool cache (@actions/tool-cache in the action, a fake in unit tests): a directory per
 * tool, version and arch under RUNNER_TOOL_CACHE, complete only once its `.complete` marker exists.
 */
export interface ToolCache {
  /** The cached directory, or undefined when this version is not (completely) cached. */
  find(tool: string, version: string): string | undefined;
  /** Downloads to a new file under RUNNER_TEMP; throws DownloadError for an HTTP error status. */
  download(url: string): Promise<string>;
  /** Extracts to a new directory under RUNNER_TEMP. */
  extractZip(file: string): Promise<string>;
  /** Extracts a gzipped tar (conftest's archives) to a new directory under RUNNER_TEMP. */
  extractTarGz(file: string): Promise<string>;
  /** Copies a directory into the cache and marks it complete; returns the cached directory. */
  cacheDir(dir: string, tool: string, version: string): Promise<string>;
}

export interface InstallDeps {
  toolCache: ToolCache;
  exec: Exec;
  logger: Logger;
  platform: Platform;
}

export interface Installed {
  product: Product | 'ansible';
  version: string;
  /** The directory to add to PATH. */
  binDir: string;
  fromCache: boolean;
  /** Where it came from: the archive URL, or the package index. */
  source: string;
  durationMs: number;
}

/**
 * Installs one release archive: served from the tool cache when this version is there, otherwise
 * downloaded with its SHA256SUMS, verified, extracted, checked to be the version it claims, and only
 * then put into the tool cache. Anything refused on the way leaves nothing behind in the cache.
 */
export async function installRelease(
  product: Product,
  version: string,
  mirrorUrl: string | undefined,
  deps: InstallDeps,
): Promise<Installed> {
  const started = Date.now();
  const { toolCache, logger } = deps;
  const info = PRODUCTS[product];
  const files = releaseFiles(product, version, deps.platform, mirrorUrl);
  // What messages show: the same URLs without any credentials of the mirror's.
  const shown = { archiveUrl: displayUrl(files.archiveUrl), sumsUrl: displayUrl(files.sumsUrl) };

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

  const temporary: string[] = [];
  try {
    logger.info(`${info.title} ${version}: downloading ${shown.archiveUrl}`);
    const sumsFile = await download(files.sumsUrl, product, version, mirrorUrl, deps);
    temporary.push(sumsFile);
    const sums = parseSha256Sums(await readFile(sumsFile, 'utf8'), shown.sumsUrl);

    const archive = await download(files.archiveUrl, product, version, mirrorUrl, deps);
    temporary.push(archive);
    const digest = await sha256File(archive);
    verifyChecksum(sums, files.archiveName, digest, shown);
    logger.info(`${info.title} ${version}: sha256 ${digest} matches ${files.sumsName}`);

    const extracted =
      files.format === 'zip' ? await toolCache.extractZip(archive) : await toolCache.extractTarGz(archive);
    temporary.push(extracted);
    const binary = join(extracted, files.binaryName);
    try {
      await access(binary);
    } catch {
      throw new StepFailure(
        `${shown.archiveUrl} does not contain ${files.binaryName}; nothing was installed.`,
      );
    }
    const reported = await reportedVersion(product, binary, deps.exec);
    if (reported !== version) {
      throw new StepFailure(
        `${shown.archiveUrl} holds ${info.title} ${reported ?? '(no version reported)'}, not the ${version} ` +
          'that was asked for; nothing was installed.',
      );
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
  } finally {
    for (const path of temporary) await rm(path, { recursive: true, force: true });
  }
}

async function download(
  url: string,
  product: Product,
  version: string,
  mirrorUrl: string | undefined,
  deps: InstallDeps,
): Promise<string> {
  try {
    return await deps.toolCache.download(url);
  } catch (error) {
    if (error instanceof DownloadError && error.status === 404) {
      const info = PRODUCTS[product];
      // The likely mistake differs: a version that was never released, or a mirror with another layout.
      const hint = mirrorUrl
        ? `Input "mirror-url" must serve <mirror>/${product}/<version>/ as the official releases do, and ` +
          `input "${info.input}" must name a version the mirror holds`
        : `Input "${info.input}" must name a released ${info.title} version`;
      throw new ConfigurationError(`${hint}: ${displayUrl(url)} was not found (HTTP 404).`);
    }
    if (error instanceof DownloadError)
      throw new StepFailure(`Could not download ${displayUrl(url)}: HTTP ${error.status ?? '(no status)'}.`);
    throw error;
  }
}

/**
 * The version the binary reports: `version -json` for tofu and terraform, `version` for packer,
 * `--version` for conftest (`Conftest: 0.71.1`, then OPA's version; a build without the release's
 * ldflags says `dev` and is refused like any other wrong version).
 */
export async function reportedVersion(
  product: Product,
  binary: string,
  exec: Exec,
): Promise<string | undefined> {
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
    const parsed = JSON.parse(result.stdout) as { terraform_version?: unknown };
    return typeof parsed.terraform_version === 'string' ? parsed.terraform_version : undefined;
  } catch {
    return undefined;
  }
}
