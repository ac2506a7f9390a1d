import { describe, expect, it } from '@jest/globals';
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePlanBundle, verifyPlanBundle } from '../../../src/contracts/bundle.js';
import { decryptToDirectory, encryptDirectory, isEncrypted } from '../../../src/contracts/encryption.js';
import { MARKER, bundleInput, expectations, refusal, sourceFiles, tempDir } from './fixtures.js';

const KEY = 'correct horse battery staple';
const FAILED =
  'could not decrypt the plan bundle: the encryption-key differs from the one tf-plan used, or the bundle was altered';

async function planBundle(): Promise<string> {
  const dir = join(tempDir('enc-'), 'plan');
  await writePlanBundle(dir, bundleInput(sourceFiles()));
  return dir;
}

function contents(dir: string): Record<string, Buffer> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))]),
  );
}

function flipped(buffer: Buffer, at: number, mask = 0x80): Buffer {
  const copy = Buffer.from(buffer);
  copy[at] = (copy[at] ?? 0) ^ mask;
  return copy;
}

/** Builds an encrypted bundle by the documented layout, from a hand-made plaintext. */
function sealByTheBook(plaintext: Buffer, key: string, log2N = 15): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = Buffer.concat([Buffer.from('IACENC1'), Buffer.from([1, log2N, 8, 1]), salt, iv]);
  const derived = scryptSync(key, salt, 32, { N: 2 ** log2N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const cipher = createCipheriv('aes-256-gcm', derived, iv);
  cipher.setAAD(header);
  return Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function serialise(files: Array<[string, Buffer]>): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4)];
  parts[0]?.writeUInt32BE(files.length);
  for (const [name, bytes] of files) {
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(2 + nameBytes.length + 8);
    header.writeUInt16BE(nameBytes.length);
    nameBytes.copy(header, 2);
    header.writeBigUInt64BE(BigInt(bytes.length), 2 + nameBytes.length);
    parts.push(header, bytes);
  }
  return Buffer.concat(parts);
}

describe('encryptDirectory and decryptToDirectory', () => {
  it('round-trips a plan bundle, which then verifies', async () => {
    const dir = await planBundle();
    const sealed = await encryptDirectory(dir, KEY);
    expect(isEncrypted(sealed)).toBe(true);

    const out = join(tempDir('dec-'), 'plan');
    const names = await decryptToDirectory(sealed, KEY, out);
    expect(names).toEqual(['.terraform.lock.hcl', 'manifest.json', 'plan.json', 'tfplan']);
    expect(contents(out)).toEqual(contents(dir));
    await verifyPlanBundle(out, expectations());
  });

  it('round-trips empty files and an empty directory', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty'), '');
    const out = join(tempDir(), 'o');
    await decryptToDirectory(await encryptDirectory(dir, KEY), KEY, out);
    expect(contents(out)).toEqual({ empty: Buffer.alloc(0) });
    expect(
      await decryptToDirectory(await encryptDirectory(tempDir(), KEY), KEY, join(tempDir(), 'o')),
    ).toEqual([]);
  });

  it('reveals nothing of the plaintext: a marker value is not in the encrypted bytes', async () => {
    const dir = await planBundle();
    expect(readFileSync(join(dir, 'tfplan')).includes(MARKER)).toBe(true);
    const sealed = await encryptDirectory(dir, KEY);
    expect(sealed.includes(MARKER)).toBe(false);
    expect(sealed.includes(Buffer.from(MARKER).toString('base64'))).toBe(false);
    expect(sealed.includes('tfplan')).toBe(false);
    expect(sealed.includes(KEY)).toBe(false);
  });

  it('uses a fresh salt and IV each time', async () => {
    const dir = await planBundle();
    const [one, two] = [await encryptDirectory(dir, KEY), await encryptDirectory(dir, KEY)];
    expect(one.subarray(11, 39).equals(two.subarray(11, 39))).toBe(false);
    expect(one.equals(two)).toBe(false);
  });

  it('refuses a wrong key without naming it', async () => {
    const sealed = await encryptDirectory(await planBundle(), KEY);
    const message = await refusal(() => decryptToDirectory(sealed, `${KEY}!`, join(tempDir(), 'o')));
    expect(message).toBe(FAILED);
    expect(message).not.toContain(KEY);
  });

  it('refuses a changed byte anywhere: magic, KDF parameters, salt, IV, ciphertext, tag', async () => {
    const sealed = await encryptDirectory(await planBundle(), KEY);
    const places = {
      magic: 0,
      kdf: 7,
      log2N: 8,
      r: 9,
      p: 10,
      salt: 11,
      iv: 27,
      ciphertext: 39,
      'ciphertext end': sealed.length - 17,
      tag: sealed.length - 1,
    };
    for (const [what, at] of Object.entries(places)) {
      const out = join(tempDir(), 'o');
      expect([what, await refusal(() => decryptToDirectory(flipped(sealed, at), KEY, out))]).toEqual([
        what,
        FAILED,
      ]);
      expect(readdirSync(join(out, '..'))).toEqual([]);
    }
  });

  it('authenticates the KDF parameters: a plausible but changed N or r fails like a changed byte', async () => {
    const sealed = await encryptDirectory(await planBundle(), KEY);
    for (const at of [8, 9]) {
      expect(
        await refusal(() => decryptToDirectory(flipped(sealed, at, 0x01), KEY, join(tempDir(), 'o'))),
      ).toBe(FAILED);
    }
  });

  it('refuses a truncated or extended bundle', async () => {
    const sealed = await encryptDirectory(await planBundle(), KEY);
    for (const bad of [
      sealed.subarray(0, 20),
      sealed.subarray(0, sealed.length - 1),
      Buffer.concat([sealed, Buffer.from([0])]),
    ]) {
      expect(await refusal(() => decryptToDirectory(bad, KEY, join(tempDir(), 'o')))).toBe(FAILED);
    }
  });

  it('follows the documented layout', async () => {
    const sealed = sealByTheBook(serialise([['a.txt', Buffer.from('hello')]]), KEY);
    const out = join(tempDir(), 'o');
    expect(await decryptToDirectory(sealed, KEY, out)).toEqual(['a.txt']);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('hello');
  });

  it('writes nothing outside the directory, even for a bundle sealed with the right key', async () => {
    for (const name of ['../escape', 'a/b', '..', '.', 'nul\0byte', '']) {
      const sealed = sealByTheBook(serialise([[name, Buffer.from('x')]]), KEY);
      const parent = tempDir();
      const message = await refusal(() => decryptToDirectory(sealed, KEY, join(parent, 'o')));
      expect(message).toMatch(/^the decrypted plan bundle is malformed \(an unsafe file name /);
      expect(readdirSync(parent)).toEqual([]);
    }
    const twice = sealByTheBook(
      serialise([
        ['a', Buffer.from('1')],
        ['a', Buffer.from('2')],
      ]),
      KEY,
    );
    expect(await refusal(() => decryptToDirectory(twice, KEY, join(tempDir(), 'o')))).toMatch(/a twice/);
  });

  it('refuses to encrypt a directory that is not flat (a bug in the caller)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    await expect(encryptDirectory(dir, KEY)).rejects.toThrow('not a regular file');
    await expect(encryptDirectory(dir, '')).rejects.toThrow(TypeError);
  });
});

describe('isEncrypted', () => {
  it('recognises the header', () => {
    expect(isEncrypted(Buffer.from('IACENC1...'))).toBe(true);
    expect(isEncrypted(Buffer.from('PK\u0003\u0004'))).toBe(false);
    expect(isEncrypted(Buffer.from('{"schema":"iac/plan@1"}'))).toBe(false);
    expect(isEncrypted(Buffer.alloc(0))).toBe(false);
  });
});
