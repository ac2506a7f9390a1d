import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createGitHubClient } from '../../src/github/octokit.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { RecordingLogger } from '../support/recording-logger.js';

let api: GitHubApi;
beforeAll(async () => {
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
  api.addToken('bot-token', 'github-actions[bot]');
});
afterEach(() => api.assertNoViolations());
afterAll(() => api.close());

function client(logger = new RecordingLogger()) {
  return createGitHubClient('bot-token', logger, { apiUrl: `${api.url}/`, retryAfterBaseValue: 5 });
}

describe('the GitHub client', () => {
  it('retries a server error and then succeeds', async () => {
    const issue = api.addIssue({ title: 'Plan', author: 'alice' });
    api.failNext({ status: 502, operationId: 'issues/list-comments', times: 2 });
    const { data } = await client().rest.issues.listComments({
      owner: 'octo-org',
      repo: 'infra',
      issue_number: issue.number,
    });
    expect(data).toEqual([]);
    const attempts = api.requests.filter((r) => r.operationId === 'issues/list-comments');
    expect(attempts.map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('does not retry a client error', async () => {
    await expect(
      client().rest.issues.get({ owner: 'octo-org', repo: 'infra', issue_number: 999_999 }),
    ).rejects.toMatchObject({ status: 404 });
    expect(api.requests.filter((r) => r.path.endsWith('/issues/999999'))).toHaveLength(1);
  });

  it('waits out a secondary rate limit, says so, and goes on', async () => {
    const issue = api.addIssue({ title: 'Plan', author: 'alice' });
    const logger = new RecordingLogger();
    api.failNext({
      status: 403,
      operationId: 'issues/create-comment',
      retryAfter: 0,
      message: 'You have exceeded a secondary rate limit',
    });
    const { data } = await client(logger).rest.issues.createComment({
      owner: 'octo-org',
      repo: 'infra',
      issue_number: issue.number,
      body: 'plan summary',
    });
    expect(data.body).toBe('plan summary');
    expect(logger.messages('info').join('\n')).toMatch(/secondary rate limit hit on POST/);
  });
});
