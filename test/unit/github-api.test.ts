import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { performance } from 'node:perf_hooks';
import {
  loadGitHubSpec,
  MemoryArtifactSource,
  startGitHubApi,
  type GitHubApi,
  type WorkflowRunInput,
} from '../support/github-api.js';

type Octokit = ReturnType<typeof getOctokit>;

const BOT = 'github-actions[bot]';
const owner = 'octo-org';
const repo = 'infra';

// The first server of a file pays for loading the description; measure it once and show it.
beforeAll(async () => {
  const started = performance.now();
  const spec = await loadGitHubSpec();
  const wall = Math.round(performance.now() - started);
  console.log(
    `GitHub OpenAPI description: ${spec.operations} operations, loaded in ${Math.round(spec.loadMs)} ms (${wall} ms wall)`,
  );
}, 60_000);

let api: GitHubApi;
let bot: Octokit;
let alice: Octokit;

beforeEach(async () => {
  api = await startGitHubApi({ owner, repo });
  api.addToken('bot-token', BOT);
  api.addToken('alice-token', 'alice');
  bot = getOctokit('bot-token', { baseUrl: api.url });
  alice = getOctokit('alice-token', { baseUrl: api.url });
});

afterEach(async () => {
  try {
    api.assertNoViolations();
  } finally {
    await api.close();
  }
});

describe('spec loading', () => {
  it('holds answers to the documented response schema (the self-check is live)', async () => {
    const spec = await loadGitHubSpec();
    expect(spec.checkResponse('issues/get-comment', 200, { id: 'not a number' })).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/id must be integer'),
        expect.stringContaining("'node_id'"),
      ]),
    );
  });

  it('shares the loaded description between servers of one test file', async () => {
    const started = performance.now();
    const second = await startGitHubApi();
    const elapsed = performance.now() - started;
    await second.close();
    expect(second.specLoadMs).toBe(api.specLoadMs);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('issue comments', () => {
  it('creates, lists across pages, updates and deletes, authored by the token user', async () => {
    const issue = api.addIssue({ title: 'Plan', author: 'alice' });
    for (let i = 0; i < 104; i += 1)
      api.addComment({ issueNumber: issue.number, body: `seed ${i}`, author: 'alice' });
    const { data: mine, status } = await bot.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body: 'hello <!-- marker -->',
    });
    expect(status).toBe(201);
    expect(mine.user?.login).toBe(BOT);
    expect(mine.user?.type).toBe('Bot');
    expect(mine.html_url).toBe(
      `https://github.com/${owner}/${repo}/issues/${issue.number}#issuecomment-${mine.id}`,
    );

    const firstPage = await bot.rest.issues.listComments({
      owner,
      repo,
      issue_number: issue.number,
      per_page: 100,
    });
    expect(firstPage.data).toHaveLength(100);
    expect(firstPage.headers.link).toContain('rel="next"');
    const all = await bot.paginate(bot.rest.issues.listComments, {
      owner,
      repo,
      issue_number: issue.number,
      per_page: 100,
    });
    expect(all).toHaveLength(105);
    expect(all.at(-1)?.id).toBe(mine.id);

    const { data: updated } = await bot.rest.issues.updateComment({
      owner,
      repo,
      comment_id: mine.id,
      body: 'changed',
    });
    expect(updated.body).toBe('changed');
    expect(api.state.comments.get(mine.id)?.body).toBe('changed');
    await bot.rest.issues.deleteComment({ owner, repo, comment_id: mine.id });
    await expect(bot.rest.issues.getComment({ owner, repo, comment_id: mine.id })).rejects.toMatchObject({
      status: 404,
    });
    expect(api.writes('issues/create-comment')).toHaveLength(1);
  });

  it('rejects a body over 65,536 characters with 422 like GitHub, and records it', async () => {
    const issue = api.addIssue({ title: 'Plan', author: 'alice' });
    const limit = await bot.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body: 'x'.repeat(65_536),
    });
    expect(limit.status).toBe(201);
    await expect(
      bot.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: 'x'.repeat(65_537) }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/body is too long \(maximum is 65536 characters\)/i),
    });
    expect(api.takeViolations()).toEqual([expect.stringContaining('exceeds 65536')]);
  });

  it('answers 404 for a comment on a missing issue', async () => {
    await expect(
      bot.rest.issues.createComment({ owner, repo, issue_number: 99, body: 'x' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('reactions', () => {
  it('creates a reaction once (201), then answers the existing one (200), and lists them', async () => {
    const issue = api.addIssue({ title: 'Plan', author: 'alice' });
    const comment = api.addComment({ issueNumber: issue.number, body: 'plan', author: BOT });
    const first = await alice.rest.reactions.createForIssueComment({
      owner,
      repo,
      comment_id: comment.id,
      content: '+1',
    });
    const again = await alice.rest.reactions.createForIssueComment({
      owner,
      repo,
      comment_id: comment.id,
      content: '+1',
    });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
    await bot.rest.reactions.createForIssueComment({
      owner,
      repo,
      comment_id: comment.id,
      content: 'rocket',
    });
    const { data: plusOnes } = await bot.rest.reactions.listForIssueComment({
      owner,
      repo,
      comment_id: comment.id,
      content: '+1',
    });
    expect(plusOnes.map((r) => r.user?.login)).toEqual(['alice']);
    const { data: read } = await bot.rest.issues.getComment({ owner, repo, comment_id: comment.id });
    expect(read.reactions).toMatchObject({ total_count: 2, '+1': 1, rocket: 1 });
  });
});

describe('collaborators and teams', () => {
  it('reports the legacy permission and the role name', async () => {
    const cases = [
      ['admin', 'admin'],
      ['maintain', 'write'],
      ['write', 'write'],
      ['triage', 'read'],
      ['read', 'read'],
    ] as const;
    for (const [role, permission] of cases) {
      api.setPermission(`user-${role}`, role);
      const { data } = await bot.rest.repos.getCollaboratorPermissionLevel({
        owner,
        repo,
        username: `user-${role}`,
      });
      expect({ permission: data.permission, role: data.role_name, login: data.user?.login }).toEqual({
        permission,
        role,
        login: `user-${role}`,
      });
    }
    api.addUser('outsider');
    const { data: none } = await bot.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: 'outsider',
    });
    expect(none.permission).toBe('none');
    await expect(
      bot.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'nobody-at-all' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('answers team membership 200 for members and 404 otherwise', async () => {
    api.addTeamMember(owner, 'platform', 'alice', 'maintainer');
    const { data } = await bot.rest.teams.getMembershipForUserInOrg({
      org: owner,
      team_slug: 'platform',
      username: 'alice',
    });
    expect(data).toMatchObject({ role: 'maintainer', state: 'active' });
    await expect(
      bot.rest.teams.getMembershipForUserInOrg({ org: owner, team_slug: 'platform', username: 'mallory' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('issues and pulls', () => {
  it('creates issues with labels and filters by state, labels and creator', async () => {
    const { data: drift } = await bot.rest.issues.create({
      owner,
      repo,
      title: 'Drift in prod',
      labels: ['drift', 'prod'],
    });
    expect(drift.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['drift', 'prod']);
    expect(drift.user?.login).toBe(BOT);
    await alice.rest.issues.create({ owner, repo, title: 'Other', labels: ['prod'] });
    const byLabels = await bot.rest.issues.listForRepo({ owner, repo, labels: 'drift,prod' });
    expect(byLabels.data.map((i) => i.number)).toEqual([drift.number]);
    const byCreator = await bot.rest.issues.listForRepo({ owner, repo, creator: 'alice' });
    expect(byCreator.data.map((i) => i.title)).toEqual(['Other']);

    const { data: closed } = await bot.rest.issues.update({
      owner,
      repo,
      issue_number: drift.number,
      state: 'closed',
    });
    expect(closed).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect((await bot.rest.issues.listForRepo({ owner, repo })).data.map((i) => i.title)).toEqual(['Other']);
    const closedList = await bot.rest.issues.listForRepo({ owner, repo, state: 'closed', labels: 'drift' });
    expect(closedList.data.map((i) => i.number)).toEqual([drift.number]);
    await bot.rest.issues.update({
      owner,
      repo,
      issue_number: drift.number,
      labels: ['resolved'],
      title: 'Drift fixed',
    });
    expect(api.issue(drift.number)).toMatchObject({ labels: ['resolved'], title: 'Drift fixed' });
  });

  it('answers a pull request with head and base, and its commits', async () => {
    const sha = 'a'.repeat(40);
    const pr = api.addPull({ author: 'alice', headSha: sha, headRef: 'feature/vpc', title: 'Add VPC' });
    const { data } = await bot.rest.pulls.get({ owner, repo, pull_number: pr.number });
    expect(data.head).toMatchObject({ sha, ref: 'feature/vpc' });
    expect(data.base.ref).toBe('main');
    expect(data.user?.login).toBe('alice');
    const { data: commits } = await bot.rest.pulls.listCommits({ owner, repo, pull_number: pr.number });
    expect(commits.map((c) => c.sha)).toEqual([sha]);
    // A pull request is an issue too: comments go to the same number.
    await bot.rest.issues.createComment({ owner, repo, issue_number: pr.number, body: 'plan' });
    expect(api.commentsOn(pr.number)).toHaveLength(1);
  });
});

describe('deployments', () => {
  it('creates deployments and statuses, and retires the previous successful one', async () => {
    const { data: first } = await bot.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
    });
    if (!('id' in first)) throw new Error('expected a deployment');
    await bot.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: first.id,
      state: 'success',
      log_url: 'https://ci/1',
    });
    const { data: second } = await bot.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
    });
    if (!('id' in second)) throw new Error('expected a deployment');
    await bot.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: second.id,
      state: 'in_progress',
    });
    await bot.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: second.id, state: 'success' });

    const { data: list } = await bot.rest.repos.listDeployments({ owner, repo, environment: 'staging' });
    expect(list.map((d) => d.id)).toEqual([second.id, first.id]);
    expect(list[0]?.creator?.login).toBe(BOT);
    const { data: firstStatuses } = await bot.rest.repos.listDeploymentStatuses({
      owner,
      repo,
      deployment_id: first.id,
    });
    expect(firstStatuses.map((st) => st.state)).toEqual(['inactive', 'success']);
    expect(firstStatuses[1]?.target_url).toBe('https://ci/1');
    const { data: secondStatuses } = await bot.rest.repos.listDeploymentStatuses({
      owner,
      repo,
      deployment_id: second.id,
    });
    expect(secondStatuses.map((st) => st.state)).toEqual(['success', 'in_progress']);
  });
});

describe('environments, approvals and pending deployments', () => {
  const runId = 4242;

  beforeEach(() => {
    api.addTeamMember(owner, 'sre', 'carol');
    api.addToken('carol-token', 'carol');
    api.addEnvironment({
      name: 'production',
      reviewers: [
        { type: 'User', login: 'alice' },
        { type: 'Team', org: owner, slug: 'sre' },
      ],
      waitTimer: 5,
    });
    api.addPendingDeployment(runId, {
      environment: 'production',
      sha: 'b'.repeat(40),
      ref: 'refs/heads/main',
    });
  });

  it('describes the environment with its protection rules', async () => {
    const { data } = await bot.rest.repos.getEnvironment({ owner, repo, environment_name: 'production' });
    const reviewers = data.protection_rules?.find((rule) => rule.type === 'required_reviewers');
    expect(reviewers && 'reviewers' in reviewers ? reviewers.reviewers?.map((r) => r.type) : []).toEqual([
      'User',
      'Team',
    ]);
    expect(data.protection_rules?.find((rule) => rule.type === 'wait_timer')).toMatchObject({
      wait_timer: 5,
    });
    await expect(
      bot.rest.repos.getEnvironment({ owner, repo, environment_name: 'nope' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('lists pending deployments, takes a review from a team reviewer, and lists the approval', async () => {
    const { data: pendingForBot } = await bot.rest.actions.getPendingDeploymentsForRun({
      owner,
      repo,
      run_id: runId,
    });
    expect(pendingForBot).toHaveLength(1);
    expect(pendingForBot[0]?.current_user_can_approve).toBe(false);
    const carol = getOctokit('carol-token', { baseUrl: api.url });
    const { data: pending } = await carol.rest.actions.getPendingDeploymentsForRun({
      owner,
      repo,
      run_id: runId,
    });
    expect(pending[0]?.current_user_can_approve).toBe(true);
    const envId = pending[0]?.environment.id as number;

    await expect(
      bot.rest.actions.reviewPendingDeploymentsForRun({
        owner,
        repo,
        run_id: runId,
        environment_ids: [envId],
        state: 'approved',
        comment: 'me',
      }),
    ).rejects.toMatchObject({ status: 422 });
    const { data: deployments } = await carol.rest.actions.reviewPendingDeploymentsForRun({
      owner,
      repo,
      run_id: runId,
      environment_ids: [envId],
      state: 'approved',
      comment: 'Ship it',
    });
    expect(deployments.map((d) => d.environment)).toEqual(['production']);

    const { data: approvals } = await bot.rest.actions.getReviewsForRun({ owner, repo, run_id: runId });
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({ state: 'approved', comment: 'Ship it', user: { login: 'carol' } });
    expect(approvals[0]?.environments.map((e) => e.name)).toEqual(['production']);
    expect((await bot.rest.actions.getPendingDeploymentsForRun({ owner, repo, run_id: runId })).data).toEqual(
      [],
    );
  });
});

describe('run artifacts', () => {
  it('lists by name, answers one, and redirects the zip to bytes on this server', async () => {
    const artifacts = new MemoryArtifactSource();
    const zip = Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'binary');
    const plan = artifacts.add(77, 'iac-plan-network', zip);
    artifacts.add(77, 'iac-validate', Buffer.from('other'));
    const server = await startGitHubApi({ owner, repo, artifactSource: artifacts });
    server.addToken('bot-token', BOT);
    const octokit = getOctokit('bot-token', { baseUrl: server.url });
    try {
      const { data: listed } = await octokit.rest.actions.listWorkflowRunArtifacts({
        owner,
        repo,
        run_id: 77,
        name: 'iac-plan-network',
      });
      expect(listed.total_count).toBe(1);
      expect(listed.artifacts[0]).toMatchObject({
        id: plan.id,
        size_in_bytes: zip.byteLength,
        digest: plan.digest,
      });
      const { data: one } = await octokit.rest.actions.getArtifact({ owner, repo, artifact_id: plan.id });
      expect(one.workflow_run?.id).toBe(77);

      // As @actions/artifact does it: no redirect following, then a plain GET of the location.
      const redirect = await octokit.rest.actions.downloadArtifact({
        owner,
        repo,
        artifact_id: plan.id,
        archive_format: 'zip',
        request: { redirect: 'manual' },
      });
      expect(redirect.status).toBe(302);
      const blob = await fetch(String(redirect.headers.location));
      expect(blob.headers.get('content-type')).toBe('application/zip');
      expect(Buffer.from(await blob.arrayBuffer())).toEqual(zip);

      // And followed by the client.
      const followed = await octokit.rest.actions.downloadArtifact({
        owner,
        repo,
        artifact_id: plan.id,
        archive_format: 'zip',
      });
      expect(Buffer.from(followed.data as ArrayBuffer)).toEqual(zip);
      server.assertNoViolations();
    } finally {
      await server.close();
    }
  });
});

describe('a seeded delivery history', () => {
  it('lists seeded deployments newest first, a page at a time, with their statuses at their times', async () => {
    for (let i = 0; i < 5; i++) {
      api.seedDeployment({
        environment: 'production',
        sha: 'a'.repeat(40),
        createdAt: `2026-11-0${i + 1}T10:00:00Z`,
        statuses: [
          { state: 'in_progress', at: `2026-11-0${i + 1}T10:00:00Z` },
          { state: i === 2 ? 'failure' : 'success', at: `2026-11-0${i + 1}T10:12:00Z` },
        ],
      });
    }
    const first = await bot.rest.repos.listDeployments({
      owner,
      repo,
      environment: 'production',
      per_page: 2,
    });
    expect(first.data.map((d) => d.created_at)).toEqual(['2026-11-05T10:00:00Z', '2026-11-04T10:00:00Z']);
    expect(first.headers.link).toContain('rel="next"');
    const all = await bot.paginate(bot.rest.repos.listDeployments, { owner, repo, per_page: 2 });
    expect(all).toHaveLength(5);
    const statuses = await bot.rest.repos.listDeploymentStatuses({
      owner,
      repo,
      deployment_id: all[2]?.id ?? 0,
    });
    expect(statuses.data.map((s) => [s.state, s.created_at])).toEqual([
      ['failure', '2026-11-03T10:12:00Z'],
      ['in_progress', '2026-11-03T10:00:00Z'],
    ]);
  });

  it("answers a commit's date, and 422 for a SHA it does not have", async () => {
    const commit = api.addCommit({
      sha: 'b'.repeat(40),
      date: '2026-11-01T09:30:00Z',
      message: 'Grow the pool',
    });
    const { data } = await bot.rest.repos.getCommit({ owner, repo, ref: commit.sha });
    expect(data.commit.committer?.date).toBe('2026-11-01T09:30:00Z');
    expect(data.commit.message).toBe('Grow the pool');
    await expect(bot.rest.repos.getCommit({ owner, repo, ref: 'c'.repeat(40) })).rejects.toMatchObject({
      status: 422,
    });
  });

  it('lists workflow runs by branch, status and the created date syntax, newest first', async () => {
    const add = (createdAt: string, more: Omit<WorkflowRunInput, 'createdAt'> = {}) =>
      api.addWorkflowRun({ createdAt, ...more });
    add('2026-10-30T08:00:00Z');
    const a = add('2026-11-01T00:00:00Z', { updatedAt: '2026-11-01T00:20:00Z' });
    const b = add('2026-11-02T12:00:00Z', { conclusion: 'failure' });
    add('2026-11-03T12:00:00Z', { headBranch: 'feature' });
    add('2026-11-04T12:00:00Z', { path: '.github/workflows/ci.yml', conclusion: 'cancelled' });
    const list = async (query: { created?: string; status?: 'failure' | 'cancelled'; branch?: string }) =>
      (await bot.rest.actions.listWorkflowRunsForRepo({ owner, repo, ...query })).data.workflow_runs.map(
        (r) => r.id,
      );
    expect(await list({ created: '>=2026-11-01T00:00:00Z', branch: 'main' })).toEqual([
      ...(await list({ created: '2026-11-04' })),
      b.id,
      a.id,
    ]);
    expect(await list({ created: '2026-11-01..2026-11-02' })).toEqual([b.id, a.id]);
    expect(await list({ created: '<2026-11-01' })).toHaveLength(1);
    expect(await list({ status: 'failure' })).toEqual([b.id]);
    const { data } = await bot.rest.actions.listWorkflowRunsForRepo({ owner, repo, created: '>=2026-11-01' });
    expect(data.total_count).toBe(4);
    const run = data.workflow_runs.find((r) => r.id === a.id);
    expect(run).toMatchObject({
      run_started_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-01T00:20:00Z',
      head_branch: 'main',
    });
    expect(new Set(data.workflow_runs.map((r) => r.workflow_id)).size).toBe(2);
  });

  it('lists issues updated since a time, by all their labels, opened and closed in the past', async () => {
    api.addIssue({
      title: 'old',
      author: BOT,
      labels: ['drift'],
      createdAt: '2026-09-01T00:00:00Z',
      closedAt: '2026-09-02T00:00:00Z',
    });
    api.addIssue({
      title: 'closed lately',
      author: BOT,
      labels: ['drift'],
      createdAt: '2026-09-01T00:00:00Z',
      closedAt: '2026-11-02T00:00:00Z',
    });
    api.addIssue({
      title: 'open',
      author: BOT,
      labels: ['drift', 'infra'],
      createdAt: '2026-11-03T00:00:00Z',
    });
    const titles = async (labels: string) =>
      (
        await bot.rest.issues.listForRepo({
          owner,
          repo,
          labels,
          state: 'all',
          since: '2026-11-01T00:00:00Z',
        })
      ).data.map((i) => i.title);
    expect(await titles('drift')).toEqual(['open', 'closed lately']);
    expect(await titles('drift,infra')).toEqual(['open']);
  });
});

describe('contract enforcement', () => {
  it('answers an undocumented route 404 and records it', async () => {
    await expect(bot.request('GET /repos/{owner}/{repo}/not-a-thing', { owner, repo })).rejects.toMatchObject(
      {
        status: 404,
        response: { data: { message: 'Not Found', documentation_url: expect.any(String) } },
      },
    );
    expect(api.takeViolations()).toEqual([expect.stringContaining('undocumented route')]);
  });

  it('answers an invalid body 422 and records it', async () => {
    const issue = api.addIssue({ title: 'Plan', author: 'alice' });
    await expect(
      bot.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: issue.number,
        body: 5 as unknown as string,
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { documentation_url: expect.stringContaining('docs.github.com') } },
    });
    expect(api.takeViolations()).toEqual([
      expect.stringMatching(/invalid request: \/requestBody\/body must be string/),
    ]);
    expect(api.commentsOn(issue.number)).toEqual([]);
  });

  it('answers an invalid query parameter 422 and a non-numeric path segment 404', async () => {
    await expect(
      bot.request('GET /repos/{owner}/{repo}/issues', { owner, repo, state: 'bogus' as 'open' }),
    ).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      bot.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
        owner,
        repo,
        issue_number: 'abc' as unknown as number,
      }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(api.takeViolations()).toHaveLength(2);
  });

  it('flags a documented operation the stand-in does not implement', async () => {
    await expect(bot.rest.repos.listBranches({ owner, repo })).rejects.toMatchObject({ status: 501 });
    expect(api.takeViolations()).toEqual([expect.stringContaining('not implemented')]);
  });

  it('answers 401 to an unknown or missing token, and 404 for an unknown repository', async () => {
    const stranger = getOctokit('who-knows', { baseUrl: api.url });
    await expect(stranger.rest.repos.get({ owner, repo })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('Bad credentials'),
    });
    const anonymous = await fetch(`${api.url}/repos/${owner}/${repo}`);
    expect(anonymous.status).toBe(401);
    await expect(bot.rest.repos.get({ owner, repo: 'elsewhere' })).rejects.toMatchObject({ status: 404 });
  });

  it('answers /user for a user token and refuses it for an installation token, with rate-limit headers', async () => {
    const { data: me, headers } = await alice.rest.users.getAuthenticated();
    expect(me.login).toBe('alice');
    expect(headers['x-ratelimit-limit']).toBe('5000');
    expect(Number(headers['x-ratelimit-remaining'])).toBeLessThan(5000);
    await expect(bot.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
    const { data: repository } = await bot.rest.repos.get({ owner, repo });
    expect(repository).toMatchObject({ full_name: `${owner}/${repo}`, default_branch: 'main' });
  });

  it('injects faults for retry and throttling tests', async () => {
    api.failNext({ status: 502, operationId: 'repos/get' });
    await expect(bot.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 502 });
    expect((await bot.rest.repos.get({ owner, repo })).status).toBe(200);
    expect(api.requests.map((r) => r.status)).toEqual([502, 200]);
  });
});
