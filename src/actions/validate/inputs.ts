import { resolve } from 'node:path';
import { z } from 'zod';
import { defineInputs, findPath, input } from '../../core/inputs.js';
import { sharedInputs } from '../../core/shared-inputs.js';

/** One directory or several, one a line, each existing; the workspace root when none is given. */
const directories = input.lines().transform((paths, ctx) => {
  const found: string[] = [];
  for (const path of paths) {
    const absolute = findPath(path, 'directory');
    if (absolute === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must list existing directories in the workspace; "${path}" is not one`,
      });
      return z.NEVER;
    }
    if (!found.includes(absolute)) found.push(absolute);
  }
  return found.length > 0 ? found : [resolve('.')];
});

export const validateInputs = defineInputs({
  'working-directory': directories,
  binary: sharedInputs.binary,
  'packer-template': input.fileOrDirectory(),
  playbook: input.file(),
  'scan-secrets': input.boolean(true),
  'sarif-path': input.text(),
  'artifact-prefix': sharedInputs['artifact-prefix'],
});
