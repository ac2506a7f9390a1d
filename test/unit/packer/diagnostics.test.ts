import { describe, expect, it } from '@jest/globals';
import { annotationFor, locationOf, parseDiagnostics } from '../../../src/packer/diagnostics.js';

const where = { cwd: '/home/runner/work/infra/infra/images', relativeDir: 'images' };

describe('parseDiagnostics', () => {
  it('reads every diagnostic of a text, with the place HCL gives', () => {
    const text = [
      'Error: Unsupported argument',
      '',
      '  on golden.pkr.hcl line 3:',
      '  (source code not available)',
      '',
      'An argument named "foo" is not expected here.',
      '',
      'Error: Unknown source null.missing',
      '',
      '  on  line 0:',
      '  (source code not available)',
      '',
      'Known: map[null.basic:{null basic 0xc00064dee0 <nil> }]',
      '',
      '',
    ].join('\n');
    expect(parseDiagnostics(text, where)).toEqual([
      {
        severity: 'error',
        summary: 'Unsupported argument',
        detail: 'An argument named "foo" is not expected here.',
        file: 'images/golden.pkr.hcl',
        line: 3,
      },
      // "line 0" is no place; without a single template file there is no file to name either.
      {
        severity: 'error',
        summary: 'Unknown source null.missing',
        detail: 'Known: map[null.basic:{null basic 0xc00064dee0 <nil> }]',
      },
    ]);
  });

  it('skips the source excerpt and keeps a multi-line detail', () => {
    const text =
      'Warning: Deprecated\n\n  on sub/x.pkr.hcl line 12, in build:\n  12:   foo = 1\n\nFirst line.\nSecond line.\n';
    expect(parseDiagnostics(text, where)).toEqual([
      {
        severity: 'warning',
        summary: 'Deprecated',
        detail: 'First line.\nSecond line.',
        file: 'images/sub/x.pkr.hcl',
        line: 12,
      },
    ]);
  });

  it('prefers the precise range a detail starts with', () => {
    const text = [
      'Error: Failed preparing provisioner-block "shell-local" ""',
      '',
      '  on h3.pkr.hcl line 6:',
      '  (source code not available)',
      '',
      'h3.pkr.hcl:7,26-31: Unsupported attribute; This object does not have an',
      'attribute named "nope".',
    ].join('\n');
    expect(parseDiagnostics(text, where)).toEqual([
      {
        severity: 'error',
        summary: 'Failed preparing provisioner-block "shell-local" ""',
        detail: 'Unsupported attribute; This object does not have an\nattribute named "nope".',
        file: 'images/h3.pkr.hcl',
        line: 7,
        column: 26,
      },
    ]);
  });

  it('names the one template file when the message names none', () => {
    const text =
      'Error: Failed to prepare build: "null"\n\n1 error occurred:\n\t* unknown configuration key: \'"foo"\'\n\n\n\n';
    expect(parseDiagnostics(text, { ...where, templateFile: 'images/golden.json' })).toEqual([
      {
        severity: 'error',
        summary: 'Failed to prepare build: "null"',
        detail: '1 error occurred:\n\t* unknown configuration key: \'"foo"\'',
        file: 'images/golden.json',
      },
    ]);
  });

  it('places a JSON template’s parse error at its line and column', () => {
    const text =
      "Failed to parse template: Error parsing JSON: invalid character '}' looking for beginning of object key string\n" +
      'At line 2, column 57 (offset 58):\n    1: {\n    2:   "builders": [{"type": "null", "communicator": "none",}\n';
    expect(parseDiagnostics(text, { ...where, templateFile: 'images/golden.json' })).toEqual([
      {
        severity: 'error',
        summary:
          "Failed to parse template: Error parsing JSON: invalid character '}' looking for beginning of object key string",
        detail: '',
        file: 'images/golden.json',
        line: 2,
        column: 57,
      },
    ]);
  });

  it('gives nothing for text in no known shape, and no file outside the workspace', () => {
    expect(parseDiagnostics("Build 'null.b' errored after 37 ms: boom", where)).toEqual([]);
    expect(parseDiagnostics('Error: X\n\n  on /etc/elsewhere.pkr.hcl line 2:\n\nD\n', where)).toEqual([
      { severity: 'error', summary: 'X', detail: 'D' },
    ]);
  });

  it('names the vars input, not the file or its lines, for a diagnostic in the var file written from it', () => {
    const text =
      'Error: Missing item separator\n\n  on /tmp/v/variables.pkrvars.hcl line 3:\n   2: layers = [oops\n\nExpected a comma.\n';
    const [diagnostic] = parseDiagnostics(text, {
      ...where,
      templateFile: 'images/golden.pkr.hcl',
      variablesFile: '/tmp/v/variables.pkrvars.hcl',
    });
    expect(diagnostic).toEqual({
      severity: 'error',
      summary: 'Missing item separator',
      detail: 'Expected a comma.',
      inVars: true,
    });
    expect(locationOf(diagnostic!)).toBe('input "vars"');
    expect(annotationFor(diagnostic!)).toEqual({ title: 'Missing item separator' });
  });

  it('does not blame the template for a place outside the workspace', () => {
    const text = 'Error: Failed to read file\n\n  on /etc/shared.pkrvars.hcl line 1:\n\nNope.\n';
    expect(parseDiagnostics(text, { ...where, templateFile: 'images/golden.pkr.hcl' })).toEqual([
      { severity: 'error', summary: 'Failed to read file', detail: 'Nope.' },
    ]);
  });
});

describe('annotationFor and locationOf', () => {
  it('gives file, line and column when known', () => {
    const diagnostic = {
      severity: 'error' as const,
      summary: 'S',
      detail: '',
      file: 'a.pkr.hcl',
      line: 4,
      column: 2,
    };
    expect(annotationFor(diagnostic)).toEqual({
      title: 'S',
      file: 'a.pkr.hcl',
      startLine: 4,
      endLine: 4,
      startColumn: 2,
    });
    expect(locationOf(diagnostic)).toBe('a.pkr.hcl line 4');
    expect(annotationFor({ severity: 'error', summary: 'S', detail: '', file: 'a.json' })).toEqual({
      title: 'S',
      file: 'a.json',
    });
    expect(locationOf({ severity: 'error', summary: 'S', detail: '', file: 'a.json' })).toBe('a.json');
    expect(annotationFor({ severity: 'error', summary: 'S', detail: '' })).toEqual({ title: 'S' });
    expect(locationOf({ severity: 'error', summary: 'S', detail: '' })).toBe('');
  });
});
