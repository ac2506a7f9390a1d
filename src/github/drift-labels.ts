/**
 * The labels drift detection puts on the drift issues it opens (src/github/drift-issue.ts), unless
 * tf-plan's `drift-labels` says otherwise; the report's metrics find the issues by them. A module of its
 * own, without imports, so that the input layers of both actions can read it at start-up.
 */
export const DEFAULT_DRIFT_LABELS: readonly string[] = ['drift'];
