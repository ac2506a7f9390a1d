import { stringify } from 'yaml';
import { ConfigurationError } from '../core/errors.js';

/**
 * The Ansible inventory that tf-apply writes from a Terraform output (`ansible_inventory` by default).
 *
 * Accepted shapes of the output's value:
 *   (a) a map of group → hosts, where hosts is
 *       - a list of host names:                  { web = ["web-1", "web-2"] }
 *       - a map of host name → its variables:    { web = { "web-1" = { ansible_host = "10.0.0.1" } } }
 *       - an object with hosts and group vars:   { web = { hosts = [...] or {...}, vars = {...} } }
 *   (b) a list of hosts:  [{ name = "web-1", host = "10.0.0.1", groups = ["web"], vars = {...} }]
 *       (`host` becomes `ansible_host`; a host without groups is listed directly under `all`)
 *
 * A group whose value has exactly the keys `hosts` (and optionally `vars`) is read as the third form,
 * so hosts named "hosts" and "vars" cannot be given as a map; give that group as { hosts = {...} }.
 * A group named `all` sets the hosts and variables of Ansible's `all` group itself.
 */

export type HostVars = Record<string, unknown>;

export interface AnsibleGroup {
  hosts: Record<string, HostVars>;
  vars?: Record<string, unknown>;
}

export interface AnsibleInventory {
  all: {
    hosts?: Record<string, HostVars>;
    vars?: Record<string, unknown>;
    children: Record<string, AnsibleGroup>;
  };
}

const EXPECTED =
  'a map of group → list of host names, a map of group → map of host → variables, ' +
  'a map of group → { hosts, vars }, or a list of { name, host, groups, vars }';

/** A shape problem, described by position and type only: the values may be secret, so never quoted. */
class ShapeError extends Error {}

export function toAnsibleInventory(value: unknown, outputName = 'ansible_inventory'): AnsibleInventory {
  try {
    if (Array.isArray(value)) return fromHostList(value);
    if (isPlainObject(value)) return fromGroupMap(value);
    throw new ShapeError(`it is ${kindOf(value)}`);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new ConfigurationError(
      `the output "${outputName}" is not an inventory: ${error.message}. Expected ${EXPECTED}.`,
    );
  }
}

/**
 * The inventory as YAML for `ansible-inventory -i`. Written as YAML 1.1 because Ansible reads it with
 * PyYAML: a string such as "yes", "on" or "0777" must be quoted or Ansible sees a boolean or a number.
 * No anchors: a host in several groups gets its variables written out in each.
 */
export function renderInventory(inventory: AnsibleInventory): string {
  return stringify(inventory, { version: '1.1', aliasDuplicateObjects: false });
}

function fromGroupMap(groups: Record<string, unknown>): AnsibleInventory {
  const inventory: AnsibleInventory = { all: { children: {} } };
  for (const [name, hosts] of Object.entries(groups)) {
    const group = toGroup(name, hosts);
    if (name === 'all') {
      inventory.all.hosts = group.hosts;
      if (group.vars) inventory.all.vars = group.vars;
    } else {
      inventory.all.children[name] = group;
    }
  }
  return inventory;
}

function toGroup(name: string, value: unknown): AnsibleGroup {
  if (Array.isArray(value)) return { hosts: hostNames(value, `group "${name}"`) };
  if (!isPlainObject(value)) throw new ShapeError(`group "${name}" is ${kindOf(value)}`);
  if (isGroupObject(value)) {
    const hosts = Array.isArray(value.hosts)
      ? hostNames(value.hosts, `group "${name}" hosts`)
      : hostMap(value.hosts, `group "${name}" hosts`);
    if (value.vars === undefined || value.vars === null) return { hosts };
    return { hosts, vars: varsOf(value.vars, `group "${name}" vars`) };
  }
  return { hosts: hostMap(value, `group "${name}"`) };
}

/** { hosts, vars } rather than a map of hosts: `hosts` and nothing else but `vars`. */
function isGroupObject(value: Record<string, unknown>): value is { hosts: unknown; vars?: unknown } {
  const keys = Object.keys(value);
  return keys.includes('hosts') && keys.every((key) => key === 'hosts' || key === 'vars');
}

function hostNames(list: unknown[], where: string): Record<string, HostVars> {
  const hosts: Record<string, HostVars> = {};
  list.forEach((host, index) => {
    if (typeof host !== 'string' || host === '') {
      throw new ShapeError(`${where}[${index}] is ${kindOf(host)}, not a host name`);
    }
    hosts[host] = {};
  });
  return hosts;
}

function hostMap(value: unknown, where: string): Record<string, HostVars> {
  if (!isPlainObject(value)) throw new ShapeError(`${where} is ${kindOf(value)}`);
  const hosts: Record<string, HostVars> = {};
  for (const [host, vars] of Object.entries(value)) {
    hosts[host] = vars === null ? {} : varsOf(vars, `${where} host "${host}"`);
  }
  return hosts;
}

const HOST_KEYS = new Set(['name', 'host', 'groups', 'vars']);

function fromHostList(list: unknown[]): AnsibleInventory {
  const inventory: AnsibleInventory = { all: { children: {} } };
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    const host = toHost(entry, `item ${index}`);
    if (seen.has(host.name)) throw new ShapeError(`item ${index} names host "${host.name}" a second time`);
    seen.add(host.name);
    if (host.groups.length === 0) {
      inventory.all.hosts ??= {};
      inventory.all.hosts[host.name] = host.vars;
    }
    for (const group of host.groups) {
      inventory.all.children[group] ??= { hosts: {} };
      inventory.all.children[group].hosts[host.name] = host.vars;
    }
  });
  return inventory;
}

function toHost(entry: unknown, where: string): { name: string; groups: string[]; vars: HostVars } {
  if (!isPlainObject(entry)) throw new ShapeError(`${where} is ${kindOf(entry)}`);
  // An unknown key is most likely a typo ("group" for "groups") that would silently drop the host.
  const unknown = Object.keys(entry).filter((key) => !HOST_KEYS.has(key));
  if (unknown.length > 0) throw new ShapeError(`${where} has unknown key(s) ${unknown.join(', ')}`);
  const { name, host, groups, vars } = entry;
  if (typeof name !== 'string' || name === '') throw new ShapeError(`${where} has no name`);
  if (host !== undefined && host !== null && typeof host !== 'string') {
    throw new ShapeError(`${where} host is ${kindOf(host)}, not an address`);
  }
  const hostVars = vars === undefined || vars === null ? {} : varsOf(vars, `${where} vars`);
  return {
    name,
    groups: groupNames(groups, `${where} groups`),
    // `host` is the dedicated field, so it wins over an ansible_host in vars.
    vars: typeof host === 'string' ? { ...hostVars, ansible_host: host } : hostVars,
  };
}

function groupNames(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((group) => typeof group !== 'string' || group === '')) {
    throw new ShapeError(`${where} is not a list of group names`);
  }
  return value as string[];
}

function varsOf(value: unknown, where: string): HostVars {
  if (!isPlainObject(value)) throw new ShapeError(`${where} is ${kindOf(value)}, not a map of variables`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}
