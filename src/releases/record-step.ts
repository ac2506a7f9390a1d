import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactName } from '../artifacts/names.js';
import type { ArtifactStore } from '../artifacts/store.js';
import { BUILD_METADATA_FILE, readBuildMetadata, type BuildMetadata } from '../contracts/build-metadata.js';
import { shortDigest } from '../contracts/digest.js';
import { MANIFEST_FILE, readPlanManifest, type PlanManifest } from '../contracts/manifest.js';
import { RELEASE_FILE, type Release, type ReleaseSource } from '../contracts/release.js';
import { readSmokeResults, SMOKE_RESULTS_FILE, type SmokeResults } from '../contracts/smoke.js';
import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SUITE_VERSION } from '../core/version.js';
import type { DeploymentsApi } from '../github/deployments.js';
import { cellCode, headingText, codeSpan } from '../markdown/escape.js';
import { imageIdentifier, releaseOfDeployment } from './binding.js';
import { readReleaseHistory, type DeployedRelease, type ReleaseHistory } from './history.js';
import { describeSource, releaseName, smokeTotals } from './promotion.js';
import { releaseRecord, type Hashed } from './record.js';
import { timeToRestore } from './rollback.js';

/**
 * The release action's record step, after the deployment's last stage: it gathers what the run applied
 * (the plan manifests tf-apply keeps beside the outputs), its image and its smoke results into one
 * `iac/release@1` record, makes it the payload of a new GitHub deployment of the environment, moves
 * that deployment to success (all green) or failure, marks the releases it replaces inactive, and
 * uploads the record as `<prefix>-release-<environment>`. A production smoke failure can start the
 * rollback workflow, once: a rollback that fails starts nothing.
 */

export interface RecordInputs {
  environment: string;
  /** How the deployment's jobs ended: `success` when every wave did. */
  result: 'success' | 'failure' | 'cancelled';
  artifactPrefix: string;
  onSmokeFailure: 'none' | 'rollback';
  rollbackWorkflow: string;
  /** What the stacks' image variable was given (the pipeline's image id or name). */
  imageId?: string | undefined;
}

export interface RecordDependencies {
  logger: Logger;
  run: RunContext;
  artifacts: ArtifactStore;
  deployments: DeploymentsApi;
  /** workflow_dispatch of the rollback workflow. */
  dispatch: (workflow: string, ref: string, inputs: Record<string, string>) => Promise<void>;
  now: () => Date;
}

export interface RecordResult {
  release?: Release;
  deploymentId?: number;
  releasePath?: string;
  rollbackDispatched: boolean;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function recordRelease(inputs: RecordInputs, deps: RecordDependencies): Promise<RecordResult> {
  const { logger, run, artifacts } = deps;
  const scratch = await mkdtemp(join(run.runnerTemp, 'iac-release-'));
  /** A file of an artifact; undefined when the artifact has no such file (a download failure throws). */
  const readOptional = async (name: string, file: string) => {
    const dir = join(scratch, name);
    await mkdir(dir, { recursive: true });
    await artifacts.download(name, dir);
    return readFile(join(dir, file)).catch(() => undefined);
  };
  const read = async (name: string, file: string) => {
    const bytes = await readOptional(name, file);
    if (!bytes) throw new ConfigurationError(`The artifact ${name} has no ${file}`);
    return bytes;
  };

  const prefix = inputs.artifactPrefix;
  const outputs = await artifacts.list(`${prefix}-outputs-`);
  if (outputs.length === 0) {
    logger.notice(
      `No stack was applied in this run, so there is no release of ${inputs.environment} to record.`,
    );
    return { rollbackDispatched: false };
  }
  const manifests: PlanManifest[] = [];
  for (const { name } of outputs) {
    const bytes = await readOptional(name, MANIFEST_FILE);
    if (!bytes) {
      logger.warning(
        `${name} holds no plan manifest (written by an older tf-apply): it is left out of the release.`,
      );
      continue;
    }
    manifests.push(readPlanManifest(bytes, 'release', 'use the same iac-pipeline version in every job'));
  }
  if (manifests.length === 0)
    throw new ConfigurationError(`No artifact ${prefix}-outputs-* holds a plan manifest`);

  const smoke: Array<Hashed<SmokeResults>> = [];
  for (const { name } of await artifacts.list(`${prefix}-smoke-`)) {
    const bytes = await read(name, SMOKE_RESULTS_FILE);
    smoke.push({ document: readSmokeResults(bytes, 'release'), sha256: sha256(bytes) });
  }

  const source = await sourceOf(manifests, deps);
  const images = await artifacts.list(`${prefix}-image-`);
  let image: Hashed<BuildMetadata> | undefined;
  if (images[0]) {
    const bytes = await read(images[0].name, BUILD_METADATA_FILE);
    image = { document: readBuildMetadata(bytes, 'release'), sha256: sha256(bytes) };
  }

  const smokeFailed = smoke.filter((s) => s.document.failedStep).map((s) => s.document.stack);
  const failure =
    smokeFailed.length > 0
      ? `Smoke tests failed for ${smokeFailed.map((s) => `stack ${s}`).join(', ')}.`
      : inputs.result !== 'success'
        ? `The deployment did not finish: a job ended with ${inputs.result}.`
        : undefined;
  const outcome = failure ? 'failure' : 'success';

  const history = await readReleaseHistory(deps.deployments, inputs.environment);
  const replaced = await history.current().catch((error: unknown) => {
    logger.warning(`The release that ran before could not be read: ${(error as Error).message}`);
    return undefined;
  });
  const now = deps.now();
  const restored =
    outcome === 'success' && replaced?.state === 'failure' && replaced.stateAt
      ? timeToRestore(replaced.stateAt, now)
      : undefined;

  let release = releaseRecord({
    producer: { action: 'release', version: SUITE_VERSION },
    environment: inputs.environment,
    run,
    manifests,
    image,
    imageIdentifier: image && inputs.imageId ? inputs.imageId : undefined,
    smoke,
    outcome,
    failure,
    createdAt: now,
    ...(source ? { source: source.source } : {}),
    ...(replaced
      ? {
          replaces: {
            deploymentId: replaced.deploymentId,
            runId: replaced.release.runId,
            state: replaced.state,
            ...(replaced.stateAt ? { stateAt: replaced.stateAt } : {}),
          },
        }
      : {}),
    ...(restored && replaced?.stateAt
      ? {
          timeToRestore: {
            seconds: restored.seconds,
            failedAt: replaced.stateAt,
            restoredAt: now.toISOString(),
          },
        }
      : {}),
  });
  // A promotion or rollback builds no image: the release runs the image of the release it deploys again.
  if (!release.image && source?.release.image) release = { ...release, image: source.release.image };

  const deploymentId = await deps.deployments.create({
    ref: release.commit,
    environment: inputs.environment,
    description: `${releaseName(release)}: ${outcome}`,
    payload: release as unknown as Record<string, unknown>,
  });
  await deps.deployments.setStatus(deploymentId, 'in_progress', 'Recording the release');
  await deps.deployments.setStatus(
    deploymentId,
    outcome,
    outcome === 'success' ? 'Applied, configured and smoke-tested' : (failure ?? 'Failed'),
  );
  if (outcome === 'success') await deactivateReplaced(history, deploymentId, deps);
  logger.info(`Recorded ${releaseName(release)} (${outcome}) as deployment ${deploymentId}.`);

  const dir = join(scratch, 'release');
  await mkdir(dir, { recursive: true });
  const releasePath = join(dir, RELEASE_FILE);
  await writeFile(releasePath, `${JSON.stringify(release, null, 2)}\n`);
  await artifacts.upload(artifactName(prefix, 'release', inputs.environment), [releasePath], dir);

  const rollbackDispatched =
    inputs.onSmokeFailure === 'rollback' && smokeFailed.length > 0
      ? await startRollback(inputs, deps, release)
      : false;
  return { release, deploymentId, releasePath, rollbackDispatched };
}

/** The release the run deployed again, when its plans were bound to one: every stack to the same. */
async function sourceOf(
  manifests: readonly PlanManifest[],
  deps: Pick<RecordDependencies, 'deployments'>,
): Promise<{ source: ReleaseSource; release: Release } | undefined> {
  const bound = manifests.filter((m) => m.source);
  const first = bound[0]?.source;
  if (!first) return undefined;
  const deployments = new Set(bound.map((m) => m.source?.deploymentId));
  if (deployments.size > 1 || bound.length !== manifests.length) {
    throw new ConfigurationError(
      `The stacks of this run deploy different releases again (${manifests.map((m) => `${m.stack}: ${m.source ? `deployment ${m.source.deploymentId}` : 'none'}`).join(', ')}): a release is one promotion or rollback`,
    );
  }
  const { imageVariable: _perStack, ...source } = first;
  return { source, release: await releaseOfDeployment(deps.deployments, first.deploymentId, 'release') };
}

/**
 * The releases this one replaces go inactive: GitHub does so by itself only for releases that had
 * succeeded, and not in production environments, so every earlier release still active is set here.
 */
async function deactivateReplaced(
  history: ReleaseHistory,
  current: number,
  deps: Pick<RecordDependencies, 'deployments' | 'logger'>,
): Promise<void> {
  for (const entry of await history.all()) {
    if (entry.deploymentId === current || entry.state === 'inactive') continue;
    await deps.deployments.setStatus(entry.deploymentId, 'inactive', `Replaced by deployment ${current}`);
    deps.logger.info(`Deployment ${entry.deploymentId} (${releaseName(entry.release)}) is now inactive.`);
  }
}

/**
 * The automatic rollback: one workflow_dispatch of the rollback workflow, to the release before this
 * one. A rollback never starts another: when it fails too, a person decides.
 */
async function startRollback(
  inputs: RecordInputs,
  deps: RecordDependencies,
  release: Release,
): Promise<boolean> {
  const { logger, run } = deps;
  if (release.source?.kind === 'rollback') {
    logger.warning(
      `The smoke tests of this rollback failed, and a rollback does not start another: ${inputs.environment} needs a person now.`,
      { title: 'Rollback failed' },
    );
    return false;
  }
  // Read again: the release just recorded is the current one now, and `previous` goes back from it.
  const history = await readReleaseHistory(deps.deployments, inputs.environment);
  let target: DeployedRelease;
  try {
    target = await history.releaseFor('previous');
  } catch (error) {
    logger.warning(`No rollback was started: ${(error as Error).message}`, {
      title: 'No release to roll back to',
    });
    return false;
  }
  const ref = run.ref.replace(/^refs\/(heads|tags)\//, '');
  await deps.dispatch(inputs.rollbackWorkflow, ref, {
    environment: inputs.environment,
    to: `deployment:${target.deploymentId}`,
  });
  logger.warning(
    `Smoke tests failed in ${inputs.environment}: started ${inputs.rollbackWorkflow} to roll back to ${releaseName(target.release)} (deployment ${target.deploymentId}).`,
    { title: 'Automatic rollback started' },
  );
  return true;
}

/** The job summary of a recorded release. */
export function recordSummary(result: RecordResult, now: Date): string {
  const { release } = result;
  if (!release) return '';
  const lines = [
    `## ${releaseName(release).replace(/^r/, 'R')}: ${release.outcome}`,
    '',
    ...(release.failure ? [`> [!CAUTION]\n> ${headingText(release.failure)}`, ''] : []),
    ...(release.source ? [`**${headingText(describeSource(release.source, now))}**`, ''] : []),
    `Commit ${codeSpan(release.commit.slice(0, 12))}${release.image ? `, image ${codeSpan(imageIdentifier(release) ?? '')}` : ''}, deployment ${result.deploymentId ?? '?'}.`,
    '',
  ];
  const restore = release.timeToRestore;
  if (restore) {
    lines.push(
      `Time to restore: **${timeToRestore(restore.failedAt, restore.restoredAt).text}** (from the failure of release ${release.replaces?.runId ?? '?'} at ${restore.failedAt} to this release).`,
      '',
    );
  }
  lines.push('| stack | plan digest | smoke |', '|---|---|---|');
  for (const stack of release.stacks) {
    const smoke = stack.smoke ? `${stack.smoke.passed}/${stack.smoke.total}` : 'no checks';
    lines.push(`| ${cellCode(stack.stack)} | ${cellCode(shortDigest(stack.planDigest))} | ${smoke} |`);
  }
  const totals = smokeTotals(release);
  if (totals) lines.push('', `Smoke checks: ${totals.totals.passed} of ${totals.totals.total} passed.`);
  if (result.rollbackDispatched) lines.push('', 'The rollback workflow was started.');
  return `${lines.join('\n')}\n`;
}
