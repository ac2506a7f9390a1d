import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { exactVersion } from './releases.js';

/** What the step should install, each with where its version came from (an input or a file). */
export interface Requested {
  version: string;
  from: string;
}

export interface Requests {
  opentofu?: Requested;
  terraform?: Requested;
  packer?: Requested;
  conftest?: Requested;
  ansible?: Requested;
}

export interface VersionInputs {
  tofuVersion?: string;
  terraformVersion?: string;
  packerVersion?: string;
  conftestVersion?: string;
  ansibleVersion?: string;
}

/** The version files of the workspace's root, as text; absent files are undefined. */
export interface VersionFiles {
  '.tool-versions'?: string;
  '.opentofu-version'?: string;
  '.terraform-version'?: string;
}

export const VERSION_FILE_NAMES = ['.tool-versions', '.opentofu-version', '.terraform-version'] as const;

/**
 * Parses asdf's `.tool-versions`: `<tool> <version> [fallback versions...]` a line, `#` comments.
 * Only the first version of a line counts (asdf's fallbacks need a resolver we do not have). A tool
 * named twice keeps its first line, as asdf does.
 */
export function parseToolVersions(text: string): Map<string, { version: string; line: number }> {
  const tools = new Map<string, { version: string; line: number }>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const [tool, version] = line.split(/\s+/);
    if (!tool || !version || tools.has(tool)) return;
    tools.set(tool, { version, line: index + 1 });
  });
  return tools;
}

/** `.opentofu-version` / `.terraform-version` (tfenv's format): the first line that is not a comment. */
export function parseVersionFile(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line !== '') return line;
  }
  return undefined;
}

export async function readVersionFiles(dir: string): Promise<VersionFiles> {
  const files: VersionFiles = {};
  for (const name of VERSION_FILE_NAMES) {
    try {
      files[name] = await readFile(join(dir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files;
}

function fromInput(value: string | undefined, input: string): Requested | undefined {
  return value ? { version: exactVersion(value, `Input "${input}"`), from: `input ${input}` } : undefined;
}

/**
 * Decides what to install. An input wins over every file; for OpenTofu and Terraform the inputs also
 * choose the tool, so a file is read only when neither tofu-version nor terraform-version is given.
 * Files, in order: `.tool-versions` (opentofu, terraform, packer, conftest, ansible-core), then
 * `.opentofu-version`, then `.terraform-version`. Naming both OpenTofu and Terraform in files is
 * refused rather than guessed.
 */
export function resolveRequests(inputs: VersionInputs, files: VersionFiles): Requests {
  const requests: Requests = {};
  const toolVersions = files['.tool-versions'] ? parseToolVersions(files['.tool-versions']) : new Map();
  const fromToolVersions = (tool: string): Requested | undefined => {
    const entry = toolVersions.get(tool);
    if (!entry) return undefined;
    const where = `.tool-versions line ${entry.line} (${tool})`;
    return { version: exactVersion(entry.version, where), from: '.tool-versions' };
  };
  const fromFile = (name: '.opentofu-version' | '.terraform-version'): Requested | undefined => {
    const text = files[name];
    if (text === undefined) return undefined;
    const version = parseVersionFile(text);
    if (version === undefined) throw new ConfigurationError(`${name} is empty: write one version in it.`);
    return { version: exactVersion(version, name), from: name };
  };

  const tofuInput = fromInput(inputs.tofuVersion, 'tofu-version');
  const terraformInput = fromInput(inputs.terraformVersion, 'terraform-version');
  if (tofuInput) requests.opentofu = tofuInput;
  else if (terraformInput) requests.terraform = terraformInput;
  else {
    const tofu = fromToolVersions('opentofu') ?? fromFile('.opentofu-version');
    const terraform = fromToolVersions('terraform') ?? fromFile('.terraform-version');
    if (tofu && terraform) {
      throw new ConfigurationError(
        `The workspace names both OpenTofu (${tofu.from}) and Terraform (${terraform.from}); ` +
          'choose one with the tofu-version or terraform-version input.',
      );
    }
    if (tofu) requests.opentofu = tofu;
    if (terraform) requests.terraform = terraform;
  }

  const packer = fromInput(inputs.packerVersion, 'packer-version') ?? fromToolVersions('packer');
  if (packer) requests.packer = packer;
  // asdf's conftest plugin names the tool `conftest`.
  const conftest = fromInput(inputs.conftestVersion, 'conftest-version') ?? fromToolVersions('conftest');
  if (conftest) requests.conftest = conftest;
  const ansible = fromInput(inputs.ansibleVersion, 'ansible-version') ?? fromToolVersions('ansible-core');
  if (ansible) requests.ansible = ansible;
  return requests;
}
