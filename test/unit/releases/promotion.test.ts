import { describe, expect, it } from '@jest/globals';
import {
  checkPromotion,
  describeRelease,
  releaseName,
  SMOKE_CATEGORIES,
  smokeTotals,
} from '../../../src/releases/promotion.js';
import { formatAge, parseDuration } from '../../../src/releases/duration.js';
import { syncRefusal } from '../contracts/fixtures.js';
import { ALL_GREEN, checks, CREATED_AT, hashed, RUN_ID, recordedRelease, smokeResults } from './fixtures.js';

const HOUR = 3_600_000;
const madeAt = Date.parse(CREATED_AT);
const threeHoursLater = madeAt + 3 * HOUR + 20 * 60_000;

function releaseWith(
  vms: Parameters<typeof smokeResults>[1],
  options: Parameters<typeof smokeResults>[2] = {},
) {
  return recordedRelease({ smoke: [hashed(smokeResults('vms', vms, options))] });
}

describe('checkPromotion', () => {
  it('lets a release through whose smoke tests all passed, with the demanded categories, young enough', () => {
    expect(
      checkPromotion(recordedRelease(), {
        threshold: 100,
        qualityCategories: ['functionality', 'security'],
        maxReleaseAge: '72h',
        now: threeHoursLater,
      }),
    ).toEqual([]);
  });

  it('refuses a release whose smoke tests failed, and names the pass rate below the threshold', () => {
    const release = releaseWith([
      ...checks({ connectivity: 6, service: 6, security: 4, functionality: 4 }),
      ...checks({ service: 2 }, 'failed'),
    ]);
    expect(checkPromotion(release, { threshold: 95, now: threeHoursLater })).toEqual([
      `Smoke tests failed for stack vms in release ${RUN_ID} of staging (20 of 22 checks passed).`,
      `The smoke pass rate of release ${RUN_ID} of staging is 90.9% (20 of 22 checks), below the required 95%.`,
    ]);
  });

  it('compares the rate exactly: 19 of 20 meets 95%, 18 of 20 does not, and 21 of 22 is never shown as 100%', () => {
    const rate = (passed: number, total: number) =>
      releaseWith([...checks({ service: passed }), ...checks({ service: total - passed }, 'failed')], {
        failOn: 'threshold',
        threshold: 50,
      });
    expect(checkPromotion(rate(19, 20), { threshold: 95, now: madeAt })).toEqual([]);
    expect(checkPromotion(rate(18, 20), { threshold: 95, now: madeAt })).toEqual([
      `The smoke pass rate of release ${RUN_ID} of staging is 90% (18 of 20 checks), below the required 95%.`,
    ]);
    expect(checkPromotion(rate(21, 22), { now: madeAt })).toEqual([
      `The smoke pass rate of release ${RUN_ID} of staging is 95.4% (21 of 22 checks), below the required 100%.`,
    ]);
  });

  it('refuses when a demanded category did not run, was left unrun by the deadline, or did not pass', () => {
    const release = releaseWith(
      [
        ...checks({ connectivity: 4, service: 3 }),
        ['service', 'failed'],
        ['service', 'not-run'],
        ['functionality', 'not-run'],
        ['functionality', 'not-run'],
      ],
      { failOn: 'threshold', threshold: 50 },
    );
    expect(
      checkPromotion(release, {
        threshold: 50,
        qualityCategories: ['security', 'functionality', 'service', 'connectivity'],
        now: madeAt,
      }),
    ).toEqual([
      `No security checks ran in release ${RUN_ID} of staging, and quality-categories demands that they run and pass.`,
      `The functionality checks of release ${RUN_ID} of staging did not run: the deadline left all 2 of them unrun.`,
      `The service checks of release ${RUN_ID} of staging did not pass: 3 of 5 passed, 1 did not run.`,
    ]);
  });

  it('refuses a release older than max-release-age, with its age and time', () => {
    expect(checkPromotion(recordedRelease(), { maxReleaseAge: '72h', now: madeAt + 80 * HOUR })).toEqual([
      `Release ${RUN_ID} of staging is 3 d old (made ${CREATED_AT}), older than max-release-age 72h.`,
    ]);
    expect(checkPromotion(recordedRelease(), { maxReleaseAge: '30m', now: madeAt + 31 * 60_000 })).toEqual([
      `Release ${RUN_ID} of staging is 31 min old (made ${CREATED_AT}), older than max-release-age 30m.`,
    ]);
    expect(checkPromotion(recordedRelease(), { maxReleaseAge: '7d', now: madeAt + 7 * 24 * HOUR })).toEqual(
      [],
    );
  });

  it('refuses a release without smoke results: the gate is smoke-test on the source environment', () => {
    expect(checkPromotion(recordedRelease({ smoke: [] }), { now: madeAt })).toEqual([
      `Release ${RUN_ID} of staging has no smoke results: the quality gate needs smoke-test's checks to have run on staging.`,
    ]);
  });

  it('says every refusal at once', () => {
    const release = releaseWith([...checks({ service: 3 }), ['service', 'failed']]);
    const refusals = checkPromotion(release, {
      qualityCategories: ['security'],
      maxReleaseAge: '1h',
      now: threeHoursLater,
    });
    expect(refusals.map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual([
      'Smoke tests failed',
      'The smoke pass',
      'No security checks',
      `Release ${RUN_ID} of`,
    ]);
  });

  it("refuses policy inputs that cannot be met as the user's mistake", () => {
    expect(
      syncRefusal(() => checkPromotion(recordedRelease(), { qualityCategories: ['secutiry'], now: 0 })),
    ).toBe(
      'Input "quality-categories" names "secutiry", which smoke-test does not have: its categories are connectivity, service, security, functionality',
    );
    expect(syncRefusal(() => checkPromotion(recordedRelease(), { threshold: 120, now: 0 }))).toBe(
      'Input "threshold" must be a number from 0 to 100; got 120',
    );
    expect(syncRefusal(() => checkPromotion(recordedRelease(), { maxReleaseAge: '3 days', now: 0 }))).toBe(
      'Input "max-release-age" must be a duration of more than zero such as 30m, 72h or 7d; got "3 days"',
    );
  });
});

describe('describeRelease', () => {
  it('names the run, environment, commit, image, smoke count and age in one line', () => {
    expect(describeRelease(recordedRelease(), threeHoursLater)).toBe(
      `release ${RUN_ID} of staging (commit 3f5e2a9c1b7d, image ami-0c55b159cbfafe1f0, smoke 22/22, age 3 h)`,
    );
  });

  it('says when there was no image build or no smoke test, and which attempt of the run it was', () => {
    const release = recordedRelease({ image: undefined, smoke: [], run: { runId: 55, runAttempt: 2 } });
    expect(describeRelease(release, madeAt + 90_000)).toBe(
      'release 55 (attempt 2) of staging (commit 3f5e2a9c1b7d, no image build, no smoke tests, age 1 min)',
    );
    expect(releaseName(release)).toBe('release 55 (attempt 2) of staging');
  });

  it('sums smoke over the stacks that had checks', () => {
    const release = recordedRelease({
      smoke: [
        hashed(smokeResults('network', checks({ connectivity: 3 }))),
        hashed(smokeResults('vms', [...ALL_GREEN, ['security', 'failed']])),
      ],
    });
    expect(smokeTotals(release)).toMatchObject({
      totals: { passed: 25, failed: 1, notRun: 0, total: 26 },
      byCategory: { connectivity: { passed: 9, total: 9 }, security: { passed: 4, failed: 1, total: 5 } },
      failedStacks: ['vms'],
    });
    expect(describeRelease(release, madeAt)).toContain('smoke 25/26, age 0 s');
  });
});

describe('durations', () => {
  it('parses 30m, 72h and 7d to seconds, and refuses zero or other forms', () => {
    expect(parseDuration('30m')).toBe(1_800);
    expect(parseDuration(' 72h ')).toBe(259_200);
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration('45s')).toBe(45);
    for (const bad of ['0h', '72', 'h', '1.5h', '1w', '1h30m', '-3h']) {
      expect(syncRefusal(() => parseDuration(bad, 'max-release-age'))).toMatch(
        /^Input "max-release-age" must be/,
      );
    }
  });

  it('formats ages to their largest whole unit', () => {
    expect([0, 59, 60, 3_599, 3_600, 47 * 3_600, 48 * 3_600, -5].map(formatAge)).toEqual([
      '0 s',
      '59 s',
      '1 min',
      '59 min',
      '1 h',
      '47 h',
      '2 d',
      '0 s',
    ]);
  });

  it("knows smoke-test's categories", () => {
    expect(SMOKE_CATEGORIES).toEqual(['connectivity', 'service', 'security', 'functionality']);
  });
});
