import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createGitHubClient, WRITE_PACE } from '../../src/github/octokit.js';
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

  it('makes a handful of writes at once and paces a longer run of them at one a second', async () => {
    const github = client();
    const started = performance.now();
    const { data: deployment } = await github.rest.repos.createDeployment({
      owner: 'octo-org',
      repo: 'infra',
      ref: 'main',
      environment: 'paced',
      auto_merge: false,
      required_contexts: [],
    });
    if (!('id' in deployment)) throw new Error('expected a deployment');
    const sentAt = [performance.now() - started];
    for (let i = 1; i < WRITE_PACE.burst + 2; i++) {
      await github.rest.repos.createDeploymentStatus({
        owner: 'octo-org',
        repo: 'infra',
        deployment_id: deployment.id,
        state: 'in_progress',
        description: `status ${i}`,
      });
      sentAt.push(performance.now() - started);
    }
    // Paced from the first, as the throttling plugin's default is, the burst alone would take four seconds.
    expect(sentAt[WRITE_PACE.burst - 1]).toBeLessThan(3 * WRITE_PACE.refillMs);
    // Past the allowance, one a second again.
    expect(sentAt[WRITE_PACE.burst + 1]).toBeGreaterThanOrEqual(1.5 * WRITE_PACE.refillMs);
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
