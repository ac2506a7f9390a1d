import type { AuditTrail } from '../audit/trail.js';
import type { MetricsSection } from './metrics.js';
import { SUITE_VERSION } from '../core/version.js';
import type { RunContext } from '../core/run-context.js';
import type { DestroyedRecord } from '../terraform/destroyed.js';
import type { GatheredArtifact } from './gather.js';
import { releaseSection, type ReleaseSection } from './release.js';
import { acceptanceFigure, policyFigure, policyViews, type PolicyView } from './policy.js';

/**
 * The deployment report as data: one row a stage (per stack), each with a status, times and key
 * figures, the outcome of the whole run, and the counts that deployment metrics are made from. Built
 * from the artifacts the stages left and, when the API can be read, from the run's jobs: a stage that
 * failed before it uploaded anything is only visible there.
 */

export const STAGES = ['validate', 'image', 'plan', 'approve', 'apply', 'configure', 'smoke'] as const;
export type Stage = (typeof STAGES)[number];

/** `destroyed`: the apply of a destroy plan succeeded, so the stack is gone; not a failure, nor a deployment. */
export type StageStatus =
  'success' | 'failure' | 'pending' | 'skipped' | 'missing' | 'unreadable' | 'destroyed';
export type Outcome = 'success' | 'failure' | 'pending';

export interface StageRow {
  stage: Stage;
  stack: string;
  status: StageStatus;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  durationSeconds?: number | undefined;
  /** True when the start was not recorded and is taken as the end of the stage before. */
  estimated: boolean;
  /** Short facts: counts, digests, hosts. Plain text, escaped where rendered. */
  figures: string[];
  /** Why the status is what it is, when it is not success. */
  note?: string | undefined;
  /** The job it ran in, when the run's jobs were read. */
  job?: string | undefined;
}

/** One job of the run as the API lists it. */
export interface RunJob {
  name: string;
  status: string;
  conclusion: string | null;
  startedAt?: string | undefined;
  completedAt?: string | undefined;
  url?: string | undefined;
}

export interface ReportModel {
  title: string;
  outcome: Outcome;
  run: {
    repository: string;
    runId: number;
    runAttempt: number;
    url: string;
    commit: string;
    ref: string;
    actor: string;
  };
  generatedAt: string;
  stages: StageRow[];
  artifacts: GatheredArtifact[];
  jobs: RunJob[];
  /** Why the jobs are not in the report, when they are not. */
  jobsNote?: string | undefined;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  backup?: { artifact: string; encrypted: boolean } | { problem: string } | undefined;
  /** What the run recorded as releases; absent when it recorded none. */
  release?: ReleaseSection | undefined;
  /** Each stack's policy check, from its plan manifest and approval record; empty when none ran. */
  policy: PolicyView[];
  /** Every step's audit events in order; absent when the report did not gather them. */
  audit?: AuditTrail | undefined;
  /** The delivery metrics, or why there are none; absent when they were not asked for. */
  metricsSection?: MetricsSection;
}

const JOB_STAGE: Array<[RegExp, Stage]> = [
  [/smoke|verify|test/i, 'smoke'],
  [/ansible|configure/i, 'configure'],
  [/apply|deploy/i, 'apply'],
  [/approv|gate|review/i, 'approve'],
  [/plan/i, 'plan'],
  [/packer|image|bake/i, 'image'],
  [/validate|lint/i, 'validate'],
];

/**
 * A job's own name: GitHub names the jobs of a called workflow `<caller> / <job>` (nested calls add more
 * segments), and only the last segment says what the job does; `deploy / wave 1 / plan network` plans.
 */
function ownName(name: string): string {
  return name.split(' / ').at(-1) ?? name;
}

/** Which stage a job is, by its own name; none for jobs of other kinds (such as the report itself). */
export function stageOfJob(name: string): Stage | undefined {
  const own = ownName(name);
  if (/report/i.test(own)) return undefined;
  return JOB_STAGE.find(([pattern]) => pattern.test(own))?.[1];
}

/**
 * The stack a job names, among the stacks the report knows: `apply vms`, or a matrix leg's default name
 * `apply (vms, prod)`. None when the job names no known stack, as a single-stack pipeline's `apply` does.
 */
function stackOfJob(name: string, stacks: ReadonlySet<string>): string | undefined {
  return ownName(name)
    .split(/[\s(),]+/)
    .find((word) => stacks.has(word));
}

function seconds(from: string | undefined, to: string | undefined): number | undefined {
  if (!from || !to) return undefined;
  const value = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function minusSeconds(at: string, value: number): string {
  return new Date(Date.parse(at) - value * 1000).toISOString();
}

const plus = (n: number, sign: string) => `${sign}${n}`;

function row(stage: Stage, stack: string, status: StageStatus, extra: Partial<StageRow> = {}): StageRow {
  return { stage, stack, status, estimated: false, figures: [], ...extra };
}

/** The stage rows the artifacts tell of, before the jobs are taken into account. */
function rowsFromArtifacts(artifacts: readonly GatheredArtifact[]): StageRow[] {
  const rows: StageRow[] = [];
  const unreadable = (stage: Stage, a: GatheredArtifact) =>
    row(stage, a.stack, 'unreadable', { finishedAt: a.createdAt, note: `${a.name}: ${a.problem ?? ''}` });
  const byStack = new Map<string, Partial<Record<GatheredArtifact['kind'], GatheredArtifact>>>();
  for (const artifact of artifacts) {
    const kinds = byStack.get(artifact.stack) ?? {};
    kinds[artifact.kind] = artifact;
    byStack.set(artifact.stack, kinds);
  }

  for (const a of artifacts) {
    if (a.problem) {
      const stage = (
        { plan: 'plan', approval: 'approve', image: 'image', ansible: 'configure', smoke: 'smoke' } as const
      )[a.kind as 'plan'];
      if (stage) rows.push(unreadable(stage, a));
      continue;
    }
    switch (a.kind) {
      case 'validate':
        rows.push(
          row('validate', a.stack, 'success', {
            finishedAt: a.createdAt,
            figures: [`${a.files?.length ?? 0} file(s)`],
          }),
        );
        break;
      case 'image': {
        const m = a.metadata;
        if (!m) break;
        rows.push(
          row('image', m.name, 'success', {
            finishedAt: m.buildTime,
            figures: [
              `image ${m.imageId || '(none)'}`,
              `packer ${m.packerVersion}`,
              ...(m.skipped ? [`reused from run ${m.builtBy.runId}`] : []),
            ],
          }),
        );
        break;
      }
      case 'plan': {
        const m = a.manifest;
        if (!m) break;
        const s = m.summary;
        rows.push(
          row('plan', m.stack, 'success', {
            finishedAt: m.createdAt,
            figures: [
              `${plus(s.add, '+')} ${plus(s.change, '~')} ${plus(s.destroy, '-')}${s.replace ? ` ±${s.replace}` : ''}`,
              `${m.tool.name} ${m.tool.version}`,
              `digest ${m.planDigest.slice(0, 19)}`,
              ...(a.encrypted ? ['encrypted'] : []),
              ...(m.policy ? [policyFigure(m.policy)] : []),
            ],
          }),
        );
        break;
      }
      case 'approval': {
        const r = a.record;
        if (!r) break;
        const status: StageStatus =
          r.status === 'approved' ? 'success' : r.status === 'rejected' ? 'failure' : 'pending';
        const who = r.approvers.map((v) => v.login);
        const accepted = acceptanceFigure(r);
        rows.push(
          row('approve', r.stack, status, {
            finishedAt: r.decidedAt,
            figures: [
              `${r.status} by ${r.decidedBy}${who.length > 0 ? `: ${who.join(', ')}` : ''}`,
              `digest ${r.planDigest.slice(0, 19)}`,
              ...(accepted ? [accepted] : []),
            ],
            ...(status !== 'success'
              ? {
                  note:
                    r.rejects.length > 0
                      ? `rejected by ${r.rejects.map((v) => v.login).join(', ')}`
                      : undefined,
                }
              : {}),
          }),
        );
        break;
      }
      case 'ansible': {
        const r = a.results;
        if (!r) break;
        const hosts = Object.keys(r.recap).length;
        const changed = Object.values(r.recap).filter((h) => h.changed > 0).length;
        const failed = r.exitCode !== 0 || r.failedHosts.length > 0 || r.unreachableHosts.length > 0;
        rows.push(
          row('configure', r.stack, failed ? 'failure' : 'success', {
            startedAt: minusSeconds(r.createdAt, r.durationSeconds),
            finishedAt: r.createdAt,
            durationSeconds: r.durationSeconds,
            figures: [
              `${hosts} host(s), ${changed} changed`,
              ...(r.failedHosts.length > 0 ? [`failed: ${r.failedHosts.join(', ')}`] : []),
              ...(r.unreachableHosts.length > 0 ? [`unreachable: ${r.unreachableHosts.join(', ')}`] : []),
              ...(r.check ? ['check mode'] : []),
            ],
            ...(failed ? { note: `ansible-playbook exited ${r.exitCode}` } : {}),
          }),
        );
        break;
      }
      case 'smoke': {
        const s = a.smoke;
        if (!s) break;
        const finishedAt = s.createdAt ?? a.createdAt;
        rows.push(
          row('smoke', s.stack ?? a.stack, s.failed > 0 ? 'failure' : 'success', {
            finishedAt,
            ...(finishedAt && s.durationSeconds > 0
              ? { startedAt: minusSeconds(finishedAt, s.durationSeconds), durationSeconds: s.durationSeconds }
              : {}),
            figures: [`${s.passed} passed, ${s.failed} failed of ${s.checks.length}`],
            ...(s.failed > 0
              ? {
                  note: `failed: ${s.checks
                    .filter((c) => c.status !== 'passed')
                    .map((c) => c.name)
                    .join(', ')}`,
                }
              : {}),
          }),
        );
        break;
      }
      default:
        break;
    }
  }

  // The apply leaves outputs (and an inventory) when it succeeds, errored state when the backend
  // refused the state; an approved plan with neither means the apply never ran or failed early.
  for (const [stack, kinds] of byStack) {
    const outputs = kinds.outputs;
    const errored = kinds['errored-state'];
    const inventory = kinds.inventory;
    if (errored) {
      rows.push(
        row('apply', stack, 'failure', {
          finishedAt: errored.createdAt,
          figures: [
            `errored state kept as ${errored.name}${errored.kind === 'errored-state' && errored.encrypted ? ' (encrypted)' : ''}`,
          ],
          note: 'the apply failed and the backend did not take the state: push the errored state before planning again',
        }),
      );
    } else if (outputs?.kind === 'outputs' && outputs.destroyed && !outputs.problem) {
      const d = outputs.destroyed;
      rows.push(
        row('apply', stack, 'destroyed', {
          finishedAt: d.destroyedAt,
          figures: [`destroyed at ${d.destroyedAt}`, `digest ${d.planDigest.slice(0, 19)}`],
        }),
      );
    } else if (outputs) {
      const names = outputs.kind === 'outputs' ? (outputs.outputNames ?? []) : [];
      const hosts = inventory?.kind === 'inventory' ? (inventory.hosts ?? []) : [];
      rows.push(
        row('apply', stack, outputs.problem ? 'unreadable' : 'success', {
          finishedAt: outputs.createdAt,
          figures: [
            `${names.length} output(s)`,
            ...(inventory ? [`inventory: ${hosts.length} host(s)`] : []),
          ],
          ...(outputs.problem ? { note: `${outputs.name}: ${outputs.problem}` } : {}),
        }),
      );
    } else if (kinds.approval?.kind === 'approval' && kinds.approval.record?.status === 'approved') {
      rows.push(
        row('apply', stack, 'missing', {
          note: `the plan was approved, but no ${stack ? `outputs-${stack}` : 'outputs'} artifact exists: the apply did not run, or failed`,
        }),
      );
    }
  }
  return rows;
}

const JOB_STATUS: Record<string, StageStatus> = {
  success: 'success',
  failure: 'failure',
  timed_out: 'failure',
  cancelled: 'failure',
  startup_failure: 'failure',
  action_required: 'pending',
  skipped: 'skipped',
  neutral: 'success',
};

/**
 * Puts the jobs' times and conclusions onto the rows: a job's times are what the stage took, and a
 * failed job fails its stage even when the artifacts look complete. A stage whose job failed before it
 * uploaded anything gets a row of its own.
 */
function applyJobs(rows: StageRow[], jobs: readonly RunJob[]): void {
  const stacks = new Set(rows.map((r) => r.stack).filter((stack) => stack !== ''));
  for (const job of jobs) {
    const stage = stageOfJob(job.name);
    if (!stage) continue;
    const status: StageStatus =
      job.status !== 'completed' ? 'pending' : (JOB_STATUS[job.conclusion ?? ''] ?? 'failure');
    // A job that names its stack (one matrix leg of a multi-stack pipeline) speaks for that stack's row
    // only; one that names none speaks for every row of its stage.
    const stack = stackOfJob(job.name, stacks);
    const matching = rows.filter(
      (r) => r.stage === stage && r.job === undefined && (stack === undefined || r.stack === stack),
    );
    const times = {
      startedAt: job.startedAt,
      finishedAt: job.completedAt,
      durationSeconds: seconds(job.startedAt, job.completedAt),
      job: job.name,
    };
    if (matching.length === 0) {
      if (status === 'skipped' && !job.startedAt) {
        rows.push(row(stage, stack ?? '', 'skipped', { job: job.name, note: `job ${job.name} was skipped` }));
        continue;
      }
      rows.push(
        row(stage, stack ?? '', status, {
          ...times,
          // A stage job that succeeded with nothing to record (a stack without a playbook) says so.
          ...(status !== 'success'
            ? { note: `job ${job.name}: ${job.conclusion ?? job.status}, and it left no artifact` }
            : { figures: ['no artifact'] }),
        }),
      );
      continue;
    }
    for (const r of matching) {
      Object.assign(r, times);
      if (status === 'failure' && r.status !== 'failure') {
        r.status = 'failure';
        r.note = `job ${job.name} failed`;
      }
      if (status === 'success' && r.status === 'missing') r.status = 'success';
    }
  }
}

/** Rows in pipeline order, then by stack; rows without a start begin where the stage before ended. */
function orderAndEstimate(rows: StageRow[]): StageRow[] {
  const sorted = rows.sort(
    (a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || a.stack.localeCompare(b.stack),
  );
  let lastEnd: string | undefined;
  for (const r of sorted) {
    if (!r.startedAt && r.finishedAt) {
      const start = lastEnd && Date.parse(lastEnd) <= Date.parse(r.finishedAt) ? lastEnd : r.finishedAt;
      r.startedAt = start;
      r.estimated = true;
    }
    r.durationSeconds ??= seconds(r.startedAt, r.finishedAt);
    if (r.finishedAt && (!lastEnd || Date.parse(r.finishedAt) > Date.parse(lastEnd))) lastEnd = r.finishedAt;
  }
  return sorted;
}

export function outcomeOf(rows: readonly StageRow[], jobs: readonly RunJob[]): Outcome {
  const failedJob = jobs.some(
    (j) => j.status === 'completed' && stageOfJob(j.name) && JOB_STATUS[j.conclusion ?? ''] === 'failure',
  );
  if (
    failedJob ||
    rows.some((r) => r.status === 'failure' || r.status === 'missing' || r.status === 'unreadable')
  )
    return 'failure';
  if (rows.some((r) => r.status === 'pending')) return 'pending';
  return 'success';
}

export interface ModelInput {
  title: string | undefined;
  run: RunContext;
  workflow: string;
  artifacts: GatheredArtifact[];
  jobs: RunJob[];
  jobsNote?: string | undefined;
  now: Date;
}

export function buildModel(input: ModelInput): ReportModel {
  const rows = rowsFromArtifacts(input.artifacts);
  applyJobs(rows, input.jobs);
  const stages = orderAndEstimate(rows);
  const starts = stages
    .map((r) => r.startedAt)
    .filter((t): t is string => !!t)
    .sort();
  const ends = stages
    .map((r) => r.finishedAt)
    .filter((t): t is string => !!t)
    .sort();
  const { run } = input;
  const release = releaseSection(input.artifacts, input.now);
  return {
    title: input.title ?? `${run.owner}/${run.repo}${input.workflow ? ` · ${input.workflow}` : ''}`,
    outcome: outcomeOf(stages, input.jobs),
    run: {
      repository: `${run.owner}/${run.repo}`,
      runId: run.runId,
      runAttempt: run.runAttempt,
      url: run.runUrl,
      commit: run.sha,
      ref: run.ref,
      actor: run.actor,
    },
    generatedAt: input.now.toISOString(),
    stages,
    artifacts: input.artifacts,
    jobs: input.jobs,
    jobsNote: input.jobsNote,
    startedAt: starts[0],
    finishedAt: ends.at(-1),
    ...(release ? { release } : {}),
    policy: policyViews(input.artifacts),
  };
}

/** The stacks whose outputs artifact says they were destroyed, by stack. */
export function destroyedStacks(artifacts: readonly GatheredArtifact[]): DestroyedRecord[] {
  return artifacts
    .flatMap((a) => (a.kind === 'outputs' && a.destroyed && !a.problem ? [a.destroyed] : []))
    .sort((a, b) => a.stack.localeCompare(b.stack));
}

/** report.json: what deployment metrics (frequency, change failure rate, time to restore) are made from. */
export function reportJson(model: ReportModel): Record<string, unknown> {
  const plans = model.artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
  const sum = (pick: (s: (typeof plans)[number]['summary']) => number) =>
    plans.reduce((total, m) => total + pick(m.summary), 0);
  const ansible = model.artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
  const smoke = model.artifacts.flatMap((a) => (a.kind === 'smoke' && a.smoke ? [a.smoke] : []));
  const approvals = model.artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
  const releases = model.artifacts.flatMap((a) => (a.kind === 'release' && a.release ? [a.release] : []));
  const applies = model.stages.filter((r) => r.stage === 'apply');
  // A destroyed stack's apply is no deployment: deployment frequency does not count a destroy.
  const deployed = applies.length > 0 && applies.every((r) => r.status === 'success');
  const afterApply = model.stages.filter((r) => ['apply', 'configure', 'smoke'].includes(r.stage));
  return {
    schema: 'iac/report@1',
    producer: { action: 'report', version: SUITE_VERSION },
    title: model.title,
    outcome: model.outcome,
    run: model.run,
    generatedAt: model.generatedAt,
    startedAt: model.startedAt ?? null,
    finishedAt: model.finishedAt ?? null,
    durationSeconds:
      model.startedAt && model.finishedAt ? (seconds(model.startedAt, model.finishedAt) ?? null) : null,
    stages: model.stages.map((r) => ({
      stage: r.stage,
      stack: r.stack,
      status: r.status,
      startedAt: r.startedAt ?? null,
      finishedAt: r.finishedAt ?? null,
      durationSeconds: r.durationSeconds ?? null,
      estimated: r.estimated,
      figures: r.figures,
      ...(r.job ? { job: r.job } : {}),
      ...(r.note ? { note: r.note } : {}),
    })),
    metrics: {
      /** A deployment happened: every apply of the run succeeded (deployment frequency counts these). */
      deployment: deployed,
      /** A change reached the apply and something from the apply on failed (change failure rate). */
      changeFailure:
        applies.length > 0 && afterApply.some((r) => r.status === 'failure' || r.status === 'missing'),
      /** With the previous failed run's finishedAt, a success here gives the time to restore. */
      restored: deployed && model.outcome === 'success',
      // With `metrics: true`, metrics.json (iac/metrics@1) besides these flags of the run: its keys are
      // others, so metricsSchema reads this object as it reads metrics.json.
      ...(model.metricsSection && 'metrics' in model.metricsSection ? model.metricsSection.metrics : {}),
    },
    counts: {
      plan: {
        stacks: plans.length,
        add: sum((s) => s.add),
        change: sum((s) => s.change),
        destroy: sum((s) => s.destroy),
        replace: sum((s) => s.replace),
        import: sum((s) => s.import),
        move: sum((s) => s.move),
        deletes: plans.flatMap((m) => m.summary.deletes.map((address) => `${m.stack}:${address}`)),
      },
      approvals: approvals.map((r) => ({
        stack: r.stack,
        status: r.status,
        planDigest: r.planDigest,
        decidedBy: r.decidedBy,
        approvers: r.approvers.map((v) => v.login),
      })),
      ansible: {
        hosts: ansible.reduce((n, r) => n + Object.keys(r.recap).length, 0),
        changedHosts: ansible.reduce(
          (n, r) => n + Object.values(r.recap).filter((h) => h.changed > 0).length,
          0,
        ),
        failedHosts: ansible.reduce((n, r) => n + r.failedHosts.length + r.unreachableHosts.length, 0),
      },
      smoke: {
        total: smoke.reduce((n, s) => n + s.checks.length, 0),
        passed: smoke.reduce((n, s) => n + s.passed, 0),
        failed: smoke.reduce((n, s) => n + s.failed, 0),
      },
    },
    artifacts: model.artifacts.map((a) => ({
      name: a.name,
      kind: a.kind,
      stack: a.stack,
      read: !a.problem,
      ...(a.problem ? { problem: a.problem } : {}),
    })),
    /** The stacks this run destroyed, as their outputs artifacts' destroyed.json say. */
    destroyed: destroyedStacks(model.artifacts),
    ...(model.backup ? { backup: model.backup } : {}),
    // The records as read, for metrics over releases; a record that did not read is in `artifacts`.
    ...(model.release ? { releases } : {}),
    // How many events the trail holds (the events are the `<prefix>-audit` artifact), and the parts not read.
    ...(model.audit
      ? {
          audit: {
            events: model.audit.events.length,
            unread: model.audit.problems.map((p) => p.artifact),
          },
        }
      : {}),
    // Each stack's policy check: its status, failures and who accepted them; absent when none ran.
    ...(model.policy.length > 0 ? { policy: model.policy.map(policyJson) } : {}),
  };
}

function policyJson(view: PolicyView): Record<string, unknown> {
  return {
    stack: view.stack,
    planDigest: view.planDigest,
    mode: view.mode,
    status: view.status,
    passed: view.passed,
    ...(view.namespace ? { namespace: view.namespace } : {}),
    ...(view.conftestVersion ? { conftestVersion: view.conftestVersion } : {}),
    ...(view.evaluated !== undefined ? { evaluated: view.evaluated } : {}),
    failures: view.failures,
    warnings: view.warnings,
    ...(view.accepted
      ? {
          accepted: {
            by: view.accepted.by.map((a) => ({
              login: a.login,
              ...(a.at ? { at: a.at } : {}),
              ...(a.commentUrl ? { commentUrl: a.commentUrl } : {}),
            })),
            failures: view.accepted.failures,
            exact: view.accepted.exact,
          },
        }
      : {}),
  };
}
