import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../tools.js';
import { condition, interpolate, interpolateString, type Contexts } from './expressions.js';
import type { Job, StepResult, WorkflowRun } from './runner.js';

/**
 * Runs a workflow's job graph with the runner harness, as GitHub would schedule it: jobs in the order
 * their `needs` allow, `if:` with GitHub's status rules, matrices from `include`, reusable workflows
 * called with their inputs, secrets and outputs, and each step of the suite's own actions run as its
 * bundled action in that job's own workspace. What the harness cannot do it refuses by name rather
 * than pretending: a `run:` step, a third-party action, a matrix of axes.
 *
 * `actions/checkout` copies a directory that stands for the repository and, given a `ref:`, checks that
 * commit out in the copy; `environment:` calls a hook (the place a test records a reviewer's approval of
 * that job).
 */

const execFileAsync = promisify(execFile);

export type JobResult = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface JobRecord {
  /** `wave-1 / apply` for a job of a called workflow, by the jobs' ids. */
  path: string;
  /** The name GitHub shows and the jobs API lists: `wave 1 / apply vms` for one matrix leg of it. */
  name: string;
  result: JobResult;
  outputs: Record<string, string>;
  matrix?: Record<string, unknown>;
  environment?: string;
  concurrency?: string;
  steps: StepResult[];
  job?: Job;
}

export interface WorkflowOutcome {
  result: JobResult;
  outputs: Record<string, string>;
  jobs: JobRecord[];
}

export interface WorkflowCall {
  /** The workflow file, relative to the repository root of the suite (`.github/workflows/x.yml`). */
  file: string;
  inputs?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  /** `secrets: inherit`: every secret of the caller passes, declared or not. */
  inheritSecrets?: boolean;
}

export interface PipelineHooks {
  /** The directory `actions/checkout` copies into a job's workspace. */
  checkout: string;
  /** Before a job's first step: seeds its tool cache, say. */
  prepareJob?: (job: Job) => Promise<void>;
  /** Before a job that runs under `environment:` starts: where its reviewers would approve it. */
  environment?: (name: string, job: Job) => Promise<void>;
  onJobStart?: (record: Pick<JobRecord, 'path' | 'name'>) => void;
  onJobEnd?: (record: JobRecord) => void;
}

interface WorkflowDocument {
  on?: {
    workflow_call?: {
      inputs?: Record<string, InputSpec>;
      secrets?: Record<string, { required?: boolean } | null>;
      outputs?: Record<string, { value: string }>;
    };
  };
  jobs: Record<string, JobDocument>;
}
interface InputSpec {
  type?: 'string' | 'number' | 'boolean';
  default?: unknown;
  required?: boolean;
}
interface JobDocument {
  name?: string;
  needs?: string | string[];
  if?: string | boolean;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: 'inherit' | Record<string, string>;
  environment?: string | Record<string, string>;
  concurrency?: string | Record<string, string>;
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean };
  outputs?: Record<string, string>;
  steps?: StepDocument[];
}
interface StepDocument {
  id?: string;
  name?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

const SUITE = 'iac-pipeline/iac-pipeline';

/** Reads a workflow file of this repository. */
export function readWorkflow(file: string): WorkflowDocument {
  return parseYaml(readFileSync(join(repoRoot, file), 'utf8')) as WorkflowDocument;
}

/**
 * The secrets a called workflow receives, refused as GitHub refuses the call before any job runs: a secret it
 * does not declare under `on.workflow_call.secrets`, or a `required` one left out. With `secrets: inherit`
 * every secret of the caller passes, declared or not.
 */
export function callSecrets(call: WorkflowCall, document: WorkflowDocument): Record<string, string> {
  const given = call.secrets ?? {};
  if (call.inheritSecrets) return given;
  const specs = document.on?.workflow_call?.secrets ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in specs)) throw new Error(`${call.file} declares no secret ${name}`);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec?.required && !(name in given)) throw new Error(`${call.file} requires the secret ${name}`);
  }
  return given;
}

/** The jobs of a workflow in an order their `needs` allow (file order among the ready ones). */
export function jobOrder(document: WorkflowDocument): string[] {
  const ids = Object.keys(document.jobs);
  const done: string[] = [];
  while (done.length < ids.length) {
    const ready = ids.find(
      (id) => !done.includes(id) && needsOf(document.jobs[id]).every((need) => done.includes(need)),
    );
    if (!ready)
      throw new Error(`the jobs' needs form a cycle: ${ids.filter((id) => !done.includes(id)).join(', ')}`);
    done.push(ready);
  }
  return done;
}

function needsOf(job: JobDocument | undefined): string[] {
  const needs = job?.needs ?? [];
  return typeof needs === 'string' ? [needs] : needs;
}

/** Which workflow file a `uses:` of a job calls: the suite's own, by its path in this repository. */
function calledWorkflow(uses: string): string {
  const match = new RegExp(`^(?:${SUITE}/|\\./)(\\.github/workflows/[\\w.-]+\\.ya?ml)(?:@.+)?$`).exec(uses);
  if (!match?.[1]) throw new Error(`the harness calls the suite's own reusable workflows only, not ${uses}`);
  return match[1];
}

/** Which action a step's `uses:` names, as the harness's actionDirectory() takes it. */
function stepAction(uses: string): string | 'checkout' {
  if (/^actions\/checkout@/.test(uses)) return 'checkout';
  if (new RegExp(`^${SUITE}@`).test(uses)) return 'setup';
  const match = new RegExp(`^${SUITE}/actions/([\\w-]+)@`).exec(uses);
  if (match?.[1]) return match[1];
  throw new Error(`the harness runs the suite's own actions and actions/checkout only, not ${uses}`);
}

/** `environment:` and `concurrency:` are a string or a mapping whose `name`/`group` is that string. */
function nameOf(
  value: string | Record<string, string> | undefined,
  field: 'name' | 'group',
  contexts: Contexts,
): string | undefined {
  if (!value) return undefined;
  return interpolateString(typeof value === 'string' ? value : value[field], contexts) || undefined;
}

/**
 * What actions/checkout does with a `ref:`: the copy holds the repository's whole history, so an older
 * commit is git's own checkout, detached as actions/checkout leaves a commit it was given. Returns why git
 * could not (the ref is not in the repository), or undefined.
 */
export async function checkoutRef(workspace: string, ref: string): Promise<string | undefined> {
  // A ref never starts with a dash (git check-ref-format); refusing one keeps it from being read as an option.
  if (ref.startsWith('-')) return `the ref ${ref} does not exist in the repository`;
  try {
    await execFileAsync('git', ['checkout', '--quiet', '--force', '--detach', ref], { cwd: workspace });
    return undefined;
  } catch (error) {
    // One line: git's message ends up in an annotation, which is one line.
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    return `the ref ${ref} does not exist in the repository${stderr ? ` (git: ${stderr})` : ''}`;
  }
}

/** A step the harness ran itself (not as an action's process) that failed, as the runner would show it. */
function failedStep(id: string, message: string): StepResult {
  return {
    id,
    phase: 'main',
    exitCode: 1,
    outputs: {},
    state: {},
    env: {},
    path: [],
    summary: '',
    summaryDropped: false,
    errors: [{ message, properties: {} }],
    warnings: [],
    notices: [],
    debug: [],
    masks: [],
    groups: [],
    log: `::error::${message}\n`,
    rawLog: `::error::${message}\n`,
    durationMs: 0,
  };
}

export class PipelineRunner {
  constructor(
    readonly run: WorkflowRun,
    readonly hooks: PipelineHooks,
  ) {}

  private get githubContext(): Record<string, unknown> {
    const { run } = this;
    const [owner = ''] = run.repository.split('/');
    return {
      event_name: run.options.eventName ?? 'push',
      event: run.options.event ?? {},
      repository: run.repository,
      repository_owner: owner,
      run_id: String(run.runId),
      run_attempt: String(run.runAttempt),
      sha: run.sha,
      ref: run.ref,
      actor: run.options.actor ?? 'octocat',
      token: run.token,
      workflow: run.options.workflow ?? 'iac',
      server_url: 'https://github.com',
      api_url: run.options.apiUrl ?? '',
    };
  }

  /**
   * Runs a reusable workflow as a caller's `uses:` job would, and everything it calls in turn. Its jobs are
   * named as GitHub names them, after the calling jobs: `wave 1 / plan network`.
   */
  async call(call: WorkflowCall, path = '', callerName = ''): Promise<WorkflowOutcome> {
    const document = readWorkflow(call.file);
    const inputs = this.callInputs(call, document);
    const secrets = { ...callSecrets(call, document), GITHUB_TOKEN: this.run.token };
    const records: JobRecord[] = [];
    const results: Record<string, { result: JobResult; outputs: Record<string, string> }> = {};

    for (const id of jobOrder(document)) {
      const job = document.jobs[id] as JobDocument;
      const needs = Object.fromEntries(needsOf(job).map((need) => [need, results[need]]));
      const contexts: Contexts = { github: this.githubContext, inputs, needs };
      // A job whose needs did not all succeed is skipped unless its `if:` says otherwise.
      const status = {
        success: Object.values(needs).every((n) => n?.result === 'success'),
        failure: Object.values(needs).some((n) => n?.result === 'failure'),
      };
      const runs = condition(job.if, contexts, status);
      const jobPath = path ? `${path} / ${id}` : id;
      if (!runs) {
        results[id] = { result: 'skipped', outputs: {} };
        const record: JobRecord = { path: jobPath, name: id, result: 'skipped', outputs: {}, steps: [] };
        records.push(record);
        this.hooks.onJobEnd?.(record);
        continue;
      }

      if (job.uses) {
        const name = job.name ? interpolateString(job.name, contexts) : id;
        const called = await this.call(
          {
            file: calledWorkflow(job.uses),
            inputs: Object.fromEntries(
              Object.entries(job.with ?? {}).map(([name, value]) => [
                name,
                interpolate(value, contexts) as string | number | boolean,
              ]),
            ),
            inheritSecrets: job.secrets === 'inherit',
            secrets:
              job.secrets === 'inherit'
                ? (call.secrets ?? {})
                : Object.fromEntries(
                    Object.entries(job.secrets ?? {}).map(([name, value]) => [
                      name,
                      interpolateString(value, { ...contexts, secrets }),
                    ]),
                  ),
          },
          jobPath,
          callerName ? `${callerName} / ${name}` : name,
        );
        records.push(...called.jobs);
        results[id] = { result: called.result, outputs: called.outputs };
        continue;
      }

      const legs = await this.runJob(id, jobPath, callerName, job, contexts, secrets);
      records.push(...legs);
      const failed = legs.some((leg) => leg.result === 'failure');
      // A matrix job's outputs are those its legs set; a later leg's value wins, as on GitHub.
      const outputs = Object.assign({}, ...legs.map((leg) => leg.outputs)) as Record<string, string>;
      results[id] = { result: failed ? 'failure' : 'success', outputs };
    }

    const outputs = Object.fromEntries(
      Object.entries(document.on?.workflow_call?.outputs ?? {}).map(([name, spec]) => [
        name,
        interpolateString(spec.value, { github: this.githubContext, inputs, jobs: results }),
      ]),
    );
    const result: JobResult = Object.values(results).some((r) => r.result === 'failure')
      ? 'failure'
      : 'success';
    return { result, outputs, jobs: records };
  }

  private callInputs(call: WorkflowCall, document: WorkflowDocument): Record<string, unknown> {
    const specs = document.on?.workflow_call?.inputs ?? {};
    for (const name of Object.keys(call.inputs ?? {})) {
      if (!(name in specs)) throw new Error(`${call.file} has no input ${name}`);
    }
    return Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => {
        const given = call.inputs?.[name];
        if (given === undefined && spec.required) throw new Error(`${call.file} requires the input ${name}`);
        const value =
          given ?? spec.default ?? (spec.type === 'boolean' ? false : spec.type === 'number' ? 0 : '');
        return [
          name,
          spec.type === 'number'
            ? Number(value)
            : spec.type === 'boolean'
              ? value === true || value === 'true'
              : String(value),
        ];
      }),
    );
  }

  private async runJob(
    id: string,
    path: string,
    callerName: string,
    document: JobDocument,
    contexts: Contexts,
    secrets: Record<string, string>,
  ): Promise<JobRecord[]> {
    let legs: Array<Record<string, unknown> | undefined> = [undefined];
    if (document.strategy?.matrix !== undefined) {
      // `matrix:` may itself be one expression; its `include:` usually is.
      const matrix = (interpolate(document.strategy.matrix, contexts) ?? {}) as Record<string, unknown>;
      if (Object.keys(matrix).some((key) => key !== 'include')) {
        throw new Error(`${path}: the harness expands matrix include lists only`);
      }
      const include = interpolate(matrix.include, contexts);
      if (!Array.isArray(include) || include.length === 0) {
        throw new Error(`${path}: the matrix include list is empty or not a list`);
      }
      legs = include as Array<Record<string, unknown>>;
    }

    const records: JobRecord[] = [];
    for (const leg of legs) {
      const legContexts: Contexts = { ...contexts, ...(leg ? { matrix: leg } : {}) };
      const ownName = document.name ? interpolateString(document.name, legContexts) : id;
      const name = callerName ? `${callerName} / ${ownName}` : ownName;
      this.hooks.onJobStart?.({ path, name });
      const job = await this.run.job(name);
      await this.hooks.prepareJob?.(job);
      const environment = nameOf(document.environment, 'name', legContexts);
      if (environment) await this.hooks.environment?.(environment, job);
      const concurrency = nameOf(document.concurrency, 'group', legContexts);

      const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> =
        {};
      const stepResults: StepResult[] = [];
      let failed = false;
      for (const [index, step] of (document.steps ?? []).entries()) {
        const stepContexts: Contexts = { ...legContexts, steps, secrets, env: job.env };
        if (!condition(step.if, stepContexts, { success: !failed, failure: failed })) continue;
        if (step.run !== undefined)
          throw new Error(`${path}: the harness runs no run: steps (step ${index + 1})`);
        const action = stepAction(step.uses ?? '');
        if (action === 'checkout') {
          await cp(this.hooks.checkout, job.workspace, { recursive: true });
          // Empty on a push (`github.event.pull_request.head.sha`): the copy as it is, the newest commit.
          const ref = interpolateString(step.with?.ref, stepContexts);
          const refused = ref ? await checkoutRef(job.workspace, ref) : undefined;
          if (refused) {
            stepResults.push(
              failedStep(step.id ?? `__checkout_${index + 1}`, `actions/checkout: ${refused}`),
            );
            failed = true;
          }
          continue;
        }
        const stepId = step.id ?? `__${action.replace(/\W/g, '_')}_${index + 1}`;
        const result = await job.step(action, {
          id: stepId,
          with: Object.fromEntries(
            Object.entries(step.with ?? {}).map(([input, value]) => [
              input,
              interpolateString(value, stepContexts),
            ]),
          ),
          env: Object.fromEntries(
            Object.entries(step.env ?? {}).map(([variable, value]) => [
              variable,
              interpolateString(value, stepContexts),
            ]),
          ),
        });
        stepResults.push(result);
        const outcome = result.exitCode === 0 && (result.pre?.exitCode ?? 0) === 0 ? 'success' : 'failure';
        steps[stepId] = { outputs: result.outputs, outcome, conclusion: outcome };
        if (outcome === 'failure') failed = true;
      }
      await job.complete();
      const result: JobResult = failed || !job.succeeded ? 'failure' : 'success';
      const outputs = Object.fromEntries(
        Object.entries(document.outputs ?? {})
          .map(([output, value]) => [output, interpolateString(value, { ...legContexts, steps })])
          .filter(([, value]) => value !== ''),
      ) as Record<string, string>;
      const record: JobRecord = {
        path,
        name,
        result,
        outputs,
        steps: stepResults,
        job,
        ...(leg ? { matrix: leg } : {}),
        ...(environment ? { environment } : {}),
        ...(concurrency ? { concurrency } : {}),
      };
      records.push(record);
      this.hooks.onJobEnd?.(record);
    }
    return records;
  }
}
