#!/usr/bin/env node
// Start-up cost of each bundled action: the time from process start until the action has read and
// validated its inputs and exited, against an empty Node 24 process in the same run, plus peak RSS.
// Usage: npm run bench:startup -- [repetitions=15]   (Node 24 from scripts/install-tools.sh; builds dist/
//        first when it is missing or stale)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDist } from './prepare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repetitions = Number(process.argv[2] ?? 15);
const node = [
  process.env.IAC_NODE24,
  join(process.env.HOME ?? '', '.cache/iac-pipeline/bin/node24'),
  process.execPath,
].find(
  (candidate) =>
    candidate &&
    existsSync(candidate) &&
    spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.startsWith('v24.'),
);
if (!node) throw new Error('no Node 24: run bash scripts/install-tools.sh');
prepareDist();

// Reports the child's own peak RSS when it exits, without a wrapper process that would add its own.
const rssHook = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nPEAK_RSS_KB='+process.resourceUsage().maxRSS+'\\n'))`;
const workspace = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_WORKSPACE: workspace,
  RUNNER_TEMP: workspace,
};

function measure(args) {
  const times = [];
  let peak = 0;
  for (let i = 0; i < repetitions; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(node, ['--import', rssHook, ...args], { cwd: workspace, env, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    peak = Math.max(peak, Number(/PEAK_RSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? 0));
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], peakMb: peak / 1024 };
}

const baseline = measure(['-e', '']);
console.log(
  `node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${repetitions} runs each`,
);
console.log(
  `${'action'.padEnd(20)} ${'median ms'.padStart(10)} ${'vs empty node'.padStart(14)} ${'peak RSS MB'.padStart(12)}`,
);
console.log(
  `${'(empty node)'.padEnd(20)} ${baseline.median.toFixed(1).padStart(10)} ${'1.00'.padStart(14)} ${baseline.peakMb.toFixed(1).padStart(12)}`,
);
for (const name of readdirSync(join(root, 'dist')).sort()) {
  const entry = join(root, 'dist', name, 'index.js');
  if (!existsSync(entry)) continue;
  const { median, peakMb } = measure([entry]);
  console.log(
    `${name.padEnd(20)} ${median.toFixed(1).padStart(10)} ${(median / baseline.median).toFixed(2).padStart(14)} ${peakMb.toFixed(1).padStart(12)}`,
  );
}
rmSync(workspace, { recursive: true, force: true });
