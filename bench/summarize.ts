// Summarizing big plans: show -json documents of 1,000, 10,000 and 50,000 resource changes (written by
// test/support/plan-generator.ts in the shapes tofu writes, every change with attribute diffs), each
// summarized in a fresh Node 24 process: the plan model, the PR comment (with its continuations) and the
// job summary. Reports the median wall time of the child, its phases, and its peak RSS, against the
// targets at 50,000 changes: under 2 s and a peak RSS under 3x the JSON file's size.
//   stream: readPlanModel(file), as the CLI reads a plan (the document is never held whole)
//   parse:  JSON.parse of the whole text, then buildPlanModel, as a caller holding the document does
// The child runs the compiled sources (tsc into a temporary directory): a TypeScript loader would
// add its own memory to what is measured.
// Usage: npm run bench:summarize -- [repetitions=5] [sizes=1000,10000,50000]
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlanJson } from '../test/support/plan-generator.ts';
import { node24, repoRoot } from '../test/support/tools.ts';
import { median } from './measure.ts';

const repetitions = Number(process.argv[2] ?? 5);
const sizes = (process.argv[3] ?? '1000,10000,50000').split(',').map(Number);
const TARGET_MS = 2_000;
const TARGET_RSS_FACTOR = 3;

const CHILD = `
import { readFileSync } from 'node:fs';
const [lib, mode, file] = process.argv.slice(2);
const { readPlanModel } = await import(lib + '/plan/plan-stream.js');
const { buildPlanModel } = await import(lib + '/plan/model.js');
const { renderPlanComment, renderPlanSummary } = await import(lib + '/plan/plan-markdown.js');
const ctx = { stack: 'bench', workspace: 'default', planDigest: 'sha256:' + '0'.repeat(64), commit: '0'.repeat(40),
  runUrl: 'https://github.com/acme/infra/actions/runs/1' };
const t0 = performance.now();
const model = mode === 'stream' ? await readPlanModel(file) : buildPlanModel(JSON.parse(readFileSync(file, 'utf8')));
const t1 = performance.now();
const comment = renderPlanComment(model, ctx);
const t2 = performance.now();
const summary = renderPlanSummary(model, ctx);
const t3 = performance.now();
process.stdout.write(JSON.stringify({ model: t1 - t0, comment: t2 - t1, summary: t3 - t2,
  bodies: comment.length, largestBody: Math.max(...comment.map((b) => b.length)),
  summaryBytes: Buffer.byteLength(summary), maxRssKiB: process.resourceUsage().maxRSS,
  cpu: (process.cpuUsage().user + process.cpuUsage().system) / 1000 }));
`;

interface ChildResult {
  model: number;
  comment: number;
  summary: number;
  bodies: number;
  largestBody: number;
  summaryBytes: number;
  maxRssKiB: number;
  /** The child's CPU time (user + system), which other load on the machine disturbs less than wall time. */
  cpu: number;
  wall: number;
}

function child(args: string[]): Promise<ChildResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(node24(), args, { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      resolve({ ...(JSON.parse(stdout) as Omit<ChildResult, 'wall'>), wall: performance.now() - started });
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (value: number) => `${Math.round(value)} ms`;

const dir = await mkdtemp(join(tmpdir(), 'bench-summarize-'));
try {
  const lib = join(dir, 'lib');
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(repoRoot, 'tsconfig.json'),
      '--outDir',
      lib,
    ],
    { stdio: 'inherit' },
  );
  const childScript = join(dir, 'child.mjs');
  await writeFile(childScript, CHILD);
  const baseline = await child([
    '-e',
    'process.stdout.write(JSON.stringify({maxRssKiB: process.resourceUsage().maxRSS}))',
  ]);
  console.log(
    `Node ${execFileSync(node24(), ['--version'], { encoding: 'utf8' }).trim()}; an empty node process peaks at ${mb(baseline.maxRssKiB * 1024)} RSS.`,
  );
  console.log(
    `${repetitions} runs each, medians; RSS is the child's peak (process.resourceUsage().maxRSS).\n`,
  );
  console.log(
    '| changes | JSON | mode | wall | CPU | model | comment | summary | peak RSS | RSS / JSON | bodies |',
  );
  console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const verdicts: string[] = [];
  for (const size of sizes) {
    const file = join(dir, `plan-${size}.json`);
    await writeFile(file, generatePlanJson(size));
    const bytes = (await stat(file)).size;
    for (const mode of ['stream', 'parse']) {
      const runs: ChildResult[] = [];
      for (let i = 0; i < repetitions; i++) runs.push(await child([childScript, lib, mode, file]));
      const m = (key: keyof ChildResult) => median(runs.map((run) => run[key]));
      const rss = m('maxRssKiB') * 1024;
      console.log(
        `| ${size} | ${mb(bytes)} | ${mode} | ${ms(m('wall'))} | ${ms(m('cpu'))} | ${ms(m('model'))} | ${ms(m('comment'))} | ` +
          `${ms(m('summary'))} | ${mb(rss)} | ${(rss / bytes).toFixed(2)} | ${m('bodies')} |`,
      );
      if (size === 50_000) {
        const fast = m('wall') < TARGET_MS;
        const lean = rss < TARGET_RSS_FACTOR * bytes;
        verdicts.push(
          `${mode} at 50,000: wall ${ms(m('wall'))} ${fast ? 'meets' : 'MISSES'} < ${TARGET_MS} ms ` +
            `(CPU ${ms(m('cpu'))}, load average ${loadavg()[0]?.toFixed(1)}); ` +
            `peak RSS ${mb(rss)} ${lean ? 'meets' : 'MISSES'} < ${TARGET_RSS_FACTOR}x JSON (${mb(TARGET_RSS_FACTOR * bytes)})`,
        );
      }
    }
    await rm(file);
  }
  if (verdicts.length > 0) console.log(`\n${verdicts.join('\n')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
