import { rm } from 'node:fs/promises';
import type { Logger } from './logger.js';

/** The state key under which main records the directory that holds its secret files (keys, passwords). */
export const SECRETS_DIR_STATE = 'secrets-dir';

/**
 * The post step of actions that write secrets to disk: removes the directory main recorded, also when
 * main failed. Removing a directory that is already gone is not an error.
 */
export async function removeSecretFiles(state: (name: string) => string, logger: Logger): Promise<void> {
  const dir = state(SECRETS_DIR_STATE);
  if (!dir) {
    logger.debug('no secret files were written; nothing to remove');
    return;
  }
  await rm(dir, { recursive: true, force: true });
  logger.info('removed the secret files written for this step');
}
