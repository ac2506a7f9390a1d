import { describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepResult, WorkflowRun } from '../support/runner/runner.js';
import { useStepBed } from '../support/step-bed.js';
import { repoRoot } from '../support/tools.js';

/**
 * approval-gate and tf-apply on a plan whose policies failed, with real plans: tf-plan runs the real
 * conftest on tofu's plan JSON (two failures), the gate reads the bundle from the plan's run and the
 * commands from the GitHub stand-in, and tf-apply applies the real planfile or refuses it. An ordinary
 * `/approve` is not enough; a policy owner's `/approve-policy` of the digest is, and not the PR author's;
 * a re-plan voids the acceptance; tf-apply applies only a plan whose failures its record accepts.
 */
const bed = useStepBed('policy-gate-');
const fixture = join(repoRoot, 'test', 'fixtures', 'policy');
const OWNERS = 'sec1, octo-org/security, alice';

/** Two failures: deny_vm_size on terraform_data.web and deny_missing_owner on terraform_data.db. */
const FAILING = 'web_size=huge\ndb_owner=';

let users = false;
function people(): void {
  if (users) return;
  users = true;
  for (const [login, role] of [
    ['alice', 'admin'],
    ['maint1', 'maintain'],
    ['sec1', 'read'],
    ['sec2', 'read'],
    ['writer1', 'write'],
  ] as const) {
    bed.api.addUser(login);
    bed.api.setPermission(login, role);
  }
  bed.api.addTeamMember('octo-org', 'security', 'sec2');
}

function freshPull(): number {
  people();
  return bed.api.addPull({
    author: 'alice',
    headSha: 'a'.repeat(40),
    headRef: `policy-${Math.random().toString(36).slice(2)}`,
    commits: [{ sha: 'a'.repeat(40), message: 'grow the web VM', author: 'writer1' }],
  }).number;
}

interface Planned {
  run: WorkflowRun;
  digest: string;
  hex: string;
  state: string;
}

async function plan(vars = FAILING, extra: Record<string, string> = {}, state?: string): Promise<Planned> {
  const run = bed.newRun();
  const job = await run.job('plan');
  await cp(fixture, job.workspace, { recursive: true });
  const stateDir = state ?? (await mkdtemp(join(bed.root, 'state-')));
  const step = await job.step('tf-plan', {
    with: {
      stack: 'vms',
      'working-directory': 'infra',
      'backend-config': `path=${stateDir}/terraform.tfstate`,
      policy: 'policy',
      'policy-data': 'data/sizes.json',
      vars,
      ...extra,
    },
  });
  expect(step.exitCode).toBe(0);
  const digest = step.outputs['plan-digest'] ?? '';
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  return { run, digest, hex: digest.slice(7, 19), state: stateDir };
}

const say = (number: number, author: string, body: string) =>
  bed.api.addComment({ issueNumber: number, author, body });

/** approval-gate in comment mode on the pull request, reading the bundle of the plan's run. */
async function gate(
  planned: Planned,
  number: number,
  run = bed.newRun(),
  given: Record<string, string> = {},
) {
  const job = await run.job('approve');
  return job.step('approval-gate', {
    with: {
      mode: 'comment',
      stack: 'vms',
      'run-id': String(planned.run.runId),
      'pr-number': String(number),
      'policy-owners': OWNERS,
      ...given,
    },
  });
}

async function apply(planned: Planned, run: WorkflowRun, given: Record<string, string> = {}) {
  const job = await run.job('apply');
  await cp(fixture, job.workspace, { recursive: true });
  return job.step('tf-apply', {
    with: {
      stack: 'vms',
      'working-directory': 'infra',
      'backend-config': `path=${planned.state}/terraform.tfstate`,
      'run-id': String(planned.run.runId),
      ...given,
    },
  });
}

const statusComment = (number: number) =>
  bed.api.commentsOn(number).find((c) => c.body.includes('<!-- iac-pipeline:approval:vms -->'))?.body ?? '';

async function recordOf(step: StepResult, run: WorkflowRun) {
  const job = await run.job('read-record');
  const download = await job.step('probe:artifact', {
    with: { mode: 'download', name: step.outputs['record-artifact'] ?? '', path: 'record' },
  });
  expect(download.exitCode).toBe(0);
  return JSON.parse(await readFile(join(job.workspace, 'record', 'approval-record.json'), 'utf8')) as {
    status: string;
    planDigest: string;
    approvers: Array<{ login: string }>;
    policy?: {
      mode: string;
      passed: boolean;
      failures: Array<{ rule: string; address?: string }>;
      accepted?: { by: Array<{ login: string; via: string }>; failures: Array<{ rule: string }> };
    };
  };
}

describe('a plan whose policies failed', () => {
  it('is not approved by /approve alone, nor by the PR author’s /approve-policy; a policy owner’s is what counts, with the /approve', async () => {
    const planned = await plan();
    const number = freshPull();
    say(number, 'maint1', `/approve ${planned.hex}`);

    const alone = await gate(planned, number);
    expect(alone.errors).toEqual([]);
    expect(alone.outputs).toMatchObject({ status: 'pending', approved: 'false', 'plan-digest': '' });
    let status = statusComment(number);
    expect(status).toContain('**Policy failed:** 2 failures');
    expect(status).toContain('`deny_vm_size` `terraform_data.web`');
    expect(status).toContain('`deny_missing_owner` `terraform_data.db`');
    expect(status).toContain(`\`/approve-policy ${planned.hex}\``);
    expect(status).toContain('the approvals are in, and the policy failures still wait');

    // The author is listed in policy-owners and may not accept the failures of their own change.
    say(number, 'alice', `/approve-policy ${planned.hex}`);
    const self = await gate(planned, number);
    expect(self.outputs.status).toBe('pending');
    expect(statusComment(number)).toContain('nobody accepts the policy failures of their own change');

    // sec2 is in policy-owners through the team octo-org/security.
    say(number, 'sec2', `/approve-policy ${planned.hex}`);
    const run = bed.newRun();
    const accepted = await gate(planned, number, run);
    expect(accepted.errors).toEqual([]);
    expect(accepted.outputs).toMatchObject({ status: 'approved', 'plan-digest': planned.digest });
    status = statusComment(number);
    expect(status).toContain('**Policy failed, failures accepted** by @sec2');
    const record = await recordOf(accepted, run);
    expect(record.approvers.map((a) => a.login)).toEqual(['maint1']);
    expect(record.policy).toMatchObject({
      mode: 'enforce',
      passed: false,
      failures: [
        { rule: 'deny_missing_owner', address: 'terraform_data.db' },
        { rule: 'deny_vm_size', address: 'terraform_data.web' },
      ],
      accepted: {
        by: [expect.objectContaining({ login: 'sec2', via: 'comment' })],
        failures: [{ rule: 'deny_missing_owner' }, { rule: 'deny_vm_size' }],
      },
    });
  }, 120_000);

  it('voids the acceptance when the plan is made again: the new digest needs its own', async () => {
    const first = await plan();
    const number = freshPull();
    say(number, 'maint1', `/approve ${first.hex}`);
    say(number, 'sec1', `/approve-policy ${first.hex}`);
    expect((await gate(first, number)).outputs.status).toBe('approved');

    // A push, a new plan with the same failures on another size: a new digest.
    const again = await plan('web_size=enormous\ndb_owner=');
    expect(again.digest).not.toBe(first.digest);
    say(number, 'maint1', `/approve ${again.hex}`);
    const replanned = await gate(again, number);
    expect(replanned.outputs.status).toBe('pending');
    expect(statusComment(number)).toContain(
      `accepts the policy failures of ${first.hex}, which is not the current plan`,
    );
    say(number, 'sec1', `/approve-policy ${again.hex}`);
    expect((await gate(again, number)).outputs.status).toBe('approved');
  }, 120_000);
});

describe('tf-apply on a plan whose policies failed', () => {
  it('refuses it without an approval record, saying one that accepts the failures is needed', async () => {
    const planned = await plan();
    const step = await apply(planned, bed.newRun(), { 'expected-plan-digest': planned.digest });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Plan sha256:[0-9a-f]{12} has 2 policy failure\(s\) \(deny_missing_owner on terraform_data\.db, deny_vm_size on terraform_data\.web\) in enforce mode, and is applied only when an approval record accepts exactly those failures: set require-approval: true.*Nothing was applied\.$/,
      ),
    ]);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    expect(step.outputs.applied).toBeUndefined();
  }, 120_000);

  it('refuses it when the gate in its run is still waiting for the acceptance', async () => {
    const planned = await plan();
    const number = freshPull();
    say(number, 'maint1', `/approve ${planned.hex}`);
    const run = bed.newRun({ eventName: 'workflow_dispatch', event: {} });
    expect((await gate(planned, number, run)).outputs.status).toBe('pending');
    const step = await apply(planned, run, { 'require-approval': 'true' });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([expect.stringContaining('is not approved')]);
  }, 120_000);

  it('applies it once a policy owner accepted exactly its failures, and says who did', async () => {
    const planned = await plan();
    const number = freshPull();
    say(number, 'maint1', `/approve ${planned.hex}`);
    say(number, 'sec1', `/approve-policy ${planned.hex}`);
    const run = bed.newRun({ eventName: 'workflow_dispatch', event: {} });
    const approved = await gate(planned, number, run);
    expect(approved.outputs.status).toBe('approved');
    const step = await apply(planned, run, { 'require-approval': 'true' });
    expect(step.errors).toEqual([]);
    expect(step.outputs.applied).toBe('true');
    expect(step.warnings.map((w) => w.message)).toContain(
      `Plan ${planned.digest.slice(0, 19)} has 2 policy failure(s) (deny_missing_owner on terraform_data.db, deny_vm_size on terraform_data.web), accepted by sec1.`,
    );
  }, 120_000);
});

describe('policy-mode: warn', () => {
  it('needs no acceptance: /approve approves, the comment says the failures do not block, tf-apply applies and says so', async () => {
    const planned = await plan(FAILING, { 'policy-mode': 'warn' });
    const number = freshPull();
    say(number, 'maint1', `/approve ${planned.hex}`);
    const run = bed.newRun({ eventName: 'workflow_dispatch', event: {} });
    const approved = await gate(planned, number, run);
    expect(approved.outputs.status).toBe('approved');
    expect(statusComment(number)).toContain('**Policy failed, not blocking:** 2 failures');
    const step = await apply(planned, run, { 'require-approval': 'true' });
    expect(step.errors).toEqual([]);
    expect(step.outputs.applied).toBe('true');
    expect(step.warnings.map((w) => w.message)).toContain(
      `Plan ${planned.digest.slice(0, 19)} has 2 policy failure(s) (deny_missing_owner on terraform_data.db, deny_vm_size on terraform_data.web), applied all the same: it was made with policy-mode: warn, which shows failures and does not block.`,
    );
  }, 120_000);
});
