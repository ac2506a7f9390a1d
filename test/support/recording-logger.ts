import type { AnnotationProperties, Logger } from '../../src/core/logger.js';

/** A Logger that remembers what domain code said, for unit tests that pass it in place of the runner's. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; message: string; properties?: AnnotationProperties }> = [];
  readonly masks: string[] = [];

  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  notice(message: string, properties?: AnnotationProperties): void {
    this.lines.push({ level: 'notice', message, ...(properties ? { properties } : {}) });
  }
  warning(message: string, properties?: AnnotationProperties): void {
    this.lines.push({ level: 'warning', message, ...(properties ? { properties } : {}) });
  }
  error(message: string, properties?: AnnotationProperties): void {
    this.lines.push({ level: 'error', message, ...(properties ? { properties } : {}) });
  }
  mask(secret: string): void {
    this.masks.push(secret);
  }
  async group<T>(name: string, body: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'group', message: name });
    return body();
  }
  messages(level: string): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
}
