import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type Job, type StepResult } from '../support/runner/runner.js';
import { sarifErrors } from '../support/sarif-schema.js';
import { repoRoot } from '../support/tools.js';

/**
 * validate with the real OpenTofu, Packer and Ansible: a clean repository passes every check; each
 * kind of problem fails the step with an annotation on its file and line; planted credentials are
 * found by file and line and never printed; the SARIF file and the artifact are written either way.
 */
let results: ResultsService;
const runs: WorkflowRun[] = [];

beforeAll(async () => {
  results = await startResultsService();
});
afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await results.close();
});

function newRun(): WorkflowRun {
  const run = new WorkflowRun({ results });
  runs.push(run);
  return run;
}

/** A job whose workspace holds the clean fixture: infra/, packer/, ansible/, docs/. */
async function checkout(): Promise<Job> {
  const job = await newRun().job('validate');
  await cp(join(repoRoot, 'test', 'fixtures', 'validate', 'clean'), job.workspace, { recursive: true });
  return job;
}

const ALL_CHECKS = {
  'working-directory': 'infra',
  'packer-template': 'packer/image.pkr.hcl',
  playbook: 'ansible/site.yml',
};

function statusOf(step: StepResult, check: string): string | undefined {
  const row = step.summary.split('\n').find((line) => line.startsWith(`| ${check} |`));
  return row?.split('|')[3]?.trim();
}

async function sarifOf(step: StepResult): Promise<{ text: string; log: SarifLog }> {
  const text = await readFile(step.outputs['sarif-path'] ?? '', 'utf8');
  // Every SARIF file the action writes, on every path, is valid against the SARIF 2.1.0 schema.
  expect(sarifErrors(JSON.parse(text))).toEqual([]);
  return { text, log: JSON.parse(text) as SarifLog };
}

interface SarifLog {
  version: string;
  runs: Array<{
    results: Array<{
      ruleId: string;
      message: { text: string };
      locations?: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
      }>;
    }>;
  }>;
}

function located(log: SarifLog): Array<{ rule: string; uri?: string; line?: number }> {
  return (log.runs[0]?.results ?? []).map((result) => {
    const place = result.locations?.[0]?.physicalLocation;
    return {
      rule: result.ruleId,
      ...(place ? { uri: place.artifactLocation.uri } : {}),
      ...(place?.region ? { line: place.region.startLine } : {}),
    };
  });
}

describe('a clean repository', () => {
  it('passes every check, runs the tests, and uploads the SARIF file and results', async () => {
    const job = await checkout();
    const step = await job.step('validate', { with: ALL_CHECKS });
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);
    expect(step.outputs).toMatchObject({ passed: 'true', findings: '0', 'artifact-name': 'iac-validate' });
    for (const check of ['secret scan', 'tofu fmt', 'tofu validate', 'tofu test', 'packer validate']) {
      expect({ check, status: statusOf(step, check) }).toEqual({ check, status: '✅ passed' });
    }
    expect(statusOf(step, 'ansible-playbook --syntax-check')).toBe('✅ passed');
    // ansible-lint is not installed on the test bed: reported as skipped, with the reason.
    expect(step.summary).toMatch(
      /\| ansible-lint \| ansible\/site\.yml \| ⏭️ skipped \| ansible-lint is not installed \|/,
    );
    expect(step.summary).toContain('| infra/tests/server.tftest.hcl | names\\_the\\_server | ✅ pass |');
    const { log } = await sarifOf(step);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results).toEqual([]);
    expect(results.artifacts(job.run.runBackendId).map((a) => a.name)).toEqual(['iac-validate']);
    // The tool's data directory went to RUNNER_TEMP: validating leaves no .terraform in the checkout.
    await expect(readFile(join(job.workspace, 'infra', '.terraform', 'terraform.tfstate'))).rejects.toThrow();
  });

  it('reports the checks it was given nothing for as skipped, with the reason', async () => {
    const job = await checkout();
    const step = await job.step('validate', { with: { 'scan-secrets': 'false' } });
    expect(step.exitCode).toBe(0);
    expect(step.summary).toContain('| secret scan | . | ⏭️ skipped | scan-secrets is false |');
    expect(step.summary).toContain('| tofu fmt | . | ⏭️ skipped | no .tf or .tofu files in . |');
    expect(step.summary).toContain('| packer validate | - | ⏭️ skipped | no packer-template given |');
    expect(step.summary).toContain(
      '| ansible-playbook --syntax-check | - | ⏭️ skipped | no playbook given |',
    );
  });
});

describe('problems', () => {
  it('shows a diff for each badly formatted file and fails', async () => {
    const job = await checkout();
    await job.writeFile('infra/extra.tf', 'locals {\n  a = 1\n      bb = 2\n}\n');
    const step = await job.step('validate', { with: { 'working-directory': 'infra' } });
    expect(step.exitCode).toBe(1);
    expect(step.outputs.passed).toBe('false');
    expect(statusOf(step, 'tofu fmt')).toBe('❌ failed');
    expect(step.summary).toContain('<code>infra/extra.tf</code> is not formatted');
    expect(step.summary).toContain('--- old/extra.tf');
    expect(step.summary).toContain('-      bb = 2');
    expect(step.summary).toContain('+  a  = 1');
    const annotation = step.errors.find((e) => e.properties.file === 'infra/extra.tf');
    expect(annotation?.properties).toMatchObject({ file: 'infra/extra.tf', line: '2' });
    expect(step.errors.at(-1)?.message).toContain(
      'validate failed: tofu fmt (infra): 1 file(s) not formatted',
    );
    expect(located((await sarifOf(step)).log)).toEqual([
      { rule: 'tofu/fmt', uri: 'infra/extra.tf', line: 2 },
    ]);
  });

  it('annotates a validate error on its file and line', async () => {
    const job = await checkout();
    await job.writeFile(
      'infra/broken.tf',
      'resource "terraform_data" "broken" {\n  input = var.not_declared\n}\n',
    );
    const step = await job.step('validate', { with: { 'working-directory': 'infra' } });
    expect(step.exitCode).toBe(1);
    expect(statusOf(step, 'tofu validate')).toBe('❌ failed');
    const annotation = step.errors.find((e) => e.properties.file === 'infra/broken.tf');
    expect(annotation?.message).toContain('Reference to undeclared input variable');
    expect(annotation?.properties).toMatchObject({ line: '2', endLine: '2', col: '11' });
    expect(located((await sarifOf(step)).log)).toContainEqual({
      rule: 'tofu/validate',
      uri: 'infra/broken.tf',
      line: 2,
    });
  });

  it('annotates a syntax error found by init, and skips the tests it stops', async () => {
    const job = await checkout();
    await job.writeFile('infra/syntax.tf', 'resource "terraform_data" "x" {\n  input =\n}\n');
    const step = await job.step('validate', { with: { 'working-directory': 'infra' } });
    expect(step.exitCode).toBe(1);
    expect(step.errors.find((e) => e.properties.file === 'infra/syntax.tf')?.properties.line).toBe('2');
    expect(statusOf(step, 'tofu validate')).toBe('❌ failed');
    expect(statusOf(step, 'tofu test')).toBe('⏭️ skipped');
  });

  it('reports each test run, and a failing test fails the stage', async () => {
    const job = await checkout();
    await job.writeFile(
      'infra/tests/size.tftest.hcl',
      [
        'run "is_large" {',
        '  command = plan',
        '',
        '  assert {',
        '    condition     = terraform_data.server.input.size == "large"',
        '    error_message = "The server is not large."',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const step = await job.step('validate', { with: { 'working-directory': 'infra' } });
    expect(step.exitCode).toBe(1);
    expect(statusOf(step, 'tofu test')).toBe('❌ failed');
    expect(step.summary).toContain('| infra/tests/server.tftest.hcl | names\\_the\\_server | ✅ pass |');
    expect(step.summary).toContain('| infra/tests/size.tftest.hcl | is\\_large | ❌ fail |');
    expect(step.summary).toContain('1 passed, 1 failed');
    const annotation = step.errors.find((e) => e.properties.file === 'infra/tests/size.tftest.hcl');
    expect(annotation?.message).toContain('The server is not large.');
    expect(annotation?.properties.line).toBe('5');
  });

  it('annotates a packer validate error', async () => {
    const job = await checkout();
    await cp(join(repoRoot, 'test', 'fixtures', 'packer', 'broken'), join(job.workspace, 'broken-packer'), {
      recursive: true,
    });
    const step = await job.step('validate', {
      with: { 'packer-template': 'broken-packer/image.pkr.hcl', 'scan-secrets': 'false' },
    });
    expect(step.exitCode).toBe(1);
    expect(statusOf(step, 'packer validate')).toBe('❌ failed');
    const annotation = step.errors.find((e) => e.properties.file === 'broken-packer/image.pkr.hcl');
    expect(annotation?.message).toContain('Missing item separator');
    expect(annotation?.properties.line).toBe('10');
    expect(located((await sarifOf(step)).log)).toEqual([
      { rule: 'packer/validate', uri: 'broken-packer/image.pkr.hcl', line: 10 },
    ]);
  });

  it('annotates an Ansible syntax error without quoting the playbook', async () => {
    const job = await checkout();
    await cp(
      join(repoRoot, 'test', 'fixtures', 'ansible', 'broken.yml'),
      join(job.workspace, 'ansible', 'broken.yml'),
    );
    const step = await job.step('validate', {
      with: { playbook: 'ansible/broken.yml', 'scan-secrets': 'false' },
    });
    expect(step.exitCode).toBe(1);
    expect(statusOf(step, 'ansible-playbook --syntax-check')).toBe('❌ failed');
    const annotation = step.errors.find((e) => e.properties.file === 'ansible/broken.yml');
    expect(annotation?.message).toBe(
      'conflicting action statements: ansible.builtin.debug, ansible.builtin.fail',
    );
    expect(annotation?.properties).toMatchObject({ line: '4', col: '7' });
    expect(step.log).not.toContain('The offending line appears to be');
  });
});

/** Credentials in their issuers' formats, made up anew for each run and never committed. */
function plantedSecrets(): Array<{ rule: string; file: string; line: number; text: string; secret: string }> {
  const base32 = (n: number) =>
    [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32] ?? 'A').join('');
  const alnum = (n: number) =>
    [...randomBytes(n)]
      .map((b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 62] ?? 'a')
      .join('');
  const aws = `AKIA${base32(16)}`;
  const awsSecret = alnum(40);
  const ghp = `ghp_${alnum(36)}`;
  const pat = `github_pat_${alnum(22)}_${alnum(59)}`;
  const slack = `xoxb-${'1234567890'}-${'9876543210'}-${alnum(24)}`;
  const keyBody = alnum(64);
  return [
    {
      rule: 'aws-access-key-id',
      file: 'config/provider.tfvars',
      line: 2,
      secret: aws,
      text: `region = "eu-west-1"\naccess_key = "${aws}"\n`,
    },
    {
      rule: 'aws-secret-access-key',
      file: 'config/credentials',
      line: 3,
      secret: awsSecret,
      text: `[default]\nregion = eu-west-1\naws_secret_access_key = ${awsSecret}\n`,
    },
    {
      rule: 'github-token',
      file: 'scripts/release.sh',
      line: 2,
      secret: ghp,
      text: `#!/bin/sh\nexport GITHUB_TOKEN=${ghp}\n`,
    },
    { rule: 'github-fine-grained-token', file: 'ci/env.yml', line: 1, secret: pat, text: `token: ${pat}\n` },
    {
      rule: 'slack-token',
      file: 'ansible/group_vars/all.yml',
      line: 3,
      secret: slack,
      text: `---\nchannel: ops\nslack_token: "${slack}"\n`,
    },
    {
      rule: 'private-key',
      file: 'keys/deploy',
      line: 1,
      secret: keyBody,
      text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${keyBody}\n-----END OPENSSH PRIVATE KEY-----\n`,
    },
  ];
}

describe('secrets', () => {
  it('finds each planted credential by file and line and never prints it', async () => {
    const job = await checkout();
    const planted = plantedSecrets();
    for (const { file, text } of planted) await job.writeFile(file, text);
    // Ignored by .gitignore, and inside .terraform: neither is scanned.
    await job.writeFile('infra/secrets.auto.tfvars', `key = "AKIA${'Q'.repeat(16)}"\n`);
    await job.writeFile('infra/.terraform/modules/x.tf', `key = "AKIA${'R'.repeat(16)}"\n`);
    const step = await job.step('validate', { with: ALL_CHECKS });
    expect(step.exitCode).toBe(1);
    expect(step.outputs.passed).toBe('false');
    expect(statusOf(step, 'secret scan')).toBe('❌ failed');
    const { text: sarifText, log } = await sarifOf(step);
    const secretsFound = located(log).filter((r) => r.rule.startsWith('secrets/'));
    expect(secretsFound.sort((a, b) => (a.uri ?? '').localeCompare(b.uri ?? ''))).toEqual(
      planted
        .map(({ rule, file, line }) => ({ rule: `secrets/${rule}`, uri: file, line }))
        .sort((a, b) => a.uri.localeCompare(b.uri)),
    );
    for (const { file, line } of planted) {
      expect(step.errors.some((e) => e.properties.file === file && e.properties.line === String(line))).toBe(
        true,
      );
      expect(step.summary).toContain(`\`${file} line ${line}\``);
    }
    const artifact = await artifactText(job);
    for (const { secret } of planted) {
      expect(step.rawLog).not.toContain(secret);
      expect(step.summary).not.toContain(secret);
      expect(sarifText).not.toContain(secret);
      expect(artifact).not.toContain(secret);
      expect(JSON.stringify([step.errors, step.warnings, step.notices, step.outputs])).not.toContain(secret);
    }
    expect(step.rawLog).not.toContain('Q'.repeat(16));
    expect(step.rawLog).not.toContain('R'.repeat(16));
  });

  it('uses gitleaks instead when it is on PATH, and keeps nothing of what it matched', async () => {
    const job = await checkout();
    const secret = `ghp_${'x'.repeat(36)}`;
    // A stand-in gitleaks that reports like the real one would without --redact: Secret and Match in full.
    const fake = await job.writeFile(
      '../bin/gitleaks',
      [
        '#!/bin/sh',
        'if [ "$1" = version ]; then echo 8.21.2; exit 0; fi',
        'report=""',
        'while [ $# -gt 0 ]; do [ "$1" = --report-path ] && report="$2"; shift; done',
        `printf '%s' '[{"RuleID":"github-pat","Description":"GitHub Personal Access Token","File":"app/config.yml","StartLine":7,"StartColumn":10,"EndColumn":50,"Secret":"${secret}","Match":"token: ${secret}"}]' > "$report"`,
        `echo "found ${secret}"`,
      ].join('\n'),
    );
    await chmod(fake, 0o755);
    job.path.unshift(join(job.workspace, '..', 'bin'));
    const step = await job.step('validate', { with: { 'working-directory': 'infra' } });
    expect(step.exitCode).toBe(1);
    expect(step.log).toContain('with gitleaks 8.21.2');
    expect(step.summary).toContain('1 secret(s) found (gitleaks 8.21.2)');
    expect(located((await sarifOf(step)).log)).toEqual([
      { rule: 'secrets/github-pat', uri: 'app/config.yml', line: 7 },
    ]);
    expect(step.rawLog).not.toContain(secret);
    expect((await sarifOf(step)).text).not.toContain(secret);
  });
});

/** Every file of the artifact as stored, unzipped: the text a later job or a person downloads. */
async function artifactText(job: Job): Promise<string> {
  const texts: string[] = [];
  for (const { id } of results.artifacts(job.run.runBackendId)) {
    const zip = join(await mkdtemp(join(job.runnerTemp, 'artifact-')), 'artifact.zip');
    await writeFile(zip, results.artifactBytes(id));
    texts.push((await promisify(execFile)('unzip', ['-p', zip], { maxBuffer: 16 * 1024 * 1024 })).stdout);
  }
  return texts.join('\n');
}

/** validate-results.json as the step wrote it in RUNNER_TEMP (the artifact holds a copy). */
async function resultsFile(job: Job): Promise<string> {
  const dirs = (await readdir(job.runnerTemp)).filter((name) => /^iac-validate-(?!data-)/.test(name));
  expect(dirs).toHaveLength(1);
  return readFile(join(job.runnerTemp, dirs[0] ?? '', 'validate-results.json'), 'utf8');
}

describe('secrets that the tools quote', () => {
  it('are redacted in the fmt diff, diagnostics, test output, Packer and Ansible errors, everywhere', async () => {
    const job = await checkout();
    const key = `AKIA${[...randomBytes(16)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32] ?? 'A').join('')}`;
    // On a line fmt rewrites (no spaces around =): the diff shows it twice.
    await job.writeFile('infra/keys.tf', `locals {\n  deploy_key_id="${key}"\n}\n`);
    // In a failing test's message: tofu test prints it.
    await job.writeFile(
      'infra/tests/key.tftest.hcl',
      [
        'run "has_the_key" {',
        '  command = plan',
        '',
        '  assert {',
        '    condition     = terraform_data.server.input.size == "large"',
        `    error_message = "The server has no key ${key}."`,
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    // As a name validate cannot resolve: its diagnostic quotes it.
    await job.writeFile(
      'keyed/main.tf',
      `resource "terraform_data" "uses" {\n  input = terraform_data.${key}.output\n}\n`,
    );
    // As an argument Packer does not know, and a module Ansible cannot resolve: both errors quote it.
    await job.writeFile(
      'packer/keyed.pkr.hcl',
      `source "null" "keyed" {\n  communicator = "none"\n  ${key} = "1"\n}\n\nbuild {\n  sources = ["source.null.keyed"]\n}\n`,
    );
    await job.writeFile(
      'ansible/keyed.yml',
      `- name: Keyed\n  hosts: web\n  gather_facts: false\n  tasks:\n    - name: Use the key\n      ${key}:\n        msg: hi\n`,
    );
    const step = await job.step('validate', {
      with: {
        'working-directory': 'infra\nkeyed',
        'packer-template': 'packer/keyed.pkr.hcl',
        playbook: 'ansible/keyed.yml',
      },
    });
    expect(step.exitCode).toBe(1);
    // The scan found each planted line.
    const { text: sarifText, log } = await sarifOf(step);
    expect(located(log).filter((r) => r.rule === 'secrets/aws-access-key-id')).toEqual(
      expect.arrayContaining([
        { rule: 'secrets/aws-access-key-id', uri: 'infra/keys.tf', line: 2 },
        { rule: 'secrets/aws-access-key-id', uri: 'infra/tests/key.tftest.hcl', line: 6 },
        { rule: 'secrets/aws-access-key-id', uri: 'keyed/main.tf', line: 2 },
        { rule: 'secrets/aws-access-key-id', uri: 'packer/keyed.pkr.hcl', line: 3 },
        { rule: 'secrets/aws-access-key-id', uri: 'ansible/keyed.yml', line: 6 },
      ]),
    );
    // The summary still shows the diff of the file, with the key replaced on both sides.
    expect(step.summary).toContain('<code>infra/keys.tf</code> is not formatted');
    expect(step.summary).toContain('-  deploy_key_id="[REDACTED]"');
    expect(step.summary).toContain('+  deploy_key_id = "[REDACTED]"');
    // Each tool did quote it: where it stood, the placeholder stands.
    expect(step.log).toContain('The server has no key [REDACTED].');
    expect(step.log).toContain('There is no managed resource "terraform_data" "[REDACTED]" definition');
    expect(step.log).toContain('An argument named "[REDACTED]" is not expected here');
    expect(step.log).toContain("couldn't resolve module/action '[REDACTED]'");
    // In the summary's findings the placeholder's brackets are escaped as Markdown.
    expect(step.summary).toContain("couldn't resolve module/action '\\[REDACTED\\]'");
    expect(sarifText).toContain('[REDACTED]');
    const texts = {
      rawLog: step.rawLog,
      summary: step.summary,
      sarif: sarifText,
      artifact: await artifactText(job),
      results: await resultsFile(job),
      annotations: JSON.stringify([step.errors, step.warnings, step.notices, step.outputs]),
    };
    expect(texts.artifact).toContain('"schema": "iac/validate@1"');
    for (const [where, text] of Object.entries(texts)) {
      expect({ where, leaked: text.includes(key) }).toEqual({ where, leaked: false });
    }
  });
});

describe('bad inputs', () => {
  it.each([
    [
      { 'working-directory': 'infra\nmissing' },
      'Input "working-directory" must list existing directories in the workspace; "missing" is not one',
    ],
    [
      { 'working-directory': 'docs' },
      'Input "working-directory" lists docs, which holds no .tf or .tofu files',
    ],
    [{ binary: 'pulumi' }, 'Input "binary" must be one of: auto, tofu, terraform; got "pulumi".'],
    [
      { 'packer-template': 'packer/missing.pkr.hcl' },
      'Input "packer-template" must name an existing file or directory in the workspace',
    ],
    [{ playbook: 'ansible' }, 'Input "playbook" must name an existing file in the workspace; got "ansible".'],
    [{ 'scan-secrets': 'yes' }, 'Input "scan-secrets" must be true or false; got "yes".'],
    [
      { 'sarif-path': 'infra' },
      'Input "sarif-path" names a directory: name the file to write, such as "infra/validate.sarif"',
    ],
  ])('%j fails with one clear error', async (given, expected) => {
    const job = await checkout();
    const step = await job.step('validate', { with: given });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.message).toContain(expected);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
  });
});
