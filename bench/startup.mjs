#!/usr/bin/env node
// Start-up cost of each bundled action: the time from process start until the action has read and
// validated its inputs and exited (no inputs, an empty workspace), plus peak RSS, against two floors
// measured in the same run:
//   empty node     `node -e ''`;
//   the floor      an ncc bundle of @actions/core alone that reads one input and exits, the cost any
//                  JavaScript action pays (issue 22's target: every action within 1.20x of it).
// Every repetition runs each target once, in turn (A B C … A B C …), so that a drift in the machine's load
// hits every target alike; the figures are medians.
// Usage: npm run bench:startup -- [repetitions=15] [--dist DIR]   (Node 24 from scripts/install-tools.sh;
//        builds dist/ first when it is missing or stale, and the floor bundle into a temporary directory
//        every run; --dist measures the bundles in DIR as they are, such as a copy of an earlier dist/)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '../scripts/build.mjs';
import { prepareDist } from './prepare.mjs';

const TARGET = 1.2;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const distFlag = args.indexOf('--dist');
const givenDist = distFlag >= 0 ? args.splice(distFlag, 2)[1] : undefined;
const repetitions = Number(args[0] ?? 15);
const dist = givenDist ?? join(root, 'dist');
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
if (!givenDist) prepareDist();

const scratch = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const workspace = join(scratch, 'workspace');
mkdirSync(workspace);

// The floor: what every action bundle has to load and do at least. It sits in the repository's tree
// (test/.build, git-ignored) for ncc to resolve @actions/core from node_modules, and is built by the same
// bundle() as dist/, with the same options.
const floorSource = join(root, 'test', '.build', 'startup-floor-src');
const floorOut = join(scratch, 'floor');
mkdirSync(floorSource, { recursive: true });
writeFileSync(
  join(floorSource, 'index.mjs'),
  [
    "import * as core from '@actions/core';",
    'try {',
    "  core.getInput('floor-input', { required: true });",
    '} catch (error) {',
    '  core.setFailed(error.message);',
    '}',
    '',
  ].join('\n'),
);
await bundle({ entry: join(floorSource, 'index.mjs'), outDir: floorOut });
rmSync(floorSource, { recursive: true, force: true });

// Reports the child's own peak RSS and CPU time (user + system) when it exits, without a wrapper process
// that would add its own. CPU time is shown beside the wall time: on a loaded machine it moves less.
const rssHook = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nPEAK_RSS_KB='+u.maxRSS+' CPU_US='+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_WORKSPACE: workspace,
  RUNNER_TEMP: workspace,
};

const targets = [
  { name: '(empty node)', args: ['-e', ''] },
  { name: '(floor: core)', args: [join(floorOut, 'index.js')] },
  ...readdirSync(dist)
    .sort()
    .filter((name) => existsSync(join(dist, name, 'index.js')))
    // The CLI is not an action: it is shown, but the target is for the actions.
    .map((name) => ({ name, args: [join(dist, name, 'index.js')], action: name !== 'cli' })),
].map((target) => ({ ...target, times: [], cpu: [], peak: 0 }));

function runOnce(target) {
  const started = process.hrtime.bigint();
  const result = spawnSync(node, ['--import', rssHook, ...target.args], {
    cwd: workspace,
    env,
    encoding: 'utf8',
  });
  target.times.push(Number(process.hrtime.bigint() - started) / 1e6);
  target.peak = Math.max(target.peak, Number(/PEAK_RSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? 0));
  target.cpu.push(Number(/CPU_US=(\d+)/.exec(result.stderr)?.[1] ?? 0) / 1000);
}

// One warm-up round (file cache, the first exec of node) that is not counted.
for (const target of targets) {
  runOnce(target);
  target.times.length = 0;
  target.cpu.length = 0;
}
for (let i = 0; i < repetitions; i++) {
  // Rotated each round, so that no target always runs right after the same one.
  for (let k = 0; k < targets.length; k++) runOnce(targets[(i + k) % targets.length]);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
for (const target of targets) {
  target.median = median(target.times);
  target.cpuMedian = median(target.cpu);
}
const [empty, floor] = targets;

console.log(
  `node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${repetitions} rounds, targets alternating, medians`,
);
console.log(
  `${'action'.padEnd(20)} ${'median ms'.padStart(10)} ${'vs empty node'.padStart(14)} ${'vs floor'.padStart(9)} ${'target'.padStart(7)} ${'met'.padStart(7)} ${'peak RSS MB'.padStart(12)} ${'CPU ms'.padStart(7)} ${'CPU vs floor'.padStart(12)}`,
);
for (const target of targets) {
  const ratio = target.median / floor.median;
  const judged = target.action === true;
  console.log(
    [
      target.name.padEnd(20),
      target.median.toFixed(1).padStart(10),
      (target.median / empty.median).toFixed(2).padStart(14),
      ratio.toFixed(2).padStart(9),
      (judged ? `<=${TARGET.toFixed(2)}` : '').padStart(7),
      (judged ? (ratio <= TARGET ? 'met' : 'missed') : '').padStart(7),
      (target.peak / 1024).toFixed(1).padStart(12),
      target.cpuMedian.toFixed(1).padStart(7),
      (target.cpuMedian / floor.cpuMedian).toFixed(2).padStart(12),
    ].join(' '),
  );
}
rmSync(scratch, { recursive: true, force: true });
