import { ConfigurationError } from '../core/errors.js';
import { GitHubRefusal } from './refusals.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import type { MarkedComments } from './marked-comments.js';
import type { GitHubClient } from './octokit.js';
import type { PlanOrigin } from './plan-comment.js';
import { pullRequestOf, withHeadSha } from './pull-request.js';

export interface PlanCommentInputs {
  comment: boolean;
  prNumber?: number | undefined;
  githubToken?: string | undefined;
  commentAuthor?: string | undefined;
}

/** The pull request's plan comment, opened before the plan runs and written when it is done. */
export interface PlanCommentSession {
  pullRequest: number;
  /** The pull request's head commit: the one reviewers see and the comment names. */
  commit: string;
  /** Writes the plan comment; undefined when the token may not comment. */
  publish(key: string, bodies: readonly string[], origin?: PlanOrigin): Promise<string | undefined>;
  /** Marks the plans of earlier commits outdated: `why` says what happened to this commit's plan. */
  markOutdated(key: string, why: string): Promise<void>;
}

/**
 * Finds the pull request to comment on and the comments already there. Returns undefined when there is
 * nothing to comment on (no pull request, or `comment: false`): the job summary still has the plan.
 */
export async function openPlanComments(
  inputs: PlanCommentInputs,
  run: RunContext,
  logger: Logger,
): Promise<PlanCommentSession | undefined> {
  if (!inputs.comment) return undefined;
  const target = await pullRequestOf(run, inputs.prNumber);
  if (!target) {
    logger.debug(
      `No pull request in a ${run.eventName} event and no pr-number: the plan goes to the job summary only.`,
    );
    return undefined;
  }
  if (!inputs.githubToken) {
    throw new ConfigurationError(
      'Input "github-token" is empty: it is needed to comment on the pull request (give it a token with pull-requests: write), or set comment: false.',
    );
  }
  // Octokit and the comment modules are loaded only by the plans that comment: start-up time is measured.
  const [{ createGitHubClient }, { commentAuthor, MarkedComments }, planComment] = await Promise.all([
    import('./octokit.js'),
    import('./marked-comments.js'),
    import('./plan-comment.js'),
  ]);
  const client: GitHubClient = createGitHubClient(inputs.githubToken, logger, { apiUrl: run.apiUrl });
  const repository = { owner: run.owner, repo: run.repo };
  const [pull, author] = await Promise.all([
    withHeadSha(client, repository, target),
    commentAuthor(client, inputs.commentAuthor, logger),
  ]);
  let comments: MarkedComments | undefined;
  const thread = async () =>
    (comments ??= await MarkedComments.load(client, { ...repository, issueNumber: pull.number }, author));
  // A token that may not write comments (the read-only token of a pull request from a fork) costs the
  // comment, not the plan: the plan is in the job summary, and the warning says how to get the comment.
  const tolerateRefusal = async <T>(what: string, write: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await write();
    } catch (error) {
      if ((error as { status?: number }).status !== 403) throw error;
      // A GitHubRefusal already says what was refused and which permission opens it.
      const why =
        error instanceof GitHubRefusal
          ? error.message
          : `Could not ${what} on pull request #${pull.number}: ${(error as Error).message}. Give the job ` +
            '`permissions: pull-requests: write`.';
      logger.warning(`${why} Or set comment: false. The plan is in the job summary.`, {
        title: 'No plan comment',
      });
      return undefined;
    }
  };
  return {
    pullRequest: pull.number,
    commit: pull.headSha,
    async publish(key, bodies, origin) {
      const published = await tolerateRefusal('write the plan comment', async () =>
        planComment.publishPlanComment(await thread(), key, pull.headSha, bodies, origin),
      );
      if (!published) return undefined;
      const { url, results } = published;
      const written = results.filter((result) => result !== 'unchanged').length;
      logger.info(
        written === 0
          ? `The plan comment on pull request #${pull.number} is up to date: ${url}`
          : `Wrote the plan comment on pull request #${pull.number}: ${url}`,
      );
      return url;
    },
    async markOutdated(key, why) {
      await tolerateRefusal('mark the old plan comment outdated', async () =>
        planComment.markPlanCommentsOutdated(await thread(), key, pull.headSha, why),
      );
    },
  };
}

/** The comment session or why it could not be opened: the plan is reported either way, then the failure. */
export async function settle(
  commenting: Promise<PlanCommentSession | undefined>,
): Promise<{ session?: PlanCommentSession | undefined; failure?: unknown }> {
  try {
    return { session: await commenting };
  } catch (failure) {
    return { failure };
  }
}

export { planCommentKey } from './plan-comment.js';
