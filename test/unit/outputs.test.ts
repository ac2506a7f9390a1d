import { describe, expect, it } from '@jest/globals';
import { defineOutputs, output, outputSetter } from '../../src/core/outputs.js';

interface Outputs {
  ready: boolean;
  count: number;
  name: string;
  url: string | undefined;
  list: Array<{ stack: string }>;
}

const declaration = defineOutputs<Outputs>({
  ready: output.boolean(),
  count: output.number(),
  name: output.string(),
  url: output.string(),
  list: output.json(),
});

function written(set: (write: ReturnType<typeof outputSetter<Outputs>>) => void): Record<string, string> {
  const values: Record<string, string> = {};
  set(outputSetter(declaration, (name, value) => (values[name] = value)));
  return values;
}

describe('typed outputs', () => {
  it('declares each output with its kind', () => {
    expect(Object.fromEntries(Object.entries(declaration).map(([name, spec]) => [name, spec.kind]))).toEqual({
      ready: 'boolean',
      count: 'number',
      name: 'string',
      url: 'string',
      list: 'json',
    });
  });

  it('writes values as the runner reads them: scalars as text, documents as JSON, a missing value empty', () => {
    expect(
      written((set) => {
        set({ ready: false, count: 0, name: 'network', url: undefined });
        set({ list: [{ stack: 'a' }, { stack: 'b' }] });
      }),
    ).toEqual({
      ready: 'false',
      count: '0',
      name: 'network',
      url: '',
      list: '[{"stack":"a"},{"stack":"b"}]',
    });
  });

  it('sets the outputs in the order given, and only those given', () => {
    const order: string[] = [];
    outputSetter(declaration, (name) => order.push(name))({ name: 'a', ready: true });
    expect(order).toEqual(['name', 'ready']);
  });

  it('writes an empty list as [], not as an empty value', () => {
    expect(written((set) => set({ list: [] }))).toEqual({ list: '[]' });
  });
});
