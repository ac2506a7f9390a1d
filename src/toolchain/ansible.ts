import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import type { Installed } from './install.js';
import { displayUrl, pythonIndexUrl } from './releases.js';

/**
 * A directory of the tool cache made in place. A virtual environment cannot be moved after it is made
 * (its scripts name its python by absolute path), so it is created where it will stay, and marked
 * complete, the way @actions/tool-cache marks what it caches, only once pip has succeeded.
 */
export interface ToolDirectories {
  find(tool: string, version: string): string | undefined;
  /** Empties (or creates) the directory for this tool and version, not yet complete. */
  prepare(tool: string, version: string): Promise<string>;
  complete(tool: string, version: string): Promise<void>;
}

export interface AnsibleDeps {
  exec: Exec;
  logger: Logger;
  tools: ToolDirectories;
  /** The Python that makes the environment: `python3` from PATH unless told otherwise. */
  python?: string;
  windows?: boolean;
}

export const ANSIBLE_TOOL = 'ansible-core';

/**
 * Installs ansible-core into its own virtual environment under the tool cache, from the mirror's
 * `/pypi/simple` index when a mirror is given. Only the environment's `ansible*` commands are put on
 * PATH (through a `bin` directory of links), so later steps keep the python they had.
 */
export async function installAnsible(
  version: string,
  mirrorUrl: string | undefined,
  deps: AnsibleDeps,
): Promise<Installed> {
  const started = Date.now();
  const { exec, logger, tools } = deps;
  const indexUrl = pythonIndexUrl(mirrorUrl);
  const source = indexUrl ? displayUrl(indexUrl) : 'the default Python package index';

  const cached = tools.find(ANSIBLE_TOOL, version);
  if (cached) {
    logger.info(`ansible-core ${version}: found in the tool cache at ${cached}`);
    return {
      product: 'ansible',
      version,
      binDir: deps.windows ? join(cached, 'venv', 'Scripts') : join(cached, 'bin'),
      fromCache: true,
      source: 'tool cache',
      durationMs: Date.now() - started,
    };
  }

  const dir = await tools.prepare(ANSIBLE_TOOL, version);
  const venv = join(dir, 'venv');
  const venvBin = join(venv, deps.windows ? 'Scripts' : 'bin');
  const python = join(venvBin, deps.windows ? 'python.exe' : 'python');
  try {
    const made = await exec(deps.python ?? 'python3', ['-m', 'venv', venv]);
    if (made.exitCode !== 0) {
      throw new StepFailure(
        `ansible-core needs a Python virtual environment, and python3 -m venv exited ${made.exitCode}: ` +
          `${lastLines(made.stderr || made.stdout)}. Install Python 3 with its venv module ` +
          '(python3-venv on Debian and Ubuntu), or use actions/setup-python in an earlier step.',
      );
    }

    const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input'];
    if (indexUrl) {
      args.push('--index-url', indexUrl);
      // pip ignores a plain-http index unless told to trust its host; the user chose that mirror.
      const url = new URL(indexUrl);
      if (url.protocol === 'http:') args.push('--trusted-host', url.host);
    }
    args.push(`ansible-core==${version}`);
    logger.info(`ansible-core ${version}: pip install from ${source}`);
    const installed = await exec(python, args, { env: { PIP_NO_INPUT: '1' } });
    if (installed.exitCode !== 0) {
      throw new StepFailure(
        `pip could not install ansible-core==${version} from ${source} (exit ${installed.exitCode}): ` +
          lastLines(installed.stderr || installed.stdout),
      );
    }

    const reported = await exec(python, [
      '-c',
      'import importlib.metadata as m; print(m.version("ansible-core"))',
    ]);
    if (reported.exitCode !== 0 || reported.stdout.trim() !== version) {
      throw new StepFailure(
        `pip installed ansible-core ${reported.stdout.trim() || '(unknown)'}, not the ${version} that was asked for.`,
      );
    }

    // Links to the environment's ansible commands only: its python and pip stay off PATH.
    const bin = join(dir, 'bin');
    if (deps.windows) {
      await rm(bin, { force: true, recursive: true });
    } else {
      await mkdir(bin, { recursive: true });
      const commands = (await readdir(venvBin)).filter((name) => name.startsWith('ansible'));
      if (commands.length === 0)
        throw new StepFailure(`ansible-core ${version} from ${source} installed no ansible commands.`);
      for (const name of commands) await symlink(join(venvBin, name), join(bin, name));
    }
    await tools.complete(ANSIBLE_TOOL, version);
    logger.info(`ansible-core ${version}: installed in ${venv}`);
    return {
      product: 'ansible',
      version,
      binDir: deps.windows ? venvBin : bin,
      fromCache: false,
      source,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    // Half an environment must not be found by the next run.
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function lastLines(text: string, count = 15): string {
  return text.trim().split(/\r?\n/).slice(-count).join('\n');
}
