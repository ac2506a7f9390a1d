import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactsOfRuns } from '../support/artifact-bridge.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type StepResult, type WorkflowRunOptions } from '../support/runner/runner.js';
import { repoRoot } from '../support/tools.js';

/**
 * approval-gate with real plan bundles from tf-plan and the GitHub stand-in: who may approve, what an
 * approval names, and every mode. Each gate runs in its own workflow run (as on issue_comment) and reads
 * the plan from the pull request's plan run with run-id.
 */
let results: ResultsService;
let api: GitHubApi;
let root: string;
const runs: WorkflowRun[] = [];

const HEAD = 'a'.repeat(40);
let pr: number;
let planRun: WorkflowRun;
let digest: string;
let destroyRun: WorkflowRun;
let destroyDigest: string;

beforeAll(async () => {
  results = await startResultsService();
  api = await startGitHubApi({
    owner: 'octo-org',
    repo: 'infra',
    artifactSource: artifactsOfRuns(results, () => runs),
  });
  root = await mkdtemp(join(tmpdir(), 'approval-gate-'));
  for (const [login, role] of [
    ['alice', 'write'],
    ['admin1', 'admin'],
    ['maint1', 'maintain'],
    ['writer1', 'write'],
    ['triager1', 'triage'],
    ['reader1', 'read'],
    ['teamed1', 'read'],
    ['oncall', 'write'],
    ['envboss', 'admin'],
  ] as const) {
    api.addUser(login);
    api.setPermission(login, role);
  }
  api.addUser('stranger');
  api.addTeamMember('octo-org', 'infra-approvers', 'teamed1');
  pr = api.addPull({
    author: 'alice',
    headSha: HEAD,
    headRef: 'feature',
    commits: [{ sha: HEAD, message: 'grow the fleet', author: 'writer1' }],
  }).number;

  // The plan under review: creates two resources, deletes nothing.
  const stateDir = await mkdtemp(join(root, 'state-'));
  planRun = newRun({});
  const plan = await planIn(planRun, stateDir);
  digest = plan.outputs['plan-digest'] ?? '';

  // A plan that deletes: apply the first, then plan a destroy, in another run.
  const applyJob = await planRun.job('apply');
  await cp(join(repoRoot, 'test', 'fixtures', 'stack'), join(applyJob.workspace, 'infra'), {
    recursive: true,
  });
  const applied = await applyJob.step('tf-apply', {
    with: { 'working-directory': 'infra', 'backend-config': `path=${stateDir}/terraform.tfstate` },
  });
  expect(applied.errors).toEqual([]);
  destroyRun = newRun({});
  destroyDigest = (await planIn(destroyRun, stateDir, { destroy: 'true' })).outputs['plan-digest'] ?? '';
}, 120_000);
afterEach(() => api.assertNoViolations());
afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await results.close();
  await api.close();
  await rm(root, { recursive: true, force: true });
});

function newRun(options: Partial<WorkflowRunOptions>): WorkflowRun {
  const run = new WorkflowRun({
    results,
    apiUrl: api.url,
    repository: 'octo-org/infra',
    eventName: 'pull_request',
    event: { action: 'synchronize', number: pr, pull_request: { number: pr, head: { sha: HEAD } } },
    ...options,
  });
  api.addToken(run.token, 'github-actions[bot]');
  runs.push(run);
  return run;
}

async function planIn(run: WorkflowRun, stateDir: string, extra: Record<string, string> = {}) {
  const job = await run.job('plan');
  await cp(join(repoRoot, 'test', 'fixtures', 'stack'), join(job.workspace, 'infra'), { recursive: true });
  const step = await job.step('tf-plan', {
    with: {
      'working-directory': 'infra',
      'backend-config': `path=${stateDir}/terraform.tfstate`,
      comment: 'false',
      ...extra,
    },
  });
  expect(step.errors).toEqual([]);
  return step;
}

/** A fresh pull request, so each test's comments are its own. */
function freshPull(): number {
  return api.addPull({
    author: 'alice',
    headSha: HEAD,
    headRef: `topic-${Math.random().toString(36).slice(2)}`,
    commits: [{ sha: HEAD, message: 'change', author: 'writer1' }],
  }).number;
}

async function gateOn(
  number: number,
  given: Record<string, string>,
  options: { from?: WorkflowRun; actor?: string; run?: WorkflowRun } = {},
): Promise<StepResult> {
  const run =
    options.run ??
    newRun({
      eventName: 'issue_comment',
      event: { action: 'created', issue: { number, pull_request: { url: 'x' } } },
      ...(options.actor ? { actor: options.actor } : {}),
    });
  const job = await run.job('approve');
  return job.step('approval-gate', {
    with: { stack: 'infra', 'run-id': String((options.from ?? planRun).runId), ...given },
  });
}

const say = (number: number, author: string, body: string) =>
  api.addComment({ issueNumber: number, body, author });
const approveBody = (d = digest) => `/approve ${d.slice(7, 19)}`;
const statusComment = (number: number) =>
  api.commentsOn(number).find((c) => c.body.includes('<!-- iac-pipeline:approval:infra -->'));

async function recordOf(step: StepResult, run: WorkflowRun) {
  const job = await run.job('read-record');
  const download = await job.step('probe:artifact', {
    with: { mode: 'download', name: step.outputs['record-artifact'] ?? '', path: 'record' },
  });
  expect(download.exitCode).toBe(0);
  return JSON.parse(await readFile(join(job.workspace, 'record', 'approval-record.json'), 'utf8'));
}

describe('comment mode', () => {
  it('counts maintain, admin and listed team members; not write, triage, read or strangers', async () => {
    const number = freshPull();
    for (const login of ['writer1', 'triager1', 'reader1', 'stranger', 'maint1', 'admin1', 'teamed1']) {
      say(number, login, approveBody());
    }
    const run = newRun({
      eventName: 'issue_comment',
      event: { action: 'created', issue: { number, pull_request: { url: 'x' } } },
    });
    const step = await gateOn(
      number,
      { 'min-approvals': '3', approvers: 'octo-org/infra-approvers' },
      { run },
    );
    expect(step.errors).toEqual([]);
    expect(step.outputs.status).toBe('approved');
    expect(step.outputs.approved).toBe('true');
    expect(step.outputs['plan-digest']).toBe(digest);
    const approvers = JSON.parse(step.outputs.approvers ?? '[]') as Array<{
      login: string;
      permission: string;
    }>;
    expect(approvers.map((a) => [a.login, a.permission])).toEqual([
      ['maint1', 'maintain'],
      ['admin1', 'admin'],
      ['teamed1', 'read'],
    ]);
    // Every counted comment got a reaction; one status comment says who approved and who did not count.
    const reactions = api.writes('reactions/create-for-issue-comment');
    expect(reactions.length).toBeGreaterThanOrEqual(3);
    const status = statusComment(number)?.body ?? '';
    expect(status).toContain(':white_check_mark: **Approved**');
    expect(status).toContain('@writer1');
    expect(status).toContain('**Plan:** 2 to add, 0 to change, 0 to replace, 0 to destroy');
    expect(step.summary).toContain('**Approved by:**');

    const record = await recordOf(step, run);
    expect(record).toMatchObject({
      schema: 'iac/approval@1',
      mode: 'comment',
      decidedBy: 'reviewers',
      status: 'approved',
      planDigest: digest,
      stack: 'infra',
      pullRequest: number,
    });
  });

  it('refuses self-approval by the PR author and the pusher of the planned commit, unless allowed', async () => {
    const number = freshPull();
    api.setPermission('alice', 'admin');
    api.setPermission('writer1', 'admin');
    try {
      say(number, 'alice', approveBody());
      say(number, 'writer1', approveBody());
      const refused = await gateOn(number, {});
      expect(refused.outputs.status).toBe('pending');
      expect(refused.outputs['plan-digest']).toBe('');
      expect(statusComment(number)?.body).toContain('allow-self-approval is off');
      const allowed = await gateOn(number, { 'allow-self-approval': 'true', 'min-approvals': '2' });
      expect(allowed.outputs.status).toBe('approved');
    } finally {
      api.setPermission('alice', 'write');
      api.setPermission('writer1', 'write');
    }
  });

  it('ignores an approval of an earlier plan once a new plan is under review', async () => {
    const number = freshPull();
    say(number, 'admin1', approveBody(digest));
    const step = await gateOn(number, {}, { from: destroyRun });
    expect(step.outputs.status).toBe('pending');
    expect(statusComment(number)?.body).toContain('which is not the current plan');
    expect(statusComment(number)?.body).toContain(`/approve ${destroyDigest.slice(7, 19)}`);
    // The plan that deletes lists what it deletes, for the reviewer to see before approving.
    expect(statusComment(number)?.body).toContain('**Deletes or replaces (2):**');
  });

  it('lets one reject win over approvals, and fails the step', async () => {
    const number = freshPull();
    say(number, 'admin1', approveBody());
    say(number, 'maint1', '/reject not during the change freeze');
    const step = await gateOn(number, {});
    expect(step.exitCode).toBe(1);
    expect(step.outputs.status).toBe('rejected');
    expect(step.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('rejected by maint1') }),
    ]);
    expect(statusComment(number)?.body).toContain('not during the change freeze');
  });

  it('needs min-approvals distinct people, and edits one status comment as approvals arrive', async () => {
    const number = freshPull();
    say(number, 'admin1', approveBody());
    say(number, 'admin1', approveBody());
    const first = await gateOn(number, { 'min-approvals': '2' });
    expect(first.outputs.status).toBe('pending');
    expect(statusComment(number)?.body).toContain('1 of 2 approvals; 1 more needed');
    say(number, 'maint1', approveBody());
    const second = await gateOn(number, { 'min-approvals': '2' });
    expect(second.outputs.status).toBe('approved');
    expect(api.commentsOn(number).filter((c) => c.body.includes('iac-pipeline:approval:infra'))).toHaveLength(
      1,
    );
  });

  it('dispatches the deploy workflow for the comment that approves, not again for a later /approve', async () => {
    const number = freshPull();
    const commentRun = (id: number) =>
      newRun({
        eventName: 'issue_comment',
        event: { action: 'created', issue: { number, pull_request: { url: 'x' } }, comment: { id } },
      });
    const given = { 'dispatch-workflow': 'deploy.yml', 'min-approvals': '2' };
    const before = api.state.dispatches.length;

    const first = say(number, 'admin1', approveBody());
    const pending = await gateOn(number, given, { run: commentRun(first.id) });
    expect(pending.outputs).toMatchObject({ status: 'pending', dispatched: 'false' });
    const approving = say(number, 'maint1', approveBody());
    const approved = await gateOn(number, given, { run: commentRun(approving.id) });
    expect(approved.outputs).toMatchObject({ status: 'approved', dispatched: 'true' });
    const again = say(number, 'teamed1', approveBody());
    const repeated = await gateOn(number, given, { run: commentRun(again.id) });
    expect(repeated.exitCode).toBe(0);
    expect(repeated.outputs).toMatchObject({ status: 'approved', dispatched: 'false' });
    expect(repeated.log).toContain('was approved before this comment');

    expect(api.state.dispatches.slice(before).map((d) => d.inputs)).toEqual([
      expect.objectContaining({ 'pr-number': String(number), stack: 'infra' }),
    ]);
  });

  it('does not count malformed commands, and says why', async () => {
    const number = freshPull();
    say(number, 'admin1', '/approve');
    say(number, 'admin1', `${approveBody()} looks good to me`);
    say(number, 'maint1', `\`\`\`\n${approveBody()}\n\`\`\``);
    say(number, 'maint1', `> ${approveBody()}`);
    const step = await gateOn(number, {});
    expect(step.outputs.status).toBe('pending');
    expect(statusComment(number)?.body).toContain('not a command; write `/approve` and the first 12');
  });
});

describe('edited comments', () => {
  it('do not count an edited /approve, say why in the status comment, and count a fresh one after it', async () => {
    const number = freshPull();
    // Someone with write access edits another person's comment into an approval of the plan.
    const comment = say(number, 'maint1', 'I will look at this plan after lunch');
    api.editComment(comment.id, approveBody(), 'writer1');
    const edited = await gateOn(number, {});
    expect(edited.errors).toEqual([]);
    expect(edited.outputs.status).toBe('pending');
    expect(edited.outputs['plan-digest']).toBe('');
    const status = statusComment(number)?.body ?? '';
    expect(status).toContain('**Edited commands do not count.**');
    expect(status).toContain(
      `the \`/approve\` of @maint1 ([comment](https://github.com/octo-org/infra/pull/${number}#issuecomment-${comment.id}))`,
    );
    expect(status).toContain('write a new comment');
    expect(status).toContain('0 of 1 approval; 1 more needed');
    expect(edited.warnings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('the /approve of maint1 was edited') }),
    ]);
    // The edited comment got no reaction: nothing acknowledges it as counted.
    expect([...api.state.reactions.values()].some((r) => r.commentId === comment.id)).toBe(false);

    const fresh = say(number, 'maint1', approveBody());
    const approved = await gateOn(number, {});
    expect(approved.outputs.status).toBe('approved');
    expect(JSON.parse(approved.outputs.approvers ?? '[]')).toEqual([
      expect.objectContaining({
        login: 'maint1',
        commentUrl: expect.stringContaining(`#issuecomment-${fresh.id}`),
      }),
    ]);
    // The status comment still tells why the first one did not count.
    expect(statusComment(number)?.body).toContain('**Edited commands do not count.**');
  });

  it('do not count an edited /reject either', async () => {
    const number = freshPull();
    say(number, 'admin1', approveBody());
    const reject = say(number, 'maint1', '/reject wait for the freeze to end');
    api.editComment(reject.id, '/reject wait for the freeze to end, and then some', 'maint1');
    const step = await gateOn(number, {});
    expect(step.outputs.status).toBe('approved');
    expect(statusComment(number)?.body).toContain('the `/reject` of @maint1');
  });
});

describe('with a GitHub App token', () => {
  const APP = 'infra-app';
  const BOT = `${APP}[bot]`;
  /** A run whose GITHUB_TOKEN-like token is an App's installation token. */
  const appRun = (options: Partial<WorkflowRunOptions>) => {
    const run = newRun(options);
    api.addAppToken(run.token, APP);
    return run;
  };
  const commentRun = (number: number) =>
    appRun({
      eventName: 'issue_comment',
      event: { action: 'created', issue: { number, pull_request: { url: 'x' } } },
    });
  const marked = (number: number, key: string) =>
    api.commentsOn(number).filter((c) => c.body.startsWith(`<!-- iac-pipeline:${key}`));

  it("keeps one status comment, edited in place, and leaves github-actions[bot]'s marked comments alone", async () => {
    const number = freshPull();
    const theirs = say(
      number,
      'github-actions[bot]',
      '<!-- iac-pipeline:approval:infra -->\nby the workflow token',
    );
    const first = await gateOn(number, {}, { run: commentRun(number) });
    expect(first.errors).toEqual([]);
    expect(first.outputs.status).toBe('pending');
    say(number, 'maint1', approveBody());
    const second = await gateOn(number, {}, { run: commentRun(number) });
    expect(second.outputs.status).toBe('approved');

    const ours = marked(number, 'approval:infra').filter((c) => c.author === BOT);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain(':white_check_mark: **Approved**');
    expect(first.outputs['status-comment-url']).toBe(second.outputs['status-comment-url']);
    expect(api.state.comments.get(theirs.id)).toMatchObject({
      body: theirs.body,
      updatedAt: theirs.createdAt,
    });
    const byBot = (op: string) => api.writes(op).filter((w) => w.login === BOT && w.status < 300);
    expect(
      byBot('issues/create-comment').filter((w) => w.path.endsWith(`/issues/${number}/comments`)),
    ).toHaveLength(1);
    expect(
      byBot('issues/update-comment').filter((w) => w.path.endsWith(`/comments/${ours[0]?.id}`)),
    ).toHaveLength(1);
  });

  it('has tf-plan edit its own plan comment in place, which the gate then reads on issue_comment', async () => {
    const head = 'd'.repeat(40);
    const pull = api.addPull({
      author: 'alice',
      headSha: head,
      headRef: 'app-plan',
      commits: [{ sha: head, message: 'change', author: 'writer1' }],
    });
    const theirs = say(pull.number, 'github-actions[bot]', '<!-- iac-pipeline:plan:infra:1 -->\nan old plan');
    const event = {
      action: 'synchronize',
      number: pull.number,
      pull_request: { number: pull.number, head: { sha: head } },
    };
    const stateDir = await mkdtemp(join(root, 'state-'));
    const firstRun = appRun({ event });
    const first = await planIn(firstRun, stateDir, { comment: 'true' });
    const secondRun = appRun({ event });
    const second = await planIn(secondRun, stateDir, { comment: 'true' });
    expect(second.outputs['plan-digest']).not.toBe(first.outputs['plan-digest']);

    const ours = marked(pull.number, 'plan:infra:1').filter((c) => c.author === BOT);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain(second.outputs['plan-digest'] ?? '');
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
    expect(api.state.comments.get(theirs.id)?.body).toBe(theirs.body);

    say(pull.number, 'maint1', approveBody(second.outputs['plan-digest']));
    const step = await gateOn(pull.number, { 'run-id': '' }, { run: commentRun(pull.number) });
    expect(step.errors).toEqual([]);
    expect(step.outputs).toMatchObject({
      status: 'approved',
      'plan-digest': second.outputs['plan-digest'],
      'plan-run-id': String(secondRun.runId),
    });
  });

  it('takes comment-author when given, and refuses one that is no login', async () => {
    const number = freshPull();
    const named = await gateOn(number, { 'comment-author': BOT }, { run: commentRun(number) });
    expect(named.errors).toEqual([]);
    const again = await gateOn(number, { 'comment-author': BOT.toUpperCase() }, { run: commentRun(number) });
    expect(again.errors).toEqual([]);
    expect(marked(number, 'approval:infra')).toHaveLength(1);
    const bad = await gateOn(number, { 'comment-author': 'two words' }, { run: commentRun(number) });
    expect(bad.exitCode).toBe(1);
    expect(bad.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('comment-author') }),
    ]);
    expect(bad.errors).toHaveLength(1);
  });
});

describe('wait mode', () => {
  it('polls until an approval arrives', async () => {
    const number = freshPull();
    // The approval arrives once the gate has read the comments and found none: whenever that is, so the
    // test does not depend on how fast the gate starts.
    const readComments = () =>
      api.requests.filter(
        (r) => r.operationId === 'issues/list-comments' && r.path.includes(`/issues/${number}/`),
      );
    const later = setInterval(() => {
      if (readComments().length === 0) return;
      clearInterval(later);
      say(number, 'maint1', approveBody());
    }, 50);
    try {
      const step = await gateOn(number, {
        mode: 'wait',
        'timeout-minutes': '1',
        'poll-interval-seconds': '1',
      });
      expect(step.errors).toEqual([]);
      expect(step.outputs.status).toBe('approved');
      expect(step.rawLog).toContain('reading the comments again in 1s');
      expect(readComments().length).toBeGreaterThanOrEqual(2);
    } finally {
      clearInterval(later);
    }
  });

  it('says plainly when it timed out', async () => {
    const number = freshPull();
    const step = await gateOn(number, {
      mode: 'wait',
      'timeout-minutes': '0.04',
      'poll-interval-seconds': '1',
    });
    expect(step.exitCode).toBe(1);
    expect(step.outputs.status).toBe('pending');
    expect(step.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('No decision within 0.04 minute(s) of waiting'),
      }),
    ]);
  });
});

describe('policy mode', () => {
  it('approves dev when the plan deletes nothing, without any API call', async () => {
    const before = api.requests.length;
    const step = await gateOn(freshPull(), {
      mode: 'policy',
      environment: 'dev',
      'auto-approve-environments': 'dev, staging',
    });
    expect(step.errors).toEqual([]);
    expect(step.outputs.status).toBe('approved');
    // Only the cross-run download of the plan bundle talks to the API.
    expect(api.requests.slice(before).every((r) => r.path.includes('/artifacts'))).toBe(true);
  });

  it('sends a plan that deletes, or prod, to the fallback: comments', async () => {
    const number = freshPull();
    const deletes = await gateOn(
      number,
      { mode: 'policy', environment: 'dev', 'auto-approve-environments': 'dev' },
      { from: destroyRun },
    );
    expect(deletes.outputs.status).toBe('pending');
    expect(statusComment(number)?.body).toContain(
      'the plan deletes or replaces resources, so comment decides',
    );
    const prod = await gateOn(freshPull(), {
      mode: 'policy',
      environment: 'prod',
      'auto-approve-environments': 'dev',
    });
    expect(prod.outputs.status).toBe('pending');
  });
});

describe('override', () => {
  it('lets a listed user approve alone, loudly', async () => {
    const number = freshPull();
    const step = await gateOn(
      number,
      { override: 'database down, hotfix INC-42', 'override-users': 'oncall' },
      { actor: 'oncall' },
    );
    expect(step.errors).toEqual([]);
    expect(step.outputs.status).toBe('approved');
    expect(step.warnings).toEqual([
      expect.objectContaining({ message: 'Emergency override by oncall: database down, hotfix INC-42' }),
    ]);
    expect(statusComment(number)?.body).toContain('**Emergency override** by @oncall');
    expect(step.summary).toContain('**Emergency override**');
  });

  it('refuses anyone else, and records the refusal', async () => {
    const number = freshPull();
    const step = await gateOn(
      number,
      { override: 'trust me', 'override-users': 'oncall' },
      { actor: 'writer1' },
    );
    expect(step.exitCode).toBe(1);
    expect(step.outputs.status).toBe('rejected');
    expect(step.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('writer1 is not in override-users') }),
    ]);
    expect(statusComment(number)?.body).toContain('**Override refused:**');
  });
});

describe('environment mode', () => {
  async function reviewAs(
    login: string,
    run: WorkflowRun,
    environment: string,
    state: 'approved' | 'rejected',
  ) {
    const env = api.addEnvironment({ name: environment, reviewers: [{ type: 'User', login: 'envboss' }] });
    api.addPendingDeployment(run.runId, { environment, sha: HEAD, ref: 'refs/heads/main' });
    const token = `token-${login}-${run.runId}`;
    api.addToken(token, login);
    const response = await fetch(
      `${api.url}/repos/octo-org/infra/actions/runs/${run.runId}/pending_deployments`,
      {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ environment_ids: [env.id], state, comment: 'ship it' }),
      },
    );
    expect(response.status).toBe(200);
  }

  it('records the environment reviewer who approved this run', async () => {
    const run = newRun({ eventName: 'push', event: {} });
    await reviewAs('envboss', run, 'production', 'approved');
    const step = await gateOn(0, { mode: 'environment', environment: 'production' }, { run });
    expect(step.errors).toEqual([]);
    expect(step.outputs.status).toBe('approved');
    expect(JSON.parse(step.outputs.approvers ?? '[]')).toEqual([
      expect.objectContaining({ login: 'envboss', permission: 'environment-reviewer', comment: 'ship it' }),
    ]);
  });

  it('fails when no review is recorded for the run', async () => {
    api.addEnvironment({ name: 'staging-protected', reviewers: [{ type: 'User', login: 'envboss' }] });
    const run = newRun({ eventName: 'push', event: {} });
    const step = await gateOn(0, { mode: 'environment', environment: 'staging-protected' }, { run });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('no review of staging-protected is recorded'),
      }),
    ]);
  });

  it('refuses an unprotected environment unless allow-unprotected', async () => {
    api.addEnvironment({ name: 'sandbox' });
    const run = newRun({ eventName: 'push', event: {} });
    const refused = await gateOn(0, { mode: 'environment', environment: 'sandbox' }, { run });
    expect(refused.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('sandbox has no required reviewers') }),
    ]);
    const allowed = await gateOn(
      0,
      { mode: 'environment', environment: 'sandbox', 'allow-unprotected': 'true' },
      { run: newRun({ eventName: 'push', event: {} }) },
    );
    expect(allowed.outputs.status).toBe('approved');
  });
});

describe('on issue_comment, without run-id', () => {
  it("decides on the plan the pull request's plan comment shows, and names its run for tf-apply", async () => {
    const head = 'b'.repeat(40);
    const pull = api.addPull({
      author: 'alice',
      headSha: head,
      headRef: 'commented-plan',
      commits: [{ sha: head, message: 'change', author: 'writer1' }],
    });
    const prPlanRun = newRun({
      event: {
        action: 'synchronize',
        number: pull.number,
        pull_request: { number: pull.number, head: { sha: head } },
      },
    });
    const plan = await planIn(prPlanRun, await mkdtemp(join(root, 'state-')), { comment: 'true' });
    const planDigest = plan.outputs['plan-digest'] ?? '';
    say(pull.number, 'maint1', approveBody(planDigest));

    const step = await gateOn(pull.number, { 'run-id': '' });
    expect(step.errors).toEqual([]);
    expect(step.outputs).toMatchObject({
      status: 'approved',
      'plan-digest': planDigest,
      'plan-run-id': String(prPlanRun.runId),
    });

    // A push makes the commented plan stale: no approval may land on it until the new commit is planned.
    pull.pull!.headSha = 'c'.repeat(40);
    const stale = await gateOn(pull.number, { 'run-id': '' });
    expect(stale.exitCode).toBe(1);
    expect(stale.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('wait for the plan of the new commit') }),
    ]);
    expect(stale.outputs.approved).toBeUndefined();
  });

  it('says to plan first when the pull request has no plan comment for the stack', async () => {
    const step = await gateOn(freshPull(), { 'run-id': '' });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('has no plan comment for stack infra') }),
    ]);
  });
});

describe('bad input', () => {
  it.each([
    [{ mode: 'environment' }, 'environment'],
    [{ 'min-approvals': '7' }, 'min-approvals'],
    [{ 'min-permission': 'triage' }, 'min-permission'],
    [{ override: 'x' }, 'override-users'],
    [{ 'plan-digest': 'abc' }, 'plan-digest'],
  ])('%j fails with one error naming %s', async (given, name) => {
    const step = await gateOn(freshPull(), given as Record<string, string>);
    expect(step.exitCode).toBe(1);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.message).toContain(name);
    expect(step.rawLog).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it('says how to comment when there is no pull request', async () => {
    const step = await gateOn(0, {}, { run: newRun({ eventName: 'push', event: {} }) });
    expect(step.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('give pr-number') }),
    ]);
  });
});
