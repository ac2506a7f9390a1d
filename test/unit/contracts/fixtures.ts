import { expect } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import type { PlanBundleInput, PlanExpectations } from '../../../src/contracts/bundle.js';
import type { PlanManifest, PolicyResult } from '../../../src/contracts/manifest.js';

export const COMMIT = 'a'.repeat(40);
export const OTHER_COMMIT = 'b'.repeat(40);
export const HEX = '0123456789abcdef'.repeat(4);

export function tempDir(prefix = 'contracts-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The ConfigurationError message of a refusal; fails the test when anything else happens. */
export async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

export function syncRefusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

/** A valid iac/plan@1 manifest, as parsed JSON. */
export function sampleManifest(): PlanManifest {
  return {
    schema: 'iac/plan@1',
    producer: { action: 'tf-plan', version: '1.0.0' },
    stack: 'network',
    workingDirectory: 'infra/network',
    workspace: 'default',
    commit: COMMIT,
    ref: 'refs/pull/7/merge',
    runId: 1234,
    runAttempt: 1,
    createdAt: '2025-01-02T03:04:05.678Z',
    tool: { name: 'tofu', version: '1.10.6' },
    varFiles: [{ path: 'infra/network/prod.tfvars', sha256: HEX }],
    files: { tfplan: HEX, 'plan.json': HEX, '.terraform.lock.hcl': HEX },
    priorState: { exists: true, serial: 4, lineage: 'c0ffee' },
    planDigest: `sha256:${HEX}`,
    summary: {
      add: 1,
      change: 0,
      destroy: 1,
      replace: 1,
      import: 0,
      move: 0,
      hasChanges: true,
      destroys: true,
      deletes: ['terraform_data.old', 'terraform_data.replaced'],
    },
  };
}

export const MARKER = 'MARKER-8d1f0c2a-value-that-must-not-leak';

/** Source files for a bundle: a planfile (binary, with a marker), plan.json, and a lock file. */
export function sourceFiles(withLock = true): Record<string, string> {
  const dir = tempDir('plan-sources-');
  const planfile = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 255]), Buffer.from(MARKER)]);
  writeFileSync(join(dir, 'tfplan'), planfile);
  writeFileSync(join(dir, 'plan.json'), JSON.stringify({ format_version: '1.2', secret: MARKER }));
  const files: Record<string, string> = { tfplan: join(dir, 'tfplan'), 'plan.json': join(dir, 'plan.json') };
  if (withLock) {
    writeFileSync(join(dir, '.terraform.lock.hcl'), 'provider "registry.opentofu.org/hashicorp/null" {}\n');
    files['.terraform.lock.hcl'] = join(dir, '.terraform.lock.hcl');
  }
  return files;
}

export function bundleInput(files: Record<string, string>): PlanBundleInput {
  const { schema: _s, files: _f, planDigest: _d, ...fields } = sampleManifest();
  return { ...fields, files };
}

/** What an apply job of the sample stack expects. */
export function expectations(overrides: Partial<PlanExpectations> = {}): PlanExpectations {
  return {
    stack: 'network',
    workingDirectory: 'infra/network',
    workspace: 'default',
    commit: COMMIT,
    requireSameCommit: true,
    tool: { name: 'tofu', version: '1.10.6' },
    ...overrides,
  };
}

/** A policy check of one policy file in namespace terraform; passed unless `overrides` gives failures. */
export function samplePolicyResult(overrides: Partial<PolicyResult> = {}): PolicyResult {
  const failures = overrides.failures ?? [];
  return {
    mode: 'enforce',
    namespace: 'terraform',
    conftestVersion: '0.71.1',
    policies: [{ path: 'policy/vms.rego', sha256: 'a'.repeat(64) }],
    data: [],
    evaluated: 3,
    failures,
    warnings: [],
    passed: failures.length === 0,
    ...overrides,
  };
}
