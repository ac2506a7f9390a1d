import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { sha256File } from '../contracts/digest.js';
import type { PlanManifest, ReleaseBinding } from '../contracts/manifest.js';
import { RELEASE_KIND, RELEASE_SCHEMA, readRelease, type Release } from '../contracts/release.js';
import { ConfigurationError } from '../core/errors.js';
import type { DeploymentsApi } from '../github/deployments.js';
import { releaseName, releaseRef } from './promotion.js';
import { changedVarFiles, varFilesRefusal } from './rollback.js';

/**
 * A plan that deploys a release again (a promotion's source, a rollback's target) is bound to it: the
 * manifest records which deployment holds the release, its commit and image and the value the stack's
 * image variable was given, all inside the plan digest. tf-plan binds the plan and refuses one that is
 * not the release's; tf-apply reads the deployment again and refuses a bundle whose commit or image
 * differ from it, whatever the bundle claims.
 */

export type BindingKind = ReleaseBinding['kind'];
export type BindingScope = ReleaseBinding['scope'];

/** The release a deployment carries as its payload; a deployment without one is the caller's mistake. */
export async function releaseOfDeployment(
  api: Pick<DeploymentsApi, 'get'>,
  deploymentId: number,
  reader: string,
): Promise<Release> {
  const deployment = await api.get(deploymentId);
  let payload = deployment.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload) as unknown;
    } catch {
      payload = undefined;
    }
  }
  const schema = (payload as { schema?: unknown } | null | undefined)?.schema;
  if (typeof schema !== 'string' || !schema.startsWith(`${RELEASE_KIND}@`)) {
    throw new ConfigurationError(
      `Deployment ${deploymentId} holds no ${RELEASE_SCHEMA} record: it is not a release (releases are the deployments the release action records after smoke tests)`,
    );
  }
  const release = readRelease(payload, { reader, file: `the payload of deployment ${deploymentId}` });
  if (deployment.environment && deployment.environment.toLowerCase() !== release.environment.toLowerCase()) {
    throw new ConfigurationError(
      `Deployment ${deploymentId} is of ${deployment.environment} but holds a release of ${release.environment}: a release record names the environment it was deployed to`,
    );
  }
  return release;
}

/** What a stack's plan gives the image: the release's image id, or its name when the builder has no id. */
export function imageIdentifier(release: {
  image?: { id: string; name: string; identifier?: string | undefined } | undefined;
}): string | undefined {
  if (!release.image) return undefined;
  return release.image.identifier ?? (release.image.id || release.image.name);
}

export interface BindingOptions {
  kind: BindingKind;
  scope: BindingScope;
  deploymentId: number;
  /** The stack's image variable and the value its plan is given. */
  imageVariable?: { name: string; value: string } | undefined;
}

export function bindingOf(release: Release, options: BindingOptions): ReleaseBinding {
  return {
    ...releaseRef(release),
    kind: options.kind,
    scope: options.scope,
    deploymentId: options.deploymentId,
    ...(options.imageVariable ? { imageVariable: options.imageVariable } : {}),
  };
}

export interface BoundPlan {
  /** The commit the plan is (or was) made at. */
  commit: string;
  /** The value the stack's image variable has in the plan; undefined when the plan has no such variable. */
  imageValue?: string | undefined;
}

/**
 * What is wrong with a plan bound to `release` by `binding`: each refusal a sentence. The binding must
 * be the release's (the deployment is what counts, not what a bundle claims), the plan must be made at
 * the release's commit unless the scope is `image`, and the image variable must carry its image.
 */
export function bindingRefusals(binding: ReleaseBinding, release: Release, plan: BoundPlan): string[] {
  const name = releaseName(release);
  const refusals: string[] = [];
  const recorded = `deployment ${binding.deploymentId} holds ${name}`;
  if (binding.runId !== release.runId || binding.runAttempt !== release.runAttempt) {
    refusals.push(
      `The plan names release ${binding.runId} (attempt ${binding.runAttempt}), but ${recorded}.`,
    );
  }
  if (binding.environment.toLowerCase() !== release.environment.toLowerCase()) {
    refusals.push(`The plan names a release of ${binding.environment}, but ${recorded}.`);
  }
  if (binding.commit !== release.commit) {
    refusals.push(
      `The plan names commit ${binding.commit.slice(0, 12)}, but ${name} is commit ${release.commit.slice(0, 12)}.`,
    );
  }
  const image = imageIdentifier(release);
  const boundImage = binding.image ? imageIdentifier(binding) : undefined;
  if (boundImage !== image) {
    refusals.push(
      `The plan names ${boundImage === undefined ? 'no image' : `image ${boundImage}`}, but ${name} runs ${image === undefined ? 'no image' : `image ${image}`}.`,
    );
  }
  if (binding.scope === 'release' && plan.commit !== release.commit) {
    refusals.push(
      `The plan was made at commit ${plan.commit.slice(0, 12)}, but ${name} is commit ${release.commit.slice(0, 12)}: ${binding.kind === 'promotion' ? 'a promotion' : 'a rollback of scope release'} plans the release's own commit.`,
    );
  }
  if (binding.imageVariable) {
    const { name: variable } = binding.imageVariable;
    if (image === undefined) {
      refusals.push(`The stack takes its image as ${variable}, but ${name} built no image.`);
    } else if (plan.imageValue !== image) {
      const given = plan.imageValue === undefined ? 'no value' : JSON.stringify(plan.imageValue);
      refusals.push(`The plan gives ${variable} ${given}, but ${name} runs image ${JSON.stringify(image)}.`);
    } else if (binding.imageVariable.value !== image) {
      refusals.push(
        `The plan's binding records ${variable} = ${JSON.stringify(binding.imageVariable.value)}, but ${name} runs image ${JSON.stringify(image)}.`,
      );
    }
  }
  return refusals;
}

/** The value a plan's JSON (`tofu show -json`) gives a root variable; undefined when it has none. */
export function planVariable(planJson: unknown, variable: string): string | undefined {
  const variables = (planJson as { variables?: Record<string, { value?: unknown }> } | null)?.variables;
  const value = variables?.[variable]?.value;
  return typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value);
}

export interface PlanBindingRequest {
  deploymentId: number;
  kind: BindingKind;
  /** For a rollback; a promotion is always of the release's own commit. */
  rollbackScope: BindingScope;
  /** The environment planned for (tf-plan's `environment`), when given. */
  environment?: string | undefined;
  stack: string;
  /** The commit checked out. */
  commit: string;
  /** tf-plan's `vars`: the image variable's value is among them. */
  vars: ReadonlyArray<readonly [string, string]>;
  imageVariable?: string | undefined;
  /** tf-plan's `var-files`, absolute. */
  varFiles: readonly string[];
  roots: { workspace: string; runnerTemp: string };
}

/**
 * tf-plan's binding of a plan to the release it deploys again, read from the release's deployment:
 * refused when a promotion targets the release's own environment or a rollback another one, the stack
 * is not the release's, the checkout is not its commit (scope release), the image variable does not
 * carry its image, or (rollback) the var files are not the ones it recorded or no longer hash the same.
 */
export async function bindPlanToRelease(
  api: Pick<DeploymentsApi, 'get'>,
  request: PlanBindingRequest,
): Promise<ReleaseBinding> {
  const { deploymentId, kind, environment: target, stack } = request;
  const release = await releaseOfDeployment(api, deploymentId, 'tf-plan');
  const refuse = (reason: string): never => {
    const what = kind === 'promotion' ? 'promote' : 'roll back to';
    throw new ConfigurationError(
      `Refusing to ${what} ${releaseName(release)} (deployment ${deploymentId}): ${reason}`,
    );
  };
  const same = target?.toLowerCase() === release.environment.toLowerCase();
  if (target && kind === 'promotion' && same) {
    refuse(`it is already a release of ${target}; a promotion deploys a release of another environment`);
  }
  if (target && kind === 'rollback' && !same) {
    refuse(
      `it is a release of ${release.environment}, not of ${target}; a rollback goes back to a release of its own environment`,
    );
  }
  if (!release.stacks.some((s) => s.stack === stack)) {
    refuse(
      `it has no stack "${stack}" (it deployed ${release.stacks.map((s) => `"${s.stack}"`).join(', ')})`,
    );
  }
  let imageVariable: { name: string; value: string } | undefined;
  if (request.imageVariable) {
    const name = request.imageVariable;
    const value = request.vars.find(([given]) => given === name)?.[1];
    if (!value) {
      refuse(
        `input "vars" gives no ${name}, which image-variable names: give it the release's image, ${JSON.stringify(imageIdentifier(release) ?? '')}`,
      );
    }
    imageVariable = { name, value: value ?? '' };
  }
  const scope = kind === 'promotion' ? 'release' : request.rollbackScope;
  const binding = bindingOf(release, { kind, scope, deploymentId, imageVariable });
  const refusals = bindingRefusals(binding, release, {
    commit: request.commit,
    imageValue: imageVariable?.value,
  });
  if (refusals.length > 0) refuse(refusals.join(' '));
  if (kind === 'rollback') await refuseChangedStackVarFiles(release, stack, request.varFiles, request.roots);
  return binding;
}

/**
 * tf-apply's check of a bound bundle: the release is read again from its deployment, and the bundle's
 * commit and the image its planfile was given must be the release's.
 */
export async function refuseUnboundApply(
  manifest: PlanManifest,
  planJson: unknown,
  api: Pick<DeploymentsApi, 'get'>,
): Promise<Release | undefined> {
  const binding = manifest.source;
  if (!binding) return undefined;
  const release = await releaseOfDeployment(api, binding.deploymentId, 'tf-apply');
  const refusals = bindingRefusals(binding, release, {
    commit: manifest.commit,
    imageValue: binding.imageVariable ? planVariable(planJson, binding.imageVariable.name) : undefined,
  });
  if (refusals.length > 0) {
    const what = binding.kind === 'promotion' ? 'promotion' : 'rollback';
    throw new ConfigurationError(
      `Refusing to apply this ${what} of ${releaseName(release)}: ${refusals.join(' ')} Nothing was applied; plan the ${what} again.`,
    );
  }
  return release;
}

/**
 * A rollback plans the release again, so the stack's var files must be the ones it recorded, and still
 * hash the same. Recorded paths outside the workspace and the runner's temp are not read: they count
 * as gone (a var file a step wrote to RUNNER_TEMP in the release's run is gone from every later run).
 */
export async function refuseChangedStackVarFiles(
  release: Release,
  stack: string,
  given: readonly string[],
  roots: { workspace: string; runnerTemp: string },
): Promise<void> {
  const recorded = release.stacks.find((s) => s.stack === stack);
  if (!recorded) {
    throw new ConfigurationError(
      `Stack "${stack}" is not part of ${releaseName(release)}, which deployed ${release.stacks.map((s) => `"${s.stack}"`).join(', ')}: a rollback plans the stacks of the release`,
    );
  }
  const givenPaths = given.map((path) => relative(roots.workspace, path));
  const recordedPaths = recorded.varFiles.map((f) => f.path);
  const missing = recordedPaths.filter((p) => !givenPaths.includes(p));
  const extra = givenPaths.filter((p) => !recordedPaths.includes(p));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      ...(missing.length > 0 ? [`it recorded ${missing.join(', ')}, which var-files does not give`] : []),
      ...(extra.length > 0 ? [`var-files gives ${extra.join(', ')}, which it did not use`] : []),
    ];
    throw new ConfigurationError(
      `Refusing to roll back stack "${stack}" to ${releaseName(release)}: the var files are not the release's (${parts.join('; ')}).`,
    );
  }
  const inside = (path: string, root: string) => {
    const rel = relative(resolve(root), path);
    return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
  };
  const hashNow = async (path: string) => {
    const absolute = isAbsolute(path) ? resolve(path) : join(roots.workspace, path);
    if (!inside(absolute, roots.workspace) && !inside(absolute, roots.runnerTemp)) return undefined;
    return sha256File(absolute).catch(() => undefined);
  };
  const ofStack = { ...release, stacks: [recorded] };
  const refusal = varFilesRefusal(ofStack, await changedVarFiles(ofStack, hashNow));
  if (refusal) throw new ConfigurationError(refusal);
}
