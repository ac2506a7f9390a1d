import { namesDigest, type ApprovalCommand } from './commands.js';
import type { DestroyRule } from './destroy-rule.js';

/** Repository roles, lowest first, as `role_name` of the collaborator permission API names them. */
export const ROLES = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const atLeastRole = (role: Role, minimum: Role): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(minimum);

/** What a plan held to the destroy rule (destroy-rule.ts) is called in sentences. */
export const destroySubject = (rule: DestroyRule): string =>
  rule.known ? 'a destroy plan' : 'a plan whose bundle was not read (it may be a destroy)';

/** A comment that is an approval command, with its author's standing. */
export interface CommandComment {
  id: number;
  url: string;
  author: string;
  createdAt: string;
  /**
   * When the comment was last edited, if it was edited after it was written. Anyone with write access
   * can edit another person's comment, so an edited command is never counted.
   */
  editedAt?: string | undefined;
  command: ApprovalCommand;
}

export interface Standing {
  role: Role;
  /** Named in `approvers`, or a member of a team named there. */
  listed: boolean;
}

export interface DecisionRules {
  planDigest: string;
  /** When the plan was made: a reject from before it was about an earlier plan. */
  planCreatedAt?: string | undefined;
  minPermission: Role;
  /**
   * Present for a destroy plan: the permission every counted approver must have, whether or not
   * `approvers` names them (a place in that list stands in for min-permission, not for this).
   */
  destroyRule?: DestroyRule | undefined;
  minApprovals: number;
  allowSelfApproval: boolean;
  /** Lower-case logins of the pull request's author and of who pushed the planned commit. */
  selfLogins: ReadonlySet<string>;
}

export interface Vote {
  login: string;
  role: Role;
  at: string;
  commentUrl: string;
  commentId: number;
  reason?: string;
}

export interface IgnoredCommand {
  login: string;
  commentUrl: string;
  why: string;
}

/** A command not counted because its comment was edited after it was written. */
export interface EditedCommand {
  login: string;
  commentUrl: string;
  kind: ApprovalCommand['kind'];
  editedAt: string;
}

export type ApprovalStatus = 'approved' | 'rejected' | 'pending';

export interface Decision {
  status: ApprovalStatus;
  approvals: Vote[];
  rejects: Vote[];
  ignored: IgnoredCommand[];
  /** Commands whose comment was edited: not counted, whoever wrote them; their authors must comment anew. */
  edited: EditedCommand[];
  /** Approvals still needed (0 once approved). */
  missing: number;
}

/**
 * Decides from the commands on the pull request. Each eligible person's latest command for this plan
 * counts once: an approval must name this plan's digest, so a push that makes a new plan sets every
 * earlier approval aside; a reject from anyone eligible wins over any number of approvals. A command
 * whose comment was edited after it was written counts for nothing: the words may not be its author's.
 */
export function decide(
  comments: readonly CommandComment[],
  standings: ReadonlyMap<string, Standing>,
  rules: DecisionRules,
): Decision {
  const ignored: IgnoredCommand[] = [];
  const edited: EditedCommand[] = [];
  const latest = new Map<string, { comment: CommandComment; standing: Standing }>();
  const ordered = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  for (const comment of ordered) {
    if (comment.editedAt !== undefined) {
      edited.push({
        login: comment.author,
        commentUrl: comment.url,
        kind: comment.command.kind,
        editedAt: comment.editedAt,
      });
      continue;
    }
    const login = comment.author.toLowerCase();
    const standing = standings.get(login) ?? { role: 'none', listed: false };
    const why = ineligibility(comment, standing, rules);
    if (why) {
      ignored.push({ login: comment.author, commentUrl: comment.url, why });
      continue;
    }
    latest.set(login, { comment, standing });
  }
  const votes = [...latest.values()].map(({ comment, standing }) => ({
    login: comment.author,
    role: standing.role,
    at: comment.createdAt,
    commentUrl: comment.url,
    commentId: comment.id,
    ...(comment.command.kind === 'reject' ? { reason: comment.command.reason } : {}),
  }));
  const approvals = votes.filter((vote) => vote.reason === undefined);
  const rejects = votes.filter((vote) => vote.reason !== undefined);
  const status: ApprovalStatus =
    rejects.length > 0 ? 'rejected' : approvals.length >= rules.minApprovals ? 'approved' : 'pending';
  return {
    status,
    approvals,
    rejects,
    ignored,
    edited,
    missing: status === 'approved' ? 0 : Math.max(0, rules.minApprovals - approvals.length),
  };
}

function ineligibility(
  comment: CommandComment,
  standing: Standing,
  rules: DecisionRules,
): string | undefined {
  const { command } = comment;
  if (command.kind === 'approve' && !namesDigest(command.digestPrefix, rules.planDigest)) {
    return `approves ${command.digestPrefix.slice(0, 12)}, which is not the current plan`;
  }
  if (command.kind === 'reject' && rules.planCreatedAt && comment.createdAt < rules.planCreatedAt) {
    return 'rejected an earlier plan';
  }
  if (rules.destroyRule && !atLeastRole(standing.role, rules.destroyRule.permission)) {
    return `has ${standing.role === 'none' ? 'no' : `the ${standing.role}`} permission on the repository, and ${destroySubject(rules.destroyRule)} needs ${rules.destroyRule.permission} (destroy-min-permission)`;
  }
  if (!standing.listed && !atLeastRole(standing.role, rules.minPermission)) {
    return `has ${standing.role === 'none' ? 'no' : `the ${standing.role}`} permission on the repository, and ${rules.minPermission} or a place in approvers is needed`;
  }
  if (
    command.kind === 'approve' &&
    !rules.allowSelfApproval &&
    rules.selfLogins.has(comment.author.toLowerCase())
  ) {
    return 'is the author of the pull request or pushed the planned commit, and allow-self-approval is off';
  }
  return undefined;
}
