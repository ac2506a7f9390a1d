import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Platform } from './releases.js';

/**
 * The provider plugin cache, as the cache library is given it. The library versions an entry by the
 * paths it was saved from, exactly as written, so the path must read the same in every job: `~` does
 * (the library expands it), while RUNNER_TEMP differs from job to job. It is Terraform's documented
 * place for the cache, outside the workspace, where no scan or `git add` sees provider binaries.
 */
export const PLUGIN_CACHE_PATH = '~/.terraform.d/plugin-cache';

export function pluginCacheDir(home: string): string {
  return join(home, '.terraform.d', 'plugin-cache');
}

export const LOCK_FILE = '.terraform.lock.hcl';
const SKIPPED_DIRS = new Set(['.git', '.terraform', 'node_modules']);

/** Every `.terraform.lock.hcl` under the workspace (not in .git, .terraform or node_modules), sorted. */
export async function findLockFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(join(dir, entry.name));
      else if (entry.isFile() && entry.name === LOCK_FILE) found.push(join(dir, entry.name));
    }
  };
  await walk(root);
  return found.sort();
}

/** One digest over the lock files' paths (relative, with /) and contents: any change of either changes it. */
export async function hashLockFiles(root: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const KEY_PREFIX = 'iac-setup-providers';

/** Providers are platform binaries: the key names the platform, then the lock files' digest. */
export function pluginCacheKey(
  platform: Platform,
  lockDigest: string,
): { key: string; restoreKeys: string[] } {
  const prefix = `${KEY_PREFIX}-${platform.os}-${platform.arch}-`;
  return { key: prefix + lockDigest, restoreKeys: [prefix] };
}

/** The part of @actions/cache this uses; the library is loaded only when the cache is wanted. */
export interface CacheLibrary {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], key: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface RestoreResult {
  key: string;
  /** The key of the entry restored: the exact key, an older one by prefix, or undefined. */
  restored?: string;
}

/**
 * Restores the plugin cache keyed by the workspace's lock files. Without lock files nothing is
 * cached: there is no key that says which providers the directory should hold. A cache service that
 * fails is a warning, never a failed step: the cache only saves time.
 */
export async function restorePluginCache(options: {
  workspace: string;
  dir: string;
  platform: Platform;
  cache: () => Promise<CacheLibrary>;
  logger: Logger;
}): Promise<RestoreResult | undefined> {
  const { logger } = options;
  await mkdir(options.dir, { recursive: true });
  const lockFiles = await findLockFiles(options.workspace);
  if (lockFiles.length === 0) {
    logger.info(`No ${LOCK_FILE} in the workspace, so the provider plugin cache is not saved or restored.`);
    return undefined;
  }
  const { key, restoreKeys } = pluginCacheKey(
    options.platform,
    await hashLockFiles(options.workspace, lockFiles),
  );
  const cache = await options.cache();
  if (!cache.isFeatureAvailable()) {
    logger.warning(
      'The Actions cache service is not available here, so the provider plugin cache is not kept.',
    );
    return undefined;
  }
  try {
    const restored = await cache.restoreCache([PLUGIN_CACHE_PATH], key, restoreKeys);
    logger.info(
      restored
        ? `Provider plugin cache restored from ${restored}${restored === key ? '' : ` (for ${key})`}.`
        : `No provider plugin cache for ${key} yet; it is saved at the end of the job.`,
    );
    return { key, ...(restored ? { restored } : {}) };
  } catch (error) {
    logger.warning(`The provider plugin cache was not restored: ${errorMessage(error)}`);
    return { key };
  }
}

/** The post step: saves the plugin cache unless it was restored by this very key or holds nothing. */
export async function savePluginCache(options: {
  key: string;
  restored: string;
  dir: string;
  cache: () => Promise<CacheLibrary>;
  logger: Logger;
}): Promise<void> {
  const { logger, key } = options;
  if (!key) {
    logger.debug('no provider plugin cache key was recorded; nothing to save');
    return;
  }
  if (options.restored === key) {
    logger.info(`The provider plugin cache ${key} was restored unchanged in key; not saved again.`);
    return;
  }
  const entries = await readdir(options.dir).catch(() => [] as string[]);
  if (entries.length === 0) {
    logger.info('The provider plugin cache is empty (no init ran?); nothing to save.');
    return;
  }
  try {
    const cache = await options.cache();
    const id = await cache.saveCache([PLUGIN_CACHE_PATH], key);
    logger.info(
      id === -1
        ? `The provider plugin cache ${key} was not saved.`
        : `Saved the provider plugin cache as ${key}.`,
    );
  } catch (error) {
    // Another job may have saved the same key first; either way the next run still works.
    logger.warning(`The provider plugin cache was not saved: ${errorMessage(error)}`);
  }
}
