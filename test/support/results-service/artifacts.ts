/** The Twirp ArtifactService: create, finalize, list, sign download URLs for and delete artifacts of a run. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { BlobStore } from './blobs.js';
import type { UrlSigner } from './signed-urls.js';
import {
  optionalInt64,
  optionalString,
  requiredString,
  TwirpError,
  type Json,
  type TwirpHandler,
} from './twirp.js';
import type { ArtifactSummary, RunIds } from './types.js';

const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';

interface ArtifactRecord {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  blobName: string;
  mimeType?: string;
  version?: number;
  expiresAt?: string;
  createdAt: Date;
  finalized: boolean;
  size: number;
  digest?: string;
}

export class ArtifactService {
  private readonly records = new Map<number, ArtifactRecord>();
  private nextId = 1;

  constructor(
    private readonly blobs: BlobStore,
    private readonly signer: UrlSigner,
  ) {}

  routes(): Record<string, TwirpHandler> {
    return {
      [`${ARTIFACT_SERVICE}/CreateArtifact`]: (body, caller) => this.create(body, caller),
      [`${ARTIFACT_SERVICE}/FinalizeArtifact`]: (body, caller) => this.finalize(body, caller),
      [`${ARTIFACT_SERVICE}/ListArtifacts`]: (body, caller) => this.list(body, caller),
      [`${ARTIFACT_SERVICE}/GetSignedArtifactURL`]: (body, caller) => this.signedUrl(body, caller),
      [`${ARTIFACT_SERVICE}/DeleteArtifact`]: (body, caller) => this.delete(body, caller),
    };
  }

  summaries(runBackendId?: string): ArtifactSummary[] {
    return [...this.records.values()]
      .filter((record) => runBackendId === undefined || record.runBackendId === runBackendId)
      .map(({ id, name, size, runBackendId: run, jobBackendId, finalized, digest, mimeType, version }) => ({
        id,
        name,
        size,
        runBackendId: run,
        jobBackendId,
        finalized,
        digest,
        mimeType,
        version,
      }));
  }

  bytes(id: number): Buffer {
    const record = this.records.get(id);
    const blob = record && this.blobs.get(BlobStore.key('artifacts', record.blobName));
    if (!blob) throw new Error(`artifact ${id} has no stored bytes`);
    return readFileSync(blob.file);
  }

  private async create(body: Json, caller: RunIds): Promise<Json> {
    const run = this.runOf(body, caller, 'write');
    const name = requiredString(body, 'name');
    const existing = this.find(run.runBackendId, name);
    if (existing?.finalized) {
      throw new TwirpError('already_exists', 'an artifact with this name already exists on the workflow run');
    }
    // An unfinished upload of the same name (a retried step) is replaced.
    if (existing) await this.drop(existing);
    const record: ArtifactRecord = {
      id: this.nextId++,
      name,
      ...run,
      blobName: randomUUID(),
      mimeType: optionalString(body, 'mime_type'),
      version: optionalInt64(body, 'version'),
      expiresAt: optionalString(body, 'expires_at'),
      createdAt: new Date(),
      finalized: false,
      size: 0,
    };
    this.records.set(record.id, record);
    return { ok: true, signed_upload_url: this.signer.sign('artifacts', record.blobName, 'write') };
  }

  private async finalize(body: Json, caller: RunIds): Promise<Json> {
    const run = this.runOf(body, caller, 'write');
    const name = requiredString(body, 'name');
    const size = optionalInt64(body, 'size') ?? 0;
    const hash = optionalString(body, 'hash');
    const record = this.find(run.runBackendId, name);
    if (!record) throw new TwirpError('not_found', `no artifact named ${name} is being uploaded in this run`);
    if (record.finalized)
      throw new TwirpError('failed_precondition', `artifact ${name} is already finalized`);
    const key = BlobStore.key('artifacts', record.blobName);
    const blob = this.blobs.get(key);
    if (!blob) throw new TwirpError('failed_precondition', `nothing was uploaded for artifact ${name}`);
    if (blob.size !== size) {
      throw new TwirpError('invalid_argument', `size ${size} does not match the ${blob.size} bytes uploaded`);
    }
    if (hash !== undefined) await this.checkHash(key, hash);
    Object.assign(record, { finalized: true, size, digest: hash });
    return { ok: true, artifact_id: String(record.id) };
  }

  private async checkHash(key: string, hash: string) {
    const match = /^sha256:([0-9a-f]{64})$/.exec(hash);
    if (!match) throw new TwirpError('invalid_argument', `hash must be sha256:<64 hex digits>, got ${hash}`);
    const actual = await this.blobs.sha256(key);
    if (actual !== match[1]) {
      throw new TwirpError(
        'invalid_argument',
        `hash ${hash} does not match the uploaded bytes (sha256:${actual})`,
      );
    }
  }

  private list(body: Json, caller: RunIds): Json {
    const run = this.runOf(body, caller);
    const nameFilter = optionalString(body, 'name_filter');
    const idFilter = optionalInt64(body, 'id_filter');
    const artifacts = [...this.records.values()]
      .filter((record) => record.finalized && record.runBackendId === run.runBackendId)
      .filter((record) => nameFilter === undefined || record.name === nameFilter)
      .filter((record) => idFilter === undefined || record.id === idFilter)
      .map((record) => ({
        workflow_run_backend_id: record.runBackendId,
        workflow_job_run_backend_id: record.jobBackendId,
        database_id: String(record.id),
        name: record.name,
        size: String(record.size),
        created_at: record.createdAt.toISOString(),
        ...(record.digest ? { digest: record.digest } : {}),
      }));
    return { artifacts };
  }

  private signedUrl(body: Json, caller: RunIds): Json {
    const run = this.runOf(body, caller);
    const name = requiredString(body, 'name');
    const record = this.find(run.runBackendId, name);
    if (!record?.finalized) throw new TwirpError('not_found', `artifact ${name} not found`);
    // The download client unzips when the content type is a zip, and otherwise names the file from
    // Content-Disposition (an upload with skipArchive), so both come with the URL as Azure's rsct / rscd.
    const contentType = record.mimeType ?? 'application/zip';
    const fileName = contentType === 'application/zip' ? `${record.name}.zip` : record.name;
    const signed = this.signer.sign('artifacts', record.blobName, 'read', {
      contentType,
      contentDisposition: contentDisposition(fileName),
    });
    return { signed_url: signed };
  }

  private async delete(body: Json, caller: RunIds): Promise<Json> {
    const run = this.runOf(body, caller);
    const name = requiredString(body, 'name');
    const record = this.find(run.runBackendId, name);
    if (!record?.finalized) throw new TwirpError('not_found', `artifact ${name} not found`);
    await this.drop(record);
    return { ok: true, artifact_id: String(record.id) };
  }

  /**
   * The run and job a request names. The run must be the token's own, as GitHub checks; the job must
   * be too for writes (create, finalize), but any job of the run may list, download or delete the
   * artifacts of another job, and the library sends the producing job's id when it does.
   */
  private runOf(body: Json, caller: RunIds, access: 'write' | 'read' = 'read'): RunIds {
    const runBackendId = requiredString(body, 'workflow_run_backend_id');
    const jobBackendId = requiredString(body, 'workflow_job_run_backend_id');
    if (
      runBackendId !== caller.runBackendId ||
      (access === 'write' && jobBackendId !== caller.jobBackendId)
    ) {
      throw new TwirpError(
        'permission_denied',
        'the request names a workflow run or job the token does not grant',
      );
    }
    return { runBackendId, jobBackendId };
  }

  private find(runBackendId: string, name: string): ArtifactRecord | undefined {
    return [...this.records.values()].find((r) => r.runBackendId === runBackendId && r.name === name);
  }

  private async drop(record: ArtifactRecord) {
    this.records.delete(record.id);
    await this.blobs.remove(BlobStore.key('artifacts', record.blobName));
  }
}

function contentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
