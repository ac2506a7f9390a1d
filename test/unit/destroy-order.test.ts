import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tfPlanInputs } from '../../src/actions/tf-plan/inputs.js';
import type { BackendRecord } from '../../src/contracts/manifest.js';
import type { StackEntry } from '../../src/contracts/stacks.js';
import { ConfigurationError } from '../../src/core/errors.js';
import type { Exec, ExecResult } from '../../src/core/exec.js';
import { readInputs } from '../../src/core/inputs.js';
import type { RunContext } from '../../src/core/run-context.js';
import {
  destroySummary,
  destroyWaves,
  planDestroy,
  repositoryCollaborators,
  type DestroyCollaborators,
} from '../../src/terraform/destroy-order.js';
import type { TfPlanInputs, TfPlanOutputs } from '../../src/terraform/plan.js';
import type { StackState } from '../../src/terraform/stack-state.js';
import { RecordingLogger } from '../support/recording-logger.js';

const s3 = (key: string): BackendRecord => ({ type: 's3', bucket: 'acme-tfstate', key });
const names = (waves: { stack: string }[][]) => waves.map((wave) => wave.map((s) => s.stack));

// backend ← network ← vms (depends-on), network ← dns (through an input), vms ← app.
const graph: StackEntry[] = [
  { stack: 'backend', directory: 'stacks/backend' },
  { stack: 'network', directory: 'stacks/network', 'depends-on': ['backend'] },
  { stack: 'vms', directory: 'stacks/vms', 'depends-on': ['network'] },
  { stack: 'dns', directory: 'stacks/dns', inputs: { zone_network: 'network.id' } },
  { stack: 'app', directory: 'stacks/app', 'depends-on': ['vms'], environment: 'prod' },
];

interface FakeRepository {
  /** Resources per stack; a stack absent here has no state. */
  resources?: Record<string, number>;
  /** Directories not in the checkout, with the commit that removed them (absent: no commit has them). */
  removed?: Record<string, { removedIn: string; lastCommit: string } | undefined>;
}

/** The repository and the states as planDestroy sees them, recording which states it read. */
function fake(repository: FakeRepository = {}) {
  const reads: string[] = [];
  const collaborators: DestroyCollaborators = {
    present: (entry) => !(entry.directory in (repository.removed ?? {})),
    lastCommitWith: async (directory) => repository.removed?.[directory],
    async readState(entry, commit): Promise<StackState> {
      reads.push(commit ? `${entry.stack}@${commit}` : entry.stack);
      const count = repository.resources?.[entry.stack];
      return {
        stack: entry.stack,
        backend: s3(`dev/${entry.stack}.tfstate`),
        ...(count === undefined ? {} : { state: { lineage: 'l', serial: 3, outputs: {}, resources: count } }),
      };
    },
  };
  return { collaborators, reads };
}

describe('planDestroy', () => {
  it('destroys in reverse waves: a stack only after every stack that depends on it', async () => {
    const { collaborators, reads } = fake();
    const plan = await planDestroy(graph, { only: [], environment: 'dev' }, collaborators);
    // backend → network → (vms, dns) → app forward, so app first, then vms and dns, network, backend.
    expect(names(plan.waves)).toEqual([['app'], ['vms', 'dns'], ['network'], ['backend']]);
    expect(plan.waves[0]?.[0]).toMatchObject({ stack: 'app', environment: 'prod', 'checkout-ref': '' });
    expect(plan.waves[1]?.[0]).toMatchObject({ stack: 'vms', environment: 'dev', 'depends-on': 'network' });
    // Nothing outside the destroy: no state is read.
    expect(plan.dependents).toEqual([]);
    expect(reads).toEqual([]);
    expect(plan.refusal).toBeUndefined();
  });

  it('numbers the waves among the stacks destroyed only', async () => {
    const { collaborators } = fake({ resources: { dns: 0 } });
    const plan = await planDestroy(graph, { only: ['app', 'vms', 'network'] }, collaborators);
    expect(names(plan.waves)).toEqual([['app'], ['vms'], ['network']]);
    expect(plan.destroying).toEqual(['network', 'vms', 'app']);
  });

  it('refuses while a dependent outside the destroy has resources, through depends-on and through inputs, naming each with its count', async () => {
    const { collaborators, reads } = fake({ resources: { vms: 7, dns: 1, app: 2 } });
    const plan = await planDestroy(graph, { only: ['network'] }, collaborators);
    expect(plan.refusal).toBe(
      'Cannot destroy network: dependencies exist. vms depends on it and has 7 resources in s3://acme-tfstate/dev/vms.tfstate; ' +
        'dns depends on it and has 1 resource in s3://acme-tfstate/dev/dns.tfstate. ' +
        'Destroy them too (destroy: network,vms,dns), or destroy them first. Nothing was planned.',
    );
    expect(plan.waves).toEqual([]);
    // Only the direct dependents are read: app depends on vms, which is not destroyed.
    expect(reads.sort()).toEqual(['dns', 'vms']);
  });

  it("words one dependent as the lifecycle seed's error does", async () => {
    const { collaborators } = fake({ resources: { app: 3 } });
    const plan = await planDestroy(graph, { only: ['vms'] }, collaborators);
    expect(plan.refusal).toBe(
      'Cannot destroy vms: dependencies exist. app depends on it and has 3 resources in s3://acme-tfstate/dev/app.tfstate. ' +
        'Destroy app too (destroy: vms,app), or destroy it first. Nothing was planned.',
    );
  });

  it('names which stack each dependent depends on when several are blocked', async () => {
    const { collaborators } = fake({ resources: { vms: 4, network: 1 } });
    const plan = await planDestroy(graph, { only: ['backend', 'dns'] }, collaborators);
    // dns's upstream network is not destroyed: only backend's dependent network blocks.
    expect(plan.refusal).toMatch(
      /^Cannot destroy backend: dependencies exist\. network depends on it and has 1 resource/,
    );
    const two = await planDestroy(
      graph,
      { only: ['backend', 'vms'] },
      fake({ resources: { network: 1, app: 2 } }).collaborators,
    );
    expect(two.refusal).toBe(
      'Cannot destroy backend and vms: dependencies exist. network depends on backend and has 1 resource in s3://acme-tfstate/dev/network.tfstate; ' +
        'app depends on vms and has 2 resources in s3://acme-tfstate/dev/app.tfstate. ' +
        'Destroy them too (destroy: backend,network,vms,app), or destroy them first. Nothing was planned.',
    );
  });

  it('allows a dependent whose state is empty or absent', async () => {
    const { collaborators } = fake({ resources: { vms: 0 } });
    const plan = await planDestroy(graph, { only: ['network'] }, collaborators);
    expect(plan.refusal).toBeUndefined();
    expect(names(plan.waves)).toEqual([['network']]);
    expect(plan.dependents).toEqual([
      { stack: 'vms', dependsOn: ['network'], resources: 0, where: 's3://acme-tfstate/dev/vms.tfstate' },
      { stack: 'dns', dependsOn: ['network'], resources: 0, where: 's3://acme-tfstate/dev/dns.tfstate' },
    ]);
  });

  it('refuses stack names that are not in the graph, naming them and the graph', async () => {
    const { collaborators } = fake();
    await expect(planDestroy(graph, { only: ['vms', 'db', 'cache'] }, collaborators)).rejects.toThrow(
      new ConfigurationError(
        'Input "stacks" names db and cache, which are not among the stacks of stack-graph (backend, network, vms, dns, app): name stacks of the graph, or leave it empty to destroy them all.',
      ),
    );
  });

  it('offers a removed stack that still has resources, and destroys it from its last commit when asked', async () => {
    const removed = { 'stacks/app': { removedIn: 'b'.repeat(40), lastCommit: 'a'.repeat(40) } };
    const offered = fake({ removed, resources: { app: 5 } });
    const plan = await planDestroy(graph, { only: ['backend'] }, offered.collaborators);
    expect(plan.removed).toEqual([
      {
        stack: 'app',
        directory: 'stacks/app',
        removedIn: 'b'.repeat(40),
        lastCommit: 'a'.repeat(40),
        resources: 5,
        where: 's3://acme-tfstate/dev/app.tfstate',
        fate: 'offered',
      },
    ]);
    expect(offered.reads).toContain(`app@${'a'.repeat(40)}`);

    const asked = fake({ removed, resources: { app: 5 } });
    const destroyed = await planDestroy(graph, { only: ['app'] }, asked.collaborators);
    expect(destroyed.removed[0]?.fate).toBe('destroyed');
    expect(destroyed.waves).toEqual([
      [expect.objectContaining({ stack: 'app', directory: 'stacks/app', 'checkout-ref': 'a'.repeat(40) })],
    ]);
  });

  it('checks a removed dependent from its last commit too', async () => {
    const removed = { 'stacks/app': { removedIn: 'b'.repeat(40), lastCommit: 'a'.repeat(40) } };
    const { collaborators, reads } = fake({ removed, resources: { app: 2 } });
    const plan = await planDestroy(graph, { only: ['vms'] }, collaborators);
    expect(plan.refusal).toMatch(
      /^Cannot destroy vms: dependencies exist\. app depends on it and has 2 resources/,
    );
    expect(reads).toEqual([`app@${'a'.repeat(40)}`]);
  });

  it('skips a removed stack without resources, and one no commit has, with a note', async () => {
    const removed = {
      'stacks/app': { removedIn: 'b'.repeat(40), lastCommit: 'a'.repeat(40) },
      'stacks/dns': undefined,
    };
    const { collaborators } = fake({ removed, resources: { app: 0 } });
    const plan = await planDestroy(graph, { only: [] }, collaborators);
    expect(names(plan.waves)).toEqual([['vms'], ['network'], ['backend']]);
    expect(plan.removed.map((r) => [r.stack, r.fate])).toEqual([
      ['dns', 'skipped'],
      ['app', 'skipped'],
    ]);
    const summary = destroySummary(plan);
    expect(summary).toContain(
      '- `app` (`stacks/app`), removed in `bbbbbbbbbbbb`: its state has no resources; skipped.',
    );
    expect(summary).toContain(
      '- `dns` (`stacks/dns`): not in the checkout, and no commit of its history has it (a shallow checkout? fetch-depth: 0 gives the history); skipped.',
    );
  });

  it('refuses while a dependent outside the destroy cannot be checked: no commit has its directory', async () => {
    const { collaborators, reads } = fake({ removed: { 'stacks/dns': undefined }, resources: { vms: 0 } });
    const plan = await planDestroy(graph, { only: ['network', 'backend'] }, collaborators);
    expect(plan.refusal).toBe(
      'Cannot destroy network: dependencies exist. dns depends on it and its state could not be checked: its directory stacks/dns is not in the checkout and no commit of its history has it (check the repository out with fetch-depth: 0). Destroy dns too (destroy: backend,network,dns), or destroy it first. Nothing was planned.',
    );
    expect(plan.waves).toEqual([]);
    expect(reads).toEqual(['vms']);
  });

  it('refuses to destroy a stack named explicitly whose directory no commit has', async () => {
    const { collaborators } = fake({ removed: { 'stacks/dns': undefined } });
    await expect(planDestroy(graph, { only: ['dns'] }, collaborators)).rejects.toThrow(
      "Stack dns's directory stacks/dns is not in the checkout, and no commit of its history has it",
    );
  });
});

describe('destroySummary', () => {
  it('shows the order, the dependents checked with their counts, and the removed stacks', async () => {
    const removed = { 'stacks/app': { removedIn: 'b'.repeat(40), lastCommit: 'a'.repeat(40) } };
    const { collaborators } = fake({ removed, resources: { app: 5, vms: 0, dns: 0 } });
    const plan = await planDestroy(graph, { only: ['network'], environment: 'dev' }, collaborators);
    expect(destroySummary(plan)).toBe(
      [
        '## Destroy order',
        '',
        '1 wave(s), in reverse dependency order: a stack is destroyed only after every stack that depends on it.',
        '',
        '| Wave | Stack | Directory | Environment | From |',
        '|---:|---|---|---|---|',
        '| 1 | <code>network</code> | <code>stacks&#47;network</code> | dev | this checkout |',
        '',
        '### Dependents checked',
        '',
        '| Stack | Depends on | Resources | State |',
        '|---|---|---:|---|',
        '| <code>vms</code> | <code>network</code> | 0 | <code>s3&#58;&#47;&#47;acme&#45;tfstate&#47;dev&#47;vms&#46;tfstate</code> |',
        '| <code>dns</code> | <code>network</code> | 0 | <code>s3&#58;&#47;&#47;acme&#45;tfstate&#47;dev&#47;dns&#46;tfstate</code> |',
        '',
        '### Removed stacks',
        '',
        '- `app` (`stacks/app`), removed in `bbbbbbbbbbbb`: its state still has 5 resources (`s3://acme-tfstate/dev/app.tfstate`). ' +
          '**Offered for destroy** from `aaaaaaaaaaaa`, the last commit that has it: run the destroy with `destroy: app`.',
        '',
      ].join('\n'),
    );
  });

  it('shows a refusal at the top, with the dependents that caused it', async () => {
    const { collaborators } = fake({ resources: { vms: 7 } });
    const summary = destroySummary(await planDestroy(graph, { only: ['network'] }, collaborators));
    expect(summary).toContain(
      '> **Refused:** Cannot destroy network: dependencies exist. vms depends on it and has 7 resources',
    );
    expect(summary).toContain('| <code>vms</code> | <code>network</code> | 7 |');
    expect(summary).not.toContain('| Wave |');
  });
});

/** An Exec that answers git as a repository whose history removed stacks/app in commit bbbb… */
function fakeGit(answers: Record<string, Partial<ExecResult>>) {
  const calls: Array<{ command: string; args: readonly string[]; cwd?: string | undefined }> = [];
  const exec: Exec = async (command, args, options) => {
    calls.push({ command, args, cwd: options?.cwd });
    const answer = answers[[command, ...args].join(' ')] ?? { exitCode: 0, stdout: '' };
    return { exitCode: 0, stdout: '', stderr: '', ...answer };
  };
  return { exec, calls };
}

function runContext(workspace: string): RunContext {
  return {
    owner: 'octo-org',
    repo: 'infra',
    runId: 1,
    runAttempt: 1,
    sha: 'c'.repeat(40),
    ref: 'refs/heads/main',
    eventName: 'workflow_dispatch',
    eventPath: undefined,
    actor: 'admin1',
    triggeringActor: 'admin1',
    workspace,
    runnerTemp: tmpdir(),
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runUrl: 'https://github.com/octo-org/infra/actions/runs/1',
  };
}

describe('the removed directories, found with git', () => {
  it('takes the commit that removed the directory, and its parent as the last that had it', async () => {
    const { exec, calls } = fakeGit({
      'git log -1 --format=%H -- stacks/app': { stdout: `${'b'.repeat(40)}\n` },
      [`git rev-parse --verify ${'b'.repeat(40)}^`]: { stdout: `${'a'.repeat(40)}\n` },
    });
    const logger = new RecordingLogger();
    const repository = repositoryCollaborators({ binary: 'auto' }, { exec, logger, run: runContext('/ws') });
    expect(await repository.lastCommitWith('./stacks/app/')).toEqual({
      removedIn: 'b'.repeat(40),
      lastCommit: 'a'.repeat(40),
    });
    // Argument arrays, in the checkout.
    expect(calls).toEqual([
      { command: 'git', args: ['log', '-1', '--format=%H', '--', 'stacks/app'], cwd: '/ws' },
      { command: 'git', args: ['rev-parse', '--verify', `${'b'.repeat(40)}^`], cwd: '/ws' },
    ]);
  });

  it('finds none when no commit touched the directory', async () => {
    const { exec, calls } = fakeGit({});
    const repository = repositoryCollaborators(
      { binary: 'auto' },
      { exec, logger: new RecordingLogger(), run: runContext('/ws') },
    );
    expect(await repository.lastCommitWith('stacks/nowhere')).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('says to check the history out when git cannot read it', async () => {
    const { exec } = fakeGit({
      'git log -1 --format=%H -- stacks/app': {
        exitCode: 128,
        stderr: 'fatal: not a git repository (or any of the parent directories): .git\n',
      },
    });
    const repository = repositoryCollaborators(
      { binary: 'auto' },
      { exec, logger: new RecordingLogger(), run: runContext('/ws') },
    );
    await expect(repository.lastCommitWith('stacks/app')).rejects.toThrow(
      'git log failed in the checkout (exit 128: fatal: not a git repository (or any of the parent directories): .git): mode destroy-waves reads the history of removed stack directories, so check the repository out with actions/checkout and fetch-depth: 0 first.',
    );
  });
});

describe("tf-plan's mode destroy-waves", () => {
  const parse = (given: Record<string, string>) =>
    readInputs(
      tfPlanInputs,
      (name) => given[name] ?? '',
      () => undefined,
    ) as unknown as Promise<TfPlanInputs>;

  it('takes stack-graph and stacks, and requires the graph', async () => {
    const inputs = await parse({
      mode: 'destroy-waves',
      'stack-graph': JSON.stringify(graph),
      stacks: 'network, vms',
    });
    expect(inputs.mode).toBe('destroy-waves');
    expect(inputs.stacks).toEqual(['network', 'vms']);
    await expect(parse({ mode: 'destroy-waves' })).rejects.toThrow(
      /stack-graph.*required with mode: destroy-waves/,
    );
  });

  it('sets the waves outputs as mode waves does, and writes the summary', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'destroy-order-'));
    try {
      for (const entry of graph) await mkdir(join(workspace, entry.directory), { recursive: true });
      const outputs: Partial<TfPlanOutputs> = {};
      const summaries: string[] = [];
      const { exec, calls } = fakeGit({});
      await destroyWaves(
        await parse({ mode: 'destroy-waves', 'stack-graph': JSON.stringify(graph), environment: 'dev' }),
        {
          exec,
          logger: new RecordingLogger(),
          run: runContext(workspace),
          setOutputs: (values) => Object.assign(outputs, values),
          writeSummary: async (markdown) => {
            summaries.push(markdown);
          },
        },
      );
      expect(calls).toEqual([]);
      expect(outputs['wave-count']).toBe(4);
      expect(names(outputs.waves ?? [])).toEqual([['app'], ['vms', 'dns'], ['network'], ['backend']]);
      expect(outputs['wave-1']?.map((s) => s.stack)).toEqual(['app']);
      expect(outputs['wave-5']).toEqual([]);
      expect(outputs.matrix?.map((s) => s.stack)).toEqual(['app', 'vms', 'dns', 'network', 'backend']);
      expect(summaries.join('')).toContain('4 wave(s), in reverse dependency order');
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });
});
