import { actionsArtifactStore } from '../../artifacts/store.js';
import { withAuditLog } from '../../audit/log.js';
import { runAction } from '../../core/run-action.js';
import { runTfApply } from '../../terraform/apply.js';
import { tfApplyInputs } from './inputs.js';
import { tfApplyOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('tf-apply', tfApplyInputs, tfApplyOutputs, ({ inputs, ...context }) => {
    const artifacts = actionsArtifactStore();
    return withAuditLog(
      {
        artifactPrefix: inputs.artifactPrefix,
        step: 'tf-apply',
        run: context.run,
        artifacts,
        logger: context.logger,
      },
      (audit, logger) => runTfApply(inputs, { ...context, logger, artifacts, audit }),
    );
  });
}
