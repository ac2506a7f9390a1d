import { basename, relative } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { NAME_PART } from '../core/inputs.js';

/** The kinds of artifact the pipeline passes between jobs, as in DESIGN.md's table. */
export type ArtifactKind =
  'plan' | 'outputs' | 'inventory' | 'errored-state' | 'approval' | 'image' | 'ansible' | 'smoke' | 'release';

export function artifactName(prefix: string, kind: ArtifactKind, stack: string): string {
  return `${prefix}-${kind}-${stack}`;
}

/**
 * The stack's name: the `stack` input, else the working directory's name, else (for the workspace
 * root, whose directory name is the runner's) the repository's name.
 */
export function stackName(
  given: string | undefined,
  workingDirectory: string,
  workspace: string,
  repo: string,
): string {
  if (given) return given;
  const name = relative(workspace, workingDirectory) === '' ? repo : basename(workingDirectory);
  if (!NAME_PART.test(name)) {
    throw new ConfigurationError(
      `Input "stack" is needed: the working directory's name "${name}" cannot be part of an artifact name (use letters, digits, ".", "_" or "-").`,
    );
  }
  return name;
}
