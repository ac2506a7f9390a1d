import { describe, expect, it } from '@jest/globals';
import { LineTail, ToolOutputStream } from '../../../src/core/line-stream.js';
import { RecordingLogger } from '../../support/recording-logger.js';

describe('LineTail', () => {
  it('keeps the last lines only, in order', () => {
    const tail = new LineTail(3);
    for (const line of ['1', '2', '3', '4', '5']) tail.push(line);
    expect(tail.lines).toEqual(['3', '4', '5']);
    expect(tail.text()).toBe('3\n4\n5');
  });

  it('is empty text before any line', () => {
    expect(new LineTail(2).text()).toBe('');
  });
});

/** A format of `n=<number>` lines, to see what the stream does with lines it reads and lines it does not. */
class NumberStream extends ToolOutputStream<number, string> {
  readonly numbers: Array<[string, number]> = [];

  protected parse(line: string): number | undefined {
    const match = /^n=(\d+)$/.exec(line);
    return match ? Number(match[1]) : undefined;
  }

  protected handle(n: number): void {
    this.numbers.push([this.context, n]);
  }
}

describe('ToolOutputStream', () => {
  it('hands each line of its format on with the context, logs other non-blank lines as text', () => {
    const logger = new RecordingLogger();
    const stream = new NumberStream(logger, 'ctx');
    for (const line of ['n=1', 'plain text', '   ', 'n=2']) stream.onStdoutLine(line);
    expect(stream.numbers).toEqual([
      ['ctx', 1],
      ['ctx', 2],
    ]);
    expect(logger.messages('info')).toEqual(['plain text']);
  });

  it('logs stderr and keeps its last 40 non-blank lines for an error message', () => {
    const logger = new RecordingLogger();
    const stream = new NumberStream(logger, 'ctx');
    for (let i = 1; i <= 45; i++) stream.onStderrLine(`e${i}`);
    stream.onStderrLine('');
    expect(logger.messages('info')).toHaveLength(45);
    const tail = stream.stderrTail().split('\n');
    expect(tail).toHaveLength(40);
    expect(tail[0]).toBe('e6');
    expect(tail.at(-1)).toBe('e45');
    expect(stream.numbers).toEqual([]);
  });
});
