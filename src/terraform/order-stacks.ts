import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MatrixStack, StackInputSource } from '../contracts/stacks.js';
import type { RunContext } from '../core/run-context.js';
import { declaredInputs } from './stack-inputs.js';
import type { Logger } from '../core/logger.js';
import type { StepReport } from '../core/outputs.js';
import { cellCode, cellText } from '../markdown/escape.js';
import { WAVE_OUTPUTS, type TfPlanInputs, type TfPlanOutputs } from './plan.js';
import { stackWaves } from './waves.js';

/** tf-plan's mode waves: the stacks in the order their dependencies allow, as matrices for the wave jobs. */
export async function orderStacks(
  inputs: TfPlanInputs,
  deps: { logger: Logger; run: RunContext } & StepReport<TfPlanOutputs>,
): Promise<void> {
  const { logger, run, setOutputs } = deps;
  const waves = stackWaves(inputs.stackGraph ?? [], {
    source: 'Input "stack-graph"',
    ...(inputs.environment ? { environment: inputs.environment } : {}),
    only: inputs.stacks,
  });
  // With the repository checked out, an input on an output or variable nobody declares is refused
  // here, before any stack is planned.
  for (const stack of waves.flat()) {
    if (!stack['stack-inputs'] || !existsSync(join(run.workspace, stack.directory))) continue;
    await declaredInputs(
      JSON.parse(stack['stack-inputs']) as StackInputSource[],
      { stack: stack.stack, directory: join(run.workspace, stack.directory) },
      run.workspace,
    );
  }
  setOutputs({ waves, 'wave-count': waves.length, matrix: waves.flat() });
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
