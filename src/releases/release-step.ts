import type { ArtifactStore } from '../artifacts/store.js';
import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { StepReport } from '../core/outputs.js';
import type { RunContext } from '../core/run-context.js';
import { deploymentsApi } from '../github/deployments.js';
import { lazyGitHubClient } from '../github/lazy-client.js';
import { NO_AUDIT, type AuditLog } from '../audit/log.js';
import { imageIdentifier } from './binding.js';
import { recordRelease, recordSummary } from './record-step.js';
import { resolvePromotion, resolveRollback } from './resolve-step.js';

/** What the release action reads: its inputs, camel-cased, as src/actions/release/inputs.ts parses them. */
export interface ReleaseStepInputs {
  mode: 'record' | 'promote' | 'rollback';
  environment: string;
  promoteFrom?: string | undefined;
  threshold: number;
  qualityCategories: string[];
  maxReleaseAge?: string | undefined;
  to: string;
  scope: 'release' | 'image';
  result: 'success' | 'failure' | 'cancelled';
  onSmokeFailure: 'none' | 'rollback';
  rollbackWorkflow: string;
  imageId?: string | undefined;
  artifactPrefix: string;
  githubToken?: string | undefined;
}

export interface ReleaseStepOutputs {
  outcome: string;
  'deployment-id': number | undefined;
  commit: string;
  'image-id': string;
  'run-id': number;
  'release-path': string;
  description: string;
  'rollback-dispatched': boolean;
}

export interface ReleaseStepDependencies extends StepReport<ReleaseStepOutputs> {
  logger: Logger;
  run: RunContext;
  artifacts: ArtifactStore;
  now: () => Date;
  /** The step's audit log: the release recorded, or the promotion or rollback resolved. */
  audit?: AuditLog;
}

/** The release action: record the run's release, or find the release a promotion or rollback deploys. */
export async function runReleaseStep(
  inputs: ReleaseStepInputs,
  deps: ReleaseStepDependencies,
): Promise<void> {
  const { logger, run } = deps;
  const github = lazyGitHubClient(
    inputs.githubToken,
    logger,
    run,
    () => new ConfigurationError('Input "github-token" is required: releases are GitHub deployments.'),
  );
  const audit = deps.audit ?? NO_AUDIT;
  const event = audit.begin(inputs.mode === 'record' ? 'release' : inputs.mode, {
    environment: inputs.environment,
  });
  const client = await github();
  const deployments = deploymentsApi(client, run);

  if (inputs.mode === 'record') {
    const result = await recordRelease(
      {
        environment: inputs.environment,
        result: inputs.result,
        artifactPrefix: inputs.artifactPrefix,
        onSmokeFailure: inputs.onSmokeFailure,
        rollbackWorkflow: inputs.rollbackWorkflow,
        imageId: inputs.imageId,
      },
      {
        ...deps,
        deployments,
        dispatch: async (workflow, ref, dispatchInputs) => {
          await client.rest.actions.createWorkflowDispatch({
            owner: run.owner,
            repo: run.repo,
            workflow_id: workflow,
            ref,
            inputs: dispatchInputs,
          });
        },
      },
    );
    const { release } = result;
    event.finish(
      release?.outcome ?? 'success',
      release
        ? `Release of ${release.stacks.length} stack(s) at ${release.commit.slice(0, 12)}: ${release.outcome}${result.deploymentId ? `, deployment ${result.deploymentId}` : ''}${result.rollbackDispatched ? '; a rollback was started' : ''}.`
        : 'Nothing was deployed in this run: no release recorded.',
    );
    deps.setOutputs({
      outcome: release?.outcome ?? 'none',
      'deployment-id': result.deploymentId,
      commit: release?.commit ?? '',
      'image-id': release ? (imageIdentifier(release) ?? '') : '',
      'run-id': run.runId,
      'release-path': result.releasePath ?? '',
      'rollback-dispatched': result.rollbackDispatched,
    });
    await deps.writeSummary(recordSummary(result, deps.now()));
    return;
  }

  const context = { ...deps, deployments };
  const resolved =
    inputs.mode === 'promote'
      ? await resolvePromotion(
          {
            environment: inputs.environment,
            promoteFrom: inputs.promoteFrom ?? '',
            threshold: inputs.threshold,
            qualityCategories: inputs.qualityCategories,
            maxReleaseAge: inputs.maxReleaseAge,
          },
          context,
        )
      : await resolveRollback(
          { environment: inputs.environment, to: inputs.to, scope: inputs.scope },
          context,
        );
  event.finish(
    'success',
    `${resolved.description} (deployment ${resolved.deploymentId}, commit ${resolved.commit.slice(0, 12)}).`,
  );
  deps.setOutputs({
    outcome: 'resolved',
    'deployment-id': resolved.deploymentId,
    commit: resolved.commit,
    'image-id': resolved.imageId,
    'run-id': resolved.release.runId,
    'release-path': resolved.releasePath,
    description: resolved.description,
  });
  await deps.writeSummary(resolved.summary);
}
