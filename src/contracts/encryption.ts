import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { isSafeFileName } from './manifest.js';

/**
 * An encrypted bundle, for `encryption-key`: nothing in the uploaded artifact reveals a resource
 * value. One file, laid out as
 *
 *   offset  size  field
 *        0     7  magic "IACENC1" (the format and its version)
 *        7     1  KDF id: 1 = scrypt
 *        8     1  log2 of scrypt's N (15)
 *        9     1  scrypt r (8)
 *       10     1  scrypt p (1)
 *       11    16  salt, random
 *       27    12  AES-GCM IV, random
 *       39     …  AES-256-GCM ciphertext of the serialised directory
 *   end-16    16  GCM tag
 *
 * The key is scrypt(passphrase as UTF-8, salt, N, r, p) → 32 bytes. The 39 header bytes are the
 * GCM additional data, so a changed KDF parameter, salt or IV fails authentication like a changed
 * ciphertext byte does. The plaintext is the directory's regular files, sorted by name:
 *
 *   u32be count, then per file: u16be name length, name (UTF-8), u64be size, the bytes
 */

/** The file an encrypted bundle travels as, in place of the bundle's files. */
export const ENCRYPTED_BUNDLE_FILE = 'bundle.iacenc';

const MAGIC = Buffer.from('IACENC1', 'ascii');
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 4 + SALT_BYTES + IV_BYTES;

/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB of memory. */
const LOG2_N = 15;
const R = 8;
const P = 1;
/** What a reader accepts from a header, so that a forged header cannot ask for gigabytes. */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

const DECRYPT_FAILED =
  'could not decrypt the plan bundle: the encryption-key differs from the one tf-plan used, or the bundle was altered';

export function isEncrypted(buffer: Buffer): boolean {
  return buffer.length >= MAGIC.length && buffer.subarray(0, MAGIC.length).equals(MAGIC);
}

function deriveKey(passphrase: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const memory = 128 * 2 ** log2N * r;
  const options: ScryptOptions = { N: 2 ** log2N, r, p, maxmem: memory + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(passphrase, 'utf8'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key === '')
    throw new TypeError('the encryption key must be a non-empty string');
}

/** Serialises and encrypts the regular files of `dir` (flat: a subdirectory or link is a bug). */
export async function encryptDirectory(dir: string, key: string): Promise<Buffer> {
  checkKey(key);
  const plaintext = await serialiseDirectory(dir);
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([KDF_SCRYPT, LOG2_N, R, P]), salt, iv]);

  const cipher = createCipheriv('aes-256-gcm', await deriveKey(key, salt, LOG2_N, R, P), iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}

/** Authenticates and decrypts `buffer`, writing its files into `dir` (created; existing names refused). */
export async function decryptToDirectory(buffer: Buffer, key: string, dir: string): Promise<string[]> {
  checkKey(key);
  const plaintext = await decrypt(buffer, key);
  const files = parseFiles(plaintext);
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes, { flag: 'wx' });
  return [...files.keys()];
}

async function decrypt(buffer: Buffer, key: string): Promise<Buffer> {
  if (!isEncrypted(buffer) || buffer.length < HEADER_BYTES + TAG_BYTES)
    throw new ConfigurationError(DECRYPT_FAILED);
  const header = buffer.subarray(0, HEADER_BYTES);
  const [kdf = 0, log2N = 0, r = 0, p = 0] = header.subarray(MAGIC.length, MAGIC.length + 4);
  const plausible =
    kdf === KDF_SCRYPT &&
    log2N >= 10 &&
    log2N <= 22 &&
    r >= 1 &&
    p >= 1 &&
    p <= 4 &&
    128 * 2 ** log2N * r <= MAX_SCRYPT_MEMORY;
  if (!plausible) throw new ConfigurationError(DECRYPT_FAILED);

  const salt = header.subarray(MAGIC.length + 4, MAGIC.length + 4 + SALT_BYTES);
  const iv = header.subarray(MAGIC.length + 4 + SALT_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(key, salt, log2N, r, p), iv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(header);
  decipher.setAuthTag(buffer.subarray(buffer.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(buffer.subarray(HEADER_BYTES, buffer.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // The only failure here is authentication; its message says nothing more, and the key is never in it.
    throw new ConfigurationError(DECRYPT_FAILED);
  }
}

async function serialiseDirectory(dir: string): Promise<Buffer> {
  const names = (await readdir(dir)).sort();
  const parts: Buffer[] = [u32(names.length)];
  for (const name of names) {
    if (!isSafeFileName(name)) throw new Error(`cannot encrypt a file named ${JSON.stringify(name)}`);
    const path = join(dir, name);
    if (!(await lstat(path)).isFile()) throw new Error(`cannot encrypt ${path}: not a regular file`);
    const nameBytes = Buffer.from(name, 'utf8');
    const bytes = await readFile(path);
    const size = Buffer.alloc(8);
    size.writeBigUInt64BE(BigInt(bytes.length));
    parts.push(u16(nameBytes.length), nameBytes, size, bytes);
  }
  return Buffer.concat(parts);
}

/**
 * Parses authenticated plaintext. Only a holder of the key could have made it, but names are still
 * checked: nothing is written outside `dir`.
 */
function parseFiles(plaintext: Buffer): Map<string, Buffer> {
  const malformed = (why: string) =>
    new ConfigurationError(`the decrypted plan bundle is malformed (${why}): it was not written by tf-plan`);
  const files = new Map<string, Buffer>();
  let offset = 0;
  const take = (length: number): Buffer => {
    if (offset + length > plaintext.length) throw malformed('truncated');
    const bytes = plaintext.subarray(offset, offset + length);
    offset += length;
    return bytes;
  };
  const count = take(4).readUInt32BE();
  for (let i = 0; i < count; i++) {
    const name = take(take(2).readUInt16BE()).toString('utf8');
    const size = take(8).readBigUInt64BE();
    if (size > BigInt(plaintext.length)) throw malformed('truncated');
    if (!isSafeFileName(name)) throw malformed(`an unsafe file name ${JSON.stringify(name)}`);
    if (files.has(name)) throw malformed(`${name} twice`);
    files.set(name, Buffer.from(take(Number(size))));
  }
  if (offset !== plaintext.length) throw malformed('trailing bytes');
  return files;
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function u16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}
