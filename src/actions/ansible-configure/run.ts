import { runAnsibleConfigure } from '../../ansible/configure.js';
import { actionsArtifactStore } from '../../artifacts/store.js';
import { withAuditLog } from '../../audit/log.js';
import { runAction } from '../../core/run-action.js';
import { removeSecretFiles } from '../../core/secret-files.js';
import { ansibleConfigureInputs } from './inputs.js';
import { ansibleConfigureOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction(
    'ansible-configure',
    ansibleConfigureInputs,
    ansibleConfigureOutputs,
    ({ inputs, ...context }) => {
      const artifacts = actionsArtifactStore();
      return withAuditLog(
        {
          artifactPrefix: inputs.artifactPrefix,
          step: 'ansible-configure',
          run: context.run,
          artifacts,
          logger: context.logger,
        },
        (audit, logger) => runAnsibleConfigure(inputs, { ...context, logger, artifacts, audit }),
      );
    },
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
