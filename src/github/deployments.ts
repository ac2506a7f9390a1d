import { ConfigurationError } from '../core/errors.js';
import type { RunContext } from '../core/run-context.js';
import type { GitHubClient } from './octokit.js';

export type DeploymentOutcome = 'success' | 'failure';

/**
 * A GitHub deployment for an environment, created before the apply and moved in_progress → success or
 * failure after it, so the environment's page shows what was applied and from which run.
 */
export class Deployment {
  private constructor(
    private readonly api: DeploymentsApi,
    readonly id: number,
  ) {}

  static async start(
    client: GitHubClient,
    context: RunContext,
    options: { environment: string; description: string; payload: Record<string, unknown> },
  ): Promise<Deployment> {
    const api = deploymentsApi(client, context);
    const deployment = new Deployment(api, await api.create({ ref: context.sha, ...options }));
    await deployment.setStatus('in_progress', 'Applying the approved plan');
    return deployment;
  }

  finish(outcome: DeploymentOutcome, description: string): Promise<void> {
    return this.setStatus(outcome, description);
  }

  private setStatus(state: 'in_progress' | DeploymentOutcome, description: string): Promise<void> {
    // A stack's apply does not retire the environment's release: only the next release does, once its
    // smoke tests passed (the releases' record step), so GitHub's auto_inactive is left to that.
    return this.api.setStatus(this.id, state, description, { retireOthers: false });
  }
}

/** A deployment as GET /repos/{o}/{r}/deployments/{id} and the list return it; only these fields are read. */
export interface DeploymentRecord {
  id: number;
  sha: string;
  created_at: string;
  /** An object, or JSON text for deployments created with a string payload. */
  payload: unknown;
  environment?: string;
}

/** The deployments and statuses of the repository, as the releases domain reads and writes them. */
export interface DeploymentsApi {
  /** Every deployment of the environment, newest first (GitHub's order). */
  list(environment: string): Promise<DeploymentRecord[]>;
  /** One deployment; a ConfigurationError naming it when the repository has none of that id. */
  get(deploymentId: number): Promise<DeploymentRecord>;
  statuses(deploymentId: number): Promise<Array<{ state: string; created_at: string }>>;
  /** Creates a deployment of `ref` whose payload is `payload`; returns its id. */
  create(options: {
    ref: string;
    environment: string;
    description: string;
    payload: Record<string, unknown>;
  }): Promise<number>;
  /**
   * Sets a status. A success retires the environment's earlier successful deployments (GitHub's
   * auto_inactive) unless `retireOthers` is false.
   */
  setStatus(
    deploymentId: number,
    state: 'in_progress' | 'success' | 'failure' | 'inactive',
    description: string,
    options?: { retireOthers?: boolean },
  ): Promise<void>;
}

export function deploymentsApi(client: GitHubClient, context: RunContext): DeploymentsApi {
  const repository = { owner: context.owner, repo: context.repo };
  return {
    async list(environment) {
      return client.paginate(client.rest.repos.listDeployments, {
        ...repository,
        environment,
        per_page: 100,
      });
    },
    async get(deploymentId) {
      try {
        const { data } = await client.rest.repos.getDeployment({
          ...repository,
          deployment_id: deploymentId,
        });
        return data;
      } catch (error) {
        if ((error as { status?: number }).status === 404) {
          throw new ConfigurationError(
            `Deployment ${deploymentId} does not exist in ${repository.owner}/${repository.repo}: give the id of a release's deployment (the release action's deployment-id output)`,
          );
        }
        throw error;
      }
    },
    async statuses(deploymentId) {
      return client.paginate(client.rest.repos.listDeploymentStatuses, {
        ...repository,
        deployment_id: deploymentId,
        per_page: 100,
      });
    },
    async create(options) {
      const { data } = await client.rest.repos.createDeployment({
        ...repository,
        ref: options.ref,
        environment: options.environment,
        description: options.description.slice(0, 140),
        payload: options.payload,
        // What is deployed was checked already (an approved plan, a smoke-tested release): commit
        // statuses must not block the record of it.
        required_contexts: [],
        auto_merge: false,
      });
      if (!('id' in data))
        throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no reason given'}`);
      return data.id;
    },
    async setStatus(deploymentId, state, description, options = {}) {
      await client.rest.repos.createDeploymentStatus({
        ...repository,
        deployment_id: deploymentId,
        state,
        description: description.slice(0, 140),
        log_url: context.runUrl,
        ...(options.retireOthers === false ? { auto_inactive: false } : {}),
      });
    },
  };
}
