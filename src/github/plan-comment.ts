import type { PlanModel } from '../plan/model.js';
import { COMMENT_LIMIT, renderPlanComment, type PlanRenderContext } from '../plan/plan-markdown.js';
import { contentOf, type MarkedComment, type MarkedComments, type WriteResult } from './marked-comments.js';

export { COMMENT_LIMIT };
/**
 * What the plan comment adds around the rendered plan: the marker, the commit line, and an outdated
 * banner. Renderers get the limit minus this, so no edit can push a body over GitHub's.
 */
export const COMMENT_RESERVE = 1_024;
/** Room under the first body for its footer line (tf-plan: the artifact and the approve command). */
export const FOOTER_ROOM = 512;

/**
 * The bodies of a stack's plan comment, as tf-plan posts them and `iac-pipeline summarize --format
 * comment` prints them: the plan, then continuations when the destroyed and replaced resources alone do
 * not fit one, with `footer` under the first. Each leaves room for the markers publishPlanComment adds.
 */
export function planCommentBodies(model: PlanModel, ctx: PlanRenderContext, footer?: string): string[] {
  if (footer !== undefined && footer.length > FOOTER_ROOM - 3)
    throw new RangeError(`a plan comment's footer is at most ${FOOTER_ROOM - 3} characters`);
  const bodies = renderPlanComment(model, ctx, { limit: COMMENT_LIMIT - COMMENT_RESERVE - FOOTER_ROOM });
  if (footer === undefined) return bodies;
  return bodies.map((body, index) => (index === 0 ? `${body.trimEnd()}\n\n${footer}\n` : body));
}

const COMMIT_LINE = /^<!-- iac-pipeline-commit:([0-9a-f]{7,64}) -->\n/m;
const ORIGIN_LINE =
  /^<!-- iac-pipeline-plan:run=([0-9]{1,20});artifact=([A-Za-z0-9._-]{1,200});digest=(sha256:[0-9a-f]{64}) -->\n/m;
const OUTDATED_BANNER = /^> \[!WARNING\]\n> \*\*Outdated\.\*\*[^\n]*\n\n/m;

/**
 * Where the plan a comment shows can be fetched: the run that uploaded its bundle, the artifact and its
 * digest. The approval gate, run by a comment, finds the plan under review through it.
 */
export interface PlanOrigin {
  runId: number;
  artifact: string;
  digest: string;
}

export interface PlanCommentResult {
  /** The first comment: the one to link to. */
  url: string;
  /** What happened to each part, in order (continuations after the first). */
  results: WriteResult[];
}

/**
 * Keeps the plan comments of one stack (or one group of stacks) on a pull request: part 1 is the plan,
 * parts 2… hold the deletes and replaces that did not fit. Each part is edited in place; parts a shorter
 * plan no longer needs say so instead of showing an old plan's addresses.
 */
export async function publishPlanComment(
  comments: MarkedComments,
  key: string,
  commit: string,
  bodies: readonly string[],
  origin?: PlanOrigin,
): Promise<PlanCommentResult> {
  if (bodies.length === 0) throw new Error('a plan comment needs at least one body');
  const results: WriteResult[] = [];
  let url = '';
  for (const [index, body] of bodies.entries()) {
    const hidden = `${commitLine(commit)}${index === 0 && origin ? originLine(origin) : ''}`;
    const { comment, result } = await comments.write(partKey(key, index + 1), `${hidden}${body}`);
    if (index === 0) url = comment.url;
    results.push(result);
  }
  for (const stale of comments.withPrefix(`${key}:`).filter((c) => partNumber(c) > bodies.length)) {
    const { result } = await comments.write(
      stale.key,
      `${commitLine(commit)}_This continuation is no longer needed: the plan of \`${commit.slice(0, 12)}\` fits in fewer comments._\n`,
    );
    results.push(result);
  }
  return { url, results };
}

/**
 * Marks every plan comment of `key` that shows another commit's plan as outdated, keeping its text below
 * the banner: while a newer commit is being planned, or when its plan failed, reviewers must not read the
 * old plan as the current one. A comment already marked for this commit is not written again.
 */
export async function markPlanCommentsOutdated(
  comments: MarkedComments,
  key: string,
  commit: string,
  why: string,
): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  for (const comment of comments.withPrefix(`${key}:`)) {
    const planned = commitOf(comment);
    if (!planned || planned === commit) continue;
    const content = contentOf(comment).replace(COMMIT_LINE, '').replace(OUTDATED_BANNER, '');
    const banner =
      `> [!WARNING]\n> **Outdated.** This plan is for commit \`${planned.slice(0, 12)}\`; ` +
      `commit \`${commit.slice(0, 12)}\` ${why}\n\n`;
    const { result } = await comments.write(comment.key, `${commitLine(planned)}${banner}${content}`);
    results.push(result);
  }
  return results;
}

/** The commit a plan comment shows, from its hidden commit line. */
export function commitOf(comment: MarkedComment): string | undefined {
  return COMMIT_LINE.exec(contentOf(comment))?.[1];
}

/** The marker key of a stack's plan comment: one comment per stack per pull request. */
export function planCommentKey(stack: string): string {
  return `plan:${stack}`;
}

/** The bundle behind a stack's plan comment, from its first part's hidden line; undefined when none was uploaded. */
export function originOf(comment: MarkedComment): PlanOrigin | undefined {
  const match = ORIGIN_LINE.exec(contentOf(comment));
  if (!match) return undefined;
  return { runId: Number(match[1]), artifact: match[2] ?? '', digest: match[3] ?? '' };
}

/** The marker key of a stack's plan comment's first part. */
export function planCommentPartKey(key: string): string {
  return partKey(key, 1);
}

function originLine(origin: PlanOrigin): string {
  return `<!-- iac-pipeline-plan:run=${origin.runId};artifact=${origin.artifact};digest=${origin.digest} -->\n`;
}

function commitLine(commit: string): string {
  return `<!-- iac-pipeline-commit:${commit} -->\n`;
}

function partKey(key: string, part: number): string {
  return `${key}:${part}`;
}

function partNumber(comment: MarkedComment): number {
  return Number(comment.key.slice(comment.key.lastIndexOf(':') + 1));
}
