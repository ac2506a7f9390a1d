import { homedir } from 'node:os';
import { runAction } from '../../core/run-action.js';
import type { CacheLibrary } from '../../toolchain/plugin-cache.js';
import { setupInputs } from './inputs.js';
import { setupOutputs } from './outputs.js';

// Heavy (Azure storage client and more): loaded only when a plugin cache is restored or saved.
const cacheLibrary = (): Promise<CacheLibrary> => import('@actions/cache');

export function run(): Promise<void> {
  return runAction(
    'setup',
    setupInputs,
    setupOutputs,
    async ({ inputs, ...context }) => {
      // Loaded once the inputs are valid (as in every action): a refused input needs only the input layer.
      const [{ runSetup }, { actionsToolCache, actionsToolDirectories }, { releasePlatform }] =
        await Promise.all([
          import('../../toolchain/setup.js'),
          import('../../toolchain/tool-cache.js'),
          import('../../toolchain/releases.js'),
        ]);
      return runSetup(inputs, {
        ...context,
        toolCache: actionsToolCache,
        toolDirectories: actionsToolDirectories(),
        platform: releasePlatform(process.platform, process.arch),
        windows: process.platform === 'win32',
        workspace: process.cwd(),
        home: homedir(),
        cache: cacheLibrary,
      });
    },
    async ({ state, logger }) => {
      const { saveSetupPluginCache } = await import('../../toolchain/setup.js');
      await saveSetupPluginCache({ state, logger, home: homedir(), cache: cacheLibrary });
    },
  );
}
