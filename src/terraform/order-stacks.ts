import type { MatrixStack } from '../contracts/stacks.js';
import type { Logger } from '../core/logger.js';
import type { StepReport } from '../core/outputs.js';
import { cellCode, cellText } from '../markdown/escape.js';
import { WAVE_OUTPUTS, type TfPlanInputs, type TfPlanOutputs } from './plan.js';
import { stackWaves } from './waves.js';

/** tf-plan's mode waves: the stacks in the order their dependencies allow, as matrices for the wave jobs. */
export async function orderStacks(
  inputs: TfPlanInputs,
  deps: { logger: Logger } & StepReport<TfPlanOutputs>,
): Promise<void> {
  const { logger, setOutputs } = deps;
  const waves = stackWaves(inputs.stackGraph ?? [], {
    source: 'Input "stack-graph"',
    ...(inputs.environment ? { environment: inputs.environment } : {}),
    only: inputs.stacks,
  });
  setOutputs({ waves, 'wave-count': waves.length });
  for (const [index, name] of WAVE_OUTPUTS.entries()) setOutputs({ [name]: waves[index] ?? [] });
  for (const [index, stacks] of waves.entries()) {
    logger.info(`Wave ${index + 1}: ${stacks.map((s) => s.stack).join(', ')}`);
  }
  await deps.writeSummary(wavesSummary(waves));
}

/** mode: waves — the order the pipeline will deploy the stacks in. */
export function wavesSummary(waves: readonly MatrixStack[][]): string {
  const rows = waves.flatMap((stacks, index) =>
    stacks.map(
      (s) =>
        `| ${index + 1} | ${cellCode(s.stack)} | ${cellCode(s.directory)} | ${cellText(s.environment) || '—'} | ${
          s['depends-on'] ? s['depends-on'].split(',').map(cellCode).join(', ') : '—'
        } |`,
    ),
  );
  return [
    '## Deployment order',
    '',
    `${waves.length} wave(s); the stacks of a wave run side by side, each wave after the one before it is applied.`,
    '',
    '| Wave | Stack | Directory | Environment | Depends on |',
    '|---:|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
