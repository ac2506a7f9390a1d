import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import type { Exec } from '../../../src/core/exec.js';
import type { RunContext } from '../../../src/core/run-context.js';
import {
  REDACTED,
  redactByRules,
  redactedBy,
  Redactor,
  redactingLogger,
  tokensWithin,
  valuesAtFindings,
} from '../../../src/secrets/redact.js';
import { scanText } from '../../../src/secrets/scan.js';
import { validateSummaryMarkdown } from '../../../src/validate/summary.js';
import { parseFormatDiffs } from '../../../src/validate/terraform.js';
import { runValidation } from '../../../src/validate/validate.js';
import { RecordingLogger } from '../../support/recording-logger.js';

// Made up at test time, so that no scanner flags this file.
const base32 = (n: number): string =>
  [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32] ?? 'A').join('');
const alnum = (n: number): string =>
  [...randomBytes(n)]
    .map((b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 62] ?? 'a')
    .join('');
const awsKey = (): string => `AKIA${base32(16)}`;
const AWS = redactedBy('aws-access-key-id');

/** The redactor as the validate stage has it after scanning `files`: fed every value the scan found. */
function redactorAfterScanning(files: Record<string, string>): Redactor {
  const redactor = new Redactor();
  for (const [file, text] of Object.entries(files)) scanText(text, file, undefined, (v) => redactor.add(v));
  return redactor;
}

describe('redaction of each kind of text a finding can reach', () => {
  it('an fmt diff: both sides of the rewritten line, the diff still readable', () => {
    const key = awsKey();
    const stdout = [
      'main.tf',
      '--- old/main.tf',
      '+++ new/main.tf',
      '@@ -1,3 +1,3 @@',
      ' locals {',
      `-  deploy_key_id="${key}"`,
      `+  deploy_key_id = "${key}"`,
      ' }',
      '',
    ].join('\n');
    const redactor = redactorAfterScanning({ 'infra/main.tf': `locals {\n  deploy_key_id="${key}"\n}\n` });
    const [diff] = parseFormatDiffs(redactor.redact(stdout), { cwd: '/w/infra', relativeDir: 'infra' });
    expect(diff?.diff).not.toContain(key);
    expect(diff?.diff).toContain(`-  deploy_key_id="${REDACTED}"`);
    expect(diff?.diff).toContain(`+  deploy_key_id = "${REDACTED}"`);
    // Without the scan (scan-secrets: false) the rule alone hides it, naming the rule.
    expect(new Redactor().redact(stdout)).toContain(`+  deploy_key_id = "${AWS}"`);
    expect(new Redactor().redact(stdout)).not.toContain(key);
  });

  it("a validate diagnostic's source snippet, and a secret shown without the context its rule needs", () => {
    const secret = alnum(40);
    // The scan found it by its key name in one file; validate quotes the value alone from another.
    const redactor = redactorAfterScanning({ 'creds.ini': `aws_secret_access_key = ${secret}\n` });
    expect(redactor.size).toBe(1);
    const diagnostic = {
      severity: 'error',
      summary: 'Unsupported argument',
      detail: 'An argument named "secret" is not expected here.',
      range: { filename: 'main.tf', start: { line: 3, column: 3 }, end: { line: 3, column: 9 } },
      snippet: {
        context: 'resource "terraform_data" "x"',
        code: `  secret = "${secret}"`,
        start_line: 3,
        highlight_start_offset: 2,
        highlight_end_offset: 8,
        values: [],
      },
    };
    const text = JSON.stringify({ format_version: '1.0', valid: false, diagnostics: [diagnostic] });
    const redacted = redactor.redact(text);
    expect(redacted).not.toContain(secret);
    // Still the same JSON, with the value replaced.
    expect(JSON.parse(redacted)).toMatchObject({
      diagnostics: [{ snippet: { code: `  secret = "${REDACTED}"` } }],
    });
    expect(redactByRules(text)).toContain(secret); // no rule matches a bare value: the scan's value does
  });

  it('tofu test output: a failed assertion quoting a variable', () => {
    const key = awsKey();
    const line = JSON.stringify({
      '@level': 'error',
      '@message': 'Error: Test assertion failed',
      type: 'diagnostic',
      diagnostic: {
        severity: 'error',
        summary: 'Test assertion failed',
        detail: `expected ${key}`,
        snippet: {
          code: `    condition     = var.key_id == "${key}"`,
          values: [{ traversal: 'var.key_id', statement: `is "${key}"` }],
        },
      },
    });
    const redacted = new Redactor().redact(line);
    expect(redacted).not.toContain(key);
    expect(JSON.parse(redacted)).toMatchObject({
      diagnostic: { detail: `expected ${AWS}`, snippet: { values: [{ statement: `is "${AWS}"` }] } },
    });
  });

  it("Ansible's quote of the offending line", () => {
    const token = `ghp_${alnum(36)}`;
    const output = [
      "ERROR! couldn't resolve module/action 'community.general.slack'.",
      '',
      "The error appears to be in '/w/ansible/site.yml': line 5, column 7, but may",
      'be elsewhere in the file depending on the exact syntax problem.',
      '',
      'The offending line appears to be:',
      '',
      '    - community.general.slack:',
      `        token: ${token}`,
      '      ^ here',
    ].join('\n');
    const redacted = new Redactor().redact(output);
    expect(redacted).not.toContain(token);
    expect(redacted).toContain(`        token: ${redactedBy('github-token')}\n      ^ here`);
  });

  it('packer validate output', () => {
    const key = awsKey();
    const line = `1700000000,,ui,error,Error: Unsupported argument\\n\\n  on image.pkr.hcl line 4:\\n   4:   access_key="${key}"\\n`;
    expect(new Redactor().redact(line)).toBe(line.replace(key, AWS));
  });

  it('a private key: its header and its body, on both sides of a diff', () => {
    const body = [alnum(64), alnum(64), alnum(20)];
    const key = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...body, '-----END OPENSSH PRIVATE KEY-----'];
    const diff = [
      '@@ -1,6 +1,6 @@',
      '-key=<<EOT',
      '+key = <<EOT',
      ...key.map((l) => `-${l}`),
      ...key.map((l) => `+${l}`),
      ' EOT',
    ].join('\n');
    const redacted = new Redactor().redact(diff);
    for (const part of body) expect(redacted).not.toContain(part);
    expect(redacted.split('\n')).toHaveLength(diff.split('\n').length);
    expect(redacted).toContain(`+${redactedBy('private-key')}\n+${REDACTED}\n`);
    // One line of the body alone (a snippet) is hidden by the values the scan found.
    const redactor = redactorAfterScanning({ 'keys/deploy': `${key.join('\n')}\n` });
    expect(redactor.redact(`  code: "${body[1] ?? ''}"`)).toBe(`  code: "${REDACTED}"`);
  });

  it('leaves what the scanner allows alone, and text with no secret unchanged', () => {
    const text = 'key = AKIAIOSFODNN7EXAMPLE\nother = 1\n';
    expect(new Redactor().redact(text)).toBe(text);
    const marked = `id = "${awsKey()}" # gitleaks:allow`;
    expect(new Redactor().redact(marked)).toBe(marked);
    expect(new Redactor().redact('')).toBe('');
  });

  it('never prints its values', () => {
    const key = awsKey();
    const redactor = redactorAfterScanning({ f: `k = ${key}` });
    expect(JSON.stringify({ redactor })).not.toContain(key);
    expect(String(redactor)).not.toContain(key);
    expect(redactor.redact(redactor.redact(key))).toBe(REDACTED);
  });
});

describe('the redacting logger', () => {
  it('redacts messages, annotation properties and group names; masks pass through', async () => {
    const key = awsKey();
    const recorded = new RecordingLogger();
    const logger = redactingLogger(recorded, new Redactor());
    await logger.group(`fmt ${key}`, async () => {
      logger.info(`info ${key}`);
      logger.debug(`debug ${key}`);
      logger.notice(`notice ${key}`, { title: `t ${key}`, file: 'a.tf', startLine: 1 });
      logger.warning(`warning ${key}`);
      logger.error(`error ${key}`, { title: key });
      logger.mask(key);
    });
    expect(JSON.stringify(recorded.lines)).not.toContain(key);
    expect(recorded.lines).toHaveLength(6);
    expect(recorded.lines[3]).toEqual({
      level: 'notice',
      message: `notice ${AWS}`,
      properties: { title: `t ${AWS}`, file: 'a.tf', startLine: 1 },
    });
    expect(recorded.masks).toEqual([key]);
  });
});

describe('values at the places gitleaks reports (with --redact)', () => {
  it('takes the tokens within the columns, tolerant of a column either way, never a key name', () => {
    const secret = alnum(30);
    const line = `api_key: "${secret}"`;
    const start = line.indexOf(secret);
    expect(tokensWithin(line, start, start + secret.length)).toEqual([secret]);
    expect(tokensWithin(line, start - 1, start + secret.length + 1)).toEqual([secret]);
    expect(tokensWithin(line, start + 1, start + secret.length - 1)).toEqual([secret]);
    // A match that covers the key name too (gitleaks' generic rule) still gives only the value.
    expect(tokensWithin(line, 0, line.length)).toEqual([secret]);
  });

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redact-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads them from the files the findings name', async () => {
    const secret = alnum(30);
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app', 'config.yml'), `a: 1\ntoken: ${secret}\n`);
    const finding = { rule: 'generic', description: 'd', file: 'app/config.yml', line: 2, column: 8 };
    expect(await valuesAtFindings(dir, [{ ...finding, endColumn: 8 + secret.length }])).toEqual([secret]);
    expect(await valuesAtFindings(dir, [{ ...finding, file: 'missing', endColumn: 9 }])).toEqual([]);
    expect(await valuesAtFindings(dir, [{ ...finding, file: '../x', endColumn: 9 }])).toEqual([]);
    await writeFile(join(dir, 'key.pem'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    expect(
      await valuesAtFindings(dir, [{ ...finding, file: 'key.pem', line: 1, column: 1, endColumn: 36 }]),
    ).toEqual([]);
  });
});

describe('runValidation', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'redact-run-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('redacts the log, the results, the SARIF file, the artifact and the summary at one place', async () => {
    const workspace = join(root, 'workspace');
    const runnerTemp = join(root, 'temp');
    const bin = join(root, 'bin');
    for (const d of [workspace, runnerTemp, bin]) await mkdir(d, { recursive: true });
    const secret = alnum(40);
    // Found by its key name here; quoted by "Ansible" below without it, so only the scan's value hides it.
    await writeFile(join(workspace, 'creds.ini'), `aws_secret_access_key = ${secret}\n`);
    await writeFile(join(workspace, 'site.yml'), '- hosts: all\n');
    await writeFile(join(bin, 'ansible-playbook'), '#!/bin/sh\n');
    await chmod(join(bin, 'ansible-playbook'), 0o755);
    // Stands in for ansible-playbook: an error whose message quotes the value.
    const exec: Exec = async () => ({
      exitCode: 4,
      stdout: '',
      stderr: `ERROR! couldn't resolve module/action '${secret}'\n\nThe error appears to be in '${join(workspace, 'site.yml')}': line 1, column 3`,
    });
    const uploaded: string[] = [];
    const artifacts: ArtifactStore = {
      upload: async (name, files) => {
        for (const file of files) uploaded.push(await readFile(file, 'utf8'));
        return { name, id: 1, size: 1 };
      },
      download: async () => undefined,
      list: async () => [],
    };
    const run = { workspace, runnerTemp, sha: 'abc', ref: 'refs/heads/main', runId: 1, runAttempt: 1 };
    const logger = new RecordingLogger();
    const result = await runValidation(
      {
        workingDirectory: [workspace],
        binary: 'auto',
        playbook: join(workspace, 'site.yml'),
        scanSecrets: true,
        artifactPrefix: 'iac',
      },
      { exec, logger, run: run as RunContext, artifacts, searchPath: bin },
    );
    const syntax = result.checks.find((check) => check.id === 'ansible-syntax');
    expect(syntax?.status).toBe('failed');
    expect(syntax?.reason).toBe(`couldn't resolve module/action '${REDACTED}'`);
    expect(logger.messages('error')).toContain(`couldn't resolve module/action '${REDACTED}'`);
    expect(uploaded).toHaveLength(2);
    const texts = {
      log: JSON.stringify(logger.lines),
      artifact: uploaded.join('\n'),
      sarif: await readFile(result.sarifPath, 'utf8'),
      results: await readFile(result.resultsPath, 'utf8'),
      summary: validateSummaryMarkdown(result),
    };
    for (const [where, text] of Object.entries(texts)) {
      expect({ where, leaked: text.includes(secret) }).toEqual({ where, leaked: false });
    }
    expect(texts.sarif).toContain(REDACTED);
  });
});
