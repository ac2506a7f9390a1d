import { runAction } from '../../core/run-action.js';
import { removeSecretFiles } from '../../core/secret-files.js';
import { smokeTestInputs } from './inputs.js';
import { smokeTestOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction(
    'smoke-test',
    smokeTestInputs,
    smokeTestOutputs,
    async ({ inputs, ...context }) => {
      // Loaded once the inputs are valid: ajv, xmlbuilder2 and the probes are most of the bundle, and
      // neither a refused input nor the post step needs them.
      const [{ auditedStep }, { runSmokeTest }] = await Promise.all([
        import('../../audit/log.js'),
        import('../../smoke/smoke-test.js'),
      ]);
      await auditedStep('smoke-test', inputs.artifactPrefix, context, (step) => runSmokeTest(inputs, step));
    },
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
