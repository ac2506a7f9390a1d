import { isAbsolute, relative } from 'node:path';
import type { Exec } from './exec.js';
import type { Logger } from './logger.js';

/**
 * The commit whose files a job plans or applies: what the checkout holds, which is not always GITHUB_SHA.
 * On pull_request events GITHUB_SHA is the merge commit, while a workflow that checks out the pull
 * request's head (as the suite's workflows do, so that the plan is of the commit reviewers see and an
 * approved plan can be applied on the pull request's branch) holds the head commit. `git rev-parse HEAD`
 * says which, when the directory is in a git work tree inside the workspace; otherwise GITHUB_SHA.
 */
export async function checkedOutCommit(
  exec: Exec,
  logger: Logger,
  options: { directory: string; workspace: string; fallback: string },
): Promise<string> {
  let result;
  try {
    result = await exec('git', ['rev-parse', '--show-toplevel', 'HEAD'], { cwd: options.directory });
  } catch {
    return options.fallback; // no git on PATH: the workspace was not made by a checkout
  }
  const [top = '', head = ''] = result.stdout.trim().split('\n');
  const within = (path: string) => {
    const rel = relative(options.workspace, path);
    return !rel.startsWith('..') && !isAbsolute(rel);
  };
  // A work tree above the workspace (a runner installed inside some repository) is not the checkout.
  if (result.exitCode !== 0 || !/^[0-9a-f]{40}$/.test(head) || !within(top)) return options.fallback;
  if (head !== options.fallback) {
    logger.info(
      `The checkout holds commit ${head} (GITHUB_SHA is ${options.fallback}); that is the commit recorded.`,
    );
  }
  return head;
}
