/** Starting the stand-in: one loopback HTTP server routing to the Twirp services and the blob endpoints. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ArtifactService } from './artifacts.js';
import { BlobStore, handleBlob } from './blobs.js';
import { CacheService } from './cache.js';
import { BLOB_ACCOUNT, UrlSigner } from './signed-urls.js';
import { TokenAuthority } from './tokens.js';
import { handleTwirp, sendJson, type TwirpHandler } from './twirp.js';
import type { ResultsService, ResultsServiceOptions, RunIds } from './types.js';

/**
 * The variables the runner gives a job so that @actions/artifact and @actions/cache (v2) talk to `service`.
 * GITHUB_SERVER_URL must stay https://github.com: both libraries treat any other host as GHES and refuse the
 * results service. ACTIONS_CACHE_URL (the v1 cache service) is left out on purpose: with
 * ACTIONS_CACHE_SERVICE_V2 set, the cache library reads only ACTIONS_RESULTS_URL.
 */
export function runnerEnvironment(service: ResultsService, ids: RunIds): Record<string, string> {
  return {
    ACTIONS_RUNTIME_TOKEN: service.issueRuntimeToken(ids),
    ACTIONS_RESULTS_URL: service.url,
    ACTIONS_CACHE_SERVICE_V2: 'True',
    GITHUB_SERVER_URL: 'https://github.com',
  };
}

export async function startResultsService(options: ResultsServiceOptions = {}): Promise<ResultsService> {
  const parent = options.storageDir ?? os.tmpdir();
  await mkdir(parent, { recursive: true });
  const root = await mkdtemp(path.join(parent, 'results-service-'));

  const server = http.createServer();
  const origin = await listenOnLoopback(server);
  const tokens = new TokenAuthority();
  const signer = new UrlSigner(origin, options.signedUrlTtlMs ?? 60 * 60 * 1000);
  const blobs = new BlobStore(root);
  const artifacts = new ArtifactService(blobs, signer);
  const caches = new CacheService(blobs, signer);
  const requests: ResultsService['requests'] = [];
  const twirpRoutes = { ...artifacts.routes(), ...caches.routes() };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    res.on('finish', () =>
      requests.push({ method: req.method ?? '', path: url.pathname, status: res.statusCode }),
    );
    void routeRequest(req, res, url, { tokens, signer, blobs, twirpRoutes });
  });

  return {
    url: `${origin}/`,
    issueRuntimeToken: (ids) => tokens.issue(ids),
    artifacts: (runBackendId) => artifacts.summaries(runBackendId),
    artifactBytes: (id) => artifacts.bytes(id),
    cacheEntries: () => caches.summaries(),
    cacheEntryBytes: (key, version) => caches.bytes(key, version),
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function listenOnLoopback(server: http.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

interface Services {
  tokens: TokenAuthority;
  signer: UrlSigner;
  blobs: BlobStore;
  twirpRoutes: Record<string, TwirpHandler>;
}

async function routeRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: Services,
) {
  try {
    if (url.pathname.startsWith('/twirp/')) {
      await handleTwirp(req, res, url, services);
    } else if (url.pathname.startsWith(`/${BLOB_ACCOUNT}/`)) {
      await handleBlob(req, res, url, services);
    } else {
      sendJson(res, 404, { code: 'bad_route', msg: `no route for ${req.method} ${url.pathname}` });
    }
  } catch (error) {
    // A bug in the stand-in: answer 500 rather than leave the client hanging until its timeout.
    if (!res.headersSent) sendJson(res, 500, { code: 'internal', msg: String(error) });
    else res.destroy();
  }
}
