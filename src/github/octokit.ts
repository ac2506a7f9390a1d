import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { Logger } from '../core/logger.js';
import { refusalOf } from './refusals.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  /** The REST API root, GITHUB_API_URL on a runner. Given explicitly so that nothing reads it at import time. */
  apiUrl: string;
  /** How often a rate-limited request is tried again before the error is the caller's. */
  rateLimitRetries?: number;
  /** Base of every back-off, in ms; tests make it small. GitHub's guidance is whole seconds. */
  retryAfterBaseValue?: number;
}

/** How many writes go out at once before they are paced, and how fast the allowance comes back. */
export const WRITE_PACE = { burst: 5, refillMs: 1000 } as const;

/**
 * Writes (POST, PATCH, PUT, DELETE) one at a time, from an allowance of five that comes back at one a
 * second. GitHub asks for a second between writes when a client makes a large number of them; the
 * throttling plugin's own pacing spaces every write a second from the first, so a step that makes a
 * handful (a deployment and its two statuses, a release's record) waited a second before each of them
 * for nothing: two seconds of every apply, three of every release. A long run of writes is still paced
 * at one a second, and a secondary rate limit GitHub answers with is still waited out.
 */
function writePacing(): Bottleneck.Group {
  return new Bottleneck.Group({
    id: 'iac-octokit-write',
    maxConcurrent: 1,
    reservoir: WRITE_PACE.burst,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: WRITE_PACE.refillMs,
    reservoirIncreaseMaximum: WRITE_PACE.burst,
  });
}

/**
 * The one way the suite talks to GitHub: an Octokit with the retry plugin (server errors and dropped
 * connections, with back-off) and the throttling plugin (paced writes; a rate-limited request waits as
 * long as GitHub asks, a bounded number of times, and says so in the log). A refusal that is left after
 * them (401, 403, 404, a spent rate limit) becomes one error saying what was being done and which
 * permission the token needs (./refusals.ts), still carrying its HTTP status for callers that expect it.
 */
export function createGitHubClient(
  token: string,
  logger: Logger,
  options: GitHubClientOptions,
): GitHubClient {
  const retries = options.rateLimitRetries ?? 2;
  const base = options.retryAfterBaseValue ?? 1000;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _: unknown, retryCount: number) => {
      if (retryCount >= retries) {
        logger.warning(
          `GitHub ${kind} rate limit hit on ${request.method} ${request.url}; giving up after ${retryCount} retries`,
        );
        return false;
      }
      logger.info(
        `GitHub ${kind} rate limit hit on ${request.method} ${request.url}; retrying in ${retryAfter}s`,
      );
      return true;
    };
  const client = getOctokit(
    token,
    {
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      retry: { retryAfterBaseValue: base },
      throttle: {
        write: writePacing(),
        retryAfterBaseValue: base,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
    },
    retry,
    throttling,
  );
  // Added last, so it wraps the plugins' hooks: it sees only what retrying and waiting did not mend.
  client.hook.error('request', (error, options) => {
    throw refusalOf(error, { method: options.method, url: options.url, baseUrl: options.baseUrl });
  });
  return client;
}
