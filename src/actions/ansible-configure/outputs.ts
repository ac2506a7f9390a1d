import type { AnsibleConfigureOutputs } from '../../ansible/configure.js';
import { defineOutputs, output } from '../../core/outputs.js';

export const ansibleConfigureOutputs = defineOutputs<AnsibleConfigureOutputs>({
  recap: output.json(),
  changed: output.boolean(),
  'failed-hosts': output.json(),
  'unreachable-hosts': output.json(),
  'results-path': output.string(),
  'artifact-name': output.string(),
});
