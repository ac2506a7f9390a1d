import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { ConfigurationError } from '../../../src/core/errors.js';
import { renderInventory, toAnsibleInventory } from '../../../src/terraform/inventory.js';

const run = promisify(execFile);

describe('toAnsibleInventory', () => {
  it('reads a map of group → list of host names', () => {
    expect(toAnsibleInventory({ web: ['web-1', 'web-2'], db: [] })).toEqual({
      all: { children: { web: { hosts: { 'web-1': {}, 'web-2': {} } }, db: { hosts: {} } } },
    });
  });

  it('reads a map of group → map of host → variables', () => {
    const value = { web: { 'web-1': { ansible_host: '10.0.0.1', port: 22 }, 'web-2': null } };
    expect(toAnsibleInventory(value)).toEqual({
      all: { children: { web: { hosts: { 'web-1': { ansible_host: '10.0.0.1', port: 22 }, 'web-2': {} } } } },
    });
  });

  it('reads a map of group → { hosts, vars }, with hosts as a list or a map', () => {
    const value = {
      web: { hosts: ['web-1'], vars: { http_port: 8080 } },
      db: { hosts: { 'db-1': { ansible_host: '10.0.1.1' } } },
      all: { hosts: [], vars: { ansible_user: 'deploy' } },
    };
    expect(toAnsibleInventory(value)).toEqual({
      all: {
        hosts: {},
        vars: { ansible_user: 'deploy' },
        children: {
          web: { hosts: { 'web-1': {} }, vars: { http_port: 8080 } },
          db: { hosts: { 'db-1': { ansible_host: '10.0.1.1' } } },
        },
      },
    });
  });

  it('reads a list of hosts, with host as ansible_host, in each of their groups', () => {
    const value = [
      { name: 'web-1', host: '10.0.0.1', groups: ['web', 'frontend'], vars: { role: 'api' } },
      { name: 'db-1', host: '10.0.1.1', groups: ['db'] },
      { name: 'bastion', host: '10.0.9.9' },
    ];
    expect(toAnsibleInventory(value)).toEqual({
      all: {
        hosts: { bastion: { ansible_host: '10.0.9.9' } },
        children: {
          web: { hosts: { 'web-1': { role: 'api', ansible_host: '10.0.0.1' } } },
          frontend: { hosts: { 'web-1': { role: 'api', ansible_host: '10.0.0.1' } } },
          db: { hosts: { 'db-1': { ansible_host: '10.0.1.1' } } },
        },
      },
    });
  });

  it.each([
    ['a string', 'web-1', 'it is a string'],
    ['null', null, 'it is null'],
    ['a group of numbers', { web: [1, 2] }, 'group "web"[0] is a number, not a host name'],
    [
      'host vars that are not a map',
      { web: { 'web-1': 'x' } },
      'group "web" host "web-1" is a string, not a map of variables',
    ],
    [
      'group vars that are a list',
      { web: { hosts: [], vars: [] } },
      'group "web" vars is a list, not a map of variables',
    ],
    ['a host list item without a name', [{ host: '10.0.0.1' }], 'item 0 has no name'],
    ['a misspelt key', [{ name: 'a', group: ['web'] }], 'item 0 has unknown key(s) group'],
    [
      'groups that are not a list',
      [{ name: 'a', groups: 'web' }],
      'item 0 groups is not a list of group names',
    ],
    ['the same host twice', [{ name: 'a' }, { name: 'a' }], 'item 1 names host "a" a second time'],
  ])('refuses %s, naming the output and the expected shapes', (_, value, reason) => {
    let error: unknown;
    try {
      toAnsibleInventory(value, 'hosts_out');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain(`the output "hosts_out" is not an inventory: ${reason}.`);
    expect(message).toContain('Expected a map of group → list of host names');
    expect(message).toContain('a list of { name, host, groups, vars }');
  });

  it('never quotes a value in its error: the output may be secret', () => {
    expect(() => toAnsibleInventory({ web: { h: 'topsecret-value' } })).not.toThrow(/topsecret/);
  });
});

describe('renderInventory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inventory-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const inventory = toAnsibleInventory([
    { name: 'web-1', host: '10.0.0.1', groups: ['web', 'frontend'], vars: { enabled: 'yes', mode: '0755' } },
    { name: 'db-1', host: '10.0.1.1', groups: ['db'], vars: { port: 5432, on: 'on' } },
  ]);

  it('writes YAML 1.1 that keeps strings such as "yes" and "0755" strings, without anchors', () => {
    const text = renderInventory(inventory);
    expect(text).toContain('enabled: "yes"');
    expect(text).toContain('mode: "0755"');
    expect(text).not.toMatch(/[&*]\w/);
    expect(parse(text, { version: '1.1' })).toEqual(inventory);
  });

  it('is read by ansible-inventory as the same hosts, groups and variables', async () => {
    const path = join(dir, 'inventory.yml');
    await writeFile(path, renderInventory(inventory));
    const { stdout } = await run('ansible-inventory', ['-i', path, '--list'], {
      env: { ...process.env, ANSIBLE_INVENTORY_UNPARSED_WARNING: 'False', ANSIBLE_LOCAL_TEMP: dir },
    });
    const listed = JSON.parse(stdout);
    expect(listed.web.hosts).toEqual(['web-1']);
    expect(listed.frontend.hosts).toEqual(['web-1']);
    expect(listed.db.hosts).toEqual(['db-1']);
    expect(listed._meta.hostvars['web-1']).toEqual({
      ansible_host: '10.0.0.1',
      enabled: 'yes',
      mode: '0755',
    });
    expect(listed._meta.hostvars['db-1']).toEqual({ ansible_host: '10.0.1.1', port: 5432, on: 'on' });
  });
});
