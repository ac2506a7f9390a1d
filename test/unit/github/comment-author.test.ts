import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { syncDriftIssue } from '../../../src/github/drift-issue.js';
import { commentAuthor, marker, MarkedComments, VIEWER_QUERY } from '../../../src/github/marked-comments.js';
import { createGitHubClient } from '../../../src/github/octokit.js';
import { startGitHubApi, type GitHubApi } from '../../support/github-api.js';
import { RecordingLogger } from '../../support/recording-logger.js';

/**
 * Which account the token writes as: the one rule every action that finds its own comments or issues by
 * marker uses (tf-plan's plan comments and drift issues, approval-gate's status comment).
 */
let api: GitHubApi;
beforeAll(async () => {
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
  api.addToken('workflow-token', 'github-actions[bot]');
  api.addToken('pat-token', 'platform-bot');
  api.addAppToken('app-token', 'infra-app');
});
afterEach(() => api.assertNoViolations());
afterAll(() => api.close());

const client = (token: string) =>
  createGitHubClient(token, new RecordingLogger(), { apiUrl: api.url, retryAfterBaseValue: 5 });

/** What the resolver asked, by operation, from `mark` on. */
const asked = (mark: number) => api.requests.slice(mark).map((r) => `${r.status} ${r.operationId ?? r.path}`);

describe('the comment author', () => {
  it('is the comment-author input when given, without asking GitHub', async () => {
    const mark = api.requests.length;
    expect(await commentAuthor(client('app-token'), ' infra-app[bot] ', new RecordingLogger())).toBe(
      'infra-app[bot]',
    );
    expect(asked(mark)).toEqual([]);
  });

  it("is GraphQL's viewer for every kind of token, a GitHub App's installation token included", async () => {
    const logger = new RecordingLogger();
    const mark = api.requests.length;
    expect(await commentAuthor(client('app-token'), undefined, logger)).toBe('infra-app[bot]');
    expect(await commentAuthor(client('workflow-token'), undefined, logger)).toBe('github-actions[bot]');
    expect(await commentAuthor(client('pat-token'), '', logger)).toBe('platform-bot');
    // GET /user is not asked: it would answer an App's token with 403.
    expect(asked(mark)).toEqual(['200 graphql', '200 graphql', '200 graphql']);
    expect(api.requests.at(-1)?.body).toEqual({ query: VIEWER_QUERY });
  });

  it('falls back to GET /user, then to github-actions[bot] with a debug line, when GraphQL cannot answer', async () => {
    const logger = new RecordingLogger();
    api.failNext({ status: 404, operationId: 'graphql', message: 'Not Found' });
    const mark = api.requests.length;
    expect(await commentAuthor(client('pat-token'), undefined, logger)).toBe('platform-bot');
    api.failNext({ status: 404, operationId: 'graphql', message: 'Not Found' });
    expect(await commentAuthor(client('app-token'), undefined, logger)).toBe('github-actions[bot]');
    expect(asked(mark)).toEqual([
      '404 graphql',
      '200 users/get-authenticated',
      '404 graphql',
      '403 users/get-authenticated',
    ]);
    expect(logger.lines).toContainEqual({
      level: 'debug',
      message: expect.stringContaining('set comment-author to <app>[bot]'),
    });
  });
});

describe('with a GitHub App token', () => {
  it("edits the App's own marked comment in place and leaves github-actions[bot]'s alone", async () => {
    const pr = api.addPull({ author: 'alice', headSha: 'a'.repeat(40), headRef: 'app' });
    const theirs = api.addComment({
      issueNumber: pr.number,
      author: 'github-actions[bot]',
      body: `${marker('approval:infra')}\nwritten by the workflow token`,
    });
    const thread = { owner: 'octo-org', repo: 'infra', issueNumber: pr.number };
    const app = client('app-token');
    const logger = new RecordingLogger();
    for (const content of ['first', 'second']) {
      const author = await commentAuthor(app, undefined, logger);
      await (await MarkedComments.load(app, thread, author)).write('approval:infra', content);
    }
    // A comment-author given in another case is the same account.
    const again = await MarkedComments.load(app, thread, 'Infra-App[bot]');
    expect((await again.write('approval:infra', 'second')).result).toBe('unchanged');

    const comments = api.commentsOn(pr.number);
    expect(comments.map((c) => [c.author, c.body.split('\n')[1]])).toEqual([
      ['github-actions[bot]', 'written by the workflow token'],
      ['infra-app[bot]', 'second'],
    ]);
    expect(comments[0]?.updatedAt).toBe(theirs.createdAt);
    expect(api.writes('issues/create-comment').filter((w) => w.login === 'infra-app[bot]')).toHaveLength(1);
    expect(api.writes('issues/update-comment').filter((w) => w.login === 'infra-app[bot]')).toHaveLength(1);
  });

  it("keeps its own drift issue, and never touches github-actions[bot]'s", async () => {
    const app = client('app-token');
    const logger = new RecordingLogger();
    const theirs = api.addIssue({
      title: 'Drift detected in stack app-stack',
      body: `${marker('drift:app-stack')}\nby the workflow token`,
      labels: ['drift'],
      author: 'github-actions[bot]',
    });
    const request = async (drifted: boolean, body: string) =>
      syncDriftIssue(
        app,
        {
          owner: 'octo-org',
          repo: 'infra',
          stack: 'app-stack',
          author: await commentAuthor(app, undefined, logger),
          labels: ['drift'],
          drifted,
          body,
          runUrl: 'https://github.com/octo-org/infra/actions/runs/1',
        },
        logger,
      );
    expect((await request(true, 'one')).change).toBe('opened');
    expect((await request(true, 'two')).change).toBe('updated');
    expect((await request(false, '')).change).toBe('closed');
    expect(api.issue(theirs.number)).toMatchObject({ state: 'open', body: theirs.body });
  });
});

describe('the stand-in', () => {
  it("refuses GET /user to an App's token and writes its comments as a Bot", async () => {
    const pr = api.addPull({ author: 'alice', headSha: 'b'.repeat(40), headRef: 'bot' });
    const app = client('app-token');
    await expect(app.rest.users.getAuthenticated()).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    const { data } = await app.rest.issues.createComment({
      owner: 'octo-org',
      repo: 'infra',
      issue_number: pr.number,
      body: 'hello',
    });
    expect(data.user).toMatchObject({ login: 'infra-app[bot]', type: 'Bot' });
  });

  it('answers a GraphQL query it does not model with a GraphQL error, and records it', async () => {
    await expect(client('pat-token').graphql('query { viewer { login email } }')).rejects.toMatchObject({
      errors: [{ message: expect.stringContaining('does not model this query') }],
    });
    expect(api.takeViolations()).toEqual([expect.stringContaining('query not modelled by the stand-in')]);
  });

  it('lets a test edit a comment as another user, so that updated_at moves past created_at', async () => {
    const pr = api.addPull({ author: 'alice', headSha: 'c'.repeat(40), headRef: 'edit' });
    const comment = api.addComment({
      issueNumber: pr.number,
      author: 'maint1',
      body: '/approve 0123456789ab',
    });
    api.editComment(comment.id, '/approve fedcba987654', 'writer1');
    const { data } = await client('pat-token').rest.issues.getComment({
      owner: 'octo-org',
      repo: 'infra',
      comment_id: comment.id,
    });
    expect(data.body).toBe('/approve fedcba987654');
    expect(data.user?.login).toBe('maint1');
    expect(Date.parse(data.updated_at)).toBeGreaterThan(Date.parse(data.created_at));
  });
});
