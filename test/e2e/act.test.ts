import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAct, stageSuite, type ActResult } from '../support/act.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { act, pinnedVersions, repoRoot, tofu } from '../support/tools.js';

/**
 * Our reusable workflows run by nektos/act in host mode: a second runner, independent of our own harness,
 * that reads the workflow files themselves (expressions, matrices, needs, job outputs, reusable-workflow
 * calls). See test/support/act.ts for what act models and what it does not.
 */
let root: string;
let suite: string;
let results: ResultsService;
let api: GitHubApi;

beforeAll(async () => {
  // Fails here, with the way to install it, when act is missing: CI installs it, so nothing skips.
  act();
  root = await mkdtemp(join(tmpdir(), 'act-test-'));
  suite = await stageSuite(join(root, 'suite'));
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
});
afterAll(async () => {
  await api?.close();
  await rm(root, { recursive: true, force: true });
});

function failureReport(run: ActResult): string {
  return `act exited ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}; its log:\n${run.log.slice(-20_000)}`;
}

describe('pr-plan.yml under act', () => {
  beforeAll(async () => {
    // A fresh results service per act run: artifact names are unique per run.
    results = await startResultsService();
  });
  afterAll(async () => {
    await results?.close();
  });

  it('plans the stack, uploads the plan bundle and comments the plan on the pull request', async () => {
    const tofuVersion = pinnedVersions().OPENTOFU_VERSION ?? '';
    const state = join(root, 'state');
    const stacks = JSON.stringify([
      { stack: 'app', directory: 'infra', 'backend-config': `path=${state}/terraform.tfstate` },
    ]);
    const caller = [
      'name: pull request',
      'on: pull_request',
      'jobs:',
      '  plan:',
      '    uses: iac-pipeline/iac-pipeline/.github/workflows/pr-plan.yml@v1',
      '    with:',
      `      stacks: '${stacks}'`,
      `      tofu-version: ${tofuVersion}`,
      '    secrets:',
      '      encryption-key: ${{ secrets.PLAN_KEY }}',
      '  show:',
      '    needs: plan',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - env:',
      '          STACKS: ${{ needs.plan.outputs.stacks }}',
      `        run: printf 'the caller got %s\\n' "$STACKS"`,
      '',
    ].join('\n');
    const planKey = 'plan-key-Wq3h8Zt1';
    const pr = api.addPull({ author: 'alice', headSha: 'a'.repeat(40), headRef: 'feature' });

    const run = await runAct({
      workflow: { yaml: caller },
      directories: { infra: join(repoRoot, 'test', 'fixtures', 'stack') },
      eventName: 'pull_request',
      event: {
        action: 'synchronize',
        number: pr.number,
        pull_request: {
          number: pr.number,
          head: { sha: 'a'.repeat(40), ref: 'feature' },
          base: { ref: 'main' },
        },
        repository: { full_name: 'octo-org/infra', name: 'infra', owner: { login: 'octo-org' } },
      },
      secrets: { PLAN_KEY: planKey },
      results,
      api,
      suite,
      // The setup action finds the pinned tofu in the tool cache, as on a runner that ran it before.
      toolCache: [{ tool: 'tofu', version: tofuVersion, files: [tofu()] }],
      root,
      timeoutMs: 170_000,
    });

    expect({ exitCode: run.exitCode, timedOut: run.timedOut }).toEqual(
      run.exitCode === 0 ? { exitCode: 0, timedOut: false } : failureReport(run),
    );
    expect(run.jobs.map(({ name, result }) => ({ name, result }))).toEqual(
      expect.arrayContaining([
        { name: 'plan/pr-plan/plan app', result: 'success' },
        { name: 'plan/pr-plan/the plans', result: 'success' },
        { name: 'pull request/show', result: 'success' },
      ]),
    );

    // The plan bundle, uploaded through the results service under the run of the token act handed the jobs.
    const artifacts = results.artifacts(run.ids.runBackendId);
    expect(artifacts.map(({ name, finalized }) => ({ name, finalized }))).toEqual([
      { name: 'iac-plan-app', finalized: true },
    ]);
    const bundle = results.artifactBytes(artifacts[0]?.id ?? -1);
    expect(bundle.includes(Buffer.from(planKey))).toBe(false);

    // The plan comment, written through the API stand-in by the job's GITHUB_TOKEN.
    const comments = [...api.state.comments.values()].filter((c) => c.issueNumber === pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.author).toBe('github-actions[bot]');
    expect(comments[0]?.body).toContain('`app`');

    // The gathered job output reached the caller's next job.
    const shown = /^\[pull request\/show\] {3}\| the caller got (.*)$/m.exec(run.log)?.[1];
    const gathered = JSON.parse(shown ?? '[]') as Array<Record<string, unknown>>;
    expect(gathered).toEqual([
      expect.objectContaining({ stack: 'app', 'artifact-name': 'iac-plan-app', 'has-changes': true }),
    ]);
    expect(comments[0]?.body).toContain(String(gathered[0]?.['plan-digest']));

    expect(run.log).not.toContain(planKey);
    api.assertNoViolations();
  });
});
