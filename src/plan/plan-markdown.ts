import {
  blockText,
  cellCode,
  headingText,
  codeBlock,
  codeSpan,
  htmlText,
  linkUrl,
  truncate,
} from '../markdown/escape.js';
import { destructiveResources, type AttributeChange, type PlanModel, type ResourceEntry } from './model.js';
import {
  countsPhrase,
  DESTRUCTIVE_GROUPS,
  destructiveVerb,
  diffLine,
  driftNotes,
  groupResources,
  outputLine,
  plural,
  resourceNotes,
  verdict,
  type Phrase,
} from './phrases.js';
import { BudgetExceeded, characters, utf8Bytes, Writer, type Measure } from './size-budget.js';
import { oneLine } from '../markdown/escape.js';
import type { PolicyFinding, PolicyResult } from '../contracts/manifest.js';
import { findingPrefix, policyHeadline } from './policy.js';

/**
 * The plan as GitHub Markdown: the PR comment (65,536 characters, continued in further comments when
 * the list of destroyed and replaced resources alone does not fit) and the job summary (1 MiB).
 *
 * When the whole plan does not fit, the rendering degrades in steps, and takes the first that fits:
 *   full       every resource with its attribute diff in a collapsible <details>
 *   collapsed  every resource with the names of its changed attributes, no values
 *   addresses  every resource's address
 *   counts     the counts, the first N addresses of each kind of change and a link to the run
 * At every step the banner lists every resource that will be destroyed or replaced, and the Policy
 * section every failure of the plan's policy check. When even the most compact rendering does not hold
 * them, the destroys continue in further comments first; when the policy failures alone do not fit, each
 * failure's message is shortened (never the list), and only below a readable length do failures
 * continue in further comments too (in the job summary, which has none, the rest is in the log).
 */

export interface PlanRenderContext {
  stack: string;
  workspace: string;
  environment?: string;
  /** The digest an approval names; left out of the footer when empty. */
  planDigest: string;
  /** The commit planned; left out of the footer when empty. */
  commit: string;
  /** The run, whose job summary and log hold the full plan. */
  runUrl?: string;
  tool?: { name: string; version: string };
  /** Where the state the plan was made against lives (`s3://bucket/key`); left out for local state. */
  state?: string;
  /** The release the plan deploys again, in a sentence (`Promotes release 1234 of staging (…)`); plain text. */
  source?: string;
  /** The variables the stack received from other stacks' outputs. */
  inputs?: readonly PlanInputLine[];
  /** The plan's policy check, as the manifest records it; absent when tf-plan ran no policies. */
  policy?: PolicyResult;
}

/** One input of a stack as reviewers read it: where it came from, and its value unless that is secret. */
export interface PlanInputLine {
  variable: string;
  /** `network.subnet_id`: the stack and its output. */
  from: string;
  /** The upstream state's serial the value was read from; absent when it was never applied. */
  serial?: number;
  sensitive: boolean;
  /** The value as JSON; absent for a sensitive input and for one not applied yet. */
  value?: string;
  /** The stack whose apply the value waits for: the plan is provisional. */
  pendingOn?: string;
}

/** Inputs listed in full; the rest are counted, so that a stack with hundreds of inputs stays readable. */
const MAX_INPUTS = 25;
const MAX_INPUT_VALUE = 120;

/** The inputs a stack received, and the warning of a provisional plan, above its counts. */
export function inputsLines(inputs: readonly PlanInputLine[] | undefined): string[] {
  if (!inputs || inputs.length === 0) return [];
  const pending = [...new Set(inputs.flatMap((i) => (i.pendingOn ? [i.pendingOn] : [])))];
  const lines: string[] = [];
  if (pending.length > 0) {
    lines.push(
      '> [!WARNING]',
      `> **Provisional plan:** ${pending.map(code).join(', ')} ${pending.length === 1 ? 'is' : 'are'} not applied yet, so the inputs ${pending.length === 1 ? 'it gives are' : 'they give are'} placeholders. ` +
        'This plan shows the shape of the change; it cannot be approved or applied. Plan again once they are applied.',
      '',
    );
  }
  lines.push('**Inputs from other stacks:**', '');
  for (const input of inputs.slice(0, MAX_INPUTS)) {
    const value = input.pendingOn
      ? `_known after ${headingText(input.pendingOn)} is applied_`
      : input.sensitive
        ? '_(sensitive)_'
        : code(truncate(input.value ?? 'null', MAX_INPUT_VALUE));
    const serial = input.serial !== undefined ? ` (state serial ${input.serial})` : '';
    lines.push(`- ${code(input.variable)} ← ${code(input.from)}${serial}: ${value}`);
  }
  if (inputs.length > MAX_INPUTS) lines.push(`- _and ${inputs.length - MAX_INPUTS} more_`);
  lines.push('');
  return lines;
}

export interface CommentOptions {
  /** Characters per body (JavaScript string length). Default 65,536. */
  limit?: number;
  /** Addresses per kind of change in the most compact rendering. Default 10. */
  firstN?: number;
}

export interface SummaryOptions {
  /** UTF-8 bytes. Default 1,000,000 (GitHub drops a step's summary over 1 MiB). */
  limitBytes?: number;
  firstN?: number;
}

/** GitHub refuses a comment body longer than this (in characters) with 422. */
export const COMMENT_LIMIT = 65_536;
export const SUMMARY_LIMIT_BYTES = 1_000_000;
const DEFAULT_FIRST_N = 10;
// The smallest limit that always leaves room for the header, one banner line and the footer.
const MIN_LIMIT = 4_096;
/** Longest value shown in a diff, and longest address or message: enough to read, bounded in size. */
const MAX_VALUE = 500;
const MAX_NAME = 1_000;
const MAX_DETAIL = 2_000;
const MAX_ATTRIBUTE_NAMES = 20;
/** A policy rule's name is a Rego identifier: a longer one is cut, so that one failure always fits a body. */
const MAX_RULE = 200;
/** A policy message at its longest, and the shortest it is cut to before failures continue elsewhere. */
const POLICY_MESSAGE = 1_000;
const POLICY_MESSAGE_FLOOR = 80;

type Level = 'full' | 'collapsed' | 'addresses' | 'counts' | 'minimal';

interface Mode {
  level: Level;
  /** Addresses per kind of change at the counts level. */
  firstN: number;
  /** Characters of each policy message shown (before escaping). */
  message: number;
}

export interface Part {
  model: PlanModel;
  ctx: PlanRenderContext;
}

/** How many items of one of a stack's lists the body shows, and what it says of the rest. */
interface ListCut {
  shown: number;
  /** Where the rest is: continuation comments (their numbers) or the log. */
  rest: { comments: [number, number] } | 'log';
}

/** The two lists that are never dropped; a list without a cut is shown whole. */
interface BodyCut {
  failures?: ListCut;
  destroys?: ListCut;
}

type ListKind = keyof BodyCut;

const code = (text: string) => codeSpan(truncate(text, MAX_NAME));

function md(phrase: Phrase): string {
  return phrase.map((segment) => (typeof segment === 'string' ? segment : code(segment.code))).join('');
}

function html(phrase: Phrase): string {
  return phrase
    .map((segment) =>
      typeof segment === 'string'
        ? htmlText(segment)
        : `<code>${htmlText(truncate(segment.code, MAX_NAME))}</code>`,
    )
    .join('');
}

const notesMd = (notes: Phrase[]) => (notes.length > 0 ? ` — ${notes.map(md).join('; ')}` : '');
const notesHtml = (notes: Phrase[]) => (notes.length > 0 ? ` — ${notes.map(html).join('; ')}` : '');

function stackTitle(ctx: PlanRenderContext): string {
  const parts = [ctx.stack ? code(ctx.stack) : 'the configuration'];
  if (ctx.workspace) parts.push(`workspace ${code(ctx.workspace)}`);
  if (ctx.environment) parts.push(`environment ${code(ctx.environment)}`);
  return parts.join(' · ');
}

function footer(part: Part): string {
  const { ctx, model } = part;
  const bits: string[] = [];
  if (ctx.planDigest) bits.push(`Plan digest ${code(ctx.planDigest)}`);
  if (ctx.commit) bits.push(`commit ${code(ctx.commit.slice(0, 12))}`);
  if (ctx.state) bits.push(`state ${code(ctx.state)}`);
  if (ctx.tool) bits.push(`${code(ctx.tool.name)} ${code(ctx.tool.version)}`);
  else if (model.toolVersion) bits.push(`version ${code(model.toolVersion)}`);
  const url = linkUrl(ctx.runUrl);
  if (url) bits.push(`[full plan in the run](${url})`);
  return bits.join(' · ');
}

function countsLines(model: PlanModel): string[] {
  const lines: string[] = [];
  if (model.errored) {
    lines.push(
      '> [!CAUTION]',
      '> **The plan failed.** What follows is what it planned before the error; it cannot be applied.',
      '',
    );
  }
  if (model.hasChanges || model.errored) lines.push(`**Plan:** ${countsPhrase(model.counts)}.`);
  else lines.push('**No changes.** The infrastructure matches the configuration.');
  if (model.unchanged > 0 && model.hasChanges)
    lines.push(`${plural(model.unchanged, 'resource')} unchanged.`);
  if (model.counts.drift > 0) {
    lines.push(`**Drift:** ${plural(model.counts.drift, 'resource')} changed outside of the configuration.`);
  }
  return lines;
}

/** A destroyed or replaced resource's line, without the quote marker; made once per entry. */
function destructiveLine(entry: ResourceEntry): string {
  let line = destructiveLines.get(entry);
  if (line === undefined) {
    line = `- ${code(entry.address)} ${destructiveVerb(entry)}${notesMd(resourceNotes(entry))}`;
    destructiveLines.set(entry, line);
  }
  return line;
}

const destructiveLines = new WeakMap<ResourceEntry, string>();

function bannerItem(entry: ResourceEntry): string {
  return `> ${destructiveLine(entry)}`;
}

function writeBanner(w: Writer, destructive: readonly ResourceEntry[], cut: ListCut | undefined): void {
  if (destructive.length === 0) return;
  w.blank().line(
    '> [!WARNING]',
    `> **${plural(destructive.length, 'resource')} will be destroyed or replaced:**`,
  );
  const shown = cut ? cut.shown : destructive.length;
  for (let i = 0; i < shown; i++) w.line(bannerItem(destructive[i] as ResourceEntry));
  if (cut && shown < destructive.length) w.line(restNote(destructive.length - shown, cut.rest));
}

function restNote(rest: number, where: ListCut['rest']): string {
  if (where === 'log') return `> - … and ${rest} more: the full list is in the plan in the run's log.`;
  const [first, last] = where.comments;
  const comments =
    first === last ? `continuation comment ${first}` : `continuation comments ${first} to ${last}`;
  return `> - … and ${rest} more, listed in ${comments}.`;
}

/**
 * A policy failure's or warning's list item: the rule, the address, the message cut to the mode's
 * length. The message is the policy's text with plan values in it, so it is code like every other text
 * from the plan: as running text GitHub would still link its URLs, @mentions and #references.
 */
function findingLine(finding: PolicyFinding, mode: Mode): string {
  const prefix = md(findingPrefix({ ...finding, rule: truncate(finding.rule, MAX_RULE) }));
  return `- ${prefix}${codeSpan(truncate(finding.message, mode.message))}`;
}

/**
 * The Policy section, above the changes: a line when the check passed; otherwise a callout (CAUTION
 * when the failures block, WARNING under `policy-mode: warn`) with every failure, or as many as `cut`
 * says. Warnings follow, shortened with the changes, since only failures decide anything.
 */
function writePolicy(w: Writer, policy: PolicyResult, planDigest: string, mode: Mode, cut?: ListCut): void {
  const { title, detail } = policyHeadline(policy, planDigest);
  if (policy.passed) {
    w.line(`**${title}** — ${md(detail)}`);
  } else {
    w.line(policy.mode === 'enforce' ? '> [!CAUTION]' : '> [!WARNING]', `> **${title}.** ${md(detail)}`, '>');
    const shown = cut ? cut.shown : policy.failures.length;
    for (let i = 0; i < shown; i++) w.line(`> ${findingLine(policy.failures[i] as PolicyFinding, mode)}`);
    if (cut && shown < policy.failures.length) w.line(restNote(policy.failures.length - shown, cut.rest));
  }
  const warnings = policy.warnings;
  if (warnings.length > 0) {
    w.blank().line(`**Policy warnings (${warnings.length}):**`, '');
    const shown =
      mode.level === 'minimal'
        ? 0
        : mode.level === 'counts'
          ? Math.min(mode.firstN, warnings.length)
          : warnings.length;
    for (const warning of warnings.slice(0, shown)) w.line(findingLine(warning, mode));
    if (shown < warnings.length) w.line(`- … and ${warnings.length - shown} more`);
  }
  w.blank();
}

function diffDetails(w: Writer, entry: ResourceEntry, attributes: AttributeChange[], notes: Phrase[]): void {
  const lines = attributes.map((attribute) => diffLine(attribute, MAX_VALUE));
  w.line(
    `<details><summary><code>${htmlText(truncate(entry.address, MAX_NAME))}</code>${notesHtml(notes)}</summary>`,
  );
  w.line('', codeBlock(lines.join('\n'), 'diff'), '', '</details>', '');
}

/** One resource at a level; `notes` is what the list says beside the address. */
function writeResource(w: Writer, entry: ResourceEntry, notes: Phrase[], level: Level): void {
  // Read once: the diff is computed on each read.
  const attributes = level === 'full' || level === 'collapsed' ? entry.attributes : [];
  if (level === 'full' && attributes.length > 0) return diffDetails(w, entry, attributes, notes);
  let line = `- ${code(entry.address)}${notesMd(notes)}`;
  if (level === 'full' || level === 'collapsed') {
    const names = attributes.slice(0, MAX_ATTRIBUTE_NAMES).map((a) => code(a.path));
    const more = attributes.length - names.length;
    if (names.length > 0) line += `: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  }
  w.line(line);
}

function writeEntries(
  w: Writer,
  title: string,
  entries: readonly ResourceEntry[],
  notesOf: (entry: ResourceEntry) => Phrase[],
  mode: Mode,
): void {
  w.blank().line(`#### ${title} (${entries.length})`, '');
  const shown =
    mode.level === 'counts' || mode.level === 'minimal'
      ? Math.min(mode.firstN, entries.length)
      : entries.length;
  for (let i = 0; i < shown; i++) {
    const entry = entries[i] as ResourceEntry;
    writeResource(w, entry, notesOf(entry), mode.level);
  }
  if (shown < entries.length) w.line(`- … and ${entries.length - shown} more`);
  w.blank();
}

function writeGroups(w: Writer, model: PlanModel, mode: Mode): void {
  for (const group of groupResources(model.resources)) {
    // At the counts level the banner already lists every destroy and replace.
    if ((mode.level === 'counts' || mode.level === 'minimal') && DESTRUCTIVE_GROUPS.has(group.key)) continue;
    writeEntries(w, group.title, group.entries, resourceNotes, mode);
  }
  if (model.drift.length > 0) {
    writeEntries(w, 'Drift: changed outside of the configuration', model.drift, driftNotes, mode);
  }
}

function writeOutputs(w: Writer, model: PlanModel, mode: Mode): void {
  if (model.outputs.length === 0) return;
  w.blank().line(`#### Output changes (${model.outputs.length})`, '');
  const detailed = mode.level === 'full' || mode.level === 'collapsed';
  const shown =
    detailed || mode.level === 'addresses'
      ? model.outputs.length
      : Math.min(mode.firstN, model.outputs.length);
  const lines = model.outputs
    .slice(0, shown)
    .map((output) =>
      detailed
        ? outputLine(output.name, output.before, output.after, MAX_VALUE)
        : `${output.action === 'create' ? '+' : output.action === 'delete' ? '-' : '!'} ${oneLine(output.name)}`,
    );
  if (shown < model.outputs.length) lines.push(`# … and ${model.outputs.length - shown} more`);
  if (lines.length > 0) w.line(codeBlock(lines.join('\n'), 'diff'));
  w.blank();
}

function writeChecks(w: Writer, model: PlanModel, mode: Mode): void {
  const failed = model.checks.filter((check) => check.status === 'fail' || check.status === 'error');
  const unknown = model.checks.filter((check) => check.status === 'unknown').length;
  const passed = model.checks.filter((check) => check.status === 'pass').length;
  if (failed.length === 0 && unknown === 0) return;
  const tally = [
    failed.length > 0 ? `${failed.length} failed` : '',
    unknown > 0 ? `${unknown} known only after apply` : '',
    passed > 0 ? `${passed} passed` : '',
  ].filter(Boolean);
  w.blank().line(`#### Checks: ${tally.join(', ')}`, '');
  const shown =
    mode.level === 'counts' || mode.level === 'minimal'
      ? Math.min(mode.firstN, failed.length)
      : failed.length;
  for (const check of failed.slice(0, shown)) {
    const problems = check.problems.map((problem) => code(truncate(problem, MAX_VALUE)));
    w.line(
      `- ${code(check.address)} ${check.status === 'error' ? 'could not be evaluated' : 'failed'}${problems.length > 0 ? `: ${problems.join('; ')}` : ''}`,
    );
  }
  if (shown < failed.length) w.line(`- … and ${failed.length - shown} more`);
  w.blank();
}

function writeDiagnostics(w: Writer, model: PlanModel, mode: Mode): void {
  if (model.diagnostics.length === 0) return;
  const errors = model.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = model.diagnostics.length - errors;
  const tally = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''];
  w.blank().line(`#### ${tally.filter(Boolean).join(' and ')}`, '');
  const limited = mode.level === 'counts' || mode.level === 'minimal';
  const shown = limited ? Math.min(mode.firstN, model.diagnostics.length) : model.diagnostics.length;
  for (const diagnostic of model.diagnostics.slice(0, shown)) {
    const where = diagnostic.location ? ` at ${code(diagnostic.location)}` : '';
    w.line(
      `- **${diagnostic.severity === 'error' ? 'Error' : 'Warning'}:** ${code(truncate(diagnostic.summary, MAX_VALUE))}${where}`,
    );
    if (mode.level === 'full' && diagnostic.detail.trim() !== '') {
      // Indented under its list item: a fence inside a list item needs the item's indentation.
      const block = codeBlock(blockText(truncate(diagnostic.detail.trim(), MAX_DETAIL)), 'text');
      w.line('', ...block.split('\n').map((line) => `  ${line}`), '');
    }
  }
  if (shown < model.diagnostics.length) w.line(`- … and ${model.diagnostics.length - shown} more`);
  w.blank();
}

/** One stack's body: everything under its heading. */
function writeStackBody(w: Writer, part: Part, mode: Mode, cut: BodyCut | undefined, layout: Layout): void {
  const { model } = part;
  w.line(...inputsLines(part.ctx.inputs));
  if (part.ctx.policy) writePolicy(w, part.ctx.policy, part.ctx.planDigest, mode, cut?.failures);
  w.line(...countsLines(model));
  writeBanner(w, destructiveResources(model), cut?.destroys);
  if (mode.level !== 'minimal') {
    writeGroups(w, model, mode);
    writeOutputs(w, model, mode);
    writeChecks(w, model, mode);
    writeDiagnostics(w, model, mode);
  }
  if (mode.level === 'counts' || mode.level === 'minimal') {
    const url = linkUrl(part.ctx.runUrl);
    w.blank().line(
      `_This plan is too large to show whole here: ${mode.level === 'counts' && mode.firstN > 0 ? `the first ${mode.firstN} of each kind of change are listed; ` : ''}` +
        `the full plan is in the ${url ? `[run](${url})` : 'run'}'s ${layout.continuations ? 'job summary and log' : 'log'}._`,
    );
  }
  const foot = footer(part);
  if (foot) w.blank().line(foot);
}

export interface Layout {
  limit: number;
  measure: Measure;
  /** Whether destroyed and replaced resources that do not fit go to continuation bodies (comments). */
  continuations: boolean;
  firstN: number;
  /** The document's heading and, for several stacks, the table above the stacks. */
  head: (parts: readonly Part[]) => string[];
  /** The heading of one stack's section, when the document has several. */
  stackHeading?: (part: Part) => string;
  /** The heading of a continuation body. */
  continuationHeading: (index: number, total: number) => string;
}

function writeDocument(
  w: Writer,
  parts: readonly Part[],
  layout: Layout,
  mode: Mode,
  cuts?: BodyCut[],
): void {
  w.line(...layout.head(parts));
  parts.forEach((part, i) => {
    if (layout.stackHeading) w.blank().line(layout.stackHeading(part), '');
    else w.blank();
    writeStackBody(w, part, mode, cuts?.[i], layout);
  });
}

function attempt(parts: readonly Part[], layout: Layout, mode: Mode, cuts?: BodyCut[]): string | undefined {
  const w = new Writer(layout.limit, layout.measure);
  try {
    writeDocument(w, parts, layout, mode, cuts);
    return w.text();
  } catch (error) {
    if (error instanceof BudgetExceeded) return undefined;
    throw error;
  }
}

/** One line of a list that is never dropped: a stack's policy failure or destroyed resource. */
interface ListItem {
  part: Part;
  stack: number;
  kind: ListKind;
  /** The line without the quote marker, as a continuation body shows it. */
  line: string;
}

/**
 * The main body and its continuations when even the most compact rendering does not hold every
 * destroyed and replaced resource (and, with `spillFailures`, every policy failure): the main body
 * lists as many as fit, in order, failures of every stack before destroys, and the rest follow in
 * continuation bodies (or, without continuations, are left to the log). Without `spillFailures` every
 * failure must fit the main body, or there is no split.
 */
function splitLists(
  parts: readonly Part[],
  layout: Layout,
  mode: Mode,
  spillFailures: boolean,
): string[] | undefined {
  // The notes about the rest are measured at their longest, so the real ones cannot make the body grow.
  const widest: ListCut['rest'] = layout.continuations ? { comments: [99_999, 99_999] } : 'log';
  const cutsOf = (): BodyCut[] =>
    parts.map(() => ({
      destroys: { shown: 0, rest: widest },
      ...(spillFailures ? { failures: { shown: 0, rest: widest } } : {}),
    }));
  const skeleton = attempt(parts, layout, mode, cutsOf());
  if (skeleton === undefined) return undefined;

  const items: ListItem[] = [];
  if (spillFailures) {
    parts.forEach((part, stack) => {
      for (const finding of part.ctx.policy?.failures ?? [])
        items.push({ part, stack, kind: 'failures', line: findingLine(finding, mode) });
    });
  }
  parts.forEach((part, stack) => {
    for (const entry of destructiveResources(part.model))
      items.push({ part, stack, kind: 'destroys', line: destructiveLine(entry) });
  });

  let room = layout.limit - layout.measure(skeleton);
  const cuts = cutsOf();
  let shown = 0;
  for (const item of items) {
    const size = layout.measure(`> ${item.line}`) + 1;
    if (size > room) break;
    room -= size;
    (cuts[item.stack]?.[item.kind] as ListCut).shown += 1;
    shown += 1;
  }
  if (!layout.continuations) {
    return [attempt(parts, layout, mode, cuts) ?? fail('the shortened lists do not fit')];
  }
  const chunks = continuationChunks(items.slice(shown), layout);
  const total = chunks.length + 1;
  // Each stack's notes name the continuation bodies its rest is in (the main body is number 1).
  cuts.forEach((cut, stack) => {
    for (const kind of ['failures', 'destroys'] as const) {
      const list = cut[kind];
      if (!list) continue;
      const holding = chunks.flatMap((chunk, index) =>
        chunk.some((item) => item.stack === stack && item.kind === kind) ? [index + 2] : [],
      );
      list.rest =
        holding.length > 0
          ? { comments: [holding[0] as number, holding[holding.length - 1] as number] }
          : 'log';
    }
  });
  const main = attempt(parts, layout, mode, cuts) ?? fail('the shortened lists do not fit');
  return [main, ...chunks.map((chunk, i) => renderChunk(chunk, i + 2, total, layout))];
}

const CONTINUED: Record<ListKind, string> = {
  failures: 'policy failures, continued:',
  destroys: 'destroyed or replaced resources, continued:',
};

const chunkListLine = (item: ListItem, layout: Layout) =>
  `**${layout.stackHeading ? `${stackTitle(item.part.ctx)}: ` : ''}${CONTINUED[item.kind]}**`;
const chunkEndLine = (index: number, total: number) => `_Continued in comment ${index + 1} of ${total}._`;
const sameList = (a: ListItem | undefined, b: ListItem) => a?.stack === b.stack && a.kind === b.kind;

function renderChunk(chunk: readonly ListItem[], index: number, total: number, layout: Layout): string {
  // A Writer, so a body over the limit is an error here rather than a 422 from GitHub.
  const w = new Writer(layout.limit, layout.measure);
  w.line(layout.continuationHeading(index, total));
  let last: ListItem | undefined;
  for (const item of chunk) {
    if (!sameList(last, item)) w.line('', chunkListLine(item, layout), '');
    last = item;
    w.line(item.line);
  }
  if (index < total) w.line('', chunkEndLine(index, total));
  return w.text();
}

/**
 * Fills continuation bodies in order. Sizes are counted as items are added (measuring each body anew
 * would be quadratic), with the heading and closing line at their widest numbers.
 */
function continuationChunks(items: readonly ListItem[], layout: Layout): ListItem[][] {
  const fixed =
    layout.measure(layout.continuationHeading(99_998, 99_999)) +
    layout.measure(chunkEndLine(99_998, 99_999)) +
    2;
  const chunks: ListItem[][] = [];
  let current: ListItem[] = [];
  let size = fixed;
  for (const item of items) {
    const cost = (listChanged: boolean) =>
      layout.measure(item.line) + 1 + (listChanged ? layout.measure(chunkListLine(item, layout)) + 3 : 0);
    let itemCost = cost(!sameList(current[current.length - 1], item));
    if (current.length > 0 && size + itemCost > layout.limit) {
      chunks.push(current);
      current = [];
      size = fixed;
      itemCost = cost(true);
    }
    if (size + itemCost > layout.limit)
      fail('one destroyed resource or policy failure does not fit a continuation body');
    current.push(item);
    size += itemCost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function fail(what: string): never {
  throw new Error(`plan rendering: ${what}; the size limit is too small`);
}

/** The modes from most to least detailed, with policy messages at their longest. */
function modes(firstN: number): Mode[] {
  const message = POLICY_MESSAGE;
  return [
    { level: 'full', firstN, message },
    { level: 'collapsed', firstN, message },
    { level: 'addresses', firstN, message },
    { level: 'counts', firstN, message },
    ...(firstN > 0 ? [{ level: 'counts' as const, firstN: 0, message }] : []),
    { level: 'minimal', firstN: 0, message },
  ];
}

/**
 * The most detailed rendering that fits. Then, in this order: the destroys split over continuations;
 * the changes at their most compact and each policy message cut to the longest length at which every
 * failure fits the main body; and last, below that length, the failures continued too.
 */
export function renderDocument(parts: readonly Part[], layout: Layout): string[] {
  if (layout.limit < MIN_LIMIT)
    throw new RangeError(`a size limit under ${MIN_LIMIT} is too small for a plan`);
  const all = modes(layout.firstN);
  for (const mode of all) {
    const text = attempt(parts, layout, mode);
    if (text !== undefined) return [text];
  }
  const compact = all.filter((m) => m.level === 'counts' || m.level === 'minimal');
  for (const mode of compact) {
    const split = splitLists(parts, layout, mode, false);
    if (split) return split;
  }
  const minimal = all[all.length - 1] as Mode;
  if (!parts.some((part) => (part.ctx.policy?.failures.length ?? 0) > 0)) {
    return fail('not even the counts fit');
  }
  // The longest message length that fits: fitting only gets easier as messages get shorter.
  const at = (message: number) => splitLists(parts, layout, { ...minimal, message }, false);
  let best = at(POLICY_MESSAGE_FLOOR);
  if (best) {
    let [low, high] = [POLICY_MESSAGE_FLOOR, POLICY_MESSAGE - 1];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      const split = at(middle);
      if (split) [best, low] = [split, middle];
      else high = middle - 1;
    }
    return best;
  }
  return (
    splitLists(parts, layout, { ...minimal, message: POLICY_MESSAGE_FLOOR }, true) ??
    fail('not even the counts fit')
  );
}

function singleLayout(
  ctx: PlanRenderContext,
  limit: number,
  measure: Measure,
  continuations: boolean,
  firstN: number,
): Layout {
  const title = `### Plan for ${stackTitle(ctx)}`;
  return {
    limit,
    measure,
    continuations,
    firstN,
    // A promotion or rollback says so first: reviewers approve a release, not only a diff.
    head: () =>
      ctx.source ? [title, '', `> **${headingText(truncate(ctx.source, MAX_DETAIL))}**`] : [title],
    continuationHeading: (index, total) => `${title} (continued, ${index} of ${total})`,
  };
}

/**
 * The PR comment: the main body, then numbered continuation bodies when the destroyed and replaced
 * resources alone do not fit. Every body is at most `limit` characters.
 */
export function renderPlanComment(
  model: PlanModel,
  ctx: PlanRenderContext,
  opts: CommentOptions = {},
): string[] {
  const layout = singleLayout(
    ctx,
    opts.limit ?? COMMENT_LIMIT,
    characters,
    true,
    opts.firstN ?? DEFAULT_FIRST_N,
  );
  return renderDocument([{ model, ctx }], layout);
}

/** The job summary: the same content in one document of at most `limitBytes` UTF-8 bytes. */
export function renderPlanSummary(
  model: PlanModel,
  ctx: PlanRenderContext,
  opts: SummaryOptions = {},
): string {
  const layout = singleLayout(
    ctx,
    opts.limitBytes ?? SUMMARY_LIMIT_BYTES,
    utf8Bytes,
    false,
    opts.firstN ?? DEFAULT_FIRST_N,
  );
  return renderDocument([{ model, ctx }], layout)[0] as string;
}

/** Exposed for the multi-stack renderer. */
export const markdown = { code, cellCode, stackTitle, verdict, countsPhrase };
