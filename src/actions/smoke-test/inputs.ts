import { defineInputs, input } from '../../core/inputs.js';
import { sharedInputs } from '../../core/shared-inputs.js';

export const smokeTestInputs = defineInputs(
  {
    checks: input.requiredFile(),
    inventory: input.text(),
    'inventory-artifact': input.name(),
    stack: sharedInputs.stack,
    'private-key': input.secretText(),
    concurrency: input.integer(1, 256),
    retries: input.integer(0, 100),
    'retry-delay-seconds': input.integer(0, 3_600),
    'deadline-seconds': input.integer(1, 86_400),
    'fail-on': input.choice(['any', 'threshold'] as const, 'any'),
    threshold: input.integer(0, 100),
    'junit-path': input.text(),
    'artifact-prefix': sharedInputs['artifact-prefix'],
  },
  [
    (v) =>
      v.failOn === 'threshold' && v.threshold === undefined
        ? {
            input: 'threshold',
            message: 'is required with fail-on: threshold (the percentage of checks that must pass)',
          }
        : undefined,
  ],
);
