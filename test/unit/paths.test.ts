import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  confinePath,
  existingConfinedPath,
  findConfinedPath,
  outputFilePath,
  PathRefusal,
  quoteValue,
} from '../../src/core/paths.js';
import { defineInputs, input, readInputs } from '../../src/core/inputs.js';

/** The one path rule, on a real tree: a workspace, a RUNNER_TEMP beside it, and a place outside both. */
let root: string;
let workspace: string;
let runnerTemp: string;
const saved = { workspace: process.env.GITHUB_WORKSPACE, temp: process.env.RUNNER_TEMP };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'iac-paths-'));
  workspace = join(root, 'workspace');
  runnerTemp = join(root, 'temp');
  for (const dir of [workspace, runnerTemp, join(root, 'outside'), join(workspace, 'infra')])
    mkdirSync(dir, { recursive: true });
  writeFileSync(join(root, 'outside', 'secret.txt'), 'outside\n');
  writeFileSync(join(runnerTemp, 'secret.tfvars'), 'password = "x"\n');
  writeFileSync(join(workspace, 'infra', 'prod.tfvars'), 'size = 1\n');
  symlinkSync(join(root, 'outside'), join(workspace, 'out'));
  symlinkSync(join(workspace, 'infra'), join(workspace, 'infra-link'));
  process.env.GITHUB_WORKSPACE = workspace;
  process.env.RUNNER_TEMP = runnerTemp;
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  if (saved.workspace === undefined) delete process.env.GITHUB_WORKSPACE;
  else process.env.GITHUB_WORKSPACE = saved.workspace;
  if (saved.temp === undefined) delete process.env.RUNNER_TEMP;
  else process.env.RUNNER_TEMP = saved.temp;
});

describe('confinePath', () => {
  it('resolves a path against the workspace and keeps the path as written', () => {
    expect(confinePath('infra/prod.tfvars')).toBe(join(workspace, 'infra', 'prod.tfvars'));
    expect(confinePath('infra-link/prod.tfvars')).toBe(join(workspace, 'infra-link', 'prod.tfvars'));
    expect(confinePath('.')).toBe(workspace);
  });

  it('accepts a file an earlier step wrote in RUNNER_TEMP, by absolute path', () => {
    expect(existingConfinedPath(join(runnerTemp, 'secret.tfvars'), 'file')).toBe(
      join(runnerTemp, 'secret.tfvars'),
    );
  });

  it.each([
    ['../outside/secret.txt', /^points outside the workspace: paths must point inside/],
    ['<root>/outside/secret.txt', /^points outside the workspace:/],
    ['/etc/passwd', /^points outside the workspace:/],
    ['out/secret.txt', /^points outside the workspace through a symlink:/],
    ['out/not-yet-written.xml', /^points outside the workspace through a symlink:/],
    ['out', /^points outside the workspace through a symlink:/],
    ['..', /^points outside the workspace:/],
    // The kernel goes up from where the link leads; path.resolve would drop `out/..` and stay inside.
    ['out/../outside/secret.txt', /^points outside the workspace through a symlink:/],
    ['infra/../out/../outside', /^points outside the workspace through a symlink:/],
    ['a'.repeat(5000), /^must be a path of at most 4096 characters \(this one has 5000\)$/],
  ])('refuses %s', (written, expected) => {
    const given = written.replace('<root>', root);
    expect(() => confinePath(given)).toThrow(PathRefusal);
    expect(() => confinePath(given)).toThrow(expected);
  });

  it('refuses a name too long for the file system as not a usable path, rather than failing on ENAMETOOLONG', () => {
    expect(() => findConfinedPath(`${'n'.repeat(300)}/x`, 'file')).toThrow(
      new PathRefusal('is not a usable path (ENAMETOOLONG)'),
    );
  });

  it('takes a `..` that stays inside, also after a symlink that stays inside', () => {
    expect(confinePath('infra/../infra/prod.tfvars')).toBe(join(workspace, 'infra', 'prod.tfvars'));
    expect(confinePath('infra-link/../infra/prod.tfvars')).toBe(join(workspace, 'infra', 'prod.tfvars'));
    expect(confinePath('missing/../infra/new.tfvars')).toBe(join(workspace, 'infra', 'new.tfvars'));
  });

  it('holds a relative path to the directory it is relative to', () => {
    expect(confinePath('prod.tfvars', join(workspace, 'infra'))).toBe(
      join(workspace, 'infra', 'prod.tfvars'),
    );
    expect(() => confinePath('../../outside/secret.txt', join(workspace, 'infra'))).toThrow(/outside/);
  });
});

describe('outputFilePath', () => {
  it('accepts a file to be written in a directory yet to be made', () => {
    expect(outputFilePath('reports/new/junit.xml', 'junit.xml')).toBe(
      join(workspace, 'reports/new/junit.xml'),
    );
  });

  it('refuses an existing directory and suggests a file in it', () => {
    expect(() => outputFilePath('infra/', 'junit.xml')).toThrow(
      'names a directory: name the file to write, such as "infra/junit.xml"',
    );
  });
});

describe('path inputs', () => {
  const spec = defineInputs({
    'var-files': input.files(),
    'junit-path': input.outputFile('junit.xml'),
    'working-directory': input.directory('.'),
  });
  const read = (given: Record<string, string>) => readInputs(spec, (name) => given[name] ?? '');

  it('names the input and the line that leads out, and quotes at most 60 characters', async () => {
    await expect(read({ 'var-files': 'infra/prod.tfvars\n../outside/secret.txt' })).rejects.toThrow(
      'Input "var-files" line 2 points outside the workspace: paths must point inside the workspace (GITHUB_WORKSPACE) or RUNNER_TEMP; got "../outside/secret.txt".',
    );
    await expect(read({ 'junit-path': 'out/junit.xml' })).rejects.toThrow(
      /^Input "junit-path" points outside the workspace through a symlink/,
    );
    await expect(read({ 'working-directory': `${'deep/'.repeat(30)}` })).rejects.toThrow(
      /^Input "working-directory" must name an existing directory in the workspace; got "(deep\/){11}de\.\.\."\.$/,
    );
  });

  it('takes files in RUNNER_TEMP', async () => {
    expect(await read({ 'var-files': join(runnerTemp, 'secret.tfvars') })).toMatchObject({
      varFiles: [join(runnerTemp, 'secret.tfvars')],
    });
  });
});

describe('quoteValue', () => {
  it('shows a short value whole and a long one cut to 60 characters, on one line', () => {
    expect(quoteValue(' a\nb ')).toBe('"a b"');
    expect(quoteValue('x'.repeat(100))).toBe(`"${'x'.repeat(57)}..."`);
  });
});
