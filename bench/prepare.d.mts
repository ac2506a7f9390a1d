/** Builds dist/ when one of its bundles is missing or older than the sources. */
export function prepareDist(): void;
/** Bundles the test bed's probe actions into test/.build/ when one is missing or stale. */
export function prepareProbes(): void;
