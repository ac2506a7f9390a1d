import { mkdir } from 'node:fs/promises';
import { ConfigurationError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { installAnsible, type ToolDirectories } from './ansible.js';
import { installRelease, type Installed, type ToolCache } from './install.js';
import {
  pluginCacheDir,
  restorePluginCache,
  savePluginCache,
  type CacheLibrary,
  type RestoreResult,
} from './plugin-cache.js';
import { PRODUCTS, type Platform, type Product } from './releases.js';
import { readVersionFiles, resolveRequests, type Requested, type VersionFiles } from './version-files.js';
import type { StepReport } from '../core/outputs.js';

/** What setup reads: its inputs, camel-cased, as src/actions/setup/inputs.ts parses them. */
export interface SetupInputs {
  tofuVersion?: string | undefined;
  terraformVersion?: string | undefined;
  packerVersion?: string | undefined;
  conftestVersion?: string | undefined;
  ansibleVersion?: string | undefined;
  mirrorUrl?: string | undefined;
  cache: boolean;
}

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

/** The outputs setup sets, by their action.yml names: each tool's version, empty when not installed. */
export interface SetupOutputs {
  'tofu-version': string;
  'terraform-version': string;
  'packer-version': string;
  'conftest-version': string;
  'ansible-version': string;
}

/** The output each tool's version is reported under. */
export const OUTPUTS: Record<Installed['product'], keyof SetupOutputs> = {
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
] as const satisfies readonly Product[];

/**
 * Installs what the inputs and version files ask for, each onto PATH as soon as it is ready, then
 * points OpenTofu or Terraform at a provider plugin cache and restores that from the Actions cache.
 */
export async function setup(inputs: SetupInputs, deps: SetupDeps): Promise<SetupResult> {
  const requests = resolveRequests(inputs, deps.versionFiles);
  if (Object.keys(requests).length === 0) {
    throw new ConfigurationError(
      'Nothing to install: give tofu-version, terraform-version, packer-version, conftest-version or ' +
        'ansible-version, or commit a .tool-versions, .opentofu-version or .terraform-version file.',
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

  for (const product of RELEASE_PRODUCTS) {
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

const STATE_KEY = 'plugin-cache-key';
const STATE_RESTORED = 'plugin-cache-restored';

export interface SetupStepDependencies extends Omit<SetupDeps, 'versionFiles'>, StepReport<SetupOutputs> {
  saveState(name: string, value: string): void;
}

/**
 * The setup step: installs the tools the inputs and the workspace's version files ask for, sets each
 * tool's version output, and keeps the plugin cache's key for the post step, which saves the cache.
 */
export async function runSetup(inputs: SetupInputs, deps: SetupStepDependencies): Promise<void> {
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
export function saveSetupPluginCache(deps: {
  state: (name: string) => string;
  home: string;
  cache: () => Promise<CacheLibrary>;
  logger: Logger;
}): Promise<void> {
  return savePluginCache({
    key: deps.state(STATE_KEY),
    restored: deps.state(STATE_RESTORED),
    dir: pluginCacheDir(deps.home),
    cache: deps.cache,
    logger: deps.logger,
  });
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
