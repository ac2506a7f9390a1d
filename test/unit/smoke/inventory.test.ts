import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../../src/core/errors.js';
import { parseChecks } from '../../../src/smoke/checks.js';
import { fromYaml } from '../../../src/smoke/inventory.js';
import { describeTarget, expandChecks } from '../../../src/smoke/targets.js';
import { renderInventory, toAnsibleInventory } from '../../../src/terraform/inventory.js';
import { parse } from 'yaml';

describe('smoke inventory and targets', () => {
  const inventory = fromYaml(
    parse(
      renderInventory(
        toAnsibleInventory({
          web: {
            hosts: { 'web-1': { ansible_host: '10.0.0.1', ansible_port: 2201 }, 'web-2': {} },
            vars: { ansible_user: 'deploy' },
          },
          db: ['db-1'],
        }),
      ),
    ) as Record<string, unknown>,
    'artifact iac-inventory-prod',
  );

  it("reads tf-apply's inventory: addresses, ports and users, with group variables", () => {
    expect(inventory.groups.get('web')).toEqual(['web-1', 'web-2']);
    expect(inventory.groups.get('all')?.sort()).toEqual(['db-1', 'web-1', 'web-2']);
    expect(inventory.hosts.get('web-1')).toEqual({
      name: 'web-1',
      address: '10.0.0.1',
      port: 2201,
      user: 'deploy',
    });
    expect(inventory.hosts.get('db-1')).toEqual({ name: 'db-1', address: 'db-1' });
  });

  it("expands a group to each host, and a host name to the inventory's address", () => {
    const file = parseChecks(
      [
        'checks:',
        '  - { name: ssh, kind: tcp, category: connectivity, group: web, port: 22 }',
        '  - { name: db, kind: http, category: service, host: db-1, url: "http://{host}:8080/health" }',
        '  - { name: ext, kind: dns, category: connectivity, host: example.test }',
      ].join('\n'),
      'smoke.yml',
    );
    const instances = expandChecks(file, inventory);
    expect(instances.map((i) => [i.id, describeTarget(i)])).toEqual([
      ['ssh [web-1]', '10.0.0.1:22'],
      ['ssh [web-2]', 'web-2:22'],
      ['db', 'http://db-1:8080/health'],
      ['ext', 'example.test'],
    ]);
  });

  it("connects a tcp check without a port to each host's own SSH port", () => {
    const file = parseChecks(
      'checks:\n  - { name: sshd, kind: tcp, category: connectivity, group: web }\n',
      'smoke.yml',
    );
    expect(expandChecks(file, inventory).map((i) => [i.id, describeTarget(i)])).toEqual([
      ['sshd [web-1]', '10.0.0.1:2201'],
      ['sshd [web-2]', 'web-2:22'],
    ]);
  });

  it('refuses a group the inventory does not have, naming the check line', () => {
    const file = parseChecks(
      'checks:\n  - { name: x, kind: dns, category: service, group: cache }\n',
      'smoke.yml',
    );
    expect(() => expandChecks(file, inventory)).toThrow(ConfigurationError);
    expect(() => expandChecks(file, inventory)).toThrow(
      'The checks file smoke.yml, line 2: check "x" targets group "cache", which the artifact iac-inventory-prod does not have (it has all, db, web).',
    );
  });
});
