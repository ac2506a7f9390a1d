import type { Release } from '../contracts/release.js';
import { ConfigurationError } from '../core/errors.js';
import { formatDuration } from '../report/markdown.js';
import { epochMs } from './duration.js';
import { releaseName } from './promotion.js';

/**
 * What a rollback checks before it plans, and what it reports after. A rollback plans the release's
 * commit again, so the var files must still be what the release had: one that changed or is gone
 * (typically a file outside the repository, written by an earlier step) would plan something the
 * release never ran, so the rollback names each of them and refuses.
 */

export interface VarFileChange {
  /** The path as the release recorded it (relative to the workspace unless absolute). */
  path: string;
  /** The stacks that used it. */
  stacks: string[];
  recorded: string;
  /** Its sha256 now; undefined when the file is gone. */
  now: string | undefined;
}

/** The sha256 hex of a var file now, by its recorded path; undefined when there is no such file. */
export type HashNow = (path: string) => Promise<string | undefined>;

/**
 * The var files whose sha256 differs from the release's, or that are gone, each file once (stacks
 * sharing it listed together), in the order the release lists them.
 */
export async function changedVarFiles(release: Release, hashNow: HashNow): Promise<VarFileChange[]> {
  const files = new Map<string, { recorded: string; stacks: string[] }>();
  const changes: VarFileChange[] = [];
  for (const { stack, varFiles } of release.stacks) {
    for (const { path, sha256 } of varFiles) {
      const key = `${path}\0${sha256}`;
      const known = files.get(key);
      if (known) known.stacks.push(stack);
      else files.set(key, { recorded: sha256, stacks: [stack] });
    }
  }
  const hashes = new Map<string, Promise<string | undefined>>();
  for (const [key, { recorded, stacks }] of files) {
    const path = key.slice(0, key.indexOf('\0'));
    if (!hashes.has(path)) hashes.set(path, hashNow(path));
    const now = await hashes.get(path);
    if (now !== recorded) changes.push({ path, stacks, recorded, now });
  }
  return changes;
}

/** The refusal for `changes`, naming each file; undefined when there are none. */
export function varFilesRefusal(release: Release, changes: readonly VarFileChange[]): string | undefined {
  if (changes.length === 0) return undefined;
  const named = changes.map((c) => {
    const stacks = `${c.stacks.length === 1 ? 'stack' : 'stacks'} ${c.stacks.join(', ')}`;
    const how =
      c.now === undefined ? 'is gone' : `has sha256 ${c.now.slice(0, 12)}…, not ${c.recorded.slice(0, 12)}…`;
    return `${c.path} (${stacks}) ${how}`;
  });
  const [what, them] =
    changes.length === 1
      ? ['a var file no longer hashes', 'it']
      : [`${changes.length} var files no longer hash`, 'them'];
  return (
    `Refusing to roll back to ${releaseName(release)}: ${what} as the release recorded, so the plan would ` +
    `not be the release's: ${named.join('; ')}. Restore ${them} as the release had ${them}.`
  );
}

/** Throws the refusal when a var file changed or is gone. */
export async function refuseChangedVarFiles(release: Release, hashNow: HashNow): Promise<void> {
  const refusal = varFilesRefusal(release, await changedVarFiles(release, hashNow));
  if (refusal) throw new ConfigurationError(refusal);
}

/**
 * The time to restore: from the failed release's deployment status to the rollback's success, in
 * whole seconds and as the report shows durations (`12 min 5 s`).
 */
export function timeToRestore(
  failedStatusAt: string | Date | number,
  restoredAt: string | Date | number,
): { seconds: number; text: string } {
  const from = epochMs(failedStatusAt, 'the failure time');
  const to = epochMs(restoredAt, 'the restore time');
  if (to < from) {
    throw new RangeError(
      `the rollback succeeded at ${new Date(to).toISOString()}, before the failure at ${new Date(from).toISOString()}`,
    );
  }
  return { seconds: Math.round((to - from) / 1000), text: formatDuration((to - from) / 1000) };
}
