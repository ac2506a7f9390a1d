import { parseArgs } from 'node:util';
import { isConfigurationError } from '../core/errors.js';
import { planCommentBodies } from '../github/plan-comment.js';
import { renderPlanSummary, type PlanRenderContext } from '../plan/plan-markdown.js';
import type { PlanModel } from '../plan/model.js';
import { readPlanModel, shownName } from '../plan/plan-stream.js';
import { renderPlanText } from '../plan/plan-text.js';

/**
 * `iac-pipeline summarize <plan.json> [--format markdown|comment|text|json]`: the summary or the pull
 * request comments tf-plan writes, from a `show -json` document, outside of Actions. `-` reads the
 * document from standard input.
 */

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: AsyncIterable<Buffer | string>;
}

/** A mistake in how the command was called or what it was given: one line, exit code 2. */
class UsageError extends Error {}

/**
 * The line between two comment bodies in `--format comment`. No body holds it: every text from the
 * plan is in a code span, an HTML element or a diff line that starts with its sign, and the renderer
 * writes no line that starts with `<!--`.
 */
export const COMMENT_SEPARATOR = '<!-- iac-pipeline: next comment -->';

export const USAGE = `Usage: iac-pipeline summarize <plan.json | -> [options]

Prints the summary of a plan from its show -json document (tofu show -json <planfile> > plan.json).

Options:
  --format markdown|comment|text|json
                        markdown: the job summary tf-plan writes (default);
                        comment: the pull request comments tf-plan posts, each at most 65,536
                        characters: the plan, then continuations when the resources destroyed or
                        replaced do not fit in one. Each body is followed by a newline, and
                        between two bodies is the line (which no body holds)
                          ${COMMENT_SEPARATOR}
                        tf-plan adds under the first body the artifact to apply, and hidden
                        marker lines above each;
                        text: the log's plain text; json: the plan model
  --stack NAME          the stack's name in the heading
  --workspace NAME      the workspace's name in the heading
  --environment NAME    the environment's name in the heading
  --commit SHA          the commit planned, named under the plan (7 to 64 hexadecimal digits)
  -h, --help            this help
`;

const FORMATS = ['markdown', 'comment', 'text', 'json'] as const;
type Format = (typeof FORMATS)[number];

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'markdown' },
        stack: { type: 'string', default: '' },
        workspace: { type: 'string', default: '' },
        environment: { type: 'string' },
        commit: { type: 'string', default: '' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function render(model: PlanModel, format: Format, ctx: PlanRenderContext): string {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  if (format === 'text') return renderPlanText(model, ctx);
  if (format === 'comment') return commentsText(planCommentBodies(model, ctx));
  return `${renderPlanSummary(model, ctx)}\n`;
}

/** The comment bodies, each followed by a newline, with the separator line between two. */
export function commentsText(bodies: readonly string[]): string {
  return bodies
    .map((body) => {
      if (body.split('\n').includes(COMMENT_SEPARATOR))
        throw new Error('a comment body holds the line that separates comments');
      return `${body}\n`;
    })
    .join(`${COMMENT_SEPARATOR}\n`);
}

async function summarize(args: readonly string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout.write(USAGE);
    return;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'summarize needs the path of a plan JSON file (or - for stdin)'
        : `summarize takes one plan file, got ${positionals.length}`,
    );
  }
  const format = FORMATS.find((f) => f === values.format);
  if (!format)
    throw new UsageError(
      `--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(values.format?.slice(0, 60))}`,
    );
  if (values.commit && !/^[0-9a-f]{7,64}$/i.test(values.commit))
    throw new UsageError(
      `--commit must be a commit SHA (7 to 64 hexadecimal digits), not ${JSON.stringify(values.commit.slice(0, 60))}`,
    );
  const path = positionals[0] as string;
  let model: PlanModel;
  try {
    model = await readPlanModel(path === '-' ? io.stdin : path, {
      name: path === '-' ? 'standard input' : path,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const file = shownName(path);
    if (code === 'ENOENT') throw new UsageError(`${file}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${file}: is a directory, not a plan JSON file`);
    if (code === 'EACCES') throw new UsageError(`${file}: permission denied`);
    if (code === 'ENAMETOOLONG') throw new UsageError(`${file}: the path is too long for a file name`);
    // readPlanModel's message names the file already.
    if (isConfigurationError(error)) throw new UsageError(error.message);
    throw error;
  }
  const ctx: PlanRenderContext = {
    stack: values.stack,
    workspace: values.workspace,
    ...(values.environment ? { environment: values.environment } : {}),
    planDigest: '',
    commit: values.commit.toLowerCase(),
  };
  io.stdout.write(render(model, format, ctx));
}

/** Runs the command; resolves to the exit code (0, 2 for a user mistake, 1 for a bug). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command !== 'summarize')
      throw new UsageError(
        `unknown command ${JSON.stringify(command.slice(0, 60))}; the command is summarize`,
      );
    await summarize(rest, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`iac-pipeline: ${error.message}\n`);
      return 2;
    }
    // A bug: the stack helps whoever reports it.
    io.stderr.write(`iac-pipeline: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
