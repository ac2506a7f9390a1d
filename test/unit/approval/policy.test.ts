import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandProblem, parseCommand } from '../../../src/approval/commands.js';
import { decide, type CommandComment, type Standing } from '../../../src/approval/decide.js';
import { gate, type ApprovalGateInputs } from '../../../src/approval/gate.js';
import { policyRuleFor, recordPolicy } from '../../../src/approval/policy-rule.js';
import { refuseUnacceptedPolicyFailures } from '../../../src/approval/record-check.js';
import { renderDecision, type DecisionReport } from '../../../src/approval/render.js';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import {
  APPROVAL_RECORD_SCHEMA,
  approvalRecordSchema,
  type ApprovalRecord,
} from '../../../src/contracts/approval-record.js';
import { writePlanBundle } from '../../../src/contracts/bundle.js';
import type { PlanManifest, PolicyFinding, PolicyResult } from '../../../src/contracts/manifest.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/octokit.js';
import { startGitHubApi, type GitHubApi } from '../../support/github-api.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { bundleInput, HEX, sampleManifest, sourceFiles } from '../contracts/fixtures.js';
import { approveEnvironment } from './environment-reviews.js';
import { testRunContext } from '../../support/run-context.js';

/**
 * The policy rule of approval-gate and tf-apply: a plan whose policies failed in enforce mode needs a
 * policy owner's acceptance of exactly its failures, on its digest, besides the ordinary approval.
 */

const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const OTHER = `sha256:${'cd34'.repeat(16)}`;

const FAILURES: PolicyFinding[] = [
  {
    rule: 'deny_vm_size',
    message: 'web uses size xl, not in the allowed list',
    address: 'terraform_data.web',
  },
  { rule: 'deny_protected_delete', message: 'db is tagged protected', address: 'terraform_data.db' },
];

function policyResult(overrides: Partial<PolicyResult> = {}): PolicyResult {
  return {
    mode: 'enforce',
    namespace: 'terraform',
    conftestVersion: '0.71.1',
    policies: [{ path: 'policy/vm.rego', sha256: HEX }],
    data: [],
    evaluated: 3,
    failures: FAILURES,
    warnings: [],
    passed: false,
    ...overrides,
  };
}
const passing = () => policyResult({ failures: [], passed: true });

describe('the /approve-policy command', () => {
  it('is the whole comment, with 12 to 64 hex digits of the digest, like /approve', () => {
    expect(parseCommand(`/approve-policy ${'ab12'.repeat(3)}`)).toEqual({
      kind: 'approve-policy',
      digestPrefix: 'ab12ab12ab12',
    });
    expect(parseCommand(` /approve-policy sha256:${'AB12'.repeat(16)}\n`)).toEqual({
      kind: 'approve-policy',
      digestPrefix: 'ab12'.repeat(16),
    });
  });

  it.each([
    ['no digest', '/approve-policy'],
    ['a short digest', '/approve-policy ab12ab12ab1'],
    ['extra words', `/approve-policy ${'ab12'.repeat(3)} accepted`],
    ['a quote', `> /approve-policy ${'ab12'.repeat(3)}`],
    ['another spelling', `/approve_policy ${'ab12'.repeat(3)}`],
  ])('is not one with %s', (_, body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it('tells the author of a malformed one what to write', () => {
    expect(commandProblem('/approve-policy')).toBe(
      'write `/approve-policy` and the first 12 or more hex digits of the plan digest, and nothing else',
    );
    expect(commandProblem('/approve')).toMatch(/^write `\/approve` and/);
  });
});

let nextId = 1;
function comment(author: string, body: string): CommandComment {
  const command = parseCommand(body);
  if (!command) throw new Error(`not a command: ${body}`);
  const id = nextId++;
  const createdAt = `2026-11-23T10:00:${String(id % 60).padStart(2, '0')}Z`;
  return { id, url: `https://github.test/c/${id}`, author, createdAt, command };
}
const approve = (author: string, digest = DIGEST) => comment(author, `/approve ${digest.slice(7, 19)}`);
const accept = (author: string, digest = DIGEST) => comment(author, `/approve-policy ${digest.slice(7, 19)}`);

const standings = new Map<string, Standing>([
  ['admin', { role: 'admin', listed: false }],
  ['maint', { role: 'maintain', listed: false }],
  ['owner', { role: 'read', listed: false, policyOwner: true }],
  ['bossy', { role: 'admin', listed: false, policyOwner: true }],
  ['author', { role: 'admin', listed: false, policyOwner: true }],
]);
const rule = policyRuleFor({ policy: policyResult() }, ['owner', 'bossy', 'author']);
const rules = {
  planDigest: DIGEST,
  minPermission: 'maintain' as const,
  minApprovals: 1,
  allowSelfApproval: false,
  selfLogins: new Set(['author']),
  policyRule: rule,
};

describe('the policy rule', () => {
  it('holds only a plan whose policies failed in enforce mode', () => {
    expect(rule?.failures.map((f) => f.rule)).toEqual(['deny_protected_delete', 'deny_vm_size']);
    expect(policyRuleFor({ policy: passing() }, ['owner'])).toBeUndefined();
    expect(policyRuleFor({ policy: policyResult({ mode: 'warn' }) }, ['owner'])).toBeUndefined();
    expect(policyRuleFor({}, ['owner'])).toBeUndefined();
    // An unread bundle is not held: its failures are unknown, and tf-apply reads the bundle.
    expect(policyRuleFor(undefined, ['owner'])).toBeUndefined();
  });
});

describe('deciding on a plan whose policies failed', () => {
  it('does not approve it on /approve alone, however many', () => {
    const decision = decide([approve('admin'), approve('maint')], standings, rules);
    expect(decision).toMatchObject({ status: 'pending', missing: 0, policyPending: true, acceptances: [] });
  });

  it("approves it with a policy owner's /approve-policy besides the /approve", () => {
    const decision = decide([approve('admin'), accept('owner')], standings, rules);
    expect(decision.status).toBe('approved');
    expect(decision.policyPending).toBe(false);
    expect(decision.acceptances.map((a) => a.login)).toEqual(['owner']);
    // The acceptance is no approval: the approvers are who approved the change.
    expect(decision.approvals.map((a) => a.login)).toEqual(['admin']);
  });

  it('does not count /approve-policy as an approval of the change', () => {
    const decision = decide([accept('bossy')], standings, rules);
    expect(decision).toMatchObject({ status: 'pending', missing: 1, policyPending: false });
    // A policy owner who approves the change too comments both, in either order.
    const both = decide([accept('bossy'), approve('bossy')], standings, rules);
    expect(both.status).toBe('approved');
    const reversed = decide([approve('bossy'), accept('bossy')], standings, rules);
    expect(reversed.status).toBe('approved');
    expect(reversed.approvals.map((a) => a.login)).toEqual(['bossy']);
    expect(reversed.acceptances.map((a) => a.login)).toEqual(['bossy']);
  });

  it('does not count an acceptance by someone outside policy-owners, whatever their role', () => {
    const decision = decide([approve('maint'), accept('admin')], standings, rules);
    expect(decision.status).toBe('pending');
    expect(decision.ignored).toEqual([
      expect.objectContaining({
        login: 'admin',
        why: 'is not in policy-owners, so cannot accept policy failures',
      }),
    ]);
  });

  it("does not count the change's author, even with allow-self-approval", () => {
    const decision = decide([approve('admin'), accept('author')], standings, {
      ...rules,
      allowSelfApproval: true,
    });
    expect(decision.status).toBe('pending');
    expect(decision.ignored[0]?.why).toMatch(
      /^is the author of the pull request or pushed the planned commit, and nobody accepts the policy failures of their own change/,
    );
  });

  it('does not count an acceptance of another digest: a new plan voids it', () => {
    const decision = decide([approve('admin'), accept('owner', OTHER)], standings, rules);
    expect(decision.status).toBe('pending');
    expect(decision.ignored[0]?.why).toBe(
      `accepts the policy failures of ${OTHER.slice(7, 19)}, which is not the current plan`,
    );
  });

  it('lets a reject win over an accepted plan', () => {
    const decision = decide(
      [approve('admin'), accept('owner'), comment('maint', '/reject not now')],
      standings,
      rules,
    );
    expect(decision.status).toBe('rejected');
  });

  it('does not count an edited /approve-policy', () => {
    const edited = { ...accept('owner'), editedAt: '2026-11-23T11:00:00Z' };
    const decision = decide([approve('admin'), edited], standings, rules);
    expect(decision.status).toBe('pending');
    expect(decision.edited).toEqual([expect.objectContaining({ login: 'owner', kind: 'approve-policy' })]);
  });

  it('ignores an acceptance of a plan with nothing to accept, and approves it on /approve', () => {
    const decision = decide([approve('admin'), accept('owner')], standings, {
      ...rules,
      policyRule: undefined,
    });
    expect(decision.status).toBe('approved');
    expect(decision.ignored[0]?.why).toMatch(/^accepts policy failures, and none are known for this plan/);
  });
});

// ---- the status comment ----------------------------------------------------------------------------

function manifestWith(policy: PolicyResult | undefined): PlanManifest {
  const manifest = sampleManifest();
  return { ...manifest, planDigest: DIGEST, ...(policy ? { policy } : {}) };
}

function recordOf(overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    schema: APPROVAL_RECORD_SCHEMA,
    producer: { action: 'approval-gate', version: '0.1.0' },
    mode: 'comment',
    decidedBy: 'reviewers',
    status: 'pending',
    planDigest: DIGEST,
    stack: 'network',
    approvers: [],
    rejects: [],
    minApprovals: 1,
    runId: 7,
    runAttempt: 1,
    decidedAt: '2026-11-23T10:00:00Z',
    ...overrides,
  };
}

function report(manifest: PlanManifest | undefined, record: ApprovalRecord, owners = ['owner', 'org/sec']) {
  const r: DecisionReport = {
    record,
    manifest,
    missing: record.status === 'approved' ? 0 : 1,
    ignored: [],
    malformed: [],
    policy: {
      owners,
      digest12: DIGEST.slice(7, 19),
      via: record.decidedBy === 'environment' ? 'environment' : 'comment',
    },
  };
  return renderDecision(r);
}

describe('the status comment', () => {
  it('says the policy failed, lists each failure escaped, and who may accept them and how', () => {
    const hostile: PolicyFinding = {
      rule: 'deny_`tick`',
      message: '@admins see <script>alert(1)</script> ``` and #12\nsecond line',
      address: 'terraform_data.x["a`b"]',
    };
    const manifest = manifestWith(policyResult({ failures: [...FAILURES, hostile] }));
    const body = report(manifest, recordOf({ policy: recordPolicy(manifest, []) }));
    expect(body).toContain(
      "> **Policy failed:** 3 failures (namespace `terraform`, 3 rules evaluated). An `/approve` does not accept them: someone in policy-owners (owner, org/sec) who is not the pull request's author nor the pusher of the planned commit must also comment exactly `/approve-policy ab12ab12ab12`.",
    );
    expect(body).toContain('- `deny_protected_delete` `terraform_data.db`: `db is tagged protected`');
    // Hostile text stays inside its code spans: no mention, no HTML, no second line.
    expect(body).toContain(
      '- `` deny_`tick` `` ``terraform_data.x["a`b"]``: ````@admins see <script>alert(1)</script> ``` and #12\\nsecond line````',
    );
    expect(body.indexOf('**Policy failed:**')).toBeLessThan(body.indexOf('**Plan:**'));
  });

  it('says who accepted, in the record', () => {
    const manifest = manifestWith(policyResult());
    const accepted = recordPolicy(manifest, [
      { login: 'owner', at: '2026-11-23T10:00:00Z', via: 'comment', commentUrl: 'https://github.test/c/9' },
    ]);
    expect(accepted?.accepted?.failures.map((f) => f.rule)).toEqual([
      'deny_protected_delete',
      'deny_vm_size',
    ]);
    const body = report(manifest, recordOf({ status: 'approved', policy: accepted }));
    expect(body).toContain(
      '> **Policy failed, failures accepted** by @owner ([comment](https://github.test/c/9)): 2 failures',
    );
  });

  it('says what is missing when the approvals are in and the acceptance is not', () => {
    const manifest = manifestWith(policyResult());
    const record = recordOf({
      policy: recordPolicy(manifest, []),
      approvers: [{ login: 'admin', permission: 'admin', at: '2026-11-23T10:00:00Z' }],
    });
    const body = renderDecision({
      record,
      manifest,
      missing: 0,
      ignored: [],
      malformed: [],
      policy: { owners: ['owner'], digest12: DIGEST.slice(7, 19), via: 'comment' },
    });
    expect(body).toContain(
      "1 of 1 approval: the approvals are in, and the policy failures still wait for a policy owner's `/approve-policy ab12ab12ab12`.",
    );
  });

  it('in environment mode, says an approving reviewer in policy-owners accepts them', () => {
    const manifest = manifestWith(policyResult());
    const body = report(manifest, recordOf({ decidedBy: 'environment', mode: 'environment' }));
    expect(body).toContain('An approval of the environment accepts them only from someone in policy-owners');
  });

  it('says nobody can accept them when policy-owners is empty', () => {
    const body = report(manifestWith(policyResult()), recordOf(), []);
    expect(body).toContain('Nobody can accept them here, since policy-owners is empty');
  });

  it('shows a warn-mode failure as a note that needs no acceptance, and a pass in one line', () => {
    const warned = report(manifestWith(policyResult({ mode: 'warn' })), recordOf());
    expect(warned).toContain(
      '> **Policy failed, not blocking:** 2 failures (namespace `terraform`, 3 rules evaluated); the plan was made with `policy-mode: warn`, so they are shown and need no acceptance.',
    );
    expect(warned).not.toContain('/approve-policy');
    const passed = report(manifestWith(passing()), recordOf());
    expect(passed).toContain(
      '**Policy:** :white_check_mark: passed (namespace `terraform`, 3 rules evaluated).',
    );
    expect(report(manifestWith(undefined), recordOf())).not.toContain('Policy');
  });

  it('says the result is unknown for a bundle that was not read, where policy owners are given', () => {
    expect(report(undefined, recordOf())).toContain(
      '> **Policy result unknown:** the plan bundle was not read',
    );
    expect(report(undefined, recordOf(), [])).not.toContain('Policy');
  });

  it('stays within the comment size limit with thousands of failures, saying where the rest are', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      rule: 'deny_tags',
      message: `resource ${i} has no owner tag; every VM needs one`,
      address: `terraform_data.vm[${i}]`,
    }));
    const body = report(manifestWith(policyResult({ failures: many })), recordOf());
    expect(body.length).toBeLessThan(65_536 - 200);
    expect(body).toMatch(
      /- … and \d+ more, not shown here .*the plan comment and the plan bundle list every one\./,
    );
  });
});

// ---- the gate, against the GitHub stand-in ----------------------------------------------------------

describe('the gate on a plan whose policies failed', () => {
  const HEAD = 'c'.repeat(40);
  let api: GitHubApi;
  let root: string;
  let client: GitHubClient;
  let runIds = 1900;
  const bundles = new Map<string, { dir: string; digest: string }>();

  beforeAll(async () => {
    api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
    api.addToken('gate-token', 'github-actions[bot]');
    for (const [login, role] of [
      ['admin1', 'admin'],
      ['maint1', 'maintain'],
      ['sec1', 'read'],
      ['sec2', 'write'],
      ['alice', 'admin'],
      ['oncall', 'write'],
    ] as const) {
      api.addUser(login);
      api.setPermission(login, role);
    }
    api.addTeamMember('octo-org', 'security', 'sec2');
    client = createGitHubClient('gate-token', new RecordingLogger(), {
      apiUrl: api.url,
      retryAfterBaseValue: 5,
    });
    root = await mkdtemp(join(tmpdir(), 'gate-policy-'));
    const base = bundleInput(sourceFiles());
    const noDeletes = { ...base.summary, destroy: 0, replace: 0, destroys: false, deletes: [] };
    for (const [name, policy] of [
      ['failed', policyResult()],
      ['failed-again', policyResult({ evaluated: 4 })],
      ['warned', policyResult({ mode: 'warn' })],
      ['passed', passing()],
    ] as const) {
      const dir = join(root, name);
      const manifest = await writePlanBundle(dir, {
        ...base,
        files: sourceFiles(),
        summary: noDeletes,
        policy,
      });
      bundles.set(name, { dir, digest: manifest.planDigest });
    }
  });
  afterEach(() => api.assertNoViolations());
  afterAll(async () => {
    await api.close();
    await rm(root, { recursive: true, force: true });
  });

  const artifacts: ArtifactStore = {
    upload: () => Promise.reject(new Error('not used')),
    list: () => Promise.resolve([]),
    async download(name, directory) {
      const found = bundles.get(name);
      if (!found) throw new ConfigurationError(`No artifact named "${name}" in this workflow run.`);
      await cp(found.dir, directory, { recursive: true });
    },
  };
  const digestOf = (name: string) => bundles.get(name)?.digest ?? '';
  const hex = (name: string) => digestOf(name).slice(7, 19);

  function gateWith(given: Partial<ApprovalGateInputs>, options: { runId?: number; actor?: string } = {}) {
    const runId = options.runId ?? runIds++;
    const run = testRunContext({
      runId,
      sha: HEAD,
      actor: options.actor ?? 'admin1',
      workspace: root,
      runnerTemp: root,
      apiUrl: api.url,
    });
    const inputs: ApprovalGateInputs = {
      mode: 'comment',
      stack: 'network',
      planArtifact: 'failed',
      approvers: [],
      minPermission: 'maintain',
      destroyMinPermission: 'admin',
      minApprovals: 1,
      allowSelfApproval: false,
      policyOwners: ['sec1', 'octo-org/security', 'alice'],
      autoApproveEnvironments: [],
      fallbackMode: 'comment',
      timeoutMinutes: 1,
      pollIntervalSeconds: 1,
      overrideUsers: [],
      allowUnprotected: false,
      onPending: 'succeed',
      commentAuthor: 'github-actions[bot]',
      artifactPrefix: 'iac',
      githubToken: 'gate-token',
      ...given,
    };
    return gate(inputs, {
      artifacts,
      logger: new RecordingLogger(),
      run,
      github: () => Promise.resolve(client),
      sleep: () => Promise.resolve(),
      now: () => new Date('2026-11-23T12:00:00Z'),
    });
  }

  const pullWith = (...comments: Array<[login: string, body: string]>) => {
    const { number } = api.addPull({
      author: 'alice',
      headSha: HEAD,
      headRef: `policy-${runIds}-${Math.random().toString(36).slice(2)}`,
      commits: [{ sha: HEAD, message: 'grow', author: 'alice' }],
    });
    for (const [login, body] of comments) api.addComment({ issueNumber: number, author: login, body });
    return number;
  };

  it('in comment mode, approves with /approve and an owner’s /approve-policy, and records both', async () => {
    const prNumber = pullWith(['maint1', `/approve ${hex('failed')}`]);
    const pending = await gateWith({ prNumber });
    expect(pending.report.record.status).toBe('pending');
    expect(pending.report.record.policy).toEqual({
      mode: 'enforce',
      namespace: 'terraform',
      passed: false,
      failures: [FAILURES[1], FAILURES[0]],
    });

    // A team member of a team in policy-owners, by team membership.
    api.addComment({ issueNumber: prNumber, author: 'sec2', body: `/approve-policy ${hex('failed')}` });
    const approved = await gateWith({ prNumber });
    const { record } = approved.report;
    expect(record.status).toBe('approved');
    expect(record.approvers.map((v) => v.login)).toEqual(['maint1']);
    expect(record.policy?.accepted).toEqual({
      by: [
        expect.objectContaining({
          login: 'sec2',
          via: 'comment',
          commentUrl: expect.stringContaining('#issuecomment-'),
        }),
      ],
      failures: [FAILURES[1], FAILURES[0]],
    });
    expect(approvalRecordSchema.parse(record)).toEqual(record);
    const body = renderDecision(approved.report);
    expect(body).toContain('**Policy failed, failures accepted** by @sec2');
  });

  it("in comment mode, does not count the PR author's acceptance, and names the ignored one", async () => {
    const prNumber = pullWith(
      ['maint1', `/approve ${hex('failed')}`],
      ['alice', `/approve-policy ${hex('failed')}`],
    );
    const decided = await gateWith({ prNumber, allowSelfApproval: true });
    expect(decided.report.record.status).toBe('pending');
    expect(decided.report.record.policy?.accepted).toBeUndefined();
    expect(renderDecision(decided.report)).toContain('- @alice ([comment](');
  });

  it('voids an acceptance of the earlier plan when the plan is made again', async () => {
    const prNumber = pullWith(
      ['maint1', `/approve ${hex('failed-again')}`],
      ['sec1', `/approve-policy ${hex('failed')}`],
    );
    const decided = await gateWith({ prNumber, planArtifact: 'failed-again' });
    expect(decided.report.record.status).toBe('pending');
    expect(renderDecision(decided.report)).toContain(
      `accepts the policy failures of ${hex('failed')}, which is not the current plan`,
    );
  });

  it('in wait mode, stops at once when nobody is in policy-owners, and says so', async () => {
    const prNumber = pullWith(['maint1', `/approve ${hex('failed')}`]);
    const decided = await gateWith({ prNumber, mode: 'wait', policyOwners: [] });
    expect(decided.report.record.status).toBe('pending');
    expect(decided.failure).toBe(
      'The policies of the plan of network failed (deny_protected_delete on terraform_data.db, deny_vm_size on terraform_data.web), and policy-owners is empty, so nobody can accept them: change the plan so that its policies pass, or list who may accept them in policy-owners.',
    );
  });

  it('in policy mode, never auto-approves it; a warn-mode failure and a pass are approved', async () => {
    const prNumber = pullWith();
    const policy = {
      mode: 'policy' as const,
      environment: 'dev',
      autoApproveEnvironments: ['dev'],
      prNumber,
    };
    const failed = await gateWith(policy);
    expect(failed.report.record.status).toBe('pending');
    expect(failed.report.note).toBe(
      "Policy: the plan's policies failed (enforce), which policy never approves, so comment decides.",
    );
    for (const planArtifact of ['warned', 'passed']) {
      const decided = await gateWith({ ...policy, planArtifact });
      expect(decided.report.record).toMatchObject({ status: 'approved', decidedBy: 'policy' });
      expect(decided.report.record.policy?.accepted).toBeUndefined();
    }
  });

  it('lets an override approve the change, but not accept the failures', async () => {
    const prNumber = pullWith();
    const override = { override: 'hotfix INC-7', overrideUsers: ['oncall'], prNumber };
    const refused = await gateWith(override, { actor: 'oncall' });
    expect(refused.report.record).toMatchObject({ status: 'pending', override: { accepted: true } });
    expect(refused.failure).toMatch(
      new RegExp(
        `^override: the override by oncall approves the change, not the failures of its policies .*comment /approve-policy ${hex('failed')} on pull request #${prNumber}, then run the gate again\\.$`,
      ),
    );
    api.addComment({ issueNumber: prNumber, author: 'sec1', body: `/approve-policy ${hex('failed')}` });
    const accepted = await gateWith(override, { actor: 'oncall' });
    expect(accepted.failure).toBeUndefined();
    expect(accepted.report.record.status).toBe('approved');
    expect(accepted.report.record.policy?.accepted?.by.map((a) => a.login)).toEqual(['sec1']);
  });

  describe('in environment mode', () => {
    const reviewed = (environment: string, runId: number, ...logins: string[]) =>
      approveEnvironment(api, {
        environment,
        runId,
        sha: HEAD,
        reviewers: ['admin1', 'sec1', 'maint1'],
        logins,
      });

    it('fails when no reviewer who approved is in policy-owners, naming each', async () => {
      const runId = runIds++;
      await reviewed('prod-p1', runId, 'maint1');
      const decided = await gateWith({ mode: 'environment', environment: 'prod-p1' }, { runId });
      expect(decided.report.record.status).toBe('pending');
      expect(decided.failure).toBe(
        'The policies of the plan of network failed (2 failures: deny_protected_delete on terraform_data.db, deny_vm_size on terraform_data.web), and no reviewer who approved prod-p1 may accept them (maint1 is not in policy-owners): have one of sec1, octo-org/security, alice approve the environment, or change the plan so that its policies pass.',
      );
    });

    it('accepts by the approval of a reviewer in policy-owners, and not of the run’s actor', async () => {
      const runId = runIds++;
      await reviewed('prod-p2', runId, 'sec1');
      const self = await gateWith({ mode: 'environment', environment: 'prod-p2' }, { runId, actor: 'sec1' });
      expect(self.report.record.status).toBe('pending');
      expect(self.failure).toContain('sec1 is a policy owner, but started this run or wrote the change');

      const decided = await gateWith({ mode: 'environment', environment: 'prod-p2' }, { runId });
      expect(decided.failure).toBeUndefined();
      expect(decided.report.record.status).toBe('approved');
      expect(decided.report.record.policy?.accepted?.by).toEqual([
        { login: 'sec1', at: '2026-11-23T12:00:00.000Z', via: 'environment' },
      ]);
    });

    it('still says when no review is recorded for the run at all', async () => {
      await reviewed('prod-p3', runIds++);
      await expect(gateWith({ mode: 'environment', environment: 'prod-p3' })).rejects.toThrow(
        'environment: no review of prod-p3 is recorded for this run',
      );
    });

    it('does not let allow-unprotected accept failures nobody reviewed', async () => {
      api.addEnvironment({ name: 'sandbox-p' });
      const decided = await gateWith({
        mode: 'environment',
        environment: 'sandbox-p',
        allowUnprotected: true,
      });
      expect(decided.report.record.status).toBe('pending');
      expect(decided.failure).toContain(
        'sandbox-p has no required reviewers, so nobody accepted them (allow-unprotected does not accept policy failures)',
      );
    });
  });
});

// ---- tf-apply's check -----------------------------------------------------------------------------

describe("tf-apply's policy check", () => {
  const manifest = (policy: PolicyResult | undefined) => ({
    planDigest: DIGEST,
    ...(policy ? { policy } : {}),
  });
  const accepted = (failures: PolicyFinding[]) =>
    recordOf({
      status: 'approved',
      policy: {
        mode: 'enforce',
        namespace: 'terraform',
        passed: false,
        failures,
        accepted: { by: [{ login: 'sec1', at: '2026-11-23T10:00:00Z', via: 'comment' }], failures },
      },
    });
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('lets a plan without a policy check, with passing policies or in warn mode through', () => {
    const logger = new RecordingLogger();
    refuseUnacceptedPolicyFailures(manifest(undefined), undefined, logger);
    refuseUnacceptedPolicyFailures(manifest(passing()), undefined, logger);
    refuseUnacceptedPolicyFailures(manifest(policyResult({ mode: 'warn' })), undefined, logger);
    expect(logger.messages('warning')).toEqual([
      expect.stringContaining(
        'has 2 policy failure(s) (deny_protected_delete on terraform_data.db, deny_vm_size on terraform_data.web), applied all the same: it was made with policy-mode: warn',
      ),
    ]);
  });

  it('refuses failures in enforce mode without an approval record, saying one is needed', () => {
    expect(
      refusal(() =>
        refuseUnacceptedPolicyFailures(manifest(policyResult()), undefined, new RecordingLogger()),
      ),
    ).toBe(
      `Plan ${DIGEST.slice(0, 19)} has 2 policy failure(s) (deny_protected_delete on terraform_data.db, deny_vm_size on terraform_data.web) in enforce mode, and is applied only when an approval record accepts exactly those failures: set require-approval: true, with approval-gate for this stack in a job this one needs, where a policy owner accepts them at the approval gate (approval-gate's policy-owners; /approve-policy ${DIGEST.slice(7, 19)} on the pull request). Nothing was applied.`,
    );
  });

  it('refuses a record that accepts none of them', () => {
    const message = refusal(() =>
      refuseUnacceptedPolicyFailures(
        manifest(policyResult()),
        recordOf({ status: 'approved' }),
        new RecordingLogger(),
      ),
    );
    expect(message).toContain('and the approval record (decided by reviewers in run 7) accepts none of them');
  });

  it('applies when the record accepts exactly the failures, in any order, and says who accepted', () => {
    const logger = new RecordingLogger();
    refuseUnacceptedPolicyFailures(
      manifest(policyResult()),
      accepted([FAILURES[1], FAILURES[0]] as PolicyFinding[]),
      logger,
    );
    expect(logger.messages('warning')).toEqual([expect.stringContaining('accepted by sec1')]);
  });

  it('refuses any difference, naming what differs either way', () => {
    const other = { rule: 'deny_tags', message: 'no owner tag', address: 'terraform_data.web' };
    const message = refusal(() =>
      refuseUnacceptedPolicyFailures(
        manifest(policyResult()),
        accepted([FAILURES[0], other] as PolicyFinding[]),
        new RecordingLogger(),
      ),
    );
    expect(message).toBe(
      `The approval record accepts other policy failures than plan ${DIGEST.slice(0, 19)} has (not accepted: deny_protected_delete on terraform_data.db; accepted but not in the plan: deny_tags on terraform_data.web). Nothing was applied. Have a policy owner accept the failures of the plan that is to be applied.`,
    );
    // A repeated failure counts as many times as it appears.
    const twice = refusal(() =>
      refuseUnacceptedPolicyFailures(
        manifest(policyResult({ failures: [FAILURES[0], FAILURES[0]] as PolicyFinding[] })),
        accepted([FAILURES[0]] as PolicyFinding[]),
        new RecordingLogger(),
      ),
    );
    expect(twice).toContain('not accepted: deny_vm_size on terraform_data.web');
  });
});
