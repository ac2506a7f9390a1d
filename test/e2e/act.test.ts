import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAct, stageSuite, type ActResult } from '../support/act.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { act, pinnedVersions, repoRoot, tofu } from '../support/tools.js';
import { stageArtifacts } from '../support/artifact-search.js';

/**
 * Our reusable workflows run by nektos/act in host mode: a second runner, independent of our own harness,
 * that reads the workflow files themselves (expressions, matrices, needs, job outputs, reusable-workflow
 * calls). See test/support/act.ts for what act models and what it does not.
 */
let root: string;
let suite: string;
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
  if (root) await rm(root, { recursive: true, force: true });
});

/** Fails with act's log when the run did not succeed, so the cause is in the test's output. */
function expectSuccess(run: ActResult) {
  if (run.exitCode === 0 && !run.timedOut) return;
  throw new Error(
    `act exited ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}; its log:\n${run.log.slice(-20_000)}`,
  );
}

const HEAD = 'a'.repeat(40);
const PLAN_KEY = 'plan-key-Wq3h8Zt1';

/**
 * A repository's own workflow calling ours, as README.md shows it, plus a job that reads the call's output.
 * The reusable workflow is resolved through --local-repository, exactly as written in a user's repository.
 */
function callerWorkflow(stacks: Array<Record<string, string>>): string {
  return [
    'name: pull request',
    'on: pull_request',
    'jobs:',
    '  plan:',
    '    uses: iac-pipeline/iac-pipeline/.github/workflows/pr-plan.yml@v1',
    '    with:',
    `      stacks: '${JSON.stringify(stacks)}'`,
    `      tofu-version: ${pinnedVersions().OPENTOFU_VERSION}`,
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
}

async function planPullRequest(
  results: ResultsService,
  stacks: Array<Record<string, string>>,
  files: Record<string, string> = {},
) {
  const pr = api.addPull({ author: 'alice', headSha: HEAD, headRef: 'feature' });
  const run = await runAct({
    workflow: { yaml: callerWorkflow(stacks) },
    directories: { infra: join(repoRoot, 'test', 'fixtures', 'stack') },
    files,
    eventName: 'pull_request',
    event: {
      action: 'synchronize',
      number: pr.number,
      pull_request: { number: pr.number, head: { sha: HEAD, ref: 'feature' }, base: { ref: 'main' } },
      repository: { full_name: 'octo-org/infra', name: 'infra', owner: { login: 'octo-org' } },
    },
    secrets: { PLAN_KEY },
    results,
    api,
    suite,
    // The setup action finds the pinned tofu in the tool cache, as on a runner that installed it before.
    toolCache: [{ tool: 'tofu', version: pinnedVersions().OPENTOFU_VERSION ?? '', files: [tofu()] }],
    root,
    timeoutMs: 170_000,
  });
  const comments = [...api.state.comments.values()].filter((c) => c.issueNumber === pr.number);
  return { run, comments };
}

const jobResults = (run: ActResult) => run.jobs.map(({ name, result }) => ({ name, result }));

describe('pr-plan.yml under act', () => {
  // A fresh results service per act run: the artifacts of one run are all the test looks at.
  let results: ResultsService;
  beforeEach(async () => {
    results = await startResultsService();
  });
  // Optional chaining: when beforeAll failed (act missing), its error is the one to read, not a TypeError here.
  afterEach(async () => {
    await results?.close();
    api?.assertNoViolations();
  });

  it('plans the stack, uploads the plan bundle, comments on the pull request, and gives the caller the stacks', async () => {
    const state = join(root, 'state-app');
    const { run, comments } = await planPullRequest(results, [
      { stack: 'app', directory: 'infra', 'backend-config': `path=${state}/terraform.tfstate` },
    ]);

    expectSuccess(run);
    expect(jobResults(run)).toEqual([
      // The graph ordered first: the plan matrix, with each stack's inputs, comes from it.
      { name: 'plan/pr-plan/the stacks', result: 'success' },
      { name: 'plan/pr-plan/plan app', result: 'success' },
      { name: 'plan/pr-plan/the plans', result: 'success' },
      { name: 'pull request/show', result: 'success' },
    ]);

    // The plan bundle, uploaded through the results service under the run of the token act handed the jobs.
    const artifacts = stageArtifacts(results.artifacts(run.ids.runBackendId));
    expect(artifacts.map(({ name, finalized }) => ({ name, finalized }))).toEqual([
      { name: 'iac-plan-app', finalized: true },
    ]);
    expect(results.artifactBytes(artifacts[0]?.id ?? -1).includes(Buffer.from(PLAN_KEY))).toBe(false);

    // The gathered job output, through the reusable workflow's outputs, in the caller's next job.
    const shown = /^\[pull request\/show\] {3}\| the caller got (.*)$/m.exec(run.log)?.[1];
    const gathered = JSON.parse(shown ?? '[]') as Array<Record<string, unknown>>;
    expect(gathered).toEqual([
      expect.objectContaining({ stack: 'app', 'artifact-name': 'iac-plan-app', 'has-changes': true }),
    ]);

    // The plan comment, written through the API stand-in with the job's GITHUB_TOKEN.
    expect(comments).toHaveLength(1);
    expect(comments[0]?.author).toBe('github-actions[bot]');
    expect(comments[0]?.body).toContain(String(gathered[0]?.['plan-digest']));
    expect(comments[0]?.body).toContain(HEAD.slice(0, 12));

    expect(run.log).not.toContain(PLAN_KEY);
  });

  it('fails the plan job of a stack that does not parse, with its error, and runs no job after it', async () => {
    const state = join(root, 'state-broken');
    const { run, comments } = await planPullRequest(
      results,
      [{ stack: 'broken', directory: 'infra', 'backend-config': `path=${state}/terraform.tfstate` }],
      { 'infra/broken.tf': 'resource "terraform_data" {\n' },
    );

    expect(run.exitCode).not.toBe(0);
    expect(run.timedOut).toBe(false);
    // The order job reads no configuration of a stack without inputs: the broken one fails its own plan.
    expect(jobResults(run)).toEqual([
      { name: 'plan/pr-plan/the stacks', result: 'success' },
      { name: 'plan/pr-plan/plan broken', result: 'failure' },
    ]);
    expect(run.steps).toContainEqual({
      job: 'plan/pr-plan/plan broken',
      step: 'iac-pipeline/iac-pipeline/actions/tf-plan@v1',
      stage: 'Main',
      result: 'failure',
    });
    expect(run.log).toMatch(/::error[^\n]*broken\.tf/);
    expect(stageArtifacts(results.artifacts(run.ids.runBackendId))).toEqual([]);
    // No earlier plan to mark outdated, so no comment (test/e2e/plan-comment.test.ts covers the outdated banner).
    expect(comments).toEqual([]);
  });
});
