import { ConfigurationError, StepFailure } from '../core/errors.js';

/** The tools installed from release archives (ansible-core comes from a Python package index instead). */
export type Product = 'opentofu' | 'terraform' | 'packer';

export interface ProductInfo {
  /** How people name it in messages. */
  title: string;
  /** The executable inside the archive, and the tool's name in the tool cache. */
  binary: string;
  /** The input that names its version. */
  input: 'tofu-version' | 'terraform-version' | 'packer-version';
}

export const PRODUCTS: Record<Product, ProductInfo> = {
  opentofu: { title: 'OpenTofu', binary: 'tofu', input: 'tofu-version' },
  terraform: { title: 'Terraform', binary: 'terraform', input: 'terraform-version' },
  packer: { title: 'Packer', binary: 'packer', input: 'packer-version' },
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
  sumsName: string;
  sumsUrl: string;
  /** The executable's file name inside the archive (with .exe on Windows). */
  binaryName: string;
}

/** File names: the archive prefix is the binary's name, `tofu_1.8.0_linux_amd64.zip`, `packer_1.11.2_SHA256SUMS`. */
function fileNames(product: Product, version: string, platform: Platform) {
  const prefix = PRODUCTS[product].binary;
  return {
    archiveName: `${prefix}_${version}_${platform.os}_${platform.arch}.zip`,
    sumsName: `${prefix}_${version}_SHA256SUMS`,
    binaryName: platform.os === 'windows' ? `${prefix}.exe` : prefix,
  };
}

/**
 * The directory that holds one release's archives and SHA256SUMS. Official locations:
 *   OpenTofu   https://github.com/opentofu/opentofu/releases/download/v<V>/
 *   HashiCorp  https://releases.hashicorp.com/<product>/<V>/
 * A mirror uses HashiCorp's layout for all three, `<mirror>/<product>/<V>/` with the product named
 * `opentofu`, `terraform` or `packer`: one layout is simpler to host than two, and an existing mirror
 * of releases.hashicorp.com already has it.
 */
export function releaseDirectory(product: Product, version: string, mirrorUrl?: string): string {
  if (mirrorUrl) return `${mirrorUrl.replace(/\/+$/, '')}/${product}/${encodeURIComponent(version)}/`;
  if (product === 'opentofu')
    return `https://github.com/opentofu/opentofu/releases/download/v${encodeURIComponent(version)}/`;
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
