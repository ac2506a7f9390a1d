import { StepFailure } from '../core/errors.js';
import type { GitHubClient } from './octokit.js';

/**
 * Starts the workflow that applies an approved pull-request plan (approve-on-comment's second half): a
 * workflow_dispatch on the pull request's head branch, so that the run checks out the very commit that
 * was planned (tf-apply's require-same-commit), with the plan's run, digest and stack as inputs.
 */
export interface ApplyDispatch {
  /** The workflow's file name (`deploy.yml`) or id. */
  workflow: string;
  pullRequest: number;
  stack: string;
  planRunId: number;
  planDigest: string;
}

export async function dispatchApply(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  dispatch: ApplyDispatch,
): Promise<{ ref: string }> {
  const { data: pull } = await client.rest.pulls.get({ ...repository, pull_number: dispatch.pullRequest });
  // A fork's branch is not in this repository, so there is no ref to run the apply on.
  const head = pull.head.repo?.full_name;
  // Repository names are case-insensitive on GitHub.
  if (head && head.toLowerCase() !== `${repository.owner}/${repository.repo}`.toLowerCase()) {
    throw new StepFailure(
      `Pull request #${dispatch.pullRequest} comes from the fork ${head}: its plan can only be applied from a branch of this repository`,
    );
  }
  await client.rest.actions.createWorkflowDispatch({
    ...repository,
    workflow_id: dispatch.workflow,
    ref: pull.head.ref,
    inputs: {
      'plan-run-id': String(dispatch.planRunId),
      'plan-digest': dispatch.planDigest,
      stack: dispatch.stack,
      'pr-number': String(dispatch.pullRequest),
    },
  });
  return { ref: pull.head.ref };
}
