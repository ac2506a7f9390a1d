import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';

export interface ExecOptions {
  cwd?: string;
  /** Added to the step's environment (never printed: secrets such as TF_VAR_* travel here, not in args). */
  env?: Record<string, string>;
  /** Called with each complete line as the tool writes it, for streaming to the log and parsing as it goes. */
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool with an argument array, never a shell string, and never throws for a non-zero exit:
 * callers decide what an exit code means (plan's -detailed-exitcode uses 2 for "changes").
 */
export type Exec = (command: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/**
 * Splits a stream into lines as it arrives, looking at each byte once. @actions/exec joins every chunk
 * to the unfinished line and searches the whole of it again, which is quadratic in a line's length:
 * `show -json` of a big plan is one line of tens of megabytes, and that search cost seconds of CPU.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending: string[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.pending.push(text.slice(start, end));
      this.emit(this.pending.join(''));
      this.pending = [];
      start = end + 1;
    }
    if (start < text.length) this.pending.push(text.slice(start));
  }

  /** The last line, when the stream did not end with a newline. */
  end(): void {
    const rest = this.pending.join('') + this.decoder.end();
    this.pending = [];
    if (rest !== '') this.emit(rest);
  }

  private emit(line: string): void {
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}

/**
 * How long to wait for the output to close once the process has exited. A process the tool started may
 * keep the pipes open (a daemon that inherited them); the result is then what arrived until now, as
 * with @actions/exec, which waits the same 10 seconds.
 */
const OUTPUT_GRACE_MS = 10_000;

/** What one output stream of the child collects: the whole text, and its lines for a listener. */
function collect(onLine: ((line: string) => void) | undefined) {
  const chunks: Buffer[] = [];
  const lines = onLine ? new LineSplitter(onLine) : undefined;
  return {
    push(chunk: Buffer) {
      chunks.push(chunk);
      lines?.push(chunk);
    },
    finish(): string {
      lines?.end();
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/**
 * Exec over node's child_process, without a shell. Silent: the caller chooses what reaches the log, so
 * nothing leaks by default. A tool killed by a signal exits 128 + its number, as a shell reports it.
 */
export function childProcessExec(options: { outputGraceMs?: number } = {}): Exec {
  const graceMs = options.outputGraceMs ?? OUTPUT_GRACE_MS;
  return (command, args, execOptions = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, [...args], {
        cwd: execOptions.cwd,
        env: execOptions.env ? { ...process.env, ...execOptions.env } : process.env,
        stdio: 'pipe',
        windowsHide: true,
      });
      const stdout = collect(execOptions.onStdoutLine);
      const stderr = collect(execOptions.onStderrLine);
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

      let exitCode: number | undefined;
      let grace: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = () => {
        if (settled || exitCode === undefined) return;
        settled = true;
        clearTimeout(grace);
        child.removeAllListeners();
        child.stdout.removeAllListeners('data');
        child.stderr.removeAllListeners('data');
        resolve({ exitCode, stdout: stdout.finish(), stderr: stderr.finish() });
      };
      child.on('error', (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(grace);
        reject(new Error(`could not run ${command}: ${error.message}`));
      });
      child.on('exit', (code, signal) => {
        exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
        grace = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          settle();
        }, graceMs);
        grace.unref();
      });
      child.on('close', settle);
    });
}

/** The Exec every action runs its tools with. */
export const runnerExec: Exec = childProcessExec();
