import { withState } from './backend.js';
import { withInputs } from './plan-summaries.js';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactName } from '../artifacts/names.js';
import { fetchPlanBundle } from '../artifacts/plan-bundle.js';
import type { ArtifactStore } from '../artifacts/store.js';
import { readIntactPlanBundle } from '../contracts/bundle.js';
import { PLAN_JSON_FILE, type PlanManifest } from '../contracts/manifest.js';
import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import {
  COMMENT_LIMIT,
  readPlanModel,
  renderMultiStackComment,
  SUMMARY_LIMIT_BYTES,
  type PlanModel,
  type PlanRenderContext,
} from '../plan/index.js';
import { COMMENT_RESERVE } from '../github/plan-comment.js';
import type { TfPlanInputs, TfPlanOutputs } from './plan.js';
import type { StepReport } from '../core/outputs.js';
import { openPlanComments, settle } from '../github/plan-comment-session.js';

export interface GatherDependencies {
  artifacts: ArtifactStore;
  logger: Logger;
  run: RunContext;
}

export interface StackPlan {
  model: PlanModel;
  ctx: PlanRenderContext;
}

export interface GatheredPlan {
  artifactName: string;
  manifest: PlanManifest;
  model: PlanModel;
}

// Bundles are read a few at a time: each is a download and a streamed read of its plan.json.
const CONCURRENT_READS = 4;

/**
 * tf-plan's gather mode: reads the plan bundles the plan jobs of a matrix uploaded in this run (every
 * `<prefix>-plan-*`, or those of the `stacks` input), each checked to be what tf-plan wrote, for one
 * comment over all of them. Plans nothing itself.
 */
export async function gatherPlans(inputs: TfPlanInputs, deps: GatherDependencies): Promise<GatheredPlan[]> {
  const prefix = artifactName(inputs.artifactPrefix, 'plan', '');
  const names =
    inputs.stacks.length > 0
      ? inputs.stacks.map((stack) => artifactName(inputs.artifactPrefix, 'plan', stack))
      : (await deps.artifacts.list(prefix)).map((artifact) => artifact.name);
  if (names.length === 0) {
    throw new ConfigurationError(
      `No plan bundles named ${prefix}* in this run: run the gather step in a job that needs the plan jobs, with the same artifact-prefix.`,
    );
  }
  deps.logger.info(`Gathering ${names.length} plan bundle(s): ${names.join(', ')}`);
  const scratch = await mkdtemp(join(deps.run.runnerTemp, 'iac-gather-'));
  const gathered: GatheredPlan[] = [];
  for (let start = 0; start < names.length; start += CONCURRENT_READS) {
    const batch = names.slice(start, start + CONCURRENT_READS);
    gathered.push(
      ...(await Promise.all(
        batch.map(async (name, offset) => {
          const dir = await fetchPlanBundle(deps.artifacts, name, join(scratch, String(start + offset)), {
            encryptionKey: inputs.encryptionKey,
            reader: 'tf-plan',
            acceptClear: true,
          });
          const manifest = await readIntactPlanBundle(dir, 'tf-plan');
          const model = await readPlanModel(join(dir, PLAN_JSON_FILE), {
            name: `${PLAN_JSON_FILE} of the artifact ${name}`,
          });
          return { artifactName: name, manifest, model };
        }),
      )),
    );
  }
  return gathered;
}

/** tf-plan's mode gather: one comment and one summary over the plans of several stacks made in this run. */
export async function gatherStacks(
  inputs: TfPlanInputs,
  deps: GatherDependencies & StepReport<TfPlanOutputs>,
): Promise<void> {
  const { logger, run, setOutputs } = deps;
  const key = `plans:${inputs.stack ?? 'all'}`;
  const commenting = openPlanComments(inputs, run, logger);
  commenting.catch(() => undefined);
  const plans = await gatherPlans(inputs, deps);

  const total = (count: keyof (typeof plans)[number]['model']['counts']) =>
    plans.reduce((sum, { model }) => sum + model.counts[count], 0);
  setOutputs({
    'has-changes': plans.some(({ model }) => model.hasChanges),
    add: total('add'),
    change: total('change'),
    destroy: total('destroy'),
    replace: total('replace'),
    import: total('import'),
    move: total('move'),
    destroys: plans.some(({ manifest }) => manifest.summary.destroys),
    stacks: plans.map(({ manifest, artifactName }) => ({
      stack: manifest.stack,
      workspace: manifest.workspace,
      'plan-digest': manifest.planDigest,
      'artifact-name': artifactName,
      'has-changes': manifest.summary.hasChanges,
      destroys: manifest.summary.destroys,
    })),
  });

  const { session, failure } = await settle(commenting);
  const entries = gatheredEntries(plans, session?.commit ?? run.sha, run);
  await deps.writeSummary(gatheredSummary(entries));
  if (failure !== undefined) throw failure;
  if (session) setOutputs({ 'comment-url': await session.publish(key, gatheredCommentBodies(entries)) });
}

/** Each stack's plan with its render context: its own identity from its manifest, the commit reviewers see. */
export function gatheredEntries(
  plans: readonly GatheredPlan[],
  commit: string,
  run: RunContext,
): StackPlan[] {
  return plans.map(({ manifest, model }) => ({
    model,
    ctx: {
      stack: manifest.stack,
      workspace: manifest.workspace,
      planDigest: manifest.planDigest,
      commit,
      runUrl: run.runUrl,
      tool: manifest.tool,
      ...withState(manifest.backend),
      ...withInputs(manifest, model),
    },
  }));
}

/** The comment over every stack: a row per stack, then each stack's plan. */
export function gatheredCommentBodies(entries: readonly StackPlan[]): string[] {
  return renderMultiStackComment(entries, { limit: COMMENT_LIMIT - COMMENT_RESERVE });
}

/** The job summary over every stack, within its limit (counting every character as 3 UTF-8 bytes). */
export function gatheredSummary(entries: readonly StackPlan[]): string {
  return renderMultiStackComment(entries, { limit: Math.floor(SUMMARY_LIMIT_BYTES / 3) }).join('\n\n');
}
