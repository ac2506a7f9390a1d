import { defineOutputs, output } from '../../core/outputs.js';
import type { ReleaseStepOutputs } from '../../releases/release-step.js';

export const releaseOutputs = defineOutputs<ReleaseStepOutputs>({
  outcome: output.string(),
  'deployment-id': output.number(),
  commit: output.string(),
  'image-id': output.string(),
  'run-id': output.number(),
  'release-path': output.string(),
  description: output.string(),
  'rollback-dispatched': output.boolean(),
});
