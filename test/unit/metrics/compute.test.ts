import { describe, expect, it } from '@jest/globals';
import { metricsSchema, type Metrics } from '../../../src/contracts/metrics.js';
import {
  computeMetrics,
  type DeploymentFact,
  type MetricsFacts,
  type RunFact,
} from '../../../src/metrics/compute.js';
import { DEFAULT_TARGETS, type FigureName } from '../../../src/metrics/figures.js';
import { mermaidChart, metricsMarkdown } from '../../../src/report/metrics.js';

/**
 * The figures on hand-made histories. Times are minutes after a fixed start, so every expected value
 * below can be read off the history by eye.
 */
const NOW = new Date('2026-12-03T12:00:00Z');
const DAY = 86_400_000;
/** `days` before NOW, plus `minutes`. */
const at = (days: number, minutes = 0) =>
  new Date(NOW.getTime() - days * DAY + minutes * 60_000).toISOString();

let nextId = 1;
function deployment(
  daysAgo: number,
  outcome: 'success' | 'failure' | 'in_progress',
  options: {
    minutes?: number;
    rollbackOf?: number;
    commit?: string;
    runId?: number;
    release?: boolean;
    retired?: boolean;
  } = {},
): DeploymentFact {
  const id = nextId++;
  const created = at(daysAgo, options.minutes ?? 0);
  const done = at(daysAgo, (options.minutes ?? 0) + 10);
  const statuses = [
    ...(options.retired
      ? [{ state: 'inactive', created_at: at(daysAgo, (options.minutes ?? 0) + 500) }]
      : []),
    ...(outcome === 'in_progress' ? [] : [{ state: outcome, created_at: done }]),
    { state: 'in_progress', created_at: created },
  ];
  return {
    id,
    sha: options.commit ?? `sha-${id}`,
    created_at: created,
    statuses,
    isRelease: options.release ?? true,
    ...((options.release ?? true)
      ? {
          release: {
            commit: options.commit ?? `sha-${id}`,
            runId: options.runId ?? 1000 + id,
            rollback: options.rollbackOf !== undefined,
            ...(options.rollbackOf !== undefined ? { replacesDeploymentId: options.rollbackOf } : {}),
          },
        }
      : {}),
  };
}

function facts(deployments: DeploymentFact[], more: Partial<MetricsFacts> = {}): MetricsFacts {
  return {
    repository: 'octo-org/infra',
    environment: 'production',
    now: NOW,
    windowDays: 30,
    deployments,
    commitDates: new Map(deployments.map((d) => [d.release?.commit ?? d.sha, at(0, -10_000)])),
    runs: [],
    branch: 'main',
    driftIssues: [],
    driftLabels: ['drift'],
    targets: DEFAULT_TARGETS,
    producer: { action: 'report', version: '0.1.0' },
    ...more,
  };
}

function figure(m: Metrics, name: FigureName) {
  const found = m.figures.find((f) => f.name === name);
  if (!found) throw new Error(`no figure ${name}`);
  return found;
}

const value = (m: Metrics, name: FigureName) => figure(m, name).value;

describe('delivery metrics', () => {
  it('of an empty history are no data, not zeros, and the summary says so', () => {
    const m = computeMetrics(facts([]));
    expect(metricsSchema.parse(m)).toEqual(m);
    expect(m.deployments.total).toBe(0);
    for (const name of [
      'deployments-per-day',
      'lead-time-median',
      'change-failure-rate',
      'time-to-restore-median',
    ] as const) {
      expect(figure(m, name)).toMatchObject({ value: null, status: 'no data' });
    }
    const md = metricsMarkdown({ metrics: m }).join('\n');
    expect(md).toContain('No deployments in the window (30 days).');
    expect(md).not.toContain('| figure |');
  });

  it('of one successful deployment', () => {
    const d = deployment(3, 'success', { commit: 'c1' });
    const m = computeMetrics(facts([d], { commitDates: new Map([['c1', at(3, -50)]]) }));
    expect(m.deployments).toMatchObject({ total: 1, succeeded: 1, failed: 0, rolledBack: 0 });
    expect(value(m, 'deployments-per-day')).toBeCloseTo(1 / 30);
    expect(value(m, 'deployments-per-week')).toBeCloseTo(7 / 30);
    // Committed 50 minutes before the deployment started, which succeeded 10 minutes in.
    expect(value(m, 'lead-time-median')).toBe(60 * 60);
    expect(value(m, 'lead-time-p90')).toBe(60 * 60);
    expect(value(m, 'change-failure-rate')).toBe(0);
    expect(figure(m, 'time-to-restore-median')).toMatchObject({ value: null, status: 'no data' });
  });

  it('when all failed: a rate of 100 %, no lead time, and a restore that never happened', () => {
    const m = computeMetrics(
      facts([deployment(5, 'failure'), deployment(4, 'failure'), deployment(2, 'failure')]),
    );
    expect(value(m, 'change-failure-rate')).toBe(100);
    expect(value(m, 'deployments-per-day')).toBe(0);
    expect(value(m, 'lead-time-median')).toBeNull();
    expect(m.restores).toEqual({ restored: 0, open: 1, openSince: at(5, 10) });
    expect(value(m, 'time-to-restore-worst')).toBeNull();
    expect(metricsMarkdown({ metrics: m }).join('\n')).toContain(`not restored since ${at(5, 10)}`);
  });

  it('time an incident from its first failure to the next success, and mark it against 15 min', () => {
    const history = [
      deployment(10, 'success'),
      deployment(9, 'failure'), // failed at +10 min
      deployment(9, 'failure', { minutes: 5 }), // same incident
      deployment(9, 'success', { minutes: 20 }), // restored at +30 min: 20 min
      deployment(7, 'failure'), // +10
      deployment(7, 'success', { minutes: 5 }), // +15: 5 min
      deployment(6, 'failure'), // +10
      deployment(6, 'success', { minutes: 10 }), // +20: 10 min
    ];
    const m = computeMetrics(facts(history));
    expect(m.restores).toEqual({ restored: 3, open: 0 });
    expect(figure(m, 'time-to-restore-median')).toEqual(
      expect.objectContaining({ value: 600, target: { op: '<', value: 900 }, status: 'met' }),
    );
    expect(value(m, 'time-to-restore-worst')).toBe(1200);
    expect(value(m, 'change-failure-rate')).toBeCloseTo((4 / 8) * 100);
  });

  it('count a rolled-back success as a failure, and leave the rollback out of the lead time', () => {
    const bad = deployment(8, 'success', { commit: 'new' });
    const rollback = deployment(8, 'success', { minutes: 60, rollbackOf: bad.id, commit: 'old' });
    const m = computeMetrics(
      facts([deployment(9, 'success', { commit: 'old' }), bad, rollback], {
        commitDates: new Map([
          ['old', at(9, -30)],
          ['new', at(8, -20)],
        ]),
      }),
    );
    expect(m.deployments).toMatchObject({ total: 3, succeeded: 3, failed: 0, rolledBack: 1 });
    expect(value(m, 'change-failure-rate')).toBeCloseTo(100 / 3);
    // 40 min and 30 min; the rollback's old commit would have been a day and more.
    expect(value(m, 'lead-time-median')).toBe(30 * 60);
    expect(value(m, 'lead-time-p90')).toBe(40 * 60);
    expect(m.weeks.at(-2)).toMatchObject({ deployments: 3, failures: 1 });
  });

  it("take a deployment's latest status other than inactive as its outcome, and leave in-progress ones out of the rates", () => {
    const m = computeMetrics(
      facts([deployment(4, 'success', { retired: true }), deployment(1, 'in_progress')]),
    );
    expect(m.deployments).toMatchObject({ total: 2, succeeded: 1, inProgress: 1 });
    expect(value(m, 'change-failure-rate')).toBe(0);
  });

  it('count from the first instant of the window, inclusive, and nothing older', () => {
    const m = computeMetrics(facts([deployment(30, 'success'), deployment(30, 'success', { minutes: -1 })]));
    expect(m.deployments.total).toBe(1);
    expect(m.window).toEqual({ days: 30, from: at(30), to: NOW.toISOString() });
  });

  it('count every deployment when the window has no release record, and only releases when it has', () => {
    const plain = [
      deployment(3, 'success', { release: false }),
      deployment(2, 'failure', { release: false }),
    ];
    expect(computeMetrics(facts(plain))).toMatchObject({
      counted: 'all-deployments',
      deployments: { total: 2 },
    });
    const mixed = computeMetrics(facts([...plain, deployment(1, 'success')]));
    expect(mixed).toMatchObject({ counted: 'releases', deployments: { listed: 3, total: 1 } });
  });

  it("time the deploying workflow's completed runs, leaving out cancelled, skipped and other workflows", () => {
    const d1 = deployment(3, 'success', { runId: 1 });
    const run = (
      id: number,
      workflowId: number,
      minutes: number,
      conclusion: string,
      daysAgo = 2,
    ): RunFact => ({
      id,
      workflowId,
      workflowName: workflowId === 7 ? 'deploy' : 'lint',
      status: 'completed',
      conclusion,
      createdAt: at(daysAgo),
      runStartedAt: at(daysAgo),
      updatedAt: at(daysAgo, minutes),
    });
    const runs = [
      run(1, 7, 20, 'success'),
      run(2, 7, 40, 'failure'),
      run(3, 7, 10, 'success'),
      run(4, 7, 25, 'success'),
      run(5, 7, 99, 'cancelled'),
      run(6, 7, 0, 'skipped'),
      run(8, 9, 300, 'failure'),
      { ...run(10, 7, 5, 'success'), status: 'in_progress', conclusion: null },
    ];
    const m = computeMetrics(facts([d1], { runs }));
    expect(m.pipeline).toEqual({ workflows: ['deploy'], runs: 4, succeeded: 3, branch: 'main' });
    // 10, 20, 25, 40 minutes: nearest-rank median is the 2nd, p90 the 4th.
    expect(figure(m, 'pipeline-duration-median')).toMatchObject({ value: 1200, status: 'met' });
    expect(figure(m, 'pipeline-duration-p90')).toMatchObject({ value: 2400, status: 'no target' });
    expect(figure(m, 'pipeline-success-rate')).toMatchObject({ value: 75, status: 'missed' });
  });

  it('say when the runs or drift issues were not read, and leave only their figures out', () => {
    const m = computeMetrics(
      facts([deployment(3, 'success')], {
        runs: undefined,
        driftIssues: undefined,
        notes: ['The runs are left out: refused.'],
      }),
    );
    expect(figure(m, 'pipeline-success-rate').status).toBe('no data');
    expect(figure(m, 'drift-issues-opened').status).toBe('no data');
    expect(m.notes).toEqual(['The runs are left out: refused.']);
  });

  it('count drift issues opened and closed in the window', () => {
    const m = computeMetrics(
      facts([deployment(3, 'success')], {
        driftIssues: [
          { createdAt: at(40), closedAt: at(20) },
          { createdAt: at(10), closedAt: null },
          { createdAt: at(5), closedAt: at(4) },
        ],
        targets: { 'drift-issues-opened': { op: '<=', value: 1 } },
      }),
    );
    expect(figure(m, 'drift-issues-opened')).toMatchObject({ value: 2, status: 'missed' });
    expect(figure(m, 'drift-issues-closed')).toMatchObject({ value: 2, status: 'no target' });
  });

  it('chart the weeks of the window, oldest first, as Mermaid reads them', () => {
    const m = computeMetrics(
      facts([deployment(1, 'success'), deployment(2, 'failure'), deployment(15, 'success')]),
    );
    expect(m.weeks).toHaveLength(5);
    expect(m.weeks[0]?.from).toBe(at(30));
    expect(m.weeks.map((w) => [w.deployments, w.failures])).toEqual([
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 0],
      [2, 1],
    ]);
    expect(mermaidChart(m.weeks)).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Deployments (bars) and failures (line) per week"',
        '  x-axis ["2026-11-03", "2026-11-05", "2026-11-12", "2026-11-19", "2026-11-26"]',
        '  y-axis "Deployments" 0 --> 2',
        '  bar [0, 0, 1, 0, 2]',
        '  line [0, 0, 0, 0, 1]',
        '```',
      ].join('\n'),
    );
  });

  it('keep ties in order: two deployments of one second, by id', () => {
    const a = deployment(2, 'failure');
    const b = deployment(2, 'success');
    b.created_at = a.created_at;
    b.statuses = [{ state: 'success', created_at: at(2, 10) }];
    const m = computeMetrics(facts([b, a]));
    expect(m.restores.restored).toBe(1);
    expect(value(m, 'time-to-restore-median')).toBe(0);
  });
});
