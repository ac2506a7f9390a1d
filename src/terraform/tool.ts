import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import { parseJsonDocument } from './json-document.js';

export type BinaryChoice = 'auto' | 'tofu' | 'terraform';
export type ToolName = 'tofu' | 'terraform';

/** The tool that will run, as found on PATH, before it has said which version it is. */
export interface LocatedTool {
  name: ToolName;
  /** Absolute path, so every later command runs exactly the binary whose version we read. */
  path: string;
}

/** The tool that will run, as found on PATH and as it reports itself. */
export interface Tool extends LocatedTool {
  version: string;
  major: number;
  minor: number;
}

export interface ResolveToolOptions {
  /** The PATH to search; the process's PATH when not given (tests pass their own). */
  searchPath?: string;
}

/**
 * Finds the tool the `binary` input asks for. `auto` prefers tofu and falls back to terraform. A tool
 * that is found but cannot report its version is an error, not a reason to try the other one: running
 * a different tool than the one installed would be a surprise.
 */
export async function resolveTool(
  binary: BinaryChoice,
  exec: Exec,
  options: ResolveToolOptions = {},
): Promise<Tool> {
  // No await before the tool starts: a caller that loads a library next (tf-apply's download) would
  // otherwise compile it first, and the tool would start after that compile rather than during it.
  return readToolVersion(locateTool(binary, options), exec);
}

/**
 * The tool the `binary` input asks for, found on PATH as resolveTool finds it, without running it;
 * throws the same ConfigurationError when it is missing.
 */
export function locateTool(binary: BinaryChoice, options: ResolveToolOptions = {}): LocatedTool {
  const searchPath = options.searchPath ?? process.env.PATH ?? '';
  const candidates: ToolName[] = binary === 'auto' ? ['tofu', 'terraform'] : [binary];
  for (const name of candidates) {
    const path = findOnPath(name, searchPath);
    if (path) return { name, path };
  }
  const wanted = binary === 'auto' ? 'neither tofu nor terraform is' : `${binary} is not`;
  throw new ConfigurationError(
    `binary: ${wanted} on PATH. Run the setup action (the repository's root action, with tofu-version or ` +
      'terraform-version) in an earlier step of this job, or install the tool yourself' +
      (binary === 'auto' ? '.' : `, or set binary to auto to use whichever is installed.`),
  );
}

/**
 * The first executable file named `name` in the PATH's directories (with .exe on Windows). The checks
 * are synchronous, a few stat calls: the tool that is found then starts at once, before whatever the
 * caller loads next (a library's compile holds the main thread) rather than after it.
 */
export function findOnPath(name: string, searchPath: string): string | undefined {
  const fileNames = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    for (const fileName of fileNames) {
      const candidate = join(dir, fileName);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The located tool with the version that `version -json` reports. */
export async function readToolVersion(located: LocatedTool, exec: Exec): Promise<Tool> {
  const result = await exec(located.path, ['version', '-json']);
  const tool = withVersion(located, result.exitCode === 0 ? versionField(result.stdout) : undefined);
  if (!tool) {
    throw new ConfigurationError(
      `binary: ${located.path} did not report its version (\`version -json\` exited ${result.exitCode}` +
        `${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}). Reinstall it with the setup action.`,
    );
  }
  return tool;
}

/** The located tool with a version it reported (`1.12.6`, `v1.9.0`); undefined for no version. */
export function withVersion(located: LocatedTool, reported: string | undefined): Tool | undefined {
  const match = reported ? /^v?(\d+)\.(\d+)/.exec(reported) : null;
  if (!reported || !match) return undefined;
  return {
    ...located,
    version: reported.replace(/^v/, ''),
    major: Number(match[1]),
    minor: Number(match[2]),
  };
}

function versionField(stdout: string): string | undefined {
  try {
    const value = parseJsonDocument(stdout).value as { terraform_version?: unknown } | undefined;
    return typeof value?.terraform_version === 'string' ? value.terraform_version : undefined;
  } catch {
    return undefined;
  }
}

/** init learned -json in OpenTofu 1.8 and Terraform 1.9; older versions print plain text. */
export function supportsInitJson(tool: Tool): boolean {
  return tool.name === 'tofu' ? atLeast(tool, 1, 8) : atLeast(tool, 1, 9);
}

/** True when the tool is at least major.minor. */
export function atLeast(tool: Pick<Tool, 'major' | 'minor'>, major: number, minor: number): boolean {
  return tool.major > major || (tool.major === major && tool.minor >= minor);
}
