import { defineOutputs, output } from '../../core/outputs.js';
import type { SetupOutputs } from '../../toolchain/setup.js';

export const setupOutputs = defineOutputs<SetupOutputs>({
  'tofu-version': output.string(),
  'terraform-version': output.string(),
  'packer-version': output.string(),
  'conftest-version': output.string(),
  'ansible-version': output.string(),
});
