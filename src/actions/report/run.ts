import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { runReport } from '../../report/report.js';
import { reportInputs } from './inputs.js';
import { reportOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('report', reportInputs, reportOutputs, ({ inputs, ...context }) =>
    runReport(inputs, {
      ...context,
      artifacts: actionsArtifactStore(),
      fetch: globalThis.fetch,
      now: () => new Date(),
      workflow: process.env.GITHUB_WORKFLOW ?? '',
    }),
  );
}
