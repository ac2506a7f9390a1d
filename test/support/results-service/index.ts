/**
 * A local stand-in for GitHub's Actions results service, on 127.0.0.1.
 *
 * It speaks the protocol that the unmodified @actions/artifact (v6) and @actions/cache (v6, cache service v2)
 * libraries speak, so end-to-end tests can really upload and download:
 *
 * - Twirp over JSON at `/twirp/github.actions.results.api.v1.{ArtifactService,CacheService}/<Method>`. The
 *   generated protobuf-ts clients send proto field names (`workflow_run_backend_id`) and accept either proto or
 *   camelCase names back; int64 travels as a decimal string, wrapper types (StringValue, Int64Value) as their
 *   bare value, Timestamp as RFC 3339. Errors are `{ "code", "msg" }` with the Twirp HTTP status.
 * - Azure-Blob-like endpoints at the signed URLs handed out (`/blob/<container>/<name>?sp=..&se=..&sig=..`). The
 *   Azure SDK treats an IP host as path-style (`/<account>/<container>/<blob>`), so `blob` is the "account".
 *   Uploads use Put Block + Put Block List (artifact: always; cache: above 128 MiB) or one Put Blob (cache).
 *   Downloads are plain GETs; Range is supported anyway.
 *
 * Authentication as on GitHub: each Twirp call carries `Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>`, a JWT
 * (HS256, signed with a per-service secret) whose `scp` claim holds `Actions.Results:<run>:<job>`. Artifact
 * calls must name the run and job of the token. Blob URLs carry an HMAC over path, permissions, expiry and
 * response overrides; a wrong or expired signature gets 403.
 *
 * Deliberate simplifications (documented so tests do not rely on GitHub behaviour we do not model):
 * - Cache entries live in one global scope: any valid token reads and writes every entry. GitHub scopes them
 *   by ref (a branch reads its own entries, then the default branch's).
 * - Put Block List accepts `<Latest>` and `<Uncommitted>` ids only (what the SDK sends); committed blocks are
 *   not kept after a commit, so `<Committed>` is refused.
 * - Blob bytes live on disk under a temp dir that close() removes; metadata lives in memory.
 */
export { runnerEnvironment, startResultsService } from './server.js';
export type {
  ArtifactSummary,
  CacheEntrySummary,
  ResultsService,
  ResultsServiceOptions,
  RunIds,
} from './types.js';
