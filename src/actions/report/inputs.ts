import { defineInputs, input, refuseInput } from '../../core/inputs.js';
import { backendConfigFilesRule, sharedInputs } from '../../core/shared-inputs.js';
import { backendCredentialsRule } from '../../terraform/backend.js';
import { DEFAULT_DRIFT_LABELS } from '../../github/drift-labels.js';
import { resolveTargets } from '../../metrics/figures.js';

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
    metrics: input.boolean(false),
    'metrics-window-days': input.integerOr(1, 3650, 30),
    environment: input.text(),
    'metrics-targets': input.keyValues().transform((pairs) => {
      const targets = resolveTargets(pairs);
      return typeof targets === 'string' ? refuseInput(targets) : targets;
    }),
    'drift-labels': input
      .list()
      .transform((labels) => (labels.length > 0 ? labels : [...DEFAULT_DRIFT_LABELS])),
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
    (v) =>
      v.metrics && !v.environment
        ? {
            input: 'environment',
            message:
              'is required with metrics: true: it names the GitHub environment whose deployments are read',
          }
        : undefined,
    (v) =>
      v.metrics && !v.githubToken
        ? {
            input: 'github-token',
            message:
              'is required with metrics: true: the deployments, runs and issues are read through the GitHub API',
          }
        : undefined,
  ],
);
