import { randomBytes } from 'node:crypto';

/** Where an annotation points: the runner turns these into file and line links. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/**
 * What domain code may say to the person reading the run. Implemented over @actions/core for the real
 * runner and by a recording fake in unit tests, so domain modules never import @actions/core.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  /** Registers a value the runner must mask in every later log line. */
  mask(secret: string): void;
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
}

/**
 * Runs `body` with the runner's workflow commands off: text from a tool or a plan may hold a line such
 * as `::error::` or `::add-mask::`, which the runner must print, not obey.
 */
export async function withoutWorkflowCommands<T>(logger: Logger, body: () => Promise<T> | T): Promise<T> {
  // Starting with a letter: a workflow command's name does, and some parsers insist.
  const token = `verbatim-${randomBytes(16).toString('hex')}`;
  logger.info(`::stop-commands::${token}`);
  try {
    return await body();
  } finally {
    logger.info(`::${token}::`);
  }
}
