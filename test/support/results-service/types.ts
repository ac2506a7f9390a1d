/** The public shapes of the results-service stand-in (see index.ts for what it models). */

export interface RunIds {
  runBackendId: string;
  jobBackendId: string;
}

export interface ArtifactSummary {
  id: number;
  name: string;
  size: number;
  runBackendId: string;
  jobBackendId: string;
  finalized: boolean;
  digest?: string;
  mimeType?: string;
  version?: number;
}

export interface CacheEntrySummary {
  key: string;
  version: string;
  size: number;
  finalized: boolean;
}

export interface ResultsService {
  /** Value for ACTIONS_RESULTS_URL, with the trailing slash the runner gives it. */
  url: string;
  /** A runtime token this service accepts; `expiresInSeconds` (default 6 h) may be negative to get an expired one. */
  issueRuntimeToken(ids: RunIds & { expiresInSeconds?: number }): string;
  artifacts(runBackendId?: string): ArtifactSummary[];
  /** The artifact's bytes as stored (the zip), so tests can search them for leaked secrets. */
  artifactBytes(id: number): Buffer;
  cacheEntries(): CacheEntrySummary[];
  /** The archive stored for a cache entry (tar, zstd or gzip compressed). */
  cacheEntryBytes(key: string, version?: string): Buffer;
  /** Every request served, in order of completion; paths carry no query string (it holds signatures). */
  requests: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

export interface ResultsServiceOptions {
  /** Parent directory for the service's temporary blob directory (default: the OS temp dir). */
  storageDir?: string;
  /** Lifetime of signed blob URLs (default one hour); 0 or less hands out already expired URLs. */
  signedUrlTtlMs?: number;
}
