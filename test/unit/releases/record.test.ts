import { describe, expect, it } from '@jest/globals';
import { readRelease } from '../../../src/contracts/release.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { releaseRecord } from '../../../src/releases/record.js';
import { syncRefusal } from '../contracts/fixtures.js';
import {
  ALL_GREEN,
  buildMetadata,
  checks,
  COMMIT,
  CREATED_AT,
  hashed,
  planManifest,
  recordInput,
  RUN_ID,
  smokeResults,
} from './fixtures.js';

describe('releaseRecord', () => {
  it('records the commit, the image, each stack and its smoke results from the documents of the run', () => {
    const image = hashed(buildMetadata());
    const smoke = hashed(smokeResults('vms', ALL_GREEN));
    const release = releaseRecord(recordInput({ image, smoke: [smoke] }));

    expect(release).toMatchObject({
      schema: 'iac/release@1',
      environment: 'staging',
      commit: COMMIT,
      ref: 'refs/heads/main',
      runId: RUN_ID,
      runAttempt: 1,
      createdAt: CREATED_AT,
      image: {
        id: 'ami-0c55b159cbfafe1f0',
        name: 'web-base',
        buildMetadataSha256: image.sha256,
        templateHash: image.document.templateHash,
      },
    });
    const [network, vms] = release.stacks;
    const manifest = planManifest('network');
    expect(network).toEqual({
      stack: 'network',
      planDigest: manifest.planDigest,
      workingDirectory: 'infra/network',
      workspace: 'default',
      varFiles: manifest.varFiles,
      backend: manifest.backend,
    });
    expect(vms?.varFiles.map((f) => f.path)).toEqual(['infra/staging.tfvars', 'infra/vms/staging.tfvars']);
    expect(vms?.smoke).toEqual({
      resultsSha256: smoke.sha256,
      passed: 22,
      failed: 0,
      notRun: 0,
      total: 22,
      failedStep: false,
      byCategory: {
        connectivity: { passed: 6, failed: 0, notRun: 0, total: 6 },
        service: { passed: 8, failed: 0, notRun: 0, total: 8 },
        security: { passed: 4, failed: 0, notRun: 0, total: 4 },
        functionality: { passed: 4, failed: 0, notRun: 0, total: 4 },
      },
    });
    // What it returns is what the reader accepts: the payload written is the payload read back.
    expect(readRelease(JSON.stringify(release))).toEqual(release);
  });

  it('counts the checks the deadline left unrun, which smoke-test counts among the failed', () => {
    const results = smokeResults('vms', [
      ...checks({ connectivity: 2, security: 1 }),
      ['security', 'failed'],
      ['security', 'not-run'],
      ['functionality', 'not-run'],
    ]);
    expect(results.byCategory.security).toEqual({ passed: 1, failed: 2, total: 3 });
    const smoke = releaseRecord(recordInput({ smoke: [hashed(results)] })).stacks[1]?.smoke;
    expect(smoke).toMatchObject({ passed: 3, failed: 3, notRun: 2, total: 6, failedStep: true });
    expect(smoke?.byCategory).toEqual({
      connectivity: { passed: 2, failed: 0, notRun: 0, total: 2 },
      security: { passed: 1, failed: 2, notRun: 1, total: 3 },
      functionality: { passed: 0, failed: 1, notRun: 1, total: 1 },
    });
  });

  it('records a release without an image build, a backend or smoke results', () => {
    const { backend: _backend, ...noBackend } = planManifest('network');
    const release = releaseRecord(recordInput({ image: undefined, smoke: [], manifests: [noBackend] }));
    expect(release.image).toBeUndefined();
    expect(release.stacks).toEqual([expect.not.objectContaining({ backend: expect.anything() })]);
    expect(release.stacks[0]?.smoke).toBeUndefined();
  });

  it("takes the commit and ref the stacks were planned at, not the applying run's, and names a source", () => {
    const manifests = [planManifest('network', { ref: 'refs/pull/7/merge', runId: 700 })];
    const source = {
      kind: 'promotion' as const,
      scope: 'release' as const,
      environment: 'dev',
      deploymentId: 3,
      runId: 600,
      runAttempt: 1,
      commit: COMMIT,
      createdAt: '2026-03-01T18:40:00.000Z',
    };
    const release = releaseRecord(
      recordInput({ manifests, smoke: [], source, run: { runId: 900, runAttempt: 2 } }),
    );
    expect(release).toMatchObject({
      commit: COMMIT,
      ref: 'refs/pull/7/merge',
      runId: 900,
      runAttempt: 2,
      source,
    });
  });

  it('refuses stacks planned at different commits: a release is one commit', () => {
    const manifests = [planManifest('network'), planManifest('vms', { commit: 'e'.repeat(40) })];
    expect(syncRefusal(() => releaseRecord(recordInput({ manifests })))).toBe(
      'A release is one commit, but the stacks applied to staging were planned at different commits: ' +
        'network at 3f5e2a9c1b7d, vms at eeeeeeeeeeee',
    );
  });

  it('refuses smoke results of another run, of a stack not applied, or twice for one stack', () => {
    const stale = hashed(smokeResults('vms', ALL_GREEN, { runId: 41 }));
    expect(syncRefusal(() => releaseRecord(recordInput({ smoke: [stale] })))).toBe(
      `Smoke results of stack "vms" are from run 41, but this release of staging is run ${RUN_ID}`,
    );
    const other = hashed(smokeResults('dns', ALL_GREEN));
    expect(syncRefusal(() => releaseRecord(recordInput({ smoke: [other] })))).toBe(
      'Smoke results of stack "dns" do not belong to this release of staging: it applied "network", "vms"',
    );
    const once = hashed(smokeResults('vms', ALL_GREEN));
    expect(syncRefusal(() => releaseRecord(recordInput({ smoke: [once, once] })))).toBe(
      'Stack "vms" has two smoke results; a release keeps one per stack',
    );
    expect(syncRefusal(() => releaseRecord(recordInput({ manifests: [] })))).toBe(
      'A release of staging needs at least one applied stack',
    );
  });

  it('treats a record that would break the contract as a bug of the caller, not a user mistake', () => {
    const run = () =>
      releaseRecord(recordInput({ image: { document: buildMetadata(), sha256: 'not-a-sha' } }));
    expect(run).toThrow(
      'refusing to write an invalid release.json: image.buildMetadataSha256 must be a sha256: 64 lowercase hex digits',
    );
    expect(run).not.toThrow(ConfigurationError);
    const twice = () => releaseRecord(recordInput({ manifests: [planManifest('vms'), planManifest('vms')] }));
    expect(twice).toThrow('stacks[1].stack names "vms" twice');
  });
});
