import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RELEASE_FILE, type Release } from '../contracts/release.js';
import { StepFailure } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import type { DeploymentsApi } from '../github/deployments.js';
import { headingText, codeSpan } from '../markdown/escape.js';
import { imageIdentifier } from './binding.js';
import { readReleaseHistory, type DeployedRelease } from './history.js';
import {
  checkPromotion,
  describeRelease,
  describeSource,
  releaseName,
  releaseRef,
  smokeTotals,
} from './promotion.js';

/**
 * The release action's promote and rollback steps: they find the release to deploy again and say what
 * the deployment workflow then checks out and plans (its commit, its image, the deployment that holds
 * it). A promotion takes the newest release of the source environment and must pass the quality gate;
 * a rollback takes `previous`, a run id or a deployment id of its own environment.
 */

export interface PromoteInputs {
  environment: string;
  promoteFrom: string;
  threshold: number;
  qualityCategories: string[];
  maxReleaseAge?: string | undefined;
}

export interface RollbackInputs {
  environment: string;
  to: string;
  scope: 'release' | 'image';
}

export interface ResolveDependencies {
  logger: Logger;
  run: RunContext;
  deployments: DeploymentsApi;
  now: () => Date;
}

export interface ResolvedRelease {
  release: Release;
  deploymentId: number;
  /** What the deployment checks out: the release's commit, or (rollback scope image) this run's. */
  commit: string;
  /** What the stacks' image variable gets: the image id, or its name when the builder has none. */
  imageId: string;
  releasePath: string;
  /** The sentence plans and reports open with. */
  description: string;
  summary: string;
}

function refused(title: string, reasons: readonly string[]): StepFailure {
  const failure = new StepFailure(`${title}: ${reasons.join(' ')}`);
  failure.summary = [`## ${headingText(title)}`, '', ...reasons.map((r) => `- ${headingText(r)}`), ''].join(
    '\n',
  );
  return failure;
}

export async function resolvePromotion(
  inputs: PromoteInputs,
  deps: ResolveDependencies,
): Promise<ResolvedRelease> {
  const { promoteFrom: from, environment: to } = inputs;
  if (from.toLowerCase() === to.toLowerCase()) {
    throw refused(`Refusing to promote ${from} to itself`, [
      'promote-from names the environment the release comes from; environment the one it goes to.',
    ]);
  }
  const history = await readReleaseHistory(deps.deployments, from);
  const now = deps.now();
  const current = await history.current();
  if (!current) await history.latestRelease(); // throws the message that says what was found
  const entry = current as DeployedRelease;
  const reasons: string[] = [];
  if (entry.state !== 'success') {
    reasons.push(
      `The newest release of ${from} (${releaseName(entry.release)}, deployment ${entry.deploymentId}) is ${entry.state}${entry.release.failure ? ` (${entry.release.failure.replace(/\.$/, '')})` : ''}; only what runs in ${from} after passing is promoted.`,
    );
  }
  reasons.push(
    ...checkPromotion(entry.release, {
      threshold: inputs.threshold,
      qualityCategories: inputs.qualityCategories,
      maxReleaseAge: inputs.maxReleaseAge,
      now,
    }),
  );
  if (reasons.length > 0) {
    throw refused(`Refusing to promote ${releaseName(entry.release)} to ${to}`, reasons);
  }
  return resolved(entry, entry.release.commit, deps, {
    kind: 'promotion',
    scope: 'release',
    lines: gateLines(entry.release, inputs, now),
  });
}

export async function resolveRollback(
  inputs: RollbackInputs,
  deps: ResolveDependencies,
): Promise<ResolvedRelease> {
  const history = await readReleaseHistory(deps.deployments, inputs.environment);
  const target = await history.releaseFor(inputs.to);
  const current = await history.current();
  if (current?.deploymentId === target.deploymentId && current.state === 'success') {
    throw refused(`Refusing to roll ${inputs.environment} back to ${releaseName(target.release)}`, [
      `It is what runs in ${inputs.environment} now (deployment ${target.deploymentId}, success): give to: previous, or an older run or deployment.`,
    ]);
  }
  const from =
    current && current.deploymentId !== target.deploymentId
      ? [
          `It replaces ${releaseName(current.release)} (deployment ${current.deploymentId}, ${current.state}).`,
        ]
      : [];
  const commit = inputs.scope === 'release' ? target.release.commit : deps.run.sha;
  return resolved(target, commit, deps, { kind: 'rollback', scope: inputs.scope, lines: from });
}

async function resolved(
  entry: DeployedRelease,
  commit: string,
  deps: ResolveDependencies,
  how: { kind: 'promotion' | 'rollback'; scope: 'release' | 'image'; lines: string[] },
): Promise<ResolvedRelease> {
  const { release, deploymentId } = entry;
  const now = deps.now();
  const description = describeSource({ ...releaseRef(release), kind: how.kind, scope: how.scope }, now);
  const dir = await mkdtemp(join(deps.run.runnerTemp, 'iac-release-'));
  const releasePath = join(dir, RELEASE_FILE);
  await writeFile(releasePath, `${JSON.stringify(release, null, 2)}\n`);
  deps.logger.info(`${description}: deployment ${deploymentId}.`);
  const summary = [
    `## ${headingText(description)}`,
    '',
    `Deployment ${deploymentId} · checks out ${codeSpan(commit.slice(0, 12))}${
      how.scope === 'image' ? " (this run's commit, with the release's image)" : ''
    } · image ${codeSpan(imageIdentifier(release) ?? 'none')}`,
    '',
    ...how.lines.map((line) => `- ${headingText(line)}`),
    '',
  ].join('\n');
  return {
    release,
    deploymentId,
    commit,
    imageId: imageIdentifier(release) ?? '',
    releasePath,
    description,
    summary,
  };
}

/** What the quality gate found, for the summary of a promotion that passed it. */
function gateLines(release: Release, inputs: PromoteInputs, now: Date): string[] {
  const smoke = smokeTotals(release);
  const lines = [`Quality gate passed: ${describeRelease(release, now)}.`];
  if (smoke) {
    lines.push(
      `Smoke: ${smoke.totals.passed} of ${smoke.totals.total} checks passed; threshold ${inputs.threshold}%.`,
    );
    for (const category of inputs.qualityCategories) {
      const tally = smoke.byCategory[category];
      if (tally) lines.push(`${category}: ${tally.passed} of ${tally.total} passed.`);
    }
  }
  if (inputs.maxReleaseAge) lines.push(`max-release-age ${inputs.maxReleaseAge}: within it.`);
  return lines;
}
