import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import type { Release } from '../../../src/contracts/release.js';
import { StepFailure } from '../../../src/core/errors.js';
import {
  resolvePromotion,
  resolveRollback,
  type PromoteInputs,
  type ResolveDependencies,
} from '../../../src/releases/resolve-step.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { refusal, tempDir } from '../contracts/fixtures.js';
import {
  ALL_GREEN,
  checks,
  COMMIT,
  CREATED_AT,
  hashed,
  memoryDeployments,
  recordedRelease,
  runContext,
  smokeResults,
} from './fixtures.js';

/**
 * The release action's promote and rollback steps over in-memory deployments: which release they
 * take, what they say the deployment checks out and plans, and what refuses a promotion.
 */

/** Three hours and twenty minutes after the fixtures' releases were made. */
const NOW = new Date(Date.parse(CREATED_AT) + (3 * 60 + 20) * 60_000);
const IMAGE = 'ami-0c55b159cbfafe1f0';
const THIS_RUN_COMMIT = 'd'.repeat(40);

function releaseOf(
  environment: string,
  runId: number,
  vms: Parameters<typeof smokeResults>[1] = ALL_GREEN,
  outcome: 'success' | 'failure' = 'success',
): Release {
  return recordedRelease({
    environment,
    run: { runId, runAttempt: 1 },
    smoke: [hashed(smokeResults('vms', vms, { runId }))],
    outcome,
    ...(outcome === 'failure' ? { failure: 'Smoke tests failed for stack vms.' } : {}),
  });
}

const scratches: string[] = [];
afterAll(async () => {
  await Promise.all(scratches.map((dir) => rm(dir, { recursive: true, force: true })));
});

let deployments: ReturnType<typeof memoryDeployments>;
let listed: string[];
beforeEach(() => {
  deployments = memoryDeployments(() => NOW);
  listed = [];
});

function deps(): ResolveDependencies & { logger: RecordingLogger } {
  const scratch = tempDir('resolve-step-');
  scratches.push(scratch);
  return {
    logger: new RecordingLogger(),
    run: runContext(scratch, { sha: THIS_RUN_COMMIT }),
    deployments: {
      ...deployments.api,
      list: (environment) => {
        listed.push(environment);
        return deployments.api.list(environment);
      },
    },
    now: () => NOW,
  };
}

function promote(overrides: Partial<PromoteInputs> = {}): PromoteInputs {
  return {
    environment: 'prod',
    promoteFrom: 'staging',
    threshold: 100,
    qualityCategories: [],
    ...overrides,
  };
}

/** The StepFailure a refused promotion throws: its message and its job summary. */
async function refused(run: () => Promise<unknown>): Promise<StepFailure> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(StepFailure);
    return error as StepFailure;
  }
  throw new Error('expected a StepFailure');
}

describe('resolvePromotion', () => {
  it('takes the newest release of the source environment that passed the gate: its commit, image and deployment', async () => {
    deployments.seed('staging', releaseOf('staging', 100), [['success', '2026-03-01T09:00:05Z']]);
    const id = deployments.seed('staging', releaseOf('staging', 200), [['success', '2026-03-02T09:16:00Z']]);
    const context = deps();
    const resolved = await resolvePromotion(
      promote({ qualityCategories: ['security'], maxReleaseAge: '72h' }),
      context,
    );
    const description =
      'Promotes release 200 of staging (commit 3f5e2a9c1b7d, image ami-0c55b159cbfafe1f0, smoke 22/22, age 3 h)';
    expect(resolved).toMatchObject({
      deploymentId: id,
      commit: COMMIT,
      imageId: IMAGE,
      description,
      release: releaseOf('staging', 200),
    });
    expect(listed).toEqual(['staging']);
    expect(JSON.parse(await readFile(resolved.releasePath, 'utf8'))).toEqual(releaseOf('staging', 200));
    expect(resolved.summary.split('\n')).toEqual([
      `## ${description}`,
      '',
      `Deployment ${id} · checks out \`3f5e2a9c1b7d\` · image \`ami-0c55b159cbfafe1f0\``,
      '',
      '- Quality gate passed: release 200 of staging (commit 3f5e2a9c1b7d, image ami-0c55b159cbfafe1f0, smoke 22/22, age 3 h).',
      '- Smoke: 22 of 22 checks passed; threshold 100%.',
      '- security: 4 of 4 passed.',
      '- max-release-age 72h: within it.',
      '',
    ]);
    expect(context.logger.messages('info')).toEqual([`${description}: deployment ${id}.`]);
  });

  it('refuses when the newest release of the source failed smoke, naming the failure, even with a good one before it', async () => {
    deployments.seed('staging', releaseOf('staging', 100), [['success', '2026-03-01T09:00:05Z']]);
    const failedSmoke = [
      ...checks({ connectivity: 6, service: 6, security: 4, functionality: 4 }),
      ...checks({ service: 2 }, 'failed'),
    ];
    const id = deployments.seed('staging', releaseOf('staging', 200, failedSmoke, 'failure'), [
      ['failure', '2026-03-02T09:16:00Z'],
    ]);
    const failure = await refused(() => resolvePromotion(promote(), deps()));
    const reasons = [
      `The newest release of staging (release 200 of staging, deployment ${id}) is failure (Smoke tests failed for stack vms); only what runs in staging after passing is promoted.`,
      'Smoke tests failed for stack vms in release 200 of staging (20 of 22 checks passed).',
      'The smoke pass rate of release 200 of staging is 90.9% (20 of 22 checks), below the required 100%.',
    ];
    expect(failure.message).toBe(`Refusing to promote release 200 of staging to prod: ${reasons.join(' ')}`);
    expect(failure.summary?.split('\n')).toEqual([
      '## Refusing to promote release 200 of staging to prod',
      '',
      ...reasons.map((r) => `- ${r}`),
      '',
    ]);
  });

  it('refuses when a demanded category did not run', async () => {
    deployments.seed('staging', releaseOf('staging', 200, checks({ connectivity: 6, service: 8 })), [
      ['success', '2026-03-02T09:16:00Z'],
    ]);
    const failure = await refused(() =>
      resolvePromotion(promote({ qualityCategories: ['functionality', 'service'] }), deps()),
    );
    expect(failure.message).toBe(
      'Refusing to promote release 200 of staging to prod: No functionality checks ran in release 200 of staging, and quality-categories demands that they run and pass.',
    );
    expect(failure.summary).toContain(
      '- No functionality checks ran in release 200 of staging, and quality-categories demands that they run and pass.',
    );
  });

  it('refuses a release older than max-release-age', async () => {
    deployments.seed('staging', releaseOf('staging', 200), [['success', '2026-03-02T09:16:00Z']]);
    const failure = await refused(() => resolvePromotion(promote({ maxReleaseAge: '2h' }), deps()));
    expect(failure.message).toBe(
      `Refusing to promote release 200 of staging to prod: Release 200 of staging is 3 h old (made ${CREATED_AT}), older than max-release-age 2h.`,
    );
    // Within the limit, the same release passes.
    await expect(resolvePromotion(promote({ maxReleaseAge: '4h' }), deps())).resolves.toMatchObject({
      commit: COMMIT,
    });
  });

  it('refuses to promote an environment to itself, before reading any deployment', async () => {
    const failure = await refused(() =>
      resolvePromotion(promote({ environment: 'staging', promoteFrom: 'Staging' }), deps()),
    );
    expect(failure.message).toBe(
      'Refusing to promote Staging to itself: promote-from names the environment the release comes from; environment the one it goes to.',
    );
    expect(failure.summary).toBe(
      '## Refusing to promote Staging to itself\n\n- promote-from names the environment the release comes from; environment the one it goes to.\n',
    );
    expect(listed).toEqual([]);
  });

  it('refuses a source environment without releases, saying what it found', async () => {
    deployments.seed('staging', { stack: 'vms' }, [['success', '2026-03-02T09:16:00Z']]);
    expect(await refusal(() => resolvePromotion(promote(), deps()))).toMatch(
      /^No successful release of staging: .*found 1 deployment of staging \(1 deployment without a release record\)$/,
    );
  });
});

describe('resolveRollback', () => {
  /** prod's releases: 100 and 200 passed and were retired, 300 runs now. */
  function prod() {
    const oldest = deployments.seed('prod', releaseOf('prod', 100), [
      ['success', '2026-03-01T09:00:05Z'],
      ['inactive', '2026-03-01T15:00:05Z'],
    ]);
    const previous = deployments.seed('prod', releaseOf('prod', 200), [
      ['success', '2026-03-01T15:00:05Z'],
      ['inactive', '2026-03-02T12:00:05Z'],
    ]);
    const current = deployments.seed('prod', releaseOf('prod', 300), [['success', '2026-03-02T12:00:05Z']]);
    return { oldest, previous, current };
  }

  it("goes back to the release before the current one, at the release's commit", async () => {
    const { previous, current } = prod();
    const resolved = await resolveRollback({ environment: 'prod', to: 'previous', scope: 'release' }, deps());
    const description =
      'Rollback of prod to release 200 of prod (commit 3f5e2a9c1b7d, image ami-0c55b159cbfafe1f0, smoke 22/22, age 3 h)';
    expect(resolved).toMatchObject({
      deploymentId: previous,
      commit: COMMIT,
      imageId: IMAGE,
      description,
      release: releaseOf('prod', 200),
    });
    expect(resolved.summary.split('\n')).toEqual([
      `## ${description}`,
      '',
      `Deployment ${previous} · checks out \`3f5e2a9c1b7d\` · image \`ami-0c55b159cbfafe1f0\``,
      '',
      `- It replaces release 300 of prod (deployment ${current}, success).`,
      '',
    ]);
  });

  it("with scope image, checks out this run's commit and keeps the release's image", async () => {
    const { oldest } = prod();
    const resolved = await resolveRollback(
      { environment: 'prod', to: `deployment:${oldest}`, scope: 'image' },
      deps(),
    );
    expect(resolved).toMatchObject({
      deploymentId: oldest,
      commit: THIS_RUN_COMMIT,
      imageId: IMAGE,
      description:
        'Rollback of prod to the image of release 100 of prod (commit 3f5e2a9c1b7d, image ami-0c55b159cbfafe1f0, smoke 22/22, age 3 h)',
    });
    expect(resolved.summary).toContain(
      `Deployment ${oldest} · checks out \`dddddddddddd\` (this run's commit, with the release's image) · image \`ami-0c55b159cbfafe1f0\``,
    );
  });

  it('refuses to roll back to the release that runs now', async () => {
    prod();
    const failure = await refused(() =>
      resolveRollback({ environment: 'prod', to: `run:300`, scope: 'release' }, deps()),
    );
    expect(failure.message).toBe(
      'Refusing to roll prod back to release 300 of prod: It is what runs in prod now (deployment 3, success): give to: previous, or an older run or deployment.',
    );
  });
});
