import { defineOutputs, output } from '../../core/outputs.js';
import type { TfApplyOutputs } from '../../terraform/apply.js';

export const tfApplyOutputs = defineOutputs<TfApplyOutputs>({
  applied: output.boolean(),
  outputs: output.json(),
  'outputs-path': output.string(),
  'inventory-path': output.string(),
  'plan-digest': output.string(),
  'deployment-id': output.number(),
});
