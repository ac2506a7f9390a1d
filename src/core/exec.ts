import { getExecOutput } from '@actions/exec';

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

/** Exec over @actions/exec. Silent: the caller chooses what reaches the log, so nothing leaks by default. */
export const actionsExec: Exec = async (command, args, options = {}) => {
  const env = options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined;
  const result = await getExecOutput(command, [...args], {
    cwd: options.cwd,
    ...(env ? { env } : {}),
    ignoreReturnCode: true,
    silent: true,
    listeners: {
      ...(options.onStdoutLine ? { stdline: options.onStdoutLine } : {}),
      ...(options.onStderrLine ? { errline: options.onStderrLine } : {}),
    },
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};
