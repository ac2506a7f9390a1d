import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError, StepFailure } from '../../../src/core/errors.js';
import { commentAuthor } from '../../../src/github/marked-comments.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/octokit.js';
import { GitHubRateLimited, GitHubRefusal, ROUTES, routeOf } from '../../../src/github/refusals.js';
import { startGitHubApi, type GitHubApi } from '../../support/github-api.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { repoRoot } from '../../support/tools.js';

const TOKEN = 'ghs_refusalTestToken0123456789';
let api: GitHubApi;
beforeAll(async () => {
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
  api.addToken(TOKEN, 'github-actions[bot]');
});
afterEach(() => api.assertNoViolations());
afterAll(() => api.close());

function client(token = TOKEN, options: { rateLimitRetries?: number } = {}): GitHubClient {
  return createGitHubClient(token, new RecordingLogger(), {
    apiUrl: `${api.url}/`,
    retryAfterBaseValue: 5,
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error & { status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { status?: number };
  }
  throw new Error('expected the request to be refused');
}

const repo = { owner: 'octo-org', repo: 'infra' };

describe('a GitHub refusal', () => {
  it('says what was being done and which permission the token needs (403)', async () => {
    api.failNext({
      status: 403,
      operationId: 'repos/create-deployment',
      message: 'Resource not accessible by integration',
    });
    const error = await rejection(
      client().rest.repos.createDeployment({ ...repo, ref: 'main', environment: 'production' }),
    );
    expect(error).toBeInstanceOf(GitHubRefusal);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'Could not create a deployment (POST /repos/octo-org/infra/deployments answered 403 ' +
        '"Resource not accessible by integration"): the token needs "deployments: write"; add it under ' +
        'permissions: in the workflow.',
    );
    expect(error.status).toBe(403);
    expect(error.message).not.toContain(TOKEN);
  });

  it('says both what a 404 can mean: a wrong repository for the token, or a missing permission', async () => {
    const error = await rejection(client().rest.pulls.get({ ...repo, pull_number: 987_654 }));
    expect(error.status).toBe(404);
    expect(error.message).toBe(
      'Could not read the pull request (GET /repos/octo-org/infra/pulls/987654 answered 404): GitHub answers ' +
        '404 both for what does not exist and for what the token may not see. Check that the token is for ' +
        'this repository (a token of another repository or account cannot see it), and: the token needs ' +
        '"pull-requests: read"; add it under permissions: in the workflow.',
    );
  });

  it('names either permission where GitHub takes one of two', async () => {
    const issue = api.addIssue({ title: 'Plan', author: 'alice' });
    api.failNext({ status: 403, operationId: 'issues/create-comment', message: 'Forbidden' });
    const error = await rejection(
      client().rest.issues.createComment({ ...repo, issue_number: issue.number, body: 'x' }),
    );
    expect(error.message).toMatch(
      /^Could not write a comment \(POST \/repos\/octo-org\/infra\/issues\/\d+\/comments answered 403 "Forbidden"\): the token needs "pull-requests: write" or "issues: write"; /,
    );
  });

  it('says a token GitHub does not accept is the github-token input to check (401), never showing it', async () => {
    const error = await rejection(client('ghp_notAKnownToken').rest.pulls.get({ ...repo, pull_number: 1 }));
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      'Could not read the pull request (GET /repos/octo-org/infra/pulls/1 answered 401 "Bad credentials"): ' +
        'GitHub does not accept the token (it is mistyped, expired or revoked); check the github-token input.',
    );
    expect(error.message).not.toContain('ghp_notAKnownToken');
  });

  it('keeps the status, so that a refusal a caller expects is still one (GET /user, installation token)', async () => {
    const logger = new RecordingLogger();
    expect(await commentAuthor(client(), undefined, logger)).toBe('github-actions[bot]');
    const error = await rejection(client().rest.users.getAuthenticated());
    expect(error.message).toMatch(
      /^Could not learn which account the token writes as .*set the comment-author input\.$/,
    );
  });

  it('names the route and status of a route it does not know', async () => {
    api.failNext({ status: 403, operationId: 'repos/list-branches', message: 'Forbidden' });
    const error = await rejection(client().request('GET /repos/{owner}/{repo}/branches', repo));
    expect(error).toBeInstanceOf(GitHubRefusal);
    expect(error.message).toBe(
      'Could not do what it needed (GET /repos/octo-org/infra/branches answered 403 "Forbidden"): the token ' +
        "lacks a permission this route needs (GitHub's REST documentation of the route names it); add it " +
        'under permissions: in the workflow.',
    );
  });

  it('says a spent rate limit is one, not a missing permission', async () => {
    api.failNext({ status: 403, operationId: 'pulls/get', rateLimited: true });
    const error = await rejection(
      client(TOKEN, { rateLimitRetries: 0 }).rest.pulls.get({ ...repo, pull_number: 1 }),
    );
    expect(error).toBeInstanceOf(GitHubRateLimited);
    expect(error).toBeInstanceOf(StepFailure);
    expect(error.status).toBe(403);
    expect(error.message).toMatch(
      /answered 403 "API rate limit exceeded"\): the token's GitHub rate limit is spent/,
    );
    api.takeViolations();
  });

  it('leaves other errors as they are (422 says what was wrong)', async () => {
    api.failNext({ status: 422, operationId: 'pulls/get', message: 'Validation Failed' });
    const error = await rejection(client().rest.pulls.get({ ...repo, pull_number: 1 }));
    expect(error).not.toBeInstanceOf(GitHubRefusal);
    expect(error.status).toBe(422);
  });
});

describe('the routes', () => {
  it('are found by the path sent too, as for a later page of a list', () => {
    expect(routeOf('GET', undefined, '/repos/o/r/issues/12/comments')).toBe(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    );
    expect(routeOf('PATCH', undefined, '/repos/o/r/issues/comments/5')).toBe(
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    );
    expect(routeOf('PATCH', undefined, '/repos/o/r/issues/7')).toBe(
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    );
    expect(routeOf('DELETE', undefined, '/repos/o/r/issues/7')).toBeUndefined();
  });

  it('hold every REST call the suite makes', async () => {
    const files = (await readdir(join(repoRoot, 'src'), { recursive: true })).filter((f) =>
      f.endsWith('.ts'),
    );
    const calls = new Set<string>();
    for (const file of files) {
      const text = await readFile(join(repoRoot, 'src', file), 'utf8');
      for (const match of text.matchAll(/\.rest\.([a-zA-Z]+)\.([a-zA-Z]+)/g))
        calls.add(`${match[1]}.${match[2]}`);
    }
    expect(calls.size).toBeGreaterThan(15);
    const rest = client().rest as unknown as Record<
      string,
      Record<string, { endpoint: { DEFAULTS: { method: string; url: string } } }>
    >;
    const missing = [...calls].filter((call) => {
      const [scope = '', method = ''] = call.split('.');
      const defaults = rest[scope]?.[method]?.endpoint.DEFAULTS;
      return !defaults || !ROUTES[`${defaults.method} ${defaults.url}`];
    });
    expect(missing).toEqual([]);
  });
});
