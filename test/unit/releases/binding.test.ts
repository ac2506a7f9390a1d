import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReleaseBinding } from '../../../src/contracts/manifest.js';
import type { Release } from '../../../src/contracts/release.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import type { DeploymentRecord } from '../../../src/github/deployments.js';
import {
  bindPlanToRelease,
  bindingOf,
  bindingRefusals,
  imageIdentifier,
  planVariable,
  refuseChangedStackVarFiles,
  refuseUnboundApply,
  releaseOfDeployment,
  type PlanBindingRequest,
} from '../../../src/releases/binding.js';
import { refusal, tempDir } from '../contracts/fixtures.js';
import {
  ALL_GREEN,
  COMMIT,
  CREATED_AT,
  hashed,
  planManifest,
  recordedRelease,
  RUN_ID,
  sha256,
  smokeResults,
} from './fixtures.js';

/**
 * The binding of a plan to the release it deploys again: what tf-plan records and refuses, and what
 * tf-apply checks again against the deployment, whatever the bundle claims.
 */

const IMAGE = 'ami-0c55b159cbfafe1f0';
const NAME = `release ${RUN_ID} of staging`;
const OTHER_COMMIT = 'e'.repeat(40);
const DEPLOYMENT = 4711;

const release = (): Release => recordedRelease();

/** A rollback of staging to the fixture release, the stack taking its image as `image_id`. */
function binding(overrides: Partial<ReleaseBinding> = {}): ReleaseBinding {
  return {
    ...bindingOf(release(), {
      kind: 'rollback',
      scope: 'release',
      deploymentId: DEPLOYMENT,
      imageVariable: { name: 'image_id', value: IMAGE },
    }),
    ...overrides,
  };
}

const atRelease = { commit: COMMIT, imageValue: IMAGE };

/** A deployments API whose `get` answers one deployment, as GitHub's GET /deployments/{id} would. */
function getting(deployment: Partial<DeploymentRecord>) {
  const asked: number[] = [];
  return {
    asked,
    api: {
      async get(id: number): Promise<DeploymentRecord> {
        asked.push(id);
        return {
          id,
          sha: COMMIT,
          created_at: '2026-03-02T09:16:00Z',
          payload: {},
          environment: 'staging',
          ...deployment,
        };
      },
    },
  };
}

describe('bindingOf', () => {
  it("records the release's deployment, run, commit, image, smoke totals and the stack's image variable", () => {
    expect(binding()).toEqual({
      kind: 'rollback',
      scope: 'release',
      environment: 'staging',
      deploymentId: DEPLOYMENT,
      runId: RUN_ID,
      runAttempt: 1,
      commit: COMMIT,
      createdAt: CREATED_AT,
      image: { id: IMAGE, name: 'web-base' },
      imageVariable: { name: 'image_id', value: IMAGE },
      smoke: { passed: 22, total: 22 },
    });
  });

  it('leaves out the image, the image variable and the smoke totals a release does not have', () => {
    const bare = recordedRelease({ image: undefined, smoke: [] });
    expect(bindingOf(bare, { kind: 'promotion', scope: 'release', deploymentId: 9 })).toEqual({
      kind: 'promotion',
      scope: 'release',
      environment: 'staging',
      deploymentId: 9,
      runId: RUN_ID,
      runAttempt: 1,
      commit: COMMIT,
      createdAt: CREATED_AT,
    });
  });
});

describe('imageIdentifier', () => {
  it("is the image id, else the image's name (builders without an artifact id), else nothing", () => {
    expect(imageIdentifier(release())).toBe(IMAGE);
    const image = { ...release().image!, id: '' };
    expect(imageIdentifier({ image })).toBe('web-base');
    expect(imageIdentifier({ image: undefined })).toBeUndefined();
  });
});

describe('bindingRefusals', () => {
  it("refuses nothing for a plan of the release's commit that gives the stack the release's image", () => {
    expect(bindingRefusals(binding(), release(), atRelease)).toEqual([]);
  });

  it('refuses a binding naming another run or attempt than the deployment holds', () => {
    expect(bindingRefusals(binding({ runId: 700 }), release(), atRelease)).toEqual([
      `The plan names release 700 (attempt 1), but deployment ${DEPLOYMENT} holds ${NAME}.`,
    ]);
    expect(bindingRefusals(binding({ runAttempt: 2 }), release(), atRelease)).toEqual([
      `The plan names release ${RUN_ID} (attempt 2), but deployment ${DEPLOYMENT} holds ${NAME}.`,
    ]);
  });

  it('refuses a binding naming another environment, whatever its case', () => {
    expect(bindingRefusals(binding({ environment: 'prod' }), release(), atRelease)).toEqual([
      `The plan names a release of prod, but deployment ${DEPLOYMENT} holds ${NAME}.`,
    ]);
    expect(bindingRefusals(binding({ environment: 'Staging' }), release(), atRelease)).toEqual([]);
  });

  it("refuses a binding naming another commit than the release's", () => {
    // Scope image: the plan is made at this run's commit, so only the binding's own commit is wrong.
    expect(
      bindingRefusals(binding({ commit: OTHER_COMMIT, scope: 'image' }), release(), {
        ...atRelease,
        commit: OTHER_COMMIT,
      }),
    ).toEqual([`The plan names commit eeeeeeeeeeee, but ${NAME} is commit 3f5e2a9c1b7d.`]);
  });

  it('refuses a binding naming another image, an image the release did not build, or none', () => {
    const other = { id: 'ami-0ffffffffffffffff', name: 'web-base' };
    expect(bindingRefusals(binding({ image: other }), release(), atRelease)).toEqual([
      `The plan names image ami-0ffffffffffffffff, but ${NAME} runs image ${IMAGE}.`,
    ]);
    const { image: _image, ...imageless } = binding();
    expect(bindingRefusals(imageless, release(), atRelease)).toEqual([
      `The plan names no image, but ${NAME} runs image ${IMAGE}.`,
    ]);
    const built = recordedRelease({ image: undefined });
    const { imageVariable: _variable, ...unvaried } = binding();
    expect(bindingRefusals(unvaried, built, atRelease)).toEqual([
      `The plan names image ${IMAGE}, but ${NAME} runs no image.`,
    ]);
  });

  it("refuses a plan of another commit for scope release, and takes this run's commit for scope image", () => {
    const elsewhere = { ...atRelease, commit: OTHER_COMMIT };
    expect(bindingRefusals(binding(), release(), elsewhere)).toEqual([
      `The plan was made at commit eeeeeeeeeeee, but ${NAME} is commit 3f5e2a9c1b7d: a rollback of scope release plans the release's own commit.`,
    ]);
    expect(bindingRefusals(binding({ kind: 'promotion' }), release(), elsewhere)).toEqual([
      `The plan was made at commit eeeeeeeeeeee, but ${NAME} is commit 3f5e2a9c1b7d: a promotion plans the release's own commit.`,
    ]);
    expect(bindingRefusals(binding({ scope: 'image' }), release(), elsewhere)).toEqual([]);
  });

  it('refuses an image variable the plan gives no value, another value, or that the binding records otherwise', () => {
    expect(bindingRefusals(binding(), release(), { commit: COMMIT })).toEqual([
      `The plan gives image_id no value, but ${NAME} runs image "${IMAGE}".`,
    ]);
    expect(bindingRefusals(binding(), release(), { commit: COMMIT, imageValue: 'ami-0old' })).toEqual([
      `The plan gives image_id "ami-0old", but ${NAME} runs image "${IMAGE}".`,
    ]);
    const recorded = binding({ imageVariable: { name: 'image_id', value: 'ami-0old' } });
    expect(bindingRefusals(recorded, release(), atRelease)).toEqual([
      `The plan's binding records image_id = "ami-0old", but ${NAME} runs image "${IMAGE}".`,
    ]);
  });

  it('refuses an image variable when the release built no image', () => {
    const built = recordedRelease({ image: undefined });
    const { image: _image, ...imageless } = binding();
    expect(bindingRefusals(imageless, built, atRelease)).toEqual([
      `The stack takes its image as image_id, but ${NAME} built no image.`,
    ]);
  });

  it('says every refusal at once', () => {
    const wrong = binding({ runId: 700, commit: OTHER_COMMIT });
    expect(bindingRefusals(wrong, release(), { commit: OTHER_COMMIT })).toHaveLength(4);
  });
});

describe('planVariable', () => {
  const plan = {
    variables: {
      image_id: { value: IMAGE },
      instance_count: { value: 2 },
      tags: { value: { team: 'web' } },
      unset: {},
    },
  };

  it("gives a root variable's value as the plan JSON has it, other types as JSON", () => {
    expect(planVariable(plan, 'image_id')).toBe(IMAGE);
    expect(planVariable(plan, 'instance_count')).toBe('2');
    expect(planVariable(plan, 'tags')).toBe('{"team":"web"}');
  });

  it('gives nothing for a variable the plan does not have, or a plan without variables', () => {
    expect(planVariable(plan, 'unset')).toBeUndefined();
    expect(planVariable(plan, 'ami')).toBeUndefined();
    expect(planVariable({}, 'image_id')).toBeUndefined();
    expect(planVariable(null, 'image_id')).toBeUndefined();
  });
});

describe('releaseOfDeployment', () => {
  it('reads the release a deployment carries as its payload, as an object or as JSON text', async () => {
    const { api, asked } = getting({ payload: release() });
    expect(await releaseOfDeployment(api, DEPLOYMENT, 'tf-plan')).toEqual(release());
    expect(asked).toEqual([DEPLOYMENT]);
    const text = getting({ payload: JSON.stringify(release()) });
    expect(await releaseOfDeployment(text.api, DEPLOYMENT, 'tf-plan')).toEqual(release());
    const unnamed = getting({ payload: release(), environment: undefined });
    expect(await releaseOfDeployment(unnamed.api, DEPLOYMENT, 'tf-plan')).toEqual(release());
  });

  it("refuses a deployment that is not a release: tf-apply's per-stack payload, no payload, text that is not JSON", async () => {
    const notARelease = `Deployment ${DEPLOYMENT} holds no iac/release@1 record: it is not a release (releases are the deployments the release action records after smoke tests)`;
    for (const payload of [{ stack: 'vms', planDigest: 'sha256:0' }, {}, null, 'not json', '[]']) {
      const { api } = getting({ payload });
      expect(await refusal(() => releaseOfDeployment(api, DEPLOYMENT, 'tf-plan'))).toBe(notARelease);
    }
  });

  it('refuses a release of another environment than the deployment', async () => {
    const { api } = getting({ payload: release(), environment: 'prod' });
    expect(await refusal(() => releaseOfDeployment(api, DEPLOYMENT, 'tf-plan'))).toBe(
      `Deployment ${DEPLOYMENT} is of prod but holds a release of staging: a release record names the environment it was deployed to`,
    );
    const cased = getting({ payload: release(), environment: 'STAGING' });
    expect(await releaseOfDeployment(cased.api, DEPLOYMENT, 'tf-plan')).toEqual(release());
  });

  it('refuses a release record it cannot read, naming the deployment and the reader', async () => {
    const { api } = getting({ payload: { ...release(), schema: 'iac/release@2' } });
    expect(await refusal(() => releaseOfDeployment(api, DEPLOYMENT, 'tf-apply'))).toMatch(
      new RegExp(
        `^the payload of deployment ${DEPLOYMENT} is iac/release@2, but this version of tf-apply reads iac/release@1`,
      ),
    );
    const broken = getting({ payload: { ...release(), commit: 'main' } });
    expect(await refusal(() => releaseOfDeployment(broken.api, DEPLOYMENT, 'tf-apply'))).toBe(
      `the payload of deployment ${DEPLOYMENT}: commit must be a commit SHA: 40 (or 64) lowercase hex digits`,
    );
  });

  it("passes on get's refusal of a deployment that does not exist", async () => {
    // deploymentsApi turns GitHub's 404 into this ConfigurationError; releaseOfDeployment adds nothing.
    const missing = new ConfigurationError(`Deployment ${DEPLOYMENT} does not exist in acme/infra`);
    const api = { get: async (): Promise<DeploymentRecord> => Promise.reject(missing) };
    await expect(releaseOfDeployment(api, DEPLOYMENT, 'tf-plan')).rejects.toBe(missing);
  });
});

describe('refuseUnboundApply', () => {
  const planJson = { variables: { image_id: { value: IMAGE } } };

  it('checks nothing for a plan bound to no release', async () => {
    const { api, asked } = getting({ payload: release() });
    expect(await refuseUnboundApply(planManifest('vms'), planJson, api)).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('reads the release again from its deployment and lets a bundle of its commit and image through', async () => {
    const { api, asked } = getting({ payload: release() });
    const manifest = planManifest('vms', { source: binding() });
    expect(await refuseUnboundApply(manifest, planJson, api)).toEqual(release());
    expect(asked).toEqual([DEPLOYMENT]);
  });

  it('refuses a bundle whose commit or planned image are not the deployed release’s, whatever it claims', async () => {
    // The deployment now holds another run's release: the bundle's binding no longer names it.
    const moved = recordedRelease({ run: { runId: 900, runAttempt: 1 }, smoke: [] });
    const { api } = getting({ payload: moved });
    const manifest = planManifest('vms', { source: binding() });
    expect(await refusal(() => refuseUnboundApply(manifest, planJson, api))).toBe(
      'Refusing to apply this rollback of release 900 of staging: ' +
        `The plan names release ${RUN_ID} (attempt 1), but deployment ${DEPLOYMENT} holds release 900 of staging. ` +
        'Nothing was applied; plan the rollback again.',
    );
    const promoted = planManifest('vms', { source: binding({ kind: 'promotion' }) });
    const stale = { variables: { image_id: { value: 'ami-0old' } } };
    expect(
      await refusal(() => refuseUnboundApply(promoted, stale, getting({ payload: release() }).api)),
    ).toBe(
      `Refusing to apply this promotion of ${NAME}: The plan gives image_id "ami-0old", but ${NAME} runs image "${IMAGE}". ` +
        'Nothing was applied; plan the promotion again.',
    );
  });
});

describe('refuseChangedStackVarFiles', () => {
  const parents: string[] = [];
  afterAll(() => {
    for (const parent of parents) rmSync(parent, { recursive: true, force: true });
  });
  const STAGING = 'environment = "staging"\ninstance_count = 2\n';
  const VMS = 'image_id = "ami-0c55b159cbfafe1f0"\n';

  /**
   * A workspace and a runner temp beside it, and a release whose vms stack used `recorded` (paths as
   * tf-plan records them: relative to the workspace, `../temp/…` for the runner's temp).
   */
  function roots(files: Record<string, string>, recorded: Record<string, string>) {
    const parent = tempDir('binding-');
    parents.push(parent);
    const workspace = join(parent, 'ws');
    const runnerTemp = join(parent, 'temp');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    mkdirSync(runnerTemp, { recursive: true });
    const varFiles = Object.entries(recorded).map(([path, text]) => ({ path, sha256: sha256(text) }));
    const rel = recordedRelease({
      manifests: [planManifest('network'), planManifest('vms', { varFiles })],
      smoke: [hashed(smokeResults('vms', ALL_GREEN))],
    });
    const given = (...paths: string[]) => paths.map((p) => join(workspace, p));
    return { parent, workspace, runnerTemp, release: rel, given, roots: { workspace, runnerTemp } };
  }

  const both = { 'infra/staging.tfvars': STAGING, 'infra/vms/staging.tfvars': VMS };

  it('lets through the var files the release recorded, hashing as it recorded them', async () => {
    const r = roots(both, both);
    await expect(
      refuseChangedStackVarFiles(
        r.release,
        'vms',
        r.given('infra/staging.tfvars', 'infra/vms/staging.tfvars'),
        r.roots,
      ),
    ).resolves.toBeUndefined();
  });

  it('refuses a var file that changed, or is gone', async () => {
    const r = roots({ ...both, 'infra/vms/staging.tfvars': 'image_id = "ami-0old"\n' }, both);
    const now = sha256('image_id = "ami-0old"\n');
    const given = r.given('infra/staging.tfvars', 'infra/vms/staging.tfvars');
    expect(await refusal(() => refuseChangedStackVarFiles(r.release, 'vms', given, r.roots))).toBe(
      `Refusing to roll back to ${NAME}: a var file no longer hashes as the release recorded, so the plan would not be the release's: ` +
        `infra/vms/staging.tfvars (stack vms) has sha256 ${now.slice(0, 12)}…, not ${sha256(VMS).slice(0, 12)}…. ` +
        'Restore it as the release had it.',
    );
    rmSync(join(r.workspace, 'infra/vms/staging.tfvars'));
    rmSync(join(r.workspace, 'infra/staging.tfvars'));
    expect(await refusal(() => refuseChangedStackVarFiles(r.release, 'vms', given, r.roots))).toBe(
      `Refusing to roll back to ${NAME}: 2 var files no longer hash as the release recorded, so the plan would not be the release's: ` +
        'infra/staging.tfvars (stack vms) is gone; infra/vms/staging.tfvars (stack vms) is gone. ' +
        'Restore them as the release had them.',
    );
  });

  it('refuses var files the rollback does not give, or gives and the release did not use', async () => {
    const r = roots({ ...both, 'infra/extra.tfvars': 'x = 1\n' }, both);
    expect(
      await refusal(() =>
        refuseChangedStackVarFiles(r.release, 'vms', r.given('infra/staging.tfvars'), r.roots),
      ),
    ).toBe(
      `Refusing to roll back stack "vms" to ${NAME}: the var files are not the release's ` +
        '(it recorded infra/vms/staging.tfvars, which var-files does not give).',
    );
    expect(
      await refusal(() =>
        refuseChangedStackVarFiles(
          r.release,
          'vms',
          r.given('infra/staging.tfvars', 'infra/vms/staging.tfvars', 'infra/extra.tfvars'),
          r.roots,
        ),
      ),
    ).toBe(
      `Refusing to roll back stack "vms" to ${NAME}: the var files are not the release's ` +
        '(var-files gives infra/extra.tfvars, which it did not use).',
    );
    expect(
      await refusal(() =>
        refuseChangedStackVarFiles(r.release, 'vms', r.given('infra/extra.tfvars'), r.roots),
      ),
    ).toBe(
      `Refusing to roll back stack "vms" to ${NAME}: the var files are not the release's ` +
        '(it recorded infra/staging.tfvars, infra/vms/staging.tfvars, which var-files does not give; ' +
        'var-files gives infra/extra.tfvars, which it did not use).',
    );
  });

  it("reads a var file in the runner's temp, and counts one outside the workspace and the temp as gone", async () => {
    const recorded = { '../temp/generated.tfvars': VMS, '../elsewhere/shared.tfvars': STAGING };
    const r = roots({}, recorded);
    writeFileSync(join(r.runnerTemp, 'generated.tfvars'), VMS);
    // The file is there and hashes as recorded, but it is neither the workspace's nor the runner's.
    mkdirSync(join(r.parent, 'elsewhere'));
    writeFileSync(join(r.parent, 'elsewhere', 'shared.tfvars'), STAGING);
    const given = [join(r.runnerTemp, 'generated.tfvars'), join(r.parent, 'elsewhere', 'shared.tfvars')];
    expect(await refusal(() => refuseChangedStackVarFiles(r.release, 'vms', given, r.roots))).toBe(
      `Refusing to roll back to ${NAME}: a var file no longer hashes as the release recorded, so the plan would not be the release's: ` +
        '../elsewhere/shared.tfvars (stack vms) is gone. Restore it as the release had it.',
    );
    const inTemp = roots({}, { '../temp/generated.tfvars': VMS });
    writeFileSync(join(inTemp.runnerTemp, 'generated.tfvars'), VMS);
    await expect(
      refuseChangedStackVarFiles(
        inTemp.release,
        'vms',
        [join(inTemp.runnerTemp, 'generated.tfvars')],
        inTemp.roots,
      ),
    ).resolves.toBeUndefined();
  });

  it('refuses a stack the release did not deploy', async () => {
    const r = roots(both, both);
    expect(await refusal(() => refuseChangedStackVarFiles(r.release, 'dns', [], r.roots))).toBe(
      `Stack "dns" is not part of ${NAME}, which deployed "network", "vms": a rollback plans the stacks of the release`,
    );
  });
});

describe('bindPlanToRelease', () => {
  const workspace = tempDir('bind-plan-');
  const roots = { workspace, runnerTemp: join(workspace, 'temp') };
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));
  const payload = () => JSON.parse(JSON.stringify(release())) as Record<string, unknown>;
  const request = (overrides: Partial<PlanBindingRequest> = {}): PlanBindingRequest => ({
    deploymentId: DEPLOYMENT,
    kind: 'promotion',
    rollbackScope: 'release',
    environment: 'production',
    stack: release().stacks[0]?.stack ?? '',
    commit: COMMIT,
    vars: [['image_id', IMAGE]],
    imageVariable: 'image_id',
    varFiles: [],
    roots,
    ...overrides,
  });

  it("binds a promotion at the release's commit with its image", async () => {
    const binding = await bindPlanToRelease(getting({ payload: payload() }).api, request());
    expect(binding).toMatchObject({
      kind: 'promotion',
      scope: 'release',
      environment: 'staging',
      deploymentId: DEPLOYMENT,
      commit: COMMIT,
      imageVariable: { name: 'image_id', value: IMAGE },
    });
  });

  it.each([
    [
      "a promotion to the release's own environment",
      { environment: 'staging' },
      `Refusing to promote ${NAME} (deployment ${DEPLOYMENT}): it is already a release of staging; a promotion deploys a release of another environment`,
    ],
    [
      'a rollback of another environment',
      { kind: 'rollback' as const, environment: 'production' },
      `Refusing to roll back to ${NAME} (deployment ${DEPLOYMENT}): it is a release of staging, not of production; a rollback goes back to a release of its own environment`,
    ],
    [
      'a stack the release did not deploy',
      { stack: 'dns' },
      `Refusing to promote ${NAME} (deployment ${DEPLOYMENT}): it has no stack "dns"`,
    ],
    [
      'no value for the image variable',
      { vars: [] },
      `Refusing to promote ${NAME} (deployment ${DEPLOYMENT}): input "vars" gives no image_id, which image-variable names: give it the release's image, "${IMAGE}"`,
    ],
    [
      'another commit',
      { commit: OTHER_COMMIT },
      `Refusing to promote ${NAME} (deployment ${DEPLOYMENT}): The plan was made at commit ${OTHER_COMMIT.slice(0, 12)}`,
    ],
  ])('refuses %s', async (_what, overrides, message) => {
    const error = await bindPlanToRelease(getting({ payload: payload() }).api, request(overrides)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });
});
