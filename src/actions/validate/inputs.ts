import { defineInputs, input } from '../../core/inputs.js';
import { sharedInputs } from '../../core/shared-inputs.js';

export const validateInputs = defineInputs({
  // One directory or several; the workspace root when none is given.
  'working-directory': input.directories(),
  binary: sharedInputs.binary,
  'packer-template': input.fileOrDirectory(),
  playbook: input.file(),
  'scan-secrets': input.boolean(true),
  'sarif-path': input.outputFile('validate.sarif'),
  'artifact-prefix': sharedInputs['artifact-prefix'],
});
