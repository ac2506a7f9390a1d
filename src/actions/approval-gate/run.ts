import { setTimeout as sleep } from 'node:timers/promises';
import { runApprovalGate } from '../../approval/approval-gate.js';
import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { approvalGateInputs } from './inputs.js';
import { approvalGateOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('approval-gate', approvalGateInputs, approvalGateOutputs, ({ inputs, ...context }) =>
    runApprovalGate(inputs, {
      ...context,
      artifacts: actionsArtifactStore(),
      sleep: (ms) => sleep(ms),
      now: () => new Date(),
    }),
  );
}
