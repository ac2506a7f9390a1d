/**
 * The results-service stand-in, driven by the real @actions/artifact and @actions/cache libraries in this
 * process, plus raw requests for what the libraries never do (forged tokens, tampered URLs, bad digests).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runnerEnvironment, startResultsService, type ResultsService } from '../support/results-service.js';

const RUN = { runBackendId: 'run-1111', jobBackendId: 'job-aaaa' };
const ARTIFACT_TWIRP = 'twirp/github.actions.results.api.v1.ArtifactService';

let service: ResultsService;
let tmp: string;
let restoreEnv: () => void;

beforeAll(async () => {
  service = await startResultsService();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'results-service-test-'));
  const workspace = path.join(tmp, 'workspace');
  await mkdir(path.join(tmp, 'runner-temp'), { recursive: true });
  await mkdir(workspace, { recursive: true });
  restoreEnv = setEnv({
    ...runnerEnvironment(service, RUN),
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: path.join(tmp, 'runner-temp'),
    // The libraries read these when present; make sure a developer's shell cannot change what is tested.
    ACTIONS_CACHE_URL: undefined,
    ACTIONS_CACHE_MODE: undefined,
    ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY: undefined,
  });
});

afterAll(async () => {
  restoreEnv();
  await service.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Sets (or, with undefined, removes) variables; the returned function puts the previous values back. */
function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  return () => apply(saved);
}

async function withToken<T>(token: string, run: () => Promise<T>): Promise<T> {
  const restore = setEnv({ ACTIONS_RUNTIME_TOKEN: token });
  try {
    return await run();
  } finally {
    restore();
  }
}

async function artifactClient() {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  return new DefaultArtifactClient();
}

async function twirp(method: string, body: object, token = service.issueRuntimeToken(RUN)) {
  const response = await fetch(new URL(`${ARTIFACT_TWIRP}/${method}`, service.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const runFields = {
  workflow_run_backend_id: RUN.runBackendId,
  workflow_job_run_backend_id: RUN.jobBackendId,
};

async function writeFiles(root: string, files: Record<string, Buffer | string>): Promise<string[]> {
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    written.push(file);
  }
  return written;
}

describe('artifacts through @actions/artifact', () => {
  const contents = {
    'big.bin': randomBytes(9 * 1024 * 1024), // random, so the zip stays above one 8 MiB block
    'small.txt': 'hello from the plan job\n',
    'nested/deeper/manifest.json': JSON.stringify({ schema: 'iac/plan@1' }),
  };
  let srcDir: string;
  let files: string[];
  let uploadedId: number;

  beforeAll(async () => {
    srcDir = path.join(tmp, 'upload-src');
    files = await writeFiles(srcDir, contents);
  });

  it('uploads in blocks, lists, downloads the same bytes and gets by name', async () => {
    const client = await artifactClient();
    const upload = await client.uploadArtifact('iac-plan-prod', files, srcDir);
    expect(upload.id).toBeGreaterThan(0);
    uploadedId = upload.id as number;

    const [stored] = service.artifacts(RUN.runBackendId);
    expect(stored).toMatchObject({
      id: upload.id,
      name: 'iac-plan-prod',
      size: upload.size,
      finalized: true,
    });
    expect(stored?.digest).toBe(`sha256:${upload.digest}`);
    expect(stored?.mimeType).toBe('application/zip');
    expect(stored?.version).toBe(7);
    const bytes = service.artifactBytes(uploadedId);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(upload.digest);
    const blockPuts = service.requests.filter(
      (r) => r.method === 'PUT' && r.path.startsWith('/blob/artifacts/'),
    );
    expect(blockPuts.length).toBeGreaterThanOrEqual(3); // two blocks and the block list

    const { artifacts } = await client.listArtifacts();
    expect(artifacts).toEqual([
      expect.objectContaining({ id: upload.id, name: 'iac-plan-prod', size: upload.size }),
    ]);
    expect(artifacts[0]?.createdAt).toBeInstanceOf(Date);

    const downloadDir = path.join(tmp, 'download');
    const download = await client.downloadArtifact(uploadedId, { path: downloadDir });
    expect(download.downloadPath).toBe(downloadDir);
    for (const [name, content] of Object.entries(contents)) {
      expect((await readFile(path.join(downloadDir, name))).equals(Buffer.from(content))).toBe(true);
    }

    const { artifact } = await client.getArtifact('iac-plan-prod');
    expect(artifact).toMatchObject({
      id: uploadedId,
      name: 'iac-plan-prod',
      digest: `sha256:${upload.digest}`,
    });
  }, 60_000);

  it('refuses a second artifact of the same name in the run', async () => {
    const client = await artifactClient();
    await expect(client.uploadArtifact('iac-plan-prod', files.slice(1), srcDir)).rejects.toThrow(
      /\(409\).*already exists/,
    );
    expect(service.artifacts(RUN.runBackendId).filter((a) => a.name === 'iac-plan-prod')).toHaveLength(1);
  }, 30_000);

  it('keeps runs apart: another run neither sees nor collides with the artifact', async () => {
    const otherRun = { runBackendId: 'run-2222', jobBackendId: 'job-bbbb' };
    await withToken(service.issueRuntimeToken(otherRun), async () => {
      const client = await artifactClient();
      expect((await client.listArtifacts()).artifacts).toEqual([]);
      const upload = await client.uploadArtifact('iac-plan-prod', files.slice(1), srcDir);
      expect(service.artifacts(otherRun.runBackendId)).toEqual([expect.objectContaining({ id: upload.id })]);
    });
  }, 30_000);

  it('deletes by name', async () => {
    const client = await artifactClient();
    expect(await client.deleteArtifact('iac-plan-prod')).toEqual({ id: uploadedId });
    expect((await client.listArtifacts()).artifacts).toEqual([]);
    await expect(client.getArtifact('iac-plan-prod')).rejects.toThrow(/Artifact not found/);
  }, 30_000);

  it('refuses a forged, an expired and a scope-less token with 401', async () => {
    const client = await artifactClient();
    const claims = {
      scp: `Actions.Results:${RUN.runBackendId}:${RUN.jobBackendId}`,
      exp: Date.now() / 1000 + 600,
    };
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    await withToken(unsigned, async () => {
      await expect(client.uploadArtifact('forged', files.slice(1), srcDir)).rejects.toThrow(/\(401\)/);
    });
    await withToken(service.issueRuntimeToken({ ...RUN, expiresInSeconds: -5 }), async () => {
      await expect(client.listArtifacts()).rejects.toThrow(/\(401\).*expired/);
    });
    expect((await twirp('ListArtifacts', runFields, 'not-a-jwt')).status).toBe(401);
    expect(service.artifacts().some((a) => a.name === 'forged')).toBe(false);
  }, 30_000);

  it('refuses a request that names a run the token does not grant (403)', async () => {
    const otherToken = service.issueRuntimeToken({ runBackendId: 'run-3333', jobBackendId: 'job-cccc' });
    const response = await twirp('CreateArtifact', { ...runFields, name: 'sneaky' }, otherToken);
    expect(response).toEqual({ status: 403, body: { code: 'permission_denied', msg: expect.any(String) } });
  });
});

describe('raw protocol checks', () => {
  /** Create, upload in one Put Blob and return the upload URL, as a client with its own blob code would. */
  async function createAndPut(name: string, content: Buffer) {
    const created = await twirp('CreateArtifact', {
      ...runFields,
      name,
      version: 7,
      mime_type: 'application/zip',
    });
    expect(created).toEqual({ status: 200, body: { ok: true, signed_upload_url: expect.any(String) } });
    const uploadUrl = created.body.signed_upload_url as string;
    const put = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: content,
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBeTruthy();
    return uploadUrl;
  }

  it('checks size and sha256 on finalize', async () => {
    const content = Buffer.from('PK\x03\x04 not really a zip');
    await createAndPut('digest-check', content);
    const sha = createHash('sha256').update(content).digest('hex');
    const base = { ...runFields, name: 'digest-check' };

    const wrongSize = await twirp('FinalizeArtifact', {
      ...base,
      size: String(content.length + 1),
      hash: `sha256:${sha}`,
    });
    expect(wrongSize.status).toBe(400);
    const wrongHash = await twirp('FinalizeArtifact', {
      ...base,
      size: String(content.length),
      hash: `sha256:${'0'.repeat(64)}`,
    });
    expect(wrongHash).toMatchObject({ status: 400, body: { code: 'invalid_argument' } });
    expect(service.artifacts().find((a) => a.name === 'digest-check')?.finalized).toBe(false);

    const ok = await twirp('FinalizeArtifact', {
      ...base,
      size: String(content.length),
      hash: `sha256:${sha}`,
    });
    expect(ok).toEqual({ status: 200, body: { ok: true, artifact_id: expect.stringMatching(/^\d+$/) } });
    const listed = await twirp('ListArtifacts', { ...runFields, id_filter: ok.body.artifact_id });
    expect(listed.body.artifacts).toEqual([
      expect.objectContaining({
        name: 'digest-check',
        size: String(content.length),
        digest: `sha256:${sha}`,
      }),
    ]);
  });

  it('serves ranges and refuses tampered, misused and expired signed URLs', async () => {
    const content = Buffer.from('PK\x03\x04 range me');
    const uploadUrl = await createAndPut('signed', content);
    await twirp('FinalizeArtifact', { ...runFields, name: 'signed', size: String(content.length) });
    const { body } = await twirp('GetSignedArtifactURL', { ...runFields, name: 'signed' });
    const signedUrl = body.signed_url as string;

    const whole = await fetch(signedUrl);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/zip');
    expect(whole.headers.get('content-disposition')).toContain('filename="signed.zip"');
    expect(Buffer.from(await whole.arrayBuffer()).equals(content)).toBe(true);

    const ranged = await fetch(signedUrl, { headers: { Range: 'bytes=0-3' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-3/${content.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).toString('latin1')).toBe('PK\x03\x04');
    const head = await fetch(signedUrl, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(content.length));
    expect(head.headers.get('x-ms-blob-type')).toBe('BlockBlob');

    const tamper = (change: (url: URL) => void) => {
      const url = new URL(signedUrl);
      change(url);
      return url.toString();
    };
    const refused = [
      // One character of the signature changed: always another signature (a fixed suffix could be the same).
      tamper((u) => {
        const sig = u.searchParams.get('sig') ?? '';
        u.searchParams.set('sig', `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`);
      }),
      tamper((u) => u.searchParams.set('se', '2099-01-01T00:00:00Z')),
      tamper((u) => u.searchParams.set('rsct', 'text/html')),
      tamper((u) => u.searchParams.delete('sig')),
    ];
    for (const url of refused) {
      const response = await fetch(url);
      expect(response.status).toBe(403);
      expect(response.headers.get('x-ms-error-code')).toBe('AuthenticationFailed');
    }
    // A download URL does not write, and an upload URL does not read.
    const overwrite = await fetch(signedUrl, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'x',
    });
    expect(overwrite.status).toBe(403);
    expect((await fetch(uploadUrl)).status).toBe(403);

    const storageDir = path.join(tmp, 'expiring-store');
    const expiring = await startResultsService({ storageDir, signedUrlTtlMs: 0 });
    try {
      const token = expiring.issueRuntimeToken(RUN);
      const created = await fetch(new URL(`${ARTIFACT_TWIRP}/CreateArtifact`, expiring.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ ...runFields, name: 'late' }),
      });
      const { signed_upload_url: lateUrl } = (await created.json()) as { signed_upload_url: string };
      const put = await fetch(lateUrl, {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob' },
        body: 'x',
      });
      expect(put.status).toBe(403);
      expect(await put.text()).toContain('expired');
    } finally {
      await expiring.close();
    }
    expect(await readdir(storageDir)).toEqual([]); // close() removed its blob directory
  });

  it('answers unknown routes and non-JSON bodies the Twirp way', async () => {
    const token = service.issueRuntimeToken(RUN);
    const unknown = await twirp('Nope', {}, token);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'bad_route' } });
    const malformed = await fetch(new URL(`${ARTIFACT_TWIRP}/ListArtifacts`, service.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{not json',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'malformed' });
  });
});

describe('cache v2 through @actions/cache', () => {
  let cacheDir: string;
  const contents = { 'a.txt': 'cached a\n', 'sub/b.bin': randomBytes(200_000) };

  beforeAll(async () => {
    cacheDir = path.join(process.env.GITHUB_WORKSPACE as string, '.tool-cache');
    await writeFiles(cacheDir, contents);
  });

  async function expectRestoredContents() {
    for (const [name, content] of Object.entries(contents)) {
      expect((await readFile(path.join(cacheDir, name))).equals(Buffer.from(content))).toBe(true);
    }
  }

  it('saves, then restores by exact key into an emptied directory', async () => {
    const cache = await import('@actions/cache');
    expect(cache.isFeatureAvailable()).toBe(true);
    const id = await cache.saveCache([cacheDir], 'tools-linux-abc');
    expect(id).toBeGreaterThan(0);
    expect(service.cacheEntries()).toEqual([
      {
        key: 'tools-linux-abc',
        version: expect.stringMatching(/^[0-9a-f]{64}$/),
        size: expect.any(Number),
        finalized: true,
      },
    ]);

    await rm(cacheDir, { recursive: true, force: true });
    expect(await cache.restoreCache([cacheDir], 'tools-linux-abc')).toBe('tools-linux-abc');
    await expectRestoredContents();
  }, 60_000);

  it('restores by restore-key prefix, newest first, and only for the same version', async () => {
    const cache = await import('@actions/cache');
    await rm(cacheDir, { recursive: true, force: true });
    expect(await cache.restoreCache([cacheDir], 'tools-linux-zzz', ['tools-mac-', 'tools-linux-'])).toBe(
      'tools-linux-abc',
    );
    await expectRestoredContents();

    expect(await cache.saveCache([cacheDir], 'tools-linux-def')).toBeGreaterThan(0);
    expect(await cache.restoreCache([cacheDir], 'tools-linux-zzz', ['tools-linux-'])).toBe('tools-linux-def');
    // Same key, other paths: another version, so no match.
    expect(await cache.restoreCache([path.join(cacheDir, 'sub')], 'tools-linux-abc')).toBeUndefined();
  }, 60_000);

  it('misses with undefined', async () => {
    const cache = await import('@actions/cache');
    expect(await cache.restoreCache([cacheDir], 'nothing-here', ['nor-here-'])).toBeUndefined();
  }, 30_000);

  it('does not overwrite an existing key and version (the library reads the 409 as "already exists")', async () => {
    const cache = await import('@actions/cache');
    expect(await cache.saveCache([cacheDir], 'tools-linux-abc')).toBe(-1);
    expect(service.cacheEntries().filter((e) => e.key === 'tools-linux-abc')).toHaveLength(1);
    const conflict = service.requests.filter((r) => r.path.endsWith('/CreateCacheEntry') && r.status === 409);
    expect(conflict).toHaveLength(1);
  }, 30_000);
});
