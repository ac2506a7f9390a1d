import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planDigest, sha256File, shortDigest, type PlanDigestInput } from '../../../src/contracts/digest.js';
import { tempDir } from './fixtures.js';

const base: PlanDigestInput = {
  planfile: Buffer.from('planfile bytes\u0000\u00ff', 'latin1'),
  lockFile: Buffer.from('provider "registry.opentofu.org/hashicorp/null" {}\n'),
  stack: 'network',
  workingDirectory: 'infra/network',
  workspace: 'default',
  toolName: 'tofu',
  toolMajor: 1,
};

describe('planDigest', () => {
  it('is stable: a fixed input gives this digest, in every version (approvals name it)', () => {
    // Pinned from an independent implementation (Python hashlib + struct) of the construction.
    expect(planDigest(base)).toBe('sha256:5860597ee90e48f7d8bf08e4cb7898d9056e75d92b74d8cbc17dd00f18ee83cf');
    expect(planDigest({ ...base, lockFile: undefined })).toBe(
      'sha256:44059fad57c514172e7eb0c61f7d4e8d6732a72c988fee786793ff6c385b7757',
    );
  });

  it('binds the backend when the manifest records it, in the documented field order', () => {
    // Pinned from Python hashlib + struct over the header the construction gives, backend last.
    const backend = {
      endpoint: '127.0.0.1:9000',
      region: 'eu-west-1',
      key: 'network/terraform.tfstate',
      bucket: 'acme-state',
      type: 's3',
    };
    expect(planDigest({ ...base, backend })).toBe(
      'sha256:20690974a2a02e1cec0ed44c7a9529f5c194834b93c1f0eedfd1adb0b5a69d55',
    );
    expect(planDigest({ ...base, backend: { ...backend, key: 'other/terraform.tfstate' } })).not.toBe(
      planDigest({ ...base, backend }),
    );
    expect(planDigest({ ...base, backend: undefined })).toBe(planDigest(base));
  });

  it('follows the documented construction', () => {
    const frame = (bytes: Buffer) => {
      const length = Buffer.alloc(8);
      length.writeBigUInt64BE(BigInt(bytes.length));
      return Buffer.concat([length, bytes]);
    };
    const header =
      '{"stack":"network","workingDirectory":"infra/network","workspace":"default",' +
      '"toolName":"tofu","toolMajor":1,"lockFile":true}';
    const stream = Buffer.concat([
      frame(Buffer.from('iac/plan-digest@1')),
      frame(Buffer.from(header)),
      frame(base.planfile),
      frame(base.lockFile as Buffer),
    ]);
    expect(planDigest(base)).toBe(`sha256:${createHash('sha256').update(stream).digest('hex')}`);
  });

  it('changes with every input', () => {
    const variants: PlanDigestInput[] = [
      { ...base, planfile: Buffer.from('planfile bytes\u0000\u00fe', 'latin1') },
      { ...base, lockFile: Buffer.from('provider "registry.opentofu.org/hashicorp/null" {} \n') },
      { ...base, lockFile: undefined },
      { ...base, lockFile: Buffer.alloc(0) },
      { ...base, stack: 'network2' },
      { ...base, workingDirectory: 'infra/network2' },
      { ...base, workspace: 'prod' },
      { ...base, toolName: 'terraform' },
      { ...base, toolMajor: 2 },
    ];
    const digests = new Set([planDigest(base), ...variants.map(planDigest)]);
    expect(digests.size).toBe(variants.length + 1);
  });

  it('frames its parts unambiguously', () => {
    const pairs: Array<[Partial<PlanDigestInput>, Partial<PlanDigestInput>]> = [
      [
        { stack: 'a', workspace: 'bc' },
        { stack: 'ab', workspace: 'c' },
      ],
      [
        { stack: 'a', workingDirectory: 'b' },
        { stack: 'a","workingDirectory":"b', workingDirectory: '' },
      ],
      [
        { planfile: Buffer.from('ab'), lockFile: Buffer.from('c') },
        { planfile: Buffer.from('a'), lockFile: Buffer.from('bc') },
      ],
      [{ lockFile: undefined }, { lockFile: Buffer.alloc(0) }],
    ];
    for (const [one, other] of pairs) {
      expect(planDigest({ ...base, ...one })).not.toBe(planDigest({ ...base, ...other }));
    }
  });

  it('has the form sha256:<64 hex>', () => {
    expect(planDigest(base)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(shortDigest(planDigest(base))).toMatch(/^sha256:[0-9a-f]{12}$/);
  });

  it('refuses inputs of the wrong type (a bug in the caller)', () => {
    expect(() => planDigest({ ...base, toolMajor: 1.5 })).toThrow(TypeError);
    expect(() => planDigest({ ...base, stack: undefined as unknown as string })).toThrow(TypeError);
  });
});

describe('sha256File', () => {
  it('hashes a file larger than one read chunk', async () => {
    const path = join(tempDir(), 'big');
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    writeFileSync(path, bytes);
    expect(await sha256File(path)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('hashes an empty file', async () => {
    const path = join(tempDir(), 'empty');
    writeFileSync(path, '');
    expect(await sha256File(path)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
