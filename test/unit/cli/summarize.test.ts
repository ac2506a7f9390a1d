import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24, repoRoot } from '../../support/tools.js';
import { change, plan } from '../render/documents.js';

/**
 * The command as users run it: a process, its output and exit code. It runs from the TypeScript
 * sources (Node 24 strips the types), so the test needs no build; the e2e tests run the bundle.
 */
function cli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      node24(),
      [
        '--experimental-transform-types',
        '--no-warnings',
        '--import',
        join(repoRoot, 'bench', 'register-ts.mjs'),
        join(repoRoot, 'src', 'cli', 'iac-pipeline.ts'),
        ...args,
      ],
      { cwd: repoRoot },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let dir: string;
const doc = plan(
  [
    change('terraform_data.gone', ['delete'], { before: { id: 'a', input: 1 } }),
    change('terraform_data.new', ['create'], { after: { input: 'x' }, afterUnknown: { id: true } }),
  ],
  {
    output_changes: {
      pw: {
        actions: ['create'],
        before: null,
        after: 's3cr3t-value',
        after_unknown: false,
        before_sensitive: false,
        after_sensitive: true,
      },
    },
  },
);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-'));
  await writeFile(join(dir, 'plan.json'), JSON.stringify(doc));
  await writeFile(
    join(dir, 'state.json'),
    JSON.stringify({ format_version: '1.0', values: { root_module: {} } }),
  );
  await writeFile(join(dir, 'broken.json'), '{"format_version": "1.2", "resource_changes": [{"address": "a"');
  await writeFile(join(dir, 'planfile'), Buffer.from('PK\u0003\u0004binary'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('iac-pipeline summarize', () => {
  it('prints the job summary Markdown by default', async () => {
    const { code, stdout, stderr } = await cli(['summarize', join(dir, 'plan.json'), '--stack', 'web']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('### Plan for `web`');
    expect(stdout).toContain('**Plan:** 1 to add, 0 to change, 0 to replace, 1 to destroy; 1 output change.');
    expect(stdout).toContain('> - `terraform_data.gone` destroyed');
    expect(stdout).not.toContain('s3cr3t');
  });

  it('prints plain text, and the model as JSON', async () => {
    const text = await cli(['summarize', join(dir, 'plan.json'), '--format', 'text']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Plan: 1 to add, 0 to change, 0 to replace, 1 to destroy');
    expect(text.stdout).toContain('  + pw = (sensitive)');
    const json = await cli(['summarize', join(dir, 'plan.json'), '--format=json']);
    expect(json.code).toBe(0);
    const model = JSON.parse(json.stdout);
    expect(model.counts).toMatchObject({ add: 1, destroy: 1, outputChanges: 1 });
    expect(model.resources[0].attributes).toEqual([
      {
        path: 'id',
        before: { kind: 'known', text: '"a"' },
        after: { kind: 'absent' },
        forcesReplacement: false,
      },
      {
        path: 'input',
        before: { kind: 'known', text: '1' },
        after: { kind: 'absent' },
        forcesReplacement: false,
      },
    ]);
    expect(json.stdout).not.toContain('s3cr3t');
  });

  it('reads the document from standard input with -', async () => {
    const { code, stdout } = await cli(['summarize', '-', '--format', 'text'], JSON.stringify(doc));
    expect(code).toBe(0);
    expect(stdout).toContain('terraform_data.new');
  });

  it.each([
    [['summarize', 'missing.json'], 'iac-pipeline: missing.json: no such file'],
    [['summarize', 'STATE'], "the plan's show -json document is not one: it describes a state"],
    [['summarize', 'BROKEN'], 'the plan JSON ends before the document does: is the file truncated?'],
    [['summarize', 'PLANFILE'], 'is a binary planfile, not JSON'],
    [['summarize', 'PLAN', '--format', 'yaml'], '--format must be one of markdown, text, json, not "yaml"'],
    [['summarize'], 'summarize needs the path of a plan JSON file'],
    [['summarize', 'PLAN', '--bogus'], "Unknown option '--bogus'"],
    [['apply'], 'unknown command "apply"'],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const files: Record<string, string> = {
      STATE: join(dir, 'state.json'),
      BROKEN: join(dir, 'broken.json'),
      PLANFILE: join(dir, 'planfile'),
      PLAN: join(dir, 'plan.json'),
    };
    const { code, stdout, stderr } = await cli(args.map((arg) => files[arg] ?? arg));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
