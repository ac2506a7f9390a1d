export const id = 604;
export const ids = [604,778];
export const modules = {

/***/ 45778:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MarkedComments: () => (/* binding */ MarkedComments),
/* harmony export */   commentAuthor: () => (/* binding */ commentAuthor),
/* harmony export */   contentOf: () => (/* binding */ contentOf),
/* harmony export */   marker: () => (/* binding */ marker)
/* harmony export */ });
const MARKER = /^<!-- iac-pipeline:([A-Za-z0-9._:/-]{1,200}) -->/;
/** The hidden first line that lets the suite find its own comment again; invisible in the rendered page. */
function marker(key) {
    if (!/^[A-Za-z0-9._:/-]{1,200}$/.test(key))
        throw new Error(`a comment marker key cannot be "${key}"`);
    return `<!-- iac-pipeline:${key} -->`;
}
/**
 * The account whose comments are trusted to carry markers: the `comment-author` input, else the token's
 * own user. Installation tokens (the workflow's GITHUB_TOKEN, GitHub Apps) cannot read GET /user; the
 * workflow token writes as github-actions[bot], and an App's token needs `comment-author` set to its bot.
 */
async function commentAuthor(client, given, logger) {
    if (given)
        return given;
    try {
        return (await client.rest.users.getAuthenticated()).data.login;
    }
    catch (error) {
        if (error.status !== 403)
            throw error;
        logger.debug('The token is an installation token: its comments are written by github-actions[bot].');
        return 'github-actions[bot]';
    }
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
        const comments = await client.paginate(client.rest.issues.listComments, {
            owner: thread.owner,
            repo: thread.repo,
            issue_number: thread.issueNumber,
            per_page: 100,
        });
        const found = new Map();
        for (const comment of comments) {
            if (comment.user?.login !== author || !comment.body)
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

/***/ 60604:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   COMMENT_LIMIT: () => (/* binding */ COMMENT_LIMIT),
/* harmony export */   COMMENT_RESERVE: () => (/* binding */ COMMENT_RESERVE),
/* harmony export */   commitOf: () => (/* binding */ commitOf),
/* harmony export */   markPlanCommentsOutdated: () => (/* binding */ markPlanCommentsOutdated),
/* harmony export */   publishPlanComment: () => (/* binding */ publishPlanComment)
/* harmony export */ });
/* harmony import */ var _marked_comments_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(45778);

/** GitHub refuses a comment body longer than this with 422. */
const COMMENT_LIMIT = 65_536;
/**
 * What the plan comment adds around the rendered plan: the marker, the commit line, and an outdated
 * banner. Renderers get the limit minus this, so no edit can push a body over GitHub's.
 */
const COMMENT_RESERVE = 1_024;
const COMMIT_LINE = /^<!-- iac-pipeline-commit:([0-9a-f]{7,64}) -->\n/m;
const OUTDATED_BANNER = /^> \[!WARNING\]\n> \*\*Outdated\.\*\*[^\n]*\n\n/m;
/**
 * Keeps the plan comments of one stack (or one group of stacks) on a pull request: part 1 is the plan,
 * parts 2… hold the deletes and replaces that did not fit. Each part is edited in place; parts a shorter
 * plan no longer needs say so instead of showing an old plan's addresses.
 */
async function publishPlanComment(comments, key, commit, bodies) {
    if (bodies.length === 0)
        throw new Error('a plan comment needs at least one body');
    const results = [];
    let url = '';
    for (const [index, body] of bodies.entries()) {
        const { comment, result } = await comments.write(partKey(key, index + 1), `${commitLine(commit)}${body}`);
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
        const content = (0,_marked_comments_js__WEBPACK_IMPORTED_MODULE_0__.contentOf)(comment).replace(COMMIT_LINE, '').replace(OUTDATED_BANNER, '');
        const banner = `> [!WARNING]\n> **Outdated.** This plan is for commit \`${planned.slice(0, 12)}\`; ` +
            `commit \`${commit.slice(0, 12)}\` ${why}\n\n`;
        const { result } = await comments.write(comment.key, `${commitLine(planned)}${banner}${content}`);
        results.push(result);
    }
    return results;
}
/** The commit a plan comment shows, from its hidden commit line. */
function commitOf(comment) {
    return COMMIT_LINE.exec((0,_marked_comments_js__WEBPACK_IMPORTED_MODULE_0__.contentOf)(comment))?.[1];
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


/***/ })

};
