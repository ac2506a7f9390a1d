import { ConfigurationError } from '../core/errors.js';
import { assertPlanFormat } from '../terraform/plan-summary.js';
import type { Diagnostic } from '../terraform/ui-stream.js';
import { anySet, isObject, maskAt, SecretCollector, type Mask } from './sensitive.js';
import { displayLiteral, displayPath, type PathStep } from './values.js';

/**
 * What a plan will do, as reviewers read it, built from the `show -json` document (format_version 1.x,
 * tofu and terraform). Values are kept only as display text, and only where they may be shown: a
 * sensitive value never enters the model, so no renderer can leak it.
 */

/** What happens to one resource instance, as one verb (the raw `actions` are kept beside it). */
export type ResourceAction =
  | 'create'
  | 'update'
  | 'replace'
  | 'delete'
  | 'read'
  | 'forget'
  /** tofu's ForgetThenCreate: a replace whose old object is only dropped from the state (destroy = false). */
  | 'forget-then-create'
  | 'no-op';

/** The two kinds of replacement, kept apart because the second keeps the old object while the new one comes up. */
export type ReplaceOrder = 'delete-then-create' | 'create-then-delete';

/** A value as it may be shown: its literal text, or why it cannot be. */
export type ShownValue =
  | { kind: 'known'; text: string }
  | { kind: 'sensitive' }
  | { kind: 'unknown' }
  /** Null or not there at all. */
  | { kind: 'absent' };

export interface AttributeChange {
  /** Display path: `input.tags["a b"][0]`. */
  path: string;
  before: ShownValue;
  after: ShownValue;
  /** The provider said a change here forces the replacement (`replace_paths`). */
  forcesReplacement: boolean;
}

export interface ResourceEntry {
  address: string;
  /** Module part of the address (`module.a.module.b`); absent in the root module. */
  module?: string;
  mode: string;
  type: string;
  name: string;
  /** The count index or for_each key. */
  index?: string | number;
  provider?: string;
  /** Set when the change is to a deposed object of the instance, not its current one. */
  deposed?: string;
  action: ResourceAction;
  actions: readonly string[];
  replaceOrder?: ReplaceOrder;
  actionReason?: string;
  /** Present when the resource is imported; `id` is the import ID when the tool gave one. */
  importing?: { id?: string };
  /** The address before a `moved` block. */
  previousAddress?: string;
  replacePaths: string[];
  /** Computed each time it is read (see resourceEntry): read it once into a variable. */
  readonly attributes: AttributeChange[];
}

export interface OutputEntry {
  name: string;
  action: 'create' | 'update' | 'delete';
  before: ShownValue;
  after: ShownValue;
}

export type CheckStatus = 'pass' | 'fail' | 'error' | 'unknown';

export interface CheckEntry {
  address: string;
  kind: string;
  status: CheckStatus;
  problems: string[];
}

export interface PlanDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  /** `file:line` in the repository, when the tool pointed at one. */
  location?: string;
}

/**
 * The counts reviewers read; the same rules as summarizePlan (src/terraform/plan-summary.ts), which
 * feeds tf-plan's outputs: a replacement is one replace, and an import or a move is counted besides
 * whatever else happens to the resource.
 */
export interface PlanCounts {
  add: number;
  change: number;
  replace: number;
  destroy: number;
  import: number;
  move: number;
  forget: number;
  /** Data sources read during apply (their values were not known at plan time). */
  read: number;
  outputChanges: number;
  /** Resources the refresh found changed outside the configuration. */
  drift: number;
}

export interface PlanModel {
  formatVersion: string;
  /** `terraform_version`: the version of tofu or terraform that made the plan. */
  toolVersion?: string;
  counts: PlanCounts;
  /** True when applying would change anything: a resource, the state or an output. */
  hasChanges: boolean;
  /** The plan stopped on an error: what it lists is incomplete and it cannot be applied. */
  errored: boolean;
  /** Every resource change but the plain no-ops, in plan order. */
  resources: ResourceEntry[];
  /** Resources that stay as they are. */
  unchanged: number;
  drift: ResourceEntry[];
  outputs: OutputEntry[];
  checks: CheckEntry[];
  diagnostics: PlanDiagnostic[];
  /**
   * The root variables not declared sensitive, with their values: what a plan shows of the inputs it
   * received from other stacks. Sensitive ones are never kept.
   */
  variables: Record<string, unknown>;
}

export interface BuildOptions {
  /** The plan command's diagnostics (from its -json UI stream); show -json does not carry them. */
  diagnostics?: readonly Diagnostic[];
}

type Json = unknown;

const isComposite = (value: unknown): value is Record<string, unknown> | unknown[] =>
  typeof value === 'object' && value !== null;

function childAt(value: Json, step: PathStep): Json {
  if (Array.isArray(value)) return typeof step === 'number' ? value[step] : undefined;
  if (isObject(value)) return typeof step === 'string' ? value[step] : undefined;
  return undefined;
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/**
 * A value as compact display text, with every sensitive part replaced, so a composite that holds one
 * secret among other values can still be shown.
 */
/**
 * A whole value on one line. Parts unknown until apply show as such: the tool leaves them out of the
 * value (or null) and marks them in the unknown mask, so `[null, null]` would otherwise misread.
 */
function compactText(value: Json, sensitive: Mask, unknown: Mask = undefined): string {
  if (unknown === true) return '(known after apply)';
  if (sensitive === true) return '(sensitive)';
  if (Array.isArray(value)) {
    const items = value.map((item, i) => compactText(item, maskAt(sensitive, i), maskAt(unknown, i)));
    return `[${items.join(', ')}]`;
  }
  if (isObject(value)) {
    const keys = new Set(Object.keys(value));
    if (isObject(unknown)) for (const key of Object.keys(unknown)) if (anySet(unknown[key])) keys.add(key);
    const parts = [...keys].map(
      (key) =>
        `${displayLiteral(key)}: ${compactText(value[key], maskAt(sensitive, key), maskAt(unknown, key))}`,
    );
    return `{${parts.join(', ')}}`;
  }
  return displayLiteral(value ?? null);
}

function shown(value: Json, sensitive: Mask, unknown: Mask = undefined): ShownValue {
  if (unknown === true) return { kind: 'unknown' };
  if (value === null || value === undefined) {
    // A value known only after apply that the tool left out of `after` is unknown, not absent.
    return anySet(unknown) ? { kind: 'unknown' } : { kind: 'absent' };
  }
  if (sensitive === true) return { kind: 'sensitive' };
  return { kind: 'known', text: compactText(value, sensitive, unknown) };
}

interface Sides {
  before: Json;
  after: Json;
  beforeSensitive: Mask;
  afterSensitive: Mask;
  afterUnknown: Mask;
}

const absentOrNull = (value: Json): boolean => value === null || value === undefined;
const emptyComposite = (value: Json): boolean =>
  Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0;

/**
 * The leaf-level differences between before and after. Composites of the same kind are walked (objects
 * by key, lists by position); anything else is one change with both sides shown whole.
 */
function diffValues(sides: Sides, path: PathStep[], out: Array<{ path: PathStep[]; change: Sides }>): void {
  const { before, after, beforeSensitive, afterSensitive, afterUnknown } = sides;
  const secret = beforeSensitive === true || afterSensitive === true;
  if (secret || afterUnknown === true) {
    if (afterUnknown !== true && deepEqual(before, after)) return;
    if (afterUnknown !== true && absentOrNull(before) && absentOrNull(after)) return;
    out.push({ path, change: sides });
    return;
  }
  const walkable =
    (Array.isArray(before) || absentOrNull(before)) && (Array.isArray(after) || absentOrNull(after))
      ? 'list'
      : (isObject(before) || absentOrNull(before)) && (isObject(after) || absentOrNull(after))
        ? 'object'
        : undefined;
  // An empty object or list beside nothing is shown as itself, unless parts of it are still unknown.
  const oneSideEmpty =
    !anySet(afterUnknown) &&
    ((emptyComposite(before) && absentOrNull(after)) || (emptyComposite(after) && absentOrNull(before)));
  if (walkable && (isComposite(before) || isComposite(after) || anySet(afterUnknown)) && !oneSideEmpty) {
    const steps: PathStep[] = [];
    if (walkable === 'list') {
      const length = Math.max(
        Array.isArray(before) ? before.length : 0,
        Array.isArray(after) ? after.length : 0,
        Array.isArray(afterUnknown) ? afterUnknown.length : 0,
      );
      for (let i = 0; i < length; i++) steps.push(i);
    } else {
      const keys = new Set<string>();
      for (const side of [before, after, afterUnknown]) if (isObject(side)) for (const k in side) keys.add(k);
      steps.push(...[...keys].sort());
    }
    for (const step of steps) {
      diffValues(
        {
          before: childAt(before, step),
          after: childAt(after, step),
          beforeSensitive: maskAt(beforeSensitive, step),
          afterSensitive: maskAt(afterSensitive, step),
          afterUnknown: maskAt(afterUnknown, step),
        },
        [...path, step],
        out,
      );
    }
    return;
  }
  if (deepEqual(before, after) && !anySet(afterUnknown)) return;
  if (absentOrNull(before) && absentOrNull(after) && !anySet(afterUnknown)) return;
  out.push({ path, change: sides });
}

function startsWith(path: readonly PathStep[], prefix: readonly PathStep[]): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}

function attributeChanges(change: Record<string, unknown>, replacePaths: PathStep[][]): AttributeChange[] {
  const found: Array<{ path: PathStep[]; change: Sides }> = [];
  diffValues(
    {
      before: change.before,
      after: change.after,
      beforeSensitive: change.before_sensitive,
      afterSensitive: change.after_sensitive,
      afterUnknown: change.after_unknown,
    },
    [],
    found,
  );
  return found.map(({ path, change: sides }) => {
    // A value sensitive on either side is hidden on both: a secret that stops being one is still a secret.
    const secret = sides.beforeSensitive === true || sides.afterSensitive === true;
    const before = shown(sides.before, secret ? true : sides.beforeSensitive);
    const after = shown(sides.after, secret ? true : sides.afterSensitive, sides.afterUnknown);
    return {
      path: path.length === 0 ? '(value)' : displayPath(path),
      before,
      after,
      forcesReplacement: replacePaths.some((prefix) => startsWith(path, prefix)),
    };
  });
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function classify(actions: readonly string[]): { action: ResourceAction; replaceOrder?: ReplaceOrder } {
  const has = (action: string) => actions.includes(action);
  if (has('delete') && has('create')) {
    return {
      action: 'replace',
      replaceOrder: actions[0] === 'create' ? 'create-then-delete' : 'delete-then-create',
    };
  }
  if (has('forget') && has('create')) return { action: 'forget-then-create' };
  for (const action of ['delete', 'create', 'update', 'forget', 'read'] as const) {
    if (has(action)) return { action };
  }
  return { action: 'no-op' };
}

function pathSteps(value: unknown): PathStep[][] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((path): path is unknown[] => Array.isArray(path))
    .map((path) => path.filter((s): s is PathStep => typeof s === 'string' || typeof s === 'number'));
}

function notPlanDocument(what: string): ConfigurationError {
  return new ConfigurationError(`the plan's show -json document is not one: ${what}`);
}

/** What lazily computed attribute diffs share: the redaction, known once the whole document is read. */
interface Shared {
  redactValue?: (value: ShownValue) => ShownValue;
  /** One copy of each of the strings and lists that most entries repeat (types, providers, actions). */
  interned: Map<string, unknown>;
  strings: Map<string, string>;
}

const newShared = (): Shared => ({ interned: new Map(), strings: new Map() });

function intern<T>(shared: Shared, key: string, make: () => T): T {
  let value = shared.interned.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    shared.interned.set(key, value);
  }
  return value;
}

function internString(shared: Shared, value: string): string {
  const known = shared.strings.get(value);
  if (known !== undefined) return known;
  shared.strings.set(value, value);
  return value;
}

/** A resource change's JSON text, kept outside the model (see plan-stream.ts). */
export interface SourceText {
  text(): string;
}

/**
 * One `resource_changes` (or `resource_drift`) entry. The attribute diff is computed each time it is
 * read, from the entry's JSON text when the document is streamed, or from its parsed object: a plan of
 * 50,000 changes would otherwise hold every diff in memory although a comment shows only those that fit.
 */
class Entry implements ResourceEntry {
  module: string | undefined = undefined;
  index: string | number | undefined = undefined;
  provider: string | undefined = undefined;
  deposed: string | undefined = undefined;
  replaceOrder: ReplaceOrder | undefined = undefined;
  actionReason: string | undefined = undefined;
  importing: { id?: string } | undefined = undefined;
  previousAddress: string | undefined = undefined;
  readonly action: ResourceAction;

  constructor(
    readonly address: string,
    readonly mode: string,
    readonly type: string,
    readonly name: string,
    readonly actions: readonly string[],
    readonly replacePaths: string[],
    private readonly replaceSteps: PathStep[][],
    private readonly source: SourceText | Record<string, unknown>,
    private readonly shared: Shared,
  ) {
    const { action, replaceOrder } = classify(actions);
    this.action = action;
    this.replaceOrder = replaceOrder;
  }

  get attributes(): AttributeChange[] {
    const change =
      'text' in this.source && typeof this.source.text === 'function'
        ? (JSON.parse((this.source as SourceText).text()) as { change: Record<string, unknown> }).change
        : (this.source as Record<string, unknown>);
    const attributes = attributeChanges(change, this.replaceSteps);
    const redactValue = this.shared.redactValue;
    if (!redactValue) return attributes;
    return attributes.map((a) => ({ ...a, before: redactValue(a.before), after: redactValue(a.after) }));
  }

  /** The entry as data (`summarize --format json`): its fields and its attribute diff. */
  toJSON(): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    for (const key of ENTRY_FIELDS) if (this[key] !== undefined) data[key] = this[key];
    data.attributes = this.attributes;
    return data;
  }
}

const ENTRY_FIELDS = [
  'address',
  'module',
  'mode',
  'type',
  'name',
  'index',
  'provider',
  'deposed',
  'action',
  'actions',
  'replaceOrder',
  'actionReason',
  'importing',
  'previousAddress',
  'replacePaths',
] as const;

export function resourceEntry(
  raw: unknown,
  source?: SourceText,
  shared: Shared = newShared(),
): ResourceEntry {
  if (!isObject(raw) || typeof raw.address !== 'string' || !isObject(raw.change)) {
    throw notPlanDocument('a resource change has no address or change');
  }
  const change = raw.change;
  const rawActions = stringsOf(change.actions);
  const actions =
    rawActions.length === 1
      ? intern(shared, rawActions[0] as string, () => rawActions)
      : intern(shared, rawActions.join(','), () => rawActions);
  const replaceSteps = pathSteps(change.replace_paths);
  const replacePaths =
    replaceSteps.length === 0
      ? intern(shared, '[]', () => [] as string[])
      : intern(shared, JSON.stringify(replaceSteps), () => replaceSteps.map(displayPath));
  const entry = new Entry(
    raw.address,
    internString(shared, typeof raw.mode === 'string' ? raw.mode : 'managed'),
    internString(shared, typeof raw.type === 'string' ? raw.type : ''),
    internString(shared, typeof raw.name === 'string' ? raw.name : ''),
    actions,
    replacePaths,
    replaceSteps,
    source ?? change,
    shared,
  );
  if (typeof raw.module_address === 'string' && raw.module_address) {
    entry.module = internString(shared, raw.module_address);
  }
  if (typeof raw.index === 'string' || typeof raw.index === 'number') entry.index = raw.index;
  if (typeof raw.provider_name === 'string') entry.provider = internString(shared, raw.provider_name);
  if (typeof raw.deposed === 'string' && raw.deposed) entry.deposed = raw.deposed;
  if (typeof raw.action_reason === 'string' && raw.action_reason) {
    entry.actionReason = internString(shared, raw.action_reason);
  }
  if (change.importing !== undefined && change.importing !== null) {
    const id = isObject(change.importing) ? change.importing.id : undefined;
    entry.importing = typeof id === 'string' ? { id } : {};
  }
  if (typeof raw.previous_address === 'string' && raw.previous_address !== raw.address) {
    entry.previousAddress = raw.previous_address;
  }
  return entry;
}

/** True unless every action is one that leaves infrastructure and state alone (as summarizePlan). */
const changesSomething = (actions: readonly string[]) =>
  actions.some((action) => action !== 'no-op' && action !== 'read');

function outputEntry(name: string, raw: unknown): OutputEntry | undefined {
  if (!isObject(raw)) return undefined;
  const actions = stringsOf(raw.actions);
  if (!changesSomething(actions)) return undefined;
  const action =
    actions.includes('delete') && !actions.includes('create') ? 'delete' : classify(actions).action;
  // An output marked sensitive on either side is hidden on both, like attributes.
  const secret = raw.before_sensitive === true || raw.after_sensitive === true;
  return {
    name,
    action: action === 'create' || action === 'delete' ? action : 'update',
    before: shown(raw.before, secret ? true : raw.before_sensitive),
    after: shown(raw.after, secret ? true : raw.after_sensitive, raw.after_unknown),
  };
}

const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'error', 'unknown'];

function checkEntries(raw: unknown): CheckEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((check) => {
    const address = isObject(check.address) ? check.address : {};
    const problems: string[] = [];
    for (const instance of Array.isArray(check.instances) ? check.instances : []) {
      if (!isObject(instance) || !Array.isArray(instance.problems)) continue;
      for (const problem of instance.problems) {
        if (isObject(problem) && typeof problem.message === 'string') problems.push(problem.message);
      }
    }
    const status = CHECK_STATUSES.find((s) => s === check.status) ?? 'unknown';
    return {
      address: typeof address.to_display === 'string' ? address.to_display : '(unnamed check)',
      kind: typeof address.kind === 'string' ? address.kind : 'check',
      status,
      problems,
    };
  });
}

function diagnosticEntry(diagnostic: Diagnostic): PlanDiagnostic {
  const entry: PlanDiagnostic = {
    severity: diagnostic.severity,
    summary: diagnostic.summary,
    detail: diagnostic.detail,
  };
  const file = diagnostic.file ?? diagnostic.range?.filename;
  if (file) entry.location = diagnostic.range ? `${file}:${diagnostic.range.start.line}` : file;
  return entry;
}

/**
 * Builds the model entry by entry, so a reader that streams `resource_changes` never holds the whole
 * document (see plan-stream.ts); buildPlanModel feeds it from a parsed document.
 */
export class PlanModelBuilder {
  private readonly model: PlanModel;
  private readonly secrets = new SecretCollector();
  private readonly shared: Shared = newShared();

  constructor(head: { formatVersion: string; toolVersion?: string }) {
    this.model = {
      formatVersion: head.formatVersion,
      ...(head.toolVersion ? { toolVersion: head.toolVersion } : {}),
      counts: {
        add: 0,
        change: 0,
        replace: 0,
        destroy: 0,
        import: 0,
        move: 0,
        forget: 0,
        read: 0,
        outputChanges: 0,
        drift: 0,
      },
      hasChanges: false,
      errored: false,
      resources: [],
      unchanged: 0,
      drift: [],
      outputs: [],
      checks: [],
      diagnostics: [],
      variables: {},
    };
  }

  /** One `resource_changes` entry, parsed; `source` is its JSON text when the document is streamed. */
  addResourceChange(raw: unknown, source?: SourceText): void {
    const entry = resourceEntry(raw, source, this.shared);
    this.secrets.addChange(raw);
    const { counts } = this.model;
    if (entry.importing) counts.import += 1;
    if (entry.previousAddress) counts.move += 1;
    if (changesSomething(entry.actions) || entry.importing || entry.previousAddress)
      this.model.hasChanges = true;
    if (entry.action === 'replace') {
      counts.replace += 1;
    } else {
      // Any other combination counts each of its actions, as summarizePlan does (forget+create: a forget and an add).
      for (const action of entry.actions) {
        if (action === 'create') counts.add += 1;
        else if (action === 'update') counts.change += 1;
        else if (action === 'delete') counts.destroy += 1;
        else if (action === 'forget') counts.forget += 1;
        else if (action === 'read') counts.read += 1;
      }
    }
    if (entry.action === 'no-op' && !entry.importing && !entry.previousAddress) {
      this.model.unchanged += 1;
      return;
    }
    this.model.resources.push(entry);
  }

  addDrift(raw: unknown, source?: SourceText): void {
    const entry = resourceEntry(raw, source, this.shared);
    this.secrets.addChange(raw);
    if (entry.action === 'no-op') return;
    this.model.drift.push(entry);
    this.model.counts.drift += 1;
  }

  setOutputChanges(raw: unknown): void {
    if (!isObject(raw)) return;
    for (const [name, change] of Object.entries(raw)) {
      if (isObject(change)) {
        this.secrets.add(change.before, change.before_sensitive);
        this.secrets.add(change.after, change.after_sensitive);
      }
      const entry = outputEntry(name, change);
      if (entry) this.model.outputs.push(entry);
    }
    this.model.counts.outputChanges = this.model.outputs.length;
    if (this.model.outputs.length > 0) this.model.hasChanges = true;
  }

  setToolVersion(version: string): void {
    this.model.toolVersion = version;
  }

  setChecks(raw: unknown): void {
    this.model.checks = checkEntries(raw);
  }

  setErrored(errored: unknown): void {
    this.model.errored = errored === true;
  }

  addDiagnostics(diagnostics: readonly Diagnostic[]): void {
    this.model.diagnostics.push(...diagnostics.map(diagnosticEntry));
  }

  /**
   * Root variables declared sensitive: `variables` holds their values, the configuration says which
   * are sensitive.
   */
  setVariables(values: unknown, configuration: unknown): void {
    this.secrets.addVariables(values, configuration);
    if (values === null || typeof values !== 'object') return;
    const root = (configuration as { root_module?: { variables?: Record<string, { sensitive?: unknown }> } })
      ?.root_module?.variables;
    // Without the declarations nothing says which are sensitive: keep none.
    if (!root) return;
    for (const [name, entry] of Object.entries(values as Record<string, { value?: unknown }>)) {
      if (root?.[name]?.sensitive === true || entry === null || typeof entry !== 'object') continue;
      this.model.variables[name] = entry.value;
    }
  }

  finish(): PlanModel {
    const redactValue = this.secrets.redact(this.model);
    if (redactValue) this.shared.redactValue = redactValue;
    return this.model;
  }
}

/** Refuses what is not a plan (a state's show -json passes the format check but plans nothing). */
export function assertPlanShape(doc: Record<string, unknown>): void {
  const planKeys = ['planned_values', 'resource_changes', 'output_changes', 'errored'];
  if (!planKeys.some((key) => key in doc) && 'values' in doc) {
    throw notPlanDocument(
      'it describes a state (it has `values` and no `planned_values`); run show -json on a planfile',
    );
  }
  for (const key of ['resource_changes', 'resource_drift'] as const) {
    if (doc[key] !== undefined && doc[key] !== null && !Array.isArray(doc[key])) {
      throw notPlanDocument(`\`${key}\` is not a list`);
    }
  }
}

export function buildPlanModel(doc: unknown, options: BuildOptions = {}): PlanModel {
  assertPlanFormat(doc);
  assertPlanShape(doc);
  const builder = new PlanModelBuilder({
    formatVersion: doc.format_version,
    ...(typeof doc.terraform_version === 'string' ? { toolVersion: doc.terraform_version } : {}),
  });
  for (const change of (doc.resource_changes as unknown[] | undefined) ?? [])
    builder.addResourceChange(change);
  for (const drift of (doc.resource_drift as unknown[] | undefined) ?? []) builder.addDrift(drift);
  builder.setOutputChanges(doc.output_changes);
  builder.setChecks(doc.checks);
  builder.setErrored(doc.errored);
  builder.setVariables(doc.variables, doc.configuration);
  builder.addDiagnostics(options.diagnostics ?? []);
  return builder.finish();
}

/** The addresses a reviewer must see before approving: every delete and replace, in plan order. */
export function destructiveResources(model: PlanModel): ResourceEntry[] {
  // Renderers ask several times while they fit a plan into its limit; the list is made once per model.
  let found = destructiveCache.get(model.resources);
  if (!found) {
    found = model.resources.filter((entry) => entry.action === 'delete' || entry.action === 'replace');
    destructiveCache.set(model.resources, found);
  }
  return found;
}

const destructiveCache = new WeakMap<readonly ResourceEntry[], ResourceEntry[]>();
