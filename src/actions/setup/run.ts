import { homedir } from 'node:os';
import { runAction } from '../../core/run-action.js';
import type { CacheLibrary } from '../../toolchain/plugin-cache.js';
import { releasePlatform } from '../../toolchain/releases.js';
import { runSetup, saveSetupPluginCache } from '../../toolchain/setup.js';
import { actionsToolCache, actionsToolDirectories } from '../../toolchain/tool-cache.js';
import { setupInputs } from './inputs.js';
import { setupOutputs } from './outputs.js';

// Heavy (Azure storage client and more): loaded only when a plugin cache is restored or saved.
const cacheLibrary = (): Promise<CacheLibrary> => import('@actions/cache');

export function run(): Promise<void> {
  return runAction(
    'setup',
    setupInputs,
    setupOutputs,
    ({ inputs, ...context }) =>
      runSetup(inputs, {
        ...context,
        toolCache: actionsToolCache,
        toolDirectories: actionsToolDirectories(),
        platform: releasePlatform(process.platform, process.arch),
        windows: process.platform === 'win32',
        workspace: process.cwd(),
        home: homedir(),
        cache: cacheLibrary,
      }),
    ({ state, logger }) => saveSetupPluginCache({ state, logger, home: homedir(), cache: cacheLibrary }),
  );
}
