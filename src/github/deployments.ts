import type { RunContext } from '../core/run-context.js';
import type { GitHubClient } from './octokit.js';

export type DeploymentOutcome = 'success' | 'failure';

/**
 * A GitHub deployment for an environment, created before the apply and moved in_progress → success or
 * failure after it, so the environment's page shows what was applied and from which run.
 */
export class Deployment {
  private constructor(
    private readonly client: GitHubClient,
    private readonly context: RunContext,
    readonly id: number,
  ) {}

  static async start(
    client: GitHubClient,
    context: RunContext,
    options: { environment: string; description: string; payload: Record<string, unknown> },
  ): Promise<Deployment> {
    const { data } = await client.rest.repos.createDeployment({
      owner: context.owner,
      repo: context.repo,
      ref: context.sha,
      environment: options.environment,
      description: options.description,
      payload: options.payload,
      // The plan was checked and approved already; commit statuses must not block the record.
      required_contexts: [],
      auto_merge: false,
    });
    if (!('id' in data))
      throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no reason given'}`);
    const deployment = new Deployment(client, context, data.id);
    await deployment.setStatus('in_progress', 'Applying the approved plan');
    return deployment;
  }

  finish(outcome: DeploymentOutcome, description: string): Promise<void> {
    return this.setStatus(outcome, description);
  }

  private async setStatus(state: 'in_progress' | DeploymentOutcome, description: string): Promise<void> {
    await this.client.rest.repos.createDeploymentStatus({
      owner: this.context.owner,
      repo: this.context.repo,
      deployment_id: this.id,
      state,
      description: description.slice(0, 140),
      log_url: this.context.runUrl,
    });
  }
}
