import type { InputShape } from '../../src/core/inputs.js';
import { ansibleConfigureInputs } from '../../src/actions/ansible-configure/inputs.js';
import { approvalGateInputs } from '../../src/actions/approval-gate/inputs.js';
import { packerBuildInputs } from '../../src/actions/packer-build/inputs.js';
import { releaseInputs } from '../../src/actions/release/inputs.js';
import { reportInputs } from '../../src/actions/report/inputs.js';
import { setupInputs } from '../../src/actions/setup/inputs.js';
import { smokeTestInputs } from '../../src/actions/smoke-test/inputs.js';
import { tfApplyInputs } from '../../src/actions/tf-apply/inputs.js';
import { tfPlanInputs } from '../../src/actions/tf-plan/inputs.js';
import { validateInputs } from '../../src/actions/validate/inputs.js';

/** Every action's input spec by the action's name. Each spec's rules take its own typed values, so the table holds them by their common part. */
export const actionInputSpecs: Record<string, { shape: InputShape; rules: unknown[] }> = {
  setup: setupInputs,
  'tf-plan': tfPlanInputs,
  'tf-apply': tfApplyInputs,
  'approval-gate': approvalGateInputs,
  'packer-build': packerBuildInputs,
  'ansible-configure': ansibleConfigureInputs,
  'smoke-test': smokeTestInputs,
  release: releaseInputs,
  report: reportInputs,
  validate: validateInputs,
};
