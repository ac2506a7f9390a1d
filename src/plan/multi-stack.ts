import type { PlanModel } from './model.js';
import {
  COMMENT_LIMIT,
  markdown,
  renderDocument,
  type CommentOptions,
  type Part,
  type PlanRenderContext,
} from './plan-markdown.js';
import { characters } from './size-budget.js';
import { policyVerdict } from './policy.js';

/**
 * Several stacks (the plan jobs of a matrix) in one PR comment: a table with a row per stack, then each
 * stack's plan under its own heading. The size rules are the single comment's: every stack degrades
 * together, and the destroyed and replaced resources of every stack are always listed, continued in
 * further comments when they do not fit.
 */

const COLUMNS = ['add', 'change', 'replace', 'destroy', 'import', 'move', 'forget', 'drift'] as const;

function tableRow({ model, ctx }: Part): string {
  const { cellCode } = markdown;
  const cells = [
    cellCode(ctx.stack),
    ctx.workspace ? cellCode(ctx.workspace) : '',
    ctx.environment ? cellCode(ctx.environment) : '',
    // A stack's policy result beside its verdict: a reviewer scanning the table sees which stacks failed.
    ctx.policy ? `${markdown.verdict(model)} · ${policyVerdict(ctx.policy)}` : markdown.verdict(model),
    ...COLUMNS.map((column) => String(model.counts[column])),
  ];
  return `| ${cells.join(' | ')} |`;
}

function head(parts: readonly Part[]): string[] {
  return [
    `## Plans for ${parts.length} ${parts.length === 1 ? 'stack' : 'stacks'}`,
    '',
    `| stack | workspace | environment | result | ${COLUMNS.join(' | ')} |`,
    `| --- | --- | --- | --- | ${COLUMNS.map(() => '---:').join(' | ')} |`,
    ...parts.map(tableRow),
  ];
}

export function renderMultiStackComment(
  entries: ReadonlyArray<{ model: PlanModel; ctx: PlanRenderContext }>,
  opts: CommentOptions = {},
): string[] {
  const title = `## Plans for ${entries.length} ${entries.length === 1 ? 'stack' : 'stacks'}`;
  return renderDocument(entries, {
    limit: opts.limit ?? COMMENT_LIMIT,
    measure: characters,
    continuations: true,
    firstN: opts.firstN ?? 10,
    head,
    stackHeading: (part) => `### ${markdown.stackTitle(part.ctx)}`,
    continuationHeading: (index, total) => `${title} (continued, ${index} of ${total})`,
  });
}
