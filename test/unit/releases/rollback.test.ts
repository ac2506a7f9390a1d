import { describe, expect, it } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256File } from '../../../src/contracts/digest.js';
import {
  changedVarFiles,
  refuseChangedVarFiles,
  timeToRestore,
  varFilesRefusal,
} from '../../../src/releases/rollback.js';
import { refusal, tempDir } from '../contracts/fixtures.js';
import { recordedRelease, RUN_ID, sha256 } from './fixtures.js';

const STAGING = 'environment = "staging"\ninstance_count = 2\n';
const VMS = 'image_id = "ami-0c55b159cbfafe1f0"\n';

/** A workspace holding the var files as the release had them; hashNow reads them as the rollback will. */
function workspace(
  files: Record<string, string> = { 'infra/staging.tfvars': STAGING, 'infra/vms/staging.tfvars': VMS },
) {
  const root = tempDir('rollback-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const asked: string[] = [];
  const hashNow = async (path: string) => {
    asked.push(path);
    try {
      return await sha256File(join(root, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  return { root, hashNow, asked };
}

describe('changedVarFiles', () => {
  it('finds nothing when every var file hashes as the release recorded, hashing each file once', async () => {
    const { hashNow, asked } = workspace();
    const release = recordedRelease();
    expect(await changedVarFiles(release, hashNow)).toEqual([]);
    // infra/staging.tfvars is used by both stacks.
    expect(asked).toEqual(['infra/staging.tfvars', 'infra/vms/staging.tfvars']);
    await expect(refuseChangedVarFiles(release, hashNow)).resolves.toBeUndefined();
  });

  it('names a file that changed and one that is gone, with the stacks that used them', async () => {
    const { root, hashNow } = workspace();
    writeFileSync(join(root, 'infra/staging.tfvars'), 'environment = "staging"\ninstance_count = 5\n');
    rmSync(join(root, 'infra/vms/staging.tfvars'));
    const release = recordedRelease();

    const changes = await changedVarFiles(release, hashNow);
    expect(changes).toEqual([
      {
        path: 'infra/staging.tfvars',
        stacks: ['network', 'vms'],
        recorded: sha256(STAGING),
        now: sha256('environment = "staging"\ninstance_count = 5\n'),
      },
      { path: 'infra/vms/staging.tfvars', stacks: ['vms'], recorded: sha256(VMS), now: undefined },
    ]);
    const message = await refusal(() => refuseChangedVarFiles(release, hashNow));
    expect(message).toBe(varFilesRefusal(release, changes));
    expect(message).toBe(
      `Refusing to roll back to release ${RUN_ID} of staging: 2 var files no longer hash as the release recorded, ` +
        `so the plan would not be the release's: infra/staging.tfvars (stacks network, vms) has sha256 ` +
        `${changes[0]?.now?.slice(0, 12)}…, not ${sha256(STAGING).slice(0, 12)}…; ` +
        'infra/vms/staging.tfvars (stack vms) is gone. Restore them as the release had them.',
    );
  });

  it('words a single file as one', async () => {
    const { root, hashNow } = workspace();
    rmSync(join(root, 'infra/vms/staging.tfvars'));
    expect(await refusal(() => refuseChangedVarFiles(recordedRelease(), hashNow))).toBe(
      `Refusing to roll back to release ${RUN_ID} of staging: a var file no longer hashes as the release recorded, ` +
        "so the plan would not be the release's: infra/vms/staging.tfvars (stack vms) is gone. Restore it as the release had it.",
    );
  });

  it('has nothing to check for stacks without var files', async () => {
    const { hashNow, asked } = workspace({});
    const release = recordedRelease();
    for (const stack of release.stacks) stack.varFiles = [];
    expect(await changedVarFiles(release, hashNow)).toEqual([]);
    expect(asked).toEqual([]);
    expect(varFilesRefusal(release, [])).toBeUndefined();
  });
});

describe('timeToRestore', () => {
  it("counts from the failed release's status to the rollback's success", () => {
    expect(timeToRestore('2026-03-02T10:00:00Z', '2026-03-02T10:12:34Z')).toEqual({
      seconds: 754,
      text: '12 min 34 s',
    });
    expect(timeToRestore(new Date('2026-03-02T10:00:00Z'), Date.parse('2026-03-02T11:05:00Z'))).toEqual({
      seconds: 3_900,
      text: '1 h 5 min',
    });
    expect(timeToRestore('2026-03-02T10:00:00.000Z', '2026-03-02T10:00:05.300Z')).toEqual({
      seconds: 5,
      text: '5.3 s',
    });
  });

  it('refuses a restore before the failure, or a time that is none, as a bug', () => {
    expect(() => timeToRestore('2026-03-02T10:00:00Z', '2026-03-02T09:59:00Z')).toThrow(
      new RangeError(
        'the rollback succeeded at 2026-03-02T09:59:00.000Z, before the failure at 2026-03-02T10:00:00.000Z',
      ),
    );
    expect(() => timeToRestore('yesterday', '2026-03-02T09:59:00Z')).toThrow(TypeError);
  });
});
