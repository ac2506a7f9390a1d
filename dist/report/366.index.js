export const id = 366;
export const ids = [366];
export const modules = {

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

/***/ 67366:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deliveryMetrics: () => (/* binding */ deliveryMetrics)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./lib/metrics/figures.js
var metrics_figures = __webpack_require__(86944);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var manifest = __webpack_require__(21330);
;// CONCATENATED MODULE: ./lib/contracts/metrics.js



/**
 * `iac/metrics@1`: the delivery metrics of one environment over a window, as the report action writes
 * them to metrics.json (output `metrics-path`) and into report.json's `metrics`. Every figure carries
 * its value in its unit (seconds, percent, per day or week, a count), null when the history gives none,
 * its target when it has one, and whether it met it.
 */

const METRICS_SCHEMA = 'iac/metrics@1';
const metrics_text = schemas/* string */.YjP().min(1);
const isoTime = iso/* datetime */.w$({ offset: true });
const count = schemas/* int */.Whr().min(0);
const metricsTargetSchema = schemas/* object */.Ikc({
    op: schemas/* enum */.k5n(['<', '<=', '>', '>=']),
    value: schemas/* number */.aig().min(0),
});
const metricsFigureSchema = schemas/* object */.Ikc({
    name: schemas/* enum */.k5n(metrics_figures/* FIGURE_NAMES */.A),
    label: metrics_text,
    unit: schemas/* enum */.k5n(['per-day', 'per-week', 'seconds', 'percent', 'count']),
    /** Null when the window gives nothing to compute it from (no successful deployment, no run, …). */
    value: schemas/* number */.aig().min(0).nullable(),
    target: metricsTargetSchema.optional(),
    status: schemas/* enum */.k5n(['met', 'missed', 'no target', 'no data']),
});
const metricsWeekSchema = schemas/* object */.Ikc({
    /** The week's first instant (inclusive) and its end (exclusive); the oldest week starts at the window's start. */
    from: isoTime,
    to: isoTime,
    deployments: count,
    failures: count,
});
const metricsSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(METRICS_SCHEMA),
    producer: manifest/* producerSchema */.yO,
    repository: metrics_text,
    environment: metrics_text,
    generatedAt: isoTime,
    /** A deployment counts when created_at ≥ from (= to − days). */
    window: schemas/* object */.Ikc({ days: schemas/* int */.Whr().min(1), from: isoTime, to: isoTime }),
    /** `releases`: the release step's deployments (an `iac/release@1` payload); else every deployment. */
    counted: schemas/* enum */.k5n(['releases', 'all-deployments']),
    deployments: schemas/* object */.Ikc({
        /** Every deployment of the environment listed in the window, counted or not. */
        listed: count,
        /** The counted ones. */
        total: count,
        succeeded: count,
        failed: count,
        /** Succeeded, then named by a later rollback release's `replaces.deploymentId`. */
        rolledBack: count,
        /** No outcome yet (latest status in_progress, queued, pending, or none). */
        inProgress: count,
    }),
    restores: schemas/* object */.Ikc({ restored: count, open: count, openSince: isoTime.optional() }),
    pipeline: schemas/* object */.Ikc({
        /** The workflows whose runs made the counted deployments. */
        workflows: schemas/* array */.YOg(metrics_text),
        /** Completed runs of those workflows on the default branch in the window, cancelled and skipped left out. */
        runs: count,
        succeeded: count,
        branch: schemas/* string */.YjP(),
    }),
    drift: schemas/* object */.Ikc({ labels: schemas/* array */.YOg(metrics_text), opened: count, closed: count }),
    figures: schemas/* array */.YOg(metricsFigureSchema),
    weeks: schemas/* array */.YOg(metricsWeekSchema),
    /** What could not be read or computed, in sentences. */
    notes: schemas/* array */.YOg(schemas/* string */.YjP()),
});
/** Checks metrics.json before it is written: a bad one is a bug in the writer. */
function validateMetrics(value) {
    return (0,manifest/* validateForWrite */.Lb)(metricsSchema, value, metrics_figures/* METRICS_FILE */.HL);
}

// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
// EXTERNAL MODULE: ./lib/github/refusals.js
var refusals = __webpack_require__(6614);
// EXTERNAL MODULE: ./lib/contracts/release.js
var contracts_release = __webpack_require__(9258);
;// CONCATENATED MODULE: ./lib/releases/history.js


const SHOWN = 5;
function releaseHistory(environment, deployments, listStatuses, options = {}) {
    const mine = deployments.filter((d) => d.environment === undefined || d.environment.toLowerCase() === environment.toLowerCase());
    const statuses = new Map();
    const payloads = new Map();
    const payloadOf = (d) => {
        let found = payloads.get(d.id);
        if (!found) {
            found = readPayload(d, environment, options.reader);
            payloads.set(d.id, found);
        }
        return found;
    };
    const statusesOf = (id) => {
        let found = statuses.get(id);
        if (!found) {
            found = listStatuses(id);
            statuses.set(id, found);
        }
        return found;
    };
    const deployed = async (d, release) => {
        const list = await statusesOf(d.id);
        const latest = latestStatus(list);
        const succeeded = list.some((s) => s.state === 'success') &&
            (latest?.state === 'success' || latest?.state === 'inactive');
        return {
            release,
            deploymentId: d.id,
            sha: d.sha,
            deployedAt: d.created_at,
            state: latest?.state ?? 'none',
            stateAt: latest?.created_at,
            succeeded,
        };
    };
    /** One line of what was found, for the messages: `deployment 12, run 100: failure`. */
    const found = async (d) => {
        const payload = payloadOf(d);
        if (payload.kind === 'unreadable')
            return `deployment ${d.id}: an unreadable release record`;
        const latest = latestStatus(await statusesOf(d.id));
        const run = payload.kind === 'release' ? `, run ${payload.release.runId}` : '';
        return `deployment ${d.id}${run}: ${latest?.state ?? 'no status yet'}`;
    };
    /**
     * The releases among `list`, newest first and at most a few, then how many deployments hold no record
     * (tf-apply's per-stack deployments can outnumber the releases, so they are counted, not listed).
     */
    const foundList = async (list) => {
        const releases = list.filter((d) => payloadOf(d).kind !== 'none');
        const lines = await Promise.all(releases.slice(0, SHOWN).map(found));
        if (releases.length > SHOWN)
            lines.push(`${releases.length - SHOWN} older releases`);
        const others = list.length - releases.length;
        if (others > 0)
            lines.push(`${plural(others, 'deployment')} without a release record`);
        return lines.join('; ');
    };
    const summary = async (list) => list.length === 0
        ? `${environment} has no deployments`
        : `found ${plural(list.length, 'deployment')} of ${environment} (${await foundList(list)})`;
    /** The release of a deployment chosen as the answer: an unreadable record there is refused, not skipped. */
    const chosen = (d) => {
        const payload = payloadOf(d);
        if (payload.kind === 'unreadable')
            throw new ConfigurationError(payload.message);
        return payload.kind === 'release' ? payload.release : undefined;
    };
    const current = async () => {
        const d = mine.find((x) => payloadOf(x).kind !== 'none');
        const release = d && chosen(d);
        return d && release ? deployed(d, release) : undefined;
    };
    /** The newest deployment of `list` that succeeded; records that are unreadable refused only if they did. */
    const newestSucceeded = async (list, latestOnly) => {
        for (const d of list) {
            if (payloadOf(d).kind === 'none')
                continue;
            const latest = latestStatus(await statusesOf(d.id));
            const candidate = latestOnly
                ? latest?.state === 'success'
                : latest?.state === 'success' || latest?.state === 'inactive';
            if (!candidate)
                continue;
            const release = chosen(d);
            if (!release)
                continue;
            const entry = await deployed(d, release);
            if (entry.succeeded)
                return entry;
        }
        return undefined;
    };
    return {
        environment,
        current,
        async all() {
            const entries = [];
            for (const d of mine) {
                const payload = payloadOf(d);
                if (payload.kind === 'release')
                    entries.push(await deployed(d, payload.release));
            }
            return entries;
        },
        async latestRelease() {
            const entry = await newestSucceeded(mine, true);
            if (entry)
                return entry;
            throw new ConfigurationError(`No successful release of ${environment}: looked for the newest deployment with an ${RELEASE_SCHEMA} record whose latest status is success, and ${await summary(mine)}`);
        },
        async releaseFor(to) {
            const target = parseTarget(to);
            if (target.kind === 'previous') {
                const now = await current();
                if (!now) {
                    throw new ConfigurationError(`No release of ${environment} to go back from: looked for deployments with an ${RELEASE_SCHEMA} record, and ${await summary(mine)}`);
                }
                const index = mine.findIndex((d) => d.id === now.deploymentId);
                const older = mine.slice(index + 1).filter((d) => {
                    const payload = payloadOf(d);
                    return payload.kind !== 'release' || payload.release.runId !== now.release.runId;
                });
                const entry = await newestSucceeded(older, false);
                if (entry)
                    return entry;
                throw new ConfigurationError(`No successful release of ${environment} before the current one (deployment ${now.deploymentId}, run ${now.release.runId}, ${now.state}): ` +
                    (older.length === 0
                        ? 'no older deployment is from another run'
                        : `looked at ${plural(older.length, 'older deployment')} of other runs (${await foundList(older)})`));
            }
            const byDeployment = target.kind === 'run'
                ? undefined
                : mine.find((d) => d.id === target.id && payloadOf(d).kind !== 'none');
            const ofRun = target.kind === 'deployment' ? [] : mine.filter((d) => runOf(payloadOf(d)) === target.id);
            if (target.kind === 'either' && byDeployment && ofRun.some((d) => d.id !== byDeployment.id)) {
                throw new ConfigurationError(`"${to}" is both deployment ${target.id} of ${environment} and the run of deployment ${ofRun[0]?.id}: say run:${target.id} or deployment:${target.id}`);
            }
            if (byDeployment) {
                const release = chosen(byDeployment);
                if (!release)
                    throw new Error('unreachable: a deployment with a release payload');
                const entry = await deployed(byDeployment, release);
                if (entry.succeeded)
                    return entry;
                throw new ConfigurationError(`Deployment ${target.id} of ${environment} (release of run ${release.runId}) did not succeed: its latest status is ${entry.state}; a rollback goes to a release that passed`);
            }
            const listed = target.kind === 'run' ? undefined : mine.find((d) => d.id === target.id);
            if (listed && ofRun.length === 0) {
                throw new ConfigurationError(`Deployment ${target.id} of ${environment} holds no ${RELEASE_SCHEMA} record: it was made before releases were recorded, or is not a release`);
            }
            if (target.kind === 'deployment') {
                throw new ConfigurationError(`Deployment ${target.id} is not one of ${environment}'s: ${await summary(mine)}`);
            }
            const entry = await newestSucceeded(ofRun, false);
            if (entry)
                return entry;
            if (ofRun.length > 0) {
                throw new ConfigurationError(`No successful release of ${environment} from run ${target.id}: looked for a deployment of that run whose release passed, and found ${await foundList(ofRun)}`);
            }
            const runs = [...new Set(mine.map((d) => runOf(payloadOf(d))).filter((r) => r !== undefined))];
            const shown = runs.slice(0, SHOWN).join(', ') + (runs.length > SHOWN ? `, and ${runs.length - SHOWN} older` : '');
            throw new ConfigurationError(`No release of ${environment} is from run ${target.id}` +
                (target.kind === 'either' ? ', and no deployment of it has that id' : '') +
                (runs.length > 0 ? `: its releases are from runs ${shown}` : `: ${await summary(mine)}`));
        },
    };
}
/** `previous`, `123`, `run:123`, `deployment:123`; anything else is the input's mistake. */
function parseTarget(to) {
    const value = to.trim();
    if (value === 'previous')
        return { kind: 'previous' };
    const match = /^(?:(run|deployment):)?([1-9]\d{0,15})$/.exec(value);
    if (!match) {
        throw new ConfigurationError(`Input "to" must be previous, a run id or a deployment id (run:<id> or deployment:<id> to say which); got ${JSON.stringify(value.slice(0, 60))}`);
    }
    const kind = (match[1] ?? 'either');
    return { kind, id: Number(match[2]) };
}
/**
 * The latest status: the newest `created_at`, and of equal times the first listed (GitHub lists
 * statuses newest first; its times have whole seconds, so two statuses of one second are common).
 */
function latestStatus(statuses) {
    let latest;
    let latestAt = -Infinity;
    for (const status of statuses) {
        const at = Date.parse(status.created_at);
        if (latest === undefined || at > latestAt) {
            latest = status;
            latestAt = at;
        }
    }
    return latest;
}
/**
 * A deployment's payload: not a release (no `schema`, or another kind), a release of this environment,
 * or a release record that cannot be read here (another major version, a broken field, another
 * environment), which is refused if it is ever the answer rather than silently passed over.
 */
function readPayload(d, environment, reader) {
    let value = d.payload;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        }
        catch {
            return { kind: 'none' };
        }
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return { kind: 'none' };
    const record = value;
    const schema = record.schema;
    if (typeof schema !== 'string' || !schema.startsWith(`${RELEASE_KIND}@`))
        return { kind: 'none' };
    const runId = typeof record.runId === 'number' ? record.runId : undefined;
    let release;
    try {
        release = readRelease(record, {
            file: `the payload of deployment ${d.id}`,
            ...(reader ? { reader } : {}),
        });
    }
    catch (error) {
        if (!(error instanceof ConfigurationError))
            throw error;
        return { kind: 'unreadable', message: errorMessage(error), runId };
    }
    if (release.environment.toLowerCase() !== environment.toLowerCase()) {
        return {
            kind: 'unreadable',
            message: `Deployment ${d.id} of ${environment} holds a release of ${release.environment} (run ${release.runId}): a release record names the environment it was deployed to`,
            runId,
        };
    }
    return { kind: 'release', release };
}
function runOf(payload) {
    return payload.kind === 'release'
        ? payload.release.runId
        : payload.kind === 'unreadable'
            ? payload.runId
            : undefined;
}
function plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
/** The releases of `environment`, read through the deployments API: the list, then statuses as asked. */
async function readReleaseHistory(api, environment, reader = 'release') {
    return releaseHistory(environment, await api.list(environment), (id) => api.statuses(id), { reader });
}

;// CONCATENATED MODULE: ./lib/metrics/stats.js
/**
 * The one statistics rule of the delivery metrics: percentiles by the nearest-rank method. For a
 * percentile p (0 < p ≤ 100) of n values sorted ascending, the answer is the value at rank
 * ⌈p/100 × n⌉ (1-based): always one of the values, never an interpolation, so a median of 2 and 4
 * is 2 (rank ⌈0.5 × 2⌉ = 1), and the p90 of ten values is the ninth. Empty input has no percentile.
 */
function percentile(values, p) {
    if (!(p > 0 && p <= 100))
        throw new RangeError(`a percentile is from 0 (excluded) to 100, not ${p}`);
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
/** The median by nearest rank: the 50th percentile (the lower middle of an even count). */
function median(values) {
    return percentile(values, 50);
}
function maximum(values) {
    return values.length === 0 ? undefined : Math.max(...values);
}
/** `part / whole` as a percentage, undefined for an empty whole. */
function percentage(part, whole) {
    return whole === 0 ? undefined : (part / whole) * 100;
}

;// CONCATENATED MODULE: ./lib/metrics/compute.js



const DAY_MS = 86_400_000;
const RUN_IN_URL = /\/actions\/runs\/(\d+)(?:\/|$)/;
/** A deployment's outcome: its latest status other than inactive, and when that status was set. */
function outcomeOf(fact) {
    const latest = latestStatus(fact.statuses.filter((s) => s.state !== 'inactive'));
    const at = latest ? Date.parse(latest.created_at) : undefined;
    if (latest?.state === 'success')
        return { outcome: 'success', at };
    if (latest?.state === 'failure' || latest?.state === 'error')
        return { outcome: 'failure', at };
    return { outcome: 'in progress', at };
}
function seconds(ms) {
    return Math.max(0, Math.round(ms / 1000));
}
function computeMetrics(facts) {
    const toMs = facts.now.getTime();
    const fromMs = toMs - facts.windowDays * DAY_MS;
    const notes = [...(facts.notes ?? [])];
    const inWindow = facts.deployments.filter((d) => Date.parse(d.created_at) >= fromMs);
    const releases = inWindow.filter((d) => d.isRelease);
    const countedKind = releases.length > 0 ? 'releases' : 'all-deployments';
    const chosen = releases.length > 0 ? releases : inWindow;
    // Oldest first; deployments made in the same second in the order of their ids.
    const counted = chosen
        .map((fact) => {
        const { outcome, at } = outcomeOf(fact);
        return { fact, createdMs: Date.parse(fact.created_at), outcome, outcomeMs: at };
    })
        .sort((a, b) => a.createdMs - b.createdMs || a.fact.id - b.fact.id);
    const rolledBackIds = new Set(counted.flatMap((c) => c.fact.release?.rollback && c.fact.release.replacesDeploymentId !== undefined
        ? [c.fact.release.replacesDeploymentId]
        : []));
    const succeeded = counted.filter((c) => c.outcome === 'success');
    const failed = counted.filter((c) => c.outcome === 'failure');
    const rolledBack = succeeded.filter((c) => rolledBackIds.has(c.fact.id));
    const finished = succeeded.length + failed.length;
    const isFailure = (c) => c.outcome === 'failure' || rolledBackIds.has(c.fact.id);
    // Lead time.
    const leadTimes = [];
    let noCommitDate = 0;
    for (const c of succeeded) {
        if (c.fact.release?.rollback || c.outcomeMs === undefined)
            continue;
        const commit = c.fact.release?.commit ?? c.fact.sha;
        const committed = facts.commitDates.get(commit);
        if (!committed) {
            noCommitDate++;
            continue;
        }
        leadTimes.push(seconds(c.outcomeMs - Date.parse(committed)));
    }
    if (noCommitDate > 0) {
        notes.push(`${noCommitDate} successful deployment(s) left out of the lead time: their commit date was not read.`);
    }
    // Time to restore.
    const restores = [];
    let openSince;
    for (const c of counted) {
        if (c.outcomeMs === undefined)
            continue;
        if (c.outcome === 'failure')
            openSince ??= c.outcomeMs;
        else if (c.outcome === 'success' && openSince !== undefined) {
            restores.push(seconds(c.outcomeMs - openSince));
            openSince = undefined;
        }
    }
    // Pipeline.
    const deployingRuns = new Set();
    for (const c of counted) {
        if (c.fact.release)
            deployingRuns.add(c.fact.release.runId);
        for (const s of c.fact.statuses) {
            const id = RUN_IN_URL.exec(s.log_url ?? '')?.[1];
            if (id)
                deployingRuns.add(Number(id));
        }
    }
    let pipelineRuns = [];
    const workflows = new Map();
    if (facts.runs) {
        for (const r of facts.runs)
            if (deployingRuns.has(r.id))
                workflows.set(r.workflowId, r.workflowName);
        pipelineRuns = facts.runs.filter((r) => workflows.has(r.workflowId) &&
            Date.parse(r.createdAt) >= fromMs &&
            r.status === 'completed' &&
            r.conclusion !== 'cancelled' &&
            r.conclusion !== 'skipped');
        if (workflows.size === 0 && counted.length > 0) {
            notes.push(`None of the ${facts.runs.length} runs on ${facts.branch} in the window made a counted deployment: no pipeline figures.`);
        }
    }
    const durations = pipelineRuns.flatMap((r) => r.runStartedAt ? [seconds(Date.parse(r.updatedAt) - Date.parse(r.runStartedAt))] : []);
    const runsSucceeded = pipelineRuns.filter((r) => r.conclusion === 'success').length;
    // Drift.
    const opened = facts.driftIssues?.filter((i) => Date.parse(i.createdAt) >= fromMs).length;
    const closed = facts.driftIssues?.filter((i) => i.closedAt && Date.parse(i.closedAt) >= fromMs).length;
    const perDay = counted.length > 0 ? succeeded.length / facts.windowDays : undefined;
    const values = {
        'deployments-per-day': perDay,
        'deployments-per-week': perDay === undefined ? undefined : perDay * 7,
        'lead-time-median': median(leadTimes),
        'lead-time-p90': percentile(leadTimes, 90),
        'change-failure-rate': percentage(counted.filter((c) => c.outcome !== 'in progress' && isFailure(c)).length, finished),
        'time-to-restore-median': median(restores),
        'time-to-restore-worst': maximum(restores),
        'pipeline-duration-median': median(durations),
        'pipeline-duration-p90': percentile(durations, 90),
        'pipeline-success-rate': percentage(runsSucceeded, pipelineRuns.length),
        'drift-issues-opened': opened,
        'drift-issues-closed': closed,
    };
    const figures = metrics_figures/* FIGURE_NAMES */.A.map((name) => {
        const value = values[name];
        const target = facts.targets[name];
        const status = value === undefined ? 'no data' : !target ? 'no target' : (0,metrics_figures/* meets */.D)(value, target) ? 'met' : 'missed';
        return {
            name,
            label: metrics_figures/* FIGURES */.SL[name].label,
            unit: metrics_figures/* FIGURES */.SL[name].unit,
            value: value ?? null,
            ...(target ? { target: { ...target } } : {}),
            status,
        };
    });
    return {
        schema: 'iac/metrics@1',
        producer: facts.producer,
        repository: facts.repository,
        environment: facts.environment,
        generatedAt: facts.now.toISOString(),
        window: {
            days: facts.windowDays,
            from: new Date(fromMs).toISOString(),
            to: new Date(toMs).toISOString(),
        },
        counted: countedKind,
        deployments: {
            listed: inWindow.length,
            total: counted.length,
            succeeded: succeeded.length,
            failed: failed.length,
            rolledBack: rolledBack.length,
            inProgress: counted.length - finished,
        },
        restores: {
            restored: restores.length,
            open: openSince === undefined ? 0 : 1,
            ...(openSince === undefined ? {} : { openSince: new Date(openSince).toISOString() }),
        },
        pipeline: {
            workflows: [...new Set(workflows.values())].sort(),
            runs: pipelineRuns.length,
            succeeded: runsSucceeded,
            branch: facts.branch,
        },
        drift: { labels: [...facts.driftLabels], opened: opened ?? 0, closed: closed ?? 0 },
        figures,
        weeks: weeksOf(counted, isFailure, fromMs, toMs),
        notes,
    };
}
/**
 * Weeks counted back from the window's end, the oldest cut at its start: the deployments that finished
 * (succeeded or failed) and the failures (failed or rolled back) created in each.
 */
function weeksOf(counted, isFailure, fromMs, toMs) {
    const weeks = [];
    for (let end = toMs; end > fromMs; end -= 7 * DAY_MS) {
        const start = Math.max(fromMs, end - 7 * DAY_MS);
        // The window is inclusive at its start; every week's end is exclusive but the last one's.
        const inWeek = counted.filter((c) => c.outcome !== 'in progress' &&
            c.createdMs >= start &&
            (end === toMs ? c.createdMs <= end : c.createdMs < end));
        weeks.unshift({
            from: new Date(start).toISOString(),
            to: new Date(end).toISOString(),
            deployments: inWeek.length,
            failures: inWeek.filter(isFailure).length,
        });
    }
    return weeks;
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
;// CONCATENATED MODULE: ./lib/metrics/read.js





/** `work` on every item, at most `limit` at once, the results in the items' order. */
function pool(items, limit, work) {
    const limited = (0,p_limit/* default */.A)(limit);
    return Promise.all(items.map((item) => limited(() => work(item))));
}
/** The release facts of a payload: whether it is a release record, and what it says when readable. */
function releaseOfPayload(payload, environment) {
    let value = payload;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        }
        catch {
            return { isRelease: false };
        }
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return { isRelease: false };
    const schema = value.schema;
    if (typeof schema !== 'string' || !schema.startsWith(`${contracts_release/* RELEASE_KIND */.rh}@`))
        return { isRelease: false };
    try {
        const release = (0,contracts_release/* readRelease */.iJ)(value, { reader: 'report' });
        if (release.environment.toLowerCase() !== environment.toLowerCase())
            return { isRelease: true };
        return {
            isRelease: true,
            release: {
                commit: release.commit,
                runId: release.runId,
                rollback: release.source?.kind === 'rollback',
                ...(release.replaces ? { replacesDeploymentId: release.replaces.deploymentId } : {}),
            },
        };
    }
    catch {
        // A record of another major version or a broken one: still the release step's deployment.
        return { isRelease: true };
    }
}
/** A refusal (401/403/404) is the user's to fix: said as a warning, and the part is left out. */
function leftOut(error, what, logger, notes) {
    if (!(error instanceof refusals/* GitHubRefusal */.ke))
        throw error;
    const note = `${what} left out: ${(0,errors/* errorMessage */.gJ)(error)}`;
    logger.warning(note);
    notes.push(note);
    return undefined;
}
async function readMetricsFacts(client, options, logger) {
    const repository = { owner: options.owner, repo: options.repo };
    const perPage = options.perPage ?? 100;
    const concurrency = options.concurrency ?? 8;
    const fromMs = options.from.getTime();
    const notes = [];
    let deploymentPages = 0;
    const listed = await client.paginate(client.rest.repos.listDeployments, { ...repository, environment: options.environment, per_page: perPage }, (response, done) => {
        deploymentPages++;
        // Newest first: once a page reaches past the window, the next pages are older still.
        if (response.data.some((d) => Date.parse(d.created_at) < fromMs))
            done();
        return response.data.filter((d) => Date.parse(d.created_at) >= fromMs);
    });
    const facts = listed.map((d) => ({
        id: d.id,
        sha: d.sha,
        created_at: d.created_at,
        ...releaseOfPayload(d.payload, options.environment),
    }));
    const anyRelease = facts.some((d) => d.isRelease);
    const counted = facts.filter((d) => d.isRelease || !anyRelease);
    const deployments = await pool(counted, concurrency, async (d) => {
        const statuses = await client.paginate(client.rest.repos.listDeploymentStatuses, {
            ...repository,
            deployment_id: d.id,
            per_page: perPage,
        });
        return {
            ...d,
            statuses: statuses.map((s) => ({
                state: s.state,
                created_at: s.created_at,
                log_url: s.log_url ?? null,
            })),
        };
    });
    const commitDates = new Map();
    // Only the lead time reads commit dates: of successful deployments that are not rollbacks.
    const shas = [
        ...new Set(deployments
            .filter((d) => !d.release?.rollback && outcomeOf(d).outcome === 'success')
            .map((d) => d.release?.commit ?? d.sha)),
    ];
    try {
        await pool(shas, concurrency, async (sha) => {
            const { data } = await client.rest.repos.getCommit({ ...repository, ref: sha, per_page: 1 });
            const date = data.commit.committer?.date ?? data.commit.author?.date;
            if (date)
                commitDates.set(sha, date);
        });
    }
    catch (error) {
        leftOut(error, 'The lead time is', logger, notes);
        commitDates.clear();
    }
    let branch = '';
    let runs;
    try {
        const { data: repo } = await client.rest.repos.get(repository);
        branch = repo.default_branch;
        const created = `>=${options.from.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
        const listedRuns = await client.paginate(client.rest.actions.listWorkflowRunsForRepo, {
            ...repository,
            branch,
            created,
            per_page: perPage,
            exclude_pull_requests: true,
        });
        runs = listedRuns.map((r) => ({
            id: r.id,
            workflowId: r.workflow_id,
            workflowName: r.name ?? r.path,
            status: r.status,
            conclusion: r.conclusion,
            createdAt: r.created_at,
            runStartedAt: r.run_started_at,
            updatedAt: r.updated_at,
        }));
    }
    catch (error) {
        runs = leftOut(error, 'The pipeline duration and success rate are', logger, notes);
    }
    let driftIssues;
    if (options.driftLabels.length > 0) {
        try {
            const issues = await client.paginate(client.rest.issues.listForRepo, {
                ...repository,
                // GitHub lists the issues that carry every one of these labels, as drift detection puts them all on.
                labels: options.driftLabels.join(','),
                state: 'all',
                since: options.from.toISOString(),
                per_page: perPage,
            });
            driftIssues = issues
                .filter((i) => !i.pull_request)
                .map((i) => ({ createdAt: i.created_at, closedAt: i.closed_at }));
        }
        catch (error) {
            driftIssues = leftOut(error, 'The drift issues are', logger, notes);
        }
    }
    return { deployments, deploymentPages, commitDates, runs, branch, driftIssues, notes };
}

;// CONCATENATED MODULE: ./lib/metrics/index.js






async function deliveryMetrics(options, deps) {
    const started = performance.now();
    const now = deps.now();
    const from = new Date(now.getTime() - options.windowDays * 86_400_000);
    try {
        const client = await deps.github();
        const facts = await readMetricsFacts(client, {
            owner: deps.run.owner,
            repo: deps.run.repo,
            environment: options.environment,
            from,
            driftLabels: options.driftLabels,
        }, deps.logger);
        const metrics = validateMetrics(computeMetrics({
            repository: `${deps.run.owner}/${deps.run.repo}`,
            environment: options.environment,
            now,
            windowDays: options.windowDays,
            deployments: facts.deployments,
            commitDates: facts.commitDates,
            runs: facts.runs,
            branch: facts.branch,
            driftIssues: facts.driftIssues,
            driftLabels: options.driftLabels,
            targets: options.targets,
            producer: { action: 'report', version: version/* SUITE_VERSION */.s },
            notes: facts.notes,
        }));
        const ms = performance.now() - started;
        deps.logger.info(`Delivery metrics of ${options.environment}: ${metrics.deployments.total} deployments in ${options.windowDays} days, ${facts.deploymentPages} page(s) of deployments read, in ${ms.toFixed(0)} ms.`);
        return { metrics, deploymentPages: facts.deploymentPages, ms };
    }
    catch (error) {
        const problem = `The delivery metrics are left out: ${(0,errors/* errorMessage */.gJ)(error)}`;
        deps.logger.warning(problem);
        if (!(error instanceof refusals/* GitHubRefusal */.ke) && error instanceof Error && error.stack)
            deps.logger.debug(error.stack);
        return { problem, deploymentPages: 0, ms: performance.now() - started };
    }
}


/***/ })

};
