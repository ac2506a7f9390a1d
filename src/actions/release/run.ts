import { actionsArtifactStore } from '../../artifacts/store.js';
import { withAuditLog } from '../../audit/log.js';
import { runAction } from '../../core/run-action.js';
import { runReleaseStep } from '../../releases/release-step.js';
import { releaseInputs } from './inputs.js';
import { releaseOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('release', releaseInputs, releaseOutputs, ({ inputs, ...context }) => {
    const artifacts = actionsArtifactStore();
    return withAuditLog(
      {
        artifactPrefix: inputs.artifactPrefix,
        step: 'release',
        run: context.run,
        artifacts,
        logger: context.logger,
      },
      (audit, logger) =>
        runReleaseStep(inputs, { ...context, logger, artifacts, audit, now: () => new Date() }),
    );
  });
}
