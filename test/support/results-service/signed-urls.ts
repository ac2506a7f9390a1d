/** Signed blob URLs (a small SAS look-alike): an HMAC over path, permissions, expiry and response overrides. */
import { createHmac, randomBytes } from 'node:crypto';

import { safeEqual } from './tokens.js';

export const BLOB_ACCOUNT = 'blob';
export type Container = 'artifacts' | 'cache';
export type Access = 'read' | 'write';

interface ResponseOverrides {
  contentType?: string;
  contentDisposition?: string;
}

export class UrlSigner {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly origin: string,
    private readonly ttlMs: number,
  ) {}

  /** `sp` is `cw` (create, write) for uploads and `r` for downloads, as in Azure SAS. */
  sign(container: Container, blobName: string, access: Access, overrides: ResponseOverrides = {}): string {
    const url = new URL(`/${BLOB_ACCOUNT}/${container}/${blobName}`, this.origin);
    const params = url.searchParams;
    params.set('sp', access === 'read' ? 'r' : 'cw');
    // Seconds precision, as Azure writes `se`.
    params.set('se', new Date(Date.now() + this.ttlMs).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    if (overrides.contentType) params.set('rsct', overrides.contentType);
    if (overrides.contentDisposition) params.set('rscd', overrides.contentDisposition);
    params.set('sig', this.signature(url));
    return url.toString();
  }

  /** The reason a request may not use this URL for `access`, or undefined when it may. */
  refusal(url: URL, access: Access): string | undefined {
    const sig = url.searchParams.get('sig');
    if (!sig) return 'the URL carries no signature';
    if (!safeEqual(sig, this.signature(url))) return 'the signature does not match';
    const expiry = Date.parse(url.searchParams.get('se') ?? '');
    if (!(expiry > Date.now())) return 'the signed URL has expired';
    const permissions = url.searchParams.get('sp') ?? '';
    const allowed = access === 'read' ? permissions.includes('r') : permissions.includes('w');
    if (!allowed) return `the signed URL does not grant ${access} access`;
    return undefined;
  }

  // Signs everything a holder could change to widen their access: the blob path, permissions, expiry and the
  // response overrides. Parameters the SDK adds (comp, blockid, timeout) stay outside, as in Azure.
  private signature(url: URL) {
    const p = url.searchParams;
    const canonical = [url.pathname, p.get('sp'), p.get('se'), p.get('rsct') ?? '', p.get('rscd') ?? ''].join(
      '\n',
    );
    return createHmac('sha256', this.secret).update(canonical).digest('base64url');
  }
}
