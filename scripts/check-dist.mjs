#!/usr/bin/env node
// Rebuilds dist/ and fails, showing the difference, when it is not what is committed: users run dist/,
// so a change to src/ that was not rebuilt and committed would not reach them.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });

const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist'], {
  cwd: root,
  encoding: 'utf8',
});
if (status.trim() === '') {
  console.log('dist/ is up to date.');
  process.exit(0);
}
console.error('dist/ differs from what the sources build. Run `npm run build` and commit dist/.');
console.error(status);
spawnSync('git', ['--no-pager', 'diff', '--stat', '--', 'dist'], { cwd: root, stdio: 'inherit' });
const diff =
  spawnSync('git', ['--no-pager', 'diff', '--', 'dist'], { cwd: root, encoding: 'utf8' }).stdout ?? '';
console.error(diff.split('\n').slice(0, 200).join('\n'));
process.exit(1);
