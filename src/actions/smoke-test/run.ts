import { actionsArtifactStore } from '../../artifacts/store.js';
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
      const [{ runSmokeTest }, { withAuditLog }] = await Promise.all([
        import('../../smoke/smoke-test.js'),
        import('../../audit/log.js'),
      ]);
      const artifacts = actionsArtifactStore();
      await withAuditLog(
        {
          artifactPrefix: inputs.artifactPrefix,
          step: 'smoke-test',
          run: context.run,
          artifacts,
          logger: context.logger,
        },
        (audit, logger) => runSmokeTest(inputs, { ...context, logger, artifacts, audit }),
      );
    },
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
