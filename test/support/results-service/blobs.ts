/**
 * Blob storage on disk and the Azure-Blob-like HTTP endpoints in front of it: Put Block, Put Block List, one
 * Put Blob, and GET / HEAD with ranges. Bytes live on disk under the service's temp dir, metadata in memory.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { Access, Container, UrlSigner } from './signed-urls.js';
import { readBody, TwirpError } from './twirp.js';

// ---------------------------------------------------------------------------------------------------------------
// Blob storage on disk

export interface StoredBlob {
  file: string;
  size: number;
  contentType?: string;
  etag: string;
  lastModified: Date;
}

class BlobError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class BlobStore {
  private readonly committed = new Map<string, StoredBlob>();
  /** Uncommitted blocks per blob: block id → file holding its bytes. */
  private readonly staged = new Map<string, Map<string, string>>();

  constructor(private readonly root: string) {}

  static key(container: Container, name: string) {
    return `${container}/${name}`;
  }

  get(key: string): StoredBlob | undefined {
    return this.committed.get(key);
  }

  async stageBlock(key: string, blockId: string, body: Readable): Promise<void> {
    const dir = path.join(this.root, 'staging', key);
    await mkdir(dir, { recursive: true });
    // Hex keeps base64 ids ('/', '+') out of file names; a re-staged id simply replaces its bytes.
    const file = path.join(dir, Buffer.from(blockId).toString('hex'));
    await writeAtomically(file, async (tmp) => pipeline(body, createWriteStream(tmp)));
    const blocks = this.staged.get(key) ?? new Map<string, string>();
    blocks.set(blockId, file);
    this.staged.set(key, blocks);
  }

  /** Put Block List: the blob becomes the listed blocks, in the listed order. */
  async commitBlockList(
    key: string,
    blockIds: string[],
    contentType: string | undefined,
  ): Promise<StoredBlob> {
    const blocks = this.staged.get(key) ?? new Map<string, string>();
    const files = blockIds.map((id) => {
      const file = blocks.get(id);
      if (!file) throw new BlobError(400, 'InvalidBlockList', `block ${id} was not staged`);
      return file;
    });
    const blob = await this.store(key, contentType, async (tmp) => {
      const out = createWriteStream(tmp);
      for (const file of files) await pipeline(createReadStream(file), out, { end: false });
      out.end();
      await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
    });
    await this.dropStaged(key);
    return blob;
  }

  /** Put Blob: the body becomes the whole blob and any uncommitted blocks are discarded. */
  async putBlob(key: string, body: Readable, contentType: string | undefined): Promise<StoredBlob> {
    const blob = await this.store(key, contentType, async (tmp) => pipeline(body, createWriteStream(tmp)));
    await this.dropStaged(key);
    return blob;
  }

  async remove(key: string): Promise<void> {
    const blob = this.committed.get(key);
    this.committed.delete(key);
    await this.dropStaged(key);
    if (blob) await rm(blob.file, { force: true });
  }

  async sha256(key: string): Promise<string> {
    const blob = this.committed.get(key);
    if (!blob) throw new Error(`no blob ${key}`);
    const hash = createHash('sha256');
    await pipeline(createReadStream(blob.file), hash);
    return hash.digest('hex');
  }

  private async store(key: string, contentType: string | undefined, write: (tmp: string) => Promise<void>) {
    const file = path.join(this.root, 'blobs', key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeAtomically(file, write);
    const blob: StoredBlob = {
      file,
      size: (await stat(file)).size,
      contentType,
      etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
      lastModified: new Date(),
    };
    this.committed.set(key, blob);
    return blob;
  }

  private async dropStaged(key: string) {
    this.staged.delete(key);
    await rm(path.join(this.root, 'staging', key), { recursive: true, force: true });
  }
}

/** Readers never see a half-written blob: write beside the target, then rename over it. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>) {
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Blob HTTP endpoints

/** What the blob endpoints need from the server: the URL signer that guards them and the store behind them. */
export interface BlobServices {
  signer: UrlSigner;
  blobs: BlobStore;
}

const STORAGE_API_VERSION = '2025-11-05';
const MAX_BLOCK_LIST_BODY = 8 * 1024 * 1024;

export async function handleBlob(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: BlobServices,
) {
  // Every storage response names its request and the API version, which the SDK logs and keeps.
  res.setHeader('x-ms-request-id', randomUUID());
  res.setHeader('x-ms-version', headerValue(req, 'x-ms-version') ?? STORAGE_API_VERSION);
  const clientRequestId = headerValue(req, 'x-ms-client-request-id');
  if (clientRequestId) res.setHeader('x-ms-client-request-id', clientRequestId);
  try {
    await serveBlob(req, res, url, services);
  } catch (error) {
    if (!(error instanceof BlobError)) throw error;
    sendStorageError(res, error);
  }
}

async function serveBlob(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: BlobServices,
) {
  const key = blobKeyFromPath(url.pathname);
  const method = req.method ?? '';
  const access: Access = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  const refusal = services.signer.refusal(url, access);
  if (refusal)
    throw new BlobError(403, 'AuthenticationFailed', `Server failed to authenticate the request: ${refusal}`);
  if (headerValue(req, 'x-ms-structured-body')) {
    throw new BlobError(400, 'UnsupportedHeader', 'structured (CRC64) message bodies are not supported here');
  }

  const comp = url.searchParams.get('comp');
  if (method === 'PUT' && comp === 'block') return stageBlock(req, res, url, key, services.blobs);
  if (method === 'PUT' && comp === 'blocklist') return commitBlockList(req, res, key, services.blobs);
  if (method === 'PUT' && comp === null) return putBlob(req, res, key, services.blobs);
  if ((method === 'GET' || method === 'HEAD') && comp === null)
    return readBlob(req, res, url, key, services.blobs);
  throw new BlobError(400, 'UnsupportedHttpVerb', `${method} with comp=${comp} is not supported here`);
}

function blobKeyFromPath(pathname: string): string {
  const match = /^\/[^/]+\/(artifacts|cache)\/([A-Za-z0-9-]+)$/.exec(pathname);
  if (!match) throw new BlobError(400, 'InvalidUri', `no such blob path: ${pathname}`);
  return BlobStore.key(match[1] as Container, match[2] as string);
}

async function stageBlock(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  key: string,
  blobs: BlobStore,
) {
  const blockId = url.searchParams.get('blockid') ?? '';
  // Azure: a block id is base64 of at most 64 bytes.
  const decoded = Buffer.from(blockId, 'base64');
  if (!blockId || decoded.length > 64 || decoded.toString('base64') !== blockId) {
    throw new BlobError(400, 'InvalidQueryParameterValue', `invalid blockid ${JSON.stringify(blockId)}`);
  }
  await blobs.stageBlock(key, blockId, req);
  res.writeHead(201, { 'x-ms-request-server-encrypted': 'true', 'Content-Length': 0 });
  res.end();
}

async function commitBlockList(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  key: string,
  blobs: BlobStore,
) {
  const xml = (await readBlobBody(req, MAX_BLOCK_LIST_BODY)).toString('utf8');
  const blob = await blobs.commitBlockList(
    key,
    parseBlockList(xml),
    headerValue(req, 'x-ms-blob-content-type'),
  );
  sendWritten(res, blob);
}

/** `<BlockList><Latest>id</Latest>…</BlockList>`, ids in commit order. */
function parseBlockList(xml: string): string[] {
  if (!/<BlockList>[\s\S]*<\/BlockList>/.test(xml)) {
    throw new BlobError(400, 'InvalidXmlDocument', 'the body is not a <BlockList> document');
  }
  const ids: string[] = [];
  for (const [, kind, id] of xml.matchAll(/<(Latest|Uncommitted|Committed)>\s*([^<]*?)\s*<\/\1>/g)) {
    if (kind === 'Committed') {
      throw new BlobError(400, 'InvalidBlockList', 'committed blocks are not kept by this stand-in');
    }
    ids.push(id as string);
  }
  return ids;
}

async function putBlob(req: http.IncomingMessage, res: http.ServerResponse, key: string, blobs: BlobStore) {
  const blobType = headerValue(req, 'x-ms-blob-type');
  if (blobType !== 'BlockBlob') {
    throw new BlobError(400, 'MissingRequiredHeader', 'x-ms-blob-type must be BlockBlob');
  }
  const contentType = headerValue(req, 'x-ms-blob-content-type') ?? headerValue(req, 'content-type');
  sendWritten(res, await blobs.putBlob(key, req, contentType));
}

function sendWritten(res: http.ServerResponse, blob: StoredBlob) {
  res.writeHead(201, {
    ETag: blob.etag,
    'Last-Modified': blob.lastModified.toUTCString(),
    'x-ms-request-server-encrypted': 'true',
    'Content-Length': 0,
  });
  res.end();
}

async function readBlob(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  key: string,
  blobs: BlobStore,
) {
  const blob = blobs.get(key);
  if (!blob) throw new BlobError(404, 'BlobNotFound', 'The specified blob does not exist.');
  const range = parseRange(headerValue(req, 'x-ms-range') ?? headerValue(req, 'range'), blob.size);
  const headers: http.OutgoingHttpHeaders = {
    // rsct / rscd are the SAS response overrides: the signed URL decides how the download presents itself.
    'Content-Type': url.searchParams.get('rsct') ?? blob.contentType ?? 'application/octet-stream',
    'Content-Length': range ? range.end - range.start + 1 : blob.size,
    ETag: blob.etag,
    'Last-Modified': blob.lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-creation-time': blob.lastModified.toUTCString(),
    'x-ms-lease-state': 'available',
    'x-ms-lease-status': 'unlocked',
    'x-ms-server-encrypted': 'true',
  };
  const disposition = url.searchParams.get('rscd');
  if (disposition) headers['Content-Disposition'] = disposition;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${blob.size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || blob.size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(blob.file, range ?? {}), res);
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; undefined means the whole blob. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  const unsatisfiable = () =>
    new BlobError(
      416,
      'InvalidRange',
      `The range specified is invalid for the current size of the resource.`,
    );
  if (!match || (match[1] === '' && match[2] === '')) throw unsatisfiable();
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) throw unsatisfiable();
  return { start, end };
}

async function readBlobBody(req: Readable, limit: number): Promise<Buffer> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof TwirpError) throw new BlobError(413, 'RequestBodyTooLarge', error.message);
    throw error;
  }
}

function sendStorageError(res: http.ServerResponse, error: BlobError) {
  const xml =
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error>`;
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(xml),
    'x-ms-error-code': error.code,
  };
  if (error.status === 416) headers['Content-Range'] = 'bytes */*';
  res.writeHead(error.status, headers);
  res.end(xml);
}

function escapeXml(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
