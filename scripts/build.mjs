#!/usr/bin/env node
// Builds one @vercel/ncc bundle per action. Actions are found, not listed: every actions/<name>/action.yml
// is bundled from src/actions/<name>/index.ts into dist/<name>/index.js, and the root action.yml (setup)
// from src/actions/setup. TypeScript is compiled by tsc first, so ncc only bundles plain ESM.
//   node scripts/build.mjs             build dist/
//   node scripts/build.mjs --probes    also bundle the test bed's probe actions into test/.build/
//   node scripts/build.mjs --probes-only   only the probes (plain JavaScript: no tsc, no dist/)
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every action of the suite: its name and the compiled entry ncc starts from. */
export function discoverActions() {
  const names = readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'action.yml')))
    .map((entry) => entry.name);
  return ['setup', ...names.sort()].map((name) => ({
    name,
    entry: join(root, 'lib', 'actions', name, 'index.js'),
    outDir: join(root, 'dist', name),
  }));
}

/** The command-line tool (package.json `bin`): `npx iac-pipeline summarize <plan.json>`. */
export const cliTarget = {
  name: 'cli',
  entry: join(root, 'lib', 'cli', 'iac-pipeline.js'),
  outDir: join(root, 'dist', 'cli'),
};

/** The test bed's probe actions: small plain-JS actions that exercise the runner harness and the libraries. */
export function discoverProbes() {
  const probesDir = join(root, 'test', 'support', 'probes');
  return readdirSync(probesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      name: entry.name,
      entry: join(probesDir, entry.name, 'index.js'),
      outDir: join(root, 'test', '.build', entry.name),
    }));
}

export async function bundle({ entry, outDir }) {
  if (!existsSync(entry))
    throw new Error(`no entry ${relative(root, entry)}: does src/actions/<name>/index.ts exist?`);
  const { code, assets } = await ncc(entry, {
    minify: false,
    sourceMap: false,
    license: 'licenses.txt',
    quiet: true,
    // No cache: a warm cache changed which licenses ncc listed, and check-dist must be repeatable.
    cache: false,
  });
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'index.js'), code);
  for (const [file, asset] of Object.entries(assets ?? {})) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), asset.source);
  }
}

async function main() {
  const probesOnly = process.argv.includes('--probes-only');
  if (!probesOnly) {
    rmSync(join(root, 'lib'), { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')],
      {
        stdio: 'inherit',
      },
    );
  }
  const targets = probesOnly ? [] : [...discoverActions(), cliTarget];
  if (process.argv.includes('--probes') || process.argv.includes('--probes-only'))
    targets.push(...discoverProbes());
  // Bundles one after another: ncc is memory-hungry and the machines have two cores.
  for (const target of targets) {
    const started = Date.now();
    await bundle(target);
    // The bin runs directly from a checkout, and git keeps the mode.
    if (target === cliTarget) chmodSync(join(target.outDir, 'index.js'), 0o755);
    console.log(`built ${relative(root, target.outDir)}/index.js (${Date.now() - started} ms)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
