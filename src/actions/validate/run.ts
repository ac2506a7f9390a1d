import { runAction } from '../../core/run-action.js';
import { validateInputs } from './inputs.js';
import { validateOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('validate', validateInputs, validateOutputs, async ({ inputs, ...context }) => {
    // Loaded once the inputs are valid (as in every action): a refused input needs only the input layer.
    const [{ actionsArtifactStore }, { runValidate }] = await Promise.all([
      import('../../artifacts/store.js'),
      import('../../validate/validate.js'),
    ]);
    return runValidate(inputs, { ...context, artifacts: actionsArtifactStore() });
  });
}
