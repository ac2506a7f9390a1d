import { describe, expect, it } from '@jest/globals';
import { cp, mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { filesOfArtifact, stageArtifacts } from '../support/artifact-search.js';
import type { StepResult, WorkflowRun, WorkflowRunOptions } from '../support/runner/runner.js';
import { useStepBed } from '../support/step-bed.js';
import { conftest, repoRoot, tofu } from '../support/tools.js';

/**
 * tf-plan's policy check with the real conftest on the real plan JSON of tofu: a passing plan, a plan
 * with two failures (annotated on their blocks, in the SARIF file, in the bundle's manifest and the pull
 * request's comment), and each way the check fails closed: a policy that does not parse, a namespace with
 * no rules, no conftest on PATH.
 */
const bed = useStepBed('policy-');
const fixture = join(repoRoot, 'test', 'fixtures', 'policy');

interface PlanOptions {
  with?: Record<string, string>;
  run?: WorkflowRun;
  env?: Record<string, string>;
}

async function planWithPolicy(options: PlanOptions = {}): Promise<{ step: StepResult; run: WorkflowRun }> {
  const run = options.run ?? bed.newRun();
  const job = await run.job('plan');
  await cp(fixture, job.workspace, { recursive: true });
  const state = await mkdtemp(join(bed.root, 'state-'));
  const step = await job.step('tf-plan', {
    with: {
      stack: 'vms',
      'working-directory': 'infra',
      'backend-config': `path=${state}/terraform.tfstate`,
      policy: 'policy',
      'policy-data': 'data/sizes.json',
      ...options.with,
    },
    ...(options.env ? { env: options.env } : {}),
  });
  return { step, run };
}

const FAILING = { vars: 'web_size=huge\ndb_owner=' };

async function manifestOf(run: WorkflowRun) {
  const files = await filesOfArtifact(run, 'iac-plan-vms');
  const manifest = files.find((f) => f.path.endsWith('manifest.json'));
  return JSON.parse(manifest?.bytes.toString('utf8') ?? '{}') as {
    planDigest: string;
    policy?: {
      mode: string;
      namespace: string;
      conftestVersion: string;
      policies: Array<{ path: string; sha256: string }>;
      data: Array<{ path: string; sha256: string }>;
      evaluated: number;
      failures: Array<{ rule: string; message: string; address?: string }>;
      warnings: Array<{ rule: string; message: string; address?: string }>;
      passed: boolean;
    };
  };
}

function pullRequest(number: number): Partial<WorkflowRunOptions> {
  return {
    eventName: 'pull_request',
    event: { action: 'synchronize', number, pull_request: { number, head: { sha: 'a'.repeat(40) } } },
    sha: 'f'.repeat(40),
  };
}

describe('tf-plan policy', () => {
  it('passes a plan that keeps the rules, and records what decided it in the bundle', async () => {
    const { step, run } = await planWithPolicy();
    expect(step.errors).toEqual([]);
    expect(step.outputs).toMatchObject({ 'policy-passed': 'true', 'policy-failures': '0' });
    const { policy } = await manifestOf(run);
    expect(policy).toMatchObject({
      mode: 'enforce',
      namespace: 'terraform',
      passed: true,
      failures: [],
      policies: [{ path: 'policy/vms.rego', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      data: [{ path: 'data/sizes.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    expect(policy?.conftestVersion).toMatch(/^\d+\.\d+\.\d+/);
    // Two deny rules and a warn rule, on one input.
    expect(policy?.evaluated).toBeGreaterThanOrEqual(3);
    // The warning names no address of its own: the check found it in the message.
    expect(policy?.warnings).toEqual([
      {
        rule: 'warn_medium',
        message: 'terraform_data.db is medium: consider small',
        address: 'terraform_data.db',
      },
    ]);
  }, 60_000);

  it('records two failures, annotates them on their blocks, writes SARIF and shows them in the comment', async () => {
    const pr = bed.api.addPull({ author: 'alice', headSha: 'a'.repeat(40), headRef: 'feature' });
    const run = bed.newRun(pullRequest(pr.number));
    const { step } = await planWithPolicy({ run, with: FAILING });
    // Failures are a result, not a failed step: the bundle is there for a policy owner to accept.
    expect(step.exitCode).toBe(0);
    expect(step.outputs).toMatchObject({ 'policy-passed': 'false', 'policy-failures': '2' });
    expect(step.outputs['plan-digest']).toMatch(/^sha256:/);

    const source = await readFile(join(fixture, 'infra', 'main.tf'), 'utf8');
    const lineOf = (block: string) => source.split('\n').findIndex((l) => l.startsWith(block)) + 1;
    const policyErrors = step.errors.filter((e) => e.properties.title?.startsWith('Policy '));
    expect(policyErrors.map((e) => [e.properties.title, e.properties.file, e.properties.line])).toEqual([
      [
        'Policy terraform/deny_missing_owner',
        'infra/main.tf',
        String(lineOf('resource "terraform_data" "db"')),
      ],
      ['Policy terraform/deny_vm_size', 'infra/main.tf', String(lineOf('resource "terraform_data" "web"'))],
    ]);
    expect(policyErrors[1]?.message).toBe(
      'terraform_data.web: terraform_data.web has size "huge", which is not one of the allowed sizes',
    );

    const { policy, planDigest } = await manifestOf(run);
    expect(policy?.passed).toBe(false);
    expect(policy?.failures.map((f) => [f.rule, f.address])).toEqual([
      ['deny_missing_owner', 'terraform_data.db'],
      ['deny_vm_size', 'terraform_data.web'],
    ]);

    const sarif = JSON.parse(await readFile(step.outputs['policy-sarif'] ?? '', 'utf8')) as {
      runs: Array<{
        tool: { driver: { name: string } };
        results: Array<{
          ruleId: string;
          level: string;
          locations?: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
          }>;
        }>;
      }>;
    };
    const results = sarif.runs[0]?.results ?? [];
    expect(sarif.runs[0]?.tool.driver.name).toBe('iac-pipeline policy');
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['policy/terraform/deny_missing_owner', 'error'],
      ['policy/terraform/deny_vm_size', 'error'],
      ['policy/terraform/warn_medium', 'warning'],
    ]);
    expect(results[1]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: lineOf('resource "terraform_data" "web"') },
    });

    // The pull request's comment names both failures, with their rules and addresses.
    const comment = [...bed.api.state.comments.values()].find((c) => c.issueNumber === pr.number)?.body ?? '';
    expect(comment).toContain(planDigest.slice(7, 19));
    for (const text of ['deny_vm_size', 'terraform_data.web', 'deny_missing_owner', 'terraform_data.db']) {
      expect(comment).toContain(text);
    }
    expect(comment.indexOf('deny_vm_size')).toBeLessThan(comment.indexOf('#### Create'));
  }, 60_000);

  it('makes the result part of the digest: the same plan with warn mode has another digest', async () => {
    const enforce = await planWithPolicy({ with: FAILING });
    const warn = await planWithPolicy({ with: { ...FAILING, 'policy-mode': 'warn' } });
    expect(warn.step.errors.filter((e) => e.properties.title?.startsWith('Policy '))).toEqual([]);
    expect(warn.step.warnings.map((w) => w.properties.title)).toEqual(
      expect.arrayContaining(['Policy terraform/deny_vm_size', 'Policy terraform/deny_missing_owner']),
    );
    expect(warn.step.outputs).toMatchObject({ 'policy-passed': 'false', 'policy-failures': '2' });
    expect((await manifestOf(warn.run)).policy?.mode).toBe('warn');
    expect(warn.step.outputs['plan-digest']).not.toBe(enforce.step.outputs['plan-digest']);
  }, 90_000);

  it("hides the plan's sensitive values in a policy's messages: in the annotations, the manifest and the comment", async () => {
    const TOKEN = 'db-token-7c41e0a9';
    const pr = bed.api.addPull({ author: 'alice', headSha: 'a'.repeat(40), headRef: 'token' });
    const run = bed.newRun(pullRequest(pr.number));
    const { step } = await planWithPolicy({ run, with: { policy: 'leaky' } });
    expect(step.outputs).toMatchObject({ 'policy-passed': 'false', 'policy-failures': '1' });
    const { policy } = await manifestOf(run);
    expect(policy?.failures).toEqual([
      {
        rule: 'deny_token',
        message: 'terraform_data.db uses the token (sensitive)',
        address: 'terraform_data.db',
      },
    ]);
    const comment = [...bed.api.state.comments.values()].find((c) => c.issueNumber === pr.number)?.body ?? '';
    expect(comment).toContain('deny_token');
    for (const text of [step.rawLog, step.summary, comment, JSON.stringify(policy)]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(await readFile(step.outputs['policy-sarif'] ?? '', 'utf8')).not.toContain(TOKEN);
  }, 60_000);

  it('fails the step on a policy that does not parse, and uploads no bundle', async () => {
    const { step, run } = await planWithPolicy({ with: { policy: 'broken' } });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Input "policy": conftest could not evaluate the policies in broken \(exit 1\): .+/,
      ),
    ]);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    expect(stageArtifacts(bed.results.artifacts(run.runBackendId))).toEqual([]);
  }, 60_000);

  it('refuses a namespace with no rules: zero policies evaluated is not a pass', async () => {
    const { step, run } = await planWithPolicy({ with: { policy: 'other-namespace' } });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Input "policy-namespace": no rule of namespace "terraform" in other-namespace was evaluated/,
      ),
    ]);
    expect(stageArtifacts(bed.results.artifacts(run.runBackendId))).toEqual([]);
  }, 60_000);

  it('refuses to plan with policy when conftest is not on PATH', async () => {
    const bin = join(bed.root, 'bin-without-conftest');
    await mkdir(bin, { recursive: true });
    await symlink(tofu(), join(bin, 'tofu')).catch(() => undefined);
    expect(conftest()).toBeTruthy();
    const { step, run } = await planWithPolicy({ env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Input "policy" is given, but conftest is not on PATH: run the setup action with conftest-version/,
      ),
    ]);
    expect(stageArtifacts(bed.results.artifacts(run.runBackendId))).toEqual([]);
  }, 60_000);
});
