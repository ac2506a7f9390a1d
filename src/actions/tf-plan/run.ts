import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { gatherStacks } from '../../terraform/gather.js';
import { orderStacks } from '../../terraform/order-stacks.js';
import { planOneStack } from '../../terraform/plan-stack.js';
import { tfPlanInputs } from './inputs.js';
import { tfPlanOutputs } from './outputs.js';

/** One tf-plan, a use case for each mode: plan and drift plan a stack, gather and waves plan nothing. */
const useCases = { plan: planOneStack, drift: planOneStack, gather: gatherStacks, waves: orderStacks };

export function run(): Promise<void> {
  return runAction('tf-plan', tfPlanInputs, tfPlanOutputs, ({ inputs, ...context }) =>
    useCases[inputs.mode](inputs, { ...context, artifacts: actionsArtifactStore() }),
  );
}
