import { actionsArtifactStore } from '../../artifacts/store.js';
import { ansibleSummaryMarkdown } from '../../ansible/summary.js';
import { runAction } from '../../core/run-action.js';
import { removeSecretFiles } from '../../core/secret-files.js';
import { configure } from './configure.js';
import { ansibleConfigureInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction(
    'ansible-configure',
    ansibleConfigureInputs,
    async ({ inputs, logger, exec, run, setOutput, saveState, writeSummary }) => {
      const result = await configure(inputs, {
        exec,
        logger,
        run,
        artifacts: actionsArtifactStore(),
        saveState,
      });
      const { results } = result;
      // Set before a failure is thrown, so that later `if: failure()` steps can read what happened.
      setOutput('recap', JSON.stringify(results.recap));
      setOutput('changed', results.changed);
      setOutput('failed-hosts', JSON.stringify(results.failedHosts));
      setOutput('unreachable-hosts', JSON.stringify(results.unreachableHosts));
      setOutput('results-path', result.resultsPath);
      setOutput('artifact-name', result.artifactName);
      await writeSummary(ansibleSummaryMarkdown(results, run.runUrl));
      if (result.failure) throw result.failure;
    },
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
