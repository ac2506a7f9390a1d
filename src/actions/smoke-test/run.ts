import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { removeSecretFiles } from '../../core/secret-files.js';
import { smokeSummaryMarkdown } from '../../smoke/summary.js';
import { smokeTestInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction(
    'smoke-test',
    smokeTestInputs,
    async ({ inputs, logger, run, setOutput, saveState, writeSummary }) => {
      // Loaded once the inputs are valid: ajv, xmlbuilder2 and the probes are most of the bundle, and
      // neither a refused input nor the post step needs them.
      const { smokeTest } = await import('./smoke.js');
      const result = await smokeTest(inputs, { logger, run, artifacts: actionsArtifactStore(), saveState });
      const { totals } = result.results;
      // Set before a failure is thrown, so that later `if: failure()` steps can read what happened.
      setOutput('passed', totals.passed);
      setOutput('failed', totals.failed);
      setOutput('total', totals.total);
      setOutput('results-path', result.resultsPath);
      setOutput('junit-path', result.junitPath);
      await writeSummary(smokeSummaryMarkdown(result.results, run.runUrl));
      if (result.failure) throw result.failure;
    },
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
