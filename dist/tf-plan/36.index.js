export const id = 36;
export const ids = [36,655];
export const modules = {

/***/ 93036:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;


// EXTERNAL MODULE: ./lib/github/refusals.js
var refusals = __webpack_require__(6614);
;// CONCATENATED MODULE: ./lib/github/octokit.js




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
            retryAfterBaseValue: base,
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
        },
    }, dist_bundle/* retry */.L, throttling);
    // Added last, so it wraps the plugins' hooks: it sees only what retrying and waiting did not mend.
    client.hook.error('request', (error, options) => {
        throw (0,refusals/* refusalOf */.Of)(error, { method: options.method, url: options.url, baseUrl: options.baseUrl });
    });
    return client;
}


/***/ }),

/***/ 6614:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Of: () => (/* binding */ refusalOf),
/* harmony export */   ke: () => (/* binding */ GitHubRefusal)
/* harmony export */ });
/* unused harmony exports ROUTES, GitHubRateLimited, routeOf */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3828);

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
class GitHubRefusal extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1 {
    status;
    route;
    constructor(message, status, route) {
        super(message);
        this.status = status;
        this.route = route;
    }
}
/** GitHub's rate limit stopped the request after the throttling plugin's retries: not the user's mistake. */
class GitHubRateLimited extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepFailure */ .pH {
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


/***/ })

};
