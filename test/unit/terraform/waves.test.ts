import { describe, expect, it } from '@jest/globals';
import { stackGraphSchema, type StackEntry } from '../../../src/contracts/stacks.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { readInputs } from '../../../src/core/inputs.js';
import { tfPlanInputs } from '../../../src/actions/tf-plan/inputs.js';
import { stackWaves } from '../../../src/terraform/waves.js';

const source = 'Input "stack-graph"';
const names = (waves: { stack: string }[][]) => waves.map((wave) => wave.map((s) => s.stack));

// The Atmos seed's order: backend → iam → network → infrastructure → services.
const atmos: StackEntry[] = [
  { stack: 'services', directory: 'stacks/services', 'depends-on': ['infrastructure', 'network'] },
  { stack: 'backend', directory: 'stacks/backend' },
  { stack: 'network', directory: 'stacks/network', 'depends-on': ['iam'] },
  { stack: 'iam', directory: 'stacks/iam', 'depends-on': ['backend'] },
  { stack: 'infrastructure', directory: 'stacks/infrastructure', 'depends-on': ['network'] },
  { stack: 'dns', directory: 'stacks/dns', environment: 'prod' },
];

describe('stackWaves', () => {
  it('puts each stack in the first wave after everything it depends on', () => {
    const waves = stackWaves(atmos, { source, environment: 'dev' });
    expect(names(waves)).toEqual([
      ['backend', 'dns'],
      ['iam'],
      ['network'],
      ['infrastructure'],
      ['services'],
    ]);
    expect(waves[0]?.[0]).toEqual({
      stack: 'backend',
      directory: 'stacks/backend',
      environment: 'dev',
      workspace: '',
      'var-files': '',
      'backend-config': '',
      'depends-on': '',
      'image-variable': '',
      playbook: '',
      checks: '',
      'stack-inputs': '',
    });
    expect(waves[0]?.[1]?.environment).toBe('prod');
    expect(waves[4]?.[0]?.['depends-on']).toBe('infrastructure,network');
  });

  it('runs independent stacks side by side', () => {
    const waves = stackWaves(
      [
        { stack: 'a', directory: 'a' },
        { stack: 'b', directory: 'b' },
        { stack: 'c', directory: 'c', 'depends-on': ['a', 'b'] },
      ],
      { source },
    );
    expect(names(waves)).toEqual([['a', 'b'], ['c']]);
  });

  it('deploys only the chosen stacks, numbering their waves from one', () => {
    expect(names(stackWaves(atmos, { source, only: ['services'] }))).toEqual([['services']]);
    expect(names(stackWaves(atmos, { source, only: ['network', 'services'] }))).toEqual([
      ['network'],
      ['services'],
    ]);
    expect(() => stackWaves(atmos, { source, only: ['nope'] })).toThrow(
      'Input "stack-graph" has no stack nope to deploy; it lists services, backend, network, iam, infrastructure, dns.',
    );
  });

  it('names a cycle, an unknown dependency, a self-dependency and a duplicate', () => {
    const cyclic: StackEntry[] = [
      { stack: 'a', directory: 'a', 'depends-on': ['c'] },
      { stack: 'b', directory: 'b', 'depends-on': ['a'] },
      { stack: 'c', directory: 'c', 'depends-on': ['b'] },
    ];
    expect(() => stackWaves(cyclic, { source })).toThrow(
      'Input "stack-graph": the stacks depend on each other in a cycle: a → c → b → a.',
    );
    expect(() => stackWaves([{ stack: 'a', directory: 'a', 'depends-on': ['x'] }], { source })).toThrow(
      'stack a depends on x, which is not among the stacks (a).',
    );
    expect(() => stackWaves([{ stack: 'a', directory: 'a', 'depends-on': ['a'] }], { source })).toThrow(
      'stack a depends on itself',
    );
    expect(() =>
      stackWaves(
        [
          { stack: 'a', directory: 'a' },
          { stack: 'a', directory: 'b' },
        ],
        { source },
      ),
    ).toThrow(ConfigurationError);
  });

  it('refuses more waves than the pipeline has jobs for', () => {
    const chain: StackEntry[] = ['s1', 's2', 's3', 's4', 's5', 's6'].map((stack, i, all) => ({
      stack,
      directory: stack,
      ...(i > 0 ? { 'depends-on': [all[i - 1] ?? ''] } : {}),
    }));
    expect(() => stackWaves(chain, { source })).toThrow(
      'the dependencies make 6 waves and the pipeline runs at most 5',
    );
    expect(stackWaves(chain.slice(0, 5), { source })).toHaveLength(5);
  });
});

describe('tf-plan mode: waves inputs', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('reads stack-graph as JSON held to the stacks contract', async () => {
    const inputs = await readInputs(
      tfPlanInputs,
      read({ mode: 'waves', 'stack-graph': JSON.stringify(atmos), stacks: 'network' }),
    );
    expect(inputs.stackGraph).toEqual(stackGraphSchema.parse(atmos));
    expect(inputs.stacks).toEqual(['network']);
  });

  it.each([
    [{ mode: 'waves' }, 'Input "stack-graph" is required with mode: waves: the stacks as a JSON list.'],
    [
      { mode: 'waves', 'stack-graph': '[{"stack": "a"' },
      /^Input "stack-graph" is not valid JSON \(.+ position 14 .+\); got /,
    ],
    [
      { mode: 'waves', 'stack-graph': '[{"stack": "a", "directory": "a"}, {"stack": "b"}]' },
      /^Input "stack-graph" does not hold: \[1\]\.directory .+/,
    ],
    [
      { mode: 'waves', 'stack-graph': '[{"stack": "a b", "directory": "a"}]' },
      /^Input "stack-graph" does not hold: \[0\]\.stack must be letters/,
    ],
    [
      { mode: 'waves', 'stack-graph': '[{"stack": "a", "directory": "a", "dependsOn": ["b"]}]' },
      /^Input "stack-graph" does not hold: .*dependsOn/,
    ],
    [
      { mode: 'waves', 'stack-graph': '[]' },
      'Input "stack-graph" does not hold: must list at least one stack; got "[]".',
    ],
    [{ 'stack-graph': '[{"stack": "a", "directory": "a"}]' }, 'Input "stack-graph" is for mode: waves'],
  ])('refuses %j', async (values, message) => {
    await expect(readInputs(tfPlanInputs, read(values))).rejects.toThrow(message);
  });
});
