import { NotImplementedError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { removeSecretFiles } from '../../core/secret-files.js';
import { ansibleConfigureInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction(
    'ansible-configure',
    ansibleConfigureInputs,
    async () => {
      throw new NotImplementedError('ansible-configure', 'run playbooks');
    },
    ({ state, logger }) => removeSecretFiles(state, logger),
  );
}
