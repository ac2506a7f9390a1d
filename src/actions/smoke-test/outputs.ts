import { defineOutputs, output } from '../../core/outputs.js';
import type { SmokeTestOutputs } from '../../smoke/smoke-test.js';

export const smokeTestOutputs = defineOutputs<SmokeTestOutputs>({
  passed: output.number(),
  failed: output.number(),
  total: output.number(),
  'results-path': output.string(),
  'junit-path': output.string(),
});
