import type { ApprovalGateOutputs } from '../../approval/approval-gate.js';
import { defineOutputs, output } from '../../core/outputs.js';

export const approvalGateOutputs = defineOutputs<ApprovalGateOutputs>({
  status: output.string(),
  approved: output.boolean(),
  approvers: output.json(),
  'plan-digest': output.string(),
  'record-artifact': output.string(),
  'plan-run-id': output.number(),
  'status-comment-url': output.string(),
  dispatched: output.boolean(),
});
