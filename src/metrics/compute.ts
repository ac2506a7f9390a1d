import type { Metrics, MetricsFigure, MetricsWeek } from '../contracts/metrics.js';
import { latestStatus } from '../releases/history.js';
import { FIGURE_NAMES, FIGURES, meets, type FigureName, type Targets } from './figures.js';
import { maximum, median, percentage, percentile } from './stats.js';

/**
 * The delivery figures of one environment, from what its history holds, without any I/O: the GitHub
 * reads (./read.ts) hand this the facts. The rules, each in one place:
 *
 * - The window is inclusive: a deployment counts when created_at ≥ now − days.
 * - Counted: the release step's deployments (a payload with an `iac/release@1` record); every deployment
 *   when the window has none of those (tf-apply's per-stack deployments are passed over otherwise: they
 *   would count each release once per stack).
 * - A deployment's outcome is its latest status other than `inactive` (a later success retires earlier
 *   ones): success; failure or error; anything else is still in progress and counts in no rate.
 * - Rolled back: a successful deployment that a later rollback release names as the one it replaces.
 * - Change failure rate = (failed or rolled back) / finished (succeeded + failed).
 * - Lead time: from the commit's committer date to the success status, for every successful deployment
 *   that is not a rollback (a rollback deploys an old commit again: not a change).
 * - Time to restore: an incident opens at the first failure after a success (or the window's start) and
 *   closes at the next success; a failure while one is open is part of it. One still open at the end is
 *   counted apart (`restores.open`), not as a time.
 * - Pipeline: completed runs of the deploying workflows (those whose runs made counted deployments) on the
 *   default branch, created in the window, cancelled and skipped runs left out; duration from
 *   run_started_at to updated_at; success rate = success / those runs.
 * - Percentiles by nearest rank (./stats.ts).
 */

export interface StatusFact {
  state: string;
  created_at: string;
  log_url?: string | null | undefined;
}

export interface DeploymentFact {
  id: number;
  sha: string;
  created_at: string;
  statuses: readonly StatusFact[];
  /** The payload is an `iac/release@…` record. */
  isRelease: boolean;
  /** What the record says, when it could be read. */
  release?:
    | {
        commit: string;
        runId: number;
        rollback: boolean;
        replacesDeploymentId?: number | undefined;
      }
    | undefined;
}

export interface RunFact {
  id: number;
  workflowId: number;
  workflowName: string;
  status: string | null;
  conclusion: string | null;
  createdAt: string;
  runStartedAt?: string | undefined;
  updatedAt: string;
}

export interface IssueFact {
  createdAt: string;
  closedAt: string | null;
}

export interface MetricsFacts {
  repository: string;
  environment: string;
  now: Date;
  windowDays: number;
  /** The environment's deployments, at least every one in the window (older ones are ignored). */
  deployments: readonly DeploymentFact[];
  /** Commit SHA → its committer date. */
  commitDates: ReadonlyMap<string, string>;
  /** The repository's runs on `branch` in the window; undefined when they could not be read. */
  runs?: readonly RunFact[] | undefined;
  branch: string;
  /** Issues with the drift labels updated in the window; undefined when they could not be read. */
  driftIssues?: readonly IssueFact[] | undefined;
  driftLabels: readonly string[];
  targets: Targets;
  producer: { action: string; version: string };
  /** Said already by the reads (what could not be read). */
  notes?: readonly string[];
}

const DAY_MS = 86_400_000;
const RUN_IN_URL = /\/actions\/runs\/(\d+)(?:\/|$)/;

type Outcome = 'success' | 'failure' | 'in progress';

interface Counted {
  fact: DeploymentFact;
  createdMs: number;
  outcome: Outcome;
  /** When the outcome's status was set. */
  outcomeMs: number | undefined;
}

/** A deployment's outcome: its latest status other than inactive, and when that status was set. */
export function outcomeOf(fact: Pick<DeploymentFact, 'statuses'>): {
  outcome: Outcome;
  at: number | undefined;
} {
  const latest = latestStatus(fact.statuses.filter((s) => s.state !== 'inactive'));
  const at = latest ? Date.parse(latest.created_at) : undefined;
  if (latest?.state === 'success') return { outcome: 'success', at };
  if (latest?.state === 'failure' || latest?.state === 'error') return { outcome: 'failure', at };
  return { outcome: 'in progress', at };
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}

export function computeMetrics(facts: MetricsFacts): Metrics {
  const toMs = facts.now.getTime();
  const fromMs = toMs - facts.windowDays * DAY_MS;
  const notes = [...(facts.notes ?? [])];

  const inWindow = facts.deployments.filter((d) => Date.parse(d.created_at) >= fromMs);
  const releases = inWindow.filter((d) => d.isRelease);
  const countedKind = releases.length > 0 ? 'releases' : 'all-deployments';
  const chosen = releases.length > 0 ? releases : inWindow;
  // Oldest first; deployments made in the same second in the order of their ids.
  const counted: Counted[] = chosen
    .map((fact) => {
      const { outcome, at } = outcomeOf(fact);
      return { fact, createdMs: Date.parse(fact.created_at), outcome, outcomeMs: at };
    })
    .sort((a, b) => a.createdMs - b.createdMs || a.fact.id - b.fact.id);

  const rolledBackIds = new Set(
    counted.flatMap((c) =>
      c.fact.release?.rollback && c.fact.release.replacesDeploymentId !== undefined
        ? [c.fact.release.replacesDeploymentId]
        : [],
    ),
  );
  const succeeded = counted.filter((c) => c.outcome === 'success');
  const failed = counted.filter((c) => c.outcome === 'failure');
  const rolledBack = succeeded.filter((c) => rolledBackIds.has(c.fact.id));
  const finished = succeeded.length + failed.length;
  const isFailure = (c: Counted) => c.outcome === 'failure' || rolledBackIds.has(c.fact.id);

  // Lead time.
  const leadTimes: number[] = [];
  let noCommitDate = 0;
  for (const c of succeeded) {
    if (c.fact.release?.rollback || c.outcomeMs === undefined) continue;
    const commit = c.fact.release?.commit ?? c.fact.sha;
    const committed = facts.commitDates.get(commit);
    if (!committed) {
      noCommitDate++;
      continue;
    }
    leadTimes.push(seconds(c.outcomeMs - Date.parse(committed)));
  }
  if (noCommitDate > 0) {
    notes.push(
      `${noCommitDate} successful deployment(s) left out of the lead time: their commit date was not read.`,
    );
  }

  // Time to restore.
  const restores: number[] = [];
  let openSince: number | undefined;
  for (const c of counted) {
    if (c.outcomeMs === undefined) continue;
    if (c.outcome === 'failure') openSince ??= c.outcomeMs;
    else if (c.outcome === 'success' && openSince !== undefined) {
      restores.push(seconds(c.outcomeMs - openSince));
      openSince = undefined;
    }
  }

  // Pipeline.
  const deployingRuns = new Set<number>();
  for (const c of counted) {
    if (c.fact.release) deployingRuns.add(c.fact.release.runId);
    for (const s of c.fact.statuses) {
      const id = RUN_IN_URL.exec(s.log_url ?? '')?.[1];
      if (id) deployingRuns.add(Number(id));
    }
  }
  let pipelineRuns: RunFact[] = [];
  const workflows = new Map<number, string>();
  if (facts.runs) {
    for (const r of facts.runs) if (deployingRuns.has(r.id)) workflows.set(r.workflowId, r.workflowName);
    pipelineRuns = facts.runs.filter(
      (r) =>
        workflows.has(r.workflowId) &&
        Date.parse(r.createdAt) >= fromMs &&
        r.status === 'completed' &&
        r.conclusion !== 'cancelled' &&
        r.conclusion !== 'skipped',
    );
    if (workflows.size === 0 && counted.length > 0) {
      notes.push(
        `None of the ${facts.runs.length} runs on ${facts.branch} in the window made a counted deployment: no pipeline figures.`,
      );
    }
  }
  const durations = pipelineRuns.flatMap((r) =>
    r.runStartedAt ? [seconds(Date.parse(r.updatedAt) - Date.parse(r.runStartedAt))] : [],
  );
  const runsSucceeded = pipelineRuns.filter((r) => r.conclusion === 'success').length;

  // Drift.
  const opened = facts.driftIssues?.filter((i) => Date.parse(i.createdAt) >= fromMs).length;
  const closed = facts.driftIssues?.filter((i) => i.closedAt && Date.parse(i.closedAt) >= fromMs).length;

  const perDay = counted.length > 0 ? succeeded.length / facts.windowDays : undefined;
  const values: Record<FigureName, number | undefined> = {
    'deployments-per-day': perDay,
    'deployments-per-week': perDay === undefined ? undefined : perDay * 7,
    'lead-time-median': median(leadTimes),
    'lead-time-p90': percentile(leadTimes, 90),
    'change-failure-rate': percentage(
      counted.filter((c) => c.outcome !== 'in progress' && isFailure(c)).length,
      finished,
    ),
    'time-to-restore-median': median(restores),
    'time-to-restore-worst': maximum(restores),
    'pipeline-duration-median': median(durations),
    'pipeline-duration-p90': percentile(durations, 90),
    'pipeline-success-rate': percentage(runsSucceeded, pipelineRuns.length),
    'drift-issues-opened': opened,
    'drift-issues-closed': closed,
  };
  const figures: MetricsFigure[] = FIGURE_NAMES.map((name) => {
    const value = values[name];
    const target = facts.targets[name];
    const status =
      value === undefined ? 'no data' : !target ? 'no target' : meets(value, target) ? 'met' : 'missed';
    return {
      name,
      label: FIGURES[name].label,
      unit: FIGURES[name].unit,
      value: value ?? null,
      ...(target ? { target: { ...target } } : {}),
      status,
    };
  });

  return {
    schema: 'iac/metrics@1',
    producer: facts.producer,
    repository: facts.repository,
    environment: facts.environment,
    generatedAt: facts.now.toISOString(),
    window: {
      days: facts.windowDays,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
    },
    counted: countedKind,
    deployments: {
      listed: inWindow.length,
      total: counted.length,
      succeeded: succeeded.length,
      failed: failed.length,
      rolledBack: rolledBack.length,
      inProgress: counted.length - finished,
    },
    restores: {
      restored: restores.length,
      open: openSince === undefined ? 0 : 1,
      ...(openSince === undefined ? {} : { openSince: new Date(openSince).toISOString() }),
    },
    pipeline: {
      workflows: [...new Set(workflows.values())].sort(),
      runs: pipelineRuns.length,
      succeeded: runsSucceeded,
      branch: facts.branch,
    },
    drift: { labels: [...facts.driftLabels], opened: opened ?? 0, closed: closed ?? 0 },
    figures,
    weeks: weeksOf(counted, isFailure, fromMs, toMs),
    notes,
  };
}

/**
 * Weeks counted back from the window's end, the oldest cut at its start: the deployments that finished
 * (succeeded or failed) and the failures (failed or rolled back) created in each.
 */
function weeksOf(
  counted: readonly Counted[],
  isFailure: (c: Counted) => boolean,
  fromMs: number,
  toMs: number,
): MetricsWeek[] {
  const weeks: MetricsWeek[] = [];
  for (let end = toMs; end > fromMs; end -= 7 * DAY_MS) {
    const start = Math.max(fromMs, end - 7 * DAY_MS);
    // The window is inclusive at its start; every week's end is exclusive but the last one's.
    const inWeek = counted.filter(
      (c) =>
        c.outcome !== 'in progress' &&
        c.createdMs >= start &&
        (end === toMs ? c.createdMs <= end : c.createdMs < end),
    );
    weeks.unshift({
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      deployments: inWeek.length,
      failures: inWeek.filter(isFailure).length,
    });
  }
  return weeks;
}
