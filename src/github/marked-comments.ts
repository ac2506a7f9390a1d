import type { Logger } from '../core/logger.js';
import type { GitHubClient } from './octokit.js';

/** An issue or pull request of a repository: where the comments live. */
export interface CommentThread {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface MarkedComment {
  id: number;
  body: string;
  url: string;
  /** The marker's key, e.g. `plan:network:1`. */
  key: string;
}

export type WriteResult = 'created' | 'updated' | 'unchanged';

const MARKER = /^<!-- iac-pipeline:([A-Za-z0-9._:/-]{1,200}) -->/;

/** The hidden first line that lets the suite find its own comment again; invisible in the rendered page. */
export function marker(key: string): string {
  if (!/^[A-Za-z0-9._:/-]{1,200}$/.test(key)) throw new Error(`a comment marker key cannot be "${key}"`);
  return `<!-- iac-pipeline:${key} -->`;
}

/** The query that names the token's own account; the stand-in of the tests answers exactly this shape. */
export const VIEWER_QUERY = 'query { viewer { login } }';

/** A GitHub login, or an App's bot account `<slug>[bot]`: what `comment-author` may name. */
export const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/i;

/**
 * True when two logins name the same account. GitHub logins are case-insensitive, and a login the
 * workflow gives or GraphQL answers may differ in case from the `user.login` REST answers.
 */
export function sameLogin(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * The account whose comments and issues are trusted to carry markers, the one the token writes as. One
 * rule for every action that finds its own comments or issues again:
 * 1. the `comment-author` input, when given;
 * 2. else the token's own account as GraphQL's `viewer` names it: this works for every kind of token,
 *    a GitHub App's installation token included (it answers `<slug>[bot]`);
 * 3. else, as before GraphQL was asked (a GitHub Enterprise Server without it), REST's `GET /user`,
 *    which installation tokens may not read: then the workflow token's `github-actions[bot]`.
 */
export async function commentAuthor(
  client: GitHubClient,
  given: string | undefined,
  logger: Logger,
): Promise<string> {
  const named = given?.trim();
  if (named) return named;
  try {
    const { viewer } = await client.graphql<{ viewer?: { login?: unknown } }>(VIEWER_QUERY);
    // An installation token's viewer is its bot, `<slug>[bot]`: the very login REST puts in `user.login`.
    const login = typeof viewer?.login === 'string' ? viewer.login.trim() : '';
    if (LOGIN.test(login)) {
      logger.debug(`The token writes as ${login} (GraphQL viewer).`);
      return login;
    }
    logger.debug('GraphQL viewer named no login; asking GET /user.');
  } catch (error) {
    const reason = String((error as Error).message ?? error).slice(0, 60);
    logger.debug(`GraphQL viewer could not name the token's account (${reason}); asking GET /user.`);
  }
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    if ((error as { status?: number }).status !== 403) throw error;
    logger.debug(
      'The token is an installation token and GraphQL did not name it: assuming its comments are written by ' +
        'github-actions[bot]. With a GitHub App token, set comment-author to <app>[bot].',
    );
    return 'github-actions[bot]';
  }
}

/** A comment as the list endpoint returns it. */
export type ThreadComment = Awaited<
  ReturnType<GitHubClient['rest']['issues']['listComments']>
>['data'][number];

/** Every comment of an issue or pull request, oldest first. */
export function listThreadComments(client: GitHubClient, thread: CommentThread): Promise<ThreadComment[]> {
  return client.paginate(client.rest.issues.listComments, {
    owner: thread.owner,
    repo: thread.repo,
    issue_number: thread.issueNumber,
    per_page: 100,
  });
}

/**
 * The comments of one thread that carry a marker, found again on every run. A marker is trusted only on
 * comments written by `author`: anybody can paste the marker into a comment of their own, and editing
 * theirs would put our words under their name (and fail, since we cannot edit it).
 */
export class MarkedComments {
  private constructor(
    private readonly client: GitHubClient,
    private readonly thread: CommentThread,
    readonly author: string,
    private readonly found: Map<string, MarkedComment>,
  ) {}

  static async load(client: GitHubClient, thread: CommentThread, author: string): Promise<MarkedComments> {
    return MarkedComments.among(client, thread, author, await listThreadComments(client, thread));
  }

  /** The marked comments among comments already listed (a reader that needs every comment lists once). */
  static among(
    client: GitHubClient,
    thread: CommentThread,
    author: string,
    comments: readonly ThreadComment[],
  ): MarkedComments {
    const found = new Map<string, MarkedComment>();
    for (const comment of comments) {
      if (!sameLogin(comment.user?.login, author) || !comment.body) continue;
      const key = MARKER.exec(comment.body)?.[1];
      // The oldest comment with a key is the one kept up to date; a later duplicate is left alone.
      if (key && !found.has(key)) {
        found.set(key, { id: comment.id, body: comment.body, url: comment.html_url, key });
      }
    }
    return new MarkedComments(client, thread, author, found);
  }

  get(key: string): MarkedComment | undefined {
    return this.found.get(key);
  }

  /** Every marked comment whose key starts with `prefix`, in key order. */
  withPrefix(prefix: string): MarkedComment[] {
    return [...this.found.values()]
      .filter((comment) => comment.key.startsWith(prefix))
      .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  }

  /**
   * Creates the comment for `key`, or edits it when its body differs. An unchanged body costs no write:
   * every write notifies subscribers and counts against the rate limit.
   */
  async write(key: string, content: string): Promise<{ comment: MarkedComment; result: WriteResult }> {
    const body = `${marker(key)}\n${content}`;
    const existing = this.found.get(key);
    if (existing?.body === body) return { comment: existing, result: 'unchanged' };
    const { owner, repo, issueNumber } = this.thread;
    const { data } = existing
      ? await this.client.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body })
      : await this.client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    const comment = { id: data.id, body, url: data.html_url, key };
    this.found.set(key, comment);
    return { comment, result: existing ? 'updated' : 'created' };
  }
}

/** The body of a marked comment without its marker line. */
export function contentOf(comment: MarkedComment): string {
  return comment.body.replace(MARKER, '').replace(/^\n/, '');
}
