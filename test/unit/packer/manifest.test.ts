import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactsOfThisRun, readManifestFile } from '../../../src/packer/manifest.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'packer-manifest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// As Packer 1.6.6 writes it after two runs, the second with two builds.
const TWO_RUNS = {
  builds: [
    {
      name: 'web',
      builder_type: 'amazon-ebs',
      build_time: 1700000000,
      files: null,
      artifact_id: 'eu-west-1:ami-0old',
      packer_run_uuid: 'run-1',
      custom_data: null,
    },
    {
      name: 'web',
      builder_type: 'amazon-ebs',
      build_time: 1700000500,
      files: [{ name: 'packer.log', size: 12 }],
      artifact_id: 'eu-west-1:ami-0new',
      packer_run_uuid: 'run-2',
      custom_data: { docker: '24.0.7', nested: { not: 'a string' } },
    },
    {
      name: 'db',
      builder_type: 'null',
      build_time: 1700000501,
      files: null,
      artifact_id: 'Null',
      packer_run_uuid: 'run-2',
    },
  ],
  last_run_uuid: 'run-2',
};

describe('readManifestFile', () => {
  it('reads a manifest, and gives nothing for a missing file or one that is not a manifest', async () => {
    await writeFile(join(dir, 'm.json'), JSON.stringify(TWO_RUNS));
    await writeFile(join(dir, 'not-json.json'), 'nope');
    await writeFile(join(dir, 'other.json'), JSON.stringify({ builds: 'many' }));
    expect((await readManifestFile(join(dir, 'm.json')))?.last_run_uuid).toBe('run-2');
    expect(await readManifestFile(join(dir, 'missing.json'))).toBeUndefined();
    expect(await readManifestFile(join(dir, 'not-json.json'))).toBeUndefined();
    expect(await readManifestFile(join(dir, 'other.json'))).toBeUndefined();
  });
});

describe('artifactsOfThisRun', () => {
  it('takes the builds of the last run, in order, with HCL2 build names', async () => {
    await writeFile(join(dir, 'm.json'), JSON.stringify(TWO_RUNS));
    const manifest = await readManifestFile(join(dir, 'm.json'));
    expect(artifactsOfThisRun(manifest, 'run-1', 'hcl2')).toEqual([
      {
        build: 'amazon-ebs.web',
        id: 'eu-west-1:ami-0new',
        builderType: 'amazon-ebs',
        files: ['packer.log'],
        customData: { docker: '24.0.7', nested: '{"not":"a string"}' },
      },
      { build: 'null.db', id: 'Null', builderType: 'null', files: [], customData: {} },
    ]);
    expect(artifactsOfThisRun(manifest, undefined, 'json').map((artifact) => artifact.build)).toEqual([
      'web',
      'db',
    ]);
  });

  it('gives nothing when this build did not write the file: its last run is the one from before', async () => {
    await writeFile(join(dir, 'm.json'), JSON.stringify(TWO_RUNS));
    const manifest = await readManifestFile(join(dir, 'm.json'));
    expect(artifactsOfThisRun(manifest, 'run-2', 'hcl2')).toEqual([]);
    expect(artifactsOfThisRun(undefined, undefined, 'hcl2')).toEqual([]);
    expect(artifactsOfThisRun({ builds: [] }, undefined, 'hcl2')).toEqual([]);
  });
});
