import { defineInputs, input } from '../../core/inputs.js';
import { sharedInputs } from '../../core/shared-inputs.js';
import { LOGIN } from '../../github/marked-comments.js';

const MODES = ['environment', 'comment', 'wait', 'policy'] as const;

export const approvalGateInputs = defineInputs(
  {
    mode: input.choice(MODES, 'comment'),
    environment: input.text(),
    'plan-artifact': input.name(),
    stack: sharedInputs.stack,
    'plan-digest': input.digest(),
    'run-id': input.integer(1, Number.MAX_SAFE_INTEGER),
    approvers: input.accounts(),
    'min-permission': input.choice(['admin', 'maintain', 'write'] as const, 'maintain'),
    // The lifecycle seed: "User must have admin permissions" to destroy.
    'destroy-min-permission': input.choice(['admin', 'maintain', 'write'] as const, 'admin'),
    'min-approvals': input.integerOr(1, 6, 1),
    'allow-self-approval': input.boolean(false),
    // Who accepts the failures of a plan whose policies failed (tf-plan's policy-mode: enforce).
    'policy-owners': input.accounts(),
    'auto-approve-environments': input.list(),
    'fallback-mode': input.choice(['environment', 'comment', 'wait'] as const, 'comment'),
    // Fractions allowed: GitHub's own timeout-minutes takes them, and short waits are how the gate is tested.
    'timeout-minutes': input.numberOr(0.01, 43_200, 60),
    'poll-interval-seconds': input.integerOr(1, 3_600, 30),
    override: input.text(),
    'override-users': input.accounts(),
    'pr-number': input.integer(1, Number.MAX_SAFE_INTEGER),
    'allow-unprotected': input.boolean(false),
    'on-pending': input.choice(['succeed', 'fail'] as const, 'succeed'),
    'dispatch-workflow': input.text(),
    'comment-author': input.text(),
    'artifact-prefix': sharedInputs['artifact-prefix'],
    'github-token': sharedInputs['github-token'],
  },
  [
    (v) =>
      (v.mode === 'environment' || v.mode === 'policy') && !v.environment
        ? { input: 'environment', message: `is required with mode: ${v.mode}` }
        : undefined,
    (v) =>
      v.runId !== undefined && !v.githubToken
        ? {
            input: 'github-token',
            message: 'is required with run-id, to read the plan bundle of another run',
          }
        : undefined,
    (v) =>
      v.override && v.overrideUsers.length === 0
        ? { input: 'override-users', message: 'must list who may override when override is given' }
        : undefined,
    (v) =>
      v.commentAuthor !== undefined && !LOGIN.test(v.commentAuthor.trim())
        ? {
            input: 'comment-author',
            message: 'must be one GitHub login, such as infra-app[bot] for a GitHub App',
          }
        : undefined,
  ],
);
