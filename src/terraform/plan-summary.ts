import { ConfigurationError } from '../core/errors.js';

/**
 * What a plan will do, counted from the `show -json` document (format_version 1.x) the way reviewers
 * read it: a replacement is one replace, not an add and a destroy.
 */

export type ChangeAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** The parts of a `resource_changes` entry the summary reads. */
export interface ResourceChange {
  address: string;
  previous_address?: string;
  change: {
    actions: ChangeAction[];
    /** Present (an object, possibly empty) when the resource is being imported. */
    importing?: Record<string, unknown> | null;
  };
}

/** The parts of the `show -json` document the summary reads; the rest passes through untouched. */
export interface PlanDocument {
  format_version: string;
  terraform_version?: string;
  resource_changes?: ResourceChange[];
  output_changes?: Record<string, { actions: ChangeAction[] }>;
  [key: string]: unknown;
}

export interface PlanSummary {
  add: number;
  change: number;
  destroy: number;
  replace: number;
  import: number;
  move: number;
  forget: number;
  /** True when applying the plan would change anything: a resource, the state, or an output. */
  hasChanges: boolean;
  /** True when anything would be deleted or replaced. */
  destroys: boolean;
  /** Addresses that would be deleted or replaced, in plan order. */
  deletes: string[];
  /** Addresses that would be replaced (a subset of deletes). */
  replaces: string[];
  /** Outputs whose value would change. */
  outputChanges: number;
}

const READ_FORMAT_MAJOR = '1';

/** Refuses a document in a format this code does not read, saying which it got and which it reads. */
export function assertPlanFormat(doc: unknown): asserts doc is PlanDocument {
  const version = (doc as { format_version?: unknown } | null)?.format_version;
  if (typeof version !== 'string' || version.split('.')[0] !== READ_FORMAT_MAJOR) {
    throw new ConfigurationError(
      `the plan's show -json document has format_version ${JSON.stringify(version ?? null)}; this release ` +
        `reads ${READ_FORMAT_MAJOR}.x. Use a tofu or terraform version that writes format ${READ_FORMAT_MAJOR}.x.`,
    );
  }
}

export function summarizePlan(doc: unknown): PlanSummary {
  assertPlanFormat(doc);
  const summary: PlanSummary = {
    add: 0,
    change: 0,
    destroy: 0,
    replace: 0,
    import: 0,
    move: 0,
    forget: 0,
    hasChanges: false,
    destroys: false,
    deletes: [],
    replaces: [],
    outputChanges: 0,
  };
  for (const resource of doc.resource_changes ?? []) countResource(summary, resource);
  summary.outputChanges = Object.values(doc.output_changes ?? {}).filter((o) => changes(o.actions)).length;
  summary.destroys = summary.destroy + summary.replace > 0;
  summary.hasChanges = summary.hasChanges || summary.outputChanges > 0;
  return summary;
}

/** True unless every action is one that leaves infrastructure and state alone. */
function changes(actions: readonly ChangeAction[]): boolean {
  return actions.some((action) => action !== 'no-op' && action !== 'read');
}

function countResource(summary: PlanSummary, resource: ResourceChange): void {
  const { actions } = resource.change;
  // An import or a move changes the state even when the resource itself is a no-op; the tool's own
  // -detailed-exitcode counts them as changes too, so the summary agrees with the exit code.
  const imported = resource.change.importing !== undefined && resource.change.importing !== null;
  const moved = resource.previous_address !== undefined && resource.previous_address !== resource.address;
  if (imported) summary.import += 1;
  if (moved) summary.move += 1;
  if (changes(actions) || imported || moved) summary.hasChanges = true;

  // delete+create (the default) and create+delete (create_before_destroy) are both one replacement.
  if (actions.includes('delete') && actions.includes('create')) {
    summary.replace += 1;
    summary.replaces.push(resource.address);
    summary.deletes.push(resource.address);
    return;
  }
  for (const action of actions) countAction(summary, action, resource.address);
}

function countAction(summary: PlanSummary, action: ChangeAction, address: string): void {
  switch (action) {
    case 'create':
      summary.add += 1;
      break;
    case 'update':
      summary.change += 1;
      break;
    case 'delete':
      summary.destroy += 1;
      summary.deletes.push(address);
      break;
    case 'forget':
      summary.forget += 1;
      break;
    default:
      // no-op and read change nothing; an action this code does not know is not counted either.
      break;
  }
}
