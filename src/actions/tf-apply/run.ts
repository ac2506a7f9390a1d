import { runAction } from '../../core/run-action.js';
import { tfApplyInputs } from './inputs.js';
import { tfApplyOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('tf-apply', tfApplyInputs, tfApplyOutputs, async ({ inputs, ...context }) => {
    // Loaded once the inputs are valid (as in every action): a refused input needs only the input layer.
    const [{ auditedStep }, { runTfApply }] = await Promise.all([
      import('../../audit/log.js'),
      import('../../terraform/apply.js'),
    ]);
    return auditedStep('tf-apply', inputs.artifactPrefix, context, (step) => runTfApply(inputs, step));
  });
}
