import { ConfigurationError } from '../core/errors.js';
import type { CheckSpec, ChecksFile } from './checks.js';
import type { InventoryHost, SmokeInventory } from './inventory.js';

/** One check against one target: what runs, is retried, and becomes one JUnit test case. */
export interface CheckInstance {
  /** Unique: the check's name, with the host in brackets for a check run on every host of a group. */
  id: string;
  spec: CheckSpec;
  host?: InventoryHost;
}

/** Whether any check needs the inventory: one that targets a group. Hosts may be plain addresses. */
export function needsInventory(file: ChecksFile): boolean {
  return file.checks.some((check) => 'group' in check && check.group !== undefined);
}

/**
 * Expands each check to its targets: a group to each of its hosts, a host to the inventory's host of
 * that name (its address, port and user) or else to the name itself as an address.
 */
export function expandChecks(file: ChecksFile, inventory: SmokeInventory | undefined): CheckInstance[] {
  const instances: CheckInstance[] = [];
  for (const spec of file.checks) {
    const group = 'group' in spec ? spec.group : undefined;
    const host = 'host' in spec ? spec.host : undefined;
    if (group !== undefined) {
      if (!inventory) {
        throw new ConfigurationError(
          `The checks file ${file.path}, line ${spec.line}: check "${spec.name}" targets group "${group}", but there is no inventory.`,
        );
      }
      const members = inventory.groups.get(group);
      if (!members) {
        const known = [...inventory.groups.keys()].sort().join(', ');
        throw new ConfigurationError(
          `The checks file ${file.path}, line ${spec.line}: check "${spec.name}" targets group "${group}", which the ${inventory.description} does not have (it has ${known}).`,
        );
      }
      for (const name of members) {
        const member = inventory.hosts.get(name);
        if (member) instances.push({ id: `${spec.name} [${name}]`, spec, host: member });
      }
    } else if (host !== undefined) {
      instances.push({
        id: spec.name,
        spec,
        host: inventory?.hosts.get(host) ?? { name: host, address: host },
      });
    } else {
      instances.push({ id: spec.name, spec });
    }
  }
  return instances;
}

/** Where an instance points, for logs, the summary and JUnit: `127.0.0.1:22`, a URL, a command. */
export function describeTarget(instance: CheckInstance): string {
  const { spec, host } = instance;
  switch (spec.kind) {
    case 'tcp':
      return hostPort(host?.address ?? '', tcpPort(instance));
    case 'http':
      return fillUrl(spec.url, host);
    case 'ssh-command':
      return `ssh ${hostPort(host?.address ?? '', sshPort(instance))}`;
    case 'command':
      return spec.command.join(' ');
    case 'dns':
      return host?.address ?? '';
    case 'tls-cert':
      return spec.url ?? hostPort(host?.address ?? '', spec.port ?? 443);
  }
}

/**
 * The port a tcp check connects to: its own, else the host's SSH port from the inventory, which is how
 * a check on a group reaches each host (test beds and NAT give every host its own).
 */
export function tcpPort(instance: CheckInstance): number {
  const spec = instance.spec;
  return (spec.kind === 'tcp' ? spec.port : undefined) ?? instance.host?.port ?? 22;
}

export function sshPort(instance: CheckInstance): number {
  const spec = instance.spec;
  return (spec.kind === 'ssh-command' ? spec.port : undefined) ?? instance.host?.port ?? 22;
}

export function fillUrl(url: string, host: InventoryHost | undefined): string {
  if (!host) return url;
  const address = host.address.includes(':') ? `[${host.address}]` : host.address;
  return url.split('{host}').join(address);
}

function hostPort(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}
