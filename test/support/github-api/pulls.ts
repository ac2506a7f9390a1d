/** Pull requests: stored as issues with `pull` set, answered in the shape of the pulls API. */
import { nodeId, notFound, ok, pageReply, type Handler } from './context.js';
import { issueView, requireIssue } from './issues.js';
import type { Json } from './json.js';
import { repoView } from './repos.js';
import type { StandIn } from './server.js';
import type { PullCommit, PullInfo, StoredIssue } from './state.js';
import { userView } from './users.js';

function pullView(s: StandIn, issue: StoredIssue, pull: PullInfo): Json {
  const repo = s.repoInfo(issue.repo);
  const apiPull = `${s.url}/repos/${repo.fullName}/pulls/${issue.number}`;
  const html = `${s.serverUrl}/${repo.fullName}/pull/${issue.number}`;
  const branch = (ref: string, sha: string): Json => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userView(s, repo.owner),
    repo: repoView(s, repo),
  });
  const href = (value: string): Json => ({ href: value });
  return {
    ...issueView(s, issue),
    url: apiPull,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${s.url}/repos/${repo.fullName}/issues/${issue.number}`,
    commits_url: `${apiPull}/commits`,
    statuses_url: `${s.url}/repos/${repo.fullName}/statuses/${pull.headSha}`,
    head: branch(pull.headRef, pull.headSha),
    base: branch(pull.baseRef, pull.baseSha),
    draft: pull.draft,
    merged: pull.merged,
    merged_at: null,
    merge_commit_sha: null,
    mergeable: true,
    mergeable_state: 'clean',
    commits: pull.commits.length,
    _links: { self: href(apiPull), html: href(html), commits: href(`${apiPull}/commits`) },
  };
}

function commitView(s: StandIn, repoKey: string, commit: PullCommit): Json {
  const repo = s.repoInfo(repoKey);
  const person = { name: commit.author ?? 'stand-in', email: 'noreply@github.com', date: s.startedAt };
  return {
    sha: commit.sha,
    node_id: nodeId('C', parseInt(commit.sha.slice(0, 8), 16) || 0),
    url: `${s.url}/repos/${repo.fullName}/commits/${commit.sha}`,
    html_url: `${s.serverUrl}/${repo.fullName}/commit/${commit.sha}`,
    commit: { message: commit.message, author: person, committer: person, comment_count: 0 },
    author: commit.author ? userView(s, commit.author) : null,
    committer: null,
    parents: [],
  };
}

export const pullHandlers: Record<string, Handler> = {
  'pulls/get': (ctx) => {
    const issue = requireIssue(ctx, 'pull_number');
    if (!issue.pull) throw notFound();
    return ok(pullView(ctx.s, issue, issue.pull));
  },
  'pulls/list-commits': (ctx) => {
    const issue = requireIssue(ctx, 'pull_number');
    if (!issue.pull) throw notFound();
    return pageReply(ctx, issue.pull.commits, (commit) => commitView(ctx.s, issue.repo, commit));
  },
};
