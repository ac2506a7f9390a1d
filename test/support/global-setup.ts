import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Before the end-to-end tests, the probe actions are bundled: they are test code, not committed.
 * Node loads this file itself (not through ts-jest), so it imports no project modules.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  execFileSync(process.execPath, ['scripts/build.mjs', '--probes-only'], { cwd: root, stdio: 'inherit' });
}
