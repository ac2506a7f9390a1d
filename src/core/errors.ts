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
 * Thrown by an action whose behaviour this release does not have yet. It fails the step on purpose:
 * a green tf-apply that applied nothing would be worse than a red one.
 */
export class NotImplementedError extends Error {
  override readonly name = 'NotImplementedError';
  constructor(action: string, what: string) {
    super(
      `${action}: the inputs are valid, but this release cannot ${what} yet, so the step fails rather than pretend.`,
    );
  }
}
