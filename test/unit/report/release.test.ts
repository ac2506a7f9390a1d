import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import { validateRelease, type Release } from '../../../src/contracts/release.js';
import type { RunContext } from '../../../src/core/run-context.js';
import { gatherArtifacts, type GatheredArtifact } from '../../../src/report/gather.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { buildModel, reportJson } from '../../../src/report/model.js';
import { RecordingLogger } from '../../support/recording-logger.js';

/**
 * The report's Release section: the records the `release` action uploaded in the run, read from their
 * artifacts through an in-memory store, shown in report.md, report.html and report.json; a record that
 * does not read is a warning, and a run without one reports as it always did.
 */

const COMMIT = '3f5e2a9c1b7d4e6f8a0b2c4d6e8f0a1b3c5d7e9f';
const hex = (c: string) => c.repeat(64);

const run: RunContext = {
  owner: 'octo-org',
  repo: 'infra',
  runId: 1234,
  runAttempt: 1,
  sha: COMMIT,
  ref: 'refs/heads/main',
  eventName: 'workflow_dispatch',
  eventPath: undefined,
  actor: 'octocat',
  triggeringActor: 'octocat',
  workspace: '/w',
  runnerTemp: '/t',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  runUrl: 'https://github.com/octo-org/infra/actions/runs/1234',
};

/** The report's clock: three hours after the promoted release was made. */
const NOW = new Date('2026-03-02T12:15:00.000Z');

const tally = (passed: number, total: number) => ({ passed, failed: total - passed, notRun: 0, total });

/** A promotion to prod that succeeded after a failed release: every optional part present. */
function promotion(overrides: Partial<Release> = {}): Release {
  return validateRelease({
    schema: 'iac/release@1',
    producer: { action: 'release', version: '0.1.0' },
    environment: 'prod',
    commit: COMMIT,
    ref: 'refs/heads/main',
    runId: 1234,
    runAttempt: 1,
    createdAt: '2026-03-02T12:10:00.000Z',
    image: {
      id: 'ami-0c55b159cbfafe1f0',
      name: 'web-base',
      buildMetadataSha256: hex('b'),
      templateHash: `sha256:${hex('c')}`,
    },
    stacks: [
      {
        stack: 'network',
        planDigest: `sha256:${'0123456789ab'}${'d'.repeat(52)}`,
        workingDirectory: 'infra/network',
        workspace: 'default',
        varFiles: [],
      },
      {
        stack: 'vms',
        planDigest: `sha256:${'ba9876543210'}${'e'.repeat(52)}`,
        workingDirectory: 'infra/vms',
        workspace: 'default',
        varFiles: [{ path: 'infra/prod.tfvars', sha256: hex('f') }],
        smoke: {
          resultsSha256: hex('a'),
          ...tally(22, 22),
          failedStep: false,
          byCategory: { service: tally(14, 14), security: tally(8, 8) },
        },
      },
    ],
    source: {
      kind: 'promotion',
      scope: 'release',
      environment: 'staging',
      deploymentId: 77,
      runId: 1200,
      runAttempt: 1,
      commit: COMMIT,
      createdAt: '2026-03-02T09:15:00.000Z',
      image: { id: 'ami-0c55b159cbfafe1f0', name: 'web-base' },
      smoke: { passed: 22, total: 22 },
    },
    outcome: 'success',
    replaces: { deploymentId: 70, runId: 1100, state: 'failure', stateAt: '2026-03-02T12:06:00.000Z' },
    timeToRestore: {
      seconds: 252,
      failedAt: '2026-03-02T12:06:00.000Z',
      restoredAt: '2026-03-02T12:10:12.000Z',
    },
    ...overrides,
  });
}

/** A rollback of prod to the image of release 1100 that failed, with no image and no smoke checks. */
function failedRollback(failure: string): Release {
  const release = promotion({
    outcome: 'failure',
    failure,
    source: {
      kind: 'rollback',
      scope: 'image',
      environment: 'prod',
      deploymentId: 70,
      runId: 1100,
      runAttempt: 2,
      commit: 'c'.repeat(40),
      createdAt: '2026-03-01T12:15:00.000Z',
    },
  });
  const { image: _image, timeToRestore: _restore, replaces: _replaces, ...rest } = release;
  return validateRelease({ ...rest, stacks: release.stacks.map(({ smoke: _smoke, ...s }) => s) });
}

/** An in-memory store of this run's artifacts: name → file → text. */
function storeOf(artifacts: Record<string, Record<string, string>>): ArtifactStore {
  return {
    async upload() {
      throw new Error('the report reads only');
    },
    async list(prefix) {
      return Object.keys(artifacts)
        .filter((name) => name.startsWith(prefix))
        .map((name, index) => ({ name, id: index + 1, size: 1, createdAt: '2026-03-02T12:11:00Z' }));
    },
    async download(name, directory) {
      for (const [file, text] of Object.entries(artifacts[name] ?? {})) {
        await writeFile(join(directory, file), text);
      }
    },
  };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'report-release-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let gatherings = 0;
async function gather(artifacts: Record<string, Record<string, string>>) {
  const logger = new RecordingLogger();
  gatherings += 1;
  const gathered = await gatherArtifacts('iac', join(scratch, String(gatherings)), {
    artifacts: storeOf(artifacts),
    logger,
  });
  return { gathered, logger };
}

const modelOf = (artifacts: GatheredArtifact[]) =>
  buildModel({ title: 'deploy', run, workflow: 'deploy', artifacts, jobs: [], now: NOW });

const releaseJson = (release: unknown) => ({ 'release.json': `${JSON.stringify(release, null, 2)}\n` });

/** The Markdown from the Release heading to the next heading. */
function releaseMarkdown(markdown: string): string {
  const start = markdown.indexOf('### Release\n');
  return start < 0 ? '' : markdown.slice(start, markdown.indexOf('\n### ', start + 1));
}

describe('the Release section', () => {
  it('reads the release artifact and shows the release, its source, the time to restore and its stacks', async () => {
    const record = promotion();
    const { gathered } = await gather({ 'iac-release-prod': releaseJson(record) });
    expect(gathered).toEqual([
      {
        kind: 'release',
        name: 'iac-release-prod',
        stack: 'prod',
        createdAt: '2026-03-02T12:11:00Z',
        release: record,
      },
    ]);
    const model = modelOf(gathered);
    const markdown = renderMarkdown(model);

    // Right after the verdict, before the stages.
    expect(markdown.indexOf('### Release')).toBeGreaterThan(markdown.indexOf('**Succeeded**'));
    expect(markdown.indexOf('### Release')).toBeLessThan(markdown.indexOf('### Stages'));
    expect(releaseMarkdown(markdown).split('\n')).toEqual([
      '### Release',
      '',
      ':white_check_mark: **Release 1234 of prod: success**',
      '',
      'Promotes release 1200 of staging (commit 3f5e2a9c1b7d, image ami-0c55b159cbfafe1f0, smoke 22/22, age 3 h)',
      '',
      "Time to restore: 4 min 12 s (from the failure of release 1100 at 2026-03-02T12:06:00.000Z to this release's success at 2026-03-02T12:10:12.000Z)",
      '',
      'Commit `3f5e2a9c1b7d` · image `ami-0c55b159cbfafe1f0` · smoke 22/22 · from `iac-release-prod`',
      '',
      '| stack | plan digest | smoke |',
      '| --- | --- | ---: |',
      '| <code>network</code> | <code>sha256&#58;0123456789ab</code> |  |',
      '| <code>vms</code> | <code>sha256&#58;ba9876543210</code> | 22/22 |',
      '',
    ]);

    const page = renderHtml(model);
    expect(page.indexOf('<h2>Release</h2>')).toBeGreaterThan(page.indexOf('id="outcome"'));
    expect(page.indexOf('<h2>Release</h2>')).toBeLessThan(page.indexOf('<h2>Stages</h2>'));
    const text = page.replace(/\s+/g, ' ');
    expect(text).toContain('<strong class="success">Release 1234 of prod: success</strong>');
    expect(text).toContain(
      '<p class="source">Promotes release 1200 of staging (commit 3f5e2a9c1b7d, image ami-0c55b159cbfafe1f0, smoke 22/22, age 3 h)</p>',
    );
    expect(text).toContain(
      'Time to restore: 4 min 12 s (from the failure of release 1100 at 2026-03-02T12:06:00.000Z to this release&#39;s success at 2026-03-02T12:10:12.000Z)',
    );
    expect(text).toContain(
      '<td><code>vms</code></td> <td><code>sha256:ba9876543210</code></td> <td class="n">22/22</td>',
    );

    const json = reportJson(model);
    expect(json.releases).toEqual([record]);
    // The round trip through JSON gives back the record as it was read, and nothing else.
    expect(JSON.parse(JSON.stringify(json)).releases).toEqual([
      JSON.parse(releaseJson(record)['release.json']),
    ]);
  });

  it("says a failed release's reason, a rollback's target, and what it lacks, escaping the record's text", async () => {
    const failure = 'smoke failed <script>alert(1)</script> @ops-team **now** | [x](https://evil)';
    const { gathered } = await gather({ 'iac-release-prod': releaseJson(failedRollback(failure)) });
    const model = modelOf(gathered);
    const section = releaseMarkdown(renderMarkdown(model));
    const lines = section.split('\n');

    expect(lines[2]).toBe(
      ':x: **Release 1234 of prod: failure — smoke failed &lt;script&gt;alert(1)&lt;/script&gt; @\u2060ops-team \\*\\*now\\*\\* \\| \\[x\\](https://evil)**',
    );
    expect(lines[4]).toBe(
      'Rollback of prod to the image of release 1100 (attempt 2) of prod (commit cccccccccccc, no image build, no smoke tests, age 24 h)',
    );
    expect(section).not.toContain('Time to restore');
    expect(lines[6]).toBe(
      'Commit `3f5e2a9c1b7d` · no image build · no smoke tests · from `iac-release-prod`',
    );

    const page = renderHtml(model);
    expect(page).not.toContain('<script>');
    expect(page.replace(/\s+/g, ' ')).toContain(
      '<strong class="failure">Release 1234 of prod: failure — smoke failed &lt;script&gt;alert(1)&lt;/script&gt; @ops-team **now** | [x](https://evil)</strong>',
    );
    expect(page).not.toContain('class="restore"');
  });

  it('lists every release of the run, one per environment', async () => {
    const { gathered } = await gather({
      'iac-release-staging': releaseJson(promotion({ environment: 'staging', source: undefined })),
      'iac-release-prod': releaseJson(promotion()),
    });
    const section = releaseMarkdown(renderMarkdown(modelOf(gathered)));
    expect(section.split('\n').filter((l) => l.includes('**Release'))).toEqual([
      ':white_check_mark: **Release 1234 of staging: success**',
      ':white_check_mark: **Release 1234 of prod: success**',
    ]);
    expect(reportJson(modelOf(gathered)).releases).toHaveLength(2);
  });

  it('warns of a record that does not read, naming the artifact and why, and renders the rest', async () => {
    const { gathered, logger } = await gather({
      'iac-release-prod': releaseJson(promotion()),
      'iac-release-dev': releaseJson({ ...promotion(), schema: 'iac/release@2' }),
      'iac-release-qa': releaseJson({ ...promotion(), outcome: 'maybe' }),
      'iac-release-test': {},
      'iac-outputs-vms': { 'outputs.json': '{"address":"10.0.1.5"}' },
    });
    const problems = Object.fromEntries(gathered.map((a) => [a.name, a.problem]));
    expect(problems['iac-release-dev']).toBe(
      'iac-release-dev/release.json is iac/release@2, but this version of report reads iac/release@1: promote or roll back with the iac-pipeline version that recorded the release, or a later one',
    );
    expect(problems['iac-release-qa']).toMatch(
      /^iac-release-qa\/release\.json: outcome must be one of: success, failure/,
    );
    expect(problems['iac-release-test']).toBe('iac-release-test/release.json is missing');
    expect(problems['iac-release-prod']).toBeUndefined();
    expect(logger.messages('warning')).toHaveLength(3);

    const model = modelOf(gathered);
    // A record that did not read is a warning, not a failed stage: the apply's outputs decide the run.
    expect(model.outcome).toBe('success');
    const markdown = renderMarkdown(model);
    const section = releaseMarkdown(markdown);
    expect(section).toContain(':white_check_mark: **Release 1234 of prod: success**');
    expect(section).toContain(
      `:warning: The release record \`iac-release-dev\` could not be read: \`${problems['iac-release-dev']}\``,
    );
    expect(section).toContain(
      ':warning: The release record `iac-release-qa` could not be read: `iac-release-qa/release.json: outcome',
    );
    expect(section).toContain(
      '`iac-release-test` could not be read: `iac-release-test/release.json is missing`',
    );
    expect(markdown).toContain('### Stages');

    const page = renderHtml(model).replace(/\s+/g, ' ');
    expect(page).toContain(
      'The release record <code>iac-release-dev</code> could not be read: iac-release-dev/release.json is iac/release@2',
    );

    const json = reportJson(model);
    expect(json.releases).toEqual([promotion()]);
    expect(json.artifacts).toContainEqual(
      expect.objectContaining({
        name: 'iac-release-dev',
        kind: 'release',
        read: false,
        problem: problems['iac-release-dev'],
      }),
    );
  });

  it('shows a section of warnings alone when no record reads', async () => {
    const { gathered } = await gather({ 'iac-release-prod': { 'release.json': 'not json' } });
    const model = modelOf(gathered);
    const section = releaseMarkdown(renderMarkdown(model));
    expect(section).toMatch(
      /^### Release\n\n:warning: The release record `iac-release-prod` could not be read: `iac-release-prod\/release\.json is not valid JSON/,
    );
    expect(reportJson(model).releases).toEqual([]);
  });

  it('is not there when the run recorded no release: the report is as before', async () => {
    const { gathered } = await gather({ 'iac-outputs-vms': { 'outputs.json': '{"address":"10.0.1.5"}' } });
    const model = modelOf(gathered);
    expect(model.release).toBeUndefined();
    expect(renderMarkdown(model)).not.toContain('Release');
    expect(renderHtml(model)).not.toMatch(/Release|id="releases"/);
    expect(reportJson(model)).not.toHaveProperty('releases');
  });
});
