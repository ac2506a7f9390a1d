export const id = 966;
export const ids = [966];
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


/***/ })

};
