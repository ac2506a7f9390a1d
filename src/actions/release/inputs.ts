import { defineInputs, input } from '../../core/inputs.js';
import { sharedInputs } from '../../core/shared-inputs.js';
import { SMOKE_CATEGORIES } from '../../contracts/smoke-categories.js';
import { parseDuration } from '../../releases/duration.js';
import { ConfigurationError } from '../../core/errors.js';

export const releaseInputs = defineInputs(
  {
    mode: input.choice(['record', 'promote', 'rollback'] as const, 'record'),
    environment: input.requiredText(),
    'promote-from': input.text(),
    threshold: input.integerOr(0, 100, 100),
    'quality-categories': input.list(),
    'max-release-age': input.text(),
    to: input.textOr('previous'),
    scope: input.choice(['release', 'image'] as const, 'release'),
    result: input.choice(['success', 'failure', 'cancelled'] as const, 'success'),
    'on-smoke-failure': input.choice(['none', 'rollback'] as const, 'none'),
    'rollback-workflow': input.textOr('rollback.yml'),
    'image-id': input.text(),
    'artifact-prefix': sharedInputs['artifact-prefix'],
    'github-token': sharedInputs['github-token'],
  },
  [
    (v) =>
      v.mode === 'promote' && !v.promoteFrom
        ? {
            input: 'promote-from',
            message: 'is required with mode: promote (the environment the release comes from)',
          }
        : undefined,
    (v) =>
      v.promoteFrom && v.mode !== 'promote'
        ? { input: 'promote-from', message: 'is for mode: promote' }
        : undefined,
    (v) => {
      const unknown = v.qualityCategories.filter((c) => !SMOKE_CATEGORIES.includes(c));
      return unknown.length > 0
        ? {
            input: 'quality-categories',
            message: `names ${unknown.join(', ')}; smoke-test's categories are ${SMOKE_CATEGORIES.join(', ')}`,
          }
        : undefined;
    },
    (v) => {
      if (!v.maxReleaseAge) return undefined;
      try {
        parseDuration(v.maxReleaseAge);
        return undefined;
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        return {
          input: 'max-release-age',
          message: 'must be a duration of more than zero such as 30m, 72h or 7d',
        };
      }
    },
    (v) =>
      /^[\w.-]+\.ya?ml$/.test(v.rollbackWorkflow)
        ? undefined
        : { input: 'rollback-workflow', message: 'must be a workflow file name such as rollback.yml' },
  ],
);
