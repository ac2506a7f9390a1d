import { createHmac, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { ArtifactStore } from '../artifacts/store.js';
import { AUDIT_ACTIONS, AUDIT_FILE, readAuditEvent, type AuditEvent } from '../contracts/audit-event.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { postJson, type PostJsonDependencies } from '../core/post-json.js';
import { SUITE_VERSION } from '../core/version.js';

/**
 * The run's audit trail: every step's events (their `<prefix>-audit-*` artifacts), read with their
 * contract, in the order they happened, written as one `<prefix>-audit` artifact by the report and
 * sent, signed, to a receiver when one is given. A part that cannot be read is kept as a problem, so
 * that the trail says it is incomplete instead of looking whole.
 */

export interface AuditTrail {
  events: AuditEvent[];
  /** Parts that could not be downloaded or read, with why. */
  problems: Array<{ artifact: string; problem: string }>;
}

/** The trail's own artifact, which the report writes: `<prefix>-audit`. */
export function auditTrailName(prefix: string): string {
  return `${prefix}-audit`;
}

/** Within one instant, the order the lifecycle gives: a plan before its policy result before its approval. */
const ACTION_RANK = new Map<string, number>(AUDIT_ACTIONS.map((action, index) => [action, index]));

export function orderEvents(events: readonly AuditEvent[]): AuditEvent[] {
  const unique = new Map(events.map((e) => [e.id, e]));
  return [...unique.values()].sort(
    (a, b) =>
      Date.parse(a.startedAt) - Date.parse(b.startedAt) ||
      Date.parse(a.finishedAt) - Date.parse(b.finishedAt) ||
      (ACTION_RANK.get(a.action) ?? 0) - (ACTION_RANK.get(b.action) ?? 0) ||
      (a.stack ?? '').localeCompare(b.stack ?? ''),
  );
}

/** Reads one part's audit.jsonl: each line one event; a line that is not one names its number. */
export function parseAuditLines(text: string, artifact: string): AuditEvent[] {
  return text
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => readAuditEvent(line, `report (${artifact} line ${number})`));
}

// Downloads run a few at a time, as the report's other artifacts do (report/gather.ts): each is a round
// trip to the results service and a blob fetch, and a run with a matrix can have hundreds of parts.
const CONCURRENT_DOWNLOADS = 4;

export interface GatherAuditDependencies {
  artifacts: ArtifactStore;
  logger: Logger;
}

export async function gatherAuditTrail(
  prefix: string,
  scratch: string,
  deps: GatherAuditDependencies,
): Promise<AuditTrail> {
  const parts = await deps.artifacts.list(`${auditTrailName(prefix)}-`);
  const events: AuditEvent[] = [];
  const problems: AuditTrail['problems'] = [];
  const limit = pLimit(CONCURRENT_DOWNLOADS);
  await Promise.all(
    parts.map((part, index) =>
      limit(async () => {
        const dir = join(scratch, String(index));
        try {
          await mkdir(dir, { recursive: true });
          await deps.artifacts.download(part.name, dir);
          events.push(...parseAuditLines(await readFile(join(dir, AUDIT_FILE), 'utf8'), part.name));
        } catch (error) {
          deps.logger.warning(`Could not read the audit events ${part.name}: ${errorMessage(error)}`);
          problems.push({ artifact: part.name, problem: errorMessage(error) });
        }
      }),
    ),
  );
  problems.sort((a, b) => a.artifact.localeCompare(b.artifact));
  return { events: orderEvents(events), problems };
}

/** Writes the trail as audit.jsonl in `dir` and uploads it as `<prefix>-audit`; returns the file's path. */
export async function writeAuditTrail(
  trail: AuditTrail,
  prefix: string,
  dir: string,
  artifacts: ArtifactStore,
): Promise<string> {
  const path = join(dir, AUDIT_FILE);
  await writeFile(path, trail.events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  await artifacts.upload(auditTrailName(prefix), [path], dir);
  return path;
}

/** What the receiver gets: the run, and the events in order; `incomplete` names the parts not read. */
export function auditDelivery(
  trail: AuditTrail,
  run: { repository: string; runId: number; runAttempt: number; url: string },
  now: Date,
): Record<string, unknown> {
  return {
    schema: 'iac/audit-trail@1',
    producer: { action: 'report', version: SUITE_VERSION },
    repository: run.repository,
    runId: run.runId,
    runAttempt: run.runAttempt,
    runUrl: run.url,
    sentAt: now.toISOString(),
    events: trail.events,
    ...(trail.problems.length > 0 ? { incomplete: trail.problems.map((p) => p.artifact) } : {}),
  };
}

/** The header a receiver checks: as GitHub signs its webhooks, `sha256=` and the HMAC of the raw body. */
export const SIGNATURE_HEADER = 'x-iac-signature-256';

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs the trail to the receiver, signed with the secret; true when it took it. A receiver that
 * stays down is a warning: the `<prefix>-audit` artifact is the record.
 */
export function sendAuditTrail(
  url: string,
  secret: string,
  delivery: Record<string, unknown>,
  deps: PostJsonDependencies,
): Promise<boolean> {
  const body = JSON.stringify(delivery);
  return postJson(
    url,
    {
      body,
      headers: {
        [SIGNATURE_HEADER]: signature(body, secret),
        'x-iac-event': 'audit-trail',
        // The same for every retry of one delivery, so that a receiver can drop a repeat.
        'x-iac-delivery': randomUUID(),
      },
      what: 'the audit trail',
      fallback: 'The audit artifact is the record.',
      title: 'Audit webhook failed',
    },
    deps,
  );
}
