/**
 * Twirp over JSON: routing, request bodies, the `{ "code", "msg" }` errors with their HTTP statuses, and the
 * readers for protobuf JSON fields. The services themselves (artifacts.ts, cache.ts) only supply handlers.
 */
import type http from 'node:http';
import type { Readable } from 'node:stream';

import type { RunIds } from './types.js';

type TwirpCode =
  | 'invalid_argument'
  | 'malformed'
  | 'not_found'
  | 'bad_route'
  | 'already_exists'
  | 'permission_denied'
  | 'unauthenticated'
  | 'failed_precondition'
  | 'internal';

// The status codes of the Twirp wire protocol. The libraries retry 5xx and 429 (with seconds of back-off), so a
// refusal that is final must be a 4xx.
const TWIRP_HTTP_STATUS: Record<TwirpCode, number> = {
  invalid_argument: 400,
  malformed: 400,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  failed_precondition: 412,
  internal: 500,
};

export class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    message: string,
  ) {
    super(message);
  }
}

export type Json = Record<string, unknown>;
export type TwirpHandler = (body: Json, caller: RunIds) => Json | Promise<Json>;

/** What the Twirp endpoint needs from the server: the routes of every service, and the runtime-token check. */
export interface TwirpServices {
  tokens: { verify(authorization: string | undefined): RunIds };
  twirpRoutes: Record<string, TwirpHandler>;
}

const MAX_TWIRP_BODY = 1024 * 1024;

export async function handleTwirp(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: TwirpServices,
) {
  try {
    const handler = findTwirpHandler(req, url, services.twirpRoutes);
    // Authenticate before reading the body, as a gateway would.
    const caller = services.tokens.verify(req.headers.authorization);
    const body = parseTwirpBody(await readBody(req, MAX_TWIRP_BODY));
    sendJson(res, 200, await handler(body, caller));
  } catch (error) {
    if (!(error instanceof TwirpError)) throw error;
    sendJson(res, TWIRP_HTTP_STATUS[error.code], { code: error.code, msg: error.message });
  }
}

function findTwirpHandler(req: http.IncomingMessage, url: URL, routes: Record<string, TwirpHandler>) {
  // Twirp answers every routing problem, wrong verb and wrong content type included, with bad_route.
  if (req.method !== 'POST')
    throw new TwirpError('bad_route', `unsupported method ${req.method} (only POST)`);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new TwirpError(
      'bad_route',
      `unexpected Content-Type ${JSON.stringify(contentType)}; only JSON is served`,
    );
  }
  const handler = routes[url.pathname.slice('/twirp/'.length)];
  if (!handler) throw new TwirpError('bad_route', `no handler for path ${url.pathname}`);
  return handler;
}

function parseTwirpBody(raw: Buffer): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new TwirpError('malformed', 'the request body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TwirpError('malformed', 'the request body is not a JSON object');
  }
  return parsed as Json;
}

export async function readBody(req: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > limit) throw new TwirpError('malformed', `the request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

// Readers for protobuf JSON: a parser must accept the proto name and its lowerCamelCase JSON name alike.
function field(body: Json, protoName: string): unknown {
  if (protoName in body) return body[protoName];
  return body[protoName.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

export function optionalString(body: Json, name: string): string | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TwirpError('malformed', `${name} must be a string`);
  return value;
}

export function requiredString(body: Json, name: string): string {
  const value = optionalString(body, name);
  if (!value) throw new TwirpError('invalid_argument', `${name} is required`);
  return value;
}

/** int64 and Int64Value arrive as decimal strings (numbers are accepted too, as protobuf JSON allows). */
export function optionalInt64(body: Json, name: string): number | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new TwirpError('malformed', `${name} must be an int64`);
  }
  return number;
}

export function stringArray(body: Json, name: string): string[] {
  const value = field(body, name) ?? [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new TwirpError('malformed', `${name} must be an array of strings`);
  }
  return value as string[];
}
