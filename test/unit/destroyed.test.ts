import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactStore } from '../../src/artifacts/store.js';
import type { PlanManifest } from '../../src/contracts/manifest.js';
import type { RunContext } from '../../src/core/run-context.js';
import { deploymentsApi, type DeploymentsApi } from '../../src/github/deployments.js';
import { createGitHubClient, type GitHubClient } from '../../src/github/octokit.js';
import {
  DESTROYED_FILE,
  destroyedSummary,
  readDestroyedRecord,
  recordDestroyed,
} from '../../src/terraform/destroyed.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { sampleManifest } from './contracts/fixtures.js';
import { testRunContext } from '../support/run-context.js';

/**
 * What tf-apply leaves after applying a destroy plan (src/terraform/destroyed.ts): the outputs artifact
 * that says the stack is destroyed, and its deployments in the environment set inactive, through the
 * GitHub stand-in (held to GitHub's OpenAPI description).
 */

const SHA = 'd'.repeat(40);
let api: GitHubApi;
let client: GitHubClient;
let root: string;
let runId = 500;

beforeAll(async () => {
  api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
  api.addToken('apply-token', 'github-actions[bot]');
  client = createGitHubClient('apply-token', new RecordingLogger(), {
    apiUrl: api.url,
    retryAfterBaseValue: 5,
  });
  root = await mkdtemp(join(tmpdir(), 'destroyed-'));
});
afterEach(() => api.assertNoViolations());
afterAll(async () => {
  await api.close();
  await rm(root, { recursive: true, force: true });
});

function runContext(): RunContext {
  return testRunContext({ runId: runId++, sha: SHA, workspace: root, runnerTemp: root, apiUrl: api.url });
}

/** An artifact store that keeps what was uploaded, file by file. */
function memoryStore(): ArtifactStore & { uploaded: Map<string, Record<string, string>> } {
  const uploaded = new Map<string, Record<string, string>>();
  return {
    uploaded,
    async upload(name, files, rootDirectory) {
      const contents: Record<string, string> = {};
      for (const file of files) contents[file.slice(rootDirectory.length + 1)] = await readFile(file, 'utf8');
      uploaded.set(name, contents);
      return { name, id: uploaded.size, size: 0 };
    },
    list: () => Promise.resolve([]),
    download: () => Promise.reject(new Error('not used')),
  };
}

const destroyManifest = (stack: string): PlanManifest => ({ ...sampleManifest(), stack, destroy: true });

/** Sets up through the API without the client's write throttling (a second apart), which only the code under test needs. */
async function post(path: string, body: Record<string, unknown>): Promise<{ id: number }> {
  const response = await fetch(`${api.url}/repos/octo-org/infra/${path}`, {
    method: 'POST',
    headers: { authorization: 'token apply-token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: number };
}

/** A deployment as tf-apply makes one (payload: stack and plan digest), its statuses ending in `states`' last. */
async function deployed(environment: string, payload: unknown, ...states: string[]): Promise<number> {
  const { id } = await post('deployments', {
    ref: SHA,
    environment,
    description: 'apply',
    payload,
    required_contexts: [],
    auto_merge: false,
  });
  for (const state of states) await post(`deployments/${id}/statuses`, { state, auto_inactive: false });
  return id;
}

async function latestState(deployments: DeploymentsApi, id: number): Promise<string | undefined> {
  return (await deployments.statuses(id))[0]?.state;
}

describe('after a destroy plan is applied', () => {
  it('uploads outputs.json {}, destroyed.json and the manifest as the outputs artifact', async () => {
    const run = runContext();
    const artifacts = memoryStore();
    const scratch = await mkdtemp(join(root, 'scratch-'));
    const manifest = destroyManifest('network');
    const result = await recordDestroyed(
      {
        stack: 'network',
        manifest,
        artifactPrefix: 'iac',
        applied: ['terraform_data.a', 'terraform_data.b'],
        scratch,
      },
      { artifacts, logger: new RecordingLogger(), run, now: () => new Date('2026-11-23T12:00:00Z') },
    );
    const files = artifacts.uploaded.get('iac-outputs-network') ?? {};
    expect(Object.keys(files).sort()).toEqual(['destroyed.json', 'manifest.json', 'outputs.json']);
    expect(JSON.parse(files['outputs.json'] ?? '')).toEqual({});
    expect(JSON.parse(files[DESTROYED_FILE] ?? '')).toEqual({
      stack: 'network',
      destroyedAt: '2026-11-23T12:00:00.000Z',
      planDigest: manifest.planDigest,
      runId: run.runId,
    });
    expect(JSON.parse(files['manifest.json'] ?? '')).toEqual(manifest);
    expect(readDestroyedRecord(files[DESTROYED_FILE] ?? '')).toEqual(result.destroyed.record);
    expect(result).toMatchObject({ outputs: {}, destroyed: { deleted: 2, deactivated: [] } });
    expect(await readFile(result.outputsPath, 'utf8')).toBe('{}\n');
    // Without an environment no API is asked.
    expect(await readdir(join(scratch, 'outputs'))).toHaveLength(3);
  });

  it("sets inactive this apply's deployment and every earlier active one of the stack, and nothing else", async () => {
    const run = runContext();
    const deployments = deploymentsApi(client, run);
    const env = 'prod-destroy';
    const stack = { stack: 'network', planDigest: sampleManifest().planDigest };
    const first = await deployed(env, stack, 'in_progress', 'success');
    const failed = await deployed(env, stack, 'in_progress', 'failure');
    // Cancelled mid-apply, and created with a string payload, as some tools do.
    const stuck = await deployed(env, JSON.stringify(stack), 'in_progress');
    const vms = await deployed(env, { stack: 'vms' }, 'success');
    const release = await deployed(
      env,
      { schema: 'iac/release@1', stacks: [{ stack: 'network' }] },
      'success',
    );
    const elsewhere = await deployed('staging', stack, 'success');
    // The deployment tf-apply made for the destroy itself, finished as every apply's is.
    const current = { id: await deployed(env, stack, 'in_progress', 'success') };

    const result = await recordDestroyed(
      {
        stack: 'network',
        manifest: destroyManifest('network'),
        artifactPrefix: 'iac',
        environment: env,
        deploymentId: current.id,
        applied: ['terraform_data.a'],
        scratch: await mkdtemp(join(root, 'scratch-')),
      },
      { artifacts: memoryStore(), logger: new RecordingLogger(), run, deployments: async () => deployments },
    );
    expect(result.destroyed.deactivated).toEqual([current.id, stuck, first]);
    for (const id of [current.id, stuck, first]) expect(await latestState(deployments, id)).toBe('inactive');
    expect(await latestState(deployments, failed)).toBe('failure');
    for (const id of [vms, release, elsewhere]) expect(await latestState(deployments, id)).toBe('success');
    const inactive = api
      .writes('repos/create-deployment-status')
      .filter((r) => (r.body as { state?: string }).state === 'inactive');
    expect(inactive).toHaveLength(3);
    expect((inactive[0]?.body as { description?: string }).description).toMatch(
      /^network destroyed by plan sha256:/,
    );

    // A second destroy of the same stack finds nothing active.
    const again = await recordDestroyed(
      {
        stack: 'network',
        manifest: destroyManifest('network'),
        artifactPrefix: 'iac',
        environment: env,
        applied: [],
        scratch: await mkdtemp(join(root, 'scratch-')),
      },
      { artifacts: memoryStore(), logger: new RecordingLogger(), run, deployments: async () => deployments },
    );
    expect(again.destroyed.deactivated).toEqual([]);
  });

  it('says "Destroyed `<stack>`" in the job summary, with the count and the deployments', () => {
    const manifest = destroyManifest('network');
    const summary = destroyedSummary(
      {
        record: {
          stack: 'network',
          destroyedAt: '2026-11-23T12:00:00.000Z',
          planDigest: manifest.planDigest,
          runId: 7,
        },
        artifact: 'iac-outputs-network',
        deleted: 3,
        environment: 'prod',
        deactivated: [11, 4],
      },
      manifest,
    );
    expect(summary).toContain('## Destroyed `network` (workspace `default`)');
    expect(summary).toContain('Resources destroyed: 3, at 2026-11-23T12:00:00.000Z.');
    expect(summary).toContain('Deployments of `network` in `prod` set inactive: 2.');
    expect(summary).toContain('`iac-outputs-network` says the stack is destroyed');
  });

  it('reads destroyed.json strictly, naming the file', () => {
    expect(() => readDestroyedRecord('{')).toThrow('destroyed.json is not valid JSON');
    expect(() =>
      readDestroyedRecord(
        JSON.stringify({ stack: 'network', destroyedAt: 'yesterday', planDigest: 'x', runId: 1 }),
      ),
    ).toThrow(/^destroyed\.json: destroyedAt /);
  });
});
