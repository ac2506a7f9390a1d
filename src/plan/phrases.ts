import type { AttributeChange, PlanCounts, PlanModel, ResourceEntry, ShownValue } from './model.js';
import { truncate } from '../markdown/escape.js';
import { displayPath } from './values.js';

/**
 * The words every rendering shares (Markdown and plain text), so the PR comment, the job summary and
 * the log say the same thing the same way.
 */

/** Text with some parts marked as code; each renderer formats the code parts its own way. */
export type Segment = string | { code: string };
export type Phrase = Segment[];

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

const REASONS: Record<string, string> = {
  replace_because_cannot_update: 'a changed attribute cannot be updated in place',
  replace_because_tainted: 'the object is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by',
  delete_because_no_resource_config: 'no longer in the configuration',
  delete_because_wrong_repetition: 'count or for_each was added or removed',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_enabled_false: 'enabled = false',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_no_move_target: 'a moved block points to an address that is not in the configuration',
  read_because_config_unknown: 'its configuration depends on values known only after apply',
  read_because_dependency_pending: 'it depends on a resource with changes pending',
  read_because_check_nested: 'it is inside a check block',
  forgot_because_lifecycle_destroy_in_state: 'lifecycle destroy = false',
  forgot_because_lifecycle_destroy_in_config: 'lifecycle destroy = false',
};

export interface Group {
  key: string;
  title: string;
  entries: ResourceEntry[];
}

const GROUPS: ReadonlyArray<{ key: string; title: string; matches: (entry: ResourceEntry) => boolean }> = [
  { key: 'delete', title: 'Destroy', matches: (e) => e.action === 'delete' },
  { key: 'replace', title: 'Replace', matches: (e) => e.action === 'replace' },
  {
    key: 'forget-then-create',
    title: 'Replace without destroying: the old object is only removed from the state',
    matches: (e) => e.action === 'forget-then-create',
  },
  { key: 'create', title: 'Create', matches: (e) => e.action === 'create' },
  { key: 'update', title: 'Update in place', matches: (e) => e.action === 'update' },
  { key: 'import', title: 'Import', matches: (e) => e.action === 'no-op' && e.importing !== undefined },
  {
    key: 'move',
    title: 'Move',
    matches: (e) => e.action === 'no-op' && e.importing === undefined && e.previousAddress !== undefined,
  },
  {
    key: 'forget',
    title: 'Forget: removed from the state, not destroyed',
    matches: (e) => e.action === 'forget',
  },
  { key: 'read', title: 'Read data sources during apply', matches: (e) => e.action === 'read' },
];

/** Destroys and replaces are the groups the banner lists in full. */
export const DESTRUCTIVE_GROUPS: ReadonlySet<string> = new Set(['delete', 'replace']);

/** The resources grouped by what happens to them, most consequential first; empty groups left out. */
export function groupResources(entries: readonly ResourceEntry[]): Group[] {
  let groups = groupCache.get(entries);
  if (!groups) {
    groups = makeGroups(entries);
    groupCache.set(entries, groups);
  }
  return groups;
}

// Renderers group the same list several times while they fit a plan into its limit.
const groupCache = new WeakMap<readonly ResourceEntry[], Group[]>();

function makeGroups(entries: readonly ResourceEntry[]): Group[] {
  const groups = GROUPS.map(({ key, title }) => ({ key, title, entries: [] as ResourceEntry[] }));
  for (const entry of entries) {
    const index = GROUPS.findIndex((group) => group.matches(entry));
    if (index >= 0) groups[index]?.entries.push(entry);
  }
  return groups.filter((group) => group.entries.length > 0);
}

/** "2 to add, 1 to change, 0 to replace, 0 to destroy; 1 to import" and the rest that is not zero. */
export function countsPhrase(counts: PlanCounts): string {
  const main = [
    `${counts.add} to add`,
    `${counts.change} to change`,
    `${counts.replace} to replace`,
    `${counts.destroy} to destroy`,
  ].join(', ');
  const extra = [
    counts.import > 0 ? `${counts.import} to import` : '',
    counts.move > 0 ? `${counts.move} to move` : '',
    counts.forget > 0 ? `${counts.forget} to forget` : '',
    counts.read > 0 ? plural(counts.read, 'data source') + ' to read' : '',
    counts.outputChanges > 0 ? plural(counts.outputChanges, 'output change') : '',
  ].filter(Boolean);
  return extra.length > 0 ? `${main}; ${extra.join(', ')}` : main;
}

export function verdict(model: PlanModel): string {
  if (model.errored) return 'The plan failed';
  return model.hasChanges ? 'Changes' : 'No changes';
}

const MAX_NAMED_PATHS = 5;

/** What else a reviewer should know about one resource, beside its address. */
export function resourceNotes(entry: ResourceEntry): Phrase[] {
  const notes: Phrase[] = [];
  if (entry.action === 'replace') {
    notes.push([
      entry.replaceOrder === 'create-then-delete'
        ? 'create the new object, then destroy the old (create_before_destroy)'
        : 'destroy, then create',
    ]);
  }
  if (entry.replacePaths.length > 0) {
    const named = entry.replacePaths.slice(0, MAX_NAMED_PATHS);
    const phrase: Phrase = ['forced by '];
    named.forEach((path, i) => phrase.push(...(i > 0 ? [', '] : []), { code: path }));
    if (entry.replacePaths.length > named.length)
      phrase.push(` and ${entry.replacePaths.length - named.length} more`);
    notes.push(phrase);
  } else if (entry.actionReason) {
    const reason = REASONS[entry.actionReason];
    notes.push(reason ? [reason] : ['reason ', { code: entry.actionReason }]);
  }
  if (entry.importing)
    notes.push(entry.importing.id ? ['import ID ', { code: entry.importing.id }] : ['imported']);
  if (entry.previousAddress) notes.push(['moved from ', { code: entry.previousAddress }]);
  if (entry.deposed) notes.push(['deposed object ', { code: entry.deposed }]);
  return notes;
}

/** What the banner says happens to a destroyed or replaced resource. */
export function destructiveVerb(entry: ResourceEntry): string {
  return entry.action === 'replace' ? 'replaced' : 'destroyed';
}

export function driftNotes(entry: ResourceEntry): Phrase[] {
  return [
    [
      entry.action === 'delete'
        ? 'deleted outside of the configuration'
        : 'changed outside of the configuration',
    ],
  ];
}

export function valueText(value: ShownValue, maxLength = Infinity): string {
  switch (value.kind) {
    case 'known':
      return truncate(value.text, maxLength);
    case 'sensitive':
      return '(sensitive)';
    case 'unknown':
      return '(known after apply)';
    case 'absent':
      return 'null';
  }
}

/** One line of a diff: `+ path = value`, `- path = value` or `! path = before -> after`. */
export function diffLine(attribute: AttributeChange, maxLength = Infinity): string {
  const { before, after } = attribute;
  const suffix = attribute.forcesReplacement ? '  # forces replacement' : '';
  if (before.kind === 'absent') return `+ ${attribute.path} = ${valueText(after, maxLength)}${suffix}`;
  if (after.kind === 'absent') return `- ${attribute.path} = ${valueText(before, maxLength)}${suffix}`;
  return `! ${attribute.path} = ${valueText(before, maxLength)} -> ${valueText(after, maxLength)}${suffix}`;
}

export function outputLine(
  name: string,
  before: ShownValue,
  after: ShownValue,
  maxLength = Infinity,
): string {
  return diffLine({ path: displayPath([name]), before, after, forcesReplacement: false }, maxLength);
}
