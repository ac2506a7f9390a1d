import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { actionsCacheBuildRecords } from '../../packer/build-record.js';
import { runPackerBuild } from '../../packer/build.js';
import { packerBuildInputs } from './inputs.js';
import { packerBuildOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('packer-build', packerBuildInputs, packerBuildOutputs, ({ inputs, ...context }) =>
    runPackerBuild(inputs, {
      ...context,
      artifacts: actionsArtifactStore(),
      records: actionsCacheBuildRecords(context.run.workspace, context.logger),
    }),
  );
}
