import { NotImplementedError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { packerBuildInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction('packer-build', packerBuildInputs, async () => {
    throw new NotImplementedError('packer-build', 'build images');
  });
}
