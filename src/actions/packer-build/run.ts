import { actionsArtifactStore } from '../../artifacts/store.js';
import { withAuditLog } from '../../audit/log.js';
import { runAction } from '../../core/run-action.js';
import { actionsCacheBuildRecords } from '../../packer/build-record.js';
import { runPackerBuild } from '../../packer/build.js';
import { packerBuildInputs } from './inputs.js';
import { packerBuildOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('packer-build', packerBuildInputs, packerBuildOutputs, ({ inputs, ...context }) => {
    const artifacts = actionsArtifactStore();
    return withAuditLog(
      {
        artifactPrefix: inputs.artifactPrefix,
        step: 'packer-build',
        run: context.run,
        artifacts,
        logger: context.logger,
      },
      (audit, logger) =>
        runPackerBuild(inputs, {
          ...context,
          logger,
          artifacts,
          audit,
          records: actionsCacheBuildRecords(context.run.workspace, logger),
        }),
    );
  });
}
