import { defineInputs, input } from '../../core/inputs.js';
import { backendConfigFilesRule, sharedInputs } from '../../core/shared-inputs.js';
import { backendCredentialsRule } from '../../terraform/backend.js';

export const reportInputs = defineInputs(
  {
    'artifact-prefix': sharedInputs['artifact-prefix'],
    title: input.text(),
    'working-directory': sharedInputs['working-directory'],
    binary: sharedInputs.binary,
    'backup-state': input.boolean(false),
    'backend-config': input.lines(),
    'encryption-key': sharedInputs['encryption-key'],
    'webhook-url': input.secretUrl(),
    'webhook-kind': input.choice(['slack', 'teams'] as const, 'slack'),
    'github-token': sharedInputs['github-token'],
  },
  [backendConfigFilesRule, backendCredentialsRule],
);
