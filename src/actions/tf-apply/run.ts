import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { runTfApply } from '../../terraform/apply.js';
import { tfApplyInputs } from './inputs.js';
import { tfApplyOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('tf-apply', tfApplyInputs, tfApplyOutputs, ({ inputs, ...context }) =>
    runTfApply(inputs, { ...context, artifacts: actionsArtifactStore() }),
  );
}
