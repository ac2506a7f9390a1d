import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigurationError } from '../../../src/core/errors.js';
import { assertSelectionMatches, compileGlob } from '../../../src/packer/selection.js';
import { analyseTemplate, discoverTemplate, type TemplateAnalysis } from '../../../src/packer/template.js';
import { RecordingLogger } from '../../support/recording-logger.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'packer-selection-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Two builds, one named with a renamed source, one unnamed; post-processors named and not.
const HCL = [
  'source "null" "a" { communicator = "none" }',
  'source "null" "b" { communicator = "none" }',
  'build {',
  '  name    = "golden"',
  '  sources = ["source.null.a"]',
  '  source "source.null.b" {',
  '    name = "renamed"',
  '  }',
  '  provisioner "shell-local" { inline = ["echo built"] }',
  '  post-processor "shell-local" {',
  '    name   = "announce"',
  '    inline = ["echo announced"]',
  '  }',
  '}',
  'build {',
  '  sources = ["source.null.b"]',
  '  provisioner "shell-local" { inline = ["echo built"] }',
  '  post-processors {',
  '    post-processor "manifest" { output = "m.json" }',
  '  }',
  '}',
  '',
].join('\n');

const JSON_TEMPLATE = JSON.stringify({
  builders: [
    { type: 'null', name: 'golden', communicator: 'none' },
    { type: 'null', communicator: 'none' },
  ],
  provisioners: [{ type: 'shell-local', inline: ['echo built'] }],
  'post-processors': [{ type: 'shell-local', inline: ['echo announced'] }],
});

async function analysed(name: string, text: string): Promise<TemplateAnalysis> {
  await writeFile(join(dir, name), text);
  return analyseTemplate(await discoverTemplate(join(dir, name)), dir, new RecordingLogger());
}

/** The builds the real Packer runs for this selection: the names of its "Build '…' finished" lines. */
async function packerRuns(name: string, flag: string, value: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    'packer',
    ['build', '-machine-readable', `-${flag}=${value}`, name],
    { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, CHECKPOINT_DISABLE: '1' } },
  );
  // Machine-readable lines: timestamp,target,type,data...; a finished build has an "artifact-count".
  const built = stdout
    .split('\n')
    .map((line) => line.split(','))
    .filter((fields) => fields[2] === 'artifact-count')
    .map((fields) => fields[1] ?? '');
  return [...new Set(built)].sort();
}

function selected(analysis: TemplateAnalysis, format: 'hcl2' | 'json', only: string[], except: string[]) {
  try {
    assertSelectionMatches({ only, except }, analysis, format);
    return 'ok';
  } catch (error) {
    return error instanceof ConfigurationError ? error.message : `bug: ${String(error)}`;
  }
}

describe('the build names a template has', () => {
  it('are <build>.<type>.<source> for named HCL2 builds, <type>.<source> for unnamed ones', async () => {
    const analysis = await analysed('two.pkr.hcl', HCL);
    expect(analysis.builds).toEqual(['golden.null.a', 'golden.null.renamed', 'null.b']);
    expect(analysis.postProcessors).toEqual(['announce', 'manifest']);
    expect(analysis.buildNamesKnown).toBe(true);
  });

  it('are the builder names, else types, in a JSON template', async () => {
    const analysis = await analysed('t.json', JSON_TEMPLATE);
    expect(analysis.builds).toEqual(['golden', 'null']);
    expect(analysis.postProcessors).toEqual(['shell-local']);
  });

  it('are not known when a build name is an expression', async () => {
    const analysis = await analysed(
      'expr.pkr.hcl',
      'source "null" "a" { communicator = "none" }\nbuild {\n  name = "${var.x}"\n  sources = ["source.null.a"]\n}\n',
    );
    expect(analysis.buildNamesKnown).toBe(false);
    expect(selected(analysis, 'hcl2', ['nothing'], [])).toBe('ok');
  });
});

describe('compileGlob', () => {
  it.each([
    ['golden.*', 'golden.null.a', true],
    ['*.null.a', 'golden.null.a', true],
    ['null.a', 'golden.null.a', false],
    ['null.?', 'null.b', true],
    ['null.[ab]', 'null.b', true],
    ['null.[!ab]', 'null.b', false],
    ['null.[a-c]', 'null.b', true],
    ['{golden,silver}.null.a', 'golden.null.a', true],
    ['golden\\*', 'golden*', true],
    ['golden\\*', 'golden.x', false],
    ['a+b', 'a+b', true],
  ])('%s against %s is %s', (glob, name, expected) => {
    expect(compileGlob(glob)?.(name)).toBe(expected);
  });

  it('takes steps bounded by pattern × name length, however many stars', () => {
    const started = Date.now();
    expect(compileGlob(`${'*a'.repeat(500)}b`)?.('a'.repeat(200))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(compileGlob('x'.repeat(2000))).toBeUndefined();
    expect(compileGlob('null.[ab')).toBeUndefined();
    expect(compileGlob('{a,b')).toBeUndefined();
  });
});

describe('only and except', () => {
  let hcl: TemplateAnalysis;
  let json: TemplateAnalysis;
  beforeAll(async () => {
    hcl = await analysed('two.pkr.hcl', HCL);
    json = await analysed('t.json', JSON_TEMPLATE);
  });

  it('refuse an only that matches no build, listing the builds', () => {
    expect(selected(hcl, 'hcl2', ['null.a'], [])).toBe(
      'Input "only" names "null.a", which matches no build: the template\'s builds are "golden.null.a", ' +
        '"golden.null.renamed", "null.b" (a pattern matches the whole name, and may use * and ?).',
    );
    expect(selected(json, 'json', ['gold*'], [])).toBe(
      'Input "only" names "gold*", which matches no build: the template\'s builds are "golden", "null".',
    );
  });

  it('refuse an except that matches neither a build nor a post-processor, listing both', () => {
    expect(selected(hcl, 'hcl2', [], ['nothing'])).toBe(
      'Input "except" names "nothing", which matches no build and no post-processor: the template\'s builds ' +
        'are "golden.null.a", "golden.null.renamed", "null.b" (a pattern matches the whole name, and may use ' +
        '* and ?); its post-processors are "announce", "manifest".',
    );
  });

  it('refuse a selection that leaves no build', () => {
    expect(selected(hcl, 'hcl2', [], ['*'])).toMatch(/^Input "except" leaves no build to run: /);
    expect(selected(hcl, 'hcl2', ['null.b'], ['null.*'])).toMatch(
      /^Input "except" leaves no build to run with only: /,
    );
  });

  it('take what matches, post-processors too for except', () => {
    expect(selected(hcl, 'hcl2', ['golden.*', 'null.b'], ['announce', 'manifest'])).toBe('ok');
    expect(selected(json, 'json', ['golden'], ['shell-local'])).toBe('ok');
  });

  it('shorten a long pattern to 60 characters', () => {
    expect(selected(hcl, 'hcl2', ['x'.repeat(100_000)], [])).toMatch(/^Input "only" names "x{57}\.\.\.", /);
  });

  // The rule above is Packer's: what it accepts here is what the real Packer builds something for.
  it.each([
    ['two.pkr.hcl', 'only', 'golden.null.a'],
    ['two.pkr.hcl', 'only', 'null.a'],
    ['two.pkr.hcl', 'only', 'golden.*'],
    ['two.pkr.hcl', 'only', '*.null.b'],
    ['two.pkr.hcl', 'only', 'null.?'],
    ['two.pkr.hcl', 'only', 'golden.null.renamed'],
    ['two.pkr.hcl', 'only', 'golden'],
    ['t.json', 'only', 'golden'],
    ['t.json', 'only', 'gold*'],
    ['t.json', 'only', 'null'],
  ])('agree with Packer on %s -%s=%s', async (name, flag, pattern) => {
    const analysis = name.endsWith('.json') ? json : hcl;
    const format = name.endsWith('.json') ? 'json' : 'hcl2';
    const ours = selected(analysis, format, [pattern], []) === 'ok';
    const packers = await packerRuns(name, flag, pattern);
    expect({ pattern, buildsSomething: ours }).toEqual({ pattern, buildsSomething: packers.length > 0 });
  });
});
