export const id = 778;
export const ids = [778];
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


/***/ })

};
