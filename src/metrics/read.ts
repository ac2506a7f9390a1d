import pLimit from 'p-limit';
import { RELEASE_KIND, readRelease } from '../contracts/release.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { GitHubClient } from '../github/octokit.js';
import { GitHubRefusal } from '../github/refusals.js';
import { outcomeOf, type DeploymentFact, type IssueFact, type RunFact } from './compute.js';

/**
 * The GitHub reads of the delivery metrics, each through the suite's one client (retry, throttling,
 * refusals worded by ./github/refusals.ts). Deployments come newest first, so paging stops at the first
 * page that reaches past the window; runs are asked for with `created=>=` and issues with `since`, so
 * GitHub does the cutting. A refusal of the deployments is thrown (there are no metrics without them);
 * one of the runs, commits or issues leaves only their figures out, with a warning.
 */

export interface ReadOptions {
  owner: string;
  repo: string;
  environment: string;
  /** The window's start: created_at ≥ from counts. */
  from: Date;
  driftLabels: readonly string[];
  /** Page size of every list; GitHub's maximum is 100. */
  perPage?: number;
  /** Requests at once for the per-deployment and per-commit reads. */
  concurrency?: number;
}

export interface ReadFacts {
  deployments: DeploymentFact[];
  /** How many pages of deployments were requested. */
  deploymentPages: number;
  commitDates: Map<string, string>;
  runs?: RunFact[] | undefined;
  branch: string;
  driftIssues?: IssueFact[] | undefined;
  notes: string[];
}

/** `work` on every item, at most `limit` at once, the results in the items' order. */
function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const limited = pLimit(limit);
  return Promise.all(items.map((item) => limited(() => work(item))));
}

/** The release facts of a payload: whether it is a release record, and what it says when readable. */
export function releaseOfPayload(
  payload: unknown,
  environment: string,
): Pick<DeploymentFact, 'isRelease' | 'release'> {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return { isRelease: false };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { isRelease: false };
  const schema = (value as Record<string, unknown>).schema;
  if (typeof schema !== 'string' || !schema.startsWith(`${RELEASE_KIND}@`)) return { isRelease: false };
  try {
    const release = readRelease(value, { reader: 'report' });
    if (release.environment.toLowerCase() !== environment.toLowerCase()) return { isRelease: true };
    return {
      isRelease: true,
      release: {
        commit: release.commit,
        runId: release.runId,
        rollback: release.source?.kind === 'rollback',
        ...(release.replaces ? { replacesDeploymentId: release.replaces.deploymentId } : {}),
      },
    };
  } catch {
    // A record of another major version or a broken one: still the release step's deployment.
    return { isRelease: true };
  }
}

/** A refusal (401/403/404) is the user's to fix: said as a warning, and the part is left out. */
function leftOut(error: unknown, what: string, logger: Logger, notes: string[]): undefined {
  if (!(error instanceof GitHubRefusal)) throw error;
  const note = `${what} left out: ${errorMessage(error)}`;
  logger.warning(note);
  notes.push(note);
  return undefined;
}

export async function readMetricsFacts(
  client: GitHubClient,
  options: ReadOptions,
  logger: Logger,
): Promise<ReadFacts> {
  const repository = { owner: options.owner, repo: options.repo };
  const perPage = options.perPage ?? 100;
  const concurrency = options.concurrency ?? 8;
  const fromMs = options.from.getTime();
  const notes: string[] = [];

  let deploymentPages = 0;
  const listed = await client.paginate(
    client.rest.repos.listDeployments,
    { ...repository, environment: options.environment, per_page: perPage },
    (response, done) => {
      deploymentPages++;
      // Newest first: once a page reaches past the window, the next pages are older still.
      if (response.data.some((d) => Date.parse(d.created_at) < fromMs)) done();
      return response.data.filter((d) => Date.parse(d.created_at) >= fromMs);
    },
  );

  const facts = listed.map((d) => ({
    id: d.id,
    sha: d.sha,
    created_at: d.created_at,
    ...releaseOfPayload(d.payload, options.environment),
  }));
  const anyRelease = facts.some((d) => d.isRelease);
  const counted = facts.filter((d) => d.isRelease || !anyRelease);
  const deployments: DeploymentFact[] = await pool(counted, concurrency, async (d) => {
    const statuses = await client.paginate(client.rest.repos.listDeploymentStatuses, {
      ...repository,
      deployment_id: d.id,
      per_page: perPage,
    });
    return {
      ...d,
      statuses: statuses.map((s) => ({
        state: s.state,
        created_at: s.created_at,
        log_url: s.log_url ?? null,
      })),
    };
  });

  const commitDates = new Map<string, string>();
  // Only the lead time reads commit dates: of successful deployments that are not rollbacks.
  const shas = [
    ...new Set(
      deployments
        .filter((d) => !d.release?.rollback && outcomeOf(d).outcome === 'success')
        .map((d) => d.release?.commit ?? d.sha),
    ),
  ];
  try {
    await pool(shas, concurrency, async (sha) => {
      const { data } = await client.rest.repos.getCommit({ ...repository, ref: sha, per_page: 1 });
      const date = data.commit.committer?.date ?? data.commit.author?.date;
      if (date) commitDates.set(sha, date);
    });
  } catch (error) {
    leftOut(error, 'The lead time is', logger, notes);
    commitDates.clear();
  }

  let branch = '';
  let runs: RunFact[] | undefined;
  try {
    const { data: repo } = await client.rest.repos.get(repository);
    branch = repo.default_branch;
    const created = `>=${options.from.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
    const listedRuns = await client.paginate(client.rest.actions.listWorkflowRunsForRepo, {
      ...repository,
      branch,
      created,
      per_page: perPage,
      exclude_pull_requests: true,
    });
    runs = listedRuns.map((r) => ({
      id: r.id,
      workflowId: r.workflow_id,
      workflowName: r.name ?? r.path,
      status: r.status,
      conclusion: r.conclusion,
      createdAt: r.created_at,
      runStartedAt: r.run_started_at,
      updatedAt: r.updated_at,
    }));
  } catch (error) {
    runs = leftOut(error, 'The pipeline duration and success rate are', logger, notes);
  }

  let driftIssues: IssueFact[] | undefined;
  if (options.driftLabels.length > 0) {
    try {
      const issues = await client.paginate(client.rest.issues.listForRepo, {
        ...repository,
        // GitHub lists the issues that carry every one of these labels, as drift detection puts them all on.
        labels: options.driftLabels.join(','),
        state: 'all',
        since: options.from.toISOString(),
        per_page: perPage,
      });
      driftIssues = issues
        .filter((i) => !i.pull_request)
        .map((i) => ({ createdAt: i.created_at, closedAt: i.closed_at }));
    } catch (error) {
      driftIssues = leftOut(error, 'The drift issues are', logger, notes);
    }
  }

  return { deployments, deploymentPages, commitDates, runs, branch, driftIssues, notes };
}
