/**
 * Users: how they look in answers, and the authenticated user.
 *
 * Deliberate simplification (so tests do not rely on behaviour we do not model): a Bot token is refused on
 * GET /user, as GitHub refuses installation tokens there.
 */
import { HttpError, nodeId, ok, type Handler } from './context.js';
import type { Json } from './json.js';
import type { StandIn } from './server.js';

export function userView(s: StandIn, login: string): Json {
  const user = s.userOf(login);
  const html =
    user.type === 'Bot'
      ? `${s.serverUrl}/apps/${user.login.replace(/\[bot\]$/, '')}`
      : `${s.serverUrl}/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    type: user.type,
    site_admin: false,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: `${s.url}/users/${encodeURIComponent(user.login)}`,
    html_url: html,
  };
}

export const userHandlers: Record<string, Handler> = {
  'users/get-authenticated': (ctx) => {
    // Installation tokens (GITHUB_TOKEN, GitHub Apps) are not users: GitHub refuses them here.
    if (ctx.user.type === 'Bot') throw new HttpError(403, 'Resource not accessible by integration');
    const user = userView(ctx.s, ctx.user.login);
    return ok({ ...user, name: null, email: null, created_at: ctx.s.startedAt, updated_at: ctx.s.startedAt });
  },
};
