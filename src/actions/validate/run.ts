import { actionsArtifactStore } from '../../artifacts/store.js';
import { StepFailure } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { validateSummaryMarkdown } from '../../validate/summary.js';
import { runValidation } from '../../validate/validate.js';
import { validateInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction(
    'validate',
    validateInputs,
    async ({ inputs, logger, exec, run, setOutput, writeSummary }) => {
      const result = await runValidation(inputs, { exec, logger, run, artifacts: actionsArtifactStore() });
      setOutput('passed', result.passed);
      setOutput('findings', result.findings);
      setOutput('sarif-path', result.sarifPath);
      setOutput('artifact-name', result.artifactName);
      await writeSummary(validateSummaryMarkdown(result));
      if (!result.passed) {
        const failed = result.checks.filter((check) => check.status === 'failed');
        throw new StepFailure(
          `validate failed: ${failed.map((check) => `${check.title} (${check.subject})${check.reason ? `: ${check.reason}` : ''}`).join('; ')}`,
        );
      }
    },
  );
}
