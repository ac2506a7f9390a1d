import { validateMetrics, type Metrics } from '../contracts/metrics.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SUITE_VERSION } from '../core/version.js';
import type { GitHubClient } from '../github/octokit.js';
import { GitHubRefusal } from '../github/refusals.js';
import { computeMetrics } from './compute.js';
import type { Targets } from './figures.js';
import { readMetricsFacts } from './read.js';

/**
 * The delivery metrics of one environment: reads its history (./read.ts) and computes the figures
 * (./compute.ts). Loaded by the report with a dynamic import, only when `metrics` is true.
 */

export interface MetricsOptions {
  environment: string;
  windowDays: number;
  targets: Targets;
  driftLabels: readonly string[];
}

export interface MetricsDependencies {
  github: () => Promise<GitHubClient>;
  run: Pick<RunContext, 'owner' | 'repo'>;
  now: () => Date;
  logger: Logger;
}

export interface MetricsOutcome {
  /** Absent when the deployments could not be read: the report goes out without metrics. */
  metrics?: Metrics;
  /** Why there are none. */
  problem?: string;
  deploymentPages: number;
  /** Reading and computing, in ms. */
  ms: number;
}

export async function deliveryMetrics(
  options: MetricsOptions,
  deps: MetricsDependencies,
): Promise<MetricsOutcome> {
  const started = performance.now();
  const now = deps.now();
  const from = new Date(now.getTime() - options.windowDays * 86_400_000);
  try {
    const client = await deps.github();
    const facts = await readMetricsFacts(
      client,
      {
        owner: deps.run.owner,
        repo: deps.run.repo,
        environment: options.environment,
        from,
        driftLabels: options.driftLabels,
      },
      deps.logger,
    );
    const metrics = validateMetrics(
      computeMetrics({
        repository: `${deps.run.owner}/${deps.run.repo}`,
        environment: options.environment,
        now,
        windowDays: options.windowDays,
        deployments: facts.deployments,
        commitDates: facts.commitDates,
        runs: facts.runs,
        branch: facts.branch,
        driftIssues: facts.driftIssues,
        driftLabels: options.driftLabels,
        targets: options.targets,
        producer: { action: 'report', version: SUITE_VERSION },
        notes: facts.notes,
      }),
    );
    const ms = performance.now() - started;
    deps.logger.info(
      `Delivery metrics of ${options.environment}: ${metrics.deployments.total} deployments in ${options.windowDays} days, ${facts.deploymentPages} page(s) of deployments read, in ${ms.toFixed(0)} ms.`,
    );
    return { metrics, deploymentPages: facts.deploymentPages, ms };
  } catch (error) {
    const problem = `The delivery metrics are left out: ${errorMessage(error)}`;
    deps.logger.warning(problem);
    if (!(error instanceof GitHubRefusal) && error instanceof Error && error.stack)
      deps.logger.debug(error.stack);
    return { problem, deploymentPages: 0, ms: performance.now() - started };
  }
}
