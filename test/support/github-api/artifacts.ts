/**
 * Run artifacts: listed and described from an `ArtifactSource`, downloaded through a redirect to a blob URL that
 * the server answers itself (see BLOB_PREFIX).
 */
import { createHash, randomBytes } from 'node:crypto';
import { HttpError, nodeId, notFound, num, ok, paginate, str, type Handler } from './context.js';
import type { Json } from './json.js';
import type { StandIn } from './server.js';

export interface ArtifactInfo {
  id: number;
  name: string;
  runId: number;
  size: number;
  /** `sha256:<hex>` of the zip, as GitHub reports it for artifacts uploaded by @actions/artifact v2+. */
  digest?: string;
  createdAt?: string;
  expiresAt?: string;
  expired?: boolean;
  headSha?: string;
  headBranch?: string;
}

/**
 * Where run artifacts come from: the results-service stand-in in end-to-end tests, or `MemoryArtifactSource`.
 * `get` is optional; without it an artifact is found among those listed before, as a client lists before it reads.
 */
export interface ArtifactSource {
  list(runId: number): Promise<ArtifactInfo[]>;
  zip(artifactId: number): Promise<Uint8Array | undefined>;
  get?(artifactId: number): Promise<ArtifactInfo | undefined>;
}

function artifactView(s: StandIn, repoKey: string, artifact: ArtifactInfo): Json {
  const url = `${s.url}/repos/${s.repoInfo(repoKey).fullName}/actions/artifacts/${artifact.id}`;
  const createdAt = artifact.createdAt ?? s.startedAt;
  const view: Json = {
    id: artifact.id,
    node_id: nodeId('MDg', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.size,
    url,
    archive_download_url: `${url}/zip`,
    expired: artifact.expired ?? false,
    created_at: createdAt,
    updated_at: createdAt,
    expires_at: artifact.expiresAt ?? new Date(Date.parse(createdAt) + 90 * 86_400_000).toISOString(),
    workflow_run: {
      id: artifact.runId,
      head_sha: artifact.headSha ?? '0'.repeat(40),
      head_branch: artifact.headBranch ?? s.repoInfo(repoKey).defaultBranch,
    },
  };
  if (artifact.digest) view.digest = artifact.digest;
  return view;
}

export const artifactHandlers: Record<string, Handler> = {
  'actions/list-workflow-run-artifacts': async (ctx) => {
    const name = str(ctx.query.name);
    const all = await ctx.s.artifacts.list(num(ctx, 'run_id'));
    for (const artifact of all) ctx.s.knownArtifacts.set(artifact.id, artifact);
    const sign = str(ctx.query.direction) === 'asc' ? 1 : -1;
    const matching = all.filter((a) => !name || a.name === name).sort((a, b) => sign * (a.id - b.id));
    const { items, headers } = paginate(ctx, matching);
    const artifacts = items.map((a) => artifactView(ctx.s, ctx.repoKey, a));
    return ok({ total_count: matching.length, artifacts }, headers);
  },
  'actions/get-artifact': async (ctx) =>
    ok(artifactView(ctx.s, ctx.repoKey, await ctx.s.findArtifact(num(ctx, 'artifact_id')))),
  'actions/download-artifact': async (ctx) => {
    if (ctx.params.archive_format !== 'zip') throw notFound();
    const artifact = await ctx.s.findArtifact(num(ctx, 'artifact_id'));
    if (artifact.expired) throw new HttpError(410, 'Artifact has expired');
    // GitHub redirects to a short-lived signed blob URL; ours lives on this server.
    const signature = randomBytes(8).toString('hex');
    return {
      status: 302,
      headers: { location: `${ctx.s.url}${BLOB_PREFIX}${artifact.id}.zip?sig=${signature}` },
    };
  },
};

export const BLOB_PREFIX = '/_blobs/artifacts/';

// ---------------------------------------------------------------------------------------------------------------
// Artifacts kept in memory, for tests that need no results service
// ---------------------------------------------------------------------------------------------------------------

export class MemoryArtifactSource implements ArtifactSource {
  private readonly items = new Map<number, { info: ArtifactInfo; zip: Uint8Array }>();
  private nextId = 7_000_001;

  add(runId: number, name: string, zip: Uint8Array, extra: Partial<ArtifactInfo> = {}): ArtifactInfo {
    const digest = `sha256:${createHash('sha256').update(zip).digest('hex')}`;
    const info: ArtifactInfo = { id: this.nextId++, name, runId, size: zip.byteLength, digest, ...extra };
    this.items.set(info.id, { info, zip });
    return info;
  }

  async list(runId: number): Promise<ArtifactInfo[]> {
    return [...this.items.values()].filter((item) => item.info.runId === runId).map((item) => item.info);
  }

  async zip(artifactId: number): Promise<Uint8Array | undefined> {
    return this.items.get(artifactId)?.zip;
  }

  async get(artifactId: number): Promise<ArtifactInfo | undefined> {
    return this.items.get(artifactId)?.info;
  }
}
