import { expect } from '@jest/globals';
import type { GitHubApi } from '../../support/github-api.js';

/**
 * An environment with required reviewers, and each of `logins` approving the run's pending deployment to
 * it through the stand-in's API, as a reviewer clicking "Approve and deploy" would.
 */
export async function approveEnvironment(
  api: GitHubApi,
  options: {
    environment: string;
    runId: number;
    sha: string;
    reviewers: readonly string[];
    logins: readonly string[];
  },
): Promise<void> {
  const env = api.addEnvironment({
    name: options.environment,
    reviewers: options.reviewers.map((login) => ({ type: 'User' as const, login })),
  });
  for (const login of options.logins) {
    api.addPendingDeployment(options.runId, {
      environment: options.environment,
      sha: options.sha,
      ref: 'refs/heads/main',
    });
    const token = `token-${login}-${options.runId}`;
    api.addToken(token, login);
    const response = await fetch(
      `${api.url}/repos/octo-org/infra/actions/runs/${options.runId}/pending_deployments`,
      {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ environment_ids: [env.id], state: 'approved', comment: 'go' }),
      },
    );
    expect(response.status).toBe(200);
  }
}
