import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tfPlanInputs } from '../../../src/actions/tf-plan/inputs.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { readInputs } from '../../../src/core/inputs.js';
import {
  addressListProblem,
  isReplaceAddress,
  isTargetAddress,
  parseResourceAddress,
} from '../../../src/terraform/addresses.js';
import { tofu } from '../../support/tools.js';

/** Addresses both inputs take: resources and resource instances, in modules or not. */
export const RESOURCE_INSTANCES = [
  'aws_instance.web',
  'aws_instance.web[0]',
  'aws_instance.web[12]',
  'aws_instance.web["a"]',
  'aws_instance.web["a b.c[0]"]',
  'aws_instance.web["quote \\" inside"]',
  'aws_instance.web["$${literal}"]',
  'null_resource.x-y_2',
  '_private.name',
  'module.app.aws_instance.web',
  'module.app.aws_instance.web["a"]',
  'module.app[0].module.db["eu"].aws_db_instance.main[1]',
  'module.a-b.terraform_data.c',
  'aws_instance.web ["a"]',
  'aws_instance . web [ 0 ]',
  'module. app.aws_instance.web\t[0]',
];
/** Addresses only `targets` takes. */
export const TARGETS_ONLY = [
  'module.app',
  'module.app[0]',
  'module.app["eu"].module.db',
  'data.aws_ami.ubuntu',
  'module.app.data.aws_ami.ubuntu["x"]',
];
/** Not addresses at all. */
export const INVALID = [
  'aws_instance',
  'aws_instance.',
  '.aws_instance.web',
  'aws_instance web',
  'aws_instance.web[a]',
  "aws_instance.web['a']",
  'aws_instance.web[-1]',
  'aws_instance.web[1.5]',
  'aws_instance.web[*]',
  'aws_instance.web["a"',
  'aws_instance.web["${var.x}"]',
  'aws_instance.web[0][1]',
  'aws_instance.web.extra',
  'aws_instance.web[0].id',
  'aws_instance.web.0',
  '1aws.web',
  'module',
  'module.',
  'module.app.',
  'module[0].app',
  'module.app.aws_instance',
  'data.aws_ami',
  'data',
  '-target=aws_instance.web',
  'aws_instance.web,aws_instance.db',
  'aws_instance.we\u0007b',
];

describe('resource addresses', () => {
  it.each(RESOURCE_INSTANCES)('%s is a target and a replace address', (address) => {
    expect(isTargetAddress(address)).toBe(true);
    expect(isReplaceAddress(address)).toBe(true);
  });

  it.each(TARGETS_ONLY)('%s is a target but cannot be replaced', (address) => {
    expect(isTargetAddress(address)).toBe(true);
    expect(isReplaceAddress(address)).toBe(false);
  });

  it.each(INVALID)('%s is no address', (address) => {
    expect(isTargetAddress(address)).toBe(false);
    expect(isReplaceAddress(address)).toBe(false);
  });

  it('reads the parts and the keys, with string escapes undone', () => {
    expect(parseResourceAddress('module.app[0].module.db["eu"].data.aws_ami.x["a\\"b\\u00e9"]')).toEqual({
      modules: [
        { name: 'app', key: 0 },
        { name: 'db', key: 'eu' },
      ],
      resource: { mode: 'data', type: 'aws_ami', name: 'x', key: 'a"bé' },
    });
    expect(parseResourceAddress('module.app')).toEqual({ modules: [{ name: 'app' }] });
    expect(parseResourceAddress('aws_instance.web')).toEqual({
      modules: [],
      resource: { mode: 'managed', type: 'aws_instance', name: 'web' },
    });
  });
});

describe('the targets and replace inputs', () => {
  const read = (values: Record<string, string>) =>
    readInputs(tfPlanInputs, (name) => values[name] ?? (name === 'working-directory' ? '.' : ''));

  it('name the input and the line of the first address that is not one', async () => {
    await expect(read({ targets: 'aws_instance.web\naws_instance web\nalso bad' })).rejects.toThrow(
      new ConfigurationError(
        'Input "targets" line 2 must be a resource address such as aws_instance.web or ' +
          'module.app.aws_instance.web["a"], or a module such as module.app; got "aws_instance web".',
      ),
    );
  });

  it('say why a module or a data source cannot be replaced', async () => {
    await expect(read({ replace: 'module.app' })).rejects.toThrow(
      new ConfigurationError(
        'Input "replace" line 1 must be a resource instance address such as aws_instance.web or ' +
          'module.app.aws_instance.web["a"] (a module or a data source cannot be replaced); got "module.app".',
      ),
    );
    await expect(read({ replace: 'aws_instance.web\ndata.aws_ami.x' })).rejects.toThrow(
      /^Input "replace" line 2 .*data source/,
    );
  });

  it('show at most 60 characters of the line and make control characters visible', () => {
    const problem = addressListProblem('targets', [`aws_instance.${'x'.repeat(100_000)} y`]);
    expect(problem?.message).toMatch(/; got "aws_instance\.x{44}\.\.\."$/);
    expect(addressListProblem('targets', ['a\u001b[31m.b c'])?.message).toMatch(/got "a\\u001b\[31m\.b c"$/);
  });

  it('pass good addresses through as given', async () => {
    const inputs = await read({
      targets: ' module.app \n\naws_instance.web["a"]\n',
      replace: 'module.app.aws_instance.web[0]',
    });
    expect(inputs.targets).toEqual(['module.app', 'aws_instance.web["a"]']);
    expect(inputs.replace).toEqual(['module.app.aws_instance.web[0]']);
  });
});

describe('the grammar against the real tofu', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tofu-addresses-'));
    await writeFile(join(dir, 'main.tf'), 'resource "terraform_data" "x" {}\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Whether tofu plan refuses the address as a -target, and as a -replace (one run reports both). */
  function tofuRefuses(address: string): Promise<{ target: boolean; replace: boolean }> {
    return new Promise((resolve) => {
      execFile(
        tofu(),
        ['plan', '-input=false', '-no-color', '-refresh=false', `-target=${address}`, `-replace=${address}`],
        { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, TF_IN_AUTOMATION: '1' } },
        (_error, stdout, stderr) => {
          const output = `${stdout}\n${stderr}`;
          resolve({
            target: output.includes('Error: Invalid target '),
            replace: output.includes('Error: Invalid force-replace address '),
          });
        },
      );
    });
  }

  it.each([...RESOURCE_INSTANCES, ...TARGETS_ONLY, ...INVALID])('agrees with tofu on %s', async (address) => {
    expect({ address, ...(await tofuRefuses(address)) }).toEqual({
      address,
      target: !isTargetAddress(address),
      replace: !isReplaceAddress(address),
    });
  });
});
