/** Repositories: how they look in answers, and getting one. */
import { nodeId, ok, type Handler } from './context.js';
import type { Json } from './json.js';
import type { StandIn } from './server.js';
import type { RepoInfo } from './state.js';
import { userView } from './users.js';

export function repoView(s: StandIn, repo: RepoInfo): Json {
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userView(s, repo.owner),
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    default_branch: repo.defaultBranch,
    html_url: `${s.serverUrl}/${repo.fullName}`,
    url: `${s.url}/repos/${repo.fullName}`,
    clone_url: `${s.serverUrl}/${repo.fullName}.git`,
    created_at: s.startedAt,
    updated_at: s.startedAt,
    pushed_at: s.startedAt,
  };
}

export const repoHandlers: Record<string, Handler> = {
  'repos/get': (ctx) => ok(repoView(ctx.s, ctx.s.repoInfo(ctx.repoKey))),
};
