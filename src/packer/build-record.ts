import type * as CacheLibrary from '@actions/cache';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BUILD_METADATA_FILE, readBuildMetadata, type BuildMetadata } from '../contracts/build-metadata.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

/**
 * skip-unchanged: a successful build leaves its build-metadata.json in the Actions cache under a key made
 * of the template hash, and a later run that finds that key hands on the recorded image instead of
 * building. Cache entries are immutable, so a key is written once, by the first build of that template.
 */
export interface BuildRecords {
  /** The metadata an earlier successful build recorded under `key`, or undefined. */
  find(key: string): Promise<BuildMetadata | undefined>;
  /** Records this build's metadata under `key`; failing to is not the build's failure. */
  record(key: string, metadata: BuildMetadata): Promise<void>;
}

export interface BuildRecordKeyInput {
  /** `sha256:<hex>`. */
  templateHash: string;
  only: readonly string[];
  except: readonly string[];
  /** The `vars` input: a different value makes a different image. */
  vars: ReadonlyArray<readonly [string, string]>;
}

/**
 * `iac-packer-<template hash>-<options>`: the template hash, and a digest of what else selects what is
 * built (only, except, vars). Values enter the key only through that digest: the key is visible to
 * whoever can list the repository's caches. The image name is not part of it: image names are often
 * unique per run (clouds refuse a second image of the same name), and an unchanged template should
 * still be skipped then.
 */
export function buildRecordKey(input: BuildRecordKeyInput): string {
  const options = createHash('sha256')
    .update(
      JSON.stringify({
        only: [...input.only].sort(),
        except: [...input.except].sort(),
        vars: [...input.vars]
          .filter(([name]) => name !== 'image_name')
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      }),
    )
    .digest('hex')
    .slice(0, 16);
  return `iac-packer-${input.templateHash.replace(/^sha256:/, '')}-${options}`;
}

/**
 * The record's directory, relative to the workspace. The cache library versions an entry by the paths
 * it was saved from, so the path must be the same in every job: RUNNER_TEMP differs from job to job.
 */
export const RECORD_DIR = '.iac-packer-build-record';

/** BuildRecords over @actions/cache (loaded on first use: it is heavy, and only skip-unchanged needs it). */
export function actionsCacheBuildRecords(workspace: string, logger: Logger): BuildRecords {
  const dir = resolve(workspace, RECORD_DIR);
  let loaded: Promise<typeof CacheLibrary | undefined> | undefined;
  // Loaded once, so that a runner without the service is told so once.
  const library = () =>
    (loaded ??= import('@actions/cache').then((cache) => {
      if (cache.isFeatureAvailable()) return cache;
      logger.warning(
        'skip-unchanged needs the Actions cache service, which this runner does not offer; the image is built.',
      );
      return undefined;
    }));
  return {
    async find(key) {
      const cache = await library();
      if (!cache) return undefined;
      await rm(dir, { recursive: true, force: true });
      try {
        const hit = await cache.restoreCache([RECORD_DIR], key);
        if (hit === undefined) return undefined;
        return readBuildMetadata(await readFile(join(dir, BUILD_METADATA_FILE), 'utf8'));
      } catch (error) {
        logger.warning(
          `Could not read the build record ${key}, so the image is built: ${errorMessage(error)}`,
        );
        return undefined;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async record(key, metadata) {
      const cache = await library();
      if (!cache) return;
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      try {
        await writeFile(join(dir, BUILD_METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
        // -1 when the entry exists already (another job built the same template) or the service refused.
        const id = await cache.saveCache([RECORD_DIR], key);
        if (id === -1) logger.info(`The build record ${key} was not saved (see the cache message above).`);
        else logger.info(`Recorded the build in the Actions cache as ${key}`);
      } catch (error) {
        logger.warning(`Could not record the build for skip-unchanged: ${errorMessage(error)}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
