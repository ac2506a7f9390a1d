import { readFile, stat } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { InventorySource } from '../ansible/inventory.js';
import { ConfigurationError } from '../core/errors.js';

/**
 * The hosts smoke checks reach, read from the same inventory ansible-configure uses (the artifact
 * tf-apply publishes, a file, inline YAML, or a host list): each host's address (`ansible_host`, else
 * its name), SSH port and user, and the groups it is in. Read here rather than through
 * `ansible-inventory`, so that smoke tests need no Ansible on the runner; YAML (and JSON) inventories
 * only, which is what tf-apply writes.
 */

export interface InventoryHost {
  name: string;
  address: string;
  port?: number;
  user?: string;
}

export interface SmokeInventory {
  description: string;
  hosts: Map<string, InventoryHost>;
  /** Group name → its hosts' names, children included; `all` holds every host. */
  groups: Map<string, string[]>;
}

export async function readSmokeInventory(source: InventorySource): Promise<SmokeInventory> {
  if (source.kind === 'host-list') {
    const names = source.argument
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const inventory = emptyInventory(source.description);
    for (const name of names) addHost(inventory, name, {}, ['all', 'ungrouped']);
    return inventory;
  }
  if ((await stat(source.argument)).isDirectory()) {
    throw new ConfigurationError(
      `Input "inventory" names a directory (${source.description}): smoke-test reads one YAML inventory file, as tf-apply publishes.`,
    );
  }
  const text = await readFile(source.argument, 'utf8');
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    value = undefined;
  }
  if (!isMapping(value)) {
    throw new ConfigurationError(
      `The ${source.description} is not a YAML inventory: smoke-test reads YAML (or JSON) inventories such as tf-apply publishes, not INI.`,
    );
  }
  return fromYaml(value, source.description);
}

function emptyInventory(description: string): SmokeInventory {
  return { description, hosts: new Map(), groups: new Map([['all', []]]) };
}

/**
 * Ansible's YAML inventory: top-level groups (usually just `all`), each with `hosts` (name → vars),
 * `vars` and `children` (name → group). A host's variables are its groups' vars, outermost first,
 * then its own, as Ansible merges them for the connection variables read here.
 */
export function fromYaml(document: Record<string, unknown>, description: string): SmokeInventory {
  const inventory = emptyInventory(description);
  const hostVars = new Map<string, Record<string, unknown>>();
  const hostGroups = new Map<string, Set<string>>();
  const visit = (name: string, group: unknown, inherited: Record<string, unknown>, parents: string[]) => {
    if (group !== null && group !== undefined && !isMapping(group)) {
      throw new ConfigurationError(
        `The ${description} is not a YAML inventory: group "${name}" is not a mapping.`,
      );
    }
    const vars = { ...inherited, ...(isMapping(group?.vars) ? group.vars : {}) };
    const lineage = [...parents, name];
    if (!inventory.groups.has(name)) inventory.groups.set(name, []);
    const hosts = group?.hosts;
    if (isMapping(hosts)) {
      for (const [host, own] of Object.entries(hosts)) {
        hostVars.set(host, { ...(hostVars.get(host) ?? {}), ...vars, ...(isMapping(own) ? own : {}) });
        const groups = hostGroups.get(host) ?? new Set<string>();
        for (const g of lineage) groups.add(g);
        hostGroups.set(host, groups);
      }
    }
    if (isMapping(group?.children)) {
      for (const [child, body] of Object.entries(group.children)) visit(child, body, vars, lineage);
    }
  };
  for (const [name, group] of Object.entries(document)) visit(name, group, {}, name === 'all' ? [] : ['all']);
  for (const [name, vars] of hostVars) addHost(inventory, name, vars, [...(hostGroups.get(name) ?? [])]);
  return inventory;
}

function addHost(inventory: SmokeInventory, name: string, vars: Record<string, unknown>, groups: string[]) {
  const address = typeof vars.ansible_host === 'string' && vars.ansible_host ? vars.ansible_host : name;
  const port = Number(vars.ansible_port ?? vars.ansible_ssh_port);
  const user = vars.ansible_user ?? vars.ansible_ssh_user;
  inventory.hosts.set(name, {
    name,
    address,
    ...(Number.isInteger(port) && port > 0 ? { port } : {}),
    ...(typeof user === 'string' && user ? { user } : {}),
  });
  for (const group of new Set(['all', ...groups])) {
    const members = inventory.groups.get(group) ?? [];
    if (!members.includes(name)) members.push(name);
    inventory.groups.set(group, members);
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
