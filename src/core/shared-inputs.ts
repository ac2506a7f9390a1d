import { input } from './inputs.js';

/** Inputs several actions share, with the same meaning and the same checks everywhere. */
export const sharedInputs = {
  'working-directory': input.directory('.'),
  binary: input.choice(['auto', 'tofu', 'terraform'] as const, 'auto'),
  stack: input.name(),
  'artifact-prefix': input.nameOr('iac'),
  'github-token': input.secretText(),
  'encryption-key': input.secretText(),
};
