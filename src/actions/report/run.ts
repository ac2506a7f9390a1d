import { runAction } from '../../core/run-action.js';
import { reportInputs } from './inputs.js';
import { reportOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('report', reportInputs, reportOutputs, async ({ inputs, ...context }) => {
    // Loaded once the inputs are valid (as in every action): a refused input needs only the input layer.
    const [{ actionsArtifactStore }, { runReport }] = await Promise.all([
      import('../../artifacts/store.js'),
      import('../../report/report.js'),
    ]);
    return runReport(inputs, {
      ...context,
      artifacts: actionsArtifactStore(),
      fetch: globalThis.fetch,
      now: () => new Date(),
      workflow: process.env.GITHUB_WORKFLOW ?? '',
    });
  });
}
