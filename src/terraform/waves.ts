import type { MatrixStack, StackEntry } from '../contracts/stacks.js';
import { ConfigurationError } from '../core/errors.js';

/**
 * Orders stacks into waves: a stack runs in the first wave after every stack it depends on. Stacks of
 * one wave run side by side (a matrix); a wave starts when the wave before it has been applied.
 */

/** The most waves iac-pipeline.yml has jobs for (wave-1 … wave-5). */
export const MAX_WAVES = 5;

export interface WaveOptions {
  /** Where the stacks came from, for the error messages: `Input "stack-graph"`. */
  source: string;
  /** The environment of stacks that name none. */
  environment?: string;
  /** Deploy only these stacks; their dependencies are assumed applied already. */
  only?: readonly string[];
  maxWaves?: number;
}

export function stackWaves(stacks: readonly StackEntry[], options: WaveOptions): MatrixStack[][] {
  const { source } = options;
  const byName = new Map<string, StackEntry>();
  for (const entry of stacks) {
    if (byName.has(entry.stack)) throw new ConfigurationError(`${source} lists stack ${entry.stack} twice.`);
    byName.set(entry.stack, entry);
  }
  for (const entry of stacks) {
    for (const dependency of entry['depends-on'] ?? []) {
      if (dependency === entry.stack) {
        throw new ConfigurationError(`${source}: stack ${entry.stack} depends on itself.`);
      }
      if (!byName.has(dependency)) {
        throw new ConfigurationError(
          `${source}: stack ${entry.stack} depends on ${dependency}, which is not among the stacks (${[...byName.keys()].join(', ')}).`,
        );
      }
    }
  }

  const levels = new Map<string, number>();
  const visiting: string[] = [];
  const levelOf = (name: string): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    if (visiting.includes(name)) {
      const cycle = [...visiting.slice(visiting.indexOf(name)), name];
      throw new ConfigurationError(
        `${source}: the stacks depend on each other in a cycle: ${cycle.join(' → ')}.`,
      );
    }
    visiting.push(name);
    const dependencies = byName.get(name)?.['depends-on'] ?? [];
    const level = dependencies.length === 0 ? 0 : 1 + Math.max(...dependencies.map(levelOf));
    visiting.pop();
    levels.set(name, level);
    return level;
  };
  for (const entry of stacks) levelOf(entry.stack);

  let chosen = [...stacks];
  if (options.only && options.only.length > 0) {
    for (const name of options.only) {
      if (!byName.has(name)) {
        throw new ConfigurationError(
          `${source} has no stack ${name} to deploy; it lists ${[...byName.keys()].join(', ')}.`,
        );
      }
    }
    chosen = chosen.filter((entry) => options.only?.includes(entry.stack));
  }

  // Waves are numbered among the chosen stacks only: deploying one stack of wave 3 needs no empty waves.
  const distinct = [...new Set(chosen.map((entry) => levels.get(entry.stack) ?? 0))].sort((a, b) => a - b);
  const maxWaves = options.maxWaves ?? MAX_WAVES;
  if (distinct.length > maxWaves) {
    throw new ConfigurationError(
      `${source}: the dependencies make ${distinct.length} waves and the pipeline runs at most ${maxWaves}. ` +
        'Let stacks that do not use each other share a wave, or split the deployment into two pipelines.',
    );
  }
  return distinct.map((level) =>
    chosen.filter((entry) => levels.get(entry.stack) === level).map((entry) => asMatrixStack(entry, options)),
  );
}

function asMatrixStack(entry: StackEntry, options: WaveOptions): MatrixStack {
  return {
    stack: entry.stack,
    directory: entry.directory,
    environment: entry.environment ?? options.environment ?? '',
    workspace: entry.workspace ?? '',
    'var-files': entry['var-files'] ?? '',
    'backend-config': entry['backend-config'] ?? '',
    'depends-on': (entry['depends-on'] ?? []).join(','),
    'image-variable': entry['image-variable'] ?? '',
    playbook: entry.playbook ?? '',
    checks: entry.checks ?? '',
  };
}
