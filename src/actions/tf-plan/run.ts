import { NotImplementedError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { tfPlanInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction('tf-plan', tfPlanInputs, async () => {
    throw new NotImplementedError('tf-plan', 'plan');
  });
}
