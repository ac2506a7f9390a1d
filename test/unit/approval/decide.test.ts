import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandProblem, parseCommand } from '../../../src/approval/commands.js';
import { decide, type CommandComment, type Standing } from '../../../src/approval/decide.js';
import { destroyRuleFor, noCountedReviewerMessage } from '../../../src/approval/destroy-rule.js';
import { gate, type ApprovalGateInputs } from '../../../src/approval/gate.js';
import { renderDecision } from '../../../src/approval/render.js';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import { writePlanBundle, type PlanBundleInput } from '../../../src/contracts/bundle.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/octokit.js';
import { startGitHubApi, type GitHubApi } from '../../support/github-api.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { bundleInput, sourceFiles } from '../contracts/fixtures.js';
import { approveEnvironment } from './environment-reviews.js';
import { testRunContext } from '../../support/run-context.js';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const OTHER = `sha256:${'cd34'.repeat(16)}`;

describe('approval commands', () => {
  it('are the whole comment: /approve with 12 to 64 hex digits, or /reject with a reason', () => {
    expect(parseCommand(`/approve ${'ab12'.repeat(3)}`)).toEqual({
      kind: 'approve',
      digestPrefix: 'ab12ab12ab12',
    });
    expect(parseCommand(`  /approve sha256:${'AB12'.repeat(16)}\n`)).toEqual({
      kind: 'approve',
      digestPrefix: 'ab12'.repeat(16),
    });
    expect(parseCommand('/reject the subnet is too small\nsee the CIDR')).toEqual({
      kind: 'reject',
      reason: 'the subnet is too small\nsee the CIDR',
    });
  });

  it.each([
    ['no digest', '/approve'],
    ['a short digest', '/approve ab12ab12ab1'],
    ['extra words', `/approve ${'ab12'.repeat(3)} looks good`],
    ['a second line', `/approve ${'ab12'.repeat(3)}\nthanks`],
    ['a quote', `> /approve ${'ab12'.repeat(3)}`],
    ['a code block', `\`\`\`\n/approve ${'ab12'.repeat(3)}\n\`\`\``],
    ['inline code', `\`/approve ${'ab12'.repeat(3)}\``],
    ['words before it', `LGTM /approve ${'ab12'.repeat(3)}`],
    ['a reject without a reason', '/reject'],
    ['a longer word', `/approved ${'ab12'.repeat(3)}`],
  ])('are not counted with %s', (_, body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it('tell the author of a malformed command what to write', () => {
    expect(commandProblem('/approve')).toMatch(/first 12 or more hex digits/);
    expect(commandProblem('/reject')).toMatch(/followed by the reason/);
    expect(commandProblem('nice work')).toBeUndefined();
  });
});

let nextId = 1;
function comment(author: string, body: string, createdAt = '2026-11-23T10:00:00Z'): CommandComment {
  const command = parseCommand(body);
  if (!command) throw new Error(`not a command: ${body}`);
  const id = nextId++;
  return { id, url: `https://github.test/c/${id}`, author, createdAt, command };
}
const approve = (author: string, digest = DIGEST, at?: string) =>
  comment(author, `/approve ${digest.slice(7, 23)}`, at);

const standings = new Map<string, Standing>([
  ['admin', { role: 'admin', listed: false }],
  ['maint', { role: 'maintain', listed: false }],
  ['writer', { role: 'write', listed: false }],
  ['triager', { role: 'triage', listed: false }],
  ['reader', { role: 'read', listed: false }],
  ['teamed', { role: 'read', listed: true }],
  ['author', { role: 'admin', listed: false }],
]);
const rules = {
  planDigest: DIGEST,
  planCreatedAt: '2026-11-23T09:00:00Z',
  minPermission: 'maintain' as const,
  minApprovals: 1,
  allowSelfApproval: false,
  selfLogins: new Set(['author']),
};

describe('deciding', () => {
  it('counts approvals from maintain and admin, and from people approvers lists; not from lower roles', () => {
    const decision = decide(
      ['admin', 'maint', 'writer', 'triager', 'reader', 'teamed', 'stranger'].map((login) => approve(login)),
      standings,
      { ...rules, minApprovals: 3 },
    );
    expect(decision.status).toBe('approved');
    expect(decision.approvals.map((v) => v.login)).toEqual(['admin', 'maint', 'teamed']);
    expect(decision.ignored.map((i) => i.login)).toEqual(['writer', 'triager', 'reader', 'stranger']);
    expect(decision.ignored[0]?.why).toMatch(/the write permission.*maintain or a place in approvers/);
  });

  it('lowers the bar with min-permission: write', () => {
    const decision = decide([approve('writer')], standings, { ...rules, minPermission: 'write' });
    expect(decision.status).toBe('approved');
  });

  it('refuses self-approval unless allowed', () => {
    expect(decide([approve('author')], standings, rules).status).toBe('pending');
    expect(decide([approve('author')], standings, { ...rules, allowSelfApproval: true }).status).toBe(
      'approved',
    );
  });

  it('ignores an approval of another digest', () => {
    const decision = decide([approve('admin', OTHER)], standings, rules);
    expect(decision.status).toBe('pending');
    expect(decision.ignored[0]?.why).toMatch(/not the current plan/);
  });

  it('lets one reject win over any number of approvals, and ignores a reject of an earlier plan', () => {
    const rejected = decide(
      [approve('admin'), approve('maint'), comment('teamed', '/reject not during the freeze')],
      standings,
      { ...rules, minApprovals: 2 },
    );
    expect(rejected.status).toBe('rejected');
    expect(rejected.rejects).toEqual([
      expect.objectContaining({ login: 'teamed', reason: 'not during the freeze' }),
    ]);
    const old = decide(
      [comment('maint', '/reject old', '2026-11-23T08:00:00Z'), approve('admin')],
      standings,
      rules,
    );
    expect(old.status).toBe('approved');
  });

  it('takes each person’s latest command: a reviewer who rejected and then approves has approved', () => {
    const decision = decide(
      [
        comment('maint', '/reject wait', '2026-11-23T10:00:00Z'),
        approve('maint', DIGEST, '2026-11-23T11:00:00Z'),
      ],
      standings,
      rules,
    );
    expect(decision.status).toBe('approved');
  });

  it('needs min-approvals distinct people: one person approving twice is one', () => {
    const decision = decide([approve('admin'), approve('admin')], standings, { ...rules, minApprovals: 2 });
    expect(decision.status).toBe('pending');
    expect(decision.approvals).toHaveLength(1);
    expect(decision.missing).toBe(1);
  });
});

describe('deciding on a destroy plan', () => {
  const destroyRule = { permission: 'admin' as const, known: true };

  it('counts only approvers with destroy-min-permission, whether or not approvers lists them', () => {
    const decision = decide(
      ['admin', 'maint', 'teamed'].map((login) => approve(login)),
      standings,
      { ...rules, destroyRule, minApprovals: 2 },
    );
    expect(decision.status).toBe('pending');
    expect(decision.approvals.map((v) => v.login)).toEqual(['admin']);
    expect(decision.ignored.map((i) => [i.login, i.why])).toEqual([
      [
        'maint',
        'has the maintain permission on the repository, and a destroy plan needs admin (destroy-min-permission)',
      ],
      [
        'teamed',
        'has the read permission on the repository, and a destroy plan needs admin (destroy-min-permission)',
      ],
    ]);
  });

  it('needs the higher of the two: min-permission still holds for approvers nobody listed', () => {
    const writeRule = { permission: 'write' as const, known: true };
    const lowered = { ...rules, minPermission: 'admin' as const, destroyRule: writeRule };
    const listedWriter = new Map(standings).set('writer', { role: 'write', listed: true });
    const decision = decide([approve('writer'), approve('maint')], listedWriter, {
      ...lowered,
      minApprovals: 2,
    });
    expect(decision.approvals.map((v) => v.login)).toEqual(['writer']);
    expect(decision.ignored[0]?.why).toMatch(/the maintain permission.*admin or a place in approvers/);
  });
});

describe('the destroy rule', () => {
  it('holds a destroy plan, and a plan whose bundle was not read, to destroy-min-permission', () => {
    expect(destroyRuleFor({ destroy: true }, 'admin')).toEqual({ permission: 'admin', known: true });
    expect(destroyRuleFor(undefined, 'maintain')).toEqual({ permission: 'maintain', known: false });
    expect(destroyRuleFor({}, 'admin')).toBeUndefined();
  });

  it('fails an environment gate in one sentence naming each reviewer, their permission and the input', () => {
    const message = noCountedReviewerMessage(
      'prod',
      'network',
      [
        { login: 'maint1', role: 'maintain' },
        { login: 'bot', role: 'none' },
      ],
      { permission: 'admin', known: true },
    );
    expect(message).toBe(
      'The plan of network is a destroy plan, which needs admin permission on the repository, and no reviewer who approved prod has it (maint1 has maintain, bot has no permission): have someone with admin permission approve the environment, or change destroy-min-permission.',
    );
    expect(message.split('. ')).toHaveLength(1);
  });
});

/**
 * The gate itself on a destroy plan, with real plan bundles (tf-plan's manifest with `destroy: true`) and
 * the GitHub stand-in answering the collaborator permission, environment and review calls.
 */
describe('the gate on a destroy plan', () => {
  const HEAD = 'c'.repeat(40);
  let api: GitHubApi;
  let root: string;
  let client: GitHubClient;
  let runIds = 900;
  const bundles = new Map<string, string>();

  beforeAll(async () => {
    api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
    api.addToken('gate-token', 'github-actions[bot]');
    for (const [login, role] of [
      ['admin1', 'admin'],
      ['maint1', 'maintain'],
      ['writer1', 'write'],
      ['alice', 'write'],
    ] as const) {
      api.addUser(login);
      api.setPermission(login, role);
    }
    client = createGitHubClient('gate-token', new RecordingLogger(), {
      apiUrl: api.url,
      retryAfterBaseValue: 5,
    });
    root = await mkdtemp(join(tmpdir(), 'gate-destroy-'));
    const base = bundleInput(sourceFiles());
    const empty = {
      ...base.summary,
      add: 0,
      change: 0,
      destroy: 0,
      replace: 0,
      hasChanges: false,
      destroys: false,
      deletes: [],
    };
    const write = async (name: string, fields: Partial<PlanBundleInput>) => {
      const dir = join(root, name);
      await writePlanBundle(dir, { ...base, files: sourceFiles(), ...fields });
      bundles.set(name, dir);
    };
    await write('destroy', { destroy: true });
    await write('destroy-empty', { destroy: true, summary: empty });
    await write('change', { summary: { ...empty, add: 1, hasChanges: true } });
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
      const dir = bundles.get(name);
      if (!dir) throw new ConfigurationError(`No artifact named "${name}" in this workflow run.`);
      await cp(dir, directory, { recursive: true });
    },
  };

  function gateWith(given: Partial<ApprovalGateInputs>, runId = runIds++) {
    const logger = new RecordingLogger();
    const run = testRunContext({ runId, sha: HEAD, workspace: root, runnerTemp: root, apiUrl: api.url });
    const inputs: ApprovalGateInputs = {
      mode: 'comment',
      stack: 'network',
      approvers: [],
      minPermission: 'maintain',
      destroyMinPermission: 'admin',
      minApprovals: 1,
      allowSelfApproval: false,
      policyOwners: [],
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
    const deps = {
      artifacts,
      logger,
      run,
      github: () => Promise.resolve(client),
      sleep: () => Promise.resolve(),
      now: () => new Date('2026-11-23T12:00:00Z'),
    };
    return { run, logger, result: gate(inputs, deps) };
  }

  const pullWith = (...approvals: Array<[login: string, digest: string]>) => {
    const { number } = api.addPull({
      author: 'alice',
      headSha: HEAD,
      headRef: `destroy-${runIds}`,
      commits: [{ sha: HEAD, message: 'destroy network', author: 'alice' }],
    });
    for (const [login, digest] of approvals) {
      api.addComment({ issueNumber: number, author: login, body: `/approve ${digest.slice(7, 19)}` });
    }
    return number;
  };
  const digestOf = async (name: string) =>
    (
      JSON.parse(await readFile(join(bundles.get(name) ?? '', 'manifest.json'), 'utf8')) as {
        planDigest: string;
      }
    ).planDigest;

  it('in comment mode, counts admin and not maintain, and says why in the status comment', async () => {
    const digest = await digestOf('destroy');
    const prNumber = pullWith(['maint1', digest]);
    const pending = await gateWith({ planArtifact: 'destroy', prNumber }).result;
    expect(pending.report.record.status).toBe('pending');
    const body = renderDecision(pending.report);
    expect(body).toContain(
      '> **Destroy plan:** it deletes the whole stack `network`; an approval counts only from someone with **admin** permission on the repository (destroy-min-permission).',
    );
    expect(body).toContain('- @maint1 ([comment](');
    expect(body).toContain('a destroy plan needs admin (destroy-min-permission)');

    api.addComment({ issueNumber: prNumber, author: 'admin1', body: `/approve ${digest.slice(7, 19)}` });
    const approved = await gateWith({ planArtifact: 'destroy', prNumber }).result;
    expect(approved.report.record.status).toBe('approved');
    expect(approved.report.record.approvers.map((v) => [v.login, v.permission])).toEqual([
      ['admin1', 'admin'],
    ]);
  });

  it('in comment mode, leaves a plan that is no destroy to min-permission', async () => {
    const digest = await digestOf('change');
    const prNumber = pullWith(['maint1', digest]);
    const { report } = await gateWith({ planArtifact: 'change', prNumber }).result;
    expect(report.record.status).toBe('approved');
    expect(report.destroy).toBeUndefined();
    expect(renderDecision(report)).not.toContain('Destroy plan');
  });

  it('holds a plan whose bundle was not read to the rule, and says it may be a destroy', async () => {
    const digest = await digestOf('change');
    const prNumber = pullWith(['maint1', digest]);
    const { report } = await gateWith({ planArtifact: 'expired', planDigest: digest, prNumber }).result;
    expect(report.record.status).toBe('pending');
    expect(renderDecision(report)).toContain('> **Possibly a destroy plan:** the plan bundle was not read');
  });

  it('in policy mode, never approves a destroy plan, even one that deletes nothing', async () => {
    const prNumber = pullWith();
    const policy = {
      mode: 'policy' as const,
      environment: 'dev',
      autoApproveEnvironments: ['dev'],
      prNumber,
    };
    const destroy = await gateWith({ ...policy, planArtifact: 'destroy-empty' }).result;
    expect(destroy.report.record.status).toBe('pending');
    expect(destroy.report.note).toBe(
      'Policy: the plan is a destroy plan, which policy never approves, even when it deletes nothing, so comment decides.',
    );
    const change = await gateWith({ ...policy, planArtifact: 'change' }).result;
    expect(change.report.record).toMatchObject({ status: 'approved', decidedBy: 'policy' });
  });

  describe('in environment mode', () => {
    const reviewed = (environment: string, runId: number, ...logins: string[]) =>
      approveEnvironment(api, {
        environment,
        runId,
        sha: HEAD,
        reviewers: ['admin1', 'maint1', 'writer1'],
        logins,
      });

    it('fails when no reviewer who approved has destroy-min-permission, naming each of them', async () => {
      const runId = runIds++;
      await reviewed('prod', runId, 'maint1', 'writer1');
      const { result } = gateWith(
        { mode: 'environment', environment: 'prod', planArtifact: 'destroy' },
        runId,
      );
      const decided = await result;
      expect(decided.failure).toBe(
        'The plan of network is a destroy plan, which needs admin permission on the repository, and no reviewer who approved prod has it (maint1 has maintain, writer1 has write): have someone with admin permission approve the environment, or change destroy-min-permission.',
      );
      expect(decided.report.record).toMatchObject({ status: 'pending', approvers: [] });
      const body = renderDecision(decided.report);
      expect(body).toContain('**Destroy plan:**');
      expect(body).toContain('- @maint1: approved prod, but has the maintain permission on the repository');
    });

    it('counts a reviewer with the permission, recording the role that made them count', async () => {
      const runId = runIds++;
      await reviewed('prod-2', runId, 'maint1', 'admin1');
      const mark = api.requests.length;
      const { result } = gateWith(
        { mode: 'environment', environment: 'prod-2', planArtifact: 'destroy' },
        runId,
      );
      const decided = await result;
      expect(decided.failure).toBeUndefined();
      expect(decided.report.record.status).toBe('approved');
      expect(decided.report.record.approvers).toEqual([
        expect.objectContaining({ login: 'admin1', permission: 'admin', comment: 'go' }),
      ]);
      expect(decided.report.ignored.map((i) => i.login)).toEqual(['maint1']);
      // Read through the collaborator permission API, once per reviewer.
      expect(
        api.requests.slice(mark).filter((r) => r.operationId === 'repos/get-collaborator-permission-level'),
      ).toHaveLength(2);
    });

    it('asks nothing more for a plan that is no destroy', async () => {
      const runId = runIds++;
      await reviewed('prod-3', runId, 'writer1');
      const mark = api.requests.length;
      const { result } = gateWith(
        { mode: 'environment', environment: 'prod-3', planArtifact: 'change' },
        runId,
      );
      const decided = await result;
      expect(decided.report.record.approvers).toEqual([
        expect.objectContaining({ login: 'writer1', permission: 'environment-reviewer' }),
      ]);
      expect(api.requests.slice(mark).map((r) => r.operationId)).not.toContain(
        'repos/get-collaborator-permission-level',
      );
    });

    it('does not let allow-unprotected approve a destroy that nobody reviewed', async () => {
      api.addEnvironment({ name: 'sandbox' });
      const { result } = gateWith({
        mode: 'environment',
        environment: 'sandbox',
        allowUnprotected: true,
        planArtifact: 'destroy',
      });
      const decided = await result;
      expect(decided.report.record.status).toBe('pending');
      expect(decided.failure).toMatch(
        /sandbox has no required reviewers, so nobody approved it \(allow-unprotected does not approve a destroy\)/,
      );
    });
  });
});
