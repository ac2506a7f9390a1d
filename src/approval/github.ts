import type { GitHubClient } from '../github/octokit.js';
import type { ThreadComment } from '../github/marked-comments.js';
import { commandProblem, parseCommand } from './commands.js';
import { ROLES, type CommandComment, type Role, type Standing } from './decide.js';

export interface Repository {
  owner: string;
  repo: string;
}

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/** The approval commands among a pull request's comments, and the comments that tried and failed to be one. */
export function commandsIn(comments: readonly ThreadComment[]): {
  commands: CommandComment[];
  malformed: Array<{ author: string; url: string; problem: string }>;
} {
  const commands: CommandComment[] = [];
  const malformed: Array<{ author: string; url: string; problem: string }> = [];
  for (const comment of comments) {
    const author = comment.user?.login;
    if (!author || !comment.body) continue;
    const command = parseCommand(comment.body);
    if (command) {
      const editedAt = editedAtOf(comment);
      commands.push({
        id: comment.id,
        url: comment.html_url,
        author,
        createdAt: comment.created_at,
        ...(editedAt ? { editedAt } : {}),
        command,
      });
      continue;
    }
    const problem = commandProblem(comment.body);
    if (problem) malformed.push({ author, url: comment.html_url, problem });
  }
  return { commands, malformed };
}

/**
 * When a comment was edited after it was written: REST's `updated_at` later than its `created_at`. Both
 * have whole seconds, so an edit within the second the comment was written does not show here.
 */
export function editedAtOf(comment: Pick<ThreadComment, 'created_at' | 'updated_at'>): string | undefined {
  const created = Date.parse(comment.created_at);
  const updated = Date.parse(comment.updated_at);
  if (Number.isNaN(created) || Number.isNaN(updated)) return undefined;
  return updated > created ? comment.updated_at : undefined;
}

/**
 * Each person's standing: their repository role, and whether `approvers` names them or a team they are
 * an active member of. Asked once per person, all at once. With `policy`, whether `policy-owners` names
 * them is asked too, of the authors of `/approve-policy` commands only (`policy.of`): nobody else's
 * place in that list decides anything.
 */
export async function standingsOf(
  client: GitHubClient,
  repository: Repository,
  logins: readonly string[],
  approvers: readonly string[],
  policy?: { owners: readonly string[]; of: readonly string[] },
): Promise<Map<string, Standing>> {
  const owners = new Set((policy?.of ?? []).map((login) => login.toLowerCase()));
  const unique = [...new Set(logins.map((login) => login.toLowerCase()))];
  const entries = await Promise.all(
    unique.map(async (login): Promise<[string, Standing]> => {
      const [role, listed, policyOwner] = await Promise.all([
        roleOf(client, repository, login),
        listedIn(client, approvers, login),
        policy && owners.has(login) ? listedIn(client, policy.owners, login) : Promise.resolve(undefined),
      ]);
      return [login, { role, listed, ...(policyOwner !== undefined ? { policyOwner } : {}) }];
    }),
  );
  return new Map(entries);
}

/** Whether a list of users and `org/team` slugs names `login`, or a team it is an active member of. */
export async function listedIn(
  client: GitHubClient,
  list: readonly string[],
  login: string,
): Promise<boolean> {
  const users = new Set(list.filter((a) => !a.includes('/')).map((a) => a.toLowerCase()));
  if (users.has(login.toLowerCase())) return true;
  return memberOfAny(
    client,
    list.filter((a) => a.includes('/')),
    login,
  );
}

async function roleOf(client: GitHubClient, repository: Repository, login: string): Promise<Role> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
      ...repository,
      username: login,
    });
    // role_name knows maintain and triage; the legacy `permission` folds them into write and read.
    const name = (data as { role_name?: string }).role_name ?? data.permission;
    return (ROLES as readonly string[]).includes(name) ? (name as Role) : 'none';
  } catch (error) {
    if (isNotFound(error)) return 'none';
    throw error;
  }
}

async function memberOfAny(client: GitHubClient, teams: readonly string[], login: string): Promise<boolean> {
  for (const team of teams) {
    const [org = '', slug = ''] = team.split('/');
    try {
      const { data } = await client.rest.teams.getMembershipForUserInOrg({
        org,
        team_slug: slug,
        username: login,
      });
      if (data.state === 'active') return true;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return false;
}

/**
 * Who may not approve their own change: the pull request's author, and the authors and committers of
 * its head commit (the commit that was planned).
 */
export async function selfLoginsOf(
  client: GitHubClient,
  repository: Repository,
  pullNumber: number,
): Promise<{ logins: Set<string>; headSha: string }> {
  const [{ data: pull }, commits] = await Promise.all([
    client.rest.pulls.get({ ...repository, pull_number: pullNumber }),
    client.paginate(client.rest.pulls.listCommits, { ...repository, pull_number: pullNumber, per_page: 100 }),
  ]);
  const logins = new Set<string>();
  if (pull.user?.login) logins.add(pull.user.login.toLowerCase());
  const head = commits.find((commit) => commit.sha === pull.head.sha) ?? commits.at(-1);
  for (const login of [head?.author?.login, head?.committer?.login]) {
    // GitHub commits its own merges and web edits; "web-flow" is no person.
    if (login && login !== 'web-flow') logins.add(login.toLowerCase());
  }
  return { logins, headSha: pull.head.sha };
}

/** Acknowledges a counted command on its comment; a reaction that exists already is not an error. */
export async function react(
  client: GitHubClient,
  repository: Repository,
  commentId: number,
  content: '+1' | 'eyes',
): Promise<void> {
  await client.rest.reactions.createForIssueComment({ ...repository, comment_id: commentId, content });
}

export interface EnvironmentReview {
  login: string;
  state: 'approved' | 'rejected';
  comment: string;
}

/** Whether the environment makes a job wait for reviewers, and the reviews this run's jobs got for it. */
export async function environmentReviews(
  client: GitHubClient,
  repository: Repository,
  environment: string,
  runId: number,
): Promise<{ exists: boolean; protectedByReviewers: boolean; reviews: EnvironmentReview[] }> {
  let protectedByReviewers: boolean;
  try {
    const { data } = await client.rest.repos.getEnvironment({ ...repository, environment_name: environment });
    protectedByReviewers = (data.protection_rules ?? []).some((rule) => rule.type === 'required_reviewers');
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return { exists: false, protectedByReviewers: false, reviews: [] };
  }
  const { data } = await client.rest.actions.getReviewsForRun({ ...repository, run_id: runId });
  const reviews = data
    .filter((review) =>
      review.environments.some((env) => env.name?.toLowerCase() === environment.toLowerCase()),
    )
    .map((review) => ({
      login: review.user.login,
      state: review.state === 'approved' ? ('approved' as const) : ('rejected' as const),
      comment: review.comment,
    }));
  return { exists: true, protectedByReviewers, reviews };
}
