export const id = 736;
export const ids = [736];
export const modules = {

/***/ 64736:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runReleaseStep: () => (/* binding */ runReleaseStep)
});

// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
;// CONCATENATED MODULE: ./lib/github/deployments.js

/**
 * A GitHub deployment for an environment, created before the apply and moved in_progress → success or
 * failure after it, so the environment's page shows what was applied and from which run.
 */
class Deployment {
    api;
    id;
    constructor(api, id) {
        this.api = api;
        this.id = id;
    }
    static async start(client, context, options) {
        const api = deploymentsApi(client, context);
        const deployment = new Deployment(api, await api.create({ ref: context.sha, ...options }));
        await deployment.setStatus('in_progress', 'Applying the approved plan');
        return deployment;
    }
    finish(outcome, description) {
        return this.setStatus(outcome, description);
    }
    setStatus(state, description) {
        // A stack's apply does not retire the environment's release: only the next release does, once its
        // smoke tests passed (the releases' record step), so GitHub's auto_inactive is left to that.
        return this.api.setStatus(this.id, state, description, { retireOthers: false });
    }
}
function deploymentsApi(client, context) {
    const repository = { owner: context.owner, repo: context.repo };
    return {
        async list(environment) {
            return client.paginate(client.rest.repos.listDeployments, {
                ...repository,
                environment,
                per_page: 100,
            });
        },
        async get(deploymentId) {
            try {
                const { data } = await client.rest.repos.getDeployment({
                    ...repository,
                    deployment_id: deploymentId,
                });
                return data;
            }
            catch (error) {
                if (error.status === 404) {
                    throw new errors/* ConfigurationError */.j1(`Deployment ${deploymentId} does not exist in ${repository.owner}/${repository.repo}: give the id of a release's deployment (the release action's deployment-id output)`);
                }
                throw error;
            }
        },
        async statuses(deploymentId) {
            return client.paginate(client.rest.repos.listDeploymentStatuses, {
                ...repository,
                deployment_id: deploymentId,
                per_page: 100,
            });
        },
        async create(options) {
            const { data } = await client.rest.repos.createDeployment({
                ...repository,
                ref: options.ref,
                environment: options.environment,
                description: options.description.slice(0, 140),
                payload: options.payload,
                // What is deployed was checked already (an approved plan, a smoke-tested release): commit
                // statuses must not block the record of it.
                required_contexts: [],
                auto_merge: false,
            });
            if (!('id' in data))
                throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no reason given'}`);
            return data.id;
        },
        async setStatus(deploymentId, state, description, options = {}) {
            await client.rest.repos.createDeploymentStatus({
                ...repository,
                deployment_id: deploymentId,
                state,
                description: description.slice(0, 140),
                log_url: context.runUrl,
                ...(options.retireOthers === false ? { auto_inactive: false } : {}),
            });
        },
    };
}

;// CONCATENATED MODULE: ./lib/github/lazy-client.js
/**
 * The GitHub client, made on first use and then shared. Octokit is loaded only then: the runs that never
 * talk to GitHub do not pay for it (start-up time is measured). Without a token, the first use throws what
 * `missingToken` makes: the message that names the input and why this step needs it.
 */
function lazyGitHubClient(token, logger, run, missingToken) {
    let client;
    return () => (client ??= (async () => {
        if (!token)
            throw missingToken();
        const { createGitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(913), __webpack_require__.e(530), __webpack_require__.e(757)]).then(__webpack_require__.bind(__webpack_require__, 61757));
        return createGitHubClient(token, logger, { apiUrl: run.apiUrl });
    })());
}

// EXTERNAL MODULE: ./lib/audit/log.js + 5 modules
var log = __webpack_require__(94079);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./lib/contracts/digest.js


/** Names this construction; a different construction would take another label (and schema major). */
const PLAN_DIGEST_LABEL = 'iac/plan-digest@1';
/**
 * The plan digest: what an approval names and what tf-apply checks before it applies. It is a
 * contract, so the construction is fixed and written down here:
 *
 *   planDigest = "sha256:" + lowercase hex of SHA-256( frame(label) ‖ frame(header) ‖ frame(planfile) ‖ frame(lock) )
 *
 *   frame(b) = the length of b in bytes as an unsigned 64-bit big-endian integer, then b
 *   label    = the UTF-8 bytes of "iac/plan-digest@1"
 *   header   = the UTF-8 bytes of JSON.stringify of an object with exactly these keys, in this order:
 *              {"stack": string, "workingDirectory": string, "workspace": string,
 *               "toolName": "tofu" | "terraform", "toolMajor": integer, "lockFile": boolean}
 *              (no whitespace; `lockFile` says whether a lock file is bundled), and when the manifest records
 *              the backend, last, "backend": {"type": string, then those of "bucket", "key", "region",
 *              "endpoint", "workspaceKeyPrefix" that it has, in this order, each a string}; and when
 *              the manifest records the release it deploys again, after that, "source": {"kind",
 *              "scope", "environment", "deploymentId", "runId", "runAttempt", "commit", "createdAt",
 *              then those of "image" {"id", "name", and "identifier" when it has one}, "imageVariable"
 *              {"name", "value"} and
 *              "smoke" {"passed", "total"} that it has, in this order}; and when the manifest records
 *              stack inputs, after that, "inputs": a list ordered by variable of {"variable", "stack",
 *              "output", "sensitive", "workingDirectory", "workspace", "backend" (as above), then those of
 *              "state" {"lineage", "serial"} and "sha256" that it has}; then "provisional": true and
 *              "destroy": true, each only when the manifest says so; and when the manifest records a
 *              policy check, last, "policy": {"mode", "namespace", "conftestVersion", "policies" and
 *              "data" (each a list ordered by path of {"path", "sha256"}), "evaluated", "failures" and
 *              "warnings" (each a list ordered by rule, then address, then message, of {"rule",
 *              "message", then "address" when it has one}), "passed"}
 *   planfile = the bytes of `tfplan`
 *   lock     = the bytes of `.terraform.lock.hcl`, or no bytes when there is none
 *
 * Every part is length-framed and the fields are JSON-encoded strings in a fixed order, so no two
 * different inputs give the same byte stream: stack "a" + workspace "bc" and stack "ab" +
 * workspace "c" differ in the header, and an empty lock file differs from none through `lockFile`.
 */
function planDigest(input) {
    const { stack, workingDirectory, workspace, toolName, toolMajor } = input;
    for (const [name, value] of Object.entries({ stack, workingDirectory, workspace, toolName })) {
        if (typeof value !== 'string')
            throw new TypeError(`planDigest: ${name} must be a string`);
    }
    if (!Number.isSafeInteger(toolMajor) || toolMajor < 0) {
        throw new TypeError('planDigest: toolMajor must be a whole number');
    }
    const header = JSON.stringify({
        stack,
        workingDirectory,
        workspace,
        toolName,
        toolMajor,
        lockFile: input.lockFile !== undefined,
        ...(input.backend ? { backend: canonicalBackend(input.backend) } : {}),
        ...(input.source ? { source: canonicalSource(input.source) } : {}),
        ...(input.inputs && input.inputs.length > 0 ? { inputs: canonicalInputs(input.inputs) } : {}),
        ...(input.provisional ? { provisional: true } : {}),
        ...(input.destroy ? { destroy: true } : {}),
        ...(input.policy ? { policy: canonicalPolicy(input.policy) } : {}),
    });
    const hash = createHash('sha256');
    const frame = (bytes) => {
        const length = Buffer.alloc(8);
        length.writeBigUInt64BE(BigInt(bytes.length));
        hash.update(length);
        hash.update(bytes);
    };
    frame(Buffer.from(PLAN_DIGEST_LABEL, 'utf8'));
    frame(Buffer.from(header, 'utf8'));
    frame(input.planfile);
    frame(input.lockFile ?? Buffer.alloc(0));
    return `sha256:${hash.digest('hex')}`;
}
/** The backend's fields in the fixed order the construction names, whatever order the record had. */
function canonicalBackend(backend) {
    const fields = ['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix'];
    const canonical = {};
    for (const field of fields) {
        const value = backend[field];
        if (value !== undefined)
            canonical[field] = value;
    }
    return canonical;
}
/** The binding's fields in the fixed order the construction names, whatever order the record had. */
function canonicalSource(source) {
    const { image, imageVariable, smoke } = source;
    return {
        kind: source.kind,
        scope: source.scope,
        environment: source.environment,
        deploymentId: source.deploymentId,
        runId: source.runId,
        runAttempt: source.runAttempt,
        commit: source.commit,
        createdAt: source.createdAt,
        ...(image
            ? {
                image: {
                    id: image.id,
                    name: image.name,
                    ...(image.identifier !== undefined ? { identifier: image.identifier } : {}),
                },
            }
            : {}),
        ...(imageVariable ? { imageVariable: { name: imageVariable.name, value: imageVariable.value } } : {}),
        ...(smoke ? { smoke: { passed: smoke.passed, total: smoke.total } } : {}),
    };
}
/** The inputs in the fixed order the construction names: by variable, each with its fields in order. */
function canonicalInputs(inputs) {
    return [...inputs]
        .sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : 0))
        .map((input) => ({
        variable: input.variable,
        stack: input.stack,
        output: input.output,
        sensitive: input.sensitive,
        workingDirectory: input.workingDirectory,
        workspace: input.workspace,
        backend: canonicalBackend(input.backend),
        ...(input.state ? { state: { lineage: input.state.lineage, serial: input.state.serial } } : {}),
        ...(input.sha256 !== undefined ? { sha256: input.sha256 } : {}),
    }));
}
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Findings by rule, then address, then message: the order the manifest keeps and the digest takes. */
function sortedFindings(findings) {
    return [...findings].sort((a, b) => byText(a.rule, b.rule) || byText(a.address ?? '', b.address ?? '') || byText(a.message, b.message));
}
/** Findings in the fixed order the construction names, so the order conftest printed them in is no part of it. */
function digest_canonicalFindings(findings) {
    return sortedFindings(findings).map((f) => ({
        rule: f.rule,
        message: f.message,
        ...(f.address !== undefined ? { address: f.address } : {}),
    }));
}
function canonicalPolicy(policy) {
    const files = (list) => [...list].sort((a, b) => byText(a.path, b.path)).map((f) => ({ path: f.path, sha256: f.sha256 }));
    return {
        mode: policy.mode,
        namespace: policy.namespace,
        conftestVersion: policy.conftestVersion,
        policies: files(policy.policies),
        data: files(policy.data),
        evaluated: policy.evaluated,
        failures: digest_canonicalFindings(policy.failures),
        warnings: digest_canonicalFindings(policy.warnings),
        passed: policy.passed,
    };
}
/** The sha256 of a file, lowercase hex, read as a stream (planfiles can be large). */
async function digest_sha256File(path) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The first 12 hex digits of a digest, with its `sha256:` prefix, for messages. */
function digest_shortDigest(digest) {
    const hex = digest.replace(/^sha256:/, '');
    return `sha256:${hex.slice(0, 12)}`;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var manifest = __webpack_require__(21330);
;// CONCATENATED MODULE: ./lib/contracts/release.js


/**
 * `iac/release@1`: what one run deployed to one environment once apply, configure and smoke were all
 * green. The commit, the image (packer-build's image id and the sha256 of its build-metadata.json),
 * each stack's plan digest, var files and backend, and each smoke-tested stack's results digest and
 * counts. It is the payload of the environment's GitHub deployment and the artifact
 * `<prefix>-release-<environment>`; promotion deploys exactly such a record to the next environment,
 * and rollback goes back to one.
 */
const RELEASE_FILE = 'release.json';
const RELEASE_KIND = 'iac/release';
const RELEASE_MAJOR = 1;
const RELEASE_SCHEMA = `${RELEASE_KIND}@${RELEASE_MAJOR}`;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const release_text = schemas/* string */.YjP().min(1, { error: 'must not be empty' });
const isoTime = iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const sha256Hex = schemas/* string */.YjP().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' });
const digest = schemas/* string */.YjP().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' });
/** A whole number from `min`; zod would call a string here "not a number", so word it as manifest.ts does. */
function wholeNumber(min) {
    return schemas/* int */.Whr({
        error: (issue) => issue.input === undefined
            ? 'is missing (it must be a whole number)'
            : `must be a whole number, not ${describeValue(issue.input)}`,
    })
        .min(min, { error: `must be a whole number, ${min} or more` });
}
function describeValue(input) {
    if (input === null)
        return 'null';
    if (Array.isArray(input))
        return 'a list';
    if (typeof input === 'number' || typeof input === 'boolean')
        return String(input);
    return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}
const count = wholeNumber(0);
const tallyShape = { passed: count, failed: count, notRun: count, total: count };
/** The counts must add up: a record whose counts disagree would pass or fail a quality gate wrongly. */
function checkTally(t, ctx) {
    if (t.passed + t.failed !== t.total) {
        ctx.addIssue({ code: 'custom', path: ['total'], message: 'must be passed plus failed' });
    }
    if (t.notRun > t.failed) {
        ctx.addIssue({ code: 'custom', path: ['notRun'], message: 'counts among failed, so it cannot be more' });
    }
}
/**
 * Checks counted as smoke-test counts them: `failed` includes the checks the deadline left unrun,
 * and `notRun` says how many of those there were (smoke-test's tallies do not; its checks do).
 */
const smokeTallySchema = schemas/* object */.Ikc(tallyShape).superRefine(checkTally);
/** One stack's smoke-test results, as the release keeps them: their digest and their counts. */
const releaseSmokeSchema = schemas/* object */.Ikc({
    /** sha256 hex of the results.json the counts were taken from. */
    resultsSha256: sha256Hex,
    ...tallyShape,
    /** Whether smoke-test failed its step on these results (its own fail-on and threshold). */
    failedStep: schemas/* boolean */.zMY(),
    /** By smoke-test's category (connectivity, service, security, functionality); only those that had checks. */
    byCategory: schemas/* record */.g1P(release_text, smokeTallySchema),
})
    .superRefine(checkTally);
const releaseStackSchema = schemas/* object */.Ikc({
    stack: release_text,
    planDigest: digest,
    /** POSIX, relative to the workspace, '.' for the workspace itself (as in the plan manifest). */
    workingDirectory: schemas/* string */.YjP().refine(manifest/* isWorkspacePath */.P9, {
        error: "must be a POSIX path relative to the workspace, '.' for the workspace itself",
    }),
    workspace: release_text,
    /** As the plan manifest has them: the path tf-plan was given, and the file's sha256 then. */
    varFiles: schemas/* array */.YOg(manifest/* varFileSchema */.be),
    backend: manifest/* backendRecordSchema */.Fg.optional(),
    /** Absent for a stack that has no smoke checks. */
    smoke: releaseSmokeSchema.optional(),
});
/** The golden image the release runs, from packer-build's build-metadata.json. */
const releaseImageSchema = schemas/* object */.Ikc({
    /** packer-build's `image-id`; empty for builders that export no artifact id. */
    id: schemas/* string */.YjP(),
    name: release_text,
    /** sha256 hex of the build-metadata.json read. */
    buildMetadataSha256: sha256Hex,
    templateHash: digest,
    /**
     * What the stacks' image variable was given: the id, or the name for builders whose artifacts have no
     * id of their own (iac-pipeline.yml's image-identifier). Absent: the id, else the name.
     */
    identifier: schemas/* string */.YjP().min(1).optional(),
});
/**
 * The release this one deployed again: the source of a promotion, or the target of a rollback, as the
 * plans' manifests bound it (the stack's image variable left out: it is per stack).
 */
const releaseSourceSchema = manifest/* releaseBindingSchema */.Un.omit({ imageVariable: true });
/** The release that ran in the environment before this one, as its deployment stood when this one was made. */
const replacedReleaseSchema = schemas/* object */.Ikc({
    deploymentId: wholeNumber(1),
    runId: wholeNumber(1),
    /** Its latest deployment status then: success, failure, inactive, … */
    state: release_text,
    stateAt: isoTime.optional(),
});
/** From the failed release's status to this release's success: the time to restore. */
const timeToRestoreSchema = schemas/* object */.Ikc({
    seconds: count,
    failedAt: isoTime,
    restoredAt: isoTime,
});
const releaseSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(RELEASE_SCHEMA),
    producer: manifest/* producerSchema */.yO,
    environment: release_text,
    /** The commit the stacks were planned (and so applied) at. */
    commit: schemas/* string */.YjP().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: schemas/* string */.YjP(),
    /** The run that applied and smoke-tested the release. */
    runId: wholeNumber(1),
    runAttempt: wholeNumber(1),
    createdAt: isoTime,
    /** Absent for a release whose run built no image. */
    image: releaseImageSchema.optional(),
    stacks: schemas/* array */.YOg(releaseStackSchema)
        .min(1, { error: 'must list at least one stack' })
        .superRefine((stacks, ctx) => {
        const seen = new Set();
        stacks.forEach((stack, index) => {
            if (seen.has(stack.stack)) {
                ctx.addIssue({ code: 'custom', path: [index, 'stack'], message: `names "${stack.stack}" twice` });
            }
            seen.add(stack.stack);
        });
    }),
    source: releaseSourceSchema.optional(),
    /** `success` when apply, configure and smoke were all green; a failed release is recorded too. */
    outcome: schemas/* enum */.k5n(['success', 'failure'], { error: 'must be one of: success, failure' }),
    /** Why a failed release failed, in a sentence. */
    failure: schemas/* string */.YjP().optional(),
    replaces: replacedReleaseSchema.optional(),
    /** Present when this release succeeded after a failed one. */
    timeToRestore: timeToRestoreSchema.optional(),
});
/**
 * Reads and validates a release record (release.json, or a deployment's payload). A record of another
 * major version is refused by name: a later iac-pipeline recorded it, and reading it as this one
 * would promote or roll back to something this version cannot see whole.
 */
function readRelease(json, options = {}) {
    return (0,manifest/* readContract */.Jz)(json, RELEASE_KIND, { [RELEASE_MAJOR]: releaseSchema }, {
        file: options.file ?? RELEASE_FILE,
        reader: options.reader ?? 'iac-pipeline',
        advice: 'promote or roll back with the iac-pipeline version that recorded the release, or a later one',
    });
}
/** Checks a record before it is written: a bad one is a bug in the writer, not the user's mistake. */
function validateRelease(value) {
    return (0,manifest/* validateForWrite */.Lb)(releaseSchema, value, RELEASE_FILE);
}

// EXTERNAL MODULE: ./lib/contracts/smoke-categories.js
var smoke_categories = __webpack_require__(20139);
// EXTERNAL MODULE: ./lib/releases/duration.js
var duration = __webpack_require__(9168);
;// CONCATENATED MODULE: ./lib/releases/promotion.js



/**
 * The quality gate between two environments: a release of the source environment may be promoted when
 * its smoke tests passed, at the required rate, with every demanded category run and passed, and it
 * is not older than max-release-age. Every refusal is one sentence naming what is missing, so that a
 * refused promotion says all of it at once.
 */
/** smoke-test's categories, the only names quality-categories can demand. */

/** The release's smoke counts over all its stacks, and by category; undefined when no stack had checks. */
function promotion_smokeTotals(release) {
    const smoked = release.stacks.filter((s) => s.smoke);
    if (smoked.length === 0)
        return undefined;
    const totals = { passed: 0, failed: 0, notRun: 0, total: 0 };
    const byCategory = {};
    const failedStacks = [];
    for (const { stack, smoke } of smoked) {
        if (!smoke)
            continue;
        add(totals, smoke);
        if (smoke.failedStep)
            failedStacks.push(stack);
        for (const [category, tally] of Object.entries(smoke.byCategory)) {
            add((byCategory[category] ??= { passed: 0, failed: 0, notRun: 0, total: 0 }), tally);
        }
    }
    return { totals, byCategory, failedStacks };
}
/** The refusals of promoting `release`; an empty list means it may be promoted. */
function checkPromotion(release, policy) {
    const threshold = policy.threshold ?? 100;
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
        throw new errors/* ConfigurationError */.j1(`Input "threshold" must be a number from 0 to 100; got ${threshold}`);
    }
    const demanded = [...new Set(policy.qualityCategories ?? [])];
    const unknown = demanded.filter((c) => !smoke_categories/* SMOKE_CATEGORIES */.V.includes(c));
    if (unknown.length > 0) {
        throw new errors/* ConfigurationError */.j1(`Input "quality-categories" names ${unknown.map((c) => JSON.stringify(c)).join(', ')}, which smoke-test does not have: its categories are ${smoke_categories/* SMOKE_CATEGORIES */.V.join(', ')}`);
    }
    const maxAge = policy.maxReleaseAge === undefined ? undefined : (0,duration/* parseDuration */.E9)(policy.maxReleaseAge);
    const name = promotion_releaseName(release);
    const from = release.environment;
    const refusals = [];
    const smoke = promotion_smokeTotals(release);
    if (!smoke || smoke.totals.total === 0) {
        refusals.push(`${capitalize(name)} has no smoke results: the quality gate needs smoke-test's checks to have run on ${from}.`);
    }
    else {
        const { totals, byCategory, failedStacks } = smoke;
        if (failedStacks.length > 0) {
            refusals.push(`Smoke tests failed for ${failedStacks.map((s) => `stack ${s}`).join(', ')} in ${name} (${totals.passed} of ${totals.total} checks passed).`);
        }
        // Whole numbers compared, so that 95% of 20 checks is exactly 19 and no rounding lets 18 through.
        if (totals.passed * 100 < threshold * totals.total) {
            refusals.push(`The smoke pass rate of ${name} is ${percent(totals)} (${totals.passed} of ${totals.total} checks), below the required ${threshold}%.`);
        }
        for (const category of demanded) {
            const tally = byCategory[category];
            if (!tally || tally.total === 0) {
                refusals.push(`No ${category} checks ran in ${name}, and quality-categories demands that they run and pass.`);
            }
            else if (tally.notRun === tally.total) {
                refusals.push(`The ${category} checks of ${name} did not run: the deadline left all ${tally.total} of them unrun.`);
            }
            else if (tally.passed < tally.total) {
                const unrun = tally.notRun > 0 ? `, ${tally.notRun} did not run` : '';
                refusals.push(`The ${category} checks of ${name} did not pass: ${tally.passed} of ${tally.total} passed${unrun}.`);
            }
        }
    }
    if (maxAge !== undefined) {
        const age = ageSeconds(release, policy.now);
        if (age > maxAge) {
            refusals.push(`${capitalize(name)} is ${(0,duration/* formatAge */.nV)(age)} old (made ${release.createdAt}), older than max-release-age ${policy.maxReleaseAge?.trim()}.`);
        }
    }
    return refusals;
}
/**
 * One line for comments, summaries and reports: `release 1234 of staging (commit abc123def456, image
 * ami-0abc, smoke 22/22, age 3 h)`. Plain text: put it through src/markdown/escape.ts in Markdown.
 */
function describeRelease(release, now) {
    return describeReleaseRef(promotion_releaseRef(release), now);
}
/** What a binding (and a later release's `source`) keeps of a release: enough to describe it. */
function promotion_releaseRef(release) {
    const smoke = promotion_smokeTotals(release);
    const { image } = release;
    return {
        environment: release.environment,
        runId: release.runId,
        runAttempt: release.runAttempt,
        commit: release.commit,
        createdAt: release.createdAt,
        ...(image
            ? {
                image: {
                    id: image.id,
                    name: image.name,
                    ...(image.identifier ? { identifier: image.identifier } : {}),
                },
            }
            : {}),
        ...(smoke ? { smoke: { passed: smoke.totals.passed, total: smoke.totals.total } } : {}),
    };
}
/** describeRelease of a release known by its binding: the same words. */
function describeReleaseRef(release, now) {
    const image = !release.image
        ? 'no image build'
        : `image ${release.image.identifier ?? (release.image.id || release.image.name)}`;
    const tests = release.smoke ? `smoke ${release.smoke.passed}/${release.smoke.total}` : 'no smoke tests';
    return `${promotion_releaseName(release)} (commit ${release.commit.slice(0, 12)}, ${image}, ${tests}, age ${(0,duration/* formatAge */.nV)(ageSeconds(release, now))})`;
}
/**
 * The sentence comments, summaries and reports open with for a plan or release that deploys another
 * again: `Promotes release 1234 of staging (…)`, `Rollback of prod to release 1200 (…)`.
 */
function promotion_describeSource(source, now) {
    const described = describeReleaseRef(source, now);
    if (source.kind === 'promotion')
        return `Promotes ${described}`;
    const what = source.scope === 'image' ? 'the image of ' : '';
    return `Rollback of ${source.environment} to ${what}${described}`;
}
/** `release 1234 of staging`, with the attempt when the run was re-run. */
function promotion_releaseName(release) {
    const attempt = release.runAttempt > 1 ? ` (attempt ${release.runAttempt})` : '';
    return `release ${release.runId}${attempt} of ${release.environment}`;
}
function ageSeconds(release, now) {
    return ((0,duration/* epochMs */.e9)(now, 'now') - (0,duration/* epochMs */.e9)(release.createdAt, 'the release time')) / 1000;
}
/** Rounded down to a tenth, so that 21 of 22 reads 95.4% and never 100%. */
function percent(tally) {
    return `${Math.floor((tally.passed * 1000) / tally.total) / 10}%`;
}
function add(into, tally) {
    into.passed += tally.passed;
    into.failed += tally.failed;
    into.notRun += tally.notRun;
    into.total += tally.total;
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./lib/markdown/escape.js
/**
 * The one Markdown escaper: every job summary, pull-request comment, issue and report puts text it did
 * not write (from plans, pull requests, templates, inventories, tool output) into GitHub Markdown
 * through these functions, without letting it change the layout or add markup. Such text goes into a
 * code span, a `<code>` element or a fenced code block: GitHub does not turn @mentions, #references
 * or :emoji: into links there, and Markdown inside is not parsed. What remains is to make sure the
 * text cannot end its container early, which each function below handles for its own container.
 * Plain text (`cellText`, `htmlText`, `headingText`) is escaped so that it reads as itself.
 */
// Characters that are invisible or reorder text (the "Trojan Source" family), and the two line
// separators JSON.stringify leaves raw: each is shown as its \u escape instead.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;
function escapeInvisible(text) {
    return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Text made safe to show on one line: line breaks and other control characters become escapes. */
function escape_oneLine(text) {
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u001F\u007F-\u009F]/g;
    return escapeInvisible(text).replace(controls, (c) => {
        if (c === '\n')
            return '\\n';
        if (c === '\r')
            return '\\r';
        if (c === '\t')
            return '\\t';
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}
/** Longest run of `char` in text. */
function longestRun(text, char) {
    let longest = 0;
    let current = 0;
    for (const c of text) {
        current = c === char ? current + 1 : 0;
        if (current > longest)
            longest = current;
    }
    return longest;
}
/**
 * A code span for running text and list items (not table cells: see `cellCode`). A span ends at the
 * next run of exactly as many backticks as opened it, so the fence is one longer than any run inside;
 * the padding spaces keep a leading or trailing backtick from joining the fence (CommonMark strips one
 * space on each side).
 */
function escape_codeSpan(text) {
    const content = escape_oneLine(text);
    if (content === '')
        return '` `';
    const fence = '`'.repeat(longestRun(content, '`') + 1);
    // A content of spaces only is not stripped, so it takes no padding.
    const pad = content.startsWith('`') || content.endsWith('`') || (/^ .* $/.test(content) && /[^ ]/.test(content))
        ? ' '
        : '';
    return `${fence}${pad}${content}${pad}${fence}`;
}
const HTML_ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
/**
 * Plain text in a table cell or list item, where code would not read well (names, messages): the
 * characters Markdown and the table read as syntax backslash-escaped, on one line.
 */
function escape_cellText(text) {
    return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}
/** Text inside an HTML block (such as a `<summary>` line): HTML-escaped, on one line. */
function escape_htmlText(text) {
    return escape_oneLine(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
/**
 * Code inside a GFM table cell. A pipe splits the cell even inside a code span, and whether a
 * backslash before it escapes it depends on the backslashes before that, so no span is used: a
 * `<code>` element with every ASCII punctuation character as a numeric reference, which neither the
 * table nor Markdown reads as syntax.
 */
function escape_cellCode(text) {
    const content = escape_oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<code>${content}</code>`;
}
/**
 * Code in a GFM table cell where a code span reads as one: a span when the text has no pipe (the only
 * character that splits a cell inside a span), else `cellCode`, since no escaping of a pipe inside a
 * span shows every text as itself.
 */
function escape_cellSpan(text) {
    return text.includes('|') ? escape_cellCode(text) : escape_codeSpan(text);
}
/**
 * Text as a heading (or any running text outside code): no markup, no HTML, and no @mention (a word
 * joiner after each `@`), since headings are made of repository, workflow and stack names.
 */
function escape_headingText(text) {
    return escape_oneLine(text)
        .replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c)
        .replace(/[\\`*_{}[\]|#!~]/g, (c) => `\\${c}`)
        .replace(/@/g, '@\u2060');
}
/** A link target GitHub renders as given: http(s) only, with the characters that end a link encoded. */
function linkUrl(url) {
    if (!url)
        return undefined;
    try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
            return undefined;
        return parsed.href.replace(/[()[\]<> "'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
    catch {
        return undefined;
    }
}
/**
 * A fenced code block. It ends at a line that starts (after up to three spaces) with a run of at least
 * as many backticks as opened it, so the fence is longer than any run in the content.
 */
function codeBlock(content, info = '') {
    const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
    return `${fence}${info}\n${content}\n${fence}`;
}
/** Multi-line text for a code block: control characters other than the line breaks escaped. */
function blockText(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map((line) => escape_oneLine(line))
        .join('\n');
}
/** Shortens text to at most `max` characters, saying how much was left out. */
function escape_truncate(text, max) {
    if (text.length <= max)
        return text;
    // Never cut a surrogate pair in half: a lone surrogate is not valid text for the API.
    const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
    return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

;// CONCATENATED MODULE: ./lib/report/release.js




/** The Release section of the run's artifacts; undefined when the run recorded no release. */
function release_releaseSection(artifacts, now) {
    const found = artifacts.filter((a) => a.kind === 'release');
    if (found.length === 0)
        return undefined;
    const section = { releases: [], warnings: [] };
    for (const a of found) {
        if (a.kind === 'release' && a.release && !a.problem) {
            section.releases.push(releaseView(a.name, a.release, now));
        }
        else {
            section.warnings.push({ artifact: a.name, problem: a.problem ?? 'it holds no release record' });
        }
    }
    return section;
}
function releaseView(artifact, release, now) {
    const name = releaseName(release);
    const why = release.outcome === 'failure' && release.failure ? ` — ${release.failure}` : '';
    const totals = smokeTotals(release)?.totals;
    return {
        artifact,
        outcome: release.outcome,
        headline: `${release_capitalize(name)}: ${release.outcome}${why}`,
        source: release.source ? describeSource(release.source, now) : undefined,
        timeToRestore: timeToRestoreSentence(release),
        commit: release.commit.slice(0, 12),
        image: imageIdentifier(release),
        smoke: totals ? `${totals.passed}/${totals.total}` : undefined,
        stacks: release.stacks.map((s) => ({
            stack: s.stack,
            planDigest: shortDigest(s.planDigest),
            smoke: s.smoke ? `${s.smoke.passed}/${s.smoke.total}` : undefined,
        })),
    };
}
function timeToRestoreSentence(release) {
    const restore = release.timeToRestore;
    if (!restore)
        return undefined;
    // The record may say how long without saying which release failed: then it is only "the one before".
    const failed = release.replaces ? `release ${release.replaces.runId}` : 'the release before';
    return `Time to restore: ${formatDuration(restore.seconds)} (from the failure of ${failed} at ${restore.failedAt} to this release's success at ${restore.restoredAt})`;
}
function release_capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./lib/report/policy.js


const finding = schemas/* object */.Ikc({ rule: schemas/* string */.YjP(), message: schemas/* string */.YjP(), address: schemas/* string */.YjP().optional() });
/**
 * The parts of the approval record's `policy` the report shows, read leniently: the record's reader
 * has checked it against its contract, and a record from a version without the field has none.
 */
const recordPolicy = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(['enforce', 'warn']),
    namespace: schemas/* string */.YjP().optional(),
    passed: schemas/* boolean */.zMY(),
    failures: schemas/* array */.YOg(finding).catch([]),
    accepted: schemas/* object */.Ikc({
        by: schemas/* array */.YOg(schemas/* object */.Ikc({ login: schemas/* string */.YjP(), at: schemas/* string */.YjP().optional(), commentUrl: schemas/* string */.YjP().optional() })),
        failures: schemas/* array */.YOg(finding).catch([]),
    })
        .optional()
        .catch(undefined),
});
/** The approval record's policy part, or undefined when it has none it can show. */
function recordPolicyOf(record) {
    const parsed = recordPolicy.safeParse(record.policy);
    return parsed.success ? parsed.data : undefined;
}
const sameFindings = (a, b) => JSON.stringify(canonicalFindings(a)) === JSON.stringify(canonicalFindings(b));
function statusOf(mode, passed, accepted) {
    if (passed)
        return 'passed';
    if (mode === 'warn')
        return 'warned';
    return accepted ? 'accepted' : 'failed';
}
function acceptance(policy, failures) {
    const accepted = policy?.accepted;
    if (!accepted || accepted.by.length === 0)
        return undefined;
    return {
        by: accepted.by.map((a) => ({ login: a.login, at: a.at, commentUrl: a.commentUrl })),
        failures: accepted.failures.length,
        exact: sameFindings(accepted.failures, failures),
    };
}
function fromManifest(manifest, records) {
    const policy = manifest.policy;
    if (!policy)
        return undefined;
    const record = records.find((r) => r.stack === manifest.stack && r.planDigest === manifest.planDigest);
    const accepted = acceptance(record && recordPolicyOf(record), policy.failures);
    return {
        stack: manifest.stack,
        planDigest: manifest.planDigest,
        mode: policy.mode,
        namespace: policy.namespace,
        conftestVersion: policy.conftestVersion,
        evaluated: policy.evaluated,
        passed: policy.passed,
        status: statusOf(policy.mode, policy.passed, accepted?.exact ?? false),
        failures: policy.failures,
        warnings: policy.warnings,
        ...(accepted ? { accepted } : {}),
    };
}
function fromRecord(record) {
    const policy = recordPolicyOf(record);
    if (!policy)
        return undefined;
    const accepted = acceptance(policy, policy.failures);
    return {
        stack: record.stack,
        planDigest: record.planDigest,
        mode: policy.mode,
        namespace: policy.namespace,
        passed: policy.passed,
        status: statusOf(policy.mode, policy.passed, accepted?.exact ?? false),
        failures: policy.failures,
        warnings: [],
        ...(accepted ? { accepted } : {}),
    };
}
/** Every stack's policy check the run's artifacts tell of, by stack. */
function policy_policyViews(artifacts) {
    const manifests = artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
    const records = artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
    const views = manifests.flatMap((m) => fromManifest(m, records) ?? []);
    const planned = new Set(manifests.map((m) => m.stack));
    views.push(...records.filter((r) => !planned.has(r.stack)).flatMap((r) => fromRecord(r) ?? []));
    return views.sort((a, b) => a.stack.localeCompare(b.stack));
}
/**
 * The stage table's figure for a plan: what the check said, in a few words (plain text). Who accepted
 * failures is the approval's figure: the plan row says what the bundle holds.
 */
function policy_policyFigure(policy) {
    const warn = policy.mode === 'warn' ? ' (policy-mode: warn)' : '';
    if (policy.passed)
        return `policy passed${warn}`;
    const n = policy.failures.length;
    return `policy: ${n} ${n === 1 ? 'failure' : 'failures'}${warn}`;
}
/** The approval's figure when policy owners accepted the plan's failures. Plain text. */
function policy_acceptanceFigure(record) {
    const accepted = recordPolicyOf(record)?.accepted;
    if (!accepted || accepted.by.length === 0)
        return undefined;
    return `policy failures accepted by ${accepted.by.map((a) => a.login).join(', ')}`;
}
/** The sentence the Policy section says of a stack. Plain text, escaped where rendered. */
function policy_policySentence(view) {
    const n = view.failures.length;
    const failures = `${n} ${n === 1 ? 'failure' : 'failures'}`;
    const where = [
        view.namespace ? `namespace ${view.namespace}` : '',
        view.conftestVersion ? `conftest ${view.conftestVersion}` : '',
    ]
        .filter(Boolean)
        .join(', ');
    const at = where ? ` (${where})` : '';
    switch (view.status) {
        case 'passed':
            return `passed${view.evaluated !== undefined ? `: ${view.evaluated} ${view.evaluated === 1 ? 'rule' : 'rules'} evaluated` : ''}${at}${view.mode === 'warn' ? '; ran with policy-mode: warn' : ''}`;
        case 'warned':
            return `ran with policy-mode: warn: ${failures} shown, not enforced${at}`;
        case 'accepted':
            return `${failures} accepted by ${(view.accepted?.by ?? []).map((a) => a.login).join(', ')}${at}`;
        case 'failed':
            return view.accepted
                ? `${failures}; the acceptance by ${view.accepted.by.map((a) => a.login).join(', ')} does not name exactly these failures, so tf-apply refuses the plan${at}`
                : `${failures}, not accepted: the plan is not approved and tf-apply refuses it until a policy owner accepts them${at}`;
    }
}

;// CONCATENATED MODULE: ./lib/report/model.js



/**
 * The deployment report as data: one row a stage (per stack), each with a status, times and key
 * figures, the outcome of the whole run, and the counts that deployment metrics are made from. Built
 * from the artifacts the stages left and, when the API can be read, from the run's jobs: a stage that
 * failed before it uploaded anything is only visible there.
 */
const STAGES = (/* unused pure expression or super */ null && (['validate', 'image', 'plan', 'approve', 'apply', 'configure', 'smoke']));
const JOB_STAGE = (/* unused pure expression or super */ null && ([
    [/smoke|verify|test/i, 'smoke'],
    [/ansible|configure/i, 'configure'],
    [/apply|deploy/i, 'apply'],
    [/approv|gate|review/i, 'approve'],
    [/plan/i, 'plan'],
    [/packer|image|bake/i, 'image'],
    [/validate|lint/i, 'validate'],
]));
/**
 * A job's own name: GitHub names the jobs of a called workflow `<caller> / <job>` (nested calls add more
 * segments), and only the last segment says what the job does; `deploy / wave 1 / plan network` plans.
 */
function ownName(name) {
    return name.split(' / ').at(-1) ?? name;
}
/** Which stage a job is, by its own name; none for jobs of other kinds (such as the report itself). */
function stageOfJob(name) {
    const own = ownName(name);
    if (/report/i.test(own))
        return undefined;
    return JOB_STAGE.find(([pattern]) => pattern.test(own))?.[1];
}
/**
 * The stack a job names, among the stacks the report knows: `apply vms`, or a matrix leg's default name
 * `apply (vms, prod)`. None when the job names no known stack, as a single-stack pipeline's `apply` does.
 */
function stackOfJob(name, stacks) {
    return ownName(name)
        .split(/[\s(),]+/)
        .find((word) => stacks.has(word));
}
function seconds(from, to) {
    if (!from || !to)
        return undefined;
    const value = (Date.parse(to) - Date.parse(from)) / 1000;
    return Number.isFinite(value) && value >= 0 ? value : undefined;
}
function minusSeconds(at, value) {
    return new Date(Date.parse(at) - value * 1000).toISOString();
}
const plus = (n, sign) => `${sign}${n}`;
function row(stage, stack, status, extra = {}) {
    return { stage, stack, status, estimated: false, figures: [], ...extra };
}
/** The stage rows the artifacts tell of, before the jobs are taken into account. */
function rowsFromArtifacts(artifacts) {
    const rows = [];
    const unreadable = (stage, a) => row(stage, a.stack, 'unreadable', { finishedAt: a.createdAt, note: `${a.name}: ${a.problem ?? ''}` });
    const byStack = new Map();
    for (const artifact of artifacts) {
        const kinds = byStack.get(artifact.stack) ?? {};
        kinds[artifact.kind] = artifact;
        byStack.set(artifact.stack, kinds);
    }
    for (const a of artifacts) {
        if (a.problem) {
            const stage = { plan: 'plan', approval: 'approve', image: 'image', ansible: 'configure', smoke: 'smoke' }[a.kind];
            if (stage)
                rows.push(unreadable(stage, a));
            continue;
        }
        switch (a.kind) {
            case 'validate':
                rows.push(row('validate', a.stack, 'success', {
                    finishedAt: a.createdAt,
                    figures: [`${a.files?.length ?? 0} file(s)`],
                }));
                break;
            case 'image': {
                const m = a.metadata;
                if (!m)
                    break;
                rows.push(row('image', m.name, 'success', {
                    finishedAt: m.buildTime,
                    figures: [
                        `image ${m.imageId || '(none)'}`,
                        `packer ${m.packerVersion}`,
                        ...(m.skipped ? [`reused from run ${m.builtBy.runId}`] : []),
                    ],
                }));
                break;
            }
            case 'plan': {
                const m = a.manifest;
                if (!m)
                    break;
                const s = m.summary;
                rows.push(row('plan', m.stack, 'success', {
                    finishedAt: m.createdAt,
                    figures: [
                        `${plus(s.add, '+')} ${plus(s.change, '~')} ${plus(s.destroy, '-')}${s.replace ? ` ±${s.replace}` : ''}`,
                        `${m.tool.name} ${m.tool.version}`,
                        `digest ${m.planDigest.slice(0, 19)}`,
                        ...(a.encrypted ? ['encrypted'] : []),
                        ...(m.policy ? [policyFigure(m.policy)] : []),
                    ],
                }));
                break;
            }
            case 'approval': {
                const r = a.record;
                if (!r)
                    break;
                const status = r.status === 'approved' ? 'success' : r.status === 'rejected' ? 'failure' : 'pending';
                const who = r.approvers.map((v) => v.login);
                const accepted = acceptanceFigure(r);
                rows.push(row('approve', r.stack, status, {
                    finishedAt: r.decidedAt,
                    figures: [
                        `${r.status} by ${r.decidedBy}${who.length > 0 ? `: ${who.join(', ')}` : ''}`,
                        `digest ${r.planDigest.slice(0, 19)}`,
                        ...(accepted ? [accepted] : []),
                    ],
                    ...(status !== 'success'
                        ? {
                            note: r.rejects.length > 0
                                ? `rejected by ${r.rejects.map((v) => v.login).join(', ')}`
                                : undefined,
                        }
                        : {}),
                }));
                break;
            }
            case 'ansible': {
                const r = a.results;
                if (!r)
                    break;
                const hosts = Object.keys(r.recap).length;
                const changed = Object.values(r.recap).filter((h) => h.changed > 0).length;
                const failed = r.exitCode !== 0 || r.failedHosts.length > 0 || r.unreachableHosts.length > 0;
                rows.push(row('configure', r.stack, failed ? 'failure' : 'success', {
                    startedAt: minusSeconds(r.createdAt, r.durationSeconds),
                    finishedAt: r.createdAt,
                    durationSeconds: r.durationSeconds,
                    figures: [
                        `${hosts} host(s), ${changed} changed`,
                        ...(r.failedHosts.length > 0 ? [`failed: ${r.failedHosts.join(', ')}`] : []),
                        ...(r.unreachableHosts.length > 0 ? [`unreachable: ${r.unreachableHosts.join(', ')}`] : []),
                        ...(r.check ? ['check mode'] : []),
                    ],
                    ...(failed ? { note: `ansible-playbook exited ${r.exitCode}` } : {}),
                }));
                break;
            }
            case 'smoke': {
                const s = a.smoke;
                if (!s)
                    break;
                const finishedAt = s.createdAt ?? a.createdAt;
                rows.push(row('smoke', s.stack ?? a.stack, s.failed > 0 ? 'failure' : 'success', {
                    finishedAt,
                    ...(finishedAt && s.durationSeconds > 0
                        ? { startedAt: minusSeconds(finishedAt, s.durationSeconds), durationSeconds: s.durationSeconds }
                        : {}),
                    figures: [`${s.passed} passed, ${s.failed} failed of ${s.checks.length}`],
                    ...(s.failed > 0
                        ? {
                            note: `failed: ${s.checks
                                .filter((c) => c.status !== 'passed')
                                .map((c) => c.name)
                                .join(', ')}`,
                        }
                        : {}),
                }));
                break;
            }
            default:
                break;
        }
    }
    // The apply leaves outputs (and an inventory) when it succeeds, errored state when the backend
    // refused the state; an approved plan with neither means the apply never ran or failed early.
    for (const [stack, kinds] of byStack) {
        const outputs = kinds.outputs;
        const errored = kinds['errored-state'];
        const inventory = kinds.inventory;
        if (errored) {
            rows.push(row('apply', stack, 'failure', {
                finishedAt: errored.createdAt,
                figures: [
                    `errored state kept as ${errored.name}${errored.kind === 'errored-state' && errored.encrypted ? ' (encrypted)' : ''}`,
                ],
                note: 'the apply failed and the backend did not take the state: push the errored state before planning again',
            }));
        }
        else if (outputs?.kind === 'outputs' && outputs.destroyed && !outputs.problem) {
            const d = outputs.destroyed;
            rows.push(row('apply', stack, 'destroyed', {
                finishedAt: d.destroyedAt,
                figures: [`destroyed at ${d.destroyedAt}`, `digest ${d.planDigest.slice(0, 19)}`],
            }));
        }
        else if (outputs) {
            const names = outputs.kind === 'outputs' ? (outputs.outputNames ?? []) : [];
            const hosts = inventory?.kind === 'inventory' ? (inventory.hosts ?? []) : [];
            rows.push(row('apply', stack, outputs.problem ? 'unreadable' : 'success', {
                finishedAt: outputs.createdAt,
                figures: [
                    `${names.length} output(s)`,
                    ...(inventory ? [`inventory: ${hosts.length} host(s)`] : []),
                ],
                ...(outputs.problem ? { note: `${outputs.name}: ${outputs.problem}` } : {}),
            }));
        }
        else if (kinds.approval?.kind === 'approval' && kinds.approval.record?.status === 'approved') {
            rows.push(row('apply', stack, 'missing', {
                note: `the plan was approved, but no ${stack ? `outputs-${stack}` : 'outputs'} artifact exists: the apply did not run, or failed`,
            }));
        }
    }
    return rows;
}
const JOB_STATUS = {
    success: 'success',
    failure: 'failure',
    timed_out: 'failure',
    cancelled: 'failure',
    startup_failure: 'failure',
    action_required: 'pending',
    skipped: 'skipped',
    neutral: 'success',
};
/**
 * Puts the jobs' times and conclusions onto the rows: a job's times are what the stage took, and a
 * failed job fails its stage even when the artifacts look complete. A stage whose job failed before it
 * uploaded anything gets a row of its own.
 */
function applyJobs(rows, jobs) {
    const stacks = new Set(rows.map((r) => r.stack).filter((stack) => stack !== ''));
    for (const job of jobs) {
        const stage = stageOfJob(job.name);
        if (!stage)
            continue;
        const status = job.status !== 'completed' ? 'pending' : (JOB_STATUS[job.conclusion ?? ''] ?? 'failure');
        // A job that names its stack (one matrix leg of a multi-stack pipeline) speaks for that stack's row
        // only; one that names none speaks for every row of its stage.
        const stack = stackOfJob(job.name, stacks);
        const matching = rows.filter((r) => r.stage === stage && r.job === undefined && (stack === undefined || r.stack === stack));
        const times = {
            startedAt: job.startedAt,
            finishedAt: job.completedAt,
            durationSeconds: seconds(job.startedAt, job.completedAt),
            job: job.name,
        };
        if (matching.length === 0) {
            if (status === 'skipped' && !job.startedAt) {
                rows.push(row(stage, stack ?? '', 'skipped', { job: job.name, note: `job ${job.name} was skipped` }));
                continue;
            }
            rows.push(row(stage, stack ?? '', status, {
                ...times,
                // A stage job that succeeded with nothing to record (a stack without a playbook) says so.
                ...(status !== 'success'
                    ? { note: `job ${job.name}: ${job.conclusion ?? job.status}, and it left no artifact` }
                    : { figures: ['no artifact'] }),
            }));
            continue;
        }
        for (const r of matching) {
            Object.assign(r, times);
            if (status === 'failure' && r.status !== 'failure') {
                r.status = 'failure';
                r.note = `job ${job.name} failed`;
            }
            if (status === 'success' && r.status === 'missing')
                r.status = 'success';
        }
    }
}
/** Rows in pipeline order, then by stack; rows without a start begin where the stage before ended. */
function orderAndEstimate(rows) {
    const sorted = rows.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || a.stack.localeCompare(b.stack));
    let lastEnd;
    for (const r of sorted) {
        if (!r.startedAt && r.finishedAt) {
            const start = lastEnd && Date.parse(lastEnd) <= Date.parse(r.finishedAt) ? lastEnd : r.finishedAt;
            r.startedAt = start;
            r.estimated = true;
        }
        r.durationSeconds ??= seconds(r.startedAt, r.finishedAt);
        if (r.finishedAt && (!lastEnd || Date.parse(r.finishedAt) > Date.parse(lastEnd)))
            lastEnd = r.finishedAt;
    }
    return sorted;
}
function outcomeOf(rows, jobs) {
    const failedJob = jobs.some((j) => j.status === 'completed' && stageOfJob(j.name) && JOB_STATUS[j.conclusion ?? ''] === 'failure');
    if (failedJob ||
        rows.some((r) => r.status === 'failure' || r.status === 'missing' || r.status === 'unreadable'))
        return 'failure';
    if (rows.some((r) => r.status === 'pending'))
        return 'pending';
    return 'success';
}
function buildModel(input) {
    const rows = rowsFromArtifacts(input.artifacts);
    applyJobs(rows, input.jobs);
    const stages = orderAndEstimate(rows);
    const starts = stages
        .map((r) => r.startedAt)
        .filter((t) => !!t)
        .sort();
    const ends = stages
        .map((r) => r.finishedAt)
        .filter((t) => !!t)
        .sort();
    const { run } = input;
    const release = releaseSection(input.artifacts, input.now);
    return {
        title: input.title ?? `${run.owner}/${run.repo}${input.workflow ? ` · ${input.workflow}` : ''}`,
        outcome: outcomeOf(stages, input.jobs),
        run: {
            repository: `${run.owner}/${run.repo}`,
            runId: run.runId,
            runAttempt: run.runAttempt,
            url: run.runUrl,
            commit: run.sha,
            ref: run.ref,
            actor: run.actor,
        },
        generatedAt: input.now.toISOString(),
        stages,
        artifacts: input.artifacts,
        jobs: input.jobs,
        jobsNote: input.jobsNote,
        startedAt: starts[0],
        finishedAt: ends.at(-1),
        ...(release ? { release } : {}),
        policy: policyViews(input.artifacts),
    };
}
/** The stacks whose outputs artifact says they were destroyed, by stack. */
function model_destroyedStacks(artifacts) {
    return artifacts
        .flatMap((a) => (a.kind === 'outputs' && a.destroyed && !a.problem ? [a.destroyed] : []))
        .sort((a, b) => a.stack.localeCompare(b.stack));
}
/** report.json: what deployment metrics (frequency, change failure rate, time to restore) are made from. */
function reportJson(model) {
    const plans = model.artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
    const sum = (pick) => plans.reduce((total, m) => total + pick(m.summary), 0);
    const ansible = model.artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
    const smoke = model.artifacts.flatMap((a) => (a.kind === 'smoke' && a.smoke ? [a.smoke] : []));
    const approvals = model.artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
    const releases = model.artifacts.flatMap((a) => (a.kind === 'release' && a.release ? [a.release] : []));
    const applies = model.stages.filter((r) => r.stage === 'apply');
    // A destroyed stack's apply is no deployment: deployment frequency does not count a destroy.
    const deployed = applies.length > 0 && applies.every((r) => r.status === 'success');
    const afterApply = model.stages.filter((r) => ['apply', 'configure', 'smoke'].includes(r.stage));
    return {
        schema: 'iac/report@1',
        producer: { action: 'report', version: SUITE_VERSION },
        title: model.title,
        outcome: model.outcome,
        run: model.run,
        generatedAt: model.generatedAt,
        startedAt: model.startedAt ?? null,
        finishedAt: model.finishedAt ?? null,
        durationSeconds: model.startedAt && model.finishedAt ? (seconds(model.startedAt, model.finishedAt) ?? null) : null,
        stages: model.stages.map((r) => ({
            stage: r.stage,
            stack: r.stack,
            status: r.status,
            startedAt: r.startedAt ?? null,
            finishedAt: r.finishedAt ?? null,
            durationSeconds: r.durationSeconds ?? null,
            estimated: r.estimated,
            figures: r.figures,
            ...(r.job ? { job: r.job } : {}),
            ...(r.note ? { note: r.note } : {}),
        })),
        metrics: {
            /** A deployment happened: every apply of the run succeeded (deployment frequency counts these). */
            deployment: deployed,
            /** A change reached the apply and something from the apply on failed (change failure rate). */
            changeFailure: applies.length > 0 && afterApply.some((r) => r.status === 'failure' || r.status === 'missing'),
            /** With the previous failed run's finishedAt, a success here gives the time to restore. */
            restored: deployed && model.outcome === 'success',
            // With `metrics: true`, metrics.json (iac/metrics@1) besides these flags of the run: its keys are
            // others, so metricsSchema reads this object as it reads metrics.json.
            ...(model.metricsSection && 'metrics' in model.metricsSection ? model.metricsSection.metrics : {}),
        },
        counts: {
            plan: {
                stacks: plans.length,
                add: sum((s) => s.add),
                change: sum((s) => s.change),
                destroy: sum((s) => s.destroy),
                replace: sum((s) => s.replace),
                import: sum((s) => s.import),
                move: sum((s) => s.move),
                deletes: plans.flatMap((m) => m.summary.deletes.map((address) => `${m.stack}:${address}`)),
            },
            approvals: approvals.map((r) => ({
                stack: r.stack,
                status: r.status,
                planDigest: r.planDigest,
                decidedBy: r.decidedBy,
                approvers: r.approvers.map((v) => v.login),
            })),
            ansible: {
                hosts: ansible.reduce((n, r) => n + Object.keys(r.recap).length, 0),
                changedHosts: ansible.reduce((n, r) => n + Object.values(r.recap).filter((h) => h.changed > 0).length, 0),
                failedHosts: ansible.reduce((n, r) => n + r.failedHosts.length + r.unreachableHosts.length, 0),
            },
            smoke: {
                total: smoke.reduce((n, s) => n + s.checks.length, 0),
                passed: smoke.reduce((n, s) => n + s.passed, 0),
                failed: smoke.reduce((n, s) => n + s.failed, 0),
            },
        },
        artifacts: model.artifacts.map((a) => ({
            name: a.name,
            kind: a.kind,
            stack: a.stack,
            read: !a.problem,
            ...(a.problem ? { problem: a.problem } : {}),
        })),
        /** The stacks this run destroyed, as their outputs artifacts' destroyed.json say. */
        destroyed: model_destroyedStacks(model.artifacts),
        ...(model.backup ? { backup: model.backup } : {}),
        // The records as read, for metrics over releases; a record that did not read is in `artifacts`.
        ...(model.release ? { releases } : {}),
        // How many events the trail holds (the events are the `<prefix>-audit` artifact), and the parts not read.
        ...(model.audit
            ? {
                audit: {
                    events: model.audit.events.length,
                    unread: model.audit.problems.map((p) => p.artifact),
                },
            }
            : {}),
        // Each stack's policy check: its status, failures and who accepted them; absent when none ran.
        ...(model.policy.length > 0 ? { policy: model.policy.map(policyJson) } : {}),
    };
}
function policyJson(view) {
    return {
        stack: view.stack,
        planDigest: view.planDigest,
        mode: view.mode,
        status: view.status,
        passed: view.passed,
        ...(view.namespace ? { namespace: view.namespace } : {}),
        ...(view.conftestVersion ? { conftestVersion: view.conftestVersion } : {}),
        ...(view.evaluated !== undefined ? { evaluated: view.evaluated } : {}),
        failures: view.failures,
        warnings: view.warnings,
        ...(view.accepted
            ? {
                accepted: {
                    by: view.accepted.by.map((a) => ({
                        login: a.login,
                        ...(a.at ? { at: a.at } : {}),
                        ...(a.commentUrl ? { commentUrl: a.commentUrl } : {}),
                    })),
                    failures: view.accepted.failures,
                    exact: view.accepted.exact,
                },
            }
            : {}),
    };
}

;// CONCATENATED MODULE: ./lib/report/html-template.js

/**
 * The tagged template report.html is built with: it escapes every interpolated value with the
 * repository's HTML escaping, so nothing read from an artifact can add an element or an attribute.
 * Only what the template itself made (SafeHtml) goes in as markup.
 */
class SafeHtml {
    value;
    constructor(value) {
        this.value = value;
    }
    toString() {
        return this.value;
    }
}
function render(value) {
    if (value === undefined || value === null || value === false)
        return '';
    if (value instanceof SafeHtml)
        return value.value;
    if (Array.isArray(value))
        return value.map((v) => render(v)).join('');
    return htmlText(String(value));
}
/** `html\`<td>${text}</td>\``: the literal parts are markup, every value is text unless it is SafeHtml. */
function html_template_html(strings, ...values) {
    return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''));
}

;// CONCATENATED MODULE: ./lib/report/audit.js


/**
 * The run's audit trail in report.md (a table) and report.html (the same rows): when, what, which
 * stack and environment, who, how it ended, for which plan. Every value comes from an artifact and
 * goes through the escapers.
 */
const OUTCOME_MARK = {
    success: ':white_check_mark: success',
    failure: ':x: failure',
    pending: ':hourglass: pending',
    rejected: ':no_entry: rejected',
    warning: ':warning: warning',
};
const OUTCOME_CLASS = {
    success: 'success',
    failure: 'failure',
    pending: 'pending',
    rejected: 'failure',
    warning: 'pending',
};
/** `2026-12-03 09:12:23`: UTC, to the second, which is what an auditor compares across systems. */
function when(iso) {
    return iso.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, '');
}
function actorOf(event) {
    const others = (event.approvers ?? []).filter((login) => login !== event.actor);
    return others.length > 0 ? `${event.actor} (with ${others.join(', ')})` : event.actor;
}
function audit_auditMarkdown(trail) {
    if (!trail || (trail.events.length === 0 && trail.problems.length === 0))
        return [];
    const lines = ['### Audit trail', ''];
    if (trail.events.length > 0) {
        lines.push('| When (UTC) | Step | Stack | Environment | Actor | Outcome | Plan | Detail |', '|---|---|---|---|---|---|---|---|');
        for (const e of trail.events) {
            lines.push(`| ${when(e.startedAt)} | ${e.action} | ${e.stack ? cellSpan(e.stack) : ''} | ${e.environment ? cellSpan(e.environment) : ''} | ${cellSpan(actorOf(e))} | ${OUTCOME_MARK[e.outcome]} | ${e.planDigest ? cellSpan(e.planDigest.slice(0, 19)) : ''} | ${e.detail ? cellText(e.detail) : ''} |`);
        }
    }
    for (const p of trail.problems) {
        lines.push('', `:warning: The trail is incomplete: ${codeSpan(p.artifact)} was not read (${codeSpan(p.problem)}).`);
    }
    return [...lines, ''];
}
function auditHtml(trail) {
    if (!trail || (trail.events.length === 0 && trail.problems.length === 0))
        return '';
    return html `<h2>Audit trail</h2>
    <table id="audit">
      <thead>
        <tr>
          <th>When (UTC)</th>
          <th>Step</th>
          <th>Stack</th>
          <th>Environment</th>
          <th>Actor</th>
          <th>Outcome</th>
          <th>Plan</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        ${trail.events.map((e) => html `<tr data-action="${e.action}" data-outcome="${e.outcome}">
              <td>${when(e.startedAt)}</td>
              <td>${e.action}</td>
              <td>${e.stack ? html `<code>${e.stack}</code>` : ''}</td>
              <td>${e.environment ?? ''}</td>
              <td><code>${actorOf(e)}</code></td>
              <td class="${OUTCOME_CLASS[e.outcome]}">${e.outcome}</td>
              <td>
                ${e.planDigest ? html `<code title="${e.planDigest}">${e.planDigest.slice(0, 19)}</code>` : ''}
              </td>
              <td>${e.detail ?? ''}</td>
            </tr>`)}
      </tbody>
    </table>
    ${trail.problems.map((p) => html `<p class="failure">
          The trail is incomplete: <code>${p.artifact}</code> was not read (${p.problem}).
        </p>`)}`;
}

;// CONCATENATED MODULE: ./lib/report/metrics.js



const STATUS_MARK = {
    met: ':white_check_mark: met',
    missed: ':x: missed',
    'no target': 'no target',
    'no data': 'no data',
};
const STATUS_CLASS = {
    met: 'success',
    missed: 'failure',
    'no target': 'meta',
    'no data': 'meta',
};
/** The colours of the chart's bars: deployments, failures. */
const CHART_COLOUR = { deployments: '#0969da', failures: '#cf222e' };
function number(value) {
    return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
/** A value in its unit, as a person reads it: `12 min 5 s`, `96.7 %`, `1.20 a day`. */
function figureText(unit, value) {
    if (value === null)
        return '–';
    switch (unit) {
        case 'seconds':
            return formatDuration(value);
        case 'percent':
            return `${value.toFixed(1)} %`;
        case 'per-day':
            return `${number(value)} a day`;
        case 'per-week':
            return `${number(value)} a week`;
        case 'count':
            return String(value);
    }
}
function targetText(figure) {
    if (!figure.target)
        return '';
    const op = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' }[figure.target.op];
    return `${op} ${figureText(figure.unit, figure.target.value)}`;
}
/** `2026-11-03`: a week by its first day (UTC). */
function weekLabel(week) {
    return week.from.slice(0, 10);
}
function day(iso) {
    return iso.slice(0, 10);
}
function headline(m) {
    const d = m.deployments;
    const what = m.counted === 'releases' ? 'releases' : 'deployments (no release records in the window)';
    return (`${m.environment}, the last ${m.window.days} days (${day(m.window.from)} to ${day(m.window.to)}): ` +
        `${d.total} ${what}, ${d.succeeded} succeeded, ${d.failed} failed, ${d.rolledBack} rolled back` +
        (d.inProgress > 0 ? `, ${d.inProgress} in progress` : '') +
        (m.restores.open > 0 ? `; not restored since ${m.restores.openSince ?? '?'}` : ''));
}
function emptyText(m) {
    return `No deployments in the window (${m.window.days} days).`;
}
/** The chart as Mermaid's xychart-beta: deployments as bars, failures as a line. */
function mermaidChart(weeks) {
    const top = Math.max(1, ...weeks.map((w) => w.deployments));
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Deployments (bars) and failures (line) per week"',
        `  x-axis [${weeks.map((w) => `"${weekLabel(w)}"`).join(', ')}]`,
        `  y-axis "Deployments" 0 --> ${top}`,
        `  bar [${weeks.map((w) => w.deployments).join(', ')}]`,
        `  line [${weeks.map((w) => w.failures).join(', ')}]`,
        '```',
    ].join('\n');
}
function metrics_metricsMarkdown(section) {
    if (!section)
        return [];
    const lines = ['### Delivery metrics', ''];
    if ('problem' in section)
        return [...lines, `:warning: ${cellText(section.problem)}`, ''];
    const m = section.metrics;
    if (m.deployments.total === 0) {
        lines.push(`${codeSpan(m.environment)}: ${emptyText(m)}`, '');
    }
    else {
        lines.push(headingText(headline(m)), '', '| figure | value | target | status |', '| --- | ---: | --- | --- |', ...m.figures.map((f) => `| ${f.label} | ${figureText(f.unit, f.value)} | ${targetText(f)} | ${STATUS_MARK[f.status]} |`), '', mermaidChart(m.weeks), '');
    }
    for (const note of m.notes)
        lines.push(`- :warning: ${cellText(note)}`);
    if (m.notes.length > 0)
        lines.push('');
    return lines;
}
/** The weeks as inline SVG: per week a deployments bar and a failures bar beside it, to one scale. */
function chartSvg(weeks) {
    const top = Math.max(1, ...weeks.map((w) => w.deployments, ...weeks.map((w) => w.failures)));
    const left = 40;
    const plotHeight = 200;
    const group = 56;
    const bar = 20;
    const width = left + weeks.length * group + 10;
    const base = 10 + plotHeight;
    const scale = plotHeight / top;
    const bars = weeks.map((w, i) => {
        const x = left + i * group + 6;
        const rect = (kind, value, dx) => html `<rect
        class="${kind}"
        data-week="${weekLabel(w)}"
        data-value="${value}"
        x="${x + dx}"
        y="${(base - value * scale).toFixed(1)}"
        width="${bar}"
        height="${(value * scale).toFixed(1)}"
        fill="${CHART_COLOUR[kind]}"
        ><title>${weekLabel(w)}: ${value} ${kind}</title></rect
      >`;
        return html `<g class="week">
      ${rect('deployments', w.deployments, 0)} ${rect('failures', w.failures, bar + 2)}
      <text x="${x + bar}" y="${base + 16}" text-anchor="middle">${weekLabel(w).slice(5)}</text>
    </g>`;
    });
    return html `<svg
    id="metrics-chart"
    role="img"
    aria-label="Deployments and failures per week"
    xmlns="http://www.w3.org/2000/svg"
    width="${width}"
    height="${base + 40}"
    viewBox="0 0 ${width} ${base + 40}"
  >
    <line x1="${left}" y1="10" x2="${left}" y2="${base}" stroke="#d0d7de" />
    <line x1="${left}" y1="${base}" x2="${width - 4}" y2="${base}" stroke="#d0d7de" />
    <text x="${left - 6}" y="16" text-anchor="end">${top}</text>
    <text x="${left - 6}" y="${base}" text-anchor="end">0</text>
    ${bars}
    <rect x="${left}" y="${base + 26}" width="10" height="10" fill="${CHART_COLOUR.deployments}" />
    <text x="${left + 14}" y="${base + 35}">deployments</text>
    <rect x="${left + 110}" y="${base + 26}" width="10" height="10" fill="${CHART_COLOUR.failures}" />
    <text x="${left + 124}" y="${base + 35}">failed or rolled back</text>
  </svg>`;
}
function metricsHtml(section) {
    if (!section)
        return '';
    if ('problem' in section) {
        return html `<h2>Delivery metrics</h2>
      <p class="failure" id="metrics-problem">${section.problem}</p>`;
    }
    const m = section.metrics;
    const notes = m.notes.length > 0
        ? html `<ul>
          ${m.notes.map((n) => html `<li class="pending">${n}</li>`)}
        </ul>`
        : '';
    if (m.deployments.total === 0) {
        return html `<h2>Delivery metrics</h2>
      <p id="metrics-empty"><code>${m.environment}</code>: ${emptyText(m)}</p>
      ${notes}`;
    }
    return html `<h2>Delivery metrics</h2>
    <p class="meta">${headline(m)}</p>
    <table id="metrics">
      <thead>
        <tr>
          <th>figure</th>
          <th>value</th>
          <th>target</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        ${m.figures.map((f) => html `<tr data-figure="${f.name}" data-status="${f.status}">
              <td>${f.label}</td>
              <td class="n">${figureText(f.unit, f.value)}</td>
              <td>${targetText(f)}</td>
              <td class="${STATUS_CLASS[f.status]}">${f.status}</td>
            </tr>`)}
      </tbody>
    </table>
    ${chartSvg(m.weeks)} ${notes}`;
}

;// CONCATENATED MODULE: ./lib/report/format.js
/** `45 s`, `12 min 5 s`, `2 h 3 min`: how the report and the summaries show a duration. */
function format_formatDuration(seconds) {
    if (seconds === undefined)
        return '';
    if (seconds < 60)
        return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60)
        return `${minutes} min ${Math.round(seconds % 60)} s`;
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

;// CONCATENATED MODULE: ./lib/report/markdown.js





/**
 * report.md and the job summary. Every text that came from an artifact (stack names, addresses,
 * logins, messages) goes through the repository's escaping helpers: a code span, or a `<code>`
 * element in a table cell, so none of it can add markup, mentions or links.
 */
const markdown_STATUS_MARK = {
    success: ':white_check_mark: success',
    failure: ':x: failure',
    pending: ':hourglass: pending',
    skipped: ':fast_forward: skipped',
    missing: ':warning: missing',
    unreadable: ':warning: unreadable',
    destroyed: ':wastebasket: destroyed',
};
const markdown_OUTCOME_MARK = {
    success: ':white_check_mark: **Succeeded**',
    failure: ':x: **Failed**',
    pending: ':hourglass: **Waiting**',
};


/** Mermaid's gantt syntax reads `:`, `;`, `#` and line breaks in a task name: only plain characters stay. */
function mermaidLabel(text) {
    return (text
        .replace(/[^A-Za-z0-9 ._()/+-]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim() || 'stage');
}
const MERMAID_STATE = {
    success: 'done, ',
    failure: 'crit, ',
    pending: 'active, ',
    skipped: '',
    missing: 'crit, ',
    unreadable: 'crit, ',
    destroyed: 'done, ',
};
/** The timeline as a Mermaid gantt chart; times as epoch milliseconds so no time zone is involved. */
function mermaidGantt(rows) {
    const timed = rows.filter((r) => r.startedAt && r.finishedAt);
    if (timed.length === 0)
        return undefined;
    const lines = ['```mermaid', 'gantt', '  dateFormat x', '  axisFormat %H:%M:%S', '  section Run'];
    timed.forEach((r, index) => {
        const start = Date.parse(r.startedAt ?? '');
        // A task of no length is not drawn: give every stage at least a second.
        const end = Math.max(Date.parse(r.finishedAt ?? ''), start + 1000);
        const label = mermaidLabel(`${r.stage}${r.stack ? ` ${r.stack}` : ''}`);
        lines.push(`  ${label} :${MERMAID_STATE[r.status]}s${index}, ${start}, ${end}`);
    });
    lines.push('```');
    return lines.join('\n');
}
function stageTable(rows) {
    if (rows.length === 0)
        return ["_No stage left an artifact, and the run's jobs could not be read._"];
    const lines = ['| stage | stack | status | duration | key figures |', '| --- | --- | --- | ---: | --- |'];
    for (const r of rows) {
        const figures = [...r.figures, ...(r.note ? [r.note] : [])].map((f) => cellCode(f)).join(' ');
        const duration = `${formatDuration(r.durationSeconds)}${r.estimated && r.durationSeconds !== undefined ? ' (est.)' : ''}`;
        lines.push(`| ${r.stage} | ${r.stack ? cellCode(r.stack) : ''} | ${markdown_STATUS_MARK[r.status]} | ${duration} | ${figures} |`);
    }
    return lines;
}
/**
 * What the run recorded as releases, right after the verdict: the release is what the run was for. The
 * sentences are plain text from the records (environments, failure reasons, image ids), so they go out
 * as heading text, and names and digests as code.
 */
function releaseMarkdown(section) {
    if (!section)
        return [];
    const lines = ['### Release', ''];
    for (const r of section.releases) {
        lines.push(`${r.outcome === 'success' ? ':white_check_mark:' : ':x:'} **${headingText(r.headline)}**`, '', ...(r.source ? [headingText(r.source), ''] : []), ...(r.timeToRestore ? [headingText(r.timeToRestore), ''] : []), `Commit ${codeSpan(r.commit)} · ${r.image ? `image ${codeSpan(r.image)}` : 'no image build'} · ${r.smoke ? `smoke ${r.smoke}` : 'no smoke tests'} · from ${codeSpan(r.artifact)}`, '', '| stack | plan digest | smoke |', '| --- | --- | ---: |', ...r.stacks.map((s) => `| ${cellCode(s.stack)} | ${cellCode(s.planDigest)} | ${s.smoke ?? ''} |`), '');
    }
    for (const w of section.warnings) {
        lines.push(`:warning: The release record ${codeSpan(w.artifact)} could not be read: ${codeSpan(w.problem)}`, '');
    }
    return lines;
}
/** One line a stack the run destroyed: what the outputs artifact's destroyed.json says. */
function destroyedSection(artifacts) {
    const destroyed = destroyedStacks(artifacts);
    if (destroyed.length === 0)
        return [];
    return [
        '### Destroyed',
        '',
        ...destroyed.map((d) => `- :wastebasket: ${codeSpan(d.stack)} was destroyed at ${codeSpan(d.destroyedAt)} by plan ${codeSpan(d.planDigest)} in run ${d.runId}; it has no outputs now.`),
        '',
    ];
}
function planSection(artifacts) {
    const plans = artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [{ a, m: a.manifest }] : []));
    if (plans.length === 0)
        return [];
    const lines = [
        '### Plans',
        '',
        '| stack | add | change | destroy | replace | import | move | digest |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ];
    for (const { m } of plans) {
        const s = m.summary;
        lines.push(`| ${cellCode(m.stack)} | ${s.add} | ${s.change} | ${s.destroy} | ${s.replace} | ${s.import} | ${s.move} | ${cellCode(m.planDigest)} |`);
    }
    const deletes = plans.flatMap(({ m }) => m.summary.deletes.map((address) => ({ stack: m.stack, address })));
    if (deletes.length > 0) {
        lines.push('', `**Deletes or replaces ${deletes.length} resource(s):**`, '');
        for (const d of deletes.slice(0, 100))
            lines.push(`- ${codeSpan(d.stack)} ${codeSpan(d.address)}`);
        if (deletes.length > 100)
            lines.push(`- … and ${deletes.length - 100} more in report.json`);
    }
    return [...lines, ''];
}
function approvalSection(artifacts) {
    const records = artifacts.flatMap((a) => (a.kind === 'approval' && a.record ? [a.record] : []));
    if (records.length === 0)
        return [];
    const lines = ['### Approvals', ''];
    for (const r of records) {
        const who = r.approvers.length > 0
            ? r.approvers
                .map((v) => `${codeSpan(v.login)} (${codeSpan(v.permission)}, ${codeSpan(v.at)})`)
                .join(', ')
            : r.decidedBy === 'policy'
                ? 'policy'
                : 'nobody';
        lines.push(`- ${codeSpan(r.stack)}: **${r.status}** (${r.decidedBy}, mode ${r.mode}) for plan ${codeSpan(r.planDigest)} by ${who}${r.override ? `; override by ${codeSpan(r.override.by)}: ${codeSpan(r.override.justification)}` : ''}${r.rejects.length > 0 ? `; rejected by ${r.rejects.map((v) => codeSpan(v.login)).join(', ')}` : ''}`);
    }
    return [...lines, ''];
}
const POLICY_MARK = {
    passed: ':white_check_mark:',
    failed: ':x:',
    accepted: ':ballot_box_with_check:',
    warned: ':warning:',
};
/** Failures listed per stack; the rest are in report.json. */
const POLICY_FINDINGS_SHOWN = 20;
/**
 * Each stack's policy check: passed, its failures and whether policy owners accepted them, and a
 * warning mark on every stack that ran with `policy-mode: warn`, which nothing enforced.
 */
function policySection(views) {
    if (views.length === 0)
        return [];
    const lines = ['### Policy', ''];
    for (const view of views) {
        const mark = view.mode === 'warn' ? POLICY_MARK.warned : POLICY_MARK[view.status];
        lines.push(`- ${mark} ${codeSpan(view.stack)}: ${headingText(policySentence(view))}`);
        for (const f of view.failures.slice(0, POLICY_FINDINGS_SHOWN)) {
            const where = f.address ? ` on ${codeSpan(f.address)}` : '';
            lines.push(`  - ${codeSpan(f.rule)}${where}: ${codeSpan(truncate(f.message, 500))}`);
        }
        if (view.failures.length > POLICY_FINDINGS_SHOWN) {
            lines.push(`  - … and ${view.failures.length - POLICY_FINDINGS_SHOWN} more in report.json`);
        }
    }
    return [...lines, ''];
}
function ansibleSection(artifacts) {
    const all = artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
    if (all.length === 0)
        return [];
    const lines = ['### Ansible recap', ''];
    for (const r of all) {
        lines.push(`${codeSpan(r.playbook)} on ${codeSpan(r.stack)}${r.check ? ' (check mode)' : ''}, exit ${r.exitCode}, ${formatDuration(r.durationSeconds)}`, '', '| host | ok | changed | unreachable | failed | skipped |', '| --- | ---: | ---: | ---: | ---: | ---: |');
        for (const [host, h] of Object.entries(r.recap).sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(`| ${cellCode(host)} | ${h.ok} | ${h.changed} | ${h.unreachable} | ${h.failed} | ${h.skipped} |`);
        }
        for (const f of r.failures.slice(0, 20)) {
            lines.push('', `- :x: ${codeSpan(f.host)} ${codeSpan(f.task)}: ${codeSpan(f.message)}`);
        }
        lines.push('');
    }
    return lines;
}
function smokeSection(artifacts) {
    const all = artifacts.flatMap((a) => (a.kind === 'smoke' && a.smoke ? [{ a, s: a.smoke }] : []));
    if (all.length === 0)
        return [];
    const lines = ['### Smoke tests', ''];
    for (const { a, s } of all) {
        lines.push(`${codeSpan(s.stack ?? a.stack)}: ${s.passed} passed, ${s.failed} failed`, '', '| check | kind | category | target | status | attempts | duration | message |', '| --- | --- | --- | --- | --- | ---: | ---: | --- |');
        for (const c of s.checks.slice(0, 200)) {
            lines.push(`| ${cellCode(c.name)} | ${cellCode(c.kind)} | ${cellCode(c.category)} | ${cellCode(c.target)} | ${c.status === 'passed' ? ':white_check_mark:' : ':x:'} ${c.status} | ${c.attempts} | ${formatDuration(c.durationSeconds)} | ${c.message ? cellCode(c.message) : ''} |`);
        }
        if (s.checks.length > 200)
            lines.push('', `… and ${s.checks.length - 200} more checks in results.json`);
        lines.push('');
    }
    return lines;
}
function artifactSection(model) {
    const lines = ['### Artifacts', ''];
    if (model.artifacts.length === 0)
        lines.push('_None._');
    for (const a of model.artifacts) {
        lines.push(`- ${codeSpan(a.name)}${a.problem ? `: :warning: not read: ${codeSpan(a.problem)}` : ''}`);
    }
    if (model.jobsNote)
        lines.push('', `_${cellText(oneLine(model.jobsNote))}_`);
    if (model.backup) {
        lines.push('', 'problem' in model.backup
            ? `:warning: The state backup failed: ${codeSpan(model.backup.problem)}`
            : `State backup: ${codeSpan(model.backup.artifact)}${model.backup.encrypted ? ' (encrypted)' : ' (not encrypted: give encryption-key to seal it)'}`);
    }
    return [...lines, ''];
}
/** The whole report as GitHub Markdown: report.md, and the job summary. */
function renderMarkdown(model) {
    const gantt = mermaidGantt(model.stages);
    const lines = [
        `## ${headingText(model.title)}`,
        '',
        `${markdown_OUTCOME_MARK[model.outcome]} · run [${model.run.runId}](${model.run.url}) attempt ${model.run.runAttempt} · commit ${codeSpan(model.run.commit.slice(0, 12))} · ${codeSpan(model.run.ref)}${model.startedAt && model.finishedAt ? ` · ${formatDuration((Date.parse(model.finishedAt) - Date.parse(model.startedAt)) / 1000)}` : ''}`,
        '',
        ...releaseMarkdown(model.release),
        ...metricsMarkdown(model.metricsSection),
        '### Stages',
        '',
        ...stageTable(model.stages),
        '',
        ...(gantt ? ['### Timeline', '', gantt, ''] : []),
        ...destroyedSection(model.artifacts),
        ...planSection(model.artifacts),
        ...approvalSection(model.artifacts),
        ...policySection(model.policy),
        ...ansibleSection(model.artifacts),
        ...smokeSection(model.artifacts),
        ...auditMarkdown(model.audit),
        ...artifactSection(model),
        `_Generated ${model.generatedAt} by iac-pipeline report._`,
        '',
    ];
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./lib/releases/rollback.js




/**
 * The var files whose sha256 differs from the release's, or that are gone, each file once (stacks
 * sharing it listed together), in the order the release lists them.
 */
async function rollback_changedVarFiles(release, hashNow) {
    const files = new Map();
    const changes = [];
    for (const { stack, varFiles } of release.stacks) {
        for (const { path, sha256 } of varFiles) {
            const key = `${path}\0${sha256}`;
            const known = files.get(key);
            if (known)
                known.stacks.push(stack);
            else
                files.set(key, { recorded: sha256, stacks: [stack] });
        }
    }
    const hashes = new Map();
    for (const [key, { recorded, stacks }] of files) {
        const path = key.slice(0, key.indexOf('\0'));
        if (!hashes.has(path))
            hashes.set(path, hashNow(path));
        const now = await hashes.get(path);
        if (now !== recorded)
            changes.push({ path, stacks, recorded, now });
    }
    return changes;
}
/** The refusal for `changes`, naming each file; undefined when there are none. */
function rollback_varFilesRefusal(release, changes) {
    if (changes.length === 0)
        return undefined;
    const named = changes.map((c) => {
        const stacks = `${c.stacks.length === 1 ? 'stack' : 'stacks'} ${c.stacks.join(', ')}`;
        const how = c.now === undefined ? 'is gone' : `has sha256 ${c.now.slice(0, 12)}…, not ${c.recorded.slice(0, 12)}…`;
        return `${c.path} (${stacks}) ${how}`;
    });
    const [what, them] = changes.length === 1
        ? ['a var file no longer hashes', 'it']
        : [`${changes.length} var files no longer hash`, 'them'];
    return (`Refusing to roll back to ${releaseName(release)}: ${what} as the release recorded, so the plan would ` +
        `not be the release's: ${named.join('; ')}. Restore ${them} as the release had ${them}.`);
}
/** Throws the refusal when a var file changed or is gone. */
async function refuseChangedVarFiles(release, hashNow) {
    const refusal = rollback_varFilesRefusal(release, await rollback_changedVarFiles(release, hashNow));
    if (refusal)
        throw new ConfigurationError(refusal);
}
/**
 * The time to restore: from the failed release's deployment status to the rollback's success, in
 * whole seconds and as the report shows durations (`12 min 5 s`).
 */
function timeToRestore(failedStatusAt, restoredAt) {
    const from = (0,duration/* epochMs */.e9)(failedStatusAt, 'the failure time');
    const to = (0,duration/* epochMs */.e9)(restoredAt, 'the restore time');
    if (to < from) {
        throw new RangeError(`the rollback succeeded at ${new Date(to).toISOString()}, before the failure at ${new Date(from).toISOString()}`);
    }
    return { seconds: Math.round((to - from) / 1000), text: format_formatDuration((to - from) / 1000) };
}

;// CONCATENATED MODULE: ./lib/releases/binding.js






/** The release a deployment carries as its payload; a deployment without one is the caller's mistake. */
async function releaseOfDeployment(api, deploymentId, reader) {
    const deployment = await api.get(deploymentId);
    let payload = deployment.payload;
    if (typeof payload === 'string') {
        try {
            payload = JSON.parse(payload);
        }
        catch {
            payload = undefined;
        }
    }
    const schema = payload?.schema;
    if (typeof schema !== 'string' || !schema.startsWith(`${RELEASE_KIND}@`)) {
        throw new errors/* ConfigurationError */.j1(`Deployment ${deploymentId} holds no ${RELEASE_SCHEMA} record: it is not a release (releases are the deployments the release action records after smoke tests)`);
    }
    const release = readRelease(payload, { reader, file: `the payload of deployment ${deploymentId}` });
    if (deployment.environment && deployment.environment.toLowerCase() !== release.environment.toLowerCase()) {
        throw new errors/* ConfigurationError */.j1(`Deployment ${deploymentId} is of ${deployment.environment} but holds a release of ${release.environment}: a release record names the environment it was deployed to`);
    }
    return release;
}
/** What a stack's plan gives the image: the release's image id, or its name when the builder has no id. */
function binding_imageIdentifier(release) {
    if (!release.image)
        return undefined;
    return release.image.identifier ?? (release.image.id || release.image.name);
}
function bindingOf(release, options) {
    return {
        ...releaseRef(release),
        kind: options.kind,
        scope: options.scope,
        deploymentId: options.deploymentId,
        ...(options.imageVariable ? { imageVariable: options.imageVariable } : {}),
    };
}
/**
 * What is wrong with a plan bound to `release` by `binding`: each refusal a sentence. The binding must
 * be the release's (the deployment is what counts, not what a bundle claims), the plan must be made at
 * the release's commit unless the scope is `image`, and the image variable must carry its image.
 */
function bindingRefusals(binding, release, plan) {
    const name = releaseName(release);
    const refusals = [];
    const recorded = `deployment ${binding.deploymentId} holds ${name}`;
    if (binding.runId !== release.runId || binding.runAttempt !== release.runAttempt) {
        refusals.push(`The plan names release ${binding.runId} (attempt ${binding.runAttempt}), but ${recorded}.`);
    }
    if (binding.environment.toLowerCase() !== release.environment.toLowerCase()) {
        refusals.push(`The plan names a release of ${binding.environment}, but ${recorded}.`);
    }
    if (binding.commit !== release.commit) {
        refusals.push(`The plan names commit ${binding.commit.slice(0, 12)}, but ${name} is commit ${release.commit.slice(0, 12)}.`);
    }
    const image = binding_imageIdentifier(release);
    const boundImage = binding.image ? binding_imageIdentifier(binding) : undefined;
    if (boundImage !== image) {
        refusals.push(`The plan names ${boundImage === undefined ? 'no image' : `image ${boundImage}`}, but ${name} runs ${image === undefined ? 'no image' : `image ${image}`}.`);
    }
    if (binding.scope === 'release' && plan.commit !== release.commit) {
        refusals.push(`The plan was made at commit ${plan.commit.slice(0, 12)}, but ${name} is commit ${release.commit.slice(0, 12)}: ${binding.kind === 'promotion' ? 'a promotion' : 'a rollback of scope release'} plans the release's own commit.`);
    }
    if (binding.imageVariable) {
        const { name: variable } = binding.imageVariable;
        if (image === undefined) {
            refusals.push(`The stack takes its image as ${variable}, but ${name} built no image.`);
        }
        else if (plan.imageValue !== image) {
            const given = plan.imageValue === undefined ? 'no value' : JSON.stringify(plan.imageValue);
            refusals.push(`The plan gives ${variable} ${given}, but ${name} runs image ${JSON.stringify(image)}.`);
        }
        else if (binding.imageVariable.value !== image) {
            refusals.push(`The plan's binding records ${variable} = ${JSON.stringify(binding.imageVariable.value)}, but ${name} runs image ${JSON.stringify(image)}.`);
        }
    }
    return refusals;
}
/** The value a plan's JSON (`tofu show -json`) gives a root variable; undefined when it has none. */
function planVariable(planJson, variable) {
    const variables = planJson?.variables;
    const value = variables?.[variable]?.value;
    return typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value);
}
/**
 * tf-plan's binding of a plan to the release it deploys again, read from the release's deployment:
 * refused when a promotion targets the release's own environment or a rollback another one, the stack
 * is not the release's, the checkout is not its commit (scope release), the image variable does not
 * carry its image, or (rollback) the var files are not the ones it recorded or no longer hash the same.
 */
async function bindPlanToRelease(api, request) {
    const { deploymentId, kind, environment: target, stack } = request;
    const release = await releaseOfDeployment(api, deploymentId, 'tf-plan');
    const refuse = (reason) => {
        const what = kind === 'promotion' ? 'promote' : 'roll back to';
        throw new ConfigurationError(`Refusing to ${what} ${releaseName(release)} (deployment ${deploymentId}): ${reason}`);
    };
    const same = target?.toLowerCase() === release.environment.toLowerCase();
    if (target && kind === 'promotion' && same) {
        refuse(`it is already a release of ${target}; a promotion deploys a release of another environment`);
    }
    if (target && kind === 'rollback' && !same) {
        refuse(`it is a release of ${release.environment}, not of ${target}; a rollback goes back to a release of its own environment`);
    }
    if (!release.stacks.some((s) => s.stack === stack)) {
        refuse(`it has no stack "${stack}" (it deployed ${release.stacks.map((s) => `"${s.stack}"`).join(', ')})`);
    }
    let imageVariable;
    if (request.imageVariable) {
        const name = request.imageVariable;
        const value = request.vars.find(([given]) => given === name)?.[1];
        if (!value) {
            refuse(`input "vars" gives no ${name}, which image-variable names: give it the release's image, ${JSON.stringify(binding_imageIdentifier(release) ?? '')}`);
        }
        imageVariable = { name, value: value ?? '' };
    }
    const scope = kind === 'promotion' ? 'release' : request.rollbackScope;
    const binding = bindingOf(release, { kind, scope, deploymentId, imageVariable });
    const refusals = bindingRefusals(binding, release, {
        commit: request.commit,
        imageValue: imageVariable?.value,
    });
    if (refusals.length > 0)
        refuse(refusals.join(' '));
    if (kind === 'rollback')
        await refuseChangedStackVarFiles(release, stack, request.varFiles, request.roots);
    return binding;
}
/**
 * tf-apply's check of a bound bundle: the release is read again from its deployment, and the bundle's
 * commit and the image its planfile was given must be the release's.
 */
async function refuseUnboundApply(manifest, planJson, api) {
    const binding = manifest.source;
    if (!binding)
        return undefined;
    const release = await releaseOfDeployment(api, binding.deploymentId, 'tf-apply');
    const refusals = bindingRefusals(binding, release, {
        commit: manifest.commit,
        imageValue: binding.imageVariable ? planVariable(planJson, binding.imageVariable.name) : undefined,
    });
    if (refusals.length > 0) {
        const what = binding.kind === 'promotion' ? 'promotion' : 'rollback';
        throw new ConfigurationError(`Refusing to apply this ${what} of ${releaseName(release)}: ${refusals.join(' ')} Nothing was applied; plan the ${what} again.`);
    }
    return release;
}
/**
 * A rollback plans the release again, so the stack's var files must be the ones it recorded, and still
 * hash the same. Recorded paths outside the workspace and the runner's temp are not read: they count
 * as gone (a var file a step wrote to RUNNER_TEMP in the release's run is gone from every later run).
 */
async function refuseChangedStackVarFiles(release, stack, given, roots) {
    const recorded = release.stacks.find((s) => s.stack === stack);
    if (!recorded) {
        throw new ConfigurationError(`Stack "${stack}" is not part of ${releaseName(release)}, which deployed ${release.stacks.map((s) => `"${s.stack}"`).join(', ')}: a rollback plans the stacks of the release`);
    }
    const givenPaths = given.map((path) => relative(roots.workspace, path));
    const recordedPaths = recorded.varFiles.map((f) => f.path);
    const missing = recordedPaths.filter((p) => !givenPaths.includes(p));
    const extra = givenPaths.filter((p) => !recordedPaths.includes(p));
    if (missing.length > 0 || extra.length > 0) {
        const parts = [
            ...(missing.length > 0 ? [`it recorded ${missing.join(', ')}, which var-files does not give`] : []),
            ...(extra.length > 0 ? [`var-files gives ${extra.join(', ')}, which it did not use`] : []),
        ];
        throw new ConfigurationError(`Refusing to roll back stack "${stack}" to ${releaseName(release)}: the var files are not the release's (${parts.join('; ')}).`);
    }
    const inside = (path, root) => {
        const rel = relative(resolve(root), path);
        return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
    };
    const hashNow = async (path) => {
        const absolute = isAbsolute(path) ? resolve(path) : join(roots.workspace, path);
        if (!inside(absolute, roots.workspace) && !inside(absolute, roots.runnerTemp))
            return undefined;
        return sha256File(absolute).catch(() => undefined);
    };
    const ofStack = { ...release, stacks: [recorded] };
    const refusal = varFilesRefusal(ofStack, await changedVarFiles(ofStack, hashNow));
    if (refusal)
        throw new ConfigurationError(refusal);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./lib/core/inputs.js
var inputs = __webpack_require__(50662);
;// CONCATENATED MODULE: ./lib/artifacts/names.js



function artifactName(prefix, kind, stack) {
    return `${prefix}-${kind}-${stack}`;
}
/**
 * The stack's name: the `stack` input, else the working directory's name, else (for the workspace
 * root, whose directory name is the runner's) the repository's name.
 */
function stackName(given, workingDirectory, workspace, repo) {
    if (given)
        return given;
    const name = relative(workspace, workingDirectory) === '' ? repo : basename(workingDirectory);
    if (!NAME_PART.test(name)) {
        throw new ConfigurationError(`Input "stack" is needed: the working directory's name "${name}" cannot be part of an artifact name (use letters, digits, ".", "_" or "-").`);
    }
    return name;
}

;// CONCATENATED MODULE: ./lib/contracts/build-metadata.js


/**
 * `build-metadata.json`, the image artifact (`<prefix>-image-<name>`) that packer-build uploads: which
 * template made which image, with which Packer, and what the template recorded about it (custom data such
 * as installed software versions). The same document is what skip-unchanged keeps in the Actions cache,
 * so a later run can hand on the image id without building.
 */
const BUILD_METADATA_FILE = 'build-metadata.json';
const BUILD_METADATA_KIND = 'iac/image';
const BUILD_METADATA_MAJOR = 1;
const BUILD_METADATA_SCHEMA = `${BUILD_METADATA_KIND}@${BUILD_METADATA_MAJOR}`;
const build_metadata_SHA256_HEX = /^[0-9a-f]{64}$/;
const build_metadata_COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const build_metadata_DIGEST = /^sha256:[0-9a-f]{64}$/;
const build_metadata_text = schemas/* string */.YjP().min(1, { error: 'must not be empty' });
const build_metadata_isoTime = iso/* datetime */.w$({ offset: true, error: 'must be an ISO 8601 date and time' });
const build_metadata_wholeNumber = schemas/* int */.Whr().min(1, { error: 'must be a whole number, 1 or more' });
/** A file that went into the template hash, its path relative to the workspace (POSIX). */
const hashedFileSchema = schemas/* object */.Ikc({
    path: build_metadata_text,
    sha256: schemas/* string */.YjP().regex(build_metadata_SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' }),
});
/** One artifact a build produced, from the manifest post-processor or the machine-readable output. */
const imageArtifactSchema = schemas/* object */.Ikc({
    /** The build that made it, as Packer names it: `null.basic` (HCL2), `amazon-ebs` (JSON). */
    build: build_metadata_text,
    /** The artifact's id, such as an AMI id; may be empty for builders that export nothing. */
    id: schemas/* string */.YjP(),
    builderId: schemas/* string */.YjP().optional(),
    builderType: schemas/* string */.YjP().optional(),
    files: schemas/* array */.YOg(schemas/* string */.YjP()),
    /** The manifest post-processor's `custom_data` for this build. */
    customData: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
});
/** Where the document's fields came from: a build in this run, or an earlier build it was reused from. */
const buildOriginSchema = schemas/* object */.Ikc({
    runId: build_metadata_wholeNumber,
    runAttempt: build_metadata_wholeNumber,
    commit: schemas/* string */.YjP().regex(build_metadata_COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
    ref: schemas/* string */.YjP(),
});
const buildMetadataSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(BUILD_METADATA_SCHEMA),
    producer: manifest/* producerSchema */.yO,
    /** The image's name, as passed to the template's `image_name` variable when it declares one. */
    name: build_metadata_text,
    template: schemas/* object */.Ikc({
        /** The template input, relative to the workspace (POSIX). */
        path: build_metadata_text,
        format: schemas/* enum */.k5n(['hcl2', 'json']),
        files: schemas/* array */.YOg(hashedFileSchema),
    }),
    varFiles: schemas/* array */.YOg(hashedFileSchema),
    templateHash: schemas/* string */.YjP().regex(build_metadata_DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' }),
    packerVersion: build_metadata_text,
    /** When the build finished. */
    buildTime: build_metadata_isoTime,
    /** The artifact id of the last build: what tf-plan gets as the image variable. */
    imageId: schemas/* string */.YjP(),
    artifacts: schemas/* array */.YOg(imageArtifactSchema),
    /** Every build's custom data merged, later builds winning: the image's recorded facts. */
    customData: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
    /** Where the artifacts were read: the manifest post-processor's file, or the machine-readable lines. */
    artifactSource: schemas/* enum */.k5n(['manifest', 'machine-readable']),
    /** The run that built the image. */
    builtBy: buildOriginSchema,
    /** The run that wrote this document: the builder, or a later run that skipped the unchanged build. */
    writtenBy: buildOriginSchema,
    skipped: schemas/* boolean */.zMY(),
    createdAt: build_metadata_isoTime,
});
/** Reads and validates a build-metadata.json (the image artifact, or a record from the cache). */
const readBuildMetadata = (0,manifest/* contractReader */.Yt)(buildMetadataSchema, 'packer-build', BUILD_METADATA_FILE);
/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
function validateBuildMetadata(value) {
    return validateForWrite(buildMetadataSchema, value, BUILD_METADATA_FILE);
}

;// CONCATENATED MODULE: ./lib/contracts/smoke.js



/**
 * The `<prefix>-smoke-<stack>` artifact that smoke-test uploads: `results.json` (every check and its
 * verdict, `iac/smoke-results@1`), `junit.xml` (for test reporters) and `manifest.json`
 * (`iac/smoke@1`: who made the artifact, for which run, and the sha256 of each file beside it). The
 * report action reads them with the readers below, which refuse another major version by name.
 */
const SMOKE_RESULTS_FILE = 'results.json';
const SMOKE_JUNIT_FILE = 'junit.xml';
const SMOKE_RESULTS_KIND = 'iac/smoke-results';
const SMOKE_RESULTS_MAJOR = 1;
const SMOKE_RESULTS_SCHEMA = `${SMOKE_RESULTS_KIND}@${SMOKE_RESULTS_MAJOR}`;
const SMOKE_MANIFEST_KIND = 'iac/smoke';
const SMOKE_MANIFEST_MAJOR = 1;
const SMOKE_MANIFEST_SCHEMA = `${SMOKE_MANIFEST_KIND}@${SMOKE_MANIFEST_MAJOR}`;
const smoke_count = schemas/* number */.aig().int().nonnegative();
const smoke_isoTime = iso/* datetime */.w$({ offset: true });
const category = schemas/* enum */.k5n(smoke_categories/* SMOKE_CATEGORY_NAMES */.u);
const smokeCheckResultSchema = schemas/* object */.Ikc({
    /** Unique in the run: the check's name, with `[host]` for each host of a group. */
    id: schemas/* string */.YjP(),
    /** The check's name in the checks file. */
    check: schemas/* string */.YjP(),
    kind: schemas/* enum */.k5n(['tcp', 'http', 'ssh-command', 'command', 'dns', 'tls-cert']),
    category,
    tags: schemas/* array */.YOg(schemas/* string */.YjP()),
    /** The inventory host, when the check targets one. */
    host: schemas/* string */.YjP().optional(),
    target: schemas/* string */.YjP(),
    status: schemas/* enum */.k5n(['passed', 'failed', 'not-run']),
    message: schemas/* string */.YjP(),
    attempts: smoke_count,
    durationSeconds: schemas/* number */.aig().nonnegative(),
    /** The check's line in the checks file. */
    line: schemas/* number */.aig().int().positive(),
});
const tally = schemas/* object */.Ikc({ passed: smoke_count, failed: smoke_count, total: smoke_count });
const smokeResultsSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(SMOKE_RESULTS_SCHEMA),
    producer: manifest/* producerSchema */.yO,
    stack: schemas/* string */.YjP(),
    checksFile: schemas/* string */.YjP(),
    inventory: schemas/* string */.YjP().optional(),
    commit: schemas/* string */.YjP(),
    ref: schemas/* string */.YjP(),
    runId: schemas/* number */.aig().int(),
    runAttempt: schemas/* number */.aig().int(),
    startedAt: smoke_isoTime,
    createdAt: smoke_isoTime,
    durationSeconds: schemas/* number */.aig().nonnegative(),
    settings: schemas/* object */.Ikc({
        concurrency: schemas/* number */.aig().int().positive(),
        retries: smoke_count,
        retryDelaySeconds: schemas/* number */.aig().nonnegative(),
        deadlineSeconds: schemas/* number */.aig().positive(),
        failOn: schemas/* enum */.k5n(['any', 'threshold']),
        threshold: schemas/* number */.aig().min(0).max(100).optional(),
    }),
    /** Passed, failed (not-run included) and total, overall and by category. */
    totals: tally,
    byCategory: schemas/* record */.g1P(schemas/* string */.YjP(), tally),
    /** The most checks that ran at one moment. */
    maxInFlight: smoke_count,
    deadlineReached: schemas/* boolean */.zMY(),
    /** Whether the step failed on these results (fail-on and threshold). */
    failedStep: schemas/* boolean */.zMY(),
    checks: schemas/* array */.YOg(smokeCheckResultSchema),
});
const smokeManifestSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(SMOKE_MANIFEST_SCHEMA),
    producer: manifest/* producerSchema */.yO,
    stack: schemas/* string */.YjP().min(1),
    commit: schemas/* string */.YjP(),
    ref: schemas/* string */.YjP(),
    runId: schemas/* number */.aig().int().positive(),
    runAttempt: schemas/* number */.aig().int().positive(),
    createdAt: smoke_isoTime,
    /** File name → sha256 hex of each file beside manifest.json. */
    files: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/)),
});
const readSmokeResults = (0,manifest/* contractReader */.Yt)(smokeResultsSchema, 'report', SMOKE_RESULTS_FILE);
const readSmokeManifest = (0,manifest/* contractReader */.Yt)(smokeManifestSchema, 'report');
/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
const validateSmokeDocument = (/* unused pure expression or super */ null && (validateForWrite));


// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
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
            throw new errors/* ConfigurationError */.j1(payload.message);
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
            throw new errors/* ConfigurationError */.j1(`No successful release of ${environment}: looked for the newest deployment with an ${RELEASE_SCHEMA} record whose latest status is success, and ${await summary(mine)}`);
        },
        async releaseFor(to) {
            const target = parseTarget(to);
            if (target.kind === 'previous') {
                const now = await current();
                if (!now) {
                    throw new errors/* ConfigurationError */.j1(`No release of ${environment} to go back from: looked for deployments with an ${RELEASE_SCHEMA} record, and ${await summary(mine)}`);
                }
                const index = mine.findIndex((d) => d.id === now.deploymentId);
                const older = mine.slice(index + 1).filter((d) => {
                    const payload = payloadOf(d);
                    return payload.kind !== 'release' || payload.release.runId !== now.release.runId;
                });
                const entry = await newestSucceeded(older, false);
                if (entry)
                    return entry;
                throw new errors/* ConfigurationError */.j1(`No successful release of ${environment} before the current one (deployment ${now.deploymentId}, run ${now.release.runId}, ${now.state}): ` +
                    (older.length === 0
                        ? 'no older deployment is from another run'
                        : `looked at ${plural(older.length, 'older deployment')} of other runs (${await foundList(older)})`));
            }
            const byDeployment = target.kind === 'run'
                ? undefined
                : mine.find((d) => d.id === target.id && payloadOf(d).kind !== 'none');
            const ofRun = target.kind === 'deployment' ? [] : mine.filter((d) => runOf(payloadOf(d)) === target.id);
            if (target.kind === 'either' && byDeployment && ofRun.some((d) => d.id !== byDeployment.id)) {
                throw new errors/* ConfigurationError */.j1(`"${to}" is both deployment ${target.id} of ${environment} and the run of deployment ${ofRun[0]?.id}: say run:${target.id} or deployment:${target.id}`);
            }
            if (byDeployment) {
                const release = chosen(byDeployment);
                if (!release)
                    throw new Error('unreachable: a deployment with a release payload');
                const entry = await deployed(byDeployment, release);
                if (entry.succeeded)
                    return entry;
                throw new errors/* ConfigurationError */.j1(`Deployment ${target.id} of ${environment} (release of run ${release.runId}) did not succeed: its latest status is ${entry.state}; a rollback goes to a release that passed`);
            }
            const listed = target.kind === 'run' ? undefined : mine.find((d) => d.id === target.id);
            if (listed && ofRun.length === 0) {
                throw new errors/* ConfigurationError */.j1(`Deployment ${target.id} of ${environment} holds no ${RELEASE_SCHEMA} record: it was made before releases were recorded, or is not a release`);
            }
            if (target.kind === 'deployment') {
                throw new errors/* ConfigurationError */.j1(`Deployment ${target.id} is not one of ${environment}'s: ${await summary(mine)}`);
            }
            const entry = await newestSucceeded(ofRun, false);
            if (entry)
                return entry;
            if (ofRun.length > 0) {
                throw new errors/* ConfigurationError */.j1(`No successful release of ${environment} from run ${target.id}: looked for a deployment of that run whose release passed, and found ${await foundList(ofRun)}`);
            }
            const runs = [...new Set(mine.map((d) => runOf(payloadOf(d))).filter((r) => r !== undefined))];
            const shown = runs.slice(0, SHOWN).join(', ') + (runs.length > SHOWN ? `, and ${runs.length - SHOWN} older` : '');
            throw new errors/* ConfigurationError */.j1(`No release of ${environment} is from run ${target.id}` +
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
        throw new errors/* ConfigurationError */.j1(`Input "to" must be previous, a run id or a deployment id (run:<id> or deployment:<id> to say which); got ${JSON.stringify(value.slice(0, 60))}`);
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
        if (!(error instanceof errors/* ConfigurationError */.j1))
            throw error;
        return { kind: 'unreadable', message: (0,errors/* errorMessage */.gJ)(error), runId };
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

;// CONCATENATED MODULE: ./lib/releases/record.js


/**
 * The `iac/release@1` record of what one run deployed. The commit and ref are the plan manifests':
 * what was applied is what was planned, which is not the run's own commit when the bundle came from
 * another run (require-same-commit: false). A release is one commit, so stacks planned at different
 * commits, or smoke results of another run or of a stack not applied, are refused. The record is
 * validated before it is returned.
 */
function releaseRecord(input) {
    const { manifests, environment, run } = input;
    const first = manifests[0];
    if (!first)
        throw new errors/* ConfigurationError */.j1(`A release of ${environment} needs at least one applied stack`);
    const commits = new Set(manifests.map((m) => m.commit));
    if (commits.size > 1) {
        const planned = manifests.map((m) => `${m.stack} at ${m.commit.slice(0, 12)}`).join(', ');
        throw new errors/* ConfigurationError */.j1(`A release is one commit, but the stacks applied to ${environment} were planned at different commits: ${planned}`);
    }
    const smokeByStack = new Map();
    for (const { document: results, sha256 } of input.smoke ?? []) {
        if (!manifests.some((m) => m.stack === results.stack)) {
            throw new errors/* ConfigurationError */.j1(`Smoke results of stack "${results.stack}" do not belong to this release of ${environment}: it applied ${manifests.map((m) => `"${m.stack}"`).join(', ')}`);
        }
        if (results.runId !== run.runId) {
            throw new errors/* ConfigurationError */.j1(`Smoke results of stack "${results.stack}" are from run ${results.runId}, but this release of ${environment} is run ${run.runId}`);
        }
        if (smokeByStack.has(results.stack)) {
            throw new errors/* ConfigurationError */.j1(`Stack "${results.stack}" has two smoke results; a release keeps one per stack`);
        }
        smokeByStack.set(results.stack, smokeOf(results, sha256));
    }
    return validateRelease({
        schema: RELEASE_SCHEMA,
        producer: input.producer,
        environment,
        commit: first.commit,
        ref: first.ref,
        runId: run.runId,
        runAttempt: run.runAttempt,
        createdAt: (input.createdAt ?? new Date()).toISOString(),
        ...(input.image
            ? {
                image: {
                    id: input.image.document.imageId,
                    name: input.image.document.name,
                    buildMetadataSha256: input.image.sha256,
                    templateHash: input.image.document.templateHash,
                    ...(input.imageIdentifier ? { identifier: input.imageIdentifier } : {}),
                },
            }
            : {}),
        stacks: manifests.map((m) => {
            const smoke = smokeByStack.get(m.stack);
            return {
                stack: m.stack,
                planDigest: m.planDigest,
                workingDirectory: m.workingDirectory,
                workspace: m.workspace,
                varFiles: m.varFiles.map((f) => ({ path: f.path, sha256: f.sha256 })),
                ...(m.backend ? { backend: m.backend } : {}),
                ...(smoke ? { smoke } : {}),
            };
        }),
        ...(input.source ? { source: input.source } : {}),
        outcome: input.outcome,
        ...(input.failure ? { failure: input.failure } : {}),
        ...(input.replaces ? { replaces: input.replaces } : {}),
        ...(input.timeToRestore ? { timeToRestore: input.timeToRestore } : {}),
    });
}
/**
 * The counts taken from the checks themselves, so that the checks the deadline left unrun are known
 * (smoke-test's byCategory counts them among the failed without saying how many).
 */
function smokeOf(results, sha256) {
    const byCategory = {};
    for (const check of results.checks) {
        const tally = (byCategory[check.category] ??= { passed: 0, failed: 0, notRun: 0, total: 0 });
        record_count(tally, check);
    }
    const totals = { passed: 0, failed: 0, notRun: 0, total: 0 };
    for (const check of results.checks)
        record_count(totals, check);
    return { resultsSha256: sha256, ...totals, failedStep: results.failedStep, byCategory };
}
function record_count(tally, check) {
    tally.total += 1;
    if (check.status === 'passed')
        tally.passed += 1;
    else
        tally.failed += 1;
    if (check.status === 'not-run')
        tally.notRun += 1;
}

;// CONCATENATED MODULE: ./lib/releases/record-step.js

















const sha256 = (bytes) => (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
async function recordRelease(inputs, deps) {
    const { logger, run, artifacts } = deps;
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, 'iac-release-'));
    /** A file of an artifact; undefined when the artifact has no such file (a download failure throws). */
    const readOptional = async (name, file) => {
        const dir = (0,external_node_path_.join)(scratch, name);
        await (0,promises_.mkdir)(dir, { recursive: true });
        await artifacts.download(name, dir);
        return (0,promises_.readFile)((0,external_node_path_.join)(dir, file)).catch(() => undefined);
    };
    const read = async (name, file) => {
        const bytes = await readOptional(name, file);
        if (!bytes)
            throw new errors/* ConfigurationError */.j1(`The artifact ${name} has no ${file}`);
        return bytes;
    };
    const prefix = inputs.artifactPrefix;
    const outputs = await artifacts.list(`${prefix}-outputs-`);
    if (outputs.length === 0) {
        logger.notice(`No stack was applied in this run, so there is no release of ${inputs.environment} to record.`);
        return { rollbackDispatched: false };
    }
    const manifests = [];
    for (const { name } of outputs) {
        const bytes = await readOptional(name, manifest/* MANIFEST_FILE */.h1);
        if (!bytes) {
            logger.warning(`${name} holds no plan manifest (written by an older tf-apply): it is left out of the release.`);
            continue;
        }
        manifests.push((0,manifest/* readPlanManifest */.fE)(bytes, 'release', 'use the same iac-pipeline version in every job'));
    }
    if (manifests.length === 0)
        throw new errors/* ConfigurationError */.j1(`No artifact ${prefix}-outputs-* holds a plan manifest`);
    const smoke = [];
    for (const { name } of await artifacts.list(`${prefix}-smoke-`)) {
        const bytes = await read(name, SMOKE_RESULTS_FILE);
        smoke.push({ document: readSmokeResults(bytes, 'release'), sha256: sha256(bytes) });
    }
    const source = await sourceOf(manifests, deps);
    const images = await artifacts.list(`${prefix}-image-`);
    let image;
    if (images[0]) {
        const bytes = await read(images[0].name, BUILD_METADATA_FILE);
        image = { document: readBuildMetadata(bytes, 'release'), sha256: sha256(bytes) };
    }
    const smokeFailed = smoke.filter((s) => s.document.failedStep).map((s) => s.document.stack);
    const failure = smokeFailed.length > 0
        ? `Smoke tests failed for ${smokeFailed.map((s) => `stack ${s}`).join(', ')}.`
        : inputs.result !== 'success'
            ? `The deployment did not finish: a job ended with ${inputs.result}.`
            : undefined;
    const outcome = failure ? 'failure' : 'success';
    const history = await readReleaseHistory(deps.deployments, inputs.environment);
    const replaced = await history.current().catch((error) => {
        logger.warning(`The release that ran before could not be read: ${error.message}`);
        return undefined;
    });
    const now = deps.now();
    const restored = outcome === 'success' && replaced?.state === 'failure' && replaced.stateAt
        ? timeToRestore(replaced.stateAt, now)
        : undefined;
    let release = releaseRecord({
        producer: { action: 'release', version: version/* SUITE_VERSION */.s },
        environment: inputs.environment,
        run,
        manifests,
        image,
        imageIdentifier: image && inputs.imageId ? inputs.imageId : undefined,
        smoke,
        outcome,
        failure,
        createdAt: now,
        ...(source ? { source: source.source } : {}),
        ...(replaced
            ? {
                replaces: {
                    deploymentId: replaced.deploymentId,
                    runId: replaced.release.runId,
                    state: replaced.state,
                    ...(replaced.stateAt ? { stateAt: replaced.stateAt } : {}),
                },
            }
            : {}),
        ...(restored && replaced?.stateAt
            ? {
                timeToRestore: {
                    seconds: restored.seconds,
                    failedAt: replaced.stateAt,
                    restoredAt: now.toISOString(),
                },
            }
            : {}),
    });
    // A promotion or rollback builds no image: the release runs the image of the release it deploys again.
    if (!release.image && source?.release.image)
        release = { ...release, image: source.release.image };
    const deploymentId = await deps.deployments.create({
        ref: release.commit,
        environment: inputs.environment,
        description: `${promotion_releaseName(release)}: ${outcome}`,
        payload: release,
    });
    await deps.deployments.setStatus(deploymentId, 'in_progress', 'Recording the release');
    await deps.deployments.setStatus(deploymentId, outcome, outcome === 'success' ? 'Applied, configured and smoke-tested' : (failure ?? 'Failed'));
    if (outcome === 'success')
        await deactivateReplaced(history, deploymentId, deps);
    logger.info(`Recorded ${promotion_releaseName(release)} (${outcome}) as deployment ${deploymentId}.`);
    const dir = (0,external_node_path_.join)(scratch, 'release');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const releasePath = (0,external_node_path_.join)(dir, RELEASE_FILE);
    await (0,promises_.writeFile)(releasePath, `${JSON.stringify(release, null, 2)}\n`);
    await artifacts.upload(artifactName(prefix, 'release', inputs.environment), [releasePath], dir);
    const rollbackDispatched = inputs.onSmokeFailure === 'rollback' && smokeFailed.length > 0
        ? await startRollback(inputs, deps, release)
        : false;
    return { release, deploymentId, releasePath, rollbackDispatched };
}
/** The release the run deployed again, when its plans were bound to one: every stack to the same. */
async function sourceOf(manifests, deps) {
    const bound = manifests.filter((m) => m.source);
    const first = bound[0]?.source;
    if (!first)
        return undefined;
    const deployments = new Set(bound.map((m) => m.source?.deploymentId));
    if (deployments.size > 1 || bound.length !== manifests.length) {
        throw new errors/* ConfigurationError */.j1(`The stacks of this run deploy different releases again (${manifests.map((m) => `${m.stack}: ${m.source ? `deployment ${m.source.deploymentId}` : 'none'}`).join(', ')}): a release is one promotion or rollback`);
    }
    const { imageVariable: _perStack, ...source } = first;
    return { source, release: await releaseOfDeployment(deps.deployments, first.deploymentId, 'release') };
}
/**
 * The releases this one replaces go inactive: GitHub does so by itself only for releases that had
 * succeeded, and not in production environments, so every earlier release still active is set here.
 */
async function deactivateReplaced(history, current, deps) {
    for (const entry of await history.all()) {
        if (entry.deploymentId === current || entry.state === 'inactive')
            continue;
        await deps.deployments.setStatus(entry.deploymentId, 'inactive', `Replaced by deployment ${current}`);
        deps.logger.info(`Deployment ${entry.deploymentId} (${promotion_releaseName(entry.release)}) is now inactive.`);
    }
}
/**
 * The automatic rollback: one workflow_dispatch of the rollback workflow, to the release before this
 * one. A rollback never starts another: when it fails too, a person decides.
 */
async function startRollback(inputs, deps, release) {
    const { logger, run } = deps;
    if (release.source?.kind === 'rollback') {
        logger.warning(`The smoke tests of this rollback failed, and a rollback does not start another: ${inputs.environment} needs a person now.`, { title: 'Rollback failed' });
        return false;
    }
    // Read again: the release just recorded is the current one now, and `previous` goes back from it.
    const history = await readReleaseHistory(deps.deployments, inputs.environment);
    let target;
    try {
        target = await history.releaseFor('previous');
    }
    catch (error) {
        logger.warning(`No rollback was started: ${error.message}`, {
            title: 'No release to roll back to',
        });
        return false;
    }
    const ref = run.ref.replace(/^refs\/(heads|tags)\//, '');
    await deps.dispatch(inputs.rollbackWorkflow, ref, {
        environment: inputs.environment,
        to: `deployment:${target.deploymentId}`,
    });
    logger.warning(`Smoke tests failed in ${inputs.environment}: started ${inputs.rollbackWorkflow} to roll back to ${promotion_releaseName(target.release)} (deployment ${target.deploymentId}).`, { title: 'Automatic rollback started' });
    return true;
}
/** The job summary of a recorded release. */
function recordSummary(result, now) {
    const { release } = result;
    if (!release)
        return '';
    const lines = [
        `## ${promotion_releaseName(release).replace(/^r/, 'R')}: ${release.outcome}`,
        '',
        ...(release.failure ? [`> [!CAUTION]\n> ${escape_headingText(release.failure)}`, ''] : []),
        ...(release.source ? [`**${escape_headingText(promotion_describeSource(release.source, now))}**`, ''] : []),
        `Commit ${escape_codeSpan(release.commit.slice(0, 12))}${release.image ? `, image ${escape_codeSpan(binding_imageIdentifier(release) ?? '')}` : ''}, deployment ${result.deploymentId ?? '?'}.`,
        '',
    ];
    const restore = release.timeToRestore;
    if (restore) {
        lines.push(`Time to restore: **${timeToRestore(restore.failedAt, restore.restoredAt).text}** (from the failure of release ${release.replaces?.runId ?? '?'} at ${restore.failedAt} to this release).`, '');
    }
    lines.push('| stack | plan digest | smoke |', '|---|---|---|');
    for (const stack of release.stacks) {
        const smoke = stack.smoke ? `${stack.smoke.passed}/${stack.smoke.total}` : 'no checks';
        lines.push(`| ${escape_cellCode(stack.stack)} | ${escape_cellCode(digest_shortDigest(stack.planDigest))} | ${smoke} |`);
    }
    const totals = promotion_smokeTotals(release);
    if (totals)
        lines.push('', `Smoke checks: ${totals.totals.passed} of ${totals.totals.total} passed.`);
    if (result.rollbackDispatched)
        lines.push('', 'The rollback workflow was started.');
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./lib/releases/resolve-step.js








function refused(title, reasons) {
    const failure = new errors/* StepFailure */.pH(`${title}: ${reasons.join(' ')}`);
    failure.summary = [`## ${escape_headingText(title)}`, '', ...reasons.map((r) => `- ${escape_headingText(r)}`), ''].join('\n');
    return failure;
}
async function resolvePromotion(inputs, deps) {
    const { promoteFrom: from, environment: to } = inputs;
    if (from.toLowerCase() === to.toLowerCase()) {
        throw refused(`Refusing to promote ${from} to itself`, [
            'promote-from names the environment the release comes from; environment the one it goes to.',
        ]);
    }
    const history = await readReleaseHistory(deps.deployments, from);
    const now = deps.now();
    const current = await history.current();
    if (!current)
        await history.latestRelease(); // throws the message that says what was found
    const entry = current;
    const reasons = [];
    if (entry.state !== 'success') {
        reasons.push(`The newest release of ${from} (${promotion_releaseName(entry.release)}, deployment ${entry.deploymentId}) is ${entry.state}${entry.release.failure ? ` (${entry.release.failure.replace(/\.$/, '')})` : ''}; only what runs in ${from} after passing is promoted.`);
    }
    reasons.push(...checkPromotion(entry.release, {
        threshold: inputs.threshold,
        qualityCategories: inputs.qualityCategories,
        maxReleaseAge: inputs.maxReleaseAge,
        now,
    }));
    if (reasons.length > 0) {
        throw refused(`Refusing to promote ${promotion_releaseName(entry.release)} to ${to}`, reasons);
    }
    return resolved(entry, entry.release.commit, deps, {
        kind: 'promotion',
        scope: 'release',
        lines: gateLines(entry.release, inputs, now),
    });
}
async function resolveRollback(inputs, deps) {
    const history = await readReleaseHistory(deps.deployments, inputs.environment);
    const target = await history.releaseFor(inputs.to);
    const current = await history.current();
    if (current?.deploymentId === target.deploymentId && current.state === 'success') {
        throw refused(`Refusing to roll ${inputs.environment} back to ${promotion_releaseName(target.release)}`, [
            `It is what runs in ${inputs.environment} now (deployment ${target.deploymentId}, success): give to: previous, or an older run or deployment.`,
        ]);
    }
    const from = current && current.deploymentId !== target.deploymentId
        ? [
            `It replaces ${promotion_releaseName(current.release)} (deployment ${current.deploymentId}, ${current.state}).`,
        ]
        : [];
    const commit = inputs.scope === 'release' ? target.release.commit : deps.run.sha;
    return resolved(target, commit, deps, { kind: 'rollback', scope: inputs.scope, lines: from });
}
async function resolved(entry, commit, deps, how) {
    const { release, deploymentId } = entry;
    const now = deps.now();
    const description = promotion_describeSource({ ...promotion_releaseRef(release), kind: how.kind, scope: how.scope }, now);
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(deps.run.runnerTemp, 'iac-release-'));
    const releasePath = (0,external_node_path_.join)(dir, RELEASE_FILE);
    await (0,promises_.writeFile)(releasePath, `${JSON.stringify(release, null, 2)}\n`);
    deps.logger.info(`${description}: deployment ${deploymentId}.`);
    const summary = [
        `## ${escape_headingText(description)}`,
        '',
        `Deployment ${deploymentId} · checks out ${escape_codeSpan(commit.slice(0, 12))}${how.scope === 'image' ? " (this run's commit, with the release's image)" : ''} · image ${escape_codeSpan(binding_imageIdentifier(release) ?? 'none')}`,
        '',
        ...how.lines.map((line) => `- ${escape_headingText(line)}`),
        '',
    ].join('\n');
    return {
        release,
        deploymentId,
        commit,
        imageId: binding_imageIdentifier(release) ?? '',
        releasePath,
        description,
        summary,
    };
}
/** What the quality gate found, for the summary of a promotion that passed it. */
function gateLines(release, inputs, now) {
    const smoke = promotion_smokeTotals(release);
    const lines = [`Quality gate passed: ${describeRelease(release, now)}.`];
    if (smoke) {
        lines.push(`Smoke: ${smoke.totals.passed} of ${smoke.totals.total} checks passed; threshold ${inputs.threshold}%.`);
        for (const category of inputs.qualityCategories) {
            const tally = smoke.byCategory[category];
            if (tally)
                lines.push(`${category}: ${tally.passed} of ${tally.total} passed.`);
        }
    }
    if (inputs.maxReleaseAge)
        lines.push(`max-release-age ${inputs.maxReleaseAge}: within it.`);
    return lines;
}

;// CONCATENATED MODULE: ./lib/releases/release-step.js







/** The release action: record the run's release, or find the release a promotion or rollback deploys. */
async function runReleaseStep(inputs, deps) {
    const { logger, run } = deps;
    const github = lazyGitHubClient(inputs.githubToken, logger, run, () => new errors/* ConfigurationError */.j1('Input "github-token" is required: releases are GitHub deployments.'));
    const audit = deps.audit ?? log.NO_AUDIT;
    const event = audit.begin(inputs.mode === 'record' ? 'release' : inputs.mode, {
        environment: inputs.environment,
    });
    const client = await github();
    const deployments = deploymentsApi(client, run);
    if (inputs.mode === 'record') {
        const result = await recordRelease({
            environment: inputs.environment,
            result: inputs.result,
            artifactPrefix: inputs.artifactPrefix,
            onSmokeFailure: inputs.onSmokeFailure,
            rollbackWorkflow: inputs.rollbackWorkflow,
            imageId: inputs.imageId,
        }, {
            ...deps,
            deployments,
            dispatch: async (workflow, ref, dispatchInputs) => {
                await client.rest.actions.createWorkflowDispatch({
                    owner: run.owner,
                    repo: run.repo,
                    workflow_id: workflow,
                    ref,
                    inputs: dispatchInputs,
                });
            },
        });
        const { release } = result;
        event.finish(release?.outcome ?? 'success', release
            ? `Release of ${release.stacks.length} stack(s) at ${release.commit.slice(0, 12)}: ${release.outcome}${result.deploymentId ? `, deployment ${result.deploymentId}` : ''}${result.rollbackDispatched ? '; a rollback was started' : ''}.`
            : 'Nothing was deployed in this run: no release recorded.');
        deps.setOutputs({
            outcome: release?.outcome ?? 'none',
            'deployment-id': result.deploymentId,
            commit: release?.commit ?? '',
            'image-id': release ? (binding_imageIdentifier(release) ?? '') : '',
            'run-id': run.runId,
            'release-path': result.releasePath ?? '',
            'rollback-dispatched': result.rollbackDispatched,
        });
        await deps.writeSummary(recordSummary(result, deps.now()));
        return;
    }
    const context = { ...deps, deployments };
    const resolved = inputs.mode === 'promote'
        ? await resolvePromotion({
            environment: inputs.environment,
            promoteFrom: inputs.promoteFrom ?? '',
            threshold: inputs.threshold,
            qualityCategories: inputs.qualityCategories,
            maxReleaseAge: inputs.maxReleaseAge,
        }, context)
        : await resolveRollback({ environment: inputs.environment, to: inputs.to, scope: inputs.scope }, context);
    event.finish('success', `${resolved.description} (deployment ${resolved.deploymentId}, commit ${resolved.commit.slice(0, 12)}).`);
    deps.setOutputs({
        outcome: 'resolved',
        'deployment-id': resolved.deploymentId,
        commit: resolved.commit,
        'image-id': resolved.imageId,
        'run-id': resolved.release.runId,
        'release-path': resolved.releasePath,
        description: resolved.description,
    });
    await deps.writeSummary(resolved.summary);
}


/***/ })

};
