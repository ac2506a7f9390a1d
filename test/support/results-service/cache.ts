/**
 * The Twirp CacheService (v2): reserve, finalize and look up cache entries.
 *
 * Deliberate simplification: entries live in one global scope, so any valid token reads and writes every entry.
 * GitHub scopes them by ref (a branch reads its own entries, then the default branch's).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { BlobStore } from './blobs.js';
import type { UrlSigner } from './signed-urls.js';
import {
  optionalInt64,
  requiredString,
  stringArray,
  TwirpError,
  type Json,
  type TwirpHandler,
} from './twirp.js';
import type { CacheEntrySummary } from './types.js';

const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';

interface CacheRecord {
  id: number;
  key: string;
  version: string;
  blobName: string;
  finalized: boolean;
  finalizedAt?: Date;
  size: number;
}

export class CacheService {
  private readonly records: CacheRecord[] = [];
  private nextId = 1;

  constructor(
    private readonly blobs: BlobStore,
    private readonly signer: UrlSigner,
  ) {}

  routes(): Record<string, TwirpHandler> {
    return {
      [`${CACHE_SERVICE}/CreateCacheEntry`]: (body) => this.create(body),
      [`${CACHE_SERVICE}/FinalizeCacheEntryUpload`]: (body) => this.finalize(body),
      [`${CACHE_SERVICE}/GetCacheEntryDownloadURL`]: (body) => this.downloadUrl(body),
    };
  }

  summaries(): CacheEntrySummary[] {
    return this.records.map(({ key, version, size, finalized }) => ({ key, version, size, finalized }));
  }

  bytes(key: string, version?: string): Buffer {
    const record = this.records.find(
      (r) => r.key === key && (version === undefined || r.version === version),
    );
    const blob = record && this.blobs.get(BlobStore.key('cache', record.blobName));
    if (!blob) throw new Error(`cache entry ${key} has no stored bytes`);
    return readFileSync(blob.file);
  }

  private create(body: Json): Json {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    // An entry is immutable once reserved, finished or not. The library reads this 409 as "another job saved
    // (or is saving) this cache" and logs it without failing; GitHub answers with the same message.
    if (this.find(key, version)) {
      throw new TwirpError(
        'already_exists',
        'cache entry with the same key, version, and scope already exists',
      );
    }
    const record: CacheRecord = {
      id: this.nextId++,
      key,
      version,
      blobName: randomUUID(),
      finalized: false,
      size: 0,
    };
    this.records.push(record);
    return { ok: true, signed_upload_url: this.signer.sign('cache', record.blobName, 'write') };
  }

  private finalize(body: Json): Json {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    const size = optionalInt64(body, 'size_bytes') ?? 0;
    const record = this.find(key, version);
    if (!record) throw new TwirpError('not_found', `no cache entry ${key} was reserved for this version`);
    if (record.finalized) throw new TwirpError('already_exists', `cache entry ${key} is already finalized`);
    const blob = this.blobs.get(BlobStore.key('cache', record.blobName));
    if (!blob) throw new TwirpError('failed_precondition', `nothing was uploaded for cache entry ${key}`);
    if (blob.size !== size) {
      throw new TwirpError(
        'invalid_argument',
        `size_bytes ${size} does not match the ${blob.size} bytes uploaded`,
      );
    }
    Object.assign(record, { finalized: true, finalizedAt: new Date(), size });
    return { ok: true, entry_id: String(record.id) };
  }

  /** A miss is not an error: `ok: false`, which the library turns into "cache not found". */
  private downloadUrl(body: Json): Json {
    const key = requiredString(body, 'key');
    const version = requiredString(body, 'version');
    const match = this.lookup(key, stringArray(body, 'restore_keys'), version);
    if (!match) return { ok: false };
    return {
      ok: true,
      signed_download_url: this.signer.sign('cache', match.blobName, 'read'),
      matched_key: match.key,
    };
  }

  /**
   * GitHub's matching: the primary key exactly, then each restore key in order, first exactly and then as a
   * prefix, the newest entry winning; only finalized entries of the same version are candidates.
   */
  private lookup(key: string, restoreKeys: string[], version: string): CacheRecord | undefined {
    const candidates = this.records
      .filter((r) => r.finalized && r.version === version)
      .sort((a, b) => (b.finalizedAt?.getTime() ?? 0) - (a.finalizedAt?.getTime() ?? 0) || b.id - a.id);
    const exact = (wanted: string) => candidates.find((r) => r.key === wanted);
    const prefixed = (prefix: string) => candidates.find((r) => r.key.startsWith(prefix));
    return exact(key) ?? restoreKeys.map((k) => exact(k) ?? prefixed(k)).find((r) => r !== undefined);
  }

  private find(key: string, version: string) {
    return this.records.find((r) => r.key === key && r.version === version);
  }
}
