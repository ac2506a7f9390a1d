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
