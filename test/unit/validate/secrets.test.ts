import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGitleaksReport } from '../../../src/secrets/gitleaks.js';
import { BUILT_IN_RULES } from '../../../src/secrets/rules.js';
import { scanText, scanTree } from '../../../src/secrets/scan.js';
import { repoRoot } from '../../support/tools.js';

// Made up at test time from parts, so that no scanner (this one, gitleaks, push protection) flags the repository.
const SAMPLES: Record<string, string> = {
  'aws-access-key-id': `AKIA${'ABCDEFGHIJKLMNOP'}`,
  'aws-secret-access-key': `aws_secret_access_key = ${'wJalrXUtnFEMI/K7MDENG/bPxRfiCY'}${'0123456789'}`,
  'private-key': `-----BEGIN RSA ${'PRIVATE KEY'}-----`,
  'github-token': `ghp_${'a1B2'.repeat(9)}`,
  'github-fine-grained-token': `github_pat_${'A'.repeat(22)}_${'b'.repeat(59)}`,
  'slack-token': `xoxb-${'123456789012'}-${'123456789012'}-${'AbCdEfGhIjKlMnOpQrStUvWx'}`,
  'slack-webhook-url': `https://hooks.slack.com/services/${'T00000000'}/${'B00000000'}/${'X'.repeat(24)}`,
  'gitlab-token': `glpat-${'x'.repeat(20)}`,
  'google-api-key': `AIza${'S'.repeat(35)}`,
  'stripe-secret-key': `sk_live_${'4'.repeat(24)}`,
  'npm-token': `npm_${'n'.repeat(36)}`,
};

describe('built-in rules', () => {
  it('has a sample for every rule', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(BUILT_IN_RULES.map((rule) => rule.id).sort());
  });

  it.each(Object.entries(SAMPLES))('%s finds its credential by line and column', (rule, sample) => {
    const found = scanText(`first line\n  value: ${sample}\n`, 'f.txt');
    expect(found.map((f) => ({ rule: f.rule, line: f.line, column: f.column }))).toEqual([
      {
        rule,
        line: 2,
        column: 10 + (sample.startsWith('aws_secret') ? 'aws_secret_access_key = '.length : 0),
      },
    ]);
    // Nothing in a finding holds the matched text.
    expect(JSON.stringify(found)).not.toContain(sample.slice(-12));
  });

  it('skips documented examples and lines marked as allowed', () => {
    expect(scanText('key = AKIAIOSFODNN7EXAMPLE\n', 'f')).toEqual([]);
    expect(scanText(`key = ${SAMPLES['github-token']} # gitleaks:allow\n`, 'f')).toEqual([]);
  });

  it('does not take look-alikes for credentials', () => {
    const text = [
      'ghp_short',
      'AKIA_not_a_key',
      `prefix${SAMPLES['github-token'] ?? ''}suffix`,
      'xoxb-not-a-token',
      '-----BEGIN PUBLIC KEY-----',
      'aws_secret_access_key = ${var.secret}',
    ].join('\n');
    expect(scanText(text, 'f')).toEqual([]);
  });
});

describe('scanning a tree', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'secrets-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds no secret in the clean fixture', async () => {
    const dir = join(root, 'clean');
    await cp(join(repoRoot, 'test', 'fixtures', 'validate', 'clean'), dir, { recursive: true });
    const { findings, statistics } = await scanTree(dir);
    expect(findings).toEqual([]);
    expect(statistics.filesScanned).toBe(6);
  });

  it('follows .gitignore at every level and skips .git, .terraform, node_modules and binary files', async () => {
    const dir = join(root, 'tree');
    const key = SAMPLES['aws-access-key-id'] ?? '';
    const put = async (path: string, content: string | Buffer) => {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    };
    await put('.gitignore', '*.log\n/build/\n');
    await put('app/.gitignore', 'local.env\n');
    await put('app/local.env', key);
    await put('app/kept.env', `\n\nKEY=${key}\n`);
    await put('debug.log', key);
    await put('build/out.txt', key);
    await put('src/build/kept.txt', key);
    await put('.git/config', key);
    await put('infra/.terraform/x.tf', key);
    await put('node_modules/pkg/index.js', key);
    await put('image.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(key)]));
    const { findings, statistics } = await scanTree(dir);
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['app/kept.env:3', 'src/build/kept.txt:1']);
    expect(statistics.binaryFiles).toBe(1);
  });
});

describe('gitleaks reports', () => {
  it('keep the rule, file and place, and drop the secret and the match', () => {
    const report = JSON.stringify([
      {
        RuleID: 'aws-access-token',
        Description: 'AWS',
        File: '/work/repo/infra/main.tf',
        StartLine: 3,
        StartColumn: 5,
        EndColumn: 24,
        Secret: 'the-secret',
        Match: 'key = the-secret',
      },
    ]);
    const findings = parseGitleaksReport(report, '/work/repo');
    expect(findings).toEqual([
      {
        rule: 'aws-access-token',
        description: 'AWS',
        file: 'infra/main.tf',
        line: 3,
        column: 5,
        endColumn: 24,
      },
    ]);
    expect(JSON.stringify(findings)).not.toContain('the-secret');
    expect(parseGitleaksReport('', '/work/repo')).toEqual([]);
  });
});
