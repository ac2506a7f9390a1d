/**
 * A mistake the user can fix: a bad input, a missing file, a refused bundle. It is reported as one
 * `::error::` line without a stack trace. Everything else is a bug and keeps its stack (at debug level).
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export function isConfigurationError(error: unknown): error is ConfigurationError {
  return error instanceof ConfigurationError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The step failed for a reason that is neither the user's input nor a bug of ours: the tool failed (a
 * provider refused an apply), a check failed. Reported as its message alone, like a ConfigurationError.
 */
export class StepFailure extends Error {
  override readonly name: string = 'StepFailure';
  /** Markdown for the job summary, when the failure has more to say than its one line. */
  summary?: string;
}
