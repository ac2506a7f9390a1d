import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MatrixStack, StackEntry } from '../contracts/stacks.js';
import { ConfigurationError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import type { StepReport } from '../core/outputs.js';
import type { RunContext } from '../core/run-context.js';
import { cellCode, cellText, codeSpan } from '../markdown/escape.js';
import { describeBackend, stateLocation } from './backend.js';
import { resolveTool, type Tool } from './cli.js';
import { WAVE_OUTPUTS, type TfPlanInputs, type TfPlanOutputs } from './plan.js';
import { readStackState, type StackState } from './stack-state.js';
import { stackDependencies, stackGraph, stackWaves } from './waves.js';

/**
 * tf-plan's mode destroy-waves: which stacks a destroy deletes, in which order, and whether it may. A
 * stack is destroyed only after every stack that depends on it (the deploy's waves, reversed), and
 * not at all while a stack outside the destroy that depends on it still has resources: that stack
 * would be left pointing at a network, a database, an id that no longer exists (terragrunt#3371).
 * The check reads states only (`state pull`); nothing is planned and no state is written here.
 *
 * A stack whose directory is gone from the checkout is looked for in the history: the last commit
 * that had it still has its configuration, so its state can be read and, when asked for, destroyed
 * from that commit (atlantis#1178: a removed directory otherwise leaves its resources behind unseen).
 */

const SOURCE = 'Input "stack-graph"';

/** Where a stack's configuration is: in the checkout, in an older commit, or nowhere. */
export type StackSource =
  { kind: 'checkout' } | { kind: 'removed'; removedIn: string; lastCommit: string } | { kind: 'gone' };

/** What the destroy order reads the repository and the states through. */
export interface DestroyCollaborators {
  /** Whether the stack's directory is in the checkout. */
  present(entry: StackEntry): boolean;
  /**
   * The commit that removed a directory and its parent, the last commit that had it; undefined when no
   * commit of the checked-out history has it.
   */
  lastCommitWith(directory: string): Promise<{ removedIn: string; lastCommit: string } | undefined>;
  /** The stack's state, from its configuration in the checkout, or in `commit` when given. */
  readState(entry: StackEntry, commit?: string): Promise<StackState>;
  /** Removes what reading older commits left under the runner's temp. */
  dispose?(): Promise<void>;
}

/** A stack outside the destroy that depends on a stack of it, as its state was found. */
export interface CheckedDependent {
  stack: string;
  /** The stacks of the destroy it depends on. */
  dependsOn: string[];
  /** Managed resource instances in its state; 0 when it has no state. */
  resources: number;
  /** Where its state is, as messages name it. */
  where: string;
  /** Its directory is gone and no commit has it: its state could not be read. */
  unchecked?: true;
}

/** A stack of the graph whose directory is not in the checkout. */
export interface RemovedStack {
  stack: string;
  directory: string;
  /** Absent when no commit of the history has the directory. */
  removedIn?: string;
  lastCommit?: string;
  resources: number;
  where?: string;
  /** offered: it has resources and is not being destroyed; destroyed: from lastCommit; skipped: nothing to destroy. */
  fate: 'offered' | 'destroyed' | 'skipped';
}

export interface DestroyPlan {
  /** The waves of the destroy, the stacks that depend on others first. */
  waves: MatrixStack[][];
  /** Every stack the destroy deletes, in the graph's order. */
  destroying: string[];
  dependents: CheckedDependent[];
  removed: RemovedStack[];
  /** Why the destroy may not go ahead: dependents with resources. Nothing is planned then. */
  refusal?: string;
}

export interface DestroyOptions {
  /** The stacks to destroy; empty, every stack of the graph. */
  only: readonly string[];
  /** The environment of stacks that name none. */
  environment?: string | undefined;
}

export async function planDestroy(
  graph: readonly StackEntry[],
  options: DestroyOptions,
  collaborators: DestroyCollaborators,
): Promise<DestroyPlan> {
  const byName = stackGraph(graph, SOURCE);
  const unknown = options.only.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `Input "stacks" names ${listOf(unknown)}, which ${unknown.length === 1 ? 'is' : 'are'} not among the stacks of stack-graph (${[...byName.keys()].join(', ')}): name stacks of the graph, or leave it empty to destroy them all.`,
    );
  }
  const asked = options.only.length > 0 ? graph.filter((e) => options.only.includes(e.stack)) : [...graph];
  const askedNames = new Set(asked.map((e) => e.stack));

  const sources = new Map<string, StackSource>();
  for (const entry of graph) sources.set(entry.stack, await sourceOf(entry, collaborators));
  for (const entry of asked) {
    if (sources.get(entry.stack)?.kind === 'gone' && options.only.includes(entry.stack)) {
      throw new ConfigurationError(
        `Stack ${entry.stack}'s directory ${entry.directory} is not in the checkout, and no commit of its history has it, so there is nothing to destroy it from: check its directory in stack-graph, or check the repository out with its whole history (actions/checkout with fetch-depth: 0).`,
      );
    }
  }
  const stateOf = (entry: StackEntry): Promise<StackState> => {
    const source = sources.get(entry.stack);
    return collaborators.readState(entry, source?.kind === 'removed' ? source.lastCommit : undefined);
  };

  // Before anything is planned: the stacks outside the destroy that depend on a stack of it.
  const dependents = await Promise.all(
    graph
      .filter((entry) => !askedNames.has(entry.stack))
      .map((entry) => ({ entry, dependsOn: stackDependencies(entry).filter((d) => askedNames.has(d)) }))
      .filter(({ dependsOn }) => dependsOn.length > 0)
      .map(async ({ entry, dependsOn }): Promise<CheckedDependent> => {
        if (sources.get(entry.stack)?.kind === 'gone') {
          return { stack: entry.stack, dependsOn, resources: 0, where: entry.directory, unchecked: true };
        }
        const read = await stateOf(entry);
        return {
          stack: entry.stack,
          dependsOn,
          resources: read.state?.resources ?? 0,
          where: whereIs(read, entry),
        };
      }),
  );

  const removed = await Promise.all(
    graph
      .filter((entry) => sources.get(entry.stack)?.kind !== 'checkout')
      .map(async (entry): Promise<RemovedStack> => {
        const source = sources.get(entry.stack) as StackSource;
        const base = { stack: entry.stack, directory: entry.directory };
        if (source.kind !== 'removed') return { ...base, resources: 0, fate: 'skipped' };
        const dependent = dependents.find((d) => d.stack === entry.stack);
        const read = dependent ? undefined : await stateOf(entry);
        const resources = dependent?.resources ?? read?.state?.resources ?? 0;
        const fate = resources === 0 ? 'skipped' : askedNames.has(entry.stack) ? 'destroyed' : 'offered';
        return {
          ...base,
          removedIn: source.removedIn,
          lastCommit: source.lastCommit,
          resources,
          where: dependent?.where ?? (read ? whereIs(read, entry) : ''),
          fate,
        };
      }),
  );

  // A removed stack with nothing in its state has nothing to destroy: it gets no leg.
  const skipped = new Set(removed.filter((r) => r.fate === 'skipped').map((r) => r.stack));
  const destroying = asked.map((e) => e.stack).filter((name) => !skipped.has(name));
  // A dependent whose state cannot be read may still have resources: that is no ground to go ahead.
  const blocking = dependents.filter((d) => d.resources > 0 || d.unchecked);
  const refusal = blocking.length > 0 ? refusalOf(blocking, asked, graph) : undefined;
  const waves =
    destroying.length === 0 || refusal
      ? []
      : stackWaves(graph, {
          source: SOURCE,
          ...(options.environment ? { environment: options.environment } : {}),
          only: destroying,
        })
          .reverse()
          .map((wave) =>
            wave.map((leg) => {
              const source = sources.get(leg.stack);
              return { ...leg, 'checkout-ref': source?.kind === 'removed' ? source.lastCommit : '' };
            }),
          );
  return { waves, destroying, dependents, removed, ...(refusal ? { refusal } : {}) };
}

async function sourceOf(entry: StackEntry, collaborators: DestroyCollaborators): Promise<StackSource> {
  if (collaborators.present(entry)) return { kind: 'checkout' };
  const found = await collaborators.lastCommitWith(entry.directory);
  return found ? { kind: 'removed', ...found } : { kind: 'gone' };
}

/**
 * The lifecycle seed's refusal: `Cannot destroy network: dependencies exist. vms depends on it and has
 * 7 resources in s3://…/dev/vms.tfstate. Destroy vms too (destroy: network,vms), or destroy it first.`
 */
function refusalOf(
  blocking: readonly CheckedDependent[],
  asked: readonly StackEntry[],
  graph: readonly StackEntry[],
): string {
  const blocked = [...new Set(blocking.flatMap((d) => d.dependsOn))];
  const oneBlocked = blocked.length === 1;
  const reasons = blocking.map((d) => {
    const on = `${d.stack} depends on ${oneBlocked ? 'it' : listOf(d.dependsOn)}`;
    return d.unchecked
      ? `${on} and its state could not be checked: its directory ${d.where} is not in the checkout and no commit of its history has it (check the repository out with fetch-depth: 0)`
      : `${on} and has ${d.resources} ${d.resources === 1 ? 'resource' : 'resources'} in ${d.where}`;
  });
  const widened = graph
    .map((e) => e.stack)
    .filter((name) => asked.some((e) => e.stack === name) || blocking.some((d) => d.stack === name));
  const them = blocking.length === 1 ? (blocking[0] as CheckedDependent).stack : 'them';
  return (
    `Cannot destroy ${listOf(blocked)}: dependencies exist. ${reasons.join('; ')}. ` +
    `Destroy ${them} too (destroy: ${widened.join(',')}), or destroy ${blocking.length === 1 ? 'it' : 'them'} first. Nothing was planned.`
  );
}

/** `s3://bucket/dev/vms.tfstate`, with the workspace when it is not the default one. */
function whereIs(read: StackState, entry: StackEntry): string {
  const place = stateLocation(read.backend) ?? describeBackend(read.backend);
  return entry.workspace && entry.workspace !== 'default' ? `${place} (workspace ${entry.workspace})` : place;
}

/** tf-plan's use case for mode destroy-waves: the checks, the waves as outputs, the summary. */
export async function destroyWaves(
  inputs: TfPlanInputs,
  deps: { exec: Exec; logger: Logger; run: RunContext } & StepReport<TfPlanOutputs>,
): Promise<void> {
  const { logger, setOutputs } = deps;
  const collaborators = repositoryCollaborators(inputs, deps);
  const plan = await planDestroy(
    inputs.stackGraph ?? [],
    { only: inputs.stacks, environment: inputs.environment },
    collaborators,
  ).finally(() => collaborators.dispose?.());
  await deps.writeSummary(destroySummary(plan));
  if (plan.refusal) throw new ConfigurationError(plan.refusal);
  for (const offered of plan.removed.filter((r) => r.fate === 'offered')) {
    logger.warning(offeredText(offered), { title: `Removed stack ${offered.stack} still has resources` });
  }
  setOutputs({ waves: plan.waves, 'wave-count': plan.waves.length, matrix: plan.waves.flat() });
  for (const [index, name] of WAVE_OUTPUTS.entries()) setOutputs({ [name]: plan.waves[index] ?? [] });
  for (const [index, stacks] of plan.waves.entries()) {
    logger.info(`Destroy wave ${index + 1}: ${stacks.map((s) => s.stack).join(', ')}`);
  }
  if (plan.waves.length === 0) logger.info('Nothing to destroy.');
}

/**
 * The checkout and the states as a job sees them: the directories in the workspace, the history
 * through git (the order job checks out with fetch-depth: 0), and each state read with the tool the
 * setup action installed, found once, when the first state is read.
 */
export function repositoryCollaborators(
  inputs: Pick<TfPlanInputs, 'binary'>,
  deps: { exec: Exec; logger: Logger; run: RunContext },
): DestroyCollaborators {
  const { exec, logger, run } = deps;
  let tool: Promise<Tool> | undefined;
  const commits = new Map<string, Promise<string>>();
  const scratchDirs: string[] = [];
  const git = gitOf(exec, run.workspace);
  return {
    present: (entry) => existsSync(join(run.workspace, entry.directory)),
    lastCommitWith: (directory) => lastCommitWith(git, directory),
    async readState(entry, commit) {
      tool ??= resolveTool(inputs.binary, exec);
      let root = run.workspace;
      if (commit) {
        if (!commits.has(commit)) commits.set(commit, extractCommit(git, exec, commit, run, scratchDirs));
        root = await (commits.get(commit) as Promise<string>);
      }
      try {
        return await readStackState(
          {
            stack: entry.stack,
            directory: join(root, entry.directory),
            workspace: entry.workspace ?? 'default',
            backendConfig: (entry['backend-config'] ?? '')
              .split('\n')
              .map((line) => line.trim())
              .filter((line) => line !== ''),
          },
          { tool: await tool, exec, logger, workspace: root, scratch: run.runnerTemp },
        );
      } catch (error) {
        if (!commit) throw error;
        throw new ConfigurationError(
          `Could not read the state of stack ${entry.stack} from commit ${commit.slice(0, 12)}, the last that has ${entry.directory}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    async dispose() {
      await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

type Git = (args: readonly string[]) => Promise<string>;

function gitOf(exec: Exec, cwd: string): Git {
  return async (args) => {
    const result = await exec('git', args, { cwd });
    if (result.exitCode !== 0) {
      throw new ConfigurationError(
        `git ${args[0] ?? ''} failed in the checkout (exit ${result.exitCode}${result.stderr.trim() ? `: ${result.stderr.trim().split('\n')[0] ?? ''}` : ''}): mode destroy-waves reads the history of removed stack directories, so check the repository out with actions/checkout and fetch-depth: 0 first.`,
      );
    }
    return result.stdout.trim();
  };
}

/**
 * The last commit touching a directory missing from the checkout is the one that removed it; its
 * parent is the last that had it.
 */
export async function lastCommitWith(
  git: Git,
  directory: string,
): Promise<{ removedIn: string; lastCommit: string } | undefined> {
  const path = directory.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
  const removedIn = await git(['log', '-1', '--format=%H', '--', path]);
  if (!removedIn) return undefined;
  const lastCommit = await git(['rev-parse', '--verify', `${removedIn}^`]);
  return { removedIn, lastCommit };
}

/** The tree of an older commit, under the runner's temp, to read a removed stack's state from. */
async function extractCommit(
  git: Git,
  exec: Exec,
  commit: string,
  run: RunContext,
  scratchDirs: string[],
): Promise<string> {
  const dir = await mkdtemp(join(run.runnerTemp, `iac-commit-${commit.slice(0, 12)}-`));
  scratchDirs.push(dir);
  const archive = `${dir}.tar`;
  await git(['archive', '--format=tar', '-o', archive, commit]);
  const untar = await exec('tar', ['-xf', archive, '-C', dir]);
  await rm(archive, { force: true });
  if (untar.exitCode !== 0) throw new Error(`tar could not unpack commit ${commit}: ${untar.stderr.trim()}`);
  return dir;
}

function offeredText(removed: RemovedStack): string {
  return (
    `Stack ${removed.stack}'s directory ${removed.directory} was removed in commit ${short(removed.removedIn)}, but its state still has ${removed.resources} ${removed.resources === 1 ? 'resource' : 'resources'} (${removed.where ?? ''}). ` +
    `Destroy it from ${short(removed.lastCommit)}, the last commit that has it, with destroy: ${removed.stack}.`
  );
}

/** mode destroy-waves: the order, the dependents checked, the removed stacks. */
export function destroySummary(plan: DestroyPlan): string {
  const lines: string[] = ['## Destroy order', ''];
  if (plan.refusal) {
    lines.push(`> **Refused:** ${cellText(plan.refusal)}`, '');
  } else if (plan.waves.length === 0) {
    lines.push('Nothing to destroy.', '');
  } else {
    lines.push(
      `${plan.waves.length} wave(s), in reverse dependency order: a stack is destroyed only after every stack that depends on it.`,
      '',
      '| Wave | Stack | Directory | Environment | From |',
      '|---:|---|---|---|---|',
      ...plan.waves.flatMap((stacks, index) =>
        stacks.map(
          (s) =>
            `| ${index + 1} | ${cellCode(s.stack)} | ${cellCode(s.directory)} | ${cellText(s.environment) || '—'} | ${
              s['checkout-ref'] ? `commit ${cellCode(short(s['checkout-ref']))}` : 'this checkout'
            } |`,
        ),
      ),
      '',
    );
  }
  lines.push('### Dependents checked', '');
  if (plan.dependents.length === 0) {
    lines.push('No stack outside the destroy depends on a stack of it.', '');
  } else {
    lines.push(
      '| Stack | Depends on | Resources | State |',
      '|---|---|---:|---|',
      ...plan.dependents.map(
        (d) =>
          `| ${cellCode(d.stack)} | ${d.dependsOn.map(cellCode).join(', ')} | ${d.unchecked ? '—' : d.resources} | ${
            d.unchecked ? 'not found: no commit has its directory' : cellCode(d.where)
          } |`,
      ),
      '',
    );
  }
  if (plan.removed.length > 0) {
    lines.push('### Removed stacks', '');
    for (const r of plan.removed) lines.push(`- ${removedLine(r)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function removedLine(r: RemovedStack): string {
  const name = `${codeSpan(r.stack)} (${codeSpan(r.directory)})`;
  if (!r.removedIn || !r.lastCommit) {
    return `${name}: not in the checkout, and no commit of its history has it (a shallow checkout? fetch-depth: 0 gives the history); skipped.`;
  }
  const where = `removed in ${codeSpan(short(r.removedIn))}`;
  if (r.fate === 'skipped') return `${name}, ${where}: its state has no resources; skipped.`;
  const holds = `its state still has ${r.resources} ${r.resources === 1 ? 'resource' : 'resources'} (${codeSpan(r.where ?? '')})`;
  if (r.fate === 'destroyed') {
    return `${name}, ${where}: ${holds}; destroyed from ${codeSpan(short(r.lastCommit))}, the last commit that has it.`;
  }
  return `${name}, ${where}: ${holds}. **Offered for destroy** from ${codeSpan(short(r.lastCommit))}, the last commit that has it: run the destroy with ${codeSpan(`destroy: ${r.stack}`)}.`;
}

function short(commit: string | undefined): string {
  return (commit ?? '').slice(0, 12);
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
