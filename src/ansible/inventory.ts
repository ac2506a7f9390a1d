import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ArtifactStore } from '../artifacts/store.js';
import { ConfigurationError } from '../core/errors.js';
import { HOST_LIST } from './inventory-content.js';
import { findConfinedPath, PathRefusal, quoteValue, refusedInput } from '../core/paths.js';

/** What `-i` gets, and how the summary and results name it. */
export interface InventorySource {
  kind: 'path' | 'inline' | 'host-list' | 'artifact';
  /** The argument for `-i`: a path, or a comma-separated host list. */
  argument: string;
  description: string;
}

/** The file tf-apply puts in its inventory artifact (src/terraform/apply.ts). */
export const ARTIFACT_INVENTORY_FILE = 'inventory.yml';

export interface ResolveInventoryOptions {
  /** The `inventory` input, as given. */
  given: string | undefined;
  /** The artifact to download when `given` is empty. */
  artifactName: string;
  artifacts: ArtifactStore;
  /** Where an inline inventory or the downloaded artifact is written. */
  scratch: string;
  workspace: string;
}

const EXPECTED =
  'an inventory file or directory in the workspace, a comma-separated host list ("web-1,web-2,"), ' +
  'or an inline YAML or INI inventory';

/**
 * The `inventory` input is one of: a path (file or directory, relative to the workspace); a host list
 * in Ansible's `-i host1,host2,` form; or the inventory itself, inline, in YAML or INI. Empty: the
 * inventory tf-apply published as an artifact.
 */
export async function resolveInventory(options: ResolveInventoryOptions): Promise<InventorySource> {
  const given = options.given?.trim();
  if (!given) return fromArtifact(options);
  if (!given.includes('\n')) {
    if (HOST_LIST.test(given)) {
      return { kind: 'host-list', argument: given, description: `hosts ${given.replace(/,$/, '')}` };
    }
    const path = inventoryPath(given);
    if (path) return { kind: 'path', argument: path, description: workspacePath(path, options.workspace) };
    // One line naming no file is an inline inventory ("web-1 ansible_host=10.0.0.1"), unless it looks like a path.
    if (/[/\\]|\.(?:ya?ml|json|ini|cfg|txt)$/i.test(given) && !/\s/.test(given)) {
      throw new ConfigurationError(
        `Input "inventory" must be ${EXPECTED}; no file or directory ${quoteValue(given)}.`,
      );
    }
  }
  return writeInline(given, options.scratch);
}

/**
 * The inventory file or directory `given` names, held to the workspace rule. A one-line inline
 * inventory sets a variable (`web-1 ansible_host=10.0.0.1`), so a value with `=` that the rule refuses
 * is not a path; anything else the rule refuses is an error, never a silent inline inventory.
 */
function inventoryPath(given: string): string | undefined {
  try {
    return findConfinedPath(given, 'file or directory');
  } catch (error) {
    if (!(error instanceof PathRefusal)) throw error;
    if (given.includes('=')) return undefined;
    throw refusedInput('inventory', given, error);
  }
}

async function fromArtifact(options: ResolveInventoryOptions): Promise<InventorySource> {
  const dir = join(options.scratch, 'inventory-artifact');
  await options.artifacts.download(options.artifactName, dir);
  const file = join(dir, ARTIFACT_INVENTORY_FILE);
  if (!existsSync(file)) {
    const found = (await readdir(dir)).join(', ') || 'nothing';
    throw new ConfigurationError(
      `The artifact ${options.artifactName} holds no ${ARTIFACT_INVENTORY_FILE} (it holds ${found}): ` +
        'name the inventory tf-apply published in inventory-artifact, or give the inventory input.',
    );
  }
  return { kind: 'artifact', argument: file, description: `artifact ${options.artifactName}` };
}

/**
 * Ansible picks the parser by trying each plugin, but its yaml plugin reads only .yml/.yaml/.json
 * files: a YAML mapping goes to inventory.yml, anything else (INI) to inventory.ini.
 */
async function writeInline(content: string, scratch: string): Promise<InventorySource> {
  let yaml: unknown;
  try {
    yaml = parseYaml(content);
  } catch {
    yaml = undefined;
  }
  const isYaml = yaml !== null && typeof yaml === 'object' && !Array.isArray(yaml);
  const dir = join(scratch, 'inventory');
  await mkdir(dir, { recursive: true });
  const file = join(dir, isYaml ? 'inventory.yml' : 'inventory.ini');
  await writeFile(file, `${content}\n`);
  return { kind: 'inline', argument: file, description: `inline ${isYaml ? 'YAML' : 'INI'} inventory` };
}

function workspacePath(path: string, workspace: string): string {
  const inside = relative(workspace, path);
  return inside && !inside.startsWith('..') ? inside.split('\\').join('/') : path;
}

export { isInventoryContent } from './inventory-content.js';
