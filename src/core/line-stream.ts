import type { Logger } from './logger.js';

/** The last `max` lines of a stream, kept as they arrive: what explains a failure that said nothing else. */
export class LineTail {
  private readonly kept: string[] = [];

  constructor(private readonly max: number) {}

  push(line: string): void {
    this.kept.push(line);
    if (this.kept.length > this.max) this.kept.shift();
  }

  get lines(): readonly string[] {
    return this.kept;
  }

  text(): string {
    return this.kept.join('\n');
  }
}

// Enough stderr to explain a failure that printed no diagnostic (a crash, a bad flag); the rest is in the log.
const STDERR_TAIL_LINES = 40;

/**
 * A tool's output read line by line as it streams (tofu's `-json` UI, Packer's `-machine-readable`):
 * each stdout line the tool's format reads is handled, any other non-blank line goes to the log as
 * text; stderr goes to the log, and its last lines are kept for an error message. `context` is what
 * the format needs to place what it reports (where the tool runs, which template it reads).
 */
export abstract class ToolOutputStream<Message, Context> {
  private readonly stderr = new LineTail(STDERR_TAIL_LINES);

  constructor(
    protected readonly logger: Logger,
    protected readonly context: Context,
  ) {}

  /** The line as a message of the tool's format, or undefined for plain text. */
  protected abstract parse(line: string): Message | undefined;

  protected abstract handle(message: Message): void;

  readonly onStdoutLine = (line: string): void => {
    const message = this.parse(line);
    if (message === undefined) {
      if (line.trim()) this.logger.info(line);
      return;
    }
    this.handle(message);
  };

  readonly onStderrLine = (line: string): void => {
    if (!line.trim()) return;
    this.logger.info(line);
    this.stderr.push(line);
  };

  /** The last lines of stderr, for an error message when the tool printed no diagnostic. */
  stderrTail(): string {
    return this.stderr.text();
  }
}
