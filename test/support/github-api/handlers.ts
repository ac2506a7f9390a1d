/** Handlers, by operationId: this table is also the list of operations the stand-in implements. */
import { artifactHandlers } from './artifacts.js';
import { commitHandlers } from './commits.js';
import type { Handler } from './context.js';
import { deploymentHandlers } from './deployments.js';
import { environmentHandlers } from './environments.js';
import { commentHandlers, issueHandlers } from './issues.js';
import { jobHandlers } from './jobs.js';
import { permissionHandlers } from './permissions.js';
import { pullHandlers } from './pulls.js';
import { repoHandlers } from './repos.js';
import { runHandlers } from './runs.js';
import { userHandlers } from './users.js';

export const HANDLERS: Record<string, Handler> = {
  ...commentHandlers,
  ...issueHandlers,
  ...pullHandlers,
  ...permissionHandlers,
  ...userHandlers,
  ...repoHandlers,
  ...deploymentHandlers,
  ...environmentHandlers,
  ...artifactHandlers,
  ...jobHandlers,
  ...commitHandlers,
  ...runHandlers,
};
