import { runAction } from '../../core/run-action.js';
import { tfPlanInputs } from './inputs.js';
import { tfPlanOutputs } from './outputs.js';

/**
 * One tf-plan, a use case for each mode: plan and drift plan a stack; gather, waves and destroy-waves
 * plan nothing (destroy-waves reads the states of the stacks that depend on those it destroys). Each is
 * loaded once the inputs are valid, and only the one the mode needs.
 */
const useCases = {
  gather: async () => (await import('../../terraform/gather.js')).gatherStacks,
  waves: async () => (await import('../../terraform/order-stacks.js')).orderStacks,
  'destroy-waves': async () => (await import('../../terraform/destroy-order.js')).destroyWaves,
};

export function run(): Promise<void> {
  return runAction('tf-plan', tfPlanInputs, tfPlanOutputs, async ({ inputs, ...context }) => {
    const [{ actionsArtifactStore }, useCase] = await Promise.all([
      import('../../artifacts/store.js'),
      inputs.mode === 'plan' || inputs.mode === 'drift' ? undefined : useCases[inputs.mode](),
    ]);
    // The modes that plan nothing have nothing to audit: the plans they order or gather are audited where made.
    if (useCase) return useCase(inputs, { ...context, artifacts: actionsArtifactStore() });
    const [{ auditedStep }, { planOneStack }] = await Promise.all([
      import('../../audit/log.js'),
      import('../../terraform/plan-stack.js'),
    ]);
    return auditedStep('tf-plan', inputs.artifactPrefix, context, (step) => planOneStack(inputs, step));
  });
}
