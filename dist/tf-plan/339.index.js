export const id = 339;
export const ids = [339,966];
export const modules = {

/***/ 86966:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   STACK_OUTPUT_REF: () => (/* binding */ STACK_OUTPUT_REF),
/* harmony export */   parseStackOutputRef: () => (/* binding */ parseStackOutputRef),
/* harmony export */   stackEntrySchema: () => (/* binding */ stackEntrySchema),
/* harmony export */   stackGraphSchema: () => (/* binding */ stackGraphSchema),
/* harmony export */   stackInputSourceSchema: () => (/* binding */ stackInputSourceSchema),
/* harmony export */   stackInputSourcesSchema: () => (/* binding */ stackInputSourcesSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(50662);


/**
 * The stacks a pipeline deploys, as the reusable workflows take them (`stacks:` of iac-pipeline.yml):
 * a JSON list, one object per stack, with the stacks it depends on. The dependencies decide the waves
 * the workflow runs them in (backend → iam → network → infrastructure → services); every other field
 * goes to the stack's own tf-plan, tf-apply, ansible-configure and smoke-test steps.
 */
const stackName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_core_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .NAME_PART */ .y3, {
    error: 'must be letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit',
});
const optionalText = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional();
const variableName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: 'must be a variable name' });
/** `<stack>.<output>`: a top-level output of another stack of the graph. */
const STACK_OUTPUT_REF = /^([A-Za-z0-9][A-Za-z0-9._-]{0,99})\.([A-Za-z_][A-Za-z0-9_-]*)$/;
/** Splits `network.subnet_id` at its last dot: stack names may hold dots, output names may not. */
function parseStackOutputRef(ref) {
    const dot = ref.lastIndexOf('.');
    if (dot <= 0 || !STACK_OUTPUT_REF.test(ref))
        return undefined;
    return { stack: ref.slice(0, dot), output: ref.slice(dot + 1) };
}
const stackEntrySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    /** The stack's name: part of its artifact names and its plan comment. */
    stack: stackName,
    /** Its OpenTofu/Terraform configuration, relative to the repository. */
    directory: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { error: 'must name the configuration directory' }),
    /** The GitHub environment its approval job runs under; the pipeline's `environment` when absent. */
    environment: optionalText,
    workspace: stackName.optional(),
    'var-files': optionalText,
    'backend-config': optionalText,
    /** The variable that receives the image the pipeline built (`image_id`); none when absent. */
    'image-variable': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: 'must be a variable name' })
        .optional(),
    /** Stacks that must be applied before this one is planned. */
    'depends-on': zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(stackName).optional(),
    /**
     * Variables of this stack given the outputs of others, `{ "network_id": "network.id" }`: each value is
     * read from what that stack has applied when this one is planned. Naming a stack here depends on it.
     */
    inputs: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(variableName, zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().refine((ref) => parseStackOutputRef(ref) !== undefined, {
        error: "must name another stack's output as <stack>.<output>, such as network.subnet_id",
    }))
        .optional(),
    /** An Ansible playbook to run against the inventory the stack's apply writes. */
    playbook: optionalText,
    /** A smoke checks file to run against that inventory. */
    checks: optionalText,
});
const stackGraphSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(stackEntrySchema).min(1, { error: 'must list at least one stack' });
/**
 * One input of a stack with where its value lives, as the waves step resolves it from the graph and
 * tf-plan and tf-apply take it (`stack-inputs`): the upstream stack's configuration, workspace and
 * backend settings, which say where its applied state is.
 */
const stackInputSourceSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    variable: variableName,
    stack: stackName,
    output: variableName,
    /** The upstream's configuration, relative to the repository. */
    directory: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { error: 'must name the upstream configuration directory' }),
    workspace: stackName.optional(),
    'backend-config': optionalText,
});
const stackInputSourcesSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(stackInputSourceSchema);


/***/ }),

/***/ 24959:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   destroySummary: () => (/* binding */ destroySummary),
/* harmony export */   destroyWaves: () => (/* binding */ destroyWaves),
/* harmony export */   lastCommitWith: () => (/* binding */ lastCommitWith),
/* harmony export */   planDestroy: () => (/* binding */ planDestroy),
/* harmony export */   repositoryCollaborators: () => (/* binding */ repositoryCollaborators)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3828);
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26734);
/* harmony import */ var _backend_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44532);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15415);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(28303);
/* harmony import */ var _stack_state_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(24152);
/* harmony import */ var _waves_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(77678);










/**
 * tf-plan's mode destroy-waves: which stacks a destroy deletes, in which order, and whether it may. A
 * stack is destroyed only after every stack that depends on it (the deploy's waves, reversed), and
 * not at all while a stack outside the destroy that depends on it still has resources: that stack
 * would be left pointing at a network, a database, an id that no longer exists (terragrunt#3371).
 * The check reads states only (`state pull`); nothing is planned and no state is written here.
 *
 * A stack whose directory is gone from the checkout is looked for in the history: the last commit
 * that had it still has its configuration, so its state can be read and, when asked for, destroyed
 * from that commit (atlantis#1178: a removed directory otherwise leaves its resources behind unseen).
 */
const SOURCE = 'Input "stack-graph"';
async function planDestroy(graph, options, collaborators) {
    const byName = (0,_waves_js__WEBPACK_IMPORTED_MODULE_8__/* .stackGraph */ .vR)(graph, SOURCE);
    const unknown = options.only.filter((name) => !byName.has(name));
    if (unknown.length > 0) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`Input "stacks" names ${listOf(unknown)}, which ${unknown.length === 1 ? 'is' : 'are'} not among the stacks of stack-graph (${[...byName.keys()].join(', ')}): name stacks of the graph, or leave it empty to destroy them all.`);
    }
    const asked = options.only.length > 0 ? graph.filter((e) => options.only.includes(e.stack)) : [...graph];
    const askedNames = new Set(asked.map((e) => e.stack));
    const sources = new Map();
    for (const entry of graph)
        sources.set(entry.stack, await sourceOf(entry, collaborators));
    for (const entry of asked) {
        if (sources.get(entry.stack)?.kind === 'gone' && options.only.includes(entry.stack)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`Stack ${entry.stack}'s directory ${entry.directory} is not in the checkout, and no commit of its history has it, so there is nothing to destroy it from: check its directory in stack-graph, or check the repository out with its whole history (actions/checkout with fetch-depth: 0).`);
        }
    }
    const stateOf = (entry) => {
        const source = sources.get(entry.stack);
        return collaborators.readState(entry, source?.kind === 'removed' ? source.lastCommit : undefined);
    };
    // Before anything is planned: the stacks outside the destroy that depend on a stack of it.
    const dependents = await Promise.all(graph
        .filter((entry) => !askedNames.has(entry.stack))
        .map((entry) => ({ entry, dependsOn: (0,_waves_js__WEBPACK_IMPORTED_MODULE_8__/* .stackDependencies */ .yX)(entry).filter((d) => askedNames.has(d)) }))
        .filter(({ dependsOn }) => dependsOn.length > 0)
        .map(async ({ entry, dependsOn }) => {
        if (sources.get(entry.stack)?.kind === 'gone') {
            return { stack: entry.stack, dependsOn, resources: 0, where: entry.directory, unchecked: true };
        }
        const read = await stateOf(entry);
        return {
            stack: entry.stack,
            dependsOn,
            resources: read.state?.resources ?? 0,
            where: whereIs(read, entry),
        };
    }));
    const removed = await Promise.all(graph
        .filter((entry) => sources.get(entry.stack)?.kind !== 'checkout')
        .map(async (entry) => {
        const source = sources.get(entry.stack);
        const base = { stack: entry.stack, directory: entry.directory };
        if (source.kind !== 'removed')
            return { ...base, resources: 0, fate: 'skipped' };
        const dependent = dependents.find((d) => d.stack === entry.stack);
        const read = dependent ? undefined : await stateOf(entry);
        const resources = dependent?.resources ?? read?.state?.resources ?? 0;
        const fate = resources === 0 ? 'skipped' : askedNames.has(entry.stack) ? 'destroyed' : 'offered';
        return {
            ...base,
            removedIn: source.removedIn,
            lastCommit: source.lastCommit,
            resources,
            where: dependent?.where ?? (read ? whereIs(read, entry) : ''),
            fate,
        };
    }));
    // A removed stack with nothing in its state has nothing to destroy: it gets no leg.
    const skipped = new Set(removed.filter((r) => r.fate === 'skipped').map((r) => r.stack));
    const destroying = asked.map((e) => e.stack).filter((name) => !skipped.has(name));
    // A dependent whose state cannot be read may still have resources: that is no ground to go ahead.
    const blocking = dependents.filter((d) => d.resources > 0 || d.unchecked);
    const refusal = blocking.length > 0 ? refusalOf(blocking, asked, graph) : undefined;
    const waves = destroying.length === 0 || refusal
        ? []
        : (0,_waves_js__WEBPACK_IMPORTED_MODULE_8__/* .stackWaves */ .dh)(graph, {
            source: SOURCE,
            ...(options.environment ? { environment: options.environment } : {}),
            only: destroying,
        })
            .reverse()
            .map((wave) => wave.map((leg) => {
            const source = sources.get(leg.stack);
            return { ...leg, 'checkout-ref': source?.kind === 'removed' ? source.lastCommit : '' };
        }));
    return { waves, destroying, dependents, removed, ...(refusal ? { refusal } : {}) };
}
async function sourceOf(entry, collaborators) {
    if (collaborators.present(entry))
        return { kind: 'checkout' };
    const found = await collaborators.lastCommitWith(entry.directory);
    return found ? { kind: 'removed', ...found } : { kind: 'gone' };
}
/**
 * The lifecycle seed's refusal: `Cannot destroy network: dependencies exist. vms depends on it and has
 * 7 resources in s3://…/dev/vms.tfstate. Destroy vms too (destroy: network,vms), or destroy it first.`
 */
function refusalOf(blocking, asked, graph) {
    const blocked = [...new Set(blocking.flatMap((d) => d.dependsOn))];
    const oneBlocked = blocked.length === 1;
    const reasons = blocking.map((d) => {
        const on = `${d.stack} depends on ${oneBlocked ? 'it' : listOf(d.dependsOn)}`;
        return d.unchecked
            ? `${on} and its state could not be checked: its directory ${d.where} is not in the checkout and no commit of its history has it (check the repository out with fetch-depth: 0)`
            : `${on} and has ${d.resources} ${d.resources === 1 ? 'resource' : 'resources'} in ${d.where}`;
    });
    const widened = graph
        .map((e) => e.stack)
        .filter((name) => asked.some((e) => e.stack === name) || blocking.some((d) => d.stack === name));
    const them = blocking.length === 1 ? blocking[0].stack : 'them';
    return (`Cannot destroy ${listOf(blocked)}: dependencies exist. ${reasons.join('; ')}. ` +
        `Destroy ${them} too (destroy: ${widened.join(',')}), or destroy ${blocking.length === 1 ? 'it' : 'them'} first. Nothing was planned.`);
}
/** `s3://bucket/dev/vms.tfstate`, with the workspace when it is not the default one. */
function whereIs(read, entry) {
    const place = (0,_backend_js__WEBPACK_IMPORTED_MODULE_4__/* .stateLocation */ .vJ)(read.backend) ?? (0,_backend_js__WEBPACK_IMPORTED_MODULE_4__/* .describeBackend */ .cf)(read.backend);
    return entry.workspace && entry.workspace !== 'default' ? `${place} (workspace ${entry.workspace})` : place;
}
/** tf-plan's use case for mode destroy-waves: the checks, the waves as outputs, the summary. */
async function destroyWaves(inputs, deps) {
    const { logger, setOutputs } = deps;
    const collaborators = repositoryCollaborators(inputs, deps);
    const plan = await planDestroy(inputs.stackGraph ?? [], { only: inputs.stacks, environment: inputs.environment }, collaborators).finally(() => collaborators.dispose?.());
    await deps.writeSummary(destroySummary(plan));
    if (plan.refusal)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(plan.refusal);
    for (const offered of plan.removed.filter((r) => r.fate === 'offered')) {
        logger.warning(offeredText(offered), { title: `Removed stack ${offered.stack} still has resources` });
    }
    setOutputs({ waves: plan.waves, 'wave-count': plan.waves.length, matrix: plan.waves.flat() });
    for (const [index, name] of _plan_js__WEBPACK_IMPORTED_MODULE_6__/* .WAVE_OUTPUTS */ .ff.entries())
        setOutputs({ [name]: plan.waves[index] ?? [] });
    for (const [index, stacks] of plan.waves.entries()) {
        logger.info(`Destroy wave ${index + 1}: ${stacks.map((s) => s.stack).join(', ')}`);
    }
    if (plan.waves.length === 0)
        logger.info('Nothing to destroy.');
}
/**
 * The checkout and the states as a job sees them: the directories in the workspace, the history
 * through git (the order job checks out with fetch-depth: 0), and each state read with the tool the
 * setup action installed, found once, when the first state is read.
 */
function repositoryCollaborators(inputs, deps) {
    const { exec, logger, run } = deps;
    let tool;
    const commits = new Map();
    const scratchDirs = [];
    const git = gitOf(exec, run.workspace);
    return {
        present: (entry) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(run.workspace, entry.directory)),
        lastCommitWith: (directory) => lastCommitWith(git, directory),
        async readState(entry, commit) {
            tool ??= (0,_cli_js__WEBPACK_IMPORTED_MODULE_5__/* .resolveTool */ .Hj)(inputs.binary, exec);
            let root = run.workspace;
            if (commit) {
                if (!commits.has(commit))
                    commits.set(commit, extractCommit(git, exec, commit, run, scratchDirs));
                root = await commits.get(commit);
            }
            try {
                return await (0,_stack_state_js__WEBPACK_IMPORTED_MODULE_7__/* .readStackState */ .S)({
                    stack: entry.stack,
                    directory: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, entry.directory),
                    workspace: entry.workspace ?? 'default',
                    backendConfig: (entry['backend-config'] ?? '')
                        .split('\n')
                        .map((line) => line.trim())
                        .filter((line) => line !== ''),
                }, { tool: await tool, exec, logger, workspace: root, scratch: run.runnerTemp });
            }
            catch (error) {
                if (!commit)
                    throw error;
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`Could not read the state of stack ${entry.stack} from commit ${commit.slice(0, 12)}, the last that has ${entry.directory}: ${error instanceof Error ? error.message : String(error)}`);
            }
        },
        async dispose() {
            await Promise.all(scratchDirs.map((dir) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true })));
        },
    };
}
function gitOf(exec, cwd) {
    return async (args) => {
        const result = await exec('git', args, { cwd });
        if (result.exitCode !== 0) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`git ${args[0] ?? ''} failed in the checkout (exit ${result.exitCode}${result.stderr.trim() ? `: ${result.stderr.trim().split('\n')[0] ?? ''}` : ''}): mode destroy-waves reads the history of removed stack directories, so check the repository out with actions/checkout and fetch-depth: 0 first.`);
        }
        return result.stdout.trim();
    };
}
/**
 * The last commit touching a directory missing from the checkout is the one that removed it; its
 * parent is the last that had it.
 */
async function lastCommitWith(git, directory) {
    const path = directory.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
    const removedIn = await git(['log', '-1', '--format=%H', '--', path]);
    if (!removedIn)
        return undefined;
    const lastCommit = await git(['rev-parse', '--verify', `${removedIn}^`]);
    return { removedIn, lastCommit };
}
/** The tree of an older commit, under the runner's temp, to read a removed stack's state from. */
async function extractCommit(git, exec, commit, run, scratchDirs) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(run.runnerTemp, `iac-commit-${commit.slice(0, 12)}-`));
    scratchDirs.push(dir);
    const archive = `${dir}.tar`;
    await git(['archive', '--format=tar', '-o', archive, commit]);
    const untar = await exec('tar', ['-xf', archive, '-C', dir]);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(archive, { force: true });
    if (untar.exitCode !== 0)
        throw new Error(`tar could not unpack commit ${commit}: ${untar.stderr.trim()}`);
    return dir;
}
function offeredText(removed) {
    return (`Stack ${removed.stack}'s directory ${removed.directory} was removed in commit ${short(removed.removedIn)}, but its state still has ${removed.resources} ${removed.resources === 1 ? 'resource' : 'resources'} (${removed.where ?? ''}). ` +
        `Destroy it from ${short(removed.lastCommit)}, the last commit that has it, with destroy: ${removed.stack}.`);
}
/** mode destroy-waves: the order, the dependents checked, the removed stacks. */
function destroySummary(plan) {
    const lines = ['## Destroy order', ''];
    if (plan.refusal) {
        lines.push(`> **Refused:** ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellText */ .Ie)(plan.refusal)}`, '');
    }
    else if (plan.waves.length === 0) {
        lines.push('Nothing to destroy.', '');
    }
    else {
        lines.push(`${plan.waves.length} wave(s), in reverse dependency order: a stack is destroyed only after every stack that depends on it.`, '', '| Wave | Stack | Directory | Environment | From |', '|---:|---|---|---|---|', ...plan.waves.flatMap((stacks, index) => stacks.map((s) => `| ${index + 1} | ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(s.stack)} | ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(s.directory)} | ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellText */ .Ie)(s.environment) || '—'} | ${s['checkout-ref'] ? `commit ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(short(s['checkout-ref']))}` : 'this checkout'} |`)), '');
    }
    lines.push('### Dependents checked', '');
    if (plan.dependents.length === 0) {
        lines.push('No stack outside the destroy depends on a stack of it.', '');
    }
    else {
        lines.push('| Stack | Depends on | Resources | State |', '|---|---|---:|---|', ...plan.dependents.map((d) => `| ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(d.stack)} | ${d.dependsOn.map(_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA).join(', ')} | ${d.unchecked ? '—' : d.resources} | ${d.unchecked ? 'not found: no commit has its directory' : (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(d.where)} |`), '');
    }
    if (plan.removed.length > 0) {
        lines.push('### Removed stacks', '');
        for (const r of plan.removed)
            lines.push(`- ${removedLine(r)}`);
        lines.push('');
    }
    return lines.join('\n');
}
function removedLine(r) {
    const name = `${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(r.stack)} (${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(r.directory)})`;
    if (!r.removedIn || !r.lastCommit) {
        return `${name}: not in the checkout, and no commit of its history has it (a shallow checkout? fetch-depth: 0 gives the history); skipped.`;
    }
    const where = `removed in ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(short(r.removedIn))}`;
    if (r.fate === 'skipped')
        return `${name}, ${where}: its state has no resources; skipped.`;
    const holds = `its state still has ${r.resources} ${r.resources === 1 ? 'resource' : 'resources'} (${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(r.where ?? '')})`;
    if (r.fate === 'destroyed') {
        return `${name}, ${where}: ${holds}; destroyed from ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(short(r.lastCommit))}, the last commit that has it.`;
    }
    return `${name}, ${where}: ${holds}. **Offered for destroy** from ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(short(r.lastCommit))}, the last commit that has it: run the destroy with ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(`destroy: ${r.stack}`)}.`;
}
function short(commit) {
    return (commit ?? '').slice(0, 12);
}
function listOf(names) {
    if (names.length <= 1)
        return names.join('');
    return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}


/***/ }),

/***/ 77678:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dh: () => (/* binding */ stackWaves),
/* harmony export */   vR: () => (/* binding */ stackGraph),
/* harmony export */   yX: () => (/* binding */ stackDependencies)
/* harmony export */ });
/* unused harmony exports MAX_WAVES, stackInputSources */
/* harmony import */ var _contracts_stacks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86966);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3828);


/**
 * Orders stacks into waves: a stack runs in the first wave after every stack it depends on. Stacks of
 * one wave run side by side (a matrix); a wave starts when the wave before it has been applied.
 */
/** The most waves iac-pipeline.yml has jobs for (wave-1 … wave-5). */
const MAX_WAVES = 5;
/**
 * The stacks a stack depends on: those of `depends-on` and those its `inputs` read, each once. An input
 * orders as a dependency does, since its value exists only once that stack is applied.
 */
function stackDependencies(entry) {
    const fromInputs = Object.values(entry.inputs ?? {}).flatMap((ref) => (0,_contracts_stacks_js__WEBPACK_IMPORTED_MODULE_0__.parseStackOutputRef)(ref)?.stack ?? []);
    return [...new Set([...(entry['depends-on'] ?? []), ...fromInputs])];
}
/** The graph by stack name, after refusing a stack listed twice or a dependency or input on no stack of it. */
function stackGraph(stacks, source) {
    const byName = new Map();
    for (const entry of stacks) {
        if (byName.has(entry.stack))
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${source} lists stack ${entry.stack} twice.`);
        byName.set(entry.stack, entry);
    }
    const known = [...byName.keys()].join(', ');
    for (const entry of stacks) {
        for (const dependency of entry['depends-on'] ?? []) {
            if (dependency === entry.stack) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${source}: stack ${entry.stack} depends on itself.`);
            }
            if (!byName.has(dependency)) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${source}: stack ${entry.stack} depends on ${dependency}, which is not among the stacks (${known}).`);
            }
        }
        for (const [variable, ref] of Object.entries(entry.inputs ?? {})) {
            const upstream = (0,_contracts_stacks_js__WEBPACK_IMPORTED_MODULE_0__.parseStackOutputRef)(ref);
            if (upstream?.stack === entry.stack) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${source}: stack ${entry.stack}'s input ${variable} reads ${ref}, an output of the stack itself; an input comes from another stack.`);
            }
            if (upstream && !byName.has(upstream.stack)) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${source}: stack ${entry.stack}'s input ${variable} reads output ${upstream.output} of stack ${upstream.stack}, which is not among the stacks (${known}).`);
            }
        }
    }
    return byName;
}
/** A stack's inputs with where each upstream keeps its state: what tf-plan and tf-apply read them from. */
function stackInputSources(entry, byName) {
    return Object.entries(entry.inputs ?? {}).flatMap(([variable, ref]) => {
        const parsed = (0,_contracts_stacks_js__WEBPACK_IMPORTED_MODULE_0__.parseStackOutputRef)(ref);
        const upstream = parsed ? byName.get(parsed.stack) : undefined;
        if (!parsed || !upstream)
            return [];
        return [
            {
                variable,
                stack: upstream.stack,
                output: parsed.output,
                directory: upstream.directory,
                ...(upstream.workspace ? { workspace: upstream.workspace } : {}),
                ...(upstream['backend-config'] ? { 'backend-config': upstream['backend-config'] } : {}),
            },
        ];
    });
}
function stackWaves(stacks, options) {
    const { source } = options;
    const byName = stackGraph(stacks, source);
    const levels = new Map();
    const visiting = [];
    const levelOf = (name) => {
        const known = levels.get(name);
        if (known !== undefined)
            return known;
        if (visiting.includes(name)) {
            const cycle = [...visiting.slice(visiting.indexOf(name)), name];
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${source}: the stacks depend on each other in a cycle: ${cycle.join(' → ')}.`);
        }
        visiting.push(name);
        const entry = byName.get(name);
        const dependencies = entry ? stackDependencies(entry) : [];
        const level = dependencies.length === 0 ? 0 : 1 + Math.max(...dependencies.map(levelOf));
        visiting.pop();
        levels.set(name, level);
        return level;
    };
    for (const entry of stacks)
        levelOf(entry.stack);
    let chosen = [...stacks];
    if (options.only && options.only.length > 0) {
        for (const name of options.only) {
            if (!byName.has(name)) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${source} has no stack ${name} to deploy; it lists ${[...byName.keys()].join(', ')}.`);
            }
        }
        chosen = chosen.filter((entry) => options.only?.includes(entry.stack));
    }
    // Waves are numbered among the chosen stacks only: deploying one stack of wave 3 needs no empty waves.
    const distinct = [...new Set(chosen.map((entry) => levels.get(entry.stack) ?? 0))].sort((a, b) => a - b);
    const maxWaves = options.maxWaves ?? MAX_WAVES;
    if (distinct.length > maxWaves) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${source}: the dependencies make ${distinct.length} waves and the pipeline runs at most ${maxWaves}. ` +
            'Let stacks that do not use each other share a wave, or split the deployment into two pipelines.');
    }
    return distinct.map((level) => chosen
        .filter((entry) => levels.get(entry.stack) === level)
        .map((entry) => asMatrixStack(entry, byName, options)));
}
function asMatrixStack(entry, byName, options) {
    const inputs = stackInputSources(entry, byName);
    return {
        stack: entry.stack,
        directory: entry.directory,
        environment: entry.environment ?? options.environment ?? '',
        workspace: entry.workspace ?? '',
        'var-files': entry['var-files'] ?? '',
        'backend-config': entry['backend-config'] ?? '',
        'depends-on': stackDependencies(entry).join(','),
        'image-variable': entry['image-variable'] ?? '',
        playbook: entry.playbook ?? '',
        checks: entry.checks ?? '',
        'stack-inputs': inputs.length > 0 ? JSON.stringify(inputs) : '',
    };
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
