import { NotImplementedError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { removeSecretFiles } from '../../core/secret-files.js';
import { smokeTestInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction(
    'smoke-test',
    smokeTestInputs,
    async () => {
      throw new NotImplementedError('smoke-test', 'run smoke checks');
    },
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
