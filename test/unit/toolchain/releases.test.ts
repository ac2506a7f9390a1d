import { describe, expect, it } from '@jest/globals';
import { pluginCacheKey } from '../../../src/toolchain/plugin-cache.js';
import {
  exactVersion,
  pythonIndexUrl,
  releaseFiles,
  releasePlatform,
} from '../../../src/toolchain/releases.js';

const linux = { os: 'linux', arch: 'amd64' };

describe('release locations', () => {
  it('names the official OpenTofu, Terraform and Packer archives and sums', () => {
    expect(releaseFiles('opentofu', '1.8.0', linux)).toEqual({
      archiveName: 'tofu_1.8.0_linux_amd64.zip',
      archiveUrl: 'https://github.com/opentofu/opentofu/releases/download/v1.8.0/tofu_1.8.0_linux_amd64.zip',
      format: 'zip',
      sumsName: 'tofu_1.8.0_SHA256SUMS',
      sumsUrl: 'https://github.com/opentofu/opentofu/releases/download/v1.8.0/tofu_1.8.0_SHA256SUMS',
      binaryName: 'tofu',
    });
    expect(releaseFiles('terraform', '1.9.0', linux).archiveUrl).toBe(
      'https://releases.hashicorp.com/terraform/1.9.0/terraform_1.9.0_linux_amd64.zip',
    );
    expect(releaseFiles('packer', '1.11.2', { os: 'darwin', arch: 'arm64' }).sumsUrl).toBe(
      'https://releases.hashicorp.com/packer/1.11.2/packer_1.11.2_SHA256SUMS',
    );
    expect(releaseFiles('packer', '1.11.2', { os: 'windows', arch: 'amd64' }).binaryName).toBe('packer.exe');
  });

  it("names conftest's archives as its goreleaser does: Linux/Darwin/Windows, x86_64/arm64, one checksums.txt", () => {
    expect(releaseFiles('conftest', '0.71.1', linux)).toEqual({
      archiveName: 'conftest_0.71.1_Linux_x86_64.tar.gz',
      archiveUrl:
        'https://github.com/open-policy-agent/conftest/releases/download/v0.71.1/conftest_0.71.1_Linux_x86_64.tar.gz',
      format: 'tar.gz',
      sumsName: 'checksums.txt',
      sumsUrl: 'https://github.com/open-policy-agent/conftest/releases/download/v0.71.1/checksums.txt',
      binaryName: 'conftest',
    });
    expect(releaseFiles('conftest', '0.71.1', { os: 'darwin', arch: 'arm64' }).archiveName).toBe(
      'conftest_0.71.1_Darwin_arm64.tar.gz',
    );
    expect(releaseFiles('conftest', '0.71.1', { os: 'windows', arch: 'amd64' })).toMatchObject({
      archiveName: 'conftest_0.71.1_Windows_x86_64.zip',
      format: 'zip',
      binaryName: 'conftest.exe',
    });
    expect(releaseFiles('conftest', '0.71.1', linux, 'https://m.example/releases/')).toMatchObject({
      archiveUrl: 'https://m.example/releases/conftest/0.71.1/conftest_0.71.1_Linux_x86_64.tar.gz',
      sumsUrl: 'https://m.example/releases/conftest/0.71.1/checksums.txt',
    });
    // The other products keep HashiCorp's zip archives.
    expect(releaseFiles('opentofu', '1.8.0', { os: 'darwin', arch: 'arm64' }).format).toBe('zip');
  });

  it('refuses a platform conftest publishes no archive for', () => {
    for (const platform of [
      { os: 'windows', arch: '386' },
      { os: 'freebsd', arch: 'amd64' },
      { os: 'linux', arch: 'arm' },
    ]) {
      expect(() => releaseFiles('conftest', '0.71.1', platform)).toThrow(
        `setup: conftest publishes no release archive for ${platform.os}/${platform.arch}, so it cannot be installed on this runner.`,
      );
    }
  });

  it('uses <mirror>/<product>/<version>/ for every product, with or without a trailing slash', () => {
    expect(releaseFiles('opentofu', '1.8.0', linux, 'https://m.example/releases/').archiveUrl).toBe(
      'https://m.example/releases/opentofu/1.8.0/tofu_1.8.0_linux_amd64.zip',
    );
    expect(releaseFiles('terraform', '1.9.0', linux, 'http://m.example').sumsUrl).toBe(
      'http://m.example/terraform/1.9.0/terraform_1.9.0_SHA256SUMS',
    );
    expect(pythonIndexUrl('https://m.example/releases/')).toBe('https://m.example/releases/pypi/simple');
    expect(pythonIndexUrl(undefined)).toBeUndefined();
  });

  it("maps Node's platform names to the releases' names", () => {
    expect(releasePlatform('linux', 'x64')).toEqual(linux);
    expect(releasePlatform('darwin', 'arm64')).toEqual({ os: 'darwin', arch: 'arm64' });
    expect(releasePlatform('win32', 'ia32')).toEqual({ os: 'windows', arch: '386' });
    expect(() => releasePlatform('aix', 'ppc64')).toThrow('no release archives are published for aix/ppc64');
  });

  it('accepts exact versions only', () => {
    expect(exactVersion('v1.8.0', 'x')).toBe('1.8.0');
    expect(exactVersion('1.9.0-rc1', 'x')).toBe('1.9.0-rc1');
    for (const bad of ['latest', '1.8', '1.8.x', '~> 1.8', '1.8.0 ']) {
      if (bad.trim() === '1.8.0') continue;
      expect(() => exactVersion(bad, 'Input "tofu-version"')).toThrow(
        /^Input "tofu-version" must be an exact/,
      );
    }
  });

  it('keys the plugin cache by platform and lock digest, restoring older entries by prefix', () => {
    expect(pluginCacheKey(linux, 'abc')).toEqual({
      key: 'iac-setup-providers-linux-amd64-abc',
      restoreKeys: ['iac-setup-providers-linux-amd64-'],
    });
  });
});
