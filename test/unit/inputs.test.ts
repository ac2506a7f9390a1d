import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../src/core/errors.js';
import { defineInputs, input, readInputs, type InputShape, type InputSpec } from '../../src/core/inputs.js';

/** Reads inputs from a record, the way core.getInput reads INPUT_* (absent is '', values trimmed). */
function read<S extends InputShape>(
  spec: InputSpec<S>,
  given: Record<string, string>,
  masked: string[] = [],
) {
  return readInputs(
    spec,
    (name) => (given[name] ?? '').trim(),
    (value) => masked.push(value),
  );
}

async function errorOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

let workspace: string;
const originalCwd = process.cwd();
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'inputs-'));
  mkdirSync(join(workspace, 'infra'));
  writeFileSync(join(workspace, 'infra', 'prod.tfvars'), 'a = 1\n');
  process.chdir(workspace);
});
afterAll(() => {
  process.chdir(originalCwd);
  rmSync(workspace, { recursive: true, force: true });
});

describe('input kinds', () => {
  const spec = defineInputs({
    'working-directory': input.directory('.'),
    destroy: input.boolean(false),
    parallelism: input.integer(1, 1000),
    binary: input.choice(['auto', 'tofu', 'terraform'] as const, 'auto'),
    'var-files': input.files(),
    vars: input.keyValues(),
    targets: input.lines(),
    approvers: input.accounts(),
    digest: input.digest(),
    'lock-timeout': input.duration(),
    'webhook-url': input.secretUrl(),
    token: input.secretText(),
    'extra-vars': input.yamlMapping(),
    template: input.requiredFileOrDirectory(),
  });

  it('reads every kind, camel-cased, with fallbacks for empty inputs', async () => {
    const values = await read(spec, {
      template: 'infra',
      destroy: 'TRUE',
      parallelism: '20',
      binary: 'tofu',
      'var-files': 'infra/prod.tfvars\n\n',
      vars: 'image_id=ami-123\nquery=a=b=c',
      targets: ' aws_instance.web \n\nmodule.x.aws_s3_bucket.y["a b"]\n',
      approvers: '@alice, octo-org/platform\nbob',
      digest: 'A'.repeat(64),
      'lock-timeout': '5m',
      'extra-vars': '{"region": "eu-west-1", "count": 2}',
    });
    expect(values).toEqual({
      workingDirectory: workspace,
      destroy: true,
      parallelism: 20,
      binary: 'tofu',
      varFiles: [join(workspace, 'infra', 'prod.tfvars')],
      vars: [
        ['image_id', 'ami-123'],
        ['query', 'a=b=c'],
      ],
      targets: ['aws_instance.web', 'module.x.aws_s3_bucket.y["a b"]'],
      approvers: ['alice', 'octo-org/platform', 'bob'],
      digest: `sha256:${'a'.repeat(64)}`,
      lockTimeout: '5m',
      webhookUrl: undefined,
      token: undefined,
      extraVars: { region: 'eu-west-1', count: 2 },
      template: join(workspace, 'infra'),
    });
  });

  it.each([
    [{ parallelism: '0' }, 'Input "parallelism" must be a whole number from 1 to 1000; got "0".'],
    [{ parallelism: 'ten' }, 'Input "parallelism" must be a whole number from 1 to 1000; got "ten".'],
    [{ destroy: 'yes' }, 'Input "destroy" must be true or false; got "yes".'],
    [{ binary: 'pulumi' }, 'Input "binary" must be one of: auto, tofu, terraform; got "pulumi".'],
    [
      { 'working-directory': 'nope' },
      'Input "working-directory" must name an existing directory in the workspace; got "nope".',
    ],
    [
      { 'working-directory': 'infra/prod.tfvars' },
      'Input "working-directory" must name an existing directory in the workspace; got "infra/prod.tfvars".',
    ],
    [{ 'var-files': 'infra/prod.tfvars\nmissing.tfvars' }, '"missing.tfvars" is not one'],
    [{ 'lock-timeout': 'forever' }, 'Input "lock-timeout" must be a duration such as 30s, 5m or 1h'],
    [{ digest: 'sha256:abc' }, 'Input "digest" must be a sha256 digest'],
    [{ approvers: 'alice, not a login!' }, 'Input "approvers" must list GitHub logins or org/team slugs'],
    [{ 'extra-vars': 'a: [1' }, 'Input "extra-vars" is not valid YAML or JSON (line 1)'],
    [{ 'extra-vars': '- a\n- b' }, 'Input "extra-vars" must be a YAML or JSON mapping'],
  ])('refuses %j with a message that names the input', async (given, expected) => {
    expect(await errorOf(() => read(spec, { template: 'infra', ...given }))).toContain(expected);
  });

  it('says a required input is required, without echoing anything', async () => {
    expect(await errorOf(() => read(spec, {}))).toBe('Input "template" is required.');
    expect(await errorOf(() => read(spec, { template: '  ' }))).toBe('Input "template" is required.');
  });

  it('names the bad line of name=value variables and never echoes their values', async () => {
    const message = await errorOf(() => read(spec, { template: 'infra', vars: 'password=hunter2\nhunter3' }));
    expect(message).toBe('Input "vars" line 2 must look like name=value.');
    expect(await errorOf(() => read(spec, { template: 'infra', vars: 'a=1\na=hunter2' }))).toBe(
      'Input "vars" line 2 sets "a" a second time.',
    );
  });

  it('masks secrets before parsing and never echoes them in an error', async () => {
    const masked: string[] = [];
    const message = await errorOf(() =>
      read(spec, { template: 'infra', 'webhook-url': 'hooks.example/s3cr3t' }, masked),
    );
    expect(masked).toEqual(['hooks.example/s3cr3t']);
    expect(message).toBe('Input "webhook-url" must be an http:// or https:// URL.');
    expect(message).not.toContain('s3cr3t');
  });

  it('masks a valid secret too', async () => {
    const masked: string[] = [];
    const values = await read(spec, { template: 'infra', token: ' ghs_abc ' }, masked);
    expect(values.token).toBe('ghs_abc');
    expect(masked).toEqual(['ghs_abc']);
  });
});

describe('cross-input rules', () => {
  const spec = defineInputs({ destroy: input.boolean(false), 'refresh-only': input.boolean(false) }, [
    (v) =>
      v.destroy && v.refreshOnly
        ? { input: 'refresh-only', message: 'cannot be combined with destroy' }
        : undefined,
  ]);

  it('passes values that agree', async () => {
    expect(await read(spec, { destroy: 'true' })).toEqual({ destroy: true, refreshOnly: false });
  });

  it('names the input a rule refuses', async () => {
    expect(await errorOf(() => read(spec, { destroy: 'true', 'refresh-only': 'true' }))).toBe(
      'Input "refresh-only" cannot be combined with destroy.',
    );
  });
});
