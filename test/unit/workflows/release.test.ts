import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { node24, repoRoot } from '../../support/tools.js';

/**
 * release.yml's shape (what it runs on, who may write) and its version step's shell, run as the runner
 * would run it (`bash --noprofile --norc -eo pipefail <file>`, the runner's default shell) with the step's env,
 * GITHUB_OUTPUT and RUNNER_TEMP, and Node 24 as `node`.
 */
interface Step {
  id?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(readFileSync(join(repoRoot, '.github', 'workflows', 'release.yml'), 'utf8')) as {
  on: { push: { tags: string[] }; workflow_dispatch: { inputs: Record<string, { required?: boolean }> } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

function versionStep(env: Record<string, string>): { status: number | null; stderr: string; output: string } {
  const script = workflow.jobs.version?.steps.find((step) => step.id === 'version')?.run ?? '';
  const temp = mkdtempSync(join(tmpdir(), 'release-step-'));
  try {
    symlinkSync(node24(), join(temp, 'node'));
    const output = join(temp, 'output');
    const file = join(temp, 'step.sh');
    writeFileSync(file, script);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { PATH: `${temp}:${process.env.PATH ?? ''}`, GITHUB_OUTPUT: output, RUNNER_TEMP: temp, ...env },
    });
    let written = '';
    try {
      written = readFileSync(output, 'utf8');
    } catch {
      // No output file: the step failed before writing it.
    }
    return { status: result.status, stderr: result.stdout + result.stderr, output: written };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

describe('release.yml', () => {
  it('runs on a pushed vX.Y.Z tag and by hand with a required version', () => {
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.on.workflow_dispatch.inputs.version?.required).toBe(true);
  });

  it('reads by default, and only the publishing job, after the checks and the tests, may write', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const writers = Object.entries(workflow.jobs).filter(([, job]) => job.permissions);
    expect(writers.map(([name, job]) => [name, job.permissions])).toEqual([
      ['publish', { contents: 'write' }],
    ]);
    expect(workflow.jobs.publish?.needs).toEqual(['version', 'checks', 'test']);
  });

  it("checks dist and lint, and runs README's test command", () => {
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    expect(runs).toEqual(
      expect.arrayContaining([
        'npm run check-dist',
        'npm run lint',
        'bash scripts/install-tools.sh && npm ci && npm test',
      ]),
    );
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toContain(
      'bash scripts/install-tools.sh && npm ci && npm test',
    );
  });

  it("takes a pushed tag's version and finds its CHANGELOG section", () => {
    const step = versionStep({ EVENT: 'push', REF_NAME: 'v0.1.0', INPUT_VERSION: '' });
    expect(step).toEqual({ status: 0, stderr: '', output: 'tag=v0.1.0\nmajor=v0\nprerelease=false\n' });
  });

  it('takes the version given by hand, with or without its v', () => {
    const step = versionStep({ EVENT: 'workflow_dispatch', REF_NAME: 'main', INPUT_VERSION: '0.1.0' });
    expect(step.output).toBe('tag=v0.1.0\nmajor=v0\nprerelease=false\n');
  });

  it('fails fast on a version without a CHANGELOG section, and on what is not a version', () => {
    const missing = versionStep({ EVENT: 'push', REF_NAME: 'v9.9.9', INPUT_VERSION: '' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('CHANGELOG.md has no section "## [9.9.9]"');
    expect(missing.output).toBe('');
    const bad = versionStep({ EVENT: 'workflow_dispatch', REF_NAME: 'main', INPUT_VERSION: '1.2; rm -rf x' });
    expect(bad).toEqual({
      status: 1,
      stderr: '::error::version: expected v<major>.<minor>.<patch>, such as v1.2.0\n',
      output: '',
    });
  });

  it('moves the major tag only for a release, not a prerelease', () => {
    const move = workflow.jobs.publish?.steps.find((step) => step.run?.includes('git/refs/tags/$MAJOR'));
    expect(move).toMatchObject({ if: "needs.version.outputs.prerelease == 'false'" });
  });

  it("README's sed points every workflow's uses of the suite at a fork, and nothing else", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Using a release, a fork or a private copy'));
    const block = /```sh\n([^]*?)```/.exec(section)?.[1] ?? '';
    const [assign = '', sed = ''] = block.split('\n');
    expect(sed).toMatch(/^sed -i -E /);
    const temp = mkdtempSync(join(tmpdir(), 'fork-'));
    try {
      const dir = join(temp, '.github', 'workflows');
      cpSync(join(repoRoot, '.github', 'workflows'), dir, { recursive: true });
      const before = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
      const result = spawnSync(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', '-c', `${assign}\n${sed}`],
        {
          cwd: temp,
          encoding: 'utf8',
        },
      );
      expect(result.stderr).toBe('');
      const after = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
      const suite = (texts: string[], name: string) =>
        texts.join('\n').match(new RegExp(`${name}(/[^@\\s]+)?@v1\\b`, 'g')) ?? [];
      expect(suite(before, 'iac-pipeline/iac-pipeline').length).toBeGreaterThan(20);
      expect(suite(after, 'your-org/iac-pipeline')).toEqual(
        suite(before, 'iac-pipeline/iac-pipeline').map((use) => use.replace('iac-pipeline/', 'your-org/')),
      );
      expect(after.join('\n')).not.toContain('iac-pipeline/iac-pipeline');
      // Only those names change: every other line is as it was.
      const unchanged = (texts: string[]) =>
        texts
          .flatMap((text) => text.split('\n'))
          .filter((line) => !/iac-pipeline\/iac-pipeline|your-org\//.test(line));
      expect(unchanged(after)).toEqual(unchanged(before));
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
