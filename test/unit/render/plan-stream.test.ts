import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import { buildPlanModel, type PlanModel } from '../../../src/render/plan-model.js';
import { readPlanModel } from '../../../src/render/plan-stream.js';
import { generatePlanJson } from '../../support/plan-generator.js';
import { change, plan } from './documents.js';

/** The text as a stream cut into chunks of the given sizes (the last one repeated). */
async function* chunked(text: string, sizes: readonly number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)] ?? 1;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const asData = (model: PlanModel) => JSON.parse(JSON.stringify(model)) as unknown;

const oddText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\\"', '"\\', '{', '}]', ',', 'ü€😀', '\u2028', '\\\\"\\'),
);

describe('readPlanModel', () => {
  it('reads the same model as buildPlanModel, however the input is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: oddText, value: oddText, drift: fc.boolean() }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
        async (items, sizes) => {
          const changes = items.map(({ key, value }, i) =>
            change(`terraform_data.r[${JSON.stringify(`${i}${key}`)}]`, ['update'], {
              index: `${i}${key}`,
              before: { input: { [key]: 'old' } },
              after: { input: { [key]: value } },
            }),
          );
          const drift = items.filter((item) => item.drift).map((_, i) => changes[i]);
          const doc = plan(changes, {
            resource_drift: drift,
            prior_state: { values: { root_module: { resources: items.map(({ key }) => ({ key })) } } },
            output_changes: {
              out: {
                actions: ['create'],
                before: null,
                after: items.map((i) => i.value),
                after_unknown: false,
                before_sensitive: false,
                after_sensitive: false,
              },
            },
          });
          const text = JSON.stringify(doc, null, sizes[0]! % 3);
          expect(asData(await readPlanModel(chunked(text, sizes)))).toEqual(asData(buildPlanModel(doc)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a generated plan of 2,000 changes from a file as buildPlanModel does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-stream-'));
    try {
      const text = generatePlanJson(2_000);
      await writeFile(join(dir, 'plan.json'), text);
      const streamed = await readPlanModel(join(dir, 'plan.json'));
      expect(asData(streamed)).toEqual(asData(buildPlanModel(JSON.parse(text))));
      expect(streamed.resources).toHaveLength(2_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('skips the warnings tofu prints on stdout before the document', async () => {
    const doc = plan([change('terraform_data.a', ['create'], { after: { input: 1 } })]);
    const text = `\nWarning: Unable to open CLI configuration file\n\nThe CLI configuration file at "x" does not exist.\n${JSON.stringify(doc)}\n`;
    expect(asData(await readPlanModel(chunked(text, [7])))).toEqual(asData(buildPlanModel(doc)));
  });

  it('says plainly what is wrong with what is not a plan document', async () => {
    const read = (text: string | Buffer) => readPlanModel(chunked(text.toString(), [5]));
    await expect(read('')).rejects.toThrow(/does not hold a JSON object/);
    await expect(read('[1, 2]')).rejects.toThrow(/does not hold a JSON object/);
    await expect(read('PK\u0003\u0004 a zip')).rejects.toThrow(/binary planfile/);
    await expect(read('{"format_version": "1.2", "resource_changes": [')).rejects.toThrow(/truncated/);
    await expect(read('{"format_version": "1.2", "resource_changes": [{"address": }]}')).rejects.toThrow(
      /not valid JSON \(in resource_changes\)/,
    );
    await expect(read('{"format_version": "3.0"}')).rejects.toThrow(/format_version "3.0"/);
    await expect(read('{"format_version": "1.0", "values": {}}')).rejects.toThrow(ConfigurationError);
  });
});
