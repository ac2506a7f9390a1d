/**
 * Who may do what in a repository: collaborators' roles, team memberships, and the author association that
 * issues and comments show.
 *
 * Deliberate simplification (so tests do not rely on behaviour we do not model): a known user without a role gets
 * permission and role_name `none` (GitHub answers `read` on public repos).
 */
import { notFound, ok, type Handler } from './context.js';
import type { StandIn } from './server.js';
import { lower, type RepoRole } from './state.js';
import { userView } from './users.js';

/** GitHub maps maintain → write and triage → read in the legacy `permission` field. */
const LEGACY_PERMISSION: Record<RepoRole, 'admin' | 'write' | 'read'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
};
const ROLE_RANK: RepoRole[] = ['read', 'triage', 'write', 'maintain', 'admin'];

export function authorAssociation(s: StandIn, repoKey: string, login: string): string {
  const repo = s.state.repos.get(repoKey);
  if (repo && lower(repo.owner) === lower(login)) return 'OWNER';
  return s.state.permissions.get(repoKey)?.has(lower(login)) ? 'COLLABORATOR' : 'NONE';
}

export const permissionHandlers: Record<string, Handler> = {
  'repos/get-collaborator-permission-level': (ctx) => {
    const login = String(ctx.params.username);
    if (!ctx.s.state.users.has(lower(login))) throw notFound();
    const role = ctx.s.roleOf(ctx.repoKey, login);
    // Without any role GitHub reports the base permission 'none'.
    const permission = role ? LEGACY_PERMISSION[role] : 'none';
    const roleName = role ?? 'none';
    const rank = role ? ROLE_RANK.indexOf(role) : -1;
    const permissions = {
      pull: rank >= 0,
      triage: rank >= 1,
      push: rank >= 2,
      maintain: rank >= 3,
      admin: rank >= 4,
    };
    const user = { ...userView(ctx.s, login), permissions, role_name: roleName };
    return ok({ permission, role_name: roleName, user });
  },
  'teams/get-membership-for-user-in-org': (ctx) => {
    const key = `${lower(String(ctx.params.org))}/${lower(String(ctx.params.team_slug))}`;
    const team = ctx.s.state.teams.get(key);
    const login = String(ctx.params.username);
    const role = team?.members.get(lower(login));
    if (!team || !role) throw notFound();
    return ok({
      url: `${ctx.s.url}/teams/${team.id}/memberships/${encodeURIComponent(login)}`,
      role,
      state: 'active',
    });
  },
};
