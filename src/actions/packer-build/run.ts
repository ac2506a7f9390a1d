import { runAction } from '../../core/run-action.js';
import { packerBuildInputs } from './inputs.js';
import { packerBuildOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('packer-build', packerBuildInputs, packerBuildOutputs, async ({ inputs, ...context }) => {
    // Loaded once the inputs are valid (as in every action): a refused input needs only the input layer.
    const [{ auditedStep }, { runPackerBuild }, { actionsCacheBuildRecords }] = await Promise.all([
      import('../../audit/log.js'),
      import('../../packer/build.js'),
      import('../../packer/build-record.js'),
    ]);
    return auditedStep('packer-build', inputs.artifactPrefix, context, (step) =>
      runPackerBuild(inputs, {
        ...step,
        records: actionsCacheBuildRecords(step.run.workspace, step.logger),
      }),
    );
  });
}
