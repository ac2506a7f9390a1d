import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildPlanModel, type PlanModel } from '../../src/plan/model.js';
import {
  renderPlanComment,
  renderPlanSummary,
  type PlanRenderContext,
} from '../../src/plan/plan-markdown.js';
import { readPlanModel } from '../../src/plan/plan-stream.js';
import { renderPlanText } from '../../src/plan/plan-text.js';
import { AUTOMATION_ENV } from '../../src/terraform/cli.js';
import { UiStream } from '../../src/terraform/ui-stream.js';
import { generatePlanJson, generatedVariables, GENERATED_CONFIG } from '../support/plan-generator.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { repoRoot, tofu, toolsBinDir } from '../support/tools.js';

/**
 * Golden-file tests of the plan's renderings, on plans that real tofu makes at test time for every shape
 * of plan: each test/fixtures/plan-shapes/<shape>/ has `after/` (the configuration planned), and may have
 * `before/` (applied first) and `outside.json` (files changed by hand between the two, for drift).
 * The comment and the log text are compared with `expected.md` and `expected.txt` beside them; only what
 * varies from run to run is normalized (terraform_data's random ids). UPDATE_GOLDEN=1 rewrites them.
 */

const SHAPES_DIR = join(repoRoot, 'test', 'fixtures', 'plan-shapes');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const PROVIDER_MIRROR = join(dirname(toolsBinDir()), 'providers');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'plan-shapes-'));
  // Providers come from the test bed's mirror only (scripts/build-providers.sh); the builtin needs none.
  await writeFile(
    join(root, 'cli.tfrc'),
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(PROVIDER_MIRROR)}\n` +
      `    include = ["example.com/*/*"]\n  }\n}\n`,
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function tf(dir: string, home: string, args: string[], okCodes = [0]): Promise<Run> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    TF_DATA_DIR: join(home, 'tf-data'),
    TF_CLI_CONFIG_FILE: join(root, 'cli.tfrc'),
    ...AUTOMATION_ENV,
  };
  return new Promise((resolve, reject) => {
    execFile(tofu(), args, { cwd: dir, env, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      const exitCode =
        typeof (error as { code?: unknown })?.code === 'number' ? (error as { code: number }).code : 0;
      if (error && typeof (error as { code?: unknown }).code !== 'number') return reject(error);
      if (!okCodes.includes(exitCode)) {
        return reject(
          new Error(`tofu ${args.join(' ')} exited ${exitCode}:\n${stderr}\n${stdout.slice(-4000)}`),
        );
      }
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** Replaces the configuration in `work` by the one in `from` (state and data directory stay). */
async function useConfiguration(from: string, work: string): Promise<void> {
  for (const entry of await readdir(work)) {
    if (entry.endsWith('.tf') || entry === 'modules') await rm(join(work, entry), { recursive: true });
  }
  await cp(from, work, { recursive: true });
}

interface ShapePlan {
  doc: unknown;
  jsonPath: string;
  model: PlanModel;
}

/** Applies `before/` (when there is one), makes the changes of `outside.json`, and plans `after/`. */
async function planShape(shape: string): Promise<ShapePlan> {
  const source = join(SHAPES_DIR, shape);
  const home = join(root, shape);
  const work = join(home, 'work');
  await mkdir(work, { recursive: true });
  if (existsSync(join(source, 'before'))) {
    await useConfiguration(join(source, 'before'), work);
    await tf(work, home, ['init', '-input=false', '-no-color']);
    await tf(work, home, ['apply', '-input=false', '-auto-approve', '-no-color']);
  }
  if (existsSync(join(source, 'outside.json'))) {
    const outside = JSON.parse(await readFile(join(source, 'outside.json'), 'utf8')) as {
      write?: Record<string, string>;
      delete?: string[];
    };
    for (const [file, content] of Object.entries(outside.write ?? {}))
      await writeFile(join(work, file), content);
    for (const file of outside.delete ?? []) await rm(join(work, file));
  }
  await useConfiguration(join(source, 'after'), work);
  await tf(work, home, ['init', '-input=false', '-no-color']);
  // The plan's diagnostics are in its -json UI stream, read as tf-plan reads them.
  const stream = new UiStream(new RecordingLogger(), { cwd: work, relativeDir: '.' });
  const plan = await tf(
    work,
    home,
    ['plan', '-input=false', '-json', '-detailed-exitcode', '-out=plan.tfplan'],
    [0, 1, 2],
  );
  for (const line of plan.stdout.split('\n')) stream.onStdoutLine(line);
  const shown = await tf(work, home, ['show', '-json', '-no-color', 'plan.tfplan']);
  const jsonPath = join(home, 'plan.json');
  await writeFile(jsonPath, shown.stdout);
  const doc = JSON.parse(shown.stdout) as unknown;
  return { doc, jsonPath, model: buildPlanModel(doc, { diagnostics: stream.diagnostics }) };
}

const ctx = (shape: string): PlanRenderContext => ({
  stack: `shapes/${shape}`,
  workspace: 'default',
  environment: 'test',
  planDigest: 'sha256:5d41402abc4b2a76b9719d911017c592ae5d41402abc4b2a76b9719d911017c5',
  commit: '8f14e45fceea167a5a36dedd4bea2543a1b2c3d4',
  runUrl: 'https://github.com/acme/infra/actions/runs/1234',
  tool: { name: 'tofu', version: '1.12.x' },
});

/** terraform_data's ids are random UUIDs: the only part of these renderings that varies by run. */
const normalize = (text: string) =>
  text.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    '00000000-0000-0000-0000-000000000000',
  );

async function golden(shape: string, file: string, actual: string): Promise<void> {
  const path = join(SHAPES_DIR, shape, file);
  if (UPDATE) {
    await writeFile(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(`no ${file} for ${shape}: run the test with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(await readFile(path, 'utf8'));
}

const SECRETS = /first-Secret|second-Secret|token-Secret/;

/** What each shape must show, beside matching its golden files. */
const SHAPES: Record<string, (model: PlanModel, comment: string) => void> = {
  create: (model) => expect(model.counts).toMatchObject({ add: 1, change: 0, destroy: 0 }),
  update: (model) => {
    expect(model.counts).toMatchObject({ add: 0, change: 1 });
    expect(model.resources[0]?.attributes.map((a) => a.path)).toEqual([
      'input.size',
      'input.tags.cost',
      'output',
    ]);
  },
  'replace-delete-first': (model) =>
    expect(model.resources[0]).toMatchObject({ action: 'replace', replaceOrder: 'delete-then-create' }),
  'replace-create-first': (model) =>
    expect(model.resources[0]).toMatchObject({ action: 'replace', replaceOrder: 'create-then-delete' }),
  delete: (model, comment) => {
    expect(model.counts).toMatchObject({ destroy: 1, add: 0 });
    expect(comment).toContain('> - `terraform_data.old` destroyed');
  },
  import: (model) => {
    expect(model.counts).toMatchObject({ import: 1 });
    expect(model.resources[0]?.importing).toEqual({ id: 'legacy-0001' });
  },
  moved: (model) => {
    expect(model.counts).toMatchObject({ move: 1, add: 0, destroy: 0 });
    expect(model.resources[0]?.previousAddress).toBe('terraform_data.old_name');
  },
  'removed-forget': (model) => expect(model.counts).toMatchObject({ forget: 1, destroy: 0 }),
  'data-read': (model) =>
    expect(model.resources.find((r) => r.mode === 'data')).toMatchObject({
      action: 'read',
      actionReason: 'read_because_config_unknown',
    }),
  'odd-keys': (model) =>
    expect(model.resources.map((r) => r.index)).toEqual([
      '<details>html</details>',
      'back`tick | pipe',
      'with "quotes"',
      'with space',
      'ünïcödé ✓',
      0,
      1,
    ]),
  'nested-modules': (model) =>
    expect(model.resources.map((r) => [r.module, r.address])).toEqual([
      ['module.network', 'module.network.terraform_data.vpc'],
      ['module.network.module.subnet["a"]', 'module.network.module.subnet["a"].terraform_data.subnet'],
      ['module.network.module.subnet["b"]', 'module.network.module.subnet["b"].terraform_data.subnet'],
    ]),
  sensitive: (model) => {
    expect(model.outputs.map((o) => [o.name, o.after.kind])).toEqual([
      ['connection', 'sensitive'],
      ['password', 'sensitive'],
    ]);
    expect(JSON.stringify(model)).not.toMatch(SECRETS);
  },
  unknown: (model) =>
    expect(model.resources[1]?.attributes.find((a) => a.path === 'input.depends')?.after).toEqual({
      kind: 'unknown',
    }),
  'no-changes': (model, comment) => {
    expect(model.hasChanges).toBe(false);
    expect(comment).toContain('**No changes.**');
  },
  drift: (model) => {
    expect(model.drift.map((d) => [d.address, d.action])).toEqual([
      ['fixture_file.edited', 'update'],
      ['fixture_file.removed', 'delete'],
    ]);
    expect(model.counts).toMatchObject({ drift: 2, add: 1, change: 1 });
  },
  errored: (model) => {
    expect(model.errored).toBe(true);
    expect(model.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        summary: 'Resource precondition failed',
        location: 'main.tf:8',
      }),
    ]);
    expect(model.checks.find((c) => c.status === 'fail')?.problems).toEqual([
      'The app needs at least 2 replicas.',
    ]);
  },
};

describe('plan renderings of every shape of plan, made by real tofu', () => {
  it('has a fixture for every shape and a check for every fixture', async () => {
    expect((await readdir(SHAPES_DIR)).sort()).toEqual(Object.keys(SHAPES).sort());
  });

  it.each(Object.keys(SHAPES))('%s', async (shape) => {
    if (shape === 'drift' && !existsSync(join(PROVIDER_MIRROR, 'example.com'))) {
      throw new Error(`no fixture provider in ${PROVIDER_MIRROR}: run bash scripts/build-providers.sh`);
    }
    const { doc, jsonPath, model } = await planShape(shape);
    const bodies = renderPlanComment(model, ctx(shape));
    expect(bodies).toHaveLength(1);
    const comment = bodies[0] as string;
    const text = renderPlanText(model, ctx(shape));
    SHAPES[shape]?.(model, comment);

    await golden(shape, 'expected.md', normalize(comment) + '\n');
    await golden(shape, 'expected.txt', normalize(text));
    // The job summary has the same content as the comment when both fit.
    expect(renderPlanSummary(model, ctx(shape))).toBe(comment);
    // Streamed from the file, the model is the same.
    const streamed = await readPlanModel(jsonPath);
    expect(JSON.parse(JSON.stringify(streamed))).toEqual(JSON.parse(JSON.stringify(buildPlanModel(doc))));
    if (shape === 'sensitive') expect(comment + text).not.toMatch(SECRETS);
  });
});

describe('the plan generator of the size tests and the benchmark', () => {
  it('writes the document real tofu writes for the same configuration', async () => {
    const home = join(root, 'generated');
    const work = join(home, 'work');
    await mkdir(work, { recursive: true });
    const n = 30;
    const variables = generatedVariables(n);
    await writeFile(join(work, 'main.tf'), GENERATED_CONFIG);
    await writeFile(join(work, 'before.tfvars.json'), JSON.stringify(variables.before));
    await writeFile(join(work, 'after.tfvars.json'), JSON.stringify(variables.after));
    await tf(work, home, ['init', '-input=false', '-no-color']);
    await tf(work, home, [
      'apply',
      '-input=false',
      '-auto-approve',
      '-no-color',
      '-var-file=before.tfvars.json',
    ]);
    await tf(
      work,
      home,
      ['plan', '-input=false', '-no-color', '-var-file=after.tfvars.json', '-out=plan.tfplan'],
      [0],
    );
    const real = (await tf(work, home, ['show', '-json', '-no-color', 'plan.tfplan'])).stdout.trim();
    const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const same = (text: string) =>
      text
        .replace(uuids, 'UUID')
        .replace(/"timestamp":"[^"]*"/, '"timestamp":"T"')
        .replace(/"terraform_version":"[^"]*"/g, '"terraform_version":"V"');
    expect(same(generatePlanJson(n))).toBe(same(real));
  });
});
