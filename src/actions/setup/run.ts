import { NotImplementedError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { setupInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction('setup', setupInputs, async () => {
    throw new NotImplementedError('setup', 'install tools');
  });
}
