import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireApprovalRecord } from '../../../src/approval/record-check.js';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import { APPROVAL_RECORD_SCHEMA, type ApprovalRecord } from '../../../src/contracts/approval-record.js';
import { ConfigurationError } from '../../../src/core/errors.js';

const DIGEST = `sha256:${'1'.repeat(64)}`;
const OTHER = `sha256:${'2'.repeat(64)}`;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'record-check-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function record(overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    schema: APPROVAL_RECORD_SCHEMA,
    producer: { action: 'approval-gate', version: '0.1.0' },
    mode: 'policy',
    decidedBy: 'policy',
    status: 'approved',
    planDigest: DIGEST,
    stack: 'vms',
    approvers: [],
    rejects: [],
    minApprovals: 1,
    runId: 7,
    runAttempt: 1,
    decidedAt: '2026-11-23T10:00:00Z',
    ...overrides,
  };
}

/** A store holding one artifact, `iac-approval-vms`, with the given file content, or none. */
function storeWith(content: string | undefined): ArtifactStore & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    upload: () => Promise.reject(new Error('not used')),
    list: () => Promise.resolve([]),
    async download(name, directory) {
      asked.push(name);
      if (content === undefined || name !== 'iac-approval-vms') {
        throw new ConfigurationError(`No artifact named "${name}" in this workflow run.`);
      }
      await mkdir(directory, { recursive: true });
      await writeFile(join(directory, 'approval-record.json'), content);
    },
  };
}

let count = 0;
const check = (content: string | undefined, planDigest = DIGEST) =>
  requireApprovalRecord(storeWith(content), {
    artifactPrefix: 'iac',
    stack: 'vms',
    planDigest,
    directory: join(root, `case-${++count}`),
  });

describe('requireApprovalRecord', () => {
  it("returns the record that approves exactly the bundle's digest", async () => {
    await expect(check(JSON.stringify(record()))).resolves.toMatchObject({
      status: 'approved',
      stack: 'vms',
    });
  });

  it.each([
    [
      'no record in the run',
      undefined,
      'require-approval is on and this run has no approval record "iac-approval-vms": run approval-gate for stack vms in a job this one needs, with the same artifact-prefix.',
    ],
    ['another plan', JSON.stringify(record({ planDigest: OTHER })), 'The approval gate decided on plan'],
    [
      'a pending decision',
      JSON.stringify(record({ status: 'pending', mode: 'comment', decidedBy: 'reviewers', minApprovals: 2 })),
      "is not approved: the approval gate's decision is pending (0 of 2 approvals). Nothing was applied.",
    ],
    [
      'a rejection',
      JSON.stringify(
        record({
          status: 'rejected',
          rejects: [{ login: 'maint1', permission: 'maintain', at: '2026-11-23T10:00:00Z' }],
        }),
      ),
      'was rejected by maint1. Nothing was applied.',
    ],
    [
      'a record of another stack',
      JSON.stringify(record({ stack: 'network' })),
      'is for stack network, not vms',
    ],
    ['a file that is not JSON', '{"schema":', 'has no readable approval-record.json'],
    ['another kind of file', JSON.stringify({ schema: 'iac/plan@1' }), 'is not an iac/approval@1 record'],
  ])('refuses %s', async (_, content, message) => {
    const refused = check(content);
    await expect(refused).rejects.toBeInstanceOf(ConfigurationError);
    await expect(check(content)).rejects.toThrow(message);
  });

  it('names both digests when the record approves another plan', async () => {
    await expect(check(JSON.stringify(record()), OTHER)).rejects.toThrow(
      /decided on plan sha256:1{12}.*this bundle is plan sha256:2{12}/,
    );
  });
});
