import { describe, expect, it } from '@jest/globals';
import { parseLintOutput, syntaxFinding } from '../../../src/validate/ansible.js';
import { validateSummaryMarkdown } from '../../../src/validate/summary.js';
import { parseFormatDiffs } from '../../../src/validate/terraform.js';

describe('fmt -check -diff output', () => {
  it('splits into a diff per file, each with the first line fmt changes', () => {
    const stdout = [
      'main.tf',
      '--- old/main.tf',
      '+++ new/main.tf',
      '@@ -1,4 +1,4 @@',
      ' variable "a" {',
      '-  type = string',
      '+  type    = string',
      '   default = "x"',
      ' }',
      'tests/a.tftest.hcl',
      '--- old/tests/a.tftest.hcl',
      '+++ new/tests/a.tftest.hcl',
      '@@ -1,3 +1,3 @@',
      '-run "x" {',
      '+run "x" {',
      '',
    ].join('\n');
    const diffs = parseFormatDiffs(stdout, { cwd: '/w/infra', relativeDir: 'infra' });
    expect(diffs.map(({ file, firstLine }) => ({ file, firstLine }))).toEqual([
      { file: 'infra/main.tf', firstLine: 2 },
      { file: 'infra/tests/a.tftest.hcl', firstLine: 1 },
    ]);
    expect(diffs[0]?.diff.split('\n').at(-1)).toBe(' }');
    expect(diffs[1]?.diff.startsWith('--- old/tests/a.tftest.hcl')).toBe(true);
  });
});

describe('Ansible output', () => {
  it('names the error and its place, relative to the workspace', () => {
    const output =
      "ERROR! conflicting action statements: a, b\n\nThe error appears to be in '/w/ansible/roles/x/tasks/main.yml': line 4, column 7, but may\nbe elsewhere";
    expect(syntaxFinding(output, '/w/ansible/site.yml', 'ansible/site.yml', '/w')).toMatchObject({
      message: 'conflicting action statements: a, b',
      file: 'ansible/roles/x/tasks/main.yml',
      line: 4,
      column: 7,
    });
    expect(syntaxFinding('ERROR! odd', '/w/site.yml', 'site.yml', '/w')).toMatchObject({ file: 'site.yml' });
  });

  it('reads ansible-lint pep8 lines', () => {
    const stdout = 'site.yml:3:7: name[missing]: All tasks should be named.\nnot a finding\n';
    expect(parseLintOutput(stdout, '/w/ansible', '/w')).toEqual([
      expect.objectContaining({
        rule: 'ansible-lint/name[missing]',
        file: 'ansible/site.yml',
        line: 3,
        column: 7,
        message: 'All tasks should be named.',
      }),
    ]);
  });
});

describe('the job summary', () => {
  it('fences a diff so that backticks in it cannot end the block, and cuts long lists', () => {
    const summary = validateSummaryMarkdown({
      passed: false,
      findings: 0,
      sarifPath: '/tmp/x.sarif',
      artifactName: 'iac-validate',
      checks: [
        {
          id: 'fmt',
          title: 'tofu fmt',
          subject: 'infra',
          status: 'failed',
          reason: '1 file(s) not formatted',
          findings: [],
          diffs: [{ file: 'infra/a.tf', diff: '--- old/a.tf\n+ x = "```"' }],
        },
      ],
    });
    expect(summary).toContain('````diff\n--- old/a.tf\n+ x = "```"\n````');
    expect(summary).toContain('| tofu fmt | infra | ❌ failed | 1 file(s) not formatted |');
  });
});
