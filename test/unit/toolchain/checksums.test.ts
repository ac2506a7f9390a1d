import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChecksumError,
  parseSha256Sums,
  sha256File,
  verifyChecksum,
} from '../../../src/toolchain/checksums.js';

const A = 'a'.repeat(64);
const B = 'B'.repeat(64);
const sources = {
  archiveUrl: 'https://x/tofu_1.8.0_linux_amd64.zip',
  sumsUrl: 'https://x/tofu_1.8.0_SHA256SUMS',
};

describe('parseSha256Sums', () => {
  it('reads sha256sum lines, text and binary mode, CRLF and blank lines, lowercasing digests', () => {
    const sums = parseSha256Sums(`${A}  tofu_1.8.0_linux_amd64.zip\r\n\n${B} *tofu_1.8.0_darwin_arm64.zip\n`);
    expect([...sums]).toEqual([
      ['tofu_1.8.0_linux_amd64.zip', A],
      ['tofu_1.8.0_darwin_arm64.zip', 'b'.repeat(64)],
    ]);
  });

  it('keeps file names with spaces whole', () => {
    expect(parseSha256Sums(`${A}  a file.zip`).get('a file.zip')).toBe(A);
  });

  it('refuses a line that is not a checksum line, naming the source and line', () => {
    expect(() => parseSha256Sums(`${A}  ok.zip\n<html>not found</html>\n`, 'https://m/SUMS')).toThrow(
      new ChecksumError(
        'https://m/SUMS: line 2 is not "<sha256> <file name>", so its checksums cannot be trusted.',
      ),
    );
    expect(() => parseSha256Sums(`${'a'.repeat(63)}  short.zip`)).toThrow(ChecksumError);
  });

  it('refuses a file listed twice with different digests, and accepts a repeat of the same one', () => {
    expect(() => parseSha256Sums(`${A}  x.zip\n${'c'.repeat(64)}  x.zip\n`)).toThrow(/x.zip is listed twice/);
    expect(parseSha256Sums(`${A}  x.zip\n${A}  x.zip\n`).size).toBe(1);
  });

  it('reads an empty file as no checksums', () => {
    expect(parseSha256Sums('\n').size).toBe(0);
  });
});

describe('verifyChecksum', () => {
  const sums = parseSha256Sums(`${A}  tofu_1.8.0_linux_amd64.zip\n`);

  it('accepts the published digest in either case', () => {
    expect(() => verifyChecksum(sums, 'tofu_1.8.0_linux_amd64.zip', A.toUpperCase(), sources)).not.toThrow();
  });

  it('refuses another digest, saying both and that nothing was installed', () => {
    expect(() => verifyChecksum(sums, 'tofu_1.8.0_linux_amd64.zip', 'f'.repeat(64), sources)).toThrow(
      `Checksum mismatch for ${sources.archiveUrl}: the published checksums (${sources.sumsUrl}) say ${A}, the download is ${'f'.repeat(64)}. The archive was refused and nothing was installed.`,
    );
  });

  it('refuses an archive the sums do not list', () => {
    expect(() => verifyChecksum(sums, 'tofu_1.8.0_linux_arm64.zip', A, sources)).toThrow(
      /lists no checksum for tofu_1.8.0_linux_arm64.zip/,
    );
  });
});

describe('sha256File', () => {
  it('hashes a file as sha256sum does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sums-'));
    try {
      await writeFile(join(dir, 'f'), 'abc');
      expect(await sha256File(join(dir, 'f'))).toBe(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
