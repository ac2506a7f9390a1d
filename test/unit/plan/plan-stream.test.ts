import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import { buildPlanModel, type PlanModel } from '../../../src/plan/model.js';
import { readPlanModel } from '../../../src/plan/plan-stream.js';
import { generatePlanJson } from '../../support/plan-generator.js';
import { change, plan } from './documents.js';
import { realPlanJson } from './real-plan.js';

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

/** Where the data after `text` starts when something is appended to it: its line and column (in characters). */
function endOf(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: [...(lines.at(-1) ?? '')].length + 1 };
}

describe('readPlanModel and data after the document', () => {
  let tofuJson: string;
  let dir: string;
  beforeAll(async () => {
    tofuJson = await realPlanJson();
    dir = await mkdtemp(join(tmpdir(), 'plan-trailer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases = () => [
    { what: 'a stray }', text: `${tofuJson}}`, at: endOf(tofuJson), shows: '"}"' },
    {
      what: 'a } on the same line',
      text: `${tofuJson.trimEnd()}}\n`,
      at: endOf(tofuJson.trimEnd()),
      shows: '"}\\n"',
    },
    {
      what: 'a second document',
      text: `${tofuJson}  \n${tofuJson}`,
      at: { line: endOf(tofuJson).line + 1, column: 1 },
      shows: '"{\\"format_version\\":\\"1"…',
    },
  ];

  it('the real tofu document is what the cases assume: one object, then a newline', () => {
    expect(tofuJson.endsWith('}\n')).toBe(true);
    expect(JSON.parse(tofuJson)).toMatchObject({ format_version: expect.any(String) });
    for (const { text } of cases()) expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it.each([1, 7, 4096, 1 << 20])(
    'refuses data after a real tofu plan, read in chunks of %i bytes, naming where it starts',
    async (size) => {
      for (const { text, at, shows } of cases()) {
        const error = await readPlanModel(chunked(text, [size]), { name: 'plan.json' }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConfigurationError);
        expect((error as Error).message).toBe(
          `plan.json: line ${at.line}, column ${at.column}: data after the end of the plan document (${shows}); ` +
            'expected nothing but whitespace after its closing }. A show -json file holds one document: ' +
            'is it two documents in one file, or an edited copy?',
        );
      }
    },
  );

  it('refuses it in a file, naming the file', async () => {
    for (const [index, { text, at }] of cases().entries()) {
      const file = join(dir, `extra-${index}.json`);
      await writeFile(file, text);
      await expect(readPlanModel(file)).rejects.toThrow(
        `${file}: line ${at.line}, column ${at.column}: data after the end of the plan document`,
      );
    }
  });

  it('accepts whitespace and line breaks after the document, from a file and from a stream', async () => {
    const text = `${tofuJson} \t\r\n\n  \n`;
    const file = join(dir, 'spaced.json');
    await writeFile(file, text);
    const expected = asData(buildPlanModel(JSON.parse(tofuJson)));
    expect(asData(await readPlanModel(file))).toEqual(expected);
    for (const size of [1, 3, 1 << 20])
      expect(asData(await readPlanModel(chunked(text, [size])))).toEqual(expected);
    expect((await readPlanModel(file)).counts.add).toBe(2);
  });

  it('counts lines from the start of the file and columns in characters', async () => {
    const doc = JSON.stringify(plan([change('terraform_data.ü😀', ['create'], { after: { input: 'äö€' } })]));
    const preamble = '\nWarning: Unable to open CLI configuration file\n\n';
    const read = (text: string) =>
      readPlanModel(chunked(text, [3]), { name: 'p.json' }).catch((e: unknown) => (e as Error).message);
    expect(await read(`${preamble}${doc}]`)).toMatch(
      new RegExp(`^p\\.json: line 4, column ${[...doc].length + 1}: data after the end`),
    );
    expect(await read(`\ufeff${doc}\n\n   x`)).toMatch(
      /^p\.json: line 3, column 4: data after the end of the plan document \("x"\)/,
    );
    expect(await read(`${doc}\n${'x'.repeat(100)}`)).toContain(`("${'x'.repeat(20)}"…)`);
  });

  it('names a stream "the plan stream" unless told its name, and shortens a long name', async () => {
    await expect(readPlanModel(chunked('{"format_version": "1.2"', [5]))).rejects.toThrow(
      /^the plan stream: the plan JSON ends before the document does/,
    );
    const long = `${'d/'.repeat(50)}plan.json`;
    const message = await readPlanModel(chunked('{"format_version": "1.2"}}', [5]), { name: long }).catch(
      (e: unknown) => (e as Error).message,
    );
    expect(message).toMatch(/^….{59}: line 1, column 26: /u);
    expect(message).toContain('d/d/plan.json: line 1');
  });
});
