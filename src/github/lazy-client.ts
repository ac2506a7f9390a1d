import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import type { GitHubClient } from './octokit.js';

/**
 * The GitHub client, made on first use and then shared. Octokit is loaded only then: the runs that never
 * talk to GitHub do not pay for it (start-up time is measured). Without a token, the first use throws what
 * `missingToken` makes: the message that names the input and why this step needs it.
 */
export function lazyGitHubClient(
  token: string | undefined,
  logger: Logger,
  run: Pick<RunContext, 'apiUrl'>,
  missingToken: () => Error,
): () => Promise<GitHubClient> {
  let client: Promise<GitHubClient> | undefined;
  return () =>
    (client ??= (async () => {
      if (!token) throw missingToken();
      const { createGitHubClient } = await import('./octokit.js');
      return createGitHubClient(token, logger, { apiUrl: run.apiUrl });
    })());
}
