import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactStore } from '../artifacts/store.js';
import { toWorkspacePath } from '../contracts/manifest.js';
import { errorMessage, StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import type { GitHubClient } from '../github/octokit.js';
import { backupState } from './backup.js';
import { gatherArtifacts } from './gather.js';
import { auditDelivery, gatherAuditTrail, sendAuditTrail, writeAuditTrail } from '../audit/trail.js';
import { renderHtml } from './html.js';
import { readRunJobs } from './jobs.js';
import { renderMarkdown } from './markdown.js';
import { buildModel, reportJson, type ReportModel } from './model.js';
import { renderReproduceScript } from './reproduce.js';
import { notify } from './webhook.js';
import type { BinaryChoice } from '../terraform/tool.js';
import type { StepReport } from '../core/outputs.js';
import { lazyGitHubClient } from '../github/lazy-client.js';
import { METRICS_FILE, type Targets } from '../metrics/figures.js';
import type { MetricsOutcome } from '../metrics/index.js';

/** What report reads: its inputs, camel-cased, as src/actions/report/inputs.ts parses them. */
export interface ReportInputs {
  artifactPrefix: string;
  title?: string | undefined;
  workingDirectory: string;
  binary: BinaryChoice;
  backupState: boolean;
  backendConfig: string[];
  encryptionKey?: string | undefined;
  webhookUrl?: string | undefined;
  webhookKind: 'slack' | 'teams';
  githubToken?: string | undefined;
  auditWebhook?: string | undefined;
  auditWebhookSecret?: string | undefined;
  /** Compute the delivery metrics of `environment` (src/metrics/, loaded only then). */
  metrics: boolean;
  metricsWindowDays: number;
  environment?: string | undefined;
  metricsTargets: Targets;
  driftLabels: string[];
}

/** The outputs report sets, by their action.yml names. */
export interface ReportOutputs {
  'report-path': string;
  'html-path': string;
  'json-path': string;
  'reproduce-path': string;
  outcome: ReportModel['outcome'];
  'artifact-name': string;
  notified: boolean;
  'audit-path': string;
  'audit-events': number;
  'audit-delivered': boolean;
  'metrics-path': string;
}

export interface ReportDependencies {
  artifacts: ArtifactStore;
  logger: Logger;
  exec: Exec;
  run: RunContext;
  /** The GitHub client, made on first use; absent without a token. */
  github?: (() => Promise<GitHubClient>) | undefined;
  fetch: typeof globalThis.fetch;
  now: () => Date;
  /** GITHUB_WORKFLOW, for the default title. */
  workflow: string;
  /** Webhook back-off, for tests. */
  webhookMinTimeoutMs?: number;
}

export interface ReportResult {
  model: ReportModel;
  dir: string;
  markdownPath: string;
  htmlPath: string;
  jsonPath: string;
  scriptPath: string;
  markdown: string;
  artifactName: string;
  notified?: boolean;
  /** audit.jsonl, the run's trail as uploaded in `<prefix>-audit`; absent when no step recorded an event. */
  auditPath?: string;
  /** Whether the audit receiver took the trail; absent without audit-webhook. */
  auditDelivered?: boolean;
  /** metrics.json, also in `<prefix>-report`; absent when metrics were not asked for or not computed. */
  metricsPath?: string;
  /** The state backup was asked for and failed: the step fails after the report is out. */
  backupProblem?: string;
  buildMs: number;
}

export const REPORT_FILES = ['report.md', 'report.html', 'report.json', 'reproduce.sh'] as const;

/** The report step: the report, its outputs and the job summary; then fails if the state backup did. */
export async function runReport(
  inputs: ReportInputs,
  deps: Omit<ReportDependencies, 'github'> & StepReport<ReportOutputs>,
): Promise<void> {
  const { logger } = deps;
  const token = inputs.githubToken;
  // Made only when the jobs are read; without a token they are not.
  const github = token
    ? lazyGitHubClient(token, logger, deps.run, () => new Error('the GitHub token went missing'))
    : undefined;
  const result = await buildReport(inputs, { ...deps, github });
  deps.setOutputs({
    'report-path': result.markdownPath,
    'html-path': result.htmlPath,
    'json-path': result.jsonPath,
    'reproduce-path': result.scriptPath,
    outcome: result.model.outcome,
    'artifact-name': result.artifactName,
  });
  if (result.notified !== undefined) deps.setOutputs({ notified: result.notified });
  deps.setOutputs({ 'audit-events': result.model.audit?.events.length ?? 0 });
  if (result.auditPath) deps.setOutputs({ 'audit-path': result.auditPath });
  if (result.auditDelivered !== undefined) deps.setOutputs({ 'audit-delivered': result.auditDelivered });
  if (result.metricsPath) deps.setOutputs({ 'metrics-path': result.metricsPath });
  await deps.writeSummary(result.markdown);
  logger.debug(`report built in ${result.buildMs.toFixed(0)} ms`);
  if (result.backupProblem) {
    throw new StepFailure(`The report is out, but the state backup failed: ${result.backupProblem}`);
  }
}

/**
 * The report action: gathers the run's artifacts and jobs, backs up the state when asked, writes
 * report.md, report.html, report.json and reproduce.sh, uploads them as `<prefix>-report`, and
 * notifies the webhook. Nothing a stage left behind, or failed to, makes it throw.
 */
export async function buildReport(inputs: ReportInputs, deps: ReportDependencies): Promise<ReportResult> {
  const { logger, run } = deps;
  const started = performance.now();
  const scratch = await mkdtemp(join(run.runnerTemp, 'iac-report-'));
  const [artifacts, audit, jobs, metrics] = await Promise.all([
    gatherArtifacts(inputs.artifactPrefix, join(scratch, 'artifacts'), deps),
    gatherAuditTrail(inputs.artifactPrefix, join(scratch, 'audit-parts'), deps),
    deps.github
      ? readRunJobs(deps.github, run, logger)
      : Promise.resolve({
          jobs: [],
          note: 'No github-token was given: stages are reported from their artifacts alone.',
        }),
    readMetrics(inputs, deps),
  ]);
  const model = buildModel({
    title: inputs.title,
    run,
    workflow: deps.workflow,
    artifacts,
    jobs: jobs.jobs,
    jobsNote: jobs.note,
    now: deps.now(),
  });
  model.audit = audit;
  if (metrics) {
    model.metricsSection = metrics.metrics
      ? { metrics: metrics.metrics }
      : { problem: metrics.problem ?? 'the metrics were not computed' };
  }

  let backupProblem: string | undefined;
  if (inputs.backupState) {
    try {
      const backup = await backupState(
        {
          workingDirectory: inputs.workingDirectory,
          relativeDir: toWorkspacePath(run.workspace, inputs.workingDirectory),
          binary: inputs.binary,
          backendConfig: inputs.backendConfig,
          encryptionKey: inputs.encryptionKey,
          artifactName: `${inputs.artifactPrefix}-state-backup`,
          scratch: join(scratch, 'backup'),
        },
        deps,
      );
      model.backup = backup ?? { problem: 'there was no state to back up' };
    } catch (error) {
      backupProblem = errorMessage(error);
      model.backup = { problem: backupProblem };
    }
  }

  const dir = join(scratch, 'report');
  await mkdir(dir, { recursive: true });
  const markdown = renderMarkdown(model);
  const paths = {
    markdownPath: join(dir, 'report.md'),
    htmlPath: join(dir, 'report.html'),
    jsonPath: join(dir, 'report.json'),
    scriptPath: join(dir, 'reproduce.sh'),
  };
  await Promise.all([
    writeFile(paths.markdownPath, markdown),
    writeFile(paths.htmlPath, renderHtml(model)),
    writeFile(paths.jsonPath, `${JSON.stringify(reportJson(model), null, 2)}\n`),
    writeFile(paths.scriptPath, renderReproduceScript(model), { mode: 0o755 }),
  ]);
  const metricsPath = metrics?.metrics ? join(dir, METRICS_FILE) : undefined;
  if (metricsPath) await writeFile(metricsPath, `${JSON.stringify(metrics?.metrics, null, 2)}\n`);
  const buildMs = performance.now() - started;

  const artifactName = `${inputs.artifactPrefix}-report`;
  await deps.artifacts.upload(
    artifactName,
    [...REPORT_FILES.map((f) => join(dir, f)), ...(metricsPath ? [metricsPath] : [])],
    dir,
  );
  logger.info(`The report is ${model.outcome}: uploaded as ${artifactName}.`);

  const auditDir = join(scratch, 'audit');
  await mkdir(auditDir, { recursive: true });
  const auditPath =
    audit.events.length > 0
      ? await writeAuditTrail(audit, inputs.artifactPrefix, auditDir, deps.artifacts)
      : undefined;
  let auditDelivered: boolean | undefined;
  if (inputs.auditWebhook && inputs.auditWebhookSecret) {
    auditDelivered = await sendAuditTrail(
      inputs.auditWebhook,
      inputs.auditWebhookSecret,
      auditDelivery(audit, model.run, deps.now()),
      {
        fetch: deps.fetch,
        logger,
        ...(deps.webhookMinTimeoutMs !== undefined ? { minTimeoutMs: deps.webhookMinTimeoutMs } : {}),
      },
    );
  }

  let notified: boolean | undefined;
  if (inputs.webhookUrl) {
    notified = await notify(inputs.webhookUrl, inputs.webhookKind, model, {
      fetch: deps.fetch,
      logger,
      ...(deps.webhookMinTimeoutMs !== undefined ? { minTimeoutMs: deps.webhookMinTimeoutMs } : {}),
    });
  }
  return {
    model,
    dir,
    ...paths,
    markdown,
    artifactName,
    ...(notified !== undefined ? { notified } : {}),
    ...(auditPath ? { auditPath } : {}),
    ...(auditDelivered !== undefined ? { auditDelivered } : {}),
    ...(metricsPath ? { metricsPath } : {}),
    ...(backupProblem ? { backupProblem } : {}),
    buildMs,
  };
}

/**
 * The delivery metrics, when asked for: src/metrics/ is loaded only then (start-up time is measured, and
 * most report runs never compute them). Nothing there throws: a refusal is a warning, and the report
 * goes out without the metrics.
 */
async function readMetrics(
  inputs: ReportInputs,
  deps: ReportDependencies,
): Promise<MetricsOutcome | undefined> {
  if (!inputs.metrics) return undefined;
  if (!deps.github || !inputs.environment) {
    // The input rules refuse this before the step runs; a caller of buildReport may still get here.
    return { problem: 'metrics need github-token and environment', deploymentPages: 0, ms: 0 };
  }
  const { deliveryMetrics } = await import('../metrics/index.js');
  return deliveryMetrics(
    {
      environment: inputs.environment,
      windowDays: inputs.metricsWindowDays,
      targets: inputs.metricsTargets,
      driftLabels: inputs.driftLabels,
    },
    { github: deps.github, run: deps.run, now: deps.now, logger: deps.logger },
  );
}
