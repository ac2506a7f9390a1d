import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for tests that run the committed dist/ bundles and action.yml files. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The pinned versions, read from the one place they are pinned. */
export function pinnedVersions(): Record<string, string> {
  const text = readFileSync(join(repoRoot, 'scripts', 'versions.env'), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
}

/** Where scripts/install-tools.sh puts tofu and node24 (it prints this directory too). */
export function toolsBinDir(): string {
  const base =
    process.env.IAC_TOOLS_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'iac-pipeline');
  return join(base, 'bin');
}

const INSTALL_HINT = 'run `bash scripts/install-tools.sh` first';

// Each binary's version, asked once per process: the harness starts a Node process for every step, and
// running `node --version` before each one cost a start-up of its own (about 40 ms) that no runner pays.
const nodeVersions = new Map<string, string>();

/** The Node 24 binary the actions run on, as on GitHub's runners. */
export function node24(): string {
  const candidates = [process.env.IAC_NODE24, join(toolsBinDir(), 'node24'), process.execPath];
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate)) continue;
    let version = nodeVersions.get(candidate);
    if (version === undefined) {
      version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
      nodeVersions.set(candidate, version);
    }
    if (version.startsWith('v24.')) return candidate;
  }
  throw new Error(
    `no Node 24 found (tried IAC_NODE24, ${join(toolsBinDir(), 'node24')}, this node): ${INSTALL_HINT}`,
  );
}

/** The OpenTofu binary built by the installer, checked to be the pinned version. */
export function tofu(): string {
  const path = join(toolsBinDir(), 'tofu');
  if (!existsSync(path)) throw new Error(`no tofu at ${path}: ${INSTALL_HINT}`);
  return path;
}

/** conftest, built by the installer at the pinned CONFTEST_VERSION: the policy tests run it for real. */
export function conftest(): string {
  const path = join(toolsBinDir(), 'conftest');
  if (!existsSync(path)) throw new Error(`no conftest at ${path}: ${INSTALL_HINT}`);
  return path;
}

/**
 * nektos/act at the pinned ACT_VERSION, the second runner the act tests run our workflows with. Missing or
 * at another version is an error that says how to install it: CI installs it, so no test skips for want of it.
 */
export function act(): string {
  const path = join(toolsBinDir(), 'act');
  const want = pinnedVersions().ACT_VERSION;
  if (!existsSync(path)) throw new Error(`no act at ${path}: ${INSTALL_HINT} (it builds act ${want})`);
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `act version ${want}`) {
    throw new Error(`${path} is "${version}", not act ${want} (scripts/versions.env): ${INSTALL_HINT}`);
  }
  return path;
}
