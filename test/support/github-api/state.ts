/**
 * The stand-in's in-memory state: the records tests arrange and handlers read and change, the inputs of the
 * test-facing helpers that add them, and the keys they are stored under.
 */
import { createHash } from 'node:crypto';

export type UserType = 'User' | 'Bot' | 'Organization';
export interface GitHubUser {
  login: string;
  id: number;
  type: UserType;
}

/** Repository roles as GitHub names them in `role_name`; `permission` is derived from them. */
export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
export type TeamRole = 'member' | 'maintainer';
export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';
export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface RepoInfo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
}

export interface StoredComment {
  id: number;
  /** Repository key, `owner/repo` in lower case. */
  repo: string;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  /** Who edited it last, when a test edited it (editComment); GitHub shows it in the edit history. */
  lastEditor?: string;
}

export interface PullCommit {
  sha: string;
  message: string;
  author?: string;
}

export interface PullInfo {
  headSha: string;
  headRef: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  commits: PullCommit[];
}

/** An issue; a pull request is an issue with `pull` set, as on GitHub (they share numbers and comments). */
export interface StoredIssue {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  author: string;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull?: PullInfo;
}

export interface StoredReaction {
  id: number;
  commentId: number;
  content: ReactionContent;
  user: string;
  createdAt: string;
}

export interface StoredDeployment {
  id: number;
  repo: string;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  payload: unknown;
  creator: string;
  transient: boolean;
  production: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StoredDeploymentStatus {
  id: number;
  deploymentId: number;
  state: DeploymentState;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  creator: string;
  createdAt: string;
}

export type EnvironmentReviewer =
  { type: 'User'; login: string } | { type: 'Team'; org: string; slug: string };

export interface StoredEnvironment {
  id: number;
  repo: string;
  name: string;
  reviewers: EnvironmentReviewer[];
  preventSelfReview: boolean;
  waitTimer: number;
  createdAt: string;
  updatedAt: string;
}

/** One review of a run's deployments, as `GET .../runs/{run_id}/approvals` lists it. */
export interface RunApproval {
  repo: string;
  environments: string[];
  state: 'approved' | 'rejected';
  user: string;
  comment: string;
}

/** A job of a run waiting on an environment's protection rules. */
export interface PendingDeployment {
  repo: string;
  environment: string;
  waitTimer: number;
  waitTimerStartedAt: string | null;
  /** Commit and ref of the run: the deployment created on approval carries them. */
  sha: string;
  ref: string;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  members: Map<string, TeamRole>;
}

/** In-memory state; keys are lower case because GitHub logins, repositories and environments are case-insensitive. */
export interface ApiState {
  users: Map<string, GitHubUser>;
  /** token → login */
  tokens: Map<string, string>;
  /** `owner/repo` → repository; requests for other repositories answer 404. */
  repos: Map<string, RepoInfo>;
  /** `owner/repo` → login → role */
  permissions: Map<string, Map<string, RepoRole>>;
  /** `org/slug` → team */
  teams: Map<string, Team>;
  /** `owner/repo#number` → issue or pull request */
  issues: Map<string, StoredIssue>;
  comments: Map<number, StoredComment>;
  reactions: Map<number, StoredReaction>;
  deployments: Map<number, StoredDeployment>;
  deploymentStatuses: Map<number, StoredDeploymentStatus>;
  /** `owner/repo:name` → environment */
  environments: Map<string, StoredEnvironment>;
  /** run id → reviews */
  runApprovals: Map<number, RunApproval[]>;
  /** run id → deployments waiting for review */
  pendingDeployments: Map<number, PendingDeployment[]>;
  /** ref → commit SHA, used when a deployment names a branch or tag (there is no git here). */
  refs: Map<string, string>;
  /** sha → commit, for `GET .../commits/{ref}` (there is no git here: tests add the commits they need). */
  commits: Map<string, StoredCommit>;
  /** The repositories' workflow runs, for `GET .../actions/runs`. */
  workflowRuns: Map<number, StoredWorkflowRun>;
  /** Workflow runs asked for with `POST .../actions/workflows/{workflow_id}/dispatches`, in order. */
  dispatches: WorkflowDispatch[];
}

export interface StoredCommit {
  repo: string;
  sha: string;
  message: string;
  author: string;
  /** The author's and committer's date (one date: tests need no rebases). */
  date: string;
}

export type WorkflowRunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type WorkflowRunConclusion =
  'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | 'neutral' | 'action_required' | 'stale';

export interface StoredWorkflowRun {
  id: number;
  repo: string;
  /** The workflow file, `.github/workflows/deploy.yml`; its id is derived from it. */
  path: string;
  name: string;
  headBranch: string;
  headSha: string;
  event: string;
  status: WorkflowRunStatus;
  conclusion: WorkflowRunConclusion | null;
  actor: string;
  runNumber: number;
  runAttempt: number;
  createdAt: string;
  runStartedAt: string;
  updatedAt: string;
}

export interface CommitInput {
  sha?: string;
  message?: string;
  author?: string;
  date: string;
  repo?: string;
}

export interface WorkflowRunInput {
  id?: number;
  path?: string;
  name?: string;
  headBranch?: string;
  headSha?: string;
  event?: string;
  status?: WorkflowRunStatus;
  conclusion?: WorkflowRunConclusion | null;
  actor?: string;
  createdAt: string;
  /** Default: createdAt. */
  runStartedAt?: string;
  /** When it finished (for a completed run); default: runStartedAt. */
  updatedAt?: string;
  repo?: string;
}

export interface DeploymentSeed {
  environment: string;
  sha: string;
  ref?: string;
  payload?: unknown;
  createdAt: string;
  /** Oldest first, each with its time; `logUrl` as the deploying run set it. */
  statuses?: Array<{ state: DeploymentState; at: string; logUrl?: string; description?: string }>;
  creator?: string;
  repo?: string;
}

/** A workflow_dispatch request: which workflow, on which ref, with which inputs, by whom. */
export interface WorkflowDispatch {
  repo: string;
  workflow: string;
  ref: string;
  inputs: Record<string, unknown>;
  actor: string;
}

export interface IssueInput {
  title: string;
  body?: string;
  labels?: string[];
  author: string;
  state?: 'open' | 'closed';
  repo?: string;
  /** For a history seeded in the past: when it was opened (default now) and closed (implies closed). */
  createdAt?: string;
  closedAt?: string;
}

export interface PullInput {
  author: string;
  headSha: string;
  headRef: string;
  baseRef?: string;
  baseSha?: string;
  title?: string;
  body?: string;
  draft?: boolean;
  commits?: PullCommit[];
  repo?: string;
}

export interface EnvironmentInput {
  name: string;
  reviewers?: EnvironmentReviewer[];
  preventSelfReview?: boolean;
  waitTimer?: number;
  repo?: string;
}

export interface PendingInput {
  environment: string;
  sha: string;
  ref: string;
  waitTimer?: number;
  repo?: string;
}

export const lower = (value: string): string => value.toLowerCase();
export const issueKey = (repoKey: string, issueNumber: number): string => `${repoKey}#${issueNumber}`;
export const envKey = (repoKey: string, name: string): string => `${repoKey}:${lower(name)}`;
export const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
