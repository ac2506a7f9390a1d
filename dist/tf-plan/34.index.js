export const id = 34;
export const ids = [34];
export const modules = {

/***/ 80034:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_DRIFT_LABELS: () => (/* reexport safe */ _drift_labels_js__WEBPACK_IMPORTED_MODULE_0__.m),
/* harmony export */   driftIssueKey: () => (/* binding */ driftIssueKey),
/* harmony export */   driftIssueTitle: () => (/* binding */ driftIssueTitle),
/* harmony export */   syncDriftIssue: () => (/* binding */ syncDriftIssue)
/* harmony export */ });
/* harmony import */ var _marked_comments_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45778);
/* harmony import */ var _drift_labels_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53618);


function driftIssueKey(stack) {
    return `drift:${stack}`;
}
function driftIssueTitle(stack) {
    return `Drift detected in stack ${stack}`;
}
/**
 * Keeps one open issue per stack while its infrastructure drifts: opened when drift appears, its body
 * replaced while it lasts (no write when unchanged), closed with a comment once a run finds none. The
 * issue is found by the marker on its body's first line, trusted only on issues `author` opened:
 * anybody can open an issue carrying the marker, and closing theirs would hide real drift.
 */
async function syncDriftIssue(client, request, logger) {
    const repository = { owner: request.owner, repo: request.repo };
    const head = (0,_marked_comments_js__WEBPACK_IMPORTED_MODULE_1__.marker)(driftIssueKey(request.stack));
    const open = await client.paginate(client.rest.issues.listForRepo, {
        ...repository,
        state: 'open',
        ...(request.labels[0] ? { labels: request.labels[0] } : {}),
        per_page: 100,
    });
    const existing = open.find((issue) => !issue.pull_request &&
        issue.user?.login.toLowerCase() === request.author.toLowerCase() &&
        (issue.body ?? '').startsWith(head));
    if (!request.drifted) {
        if (!existing)
            return { change: 'none' };
        await client.rest.issues.createComment({
            ...repository,
            issue_number: existing.number,
            body: `No drift found any more by [this run](${request.runUrl}): closing.`,
        });
        await client.rest.issues.update({
            ...repository,
            issue_number: existing.number,
            state: 'closed',
            state_reason: 'completed',
        });
        logger.info(`Closed drift issue #${existing.number}: the stack no longer drifts.`);
        return { change: 'closed', url: existing.html_url };
    }
    const body = `${head}\n${request.body}`;
    if (existing) {
        if (existing.body === body)
            return { change: 'unchanged', url: existing.html_url };
        await client.rest.issues.update({ ...repository, issue_number: existing.number, body });
        logger.info(`Updated drift issue #${existing.number}.`);
        return { change: 'updated', url: existing.html_url };
    }
    const created = await client.rest.issues.create({
        ...repository,
        title: driftIssueTitle(request.stack),
        body,
        labels: [...request.labels],
    });
    logger.info(`Opened drift issue #${created.data.number}.`);
    return { change: 'opened', url: created.data.html_url };
}


/***/ })

};
