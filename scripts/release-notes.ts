/**
 * The release notes of one version: its section of CHANGELOG.md (Keep a Changelog), without the heading.
 *   node scripts/release-notes.ts v1.2.0 [CHANGELOG.md]   prints the `## [1.2.0]` section's body
 * The release workflow runs it before anything else, so a tag without its CHANGELOG section fails fast.
 * Plain TypeScript with erasable syntax only: Node 24 runs it as it is.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `v1.2.3`, `1.2.3` or `1.2.3-rc.1`: what a release tag may name (semantic versioning, no build metadata). */
const VERSION = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

export class ReleaseNotesError extends Error {}

/** The version without its `v`, or a ReleaseNotesError naming what is expected. */
export function versionOf(tag: string): string {
  const match = VERSION.exec(tag.trim());
  if (!match?.[1]) {
    throw new ReleaseNotesError(
      `version "${tag.slice(0, 60)}" is not a release version: expected v<major>.<minor>.<patch>, such as v1.2.0`,
    );
  }
  return match[1];
}

/** A version's heading: `## [1.2.0] - 2026-12-02`, `## [1.2.0]` or `## 1.2.0 - …`. */
function isHeadingOf(line: string, version: string): boolean {
  const match = /^##\s+\[?([^\]\s]+)\]?(?:\s|$)/.exec(line);
  return match?.[1] === version || match?.[1] === `v${version}`;
}

/**
 * The body of `version`'s section: the lines after its `## ` heading up to the next `## ` heading,
 * without the link reference definitions (`[1.2.0]: https://…`) that close the file, trimmed.
 */
export function releaseNotes(changelog: string, tag: string): string {
  const version = versionOf(tag);
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((line) => isHeadingOf(line, version));
  if (start < 0) {
    throw new ReleaseNotesError(
      `CHANGELOG.md has no section "## [${version}]": add one before releasing v${version}`,
    );
  }
  const rest = lines.slice(start + 1);
  const next = rest.findIndex((line) => /^##\s/.test(line));
  const body = (next < 0 ? rest : rest.slice(0, next)).filter((line) => !/^\[[^\]]+\]:\s/.test(line));
  const notes = body.join('\n').trim();
  if (!notes)
    throw new ReleaseNotesError(`CHANGELOG.md's section "## [${version}]" is empty: say what changed`);
  return `${notes}\n`;
}

function main(argv: string[]): number {
  const [tag, file = 'CHANGELOG.md'] = argv;
  if (!tag) {
    process.stderr.write('usage: node scripts/release-notes.ts <version> [CHANGELOG.md]\n');
    return 2;
  }
  try {
    process.stdout.write(releaseNotes(readFileSync(resolve(file), 'utf8'), tag));
    return 0;
  } catch (error) {
    if (!(error instanceof ReleaseNotesError)) throw error;
    process.stderr.write(`::error file=${file}::${error.message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
