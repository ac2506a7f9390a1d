import { notFound } from './context.js';
import type { GitHubApiOptions } from './server.js';
import {
  envKey,
  issueKey,
  lower,
  sha1,
  type ApiState,
  type EnvironmentInput,
  type GitHubUser,
  type IssueInput,
  type PendingDeployment,
  type PendingInput,
  type PullInput,
  type RepoInfo,
  type RepoRole,
  type RunApproval,
  type StoredComment,
  type StoredDeployment,
  type StoredDeploymentStatus,
  type StoredEnvironment,
  type StoredIssue,
  type Team,
  type TeamRole,
  type UserType,
  type CommitInput,
  type DeploymentSeed,
  type DeploymentState,
  type StoredCommit,
  type StoredWorkflowRun,
  type WorkflowRunInput,
} from './state.js';

/**
 * The state and what is done to it apart from HTTP: ids, the clock, lookups, the helpers tests arrange state
 * with, and the bookkeeping handlers share. The server (StandIn in server.ts) extends it.
 */
export class Store {
  readonly owner: string;
  readonly repo: string;
  readonly state: ApiState = {
    users: new Map(),
    tokens: new Map(),
    repos: new Map(),
    permissions: new Map(),
    teams: new Map(),
    issues: new Map(),
    comments: new Map(),
    reactions: new Map(),
    deployments: new Map(),
    deploymentStatuses: new Map(),
    environments: new Map(),
    runApprovals: new Map(),
    pendingDeployments: new Map(),
    dispatches: [],
    refs: new Map(),
    commits: new Map(),
    workflowRuns: new Map(),
  };
  readonly startedAt: string;
  private readonly labelIds = new Map<string, number>();
  private readonly issueNumbers = new Map<string, number>();
  protected readonly clock: () => Date;
  private lastId = 1_000_000;

  constructor(options: Pick<GitHubApiOptions, 'owner' | 'repo' | 'now'>) {
    this.owner = options.owner ?? 'octo-org';
    this.repo = options.repo ?? 'infra';
    this.clock = options.now ?? (() => new Date());
    this.startedAt = this.now();
    this.addRepo(`${this.owner}/${this.repo}`);
  }

  get defaultRepoKey(): string {
    return lower(`${this.owner}/${this.repo}`);
  }

  // ----- ids, clock, lookups -----

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** GitHub timestamps have whole seconds. */
  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  labelId(name: string): number {
    const key = lower(name);
    if (!this.labelIds.has(key)) this.labelIds.set(key, this.nextId());
    return this.labelIds.get(key) as number;
  }

  repoKey(repo?: string): string {
    return repo ? lower(repo) : this.defaultRepoKey;
  }

  repoInfo(repoKey: string): RepoInfo {
    const repo = this.state.repos.get(repoKey);
    if (!repo) throw notFound();
    return repo;
  }

  /** Users referenced by the state but never added (e.g. a repository owner) are made up on first use. */
  userOf(login: string): GitHubUser {
    return (
      this.state.users.get(lower(login)) ??
      this.addUser(login, this.isOwner(login) ? 'Organization' : undefined)
    );
  }

  private isOwner(login: string): boolean {
    return [...this.state.repos.values()].some((repo) => lower(repo.owner) === lower(login));
  }

  team(org: string, slug: string): Team {
    const key = `${lower(org)}/${lower(slug)}`;
    let team = this.state.teams.get(key);
    if (!team) {
      team = { id: this.nextId(), org, slug, members: new Map() };
      this.state.teams.set(key, team);
    }
    return team;
  }

  roleOf(repoKey: string, login: string): RepoRole | undefined {
    const repo = this.state.repos.get(repoKey);
    if (repo && lower(repo.owner) === lower(login)) return 'admin';
    return this.state.permissions.get(repoKey)?.get(lower(login));
  }

  canReview(env: StoredEnvironment, login: string): boolean {
    return env.reviewers.some((reviewer) =>
      reviewer.type === 'User'
        ? lower(reviewer.login) === lower(login)
        : this.team(reviewer.org, reviewer.slug).members.has(lower(login)),
    );
  }

  // ----- test-facing helpers -----

  addUser(login: string, type?: UserType): GitHubUser {
    const existing = this.state.users.get(lower(login));
    if (existing) return existing;
    const user: GitHubUser = {
      login,
      id: this.nextId(),
      type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
    };
    this.state.users.set(lower(login), user);
    return user;
  }

  addToken(token: string, login: string): GitHubUser {
    this.state.tokens.set(token, login);
    return this.addUser(login);
  }

  addRepo(fullName: string, options: { private?: boolean; defaultBranch?: string } = {}): RepoInfo {
    const [owner = '', name = ''] = fullName.split('/');
    const repo: RepoInfo = {
      id: this.nextId(),
      owner,
      name,
      fullName: `${owner}/${name}`,
      private: options.private ?? true,
      defaultBranch: options.defaultBranch ?? 'main',
    };
    this.state.repos.set(lower(repo.fullName), repo);
    return repo;
  }

  setPermission(login: string, role: RepoRole | undefined, repo?: string): void {
    this.addUser(login);
    const key = this.repoKey(repo);
    const roles = this.state.permissions.get(key) ?? new Map<string, RepoRole>();
    this.state.permissions.set(key, roles);
    if (role) roles.set(lower(login), role);
    else roles.delete(lower(login));
  }

  addTeamMember(org: string, slug: string, login: string, role: TeamRole = 'member'): void {
    this.addUser(login);
    this.team(org, slug).members.set(lower(login), role);
  }

  private nextNumber(repoKey: string): number {
    const next = (this.issueNumbers.get(repoKey) ?? 0) + 1;
    this.issueNumbers.set(repoKey, next);
    return next;
  }

  addIssue(input: IssueInput): StoredIssue {
    const repo = this.repoKey(input.repo);
    this.addUser(input.author);
    const now = input.createdAt ?? this.now();
    const closed = input.state === 'closed' || input.closedAt !== undefined;
    const closedAt = input.closedAt ?? (closed ? now : null);
    const issue: StoredIssue = {
      id: this.nextId(),
      repo,
      number: this.nextNumber(repo),
      title: input.title,
      body: input.body ?? null,
      state: closed ? 'closed' : 'open',
      stateReason: closed ? 'completed' : null,
      labels: [...(input.labels ?? [])],
      assignees: [],
      author: input.author,
      locked: false,
      createdAt: now,
      updatedAt: closedAt ?? now,
      closedAt,
    };
    this.state.issues.set(issueKey(repo, issue.number), issue);
    return issue;
  }

  addPull(input: PullInput): StoredIssue {
    const issue = this.addIssue({ title: input.title ?? `Pull request from ${input.headRef}`, ...input });
    const baseRef = input.baseRef ?? this.repoInfo(issue.repo).defaultBranch;
    issue.pull = {
      headSha: input.headSha,
      headRef: input.headRef,
      baseRef,
      baseSha: input.baseSha ?? sha1(`base:${baseRef}`),
      draft: input.draft ?? false,
      merged: false,
      commits: input.commits ?? [{ sha: input.headSha, message: issue.title, author: input.author }],
    };
    return issue;
  }

  addComment(input: { issueNumber: number; body: string; author: string; repo?: string }): StoredComment {
    this.addUser(input.author);
    const now = this.now();
    const comment: StoredComment = {
      id: this.nextId(),
      repo: this.repoKey(input.repo),
      issueNumber: input.issueNumber,
      body: input.body,
      author: input.author,
      createdAt: now,
      updatedAt: now,
    };
    this.state.comments.set(comment.id, comment);
    return comment;
  }

  editComment(commentId: number, body: string, editor: string): StoredComment {
    const comment = this.state.comments.get(commentId);
    if (!comment) throw new Error(`the stand-in has no comment ${commentId} to edit`);
    this.addUser(editor);
    comment.body = body;
    comment.lastEditor = editor;
    // GitHub's timestamps have whole seconds: an edit in the second the comment was written would not show.
    // A test's edit always shows, a second later at least.
    const created = Date.parse(comment.createdAt);
    const at = Math.max(Date.parse(this.now()), created + 1000);
    comment.updatedAt = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return comment;
  }

  addAppToken(token: string, slug: string): GitHubUser {
    this.addUser(`${slug}[bot]`, 'Bot');
    return this.addToken(token, `${slug}[bot]`);
  }

  addDeployment(
    input: Omit<StoredDeployment, 'id' | 'createdAt' | 'updatedAt' | 'originalEnvironment'>,
  ): StoredDeployment {
    const now = this.now();
    const deployment: StoredDeployment = {
      ...input,
      id: this.nextId(),
      originalEnvironment: input.environment,
      createdAt: now,
      updatedAt: now,
    };
    this.state.deployments.set(deployment.id, deployment);
    return deployment;
  }

  /**
   * A deployment made in the past, with its statuses at their times, for a seeded history: what the
   * create-deployment and create-deployment-status handlers would have stored then. GitHub's
   * auto_inactive is not applied (the statuses given are the history).
   */
  seedDeployment(seed: DeploymentSeed): StoredDeployment {
    const creator = seed.creator ?? 'github-actions[bot]';
    this.addUser(creator);
    const deployment: StoredDeployment = {
      id: this.nextId(),
      repo: this.repoKey(seed.repo),
      sha: seed.sha,
      ref: seed.ref ?? seed.sha,
      task: 'deploy',
      environment: seed.environment,
      originalEnvironment: seed.environment,
      description: '',
      payload: seed.payload ?? {},
      creator,
      transient: false,
      production: seed.environment === 'production',
      createdAt: seed.createdAt,
      updatedAt: seed.statuses?.at(-1)?.at ?? seed.createdAt,
    };
    this.state.deployments.set(deployment.id, deployment);
    for (const status of seed.statuses ?? []) {
      const id = this.nextId();
      this.state.deploymentStatuses.set(id, {
        id,
        deploymentId: deployment.id,
        state: status.state,
        description: status.description ?? '',
        environment: seed.environment,
        targetUrl: status.logUrl ?? '',
        logUrl: status.logUrl ?? '',
        environmentUrl: '',
        creator,
        createdAt: status.at,
      });
    }
    return deployment;
  }

  /** A status set on a seeded deployment at a time of the test's choosing (a later release's auto_inactive). */
  seedDeploymentStatus(deploymentId: number, status: { state: DeploymentState; at: string }): void {
    const deployment = this.state.deployments.get(deploymentId);
    if (!deployment) throw new Error(`the stand-in has no deployment ${deploymentId}`);
    const id = this.nextId();
    this.state.deploymentStatuses.set(id, {
      id,
      deploymentId,
      state: status.state,
      description: '',
      environment: deployment.environment,
      targetUrl: '',
      logUrl: '',
      environmentUrl: '',
      creator: deployment.creator,
      createdAt: status.at,
    });
  }

  addCommit(input: CommitInput): StoredCommit {
    const repo = this.repoKey(input.repo);
    const commit: StoredCommit = {
      repo,
      sha: lower(input.sha ?? sha1(`commit:${repo}:${input.date}:${input.message ?? ''}`)),
      message: input.message ?? 'A change',
      author: input.author ?? 'octocat',
      date: input.date,
    };
    this.addUser(commit.author);
    this.state.commits.set(`${repo}@${commit.sha}`, commit);
    return commit;
  }

  addWorkflowRun(input: WorkflowRunInput): StoredWorkflowRun {
    const repo = this.repoKey(input.repo);
    const path = input.path ?? '.github/workflows/deploy.yml';
    const runNumber =
      [...this.state.workflowRuns.values()].filter((r) => r.repo === repo && r.path === path).length + 1;
    const runStartedAt = input.runStartedAt ?? input.createdAt;
    const run: StoredWorkflowRun = {
      id: input.id ?? this.nextId(),
      repo,
      path,
      name: input.name ?? path.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
      headBranch: input.headBranch ?? this.repoInfo(repo).defaultBranch,
      headSha: input.headSha ?? sha1(`run:${runNumber}`),
      event: input.event ?? 'push',
      status: input.status ?? 'completed',
      conclusion: input.conclusion === undefined ? 'success' : input.conclusion,
      actor: input.actor ?? 'octocat',
      runNumber,
      runAttempt: 1,
      createdAt: input.createdAt,
      runStartedAt,
      updatedAt: input.updatedAt ?? runStartedAt,
    };
    this.addUser(run.actor);
    this.state.workflowRuns.set(run.id, run);
    return run;
  }

  /** GitHub's auto_inactive: a successful deployment retires the earlier ones of the same environment. */
  deactivateOthers(current: StoredDeployment, creator: string): void {
    for (const other of this.state.deployments.values()) {
      const sameEnv = other.repo === current.repo && lower(other.environment) === lower(current.environment);
      if (!sameEnv || other.id === current.id || other.transient) continue;
      const latest = this.latestStatus(other.id);
      if (latest?.state !== 'success') continue;
      const status: StoredDeploymentStatus = {
        ...latest,
        id: this.nextId(),
        state: 'inactive',
        creator,
        createdAt: this.now(),
      };
      this.state.deploymentStatuses.set(status.id, status);
    }
  }

  private latestStatus(deploymentId: number): StoredDeploymentStatus | undefined {
    return [...this.state.deploymentStatuses.values()]
      .filter((status) => status.deploymentId === deploymentId)
      .reduce<StoredDeploymentStatus | undefined>(
        (last, status) => (!last || status.id > last.id ? status : last),
        undefined,
      );
  }

  addEnvironment(input: EnvironmentInput): StoredEnvironment {
    const repo = this.repoKey(input.repo);
    for (const reviewer of input.reviewers ?? []) {
      if (reviewer.type === 'User') this.addUser(reviewer.login);
      else this.team(reviewer.org, reviewer.slug);
    }
    const now = this.now();
    const env: StoredEnvironment = {
      id: this.nextId(),
      repo,
      name: input.name,
      reviewers: input.reviewers ?? [],
      preventSelfReview: input.preventSelfReview ?? false,
      waitTimer: input.waitTimer ?? 0,
      createdAt: now,
      updatedAt: now,
    };
    this.state.environments.set(envKey(repo, input.name), env);
    return env;
  }

  addPendingDeployment(runId: number, input: PendingInput): PendingDeployment {
    const repo = this.repoKey(input.repo);
    if (!this.state.environments.has(envKey(repo, input.environment))) {
      this.addEnvironment({ name: input.environment, repo: input.repo });
    }
    const pending: PendingDeployment = {
      repo,
      environment: input.environment,
      waitTimer: input.waitTimer ?? 0,
      waitTimerStartedAt: input.waitTimer ? this.now() : null,
      sha: input.sha,
      ref: input.ref,
    };
    const list = this.state.pendingDeployments.get(runId) ?? [];
    list.push(pending);
    this.state.pendingDeployments.set(runId, list);
    return pending;
  }

  /** One review settles the reviewed environments of the run: they stop waiting and the review is listed. */
  recordReview(
    runId: number,
    reviewed: PendingDeployment[],
    review: Omit<RunApproval, 'environments'>,
  ): void {
    const remaining = (this.state.pendingDeployments.get(runId) ?? []).filter((p) => !reviewed.includes(p));
    this.state.pendingDeployments.set(runId, remaining);
    const approvals = this.state.runApprovals.get(runId) ?? [];
    approvals.push({ ...review, environments: reviewed.map((p) => p.environment) });
    this.state.runApprovals.set(runId, approvals);
  }

  commentsOn(issueNumber: number, repo?: string): StoredComment[] {
    const key = this.repoKey(repo);
    return [...this.state.comments.values()]
      .filter((c) => c.repo === key && c.issueNumber === issueNumber)
      .sort((a, b) => a.id - b.id);
  }

  issue(issueNumber: number, repo?: string): StoredIssue | undefined {
    return this.state.issues.get(issueKey(this.repoKey(repo), issueNumber));
  }
}
