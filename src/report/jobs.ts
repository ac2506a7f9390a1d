import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import type { GitHubClient } from '../github/octokit.js';
import type { RunJob } from './model.js';

/**
 * The jobs of this run attempt, as the API lists them: the only place where a stage that failed before
 * it uploaded anything shows. Reading them is best effort: without them the report is built from the
 * artifacts alone, and says so.
 */
export async function readRunJobs(
  github: () => Promise<GitHubClient>,
  run: RunContext,
  logger: Logger,
): Promise<{ jobs: RunJob[]; note?: string }> {
  try {
    const client = await github();
    const jobs = await client.paginate(client.rest.actions.listJobsForWorkflowRunAttempt, {
      owner: run.owner,
      repo: run.repo,
      run_id: run.runId,
      attempt_number: run.runAttempt,
      per_page: 100,
    });
    return {
      jobs: jobs.map((job) => ({
        name: job.name,
        status: job.status,
        conclusion: job.conclusion,
        ...(job.started_at ? { startedAt: job.started_at } : {}),
        ...(job.completed_at ? { completedAt: job.completed_at } : {}),
        ...(job.html_url ? { url: job.html_url } : {}),
      })),
    };
  } catch (error) {
    const note = `The run's jobs could not be read (${errorMessage(error)}): stages are reported from their artifacts alone.`;
    logger.warning(note);
    return { jobs: [], note };
  }
}
