/**
 * Deployments and their statuses.
 *
 * Deliberate simplification (so tests do not rely on behaviour we do not model): deployments run no commit-status
 * checks (`required_contexts`) and no auto-merge; a ref resolves through `state.refs`, else to a SHA derived from
 * its name.
 */
import {
  created,
  nodeId,
  notFound,
  num,
  ok,
  pageReply,
  str,
  type Ctx,
  type Handler,
  type Reply,
} from './context.js';
import type { Json } from './json.js';
import type { StandIn } from './server.js';
import {
  lower,
  sha1,
  type DeploymentState,
  type StoredDeployment,
  type StoredDeploymentStatus,
} from './state.js';
import { userView } from './users.js';

export function deploymentView(s: StandIn, deployment: StoredDeployment): Json {
  const repo = s.repoInfo(deployment.repo);
  const url = `${s.url}/repos/${repo.fullName}/deployments/${deployment.id}`;
  return {
    id: deployment.id,
    node_id: nodeId('DE', deployment.id),
    url,
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    environment: deployment.environment,
    original_environment: deployment.originalEnvironment,
    description: deployment.description,
    creator: userView(s, deployment.creator),
    transient_environment: deployment.transient,
    production_environment: deployment.production,
    statuses_url: `${url}/statuses`,
    repository_url: `${s.url}/repos/${repo.fullName}`,
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
  };
}

function deploymentStatusView(s: StandIn, status: StoredDeploymentStatus): Json {
  const deployment = s.state.deployments.get(status.deploymentId);
  const repo = s.repoInfo(deployment?.repo ?? s.defaultRepoKey);
  const deploymentUrl = `${s.url}/repos/${repo.fullName}/deployments/${status.deploymentId}`;
  return {
    id: status.id,
    node_id: nodeId('DES', status.id),
    url: `${deploymentUrl}/statuses/${status.id}`,
    state: status.state,
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    log_url: status.logUrl,
    environment_url: status.environmentUrl,
    creator: userView(s, status.creator),
    deployment_url: deploymentUrl,
    repository_url: `${s.url}/repos/${repo.fullName}`,
    created_at: status.createdAt,
    updated_at: status.createdAt,
  };
}

function requireDeployment(ctx: Ctx): StoredDeployment {
  const deployment = ctx.s.state.deployments.get(num(ctx, 'deployment_id'));
  if (!deployment || deployment.repo !== ctx.repoKey) throw notFound();
  return deployment;
}

/** Deployments name a ref; without git, a SHA is taken as is, else looked up in `state.refs` or made up. */
function resolveSha(s: StandIn, ref: string): string {
  if (/^[0-9a-f]{40}$/i.test(ref)) return lower(ref);
  return s.state.refs.get(ref) ?? sha1(`ref:${ref}`);
}

function createDeployment(ctx: Ctx): Reply {
  const body = ctx.body;
  const ref = String(body.ref);
  const environment = str(body.environment) ?? 'production';
  const deployment = ctx.s.addDeployment({
    repo: ctx.repoKey,
    ref,
    sha: resolveSha(ctx.s, ref),
    task: str(body.task) ?? 'deploy',
    environment,
    description: str(body.description) ?? '',
    payload: body.payload ?? {},
    creator: ctx.user.login,
    transient: body.transient_environment === true,
    production:
      typeof body.production_environment === 'boolean'
        ? body.production_environment
        : environment === 'production',
  });
  return created(deploymentView(ctx.s, deployment));
}

function createDeploymentStatus(ctx: Ctx): Reply {
  const deployment = requireDeployment(ctx);
  const body = ctx.body;
  const state = body.state as DeploymentState;
  const logUrl = str(body.log_url) ?? '';
  const status: StoredDeploymentStatus = {
    id: ctx.s.nextId(),
    deploymentId: deployment.id,
    state,
    description: str(body.description) ?? '',
    environment: str(body.environment) ?? deployment.environment,
    // log_url replaces target_url and sets it too.
    targetUrl: logUrl || (str(body.target_url) ?? ''),
    logUrl,
    environmentUrl: str(body.environment_url) ?? '',
    creator: ctx.user.login,
    createdAt: ctx.s.now(),
  };
  ctx.s.state.deploymentStatuses.set(status.id, status);
  if (state === 'success' && body.auto_inactive !== false) ctx.s.deactivateOthers(deployment, ctx.user.login);
  const view = deploymentStatusView(ctx.s, status);
  return created(view, String(view.url));
}

export const deploymentHandlers: Record<string, Handler> = {
  'repos/create-deployment': createDeployment,
  'repos/get-deployment': (ctx) => ok(deploymentView(ctx.s, requireDeployment(ctx))),
  'repos/list-deployments': (ctx) => {
    const q = ctx.query;
    // The description gives 'none' as the default of these filters: it means "no filter".
    const matches = (value: string, filter: unknown): boolean =>
      filter === undefined || filter === null || filter === 'none' || value === filter;
    const deployments = [...ctx.s.state.deployments.values()]
      .filter((d) => d.repo === ctx.repoKey)
      .filter((d) => matches(d.sha, q.sha) && matches(d.ref, q.ref) && matches(d.task, q.task))
      .filter((d) =>
        matches(
          lower(d.environment),
          typeof q.environment === 'string' ? lower(q.environment) : q.environment,
        ),
      )
      .sort((a, b) => b.id - a.id);
    return pageReply(ctx, deployments, (d) => deploymentView(ctx.s, d));
  },
  'repos/create-deployment-status': createDeploymentStatus,
  'repos/list-deployment-statuses': (ctx) => {
    const deployment = requireDeployment(ctx);
    const statuses = [...ctx.s.state.deploymentStatuses.values()]
      .filter((st) => st.deploymentId === deployment.id)
      .sort((a, b) => b.id - a.id);
    return pageReply(ctx, statuses, (st) => deploymentStatusView(ctx.s, st));
  },
};
