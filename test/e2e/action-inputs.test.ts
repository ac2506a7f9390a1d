import { afterAll, describe, expect, it } from '@jest/globals';
import { WorkflowRun } from '../support/runner/runner.js';

/**
 * Every bundled action, run as the runner runs it, refuses a bad input with one `::error::` line that
 * names the input and what is expected, exit code 1, and no stack trace.
 */
const run = new WorkflowRun();
afterAll(() => run.cleanup());

const badInputs: Array<[action: string, given: Record<string, string>, expected: string]> = [
  [
    'tf-plan',
    { 'working-directory': 'infra/missing' },
    'Input "working-directory" must name an existing directory in the workspace; got "infra/missing".',
  ],
  [
    'tf-plan',
    { parallelism: 'lots' },
    'Input "parallelism" must be a whole number from 1 to 1000; got "lots".',
  ],
  [
    'tf-plan',
    { destroy: 'true', 'refresh-only': 'true' },
    'Input "refresh-only" cannot be combined with destroy.',
  ],
  [
    'tf-apply',
    { 'expected-plan-digest': 'abc123' },
    'Input "expected-plan-digest" must be a sha256 digest: "sha256:" and 64 hex digits; got "abc123".',
  ],
  [
    'tf-apply',
    { 'require-same-commit': 'maybe' },
    'Input "require-same-commit" must be true or false; got "maybe".',
  ],
  [
    'approval-gate',
    { mode: 'vote' },
    'Input "mode" must be one of: environment, comment, wait, policy; got "vote".',
  ],
  ['approval-gate', { mode: 'environment' }, 'Input "environment" is required with mode: environment.'],
  ['packer-build', {}, 'Input "template" is required.'],
  [
    'packer-build',
    { template: 'images/golden.pkr.hcl' },
    'Input "template" must name an existing file or directory in the workspace; got "images/golden.pkr.hcl".',
  ],
  [
    'ansible-configure',
    { playbook: 'site.yml' },
    'Input "playbook" must name an existing file in the workspace; got "site.yml".',
  ],
  [
    'smoke-test',
    { checks: 'checks.yml', 'fail-on': 'threshold' },
    'Input "threshold" is required with fail-on: threshold',
  ],
  [
    'report',
    { 'webhook-kind': 'discord' },
    'Input "webhook-kind" must be one of: slack, teams; got "discord".',
  ],
  [
    'validate',
    { 'working-directory': 'infra/missing' },
    'Input "working-directory" must list existing directories in the workspace; "infra/missing" is not one',
  ],
  [
    'setup',
    { 'tofu-version': '1.12.6', 'terraform-version': '1.9.0' },
    'Input "terraform-version" cannot be given together with tofu-version',
  ],
];

describe('bad inputs', () => {
  it.each(badInputs)('%s with %j fails with a clear error', async (action, given, expected) => {
    const job = await run.job(action);
    await job.writeFile('checks.yml', 'checks: []\n');
    const step = await job.step(action, { with: given });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.message).toContain(expected);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    // The post step of actions that write secrets still runs after a failed main, and cleans up quietly.
    for (const post of await job.complete()) expect(post.exitCode).toBe(0);
  });
});

describe('secrets', () => {
  it('masks a secret input and never prints it, even when another input is bad', async () => {
    const job = await run.job('secret');
    const key = 'plan-key-Zq81xV';
    const step = await job.step('tf-plan', { with: { 'encryption-key': key, 'lock-timeout': 'soon' } });
    expect(step.exitCode).toBe(1);
    expect(step.masks).toContain(key);
    expect(step.errors[0]?.message).toBe(
      'Input "lock-timeout" must be a duration such as 30s, 5m or 1h; got "soon".',
    );
    expect(step.rawLog).not.toContain(key);
  });

  it('never echoes variables, which often hold secrets', async () => {
    const job = await run.job('vars');
    const step = await job.step('tf-plan', { with: { vars: 'db_password=Pa55-w0rd\nnot a pair' } });
    expect(step.errors[0]?.message).toBe('Input "vars" line 2 must look like name=value.');
    expect(step.rawLog).not.toContain('Pa55-w0rd');
  });
});
