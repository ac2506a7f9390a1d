/**
 * smoke-test's categories: the results' `category` (contracts/smoke.ts) and the only names release's
 * quality-categories can demand. A module of its own, so that the release action's input layer can check
 * the names without loading the smoke results' contract.
 */
export const SMOKE_CATEGORY_NAMES = ['connectivity', 'service', 'security', 'functionality'] as const;

/** The same names, as plain strings to look a user's name up in. */
export const SMOKE_CATEGORIES: readonly string[] = SMOKE_CATEGORY_NAMES;
