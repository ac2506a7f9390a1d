import { NotImplementedError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { reportInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction('report', reportInputs, async () => {
    throw new NotImplementedError('report', 'build the report');
  });
}
