/**
 * A GitHub REST API stand-in for end-to-end tests, served on 127.0.0.1 and used as `GITHUB_API_URL`.
 *
 * It is held to GitHub's published OpenAPI description (npm `@octokit/openapi`): every request is routed by the
 * documented path templates and validated (path and query parameters, JSON bodies) against the operation's own
 * schema. A request GitHub would refuse is answered the way GitHub answers it (404 / 400 / 422 with `message` and
 * `documentation_url`) and is recorded as a violation, so a test that calls `assertNoViolations()` fails when the
 * code under test speaks the API wrongly, even where that code swallowed the error. A documented operation the
 * stand-in does not implement answers 501 and is recorded too.
 *
 * The stand-in also checks itself: each JSON answer is completed from, and validated against, the documented
 * response schema, so tests never pass against a shape GitHub does not send.
 *
 * This module is the public face; the implementation lives in `github-api/`:
 * - `spec.ts` loads the description, routes and validates; `complete.ts` fills answers to the documented shape.
 * - `server.ts` is the HTTP server and request pipeline; `context.ts` what handlers get and give back.
 * - `state.ts` holds the state's types and keys; `store.ts` the state and the helpers that change it.
 * - `handlers.ts` lists the implemented operations, whose handlers live by domain: `issues.ts`, `pulls.ts`,
 *   `permissions.ts`, `users.ts`, `repos.ts`, `deployments.ts`, `environments.ts`, `artifacts.ts`, `commits.ts`, `runs.ts`. Each also
 *   holds its views: stored records → GitHub's JSON, with the fields clients read (completeFromSchema adds the rest).
 * Each module's header names the simplifications it makes on purpose, so tests do not rely on behaviour we do not
 * model.
 */
export type {
  ApiState,
  CommitInput,
  DeploymentSeed,
  DeploymentState,
  StoredCommit,
  StoredWorkflowRun,
  WorkflowRunInput,
  WorkflowRunConclusion,
  WorkflowRunStatus,
  EnvironmentInput,
  EnvironmentReviewer,
  GitHubUser,
  IssueInput,
  PendingDeployment,
  PendingInput,
  PullCommit,
  PullInfo,
  PullInput,
  ReactionContent,
  RepoInfo,
  RepoRole,
  RunApproval,
  StoredComment,
  StoredDeployment,
  StoredDeploymentStatus,
  StoredEnvironment,
  StoredIssue,
  StoredReaction,
  Team,
  TeamRole,
  UserType,
  WorkflowDispatch,
} from './github-api/state.js';
export type { JobInfo, JobSource } from './github-api/jobs.js';
export { MemoryArtifactSource, type ArtifactInfo, type ArtifactSource } from './github-api/artifacts.js';
export { GitHubSpec, loadGitHubSpec, type RequestCheck, type RouteMatch } from './github-api/spec.js';
export {
  startGitHubApi,
  type Fault,
  type GitHubApi,
  type GitHubApiOptions,
  type RecordedRequest,
} from './github-api/server.js';
