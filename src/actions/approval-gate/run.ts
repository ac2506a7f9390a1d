import { setTimeout as sleep } from 'node:timers/promises';
import { runApprovalGate } from '../../approval/approval-gate.js';
import { actionsArtifactStore } from '../../artifacts/store.js';
import { withAuditLog } from '../../audit/log.js';
import { runAction } from '../../core/run-action.js';
import { approvalGateInputs } from './inputs.js';
import { approvalGateOutputs } from './outputs.js';

export function run(): Promise<void> {
  return runAction('approval-gate', approvalGateInputs, approvalGateOutputs, ({ inputs, ...context }) => {
    const artifacts = actionsArtifactStore();
    return withAuditLog(
      {
        artifactPrefix: inputs.artifactPrefix,
        step: 'approval-gate',
        run: context.run,
        artifacts,
        logger: context.logger,
      },
      (audit, logger) =>
        runApprovalGate(inputs, {
          ...context,
          logger,
          artifacts,
          audit,
          sleep: (ms) => sleep(ms),
          now: () => new Date(),
        }),
    );
  });
}
