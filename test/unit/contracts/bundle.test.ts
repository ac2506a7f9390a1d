import { describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePlanBundle, verifyPlanBundle } from '../../../src/contracts/bundle.js';
import { planDigest, sha256File } from '../../../src/contracts/digest.js';
import { readPlanManifest, type PlanManifest } from '../../../src/contracts/manifest.js';
import {
  COMMIT,
  OTHER_COMMIT,
  bundleInput,
  expectations,
  refusal,
  sampleManifest,
  sourceFiles,
  tempDir,
} from './fixtures.js';

async function newBundle(withLock = true): Promise<{ dir: string; manifest: PlanManifest }> {
  const dir = join(tempDir('bundle-'), 'plan');
  const manifest = await writePlanBundle(dir, bundleInput(sourceFiles(withLock)));
  return { dir, manifest };
}

function editManifest(dir: string, edit: (manifest: Record<string, unknown>) => void): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
}

function flipByte(path: string, at = 3): void {
  const bytes = readFileSync(path);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  writeFileSync(path, bytes);
}

describe('writePlanBundle', () => {
  it('copies the files, records their sha256 and the plan digest, and writes manifest.json', async () => {
    const sources = sourceFiles();
    const dir = join(tempDir('bundle-'), 'plan');
    const manifest = await writePlanBundle(dir, bundleInput(sources));

    expect(readdirSync(dir).sort()).toEqual(['.terraform.lock.hcl', 'manifest.json', 'plan.json', 'tfplan']);
    for (const [name, source] of Object.entries(sources)) {
      expect(readFileSync(join(dir, name))).toEqual(readFileSync(source));
      expect(manifest.files[name]).toBe(await sha256File(source));
    }
    expect(manifest.planDigest).toBe(
      planDigest({
        planfile: readFileSync(sources.tfplan as string),
        lockFile: readFileSync(sources['.terraform.lock.hcl'] as string),
        stack: 'network',
        workingDirectory: 'infra/network',
        workspace: 'default',
        toolName: 'tofu',
        toolMajor: 1,
      }),
    );
    const { files: _f, planDigest: _d, ...rest } = manifest;
    const { files: _sf, planDigest: _sd, ...expected } = sampleManifest();
    expect(rest).toEqual(expected);
    expect(readPlanManifest(readFileSync(join(dir, 'manifest.json')))).toEqual(manifest);
  });

  it('sets createdAt to now when not given', async () => {
    const { createdAt: _c, ...input } = bundleInput(sourceFiles());
    const before = Date.now();
    const manifest = await writePlanBundle(join(tempDir(), 'plan'), input);
    expect(Date.parse(manifest.createdAt)).toBeGreaterThanOrEqual(before);
  });

  it('refuses a directory that is not empty, an unsafe name or a bundle without a planfile (bugs)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'leftover'), '');
    await expect(writePlanBundle(dir, bundleInput(sourceFiles()))).rejects.toThrow('is not empty');

    const sources = sourceFiles();
    await expect(
      writePlanBundle(join(tempDir(), 'p'), bundleInput({ ...sources, '../x': sources.tfplan as string })),
    ).rejects.toThrow('cannot bundle a file named "../x"');
    await expect(
      writePlanBundle(join(tempDir(), 'p'), bundleInput({ 'manifest.json': sources.tfplan as string })),
    ).rejects.toThrow('cannot bundle a file named "manifest.json"');
    await expect(
      writePlanBundle(join(tempDir(), 'p'), bundleInput({ 'plan.json': sources['plan.json'] as string })),
    ).rejects.toThrow('a plan bundle needs tfplan');
  });
});

describe('verifyPlanBundle', () => {
  it('returns the manifest of an untouched bundle, with and without a lock file', async () => {
    const { dir, manifest } = await newBundle();
    expect(await verifyPlanBundle(dir, expectations())).toEqual(manifest);
    const noLock = await newBundle(false);
    expect(Object.keys(noLock.manifest.files).sort()).toEqual(['plan.json', 'tfplan']);
    expect(await verifyPlanBundle(noLock.dir, expectations())).toEqual(noLock.manifest);
  });

  it('accepts the approved digest, in any case, with or without its prefix', async () => {
    const { dir, manifest } = await newBundle();
    const hex = manifest.planDigest.slice('sha256:'.length);
    await verifyPlanBundle(dir, expectations({ expectedDigest: manifest.planDigest }));
    await verifyPlanBundle(dir, expectations({ expectedDigest: hex.toUpperCase() }));
  });

  it('refuses a changed byte in a bundled file, naming the file', async () => {
    for (const name of ['tfplan', 'plan.json', '.terraform.lock.hcl']) {
      const { dir, manifest } = await newBundle();
      flipByte(join(dir, name));
      const actual = await sha256File(join(dir, name));
      expect(await refusal(() => verifyPlanBundle(dir, expectations()))).toBe(
        `the plan bundle's ${name} is not the file tf-plan wrote: its sha256 is ${actual.slice(0, 12)}…, ` +
          `manifest.json records ${manifest.files[name]?.slice(0, 12)}…; the artifact was altered; ` +
          'run tf-plan again and apply the new plan',
      );
    }
  });

  it('refuses a missing file', async () => {
    const { dir } = await newBundle();
    rmSync(join(dir, '.terraform.lock.hcl'));
    expect(await refusal(() => verifyPlanBundle(dir, expectations()))).toBe(
      'the plan bundle has no .terraform.lock.hcl, which manifest.json lists: the artifact is incomplete or was ' +
        'altered after tf-plan wrote it; run tf-plan again and apply the new plan',
    );
  });

  it('refuses an extra file, or anything that is not a regular file', async () => {
    const { dir } = await newBundle();
    writeFileSync(join(dir, 'override.tf'), 'resource "x" "y" {}');
    expect(await refusal(() => verifyPlanBundle(dir, expectations()))).toBe(
      'the plan bundle holds override.tf, which manifest.json does not list: the artifact was altered after ' +
        'tf-plan wrote it; run tf-plan again and apply the new plan',
    );
    const other = await newBundle();
    mkdirSync(join(other.dir, 'modules'));
    expect(await refusal(() => verifyPlanBundle(other.dir, expectations()))).toBe(
      'the plan bundle holds modules, which is not a regular file: the artifact was altered after tf-plan ' +
        'wrote it; run tf-plan again and apply the new plan',
    );
  });

  it('refuses a manifest whose digest no longer matches (fields edited after the plan)', async () => {
    const { dir, manifest } = await newBundle();
    // Someone points the bundle at another workspace without re-planning.
    editManifest(dir, (m) => (m.workspace = 'prod'));
    const message = await refusal(() => verifyPlanBundle(dir, expectations({ workspace: 'prod' })));
    expect(message).toMatch(
      /^the plan digest recomputed from the bundle \(sha256:[0-9a-f]{12}…\) differs from the one in manifest\.json /,
    );
    expect(message).toContain(`(${manifest.planDigest.slice(0, 19)}…)`);
    expect(message).toContain('manifest.json was edited after tf-plan wrote it; run tf-plan again');
  });

  it('refuses a missing, invalid or newer manifest.json', async () => {
    const missing = await newBundle();
    rmSync(join(missing.dir, 'manifest.json'));
    expect(await refusal(() => verifyPlanBundle(missing.dir, expectations()))).toBe(
      'the plan bundle has no manifest.json: it is not a bundle written by tf-plan; check plan-artifact',
    );

    const newer = await newBundle();
    editManifest(newer.dir, (m) => (m.schema = 'iac/plan@2'));
    expect(await refusal(() => verifyPlanBundle(newer.dir, expectations()))).toBe(
      'manifest.json is iac/plan@2, but this version of tf-apply reads iac/plan@1: ' +
        'use the same iac-pipeline version for plan and apply',
    );

    const invalid = await newBundle();
    editManifest(invalid.dir, (m) => delete m.stack);
    expect(await refusal(() => verifyPlanBundle(invalid.dir, expectations()))).toBe(
      'manifest.json: stack is missing (it must be a string)',
    );
  });

  it('refuses a digest other than the approved one, naming both', async () => {
    const { dir, manifest } = await newBundle();
    const approved = `sha256:${'f'.repeat(64)}`;
    expect(await refusal(() => verifyPlanBundle(dir, expectations({ expectedDigest: approved })))).toBe(
      `the plan bundle's digest is ${manifest.planDigest.slice(0, 19)}…, but expected-plan-digest is ` +
        'sha256:ffffffffffff…: this is not the plan that was approved. A new plan needs a new approval: ' +
        'have this plan approved, or apply the bundle of the approved plan',
    );
  });

  it('refuses a bundle made for another stack, working directory or workspace, naming both', async () => {
    const { dir } = await newBundle();
    expect(await refusal(() => verifyPlanBundle(dir, expectations({ stack: 'dns' })))).toBe(
      'the plan bundle was made for stack "network", but this job applies stack "dns": apply the plan of ' +
        'stack "dns" (plan-artifact), or set stack: network if that is the stack you mean',
    );
    expect(await refusal(() => verifyPlanBundle(dir, expectations({ workingDirectory: '.' })))).toBe(
      'the plan bundle was planned in working directory "infra/network", but this job applies ".": ' +
        'set working-directory: infra/network, or apply a plan made in "."',
    );
    expect(await refusal(() => verifyPlanBundle(dir, expectations({ workspace: 'prod' })))).toBe(
      'the plan bundle was planned for workspace "default", but this job applies workspace "prod": ' +
        'set workspace: default, or plan again for workspace "prod"',
    );
  });

  it('refuses another commit when require-same-commit is on, naming both', async () => {
    const { dir, manifest } = await newBundle();
    expect(await refusal(() => verifyPlanBundle(dir, expectations({ commit: OTHER_COMMIT })))).toBe(
      `the plan bundle was made at commit ${COMMIT}, but this job runs at commit ${OTHER_COMMIT}: the ` +
        'configuration may have changed since the plan. Plan again at this commit, or set ' +
        'require-same-commit: false to apply a plan made at another commit (such as applying on merge the ' +
        'plan made on the pull request)',
    );
    expect(
      await verifyPlanBundle(dir, expectations({ commit: OTHER_COMMIT, requireSameCommit: false })),
    ).toEqual(manifest);
  });

  it('refuses another tool or another major version of it', async () => {
    const { dir, manifest } = await newBundle();
    expect(
      await refusal(() =>
        verifyPlanBundle(dir, expectations({ tool: { name: 'terraform', version: '1.10.6' } })),
      ),
    ).toBe(
      'the plan bundle was made with tofu 1.10.6, but this job runs terraform 1.10.6: a plan applies only with ' +
        'the tool that made it; set binary: tofu, or plan again with terraform',
    );
    expect(
      await refusal(() => verifyPlanBundle(dir, expectations({ tool: { name: 'tofu', version: '2.0.1' } }))),
    ).toBe(
      'the plan bundle was made with tofu 1.10.6 (1.x), but this job runs tofu 2.0.1 (2.x): a plan applies ' +
        'only with the same major version; install tofu 1.x for this job, or plan again with 2.x',
    );
    // Within a major version the tool itself decides (it refuses a plan from another version when it must).
    expect(await verifyPlanBundle(dir, expectations({ tool: { name: 'tofu', version: '1.11.0' } }))).toEqual(
      manifest,
    );
  });

  it('checks integrity before identity, and identity before approval', async () => {
    const { dir } = await newBundle();
    appendFileSync(join(dir, 'tfplan'), 'x');
    const wrongEverything = expectations({
      stack: 'dns',
      commit: OTHER_COMMIT,
      expectedDigest: `sha256:${'0'.repeat(64)}`,
    });
    expect(await refusal(() => verifyPlanBundle(dir, wrongEverything))).toMatch(/^the plan bundle's tfplan/);
    const clean = await newBundle();
    expect(await refusal(() => verifyPlanBundle(clean.dir, wrongEverything))).toMatch(/stack "dns"/);
  });
});
