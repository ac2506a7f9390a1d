import { defineInputs, input } from '../../core/inputs.js';

export const setupInputs = defineInputs(
  {
    'tofu-version': input.version(),
    'terraform-version': input.version(),
    'packer-version': input.version(),
    'ansible-version': input.version(),
    'mirror-url': input.url(),
    cache: input.boolean(true),
  },
  [
    (v) =>
      v.tofuVersion && v.terraformVersion
        ? {
            input: 'terraform-version',
            message: 'cannot be given together with tofu-version: choose one tool',
          }
        : undefined,
  ],
);
