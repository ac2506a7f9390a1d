export const id = 65;
export const ids = [65];
export const modules = {

/***/ 65:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planOneStack: () => (/* binding */ planOneStack)
});

// EXTERNAL MODULE: ./lib/audit/log.js + 4 modules
var log = __webpack_require__(29409);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/core/logger.js

/**
 * Runs `body` with the runner's workflow commands off: text from a tool or a plan may hold a line such
 * as `::error::` or `::add-mask::`, which the runner must print, not obey.
 */
async function withoutWorkflowCommands(logger, body) {
    // Starting with a letter: a workflow command's name does, and some parsers insist.
    const token = `verbatim-${(0,external_node_crypto_.randomBytes)(16).toString('hex')}`;
    logger.info(`::stop-commands::${token}`);
    try {
        return await body();
    }
    finally {
        logger.info(`::${token}::`);
    }
}

// EXTERNAL MODULE: ./lib/github/refusals.js
var refusals = __webpack_require__(6614);
// EXTERNAL MODULE: ./lib/plan/index.js + 3 modules
var lib_plan = __webpack_require__(60848);
// EXTERNAL MODULE: ./lib/markdown/escape.js
var markdown_escape = __webpack_require__(26734);
// EXTERNAL MODULE: ./lib/plan/phrases.js
var phrases = __webpack_require__(28337);
;// CONCATENATED MODULE: ./lib/github/drift-report.js





/** The resources that drifted, for the `drifted` output: small, addresses and what happened to them. */
function driftedResources(result) {
    return result.model.drift.map((entry) => ({ address: entry.address, action: entry.action }));
}
// The issue's own lines around the rendered plan: bounded, as the stack and artifact names are validated.
const ISSUE_FRAME = 1024;
/** The drift issue's body: what drifted, as the plan comment renders it, and what to do about it. */
function driftIssueBody(result, ctx) {
    const [plan = ''] = (0,lib_plan/* renderPlanComment */.zk)(result.model, ctx, { limit: lib_plan/* COMMENT_LIMIT */.W$ - ISSUE_FRAME });
    const found = ctx.runUrl ? `[this run](${ctx.runUrl})` : 'the latest run';
    return [
        `**${(0,phrases/* plural */.LS)(result.model.counts.drift, 'resource')}** of stack ${(0,markdown_escape/* codeSpan */.SS)(result.stack)} changed outside of ` +
            `the configuration, as found by ${found}. This issue is kept up to date while the drift lasts, and ` +
            'closed when a run finds none.',
        '',
        plan.trimEnd(),
        '',
        `To keep the changes, apply the refresh-only plan in the artifact ${(0,markdown_escape/* codeSpan */.SS)(result.artifactName)}, which ` +
            'writes them into the state; to undo them, plan and apply the configuration.',
        '',
    ].join('\n');
}
/** Opens, updates or closes the stack's drift issue; undefined when `drift-issue` is false. */
async function reportDrift(result, ctx, inputs, run, logger) {
    if (!inputs.driftIssue)
        return undefined;
    if (!inputs.githubToken) {
        throw new errors/* ConfigurationError */.j1('Input "github-token" is empty: it is needed to open the drift issue (give it a token with issues: write), or set drift-issue: false.');
    }
    const [{ createGitHubClient }, { commentAuthor }, { syncDriftIssue }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(913), __webpack_require__.e(530), __webpack_require__.e(901)]).then(__webpack_require__.bind(__webpack_require__, 51282)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 45778)),
        __webpack_require__.e(/* import() */ 34).then(__webpack_require__.bind(__webpack_require__, 80034)),
    ]);
    const client = createGitHubClient(inputs.githubToken, logger, { apiUrl: run.apiUrl });
    try {
        return await syncDriftIssue(client, {
            owner: run.owner,
            repo: run.repo,
            stack: result.stack,
            author: await commentAuthor(client, inputs.commentAuthor, logger),
            labels: inputs.driftLabels,
            drifted: result.drift === true,
            body: driftIssueBody(result, ctx),
            runUrl: run.runUrl,
        }, logger);
    }
    catch (error) {
        if (error.status !== 403)
            throw error;
        if (error instanceof refusals/* GitHubRefusal */.ke)
            throw new errors/* ConfigurationError */.j1(`${error.message} Or set drift-issue: false.`);
        throw new errors/* ConfigurationError */.j1(`Could not write the drift issue: ${error.message}. Give the job \`permissions: issues: write\`, or set drift-issue: false.`);
    }
}

// EXTERNAL MODULE: ./lib/github/plan-comment-session.js + 1 modules
var plan_comment_session = __webpack_require__(29983);
// EXTERNAL MODULE: ./lib/terraform/plan.js + 18 modules
var plan = __webpack_require__(28303);
// EXTERNAL MODULE: ./lib/terraform/plan-summaries.js
var plan_summaries = __webpack_require__(69968);
;// CONCATENATED MODULE: ./lib/terraform/plan-stack.js







/**
 * tf-plan's modes plan and drift: plans one stack, and reports the plan in the step's outputs, its log,
 * the job summary, the pull request's plan comment and (drift) the stack's drift issue.
 */
async function planOneStack(inputs, deps) {
    const { logger, run, setOutputs } = deps;
    const stack = (0,plan/* planStack */.qz)(inputs, run);
    const key = (0,plan_comment_session/* planCommentKey */.e1)(stack);
    const event = (deps.audit ?? log.NO_AUDIT).begin('plan', { stack, environment: inputs.environment });
    // Found while the tool runs; the old plan is marked outdated at once, so nobody approves it meanwhile.
    const commenting = (0,plan_comment_session/* openPlanComments */.k1)(inputs, run, logger).then(async (session) => {
        await session?.markOutdated(key, `is being planned: [the run](${run.runUrl}).`);
        return session;
    });
    // Awaited after the plan; until then a failure must not count as an unhandled rejection.
    commenting.catch(() => undefined);
    let result;
    try {
        result = await (0,plan/* plan */.et)(inputs, deps);
    }
    catch (error) {
        const session = await commenting.catch(() => undefined);
        await session?.markOutdated(key, `could not be planned: see [the run](${run.runUrl}).`);
        throw error;
    }
    const { summary } = result;
    recordPlan(event, result, deps.audit ?? log.NO_AUDIT, inputs.environment);
    setOutputs({
        'has-changes': summary.hasChanges,
        add: summary.add,
        change: summary.change,
        destroy: summary.destroy,
        replace: summary.replace,
        import: summary.import,
        move: summary.move,
        destroys: summary.destroys,
        'plan-digest': result.manifest.planDigest,
        'artifact-name': result.artifactName,
        'artifact-id': result.artifact?.id,
        'json-path': result.jsonPath,
        exitcode: result.exitCode,
    });
    const { policy } = result.manifest;
    if (policy) {
        setOutputs({
            'policy-passed': policy.passed,
            'policy-failures': policy.failures.length,
            'policy-sarif': result.policySarif,
        });
    }
    if (result.drift !== undefined) {
        setOutputs({ drift: result.drift, drifted: driftedResources(result) });
        if (result.drift) {
            logger.warning(`${result.model.counts.drift} resource(s) changed outside of the configuration.`, {
                title: `Drift in stack ${result.stack}`,
            });
        }
    }
    const { session, failure } = await (0,plan_comment_session/* settle */.G9)(commenting);
    const ctx = (0,plan_summaries/* renderContext */.wj)(result, run, {
        commit: session?.commit ?? run.sha,
        ...(inputs.environment ? { environment: inputs.environment } : {}),
    });
    await withoutWorkflowCommands(logger, () => logger.info((0,plan_summaries/* planLogText */.RB)(result, ctx)));
    await deps.writeSummary((0,plan_summaries/* planJobSummary */.tP)(result, ctx));
    if (failure !== undefined)
        throw failure;
    if (session) {
        // An uploaded bundle is named in the comment, so that a gate run by a comment can find the plan.
        const origin = result.artifact
            ? { runId: run.runId, artifact: result.artifactName, digest: result.manifest.planDigest }
            : undefined;
        setOutputs({ 'comment-url': await session.publish(key, (0,plan_summaries/* planCommentBodies */.F9)(result, ctx), origin) });
    }
    if (result.drift !== undefined) {
        const issue = await reportDrift(result, ctx, inputs, run, logger);
        if (issue?.url)
            setOutputs({ 'drift-issue-url': issue.url });
    }
    if (result.refusal)
        throw new errors/* ConfigurationError */.j1(result.refusal);
}
/** The plan event, and the policy result as an event of its own: what was planned, and what the rules said. */
function recordPlan(event, result, audit, environment) {
    const { manifest, summary } = result;
    const kind = manifest.destroy ? 'A destroy plan' : result.drift !== undefined ? 'A drift check' : 'A plan';
    const counts = `${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy, ${summary.replace} to replace`;
    event.update({ planDigest: manifest.planDigest });
    if (result.refusal)
        event.finish('failure', `${kind}: ${counts}; refused, and no bundle was uploaded.`);
    else
        event.finish('success', `${kind}: ${summary.hasChanges ? counts : 'no changes'}.`);
    const { policy } = manifest;
    if (!policy)
        return;
    const outcome = policy.passed ? 'success' : policy.mode === 'warn' ? 'warning' : 'failure';
    audit.record('policy', {
        stack: result.stack,
        environment,
        planDigest: manifest.planDigest,
        outcome,
        detail: `${policy.evaluated} rule(s) of ${policy.namespace} evaluated (${policy.mode}): ${policy.failures.length} failure(s), ${policy.warnings.length} warning(s).`,
    });
}


/***/ })

};
