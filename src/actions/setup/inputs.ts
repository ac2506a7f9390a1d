import { defineInputs, input } from '../../core/inputs.js';
import { quoteValue } from '../../core/paths.js';
import { isExactVersion } from '../../toolchain/releases.js';

const VERSION_INPUTS = {
  'tofu-version': 'tofuVersion',
  'terraform-version': 'terraformVersion',
  'packer-version': 'packerVersion',
  'conftest-version': 'conftestVersion',
  'ansible-version': 'ansibleVersion',
} as const;

export const setupInputs = defineInputs(
  {
    // Plain text here, checked by the rule below: setup needs exact versions, not the suite's
    // general version kind, which also allows "latest" and partial versions.
    'tofu-version': input.text(),
    'terraform-version': input.text(),
    'packer-version': input.text(),
    'conftest-version': input.text(),
    'ansible-version': input.text(),
    'mirror-url': input.urlWithCredentials(),
    cache: input.boolean(true),
  },
  [
    // The archives are named by exact versions; "latest" or "1.8" would need a release index that
    // mirrors do not have, and a pinned toolchain is what this action is for.
    (v) => {
      for (const [name, key] of Object.entries(VERSION_INPUTS) as Array<
        [keyof typeof VERSION_INPUTS, (typeof VERSION_INPUTS)[keyof typeof VERSION_INPUTS]]
      >) {
        const value = v[key];
        if (value !== undefined && !isExactVersion(value))
          return {
            input: name,
            message: `must be an exact version such as 1.12.6; got ${quoteValue(value)}`,
          };
      }
      return undefined;
    },
    (v) =>
      v.tofuVersion && v.terraformVersion
        ? {
            input: 'terraform-version',
            message: 'cannot be given together with tofu-version: choose one tool',
          }
        : undefined,
  ],
);
