export const id = 901;
export const ids = [901];
export const modules = {

/***/ 51282:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WRITE_PACE: () => (/* binding */ WRITE_PACE),
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86856);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62203);
/* harmony import */ var _refusals_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6614);





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
    return new bottleneck__WEBPACK_IMPORTED_MODULE_1__.Group({
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
    const client = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
        baseUrl: options.apiUrl.replace(/\/+$/, ''),
        retry: { retryAfterBaseValue: base },
        throttle: {
            write: writePacing(),
            retryAfterBaseValue: base,
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
        },
    }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__/* .throttling */ .A);
    // Added last, so it wraps the plugins' hooks: it sees only what retrying and waiting did not mend.
    client.hook.error('request', (error, options) => {
        throw (0,_refusals_js__WEBPACK_IMPORTED_MODULE_2__/* .refusalOf */ .Of)(error, { method: options.method, url: options.url, baseUrl: options.baseUrl });
    });
    return client;
}


/***/ })

};
