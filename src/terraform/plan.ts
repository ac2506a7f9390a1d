import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { artifactName, stackName } from '../artifacts/names.js';
import type { ArtifactStore, UploadedArtifact } from '../artifacts/store.js';
import { writePlanBundle } from '../contracts/bundle.js';
import { sha256File, shortDigest } from '../contracts/digest.js';
import { encryptDirectory, ENCRYPTED_BUNDLE_FILE } from '../contracts/encryption.js';
import {
  LOCK_FILE,
  MANIFEST_FILE,
  PLAN_FILE,
  PLAN_JSON_FILE,
  toWorkspacePath,
  type PlanManifest,
  type PolicyResult,
} from '../contracts/manifest.js';
import { checkedOutCommit } from '../core/checkout.js';
import type { AuditLog } from '../audit/log.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SUITE_VERSION } from '../core/version.js';
import { buildPlanModel, type PlanModel } from '../plan/model.js';
import { SecretCollector } from '../plan/sensitive.js';
import { assertVariablesDeclared, locateTool, TerraformCli } from './cli.js';
import { summarizePlan, type PlanDocument, type PlanSummary } from './plan-summary.js';
import { priorStateOf } from './state.js';
import { backendRecord, refuseBackendCredentials } from './backend.js';
import { readToolVersion, type BinaryChoice } from './tool.js';
import type { MatrixStack, StackEntry, StackInputSource } from '../contracts/stacks.js';
import { ConfigurationError } from '../core/errors.js';
import { deploymentsApi, type DeploymentsApi } from '../github/deployments.js';
import { lazyGitHubClient } from '../github/lazy-client.js';
import { bindPlanToRelease } from '../releases/binding.js';
import { describeSource } from '../releases/promotion.js';
import { receiveStackInputs } from './stack-inputs.js';
import { checkPolicy } from '../policy/check.js';
import { annotatePolicy, blockLocations, policySarif } from '../policy/findings.js';

/** The package Rego policies are looked up in when `policy-namespace` is not given (conftest's `--namespace`). */
export const DEFAULT_POLICY_NAMESPACE = 'terraform';
/** The SARIF file of the policy findings, beside the plan in the run's temp (output `policy-sarif`). */
export const POLICY_SARIF_FILE = 'policy.sarif';

/** What tf-plan reads: its inputs, camel-cased, as src/actions/tf-plan/inputs.ts parses them. */
export interface TfPlanInputs {
  workingDirectory: string;
  binary: BinaryChoice;
  stack?: string | undefined;
  workspace?: string | undefined;
  environment?: string | undefined;
  mode: 'plan' | 'drift' | 'gather' | 'waves' | 'destroy-waves';
  stacks: string[];
  stackGraph?: StackEntry[] | undefined;
  varFiles: string[];
  vars: [string, string][];
  backendConfig: string[];
  targets: string[];
  replace: string[];
  destroy: boolean;
  refreshOnly: boolean;
  lockTimeout?: string | undefined;
  parallelism?: number | undefined;
  artifactPrefix: string;
  encryptionKey?: string | undefined;
  onDestroy: 'warn' | 'fail';
  githubToken?: string | undefined;
  comment: boolean;
  prNumber?: number | undefined;
  commentAuthor?: string | undefined;
  driftIssue: boolean;
  driftLabels: string[];
  /** The deployment holding the release this plan deploys again (a promotion's source, a rollback's target). */
  sourceRelease?: number | undefined;
  sourceKind: 'promotion' | 'rollback';
  rollbackScope: 'release' | 'image';
  /** The variable that carries the image, whose value must be the release's image. */
  imageVariable?: string | undefined;
  /** Variables given other stacks' outputs, with where those stacks keep their state. */
  stackInputs: StackInputSource[];
  /** Directories of Rego policies to check the plan against; none, no policy check. */
  policy: string[];
  /** The policies' package; `terraform` when not given. */
  policyNamespace?: string | undefined;
  policyData: string[];
  policyMode: 'enforce' | 'warn';
}

export interface TfPlanDependencies {
  exec: Exec;
  logger: Logger;
  artifacts: ArtifactStore;
  run: RunContext;
  /** The deployments API, for a plan of a release (`source-release`); made from github-token when absent. */
  deployments?: () => Promise<DeploymentsApi>;
  /** The step's audit log: the plan event and the policy result. */
  audit?: AuditLog;
}

export interface TfPlanResult {
  stack: string;
  workspace: string;
  exitCode: 0 | 2;
  summary: PlanSummary;
  /** What reviewers read: every change with its attribute diffs, drift, outputs, checks, diagnostics. */
  model: PlanModel;
  manifest: PlanManifest;
  jsonPath: string;
  /** Not uploaded when the plan was refused by `on-destroy: fail`. */
  artifact?: UploadedArtifact;
  /** Why the step must fail after reporting, when `on-destroy: fail` refused a destructive plan. */
  refusal?: string;
  artifactName: string;
  drift?: boolean;
  /** The SARIF file of the policy check, when there was one. */
  policySarif?: string;
}

/** A stack's plan in mode gather's `stacks` output. */
export interface GatheredStackOutput {
  stack: string;
  workspace: string;
  'plan-digest': string;
  'artifact-name': string;
  'has-changes': boolean;
  destroys: boolean;
}

/** The waves' outputs, one a wave: as many as MAX_WAVES, the wave jobs a workflow can have. */
export const WAVE_OUTPUTS = ['wave-1', 'wave-2', 'wave-3', 'wave-4', 'wave-5'] as const;

/**
 * The outputs tf-plan sets, by their action.yml names. Each mode sets its own: a plan (and drift) the
 * plan's counts, digest and artifact; gather the totals over the stacks and `stacks`; waves the order.
 */
export type TfPlanOutputs = {
  'has-changes': boolean;
  add: number;
  change: number;
  destroy: number;
  replace: number;
  import: number;
  move: number;
  destroys: boolean;
  'plan-digest': string;
  'artifact-name': string;
  'artifact-id': number | undefined;
  'json-path': string;
  exitcode: number;
  drift: boolean;
  drifted: Array<{ address: string; action: string }>;
  'comment-url': string | undefined;
  'drift-issue-url': string;
  stacks: GatheredStackOutput[];
  waves: MatrixStack[][];
  'wave-count': number;
  /** Every stack of the waves, in their order, as one matrix: for a workflow that plans them side by side. */
  matrix: MatrixStack[];
  /** Set only when `policy` was given: whether no rule failed, how many failed, and the SARIF file. */
  'policy-passed': boolean;
  'policy-failures': number;
  'policy-sarif': string;
} & Record<(typeof WAVE_OUTPUTS)[number], MatrixStack[]>;

/** The stack a plan is for: the `stack` input, else named after the working directory. */
export function planStack(inputs: TfPlanInputs, run: RunContext): string {
  return stackName(inputs.stack, inputs.workingDirectory, run.workspace, run.repo);
}

/**
 * tf-plan: init, plan to a planfile, show it as JSON, and bundle planfile, JSON, lock file and manifest
 * (with the plan digest an approval will name) as the artifact `<prefix>-plan-<stack>`.
 */
export async function plan(inputs: TfPlanInputs, deps: TfPlanDependencies): Promise<TfPlanResult> {
  const { logger, run } = deps;
  const stack = planStack(inputs, run);
  const workingDirectory = toWorkspacePath(run.workspace, inputs.workingDirectory);
  const workspace = inputs.workspace ?? 'default';
  // Asked first, so that git runs while the release is checked and init runs; it never fails (GITHUB_SHA
  // when there is no git checkout).
  const commit = checkedOutCommit(deps.exec, logger, {
    directory: inputs.workingDirectory,
    workspace: run.workspace,
    fallback: run.sha,
  });
  // Before the tool runs: a promotion or rollback that is not exactly its release is refused at once.
  const binding = inputs.sourceRelease
    ? await bindPlanToRelease(await deploymentsFor(inputs, deps), {
        deploymentId: inputs.sourceRelease,
        kind: inputs.sourceKind,
        rollbackScope: inputs.rollbackScope,
        environment: inputs.environment,
        stack,
        commit: await commit,
        vars: inputs.vars,
        imageVariable: inputs.imageVariable,
        varFiles: inputs.varFiles,
        roots: run,
      })
    : undefined;
  if (binding) logger.info(describeSource(binding, Date.now()));
  // Its version comes from init's first message, a process start-up fewer on the way to the plan,
  // unless an upstream's state is read before init: reading it needs the version.
  const located = locateTool(inputs.binary);
  const versioned = inputs.stackInputs.length > 0 ? await readToolVersion(located, deps.exec) : undefined;
  logger.info(
    `Planning stack ${stack} (${workingDirectory}, workspace ${workspace}) with ${located.name} (${located.path})`,
  );

  const cli = new TerraformCli({
    tool: versioned ?? located,
    exec: deps.exec,
    logger,
    cwd: inputs.workingDirectory,
    relativeDir: workingDirectory,
  });
  // Before this stack's init, which may share the directory of an upstream whose state is read.
  const received = versioned
    ? await receiveStackInputs(
        inputs.stackInputs,
        {
          stack,
          directory: inputs.workingDirectory,
          varNames: inputs.vars.map(([name]) => name),
          sealed: Boolean(inputs.encryptionKey),
        },
        { tool: versioned, exec: deps.exec, logger, workspace: run.workspace, scratch: run.runnerTemp },
      )
    : { records: [], values: {}, pending: [] };
  const backend = await logger.group(`${located.name} init`, () =>
    cli.init({ backendConfig: inputs.backendConfig }),
  );
  const tool = cli.tool;
  // Before the plan: the tool would write a credential in the backend configuration into the planfile.
  if (backend) refuseBackendCredentials(backend);
  if (workspace !== 'default') await cli.selectWorkspace(workspace);

  const scratch = await mkdtemp(join(run.runnerTemp, `iac-plan-${stack}-`));
  const planfile = join(scratch, PLAN_FILE);
  // The values live in a var file of the run's temp, given last so that no var file of the stack's
  // overrides them, and gone once the planfile holds them.
  const inputsFile = join(scratch, 'stack-inputs.tfvars.json');
  if (received.records.length > 0) {
    await writeFile(inputsFile, JSON.stringify(received.values), { mode: 0o600 });
  }
  const planning = logger.group(`${tool.name} plan`, () =>
    cli.plan({
      out: planfile,
      vars: inputs.vars,
      varFiles: received.records.length > 0 ? [...inputs.varFiles, inputsFile] : inputs.varFiles,
      targets: inputs.targets,
      replace: inputs.replace,
      destroy: inputs.destroy,
      refreshOnly: inputs.refreshOnly || inputs.mode === 'drift',
      ...(inputs.lockTimeout ? { lockTimeout: inputs.lockTimeout } : {}),
      ...(inputs.parallelism ? { parallelism: inputs.parallelism } : {}),
    }),
  );
  // While the plan runs: the state it starts from (a plan does not write the state, so both read the
  // same one), then the artifact library the upload will need. Loading it holds the main thread, so it
  // waits until both tool processes have started: the state pull's end is a moment when they have.
  const pullingState = cli.statePull();
  pullingState.then(
    () => deps.artifacts.prepare?.(),
    () => undefined,
  );
  const [planned, state] = await Promise.all([planning, pullingState]).finally(() =>
    rm(inputsFile, { force: true }),
  );
  const priorState = priorStateOf(state);
  const document = await cli.show(planfile);
  assertVariablesDeclared(
    document,
    inputs.vars.map(([name]) => name),
  );
  const jsonPath = join(scratch, PLAN_JSON_FILE);
  await writeFile(jsonPath, JSON.stringify(document));
  const summary = summarizePlan(document);
  const model = buildPlanModel(document, { diagnostics: planned.diagnostics });
  const policy =
    inputs.policy.length > 0 ? await checkPlanPolicy(inputs, document, jsonPath, scratch, deps) : undefined;

  const lockFile = join(inputs.workingDirectory, LOCK_FILE);
  const bundleDir = join(scratch, 'bundle');
  const manifest = await writePlanBundle(bundleDir, {
    producer: { action: 'tf-plan', version: SUITE_VERSION },
    stack,
    workingDirectory,
    workspace,
    commit: await commit,
    ref: run.ref,
    runId: run.runId,
    runAttempt: run.runAttempt,
    tool: { name: tool.name, version: tool.version },
    varFiles: await Promise.all(
      inputs.varFiles.map(async (path) => ({
        path: relative(run.workspace, path),
        sha256: await sha256File(path),
      })),
    ),
    files: {
      [PLAN_FILE]: planfile,
      [PLAN_JSON_FILE]: jsonPath,
      ...(existsSync(lockFile) ? { [LOCK_FILE]: lockFile } : {}),
    },
    priorState,
    backend: backendRecord(backend),
    ...(binding ? { source: binding } : {}),
    ...(received.records.length > 0 ? { inputs: received.records } : {}),
    ...(received.pending.length > 0 ? { provisional: true } : {}),
    ...(inputs.destroy ? { destroy: true } : {}),
    ...(policy ? { policy: policy.result } : {}),
    summary: {
      add: summary.add,
      change: summary.change,
      destroy: summary.destroy,
      replace: summary.replace,
      import: summary.import,
      move: summary.move,
      hasChanges: summary.hasChanges,
      destroys: summary.destroys,
      deletes: summary.deletes,
    },
  });
  logger.info(`Plan digest ${manifest.planDigest}`);

  const name = artifactName(inputs.artifactPrefix, 'plan', stack);
  const result: TfPlanResult = {
    stack,
    workspace,
    exitCode: planned.exitCode,
    summary,
    model,
    manifest,
    jsonPath,
    artifactName: name,
    // A refresh-only plan lists what changed outside of the configuration as drift, not as changes.
    ...(inputs.mode === 'drift' ? { drift: model.counts.drift > 0 } : {}),
    ...(policy ? { policySarif: policy.sarifPath } : {}),
  };

  // A plan refused by policy is reported in full but not uploaded, so that no job can apply it.
  if (summary.destroys && inputs.onDestroy === 'fail') {
    result.refusal = `The plan deletes or replaces ${summary.deletes.length} resource(s) and on-destroy is "fail": ${summary.deletes.join(', ')}. No plan bundle was uploaded.`;
    return result;
  }
  if (summary.destroys) {
    logger.warning(`The plan deletes or replaces: ${summary.deletes.join(', ')}`, {
      title: `Destructive plan for ${stack}`,
    });
  }

  const { files, root } = await uploadableFiles(bundleDir, scratch, inputs.encryptionKey);
  result.artifact = await deps.artifacts.upload(name, files, root);
  logger.info(`Uploaded the plan bundle as ${name} (digest ${shortDigest(manifest.planDigest)})`);
  return result;
}

/**
 * The policy check of the plan, before it is bundled: a check that cannot run stops the step with no
 * bundle; failures are annotated on the blocks they name and written as SARIF beside the plan.
 */
async function checkPlanPolicy(
  inputs: TfPlanInputs,
  document: PlanDocument,
  jsonPath: string,
  scratch: string,
  deps: TfPlanDependencies,
): Promise<{ result: PolicyResult; sarifPath: string }> {
  const { logger, run } = deps;
  const result = await logger.group('policy check (conftest)', () =>
    checkPolicy(
      {
        policyDirs: inputs.policy,
        dataFiles: inputs.policyData,
        namespace: inputs.policyNamespace ?? DEFAULT_POLICY_NAMESPACE,
        mode: inputs.policyMode,
        planJson: jsonPath,
        addresses: (document.resource_changes ?? []).map((change) => change.address),
        workspace: run.workspace,
        redact: planSecretsRedactor(document),
      },
      deps,
    ),
  );
  const shownDirectory = toWorkspacePath(run.workspace, inputs.workingDirectory);
  const locations = await blockLocations(inputs.workingDirectory, shownDirectory);
  annotatePolicy(result, locations, logger);
  const sarifPath = join(scratch, POLICY_SARIF_FILE);
  await writeFile(sarifPath, `${JSON.stringify(policySarif(result, locations, shownDirectory), null, 2)}\n`);
  if (!result.passed) {
    logger.warning(
      result.mode === 'enforce'
        ? `${result.failures.length} policy failure(s): the plan is bundled, but no approval counts and tf-apply refuses it until a policy owner accepts exactly these failures (/approve-policy <digest>).`
        : `${result.failures.length} policy failure(s), shown only: policy-mode is warn.`,
      { title: 'Policy check failed' },
    );
  }
  return { result, sarifPath };
}

/**
 * The plan's sensitive values (changes' before and after under their masks, sensitive root variables)
 * replaced in text: the manifest is in the clear even when the bundle is sealed, and the comment is public.
 */
function planSecretsRedactor(document: PlanDocument): ((text: string) => string) | undefined {
  const secrets = new SecretCollector();
  for (const change of document.resource_changes ?? []) secrets.addChange(change);
  secrets.addVariables(document.variables, document.configuration);
  return secrets.textRedactor();
}

/** The deployments API for a plan bound to a release: the one given, or one made from github-token. */
async function deploymentsFor(inputs: TfPlanInputs, deps: TfPlanDependencies): Promise<DeploymentsApi> {
  if (deps.deployments) return deps.deployments();
  const client = lazyGitHubClient(
    inputs.githubToken,
    deps.logger,
    deps.run,
    () =>
      new ConfigurationError(
        'Input "github-token" is required with source-release, to read the release from its deployment.',
      ),
  );
  return deploymentsApi(await client(), deps.run);
}

/**
 * The bundle as uploaded: its files, or with an encryption key, the manifest in the clear (it names no
 * resource value, and the approval gate reads it without the key) beside one sealed file holding all.
 */
async function uploadableFiles(
  bundleDir: string,
  scratch: string,
  key: string | undefined,
): Promise<{ files: string[]; root: string }> {
  if (!key) {
    const names = [PLAN_FILE, PLAN_JSON_FILE, MANIFEST_FILE, LOCK_FILE].filter((name) =>
      existsSync(join(bundleDir, name)),
    );
    return { files: names.map((name) => join(bundleDir, name)), root: bundleDir };
  }
  const sealedDir = join(scratch, 'sealed');
  await mkdir(sealedDir, { recursive: true });
  const sealed = join(sealedDir, ENCRYPTED_BUNDLE_FILE);
  await writeFile(sealed, await encryptDirectory(bundleDir, key));
  const manifestCopy = join(sealedDir, MANIFEST_FILE);
  await copyFile(join(bundleDir, MANIFEST_FILE), manifestCopy);
  return { files: [manifestCopy, sealed], root: sealedDir };
}
