import { namesDigest, type ApprovalCommand } from './commands.js';
import type { DestroyRule } from './destroy-rule.js';
import type { PolicyRule } from './policy-rule.js';

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
  /** Named in `policy-owners`, or a member of a team named there (asked only of who wrote an `/approve-policy`). */
  policyOwner?: boolean;
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
  /**
   * Present when the plan's policies failed in enforce mode: an approval also needs a policy owner's
   * `/approve-policy` of this digest.
   */
  policyRule?: PolicyRule | undefined;
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
  /** Policy owners' acceptances of the failures that count, one per person (their latest). */
  acceptances: Vote[];
  /** True while the plan's policy failures wait for an acceptance. */
  policyPending: boolean;
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
  const accepting = new Map<string, CommandComment>();
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
    // An acceptance is its own decision: it neither replaces nor is replaced by the person's /approve.
    if (comment.command.kind === 'approve-policy') {
      const refused = acceptanceIneligibility(comment, standing, rules);
      if (refused) ignored.push({ login: comment.author, commentUrl: comment.url, why: refused });
      else accepting.set(login, comment);
      continue;
    }
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
  const acceptances = [...accepting.values()].map((comment) => ({
    login: comment.author,
    role: standings.get(comment.author.toLowerCase())?.role ?? ('none' as const),
    at: comment.createdAt,
    commentUrl: comment.url,
    commentId: comment.id,
  }));
  const policyPending = rules.policyRule !== undefined && acceptances.length === 0;
  const enough = approvals.length >= rules.minApprovals;
  const status: ApprovalStatus =
    rejects.length > 0 ? 'rejected' : enough && !policyPending ? 'approved' : 'pending';
  return {
    status,
    approvals,
    rejects,
    ignored,
    edited,
    missing: status === 'approved' ? 0 : Math.max(0, rules.minApprovals - approvals.length),
    acceptances,
    policyPending,
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

/**
 * Why an `/approve-policy` does not count. Only the digest, a place in policy-owners and not being the
 * change's own author matter: the repository role does not (the list is the standing), and
 * allow-self-approval does not reach it — a failed policy accepted by the person who wrote the change is
 * the hole policy owners exist to close.
 */
function acceptanceIneligibility(
  comment: CommandComment,
  standing: Standing,
  rules: DecisionRules,
): string | undefined {
  const { command } = comment;
  if (command.kind !== 'approve-policy') return undefined;
  if (!namesDigest(command.digestPrefix, rules.planDigest)) {
    return `accepts the policy failures of ${command.digestPrefix.slice(0, 12)}, which is not the current plan`;
  }
  if (!rules.policyRule) {
    return 'accepts policy failures, and none are known for this plan: its policies passed, ran with policy-mode: warn or were not checked, or its bundle was not read';
  }
  if (!standing.policyOwner) {
    return `is not in policy-owners${rules.policyRule.owners.length === 0 ? ' (which is empty)' : ''}, so cannot accept policy failures`;
  }
  if (rules.selfLogins.has(comment.author.toLowerCase())) {
    return 'is the author of the pull request or pushed the planned commit, and nobody accepts the policy failures of their own change (allow-self-approval does not extend to this)';
  }
  return undefined;
}
