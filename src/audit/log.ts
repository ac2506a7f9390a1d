import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { actionsArtifactStore, type ArtifactStore } from '../artifacts/store.js';
import {
  AUDIT_EVENT_SCHEMA,
  AUDIT_FILE,
  auditDetail,
  validateAuditEvent,
  type AuditAction,
  type AuditEvent,
  type AuditOutcome,
} from '../contracts/audit-event.js';
import { errorMessage, isConfigurationError, StepFailure } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SUITE_VERSION } from '../core/version.js';
import { Redactor } from '../secrets/redact.js';

/**
 * The audit log of one step: the lifecycle events it records as it goes, written when the step ends,
 * however it ends, as one artifact `<prefix>-audit-<step>-<stack>-<attempt>-<random>` whose
 * audit.jsonl the report gathers into the run's trail. The random part keeps two steps of one run
 * (a matrix, a re-run job) from ever colliding on a name: nobody looks a part up by its name.
 *
 * An event is opened when its step starts and finished when the step knows how it went; one still
 * open when the step ends is written as a failure. An event that is decided at once (an approval) is
 * recorded whole, so that it is in the trail even when the step fails after it.
 */

/** What a step knows about an event; the rest (actor, commit, run) comes from the run. */
export interface AuditFields {
  /** Absent for a step of a whole environment (a release, a promotion, a rollback). */
  stack?: string | undefined;
  environment?: string | undefined;
  planDigest?: string | undefined;
  /** The approver or overrider; default: who triggered the run. */
  actor?: string | undefined;
  approvers?: readonly string[] | undefined;
  detail?: string | undefined;
}

export interface OpenAuditEvent {
  /** Adds what the step learnt since it opened the event (the digest once the bundle is read). */
  update(fields: Partial<AuditFields> & { action?: AuditAction }): void;
  finish(outcome: AuditOutcome, detail?: string): void;
}

export interface AuditLog {
  begin(action: AuditAction, fields: AuditFields): OpenAuditEvent;
  /** An event that is over as soon as it happens; `startedAt` defaults to now. */
  record(
    action: AuditAction,
    fields: AuditFields & { outcome: AuditOutcome; startedAt?: Date | undefined },
  ): void;
}

/** For domain code run without an audit log (unit tests, the modes that plan nothing). */
export const NO_AUDIT: AuditLog = {
  begin: () => ({ update: () => undefined, finish: () => undefined }),
  record: () => undefined,
};

export interface AuditLogOptions {
  artifactPrefix: string;
  /** The action, as the part's name says it: `tf-plan`. */
  step: string;
  run: RunContext;
  artifacts: ArtifactStore;
  logger: Logger;
  now?: () => Date;
}

interface Draft {
  action: AuditAction;
  fields: AuditFields;
  startedAt: Date;
  finishedAt?: Date;
  outcome?: AuditOutcome;
}

/**
 * Why a step ended with an open event. Fixed words, never the error's message: a tool's error can quote
 * a resource's value, and the run's log (the event's runUrl) has the whole story for whoever may read it.
 */
function endedBecause(error: unknown): string {
  if (error === undefined) return 'The step ended before the event was finished.';
  if (isConfigurationError(error))
    return 'Refused: the step stopped on an input or a check; the run log says why.';
  if (error instanceof StepFailure) return 'The step failed; the run log says why.';
  return 'The step failed unexpectedly; the run log says why.';
}

/**
 * Runs a step with an audit log, and writes the log when it ends, also when it throws (then rethrown).
 * The logger the step gets collects the values it masks, so that no event carries one. Writing the
 * log never fails the step: the step's own artifacts and outputs are the record of what it did.
 */
export async function withAuditLog<T>(
  options: AuditLogOptions,
  body: (audit: AuditLog, logger: Logger) => Promise<T>,
): Promise<T> {
  const now = options.now ?? (() => new Date());
  const redactor = new Redactor();
  const given = options.logger;
  const logger: Logger = {
    debug: (message) => given.debug(message),
    info: (message) => given.info(message),
    notice: (message, properties) => given.notice(message, properties),
    warning: (message, properties) => given.warning(message, properties),
    error: (message, properties) => given.error(message, properties),
    mask: (secret) => {
      redactor.add(secret);
      given.mask(secret);
    },
    group: (name, body) => given.group(name, body),
  };
  const drafts: Draft[] = [];
  const audit: AuditLog = {
    begin(action, fields) {
      const draft: Draft = { action, fields: { ...fields }, startedAt: now() };
      drafts.push(draft);
      return {
        update({ action: renamed, ...more }) {
          if (renamed) draft.action = renamed;
          Object.assign(draft.fields, more);
        },
        finish(outcome, detail) {
          if (draft.outcome) return;
          draft.outcome = outcome;
          draft.finishedAt = now();
          if (detail !== undefined) draft.fields.detail = detail;
        },
      };
    },
    record(action, { outcome, startedAt, ...fields }) {
      const at = now();
      drafts.push({ action, fields, startedAt: startedAt ?? at, finishedAt: at, outcome });
    },
  };
  let failure: { error: unknown } | undefined;
  try {
    return await body(audit, logger);
  } catch (error) {
    failure = { error };
    throw error;
  } finally {
    const ended = now();
    const events = drafts.map((draft) =>
      toEvent(draft, options.run, redactor, {
        outcome: draft.outcome ?? 'failure',
        finishedAt: draft.finishedAt ?? ended,
        ...(draft.outcome ? {} : { detail: endedBecause(failure?.error) }),
      }),
    );
    if (events.length > 0) await writeAuditPart(events, options, logger);
  }
}

/** What an audited step's use case gets besides the action's context: the store, and the audit log. */
export interface AuditedStepDependencies {
  /** The step's logger: it collects what the use case masks, so that no event carries it. */
  logger: Logger;
  artifacts: ArtifactStore;
  audit: AuditLog;
}

/**
 * The wiring every audited action shares (run.ts): the artifact store over @actions/artifact, and the
 * use case run with the step's audit log, written as `<prefix>-audit-<step>-…` however the step ends.
 * Run.ts loads this module once its inputs are read, with the use case: a refused input loads neither.
 */
export function auditedStep<C extends { run: RunContext; logger: Logger }, T>(
  step: string,
  artifactPrefix: string,
  context: C,
  body: (context: Omit<C, keyof AuditedStepDependencies> & AuditedStepDependencies) => Promise<T>,
  artifacts: ArtifactStore = actionsArtifactStore(),
): Promise<T> {
  return withAuditLog(
    { artifactPrefix, step, run: context.run, artifacts, logger: context.logger },
    (audit, logger) => body({ ...context, logger, artifacts, audit }),
  );
}

function toEvent(
  draft: Draft,
  run: RunContext,
  redactor: Redactor,
  end: { outcome: AuditOutcome; finishedAt: Date; detail?: string },
): AuditEvent {
  const { fields } = draft;
  const detail = end.detail ?? fields.detail;
  const approvers = fields.approvers?.filter((login) => login !== '');
  const event = {
    schema: AUDIT_EVENT_SCHEMA,
    id: randomUUID(),
    producer: { action: 'iac-pipeline', version: SUITE_VERSION },
    action: draft.action,
    actor: fields.actor || run.triggeringActor || run.actor || 'unknown',
    ...(approvers && approvers.length > 0 ? { approvers } : {}),
    ...(fields.stack ? { stack: fields.stack } : {}),
    ...(fields.environment ? { environment: fields.environment } : {}),
    ...(fields.planDigest ? { planDigest: fields.planDigest } : {}),
    commit: run.sha,
    outcome: end.outcome,
    ...(detail ? { detail: auditDetail(detail) } : {}),
    startedAt: draft.startedAt.toISOString(),
    finishedAt: end.finishedAt.toISOString(),
    repository: `${run.owner}/${run.repo}`,
    runId: run.runId,
    runAttempt: run.runAttempt,
    runUrl: run.runUrl,
  };
  // Redacted before it is checked, so that a cut detail cannot end inside a hidden value.
  return validateAuditEvent({ ...redactor.redactDeep(event), schema: AUDIT_EVENT_SCHEMA });
}

/** The artifact name of one step's events: `<prefix>-audit-<step>-<stack>-<attempt>-<random>`. */
export function auditPartName(prefix: string, step: string, stack: string, attempt: number): string {
  return `${prefix}-audit-${step}-${stack}-${attempt}-${randomBytes(4).toString('hex')}`;
}

async function writeAuditPart(
  events: readonly AuditEvent[],
  options: AuditLogOptions,
  logger: Logger,
): Promise<void> {
  const stack = events[0]?.stack ?? events[0]?.environment ?? 'run';
  const name = auditPartName(options.artifactPrefix, options.step, stack, options.run.runAttempt);
  try {
    const dir = await mkdtemp(join(options.run.runnerTemp, 'iac-audit-'));
    const path = join(dir, AUDIT_FILE);
    await writeFile(path, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await options.artifacts.upload(name, [path], dir);
    logger.info(`Audit: ${events.map((e) => `${e.action} ${e.outcome}`).join(', ')} (artifact ${name}).`);
  } catch (error) {
    logger.warning(
      `The audit events of this step (${events.map((e) => e.action).join(', ')}) were not uploaded: ${errorMessage(error)}.`,
      { title: 'Audit events not written' },
    );
  }
}
