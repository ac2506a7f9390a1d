import { setTimeout as sleep } from 'node:timers/promises';
import { runAction } from '../../core/run-action.js';
import { approvalGateInputs } from './inputs.js';
import { approvalGateOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction(
    'approval-gate',
    approvalGateInputs,
    approvalGateOutputs,
    async ({ inputs, ...context }) => {
      // Loaded once the inputs are valid (as in every action): a refused input needs only the input layer.
      const [{ auditedStep }, { runApprovalGate }] = await Promise.all([
        import('../../audit/log.js'),
        import('../../approval/approval-gate.js'),
      ]);
      return auditedStep('approval-gate', inputs.artifactPrefix, context, (step) =>
        runApprovalGate(inputs, { ...step, sleep: (ms) => sleep(ms), now: () => new Date() }),
      );
    },
  );
}
