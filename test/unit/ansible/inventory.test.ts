import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { resolveInventory } from '../../../src/ansible/inventory.js';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import { ConfigurationError } from '../../../src/core/errors.js';

let workspace: string;
let scratch: string;
const cwd = process.cwd();

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'ansible-inventory-'));
  scratch = join(workspace, 'scratch');
  await mkdir(join(workspace, 'inventories', 'prod'), { recursive: true });
  await writeFile(join(workspace, 'inventories', 'hosts.ini'), '[web]\nweb-1\n');
  // Paths are relative to the workspace, which is the action's working directory on the runner.
  process.chdir(workspace);
});
afterAll(async () => {
  process.chdir(cwd);
  await rm(workspace, { recursive: true, force: true });
});

/** An artifact store that "downloads" the given files, and remembers what it was asked for. */
function store(files: Record<string, string>): ArtifactStore & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    upload: () => Promise.reject(new Error('not used')),
    list: () => Promise.reject(new Error('not used')),
    async download(name, directory) {
      asked.push(name);
      await mkdir(directory, { recursive: true });
      for (const [file, content] of Object.entries(files)) await writeFile(join(directory, file), content);
    },
  };
}

function resolve(given: string | undefined, artifacts = store({})) {
  // A scratch directory of its own for each call, as each run of the action has.
  return resolveInventory({
    given,
    artifactName: 'iac-inventory-infra',
    artifacts,
    scratch: join(scratch, randomUUID()),
    workspace,
  });
}

describe('resolveInventory', () => {
  it('takes a file or a directory in the workspace as a path', async () => {
    expect(await resolve('inventories/hosts.ini')).toEqual({
      kind: 'path',
      argument: join(workspace, 'inventories', 'hosts.ini'),
      description: 'inventories/hosts.ini',
    });
    expect((await resolve('inventories/prod')).kind).toBe('path');
  });

  it("passes Ansible's comma-separated host list through", async () => {
    expect(await resolve('web-1,web-2,')).toMatchObject({ kind: 'host-list', argument: 'web-1,web-2,' });
    expect(await resolve('10.0.0.5,')).toMatchObject({ kind: 'host-list', argument: '10.0.0.5,' });
  });

  it('writes an inline YAML inventory to a .yml file, which Ansible’s yaml plugin insists on', async () => {
    const source = await resolve('all:\n  hosts:\n    web-1:\n      ansible_host: 10.0.0.1\n');
    expect(source.kind).toBe('inline');
    expect(source.argument).toMatch(/inventory\.yml$/);
    expect(source.description).toBe('inline YAML inventory');
    expect(await readFile(source.argument, 'utf8')).toContain('ansible_host: 10.0.0.1');
  });

  it('writes an inline INI inventory, one line or many, to an .ini file', async () => {
    const many = await resolve('[web]\nweb-1 ansible_host=10.0.0.1\n');
    expect(many.argument).toMatch(/inventory\.ini$/);
    expect(many.description).toBe('inline INI inventory');
    expect((await resolve('web-1 ansible_host=10.0.0.1')).kind).toBe('inline');
    expect((await resolve('[web]')).kind).toBe('inline');
  });

  it('refuses a path that names nothing, saying what it accepts', async () => {
    await expect(resolve('inventories/missing.yml')).rejects.toThrow(
      new ConfigurationError(
        'Input "inventory" must be an inventory file or directory in the workspace, a comma-separated host list ("web-1,web-2,"), or an inline YAML or INI inventory; no file or directory "inventories/missing.yml".',
      ),
    );
  });

  it('downloads the artifact tf-apply published when no inventory is given', async () => {
    const artifacts = store({ 'inventory.yml': 'all:\n  children: {}\n' });
    const source = await resolve(undefined, artifacts);
    expect(artifacts.asked).toEqual(['iac-inventory-infra']);
    expect(source).toMatchObject({ kind: 'artifact', description: 'artifact iac-inventory-infra' });
    expect(await readFile(source.argument, 'utf8')).toBe('all:\n  children: {}\n');
  });

  it('refuses an artifact without inventory.yml, naming what it holds', async () => {
    await expect(resolve('', store({ 'outputs.json': '{}' }))).rejects.toThrow(
      /The artifact iac-inventory-infra holds no inventory\.yml \(it holds outputs\.json\)/,
    );
  });
});
