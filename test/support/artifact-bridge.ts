import type { ArtifactInfo, ArtifactSource, JobSource } from './github-api.js';
import type { ResultsService } from './results-service.js';
import type { WorkflowRun } from './runner/runner.js';

/**
 * Lets the GitHub API stand-in serve the artifacts the results service holds, as GitHub serves a run's
 * artifacts over REST (`GET .../runs/{run_id}/artifacts`, `.../artifacts/{id}/zip`): the way a job
 * downloads the artifact of another workflow run. Runs are found by their numeric id.
 */
export function artifactsOfRuns(results: ResultsService, runs: () => readonly WorkflowRun[]): ArtifactSource {
  const info = (runId: number, artifact: ReturnType<ResultsService['artifacts']>[number]): ArtifactInfo => ({
    id: artifact.id,
    name: artifact.name,
    runId,
    size: artifact.size,
    ...(artifact.digest ? { digest: artifact.digest } : {}),
  });
  const all = () =>
    runs().flatMap((run) =>
      results
        .artifacts(run.runBackendId)
        .filter((artifact) => artifact.finalized)
        .map((artifact) => info(run.runId, artifact)),
    );
  return {
    list: async (runId) => all().filter((artifact) => artifact.runId === runId),
    get: async (artifactId) => all().find((artifact) => artifact.id === artifactId),
    zip: async (artifactId) =>
      all().some((a) => a.id === artifactId) ? results.artifactBytes(artifactId) : undefined,
  };
}

/**
 * Lets the GitHub API stand-in list the jobs of the harness's runs (`.../runs/{run_id}/attempts/{n}/jobs`): a
 * job is in progress until `complete()` ran, then a success or a failure as its steps were.
 */
export function jobsOfRuns(runs: () => readonly WorkflowRun[]): JobSource {
  return {
    list: async (runId) =>
      runs()
        .filter((run) => run.runId === runId)
        .flatMap((run) =>
          run.allJobs.map((job, index) => ({
            id: runId * 100 + index + 1,
            runId,
            name: job.name,
            status: job.completedAt ? ('completed' as const) : ('in_progress' as const),
            conclusion: job.completedAt
              ? job.succeeded
                ? ('success' as const)
                : ('failure' as const)
              : null,
            startedAt: job.startedAt.toISOString(),
            ...(job.completedAt ? { completedAt: job.completedAt.toISOString() } : {}),
          })),
        ),
  };
}
