import { input } from './inputs.js';
import { confinePath, PathRefusal } from './paths.js';

/** Inputs several actions share, with the same meaning and the same checks everywhere. */
export const sharedInputs = {
  'working-directory': input.directory('.'),
  binary: input.choice(['auto', 'tofu', 'terraform'] as const, 'auto'),
  stack: input.name(),
  'artifact-prefix': input.nameOr('iac'),
  'github-token': input.secretText(),
  'encryption-key': input.secretText(),
  // The contract loads only when the input is given: it brings zod, which a refused input does not need.
  'stack-inputs': input
    .json(async () => (await import('../contracts/stacks.js')).stackInputSourcesSchema)
    .transform((sources) => sources ?? []),
};

/**
 * A `backend-config` line without `=` is a file the tool reads, relative to the working directory
 * (it runs there): held to the workspace rule like every other path. The cross-input rule of each
 * action that takes backend-config.
 */
export function backendConfigFilesRule(values: {
  backendConfig: readonly string[];
  workingDirectory: string;
}): { input: 'backend-config'; message: string } | undefined {
  for (const [index, entry] of values.backendConfig.entries()) {
    if (entry.includes('=')) continue;
    try {
      confinePath(entry, values.workingDirectory);
    } catch (error) {
      if (!(error instanceof PathRefusal)) throw error;
      return { input: 'backend-config', message: `line ${index + 1} ${error.message}` };
    }
  }
  return undefined;
}
