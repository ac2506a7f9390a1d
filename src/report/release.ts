import { shortDigest } from '../contracts/digest.js';
import type { Release } from '../contracts/release.js';
import { describeSource, releaseName, smokeTotals } from '../releases/promotion.js';
import type { GatheredArtifact } from './gather.js';
import { formatDuration } from './markdown.js';
import { imageIdentifier } from '../releases/binding.js';

/**
 * The report's Release section: what the `release` action recorded in this run, from each
 * `<prefix>-release-<environment>` artifact. The sentences are worked out here once, as plain text,
 * so that report.md and report.html say the same words and each escapes them its own way. They use
 * the report's own clock (the model's `now`), so a release's age is the age when the report was made.
 */

/** One release record as the report shows it. Every string is plain text, escaped where rendered. */
export interface ReleaseView {
  /** The artifact the record was read from. */
  artifact: string;
  outcome: Release['outcome'];
  /** `Release 1234 of prod: success`, or `Release 1234 of prod: failure — why`. */
  headline: string;
  /** `Promotes release 1200 of staging (…)`, `Rollback of prod to release 1100 of prod (…)`. */
  source?: string | undefined;
  /** `Time to restore: 4 min 12 s (from the failure of release 1100 at … to this release's success at …)`. */
  timeToRestore?: string | undefined;
  /** The first 12 hex digits. */
  commit: string;
  /** What the stacks were given as the image (its id, else its name); undefined when there is none. */
  image?: string | undefined;
  /** `22/22`: passed of all checks over its stacks; undefined when no stack had checks. */
  smoke?: string | undefined;
  stacks: Array<{ stack: string; planDigest: string; smoke?: string | undefined }>;
}

/** A release artifact that did not read: the report names it and goes on. */
export interface ReleaseWarning {
  artifact: string;
  problem: string;
}

export interface ReleaseSection {
  releases: ReleaseView[];
  warnings: ReleaseWarning[];
}

/** The Release section of the run's artifacts; undefined when the run recorded no release. */
export function releaseSection(
  artifacts: readonly GatheredArtifact[],
  now: Date | number,
): ReleaseSection | undefined {
  const found = artifacts.filter((a) => a.kind === 'release');
  if (found.length === 0) return undefined;
  const section: ReleaseSection = { releases: [], warnings: [] };
  for (const a of found) {
    if (a.kind === 'release' && a.release && !a.problem) {
      section.releases.push(releaseView(a.name, a.release, now));
    } else {
      section.warnings.push({ artifact: a.name, problem: a.problem ?? 'it holds no release record' });
    }
  }
  return section;
}

export function releaseView(artifact: string, release: Release, now: Date | number): ReleaseView {
  const name = releaseName(release);
  const why = release.outcome === 'failure' && release.failure ? ` — ${release.failure}` : '';
  const totals = smokeTotals(release)?.totals;
  return {
    artifact,
    outcome: release.outcome,
    headline: `${capitalize(name)}: ${release.outcome}${why}`,
    source: release.source ? describeSource(release.source, now) : undefined,
    timeToRestore: timeToRestoreSentence(release),
    commit: release.commit.slice(0, 12),
    image: imageIdentifier(release),
    smoke: totals ? `${totals.passed}/${totals.total}` : undefined,
    stacks: release.stacks.map((s) => ({
      stack: s.stack,
      planDigest: shortDigest(s.planDigest),
      smoke: s.smoke ? `${s.smoke.passed}/${s.smoke.total}` : undefined,
    })),
  };
}

function timeToRestoreSentence(release: Release): string | undefined {
  const restore = release.timeToRestore;
  if (!restore) return undefined;
  // The record may say how long without saying which release failed: then it is only "the one before".
  const failed = release.replaces ? `release ${release.replaces.runId}` : 'the release before';
  return `Time to restore: ${formatDuration(restore.seconds)} (from the failure of ${failed} at ${restore.failedAt} to this release's success at ${restore.restoredAt})`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
