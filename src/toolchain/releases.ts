import { ConfigurationError, StepFailure } from '../core/errors.js';

/** The tools installed from release archives (ansible-core comes from a Python package index instead). */
export type Product = 'opentofu' | 'terraform' | 'packer' | 'conftest';

export interface ProductInfo {
  /** How people name it in messages. */
  title: string;
  /** The executable inside the archive, and the tool's name in the tool cache. */
  binary: string;
  /** The input that names its version. */
  input: 'tofu-version' | 'terraform-version' | 'packer-version' | 'conftest-version';
}

export const PRODUCTS: Record<Product, ProductInfo> = {
  opentofu: { title: 'OpenTofu', binary: 'tofu', input: 'tofu-version' },
  terraform: { title: 'Terraform', binary: 'terraform', input: 'terraform-version' },
  packer: { title: 'Packer', binary: 'packer', input: 'packer-version' },
  conftest: { title: 'conftest', binary: 'conftest', input: 'conftest-version' },
};

/** The os and arch names the release archives use (Go's GOOS and GOARCH). */
export interface Platform {
  os: string;
  arch: string;
}

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  sunos: 'solaris',
};
const ARCH_NAMES: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

/** Node's names for the machine (process.platform, process.arch) in the releases' vocabulary. */
export function releasePlatform(platform: NodeJS.Platform, arch: string): Platform {
  const os = OS_NAMES[platform];
  const goArch = ARCH_NAMES[arch];
  if (!os || !goArch)
    throw new StepFailure(`setup: no release archives are published for ${platform}/${arch}.`);
  return { os, arch: goArch };
}

export interface ReleaseFiles {
  archiveName: string;
  archiveUrl: string;
  /** How the archive is packed, which decides how it is extracted. */
  format: 'zip' | 'tar.gz';
  sumsName: string;
  sumsUrl: string;
  /** The executable's file name inside the archive (with .exe on Windows). */
  binaryName: string;
}

type FileNames = Omit<ReleaseFiles, 'archiveUrl' | 'sumsUrl'>;

// conftest's releases (goreleaser, its .goreleaser.yml) name the os title-cased and amd64 `x86_64`, and
// publish no 386, arm or BSD builds. (They have ppc64le and s390x too, which releasePlatform does not name.)
const CONFTEST_OS: Partial<Record<string, string>> = { linux: 'Linux', darwin: 'Darwin', windows: 'Windows' };
const CONFTEST_ARCH: Partial<Record<string, string>> = { amd64: 'x86_64', arm64: 'arm64' };

/**
 * File names. HashiCorp's layout, which OpenTofu's releases follow too: the archive prefix is the
 * binary's name, `tofu_1.8.0_linux_amd64.zip` and `packer_1.11.2_SHA256SUMS`. conftest's:
 * `conftest_0.71.1_Linux_x86_64.tar.gz` (a .zip for Windows) and one `checksums.txt` for them all.
 */
function fileNames(product: Product, version: string, platform: Platform): FileNames {
  const prefix = PRODUCTS[product].binary;
  const binaryName = platform.os === 'windows' ? `${prefix}.exe` : prefix;
  if (product === 'conftest') {
    const os = CONFTEST_OS[platform.os];
    const arch = CONFTEST_ARCH[platform.arch];
    if (!os || !arch)
      throw new StepFailure(
        `setup: conftest publishes no release archive for ${platform.os}/${platform.arch}, so it cannot ` +
          'be installed on this runner.',
      );
    const format = platform.os === 'windows' ? 'zip' : 'tar.gz';
    return {
      archiveName: `${prefix}_${version}_${os}_${arch}.${format}`,
      format,
      sumsName: 'checksums.txt',
      binaryName,
    };
  }
  return {
    archiveName: `${prefix}_${version}_${platform.os}_${platform.arch}.zip`,
    format: 'zip',
    sumsName: `${prefix}_${version}_SHA256SUMS`,
    binaryName,
  };
}

/**
 * The directory that holds one release's archives and checksums. Official locations:
 *   OpenTofu   https://github.com/opentofu/opentofu/releases/download/v<V>/
 *   HashiCorp  https://releases.hashicorp.com/<product>/<V>/
 *   conftest   https://github.com/open-policy-agent/conftest/releases/download/v<V>/
 * A mirror uses HashiCorp's layout for all of them, `<mirror>/<product>/<V>/` with the product named
 * `opentofu`, `terraform`, `packer` or `conftest`, holding the release's own file names: one layout is
 * simpler to host than several, and an existing mirror of releases.hashicorp.com already has it.
 */
export function releaseDirectory(product: Product, version: string, mirrorUrl?: string): string {
  if (mirrorUrl) return `${mirrorUrl.replace(/\/+$/, '')}/${product}/${encodeURIComponent(version)}/`;
  if (product === 'opentofu')
    return `https://github.com/opentofu/opentofu/releases/download/v${encodeURIComponent(version)}/`;
  if (product === 'conftest')
    return `https://github.com/open-policy-agent/conftest/releases/download/v${encodeURIComponent(version)}/`;
  return `https://releases.hashicorp.com/${product}/${encodeURIComponent(version)}/`;
}

export function releaseFiles(
  product: Product,
  version: string,
  platform: Platform,
  mirrorUrl?: string,
): ReleaseFiles {
  const names = fileNames(product, version, platform);
  const dir = releaseDirectory(product, version, mirrorUrl);
  return { ...names, archiveUrl: dir + names.archiveName, sumsUrl: dir + names.sumsName };
}

/** The Python package index pip reads: the mirror's `/pypi/simple` (PEP 503), or pip's own default. */
export function pythonIndexUrl(mirrorUrl?: string): string | undefined {
  return mirrorUrl ? `${mirrorUrl.replace(/\/+$/, '')}/pypi/simple` : undefined;
}

// A version the archives can be named by: 1.8.0, 1.9.0-rc1, 2.17.5 (no ranges, no "latest").
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/**
 * An exact version, with a leading `v` dropped. `latest` and partial versions are refused: resolving
 * them needs a release index that mirrors do not have, and a pinned toolchain is the point of setup.
 */
export function exactVersion(raw: string, where: string): string {
  const version = raw.trim().replace(/^v/, '');
  if (!EXACT_VERSION.test(version)) {
    throw new ConfigurationError(
      `${where} must be an exact version such as 1.8.0 (no "latest" or partial versions); got "${raw.trim()}".`,
    );
  }
  return version;
}

export function isExactVersion(raw: string): boolean {
  return EXACT_VERSION.test(raw.trim().replace(/^v/, ''));
}

/** A URL as it may be printed: without the user name and password a mirror URL may carry. */
export function displayUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return url;
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
