/**
 * Output that must stay under a size limit: GitHub rejects a comment over 65,536 characters and drops
 * a job summary over 1 MiB whole. A Writer stops as soon as a rendering would pass its limit, so trying
 * a detailed rendering of a huge plan costs no more than the limit, not the size of the whole plan.
 */

export type Measure = (text: string) => number;

/** JavaScript string length: what the comment limit counts. */
export const characters: Measure = (text) => text.length;
/** UTF-8 bytes: what the job summary limit counts. */
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');

/** Thrown by a Writer that would pass its limit. */
export class BudgetExceeded extends Error {
  constructor() {
    super('the rendering does not fit its size limit');
  }
}

export class Writer {
  private readonly lines: string[] = [];
  private used = 0;

  constructor(
    readonly limit: number = Infinity,
    private readonly measure: Measure = characters,
  ) {}

  /** Adds lines (each followed by a newline); throws BudgetExceeded rather than pass the limit. */
  line(...lines: string[]): this {
    for (const line of lines) {
      const size = this.measure(line) + (this.lines.length > 0 ? 1 : 0);
      if (this.used + size > this.limit) throw new BudgetExceeded();
      this.used += size;
      this.lines.push(line);
    }
    return this;
  }

  /** A blank line, unless the text so far is empty or already ends in one. */
  blank(): this {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.line('');
    return this;
  }

  text(): string {
    return this.lines.join('\n');
  }
}
