import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import { BUILD_METADATA_FILE } from '../../../src/contracts/build-metadata.js';
import { MANIFEST_FILE, type PlanManifest } from '../../../src/contracts/manifest.js';
import type { Release } from '../../../src/contracts/release.js';
import { SMOKE_RESULTS_FILE } from '../../../src/contracts/smoke.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { bindingOf } from '../../../src/releases/binding.js';
import {
  recordRelease,
  recordSummary,
  type RecordDependencies,
  type RecordInputs,
} from '../../../src/releases/record-step.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { refusal, tempDir } from '../contracts/fixtures.js';
import {
  ALL_GREEN,
  buildMetadata,
  checks,
  COMMIT,
  hashed,
  memoryDeployments,
  planManifest,
  recordedRelease,
  runContext,
  sha256,
  smokeResults,
  tickingClock,
} from './fixtures.js';

/**
 * The release action's record step over an in-memory artifact store holding what the run's jobs
 * uploaded, and in-memory deployments: what it records, which statuses it sets, what it marks
 * inactive, and when it starts a rollback.
 */

/** The record step's clock: four minutes after the pinned failure below. */
const NOW = new Date('2026-03-02T12:10:12.000Z');
const RUN = 9000;
const IMAGE = 'ami-0c55b159cbfafe1f0';
const SMOKE_FAILED = [
  ...checks({ connectivity: 6, service: 6, security: 4, functionality: 4 }),
  ...checks({ service: 2 }, 'failed'),
];

/** A release recorded in prod before this run; a failed one failed its smoke tests. */
function prodRelease(runId: number, outcome: 'success' | 'failure' = 'success'): Release {
  return recordedRelease({
    environment: 'prod',
    run: { runId, runAttempt: 1 },
    smoke: [hashed(smokeResults('vms', outcome === 'success' ? ALL_GREEN : SMOKE_FAILED, { runId }))],
    outcome,
    ...(outcome === 'failure' ? { failure: 'Smoke tests failed for stack vms.' } : {}),
  });
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The artifacts the run's jobs uploaded: tf-apply's outputs (outputs.json and the applied plan's
 * manifest) of each stack, smoke-test's results of vms, packer-build's metadata unless `image` is null.
 */
function runArtifacts(
  options: { smoke?: Parameters<typeof smokeResults>[1]; manifests?: PlanManifest[]; image?: null } = {},
): Record<string, Record<string, string>> {
  const manifests = options.manifests ?? [planManifest('network'), planManifest('vms')];
  return {
    ...Object.fromEntries(
      manifests.map((m) => [
        `iac-outputs-${m.stack}`,
        { 'outputs.json': json({ [`${m.stack}_id`]: `${m.stack}-0abc` }), [MANIFEST_FILE]: json(m) },
      ]),
    ),
    'iac-smoke-vms': {
      [SMOKE_RESULTS_FILE]: json(smokeResults('vms', options.smoke ?? ALL_GREEN, { runId: RUN })),
    },
    ...(options.image === null
      ? {}
      : { 'iac-image-web-base': { [BUILD_METADATA_FILE]: json(buildMetadata(IMAGE)) } }),
  };
}

/** This run's artifacts in memory: name → file → text; uploads are kept the same way. */
function memoryStore(artifacts: Record<string, Record<string, string>>) {
  const uploaded: Record<string, Record<string, string>> = {};
  const store: ArtifactStore = {
    async upload(name, files, rootDirectory) {
      uploaded[name] = Object.fromEntries(
        await Promise.all(
          files.map(async (file) => [relative(rootDirectory, file), await readFile(file, 'utf8')]),
        ),
      );
      return { name, id: Object.keys(uploaded).length, size: 1 };
    },
    async list(prefix) {
      return Object.keys(artifacts)
        .filter((name) => name.startsWith(prefix))
        .sort()
        .map((name, index) => ({ name, id: index + 1, size: 1 }));
    },
    async download(name, directory) {
      const files = artifacts[name];
      if (!files) throw new ConfigurationError(`No artifact named ${name}`);
      await mkdir(directory, { recursive: true });
      for (const [file, text] of Object.entries(files)) await writeFile(join(directory, file), text);
    },
  };
  return { store, uploaded };
}

const scratches: string[] = [];
afterAll(async () => {
  await Promise.all(scratches.map((dir) => rm(dir, { recursive: true, force: true })));
});

let deployments: ReturnType<typeof memoryDeployments>;
beforeEach(() => {
  deployments = memoryDeployments(tickingClock(NOW.toISOString()));
});

function inputs(overrides: Partial<RecordInputs> = {}): RecordInputs {
  return {
    environment: 'prod',
    result: 'success',
    artifactPrefix: 'iac',
    onSmokeFailure: 'none',
    rollbackWorkflow: 'iac-rollback.yml',
    ...overrides,
  };
}

/** Runs the record step over `artifacts` and the deployments of the test. */
async function record(
  artifacts: Record<string, Record<string, string>>,
  overrides: Partial<RecordInputs> = {},
) {
  const scratch = tempDir('record-step-');
  scratches.push(scratch);
  const logger = new RecordingLogger();
  const { store, uploaded } = memoryStore(artifacts);
  const dispatched: Array<[string, string, Record<string, string>]> = [];
  const deps: RecordDependencies = {
    logger,
    run: runContext(scratch, { runId: RUN }),
    artifacts: store,
    deployments: deployments.api,
    dispatch: async (workflow, ref, dispatchInputs) => {
      dispatched.push([workflow, ref, dispatchInputs]);
    },
    now: () => NOW,
  };
  const result = await recordRelease(inputs(overrides), deps);
  return { result, logger, uploaded, dispatched };
}

describe('recordRelease', () => {
  it('records a green run as a successful deployment, retires the releases before it and uploads the record', async () => {
    const retired = deployments.seed('prod', prodRelease(100), [
      ['in_progress', '2026-03-01T09:00:00Z'],
      ['success', '2026-03-01T09:00:05Z'],
      ['inactive', '2026-03-01T15:00:05Z'],
    ]);
    const failed = deployments.seed('prod', prodRelease(200, 'failure'), [
      ['in_progress', '2026-03-01T15:00:00Z'],
      ['failure', '2026-03-01T15:00:05Z'],
    ]);
    const current = deployments.seed('prod', prodRelease(300), [
      ['in_progress', '2026-03-02T08:00:00Z'],
      ['success', '2026-03-02T08:00:05Z'],
    ]);
    // tf-apply's per-stack deployment: not a release, so not this step's to retire.
    const perStack = deployments.seed('prod', { stack: 'vms' }, [['success', '2026-03-02T12:05:00Z']]);

    const { result, uploaded, dispatched, logger } = await record(runArtifacts());

    const id = perStack + 1;
    expect(result.deploymentId).toBe(id);
    expect(result.rollbackDispatched).toBe(false);
    expect(deployments.writes).toEqual([
      `create ${id} prod`,
      `status ${id} in_progress`,
      `status ${id} success`,
      `status ${current} inactive`,
      `status ${failed} inactive`,
    ]);
    const release = result.release!;
    expect(release).toMatchObject({
      schema: 'iac/release@1',
      producer: { action: 'release' },
      environment: 'prod',
      commit: COMMIT,
      runId: RUN,
      createdAt: NOW.toISOString(),
      outcome: 'success',
      image: { id: IMAGE, name: 'web-base' },
      replaces: { deploymentId: current, runId: 300, state: 'success', stateAt: '2026-03-02T08:00:05Z' },
    });
    expect(release.failure).toBeUndefined();
    expect(release.timeToRestore).toBeUndefined();
    expect(release.source).toBeUndefined();
    expect(release.image?.buildMetadataSha256).toBe(sha256(json(buildMetadata(IMAGE))));
    expect(release.stacks.map((s) => [s.stack, s.smoke?.passed, s.smoke?.total])).toEqual([
      ['network', undefined, undefined],
      ['vms', 22, 22],
    ]);

    const made = deployments.deployment(id);
    expect(made).toMatchObject({
      sha: COMMIT,
      environment: 'prod',
      description: `release ${RUN} of prod: success`,
    });
    expect(made.payload).toEqual(release);
    expect(made.statuses.map((s) => [s.state, s.description])).toEqual([
      ['in_progress', 'Recording the release'],
      ['success', 'Applied, configured and smoke-tested'],
    ]);
    expect(deployments.deployment(current).statuses.at(-1)?.description).toBe(`Replaced by deployment ${id}`);
    expect(deployments.deployment(retired).statuses).toHaveLength(3);
    expect(deployments.deployment(perStack).statuses).toHaveLength(1);

    expect(Object.keys(uploaded)).toEqual(['iac-release-prod']);
    expect(uploaded['iac-release-prod']).toEqual({ 'release.json': json(release) });
    expect(await readFile(result.releasePath!, 'utf8')).toBe(json(release));
    expect(dispatched).toEqual([]);
    expect(logger.messages('info')).toContain(
      `Recorded release ${RUN} of prod (success) as deployment ${id}.`,
    );
  });

  it('records a smoke failure as a failed deployment with the failure sentence, and retires nothing', async () => {
    const current = deployments.seed('prod', prodRelease(200), [['success', '2026-03-02T08:00:05Z']]);
    const { result, dispatched } = await record(runArtifacts({ smoke: SMOKE_FAILED }));
    const id = current + 1;
    expect(deployments.writes).toEqual([
      `create ${id} prod`,
      `status ${id} in_progress`,
      `status ${id} failure`,
    ]);
    expect(result.release).toMatchObject({
      outcome: 'failure',
      failure: 'Smoke tests failed for stack vms.',
      replaces: { deploymentId: current, runId: 200, state: 'success' },
    });
    expect(deployments.deployment(id).description).toBe(`release ${RUN} of prod: failure`);
    expect(deployments.deployment(id).statuses.at(-1)).toMatchObject({
      state: 'failure',
      description: 'Smoke tests failed for stack vms.',
    });
    expect(deployments.deployment(current).statuses.map((s) => s.state)).toEqual(['success']);
    // on-smoke-failure is none: nothing is started.
    expect(dispatched).toEqual([]);
    expect(result.rollbackDispatched).toBe(false);
  });

  it('records a run whose jobs did not all succeed as a failure, naming how they ended', async () => {
    const { result } = await record(runArtifacts(), { result: 'cancelled', onSmokeFailure: 'rollback' });
    expect(result.release).toMatchObject({
      outcome: 'failure',
      failure: 'The deployment did not finish: a job ended with cancelled.',
    });
    expect(result.release?.replaces).toBeUndefined();
    expect(deployments.writes).toEqual(['create 1 prod', 'status 1 in_progress', 'status 1 failure']);
    // Only a smoke failure starts a rollback.
    expect(result.rollbackDispatched).toBe(false);
  });

  it('records the time to restore when a success follows a failed release: from its failure status to now', async () => {
    const good = deployments.seed('prod', prodRelease(100), [['success', '2026-03-02T10:00:05Z']]);
    const failed = deployments.seed('prod', prodRelease(200, 'failure'), [
      ['in_progress', '2026-03-02T12:05:30Z'],
      ['failure', '2026-03-02T12:06:00Z'],
    ]);
    const { result } = await record(runArtifacts());
    expect(result.release).toMatchObject({
      outcome: 'success',
      replaces: { deploymentId: failed, runId: 200, state: 'failure', stateAt: '2026-03-02T12:06:00Z' },
      timeToRestore: {
        seconds: 252,
        failedAt: '2026-03-02T12:06:00Z',
        restoredAt: '2026-03-02T12:10:12.000Z',
      },
    });
    expect(deployments.writes.slice(3)).toEqual([`status ${failed} inactive`, `status ${good} inactive`]);
  });

  it('starts the rollback workflow once, to the release before this one, when smoke fails and on-smoke-failure is rollback', async () => {
    deployments.seed('prod', prodRelease(100), [
      ['success', '2026-03-01T09:00:05Z'],
      ['inactive', '2026-03-02T08:00:05Z'],
    ]);
    const previous = deployments.seed('prod', prodRelease(200), [['success', '2026-03-02T08:00:05Z']]);
    const { result, dispatched, logger } = await record(runArtifacts({ smoke: SMOKE_FAILED }), {
      onSmokeFailure: 'rollback',
    });
    expect(dispatched).toEqual([
      ['iac-rollback.yml', 'main', { environment: 'prod', to: `deployment:${previous}` }],
    ]);
    expect(result.rollbackDispatched).toBe(true);
    expect(result.release?.outcome).toBe('failure');
    expect(logger.lines).toContainEqual({
      level: 'warning',
      message: `Smoke tests failed in prod: started iac-rollback.yml to roll back to release 200 of prod (deployment ${previous}).`,
      properties: { title: 'Automatic rollback started' },
    });
  });

  it('starts no rollback when there is no good release to go back to, and says so', async () => {
    deployments.seed('prod', prodRelease(200, 'failure'), [['failure', '2026-03-02T08:00:05Z']]);
    const { result, dispatched, logger } = await record(runArtifacts({ smoke: SMOKE_FAILED }), {
      onSmokeFailure: 'rollback',
    });
    expect(dispatched).toEqual([]);
    expect(result.rollbackDispatched).toBe(false);
    expect(logger.lines.filter((l) => l.level === 'warning')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^No rollback was started: No successful release of prod before the current one/,
        ),
        properties: { title: 'No release to roll back to' },
      }),
    ]);
  });

  it('starts nothing when a rollback fails its smoke tests: a person decides', async () => {
    const target = deployments.seed('prod', prodRelease(100), [
      ['success', '2026-03-01T09:00:05Z'],
      ['inactive', '2026-03-02T08:00:05Z'],
    ]);
    deployments.seed('prod', prodRelease(200, 'failure'), [['failure', '2026-03-02T08:00:05Z']]);
    const bound = (stack: 'network' | 'vms') =>
      planManifest(stack, {
        source: bindingOf(prodRelease(100), { kind: 'rollback', scope: 'release', deploymentId: target }),
      });
    const { result, dispatched, logger } = await record(
      runArtifacts({ smoke: SMOKE_FAILED, manifests: [bound('network'), bound('vms')], image: null }),
      { onSmokeFailure: 'rollback' },
    );
    expect(dispatched).toEqual([]);
    expect(result.rollbackDispatched).toBe(false);
    expect(result.release).toMatchObject({
      outcome: 'failure',
      source: { kind: 'rollback', scope: 'release', deploymentId: target, runId: 100 },
      // A rollback builds no image: it runs the image of the release it goes back to.
      image: prodRelease(100).image,
    });
    expect(logger.lines).toContainEqual({
      level: 'warning',
      message:
        'The smoke tests of this rollback failed, and a rollback does not start another: prod needs a person now.',
      properties: { title: 'Rollback failed' },
    });
  });

  it('records nothing when no stack was applied', async () => {
    const { result, uploaded, logger } = await record({
      'iac-image-web-base': { [BUILD_METADATA_FILE]: json(buildMetadata(IMAGE)) },
    });
    expect(result).toEqual({ rollbackDispatched: false });
    expect(deployments.writes).toEqual([]);
    expect(uploaded).toEqual({});
    expect(logger.messages('notice')).toEqual([
      'No stack was applied in this run, so there is no release of prod to record.',
    ]);
  });

  it("records a promotion's source and runs the image of the release it promotes", async () => {
    const staged = recordedRelease({
      environment: 'staging',
      run: { runId: 500, runAttempt: 1 },
      image: hashed(buildMetadata('ami-0123456789abcdef0')),
      smoke: [hashed(smokeResults('vms', ALL_GREEN, { runId: 500 }))],
    });
    const source = deployments.seed('staging', staged, [['success', '2026-03-02T09:20:00Z']]);
    const replaced = deployments.seed('prod', prodRelease(400), [['success', '2026-03-01T09:00:05Z']]);
    const binding = bindingOf(staged, {
      kind: 'promotion',
      scope: 'release',
      deploymentId: source,
      imageVariable: { name: 'image_id', value: 'ami-0123456789abcdef0' },
    });
    const manifests = [
      planManifest('network', { source: binding }),
      planManifest('vms', { source: binding }),
    ];
    const { result } = await record(runArtifacts({ manifests, image: null }));

    const { imageVariable: _perStack, ...recorded } = binding;
    expect(result.release?.source).toEqual(recorded);
    expect(result.release?.image).toEqual(staged.image);
    expect(result.release).toMatchObject({
      environment: 'prod',
      outcome: 'success',
      replaces: { deploymentId: replaced },
    });
    expect(deployments.deployment(result.deploymentId!).payload).toEqual(result.release);
    // The promotion retires prod's release, not the staging release it came from.
    expect(deployments.writes.slice(3)).toEqual([`status ${replaced} inactive`]);
  });

  it('refuses stacks bound to different releases, or some bound and some not, before recording anything', async () => {
    const one = deployments.seed('prod', prodRelease(100), [['success', '2026-03-01T09:00:05Z']]);
    const two = deployments.seed('prod', prodRelease(200), [['success', '2026-03-02T08:00:05Z']]);
    const bound = (stack: 'network' | 'vms', deploymentId: number) =>
      planManifest(stack, {
        source: bindingOf(prodRelease(100), { kind: 'rollback', scope: 'release', deploymentId }),
      });
    expect(
      await refusal(() => record(runArtifacts({ manifests: [bound('network', one), bound('vms', two)] }))),
    ).toBe(
      `The stacks of this run deploy different releases again (network: deployment ${one}, vms: deployment ${two}): a release is one promotion or rollback`,
    );
    expect(
      await refusal(() => record(runArtifacts({ manifests: [bound('network', one), planManifest('vms')] }))),
    ).toBe(
      `The stacks of this run deploy different releases again (network: deployment ${one}, vms: none): a release is one promotion or rollback`,
    );
    expect(deployments.writes).toEqual([]);
  });
});

describe('recordSummary', () => {
  it('says the outcome, the commit and image, the time to restore, each stack and the smoke totals', async () => {
    deployments.seed('prod', prodRelease(100), [['success', '2026-03-02T10:00:05Z']]);
    deployments.seed('prod', prodRelease(200, 'failure'), [['failure', '2026-03-02T12:06:00Z']]);
    const { result } = await record(runArtifacts());
    const digest = (stack: string) => `sha256&#58;${sha256(`digest ${stack}`).slice(0, 12)}`;
    expect(recordSummary(result, NOW).split('\n')).toEqual([
      `## Release ${RUN} of prod: success`,
      '',
      `Commit \`3f5e2a9c1b7d\`, image \`ami-0c55b159cbfafe1f0\`, deployment 3.`,
      '',
      'Time to restore: **4 min 12 s** (from the failure of release 200 at 2026-03-02T12:06:00Z to this release).',
      '',
      '| stack | plan digest | smoke |',
      '|---|---|---|',
      `| <code>network</code> | <code>${digest('network')}</code> | no checks |`,
      `| <code>vms</code> | <code>${digest('vms')}</code> | 22/22 |`,
      '',
      'Smoke checks: 22 of 22 passed.',
      '',
    ]);
  });

  it('says why a release failed, what it deployed again, and that the rollback was started', async () => {
    // A promotion whose smoke tests failed in prod: unlike a rollback, it may start one.
    const staged = recordedRelease({
      environment: 'staging',
      run: { runId: 500, runAttempt: 1 },
      smoke: [hashed(smokeResults('vms', ALL_GREEN, { runId: 500 }))],
    });
    const source = deployments.seed('staging', staged, [['success', '2026-03-02T09:20:00Z']]);
    const previous = deployments.seed('prod', prodRelease(400), [['success', '2026-03-01T09:00:05Z']]);
    const binding = bindingOf(staged, { kind: 'promotion', scope: 'release', deploymentId: source });
    const manifests = [
      planManifest('network', { source: binding }),
      planManifest('vms', { source: binding }),
    ];
    const { result, dispatched } = await record(
      runArtifacts({ smoke: SMOKE_FAILED, manifests, image: null }),
      { onSmokeFailure: 'rollback' },
    );
    expect(dispatched).toEqual([
      ['iac-rollback.yml', 'main', { environment: 'prod', to: `deployment:${previous}` }],
    ]);
    expect(recordSummary(result, NOW).split('\n')).toEqual([
      `## Release ${RUN} of prod: failure`,
      '',
      '> [!CAUTION]',
      '> Smoke tests failed for stack vms.',
      '',
      // Made at the fixtures' CREATED_AT, 09:15: not quite three hours before NOW.
      '**Promotes release 500 of staging (commit 3f5e2a9c1b7d, image ami-0c55b159cbfafe1f0, smoke 22/22, age 2 h)**',
      '',
      `Commit \`3f5e2a9c1b7d\`, image \`ami-0c55b159cbfafe1f0\`, deployment ${result.deploymentId}.`,
      '',
      '| stack | plan digest | smoke |',
      '|---|---|---|',
      `| <code>network</code> | <code>sha256&#58;${sha256('digest network').slice(0, 12)}</code> | no checks |`,
      `| <code>vms</code> | <code>sha256&#58;${sha256('digest vms').slice(0, 12)}</code> | 20/22 |`,
      '',
      'Smoke checks: 20 of 22 passed.',
      '',
      'The rollback workflow was started.',
      '',
    ]);
  });

  it('is empty when nothing was recorded', () => {
    expect(recordSummary({ rollbackDispatched: false }, NOW)).toBe('');
  });
});
