import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PolicyResult } from '../../../src/contracts/manifest.js';
import { addressIn } from '../../../src/policy/check.js';
import { annotatePolicy, blockLocations, blockOf, policySarif } from '../../../src/policy/findings.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const result = (overrides: Partial<PolicyResult> = {}): PolicyResult => ({
  mode: 'enforce',
  namespace: 'terraform',
  conftestVersion: '0.71.1',
  policies: [{ path: 'policy/vms.rego', sha256: 'a'.repeat(64) }],
  data: [],
  evaluated: 3,
  failures: [
    { rule: 'deny_vm_size', message: 'too big', address: 'aws_instance.web[0]' },
    { rule: 'deny_missing_owner', message: 'no owner', address: 'module.net.aws_vpc.main' },
  ],
  warnings: [{ rule: 'warn_x', message: 'no address' }],
  passed: false,
  ...overrides,
});

describe('addressIn', () => {
  const addresses = [
    'aws_instance.web',
    'aws_instance.web2',
    'module.x.aws_instance.web',
    'aws_s3_bucket.logs',
  ];
  it('finds the address a message names, as a word of its own', () => {
    expect(addressIn('aws_instance.web is too big', addresses)).toBe('aws_instance.web');
    expect(addressIn('size of aws_instance.web2: huge', addresses)).toBe('aws_instance.web2');
    expect(addressIn('the bucket aws_s3_bucket.logs.', addresses)).toBe('aws_s3_bucket.logs');
    expect(addressIn('module.x.aws_instance.web is public', addresses)).toBe('module.x.aws_instance.web');
  });
  it('names none when only a longer address or a part of one matches', () => {
    expect(addressIn('aws_instance.web3 is big', addresses)).toBeUndefined();
    expect(addressIn('aws_instance.web.size is big', addresses)).toBeUndefined();
    expect(addressIn('nothing here', addresses)).toBeUndefined();
  });
});

describe('blockLocations', () => {
  it('finds resource and data blocks of the root module by file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-blocks-'));
    try {
      await writeFile(
        join(dir, 'b.tf'),
        'data "aws_ami" "base" {\n}\n\n  resource "aws_instance" "web" {\n}\n',
      );
      await writeFile(join(dir, 'a.tf'), '# vpc\nresource "aws_vpc" "main" {}\n');
      await writeFile(join(dir, 'notes.md'), 'resource "aws_vpc" "ignored" {}\n');
      const found = await blockLocations(dir, 'infra');
      expect(Object.fromEntries(found)).toEqual({
        'aws_vpc.main': { file: 'infra/a.tf', line: 2 },
        'data.aws_ami.base': { file: 'infra/b.tf', line: 1 },
        'aws_instance.web': { file: 'infra/b.tf', line: 4 },
      });
      expect((await blockLocations(dir, '.')).get('aws_vpc.main')?.file).toBe('a.tf');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('maps an instance to its block, and leaves module resources unmapped', () => {
    expect(blockOf('aws_instance.web[0]')).toBe('aws_instance.web');
    expect(blockOf('aws_instance.web["a"]')).toBe('aws_instance.web');
    expect(blockOf('module.net.aws_vpc.main')).toBeUndefined();
  });
});

describe('annotations and SARIF', () => {
  const locations = new Map([['aws_instance.web', { file: 'infra/main.tf', line: 7 }]]);
  it('annotates enforce failures as errors on their blocks, warnings as warnings', () => {
    const logger = new RecordingLogger();
    annotatePolicy(result(), locations, logger);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'aws_instance.web[0]: too big',
        properties: { title: 'Policy terraform/deny_vm_size', file: 'infra/main.tf', startLine: 7 },
      },
      {
        level: 'error',
        message: 'module.net.aws_vpc.main: no owner',
        properties: { title: 'Policy terraform/deny_missing_owner' },
      },
    ]);
    expect(logger.messages('warning')).toEqual(['no address']);
  });
  it('annotates failures in warn mode as warnings', () => {
    const logger = new RecordingLogger();
    annotatePolicy(result({ mode: 'warn' }), locations, logger);
    expect(logger.messages('error')).toEqual([]);
    expect(logger.messages('warning')).toHaveLength(3);
  });
  it('writes SARIF rule ids policy/<namespace>/<rule>, located where the block is', () => {
    const log = policySarif(result(), locations, 'infra');
    const run = log.runs[0];
    expect(run?.tool.driver.name).toBe('iac-pipeline policy');
    expect(
      run?.results?.map((r) => [r.ruleId, r.level, r.locations?.[0]?.physicalLocation?.region?.startLine]),
    ).toEqual([
      ['policy/terraform/deny_vm_size', 'error', 7],
      ['policy/terraform/deny_missing_owner', 'error', undefined],
      ['policy/terraform/warn_x', 'warning', undefined],
    ]);
  });
});
