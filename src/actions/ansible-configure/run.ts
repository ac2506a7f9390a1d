import { runAnsibleConfigure } from '../../ansible/configure.js';
import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { removeSecretFiles } from '../../core/secret-files.js';
import { ansibleConfigureInputs } from './inputs.js';
import { ansibleConfigureOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction(
    'ansible-configure',
    ansibleConfigureInputs,
    ansibleConfigureOutputs,
    ({ inputs, ...context }) =>
      runAnsibleConfigure(inputs, { ...context, artifacts: actionsArtifactStore() }),
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
