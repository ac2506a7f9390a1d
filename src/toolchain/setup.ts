import { mkdir } from 'node:fs/promises';
import { ConfigurationError } from '../../core/errors.js';
import type { Exec } from '../../core/exec.js';
import type { InputsOf } from '../../core/inputs.js';
import type { Logger } from '../../core/logger.js';
import { installAnsible, type ToolDirectories } from '../../toolchain/ansible.js';
import { installRelease, type Installed, type ToolCache } from '../../toolchain/install.js';
import {
  pluginCacheDir,
  restorePluginCache,
  type CacheLibrary,
  type RestoreResult,
} from '../../toolchain/plugin-cache.js';
import { PRODUCTS, type Platform, type Product } from '../../toolchain/releases.js';
import { resolveRequests, type Requested, type VersionFiles } from '../../toolchain/version-files.js';
import type { setupInputs } from './inputs.js';

export type SetupInputs = InputsOf<typeof setupInputs.shape>;

export interface SetupDeps {
  exec: Exec;
  logger: Logger;
  toolCache: ToolCache;
  toolDirectories: ToolDirectories;
  platform: Platform;
  windows: boolean;
  workspace: string;
  home: string;
  versionFiles: VersionFiles;
  /** @actions/cache, loaded only when the plugin cache is wanted. */
  cache: () => Promise<CacheLibrary>;
  addPath(dir: string): void;
  exportVariable(name: string, value: string): void;
}

export interface SetupResult {
  installed: Array<Installed & { from: string }>;
  pluginCacheDir?: string;
  pluginCache?: RestoreResult;
}

/** The output each tool's version is reported under. */
export const OUTPUTS: Record<Installed['product'], string> = {
  opentofu: 'tofu-version',
  terraform: 'terraform-version',
  packer: 'packer-version',
  ansible: 'ansible-version',
};

/**
 * Installs what the inputs and version files ask for, each onto PATH as soon as it is ready, then
 * points OpenTofu or Terraform at a provider plugin cache and restores that from the Actions cache.
 */
export async function setup(inputs: SetupInputs, deps: SetupDeps): Promise<SetupResult> {
  const requests = resolveRequests(inputs, deps.versionFiles);
  if (Object.keys(requests).length === 0) {
    throw new ConfigurationError(
      'Nothing to install: give tofu-version, terraform-version, packer-version or ansible-version, or ' +
        'commit a .tool-versions, .opentofu-version or .terraform-version file.',
    );
  }
  const mirrorUrl = inputs.mirrorUrl;
  // A mirror may carry credentials (https://user:token@host/); every download line names its URL.
  const password = mirrorUrl ? new URL(mirrorUrl).password : '';
  if (password) deps.logger.mask(decodeURIComponent(password));
  const result: SetupResult = { installed: [] };
  const record = (installed: Installed, requested: Requested) => {
    deps.addPath(installed.binDir);
    result.installed.push({ ...installed, from: requested.from });
  };

  for (const product of ['opentofu', 'terraform', 'packer'] as const satisfies readonly Product[]) {
    const requested = requests[product];
    if (!requested) continue;
    const installed = await deps.logger.group(`${PRODUCTS[product].title} ${requested.version}`, () =>
      installRelease(product, requested.version, mirrorUrl, deps),
    );
    record(installed, requested);
  }
  if (requests.ansible) {
    const requested = requests.ansible;
    const installed = await deps.logger.group(`ansible-core ${requested.version}`, () =>
      installAnsible(requested.version, mirrorUrl, {
        exec: deps.exec,
        logger: deps.logger,
        tools: deps.toolDirectories,
        windows: deps.windows,
      }),
    );
    record(installed, requested);
  }

  if (requests.opentofu || requests.terraform) {
    const dir = pluginCacheDir(deps.home);
    await mkdir(dir, { recursive: true });
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
      if (restored) result.pluginCache = restored;
    }
  }
  return result;
}

export function setupSummaryMarkdown(result: SetupResult): string {
  const rows = result.installed.map((tool) => {
    const title = tool.product === 'ansible' ? 'ansible-core' : PRODUCTS[tool.product].title;
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
    lines.push(
      '',
      restored
        ? `Provider plugin cache restored from \`${restored}\`.`
        : `Provider plugin cache \`${key}\` is new; it is saved at the end of the job.`,
    );
  }
  return lines.join('\n') + '\n';
}
