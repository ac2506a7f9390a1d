import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, isConfigurationError } from '../../../src/core/errors.js';
import {
  commandFailure,
  isTerraformFailure,
  StalePlanError,
  TerraformConfigurationError,
  TerraformError,
  type TerraformFailure,
} from '../../../src/terraform/errors.js';

const failure: TerraformFailure = {
  command: ['tofu', 'plan', '-input=false'],
  exitCode: 1,
  diagnostics: [{ severity: 'error', summary: 'Unsupported argument', detail: '' }],
  applied: ['terraform_data.a'],
};

describe('the terraform error classes', () => {
  it.each([
    ['TerraformError', new TerraformError('m', failure), false, 'TerraformError'],
    [
      'TerraformConfigurationError',
      new TerraformConfigurationError('m', failure),
      true,
      'ConfigurationError',
    ],
    ['StalePlanError', new StalePlanError('m', failure), true, 'ConfigurationError'],
  ])(
    '%s carries the failed command and is a user mistake only when it says so',
    (_, error, mistake, name) => {
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toBe('m');
      expect(error.name).toBe(name);
      expect(isConfigurationError(error)).toBe(mistake);
      expect(isTerraformFailure(error)).toBe(true);
      expect({
        command: error.command,
        exitCode: error.exitCode,
        diagnostics: error.diagnostics,
        applied: error.applied,
      }).toEqual(failure);
      expect(error.stack).toContain('errors.test.ts');
    },
  );

  it('are told from other errors', () => {
    expect(isTerraformFailure(new ConfigurationError('m'))).toBe(false);
    expect(isTerraformFailure(new Error('m'))).toBe(false);
  });

  it('commandFailure picks the class from the diagnostics', () => {
    const failed = { ...failure, stderrTail: '', readsConfiguration: true, directory: 'infra' };
    expect(commandFailure({ ...failed, diagnostics: [] })).toBeInstanceOf(TerraformError);
    const ranged = {
      ...failure.diagnostics[0]!,
      range: { filename: 'main.tf', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
    };
    expect(commandFailure({ ...failed, diagnostics: [ranged] })).toBeInstanceOf(TerraformConfigurationError);
  });
});
