import { defineOutputs, output } from '../../core/outputs.js';
import type { ValidateOutputs } from '../../validate/validate.js';

export const validateOutputs = defineOutputs<ValidateOutputs>({
  passed: output.boolean(),
  findings: output.number(),
  'sarif-path': output.string(),
  'artifact-name': output.string(),
});
