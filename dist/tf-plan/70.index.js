export const id = 70;
export const ids = [70];
export const modules = {

/***/ 45778:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOGIN: () => (/* binding */ LOGIN),
/* harmony export */   MarkedComments: () => (/* binding */ MarkedComments),
/* harmony export */   VIEWER_QUERY: () => (/* binding */ VIEWER_QUERY),
/* harmony export */   commentAuthor: () => (/* binding */ commentAuthor),
/* harmony export */   contentOf: () => (/* binding */ contentOf),
/* harmony export */   listThreadComments: () => (/* binding */ listThreadComments),
/* harmony export */   marker: () => (/* binding */ marker),
/* harmony export */   sameLogin: () => (/* binding */ sameLogin)
/* harmony export */ });
const MARKER = /^<!-- iac-pipeline:([A-Za-z0-9._:/-]{1,200}) -->/;
/** The hidden first line that lets the suite find its own comment again; invisible in the rendered page. */
function marker(key) {
    if (!/^[A-Za-z0-9._:/-]{1,200}$/.test(key))
        throw new Error(`a comment marker key cannot be "${key}"`);
    return `<!-- iac-pipeline:${key} -->`;
}
/** The query that names the token's own account; the stand-in of the tests answers exactly this shape. */
const VIEWER_QUERY = 'query { viewer { login } }';
/** A GitHub login, or an App's bot account `<slug>[bot]`: what `comment-author` may name. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/i;
/**
 * True when two logins name the same account. GitHub logins are case-insensitive, and a login the
 * workflow gives or GraphQL answers may differ in case from the `user.login` REST answers.
 */
function sameLogin(a, b) {
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
async function commentAuthor(client, given, logger) {
    const named = given?.trim();
    if (named)
        return named;
    try {
        const { viewer } = await client.graphql(VIEWER_QUERY);
        // An installation token's viewer is its bot, `<slug>[bot]`: the very login REST puts in `user.login`.
        const login = typeof viewer?.login === 'string' ? viewer.login.trim() : '';
        if (LOGIN.test(login)) {
            logger.debug(`The token writes as ${login} (GraphQL viewer).`);
            return login;
        }
        logger.debug('GraphQL viewer named no login; asking GET /user.');
    }
    catch (error) {
        const reason = String(error.message ?? error).slice(0, 60);
        logger.debug(`GraphQL viewer could not name the token's account (${reason}); asking GET /user.`);
    }
    try {
        return (await client.rest.users.getAuthenticated()).data.login;
    }
    catch (error) {
        if (error.status !== 403)
            throw error;
        logger.debug('The token is an installation token and GraphQL did not name it: assuming its comments are written by ' +
            'github-actions[bot]. With a GitHub App token, set comment-author to <app>[bot].');
        return 'github-actions[bot]';
    }
}
/** Every comment of an issue or pull request, oldest first. */
function listThreadComments(client, thread) {
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
class MarkedComments {
    client;
    thread;
    author;
    found;
    constructor(client, thread, author, found) {
        this.client = client;
        this.thread = thread;
        this.author = author;
        this.found = found;
    }
    static async load(client, thread, author) {
        return MarkedComments.among(client, thread, author, await listThreadComments(client, thread));
    }
    /** The marked comments among comments already listed (a reader that needs every comment lists once). */
    static among(client, thread, author, comments) {
        const found = new Map();
        for (const comment of comments) {
            if (!sameLogin(comment.user?.login, author) || !comment.body)
                continue;
            const key = MARKER.exec(comment.body)?.[1];
            // The oldest comment with a key is the one kept up to date; a later duplicate is left alone.
            if (key && !found.has(key)) {
                found.set(key, { id: comment.id, body: comment.body, url: comment.html_url, key });
            }
        }
        return new MarkedComments(client, thread, author, found);
    }
    get(key) {
        return this.found.get(key);
    }
    /** Every marked comment whose key starts with `prefix`, in key order. */
    withPrefix(prefix) {
        return [...this.found.values()]
            .filter((comment) => comment.key.startsWith(prefix))
            .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
    }
    /**
     * Creates the comment for `key`, or edits it when its body differs. An unchanged body costs no write:
     * every write notifies subscribers and counts against the rate limit.
     */
    async write(key, content) {
        const body = `${marker(key)}\n${content}`;
        const existing = this.found.get(key);
        if (existing?.body === body)
            return { comment: existing, result: 'unchanged' };
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
function contentOf(comment) {
    return comment.body.replace(MARKER, '').replace(/^\n/, '');
}


/***/ }),

/***/ 29983:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k1: () => (/* binding */ openPlanComments),
  e1: () => (/* reexport */ plan_comment.planCommentKey),
  G9: () => (/* binding */ settle)
});

// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: ./lib/github/refusals.js
var refusals = __webpack_require__(6614);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./lib/github/pull-request.js

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/**
 * The pull request from the `pr-number` input, else from the event: pull_request and pull_request_target
 * carry it, and issue_comment does when the comment is on a pull request. Any other event has none.
 */
async function pullRequestOf(run, prNumber) {
    const event = await readEvent(run.eventPath);
    const fromEvent = PULL_REQUEST_EVENTS.has(run.eventName) ? event.pull_request : undefined;
    if (prNumber !== undefined) {
        const headSha = fromEvent?.number === prNumber ? fromEvent.head?.sha : undefined;
        return { number: prNumber, ...(headSha ? { headSha } : {}) };
    }
    if (fromEvent?.number) {
        return { number: fromEvent.number, ...(fromEvent.head?.sha ? { headSha: fromEvent.head.sha } : {}) };
    }
    if (run.eventName === 'issue_comment' && event.issue?.pull_request && event.issue.number) {
        return { number: event.issue.number };
    }
    return undefined;
}
/** The comment an issue_comment event is about: the command that ran this job. */
async function triggeringCommentId(run) {
    if (run.eventName !== 'issue_comment')
        return undefined;
    const id = (await readEvent(run.eventPath)).comment?.id;
    return typeof id === 'number' ? id : undefined;
}
/** Fills in the head commit when the event did not name it (issue_comment, or a `pr-number` input). */
async function withHeadSha(client, repository, target) {
    if (target.headSha)
        return { number: target.number, headSha: target.headSha };
    const { data } = await client.rest.pulls.get({ ...repository, pull_number: target.number });
    return { number: target.number, headSha: data.head.sha };
}
async function readEvent(path) {
    if (!path)
        return {};
    try {
        const parsed = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
        return parsed !== null && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        // The runner always writes the event file; without one there is simply no pull request to find.
        return {};
    }
}

// EXTERNAL MODULE: ./lib/github/plan-comment.js
var plan_comment = __webpack_require__(60604);
;// CONCATENATED MODULE: ./lib/github/plan-comment-session.js



/**
 * Finds the pull request to comment on and the comments already there. Returns undefined when there is
 * nothing to comment on (no pull request, or `comment: false`): the job summary still has the plan.
 */
async function openPlanComments(inputs, run, logger) {
    if (!inputs.comment)
        return undefined;
    const target = await pullRequestOf(run, inputs.prNumber);
    if (!target) {
        logger.debug(`No pull request in a ${run.eventName} event and no pr-number: the plan goes to the job summary only.`);
        return undefined;
    }
    if (!inputs.githubToken) {
        throw new errors/* ConfigurationError */.j1('Input "github-token" is empty: it is needed to comment on the pull request (give it a token with pull-requests: write), or set comment: false.');
    }
    // Octokit and the comment modules are loaded only by the plans that comment: start-up time is measured.
    const [{ createGitHubClient }, { commentAuthor, MarkedComments }, planComment] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(913), __webpack_require__.e(530), __webpack_require__.e(901)]).then(__webpack_require__.bind(__webpack_require__, 51282)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 45778)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 60604)),
    ]);
    const client = createGitHubClient(inputs.githubToken, logger, { apiUrl: run.apiUrl });
    const repository = { owner: run.owner, repo: run.repo };
    const [pull, author] = await Promise.all([
        withHeadSha(client, repository, target),
        commentAuthor(client, inputs.commentAuthor, logger),
    ]);
    let comments;
    const thread = async () => (comments ??= await MarkedComments.load(client, { ...repository, issueNumber: pull.number }, author));
    // A token that may not write comments (the read-only token of a pull request from a fork) costs the
    // comment, not the plan: the plan is in the job summary, and the warning says how to get the comment.
    const tolerateRefusal = async (what, write) => {
        try {
            return await write();
        }
        catch (error) {
            if (error.status !== 403)
                throw error;
            // A GitHubRefusal already says what was refused and which permission opens it.
            const why = error instanceof refusals/* GitHubRefusal */.ke
                ? error.message
                : `Could not ${what} on pull request #${pull.number}: ${error.message}. Give the job ` +
                    '`permissions: pull-requests: write`.';
            logger.warning(`${why} Or set comment: false. The plan is in the job summary.`, {
                title: 'No plan comment',
            });
            return undefined;
        }
    };
    return {
        pullRequest: pull.number,
        commit: pull.headSha,
        async publish(key, bodies, origin) {
            const published = await tolerateRefusal('write the plan comment', async () => planComment.publishPlanComment(await thread(), key, pull.headSha, bodies, origin));
            if (!published)
                return undefined;
            const { url, results } = published;
            const written = results.filter((result) => result !== 'unchanged').length;
            logger.info(written === 0
                ? `The plan comment on pull request #${pull.number} is up to date: ${url}`
                : `Wrote the plan comment on pull request #${pull.number}: ${url}`);
            return url;
        },
        async markOutdated(key, why) {
            await tolerateRefusal('mark the old plan comment outdated', async () => planComment.markPlanCommentsOutdated(await thread(), key, pull.headSha, why));
        },
    };
}
/** The comment session or why it could not be opened: the plan is reported either way, then the failure. */
async function settle(commenting) {
    try {
        return { session: await commenting };
    }
    catch (failure) {
        return { failure };
    }
}



/***/ }),

/***/ 60604:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   COMMENT_LIMIT: () => (/* reexport safe */ _plan_plan_markdown_js__WEBPACK_IMPORTED_MODULE_0__.W$),
/* harmony export */   COMMENT_RESERVE: () => (/* binding */ COMMENT_RESERVE),
/* harmony export */   FOOTER_ROOM: () => (/* binding */ FOOTER_ROOM),
/* harmony export */   commitOf: () => (/* binding */ commitOf),
/* harmony export */   markPlanCommentsOutdated: () => (/* binding */ markPlanCommentsOutdated),
/* harmony export */   originOf: () => (/* binding */ originOf),
/* harmony export */   planCommentBodies: () => (/* binding */ planCommentBodies),
/* harmony export */   planCommentKey: () => (/* binding */ planCommentKey),
/* harmony export */   planCommentPartKey: () => (/* binding */ planCommentPartKey),
/* harmony export */   publishPlanComment: () => (/* binding */ publishPlanComment)
/* harmony export */ });
/* harmony import */ var _plan_plan_markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8624);
/* harmony import */ var _marked_comments_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45778);



/**
 * What the plan comment adds around the rendered plan: the marker, the commit line, and an outdated
 * banner. Renderers get the limit minus this, so no edit can push a body over GitHub's.
 */
const COMMENT_RESERVE = 1_024;
/** Room under the first body for its footer line (tf-plan: the artifact and the approve command). */
const FOOTER_ROOM = 512;
/**
 * The bodies of a stack's plan comment, as tf-plan posts them and `iac-pipeline summarize --format
 * comment` prints them: the plan, then continuations when the destroyed and replaced resources alone do
 * not fit one, with `footer` under the first. Each leaves room for the markers publishPlanComment adds.
 */
function planCommentBodies(model, ctx, footer) {
    if (footer !== undefined && footer.length > FOOTER_ROOM - 3)
        throw new RangeError(`a plan comment's footer is at most ${FOOTER_ROOM - 3} characters`);
    const bodies = (0,_plan_plan_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .renderPlanComment */ .zk)(model, ctx, { limit: _plan_plan_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMENT_LIMIT */ .W$ - COMMENT_RESERVE - FOOTER_ROOM });
    if (footer === undefined)
        return bodies;
    return bodies.map((body, index) => (index === 0 ? `${body.trimEnd()}\n\n${footer}\n` : body));
}
const COMMIT_LINE = /^<!-- iac-pipeline-commit:([0-9a-f]{7,64}) -->\n/m;
const ORIGIN_LINE = /^<!-- iac-pipeline-plan:run=([0-9]{1,20});artifact=([A-Za-z0-9._-]{1,200});digest=(sha256:[0-9a-f]{64}) -->\n/m;
const OUTDATED_BANNER = /^> \[!WARNING\]\n> \*\*Outdated\.\*\*[^\n]*\n\n/m;
/**
 * Keeps the plan comments of one stack (or one group of stacks) on a pull request: part 1 is the plan,
 * parts 2… hold the deletes and replaces that did not fit. Each part is edited in place; parts a shorter
 * plan no longer needs say so instead of showing an old plan's addresses.
 */
async function publishPlanComment(comments, key, commit, bodies, origin) {
    if (bodies.length === 0)
        throw new Error('a plan comment needs at least one body');
    const results = [];
    let url = '';
    for (const [index, body] of bodies.entries()) {
        const hidden = `${commitLine(commit)}${index === 0 && origin ? originLine(origin) : ''}`;
        const { comment, result } = await comments.write(partKey(key, index + 1), `${hidden}${body}`);
        if (index === 0)
            url = comment.url;
        results.push(result);
    }
    for (const stale of comments.withPrefix(`${key}:`).filter((c) => partNumber(c) > bodies.length)) {
        const { result } = await comments.write(stale.key, `${commitLine(commit)}_This continuation is no longer needed: the plan of \`${commit.slice(0, 12)}\` fits in fewer comments._\n`);
        results.push(result);
    }
    return { url, results };
}
/**
 * Marks every plan comment of `key` that shows another commit's plan as outdated, keeping its text below
 * the banner: while a newer commit is being planned, or when its plan failed, reviewers must not read the
 * old plan as the current one. A comment already marked for this commit is not written again.
 */
async function markPlanCommentsOutdated(comments, key, commit, why) {
    const results = [];
    for (const comment of comments.withPrefix(`${key}:`)) {
        const planned = commitOf(comment);
        if (!planned || planned === commit)
            continue;
        const content = (0,_marked_comments_js__WEBPACK_IMPORTED_MODULE_1__.contentOf)(comment).replace(COMMIT_LINE, '').replace(OUTDATED_BANNER, '');
        const banner = `> [!WARNING]\n> **Outdated.** This plan is for commit \`${planned.slice(0, 12)}\`; ` +
            `commit \`${commit.slice(0, 12)}\` ${why}\n\n`;
        const { result } = await comments.write(comment.key, `${commitLine(planned)}${banner}${content}`);
        results.push(result);
    }
    return results;
}
/** The commit a plan comment shows, from its hidden commit line. */
function commitOf(comment) {
    return COMMIT_LINE.exec((0,_marked_comments_js__WEBPACK_IMPORTED_MODULE_1__.contentOf)(comment))?.[1];
}
/** The marker key of a stack's plan comment: one comment per stack per pull request. */
function planCommentKey(stack) {
    return `plan:${stack}`;
}
/** The bundle behind a stack's plan comment, from its first part's hidden line; undefined when none was uploaded. */
function originOf(comment) {
    const match = ORIGIN_LINE.exec((0,_marked_comments_js__WEBPACK_IMPORTED_MODULE_1__.contentOf)(comment));
    if (!match)
        return undefined;
    return { runId: Number(match[1]), artifact: match[2] ?? '', digest: match[3] ?? '' };
}
/** The marker key of a stack's plan comment's first part. */
function planCommentPartKey(key) {
    return partKey(key, 1);
}
function originLine(origin) {
    return `<!-- iac-pipeline-plan:run=${origin.runId};artifact=${origin.artifact};digest=${origin.digest} -->\n`;
}
function commitLine(commit) {
    return `<!-- iac-pipeline-commit:${commit} -->\n`;
}
function partKey(key, part) {
    return `${key}:${part}`;
}
function partNumber(comment) {
    return Number(comment.key.slice(comment.key.lastIndexOf(':') + 1));
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


/***/ }),

/***/ 60848:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W$: () => (/* reexport */ plan_markdown/* COMMENT_LIMIT */.W$),
  Jz: () => (/* reexport */ plan_markdown/* SUMMARY_LIMIT_BYTES */.Jz),
  Pg: () => (/* reexport */ readPlanModel),
  Rx: () => (/* reexport */ renderMultiStackComment),
  zk: () => (/* reexport */ plan_markdown/* renderPlanComment */.zk),
  ON: () => (/* reexport */ plan_markdown/* renderPlanSummary */.ON),
  $D: () => (/* reexport */ renderPlanText)
});

// UNUSED EXPORTS: PlanModelBuilder, buildPlanModel

// EXTERNAL MODULE: ./lib/plan/model.js
var plan_model = __webpack_require__(21554);
// EXTERNAL MODULE: ./lib/plan/plan-markdown.js
var plan_markdown = __webpack_require__(8624);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: ./lib/terraform/plan-summary.js
var plan_summary = __webpack_require__(59960);
// EXTERNAL MODULE: ./lib/markdown/escape.js
var markdown_escape = __webpack_require__(26734);
;// CONCATENATED MODULE: ./lib/plan/plan-stream.js





/**
 * Reads a `show -json` document from a file or stream into the plan model without holding the whole
 * document. A plan of 50,000 changes is a JSON text of about 70 MB, and JSON.parse of it takes over
 * three times that in memory; most of it (planned_values, prior_state) the model never reads.
 *
 * The scanner only finds where values begin and end: it tracks strings and nesting depth, byte by
 * byte (every structural character is ASCII, and no byte of a multi-byte UTF-8 character is), and
 * hands each top-level value the model reads, and each element of resource_changes and
 * resource_drift, to JSON.parse. Everything else is skipped unparsed.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** Characters of the data after a document that its error message shows. */
const TRAILER_SHOWN = 20;
/** Bytes of it kept: enough for TRAILER_SHOWN characters and one more, however many bytes each takes. */
const EXTRA_BYTES = 4 * (TRAILER_SHOWN + 1);
/** Top-level values parsed whole: small, or needed whole. */
const WHOLE = new Set([
    'format_version',
    'terraform_version',
    'variables',
    'output_changes',
    'configuration',
    'checks',
    'errored',
]);
/** Top-level lists read element by element. */
const STREAMED = new Set(['resource_changes', 'resource_drift']);
class Capture {
    start;
    at;
    pieces = [];
    /** `at`: where the value starts in the whole input, counted in bytes. */
    constructor(start, at = 0) {
        this.start = start;
        this.at = at;
    }
    /** Keeps what the current chunk holds of the value; the next chunk continues from its start. */
    carry(chunk) {
        this.pieces.push(chunk.subarray(this.start));
        this.start = 0;
    }
    end(chunk, end) {
        this.pieces.push(chunk.subarray(this.start, end));
        return this.pieces;
    }
}
const plan_stream_text = (pieces) => (pieces.length === 1 ? pieces[0] : Buffer.concat(pieces)).toString('utf8');
/** A resource change's bytes in the arena; its text is decoded when its diff is read. */
class ArenaSlice {
    block;
    start;
    end;
    constructor(block, start, end) {
        this.block = block;
        this.start = start;
        this.end = end;
    }
    text() {
        return this.block.toString('utf8', this.start, this.end);
    }
}
/**
 * A resource change's bytes in the plan file itself, read again when its diff is read: the model of a
 * file keeps no copy of the document at all. The file must stay as it is while the model is in use.
 */
class FileSlice {
    path;
    start;
    length;
    constructor(path, start, length) {
        this.path = path;
        this.start = start;
        this.length = length;
    }
    text() {
        const bytes = Buffer.allocUnsafe(this.length);
        const fd = (0,external_node_fs_.openSync)(this.path, 'r');
        try {
            let read = 0;
            while (read < this.length) {
                const n = (0,external_node_fs_.readSync)(fd, bytes, read, this.length - read, this.start + read);
                if (n === 0)
                    throw new Error(`${this.path} became shorter while its plan was being rendered`);
                read += n;
            }
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
        return bytes.toString('utf8');
    }
}
/**
 * Where the resource changes' JSON bytes are kept when the document comes from a stream, in big blocks outside the JavaScript heap: as
 * strings on the heap the same bytes cost more, and the garbage collector lets the heap grow well past
 * what it holds.
 */
class ByteArena {
    blockSize;
    block = Buffer.alloc(0);
    used = 0;
    constructor(blockSize = 8 << 20) {
        this.blockSize = blockSize;
    }
    add(pieces) {
        const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
        if (this.used + length > this.block.length) {
            this.block = Buffer.allocUnsafe(Math.max(this.blockSize, length));
            this.used = 0;
        }
        const start = this.used;
        for (const piece of pieces)
            this.used += piece.copy(this.block, this.used);
        return new ArenaSlice(this.block, start, this.used);
    }
}
class PlanDocumentScanner {
    onValue;
    onElement;
    mode = 'start';
    depth = 0;
    inString = false;
    escapePending = false;
    topState = 'key';
    keyCapture;
    key = '';
    valueCapture;
    streaming;
    elementCapture;
    atLineStart = true;
    /** Bytes of the input before the current chunk. */
    offset = 0;
    /**
     * Where the scan is, for the message about data after the document: the line (from 1), the byte where
     * it starts, and the UTF-8 continuation bytes on it so far (the column counts characters). Strings
     * cannot hold a raw line break, so only the bytes outside them are looked at for one.
     */
    line = 1;
    lineStart = 0;
    continuations = 0;
    /** Data after the document: where it starts, and its first bytes (for the message). */
    extra;
    keys = new Set();
    constructor(onValue, onElement) {
        this.onValue = onValue;
        this.onElement = onElement;
    }
    write(chunk) {
        if (this.mode === 'extra')
            return this.addExtra(chunk, 0);
        let i = 0;
        const length = chunk.length;
        if (this.mode === 'start' || this.mode === 'preamble')
            i = this.skipPreamble(chunk);
        if (this.inString && this.escapePending) {
            this.escapePending = false;
            i += 1;
        }
        // The hot loop: depth and string state live in locals, and below depth 2 only nesting is tracked.
        let depth = this.depth;
        let inString = this.inString;
        while (i < length && this.mode === 'document') {
            if (inString) {
                // Strings are short (keys, addresses, values): a plain loop beats a native search per string.
                while (i < length) {
                    const b = chunk[i];
                    if (b === QUOTE)
                        break;
                    if (b >= 0x80) {
                        if (b < 0xc0)
                            this.continuations += 1;
                        i += 1;
                    }
                    else
                        i += b === BACKSLASH ? 2 : 1;
                }
                if (i >= length) {
                    // A backslash that ends the chunk escapes the first byte of the next one.
                    this.escapePending = i > length;
                    break;
                }
                inString = false;
                if (this.keyCapture) {
                    this.key = JSON.parse(plan_stream_text(this.keyCapture.end(chunk, i + 1)));
                    this.keyCapture = undefined;
                    this.keys.add(this.key);
                    this.topState = 'colon';
                }
                i++;
                continue;
            }
            const c = chunk[i];
            if (c === QUOTE) {
                inString = true;
                if (depth === 1 && this.topState === 'key')
                    this.keyCapture = new Capture(i);
            }
            else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
                if (depth === 0) {
                    if (c !== OPEN_BRACE)
                        throw notAnObject();
                    this.topState = 'key';
                }
                else if (depth === 1 && c === OPEN_BRACKET && STREAMED.has(this.key) && !this.valueCapture) {
                    this.streaming = this.key;
                    this.elementCapture = new Capture(i + 1, this.offset + i + 1);
                }
                depth += 1;
            }
            else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
                if (depth === 2 && this.streaming) {
                    this.endElement(chunk, i);
                    this.streaming = undefined;
                }
                else if (depth === 1) {
                    this.endValue(chunk, i);
                }
                depth -= 1;
                if (depth === 0)
                    this.mode = 'done';
            }
            else if (c === COMMA) {
                if (depth === 1) {
                    this.endValue(chunk, i);
                    this.topState = 'key';
                }
                else if (depth === 2 && this.streaming) {
                    this.endElement(chunk, i);
                    this.elementCapture = new Capture(i + 1, this.offset + i + 1);
                }
            }
            else if (c === COLON && depth === 1 && this.topState === 'colon') {
                this.topState = 'value';
                if (WHOLE.has(this.key))
                    this.valueCapture = new Capture(i + 1);
            }
            else if (c === NEWLINE) {
                this.newLine(i);
            }
            i++;
        }
        this.depth = depth;
        this.inString = inString;
        this.keyCapture?.carry(chunk);
        this.valueCapture?.carry(chunk);
        this.elementCapture?.carry(chunk);
        if (this.mode === 'done')
            this.skipTrailer(chunk, i);
        this.offset += length;
    }
    end() {
        if (this.mode === 'extra')
            throw this.trailingData();
        if (this.mode === 'start' || this.mode === 'preamble')
            throw notAnObject();
        if (this.mode !== 'done') {
            throw new errors/* ConfigurationError */.j1('the plan JSON ends before the document does: is the file truncated?');
        }
    }
    newLine(i) {
        this.line += 1;
        this.lineStart = this.offset + i + 1;
        this.continuations = 0;
    }
    /**
     * Skips what comes before the document: tofu and terraform print CLI-configuration warnings on
     * stdout before it, so a document captured with `> plan.json` can start with them (as in
     * json-document.ts). The document starts at the first `{` that begins a line.
     */
    skipPreamble(chunk) {
        for (let i = 0; i < chunk.length; i++) {
            const c = chunk[i];
            if (c === NEWLINE) {
                this.newLine(i);
            }
            else if (c >= 0x80 && c < 0xc0) {
                this.continuations += 1;
            }
            if (this.mode === 'start') {
                if (c === 0x20 ||
                    c === 0x09 ||
                    c === 0x0d ||
                    c === NEWLINE ||
                    c === 0xef ||
                    c === 0xbb ||
                    c === 0xbf) {
                    continue; // whitespace, or a UTF-8 byte order mark
                }
                if (c === 0x50 && chunk[i + 1] === 0x4b)
                    throw planfileGiven(); // "PK": a zip, that is a planfile
                this.mode = c === OPEN_BRACE ? 'document' : 'preamble';
                if (this.mode === 'document')
                    return i;
                this.atLineStart = false;
                continue;
            }
            if (c === OPEN_BRACE && this.atLineStart) {
                this.mode = 'document';
                return i;
            }
            this.atLineStart = c === NEWLINE;
        }
        return chunk.length;
    }
    endValue(chunk, end) {
        if (!this.valueCapture)
            return;
        const pieces = this.valueCapture.end(chunk, end);
        this.valueCapture = undefined;
        this.onValue(this.key, plan_stream_text(pieces));
    }
    endElement(chunk, end) {
        if (!this.elementCapture || !this.streaming)
            return;
        const pieces = this.elementCapture.end(chunk, end);
        const at = this.elementCapture.at;
        this.elementCapture = undefined;
        if (pieces.some((piece) => piece.some((byte) => !WHITESPACE.has(byte))))
            this.onElement(this.streaming, pieces, at);
    }
    /**
     * After the document's closing brace only whitespace may follow, as JSON.parse and jq require: more
     * means the file is not what tofu wrote (two documents in one file, a bad copy, an edit).
     */
    skipTrailer(chunk, from) {
        for (let i = from; i < chunk.length; i++) {
            const c = chunk[i];
            if (c === NEWLINE)
                this.newLine(i);
            else if (!WHITESPACE.has(c)) {
                const column = this.offset + i - this.lineStart - this.continuations + 1;
                this.extra = { line: this.line, column, bytes: [], length: 0 };
                this.mode = 'extra';
                this.addExtra(chunk, i);
                return;
            }
        }
    }
    /** Keeps the first bytes of the extra data, however the input is cut, then refuses the document. */
    addExtra(chunk, from) {
        const extra = this.extra;
        const piece = chunk.subarray(from, from + EXTRA_BYTES - extra.length);
        extra.bytes.push(piece);
        extra.length += piece.length;
        if (extra.length >= EXTRA_BYTES)
            throw this.trailingData();
    }
    trailingData() {
        const { line, column, bytes } = this.extra;
        const seen = [...Buffer.concat(bytes).toString('utf8')];
        const shown = `${JSON.stringify(seen.slice(0, TRAILER_SHOWN).join(''))}${seen.length > TRAILER_SHOWN ? '…' : ''}`;
        return new errors/* ConfigurationError */.j1(`line ${line}, column ${column}: data after the end of the plan document (${shown}); ` +
            'expected nothing but whitespace after its closing }. A show -json file holds one document: ' +
            'is it two documents in one file, or an edited copy?');
    }
}
function notAnObject() {
    return new errors/* ConfigurationError */.j1('the plan file does not hold a JSON object: give the output of `tofu show -json <planfile>` (or terraform)');
}
function planfileGiven() {
    return new errors/* ConfigurationError */.j1('the plan file is a binary planfile, not JSON: convert it with `tofu show -json <planfile> > plan.json` first');
}
function parse(text, what) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`the plan file is not valid JSON (in ${what}): ${error.message}`);
    }
}
/**
 * The plan model of the `show -json` document in a file (a path) or a stream. Same result as
 * buildPlanModel(JSON.parse(text)), in a fraction of the memory. Every mistake in the document is a
 * ConfigurationError that starts with the document's name.
 */
async function readPlanModel(source, options = {}) {
    try {
        return await readModel(source, options);
    }
    catch (error) {
        if (!(0,errors/* isConfigurationError */.p0)(error))
            throw error;
        const name = options.name ?? (typeof source === 'string' ? source : 'the plan stream');
        throw new errors/* ConfigurationError */.j1(`${shownName(name)}: ${error.message}`);
    }
}
/** A file's name for a message: at most 60 characters, its end kept (the end names the file). */
function shownName(name) {
    const line = (0,markdown_escape/* oneLine */.TN)(name);
    return line.length > 60 ? `…${line.slice(-59)}` : line;
}
async function readModel(source, options) {
    const head = {};
    let builder;
    // Elements that come before format_version (only in hand-made documents) wait until it is known.
    const waiting = [];
    const arena = new ByteArena();
    const add = (key, slice, json) => {
        const raw = parse(json, key);
        if (key === 'resource_changes')
            builder?.addResourceChange(raw, slice);
        else
            builder?.addDrift(raw, slice);
    };
    const scanner = new PlanDocumentScanner((key, text) => {
        head[key] = parse(text, key);
        if (key === 'format_version') {
            (0,plan_summary/* assertPlanFormat */.v)(head);
            builder = new plan_model/* PlanModelBuilder */.oM({ formatVersion: head.format_version });
            for (const [k, slice, json] of waiting.splice(0))
                add(k, slice, json);
        }
    }, (key, pieces, at) => {
        const json = plan_stream_text(pieces);
        const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
        const slice = typeof source === 'string' ? new FileSlice(source, at, length) : arena.add(pieces);
        if (builder)
            add(key, slice, json);
        else
            waiting.push([key, slice, json]);
    });
    const stream = typeof source === 'string' ? (0,external_node_fs_.createReadStream)(source, { highWaterMark: 1 << 20 }) : source;
    for await (const chunk of stream)
        scanner.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    scanner.end();
    (0,plan_summary/* assertPlanFormat */.v)(head);
    const shape = { ...head };
    for (const key of scanner.keys)
        if (!(key in shape))
            shape[key] = [];
    (0,plan_model/* assertPlanShape */.Hh)(shape);
    builder ??= new plan_model/* PlanModelBuilder */.oM({ formatVersion: head.format_version });
    if (typeof head.terraform_version === 'string')
        builder.setToolVersion(head.terraform_version);
    builder.setOutputChanges(head.output_changes);
    builder.setChecks(head.checks);
    builder.setErrored(head.errored);
    builder.setVariables(head.variables, head.configuration);
    builder.addDiagnostics(options.diagnostics ?? []);
    return builder.finish();
}

// EXTERNAL MODULE: ./lib/plan/phrases.js
var phrases = __webpack_require__(28337);
// EXTERNAL MODULE: ./lib/plan/policy.js
var plan_policy = __webpack_require__(39633);
;// CONCATENATED MODULE: ./lib/plan/plan-text.js




/**
 * The plan as plain text for the log: everything, with no size budget and no markup. Every line the
 * text holds starts with our own words or indentation, never with text from the plan, and text from
 * the plan is kept on one line (line breaks escaped), except diagnostics' details, which are indented.
 */
const phrase = (p) => p.map((segment) => (typeof segment === 'string' ? segment : (0,markdown_escape/* oneLine */.TN)(segment.code))).join('');
const notes = (list) => (list.length > 0 ? ` (${list.map(phrase).join('; ')})` : '');
function resourceLines(entry, notesOf) {
    return [
        `  ${(0,markdown_escape/* oneLine */.TN)(entry.address)}${notes(notesOf(entry))}`,
        ...entry.attributes.map((attribute) => `      ${(0,phrases/* diffLine */.mc)(attribute)}`),
    ];
}
function heading(ctx) {
    const where = [
        ctx.workspace ? `workspace ${(0,markdown_escape/* oneLine */.TN)(ctx.workspace)}` : '',
        ctx.environment ? `environment ${(0,markdown_escape/* oneLine */.TN)(ctx.environment)}` : '',
    ].filter(Boolean);
    return `Plan for ${ctx.stack ? (0,markdown_escape/* oneLine */.TN)(ctx.stack) : 'the configuration'}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
}
function renderPlanText(model, ctx = {}) {
    const lines = [heading(ctx)];
    if (ctx.source)
        lines.push((0,markdown_escape/* oneLine */.TN)(ctx.source));
    lines.push(...inputsText(ctx));
    if (ctx.policy)
        lines.push(...policyText(ctx.policy, ctx.planDigest ?? ''));
    if (model.errored)
        lines.push('The plan failed. What follows is what it planned before the error; it cannot be applied.');
    lines.push(model.hasChanges || model.errored
        ? `Plan: ${(0,phrases/* countsPhrase */.__)(model.counts)}.`
        : 'No changes. The infrastructure matches the configuration.');
    if (model.unchanged > 0 && model.hasChanges)
        lines.push(`${(0,phrases/* plural */.LS)(model.unchanged, 'resource')} unchanged.`);
    if (model.counts.drift > 0)
        lines.push(`Drift: ${(0,phrases/* plural */.LS)(model.counts.drift, 'resource')} changed outside of the configuration.`);
    const destructive = (0,plan_model/* destructiveResources */.Yh)(model);
    if (destructive.length > 0) {
        lines.push('', `${(0,phrases/* plural */.LS)(destructive.length, 'resource')} will be destroyed or replaced:`);
        for (const entry of destructive)
            lines.push(`  - ${(0,markdown_escape/* oneLine */.TN)(entry.address)} ${(0,phrases/* destructiveVerb */.qH)(entry)}${notes((0,phrases/* resourceNotes */._$)(entry))}`);
    }
    for (const group of (0,phrases/* groupResources */.xo)(model.resources)) {
        lines.push('', `${group.title} (${group.entries.length}):`);
        for (const entry of group.entries)
            lines.push(...resourceLines(entry, phrases/* resourceNotes */._$));
    }
    if (model.drift.length > 0) {
        lines.push('', `Drift: changed outside of the configuration (${model.drift.length}):`);
        for (const entry of model.drift)
            lines.push(...resourceLines(entry, phrases/* driftNotes */.Fs));
    }
    if (model.outputs.length > 0) {
        lines.push('', `Output changes (${model.outputs.length}):`);
        for (const output of model.outputs)
            lines.push(`  ${(0,phrases/* outputLine */.MI)(output.name, output.before, output.after)}`);
    }
    const failed = model.checks.filter((check) => check.status === 'fail' || check.status === 'error');
    const unknown = model.checks.filter((check) => check.status === 'unknown').length;
    if (failed.length > 0 || unknown > 0) {
        const passed = model.checks.filter((check) => check.status === 'pass').length;
        lines.push('', `Checks: ${failed.length} failed, ${unknown} known only after apply, ${passed} passed`);
        for (const check of failed) {
            const what = check.status === 'error' ? 'could not be evaluated' : 'failed';
            lines.push(`  ${(0,markdown_escape/* oneLine */.TN)(check.address)} ${what}${check.problems.length > 0 ? `: ${check.problems.map(markdown_escape/* oneLine */.TN).join('; ')}` : ''}`);
        }
    }
    if (model.diagnostics.length > 0) {
        lines.push('', 'Errors and warnings:');
        for (const diagnostic of model.diagnostics) {
            const where = diagnostic.location ? ` (${(0,markdown_escape/* oneLine */.TN)(diagnostic.location)})` : '';
            lines.push(`  ${diagnostic.severity === 'error' ? 'Error' : 'Warning'}: ${(0,markdown_escape/* oneLine */.TN)(diagnostic.summary)}${where}`);
            for (const line of diagnostic.detail.trim().split(/\r\n|\r|\n/)) {
                if (line.trim() !== '')
                    lines.push(`      ${(0,markdown_escape/* oneLine */.TN)(line)}`);
            }
        }
    }
    const footer = [
        ctx.planDigest ? `plan digest ${(0,markdown_escape/* oneLine */.TN)(ctx.planDigest)}` : '',
        ctx.commit ? `commit ${(0,markdown_escape/* oneLine */.TN)(ctx.commit.slice(0, 12))}` : '',
        ctx.tool
            ? `${(0,markdown_escape/* oneLine */.TN)(ctx.tool.name)} ${(0,markdown_escape/* oneLine */.TN)(ctx.tool.version)}`
            : model.toolVersion
                ? `version ${(0,markdown_escape/* oneLine */.TN)(model.toolVersion)}`
                : '',
        ctx.runUrl ? `run ${(0,markdown_escape/* oneLine */.TN)(ctx.runUrl)}` : '',
    ].filter(Boolean);
    if (footer.length > 0)
        lines.push('', footer.join(' · '));
    return lines.join('\n') + '\n';
}
/** The inputs from other stacks, one a line; a provisional plan says so first. */
function inputsText(ctx) {
    const inputs = ctx.inputs ?? [];
    if (inputs.length === 0)
        return [];
    const pending = [...new Set(inputs.flatMap((i) => (i.pendingOn ? [i.pendingOn] : [])))];
    const lines = [];
    if (pending.length > 0) {
        lines.push(`Provisional plan: ${pending.join(', ')} not applied yet; the inputs from ${pending.length === 1 ? 'it' : 'them'} are placeholders, and this plan cannot be approved or applied.`);
    }
    lines.push('Inputs from other stacks:');
    for (const input of inputs) {
        const value = input.pendingOn
            ? `known after ${input.pendingOn} is applied`
            : input.sensitive
                ? '(sensitive)'
                : (0,markdown_escape/* oneLine */.TN)(input.value ?? 'null').slice(0, 120);
        lines.push(`  ${(0,markdown_escape/* oneLine */.TN)(input.variable)} <- ${(0,markdown_escape/* oneLine */.TN)(input.from)}: ${value}`);
    }
    return lines;
}
/** The policy check: passed, or every failure; then every warning. */
function policyText(policy, planDigest) {
    const { title, detail } = (0,plan_policy/* policyHeadline */.Zt)(policy, planDigest);
    const item = (finding) => `  ${phrase((0,plan_policy/* findingPrefix */.cA)(finding))}${(0,markdown_escape/* oneLine */.TN)(finding.message)}`;
    const lines = [`${title}. ${phrase(detail)}`, ...policy.failures.map(item)];
    if (policy.warnings.length > 0) {
        lines.push(`Policy warnings (${policy.warnings.length}):`, ...policy.warnings.map(item));
    }
    return lines;
}

// EXTERNAL MODULE: ./lib/plan/size-budget.js
var size_budget = __webpack_require__(12690);
;// CONCATENATED MODULE: ./lib/plan/multi-stack.js



/**
 * Several stacks (the plan jobs of a matrix) in one PR comment: a table with a row per stack, then each
 * stack's plan under its own heading. The size rules are the single comment's: every stack degrades
 * together, and the destroyed and replaced resources of every stack are always listed, continued in
 * further comments when they do not fit.
 */
const COLUMNS = ['add', 'change', 'replace', 'destroy', 'import', 'move', 'forget', 'drift'];
function tableRow({ model, ctx }) {
    const { cellCode } = plan_markdown/* markdown */.wD;
    const cells = [
        cellCode(ctx.stack),
        ctx.workspace ? cellCode(ctx.workspace) : '',
        ctx.environment ? cellCode(ctx.environment) : '',
        // A stack's policy result beside its verdict: a reviewer scanning the table sees which stacks failed.
        ctx.policy ? `${plan_markdown/* markdown */.wD.verdict(model)} · ${(0,plan_policy/* policyVerdict */.qm)(ctx.policy)}` : plan_markdown/* markdown */.wD.verdict(model),
        ...COLUMNS.map((column) => String(model.counts[column])),
    ];
    return `| ${cells.join(' | ')} |`;
}
function head(parts) {
    return [
        `## Plans for ${parts.length} ${parts.length === 1 ? 'stack' : 'stacks'}`,
        '',
        `| stack | workspace | environment | result | ${COLUMNS.join(' | ')} |`,
        `| --- | --- | --- | --- | ${COLUMNS.map(() => '---:').join(' | ')} |`,
        ...parts.map(tableRow),
    ];
}
function renderMultiStackComment(entries, opts = {}) {
    const title = `## Plans for ${entries.length} ${entries.length === 1 ? 'stack' : 'stacks'}`;
    return (0,plan_markdown/* renderDocument */.yQ)(entries, {
        limit: opts.limit ?? plan_markdown/* COMMENT_LIMIT */.W$,
        measure: size_budget/* characters */.hg,
        continuations: true,
        firstN: opts.firstN ?? 10,
        head,
        stackHeading: (part) => `### ${plan_markdown/* markdown */.wD.stackTitle(part.ctx)}`,
        continuationHeading: (index, total) => `${title} (continued, ${index} of ${total})`,
    });
}

;// CONCATENATED MODULE: ./lib/plan/index.js
/** The plan's renderings: what tf-plan, the multi-stack comment and the CLI use. */







/***/ }),

/***/ 28337:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C8: () => (/* binding */ DESTRUCTIVE_GROUPS),
/* harmony export */   Fs: () => (/* binding */ driftNotes),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   MI: () => (/* binding */ outputLine),
/* harmony export */   WJ: () => (/* binding */ verdict),
/* harmony export */   _$: () => (/* binding */ resourceNotes),
/* harmony export */   __: () => (/* binding */ countsPhrase),
/* harmony export */   mc: () => (/* binding */ diffLine),
/* harmony export */   qH: () => (/* binding */ destructiveVerb),
/* harmony export */   xo: () => (/* binding */ groupResources)
/* harmony export */ });
/* unused harmony export valueText */
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26734);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(81989);


const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const REASONS = {
    replace_because_cannot_update: 'a changed attribute cannot be updated in place',
    replace_because_tainted: 'the object is tainted',
    replace_by_request: 'replacement was requested (-replace)',
    replace_by_triggers: 'replace_triggered_by',
    delete_because_no_resource_config: 'no longer in the configuration',
    delete_because_wrong_repetition: 'count or for_each was added or removed',
    delete_because_count_index: 'its count index is out of range',
    delete_because_each_key: 'its for_each key is gone',
    delete_because_enabled_false: 'enabled = false',
    delete_because_no_module: 'its module is no longer in the configuration',
    delete_because_no_move_target: 'a moved block points to an address that is not in the configuration',
    read_because_config_unknown: 'its configuration depends on values known only after apply',
    read_because_dependency_pending: 'it depends on a resource with changes pending',
    read_because_check_nested: 'it is inside a check block',
    forgot_because_lifecycle_destroy_in_state: 'lifecycle destroy = false',
    forgot_because_lifecycle_destroy_in_config: 'lifecycle destroy = false',
};
const GROUPS = [
    { key: 'delete', title: 'Destroy', matches: (e) => e.action === 'delete' },
    { key: 'replace', title: 'Replace', matches: (e) => e.action === 'replace' },
    {
        key: 'forget-then-create',
        title: 'Replace without destroying: the old object is only removed from the state',
        matches: (e) => e.action === 'forget-then-create',
    },
    { key: 'create', title: 'Create', matches: (e) => e.action === 'create' },
    { key: 'update', title: 'Update in place', matches: (e) => e.action === 'update' },
    { key: 'import', title: 'Import', matches: (e) => e.action === 'no-op' && e.importing !== undefined },
    {
        key: 'move',
        title: 'Move',
        matches: (e) => e.action === 'no-op' && e.importing === undefined && e.previousAddress !== undefined,
    },
    {
        key: 'forget',
        title: 'Forget: removed from the state, not destroyed',
        matches: (e) => e.action === 'forget',
    },
    { key: 'read', title: 'Read data sources during apply', matches: (e) => e.action === 'read' },
];
/** Destroys and replaces are the groups the banner lists in full. */
const DESTRUCTIVE_GROUPS = new Set(['delete', 'replace']);
/** The resources grouped by what happens to them, most consequential first; empty groups left out. */
function groupResources(entries) {
    let groups = groupCache.get(entries);
    if (!groups) {
        groups = makeGroups(entries);
        groupCache.set(entries, groups);
    }
    return groups;
}
// Renderers group the same list several times while they fit a plan into its limit.
const groupCache = new WeakMap();
function makeGroups(entries) {
    const groups = GROUPS.map(({ key, title }) => ({ key, title, entries: [] }));
    for (const entry of entries) {
        const index = GROUPS.findIndex((group) => group.matches(entry));
        if (index >= 0)
            groups[index]?.entries.push(entry);
    }
    return groups.filter((group) => group.entries.length > 0);
}
/** "2 to add, 1 to change, 0 to replace, 0 to destroy; 1 to import" and the rest that is not zero. */
function countsPhrase(counts) {
    const main = [
        `${counts.add} to add`,
        `${counts.change} to change`,
        `${counts.replace} to replace`,
        `${counts.destroy} to destroy`,
    ].join(', ');
    const extra = [
        counts.import > 0 ? `${counts.import} to import` : '',
        counts.move > 0 ? `${counts.move} to move` : '',
        counts.forget > 0 ? `${counts.forget} to forget` : '',
        counts.read > 0 ? plural(counts.read, 'data source') + ' to read' : '',
        counts.outputChanges > 0 ? plural(counts.outputChanges, 'output change') : '',
    ].filter(Boolean);
    return extra.length > 0 ? `${main}; ${extra.join(', ')}` : main;
}
function verdict(model) {
    if (model.errored)
        return 'The plan failed';
    return model.hasChanges ? 'Changes' : 'No changes';
}
const MAX_NAMED_PATHS = 5;
/** What else a reviewer should know about one resource, beside its address. */
function resourceNotes(entry) {
    const notes = [];
    if (entry.action === 'replace') {
        notes.push([
            entry.replaceOrder === 'create-then-delete'
                ? 'create the new object, then destroy the old (create_before_destroy)'
                : 'destroy, then create',
        ]);
    }
    if (entry.replacePaths.length > 0) {
        const named = entry.replacePaths.slice(0, MAX_NAMED_PATHS);
        const phrase = ['forced by '];
        named.forEach((path, i) => phrase.push(...(i > 0 ? [', '] : []), { code: path }));
        if (entry.replacePaths.length > named.length)
            phrase.push(` and ${entry.replacePaths.length - named.length} more`);
        notes.push(phrase);
    }
    else if (entry.actionReason) {
        const reason = REASONS[entry.actionReason];
        notes.push(reason ? [reason] : ['reason ', { code: entry.actionReason }]);
    }
    if (entry.importing)
        notes.push(entry.importing.id ? ['import ID ', { code: entry.importing.id }] : ['imported']);
    if (entry.previousAddress)
        notes.push(['moved from ', { code: entry.previousAddress }]);
    if (entry.deposed)
        notes.push(['deposed object ', { code: entry.deposed }]);
    return notes;
}
/** What the banner says happens to a destroyed or replaced resource. */
function destructiveVerb(entry) {
    return entry.action === 'replace' ? 'replaced' : 'destroyed';
}
function driftNotes(entry) {
    return [
        [
            entry.action === 'delete'
                ? 'deleted outside of the configuration'
                : 'changed outside of the configuration',
        ],
    ];
}
function valueText(value, maxLength = Infinity) {
    switch (value.kind) {
        case 'known':
            return (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(value.text, maxLength);
        case 'sensitive':
            return '(sensitive)';
        case 'unknown':
            return '(known after apply)';
        case 'absent':
            return 'null';
    }
}
/** One line of a diff: `+ path = value`, `- path = value` or `! path = before -> after`. */
function diffLine(attribute, maxLength = Infinity) {
    const { before, after } = attribute;
    const suffix = attribute.forcesReplacement ? '  # forces replacement' : '';
    if (before.kind === 'absent')
        return `+ ${attribute.path} = ${valueText(after, maxLength)}${suffix}`;
    if (after.kind === 'absent')
        return `- ${attribute.path} = ${valueText(before, maxLength)}${suffix}`;
    return `! ${attribute.path} = ${valueText(before, maxLength)} -> ${valueText(after, maxLength)}${suffix}`;
}
function outputLine(name, before, after, maxLength = Infinity) {
    return diffLine({ path: (0,_values_js__WEBPACK_IMPORTED_MODULE_1__/* .displayPath */ .G)([name]), before, after, forcesReplacement: false }, maxLength);
}


/***/ }),

/***/ 8624:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jz: () => (/* binding */ SUMMARY_LIMIT_BYTES),
/* harmony export */   ON: () => (/* binding */ renderPlanSummary),
/* harmony export */   W$: () => (/* binding */ COMMENT_LIMIT),
/* harmony export */   wD: () => (/* binding */ markdown),
/* harmony export */   yQ: () => (/* binding */ renderDocument),
/* harmony export */   zk: () => (/* binding */ renderPlanComment)
/* harmony export */ });
/* unused harmony export inputsLines */
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26734);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(21554);
/* harmony import */ var _phrases_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28337);
/* harmony import */ var _size_budget_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12690);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(39633);






/** Inputs listed in full; the rest are counted, so that a stack with hundreds of inputs stays readable. */
const MAX_INPUTS = 25;
const MAX_INPUT_VALUE = 120;
/** The inputs a stack received, and the warning of a provisional plan, above its counts. */
function inputsLines(inputs) {
    if (!inputs || inputs.length === 0)
        return [];
    const pending = [...new Set(inputs.flatMap((i) => (i.pendingOn ? [i.pendingOn] : [])))];
    const lines = [];
    if (pending.length > 0) {
        lines.push('> [!WARNING]', `> **Provisional plan:** ${pending.map(code).join(', ')} ${pending.length === 1 ? 'is' : 'are'} not applied yet, so the inputs ${pending.length === 1 ? 'it gives are' : 'they give are'} placeholders. ` +
            'This plan shows the shape of the change; it cannot be approved or applied. Plan again once they are applied.', '');
    }
    lines.push('**Inputs from other stacks:**', '');
    for (const input of inputs.slice(0, MAX_INPUTS)) {
        const value = input.pendingOn
            ? `_known after ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .headingText */ .ky)(input.pendingOn)} is applied_`
            : input.sensitive
                ? '_(sensitive)_'
                : code((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(input.value ?? 'null', MAX_INPUT_VALUE));
        const serial = input.serial !== undefined ? ` (state serial ${input.serial})` : '';
        lines.push(`- ${code(input.variable)} ← ${code(input.from)}${serial}: ${value}`);
    }
    if (inputs.length > MAX_INPUTS)
        lines.push(`- _and ${inputs.length - MAX_INPUTS} more_`);
    lines.push('');
    return lines;
}
/** GitHub refuses a comment body longer than this (in characters) with 422. */
const COMMENT_LIMIT = 65_536;
const SUMMARY_LIMIT_BYTES = 1_000_000;
const DEFAULT_FIRST_N = 10;
// The smallest limit that always leaves room for the header, one banner line and the footer.
const MIN_LIMIT = 4_096;
/** Longest value shown in a diff, and longest address or message: enough to read, bounded in size. */
const MAX_VALUE = 500;
const MAX_NAME = 1_000;
const MAX_DETAIL = 2_000;
const MAX_ATTRIBUTE_NAMES = 20;
/** A policy rule's name is a Rego identifier: a longer one is cut, so that one failure always fits a body. */
const MAX_RULE = 200;
/** A policy message at its longest, and the shortest it is cut to before failures continue elsewhere. */
const POLICY_MESSAGE = 1_000;
const POLICY_MESSAGE_FLOOR = 80;
const code = (text) => (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeSpan */ .SS)((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(text, MAX_NAME));
function md(phrase) {
    return phrase.map((segment) => (typeof segment === 'string' ? segment : code(segment.code))).join('');
}
function html(phrase) {
    return phrase
        .map((segment) => typeof segment === 'string'
        ? (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlText */ .js)(segment)
        : `<code>${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlText */ .js)((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(segment.code, MAX_NAME))}</code>`)
        .join('');
}
const notesMd = (notes) => (notes.length > 0 ? ` — ${notes.map(md).join('; ')}` : '');
const notesHtml = (notes) => (notes.length > 0 ? ` — ${notes.map(html).join('; ')}` : '');
function stackTitle(ctx) {
    const parts = [ctx.stack ? code(ctx.stack) : 'the configuration'];
    if (ctx.workspace)
        parts.push(`workspace ${code(ctx.workspace)}`);
    if (ctx.environment)
        parts.push(`environment ${code(ctx.environment)}`);
    return parts.join(' · ');
}
function footer(part) {
    const { ctx, model } = part;
    const bits = [];
    if (ctx.planDigest)
        bits.push(`Plan digest ${code(ctx.planDigest)}`);
    if (ctx.commit)
        bits.push(`commit ${code(ctx.commit.slice(0, 12))}`);
    if (ctx.state)
        bits.push(`state ${code(ctx.state)}`);
    if (ctx.tool)
        bits.push(`${code(ctx.tool.name)} ${code(ctx.tool.version)}`);
    else if (model.toolVersion)
        bits.push(`version ${code(model.toolVersion)}`);
    const url = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .linkUrl */ .YY)(ctx.runUrl);
    if (url)
        bits.push(`[full plan in the run](${url})`);
    return bits.join(' · ');
}
function countsLines(model) {
    const lines = [];
    if (model.errored) {
        lines.push('> [!CAUTION]', '> **The plan failed.** What follows is what it planned before the error; it cannot be applied.', '');
    }
    if (model.hasChanges || model.errored)
        lines.push(`**Plan:** ${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .countsPhrase */ .__)(model.counts)}.`);
    else
        lines.push('**No changes.** The infrastructure matches the configuration.');
    if (model.unchanged > 0 && model.hasChanges)
        lines.push(`${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(model.unchanged, 'resource')} unchanged.`);
    if (model.counts.drift > 0) {
        lines.push(`**Drift:** ${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(model.counts.drift, 'resource')} changed outside of the configuration.`);
    }
    return lines;
}
/** A destroyed or replaced resource's line, without the quote marker; made once per entry. */
function destructiveLine(entry) {
    let line = destructiveLines.get(entry);
    if (line === undefined) {
        line = `- ${code(entry.address)} ${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .destructiveVerb */ .qH)(entry)}${notesMd((0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .resourceNotes */ ._$)(entry))}`;
        destructiveLines.set(entry, line);
    }
    return line;
}
const destructiveLines = new WeakMap();
function bannerItem(entry) {
    return `> ${destructiveLine(entry)}`;
}
function writeBanner(w, destructive, cut) {
    if (destructive.length === 0)
        return;
    w.blank().line('> [!WARNING]', `> **${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(destructive.length, 'resource')} will be destroyed or replaced:**`);
    const shown = cut ? cut.shown : destructive.length;
    for (let i = 0; i < shown; i++)
        w.line(bannerItem(destructive[i]));
    if (cut && shown < destructive.length)
        w.line(restNote(destructive.length - shown, cut.rest));
}
function restNote(rest, where) {
    if (where === 'log')
        return `> - … and ${rest} more: the full list is in the plan in the run's log.`;
    const [first, last] = where.comments;
    const comments = first === last ? `continuation comment ${first}` : `continuation comments ${first} to ${last}`;
    return `> - … and ${rest} more, listed in ${comments}.`;
}
/**
 * A policy failure's or warning's list item: the rule, the address, the message cut to the mode's
 * length. The message is the policy's text with plan values in it, so it is code like every other text
 * from the plan: as running text GitHub would still link its URLs, @mentions and #references.
 */
function findingLine(finding, mode) {
    const prefix = md((0,_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .findingPrefix */ .cA)({ ...finding, rule: (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(finding.rule, MAX_RULE) }));
    return `- ${prefix}${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeSpan */ .SS)((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(finding.message, mode.message))}`;
}
/**
 * The Policy section, above the changes: a line when the check passed; otherwise a callout (CAUTION
 * when the failures block, WARNING under `policy-mode: warn`) with every failure, or as many as `cut`
 * says. Warnings follow, shortened with the changes, since only failures decide anything.
 */
function writePolicy(w, policy, planDigest, mode, cut) {
    const { title, detail } = (0,_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .policyHeadline */ .Zt)(policy, planDigest);
    if (policy.passed) {
        w.line(`**${title}** — ${md(detail)}`);
    }
    else {
        w.line(policy.mode === 'enforce' ? '> [!CAUTION]' : '> [!WARNING]', `> **${title}.** ${md(detail)}`, '>');
        const shown = cut ? cut.shown : policy.failures.length;
        for (let i = 0; i < shown; i++)
            w.line(`> ${findingLine(policy.failures[i], mode)}`);
        if (cut && shown < policy.failures.length)
            w.line(restNote(policy.failures.length - shown, cut.rest));
    }
    const warnings = policy.warnings;
    if (warnings.length > 0) {
        w.blank().line(`**Policy warnings (${warnings.length}):**`, '');
        const shown = mode.level === 'minimal'
            ? 0
            : mode.level === 'counts'
                ? Math.min(mode.firstN, warnings.length)
                : warnings.length;
        for (const warning of warnings.slice(0, shown))
            w.line(findingLine(warning, mode));
        if (shown < warnings.length)
            w.line(`- … and ${warnings.length - shown} more`);
    }
    w.blank();
}
function diffDetails(w, entry, attributes, notes) {
    const lines = attributes.map((attribute) => (0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .diffLine */ .mc)(attribute, MAX_VALUE));
    w.line(`<details><summary><code>${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlText */ .js)((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(entry.address, MAX_NAME))}</code>${notesHtml(notes)}</summary>`);
    w.line('', (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBlock */ .DV)(lines.join('\n'), 'diff'), '', '</details>', '');
}
/** One resource at a level; `notes` is what the list says beside the address. */
function writeResource(w, entry, notes, level) {
    // Read once: the diff is computed on each read.
    const attributes = level === 'full' || level === 'collapsed' ? entry.attributes : [];
    if (level === 'full' && attributes.length > 0)
        return diffDetails(w, entry, attributes, notes);
    let line = `- ${code(entry.address)}${notesMd(notes)}`;
    if (level === 'full' || level === 'collapsed') {
        const names = attributes.slice(0, MAX_ATTRIBUTE_NAMES).map((a) => code(a.path));
        const more = attributes.length - names.length;
        if (names.length > 0)
            line += `: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    }
    w.line(line);
}
function writeEntries(w, title, entries, notesOf, mode) {
    w.blank().line(`#### ${title} (${entries.length})`, '');
    const shown = mode.level === 'counts' || mode.level === 'minimal'
        ? Math.min(mode.firstN, entries.length)
        : entries.length;
    for (let i = 0; i < shown; i++) {
        const entry = entries[i];
        writeResource(w, entry, notesOf(entry), mode.level);
    }
    if (shown < entries.length)
        w.line(`- … and ${entries.length - shown} more`);
    w.blank();
}
function writeGroups(w, model, mode) {
    for (const group of (0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .groupResources */ .xo)(model.resources)) {
        // At the counts level the banner already lists every destroy and replace.
        if ((mode.level === 'counts' || mode.level === 'minimal') && _phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .DESTRUCTIVE_GROUPS */ .C8.has(group.key))
            continue;
        writeEntries(w, group.title, group.entries, _phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .resourceNotes */ ._$, mode);
    }
    if (model.drift.length > 0) {
        writeEntries(w, 'Drift: changed outside of the configuration', model.drift, _phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .driftNotes */ .Fs, mode);
    }
}
function writeOutputs(w, model, mode) {
    if (model.outputs.length === 0)
        return;
    w.blank().line(`#### Output changes (${model.outputs.length})`, '');
    const detailed = mode.level === 'full' || mode.level === 'collapsed';
    const shown = detailed || mode.level === 'addresses'
        ? model.outputs.length
        : Math.min(mode.firstN, model.outputs.length);
    const lines = model.outputs
        .slice(0, shown)
        .map((output) => detailed
        ? (0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .outputLine */ .MI)(output.name, output.before, output.after, MAX_VALUE)
        : `${output.action === 'create' ? '+' : output.action === 'delete' ? '-' : '!'} ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(output.name)}`);
    if (shown < model.outputs.length)
        lines.push(`# … and ${model.outputs.length - shown} more`);
    if (lines.length > 0)
        w.line((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBlock */ .DV)(lines.join('\n'), 'diff'));
    w.blank();
}
function writeChecks(w, model, mode) {
    const failed = model.checks.filter((check) => check.status === 'fail' || check.status === 'error');
    const unknown = model.checks.filter((check) => check.status === 'unknown').length;
    const passed = model.checks.filter((check) => check.status === 'pass').length;
    if (failed.length === 0 && unknown === 0)
        return;
    const tally = [
        failed.length > 0 ? `${failed.length} failed` : '',
        unknown > 0 ? `${unknown} known only after apply` : '',
        passed > 0 ? `${passed} passed` : '',
    ].filter(Boolean);
    w.blank().line(`#### Checks: ${tally.join(', ')}`, '');
    const shown = mode.level === 'counts' || mode.level === 'minimal'
        ? Math.min(mode.firstN, failed.length)
        : failed.length;
    for (const check of failed.slice(0, shown)) {
        const problems = check.problems.map((problem) => code((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(problem, MAX_VALUE)));
        w.line(`- ${code(check.address)} ${check.status === 'error' ? 'could not be evaluated' : 'failed'}${problems.length > 0 ? `: ${problems.join('; ')}` : ''}`);
    }
    if (shown < failed.length)
        w.line(`- … and ${failed.length - shown} more`);
    w.blank();
}
function writeDiagnostics(w, model, mode) {
    if (model.diagnostics.length === 0)
        return;
    const errors = model.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = model.diagnostics.length - errors;
    const tally = [errors > 0 ? (0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(errors, 'error') : '', warnings > 0 ? (0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(warnings, 'warning') : ''];
    w.blank().line(`#### ${tally.filter(Boolean).join(' and ')}`, '');
    const limited = mode.level === 'counts' || mode.level === 'minimal';
    const shown = limited ? Math.min(mode.firstN, model.diagnostics.length) : model.diagnostics.length;
    for (const diagnostic of model.diagnostics.slice(0, shown)) {
        const where = diagnostic.location ? ` at ${code(diagnostic.location)}` : '';
        w.line(`- **${diagnostic.severity === 'error' ? 'Error' : 'Warning'}:** ${code((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(diagnostic.summary, MAX_VALUE))}${where}`);
        if (mode.level === 'full' && diagnostic.detail.trim() !== '') {
            // Indented under its list item: a fence inside a list item needs the item's indentation.
            const block = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBlock */ .DV)((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .blockText */ .dK)((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(diagnostic.detail.trim(), MAX_DETAIL)), 'text');
            w.line('', ...block.split('\n').map((line) => `  ${line}`), '');
        }
    }
    if (shown < model.diagnostics.length)
        w.line(`- … and ${model.diagnostics.length - shown} more`);
    w.blank();
}
/** One stack's body: everything under its heading. */
function writeStackBody(w, part, mode, cut, layout) {
    const { model } = part;
    w.line(...inputsLines(part.ctx.inputs));
    if (part.ctx.policy)
        writePolicy(w, part.ctx.policy, part.ctx.planDigest, mode, cut?.failures);
    w.line(...countsLines(model));
    writeBanner(w, (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .destructiveResources */ .Yh)(model), cut?.destroys);
    if (mode.level !== 'minimal') {
        writeGroups(w, model, mode);
        writeOutputs(w, model, mode);
        writeChecks(w, model, mode);
        writeDiagnostics(w, model, mode);
    }
    if (mode.level === 'counts' || mode.level === 'minimal') {
        const url = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .linkUrl */ .YY)(part.ctx.runUrl);
        w.blank().line(`_This plan is too large to show whole here: ${mode.level === 'counts' && mode.firstN > 0 ? `the first ${mode.firstN} of each kind of change are listed; ` : ''}` +
            `the full plan is in the ${url ? `[run](${url})` : 'run'}'s ${layout.continuations ? 'job summary and log' : 'log'}._`);
    }
    const foot = footer(part);
    if (foot)
        w.blank().line(foot);
}
function writeDocument(w, parts, layout, mode, cuts) {
    w.line(...layout.head(parts));
    parts.forEach((part, i) => {
        if (layout.stackHeading)
            w.blank().line(layout.stackHeading(part), '');
        else
            w.blank();
        writeStackBody(w, part, mode, cuts?.[i], layout);
    });
}
function attempt(parts, layout, mode, cuts) {
    const w = new _size_budget_js__WEBPACK_IMPORTED_MODULE_3__/* .Writer */ .AU(layout.limit, layout.measure);
    try {
        writeDocument(w, parts, layout, mode, cuts);
        return w.text();
    }
    catch (error) {
        if (error instanceof _size_budget_js__WEBPACK_IMPORTED_MODULE_3__/* .BudgetExceeded */ .L$)
            return undefined;
        throw error;
    }
}
/**
 * The main body and its continuations when even the most compact rendering does not hold every
 * destroyed and replaced resource (and, with `spillFailures`, every policy failure): the main body
 * lists as many as fit, in order, failures of every stack before destroys, and the rest follow in
 * continuation bodies (or, without continuations, are left to the log). Without `spillFailures` every
 * failure must fit the main body, or there is no split.
 */
function splitLists(parts, layout, mode, spillFailures) {
    // The notes about the rest are measured at their longest, so the real ones cannot make the body grow.
    const widest = layout.continuations ? { comments: [99_999, 99_999] } : 'log';
    const cutsOf = () => parts.map(() => ({
        destroys: { shown: 0, rest: widest },
        ...(spillFailures ? { failures: { shown: 0, rest: widest } } : {}),
    }));
    const skeleton = attempt(parts, layout, mode, cutsOf());
    if (skeleton === undefined)
        return undefined;
    const items = [];
    if (spillFailures) {
        parts.forEach((part, stack) => {
            for (const finding of part.ctx.policy?.failures ?? [])
                items.push({ part, stack, kind: 'failures', line: findingLine(finding, mode) });
        });
    }
    parts.forEach((part, stack) => {
        for (const entry of (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .destructiveResources */ .Yh)(part.model))
            items.push({ part, stack, kind: 'destroys', line: destructiveLine(entry) });
    });
    let room = layout.limit - layout.measure(skeleton);
    const cuts = cutsOf();
    let shown = 0;
    for (const item of items) {
        const size = layout.measure(`> ${item.line}`) + 1;
        if (size > room)
            break;
        room -= size;
        (cuts[item.stack]?.[item.kind]).shown += 1;
        shown += 1;
    }
    if (!layout.continuations) {
        return [attempt(parts, layout, mode, cuts) ?? fail('the shortened lists do not fit')];
    }
    const chunks = continuationChunks(items.slice(shown), layout);
    const total = chunks.length + 1;
    // Each stack's notes name the continuation bodies its rest is in (the main body is number 1).
    cuts.forEach((cut, stack) => {
        for (const kind of ['failures', 'destroys']) {
            const list = cut[kind];
            if (!list)
                continue;
            const holding = chunks.flatMap((chunk, index) => chunk.some((item) => item.stack === stack && item.kind === kind) ? [index + 2] : []);
            list.rest =
                holding.length > 0
                    ? { comments: [holding[0], holding[holding.length - 1]] }
                    : 'log';
        }
    });
    const main = attempt(parts, layout, mode, cuts) ?? fail('the shortened lists do not fit');
    return [main, ...chunks.map((chunk, i) => renderChunk(chunk, i + 2, total, layout))];
}
const CONTINUED = {
    failures: 'policy failures, continued:',
    destroys: 'destroyed or replaced resources, continued:',
};
const chunkListLine = (item, layout) => `**${layout.stackHeading ? `${stackTitle(item.part.ctx)}: ` : ''}${CONTINUED[item.kind]}**`;
const chunkEndLine = (index, total) => `_Continued in comment ${index + 1} of ${total}._`;
const sameList = (a, b) => a?.stack === b.stack && a.kind === b.kind;
function renderChunk(chunk, index, total, layout) {
    // A Writer, so a body over the limit is an error here rather than a 422 from GitHub.
    const w = new _size_budget_js__WEBPACK_IMPORTED_MODULE_3__/* .Writer */ .AU(layout.limit, layout.measure);
    w.line(layout.continuationHeading(index, total));
    let last;
    for (const item of chunk) {
        if (!sameList(last, item))
            w.line('', chunkListLine(item, layout), '');
        last = item;
        w.line(item.line);
    }
    if (index < total)
        w.line('', chunkEndLine(index, total));
    return w.text();
}
/**
 * Fills continuation bodies in order. Sizes are counted as items are added (measuring each body anew
 * would be quadratic), with the heading and closing line at their widest numbers.
 */
function continuationChunks(items, layout) {
    const fixed = layout.measure(layout.continuationHeading(99_998, 99_999)) +
        layout.measure(chunkEndLine(99_998, 99_999)) +
        2;
    const chunks = [];
    let current = [];
    let size = fixed;
    for (const item of items) {
        const cost = (listChanged) => layout.measure(item.line) + 1 + (listChanged ? layout.measure(chunkListLine(item, layout)) + 3 : 0);
        let itemCost = cost(!sameList(current[current.length - 1], item));
        if (current.length > 0 && size + itemCost > layout.limit) {
            chunks.push(current);
            current = [];
            size = fixed;
            itemCost = cost(true);
        }
        if (size + itemCost > layout.limit)
            fail('one destroyed resource or policy failure does not fit a continuation body');
        current.push(item);
        size += itemCost;
    }
    if (current.length > 0)
        chunks.push(current);
    return chunks;
}
function fail(what) {
    throw new Error(`plan rendering: ${what}; the size limit is too small`);
}
/** The modes from most to least detailed, with policy messages at their longest. */
function modes(firstN) {
    const message = POLICY_MESSAGE;
    return [
        { level: 'full', firstN, message },
        { level: 'collapsed', firstN, message },
        { level: 'addresses', firstN, message },
        { level: 'counts', firstN, message },
        ...(firstN > 0 ? [{ level: 'counts', firstN: 0, message }] : []),
        { level: 'minimal', firstN: 0, message },
    ];
}
/**
 * The most detailed rendering that fits. Then, in this order: the destroys split over continuations;
 * the changes at their most compact and each policy message cut to the longest length at which every
 * failure fits the main body; and last, below that length, the failures continued too.
 */
function renderDocument(parts, layout) {
    if (layout.limit < MIN_LIMIT)
        throw new RangeError(`a size limit under ${MIN_LIMIT} is too small for a plan`);
    const all = modes(layout.firstN);
    for (const mode of all) {
        const text = attempt(parts, layout, mode);
        if (text !== undefined)
            return [text];
    }
    const compact = all.filter((m) => m.level === 'counts' || m.level === 'minimal');
    for (const mode of compact) {
        const split = splitLists(parts, layout, mode, false);
        if (split)
            return split;
    }
    const minimal = all[all.length - 1];
    if (!parts.some((part) => (part.ctx.policy?.failures.length ?? 0) > 0)) {
        return fail('not even the counts fit');
    }
    // The longest message length that fits: fitting only gets easier as messages get shorter.
    const at = (message) => splitLists(parts, layout, { ...minimal, message }, false);
    let best = at(POLICY_MESSAGE_FLOOR);
    if (best) {
        let [low, high] = [POLICY_MESSAGE_FLOOR, POLICY_MESSAGE - 1];
        while (low < high) {
            const middle = Math.ceil((low + high) / 2);
            const split = at(middle);
            if (split)
                [best, low] = [split, middle];
            else
                high = middle - 1;
        }
        return best;
    }
    return (splitLists(parts, layout, { ...minimal, message: POLICY_MESSAGE_FLOOR }, true) ??
        fail('not even the counts fit'));
}
function singleLayout(ctx, limit, measure, continuations, firstN) {
    const title = `### Plan for ${stackTitle(ctx)}`;
    return {
        limit,
        measure,
        continuations,
        firstN,
        // A promotion or rollback says so first: reviewers approve a release, not only a diff.
        head: () => ctx.source ? [title, '', `> **${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .headingText */ .ky)((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(ctx.source, MAX_DETAIL))}**`] : [title],
        continuationHeading: (index, total) => `${title} (continued, ${index} of ${total})`,
    };
}
/**
 * The PR comment: the main body, then numbered continuation bodies when the destroyed and replaced
 * resources alone do not fit. Every body is at most `limit` characters.
 */
function renderPlanComment(model, ctx, opts = {}) {
    const layout = singleLayout(ctx, opts.limit ?? COMMENT_LIMIT, _size_budget_js__WEBPACK_IMPORTED_MODULE_3__/* .characters */ .hg, true, opts.firstN ?? DEFAULT_FIRST_N);
    return renderDocument([{ model, ctx }], layout);
}
/** The job summary: the same content in one document of at most `limitBytes` UTF-8 bytes. */
function renderPlanSummary(model, ctx, opts = {}) {
    const layout = singleLayout(ctx, opts.limitBytes ?? SUMMARY_LIMIT_BYTES, _size_budget_js__WEBPACK_IMPORTED_MODULE_3__/* .utf8Bytes */ .dy, false, opts.firstN ?? DEFAULT_FIRST_N);
    return renderDocument([{ model, ctx }], layout)[0];
}
/** Exposed for the multi-stack renderer. */
const markdown = { code, cellCode: _markdown_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .cellCode */ .GA, stackTitle, verdict: _phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .verdict */ .WJ, countsPhrase: _phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .countsPhrase */ .__ };


/***/ }),

/***/ 39633:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lj: () => (/* binding */ policyBlocks),
/* harmony export */   Zt: () => (/* binding */ policyHeadline),
/* harmony export */   cA: () => (/* binding */ findingPrefix),
/* harmony export */   he: () => (/* binding */ approvePolicyCommand),
/* harmony export */   qm: () => (/* binding */ policyVerdict)
/* harmony export */ });
/* harmony import */ var _contracts_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19843);
/* harmony import */ var _phrases_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28337);


/**
 * The words of a plan's policy check (conftest's result in the manifest), shared by the Markdown and
 * the text renderings so the comment, the job summary and the log say the same thing. Messages are the
 * policies' own text: they are not phrases (whose plain parts are our words, written unescaped), each
 * renderer escapes them itself.
 */
/** The comment a policy owner writes to accept a plan's failures, with the digest reviewers see. */
function approvePolicyCommand(planDigest) {
    return `/approve-policy ${planDigest ? (0,_contracts_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .shortDigest */ .VK)(planDigest).replace(/^sha256:/, '') : '<digest>'}`;
}
/** Whether the failures hold the approval and the apply: enforce mode and at least one failure. */
function policyBlocks(policy) {
    return policy.mode === 'enforce' && !policy.passed;
}
const where = (policy) => [
    'namespace ',
    { code: policy.namespace },
    ', conftest ',
    { code: policy.conftestVersion },
];
/** The section's headline, bold in Markdown, and the sentence after it. */
function policyHeadline(policy, planDigest) {
    const failures = policy.failures.length;
    if (policy.passed) {
        const warned = policy.mode === 'warn'
            ? ['; ', { code: 'policy-mode: warn' }, ': a failure would be shown, not enforced']
            : [];
        return {
            title: 'Policy: passed',
            detail: [`${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(policy.evaluated, 'rule')} evaluated in `, ...where(policy), ...warned, '.'],
        };
    }
    if (policy.mode === 'warn') {
        return {
            title: `Policy: ${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(failures, 'failure')}, not blocking`,
            detail: [
                { code: 'policy-mode: warn' },
                ': the failures are shown, not enforced, and hold neither the approval nor the apply (',
                ...where(policy),
                ').',
            ],
        };
    }
    return {
        title: `Policy: ${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(failures, 'failure')}`,
        detail: [
            'This plan is not approved, and tf-apply does not apply it, until a policy owner accepts exactly these failures with ',
            { code: approvePolicyCommand(planDigest) },
            ' (',
            ...where(policy),
            ').',
        ],
    };
}
/** The check in a few words, for a table cell: `policy passed`, `2 policy failures (not blocking)`. */
function policyVerdict(policy) {
    if (policy.passed)
        return 'policy passed';
    const failures = (0,_phrases_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(policy.failures.length, 'policy failure');
    return policy.mode === 'warn' ? `${failures} (not blocking)` : failures;
}
/** A finding before its message: the rule, and the resource it names when it names one. */
function findingPrefix(finding) {
    return [{ code: finding.rule }, ...(finding.address ? [' on ', { code: finding.address }] : []), ': '];
}


/***/ }),

/***/ 12690:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AU: () => (/* binding */ Writer),
/* harmony export */   L$: () => (/* binding */ BudgetExceeded),
/* harmony export */   dy: () => (/* binding */ utf8Bytes),
/* harmony export */   hg: () => (/* binding */ characters)
/* harmony export */ });
/**
 * Output that must stay under a size limit: GitHub rejects a comment over 65,536 characters and drops
 * a job summary over 1 MiB whole. A Writer stops as soon as a rendering would pass its limit, so trying
 * a detailed rendering of a huge plan costs no more than the limit, not the size of the whole plan.
 */
/** JavaScript string length: what the comment limit counts. */
const characters = (text) => text.length;
/** UTF-8 bytes: what the job summary limit counts. */
const utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');
/** Thrown by a Writer that would pass its limit. */
class BudgetExceeded extends Error {
    constructor() {
        super('the rendering does not fit its size limit');
    }
}
class Writer {
    limit;
    measure;
    lines = [];
    used = 0;
    constructor(limit = Infinity, measure = characters) {
        this.limit = limit;
        this.measure = measure;
    }
    /** Adds lines (each followed by a newline); throws BudgetExceeded rather than pass the limit. */
    line(...lines) {
        for (const line of lines) {
            const size = this.measure(line) + (this.lines.length > 0 ? 1 : 0);
            if (this.used + size > this.limit)
                throw new BudgetExceeded();
            this.used += size;
            this.lines.push(line);
        }
        return this;
    }
    /** A blank line, unless the text so far is empty or already ends in one. */
    blank() {
        if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '')
            this.line('');
        return this;
    }
    text() {
        return this.lines.join('\n');
    }
}


/***/ }),

/***/ 69968:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F9: () => (/* binding */ planCommentBodies),
/* harmony export */   RB: () => (/* binding */ planLogText),
/* harmony export */   tP: () => (/* binding */ planJobSummary),
/* harmony export */   wH: () => (/* binding */ withInputs),
/* harmony export */   wj: () => (/* binding */ renderContext)
/* harmony export */ });
/* harmony import */ var _backend_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44532);
/* harmony import */ var _contracts_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(19843);
/* harmony import */ var _plan_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(60848);
/* harmony import */ var _plan_policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(39633);
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26734);
/* harmony import */ var _github_plan_comment_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(60604);
/* harmony import */ var _releases_promotion_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(33995);







/** The context every rendering of a plan names: stack, workspace, digest, commit and the run. */
function renderContext(result, run, options) {
    return {
        stack: result.stack,
        workspace: result.workspace,
        ...(options.environment ? { environment: options.environment } : {}),
        planDigest: result.manifest.planDigest,
        commit: options.commit,
        runUrl: run.runUrl,
        tool: result.manifest.tool,
        ...(0,_backend_js__WEBPACK_IMPORTED_MODULE_0__/* .withState */ .Q2)(result.manifest.backend),
        ...(result.manifest.source
            ? { source: (0,_releases_promotion_js__WEBPACK_IMPORTED_MODULE_6__/* .describeSource */ .B6)(result.manifest.source, options.now ?? Date.now()) }
            : {}),
        ...withInputs(result.manifest, result.model),
    };
}
/**
 * What a plan's render context takes from the manifest's records beside the plan: `inputs`, each input
 * with where it came from and its value as the plan received it (the model keeps the values of
 * variables not declared sensitive only), and `policy`, the policy check. One function, so that every
 * rendering of a bundle (tf-plan's, the gathered comment's) shows both.
 */
function withInputs(manifest, model) {
    return {
        ...(manifest.policy ? { policy: manifest.policy } : {}),
        ...inputLines(manifest, model),
    };
}
function inputLines(manifest, model) {
    if (!manifest.inputs || manifest.inputs.length === 0)
        return {};
    return {
        inputs: manifest.inputs.map((input) => ({
            variable: input.variable,
            from: `${input.stack}.${input.output}`,
            sensitive: input.sensitive,
            ...(input.state ? { serial: input.state.serial } : { pendingOn: input.stack }),
            ...(input.state && !input.sensitive && input.variable in model.variables
                ? { value: JSON.stringify(model.variables[input.variable]) }
                : {}),
        })),
    };
}
/**
 * What happened to the plan bundle, under the plan: the artifact to apply and the command that approves
 * it, or why nothing was uploaded. Kept out of the renderer, which knows plans, not artifacts.
 */
function delivery(result) {
    if (result.refusal) {
        return '> [!CAUTION]\n> **Not uploaded.** `on-destroy` is `fail` and this plan deletes or replaces resources: no job can apply it.';
    }
    const digest = result.manifest.planDigest;
    const approve = `approve with \`/approve ${(0,_contracts_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .shortDigest */ .VK)(digest).replace(/^sha256:/, '')}\``;
    // Failures that block need a policy owner's acceptance as well: say how beside the approval.
    const accept = result.manifest.policy && (0,_plan_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .policyBlocks */ .Lj)(result.manifest.policy)
        ? ` · a policy owner accepts the failures with \`${(0,_plan_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .approvePolicyCommand */ .he)(digest)}\``
        : '';
    const drift = result.drift === undefined
        ? ''
        : result.drift
            ? ' · **drift:** the real infrastructure differs from the state'
            : ' · no drift';
    return `Artifact ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .codeSpan */ .SS)(result.artifactName)} · ${approve}${accept}${drift}`;
}
// Room under each limit for the delivery line, which is short and bounded (the artifact name is a
// validated name, the digest fixed length).
const DELIVERY_ROOM = _github_plan_comment_js__WEBPACK_IMPORTED_MODULE_5__.FOOTER_ROOM;
/** The job summary: the whole plan within GitHub's 1 MiB, degraded in steps when it does not fit. */
function planJobSummary(result, ctx) {
    const body = (0,_plan_index_js__WEBPACK_IMPORTED_MODULE_2__/* .renderPlanSummary */ .ON)(result.model, ctx, { limitBytes: _plan_index_js__WEBPACK_IMPORTED_MODULE_2__/* .SUMMARY_LIMIT_BYTES */ .Jz - DELIVERY_ROOM });
    return `${body.trimEnd()}\n\n${delivery(result)}\n`;
}
/**
 * The pull-request comment's bodies: the first, then continuations when the destroyed and replaced
 * resources alone do not fit one. Each leaves room for the markers the comment writer adds.
 */
function planCommentBodies(result, ctx) {
    return (0,_github_plan_comment_js__WEBPACK_IMPORTED_MODULE_5__.planCommentBodies)(result.model, ctx, delivery(result));
}
/** The plan as plain text for the step's log. */
function planLogText(result, ctx) {
    return (0,_plan_index_js__WEBPACK_IMPORTED_MODULE_2__/* .renderPlanText */ .$D)(result.model, ctx);
}


/***/ })

};
