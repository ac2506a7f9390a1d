import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { withReportPage } from '../support/report-page.js';
import { metricsSchema, type Metrics } from '../../src/contracts/metrics.js';
import { validateRelease } from '../../src/contracts/release.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type StepResult } from '../support/runner/runner.js';

/**
 * The report action's delivery metrics, run as the bundle through the runner harness against the GitHub
 * stand-in, over a history seeded there: 60 releases over 45 days (each with the three per-stack
 * deployments tf-apply makes beside it, so the environment lists 240 deployments in three pages), with
 * failures, rollbacks and restores; the 30-day window cuts the oldest off. Every figure is computed here
 * again from the seed, plainly, and compared; report.html's chart is opened in Debian's Chromium and its
 * bars measured in the screenshot.
 */
let results: ResultsService;
let api: GitHubApi;
const runs: WorkflowRun[] = [];

const DAY = 86_400_000;
const MIN = 60_000;
const SERVER = 'https://github.com';
const DEPLOY = '.github/workflows/deploy.yml';
const ROLLBACK = '.github/workflows/rollback.yml';

/** GitHub's timestamps: whole seconds. */
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const hex = (text: string, length = 40) => createHash('sha256').update(text).digest('hex').slice(0, length);

interface SeededRelease {
  id: number;
  createdMs: number;
  outcome: 'success' | 'failure';
  outcomeMs: number;
  rollback: boolean;
  rolledBack: boolean;
  commit: string;
  committedMs: number;
  runId: number;
}

interface Seed {
  now: number;
  releases: SeededRelease[];
  incidents: Array<{ failedMs: number; restoredMs: number }>;
  runs: Array<{
    path: string;
    branch: string;
    createdMs: number;
    startedMs: number;
    endMs: number;
    status: string;
    conclusion: string | null;
  }>;
  issues: Array<{ labels: string[]; createdMs: number; closedMs?: number }>;
}

function release(fields: {
  commit: string;
  runId: number;
  createdMs: number;
  outcome: 'success' | 'failure';
  rollbackOf?: SeededRelease;
  target?: SeededRelease;
}) {
  return validateRelease({
    schema: 'iac/release@1',
    producer: { action: 'release', version: '0.1.0' },
    environment: 'production',
    commit: fields.commit,
    ref: 'refs/heads/main',
    runId: fields.runId,
    runAttempt: 1,
    createdAt: iso(fields.createdMs),
    stacks: [
      {
        stack: 'vms',
        planDigest: `sha256:${hex(`plan:${fields.runId}`, 64)}`,
        workingDirectory: 'infra',
        workspace: 'default',
        varFiles: [],
      },
    ],
    outcome: fields.outcome,
    ...(fields.outcome === 'failure' ? { failure: 'Smoke tests failed for stack vms.' } : {}),
    ...(fields.rollbackOf && fields.target
      ? {
          source: {
            kind: 'rollback',
            scope: 'release',
            environment: 'production',
            deploymentId: fields.target.id,
            runId: fields.target.runId,
            runAttempt: 1,
            commit: fields.target.commit,
            createdAt: iso(fields.target.createdMs),
          },
          replaces: {
            deploymentId: fields.rollbackOf.id,
            runId: fields.rollbackOf.runId,
            state: fields.rollbackOf.outcome,
          },
        }
      : {}),
  });
}

/**
 * The history, 5 cycles of 9 days, each of 12 releases: success, success, failure, its rollback minutes
 * later, success, success that is then rolled back, success, failure, another failure, a forward fix,
 * success. Each release has three per-stack deployments (tf-apply's) just before it, and its run.
 */
function seedHistory(stand: GitHubApi, now: number): Seed {
  const seed: Seed = { now, releases: [], incidents: [], runs: [], issues: [] };
  const start = now - 45 * DAY + 2 * 3600_000;
  let runId = 50_000;
  let lastSuccess: SeededRelease | undefined;
  const successes: SeededRelease[] = [];
  let openFailure: number | undefined;
  for (let cycle = 0; cycle < 5; cycle++) {
    const base = start + cycle * 9 * DAY;
    const plan: Array<{ at: number; kind: 'success' | 'failure' | 'rollback' | 'rolled-back' }> = [
      { at: 0, kind: 'success' },
      { at: 1.1 * DAY, kind: 'success' },
      { at: 2.2 * DAY, kind: 'failure' },
      { at: 2.2 * DAY + 25 * MIN, kind: 'rollback' },
      { at: 3.3 * DAY, kind: 'success' },
      { at: 4.4 * DAY, kind: 'rolled-back' },
      { at: 4.4 * DAY + 40 * MIN, kind: 'rollback' },
      { at: 5.5 * DAY, kind: 'success' },
      { at: 6.6 * DAY, kind: 'failure' },
      { at: 6.6 * DAY + 30 * MIN, kind: 'failure' },
      { at: 6.6 * DAY + 75 * MIN, kind: 'success' },
      { at: 7.7 * DAY, kind: 'success' },
    ];
    let previous: SeededRelease | undefined;
    for (const [index, step] of plan.entries()) {
      const createdMs = base + step.at;
      const duration = (8 + ((cycle * 12 + index) % 5) * 3) * MIN;
      const outcome = step.kind === 'failure' ? 'failure' : 'success';
      const rollback = step.kind === 'rollback';
      runId += 1;
      // A rollback goes to the newest success before the release it replaces, and deploys its commit again.
      const target = rollback ? successes.filter((r) => r !== previous).at(-1) : undefined;
      const commit = target ? target.commit : hex(`commit:${cycle}:${index}`);
      const committedMs = createdMs - (30 + ((cycle * 12 + index) % 7) * 45) * MIN;
      if (!rollback)
        stand.addCommit({ sha: commit, date: iso(committedMs), message: `change ${cycle}.${index}` });
      const logUrl = `${SERVER}/octo-org/infra/actions/runs/${runId}`;
      // tf-apply's deployment of each stack, made in the same run before the release is recorded.
      for (const [s, stack] of ['network', 'vms', 'dns'].entries()) {
        stand.seedDeployment({
          environment: 'production',
          sha: commit,
          payload: { stack, planDigest: `sha256:${hex(`${runId}:${stack}`, 64)}` },
          createdAt: iso(createdMs - (30 - s * 5) * MIN),
          statuses: [
            { state: 'in_progress', at: iso(createdMs - (30 - s * 5) * MIN), logUrl },
            {
              state: outcome === 'failure' && s === 2 ? 'failure' : 'success',
              at: iso(createdMs - (28 - s * 5) * MIN),
              logUrl,
            },
          ],
        });
      }
      const record = release({
        commit,
        runId,
        createdMs,
        outcome,
        ...(rollback && previous && target ? { rollbackOf: previous, target } : {}),
      });
      const deployment = stand.seedDeployment({
        environment: 'production',
        sha: commit,
        payload: record,
        createdAt: iso(createdMs),
        statuses: [
          { state: 'in_progress', at: iso(createdMs), logUrl },
          { state: outcome, at: iso(createdMs + duration), logUrl },
        ],
      });
      const seeded: SeededRelease = {
        id: deployment.id,
        createdMs: Date.parse(iso(createdMs)),
        outcome,
        outcomeMs: Date.parse(iso(createdMs + duration)),
        rollback,
        rolledBack: false,
        commit,
        committedMs: Date.parse(iso(committedMs)),
        runId,
      };
      if (rollback && previous?.outcome === 'success') previous.rolledBack = true;
      seed.releases.push(seeded);
      // GitHub's auto_inactive: this success retires the success before it.
      if (outcome === 'success' && lastSuccess) {
        stand.seedDeploymentStatus(lastSuccess.id, { state: 'inactive', at: iso(createdMs + duration) });
      }
      if (outcome === 'failure') openFailure ??= seeded.outcomeMs;
      else if (openFailure !== undefined) {
        seed.incidents.push({ failedMs: openFailure, restoredMs: seeded.outcomeMs });
        openFailure = undefined;
      }
      if (outcome === 'success') {
        lastSuccess = seeded;
        successes.push(seeded);
      }
      previous = seeded;

      const run = {
        path: rollback ? ROLLBACK : DEPLOY,
        branch: 'main',
        createdMs: Date.parse(iso(createdMs - 40 * MIN)),
        startedMs: Date.parse(iso(createdMs - 39 * MIN)),
        endMs: Date.parse(iso(createdMs + duration + 2 * MIN)),
        status: 'completed',
        conclusion: outcome,
      };
      seed.runs.push(run);
      stand.addWorkflowRun({
        id: runId,
        path: run.path,
        headBranch: run.branch,
        createdAt: iso(run.createdMs),
        runStartedAt: iso(run.startedMs),
        updatedAt: iso(run.endMs),
        conclusion: outcome,
      });
    }
  }
  // Runs that count or not: a deploy run that failed before any release, cancelled and skipped ones, one
  // still running, CI runs, a deploy run on another branch.
  const extra = [
    { path: DEPLOY, branch: 'main', days: 3, minutes: 12, status: 'completed', conclusion: 'failure' },
    { path: DEPLOY, branch: 'main', days: 4, minutes: 2, status: 'completed', conclusion: 'cancelled' },
    { path: DEPLOY, branch: 'main', days: 5, minutes: 0, status: 'completed', conclusion: 'skipped' },
    { path: DEPLOY, branch: 'main', days: 0.01, minutes: 0, status: 'in_progress', conclusion: null },
    {
      path: '.github/workflows/ci.yml',
      branch: 'main',
      days: 6,
      minutes: 3,
      status: 'completed',
      conclusion: 'success',
    },
    {
      path: '.github/workflows/ci.yml',
      branch: 'main',
      days: 7,
      minutes: 4,
      status: 'completed',
      conclusion: 'failure',
    },
    { path: DEPLOY, branch: 'feature', days: 8, minutes: 90, status: 'completed', conclusion: 'failure' },
    { path: DEPLOY, branch: 'main', days: 33, minutes: 5, status: 'completed', conclusion: 'failure' },
  ] as const;
  for (const e of extra) {
    const createdMs = Date.parse(iso(now - e.days * DAY));
    const run = {
      path: e.path,
      branch: e.branch,
      createdMs,
      startedMs: createdMs,
      endMs: createdMs + e.minutes * MIN,
      status: e.status,
      conclusion: e.conclusion,
    };
    seed.runs.push(run);
    stand.addWorkflowRun({
      path: e.path,
      headBranch: e.branch,
      createdAt: iso(createdMs),
      runStartedAt: iso(createdMs),
      updatedAt: iso(run.endMs),
      status: e.status,
      conclusion: e.conclusion,
    });
  }
  const issues = [
    { labels: ['drift'], createdMs: now - 40 * DAY, closedMs: now - 20 * DAY },
    { labels: ['drift'], createdMs: now - 10 * DAY },
    { labels: ['drift', 'infra'], createdMs: now - 5 * DAY, closedMs: now - 3 * DAY },
    { labels: ['drift'], createdMs: now - 50 * DAY, closedMs: now - 40 * DAY },
    { labels: ['bug'], createdMs: now - 2 * DAY },
  ];
  for (const [n, issue] of issues.entries()) {
    seed.issues.push(issue);
    stand.addIssue({
      title: `Drift detected in stack s${n}`,
      author: 'github-actions[bot]',
      labels: issue.labels,
      createdAt: iso(issue.createdMs),
      ...(issue.closedMs ? { closedAt: iso(issue.closedMs) } : {}),
    });
  }
  return seed;
}

/** The nearest-rank percentile, written out again: the value at rank ⌈p·n⌉ of the sorted values. */
function rank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(p * sorted.length) - 1] ?? null;
}

/** What every figure must be, from the seed alone. */
function expected(seed: Seed, fromMs: number, toMs: number) {
  const counted = seed.releases.filter((r) => r.createdMs >= fromMs);
  const succeeded = counted.filter((r) => r.outcome === 'success');
  const failed = counted.filter((r) => r.outcome === 'failure');
  const rolledBack = counted.filter((r) => r.rolledBack);
  const leads = succeeded
    .filter((r) => !r.rollback)
    .map((r) => Math.round((r.outcomeMs - r.committedMs) / 1000));
  const restores = seed.incidents
    .filter((i) => i.failedMs >= fromMs)
    .map((i) => Math.round((i.restoredMs - i.failedMs) / 1000));
  const pipeline = seed.runs.filter(
    (r) =>
      (r.path === DEPLOY || r.path === ROLLBACK) &&
      r.branch === 'main' &&
      r.createdMs >= fromMs &&
      r.status === 'completed' &&
      r.conclusion !== 'cancelled' &&
      r.conclusion !== 'skipped',
  );
  const durations = pipeline.map((r) => Math.round((r.endMs - r.startedMs) / 1000));
  const drift = seed.issues.filter((i) => i.labels.includes('drift'));
  const weeks = Array.from({ length: 5 }, () => ({ deployments: 0, failures: 0 }));
  for (const r of counted) {
    const week = weeks[4 - Math.floor((toMs - r.createdMs) / (7 * DAY))];
    if (!week) continue;
    week.deployments += 1;
    if (r.outcome === 'failure' || r.rolledBack) week.failures += 1;
  }
  return {
    deployments: {
      total: counted.length,
      succeeded: succeeded.length,
      failed: failed.length,
      rolledBack: rolledBack.length,
    },
    figures: {
      'deployments-per-day': succeeded.length / 30,
      'deployments-per-week': (succeeded.length / 30) * 7,
      'lead-time-median': rank(leads, 0.5),
      'lead-time-p90': rank(leads, 0.9),
      'change-failure-rate': ((failed.length + rolledBack.length) / counted.length) * 100,
      'time-to-restore-median': rank(restores, 0.5),
      'time-to-restore-worst': Math.max(...restores),
      'pipeline-duration-median': rank(durations, 0.5),
      'pipeline-duration-p90': rank(durations, 0.9),
      'pipeline-success-rate':
        (pipeline.filter((r) => r.conclusion === 'success').length / pipeline.length) * 100,
      'drift-issues-opened': drift.filter((i) => i.createdMs >= fromMs).length,
      'drift-issues-closed': drift.filter((i) => i.closedMs !== undefined && i.closedMs >= fromMs).length,
    } as Record<string, number | null>,
    restores: restores.length,
    weeks,
  };
}

let seed: Seed;

beforeAll(async () => {
  results = await startResultsService();
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
  seed = seedHistory(api, Date.now());
}, 60_000);
afterEach(() => api.assertNoViolations());
afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await Promise.all([results?.close(), api?.close()]);
});

function newRun(): WorkflowRun {
  const run = new WorkflowRun({ results, apiUrl: api.url, repository: 'octo-org/infra' });
  api.addToken(run.token, 'github-actions[bot]');
  runs.push(run);
  return run;
}

async function metricsReport(given: Record<string, string>): Promise<StepResult> {
  const job = await newRun().job('metrics');
  const step = await job.step('report', { with: { metrics: 'true', ...given } });
  await job.complete();
  return step;
}

function figureOf(m: Metrics, name: string) {
  const figure = m.figures.find((f) => f.name === name);
  if (!figure) throw new Error(`no figure ${name}`);
  return figure;
}

describe('report with metrics: true', () => {
  let step: StepResult;
  let metrics: Metrics;
  let listRequests: string[];

  beforeAll(async () => {
    const before = api.requests.length;
    step = await metricsReport({ environment: 'production' });
    listRequests = api.requests
      .slice(before)
      .filter((r) => r.operationId === 'repos/list-deployments')
      .map((r) => r.query);
    metrics = metricsSchema.parse(JSON.parse(await readFile(step.outputs['metrics-path'] ?? '', 'utf8')));
    // The figures measured: the action's own line says how long reading and computing took.
    console.log(
      [
        /Delivery metrics of production: .*/.exec(step.log)?.[0] ?? 'no timing line',
        `deployment list requests: ${listRequests.length} (${listRequests.join(' ')})`,
        ...metrics.figures.map((f) => `${f.name}: ${f.value ?? 'null'} ${f.unit} ${f.status}`),
      ].join('\n'),
    );
  }, 120_000);

  it('succeeds and writes metrics.json (iac/metrics@1) beside the report', () => {
    expect(step.errors).toEqual([]);
    expect(step.warnings).toEqual([]);
    expect(step.exitCode).toBe(0);
    expect(metrics.schema).toBe('iac/metrics@1');
    expect(metrics.counted).toBe('releases');
    expect(metrics.window.days).toBe(30);
  });

  it('equals, figure by figure, what the seed gives', () => {
    const want = expected(seed, Date.parse(metrics.window.from), Date.parse(metrics.window.to));
    // The window cuts the oldest releases off, and some are left.
    expect(want.deployments.total).toBeGreaterThan(30);
    expect(want.deployments.total).toBeLessThan(seed.releases.length);
    expect(metrics.deployments).toMatchObject(want.deployments);
    expect(metrics.restores).toEqual({ restored: want.restores, open: 0 });
    for (const [name, value] of Object.entries(want.figures)) {
      const got = figureOf(metrics, name).value;
      if (value === null) expect({ name, got }).toEqual({ name, got: null });
      else expect({ name, got: Number(got?.toFixed(6)) }).toEqual({ name, got: Number(value.toFixed(6)) });
    }
    expect(metrics.weeks.map(({ deployments, failures }) => ({ deployments, failures }))).toEqual(want.weeks);
    expect(metrics.pipeline.workflows).toEqual(['deploy', 'rollback']);
  });

  it("marks the seed's targets: pipeline under 30 min, success over 95 %, restore under 15 min", () => {
    const status = (name: string) => {
      const f = figureOf(metrics, name);
      return [f.target, f.status];
    };
    const pipeline = figureOf(metrics, 'pipeline-duration-median').value ?? 0;
    expect(status('pipeline-duration-median')).toEqual([
      { op: '<', value: 1800 },
      pipeline < 1800 ? 'met' : 'missed',
    ]);
    const rate = figureOf(metrics, 'pipeline-success-rate').value ?? 0;
    expect(status('pipeline-success-rate')).toEqual([{ op: '>', value: 95 }, rate > 95 ? 'met' : 'missed']);
    const restore = figureOf(metrics, 'time-to-restore-median').value ?? 0;
    expect(status('time-to-restore-median')).toEqual([
      { op: '<', value: 900 },
      restore < 900 ? 'met' : 'missed',
    ]);
    expect(status('lead-time-median')).toEqual([undefined, 'no target']);
  });

  it('follows the pages of deployments and stops at the first past the window', () => {
    // 240 deployments: three pages of 100. The window reaches into the second.
    expect(api.state.deployments.size).toBe(240);
    expect(listRequests).toHaveLength(2);
    expect(listRequests[1]).toContain('page=2');
    expect(listRequests.some((q) => q.includes('page=3'))).toBe(false);
    // Statuses are read for the counted releases only, not for tf-apply's per-stack deployments.
    const statusReads = api.requests.filter((r) => r.operationId === 'repos/list-deployment-statuses');
    expect(statusReads).toHaveLength(metrics.deployments.total);
  });

  it('shows the figures and a Mermaid chart in the job summary, and puts them in report.json', async () => {
    expect(step.summary).toContain('### Delivery metrics');
    expect(step.summary).toContain('| Pipeline success rate |');
    expect(step.summary).toContain('xychart-beta');
    expect(step.summary).toMatch(/ {2}bar \[\d+, \d+, \d+, \d+, \d+\]/);
    const json = JSON.parse(await readFile(step.outputs['json-path'] ?? '', 'utf8')) as { metrics: unknown };
    expect(metricsSchema.parse(json.metrics)).toEqual(metrics);
  });

  it("draws the chart in report.html, with each week's bars as tall as its counts", async () => {
    const want = expected(seed, Date.parse(metrics.window.from), Date.parse(metrics.window.to)).weeks;
    await checkChartInChromium(step.outputs['html-path'] ?? '', want);
  }, 60_000);
});

describe('report with metrics: true, and nothing to count', () => {
  it('says there were no deployments in the window, not zeros', async () => {
    const step = await metricsReport({ environment: 'staging', 'metrics-window-days': '7' });
    expect(step.exitCode).toBe(0);
    expect(step.errors).toEqual([]);
    expect(step.summary).toContain('No deployments in the window (7 days).');
    expect(step.summary).not.toContain('| Deployment frequency');
    const metrics = metricsSchema.parse(
      JSON.parse(await readFile(step.outputs['metrics-path'] ?? '', 'utf8')),
    );
    expect(metrics.deployments.total).toBe(0);
    expect(figureOf(metrics, 'change-failure-rate')).toMatchObject({ value: null, status: 'no data' });
    const page = await readFile(step.outputs['html-path'] ?? '', 'utf8');
    expect(page).toContain('No deployments in the window (7 days).');
  }, 60_000);
});

describe('report with metrics: true, and a token that may not read', () => {
  it('warns, naming the permission, and the report still comes out without metrics', async () => {
    api.failNext({
      status: 403,
      operationId: 'repos/list-deployments',
      message: 'Resource not accessible by integration',
    });
    const step = await metricsReport({ environment: 'production' });
    expect(step.exitCode).toBe(0);
    expect(step.errors).toEqual([]);
    expect(step.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^The delivery metrics are left out: Could not list the environment's deployments .*answered 403.*the token needs "deployments: read"/,
      ),
    ]);
    expect(step.outputs['metrics-path']).toBeUndefined();
    expect(step.outputs['report-path']).toBeTruthy();
    expect(step.summary).toContain('### Delivery metrics');
    expect(step.summary).toContain('deployments: read');
  }, 60_000);

  it('leaves only the pipeline figures out when the runs are refused', async () => {
    api.failNext({
      status: 403,
      operationId: 'actions/list-workflow-runs-for-repo',
      message: 'Resource not accessible by integration',
    });
    const step = await metricsReport({ environment: 'production' });
    expect(step.exitCode).toBe(0);
    expect(step.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^The pipeline duration and success rate are left out: .*"actions: read"/),
    ]);
    const metrics = metricsSchema.parse(
      JSON.parse(await readFile(step.outputs['metrics-path'] ?? '', 'utf8')),
    );
    expect(figureOf(metrics, 'pipeline-success-rate').status).toBe('no data');
    expect(figureOf(metrics, 'change-failure-rate').value).not.toBeNull();
  }, 60_000);

  it('refuses metrics without an environment, naming the input', async () => {
    const step = await metricsReport({});
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      'Input "environment" is required with metrics: true: it names the GitHub environment whose deployments are read.',
    ]);
  }, 60_000);
});

const BLUE = [0x09, 0x69, 0xda];
const RED = [0xcf, 0x22, 0x2e];

/**
 * Opens report.html in Chromium and measures each bar of #metrics-chart in the screenshot: the run of
 * pixels of the bar's colour down the middle of where the bar is. Heights must be as the counts, to one
 * scale (the tallest bar is 200 px), within 2 px.
 */
async function checkChartInChromium(
  htmlPath: string,
  weeks: Array<{ deployments: number; failures: number }>,
): Promise<void> {
  await withReportPage(htmlPath, async (page) => {
    const chart = page.locator('#metrics-chart');
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.isVisible()).resolves.toBe(true);
    const box = await chart.boundingBox();
    if (!box) throw new Error('the chart has no box');
    const png = PNG.sync.read(await page.screenshot());
    const tallest = Math.max(...weeks.map((w) => Math.max(w.deployments, w.failures)));
    const measure = async (kind: 'deployments' | 'failures', index: number, colour: number[]) => {
      const bar = await page.locator(`#metrics-chart rect.${kind}`).nth(index).boundingBox();
      if (!bar) return 0;
      const x = Math.round(bar.x + bar.width / 2);
      let run = 0;
      for (let y = Math.floor(box.y); y < box.y + box.height && y < png.height; y++) {
        const i = (y * png.width + x) * 4;
        if (colour.every((c, k) => Math.abs((png.data[i + k] ?? 0) - c) <= 3)) run++;
      }
      return run;
    };
    expect(await page.locator('#metrics-chart rect.deployments').count()).toBe(weeks.length);
    for (const [index, week] of weeks.entries()) {
      const measured = {
        deployments: await measure('deployments', index, BLUE),
        failures: await measure('failures', index, RED),
      };
      const wanted = {
        deployments: (week.deployments / tallest) * 200,
        failures: (week.failures / tallest) * 200,
      };
      expect(Math.abs(measured.deployments - wanted.deployments)).toBeLessThanOrEqual(2);
      expect(Math.abs(measured.failures - wanted.failures)).toBeLessThanOrEqual(2);
    }
  });
}
