import { describe, expect, it } from '@jest/globals';
import { BackendAccessError, commandFailure, StateLockedError } from '../../../src/terraform/errors.js';
import { isRestatedError } from '../../../src/terraform/ui-stream.js';
import { heldLockOf } from '../../../src/terraform/state-lock.js';
import { StepFailure, isConfigurationError } from '../../../src/core/errors.js';

// The detail tofu 1.12.6 gave against versitygw when another apply held the lock (use_lockfile = true).
const DETAIL = [
  'Error message: operation error S3: PutObject, https response error StatusCode: 412, RequestID: 8MWP, HostID: By9Z, api error PreconditionFailed: At least one of the pre-conditions you specified did not hold.',
  'Lock Info:',
  '  ID:        83f4f125-6e8e-1ec0-05b8-de472f4e131a',
  '  Path:      bucket-two/s/terraform.tfstate',
  '  Operation: OperationTypeApply',
  '  Who:       runner@fv-az123',
  '  Version:   1.12.6',
  '  Created:   2026-12-02 07:14:18.874931568 +0000 UTC',
  '  Info:      ',
  '',
  '',
  'OpenTofu acquires a state lock to protect the state from being written',
  'by multiple users at the same time.',
].join('\n');

const locked = { severity: 'error' as const, summary: 'Error acquiring the state lock', detail: DETAIL };

describe('a held state lock', () => {
  it('is read from the diagnostic', () => {
    expect(heldLockOf([locked])).toEqual({
      id: '83f4f125-6e8e-1ec0-05b8-de472f4e131a',
      path: 'bucket-two/s/terraform.tfstate',
      operation: 'apply',
      who: 'runner@fv-az123',
      version: '1.12.6',
      created: '2026-12-02 07:14:18.874931568 +0000 UTC',
    });
    expect(heldLockOf([{ ...locked, summary: 'Something else' }])).toBeUndefined();
  });

  it('fails the step with its ID, holder, time and the force-unlock command, and a summary', () => {
    const error = commandFailure({
      command: ['tofu', 'apply', '-input=false', '-lock-timeout=5s', 'tfplan'],
      exitCode: 1,
      diagnostics: [locked],
      applied: [],
      stderrTail: '',
      readsConfiguration: false,
      directory: 'infra',
    });
    expect(error).toBeInstanceOf(StateLockedError);
    expect(error).toBeInstanceOf(StepFailure);
    expect(isConfigurationError(error)).toBe(false);
    expect(error.message).toBe(
      'The state is locked: lock 83f4f125-6e8e-1ec0-05b8-de472f4e131a is held by runner@fv-az123 for apply since ' +
        '2026-12-02 07:14:18.874931568 +0000 UTC on bucket-two/s/terraform.tfstate, and tofu gave up after waiting 5s ' +
        '(lock-timeout). Nothing was changed. If that holder is gone (its job was cancelled or its runner died), ' +
        'release the lock in infra after tofu init with the same backend-config: ' +
        '`tofu force-unlock -force 83f4f125-6e8e-1ec0-05b8-de472f4e131a`. Run it only when the holder is gone: ' +
        'unlocking under a running apply lets two applies write the state at once.',
    );
    const summary = (error as StateLockedError).summary ?? '';
    expect(summary).toContain('## :lock: The state is locked');
    expect(summary).toMatch(/^\| Held by \| .*runner.*fv.*az123.* \|$/m);
    expect(summary).toContain('tofu force-unlock -force 83f4f125-6e8e-1ec0-05b8-de472f4e131a');
    expect(summary).toContain('> [!WARNING]');
  });

  it('says how to wait when the command did not', () => {
    const error = commandFailure({
      command: ['tofu', 'plan'],
      exitCode: 1,
      diagnostics: [locked],
      applied: [],
      stderrTail: '',
      readsConfiguration: true,
      directory: '.',
    });
    expect(error.message).toContain('tofu gave up without waiting (set lock-timeout to wait for it)');
  });
});

describe('a backend that refuses the credentials', () => {
  it('fails the step with one line that says where the credentials go, not as a bug', () => {
    const denied = {
      severity: 'error' as const,
      summary:
        'Failed to get existing workspaces: operation error S3: ListObjectsV2, https response error StatusCode: 403, RequestID: CG3D, api error SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.',
      detail: '',
    };
    const error = commandFailure({
      command: ['tofu', 'init', '-input=false'],
      exitCode: 1,
      diagnostics: [denied],
      applied: [],
      stderrTail: '',
      readsConfiguration: true,
      directory: 'infra',
    });
    expect(error).toBeInstanceOf(BackendAccessError);
    expect(error).toBeInstanceOf(StepFailure);
    expect(error.message).toMatch(
      /^tofu init failed: the state backend refused access \(Failed to get existing workspaces: .*SignatureDoesNotMatch/,
    );
    expect(error.message).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(isRestatedError(denied)).toBe(true);
    expect(isRestatedError({ ...denied, summary: 'Unsupported argument' })).toBe(false);
  });
});
