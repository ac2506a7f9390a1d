import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ansibleConfigureOutputs } from '../../src/actions/ansible-configure/outputs.js';
import { approvalGateOutputs } from '../../src/actions/approval-gate/outputs.js';
import { packerBuildOutputs } from '../../src/actions/packer-build/outputs.js';
import { releaseOutputs } from '../../src/actions/release/outputs.js';
import { reportOutputs } from '../../src/actions/report/outputs.js';
import { setupOutputs } from '../../src/actions/setup/outputs.js';
import { smokeTestOutputs } from '../../src/actions/smoke-test/outputs.js';
import { tfApplyOutputs } from '../../src/actions/tf-apply/outputs.js';
import { tfPlanOutputs } from '../../src/actions/tf-plan/outputs.js';
import { validateOutputs } from '../../src/actions/validate/outputs.js';
import { readInputs, type InputShape, type InputSpec } from '../../src/core/inputs.js';
import type { OutputSpec } from '../../src/core/outputs.js';
import { MAX_WAVES } from '../../src/terraform/waves.js';
import { SUITE_VERSION } from '../../src/core/version.js';
import { actionInputSpecs } from '../support/action-specs.js';
import { repoRoot } from '../support/tools.js';

const specs = actionInputSpecs;

/** Every action's output declaration by the action's name, held by their common part. */
const outputDeclarations: Record<string, Record<string, OutputSpec<never>>> = {
  setup: setupOutputs,
  'tf-plan': tfPlanOutputs,
  'tf-apply': tfApplyOutputs,
  'approval-gate': approvalGateOutputs,
  'packer-build': packerBuildOutputs,
  'ansible-configure': ansibleConfigureOutputs,
  'smoke-test': smokeTestOutputs,
  release: releaseOutputs,
  report: reportOutputs,
  validate: validateOutputs,
};

interface ActionYaml {
  name: string;
  description: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post?: string };
}

function actionYaml(name: string): { dir: string; yaml: ActionYaml } {
  const dir = name === 'setup' ? repoRoot : join(repoRoot, 'actions', name);
  return { dir, yaml: parseYaml(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYaml };
}

const found = readdirSync(join(repoRoot, 'actions')).filter((entry) =>
  existsSync(join(repoRoot, 'actions', entry, 'action.yml')),
);

const RUNS_KEYS = new Set(['using', 'main', 'pre', 'pre-if', 'post', 'post-if']);

describe('action metadata', () => {
  it('records the package version in manifests', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(SUITE_VERSION).toBe(pkg.version);
  });

  it('has the nine actions of the pipeline, and an input spec for each', () => {
    expect(found.sort()).toEqual(
      [
        'ansible-configure',
        'approval-gate',
        'packer-build',
        'release',
        'report',
        'smoke-test',
        'tf-apply',
        'tf-plan',
        'validate',
      ].sort(),
    );
    expect(Object.keys(specs).sort()).toEqual(['setup', ...found].sort());
    expect(Object.keys(outputDeclarations).sort()).toEqual(['setup', ...found].sort());
  });

  it('declares one tf-plan output a wave, as many as the waves a stack graph may have', () => {
    const waves = Object.keys(tfPlanOutputs).filter((name) => /^wave-\d+$/.test(name));
    expect(waves).toEqual(Array.from({ length: MAX_WAVES }, (_, index) => `wave-${index + 1}`));
  });

  describe.each(Object.keys(specs))('%s', (name) => {
    const { dir, yaml } = actionYaml(name);
    const spec = specs[name] as unknown as InputSpec<InputShape>;

    it('runs its own bundle on node24, and is described and branded', () => {
      expect(yaml.runs.using).toBe('node24');
      // Anything else under runs: is an entry the runner rejects, often an output indented one level off.
      expect(Object.keys(yaml.runs).filter((key) => !RUNS_KEYS.has(key))).toEqual([]);
      expect(resolve(dir, yaml.runs.main)).toBe(join(repoRoot, 'dist', name, 'index.js'));
      if (yaml.runs.post) expect(yaml.runs.post).toBe(yaml.runs.main);
      expect(yaml.description.length).toBeGreaterThan(40);
      expect(yaml.branding?.icon).toBeTruthy();
      expect(yaml.branding?.color).toBeTruthy();
    });

    it('describes every input and output', () => {
      for (const [input, definition] of Object.entries({ ...yaml.inputs, ...yaml.outputs })) {
        expect(`${input}: ${definition.description ?? ''}`.length).toBeGreaterThan(input.length + 12);
      }
    });

    it('declares exactly the inputs its schema reads', () => {
      expect(Object.keys(yaml.inputs).sort()).toEqual(Object.keys(spec.shape).sort());
    });

    it('declares exactly the outputs action.yml lists: every declared output is in action.yml, and every action.yml output is declared', () => {
      const declared = Object.keys(outputDeclarations[name] ?? {});
      const listed = Object.keys(yaml.outputs);
      expect({ notInActionYml: declared.filter((output) => !listed.includes(output)) }).toEqual({
        notInActionYml: [],
      });
      expect({ notDeclared: listed.filter((output) => !declared.includes(output)) }).toEqual({
        notDeclared: [],
      });
    });

    it('has action.yml defaults that read the same as an empty input (one meaning for each default)', async () => {
      for (const [input, definition] of Object.entries(yaml.inputs)) {
        if (definition.default === undefined || String(definition.default).includes('${{')) continue;
        const schema = spec.shape[input];
        expect(schema).toBeDefined();
        const fromDefault = await schema?.parse(String(definition.default));
        const fromEmpty = await schema?.parse('');
        expect({ input, value: fromDefault }).toEqual({ input, value: fromEmpty });
      }
    });

    it('accepts its own defaults', async () => {
      const required = Object.entries(yaml.inputs)
        .filter(([, d]) => d.required)
        .map(([input]) => input);
      const given: Record<string, string> = {};
      for (const input of required) given[input] = input === 'template' ? 'test' : 'package.json';
      for (const [input, definition] of Object.entries(yaml.inputs)) {
        if (definition.default !== undefined && !String(definition.default).includes('${{'))
          given[input] = String(definition.default);
      }
      if (name === 'approval-gate') given.environment = 'production';
      await expect(readInputs(spec, (input) => given[input] ?? '')).resolves.toBeDefined();
    });
  });
});
