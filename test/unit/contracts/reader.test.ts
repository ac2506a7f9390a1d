import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { contractReader, producerSchema, validateForWrite } from '../../../src/contracts/manifest.js';
import { ConfigurationError } from '../../../src/core/errors.js';

const schema = z.object({
  schema: z.literal('iac/example@2'),
  producer: producerSchema.optional(),
  n: z.int(),
});
const readExample = contractReader(schema, 'report', 'example.json');

describe('contractReader', () => {
  it('takes the kind and the major from the schema literal, and reads that document', () => {
    expect(readExample(JSON.stringify({ schema: 'iac/example@2', n: 3 }))).toEqual({
      schema: 'iac/example@2',
      n: 3,
    });
  });

  it('names the file, the reader and the versions it reads when it refuses', () => {
    expect(() => readExample({ schema: 'iac/example@3', n: 3 })).toThrow(
      new ConfigurationError(
        'example.json is iac/example@3, but this version of report reads iac/example@2: use the same iac-pipeline version in every job',
      ),
    );
    expect(() => readExample({ schema: 'iac/other@2', n: 3 }, 'tf-apply')).toThrow(
      /^example\.json is iac\/other@2, but tf-apply reads iac\/example@2/,
    );
    expect(() => contractReader(schema, 'report')({ schema: 'iac/example@2', n: 'x' })).toThrow(
      /^manifest\.json: n /,
    );
  });

  it('refuses a schema without a schema id, as a bug', () => {
    const bad = z.object({ schema: z.literal('not an id') });
    expect(() => contractReader(bad, 'report')).toThrow(TypeError);
  });
});

describe('validateForWrite', () => {
  it('returns a valid document and refuses an invalid one as a bug of the writer', () => {
    expect(validateForWrite(schema, { schema: 'iac/example@2', n: 1 }, 'example.json').n).toBe(1);
    let refusal: unknown;
    try {
      validateForWrite(schema, { schema: 'iac/example@2', n: 1.5 }, 'example.json');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).not.toBeInstanceOf(ConfigurationError);
    expect((refusal as Error).message).toMatch(/^refusing to write an invalid example\.json: n /);
  });
});
