import { actionsArtifactStore } from '../../artifacts/store.js';
import { ConfigurationError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { tfPlanInputs } from './inputs.js';
import { plan } from './plan.js';
import { planSummaryMarkdown } from './summary.js';

export function run(): Promise<void> {
  return runAction(
    'tf-plan',
    tfPlanInputs,
    async ({ inputs, logger, exec, run, setOutput, writeSummary }) => {
      const result = await plan(inputs, {
        exec,
        logger,
        run,
        artifacts: actionsArtifactStore({ loadNow: true }),
      });
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
      if (inputs.comment && (inputs.prNumber || run.eventName.startsWith('pull_request'))) {
        logger.notice(
          'The plan summary is in the job summary; this release does not comment on pull requests yet.',
        );
      }
      if (result.refusal) throw new ConfigurationError(result.refusal);
    },
  );
}
