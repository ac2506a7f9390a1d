import { homedir } from 'node:os';
import { runAction } from '../../core/run-action.js';
import type { CacheLibrary } from '../../toolchain/plugin-cache.js';
import { pluginCacheDir, savePluginCache } from '../../toolchain/plugin-cache.js';
import { releasePlatform } from '../../toolchain/releases.js';
import { actionsToolCache, actionsToolDirectories } from '../../toolchain/tool-cache.js';
import { readVersionFiles } from '../../toolchain/version-files.js';
import { setupInputs } from './inputs.js';
import { OUTPUTS, setup, setupSummaryMarkdown } from './setup.js';

const STATE_KEY = 'plugin-cache-key';
const STATE_RESTORED = 'plugin-cache-restored';

// Heavy (Azure storage client and more): loaded only when a plugin cache is restored or saved.
const cacheLibrary = (): Promise<CacheLibrary> => import('@actions/cache');

export function run(): Promise<void> {
  return runAction(
    'setup',
    setupInputs,
    async ({ inputs, logger, exec, setOutput, saveState, addPath, exportVariable, writeSummary }) => {
      const workspace = process.cwd();
      const result = await setup(inputs, {
        exec,
        logger,
        toolCache: actionsToolCache,
        toolDirectories: actionsToolDirectories(),
        platform: releasePlatform(process.platform, process.arch),
        windows: process.platform === 'win32',
        workspace,
        home: homedir(),
        versionFiles: await readVersionFiles(workspace),
        cache: cacheLibrary,
        addPath,
        exportVariable,
      });
      for (const output of Object.values(OUTPUTS)) {
        const installed = result.installed.find((tool) => OUTPUTS[tool.product] === output);
        setOutput(output, installed?.version ?? '');
      }
      if (result.pluginCache) {
        saveState(STATE_KEY, result.pluginCache.key);
        saveState(STATE_RESTORED, result.pluginCache.restored ?? '');
      }
      await writeSummary(setupSummaryMarkdown(result));
    },
    ({ state, logger }) =>
      savePluginCache({
        key: state(STATE_KEY),
        restored: state(STATE_RESTORED),
        dir: pluginCacheDir(homedir()),
        cache: cacheLibrary,
        logger,
      }),
  );
}
