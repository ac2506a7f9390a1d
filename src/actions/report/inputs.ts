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
    'audit-webhook': input.secretUrl(),
    'audit-webhook-secret': input.secretText(),
    'github-token': sharedInputs['github-token'],
  },
  [
    backendConfigFilesRule,
    backendCredentialsRule,
    // An unsigned trail could be sent by anyone who learns the URL: the receiver must be able to check it.
    (v) =>
      v.auditWebhook && !v.auditWebhookSecret
        ? {
            input: 'audit-webhook-secret',
            message: 'is required with audit-webhook: the trail is signed with it (HMAC-SHA256)',
          }
        : undefined,
    (v) =>
      v.auditWebhookSecret && !v.auditWebhook
        ? { input: 'audit-webhook', message: 'is missing: audit-webhook-secret signs what is sent to it' }
        : undefined,
  ],
);
