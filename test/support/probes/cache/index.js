// A test-bed probe, not part of the suite: keeps a directory across runs with the real @actions/cache.
import * as core from '@actions/core';
import * as cache from '@actions/cache';

const key = core.getInput('key', { required: true });
const paths = [core.getInput('path', { required: true })];
try {
  if (core.getInput('mode') === 'save') {
    const id = await cache.saveCache(paths, key);
    if (id === -1) throw new Error(`the cache entry ${key} was not saved`);
  } else {
    core.setOutput('cache-hit', (await cache.restoreCache(paths, key)) ?? '');
  }
} catch (error) {
  core.setFailed(error instanceof Error ? error.message : String(error));
}
