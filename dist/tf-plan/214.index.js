export const id = 214;
export const ids = [214];
export const modules = {

/***/ 39214:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionsArtifactStore: () => (/* binding */ actionsArtifactStore)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3828);

/**
 * The store over @actions/artifact. The library is loaded lazily: it is the heaviest module in the
 * bundle, and actions that fail on an input never need it.
 */
function actionsArtifactStore() {
    let loading;
    const library = () => (loading ??= Promise.all(/* import() */[__webpack_require__.e(913), __webpack_require__.e(955)]).then(__webpack_require__.bind(__webpack_require__, 97955)));
    const client = async () => new (await library()).DefaultArtifactClient();
    return {
        prepare() {
            // Ignored here on purpose: the first use awaits the same promise and reports a failed load. The handler
            // only keeps the early rejection from being an unhandled one, which would end the process.
            library().catch(() => undefined);
        },
        async upload(name, files, rootDirectory) {
            // Fast deflate: planfiles are zip archives already, and the time goes to the runner, not the network.
            const { id, size } = await (await client()).uploadArtifact(name, [...files], rootDirectory, {
                compressionLevel: 1,
            });
            if (id === undefined)
                throw new Error(`the artifact ${name} was uploaded but the service returned no id`);
            return { name, id, size: size ?? 0 };
        },
        async download(name, directory, from) {
            const artifacts = await client();
            const findBy = from
                ? {
                    token: from.token,
                    workflowRunId: from.runId,
                    repositoryOwner: from.owner,
                    repositoryName: from.repo,
                }
                : undefined;
            const { ArtifactNotFoundError } = await library();
            let id;
            try {
                id = (await artifacts.getArtifact(name, findBy ? { findBy } : undefined)).artifact.id;
            }
            catch (error) {
                if (!(error instanceof ArtifactNotFoundError))
                    throw error;
                const where = from ? `workflow run ${from.runId}` : 'this workflow run';
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`No artifact named "${name}" in ${where}. Check that the job that makes it ran first with the same stack and artifact-prefix${from ? ', and that the run id is right' : ''}.`);
            }
            await artifacts.downloadArtifact(id, { path: directory, ...(findBy ? { findBy } : {}) });
        },
        async list(prefix) {
            const { artifacts } = await (await client()).listArtifacts({ latest: true });
            return artifacts
                .filter((artifact) => artifact.name.startsWith(prefix))
                .map(({ name, id, size, createdAt }) => ({
                name,
                id,
                size,
                ...(createdAt ? { createdAt: createdAt.toISOString() } : {}),
            }))
                .sort((a, b) => a.name.localeCompare(b.name));
        },
    };
}


/***/ })

};
