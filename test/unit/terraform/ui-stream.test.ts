import { describe, expect, it } from '@jest/globals';
import { parseJsonDocument } from '../../../src/terraform/json-document.js';
import { UiStream, workspaceFile } from '../../../src/terraform/ui-stream.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const where = { cwd: '/home/runner/work/repo/repo/infra/prod', relativeDir: 'infra/prod' };

describe('workspaceFile', () => {
  it('joins the tool’s file name to the working directory’s place in the workspace', () => {
    expect(workspaceFile('main.tf', where)).toBe('infra/prod/main.tf');
    expect(workspaceFile('modules/vpc/main.tf', where)).toBe('infra/prod/modules/vpc/main.tf');
    expect(workspaceFile('../shared/vars.tf', where)).toBe('infra/shared/vars.tf');
    expect(workspaceFile('main.tf', { cwd: '/w', relativeDir: '.' })).toBe('main.tf');
    expect(workspaceFile('main.tf', { cwd: '/w', relativeDir: './infra/' })).toBe('infra/main.tf');
  });

  it('makes an absolute file name relative to the workspace root', () => {
    expect(workspaceFile('/home/runner/work/repo/repo/modules/x.tf', where)).toBe('modules/x.tf');
  });

  it('gives no file for a path outside the workspace: an annotation there would link nowhere', () => {
    expect(workspaceFile('../../../elsewhere.tf', where)).toBeUndefined();
    expect(workspaceFile('/tmp/module/main.tf', where)).toBeUndefined();
  });
});

describe('UiStream', () => {
  it('logs messages, annotates diagnostics, and remembers the summary and applied resources', () => {
    const logger = new RecordingLogger();
    const stream = new UiStream(logger, where);
    const lines = [
      { '@level': 'info', '@message': 'OpenTofu 1.12.6', type: 'version' },
      {
        '@level': 'info',
        '@message': 'terraform_data.a: Creation complete after 0s',
        type: 'apply_complete',
        hook: { resource: { addr: 'terraform_data.a' } },
      },
      {
        '@level': 'warn',
        '@message': 'Warning: Deprecated',
        type: 'diagnostic',
        diagnostic: {
          severity: 'warning',
          summary: 'Deprecated',
          detail: 'Use something else.',
          range: { filename: 'main.tf', start: { line: 2, column: 1 }, end: { line: 5, column: 2 } },
        },
      },
      {
        '@level': 'error',
        type: 'diagnostic',
        diagnostic: { severity: 'error', summary: 'No range', detail: '' },
      },
      {
        '@level': 'info',
        '@message': 'Apply complete!',
        type: 'change_summary',
        changes: { add: 1, change: 0, remove: 0, import: 0, forget: 0, operation: 'apply' },
      },
      { '@level': 'debug', '@message': 'internal detail', type: 'log' },
    ].map((line) => JSON.stringify(line));
    for (const line of [...lines, 'plain text line', '']) stream.onStdoutLine(line);
    stream.onStderrLine('something on stderr');

    expect(logger.lines).toEqual([
      { level: 'info', message: 'OpenTofu 1.12.6' },
      { level: 'info', message: 'terraform_data.a: Creation complete after 0s' },
      {
        level: 'warning',
        message: 'Deprecated\nUse something else.',
        // columns only on a one-line range: GitHub refuses them otherwise
        properties: { title: 'Deprecated', file: 'infra/prod/main.tf', startLine: 2, endLine: 5 },
      },
      { level: 'error', message: 'No range', properties: { title: 'No range' } },
      { level: 'info', message: 'Apply complete!' },
      { level: 'debug', message: 'internal detail' },
      { level: 'info', message: 'plain text line' },
      { level: 'info', message: 'something on stderr' },
    ]);
    expect(stream.applied).toEqual(['terraform_data.a']);
    expect(stream.changeSummary).toMatchObject({ add: 1, operation: 'apply' });
    expect(stream.diagnostics.map((d) => d.severity)).toEqual(['warning', 'error']);
    expect(stream.stderrTail()).toBe('something on stderr');
  });
});

describe('parseJsonDocument', () => {
  it('parses a document, skips a warning printed before it, and reads empty output as no document', () => {
    expect(parseJsonDocument('{"a":1}')).toEqual({ value: { a: 1 }, preamble: '' });
    expect(parseJsonDocument('\nWarning: x\n\nmore\n{\n  "a": [1]\n}\n')).toEqual({
      value: { a: [1] },
      preamble: 'Warning: x\n\nmore',
    });
    expect(parseJsonDocument('')).toEqual({ value: undefined, preamble: '' });
    expect(parseJsonDocument('\nWarning: only text\n')).toEqual({
      value: undefined,
      preamble: 'Warning: only text',
    });
    expect(() => parseJsonDocument('{"truncated": ')).toThrow(SyntaxError);
  });
});
