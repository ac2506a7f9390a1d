import { defineInputs, input } from '../../core/inputs.js';
import { backendConfigFilesRule, sharedInputs } from '../../core/shared-inputs.js';
import { backendCredentialsRule } from '../../terraform/backend.js';

export const tfApplyInputs = defineInputs(
  {
    'working-directory': sharedInputs['working-directory'],
    binary: sharedInputs.binary,
    stack: sharedInputs.stack,
    workspace: input.nameOr('default'),
    'backend-config': input.lines(),
    'lock-timeout': input.duration(),
    'plan-artifact': input.name(),
    'run-id': input.integer(1, Number.MAX_SAFE_INTEGER),
    'expected-plan-digest': input.digest(),
    'require-approval': input.boolean(false),
    'encryption-key': sharedInputs['encryption-key'],
    'require-same-commit': input.boolean(true),
    'inventory-output': input.textOr('ansible_inventory'),
    'artifact-prefix': sharedInputs['artifact-prefix'],
    environment: input.text(),
    'expose-sensitive': input.boolean(false),
    'github-token': sharedInputs['github-token'],
    'stack-inputs': sharedInputs['stack-inputs'],
  },
  [backendConfigFilesRule, backendCredentialsRule],
);
