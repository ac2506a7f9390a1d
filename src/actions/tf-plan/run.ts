import { actionsArtifactStore } from '../../artifacts/store.js';
import { ConfigurationError } from '../../core/errors.js';
import { withoutWorkflowCommands } from '../../core/logger.js';
import { runAction, type ActionContext } from '../../core/run-action.js';
import { driftedResources, reportDrift } from './drift.js';
import { openPlanComments, planCommentKey, type PlanCommentSession } from './comment.js';
import { gatheredCommentBodies, gatheredEntries, gatheredSummary, gatherPlans } from './gather.js';
import { tfPlanInputs } from './inputs.js';
import { MAX_WAVES, stackWaves } from '../../terraform/waves.js';
import { plan, planStack, type TfPlanResult } from './plan.js';
import { planCommentBodies, planJobSummary, planLogText, renderContext, wavesSummary } from './summary.js';

type Context = ActionContext<typeof tfPlanInputs.shape>;

export function run(): Promise<void> {
  return runAction('tf-plan', tfPlanInputs, (context) => {
    if (context.inputs.mode === 'gather') return gatherStacks(context);
    if (context.inputs.mode === 'waves') return orderStacks(context);
    return planOneStack(context);
  });
}

async function planOneStack({ inputs, logger, exec, run, setOutput, writeSummary }: Context): Promise<void> {
  const key = planCommentKey(planStack(inputs, run));
  // Found while the tool runs; the old plan is marked outdated at once, so nobody approves it meanwhile.
  const commenting = openPlanComments(inputs, run, logger).then(async (session) => {
    await session?.markOutdated(key, `is being planned: [the run](${run.runUrl}).`);
    return session;
  });
  // Awaited after the plan; until then a failure must not count as an unhandled rejection.
  commenting.catch(() => undefined);
  let result: TfPlanResult;
  try {
    result = await plan(inputs, { exec, logger, run, artifacts: actionsArtifactStore() });
  } catch (error) {
    // The plan's error is the one to report: a comment that also failed is ignored.
    const session = await commenting.catch(() => undefined);
    await session?.markOutdated(key, `could not be planned: see [the run](${run.runUrl}).`);
    throw error;
  }
  const { summary } = result;
  setOutput('has-changes', summary.hasChanges);
  setOutput('add', summary.add);
  setOutput('change', summary.change);
  setOutput('destroy', summary.destroy);
  setOutput('replace', summary.replace);
  setOutput('import', summary.import);
  setOutput('move', summary.move);
  setOutput('destroys', summary.destroys);
  setOutput('plan-digest', result.manifest.planDigest);
  setOutput('artifact-name', result.artifactName);
  setOutput('artifact-id', result.artifact?.id ?? '');
  setOutput('json-path', result.jsonPath);
  setOutput('exitcode', result.exitCode);
  if (result.drift !== undefined) {
    setOutput('drift', result.drift);
    setOutput('drifted', JSON.stringify(driftedResources(result)));
    if (result.drift) {
      logger.warning(`${result.model.counts.drift} resource(s) changed outside of the configuration.`, {
        title: `Drift in stack ${result.stack}`,
      });
    }
  }

  const { session, failure } = await settle(commenting);
  const ctx = renderContext(result, run, {
    commit: session?.commit ?? run.sha,
    ...(inputs.environment ? { environment: inputs.environment } : {}),
  });
  await withoutWorkflowCommands(logger, () => logger.info(planLogText(result, ctx)));
  await writeSummary(planJobSummary(result, ctx));
  if (failure !== undefined) throw failure;
  if (session) {
    // An uploaded bundle is named in the comment, so that a gate run by a comment can find the plan.
    const origin = result.artifact
      ? { runId: run.runId, artifact: result.artifactName, digest: result.manifest.planDigest }
      : undefined;
    setOutput('comment-url', (await session.publish(key, planCommentBodies(result, ctx), origin)) ?? '');
  }
  if (result.drift !== undefined) {
    const issue = await reportDrift(result, ctx, inputs, run, logger);
    if (issue?.url) setOutput('drift-issue-url', issue.url);
  }
  if (result.refusal) throw new ConfigurationError(result.refusal);
}

/** mode: gather — one comment and one summary over the plans of several stacks made in this run. */
async function gatherStacks({ inputs, logger, run, setOutput, writeSummary }: Context): Promise<void> {
  const key = `plans:${inputs.stack ?? 'all'}`;
  const commenting = openPlanComments(inputs, run, logger);
  // Awaited by settle() once the plans are gathered; until then a failure must not be an unhandled rejection.
  commenting.catch(() => undefined);
  const plans = await gatherPlans(inputs, {
    artifacts: actionsArtifactStore(),
    logger,
    run,
  });

  const total = (count: keyof (typeof plans)[number]['model']['counts']) =>
    plans.reduce((sum, { model }) => sum + model.counts[count], 0);
  setOutput(
    'has-changes',
    plans.some(({ model }) => model.hasChanges),
  );
  setOutput('add', total('add'));
  setOutput('change', total('change'));
  setOutput('destroy', total('destroy'));
  setOutput('replace', total('replace'));
  setOutput('import', total('import'));
  setOutput('move', total('move'));
  setOutput(
    'destroys',
    plans.some(({ manifest }) => manifest.summary.destroys),
  );
  setOutput(
    'stacks',
    JSON.stringify(
      plans.map(({ manifest, artifactName }) => ({
        stack: manifest.stack,
        workspace: manifest.workspace,
        'plan-digest': manifest.planDigest,
        'artifact-name': artifactName,
        'has-changes': manifest.summary.hasChanges,
        destroys: manifest.summary.destroys,
      })),
    ),
  );

  const { session, failure } = await settle(commenting);
  const entries = gatheredEntries(plans, session?.commit ?? run.sha, run);
  await writeSummary(gatheredSummary(entries));
  if (failure !== undefined) throw failure;
  if (session) setOutput('comment-url', (await session.publish(key, gatheredCommentBodies(entries))) ?? '');
}

/** mode: waves — the stacks in the order their dependencies allow, as matrices for the wave jobs. */
async function orderStacks({ inputs, logger, setOutput, writeSummary }: Context): Promise<void> {
  const waves = stackWaves(inputs.stackGraph ?? [], {
    source: 'Input "stack-graph"',
    ...(inputs.environment ? { environment: inputs.environment } : {}),
    only: inputs.stacks,
  });
  setOutput('waves', JSON.stringify(waves));
  setOutput('wave-count', waves.length);
  for (let wave = 1; wave <= MAX_WAVES; wave++)
    setOutput(`wave-${wave}`, JSON.stringify(waves[wave - 1] ?? []));
  for (const [index, stacks] of waves.entries()) {
    logger.info(`Wave ${index + 1}: ${stacks.map((s) => s.stack).join(', ')}`);
  }
  await writeSummary(wavesSummary(waves));
}

/** The comment session or why it could not be opened: the plan is reported either way, then the failure. */
async function settle(
  commenting: Promise<PlanCommentSession | undefined>,
): Promise<{ session?: PlanCommentSession | undefined; failure?: unknown }> {
  try {
    return { session: await commenting };
  } catch (failure) {
    return { failure };
  }
}
