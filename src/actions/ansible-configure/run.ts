import { runAction } from '../../core/run-action.js';
import { removeSecretFiles } from '../../core/secret-files.js';
import { ansibleConfigureInputs } from './inputs.js';
import { ansibleConfigureOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction(
    'ansible-configure',
    ansibleConfigureInputs,
    ansibleConfigureOutputs,
    async ({ inputs, ...context }) => {
      // Loaded once the inputs are valid (as in every action): a refused input needs only the input layer.
      const [{ auditedStep }, { runAnsibleConfigure }] = await Promise.all([
        import('../../audit/log.js'),
        import('../../ansible/configure.js'),
      ]);
      return auditedStep('ansible-configure', inputs.artifactPrefix, context, (step) =>
        runAnsibleConfigure(inputs, step),
      );
    },
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
