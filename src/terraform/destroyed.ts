import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { artifactName } from '../artifacts/names.js';
import type { ArtifactStore } from '../artifacts/store.js';
import { shortDigest } from '../contracts/digest.js';
import { MANIFEST_FILE, type PlanManifest } from '../contracts/manifest.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import type { DeploymentRecord, DeploymentsApi } from '../github/deployments.js';
import { codeSpan } from '../markdown/escape.js';

/**
 * What a destroy leaves behind, once tf-apply applied a `destroy: true` plan: the outputs artifact says
 * the stack is destroyed (outputs.json `{}` beside destroyed.json), and the stack's deployments in the
 * environment go inactive, so neither a dependent stack's plan nor the environment's page takes the
 * stack for deployed. The report reads destroyed.json (src/report/gather.ts).
 */

export const DESTROYED_FILE = 'destroyed.json';

export const destroyedRecordSchema = z.object({
  stack: z.string().min(1),
  destroyedAt: z.iso.datetime({ offset: true }),
  planDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  runId: z.number().int().positive(),
});
export type DestroyedRecord = z.output<typeof destroyedRecordSchema>;

/** Reads destroyed.json; throws with the file named when it breaks the shape. */
export function readDestroyedRecord(text: string): DestroyedRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${DESTROYED_FILE} is not valid JSON`);
  }
  const parsed = destroyedRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${DESTROYED_FILE}: ${issue?.path.join('.') || 'the document'} ${issue?.message ?? 'is invalid'}`,
    );
  }
  return parsed.data;
}

export interface DestroyedOptions {
  stack: string;
  manifest: PlanManifest;
  artifactPrefix: string;
  /** The environment whose deployments of the stack go inactive; none without `environment`. */
  environment?: string | undefined;
  /** The deployment tf-apply made for this apply, when it made one. */
  deploymentId?: number | undefined;
  /** The addresses the apply deleted. */
  applied: readonly string[];
  scratch: string;
}

export interface DestroyedDependencies {
  artifacts: ArtifactStore;
  logger: Logger;
  run: RunContext;
  deployments?: (() => Promise<DeploymentsApi>) | undefined;
  now?: () => Date;
}

/** What tf-apply's summary says about a destroy. */
export interface DestroyedSummary {
  record: DestroyedRecord;
  artifact: string;
  /** Resources the apply deleted. */
  deleted: number;
  environment?: string | undefined;
  /** The deployments set inactive, newest first. */
  deactivated: number[];
}

export interface DestroyedResult {
  /** What tf-apply's `outputs` output is: a destroyed stack has none. */
  outputs: Record<string, never>;
  outputsPath: string;
  destroyed: DestroyedSummary;
}

/**
 * After a successful apply of a destroy plan: uploads `<prefix>-outputs-<stack>` with an empty
 * outputs.json, destroyed.json and the manifest of the plan applied, then sets the stack's deployments
 * in the environment inactive. In this order: the artifact is what dependent stacks and the report read,
 * so it is out before anything else can fail.
 */
export async function recordDestroyed(
  options: DestroyedOptions,
  deps: DestroyedDependencies,
): Promise<DestroyedResult> {
  const record: DestroyedRecord = {
    stack: options.stack,
    destroyedAt: (deps.now?.() ?? new Date()).toISOString(),
    planDigest: options.manifest.planDigest,
    runId: deps.run.runId,
  };
  const dir = join(options.scratch, 'outputs');
  await mkdir(dir, { recursive: true });
  const outputsPath = join(dir, 'outputs.json');
  const files = {
    [outputsPath]: '{}\n',
    [join(dir, DESTROYED_FILE)]: `${JSON.stringify(record, null, 2)}\n`,
    [join(dir, MANIFEST_FILE)]: `${JSON.stringify(options.manifest, null, 2)}\n`,
  };
  for (const [path, text] of Object.entries(files)) await writeFile(path, text);
  const artifact = artifactName(options.artifactPrefix, 'outputs', options.stack);
  await deps.artifacts.upload(artifact, Object.keys(files), dir);
  deps.logger.info(`Uploaded ${artifact}: ${options.stack} is destroyed, with no outputs.`);

  const deactivated =
    options.environment && deps.deployments
      ? await deactivateStack(await deps.deployments(), {
          environment: options.environment,
          stack: options.stack,
          deploymentId: options.deploymentId,
          description: `${options.stack} destroyed by plan ${shortDigest(options.manifest.planDigest)}`,
        })
      : [];
  if (options.environment) {
    deps.logger.info(
      deactivated.length > 0
        ? `Set ${deactivated.length} deployment(s) of ${options.stack} in ${options.environment} inactive: ${deactivated.join(', ')}.`
        : `No deployment of ${options.stack} in ${options.environment} was active.`,
    );
  }
  return {
    outputs: {},
    outputsPath,
    destroyed: {
      record,
      artifact,
      deleted: options.applied.length,
      environment: options.environment,
      deactivated,
    },
  };
}

/** The payload's stack, for deployments created with an object or with JSON text. */
function stackOf(deployment: DeploymentRecord): string | undefined {
  let payload = deployment.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload) as unknown;
    } catch {
      return undefined;
    }
  }
  const stack = (payload as { stack?: unknown } | null | undefined)?.stack;
  return typeof stack === 'string' ? stack : undefined;
}

/** A deployment whose latest status is one of these still shows as deployed on the environment's page. */
const ACTIVE_STATES = new Set(['success', 'in_progress', 'queued', 'pending']);

/** The latest of a deployment's statuses; GitHub lists them newest first, but ties are read by time. */
function latestState(statuses: ReadonlyArray<{ state: string; created_at: string }>): string {
  // A deployment without any status is pending, as GitHub shows it.
  let latest: { state: string; created_at: string } | undefined;
  for (const status of statuses) {
    if (!latest || Date.parse(status.created_at) > Date.parse(latest.created_at)) latest = status;
  }
  return latest?.state ?? 'pending';
}

/**
 * Sets inactive the deployment made for this destroy and every earlier deployment of the same stack
 * (the payload's `stack`) still active in the environment. Releases, whose payload is a release record
 * rather than one stack's apply, are the releases domain's and are left alone; so is any deployment of
 * the stack made after this one. Returns the ids set inactive, newest first.
 */
export async function deactivateStack(
  api: DeploymentsApi,
  target: { environment: string; stack: string; deploymentId?: number | undefined; description: string },
): Promise<number[]> {
  const listed = await api.list(target.environment);
  const at = target.deploymentId === undefined ? 0 : listed.findIndex((d) => d.id === target.deploymentId);
  // Newest first: this deployment, then the earlier ones; when it is not listed, all of them.
  const candidates = listed.slice(Math.max(at, 0)).filter((d) => stackOf(d) === target.stack);
  const active: number[] = [];
  for (const deployment of candidates) {
    if (ACTIVE_STATES.has(latestState(await api.statuses(deployment.id)))) active.push(deployment.id);
  }
  for (const id of active) await api.setStatus(id, 'inactive', target.description);
  return active;
}

/** The job summary of an apply that destroyed the stack. */
export function destroyedSummary(summary: DestroyedSummary, manifest: PlanManifest): string {
  const { record } = summary;
  const deployments = summary.environment
    ? [
        '',
        summary.deactivated.length > 0
          ? `Deployments of ${codeSpan(record.stack)} in ${codeSpan(summary.environment)} set inactive: ${summary.deactivated.length}.`
          : `No deployment of ${codeSpan(record.stack)} in ${codeSpan(summary.environment)} was active.`,
      ]
    : [];
  return [
    `## Destroyed ${codeSpan(record.stack)} (workspace ${codeSpan(manifest.workspace)})`,
    '',
    `Resources destroyed: ${summary.deleted}, at ${record.destroyedAt}.`,
    '',
    `Plan digest ${codeSpan(record.planDigest)}, planned at commit ${codeSpan(manifest.commit.slice(0, 12))}.`,
    '',
    `The outputs artifact ${codeSpan(summary.artifact)} says the stack is destroyed: its outputs.json is empty, beside ${DESTROYED_FILE}.`,
    ...deployments,
    '',
  ].join('\n');
}
