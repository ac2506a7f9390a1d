import { describe, expect, it } from '@jest/globals';
import {
  FileCommandError,
  parseKeyValueFile,
  parsePathFile,
  parseWorkflowCommand,
} from '../support/runner/commands.js';
import { interpretLog } from '../support/runner/runner.js';

describe('file commands', () => {
  it('reads name=value lines and heredocs, the last value winning', () => {
    const content = [
      'plain=a=b',
      'multi<<ghadelimiter_1',
      'line one',
      '',
      'line=three',
      'ghadelimiter_1',
      'plain=second',
      'empty<<EOF',
      'EOF',
      '',
    ].join('\n');
    expect(parseKeyValueFile(content)).toEqual({
      plain: 'second',
      multi: 'line one\n\nline=three',
      empty: '',
    });
  });

  it('treats a line whose = comes before << as name=value', () => {
    expect(parseKeyValueFile('a=b<<c\n')).toEqual({ a: 'b<<c' });
  });

  it('refuses an unclosed heredoc and a line that is neither form', () => {
    expect(() => parseKeyValueFile('x<<EOF\nvalue\n', 'GITHUB_OUTPUT')).toThrow(FileCommandError);
    expect(() => parseKeyValueFile('just words', 'GITHUB_ENV')).toThrow(/GITHUB_ENV: invalid line 1/);
  });

  it('reads GITHUB_PATH one directory a line', () => {
    expect(parsePathFile('/a/bin\n\n/b/bin\r\n')).toEqual(['/a/bin', '/b/bin']);
  });
});

describe('workflow commands', () => {
  it('parses properties and unescapes the message and property values', () => {
    expect(
      parseWorkflowCommand('::error file=main.tf,line=3,title=A%3A b%2C c::line 1%0Aline 2 %25'),
    ).toEqual({
      command: 'error',
      properties: { file: 'main.tf', line: '3', title: 'A: b, c' },
      message: 'line 1\nline 2 %',
    });
    expect(parseWorkflowCommand('::add-mask::s3cret')).toEqual({
      command: 'add-mask',
      properties: {},
      message: 's3cret',
    });
    expect(parseWorkflowCommand('plain :: text')).toBeUndefined();
  });

  it('masks registered values in the shown log and keeps the raw log for leak checks', () => {
    const log = interpretLog(
      ['::add-mask::hunter2', 'password is hunter2', '::error::bad hunter2'].join('\n'),
    );
    expect(log.masks).toContain('hunter2');
    expect(log.log).toBe('password is ***\n::error::bad hunter2'.replace('bad hunter2', 'bad ***'));
    expect(log.errors).toEqual([{ message: 'bad ***', properties: {} }]);
    expect(log.rawLog).toContain('password is hunter2');
    expect(log.rawLog).not.toContain('add-mask');
  });

  it('ignores commands between stop-commands and its token', () => {
    const log = interpretLog(
      ['::stop-commands::tok', '::error::not a command', '::tok::', '::warning::w'].join('\n'),
    );
    expect(log.errors).toEqual([]);
    expect(log.warnings).toEqual([{ message: 'w', properties: {} }]);
  });
});
