import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import {
  assertDeclared,
  hclValue,
  variablesFileText,
  writeVariablesFile,
} from '../../../src/packer/variables.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'packer-vars-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const declared = new Map([
  ['text', { name: 'text', type: 'string' }],
  ['untyped', { name: 'untyped' }],
  ['count', { name: 'count', type: 'number' }],
  ['zones', { name: 'zones', type: 'list(string)' }],
]);

// Quotes, backslashes, template sequences, control characters and non-ASCII: each must arrive as written.
const TRICKY =
  'a "quoted" \\path\\ ${var.not_a_ref} $${double} %{ if x } 100% {braces}\ttab\nnew line \u0001 é 🚀';

describe('hclValue', () => {
  it('quotes strings, and untyped variables, with HCL escapes', () => {
    expect(hclValue('plain', 'string')).toBe('"plain"');
    expect(hclValue('say "hi"\\', undefined)).toBe('"say \\"hi\\"\\\\"');
    expect(hclValue('${x} %{y} $z', 'string')).toBe('"$${x} %%{y} $z"');
    expect(hclValue('a\nb\tc\u0001', 'any')).toBe('"a\\nb\\tc\\u0001"');
  });

  it('leaves the value of any other type as the HCL expression it is, as -var does', () => {
    expect(hclValue('3', 'number')).toBe('3');
    expect(hclValue('["a", "b"]', 'list(string)')).toBe('["a", "b"]');
  });
});

describe('the var file, read back by the real Packer', () => {
  it('gives every variable exactly the value it was given', async () => {
    const template = join(dir, 'vars.pkr.hcl');
    await writeFile(
      template,
      [
        'variable "text" { type = string }',
        'variable "untyped" {}',
        'variable "count" { type = number }',
        'variable "zones" { type = list(string) }',
        'source "null" "x" { communicator = "none" }',
        'build { sources = ["source.null.x"] }',
      ].join('\n'),
    );
    const values: Array<[string, string]> = [
      ['text', TRICKY],
      ['untyped', TRICKY],
      ['count', '42'],
      ['zones', '["eu-west-1a", "eu-west-1b"]'],
    ];
    const file = await writeVariablesFile(dir, 'hcl2', values, declared);
    const console = (expression: string) =>
      new Promise<string>((resolve, reject) => {
        const child = execFile(
          'packer',
          ['console', `-var-file=${file.path}`, template],
          { env: { ...process.env, CHECKPOINT_DISABLE: '1' } },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        );
        child.stdin?.end(`${expression}\n`);
      });
    const read = async (expression: string) =>
      JSON.parse((await console(`jsonencode(${expression})`)).trim());
    expect(await read('var.text')).toBe(TRICKY);
    expect(await read('var.untyped')).toBe(TRICKY);
    expect(await read('var.count')).toBe(42);
    expect(await read('var.zones')).toEqual(['eu-west-1a', 'eu-west-1b']);
    await file.remove();
  });

  it('is readable by its owner only, in a directory of its own that remove() deletes', async () => {
    const file = await writeVariablesFile(dir, 'json', [['secret', 'hunter2']], new Map());
    expect(file.path.endsWith('variables.json')).toBe(true);
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(file.path))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file.path, 'utf8'))).toEqual({ secret: 'hunter2' });
    await file.remove();
    await file.remove();
    await expect(stat(dirname(file.path))).rejects.toThrow(/ENOENT/);
  });

  it('reaches a JSON template', async () => {
    const template = join(dir, 'legacy.json');
    await writeFile(
      template,
      JSON.stringify({
        variables: { text: '' },
        builders: [{ type: 'null', communicator: 'none' }],
        provisioners: [{ type: 'shell-local', inline: ['echo "{{user `text`}}" > out.txt'] }],
      }),
    );
    const file = await writeVariablesFile(dir, 'json', [['text', 'a, b; c=d']], new Map());
    expect(variablesFileText('json', [['text', 'x']], new Map())).toBe('{\n  "text": "x"\n}\n');
    await run('packer', ['build', `-var-file=${file.path}`, template], {
      cwd: dir,
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    expect((await readFile(join(dir, 'out.txt'), 'utf8')).trim()).toBe('a, b; c=d');
    await file.remove();
  });
});

describe('assertDeclared', () => {
  it('names the variables the template does not declare, never their values', () => {
    expect(() => assertDeclared(['text', 'count'], declared)).not.toThrow();
    expect(() => assertDeclared(['text', 'regoin', 'zone'], declared)).toThrow(
      'Input "vars" sets "regoin", "zone", which the template does not declare',
    );
  });
});
