import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import {
  parseToolVersions,
  parseVersionFile,
  readVersionFiles,
  resolveRequests,
} from '../../../src/toolchain/version-files.js';

describe('parseToolVersions', () => {
  it('reads asdf lines: first version only, comments and blank lines skipped, first line of a tool wins', () => {
    const tools = parseToolVersions(
      '# tools\nopentofu 1.8.0 1.7.0\n\n  packer   1.11.2  # pinned\r\nterraform\nopentofu 1.9.0\nansible-core 2.17.5\n',
    );
    expect(Object.fromEntries(tools)).toEqual({
      opentofu: { version: '1.8.0', line: 2 },
      packer: { version: '1.11.2', line: 4 },
      'ansible-core': { version: '2.17.5', line: 7 },
    });
  });
});

describe('parseVersionFile', () => {
  it('reads the first line that is not a comment', () => {
    expect(parseVersionFile('# pinned\n\n 1.9.0 \n1.8.0\n')).toBe('1.9.0');
    expect(parseVersionFile('\n# nothing\n')).toBeUndefined();
  });
});

describe('resolveRequests', () => {
  it('takes inputs over files, dropping a leading v', () => {
    expect(
      resolveRequests(
        { tofuVersion: 'v1.8.0', packerVersion: '1.11.2' },
        { '.tool-versions': 'terraform 1.9.0\npacker 1.10.0\nansible-core 2.17.5\n' },
      ),
    ).toEqual({
      opentofu: { version: '1.8.0', from: 'input tofu-version' },
      packer: { version: '1.11.2', from: 'input packer-version' },
      ansible: { version: '2.17.5', from: '.tool-versions' },
    });
  });

  it('reads .tool-versions, then .opentofu-version, then .terraform-version', () => {
    expect(resolveRequests({}, { '.tool-versions': 'opentofu 1.8.0\n' })).toEqual({
      opentofu: { version: '1.8.0', from: '.tool-versions' },
    });
    expect(resolveRequests({}, { '.opentofu-version': '1.8.1\n' })).toEqual({
      opentofu: { version: '1.8.1', from: '.opentofu-version' },
    });
    expect(resolveRequests({}, { '.terraform-version': '1.9.0\n' })).toEqual({
      terraform: { version: '1.9.0', from: '.terraform-version' },
    });
    expect(resolveRequests({ terraformVersion: '1.9.1' }, { '.opentofu-version': '1.8.1\n' })).toEqual({
      terraform: { version: '1.9.1', from: 'input terraform-version' },
    });
  });

  it('reads conftest from its input, else from a conftest line of .tool-versions, else not at all', () => {
    const toolVersions = { '.tool-versions': 'opentofu 1.8.0\nconftest v0.71.1\n' };
    expect(resolveRequests({}, toolVersions).conftest).toEqual({ version: '0.71.1', from: '.tool-versions' });
    expect(resolveRequests({ conftestVersion: '0.70.0' }, toolVersions).conftest).toEqual({
      version: '0.70.0',
      from: 'input conftest-version',
    });
    expect(resolveRequests({ tofuVersion: '1.8.0' }, {})).not.toHaveProperty('conftest');
    expect(() => resolveRequests({}, { '.tool-versions': 'conftest 0.71\n' })).toThrow(
      '.tool-versions line 1 (conftest) must be an exact version',
    );
  });

  it('refuses files that name both OpenTofu and Terraform', () => {
    expect(() =>
      resolveRequests({}, { '.tool-versions': 'opentofu 1.8.0\n', '.terraform-version': '1.9.0' }),
    ).toThrow(
      new ConfigurationError(
        'The workspace names both OpenTofu (.tool-versions) and Terraform (.terraform-version); choose one with the tofu-version or terraform-version input.',
      ),
    );
  });

  it('refuses what is not an exact version, naming the file and line', () => {
    expect(() => resolveRequests({}, { '.tool-versions': '\npacker latest\n' })).toThrow(
      '.tool-versions line 2 (packer) must be an exact version such as 1.8.0 (no "latest" or partial versions); got "latest".',
    );
    expect(() => resolveRequests({}, { '.terraform-version': 'min-required\n' })).toThrow(
      /^\.terraform-version must be an exact version/,
    );
    expect(() => resolveRequests({}, { '.opentofu-version': '# empty\n' })).toThrow(
      '.opentofu-version is empty: write one version in it.',
    );
  });

  it('asks for nothing when nothing names a version', () => {
    expect(resolveRequests({}, {})).toEqual({});
  });
});

describe('readVersionFiles', () => {
  it('reads the files that exist and leaves out the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'versions-'));
    try {
      await writeFile(join(dir, '.opentofu-version'), '1.8.0\n');
      expect(await readVersionFiles(dir)).toEqual({ '.opentofu-version': '1.8.0\n' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
