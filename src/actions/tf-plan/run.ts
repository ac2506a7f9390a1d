import { actionsArtifactStore } from '../../artifacts/store.js';
import { ConfigurationError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { openPlanComments, planCommentKey, type PlanCommentSession } from './comment.js';
import { tfPlanInputs } from './inputs.js';
import { plan, planStack, type TfPlanResult } from './plan.js';
import { planSummaryMarkdown } from './summary.js';

export function run(): Promise<void> {
  return runAction(
    'tf-plan',
    tfPlanInputs,
    async ({ inputs, logger, exec, run, setOutput, writeSummary }) => {
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
        result = await plan(inputs, {
          exec,
          logger,
          run,
          artifacts: actionsArtifactStore({ loadNow: true }),
        });
      } catch (error) {
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
      if (result.drift !== undefined) setOutput('drift', result.drift);
      await writeSummary(planSummaryMarkdown(result, run));

      const session: PlanCommentSession | undefined = await commenting;
      if (session) {
        const url = await session.publish(key, [planSummaryMarkdown(result, run)]);
        setOutput('comment-url', url ?? '');
      }
      if (result.refusal) throw new ConfigurationError(result.refusal);
    },
  );
}
