/**
 * Commits (`GET /repos/{owner}/{repo}/commits/{ref}`), from the commits a test added (there is no git here).
 *
 * Deliberate simplifications (so tests do not rely on behaviour we do not model): a ref is a full SHA; the commit
 * has no parents, files or stats; author and committer are one person with one date.
 */
import { HttpError, nodeId, ok, type Handler } from './context.js';
import type { Json } from './json.js';
import type { StandIn } from './server.js';
import { lower, type StoredCommit } from './state.js';
import { userView } from './users.js';

function commitView(s: StandIn, commit: StoredCommit): Json {
  const repo = s.repoInfo(commit.repo);
  const api = `${s.url}/repos/${repo.fullName}`;
  const person = {
    name: commit.author,
    email: `${commit.author}@users.noreply.github.com`,
    date: commit.date,
  };
  return {
    sha: commit.sha,
    node_id: nodeId('C', Number.parseInt(commit.sha.slice(0, 8), 16)),
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.sha, url: `${api}/git/trees/${commit.sha}` },
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${s.serverUrl}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: userView(s, commit.author),
    committer: userView(s, commit.author),
    parents: [],
    files: [],
  };
}

export const commitHandlers: Record<string, Handler> = {
  'repos/get-commit': (ctx) => {
    const ref = lower(String(ctx.params.ref));
    const commit = ctx.s.state.commits.get(`${ctx.repoKey}@${ref}`);
    // What GitHub answers for a SHA the repository does not have.
    if (!commit) throw new HttpError(422, `No commit found for SHA: ${String(ctx.params.ref)}`);
    return ok(commitView(ctx.s, commit));
  },
};
