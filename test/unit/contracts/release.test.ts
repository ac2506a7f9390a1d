import { describe, expect, it } from '@jest/globals';
import { readRelease, validateRelease, type Release } from '../../../src/contracts/release.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { sampleRelease } from '../releases/fixtures.js';
import { syncRefusal } from './fixtures.js';

function withField(path: Array<string | number>, value: unknown): Record<string, unknown> {
  const release = structuredClone(sampleRelease()) as unknown as Record<string, unknown>;
  let target = release;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return release;
}

const refusedWith = (release: unknown) => syncRefusal(() => readRelease(JSON.stringify(release)));

describe('readRelease', () => {
  it('reads a valid record from JSON text, a Buffer or a parsed value', () => {
    const release = sampleRelease();
    expect(readRelease(JSON.stringify(release))).toEqual(release);
    expect(readRelease(Buffer.from(JSON.stringify(release)))).toEqual(release);
    expect(readRelease(release)).toEqual(release);
  });

  it('ignores fields it does not know (a later minor version may add some)', () => {
    expect(readRelease({ ...sampleRelease(), addedLater: true })).toEqual(sampleRelease());
  });

  it('accepts a release without an image build, a backend or smoke results, and one naming its source', () => {
    const release: Release = sampleRelease();
    delete release.image;
    for (const stack of release.stacks) {
      delete stack.backend;
      delete stack.smoke;
    }
    release.source = {
      kind: 'promotion',
      scope: 'release',
      environment: 'dev',
      deploymentId: 901,
      runId: 77,
      runAttempt: 2,
      commit: release.commit,
      createdAt: '2026-03-01T18:40:00.000Z',
    };
    expect(readRelease(release)).toEqual(release);
  });

  it('accepts a failed release with why it failed, and the release it replaced and the time to restore', () => {
    const failed: Release = {
      ...sampleRelease(),
      outcome: 'failure',
      failure: 'Smoke tests failed for stack vms.',
    };
    expect(readRelease(failed)).toEqual(failed);
    const restored: Release = {
      ...sampleRelease(),
      replaces: { deploymentId: 70, runId: 1100, state: 'failure', stateAt: '2026-03-02T12:06:00Z' },
      timeToRestore: {
        seconds: 252,
        failedAt: '2026-03-02T12:06:00Z',
        restoredAt: '2026-03-02T12:10:12.000Z',
      },
    };
    expect(readRelease(restored)).toEqual(restored);
  });

  it('refuses another major version, naming the one it got and the one it reads', () => {
    expect(refusedWith({ ...sampleRelease(), schema: 'iac/release@2' })).toBe(
      'release.json is iac/release@2, but this version of iac-pipeline reads iac/release@1: ' +
        'promote or roll back with the iac-pipeline version that recorded the release, or a later one',
    );
    expect(
      syncRefusal(() =>
        readRelease(
          { ...sampleRelease(), schema: 'iac/release@0' },
          { reader: 'tf-apply', file: 'the payload of deployment 42' },
        ),
      ),
    ).toMatch(
      /^the payload of deployment 42 is iac\/release@0, but this version of tf-apply reads iac\/release@1/,
    );
  });

  it('refuses another kind of document', () => {
    expect(refusedWith({ ...sampleRelease(), schema: 'iac/plan@1' })).toBe(
      'release.json is iac/plan@1, but iac-pipeline reads iac/release@1: this is not the artifact iac-pipeline expects',
    );
  });

  it('names the field that breaks the contract', () => {
    const cases: Array<[Array<string | number>, unknown, string]> = [
      [['environment'], undefined, 'environment is missing (it must be a string)'],
      [['commit'], 'main', 'commit must be a commit SHA: 40 (or 64) lowercase hex digits'],
      [['runId'], '8123456789', 'runId must be a whole number, not a string'],
      [['runAttempt'], 0, 'runAttempt must be a whole number, 1 or more'],
      [['createdAt'], 'this morning', 'createdAt must be an ISO 8601 date and time'],
      [
        ['image', 'buildMetadataSha256'],
        'abc',
        'image.buildMetadataSha256 must be a sha256: 64 lowercase hex digits',
      ],
      [['stacks'], [], 'stacks must list at least one stack'],
      [
        ['stacks', 0, 'planDigest'],
        'sha256:xyz',
        'stacks[0].planDigest must be "sha256:" and 64 lowercase hex digits',
      ],
      [
        ['stacks', 0, 'workingDirectory'],
        '../infra',
        "stacks[0].workingDirectory must be a POSIX path relative to the workspace, '.' for the workspace itself",
      ],
      [
        ['stacks', 1, 'varFiles', 1, 'sha256'],
        undefined,
        'stacks[1].varFiles[1].sha256 is missing (it must be a string)',
      ],
      [['stacks', 1, 'smoke', 'passed'], 22, 'stacks[1].smoke.total must be passed plus failed'],
      [
        ['stacks', 1, 'smoke', 'notRun'],
        2,
        'stacks[1].smoke.notRun counts among failed, so it cannot be more',
      ],
      [
        ['stacks', 1, 'smoke', 'byCategory', 'service', 'total'],
        9,
        'stacks[1].smoke.byCategory.service.total must be passed plus failed',
      ],
      [
        ['source'],
        { kind: 'hotfix', environment: 'dev', runId: 1, runAttempt: 1 },
        'source.kind must be one of: promotion, rollback',
      ],
      [['outcome'], undefined, 'outcome must be one of: success, failure'],
      [['outcome'], 'partial', 'outcome must be one of: success, failure'],
      [
        ['source'],
        {
          kind: 'rollback',
          scope: 'everything',
          environment: 'dev',
          deploymentId: 1,
          runId: 1,
          runAttempt: 1,
        },
        'source.scope must be one of: release, image',
      ],
      [
        ['replaces'],
        { deploymentId: 0, runId: 1100, state: 'failure' },
        'replaces.deploymentId must be a whole number, 1 or more',
      ],
      [
        ['timeToRestore'],
        { seconds: 252, failedAt: 'before lunch', restoredAt: '2026-03-02T12:10:12Z' },
        'timeToRestore.failedAt must be an ISO 8601 date and time',
      ],
    ];
    for (const [path, value, message] of cases) {
      expect(refusedWith(withField(path, value))).toBe(`release.json: ${message}`);
    }
  });

  it('refuses a stack recorded twice', () => {
    const release = sampleRelease();
    release.stacks.push(structuredClone(release.stacks[0]!));
    expect(refusedWith(release)).toBe('release.json: stacks[2].stack names "network" twice');
  });
});

describe('validateRelease', () => {
  it('treats an invalid record about to be written as a bug, not a user mistake', () => {
    const run = () => validateRelease(withField(['stacks'], []));
    expect(run).toThrow('refusing to write an invalid release.json: stacks must list at least one stack');
    expect(run).not.toThrow(ConfigurationError);
  });
});
