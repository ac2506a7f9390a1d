import { isInventoryContent } from '../../ansible/inventory-content.js';
import { defineInputs, input } from '../../core/inputs.js';
import { sharedInputs } from '../../core/shared-inputs.js';

export const smokeTestInputs = defineInputs(
  {
    checks: input.requiredFile(),
    inventory: input.fileOrContent(isInventoryContent),
    'inventory-artifact': input.name(),
    stack: sharedInputs.stack,
    'private-key': input.secretText(),
    concurrency: input.integerOr(1, 256, 16),
    retries: input.integerOr(0, 100, 3),
    'retry-delay-seconds': input.numberOr(0, 3_600, 2),
    'deadline-seconds': input.integerOr(1, 86_400, 300),
    'fail-on': input.choice(['any', 'threshold'] as const, 'any'),
    threshold: input.integer(0, 100),
    'junit-path': input.outputFile('junit.xml'),
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
