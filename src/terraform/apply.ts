import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactName, stackName } from '../artifacts/names.js';
import { fetchPlanBundle } from '../artifacts/plan-bundle.js';
import { refuseUnacceptedPolicyFailures, requireApprovalRecord } from '../approval/record-check.js';
import type { ApprovalRecord } from '../contracts/approval-record.js';
import type { ArtifactStore, OtherRun } from '../artifacts/store.js';
import { verifyPlanBundle } from '../contracts/bundle.js';
import { shortDigest } from '../contracts/digest.js';
import { encryptDirectory, ENCRYPTED_BUNDLE_FILE } from '../contracts/encryption.js';
import {
  LOCK_FILE,
  MANIFEST_FILE,
  PLAN_FILE,
  PLAN_JSON_FILE,
  toWorkspacePath,
  type PlanManifest,
} from '../contracts/manifest.js';
import { checkedOutCommit } from '../core/checkout.js';
import { ConfigurationError, StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { Deployment, deploymentsApi, type DeploymentsApi } from '../github/deployments.js';
import { refuseUnboundApply } from '../releases/binding.js';
import { releaseName } from '../releases/promotion.js';
import {
  isTerraformFailure,
  resolveTool,
  StateLockedError,
  TerraformCli,
  type ApplyResult,
  type OutputJson,
} from './cli.js';
import { renderInventory, toAnsibleInventory } from './inventory.js';
import { redactOutputs } from './outputs.js';
import { priorStateOf } from './state.js';
import { backendRecord, refuseOtherBackend, stateLocation } from './backend.js';
import type { BinaryChoice } from './tool.js';
import type { StepReport } from '../core/outputs.js';
import { lazyGitHubClient } from '../github/lazy-client.js';
import { codeSpan } from '../markdown/escape.js';
import type { StackInputSource } from '../contracts/stacks.js';
import { recheckStackInputs } from './stack-inputs.js';
import { NO_AUDIT, type AuditLog } from '../audit/log.js';
import { type DestroyedSummary, destroyedSummary, recordDestroyed } from './destroyed.js';

/** What tf-apply reads: its inputs, camel-cased, as src/actions/tf-apply/inputs.ts parses them. */
export interface TfApplyInputs {
  workingDirectory: string;
  binary: BinaryChoice;
  stack?: string | undefined;
  workspace: string;
  backendConfig: string[];
  /** How long the apply waits for the state lock (`30s`, `5m`); the tool's default (no wait) when absent. */
  lockTimeout?: string | undefined;
  planArtifact?: string | undefined;
  runId?: number | undefined;
  expectedPlanDigest?: string | undefined;
  requireApproval: boolean;
  encryptionKey?: string | undefined;
  requireSameCommit: boolean;
  inventoryOutput: string;
  artifactPrefix: string;
  environment?: string | undefined;
  exposeSensitive: boolean;
  githubToken?: string | undefined;
  /** Where the stack's inputs come from, so that their states are read again before the apply. */
  stackInputs: StackInputSource[];
}

/** The outputs tf-apply sets, by their action.yml names. */
export interface TfApplyOutputs {
  applied: boolean;
  outputs: Record<string, unknown>;
  'outputs-path': string;
  'inventory-path': string | undefined;
  'plan-digest': string;
  'deployment-id': number | undefined;
}

export interface TfApplyDependencies {
  exec: Exec;
  logger: Logger;
  artifacts: ArtifactStore;
  run: RunContext;
  /** Creates the GitHub deployment when `environment` is given. */
  startDeployment?: (manifest: PlanManifest) => Promise<Deployment>;
  /** The deployments API, for a bundle bound to a release (a promotion, a rollback). */
  deployments?: () => Promise<DeploymentsApi>;
  /** The step's audit log: the apply (or destroy) event, with the approved digest. */
  audit?: AuditLog;
}

export interface TfApplyResult {
  stack: string;
  manifest: PlanManifest;
  applied: string[];
  /** The non-sensitive top-level outputs: what may go in a step output. */
  outputs: Record<string, unknown>;
  outputsPath: string;
  inventoryPath?: string;
  deploymentId?: number;
  /** Set when the bundle was a destroy plan: what the summary says instead of the outputs. */
  destroyed?: DestroyedSummary;
}

/**
 * The tf-apply step: applies the plan (inside a GitHub deployment when `environment` is given), then its
 * outputs and summary.
 */
export async function runTfApply(
  inputs: TfApplyInputs,
  deps: Omit<TfApplyDependencies, 'startDeployment'> & StepReport<TfApplyOutputs>,
): Promise<void> {
  const { logger, run } = deps;
  const environment = inputs.environment;
  const github = lazyGitHubClient(
    inputs.githubToken,
    logger,
    run,
    () =>
      new ConfigurationError(
        'Input "github-token" is required with environment (to create the deployment) and for the bundle of a promotion or rollback (to read its release).',
      ),
  );
  const startDeployment = environment
    ? async (manifest: { planDigest: string; stack: string }) =>
        Deployment.start(await github(), run, {
          environment,
          description: `Apply ${manifest.stack} plan ${manifest.planDigest.slice(0, 19)}`,
          payload: { stack: manifest.stack, planDigest: manifest.planDigest },
        })
    : undefined;
  const deployments = async () => deploymentsApi(await github(), run);
  const result = await apply(inputs, {
    ...deps,
    deployments,
    ...(startDeployment ? { startDeployment } : {}),
  });
  deps.setOutputs({
    applied: true,
    outputs: result.outputs,
    'outputs-path': result.outputsPath,
    'inventory-path': result.inventoryPath,
    'plan-digest': result.manifest.planDigest,
    'deployment-id': result.deploymentId,
  });
  if (result.destroyed) {
    await deps.writeSummary(destroyedSummary(result.destroyed, result.manifest));
    return;
  }
  await deps.writeSummary(
    [
      `## Applied ${codeSpan(result.stack)} (workspace ${codeSpan(result.manifest.workspace)})`,
      '',
      `Plan digest ${codeSpan(result.manifest.planDigest)}, planned at commit ${codeSpan(result.manifest.commit.slice(0, 12))}.`,
      ...(stateLocation(result.manifest.backend)
        ? ['', `State: ${codeSpan(stateLocation(result.manifest.backend) ?? '')}.`]
        : []),
      '',
      `Resources applied: ${result.applied.length}. Outputs: ${Object.keys(result.outputs).length} published${result.inventoryPath ? ', and an Ansible inventory' : ''}.`,
      '',
    ].join('\n'),
  );
}

/**
 * tf-apply: downloads the plan bundle, verifies every byte of it and what it was made for, and applies
 * exactly its planfile. It never plans: anything that differs from what was approved is refused.
 */
export async function apply(inputs: TfApplyInputs, deps: TfApplyDependencies): Promise<TfApplyResult> {
  const { logger, run } = deps;
  const stack = stackName(inputs.stack, inputs.workingDirectory, run.workspace, run.repo);
  // Opened before the bundle is read: a refused bundle is an apply that was asked for and did not happen.
  const event = (deps.audit ?? NO_AUDIT).begin('apply', {
    stack,
    environment: inputs.environment,
    planDigest: inputs.expectedPlanDigest,
  });
  const scratch = await mkdtemp(join(run.runnerTemp, `iac-apply-${stack}-`));
  // Independent, so done together: finding the tool runs it once, the download waits on the network.
  // The two tools start first, so that they run while the artifact library compiles for the download.
  const [tool, commit, bundleDir] = await Promise.all([
    resolveTool(inputs.binary, deps.exec),
    checkedOutCommit(deps.exec, logger, {
      directory: inputs.workingDirectory,
      workspace: run.workspace,
      fallback: run.sha,
    }),
    fetchBundle(inputs, deps, stack, scratch),
  ]);
  const manifest = await verifyPlanBundle(bundleDir, {
    stack,
    workingDirectory: toWorkspacePath(run.workspace, inputs.workingDirectory),
    workspace: inputs.workspace,
    commit,
    requireSameCommit: inputs.requireSameCommit,
    tool: { name: tool.name, version: tool.version },
    expectedDigest: inputs.expectedPlanDigest,
  });
  logger.info(
    `Verified the plan bundle: digest ${manifest.planDigest}, planned at ${manifest.commit.slice(0, 12)}`,
  );
  event.update({ action: manifest.destroy ? 'destroy' : 'apply', planDigest: manifest.planDigest });
  const inputsDeps = { tool, exec: deps.exec, logger, workspace: run.workspace, scratch: run.runnerTemp };
  // A provisional plan is refused before anything else is asked of it: no approval makes it applicable.
  if (manifest.provisional) await recheckStackInputs(manifest, inputs.stackInputs, inputsDeps);
  let record: ApprovalRecord | undefined;
  if (inputs.requireApproval) {
    record = await requireApprovalRecord(deps.artifacts, {
      artifactPrefix: inputs.artifactPrefix,
      stack,
      planDigest: manifest.planDigest,
      directory: join(scratch, 'approval'),
    });
    logger.info(`Approved by ${record.decidedBy} (${record.mode} gate) in run ${record.runId}.`);
    if (manifest.source) logger.info(`The approval names ${releaseName(manifest.source)}.`);
  }
  // Failed policies (enforce) are applied only when the checked record accepts exactly their failures.
  refuseUnacceptedPolicyFailures(manifest, record, logger);
  if (!inputs.requireApproval && !inputs.expectedPlanDigest) {
    logger.warning(
      'No expected-plan-digest was given and require-approval is off: the bundle is applied as planned, but no approval is checked.',
      {
        title: 'Unapproved apply',
      },
    );
  }

  if (manifest.source) {
    if (!deps.deployments) throw new Error('a bound bundle needs the deployments API');
    const planJson = JSON.parse(await readFile(join(bundleDir, PLAN_JSON_FILE), 'utf8')) as unknown;
    await refuseUnboundApply(manifest, planJson, await deps.deployments());
    logger.info(
      `The bundle is ${releaseName(manifest.source)}'s commit and image, as its deployment records them.`,
    );
  }

  // Before this stack's init, which may share the directory of an upstream whose state is read.
  if (manifest.inputs) await recheckStackInputs(manifest, inputs.stackInputs, inputsDeps);

  const cli = new TerraformCli({
    tool,
    exec: deps.exec,
    logger,
    cwd: inputs.workingDirectory,
    relativeDir: manifest.workingDirectory,
  });
  // The providers are the ones the plan was made with: the bundled lock file, read-only.
  if (existsSync(join(bundleDir, LOCK_FILE))) {
    await copyFile(join(bundleDir, LOCK_FILE), join(inputs.workingDirectory, LOCK_FILE));
  }
  const backend = await logger.group(`${tool.name} init`, () =>
    cli.init({
      backendConfig: inputs.backendConfig,
      lockfileReadonly: existsSync(join(bundleDir, LOCK_FILE)),
    }),
  );
  refuseOtherBackend(manifest.backend, backendRecord(backend));
  if (manifest.workspace !== 'default') await cli.selectWorkspace(manifest.workspace);
  refuseChangedState(manifest, priorStateOf(await cli.statePull()));

  const deployment = deps.startDeployment ? await deps.startDeployment(manifest) : undefined;
  let applyResult: ApplyResult;
  try {
    applyResult = await logger.group(`${tool.name} apply`, () =>
      cli.apply(join(bundleDir, PLAN_FILE), {
        ...(inputs.lockTimeout ? { lockTimeout: inputs.lockTimeout } : {}),
      }),
    );
  } catch (error) {
    await deployment?.finish('failure', `Apply of ${shortDigest(manifest.planDigest)} failed`);
    const applied = isTerraformFailure(error) ? error.applied.length : 0;
    event.finish('failure', `The tool failed after applying ${applied} resource change(s).`);
    throw await applyFailure(error, inputs, deps, stack, scratch);
  }
  await deployment?.finish('success', `Applied ${shortDigest(manifest.planDigest)}`);
  event.finish(
    'success',
    `${applyResult.applied.length} resource change(s) applied${record ? `, approved (${record.decidedBy})` : ''}${deployment ? ` in deployment ${deployment.id}` : ''}.`,
  );
  // A destroyed stack has no outputs to publish: its outputs artifact says it is destroyed instead.
  if (manifest.destroy) {
    const destroyed = await recordDestroyed(
      {
        stack,
        manifest,
        artifactPrefix: inputs.artifactPrefix,
        environment: inputs.environment,
        deploymentId: deployment?.id,
        applied: applyResult.applied,
        scratch,
      },
      deps,
    );
    const deploymentId = deployment ? { deploymentId: deployment.id } : {};
    return { stack, manifest, applied: applyResult.applied.slice(), ...destroyed, ...deploymentId };
  }

  // The apply already reported every output but the sensitive values; only exposing those needs another
  // run of the tool, which is a tenth of a second that most applies can skip.
  const outputs = applyResult.outputs && !inputs.exposeSensitive ? applyResult.outputs : await cli.output();
  const published = await publishOutputs(outputs, inputs, deps, stack, scratch, manifest);
  const applied = applyResult.applied.slice();
  return { stack, manifest, applied, ...published, ...(deployment ? { deploymentId: deployment.id } : {}) };
}

/** Downloads the bundle named by the inputs and, when it is sealed, opens it. */
async function fetchBundle(inputs: TfApplyInputs, deps: TfApplyDependencies, stack: string, scratch: string) {
  const name = inputs.planArtifact ?? artifactName(inputs.artifactPrefix, 'plan', stack);
  const from: OtherRun | undefined = inputs.runId
    ? {
        runId: inputs.runId,
        owner: deps.run.owner,
        repo: deps.run.repo,
        token: requireToken(inputs.githubToken),
      }
    : undefined;
  return fetchPlanBundle(deps.artifacts, name, scratch, {
    encryptionKey: inputs.encryptionKey,
    from,
    reader: 'tf-apply',
  });
}

function requireToken(token: string | undefined): string {
  if (!token)
    throw new ConfigurationError(
      'Input "github-token" is required with run-id, to download the bundle of another run.',
    );
  return token;
}

/**
 * Refuses a plan whose state has moved on. Terraform catches a stale plan itself, except when the plan
 * was made with no state at all (hashicorp/terraform#24078): then a second apply would run on top of
 * the first. This check covers both and explains them the same way, before anything is applied.
 */
export function refuseChangedState(manifest: PlanManifest, now: PlanManifest['priorState']): void {
  const then = manifest.priorState;
  const again = 'Nothing was applied. Plan again, and get the new plan approved.';
  if (!then.exists && now.exists) {
    throw new ConfigurationError(
      `The plan was made when the stack had no state, but state exists now (serial ${now.serial ?? '?'}): another apply ran after this plan was made. Applying it would create everything a second time on top of what exists. ${again}`,
    );
  }
  if (then.exists && !now.exists) {
    throw new ConfigurationError(
      `The plan was made against existing state, but the stack has no state now. ${again}`,
    );
  }
  if (then.exists && now.exists && (then.lineage !== now.lineage || then.serial !== now.serial)) {
    throw new ConfigurationError(
      `Saved plan is stale: the state changed since the plan was made (serial ${then.serial ?? '?'} then, ${now.serial ?? '?'} now${then.lineage !== now.lineage ? ', and its lineage differs' : ''}), so another apply ran in between. ${again}`,
    );
  }
}

/** After a failed apply: keeps errored.tfstate as an artifact and says what had been applied. */
async function applyFailure(
  error: unknown,
  inputs: TfApplyInputs,
  deps: TfApplyDependencies,
  stack: string,
  scratch: string,
): Promise<Error> {
  // Refused before anything ran (a stale plan, a lock held elsewhere): their own message says it all.
  if (
    !isTerraformFailure(error) ||
    error instanceof ConfigurationError ||
    error instanceof StateLockedError
  ) {
    return error as Error;
  }
  const notes: string[] = [];
  const errored = join(inputs.workingDirectory, 'errored.tfstate');
  if (existsSync(errored)) {
    const name = artifactName(inputs.artifactPrefix, 'errored-state', stack);
    const dir = join(scratch, 'errored');
    await mkdir(dir, { recursive: true });
    // The state holds every value in the clear: sealed with the encryption key when there is one.
    if (inputs.encryptionKey) {
      const sealedDir = join(scratch, 'errored-sealed');
      await mkdir(sealedDir, { recursive: true });
      await copyFile(errored, join(dir, 'errored.tfstate'));
      await writeFile(
        join(sealedDir, ENCRYPTED_BUNDLE_FILE),
        await encryptDirectory(dir, inputs.encryptionKey),
      );
      await deps.artifacts.upload(name, [join(sealedDir, ENCRYPTED_BUNDLE_FILE)], sealedDir);
    } else {
      await deps.artifacts.upload(name, [errored], inputs.workingDirectory);
    }
    notes.push(
      `The tool wrote errored.tfstate; it is uploaded as ${name}: push it with \`state push\` before planning again.`,
    );
  }
  const applied = error.applied.length > 0 ? error.applied.join(', ') : 'nothing';
  return new StepFailure(
    `The apply failed: ${error.message} Applied before the failure: ${applied}. ${notes.join(' ')}`.trim(),
  );
}

/** Writes outputs.json (sensitive values redacted and masked) and the Ansible inventory, and uploads both. */
async function publishOutputs(
  output: OutputJson,
  inputs: TfApplyInputs,
  deps: TfApplyDependencies,
  stack: string,
  scratch: string,
  manifest: PlanManifest,
): Promise<Pick<TfApplyResult, 'outputs' | 'outputsPath' | 'inventoryPath'>> {
  const redacted = redactOutputs(output, { exposeSensitive: inputs.exposeSensitive });
  // Masked before anything is written or printed, so no later line can show them.
  for (const secret of redacted.secrets) deps.logger.mask(secret);

  const outputsDir = join(scratch, 'outputs');
  await mkdir(outputsDir, { recursive: true });
  const outputsPath = join(outputsDir, 'outputs.json');
  await writeFile(outputsPath, `${JSON.stringify(redacted.values, null, 2)}\n`);
  // The manifest of the plan applied, in the clear (it holds no value): what the release records.
  const manifestPath = join(outputsDir, MANIFEST_FILE);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  await deps.artifacts.upload(
    artifactName(inputs.artifactPrefix, 'outputs', stack),
    [outputsPath, manifestPath],
    outputsDir,
  );

  const inventoryOutput = output[inputs.inventoryOutput];
  if (!inventoryOutput) {
    deps.logger.info(`No output named ${inputs.inventoryOutput}: no inventory to publish.`);
    return { outputs: redacted.nonSensitive, outputsPath };
  }
  if (inventoryOutput.sensitive && !inputs.exposeSensitive) {
    deps.logger.warning(
      `The output ${inputs.inventoryOutput} is sensitive, so no inventory was published: set expose-sensitive: true to publish it.`,
    );
    return { outputs: redacted.nonSensitive, outputsPath };
  }
  const inventoryDir = join(scratch, 'inventory');
  await mkdir(inventoryDir, { recursive: true });
  const inventoryPath = join(inventoryDir, 'inventory.yml');
  await writeFile(
    inventoryPath,
    renderInventory(toAnsibleInventory(inventoryOutput.value, inputs.inventoryOutput)),
  );
  await deps.artifacts.upload(
    artifactName(inputs.artifactPrefix, 'inventory', stack),
    [inventoryPath],
    inventoryDir,
  );
  return { outputs: redacted.nonSensitive, outputsPath, inventoryPath };
}
