import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, tofu } from '../../support/tools.js';

function run(command: string, args: readonly string[], cwd: string, home: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: home, TF_IN_AUTOMATION: '1' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/**
 * The `show -json` text of a plan made by the real tofu: test/fixtures/tiny (two terraform_data
 * resources and an output, no provider to download) planned from an empty state.
 */
export async function realPlanJson(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'real-plan-'));
  try {
    const cwd = join(root, 'stack');
    await mkdir(join(root, 'home'));
    await cp(join(repoRoot, 'test', 'fixtures', 'tiny'), cwd, { recursive: true });
    const home = join(root, 'home');
    await run(tofu(), ['init', '-input=false', '-no-color'], cwd, home);
    await run(tofu(), ['plan', '-input=false', '-no-color', '-out=plan.tfplan'], cwd, home);
    return await run(tofu(), ['show', '-json', 'plan.tfplan'], cwd, home);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
