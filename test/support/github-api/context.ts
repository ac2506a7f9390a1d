/** What a handler gets (the request context) and gives back (a reply or an HttpError), and small helpers for both. */
import type { Json } from './json.js';
import type { StandIn } from './server.js';
import type { GitHubUser } from './state.js';

// ---------------------------------------------------------------------------------------------------------------
// Errors and answers
// ---------------------------------------------------------------------------------------------------------------

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON (the artifact blob). */
  bytes?: Uint8Array;
}

/** An answer GitHub gives with `message` (+ `errors`); `violation` marks requests GitHub refuses as wrong. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Json = {},
    readonly violation?: string,
  ) {
    super(message);
  }
}

export const notFound = (): HttpError => new HttpError(404, 'Not Found');

// ---------------------------------------------------------------------------------------------------------------
// Request context and small helpers for handlers
// ---------------------------------------------------------------------------------------------------------------

export interface Ctx {
  s: StandIn;
  user: GitHubUser;
  /** `owner/repo` in lower case, '' for routes without a repository. */
  repoKey: string;
  params: Json;
  query: Json;
  body: Json;
  url: URL;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export const num = (ctx: Ctx, name: string): number => Number(ctx.params[name]);
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  headers,
});
export const created = (body: unknown, location?: string): Reply => ({
  status: 201,
  body,
  headers: location ? { location } : undefined,
});

/** Slices a list by `per_page`/`page` and answers the `Link` header clients paginate by. */
export function paginate<T>(ctx: Ctx, items: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.per_page ?? 30)));
  const page = Math.max(1, Number(ctx.query.page ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string): string => {
    const target = new URL(ctx.url);
    target.searchParams.set('page', String(p));
    return `<${target.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

export function pageReply<T>(ctx: Ctx, items: T[], view: (item: T) => unknown): Reply {
  const { items: slice, headers } = paginate(ctx, items);
  return ok(slice.map(view), headers);
}

export const nodeId = (prefix: string, id: number): string =>
  `${prefix}_${Buffer.from(`stand-in:${id}`).toString('base64url')}`;
