/**
 * Environments, their protection rules, and the reviews of a run's deployments waiting on them.
 *
 * Deliberate simplifications (so tests do not rely on behaviour we do not model): workflow runs are not modelled,
 * so approvals and pending deployments of an unknown run are empty lists. Reviewing a deployment one is not a
 * reviewer of answers 422 (GitHub does not document that answer).
 */
import { HttpError, nodeId, notFound, num, ok, type Ctx, type Handler, type Reply } from './context.js';
import { deploymentView } from './deployments.js';
import type { Json } from './json.js';
import type { StandIn } from './server.js';
import {
  envKey,
  lower,
  type EnvironmentReviewer,
  type PendingDeployment,
  type RunApproval,
  type StoredEnvironment,
} from './state.js';
import { userView } from './users.js';

function environmentRef(s: StandIn, env: StoredEnvironment): Json {
  const repo = s.repoInfo(env.repo);
  return {
    id: env.id,
    node_id: nodeId('EN', env.id),
    name: env.name,
    url: `${s.url}/repos/${repo.fullName}/environments/${encodeURIComponent(env.name)}`,
    html_url: `${s.serverUrl}/${repo.fullName}/deployments/activity_log?environments_filter=${encodeURIComponent(env.name)}`,
  };
}

function reviewerView(s: StandIn, reviewer: EnvironmentReviewer): Json {
  if (reviewer.type === 'User') return { type: 'User', reviewer: userView(s, reviewer.login) };
  const team = s.team(reviewer.org, reviewer.slug);
  return {
    type: 'Team',
    reviewer: {
      id: team.id,
      node_id: nodeId('T', team.id),
      name: team.slug,
      slug: team.slug,
      description: null,
      privacy: 'closed',
      permission: 'pull',
      parent: null,
      url: `${s.url}/organizations/${team.org}/team/${team.id}`,
      html_url: `${s.serverUrl}/orgs/${team.org}/teams/${team.slug}`,
      members_url: `${s.url}/organizations/${team.org}/team/${team.id}/members{/member}`,
      repositories_url: `${s.url}/organizations/${team.org}/team/${team.id}/repos`,
      type: 'organization',
    },
  };
}

function environmentView(s: StandIn, env: StoredEnvironment): Json {
  const rules: Json[] = [];
  if (env.reviewers.length > 0) {
    rules.push({
      id: env.id * 10 + 1,
      node_id: nodeId('GA', env.id * 10 + 1),
      type: 'required_reviewers',
      prevent_self_review: env.preventSelfReview,
      reviewers: env.reviewers.map((reviewer) => reviewerView(s, reviewer)),
    });
  }
  if (env.waitTimer > 0) {
    rules.push({
      id: env.id * 10 + 2,
      node_id: nodeId('GA', env.id * 10 + 2),
      type: 'wait_timer',
      wait_timer: env.waitTimer,
    });
  }
  return {
    ...environmentRef(s, env),
    created_at: env.createdAt,
    updated_at: env.updatedAt,
    can_admins_bypass: true,
    protection_rules: rules,
    deployment_branch_policy: null,
  };
}

function requireEnvironment(ctx: Ctx, name: string): StoredEnvironment {
  const env = ctx.s.state.environments.get(envKey(ctx.repoKey, name));
  if (!env) throw notFound();
  return env;
}

function pendingView(ctx: Ctx, pending: PendingDeployment): Json {
  const env = requireEnvironment(ctx, pending.environment);
  return {
    environment: environmentRef(ctx.s, env),
    wait_timer: pending.waitTimer,
    wait_timer_started_at: pending.waitTimerStartedAt,
    current_user_can_approve: ctx.s.canReview(env, ctx.user.login),
    reviewers: env.reviewers.map((reviewer) => reviewerView(ctx.s, reviewer)),
  };
}

function reviewPendingDeployments(ctx: Ctx): Reply {
  const runId = num(ctx, 'run_id');
  const ids = (ctx.body.environment_ids as number[]) ?? [];
  const state = ctx.body.state as RunApproval['state'];
  const waiting = (ctx.s.state.pendingDeployments.get(runId) ?? []).filter((p) => p.repo === ctx.repoKey);
  const chosen = ids.map((id) => waiting.find((p) => requireEnvironment(ctx, p.environment).id === id));
  if (chosen.some((p) => !p))
    throw new HttpError(422, 'No pending deployment for the given environment_ids.');
  const reviewed = chosen as PendingDeployment[];
  const envs = reviewed.map((p) => requireEnvironment(ctx, p.environment));
  if (!envs.every((env) => ctx.s.canReview(env, ctx.user.login))) {
    throw new HttpError(422, `${ctx.user.login} is not a required reviewer of these environments.`);
  }
  ctx.s.recordReview(runId, reviewed, {
    repo: ctx.repoKey,
    state,
    user: ctx.user.login,
    comment: String(ctx.body.comment),
  });
  const deployments =
    state === 'approved'
      ? reviewed.map((p) =>
          ctx.s.addDeployment({
            repo: ctx.repoKey,
            ref: p.ref,
            sha: p.sha,
            task: 'deploy',
            environment: p.environment,
            description: '',
            payload: {},
            creator: ctx.user.login,
            transient: false,
            production: lower(p.environment) === 'production',
          }),
        )
      : [];
  return ok(deployments.map((d) => deploymentView(ctx.s, d)));
}

export const environmentHandlers: Record<string, Handler> = {
  'repos/get-environment': (ctx) =>
    ok(environmentView(ctx.s, requireEnvironment(ctx, String(ctx.params.environment_name)))),
  'actions/get-reviews-for-run': (ctx) => {
    const approvals = (ctx.s.state.runApprovals.get(num(ctx, 'run_id')) ?? []).filter(
      (a) => a.repo === ctx.repoKey,
    );
    return ok(
      approvals.map((a) => ({
        environments: a.environments.map((name) => {
          const env = requireEnvironment(ctx, name);
          return { ...environmentRef(ctx.s, env), created_at: env.createdAt, updated_at: env.updatedAt };
        }),
        state: a.state,
        user: userView(ctx.s, a.user),
        comment: a.comment,
      })),
    );
  },
  'actions/get-pending-deployments-for-run': (ctx) => {
    const pending = (ctx.s.state.pendingDeployments.get(num(ctx, 'run_id')) ?? []).filter(
      (p) => p.repo === ctx.repoKey,
    );
    return ok(pending.map((p) => pendingView(ctx, p)));
  },
  'actions/review-pending-deployments-for-run': reviewPendingDeployments,
};
