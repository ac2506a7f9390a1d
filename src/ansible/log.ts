import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { withoutWorkflowCommands, type Logger } from '../core/logger.js';
import type { Redactor } from './redact.js';

/**
 * Where Ansible's own output goes: the step's log as it streams, and the log file of the results
 * artifact. Every line is redacted first (the runner masks its log, but not files we upload), and the
 * log is fenced with stop-commands: a task's output may hold a line such as `::error::` or
 * `::add-mask::`, which the runner must print, not obey.
 */
export class AnsibleLog {
  private readonly file: WriteStream;

  constructor(
    private readonly logger: Logger,
    private readonly redactor: Redactor,
    readonly path: string,
  ) {
    this.file = createWriteStream(path, { flags: 'a', mode: 0o600 });
  }

  /** Runs `body` with the tool's lines going to the log and the file; workflow commands are off meanwhile. */
  async capture<T>(title: string, body: (line: (text: string) => void) => Promise<T>): Promise<T> {
    this.file.write(`### ${title}\n`);
    return withoutWorkflowCommands(this.logger, () =>
      body((text) => {
        const line = this.redactor.redact(text);
        this.logger.info(line);
        this.file.write(`${line}\n`);
      }),
    );
  }

  async close(): Promise<void> {
    if (this.file.closed) return;
    this.file.end();
    await once(this.file, 'close');
  }
}
