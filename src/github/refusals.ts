import { ConfigurationError, StepFailure } from '../core/errors.js';

/**
 * What a GitHub refusal means, as one rule for every call of the suite: a 401, 403 or 404 on a route
 * the action needs becomes one error that says what the action was doing and which permission the
 * token needs, in place of Octokit's `Not Found`. The error keeps the HTTP `status`, so that callers
 * which expect a refusal (GET /user with an installation token, a person who is no collaborator) still
 * tell it apart. Nothing here ever sees or shows the token.
 */

interface RouteMeaning {
  /** What the action was doing, after "Could not". */
  doing: string;
  /** The `permissions:` entries of the workflow that allow it, any one of them. */
  permissions: readonly string[];
  /** Said instead of the permissions, for routes no workflow permission opens. */
  hint?: string;
}

const comments = ['pull-requests: write', 'issues: write'];

/**
 * Every route the suite calls, by method and URL template as Octokit names them. A unit test reads
 * every `rest.<scope>.<method>` call in src/ and fails when one is missing here.
 */
export const ROUTES: Readonly<Record<string, RouteMeaning>> = {
  'GET /user': {
    doing: 'learn which account the token writes as',
    permissions: [],
    hint: 'an installation token (GITHUB_TOKEN, a GitHub App) cannot read it: set the comment-author input',
  },
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': {
    doing: 'read the comments of the pull request or issue',
    permissions: ['pull-requests: read', 'issues: read'],
  },
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
    doing: 'write a comment',
    permissions: comments,
  },
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
    doing: 'edit its comment',
    permissions: comments,
  },
  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': {
    doing: 'react to an approval comment',
    permissions: comments,
  },
  'GET /repos/{owner}/{repo}/issues': { doing: 'list the issues', permissions: ['issues: read'] },
  'POST /repos/{owner}/{repo}/issues': { doing: 'open an issue', permissions: ['issues: write'] },
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': {
    doing: 'update an issue',
    permissions: ['issues: write'],
  },
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': {
    doing: 'read the pull request',
    permissions: ['pull-requests: read'],
  },
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits': {
    doing: "read the pull request's commits",
    permissions: ['pull-requests: read'],
  },
  'GET /repos/{owner}/{repo}': {
    doing: "read the repository's default branch",
    permissions: [],
    hint: 'any token of this repository may read it: check that github-token is a token of this repository',
  },
  'GET /repos/{owner}/{repo}/commits/{ref}': {
    doing: 'read the date of a deployed commit (for the lead time)',
    permissions: ['contents: read'],
  },
  'GET /repos/{owner}/{repo}/actions/runs': {
    doing: "list the repository's workflow runs (for the pipeline duration and success rate)",
    permissions: ['actions: read'],
  },
  'GET /repos/{owner}/{repo}/deployments': {
    doing: "list the environment's deployments (where releases are recorded)",
    permissions: ['deployments: read'],
  },
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}': {
    doing: 'read the deployment that holds the release',
    permissions: ['deployments: read'],
  },
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': {
    doing: "read the deployment's statuses",
    permissions: ['deployments: read'],
  },
  'POST /repos/{owner}/{repo}/deployments': {
    doing: 'create a deployment',
    permissions: ['deployments: write'],
  },
  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': {
    doing: "set the deployment's status",
    permissions: ['deployments: write'],
  },
  'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches': {
    doing: 'start the deploy workflow',
    permissions: ['actions: write'],
  },
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs': {
    doing: "list the run's jobs",
    permissions: ['actions: read'],
  },
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals': {
    doing: "read the environment reviews of the run's jobs",
    permissions: ['actions: read'],
  },
  'GET /repos/{owner}/{repo}/environments/{environment_name}': {
    doing: 'read the environment',
    permissions: ['actions: read'],
  },
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': {
    doing: "read a commenter's role in the repository",
    permissions: [],
    hint: 'any token of this repository may read it: check that github-token is a token of this repository',
  },
  'GET /orgs/{org}/teams/{team_slug}/memberships/{username}': {
    doing: 'read the membership of an approvers team',
    permissions: [],
    hint:
      'GITHUB_TOKEN cannot read teams: give a GitHub App token with "members: read" ' +
      '(or a token with read:org) as github-token',
  },
  'POST /graphql': {
    doing: "query GitHub's GraphQL API",
    permissions: [],
    hint: 'the token may not read what the query asks for: see the permissions: of the job',
  },
};

/** The request as Octokit's error hook sees it: the URL template and, on the error, the URL sent. */
export interface RefusedRequest {
  method?: string;
  url?: string;
  baseUrl?: string;
}

interface OctokitError {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** A refusal the user fixes by giving the token a permission: a ConfigurationError with a status. */
export class GitHubRefusal extends ConfigurationError {
  constructor(
    message: string,
    readonly status: number,
    readonly route: string,
  ) {
    super(message);
  }
}

/** GitHub's rate limit stopped the request after the throttling plugin's retries: not the user's mistake. */
export class GitHubRateLimited extends StepFailure {
  override readonly name = 'GitHubRateLimited';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const templates = Object.keys(ROUTES).map((route) => {
  const [method = '', template = ''] = route.split(' ');
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return { route, method, path: new RegExp(`${pattern}$`) };
});

/** The route's key in ROUTES: by the URL template, else by matching the path sent (a later page). */
export function routeOf(method: string, template: string | undefined, path: string): string | undefined {
  const byTemplate = `${method} ${template ?? ''}`;
  if (template && ROUTES[byTemplate]) return byTemplate;
  return templates.find((t) => t.method === method && t.path.test(path))?.route;
}

/** `/repos/o/r/deployments`: the path sent, without the API root, query or fragment, at most 120 characters. */
function pathSent(url: string | undefined, baseUrl: string | undefined): string {
  let path = url ?? '';
  try {
    path = new URL(path, 'http://api.invalid').pathname;
  } catch {
    path = path.replace(/[?#].*$/, '');
  }
  const basePath = baseUrl ? new URL(baseUrl, 'http://api.invalid').pathname.replace(/\/+$/, '') : '';
  if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  return path.length > 120 ? `${path.slice(0, 117)}...` : path;
}

function quoted(text: string, max = 100): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `"${line.length > max ? `${line.slice(0, max - 3)}...` : line}"`;
}

/** `issues=write; pull_requests=write` (GitHub's X-Accepted-GitHub-Permissions) as permissions: entries. */
function acceptedPermissions(header: unknown): string[] {
  if (typeof header !== 'string') return [];
  return header
    .split(/[;,]/)
    .map((item) => /^\s*([a-z_]+)=(read|write|admin)\s*$/.exec(item))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== 'metadata')
    .map((m) => `${(m[1] ?? '').replaceAll('_', '-')}: ${m[2] ?? ''}`);
}

function either(permissions: readonly string[]): string {
  const quotedAll = permissions.map((p) => `"${p}"`);
  return quotedAll.length <= 1
    ? (quotedAll[0] ?? '')
    : `${quotedAll.slice(0, -1).join(', ')} or ${quotedAll.at(-1)}`;
}

function isRateLimit(error: OctokitError): boolean {
  const headers = error.response?.headers ?? {};
  return (
    error.status === 429 ||
    String(headers['x-ratelimit-remaining']) === '0' ||
    headers['retry-after'] !== undefined ||
    /rate limit/i.test(error.message ?? '')
  );
}

/**
 * The error to throw for a failed request: a GitHubRefusal for 401, 403 and 404, a GitHubRateLimited for
 * a rate limit, and the error itself for anything else (a 422 says what was wrong; 5xx were retried).
 */
export function refusalOf(error: unknown, request: RefusedRequest): unknown {
  const failure = error as OctokitError;
  const status = failure?.status;
  if (status !== 401 && status !== 403 && status !== 404 && status !== 429) return error;
  const method = (failure.request?.method ?? request.method ?? 'GET').toUpperCase();
  const path = pathSent(failure.request?.url ?? request.url, request.baseUrl);
  const route = routeOf(method, request.url, path);
  const meaning = route ? ROUTES[route] : undefined;
  // Octokit appends the documentation URL GitHub sends (" - https://docs.github.com/..."): left out.
  const githubSays = (failure.message ?? '').replace(/ - https?:\/\/\S+$/, '');
  const said = githubSays && githubSays !== 'Not Found' ? ` ${quoted(githubSays)}` : '';
  const what = `Could not ${meaning?.doing ?? 'do what it needed'} (${method} ${path} answered ${status}${said})`;
  if (isRateLimit(failure)) {
    return new GitHubRateLimited(
      `${what}: the token's GitHub rate limit is spent, and waiting did not help; run the job again later.`,
      status,
    );
  }
  if (status === 401) {
    return new GitHubRefusal(
      `${what}: GitHub does not accept the token (it is mistyped, expired or revoked); check the github-token input.`,
      status,
      route ?? `${method} ${path}`,
    );
  }
  const accepted = acceptedPermissions(failure.response?.headers?.['x-accepted-github-permissions']);
  const permissions = accepted.length > 0 ? accepted : (meaning?.permissions ?? []);
  const needs =
    meaning?.hint && accepted.length === 0
      ? meaning.hint
      : permissions.length > 0
        ? `the token needs ${either(permissions)}; add it under permissions: in the workflow`
        : "the token lacks a permission this route needs (GitHub's REST documentation of the route names it); " +
          'add it under permissions: in the workflow';
  const message =
    status === 404
      ? `${what}: GitHub answers 404 both for what does not exist and for what the token may not see. ` +
        `Check that the token is for this repository (a token of another repository or account cannot see it), and: ${needs}.`
      : `${what}: ${needs}.`;
  return new GitHubRefusal(message, status, route ?? `${method} ${path}`);
}
