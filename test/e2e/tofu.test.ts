import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pinnedVersions, repoRoot, tofu } from '../support/tools.js';

const run = promisify(execFile);
let dir: string;

/** Runs the real tofu with an argument array, in automation mode, with no CLI config of the machine's. */
async function tofuCommand(args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: dir, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  return run(tofu(), args, { cwd: join(dir, 'config'), env, maxBuffer: 64 * 1024 * 1024 });
}

/** plan's -detailed-exitcode: 2 means changes, which execFile reports as an error. */
function planExitCode(extra: string[]): Promise<number | undefined> {
  const args = [
    'plan',
    '-input=false',
    '-no-color',
    '-detailed-exitcode',
    '-var',
    'image_id=img-42',
    ...extra,
  ];
  return tofuCommand(args).then(
    () => 0,
    (error: { code?: number }) => error.code,
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tofu-e2e-'));
  await cp(join(repoRoot, 'test', 'fixtures', 'tiny'), join(dir, 'config'), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('real OpenTofu, offline', () => {
  it('is the pinned version', async () => {
    const { stdout } = await tofuCommand(['version', '-json']);
    expect(JSON.parse(stdout).terraform_version).toBe(pinnedVersions().OPENTOFU_VERSION);
  });

  it('runs init, plan and apply of a terraform_data configuration', async () => {
    await tofuCommand(['init', '-input=false', '-no-color']);

    const plan = await planExitCode(['-out=tfplan']);
    expect(plan).toBe(2);

    const shown = JSON.parse((await tofuCommand(['show', '-json', 'tfplan'])).stdout);
    expect(shown.format_version).toMatch(/^1\./);
    expect(shown.resource_changes.map((c: { address: string }) => c.address)).toEqual([
      'terraform_data.vm[0]',
      'terraform_data.vm[1]',
    ]);
    expect(
      shown.resource_changes.every(
        (c: { change: { actions: string[] } }) => c.change.actions[0] === 'create',
      ),
    ).toBe(true);

    await tofuCommand(['apply', '-input=false', '-no-color', 'tfplan']);
    const state = JSON.parse(await readFile(join(dir, 'config', 'terraform.tfstate'), 'utf8'));
    expect(state.resources).toHaveLength(1);
    expect(state.resources[0].instances).toHaveLength(2);
    const outputs = JSON.parse((await tofuCommand(['output', '-json'])).stdout);
    expect(outputs.hosts.value).toEqual(['vm-0', 'vm-1']);

    const again = await planExitCode([]);
    expect(again).toBe(0);
  });
});
