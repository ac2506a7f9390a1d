import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { repoRoot } from '../support/tools.js';

/**
 * `npm run demo -- --promote` as a user runs it: a child process, judged by its exit code and the lines
 * it prints. The releases themselves are tested in releases.test.ts; this says the demo drives the four
 * stages to the end and tells what each left behind.
 */

interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run demo -- <args>` in the repository; resolves with the exit code rather than throwing on one. */
function demo(args: readonly string[], timeoutMs: number): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', 'demo', '--', ...args],
      { cwd: repoRoot, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The lines a stage printed: from its `n/4` heading to the next one or the end of the stages. */
function stageBlock(stdout: string, stage: number): string {
  const start = stdout.indexOf(`\n${stage}/4 `);
  if (start < 0) throw new Error(`no stage ${stage} in:\n${stdout}`);
  const next = stdout.indexOf(`\n${stage + 1}/4 `, start + 1);
  const end = next >= 0 ? next : stdout.indexOf('\nThe reports:', start);
  return stdout.slice(start, end >= 0 ? end : undefined);
}

const workingDirectories: string[] = [];
afterAll(async () => {
  // The demo keeps its directory for the user to open; the test has read what it needed.
  for (const dir of workingDirectories) await rm(dir, { recursive: true, force: true });
});

describe('npm run demo -- --promote', () => {
  it('refuses an unknown backend beside --promote, before starting anything', async () => {
    const { code, stderr } = await demo(['--promote', '--backend', 'nfs'], 60_000);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'npm run demo: unknown --backend "nfs": the demo keeps the state in local or s3',
    );
  }, 90_000);

  it('deploys dev, promotes it to prod, deploys a bad release that starts the rollback, and rolls back', async () => {
    const { code, stdout, stderr } = await demo(['--promote'], 900_000);
    const dir = /working directory: (\S+)/.exec(stdout)?.[1];
    if (dir?.startsWith(tmpdir())) workingDirectories.push(dir);
    expect({ code, stderr: code === 0 ? '' : stderr, stdout: code === 0 ? '' : stdout }).toEqual({
      code: 0,
      stderr: '',
      stdout: '',
    });
    // Only the bad release's smoke job fails, as the demo means it to.
    expect([...stdout.matchAll(/^ {2}✗ (.+)$/gm)].map((m) => m[1])).toEqual([
      expect.stringMatching(/^wave 2 \/ smoke vms/),
    ]);

    const dev = stageBlock(stdout, 1);
    const devRun =
      /recorded: {2}release (\d+) of dev \(deployment \d+\): commit ([0-9a-f]{12}), image golden-dev-1, success \(in_progress → success\)/.exec(
        dev,
      );
    expect(devRun).not.toBeNull();
    const [, devRunId, commit] = devRun ?? [];
    expect(dev).toContain('dev VMs:   golden-dev-1 on web-1, web-2, db-1');
    expect(dev).toMatch(/prod VMs: {2}no image yet on prod-web-1, .*prod-db-2/);

    const allProd = 'prod-web-1, prod-web-2, prod-web-3, prod-db-1, prod-db-2';
    const promotion = stageBlock(stdout, 2);
    expect(promotion).toMatch(
      new RegExp(
        `source: {4}Promotes release ${devRunId} of dev \\(commit ${commit}, image golden-dev-1, smoke (\\d+)/\\1, age \\d+ (s|min)\\)`,
      ),
    );
    const promoted =
      /recorded: {2}release (\d+) of prod \(deployment (\d+)\): commit \w+, image golden-dev-1, success/.exec(
        promotion,
      );
    expect(promoted).not.toBeNull();
    expect(promotion).toContain(`prod VMs:  golden-dev-1 on ${allProd}`);

    const prod = stageBlock(stdout, 3);
    expect(prod).toMatch(/recorded: {2}release 2000001 of prod .*image golden-prod-2, failure/);
    expect(prod).toContain('Smoke tests failed for stack vms.');
    expect(prod).toContain(
      `replaces:  release ${promoted?.[1]} of prod (deployment ${promoted?.[2]}), success then,`,
    );
    expect(prod).toMatch(/approved: .*vms by maint1/);
    expect(prod).toContain(`prod VMs:  golden-prod-2 on ${allProd}`);

    const rollback = stageBlock(stdout, 4);
    expect(rollback).toContain(
      `rollback.yml started on main with {"environment":"prod","to":"deployment:${promoted?.[2]}"}`,
    );
    expect(rollback).toContain(
      `source:    Rollback of prod to release ${promoted?.[1]} of prod (commit ${commit}, image golden-dev-1`,
    );
    expect(rollback).toMatch(/recorded: {2}release 2000002 of prod .*image golden-dev-1, success/);
    expect(rollback).toContain(`prod VMs:  golden-dev-1 on ${allProd}`);

    // The rollback ended the bad release's failure: the time from that failure to the restore.
    expect(stdout).toMatch(
      /^Time to restore: \d+ (s|min).* \(from the failure at \S+ to the restore at \S+\)\.$/m,
    );
    const reports = [...stdout.matchAll(/^ {2}\d\. (\w+): (\S+report\.html)$/gm)];
    expect(reports.map((r) => r[1])).toEqual(['dev', 'promotion', 'prod', 'rollback']);
    for (const report of reports) expect(existsSync(report[2] ?? '')).toBe(true);
    expect(stdout).toMatch(/^ {2}prod vms: \S+vms-prod\.tfstate$/m);
  }, 900_000);
});
