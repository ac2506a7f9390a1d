import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { runReleaseStep } from '../../releases/release-step.js';
import { releaseInputs } from './inputs.js';
import { releaseOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('release', releaseInputs, releaseOutputs, ({ inputs, ...context }) =>
    runReleaseStep(inputs, { ...context, artifacts: actionsArtifactStore(), now: () => new Date() }),
  );
}
