import type { Release, SmokeTally } from '../contracts/release.js';
import { SMOKE_CATEGORIES } from '../contracts/smoke-categories.js';
import { ConfigurationError } from '../core/errors.js';
import { epochMs, formatAge, parseDuration } from './duration.js';

/**
 * The quality gate between two environments: a release of the source environment may be promoted when
 * its smoke tests passed, at the required rate, with every demanded category run and passed, and it
 * is not older than max-release-age. Every refusal is one sentence naming what is missing, so that a
 * refused promotion says all of it at once.
 */

/** smoke-test's categories, the only names quality-categories can demand. */
export { SMOKE_CATEGORIES };

export interface PromotionPolicy {
  /** The share of smoke checks that must have passed, in percent (smoke-test's `threshold`); default 100. */
  threshold?: number | undefined;
  /** Categories that must each have run and passed: `functionality`, `security`. */
  qualityCategories?: readonly string[] | undefined;
  /** `72h`, `30m`, `7d`: a release older than this is refused. No limit when absent. */
  maxReleaseAge?: string | undefined;
  now: Date | number;
}

/** The release's smoke counts over all its stacks, and by category; undefined when no stack had checks. */
export function smokeTotals(
  release: Release,
): { totals: SmokeTally; byCategory: Record<string, SmokeTally>; failedStacks: string[] } | undefined {
  const smoked = release.stacks.filter((s) => s.smoke);
  if (smoked.length === 0) return undefined;
  const totals = { passed: 0, failed: 0, notRun: 0, total: 0 };
  const byCategory: Record<string, SmokeTally> = {};
  const failedStacks: string[] = [];
  for (const { stack, smoke } of smoked) {
    if (!smoke) continue;
    add(totals, smoke);
    if (smoke.failedStep) failedStacks.push(stack);
    for (const [category, tally] of Object.entries(smoke.byCategory)) {
      add((byCategory[category] ??= { passed: 0, failed: 0, notRun: 0, total: 0 }), tally);
    }
  }
  return { totals, byCategory, failedStacks };
}

/** The refusals of promoting `release`; an empty list means it may be promoted. */
export function checkPromotion(release: Release, policy: PromotionPolicy): string[] {
  const threshold = policy.threshold ?? 100;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
    throw new ConfigurationError(`Input "threshold" must be a number from 0 to 100; got ${threshold}`);
  }
  const demanded = [...new Set(policy.qualityCategories ?? [])];
  const unknown = demanded.filter((c) => !SMOKE_CATEGORIES.includes(c));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `Input "quality-categories" names ${unknown.map((c) => JSON.stringify(c)).join(', ')}, which smoke-test does not have: its categories are ${SMOKE_CATEGORIES.join(', ')}`,
    );
  }
  const maxAge = policy.maxReleaseAge === undefined ? undefined : parseDuration(policy.maxReleaseAge);

  const name = releaseName(release);
  const from = release.environment;
  const refusals: string[] = [];
  const smoke = smokeTotals(release);
  if (!smoke || smoke.totals.total === 0) {
    refusals.push(
      `${capitalize(name)} has no smoke results: the quality gate needs smoke-test's checks to have run on ${from}.`,
    );
  } else {
    const { totals, byCategory, failedStacks } = smoke;
    if (failedStacks.length > 0) {
      refusals.push(
        `Smoke tests failed for ${failedStacks.map((s) => `stack ${s}`).join(', ')} in ${name} (${totals.passed} of ${totals.total} checks passed).`,
      );
    }
    // Whole numbers compared, so that 95% of 20 checks is exactly 19 and no rounding lets 18 through.
    if (totals.passed * 100 < threshold * totals.total) {
      refusals.push(
        `The smoke pass rate of ${name} is ${percent(totals)} (${totals.passed} of ${totals.total} checks), below the required ${threshold}%.`,
      );
    }
    for (const category of demanded) {
      const tally = byCategory[category];
      if (!tally || tally.total === 0) {
        refusals.push(
          `No ${category} checks ran in ${name}, and quality-categories demands that they run and pass.`,
        );
      } else if (tally.notRun === tally.total) {
        refusals.push(
          `The ${category} checks of ${name} did not run: the deadline left all ${tally.total} of them unrun.`,
        );
      } else if (tally.passed < tally.total) {
        const unrun = tally.notRun > 0 ? `, ${tally.notRun} did not run` : '';
        refusals.push(
          `The ${category} checks of ${name} did not pass: ${tally.passed} of ${tally.total} passed${unrun}.`,
        );
      }
    }
  }

  if (maxAge !== undefined) {
    const age = ageSeconds(release, policy.now);
    if (age > maxAge) {
      refusals.push(
        `${capitalize(name)} is ${formatAge(age)} old (made ${release.createdAt}), older than max-release-age ${policy.maxReleaseAge?.trim()}.`,
      );
    }
  }
  return refusals;
}

/**
 * One line for comments, summaries and reports: `release 1234 of staging (commit abc123def456, image
 * ami-0abc, smoke 22/22, age 3 h)`. Plain text: put it through src/markdown/escape.ts in Markdown.
 */
export function describeRelease(release: Release, now: Date | number): string {
  return describeReleaseRef(releaseRef(release), now);
}

/** What a binding (and a later release's `source`) keeps of a release: enough to describe it. */
export function releaseRef(
  release: Release,
): ReleaseRef & { image?: ReleaseRefImage; smoke?: ReleaseRefSmoke } {
  const smoke = smokeTotals(release);
  const { image } = release;
  return {
    environment: release.environment,
    runId: release.runId,
    runAttempt: release.runAttempt,
    commit: release.commit,
    createdAt: release.createdAt,
    ...(image
      ? {
          image: {
            id: image.id,
            name: image.name,
            ...(image.identifier ? { identifier: image.identifier } : {}),
          },
        }
      : {}),
    ...(smoke ? { smoke: { passed: smoke.totals.passed, total: smoke.totals.total } } : {}),
  };
}

type ReleaseRefImage = { id: string; name: string; identifier?: string };
type ReleaseRefSmoke = { passed: number; total: number };

/** What describeRelease says of a release, from what a plan's binding (or a release's source) keeps of it. */
export interface ReleaseRef {
  environment: string;
  runId: number;
  runAttempt: number;
  commit: string;
  createdAt: string;
  image?: { id: string; name: string; identifier?: string | undefined } | undefined;
  smoke?: { passed: number; total: number } | undefined;
}

/** describeRelease of a release known by its binding: the same words. */
export function describeReleaseRef(release: ReleaseRef, now: Date | number): string {
  const image = !release.image
    ? 'no image build'
    : `image ${release.image.identifier ?? (release.image.id || release.image.name)}`;
  const tests = release.smoke ? `smoke ${release.smoke.passed}/${release.smoke.total}` : 'no smoke tests';
  return `${releaseName(release)} (commit ${release.commit.slice(0, 12)}, ${image}, ${tests}, age ${formatAge(ageSeconds(release, now))})`;
}

/**
 * The sentence comments, summaries and reports open with for a plan or release that deploys another
 * again: `Promotes release 1234 of staging (…)`, `Rollback of prod to release 1200 (…)`.
 */
export function describeSource(
  source: ReleaseRef & { kind: 'promotion' | 'rollback'; scope: 'release' | 'image' },
  now: Date | number,
): string {
  const described = describeReleaseRef(source, now);
  if (source.kind === 'promotion') return `Promotes ${described}`;
  const what = source.scope === 'image' ? 'the image of ' : '';
  return `Rollback of ${source.environment} to ${what}${described}`;
}

/** `release 1234 of staging`, with the attempt when the run was re-run. */
export function releaseName(release: Pick<ReleaseRef, 'runId' | 'runAttempt' | 'environment'>): string {
  const attempt = release.runAttempt > 1 ? ` (attempt ${release.runAttempt})` : '';
  return `release ${release.runId}${attempt} of ${release.environment}`;
}

function ageSeconds(release: Pick<ReleaseRef, 'createdAt'>, now: Date | number): number {
  return (epochMs(now, 'now') - epochMs(release.createdAt, 'the release time')) / 1000;
}

/** Rounded down to a tenth, so that 21 of 22 reads 95.4% and never 100%. */
function percent(tally: SmokeTally): string {
  return `${Math.floor((tally.passed * 1000) / tally.total) / 10}%`;
}

function add(into: SmokeTally, tally: SmokeTally): void {
  into.passed += tally.passed;
  into.failed += tally.failed;
  into.notRun += tally.notRun;
  into.total += tally.total;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
