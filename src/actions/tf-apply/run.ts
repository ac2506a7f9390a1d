import { NotImplementedError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { tfApplyInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction('tf-apply', tfApplyInputs, async () => {
    throw new NotImplementedError('tf-apply', 'apply a plan bundle');
  });
}
