import { NotImplementedError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { approvalGateInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction('approval-gate', approvalGateInputs, async () => {
    throw new NotImplementedError('approval-gate', 'decide approvals');
  });
}
