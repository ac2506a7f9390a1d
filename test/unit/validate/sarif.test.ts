import { describe, expect, it } from '@jest/globals';
import type { CheckResult } from '../../../src/validate/checks.js';
import { toSarif } from '../../../src/validate/sarif.js';
import { sarifErrors, validateSarif } from '../../support/sarif-schema.js';

const checks: CheckResult[] = [
  {
    id: 'secrets',
    title: 'secret scan',
    subject: '.',
    status: 'failed',
    findings: [
      {
        rule: 'secrets/aws-access-key-id',
        ruleDescription: 'AWS access key id',
        level: 'error',
        message: 'AWS access key id found in infra/my file.tf line 2.',
        file: 'infra/my file.tf',
        line: 2,
        column: 15,
        endColumn: 35,
      },
    ],
  },
  {
    id: 'validate',
    title: 'tofu validate',
    subject: 'infra',
    status: 'failed',
    findings: [
      {
        rule: 'tofu/validate',
        ruleDescription: 'Configuration is invalid',
        level: 'error',
        message: 'Invalid expression',
        file: 'infra/main.tf',
        line: 3,
        column: 10,
        endLine: 4,
        endColumn: 1,
      },
      {
        rule: 'tofu/validate',
        ruleDescription: 'Configuration is invalid',
        level: 'warning',
        message: 'No place',
      },
      {
        rule: 'tofu/fmt',
        ruleDescription: 'File is not in canonical format',
        level: 'error',
        message: 'not formatted',
        file: 'infra/x.tf',
      },
    ],
  },
  {
    id: 'packer',
    title: 'packer validate',
    subject: '-',
    status: 'skipped',
    reason: 'no packer-template given',
    findings: [],
  },
];

describe('the SARIF log', () => {
  it('is valid against the SARIF 2.1.0 schema', () => {
    const log = toSarif(checks);
    expect(sarifErrors(log)).toEqual([]);
    expect(validateSarif(toSarif([]))).toBe(true);
  });

  it('rejects what the schema rejects (the check is real)', () => {
    const log = toSarif(checks) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    const broken = structuredClone(log);
    const first = broken.runs[0]?.results[0];
    expect(first).toBeDefined();
    if (first) first.level = 'fatal';
    expect(validateSarif(broken)).toBe(false);
  });

  it('holds one run with each rule once, results pointing at workspace files, and skipped checks as notes', () => {
    const log = toSarif(checks);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run?.tool.driver.rules?.map((rule) => rule.id)).toEqual([
      'secrets/aws-access-key-id',
      'tofu/validate',
      'tofu/fmt',
    ]);
    expect(run?.results?.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['secrets/aws-access-key-id', 0],
      ['tofu/validate', 1],
      ['tofu/validate', 1],
      ['tofu/fmt', 2],
    ]);
    expect(run?.results?.[0]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/my%20file.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 15, endColumn: 35 },
    });
    expect(run?.results?.[2]?.locations).toBeUndefined();
    expect(run?.results?.[3]?.locations?.[0]?.physicalLocation?.region).toBeUndefined();
    expect(run?.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toBe(
      'packer validate (-) was skipped: no packer-template given',
    );
  });
});
