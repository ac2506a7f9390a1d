import { runAction } from '../../core/run-action.js';
import { releaseInputs } from './inputs.js';
import { releaseOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('release', releaseInputs, releaseOutputs, async ({ inputs, ...context }) => {
    // Loaded once the inputs are valid (as in every action): a refused input needs only the input layer.
    const [{ auditedStep }, { runReleaseStep }] = await Promise.all([
      import('../../audit/log.js'),
      import('../../releases/release-step.js'),
    ]);
    return auditedStep('release', inputs.artifactPrefix, context, (step) =>
      runReleaseStep(inputs, { ...step, now: () => new Date() }),
    );
  });
}
