import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackGraphSchema } from '../../../src/contracts/stacks.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { inputsLines } from '../../../src/plan/plan-markdown.js';
import { readDeclarations } from '../../../src/terraform/configuration.js';
import { placeholderFor } from '../../../src/terraform/placeholder.js';
import { appliedState } from '../../../src/terraform/stack-state.js';
import { valueDigest } from '../../../src/terraform/stack-inputs.js';
import { stackWaves } from '../../../src/terraform/waves.js';

const source = 'Input "stack-graph"';
const text = '(known after network is applied)';

describe('stack inputs in the graph', () => {
  const graph = stackGraphSchema.parse([
    { stack: 'vms', directory: 'infra/vms', inputs: { network_id: 'network.id', subnet: 'net.v2.subnet' } },
    { stack: 'network', directory: 'infra/network', 'backend-config': 'bucket=b\nkey=dev/network.tfstate' },
    { stack: 'net.v2', directory: 'infra/net2', workspace: 'blue' },
  ]);

  it('orders a stack after the stacks its inputs read, and gives each leg where they are', () => {
    const waves = stackWaves(graph, { source });
    expect(waves.map((w) => w.map((s) => s.stack))).toEqual([['network', 'net.v2'], ['vms']]);
    const vms = waves[1]?.[0];
    expect(vms?.['depends-on']).toBe('network,net.v2');
    expect(JSON.parse(vms?.['stack-inputs'] ?? '')).toEqual([
      {
        variable: 'network_id',
        stack: 'network',
        output: 'id',
        directory: 'infra/network',
        'backend-config': 'bucket=b\nkey=dev/network.tfstate',
      },
      { variable: 'subnet', stack: 'net.v2', output: 'subnet', directory: 'infra/net2', workspace: 'blue' },
    ]);
    expect(waves[0]?.[0]?.['stack-inputs']).toBe('');
  });

  it('refuses an input on a stack that is not in the graph, naming both', () => {
    const bad = stackGraphSchema.parse([
      { stack: 'vms', directory: 'infra/vms', inputs: { id: 'netwrk.id' } },
    ]);
    expect(() => stackWaves(bad, { source })).toThrow(
      new ConfigurationError(
        'Input "stack-graph": stack vms\'s input id reads output id of stack netwrk, which is not among the stacks (vms).',
      ),
    );
  });

  it('refuses an input on the stack itself, and a reference that names no output', () => {
    const own = stackGraphSchema.parse([{ stack: 'vms', directory: 'd', inputs: { id: 'vms.id' } }]);
    expect(() => stackWaves(own, { source })).toThrow(/an output of the stack itself/);
    expect(
      stackGraphSchema.safeParse([{ stack: 'vms', directory: 'd', inputs: { id: 'network' } }]).success,
    ).toBe(false);
  });

  it('counts an input in a dependency cycle', () => {
    const cycle = stackGraphSchema.parse([
      { stack: 'a', directory: 'a', inputs: { x: 'b.x' } },
      { stack: 'b', directory: 'b', 'depends-on': ['a'] },
    ]);
    expect(() => stackWaves(cycle, { source })).toThrow(/cycle: a → b → a|cycle: b → a → b/);
  });
});

describe('placeholderFor', () => {
  it('gives the shape a type constraint asks for, with the sentence where strings go', () => {
    expect(placeholderFor(undefined, text)).toBe(text);
    expect(placeholderFor('string', text)).toBe(text);
    expect(placeholderFor('number', text)).toBe(0);
    expect(placeholderFor('bool', text)).toBe(false);
    expect(placeholderFor('list(string)', text)).toEqual([]);
    expect(placeholderFor('map(number)', text)).toEqual({});
    expect(placeholderFor('tuple([string, number])', text)).toEqual([text, 0]);
    expect(
      placeholderFor(
        'object({ range = string, zones = list(string), size = optional(number, 3), tags = optional(map(string), { a = "}" }) })',
        text,
      ),
    ).toEqual({ range: text, zones: [] });
  });

  it('falls back to the sentence for what it does not read', () => {
    expect(placeholderFor('list(', text)).toBe(text);
    expect(placeholderFor('string extra', text)).toBe(text);
    expect(placeholderFor('custom(string)', text)).toBe(text);
  });
});

describe('readDeclarations', () => {
  it('reads outputs and variables, with sensitivity and type, from .tf and .tf.json files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'declarations-'));
    await writeFile(
      join(dir, 'main.tf'),
      'variable "a" {\n  type = list(string)\n}\nvariable "s" {\n  sensitive = true\n}\noutput "id" {\n  value = 1\n}\n',
    );
    await writeFile(
      join(dir, 'out.tf.json'),
      JSON.stringify({ output: { token: { value: 'x', sensitive: true } } }),
    );
    await writeFile(join(dir, 'broken.tf'), 'resource "x" {\n');
    const declared = await readDeclarations(dir);
    expect(Object.fromEntries(declared.variables)).toEqual({
      a: { sensitive: false, type: 'list(string)' },
      s: { sensitive: true },
    });
    expect(Object.fromEntries(declared.outputs)).toEqual({
      id: { sensitive: false },
      token: { sensitive: true },
    });
  });

  it('refuses a directory that does not exist', async () => {
    await expect(readDeclarations('/nonexistent/dir', 'infra/gone')).rejects.toThrow(
      'The configuration directory infra/gone does not exist in this checkout.',
    );
  });
});

describe('valueDigest and appliedState', () => {
  it('is the same whatever order the keys come in, and differs with the value', () => {
    expect(valueDigest({ a: 1, b: [1, { c: 'x', d: null }] })).toBe(
      valueDigest({ b: [1, { d: null, c: 'x' }], a: 1 }),
    );
    expect(valueDigest('x')).not.toBe(valueDigest('y'));
    expect(valueDigest('1')).not.toBe(valueDigest(1));
  });

  it('reads lineage, serial, outputs and the managed instances of a state document', () => {
    expect(
      appliedState({
        lineage: 'l',
        serial: 7,
        outputs: { id: { value: 'n-1', type: 'string' }, t: { value: 's', sensitive: true } },
        resources: [
          { mode: 'managed', instances: [{}, {}] },
          { mode: 'data', instances: [{}] },
          { mode: 'managed', instances: [{}] },
        ],
      }),
    ).toEqual({
      lineage: 'l',
      serial: 7,
      outputs: { id: { value: 'n-1', sensitive: false }, t: { value: 's', sensitive: true } },
      resources: 3,
    });
  });
});

describe('inputsLines', () => {
  it('lists each input with where it came from, hides a sensitive value, and warns of a provisional plan', () => {
    const lines = inputsLines([
      { variable: 'network_id', from: 'network.id', serial: 3, sensitive: false, value: '"net-`1`"' },
      { variable: 'token', from: 'network.token', serial: 3, sensitive: true },
      { variable: 'subnet', from: 'net_b.subnet', sensitive: false, pendingOn: 'net_b' },
    ]);
    expect(lines).toEqual([
      '> [!WARNING]',
      '> **Provisional plan:** `net_b` is not applied yet, so the inputs it gives are placeholders. This plan shows the shape of the change; it cannot be approved or applied. Plan again once they are applied.',
      '',
      '**Inputs from other stacks:**',
      '',
      '- `network_id` ← `network.id` (state serial 3): ``"net-`1`"``',
      '- `token` ← `network.token` (state serial 3): _(sensitive)_',
      '- `subnet` ← `net_b.subnet`: _known after net\\_b is applied_',
      '',
    ]);
    expect(inputsLines([])).toEqual([]);
  });
});
