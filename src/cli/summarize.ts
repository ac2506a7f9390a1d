import { parseArgs } from 'node:util';
import { isConfigurationError } from '../core/errors.js';
import { renderPlanSummary, type PlanRenderContext } from '../render/plan-markdown.js';
import type { PlanModel } from '../render/plan-model.js';
import { readPlanModel } from '../render/plan-stream.js';
import { renderPlanText } from '../render/plan-text.js';

/**
 * `iac-pipeline summarize <plan.json> [--format markdown|text|json]`: the summary tf-plan writes, from
 * a `show -json` document, outside of Actions. `-` reads the document from standard input.
 */

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: AsyncIterable<Buffer | string>;
}

/** A mistake in how the command was called or what it was given: one line, exit code 2. */
class UsageError extends Error {}

export const USAGE = `Usage: iac-pipeline summarize <plan.json | -> [options]

Prints the summary of a plan from its show -json document (tofu show -json <planfile> > plan.json).

Options:
  --format markdown|text|json   markdown: the job summary tf-plan writes (default); text: the log's
                                plain text; json: the plan model
  --stack NAME                  the stack's name in the heading
  --workspace NAME              the workspace's name in the heading
  --environment NAME            the environment's name in the heading
  -h, --help                    this help
`;

const FORMATS = ['markdown', 'text', 'json'] as const;
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
  return `${renderPlanSummary(model, ctx)}\n`;
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
      `--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(values.format)}`,
    );
  const path = positionals[0] as string;
  let model: PlanModel;
  try {
    model = await readPlanModel(path === '-' ? io.stdin : path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${path}: is a directory, not a plan JSON file`);
    if (code === 'EACCES') throw new UsageError(`${path}: permission denied`);
    if (isConfigurationError(error))
      throw new UsageError(`${path === '-' ? 'standard input' : path}: ${error.message}`);
    throw error;
  }
  const ctx: PlanRenderContext = {
    stack: values.stack,
    workspace: values.workspace,
    ...(values.environment ? { environment: values.environment } : {}),
    planDigest: '',
    commit: '',
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
      throw new UsageError(`unknown command ${JSON.stringify(command)}; the command is summarize`);
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
