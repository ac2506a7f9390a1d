import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { runValidate } from '../../validate/validate.js';
import { validateInputs } from './inputs.js';
import { validateOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('validate', validateInputs, validateOutputs, ({ inputs, ...context }) =>
    runValidate(inputs, { ...context, artifacts: actionsArtifactStore() }),
  );
}
