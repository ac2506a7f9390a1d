export const id = 672;
export const ids = [672];
export const modules = {

/***/ 28706:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gatherPlans: () => (/* binding */ gatherPlans),
  gatherStacks: () => (/* binding */ gatherStacks),
  gatheredCommentBodies: () => (/* binding */ gatheredCommentBodies),
  gatheredEntries: () => (/* binding */ gatheredEntries),
  gatheredSummary: () => (/* binding */ gatheredSummary)
});

// EXTERNAL MODULE: ./lib/terraform/backend.js
var backend = __webpack_require__(44532);
// EXTERNAL MODULE: ./lib/terraform/plan-summaries.js
var plan_summaries = __webpack_require__(69968);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/artifacts/names.js
var artifacts_names = __webpack_require__(40963);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./lib/contracts/encryption.js
var encryption = __webpack_require__(92574);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var contracts_manifest = __webpack_require__(21330);
// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
;// CONCATENATED MODULE: ./lib/artifacts/plan-bundle.js






/**
 * Downloads a plan bundle into `scratch` and, when it is sealed, opens it. Returns the directory that
 * holds its files; verifying them is the caller's (contracts/bundle.ts).
 */
async function fetchPlanBundle(store, name, scratch, options) {
    const downloaded = (0,external_node_path_.join)(scratch, 'download');
    await store.download(name, downloaded, options.from);
    const sealed = (0,external_node_path_.join)(downloaded, encryption/* ENCRYPTED_BUNDLE_FILE */.jA);
    if (!(0,external_node_fs_.existsSync)(sealed)) {
        if (options.encryptionKey && !options.acceptClear) {
            throw new errors/* ConfigurationError */.j1(`The plan bundle ${name} is not encrypted, but encryption-key is set: tf-plan must be given the same encryption-key, or remove it here.`);
        }
        return downloaded;
    }
    if (!options.encryptionKey) {
        throw new errors/* ConfigurationError */.j1(`The plan bundle ${name} is encrypted: give ${options.reader} the encryption-key tf-plan used.`);
    }
    const opened = (0,external_node_path_.join)(scratch, 'bundle');
    await (0,promises_.mkdir)(opened, { recursive: true });
    await (0,encryption/* decryptToDirectory */.uT)(await (0,promises_.readFile)(sealed), options.encryptionKey, opened);
    // The clear manifest is what the approval gate read; it must be the sealed one, byte for byte.
    const clear = (0,external_node_path_.join)(downloaded, contracts_manifest/* MANIFEST_FILE */.h1);
    if ((0,external_node_fs_.existsSync)(clear) && !(await (0,promises_.readFile)(clear)).equals(await (0,promises_.readFile)((0,external_node_path_.join)(opened, contracts_manifest/* MANIFEST_FILE */.h1)))) {
        throw new errors/* ConfigurationError */.j1(`The plan bundle ${name} was altered: its readable manifest.json differs from the encrypted one. Plan again.`);
    }
    return opened;
}

// EXTERNAL MODULE: ./lib/contracts/bundle.js
var bundle = __webpack_require__(25843);
// EXTERNAL MODULE: ./lib/plan/index.js + 3 modules
var plan = __webpack_require__(60848);
// EXTERNAL MODULE: ./lib/github/plan-comment.js
var plan_comment = __webpack_require__(60604);
// EXTERNAL MODULE: ./lib/github/plan-comment-session.js + 1 modules
var plan_comment_session = __webpack_require__(29983);
;// CONCATENATED MODULE: ./lib/terraform/gather.js












// Bundles are read a few at a time: each is a download and a streamed read of its plan.json.
const CONCURRENT_READS = 4;
/**
 * tf-plan's gather mode: reads the plan bundles the plan jobs of a matrix uploaded in this run (every
 * `<prefix>-plan-*`, or those of the `stacks` input), each checked to be what tf-plan wrote, for one
 * comment over all of them. Plans nothing itself.
 */
async function gatherPlans(inputs, deps) {
    const prefix = (0,artifacts_names/* artifactName */.C)(inputs.artifactPrefix, 'plan', '');
    const names = inputs.stacks.length > 0
        ? inputs.stacks.map((stack) => (0,artifacts_names/* artifactName */.C)(inputs.artifactPrefix, 'plan', stack))
        : (await deps.artifacts.list(prefix)).map((artifact) => artifact.name);
    if (names.length === 0) {
        throw new errors/* ConfigurationError */.j1(`No plan bundles named ${prefix}* in this run: run the gather step in a job that needs the plan jobs, with the same artifact-prefix.`);
    }
    deps.logger.info(`Gathering ${names.length} plan bundle(s): ${names.join(', ')}`);
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(deps.run.runnerTemp, 'iac-gather-'));
    const gathered = [];
    for (let start = 0; start < names.length; start += CONCURRENT_READS) {
        const batch = names.slice(start, start + CONCURRENT_READS);
        gathered.push(...(await Promise.all(batch.map(async (name, offset) => {
            const dir = await fetchPlanBundle(deps.artifacts, name, (0,external_node_path_.join)(scratch, String(start + offset)), {
                encryptionKey: inputs.encryptionKey,
                reader: 'tf-plan',
                acceptClear: true,
            });
            const manifest = await (0,bundle/* readIntactPlanBundle */.d8)(dir, 'tf-plan');
            const model = await (0,plan/* readPlanModel */.Pg)((0,external_node_path_.join)(dir, contracts_manifest/* PLAN_JSON_FILE */.uU), {
                name: `${contracts_manifest/* PLAN_JSON_FILE */.uU} of the artifact ${name}`,
            });
            return { artifactName: name, manifest, model };
        }))));
    }
    return gathered;
}
/** tf-plan's mode gather: one comment and one summary over the plans of several stacks made in this run. */
async function gatherStacks(inputs, deps) {
    const { logger, run, setOutputs } = deps;
    const key = `plans:${inputs.stack ?? 'all'}`;
    const commenting = (0,plan_comment_session/* openPlanComments */.k1)(inputs, run, logger);
    commenting.catch(() => undefined);
    const plans = await gatherPlans(inputs, deps);
    const total = (count) => plans.reduce((sum, { model }) => sum + model.counts[count], 0);
    setOutputs({
        'has-changes': plans.some(({ model }) => model.hasChanges),
        add: total('add'),
        change: total('change'),
        destroy: total('destroy'),
        replace: total('replace'),
        import: total('import'),
        move: total('move'),
        destroys: plans.some(({ manifest }) => manifest.summary.destroys),
        stacks: plans.map(({ manifest, artifactName }) => ({
            stack: manifest.stack,
            workspace: manifest.workspace,
            'plan-digest': manifest.planDigest,
            'artifact-name': artifactName,
            'has-changes': manifest.summary.hasChanges,
            destroys: manifest.summary.destroys,
        })),
    });
    const { session, failure } = await (0,plan_comment_session/* settle */.G9)(commenting);
    const entries = gatheredEntries(plans, session?.commit ?? run.sha, run);
    await deps.writeSummary(gatheredSummary(entries));
    if (failure !== undefined)
        throw failure;
    if (session)
        setOutputs({ 'comment-url': await session.publish(key, gatheredCommentBodies(entries)) });
}
/** Each stack's plan with its render context: its own identity from its manifest, the commit reviewers see. */
function gatheredEntries(plans, commit, run) {
    return plans.map(({ manifest, model }) => ({
        model,
        ctx: {
            stack: manifest.stack,
            workspace: manifest.workspace,
            planDigest: manifest.planDigest,
            commit,
            runUrl: run.runUrl,
            tool: manifest.tool,
            ...(0,backend/* withState */.Q2)(manifest.backend),
            ...(0,plan_summaries/* withInputs */.wH)(manifest, model),
        },
    }));
}
/** The comment over every stack: a row per stack, then each stack's plan. */
function gatheredCommentBodies(entries) {
    return (0,plan/* renderMultiStackComment */.Rx)(entries, { limit: plan/* COMMENT_LIMIT */.W$ - plan_comment.COMMENT_RESERVE });
}
/** The job summary over every stack, within its limit (counting every character as 3 UTF-8 bytes). */
function gatheredSummary(entries) {
    return (0,plan/* renderMultiStackComment */.Rx)(entries, { limit: Math.floor(plan/* SUMMARY_LIMIT_BYTES */.Jz / 3) }).join('\n\n');
}


/***/ }),

/***/ 64377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};
