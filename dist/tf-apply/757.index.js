export const id = 757;
export const ids = [757];
export const modules = {

/***/ 61757:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// UNUSED EXPORTS: WRITE_PACE

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(86856);
// EXTERNAL MODULE: ./node_modules/bottleneck/lib/index.js
var lib = __webpack_require__(62203);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
;// CONCATENATED MODULE: ./lib/github/refusals.js

const comments = ['pull-requests: write', 'issues: write'];
/**
 * Every route the suite calls, by method and URL template as Octokit names them. A unit test reads
 * every `rest.<scope>.<method>` call in src/ and fails when one is missing here.
 */
const ROUTES = {
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
        hint: 'GITHUB_TOKEN cannot read teams: give a GitHub App token with "members: read" ' +
            '(or a token with read:org) as github-token',
    },
    'POST /graphql': {
        doing: "query GitHub's GraphQL API",
        permissions: [],
        hint: 'the token may not read what the query asks for: see the permissions: of the job',
    },
};
/** A refusal the user fixes by giving the token a permission: a ConfigurationError with a status. */
class GitHubRefusal extends errors/* ConfigurationError */.j1 {
    status;
    route;
    constructor(message, status, route) {
        super(message);
        this.status = status;
        this.route = route;
    }
}
/** GitHub's rate limit stopped the request after the throttling plugin's retries: not the user's mistake. */
class GitHubRateLimited extends errors/* StepFailure */.pH {
    status;
    name = 'GitHubRateLimited';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
const templates = Object.keys(ROUTES).map((route) => {
    const [method = '', template = ''] = route.split(' ');
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return { route, method, path: new RegExp(`${pattern}$`) };
});
/** The route's key in ROUTES: by the URL template, else by matching the path sent (a later page). */
function routeOf(method, template, path) {
    const byTemplate = `${method} ${template ?? ''}`;
    if (template && ROUTES[byTemplate])
        return byTemplate;
    return templates.find((t) => t.method === method && t.path.test(path))?.route;
}
/** `/repos/o/r/deployments`: the path sent, without the API root, query or fragment, at most 120 characters. */
function pathSent(url, baseUrl) {
    let path = url ?? '';
    try {
        path = new URL(path, 'http://api.invalid').pathname;
    }
    catch {
        path = path.replace(/[?#].*$/, '');
    }
    const basePath = baseUrl ? new URL(baseUrl, 'http://api.invalid').pathname.replace(/\/+$/, '') : '';
    if (basePath && path.startsWith(`${basePath}/`))
        path = path.slice(basePath.length);
    return path.length > 120 ? `${path.slice(0, 117)}...` : path;
}
function quoted(text, max = 100) {
    const line = text.replace(/\s+/g, ' ').trim();
    return `"${line.length > max ? `${line.slice(0, max - 3)}...` : line}"`;
}
/** `issues=write; pull_requests=write` (GitHub's X-Accepted-GitHub-Permissions) as permissions: entries. */
function acceptedPermissions(header) {
    if (typeof header !== 'string')
        return [];
    return header
        .split(/[;,]/)
        .map((item) => /^\s*([a-z_]+)=(read|write|admin)\s*$/.exec(item))
        .filter((m) => m !== null && m[1] !== 'metadata')
        .map((m) => `${(m[1] ?? '').replaceAll('_', '-')}: ${m[2] ?? ''}`);
}
function either(permissions) {
    const quotedAll = permissions.map((p) => `"${p}"`);
    return quotedAll.length <= 1
        ? (quotedAll[0] ?? '')
        : `${quotedAll.slice(0, -1).join(', ')} or ${quotedAll.at(-1)}`;
}
function isRateLimit(error) {
    const headers = error.response?.headers ?? {};
    return (error.status === 429 ||
        String(headers['x-ratelimit-remaining']) === '0' ||
        headers['retry-after'] !== undefined ||
        /rate limit/i.test(error.message ?? ''));
}
/**
 * The error to throw for a failed request: a GitHubRefusal for 401, 403 and 404, a GitHubRateLimited for
 * a rate limit, and the error itself for anything else (a 422 says what was wrong; 5xx were retried).
 */
function refusalOf(error, request) {
    const failure = error;
    const status = failure?.status;
    if (status !== 401 && status !== 403 && status !== 404 && status !== 429)
        return error;
    const method = (failure.request?.method ?? request.method ?? 'GET').toUpperCase();
    const path = pathSent(failure.request?.url ?? request.url, request.baseUrl);
    const route = routeOf(method, request.url, path);
    const meaning = route ? ROUTES[route] : undefined;
    // Octokit appends the documentation URL GitHub sends (" - https://docs.github.com/..."): left out.
    const githubSays = (failure.message ?? '').replace(/ - https?:\/\/\S+$/, '');
    const said = githubSays && githubSays !== 'Not Found' ? ` ${quoted(githubSays)}` : '';
    const what = `Could not ${meaning?.doing ?? 'do what it needed'} (${method} ${path} answered ${status}${said})`;
    if (isRateLimit(failure)) {
        return new GitHubRateLimited(`${what}: the token's GitHub rate limit is spent, and waiting did not help; run the job again later.`, status);
    }
    if (status === 401) {
        return new GitHubRefusal(`${what}: GitHub does not accept the token (it is mistyped, expired or revoked); check the github-token input.`, status, route ?? `${method} ${path}`);
    }
    const accepted = acceptedPermissions(failure.response?.headers?.['x-accepted-github-permissions']);
    const permissions = accepted.length > 0 ? accepted : (meaning?.permissions ?? []);
    const needs = meaning?.hint && accepted.length === 0
        ? meaning.hint
        : permissions.length > 0
            ? `the token needs ${either(permissions)}; add it under permissions: in the workflow`
            : "the token lacks a permission this route needs (GitHub's REST documentation of the route names it); " +
                'add it under permissions: in the workflow';
    const message = status === 404
        ? `${what}: GitHub answers 404 both for what does not exist and for what the token may not see. ` +
            `Check that the token is for this repository (a token of another repository or account cannot see it), and: ${needs}.`
        : `${what}: ${needs}.`;
    return new GitHubRefusal(message, status, route ?? `${method} ${path}`);
}

;// CONCATENATED MODULE: ./lib/github/octokit.js





/** How many writes go out at once before they are paced, and how fast the allowance comes back. */
const WRITE_PACE = { burst: 5, refillMs: 1000 };
/**
 * Writes (POST, PATCH, PUT, DELETE) one at a time, from an allowance of five that comes back at one a
 * second. GitHub asks for a second between writes when a client makes a large number of them; the
 * throttling plugin's own pacing spaces every write a second from the first, so a step that makes a
 * handful (a deployment and its two statuses, a release's record) waited a second before each of them
 * for nothing: two seconds of every apply, three of every release. A long run of writes is still paced
 * at one a second, and a secondary rate limit GitHub answers with is still waited out.
 */
function writePacing() {
    return new lib.Group({
        id: 'iac-octokit-write',
        maxConcurrent: 1,
        reservoir: WRITE_PACE.burst,
        reservoirIncreaseAmount: 1,
        reservoirIncreaseInterval: WRITE_PACE.refillMs,
        reservoirIncreaseMaximum: WRITE_PACE.burst,
    });
}
/**
 * The one way the suite talks to GitHub: an Octokit with the retry plugin (server errors and dropped
 * connections, with back-off) and the throttling plugin (paced writes; a rate-limited request waits as
 * long as GitHub asks, a bounded number of times, and says so in the log). A refusal that is left after
 * them (401, 403, 404, a spent rate limit) becomes one error saying what was being done and which
 * permission the token needs (./refusals.ts), still carrying its HTTP status for callers that expect it.
 */
function createGitHubClient(token, logger, options) {
    const retries = options.rateLimitRetries ?? 2;
    const base = options.retryAfterBaseValue ?? 1000;
    const onLimit = (kind) => (retryAfter, request, _, retryCount) => {
        if (retryCount >= retries) {
            logger.warning(`GitHub ${kind} rate limit hit on ${request.method} ${request.url}; giving up after ${retryCount} retries`);
            return false;
        }
        logger.info(`GitHub ${kind} rate limit hit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return true;
    };
    const client = (0,github/* getOctokit */.Q)(token, {
        baseUrl: options.apiUrl.replace(/\/+$/, ''),
        retry: { retryAfterBaseValue: base },
        throttle: {
            write: writePacing(),
            retryAfterBaseValue: base,
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
        },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    // Added last, so it wraps the plugins' hooks: it sees only what retrying and waiting did not mend.
    client.hook.error('request', (error, options) => {
        throw refusalOf(error, { method: options.method, url: options.url, baseUrl: options.baseUrl });
    });
    return client;
}


/***/ })

};
