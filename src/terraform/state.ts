import type { PriorState } from '../contracts/manifest.js';

/** What the state looked like when the plan was made: tf-apply refuses a plan made before the first apply. */
export function priorStateOf(state: Record<string, unknown> | undefined): PriorState {
  if (!state) return { exists: false };
  const serial = typeof state.serial === 'number' ? state.serial : undefined;
  const lineage = typeof state.lineage === 'string' ? state.lineage : undefined;
  return { exists: true, ...(serial !== undefined ? { serial } : {}), ...(lineage ? { lineage } : {}) };
}
