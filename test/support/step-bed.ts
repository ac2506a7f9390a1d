import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactsOfRuns } from './artifact-bridge.js';
import { startGitHubApi, type GitHubApi } from './github-api.js';
import { startResultsService, type ResultsService } from './results-service.js';
import { WorkflowRun, type WorkflowRunOptions } from './runner/runner.js';
import { startS3Server, type S3Server } from './s3-server.js';

/**
 * What a test file of tf-plan and tf-apply steps runs against, started once for the file: the real S3
 * server for state, the results service for artifacts, and the GitHub stand-in, which serves the runs'
 * artifacts and is checked against GitHub's OpenAPI description after each test. Registers its own jest
 * hooks, so call it at the top level of the file.
 */
export interface StepBed {
  readonly results: ResultsService;
  readonly api: GitHubApi;
  readonly s3: S3Server;
  /** A directory of the file's own, removed at the end. */
  readonly root: string;
  /** A new workflow run whose token the stand-in knows, cleaned up at the end. */
  newRun(options?: Partial<WorkflowRunOptions>): WorkflowRun;
}

export function useStepBed(prefix: string): StepBed {
  let results: ResultsService | undefined;
  let api: GitHubApi | undefined;
  let s3: S3Server | undefined;
  let root: string | undefined;
  const runs: WorkflowRun[] = [];
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the step bed's ${name} is not started: use it inside a test`);
    return value;
  };

  beforeAll(async () => {
    s3 = await startS3Server();
    results = await startResultsService();
    api = await startGitHubApi({
      owner: 'octo-org',
      repo: 'infra',
      artifactSource: artifactsOfRuns(results, () => runs),
    });
    root = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(() => api?.assertNoViolations());
  afterAll(async () => {
    for (const run of runs) await run.cleanup();
    await s3?.close();
    await results?.close();
    await api?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const bed: StepBed = {
    get results() {
      return started(results, 'results service');
    },
    get api() {
      return started(api, 'GitHub stand-in');
    },
    get s3() {
      return started(s3, 'S3 server');
    },
    get root() {
      return started(root, 'directory');
    },
    newRun(options = {}) {
      const run = new WorkflowRun({
        results: bed.results,
        apiUrl: bed.api.url,
        repository: 'octo-org/infra',
        ...options,
      });
      bed.api.addToken(run.token, 'github-actions[bot]');
      runs.push(run);
      return run;
    },
  };
  return bed;
}
