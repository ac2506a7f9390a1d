import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analyseTemplate,
  discoverTemplate,
  hashTemplate,
  templateBaseName,
} from '../../../src/packer/template.js';
import { RecordingLogger } from '../../support/recording-logger.js';

let workspace: string;
// As it was before any test loaded the HCL parser (which sets it to Infinity for the whole process).
const stackTraceLimit = Error.stackTraceLimit;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'packer-template-'));
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

async function files(dir: string, contents: Record<string, string>): Promise<string> {
  const root = join(workspace, dir);
  for (const [name, text] of Object.entries(contents)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}

describe('discoverTemplate', () => {
  it('reads a directory as Packer does: its .pkr.hcl/.pkr.json files and auto var files, not subdirectories', async () => {
    const dir = await files('dir-template', {
      'sources.pkr.hcl': 'source "null" "a" { communicator = "none" }\n',
      'build.pkr.json': '{"build": {"sources": ["source.null.a"]}}\n',
      'prod.auto.pkrvars.hcl': 'x = 1\n',
      'other.pkrvars.hcl': 'x = 2\n',
      'README.md': 'not Packer\n',
      'nested/more.pkr.hcl': '',
    });
    const template = await discoverTemplate(dir);
    expect(template).toEqual({
      path: dir,
      isDirectory: true,
      format: 'hcl2',
      files: [join(dir, 'build.pkr.json'), join(dir, 'prod.auto.pkrvars.hcl'), join(dir, 'sources.pkr.hcl')],
      configFiles: [join(dir, 'build.pkr.json'), join(dir, 'sources.pkr.hcl')],
    });
    expect(templateBaseName(template)).toBe('dir-template');
  });

  it('tells HCL2 files from JSON templates by their name, as Packer does', async () => {
    const dir = await files('single', { 'golden.pkr.hcl': '', 'legacy.json': '{}', 'odd.tmpl': '{}' });
    expect(await discoverTemplate(join(dir, 'golden.pkr.hcl'))).toMatchObject({
      format: 'hcl2',
      isDirectory: false,
    });
    const legacy = await discoverTemplate(join(dir, 'legacy.json'));
    expect(legacy).toMatchObject({ format: 'json', files: [join(dir, 'legacy.json')] });
    expect(templateBaseName(legacy)).toBe('legacy');
    expect(await discoverTemplate(join(dir, 'odd.tmpl'))).toMatchObject({ format: 'json' });
  });

  it('refuses a directory without a template, naming it', async () => {
    const dir = await files('no-template', { 'legacy.json': '{}' });
    await expect(discoverTemplate(dir)).rejects.toThrow(
      /^Input "template" names the directory no-template, which holds no Packer template/,
    );
  });
});

describe('hashTemplate', () => {
  it('is the same for the same files wherever the workspace is, and changes with any byte or var file', async () => {
    const a = await files('hash-a/images', {
      'x.pkr.hcl': 'one\n',
      'v1.pkrvars.hcl': 'a = 1\n',
      'v2.pkrvars.hcl': 'a = 2\n',
    });
    const b = await files('hash-b/images', {
      'x.pkr.hcl': 'one\n',
      'v1.pkrvars.hcl': 'a = 1\n',
      'v2.pkrvars.hcl': 'a = 2\n',
    });
    const hashIn = async (root: string, varFiles: string[], ws: string) =>
      hashTemplate(await discoverTemplate(root), varFiles, ws);

    const first = await hashIn(a, [join(a, 'v1.pkrvars.hcl')], join(workspace, 'hash-a'));
    const moved = await hashIn(b, [join(b, 'v1.pkrvars.hcl')], join(workspace, 'hash-b'));
    expect(first.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(moved.hash).toBe(first.hash);
    expect(first.templateFiles).toEqual([
      { path: 'images/x.pkr.hcl', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(first.varFiles.map((file) => file.path)).toEqual(['images/v1.pkrvars.hcl']);

    // Var file order matters: a later file overrides an earlier one.
    const both = await hashIn(
      a,
      [join(a, 'v1.pkrvars.hcl'), join(a, 'v2.pkrvars.hcl')],
      join(workspace, 'hash-a'),
    );
    const swapped = await hashIn(
      a,
      [join(a, 'v2.pkrvars.hcl'), join(a, 'v1.pkrvars.hcl')],
      join(workspace, 'hash-a'),
    );
    expect(new Set([first.hash, both.hash, swapped.hash]).size).toBe(3);

    await writeFile(join(b, 'x.pkr.hcl'), 'one \n');
    expect((await hashIn(b, [join(b, 'v1.pkrvars.hcl')], join(workspace, 'hash-b'))).hash).not.toBe(
      first.hash,
    );
  });
});

describe('analyseTemplate', () => {
  const logger = new RecordingLogger();

  it('reads variables with their types, required plugins and manifest outputs from HCL', async () => {
    const dir = await files('analyse-hcl', {
      'variables.pkr.hcl': [
        'variable "image_name" {',
        '  type = string',
        '}',
        'variable "layers" {',
        '  type    = list(string)',
        '  default = []',
        '}',
        'variable "untyped" {}',
        'variables {',
        '  legacy = "x"',
        '}',
        '# required_plugins in a comment is not a declaration',
        'packer {',
        '  required_plugins {',
        '    amazon = { version = ">= 1.2.0", source = "github.com/hashicorp/amazon" }',
        '    ansible = { version = ">= 1.1.0", source = "github.com/hashicorp/ansible" }',
        '  }',
        '}',
      ].join('\n'),
      'build.pkr.hcl': [
        'build {',
        '  sources = ["source.null.a"]',
        '  post-processor "manifest" {}',
        '  post-processor "manifest" { output = "${path.root}/out/m.json" }',
        '  post-processor "manifest" { output = "${path.cwd}/cwd.json" }',
        '  post-processor "manifest" { output = "${var.dir}/m.json" }',
        '  post-processor "shell-local" { inline = ["echo"] }',
        '  post-processors {',
        '    post-processor "manifest" { output = "chained.json" }',
        '  }',
        '}',
      ].join('\n'),
      'sources.pkr.json': JSON.stringify({
        variable: { from_json: { type: 'number' } },
        source: { null: { a: { communicator: 'none' } } },
      }),
    });
    const cwd = join(workspace, 'elsewhere');
    const analysis = await analyseTemplate(await discoverTemplate(dir), cwd, logger);
    expect(analysis.parsed).toBe(true);
    expect([...analysis.variables.values()]).toEqual(
      expect.arrayContaining([
        { name: 'image_name', type: 'string' },
        { name: 'layers', type: 'list(string)' },
        { name: 'untyped' },
        { name: 'legacy' },
        { name: 'from_json', type: 'number' },
      ]),
    );
    expect(analysis.variables.size).toBe(5);
    expect(analysis.requiredPlugins).toEqual(['amazon', 'ansible']);
    expect(analysis.manifests).toEqual(
      expect.arrayContaining([
        { expression: 'packer-manifest.json', path: join(cwd, 'packer-manifest.json') },
        { expression: '${path.root}/out/m.json', path: join(dir, 'out', 'm.json') },
        { expression: '${path.cwd}/cwd.json', path: join(cwd, 'cwd.json') },
        { expression: '${var.dir}/m.json' },
        { expression: 'chained.json', path: join(cwd, 'chained.json') },
      ]),
    );
    expect(analysis.manifests).toHaveLength(5);
  });

  it('takes path.root of a single file to be its directory', async () => {
    const dir = await files('analyse-file', {
      'one.pkr.hcl': 'build {\n  post-processor "manifest" { output = "${path.root}/m.json" }\n}\n',
    });
    const analysis = await analyseTemplate(
      await discoverTemplate(join(dir, 'one.pkr.hcl')),
      workspace,
      logger,
    );
    expect(analysis.manifests).toEqual([{ expression: '${path.root}/m.json', path: join(dir, 'm.json') }]);
    expect(analysis.requiredPlugins).toEqual([]);
  });

  it('reads a JSON template’s variables and manifest post-processors in every form', async () => {
    const dir = await files('analyse-json', {
      'golden.json': JSON.stringify({
        variables: { image_name: '', region: 'eu-west-1' },
        builders: [{ type: 'null', communicator: 'none' }],
        'post-processors': [
          'manifest',
          { type: 'manifest', output: 'out.json' },
          [
            { type: 'shell-local', inline: ['true'] },
            { type: 'manifest', output: '{{user `dir`}}/m.json' },
          ],
        ],
      }),
    });
    const cwd = join(workspace, 'run-here');
    const analysis = await analyseTemplate(await discoverTemplate(join(dir, 'golden.json')), cwd, logger);
    expect([...analysis.variables.keys()]).toEqual(['image_name', 'region']);
    expect(analysis.manifests).toEqual([
      { expression: 'packer-manifest.json', path: join(cwd, 'packer-manifest.json') },
      { expression: 'out.json', path: join(cwd, 'out.json') },
      { expression: '{{user `dir`}}/m.json' },
    ]);
  });

  it('says so, rather than fail, when a file does not parse: Packer will say where', async () => {
    const dir = await files('analyse-broken', {
      'broken.pkr.hcl': 'build {\n  inline = ["never closed"\n}\n',
      'bad.json': '{ "builders": [ }',
    });
    const hcl = await analyseTemplate(await discoverTemplate(join(dir, 'broken.pkr.hcl')), workspace, logger);
    expect(hcl).toEqual({
      parsed: false,
      variables: new Map(),
      requiredPlugins: [],
      manifests: [],
      builds: [],
      postProcessors: [],
      buildNamesKnown: true,
    });
    const json = await analyseTemplate(await discoverTemplate(join(dir, 'bad.json')), workspace, logger);
    expect(json.parsed).toBe(false);
    expect(logger.messages('debug').join('\n')).toMatch(/could not read broken\.pkr\.hcl ahead of Packer/);
  });

  it('leaves Error.stackTraceLimit as it was after loading the HCL parser', async () => {
    const dir = await files('analyse-limit', { 'a.pkr.hcl': 'variable "x" {}\n' });
    await analyseTemplate(await discoverTemplate(dir), workspace, logger);
    expect(Error.stackTraceLimit).toBe(stackTraceLimit);
    expect(Number.isFinite(stackTraceLimit)).toBe(true);
  });
});
