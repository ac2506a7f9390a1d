export const id = 606;
export const ids = [606,966];
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

/***/ 4100:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   orderStacks: () => (/* binding */ orderStacks),
/* harmony export */   wavesSummary: () => (/* binding */ wavesSummary)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _stack_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71836);
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26734);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(28303);
/* harmony import */ var _waves_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(77678);






/** tf-plan's mode waves: the stacks in the order their dependencies allow, as matrices for the wave jobs. */
async function orderStacks(inputs, deps) {
    const { logger, run, setOutputs } = deps;
    const waves = (0,_waves_js__WEBPACK_IMPORTED_MODULE_5__/* .stackWaves */ .dh)(inputs.stackGraph ?? [], {
        source: 'Input "stack-graph"',
        ...(inputs.environment ? { environment: inputs.environment } : {}),
        only: inputs.stacks,
    });
    // With the repository checked out, an input on an output or variable nobody declares is refused
    // here, before any stack is planned.
    for (const stack of waves.flat()) {
        if (!stack['stack-inputs'] || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(run.workspace, stack.directory)))
            continue;
        await (0,_stack_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .declaredInputs */ .WB)(JSON.parse(stack['stack-inputs']), { stack: stack.stack, directory: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(run.workspace, stack.directory) }, run.workspace);
    }
    setOutputs({ waves, 'wave-count': waves.length, matrix: waves.flat() });
    for (const [index, name] of _plan_js__WEBPACK_IMPORTED_MODULE_4__/* .WAVE_OUTPUTS */ .ff.entries())
        setOutputs({ [name]: waves[index] ?? [] });
    for (const [index, stacks] of waves.entries()) {
        logger.info(`Wave ${index + 1}: ${stacks.map((s) => s.stack).join(', ')}`);
    }
    await deps.writeSummary(wavesSummary(waves));
}
/** mode: waves — the order the pipeline will deploy the stacks in. */
function wavesSummary(waves) {
    const rows = waves.flatMap((stacks, index) => stacks.map((s) => `| ${index + 1} | ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(s.stack)} | ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(s.directory)} | ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellText */ .Ie)(s.environment) || '—'} | ${s['depends-on'] ? s['depends-on'].split(',').map(_markdown_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA).join(', ') : '—'} |`));
    return [
        '## Deployment order',
        '',
        `${waves.length} wave(s); the stacks of a wave run side by side, each wave after the one before it is applied.`,
        '',
        '| Wave | Stack | Directory | Environment | Depends on |',
        '|---:|---|---|---|---|',
        ...rows,
        '',
    ].join('\n');
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
