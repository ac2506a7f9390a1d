import { actionsArtifactStore } from '../../artifacts/store.js';
import { withAuditLog } from '../../audit/log.js';
import { runAction } from '../../core/run-action.js';
import { destroyWaves } from '../../terraform/destroy-order.js';
import { gatherStacks } from '../../terraform/gather.js';
import { orderStacks } from '../../terraform/order-stacks.js';
import { planOneStack } from '../../terraform/plan-stack.js';
import { tfPlanInputs } from './inputs.js';
import { tfPlanOutputs } from './outputs.js';

/**
 * One tf-plan, a use case for each mode: plan and drift plan a stack; gather, waves and destroy-waves
 * plan nothing (destroy-waves reads the states of the stacks that depend on those it destroys).
 */
const useCases = {
  plan: planOneStack,
  drift: planOneStack,
  gather: gatherStacks,
  waves: orderStacks,
  'destroy-waves': destroyWaves,
};

export function run(): Promise<void> {
  return runAction('tf-plan', tfPlanInputs, tfPlanOutputs, ({ inputs, ...context }) => {
    const artifacts = actionsArtifactStore();
    // The modes that plan nothing have nothing to audit: the plans they order or gather are audited where made.
    if (inputs.mode !== 'plan' && inputs.mode !== 'drift') {
      return useCases[inputs.mode](inputs, { ...context, artifacts });
    }
    return withAuditLog(
      {
        artifactPrefix: inputs.artifactPrefix,
        step: 'tf-plan',
        run: context.run,
        artifacts,
        logger: context.logger,
      },
      (audit, logger) => planOneStack(inputs, { ...context, logger, artifacts, audit }),
    );
  });
}
