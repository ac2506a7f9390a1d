import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import type { Exec } from '../../../src/core/exec.js';
import { ChecksumError } from '../../../src/toolchain/checksums.js';
import {
  DownloadError,
  installRelease,
  reportedVersion,
  type ToolCache,
} from '../../../src/toolchain/install.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const platform = { os: 'linux', arch: 'amd64' };
const ARCHIVE = 'tofu_1.8.0_linux_amd64.zip';

/**
 * A tool cache over a map of URL → bytes; extraction "unzips" (or untars) to a directory holding
 * `binary`.
 */
async function fakeToolCache(
  files: Record<string, string>,
  cached: Record<string, string> = {},
  binary = 'tofu',
) {
  const temp = await mkdtemp(join(tmpdir(), 'fake-tc-'));
  const calls: string[] = [];
  const extracted = async (file: string) => {
    const dir = `${file}-x`;
    await mkdir(dir);
    await writeFile(join(dir, binary), '#!/bin/sh\n');
    return dir;
  };
  const cache: ToolCache = {
    find: (tool, version) => cached[`${tool}@${version}`],
    async download(url) {
      calls.push(`download ${url}`);
      const body = files[url];
      if (body === undefined) throw new DownloadError(url, 404);
      const path = join(temp, `dl-${calls.length}`);
      await writeFile(path, body);
      return path;
    },
    async extractZip(file) {
      calls.push('extract');
      return extracted(file);
    },
    async extractTarGz(file) {
      calls.push('extract tar.gz');
      return extracted(file);
    },
    async cacheDir(dir, tool, version) {
      calls.push(`cacheDir ${tool} ${version}`);
      return `/tool-cache/${tool}/${version}/x64`;
    },
  };
  return { cache, calls, temp };
}

const reportsVersion =
  (version: string): Exec =>
  async () => ({ exitCode: 0, stdout: JSON.stringify({ terraform_version: version }), stderr: '' });

const base = 'https://m.example/opentofu/1.8.0/';
const digest = (text: string) => createHash('sha256').update(text).digest('hex');

describe('installRelease', () => {
  it('verifies, checks the version the binary reports, then caches, cleaning up its downloads', async () => {
    const { cache, calls, temp } = await fakeToolCache({
      [`${base}tofu_1.8.0_SHA256SUMS`]: `${digest('zip bytes')}  ${ARCHIVE}\n`,
      [base + ARCHIVE]: 'zip bytes',
    });
    const logger = new RecordingLogger();
    const installed = await installRelease('opentofu', '1.8.0', 'https://m.example', {
      toolCache: cache,
      exec: reportsVersion('1.8.0'),
      logger,
      platform,
    });
    expect(installed).toMatchObject({ binDir: '/tool-cache/tofu/1.8.0/x64', fromCache: false });
    expect(calls).toEqual([
      `download ${base}tofu_1.8.0_SHA256SUMS`,
      `download ${base}${ARCHIVE}`,
      'extract',
      'cacheDir tofu 1.8.0',
    ]);
    expect(await readdir(temp)).toEqual([]);
  });

  it('is served from the tool cache without downloading', async () => {
    const { cache, calls } = await fakeToolCache({}, { 'tofu@1.8.0': '/tc/tofu/1.8.0/x64' });
    const installed = await installRelease('opentofu', '1.8.0', undefined, {
      toolCache: cache,
      exec: reportsVersion('1.8.0'),
      logger: new RecordingLogger(),
      platform,
    });
    expect(installed).toMatchObject({ binDir: '/tc/tofu/1.8.0/x64', fromCache: true });
    expect(calls).toEqual([]);
  });

  it('refuses a checksum mismatch before extracting or caching anything', async () => {
    const { cache, calls, temp } = await fakeToolCache({
      [`${base}tofu_1.8.0_SHA256SUMS`]: `${digest('other')}  ${ARCHIVE}\n`,
      [base + ARCHIVE]: 'zip bytes',
    });
    await expect(
      installRelease('opentofu', '1.8.0', 'https://m.example', {
        toolCache: cache,
        exec: reportsVersion('1.8.0'),
        logger: new RecordingLogger(),
        platform,
      }),
    ).rejects.toThrow(ChecksumError);
    expect(calls.filter((call) => !call.startsWith('download'))).toEqual([]);
    expect(existsSync(temp) && (await readdir(temp)).length).toBe(0);
  });

  it('refuses a binary that reports another version', async () => {
    const { cache, calls } = await fakeToolCache({
      [`${base}tofu_1.8.0_SHA256SUMS`]: `${digest('zip bytes')}  ${ARCHIVE}\n`,
      [base + ARCHIVE]: 'zip bytes',
    });
    await expect(
      installRelease('opentofu', '1.8.0', 'https://m.example', {
        toolCache: cache,
        exec: reportsVersion('1.7.9'),
        logger: new RecordingLogger(),
        platform,
      }),
    ).rejects.toThrow(`${base}${ARCHIVE} holds OpenTofu 1.7.9, not the 1.8.0 that was asked for`);
    expect(calls).not.toContain('cacheDir tofu 1.8.0');
  });

  it('turns a 404 into a configuration error naming the version input (official source)', async () => {
    const { cache } = await fakeToolCache({});
    const failure = installRelease('terraform', '9.9.9', undefined, {
      toolCache: cache,
      exec: reportsVersion('9.9.9'),
      logger: new RecordingLogger(),
      platform,
    });
    await expect(failure).rejects.toThrow(ConfigurationError);
    await expect(failure).rejects.toThrow(
      'Input "terraform-version" must name a released Terraform version: https://releases.hashicorp.com/terraform/9.9.9/terraform_9.9.9_SHA256SUMS was not found (HTTP 404).',
    );
  });

  it('installs conftest from its tar.gz, checked against checksums.txt and `conftest --version`', async () => {
    const dir = 'https://m.example/conftest/0.71.1/';
    const archive = 'conftest_0.71.1_Linux_x86_64.tar.gz';
    const { cache, calls, temp } = await fakeToolCache(
      {
        // As goreleaser writes it: every archive and SBOM of the release in one file.
        [`${dir}checksums.txt`]:
          `${digest('darwin')}  conftest_0.71.1_Darwin_arm64.tar.gz\n` +
          `${digest('tar bytes')}  ${archive}\n${digest('sbom')}  ${archive}.sbom.json\n`,
        [dir + archive]: 'tar bytes',
      },
      {},
      'conftest',
    );
    const asked: string[][] = [];
    const exec: Exec = async (command, args) => {
      asked.push([command.slice(command.lastIndexOf('/') + 1), ...args]);
      return { exitCode: 0, stdout: 'Conftest: 0.71.1\nOPA: 1.21.1\n', stderr: '' };
    };
    const installed = await installRelease('conftest', '0.71.1', 'https://m.example', {
      toolCache: cache,
      exec,
      logger: new RecordingLogger(),
      platform,
    });
    expect(installed).toMatchObject({ product: 'conftest', binDir: '/tool-cache/conftest/0.71.1/x64' });
    expect(calls).toEqual([
      `download ${dir}checksums.txt`,
      `download ${dir}${archive}`,
      'extract tar.gz',
      'cacheDir conftest 0.71.1',
    ]);
    expect(asked).toEqual([['conftest', '--version']]);
    expect(await readdir(temp)).toEqual([]);
  });

  it('refuses a conftest built without the release version (it says "dev")', async () => {
    const dir = 'https://m.example/conftest/0.71.1/';
    const archive = 'conftest_0.71.1_Linux_x86_64.tar.gz';
    const { cache, calls } = await fakeToolCache(
      { [`${dir}checksums.txt`]: `${digest('tar bytes')}  ${archive}\n`, [dir + archive]: 'tar bytes' },
      {},
      'conftest',
    );
    const exec: Exec = async () => ({ exitCode: 0, stdout: 'Conftest: dev\nOPA: 1.21.1\n', stderr: '' });
    await expect(
      installRelease('conftest', '0.71.1', 'https://m.example', {
        toolCache: cache,
        exec,
        logger: new RecordingLogger(),
        platform,
      }),
    ).rejects.toThrow(`${dir}${archive} holds conftest dev, not the 0.71.1 that was asked for`);
    expect(calls).not.toContain('cacheDir conftest 0.71.1');
  });

  it('names conftest-version when the official releases have no such conftest', async () => {
    const { cache } = await fakeToolCache({});
    await expect(
      installRelease('conftest', '0.99.0', undefined, {
        toolCache: cache,
        exec: reportsVersion('0.99.0'),
        logger: new RecordingLogger(),
        platform,
      }),
    ).rejects.toThrow(
      'Input "conftest-version" must name a released conftest version: https://github.com/open-policy-agent/conftest/releases/download/v0.99.0/checksums.txt was not found (HTTP 404).',
    );
  });
});

describe('reportedVersion', () => {
  it('reads the first line of `conftest --version`, and nothing from other output', async () => {
    const says =
      (stdout: string): Exec =>
      async () => ({ exitCode: 0, stdout, stderr: '' });
    expect(await reportedVersion('conftest', 'conftest', says('Conftest: 0.71.1\nOPA: 1.21.1\n'))).toBe(
      '0.71.1',
    );
    expect(await reportedVersion('conftest', 'conftest', says('OPA: 1.21.1\n'))).toBeUndefined();
  });
});
