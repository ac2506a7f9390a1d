import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StepFailure } from '../core/errors.js';

/** A published checksum did not match, or a checksums file could not be read: nothing is installed. */
export class ChecksumError extends StepFailure {
  override readonly name = 'ChecksumError';
}

// `<64 hex><two spaces or space and *><file name>`, as sha256sum writes it (`*` marks binary mode).
const LINE = /^([0-9a-fA-F]{64}) [ *](.+)$/;

/**
 * Parses a SHA256SUMS file into file name → lowercase hex digest. Blank lines are skipped; any other
 * line that is not a checksum line makes the whole file suspect, and so does a file named twice with
 * different digests.
 */
export function parseSha256Sums(text: string, source = 'SHA256SUMS'): Map<string, string> {
  const sums = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trimEnd();
    if (line.trim() === '') return;
    const match = LINE.exec(line);
    if (!match) {
      throw new ChecksumError(
        `${source}: line ${index + 1} is not "<sha256> <file name>", so its checksums cannot be trusted.`,
      );
    }
    const digest = (match[1] ?? '').toLowerCase();
    const name = (match[2] ?? '').trim();
    const earlier = sums.get(name);
    if (earlier !== undefined && earlier !== digest) {
      throw new ChecksumError(`${source}: ${name} is listed twice with different checksums.`);
    }
    sums.set(name, digest);
  });
  return sums;
}

/** The sha256 of a file, read as a stream (archives are tens of megabytes). */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Throws unless `actual` is the digest `sums` publishes for `fileName`. */
export function verifyChecksum(
  sums: Map<string, string>,
  fileName: string,
  actual: string,
  sources: { archiveUrl: string; sumsUrl: string },
): void {
  const expected = sums.get(fileName);
  if (expected === undefined) {
    throw new ChecksumError(
      `${sources.sumsUrl} lists no checksum for ${fileName}, so it cannot be verified; nothing was installed.`,
    );
  }
  if (expected !== actual.toLowerCase()) {
    throw new ChecksumError(
      // "The published checksums": SHA256SUMS for HashiCorp's layout, checksums.txt for conftest's.
      `Checksum mismatch for ${sources.archiveUrl}: the published checksums (${sources.sumsUrl}) say ${expected}, ` +
        `the download is ${actual.toLowerCase()}. The archive was refused and nothing was installed.`,
    );
  }
}
