import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import {
  StalePlanError,
  TerraformConfigurationError,
  TerraformError,
  assertVariablesDeclared,
  resolveTool,
} from '../../../src/terraform/cli.js';
import { tofu } from '../../support/tools.js';
import { TOFU_VERSION, realExec, realTool, sandbox, type Sandbox } from './real-tofu.js';

const sandboxes: Sandbox[] = [];
async function open(options: Parameters<typeof sandbox>[0]): Promise<Sandbox> {
  const box = await sandbox(options);
  sandboxes.push(box);
  return box;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((box) => box.cleanup()));
});

/** The promise's rejection, to inspect its class and fields (rejects.toThrow only sees the message). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('resolveTool', () => {
  let dir: string;
  let withTofu: string;
  let empty: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tf-path-'));
    withTofu = join(dir, 'with-tofu');
    empty = join(dir, 'empty');
    await mkdir(withTofu);
    await mkdir(empty);
    await symlink(tofu(), join(withTofu, 'tofu'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds tofu on PATH and reads its version', async () => {
    const tool = await resolveTool('auto', realExec(dir), { searchPath: `${empty}:${withTofu}` });
    expect(tool).toEqual({
      name: 'tofu',
      path: join(withTofu, 'tofu'),
      version: TOFU_VERSION,
      major: 1,
      minor: 12,
    });
  });

  it('names the binary input and the setup action when the tool is missing', async () => {
    const error = await rejection(resolveTool('terraform', realExec(dir), { searchPath: withTofu }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^binary: terraform is not on PATH/);
    expect(error.message).toContain('setup action');

    const none = await rejection(resolveTool('auto', realExec(dir), { searchPath: empty }));
    expect(none).toBeInstanceOf(ConfigurationError);
    expect(none.message).toMatch(/^binary: neither tofu nor terraform is on PATH/);
  });
});

describe('init with a tool whose version is not read yet', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tf-old-'));
    // tofu as a release before 1.8 behaves: init rejects -json on the flag, before doing anything.
    await writeFile(
      join(dir, 'tofu'),
      `#!/bin/sh
if [ "$1" = version ]; then echo '{"terraform_version":"1.7.3","platform":"linux_amd64"}'; exit 0; fi
if [ "$1" = init ]; then for a in "$@"; do
  if [ "$a" = -json ]; then echo 'flag provided but not defined: -json' >&2; exit 1; fi
done; fi
exec "${tofu()}" "$@"
`,
      { mode: 0o755 },
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("learns it from init's first message, without running version", async () => {
    const box = await open({ fixture: 'basic', tool: { name: 'tofu', path: tofu() } });
    expect(() => box.cli.tool).toThrow(/read by init/);
    await box.cli.init();
    expect(box.cli.tool).toEqual(realTool());
    expect(box.calls.map((call) => call.args[0])).toEqual(['init']);
    expect(box.calls[0]?.args).toContain('-json');
  });

  it('reads it when init rejects -json, and runs init again as text', async () => {
    const box = await open({ fixture: 'basic', tool: { name: 'tofu', path: join(dir, 'tofu') } });
    await box.cli.init();
    expect(box.cli.tool).toMatchObject({ version: '1.7.3', major: 1, minor: 7 });
    expect(box.calls.map((call) => call.args.slice(0, 3).join(' '))).toEqual([
      'init -input=false -json',
      'version -json',
      'init -input=false -no-color',
    ]);
    expect(box.logger.lines.map((line) => line.message)).toContain(
      'tofu 1.7.3 has no `init -json` (the flag error above): running init again with text output.',
    );
    await box.cli.plan({ out: 'a.tfplan' });
  });

  it("keeps init's own failure when the tool has init -json", async () => {
    const box = await open({ fixture: 'broken', tool: { name: 'tofu', path: tofu() } });
    const error = await rejection(box.cli.init());
    expect(error).toBeInstanceOf(TerraformConfigurationError);
    expect(error.message).toMatch(/^tofu init failed: .*Invalid expression/);
    expect(box.calls.map((call) => call.args[0])).toEqual(['init', 'version']);
  });
});

describe('TerraformCli with real tofu', () => {
  it('runs init, plan, show, apply and output, and plans no changes afterwards', async () => {
    const box = await open({ fixture: 'basic' });
    await box.cli.init();
    expect(await box.cli.statePull()).toBeUndefined();

    const plan = await box.cli.plan({ out: 'tfplan', vars: [['hosts', '3']] });
    expect(plan).toMatchObject({ exitCode: 2, hasChanges: true, changeSummary: { add: 4, remove: 0 } });
    expect(box.logger.messages('info')).toContain('Plan: 4 to add, 0 to change, 0 to destroy.');

    const doc = await box.cli.show('tfplan');
    expect(doc.format_version).toMatch(/^1\./);
    expect(doc.resource_changes?.map((c) => c.address)).toEqual([
      'terraform_data.greeting',
      'terraform_data.host[0]',
      'terraform_data.host[1]',
      'terraform_data.host[2]',
    ]);

    const applied = await box.cli.apply('tfplan', { parallelism: 2, lockTimeout: '10s' });
    expect([...applied.applied].sort()).toEqual(doc.resource_changes?.map((c) => c.address));
    expect(applied.changeSummary).toMatchObject({ add: 4, operation: 'apply' });

    const outputs = await box.cli.output();
    expect(outputs.greeting).toEqual({ sensitive: false, type: 'string', value: 'hello' });
    expect(outputs.db_password).toMatchObject({ sensitive: true, value: 's3cret-hello' });
    expect(outputs.ansible_inventory?.value).toHaveLength(3);

    const state = await box.cli.statePull();
    expect(state).toMatchObject({ version: 4, serial: expect.any(Number) });
    expect((state?.resources as unknown[]).length).toBe(2);

    // The same inputs again: nothing to do, and -detailed-exitcode says so with 0.
    const again = await box.cli.plan({ out: 'tfplan2', vars: [['hosts', '3']] });
    expect(again).toMatchObject({ exitCode: 0, hasChanges: false });

    // Every command ran in automation mode, with input off, and with -input=false where it exists.
    for (const call of box.calls) expect(call.env).toMatchObject({ TF_IN_AUTOMATION: '1', TF_INPUT: '0' });
    const planArgs = box.calls.find((call) => call.args[0] === 'plan')?.args;
    expect(planArgs).toEqual(['plan', '-input=false', '-json', '-detailed-exitcode', '-out=tfplan']);
  });

  it('passes variables as TF_VAR_ environment variables, so values with = and spaces arrive intact', async () => {
    const box = await open({ fixture: 'basic' });
    const value = 'key=value with  spaces = and "quotes"';
    await box.cli.init();
    await box.cli.plan({ out: 'tfplan', vars: [['greeting', value]] });
    await box.cli.apply('tfplan');
    expect((await box.cli.output()).greeting?.value).toBe(value);

    const planCall = box.calls.find((call) => call.args[0] === 'plan');
    expect(planCall?.env.TF_VAR_greeting).toBe(value);
    expect(box.calls.flatMap((call) => call.args).some((arg) => arg.includes('spaces'))).toBe(false);
    expect(box.logger.lines.some((line) => line.message.includes('spaces'))).toBe(false);
  });

  it('annotates broken HCL on the right file and line, relative to the workspace, as the user’s mistake', async () => {
    const box = await open({ fixture: 'broken', relativeDir: 'stacks/net' });
    const error = await rejection(box.cli.init());

    expect(error).toBeInstanceOf(TerraformConfigurationError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^tofu init failed: stacks\/net\/network\.tf line 3: Invalid expression/);
    const annotation = box.logger.lines.find((line) => line.level === 'error');
    expect(annotation?.properties).toEqual({
      title: 'Invalid expression',
      file: 'stacks/net/network.tf',
      startLine: 3,
      endLine: 4,
    });
    expect(annotation?.message).toMatch(/^Invalid expression\nExpected the start of an expression/);
  });

  it('reports a reference to an undeclared variable with its file, line and columns', async () => {
    const box = await open({ fixture: 'undeclared', relativeDir: '.' });
    await box.cli.init();
    const error = await rejection(box.cli.plan({ out: 'tfplan' }));

    expect(error).toBeInstanceOf(TerraformConfigurationError);
    expect((error as TerraformConfigurationError).diagnostics).toHaveLength(1);
    expect(error.message).toContain('main.tf line 7: Reference to undeclared input variable');
    expect(box.logger.lines.find((line) => line.level === 'error')?.properties).toEqual({
      title: 'Reference to undeclared input variable',
      file: 'main.tf',
      startLine: 7,
      endLine: 7,
      startColumn: 11,
      endColumn: 21,
    });
  });

  it('refuses a name in vars that the configuration does not declare (tofu ignores such a TF_VAR_)', async () => {
    const box = await open({ fixture: 'basic' });
    await box.cli.init();
    const plan = await box.cli.plan({ out: 'tfplan', vars: [['greting', 'typo']] });
    expect(plan.exitCode).toBe(2);
    const doc = await box.cli.show('tfplan');

    expect(() => assertVariablesDeclared(doc, ['greeting', 'hosts'])).not.toThrow();
    const error = (() => {
      try {
        assertVariablesDeclared(doc, ['greeting', 'greting']);
      } catch (thrown) {
        return thrown as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toBe(
      'vars: the configuration declares no variable named "greting"; add a variable block for it or remove it from vars',
    );
  });

  it('treats a missing var file as the user’s mistake, and a failing apply as the tool’s failure', async () => {
    const box = await open({ fixture: 'basic' });
    await box.cli.init();
    const missing = await rejection(box.cli.plan({ out: 'tfplan', varFiles: ['nope.tfvars'] }));
    expect(missing).toBeInstanceOf(TerraformConfigurationError);
    expect(missing.message).toContain('Failed to read variables file');

    const apply = await rejection(box.cli.apply('no-such.tfplan'));
    expect(apply).toBeInstanceOf(TerraformError);
    expect(apply).not.toBeInstanceOf(ConfigurationError);
    expect((apply as TerraformError).command).toEqual([
      'tofu',
      'apply',
      '-input=false',
      '-json',
      '-auto-approve',
      'no-such.tfplan',
    ]);
    expect((apply as TerraformError).exitCode).toBe(1);
  });

  it('hides backend-config values in the command it reports', async () => {
    const box = await open({ fixture: 'basic' });
    await box.write('terraform {\n  backend "local" {}\n}\n', 'backend.tf');
    const error = await rejection(box.cli.init({ backendConfig: ['password=hunter2-secret'] }));

    expect(error).toBeInstanceOf(TerraformConfigurationError);
    expect(error.message).toContain('Invalid backend configuration argument');
    expect((error as TerraformConfigurationError).command).toContain('-backend-config=password=***');
    expect(JSON.stringify(box.logger.lines)).not.toContain('hunter2-secret');
    expect(box.calls[0]?.args).toContain('-backend-config=password=hunter2-secret');
  });

  it('explains a stale plan: two plans from the same state, the second applied after the first', async () => {
    const box = await open({ fixture: 'basic' });
    await box.cli.init();
    await box.cli.plan({ out: 'first-apply' });
    await box.cli.apply('first-apply');

    await box.cli.plan({ out: 'a.tfplan', vars: [['greeting', 'from plan a']] });
    await box.cli.plan({ out: 'b.tfplan', vars: [['greeting', 'from plan b']] });
    await box.cli.apply('a.tfplan');
    const error = await rejection(box.cli.apply('b.tfplan'));

    expect(error).toBeInstanceOf(StalePlanError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('"Saved plan is stale"');
    expect(error.message).toContain('another apply');
    expect(error.message).toContain('approved');
    expect((await box.cli.output()).greeting?.value).toBe('from plan a');
  });

  it('also refuses the second of two plans made with no state (tofu 1.12, local backend)', async () => {
    // hashicorp/terraform#24078: Terraform misses this case; this tofu catches it with the local backend.
    // tf-apply keeps its own guard (statePull before apply) for the tools and backends that do not.
    const box = await open({ fixture: 'basic' });
    await box.cli.init();
    await box.cli.plan({ out: 'a.tfplan' });
    await box.cli.plan({ out: 'b.tfplan' });
    await box.cli.apply('a.tfplan');
    expect(await rejection(box.cli.apply('b.tfplan'))).toBeInstanceOf(StalePlanError);
  });

  it('selects a workspace, creating it the first time, and keeps its state apart', async () => {
    const box = await open({ fixture: 'basic' });
    await box.cli.init();
    await box.cli.selectWorkspace('staging');
    await box.cli.selectWorkspace('staging');
    await box.cli.plan({ out: 'tfplan' });
    await box.cli.apply('tfplan');
    expect(existsSync(join(box.cwd, 'terraform.tfstate.d', 'staging', 'terraform.tfstate'))).toBe(true);
    expect(existsSync(join(box.cwd, 'terraform.tfstate'))).toBe(false);

    await box.cli.selectWorkspace('default');
    expect(await box.cli.statePull()).toBeUndefined();
  });

  it('reads the JSON documents behind a CLI-configuration warning that the tool prints on stdout', async () => {
    const box = await open({ fixture: 'basic', env: { TF_CLI_CONFIG_FILE: '/nonexistent/.tofurc' } });
    await box.cli.init();
    expect(await box.cli.statePull()).toBeUndefined();
    await box.cli.plan({ out: 'tfplan' });
    expect((await box.cli.show('tfplan')).format_version).toMatch(/^1\./);
    await box.cli.apply('tfplan');
    expect((await box.cli.output()).greeting?.value).toBe('hello');
    expect(box.logger.messages('info').some((m) => m.includes('Unable to open CLI configuration file'))).toBe(
      true,
    );
  });
});
