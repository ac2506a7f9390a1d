/**
 * Runtime tokens: the JWT handed to a job as ACTIONS_RUNTIME_TOKEN (HS256, signed with a per-service secret),
 * whose `scp` claim names the run and job that every Twirp call speaks for.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { TwirpError, type Json } from './twirp.js';
import type { RunIds } from './types.js';

const TOKEN_ISSUER = 'results-service-stand-in';
const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export class TokenAuthority {
  private readonly secret = randomBytes(32);

  issue({
    runBackendId,
    jobBackendId,
    expiresInSeconds = 6 * 60 * 60,
  }: RunIds & { expiresInSeconds?: number }) {
    for (const id of [runBackendId, jobBackendId]) {
      // The scope claim is split on spaces and colons, so an id holding either could not be read back.
      if (!/^[^\s:]+$/.test(id))
        throw new Error(`a backend id must be non-empty without spaces or colons: "${id}"`);
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: TOKEN_ISSUER,
      scp: `Actions.GenericRead:${runBackendId} Actions.Results:${runBackendId}:${jobBackendId}`,
      iat: now,
      nbf: now,
      exp: now + expiresInSeconds,
    };
    const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
    return `${unsigned}.${this.signature(unsigned)}`;
  }

  /** The run and job the bearer token speaks for; anything else is `unauthenticated`. */
  verify(authorization: string | undefined): RunIds {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new TwirpError('unauthenticated', 'missing bearer token');
    const [header, payload, signature] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined) {
      throw new TwirpError('unauthenticated', 'the token is not a JWT');
    }
    if (!safeEqual(signature, this.signature(`${header}.${payload}`))) {
      throw new TwirpError('unauthenticated', 'the token signature is not valid');
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Json;
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now)
      throw new TwirpError('unauthenticated', 'token expired');
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60) {
      throw new TwirpError('unauthenticated', 'token not valid yet');
    }
    return resultsScope(claims.scp);
  }

  private signature(unsigned: string) {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }
}

function resultsScope(scp: unknown): RunIds {
  const scopes = typeof scp === 'string' ? scp.split(' ') : [];
  for (const scope of scopes) {
    const [name, runBackendId, jobBackendId, ...rest] = scope.split(':');
    if (name === 'Actions.Results' && runBackendId && jobBackendId && rest.length === 0) {
      return { runBackendId, jobBackendId };
    }
  }
  throw new TwirpError('unauthenticated', 'the token has no Actions.Results scope');
}

export function safeEqual(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
