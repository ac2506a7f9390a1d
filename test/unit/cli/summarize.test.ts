import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planCommentBodies as tfPlanCommentBodies } from '../../../src/terraform/plan-summaries.js';
import type { TfPlanResult } from '../../../src/terraform/plan.js';
import { COMMENT_SEPARATOR } from '../../../src/cli/summarize.js';
import { COMMENT_LIMIT, planCommentBodies } from '../../../src/github/plan-comment.js';
import type { PlanRenderContext } from '../../../src/plan/plan-markdown.js';
import { readPlanModel } from '../../../src/plan/plan-stream.js';
import { generatePlanJson } from '../../support/plan-generator.js';
import { node24, repoRoot } from '../../support/tools.js';
import { change, plan } from '../plan/documents.js';
import { realPlanJson } from '../plan/real-plan.js';

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
    [
      ['summarize', 'PLAN', '--format', 'yaml'],
      '--format must be one of markdown, comment, text, json, not "yaml"',
    ],
    [['summarize', 'PLAN', '--commit', 'main'], '--commit must be a commit SHA (7 to 64 hexadecimal digits)'],
    [['summarize', `${'x'.repeat(200)}.json`], `iac-pipeline: …${'x'.repeat(54)}.json: no such file`],
    [
      ['summarize', `${'x'.repeat(300)}.json`],
      `…${'x'.repeat(54)}.json: the path is too long for a file name`,
    ],
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

/** The bodies the comment format printed: split at the separator lines, less the newline after each. */
function bodiesOf(stdout: string): string[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.split(`${COMMENT_SEPARATOR}\n`).map((part) => {
    expect(part.endsWith('\n')).toBe(true);
    return part.slice(0, -1);
  });
}

describe('iac-pipeline summarize --format comment', () => {
  let tofuJson: string;
  beforeAll(async () => {
    tofuJson = await realPlanJson();
    await writeFile(join(dir, 'tofu.json'), tofuJson);
    await writeFile(join(dir, 'big.json'), generatePlanJson(20_000));
  });

  const ctx = (stack: string, commit = ''): PlanRenderContext => ({
    stack,
    workspace: '',
    planDigest: '',
    commit,
  });

  it('says in --help which line separates two comments', async () => {
    const { code, stdout } = await cli(['summarize', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--format markdown|comment|text|json');
    expect(stdout.split('\n').map((line) => line.trim())).toContain(COMMENT_SEPARATOR);
  });

  it('prints the comment tf-plan builds for a real tofu plan: one body', async () => {
    const sha = 'abcdef0123456789abcdef0123456789abcdef01';
    const { code, stdout, stderr } = await cli([
      'summarize',
      join(dir, 'tofu.json'),
      '--format',
      'comment',
      '--stack',
      'tiny',
      '--commit',
      sha,
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const expected = planCommentBodies(await readPlanModel(join(dir, 'tofu.json')), ctx('tiny', sha));
    expect(bodiesOf(stdout)).toEqual(expected);
    expect(expected).toHaveLength(1);
    expect(stdout).toContain('### Plan for `tiny`');
    expect(stdout).toContain('**Plan:** 2 to add, 0 to change, 0 to replace, 0 to destroy; 1 output change.');
    expect(stdout).toContain(`commit \`${sha.slice(0, 12)}\``);
    expect(stdout).not.toContain(COMMENT_SEPARATOR);
  });

  it('prints 20,000 changes as comments of at most 65,536 characters, the bodies tf-plan posts', async () => {
    const { code, stdout, stderr } = await cli([
      'summarize',
      join(dir, 'big.json'),
      '--format=comment',
      '--stack',
      'big',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const printed = bodiesOf(stdout);
    const model = await readPlanModel(join(dir, 'big.json'));
    expect(printed).toEqual(planCommentBodies(model, ctx('big')));
    // 4,000 destroyed and 4,000 replaced resources do not fit in one comment: continuations follow.
    expect(printed.length).toBeGreaterThan(2);
    for (const body of printed) {
      expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    }
    expect(printed[1]).toMatch(/^### Plan for `big` \(continued, 2 of \d+\)/);
    // tf-plan posts the same bodies, with the line that names the artifact under the first.
    const result = {
      model,
      manifest: { planDigest: `sha256:${'0'.repeat(64)}` },
      artifactName: 'iac-plan-big',
    } as unknown as TfPlanResult;
    const posted = tfPlanCommentBodies(result, ctx('big'));
    expect(posted.slice(1)).toEqual(printed.slice(1));
    expect(posted[0]).toBe(
      `${printed[0]?.trimEnd()}\n\nArtifact \`iac-plan-big\` · approve with \`/approve 000000000000\`\n`,
    );
    for (const body of posted) expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  });

  it('refuses a real tofu plan with a } or a second document after it, naming where the extra data starts', async () => {
    const lines = tofuJson.split('\n').length;
    await writeFile(join(dir, 'brace.json'), `${tofuJson}}`);
    await writeFile(join(dir, 'twice.json'), `${tofuJson}${tofuJson}`);
    for (const [file, format] of [
      ['brace.json', 'markdown'],
      ['twice.json', 'comment'],
    ] as const) {
      const { code, stdout, stderr } = await cli(['summarize', join(dir, file), '--format', format]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toBe(
        `iac-pipeline: ${join(dir, file)}: line ${lines}, column 1: data after the end of the plan document ` +
          `(${file === 'brace.json' ? '"}"' : '"{\\"format_version\\":\\"1"…'}); expected nothing but whitespace ` +
          'after its closing }. A show -json file holds one document: is it two documents in one file, or an edited copy?\n',
      );
    }
    const piped = await cli(['summarize', '-', '--format', 'text'], `${tofuJson.trimEnd()}}`);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(
      new RegExp(
        `^iac-pipeline: standard input: line ${lines - 1}, column ${tofuJson.trimEnd().split('\n').at(-1)!.length + 1}: data after the end`,
      ),
    );
  });

  it('accepts a real tofu plan followed by whitespace and a newline', async () => {
    await writeFile(join(dir, 'spaced.json'), `${tofuJson}  \t\n\n`);
    const file = await cli(['summarize', join(dir, 'spaced.json'), '--format', 'comment', '--stack', 'tiny']);
    expect({ code: file.code, stderr: file.stderr }).toEqual({ code: 0, stderr: '' });
    expect(bodiesOf(file.stdout)).toEqual(
      planCommentBodies(await readPlanModel(join(dir, 'tofu.json')), ctx('tiny')),
    );
    const piped = await cli(['summarize', '-', '--format', 'text'], `${tofuJson}\n \n`);
    expect({ code: piped.code, stderr: piped.stderr }).toEqual({ code: 0, stderr: '' });
    expect(piped.stdout).toContain('terraform_data.vm[1]');
  });
});
