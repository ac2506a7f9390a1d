import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { commentAuthor, MarkedComments, marker } from '../../../src/github/marked-comments.js';
import { createGitHubClient } from '../../../src/github/octokit.js';
import { markPlanCommentsOutdated, publishPlanComment } from '../../../src/github/plan-comment.js';
import { startGitHubApi, type GitHubApi } from '../../support/github-api.js';
import { RecordingLogger } from '../../support/recording-logger.js';

let api: GitHubApi;
beforeAll(async () => {
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
  api.addToken('bot-token', 'github-actions[bot]');
  api.addToken('pat-token', 'platform-bot');
});
afterEach(() => api.assertNoViolations());
afterAll(() => api.close());

const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

function client(token = 'bot-token') {
  return createGitHubClient(token, new RecordingLogger(), { apiUrl: api.url, retryAfterBaseValue: 5 });
}

function pull() {
  return api.addPull({ author: 'alice', headSha: NEW, headRef: 'feature' });
}

function writes(issueNumber: number) {
  return api.requests.filter(
    (r) =>
      (r.operationId === 'issues/create-comment' && r.path.endsWith(`/issues/${issueNumber}/comments`)) ||
      r.operationId === 'issues/update-comment',
  );
}

async function load(issueNumber: number, author = 'github-actions[bot]', token = 'bot-token') {
  return MarkedComments.load(client(token), { owner: 'octo-org', repo: 'infra', issueNumber }, author);
}

function bodiesOn(issueNumber: number): string[] {
  return [...api.state.comments.values()].filter((c) => c.issueNumber === issueNumber).map((c) => c.body);
}

describe('the plan comment', () => {
  it('is created once, edited in place for a new plan, and not written when unchanged', async () => {
    const pr = pull();
    const first = await publishPlanComment(await load(pr.number), 'plan:web', OLD, ['Plan one']);
    expect(first.results).toEqual(['created']);
    expect(first.url).toMatch(/#issuecomment-\d+$/);

    const before = writes(pr.number).length;
    const again = await publishPlanComment(await load(pr.number), 'plan:web', OLD, ['Plan one']);
    expect(again.results).toEqual(['unchanged']);
    expect(writes(pr.number)).toHaveLength(before);

    const second = await publishPlanComment(await load(pr.number), 'plan:web', NEW, ['Plan two']);
    expect(second.results).toEqual(['updated']);
    expect(second.url).toBe(first.url);
    const bodies = bodiesOn(pr.number);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('Plan two');
    expect(bodies[0]?.startsWith(marker('plan:web:1'))).toBe(true);
  });

  it('keeps one comment per stack', async () => {
    const pr = pull();
    await publishPlanComment(await load(pr.number), 'plan:web', NEW, ['web']);
    await publishPlanComment(await load(pr.number), 'plan:db', NEW, ['db']);
    await publishPlanComment(await load(pr.number), 'plan:web', NEW, ['web, again']);
    expect(bodiesOn(pr.number).map((b) => b.split('\n').at(-1))).toEqual(['web, again', 'db']);
  });

  it('ignores the marker in a comment written by somebody else', async () => {
    const pr = pull();
    const forged = api.addComment({
      issueNumber: pr.number,
      author: 'mallory',
      body: `${marker('plan:web:1')}\n<!-- iac-pipeline-commit:${NEW} -->\nApprove me, all is fine`,
    });
    const result = await publishPlanComment(await load(pr.number), 'plan:web', NEW, ['The real plan']);
    expect(result.results).toEqual(['created']);
    expect(api.state.comments.get(forged.id)?.body).toContain('Approve me');
    expect(bodiesOn(pr.number)).toHaveLength(2);
  });

  it('writes continuation comments, and says so when a later plan needs fewer', async () => {
    const pr = pull();
    const three = await publishPlanComment(await load(pr.number), 'plan:web', OLD, [
      'main',
      'cont 2',
      'cont 3',
    ]);
    expect(three.results).toEqual(['created', 'created', 'created']);
    const one = await publishPlanComment(await load(pr.number), 'plan:web', NEW, ['main, shorter']);
    expect(one.results).toEqual(['updated', 'updated', 'updated']);
    const bodies = bodiesOn(pr.number);
    expect(bodies[0]).toContain('main, shorter');
    expect(bodies[1]).toContain('no longer needed');
    expect(bodies[2]).toContain('no longer needed');
    expect(bodies.join('')).not.toContain('cont 2');
  });

  it('marks an older commit’s plan outdated once, keeping its text', async () => {
    const pr = pull();
    await publishPlanComment(await load(pr.number), 'plan:web', OLD, ['The old plan']);
    const marked = await markPlanCommentsOutdated(
      await load(pr.number),
      'plan:web',
      NEW,
      'is being planned.',
    );
    expect(marked).toEqual(['updated']);
    const body = bodiesOn(pr.number)[0] ?? '';
    expect(body).toContain(`**Outdated.** This plan is for commit \`${OLD.slice(0, 12)}\``);
    expect(body).toContain('The old plan');
    expect(
      await markPlanCommentsOutdated(await load(pr.number), 'plan:web', NEW, 'is being planned.'),
    ).toEqual(['unchanged']);
    // The plan of the same commit is never marked outdated.
    expect(await markPlanCommentsOutdated(await load(pr.number), 'plan:web', OLD, 'x')).toEqual([]);
    // A successful plan replaces it, banner and all.
    await publishPlanComment(await load(pr.number), 'plan:web', NEW, ['The new plan']);
    expect(bodiesOn(pr.number)[0]).not.toContain('Outdated');
  });
});

describe('the comment author', () => {
  it('is the token’s user, github-actions[bot] for an installation token, or what the input says', async () => {
    const logger = new RecordingLogger();
    expect(await commentAuthor(client('pat-token'), undefined, logger)).toBe('platform-bot');
    expect(await commentAuthor(client('bot-token'), undefined, logger)).toBe('github-actions[bot]');
    expect(await commentAuthor(client('bot-token'), 'infra-app[bot]', logger)).toBe('infra-app[bot]');
  });

  it('decides whose markers are trusted', async () => {
    const pr = pull();
    await publishPlanComment(await load(pr.number, 'platform-bot', 'pat-token'), 'plan:web', NEW, [
      'by the PAT',
    ]);
    const asWorkflowToken = await load(pr.number);
    expect(asWorkflowToken.get('plan:web:1')).toBeUndefined();
    expect((await load(pr.number, 'platform-bot', 'pat-token')).get('plan:web:1')?.body).toContain(
      'by the PAT',
    );
  });
});
