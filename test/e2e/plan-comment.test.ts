import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type WorkflowRunOptions } from '../support/runner/runner.js';
import { repoRoot } from '../support/tools.js';

/**
 * tf-plan's pull-request comment, with real OpenTofu and the GitHub stand-in: one comment per stack,
 * edited in place, never written when unchanged, marked outdated while and when a newer commit fails.
 */
let results: ResultsService;
let api: GitHubApi;
let root: string;
const runs: WorkflowRun[] = [];

beforeAll(async () => {
  results = await startResultsService();
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
  root = await mkdtemp(join(tmpdir(), 'plan-comment-'));
});
afterEach(() => api.assertNoViolations());
afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await results.close();
  await api.close();
  await rm(root, { recursive: true, force: true });
});

const FIRST = '1'.repeat(40);
const SECOND = '2'.repeat(40);

function newRun(options: Partial<WorkflowRunOptions>): WorkflowRun {
  const run = new WorkflowRun({ results, apiUrl: api.url, repository: 'octo-org/infra', ...options });
  api.addToken(run.token, 'github-actions[bot]');
  runs.push(run);
  return run;
}

function pullRequestEvent(number: number, headSha: string): Partial<WorkflowRunOptions> {
  return {
    eventName: 'pull_request',
    event: { action: 'synchronize', number, pull_request: { number, head: { sha: headSha } } },
    // On pull_request, GITHUB_SHA is the merge commit, not the head the reviewers see.
    sha: 'f'.repeat(40),
  };
}

async function planIn(run: WorkflowRun, stateDir: string, broken = false) {
  const job = await run.job('plan');
  await cp(join(repoRoot, 'test', 'fixtures', 'stack'), join(job.workspace, 'infra'), { recursive: true });
  if (broken) await writeFile(join(job.workspace, 'infra', 'broken.tf'), 'resource "terraform_data" {\n');
  return job.step('tf-plan', {
    with: { 'working-directory': 'infra', 'backend-config': `path=${stateDir}/terraform.tfstate` },
  });
}

function commentsOn(number: number) {
  return [...api.state.comments.values()].filter((c) => c.issueNumber === number);
}

describe('the plan comment on a pull request', () => {
  it('is written once, edited in place for every plan, and outdated by a newer commit that fails', async () => {
    const stateDir = await mkdtemp(join(root, 'state-'));
    const pr = api.addPull({ author: 'alice', headSha: FIRST, headRef: 'feature' });

    const first = await planIn(newRun(pullRequestEvent(pr.number, FIRST)), stateDir);
    expect(first.errors).toEqual([]);
    expect(commentsOn(pr.number)).toHaveLength(1);
    const comment = commentsOn(pr.number)[0];
    expect(first.outputs['comment-url']).toEqual(
      expect.stringMatching(new RegExp(`/octo-org/infra/pull/${pr.number}#issuecomment-${comment?.id}$`)),
    );
    expect(comment?.author).toBe('github-actions[bot]');
    expect(comment?.body).toContain(first.outputs['plan-digest']);
    expect(comment?.body).toContain(FIRST);

    // The same commit planned again: a new planfile has a new digest, so the comment is edited, not added.
    // (A body that is the same costs no write at all: test/unit/github/plan-comment.test.ts.)
    const again = await planIn(newRun(pullRequestEvent(pr.number, FIRST)), stateDir);
    expect(again.errors).toEqual([]);
    expect(commentsOn(pr.number)).toHaveLength(1);
    expect(commentsOn(pr.number)[0]?.body).toContain(again.outputs['plan-digest']);

    // A newer commit that fails to plan: the old plan stays readable, under an outdated banner.
    const failed = await planIn(newRun(pullRequestEvent(pr.number, SECOND)), stateDir, true);
    expect(failed.exitCode).toBe(1);
    const outdated = commentsOn(pr.number)[0]?.body ?? '';
    expect(outdated).toContain(`**Outdated.** This plan is for commit \`${FIRST.slice(0, 12)}\``);
    expect(outdated).toContain('could not be planned');
    expect(outdated).toContain(again.outputs['plan-digest']);

    // The newer commit fixed: the same comment now shows its plan, without the banner.
    const fixed = await planIn(newRun(pullRequestEvent(pr.number, SECOND)), stateDir);
    expect(fixed.errors).toEqual([]);
    expect(commentsOn(pr.number)).toHaveLength(1);
    const current = commentsOn(pr.number)[0]?.body ?? '';
    expect(current).not.toContain('Outdated');
    expect(current).toContain(SECOND);
    expect(fixed.outputs['comment-url']).toBe(first.outputs['comment-url']);
  });

  it('finds the pull request of an issue_comment event and its head commit through the API', async () => {
    const stateDir = await mkdtemp(join(root, 'state-'));
    const pr = api.addPull({ author: 'alice', headSha: SECOND, headRef: 'other' });
    const step = await planIn(
      newRun({
        eventName: 'issue_comment',
        event: { action: 'created', issue: { number: pr.number, pull_request: { url: 'x' } } },
      }),
      stateDir,
    );
    expect(step.errors).toEqual([]);
    expect(commentsOn(pr.number)[0]?.body).toContain(SECOND);
  });

  it('comments on the pull request given by pr-number, and on nothing for a push', async () => {
    const stateDir = await mkdtemp(join(root, 'state-'));
    const pr = api.addPull({ author: 'alice', headSha: FIRST, headRef: 'third' });
    const before = api.requests.length;
    const push = await planIn(newRun({ eventName: 'push' }), stateDir);
    expect(push.errors).toEqual([]);
    expect(push.outputs['comment-url']).toBeUndefined();
    expect(api.requests.length).toBe(before);

    const run = newRun({ eventName: 'workflow_dispatch' });
    const job = await run.job('plan');
    await cp(join(repoRoot, 'test', 'fixtures', 'stack'), join(job.workspace, 'infra'), { recursive: true });
    const step = await job.step('tf-plan', {
      with: {
        'working-directory': 'infra',
        'backend-config': `path=${stateDir}/terraform.tfstate`,
        'pr-number': String(pr.number),
      },
    });
    expect(step.errors).toEqual([]);
    expect(commentsOn(pr.number)).toHaveLength(1);
  });
});

describe('gathering the plans of several stacks', () => {
  it('puts the plans of a matrix into one comment with a row per stack, edited in place', async () => {
    const pr = api.addPull({ author: 'alice', headSha: FIRST, headRef: 'matrix' });
    const run = newRun(pullRequestEvent(pr.number, FIRST));
    const digests: Record<string, string> = {};
    for (const stack of ['network', 'compute']) {
      const stateDir = await mkdtemp(join(root, 'state-'));
      const job = await run.job(`plan-${stack}`);
      await cp(join(repoRoot, 'test', 'fixtures', 'stack'), join(job.workspace, stack), { recursive: true });
      const step = await job.step('tf-plan', {
        with: {
          'working-directory': stack,
          'backend-config': `path=${stateDir}/terraform.tfstate`,
          comment: 'false',
          ...(stack === 'compute' ? { 'encryption-key': 'a passphrase for the compute plan' } : {}),
        },
      });
      expect(step.errors).toEqual([]);
      digests[stack] = step.outputs['plan-digest'] ?? '';
    }
    expect(commentsOn(pr.number)).toHaveLength(0);

    const gather = async () =>
      (await run.job('comment')).step('tf-plan', {
        with: { mode: 'gather', 'encryption-key': 'a passphrase for the compute plan' },
      });
    const step = await gather();
    // The network plan is not sealed: a key given for the others must not make it unreadable.
    expect(step.errors).toEqual([]);
    expect(commentsOn(pr.number)).toHaveLength(1);
    const body = commentsOn(pr.number)[0]?.body ?? '';
    expect(body).toContain('## Plans for 2 stacks');
    expect(body).toMatch(/\| <code>compute<\/code> \|[^\n]*\n\| <code>network<\/code> \|/);
    expect(body).toContain(digests.network);
    expect(body).toContain(digests.compute);
    expect(step.outputs.add).toBe('4');
    expect(JSON.parse(step.outputs.stacks ?? '[]')).toEqual([
      expect.objectContaining({ stack: 'compute', 'plan-digest': digests.compute, 'has-changes': true }),
      expect.objectContaining({ stack: 'network', 'plan-digest': digests.network, 'has-changes': true }),
    ]);
    expect(step.summary).toContain('## Plans for 2 stacks');

    const before = api.requests.filter((request) => request.method === 'PATCH').length;
    await gather();
    expect(commentsOn(pr.number)).toHaveLength(1);
    expect(api.requests.filter((request) => request.method === 'PATCH').length).toBe(before);
  });

  it('says which step to run first when there is nothing to gather', async () => {
    const run = newRun({ eventName: 'push' });
    const step = await (await run.job('comment')).step('tf-plan', { with: { mode: 'gather' } });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('No plan bundles named iac-plan-* in this run'),
      }),
    ]);
  });
});
