import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { z } from 'zod';
import {
  isWorkspacePath,
  readContract,
  readPlanManifest,
  toWorkspacePath,
  toolMajor,
  validatePlanManifest,
} from '../../../src/contracts/manifest.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { sampleManifest, syncRefusal } from './fixtures.js';

function withField(path: string[], value: unknown): Record<string, unknown> {
  const manifest = structuredClone(sampleManifest()) as unknown as Record<string, unknown>;
  let target = manifest;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return manifest;
}

const refusedWith = (manifest: unknown) => syncRefusal(() => readPlanManifest(JSON.stringify(manifest)));

describe('readPlanManifest', () => {
  it('reads a valid manifest from JSON text, a Buffer or a parsed value', () => {
    const manifest = sampleManifest();
    expect(readPlanManifest(JSON.stringify(manifest))).toEqual(manifest);
    expect(readPlanManifest(Buffer.from(JSON.stringify(manifest)))).toEqual(manifest);
    expect(readPlanManifest(manifest)).toEqual(manifest);
  });

  it('ignores fields it does not know (a later minor version may add some)', () => {
    const read = readPlanManifest({ ...sampleManifest(), addedLater: { x: 1 } });
    expect(read).toEqual(sampleManifest());
  });

  it('accepts a manifest without a lock file, prior state or var files', () => {
    const manifest = sampleManifest();
    delete manifest.files['.terraform.lock.hcl'];
    manifest.priorState = { exists: false };
    manifest.varFiles = [];
    manifest.workingDirectory = '.';
    expect(readPlanManifest(manifest)).toEqual(manifest);
  });

  it('refuses another major version, naming the one it got and the one it reads', () => {
    expect(refusedWith({ ...sampleManifest(), schema: 'iac/plan@2' })).toBe(
      'manifest.json is iac/plan@2, but this version of tf-apply reads iac/plan@1: ' +
        'use the same iac-pipeline version for plan and apply',
    );
    expect(
      syncRefusal(() => readPlanManifest({ ...sampleManifest(), schema: 'iac/plan@0' }, 'approval-gate')),
    ).toMatch(/^manifest\.json is iac\/plan@0, but this version of approval-gate reads iac\/plan@1/);
  });

  it('refuses another kind of artifact', () => {
    expect(refusedWith({ ...sampleManifest(), schema: 'iac/approval@1' })).toBe(
      'manifest.json is iac/approval@1, but tf-apply reads iac/plan@1: this is not the artifact tf-apply expects',
    );
  });

  it('refuses a missing or malformed schema id', () => {
    expect(refusedWith(withField(['schema'], undefined))).toBe(
      'manifest.json: schema must be a schema id such as iac/plan@1',
    );
    expect(refusedWith({ ...sampleManifest(), schema: 'plan v1' })).toBe(
      'manifest.json: schema must be a schema id such as iac/plan@1; got "plan v1"',
    );
  });

  it('refuses what is not a JSON object', () => {
    expect(syncRefusal(() => readPlanManifest('{"schema": '))).toMatch(
      /^manifest\.json is not valid JSON \(/,
    );
    expect(syncRefusal(() => readPlanManifest('[1, 2]'))).toBe('manifest.json must be a JSON object');
    expect(syncRefusal(() => readPlanManifest('null'))).toBe('manifest.json must be a JSON object');
  });

  it('names a missing field', () => {
    expect(refusedWith(withField(['stack'], undefined))).toBe(
      'manifest.json: stack is missing (it must be a string)',
    );
    expect(refusedWith(withField(['runId'], undefined))).toBe(
      'manifest.json: runId is missing (it must be a whole number)',
    );
    expect(refusedWith(withField(['priorState', 'exists'], undefined))).toBe(
      'manifest.json: priorState.exists is missing (it must be true or false)',
    );
    expect(refusedWith(withField(['summary'], undefined))).toBe(
      'manifest.json: summary is missing (it must be an object)',
    );
  });

  it('names a field of the wrong type or form', () => {
    const cases: Array<[string[], unknown, string]> = [
      [['stack'], 42, 'stack must be a string, not 42'],
      [['stack'], '', 'stack must not be empty'],
      [['runId'], '1234', 'runId must be a whole number, not a string'],
      [['runAttempt'], 0, 'runAttempt must be a whole number, 1 or more'],
      [['commit'], 'HEAD', 'commit must be a commit SHA: 40 (or 64) lowercase hex digits'],
      [['createdAt'], 'yesterday', 'createdAt must be an ISO 8601 date and time'],
      [['tool', 'name'], 'pulumi', 'tool.name must be one of: tofu, terraform'],
      [['tool', 'version'], 'latest', 'tool.version must be a version such as 1.10.6'],
      [['varFiles'], {}, 'varFiles must be a list, not an object'],
      [['varFiles', '0', 'sha256'], 'abc', 'varFiles[0].sha256 must be a sha256: 64 lowercase hex digits'],
      [['files', 'tfplan'], undefined, 'files.tfplan is missing'],
      [['files', 'plan.json'], undefined, 'files["plan.json"] is missing'],
      [
        ['files', '.terraform.lock.hcl'],
        'x',
        'files[".terraform.lock.hcl"] must be a sha256: 64 lowercase hex digits',
      ],
      [['files', '../etc'], 'x', 'files["../etc"] must be a plain file name, with no "/"'],
      [['files', 'manifest.json'], '0'.repeat(64), 'files["manifest.json"] must not be listed'],
      [['priorState', 'serial'], -1, 'priorState.serial must be a whole number, 0 or more'],
      [['planDigest'], '0'.repeat(64), 'planDigest must be "sha256:" and 64 lowercase hex digits'],
      [['summary', 'add'], 1.5, 'summary.add must be a whole number, not 1.5'],
      [['summary', 'deletes'], 'a.b', 'summary.deletes must be a list, not a string'],
      [['summary', 'hasChanges'], 'yes', 'summary.hasChanges must be true or false, not a string'],
    ];
    for (const [path, value, message] of cases) {
      expect(refusedWith(withField(path, value))).toBe(`manifest.json: ${message}`);
    }
  });

  it('wants the working directory as a POSIX path relative to the workspace', () => {
    for (const bad of ['', '/abs', '../up', 'a/../b', './a', 'a/', 'a//b', 'a\\b']) {
      expect(refusedWith(withField(['workingDirectory'], bad))).toBe(
        "manifest.json: workingDirectory must be a POSIX path relative to the workspace, '.' for the workspace itself",
      );
    }
    for (const good of ['.', 'infra', 'infra/prod', '..hidden/x']) expect(isWorkspacePath(good)).toBe(true);
  });
});

describe('readContract', () => {
  const approvalV1 = z.object({ schema: z.literal('iac/approval@1'), digest: z.string() });
  const approvalV2 = z.object({ schema: z.literal('iac/approval@2'), digests: z.array(z.string()) });
  const read = (value: unknown) =>
    readContract(
      value,
      'iac/approval',
      { 1: approvalV1, 2: approvalV2 },
      {
        file: 'approval-record.json',
        reader: 'tf-apply',
      },
    );

  it('reads every major version it has a schema for', () => {
    expect(read({ schema: 'iac/approval@1', digest: 'x' })).toEqual({
      schema: 'iac/approval@1',
      digest: 'x',
    });
    expect(read({ schema: 'iac/approval@2', digests: [] })).toEqual({
      schema: 'iac/approval@2',
      digests: [],
    });
  });

  it('names the versions it reads and the file, with a generic piece of advice', () => {
    expect(syncRefusal(() => read({ schema: 'iac/approval@3' }))).toBe(
      'approval-record.json is iac/approval@3, but this version of tf-apply reads iac/approval@1 or iac/approval@2: ' +
        'use the same iac-pipeline version in every job',
    );
    expect(syncRefusal(() => read({ schema: 'iac/approval@2', digests: 'x' }))).toBe(
      'approval-record.json: digests must be a list, not a string',
    );
  });
});

describe('validatePlanManifest', () => {
  it('treats an invalid manifest about to be written as a bug, not a user mistake', () => {
    const run = () => validatePlanManifest(withField(['stack'], 3));
    expect(run).toThrow('refusing to write an invalid manifest.json: stack must be a string, not 3');
    expect(run).not.toThrow(ConfigurationError);
  });
});

describe('toWorkspacePath and toolMajor', () => {
  it('turns a directory into its workspace-relative POSIX form', () => {
    const root = join('/', 'work', 'repo');
    expect(toWorkspacePath(root, root)).toBe('.');
    expect(toWorkspacePath(root, join(root, 'infra', 'prod'))).toBe('infra/prod');
    expect(syncRefusal(() => toWorkspacePath(root, join('/', 'work', 'other')))).toBe(
      'Input "working-directory" must name a directory inside the workspace',
    );
  });

  it('reads the major version', () => {
    expect(toolMajor('1.10.6')).toBe(1);
    expect(toolMajor('v2.0.0-rc1')).toBe(2);
    expect(() => toolMajor('latest')).toThrow(TypeError);
  });
});
