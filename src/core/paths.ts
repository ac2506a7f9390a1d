import { realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigurationError } from './errors.js';

/**
 * The one rule for every path a user gives: resolved against the workspace, symlinks followed, it must
 * lie inside GITHUB_WORKSPACE or RUNNER_TEMP. The second is there because an earlier step of the job
 * may have written a file for this one, such as a secret tfvars file, and RUNNER_TEMP is where a step
 * puts what must not be committed or uploaded. Anything else (`../../etc/passwd`, an absolute path, a
 * symlink in the checkout that points out of it) is refused before it is read or written.
 */

export type PathKind = 'file' | 'directory' | 'file or directory';

/** The longest path accepted: Linux's PATH_MAX. Longer ones would end in ENAMETOOLONG. */
export const MAX_PATH_LENGTH = 4096;

export const WHERE_PATHS_MAY_POINT =
  'paths must point inside the workspace (GITHUB_WORKSPACE) or RUNNER_TEMP';

/** At most the first 60 characters of a value, on one line and quoted: never a whole long value in a message. */
export function quoteValue(raw: string): string {
  const oneLine = raw.trim().replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `"${oneLine.slice(0, 57)}..."` : `"${oneLine}"`;
}

/** The workspace: the runner starts node actions there, and GITHUB_WORKSPACE names it. */
export function workspaceRoot(): string {
  return resolve(process.env.GITHUB_WORKSPACE || process.cwd());
}

/** The directories a path may lie in, each with its own symlinks resolved (a workspace under a linked /tmp). */
function allowedRoots(): string[] {
  const roots = [workspaceRoot(), process.env.RUNNER_TEMP].filter((root): root is string => !!root);
  return roots.map((root) => realOrSelf(resolve(root)));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (!isAbsolute(inside) && inside !== '..' && !inside.startsWith('../'));
}

/**
 * Where `absolute` really is: the real path of its longest existing ancestor, with the part that does
 * not exist yet appended. That follows a symlink anywhere on the way, also for a file yet to be written.
 */
function realLocation(absolute: string): string {
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}

/**
 * Where the kernel would take `given` from `base`: segment by segment, a symlink resolved before the
 * `..` after it is applied. `path.resolve` drops `link/..` lexically, but a tool that opens
 * `link/../x` goes up from where the link leads, so both readings are checked. Past the first segment
 * that does not exist, the kernel would fail, and the rest is taken as written.
 */
function kernelLocation(base: string, given: string): string {
  let current = isAbsolute(given) ? '/' : realLocation(resolve(base));
  const segments = given.split('/').filter((segment) => segment !== '' && segment !== '.');
  for (const [index, segment] of segments.entries()) {
    if (segment === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, segment);
    try {
      current = realpathSync(next);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      return resolve(next, ...segments.slice(index + 1));
    }
  }
  return current;
}

/**
 * Why a path was refused, without the input's name: the input layer names the input and quotes the
 * value itself, and a caller outside it (a path inside a checks file) uses `refusedInput`.
 */
export class PathRefusal extends Error {
  override readonly name: string = 'PathRefusal';
}

/** The path obeys the rule, but nothing of the kind asked for is there. */
export class PathMissing extends PathRefusal {
  override readonly name = 'PathMissing';
}

/** The one error line for a refused path that came from `input` (or from a file the input names). */
export function refusedInput(input: string, given: string, refusal: PathRefusal): ConfigurationError {
  return new ConfigurationError(`Input "${input}" ${refusal.message}; got ${quoteValue(given)}.`);
}

/**
 * `given` resolved against `base` (the workspace unless said otherwise), after the rule above. The
 * returned path is the one the user wrote, made absolute; the check is on where it really leads.
 */
export function confinePath(given: string, base: string = workspaceRoot()): string {
  if (given.length > MAX_PATH_LENGTH) {
    throw new PathRefusal(
      `must be a path of at most ${MAX_PATH_LENGTH} characters (this one has ${given.length})`,
    );
  }
  if (given.includes('\0')) throw new PathRefusal('must be a path without NUL characters');
  const absolute = resolve(base, given);
  let real: string[];
  try {
    real = [realLocation(absolute), kernelLocation(base, given)];
  } catch (error) {
    throw new PathRefusal(`is not a usable path (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  const roots = allowedRoots();
  const outside = real.find((location) => !roots.some((root) => isInside(root, location)));
  if (outside !== undefined) {
    const through = outside === absolute ? '' : ' through a symlink';
    throw new PathRefusal(`points outside the workspace${through}: ${WHERE_PATHS_MAY_POINT}`);
  }
  return absolute;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    // ENAMETOOLONG, ELOOP, EACCES: there is nothing usable at this path.
    return undefined;
  }
}

function hasKind(stats: Stats, kind: PathKind): boolean {
  if (kind === 'file') return stats.isFile();
  if (kind === 'directory') return stats.isDirectory();
  return stats.isFile() || stats.isDirectory();
}

/**
 * The absolute path of an existing thing of that kind at `given`, once the path passed the rule;
 * undefined when nothing of that kind is there. A path outside the allowed places is refused even
 * when something is there: the answer must not tell what exists outside the workspace.
 */
export function findConfinedPath(given: string, kind: PathKind, base?: string): string | undefined {
  const absolute = confinePath(given, base);
  const stats = statOf(absolute);
  return stats && hasKind(stats, kind) ? absolute : undefined;
}

/** Like findConfinedPath, for a path that must name such a thing: its absence is the refusal. */
export function existingConfinedPath(given: string, kind: PathKind, base?: string): string {
  const found = findConfinedPath(given, kind, base);
  if (found === undefined) throw new PathMissing(`must name an existing ${kind} in the workspace`);
  return found;
}

/**
 * A file the action writes: inside the allowed places, and not an existing directory (writing there
 * would fail half-way, after the work was done). `example` is the file name the message suggests.
 */
export function outputFilePath(given: string, example: string, base?: string): string {
  const absolute = confinePath(given, base);
  if (statOf(absolute)?.isDirectory()) {
    const dir = given.trim().replace(/\/+$/, '');
    throw new PathRefusal(
      `names a directory: name the file to write, such as ${quoteValue(`${dir}/${example}`)}`,
    );
  }
  return absolute;
}
