// What a benchmark runs must be built before it starts, on a fresh clone too: the action bundles in dist/
// and the test bed's probe bundles in test/.build/ (test code, never committed). Each is built here when
// it is missing or stale, so `npm ci && npm run bench:<name>` works with nothing else run first.
//
// Stale is decided by content, not by file times (a clone gives every file the time of the checkout):
//   probes  a hash of the probes' sources and package-lock.json, kept in test/.build/probes.stamp;
//   dist    a hash of what the bundles are built from, kept in test/.build/dist.stamp after a build here;
//           without a stamp, dist is current when git shows no change to those inputs since the last
//           commit that changed dist/, and dist/ itself unchanged (what `npm run check-dist` keeps true).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'test', '.build');
const PROBES = join('test', 'support', 'probes');
/** What dist/ is built from (scripts/build.mjs: tsc over src/, then ncc over lib/ and node_modules). */
const DIST_INPUTS = [
  'src',
  'actions',
  'action.yml',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.mjs',
];

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  try {
    return readdirSync(full, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)))
      .sort();
  } catch (error) {
    if (error.code === 'ENOTDIR') return [path];
    throw error;
  }
}

function hashOf(paths) {
  const hash = createHash('sha256');
  for (const file of paths.flatMap(files)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function stamp(name) {
  const file = join(buildDir, `${name}.stamp`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function writeStamp(name, value) {
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(join(buildDir, `${name}.stamp`), `${value}\n`);
}

function build(args, why) {
  console.error(`[bench] ${why}: node scripts/build.mjs ${args.join(' ')}`.trimEnd());
  const started = Date.now();
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), ...args], {
    cwd: root,
    // The build's own lines go to stderr: stdout is the benchmark's figures.
    stdio: ['ignore', 2, 2],
  });
  console.error(`[bench] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function git(args) {
  return spawnSync('git', args, { cwd: root, encoding: 'utf8' });
}

/** Whether git shows dist/ as committed, and its inputs unchanged since (working tree included). */
function distCommittedCurrent() {
  const last = git(['log', '-1', '--format=%H', '--', 'dist']);
  const commit = last.status === 0 ? last.stdout.trim() : '';
  if (!commit) return false;
  if (git(['diff', '--quiet', 'HEAD', '--', 'dist']).status !== 0) return false;
  const changed = git(['diff', '--name-only', commit, '--', ...DIST_INPUTS]);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '--', ...DIST_INPUTS]);
  return changed.status === 0 && changed.stdout.trim() === '' && untracked.stdout.trim() === '';
}

/** Every bundle of dist/: one per action (as scripts/build.mjs finds them) and the CLI. */
function bundles() {
  const actions = readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'action.yml')))
    .map((entry) => entry.name);
  return ['setup', ...actions, 'cli'];
}

/** Builds dist/ when one of its bundles is missing or older than the sources. */
export function prepareDist() {
  const missing = bundles().filter((name) => !existsSync(join(root, 'dist', name, 'index.js')));
  const hash = hashOf(DIST_INPUTS);
  if (missing.length === 0 && (stamp('dist') === hash || distCommittedCurrent())) return;
  build(
    [],
    missing.length > 0
      ? `dist/ has no ${missing.join(', ')}`
      : 'dist/ is older than the sources (rebuilt here; do not commit it from a benchmark)',
  );
  writeStamp('dist', hash);
}

/** Bundles the test bed's probe actions into test/.build/ when one is missing or stale. */
export function prepareProbes() {
  const names = readdirSync(join(root, PROBES), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const missing = names.filter((name) => !existsSync(join(buildDir, name, 'index.js')));
  const hash = hashOf([PROBES, 'package-lock.json']);
  if (missing.length === 0 && stamp('probes') === hash) return;
  build(
    ['--probes-only'],
    missing.length > 0 ? `test/.build/ has no ${missing.join(', ')} probe` : 'the probes changed',
  );
  writeStamp('probes', hash);
}
