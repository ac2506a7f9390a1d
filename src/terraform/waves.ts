import {
  parseStackOutputRef,
  type MatrixStack,
  type StackEntry,
  type StackInputSource,
} from '../contracts/stacks.js';
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

/**
 * The stacks a stack depends on: those of `depends-on` and those its `inputs` read, each once. An input
 * orders as a dependency does, since its value exists only once that stack is applied.
 */
export function stackDependencies(entry: StackEntry): string[] {
  const fromInputs = Object.values(entry.inputs ?? {}).flatMap(
    (ref) => parseStackOutputRef(ref)?.stack ?? [],
  );
  return [...new Set([...(entry['depends-on'] ?? []), ...fromInputs])];
}

/** The graph by stack name, after refusing a stack listed twice or a dependency or input on no stack of it. */
export function stackGraph(stacks: readonly StackEntry[], source: string): Map<string, StackEntry> {
  const byName = new Map<string, StackEntry>();
  for (const entry of stacks) {
    if (byName.has(entry.stack)) throw new ConfigurationError(`${source} lists stack ${entry.stack} twice.`);
    byName.set(entry.stack, entry);
  }
  const known = [...byName.keys()].join(', ');
  for (const entry of stacks) {
    for (const dependency of entry['depends-on'] ?? []) {
      if (dependency === entry.stack) {
        throw new ConfigurationError(`${source}: stack ${entry.stack} depends on itself.`);
      }
      if (!byName.has(dependency)) {
        throw new ConfigurationError(
          `${source}: stack ${entry.stack} depends on ${dependency}, which is not among the stacks (${known}).`,
        );
      }
    }
    for (const [variable, ref] of Object.entries(entry.inputs ?? {})) {
      const upstream = parseStackOutputRef(ref);
      if (upstream?.stack === entry.stack) {
        throw new ConfigurationError(
          `${source}: stack ${entry.stack}'s input ${variable} reads ${ref}, an output of the stack itself; an input comes from another stack.`,
        );
      }
      if (upstream && !byName.has(upstream.stack)) {
        throw new ConfigurationError(
          `${source}: stack ${entry.stack}'s input ${variable} reads output ${upstream.output} of stack ${upstream.stack}, which is not among the stacks (${known}).`,
        );
      }
    }
  }
  return byName;
}

/** A stack's inputs with where each upstream keeps its state: what tf-plan and tf-apply read them from. */
export function stackInputSources(
  entry: StackEntry,
  byName: ReadonlyMap<string, StackEntry>,
): StackInputSource[] {
  return Object.entries(entry.inputs ?? {}).flatMap(([variable, ref]) => {
    const parsed = parseStackOutputRef(ref);
    const upstream = parsed ? byName.get(parsed.stack) : undefined;
    if (!parsed || !upstream) return [];
    return [
      {
        variable,
        stack: upstream.stack,
        output: parsed.output,
        directory: upstream.directory,
        ...(upstream.workspace ? { workspace: upstream.workspace } : {}),
        ...(upstream['backend-config'] ? { 'backend-config': upstream['backend-config'] } : {}),
      },
    ];
  });
}

export function stackWaves(stacks: readonly StackEntry[], options: WaveOptions): MatrixStack[][] {
  const { source } = options;
  const byName = stackGraph(stacks, source);

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
    const entry = byName.get(name);
    const dependencies = entry ? stackDependencies(entry) : [];
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
    chosen
      .filter((entry) => levels.get(entry.stack) === level)
      .map((entry) => asMatrixStack(entry, byName, options)),
  );
}

function asMatrixStack(
  entry: StackEntry,
  byName: ReadonlyMap<string, StackEntry>,
  options: WaveOptions,
): MatrixStack {
  const inputs = stackInputSources(entry, byName);
  return {
    stack: entry.stack,
    directory: entry.directory,
    environment: entry.environment ?? options.environment ?? '',
    workspace: entry.workspace ?? '',
    'var-files': entry['var-files'] ?? '',
    'backend-config': entry['backend-config'] ?? '',
    'depends-on': stackDependencies(entry).join(','),
    'image-variable': entry['image-variable'] ?? '',
    playbook: entry.playbook ?? '',
    checks: entry.checks ?? '',
    'stack-inputs': inputs.length > 0 ? JSON.stringify(inputs) : '',
  };
}
