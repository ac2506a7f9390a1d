import type { PlanManifest } from '../contracts/manifest.js';
import { codeSpan } from '../markdown/escape.js';
import { atLeastRole, type Role } from './decide.js';

/**
 * The destroy rule of approval-gate (the lifecycle seed: "User must have admin permissions"): a plan
 * that deletes the whole stack is approved only by someone with at least `destroy-min-permission` on the
 * repository, in every mode, and never by policy.
 */

export type DestroyPermission = 'admin' | 'maintain' | 'write';

export interface DestroyRule {
  /** The repository permission every counted approver must have. */
  permission: DestroyPermission;
  /**
   * False when the plan bundle was not read: nothing shows that the plan is not a destroy, so it is held
   * to the rule all the same (its digest may well be one).
   */
  known: boolean;
}

/** The rule when the plan under review is (or may be) a destroy plan; none for any other plan. */
export function destroyRuleFor(
  manifest: Pick<PlanManifest, 'destroy'> | undefined,
  permission: DestroyPermission,
): DestroyRule | undefined {
  if (manifest && manifest.destroy !== true) return undefined;
  return { permission, known: manifest !== undefined };
}

/** The higher of two roles: what a comment approval of a destroy plan needs. */
export function higherRole(a: Role, b: Role): Role {
  return atLeastRole(a, b) ? a : b;
}

/** One environment reviewer who approved, with the repository role the collaborator API gives them. */
export interface ReviewerStanding {
  login: string;
  role: Role;
}

/** Environment reviewers of a destroy plan: only those with the rule's permission count. */
export function countedReviewers<T extends ReviewerStanding>(
  reviewers: readonly T[],
  rule: DestroyRule,
): { counted: T[]; uncounted: T[] } {
  const counted = reviewers.filter((r) => atLeastRole(r.role, rule.permission));
  const uncounted = reviewers.filter((r) => !atLeastRole(r.role, rule.permission));
  return { counted, uncounted };
}

const roleText = (role: Role) => (role === 'none' ? 'no permission' : role);

/** The one sentence an environment gate fails with when no reviewer who approved had the permission. */
export function noCountedReviewerMessage(
  environment: string,
  stack: string,
  reviewers: readonly ReviewerStanding[],
  rule: DestroyRule,
): string {
  const who = reviewers.map((r) => `${r.login} has ${roleText(r.role)}`).join(', ');
  return (
    `The plan of ${stack} is ${rule.known ? 'a destroy plan' : 'a plan whose bundle was not read, so it may be a destroy'}, which needs ${rule.permission} permission on the repository, ` +
    `and no reviewer who approved ${environment} has it (${who}): have someone with ${rule.permission} permission approve the environment, or change destroy-min-permission.`
  );
}

/** What the decision report says about the rule: the permission it asked of an approver. */
export interface DestroyRuleReport {
  rule: DestroyRule;
  /** Comment modes' min-permission, which also holds for approvers `approvers` does not name. */
  minPermission?: Role | undefined;
}

/** The lines the status comment and the job summary show for a plan held to the rule. */
export function destroyRuleLines({ rule, minPermission }: DestroyRuleReport, stack: string): string[] {
  const higher = minPermission ? higherRole(minPermission, rule.permission) : rule.permission;
  const needs =
    higher === rule.permission
      ? `an approval counts only from someone with **${rule.permission}** permission on the repository (destroy-min-permission)`
      : `an approval counts only from someone with **${higher}** permission on the repository (min-permission), or with **${rule.permission}** (destroy-min-permission) and a place in approvers`;
  return [
    '> [!IMPORTANT]',
    rule.known
      ? `> **Destroy plan:** it deletes the whole stack ${codeSpan(stack)}; ${needs}.`
      : `> **Possibly a destroy plan:** the plan bundle was not read, so nothing shows that it is not a destroy; ${needs}.`,
    '',
  ];
}
