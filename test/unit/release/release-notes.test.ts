import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseNotes, ReleaseNotesError, versionOf } from '../../../scripts/release-notes.js';
import { repoRoot } from '../../support/tools.js';

const CHANGELOG = [
  '# Changelog',
  '',
  'All notable changes.',
  '',
  '## [Unreleased]',
  '',
  '- not yet',
  '',
  '## [1.2.0] - 2026-12-02',
  '',
  '### Added',
  '',
  '- the one',
  '',
  '### Fixed',
  '',
  '- the other',
  '',
  '## [1.1.10] - 2026-11-01',
  '',
  '- older',
  '',
  '## [1.1.1] - 2026-10-01',
  '',
  '- oldest',
  '',
  '[unreleased]: https://github.com/iac-pipeline/iac-pipeline/compare/v1.2.0...HEAD',
  '[1.2.0]: https://github.com/iac-pipeline/iac-pipeline/releases/tag/v1.2.0',
  '',
].join('\n');

describe('release notes', () => {
  it("are the version's section without its heading, up to the next version", () => {
    expect(releaseNotes(CHANGELOG, 'v1.2.0')).toBe('### Added\n\n- the one\n\n### Fixed\n\n- the other\n');
  });

  it('take the tag with or without its v, and match the version exactly (1.1.1 is not 1.1.10)', () => {
    expect(releaseNotes(CHANGELOG, '1.1.1')).toBe('- oldest\n');
    expect(releaseNotes(CHANGELOG, 'v1.1.10')).toBe('- older\n');
  });

  it('leave out the link reference definitions that close the file', () => {
    expect(releaseNotes(CHANGELOG, 'v1.1.1')).not.toContain('https://');
  });

  it('read Windows line endings', () => {
    expect(releaseNotes(CHANGELOG.replace(/\n/g, '\r\n'), 'v1.1.10')).toBe('- older\n');
  });

  it('refuse a version without a section, naming it', () => {
    expect(() => releaseNotes(CHANGELOG, 'v2.0.0')).toThrow(
      new ReleaseNotesError('CHANGELOG.md has no section "## [2.0.0]": add one before releasing v2.0.0'),
    );
  });

  it('refuse an empty section', () => {
    expect(() => releaseNotes('## [3.0.0]\n\n## [2.0.0]\n- x\n', 'v3.0.0')).toThrow(
      /section "## \[3\.0\.0\]" is empty/,
    );
  });

  it('refuse what is not a release version, quoting at most 60 characters of it', () => {
    expect(versionOf('v1.2.3-rc.1')).toBe('1.2.3-rc.1');
    for (const bad of ['v1', '1.2', 'v1.2.3; echo', 'latest', '']) {
      expect(() => versionOf(bad)).toThrow(ReleaseNotesError);
    }
    let message = '';
    try {
      versionOf(`v${'9'.repeat(500)}x`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^version "v9{59}" is not a release version/);
  });

  it("find the shipped CHANGELOG.md's first release", () => {
    const changelog = readFileSync(join(repoRoot, 'CHANGELOG.md'), 'utf8');
    expect(releaseNotes(changelog, 'v0.1.0')).toMatch(/^The first pipeline: [^]*\n### Added\n/);
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
  });

  it('print the notes from the command line, and exit 1 with one ::error:: line without a section', () => {
    const node24 = ['scripts/with-node24.sh', 'scripts/release-notes.ts'];
    const out = execFileSync('bash', [...node24, 'v0.1.0', 'CHANGELOG.md'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(out).toBe(releaseNotes(readFileSync(join(repoRoot, 'CHANGELOG.md'), 'utf8'), '0.1.0'));
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync('bash', [...node24, 'v99.0.0'], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(failure.stderr).toBe(
      '::error file=CHANGELOG.md::CHANGELOG.md has no section "## [99.0.0]": add one before releasing v99.0.0\n',
    );
  });
});
