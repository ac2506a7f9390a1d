import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import type { Release } from '../../../src/contracts/release.js';
import {
  latestStatus,
  releaseHistory,
  type DeploymentListing,
  type ReleaseHistory,
} from '../../../src/releases/history.js';
import { startGitHubApi, type GitHubApi } from '../../support/github-api.js';
import { refusal } from '../contracts/fixtures.js';
import { ALL_GREEN, hashed, recordedRelease, smokeResults } from './fixtures.js';

/**
 * The deployments are made and listed through the GitHub stand-in, as tf-apply makes them and as
 * `GET /repos/{o}/{r}/deployments?environment=E` returns them: newest first, statuses newest first,
 * and a success retiring the environment's earlier successes as `inactive` (auto_inactive).
 */

type Octokit = ReturnType<typeof getOctokit>;
const owner = 'acme';
const repo = 'infra';

let api: GitHubApi;
let octokit: Octokit;
let clock: number;
let statusCalls: number[];

beforeEach(async () => {
  clock = Date.parse('2026-03-01T08:00:00Z');
  // Each answer moves the clock a minute on, so every status has its own time, as in a real pipeline.
  api = await startGitHubApi({ owner, repo, now: () => new Date((clock += 60_000)) });
  api.addToken('bot-token', 'github-actions[bot]');
  octokit = getOctokit('bot-token', { baseUrl: api.url });
  statusCalls = [];
});

afterEach(async () => {
  try {
    api.assertNoViolations();
  } finally {
    await api.close();
  }
});

function release(runId: number, options: { attempt?: number; environment?: string } = {}): Release {
  return recordedRelease({
    environment: options.environment ?? 'staging',
    run: { runId, runAttempt: options.attempt ?? 1 },
    smoke: [hashed(smokeResults('vms', ALL_GREEN, { runId }))],
  });
}

/** Creates a deployment of `environment` with `payload` and gives it `states` in order; returns its id. */
async function deploy(
  payload: Record<string, unknown> | string,
  states: Array<'in_progress' | 'success' | 'failure' | 'error' | 'inactive'>,
  environment = 'staging',
): Promise<number> {
  const { data } = await octokit.rest.repos.createDeployment({
    owner,
    repo,
    ref: 'c'.repeat(40),
    environment,
    payload,
    required_contexts: [],
    auto_merge: false,
  });
  if (!('id' in data)) throw new Error('expected a deployment');
  for (const state of states) {
    await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: data.id, state });
  }
  return data.id;
}

const green = ['in_progress', 'success'] as const;
const red = ['in_progress', 'failure'] as const;

/** The history as the wiring will build it: every page of deployments, statuses fetched on demand. */
async function history(environment = 'staging'): Promise<ReleaseHistory> {
  const deployments: DeploymentListing[] = await octokit.paginate(octokit.rest.repos.listDeployments, {
    owner,
    repo,
    environment,
    per_page: 100,
  });
  return releaseHistory(environment, deployments, async (id) => {
    statusCalls.push(id);
    return octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
      owner,
      repo,
      deployment_id: id,
      per_page: 100,
    });
  });
}

describe('latestRelease', () => {
  it('is the newest deployment with a release record whose latest status is success', async () => {
    await deploy({ stack: 'vms', planDigest: `sha256:${'a'.repeat(64)}` }, [...green]); // before releases
    const a = await deploy(release(100), [...green]);
    const b = await deploy(release(101), [...green]);
    const running = await deploy(release(102), ['in_progress']);
    await deploy({ stack: 'network', planDigest: `sha256:${'b'.repeat(64)}` }, ['in_progress']);

    const latest = await (await history()).latestRelease();
    expect(latest).toMatchObject({ deploymentId: b, state: 'success', succeeded: true, sha: 'c'.repeat(40) });
    expect(latest.release).toEqual(release(101));
    expect(latest.stateAt).toMatch(/^2026-03-01T08:\d\d:00Z$/);
    // It stops at the answer: the older release's statuses are never asked for.
    expect(statusCalls).toEqual([running, b]);
    expect(statusCalls).not.toContain(a);
  });

  it('reads a payload GitHub keeps as JSON text', async () => {
    const id = await deploy(JSON.stringify(release(100)), [...green]);
    expect((await (await history()).latestRelease()).deploymentId).toBe(id);
  });

  it("is not another environment's release, and says what it found when there is none", async () => {
    await deploy(release(99, { environment: 'production' }), [...green], 'production');
    expect(await refusal(async () => (await history()).latestRelease())).toBe(
      'No successful release of staging: looked for the newest deployment with an iac/release@1 record whose ' +
        'latest status is success, and staging has no deployments',
    );

    await deploy({ stack: 'vms' }, [...green]);
    const failed = await deploy(release(100), [...red]);
    const running = await deploy(release(101), ['in_progress']);
    expect(await refusal(async () => (await history()).latestRelease())).toBe(
      'No successful release of staging: looked for the newest deployment with an iac/release@1 record whose ' +
        `latest status is success, and found 3 deployments of staging (deployment ${running}, run 101: in_progress; ` +
        `deployment ${failed}, run 100: failure; 1 deployment without a release record)`,
    );
  });

  it("lists at most five releases in its message, and counts tf-apply's per-stack deployments", async () => {
    const ids: number[] = [];
    for (let run = 100; run < 107; run += 1) {
      ids.push(await deploy(release(run), [...red]));
      await deploy({ stack: 'vms' }, [...green]);
    }
    const shown = ids
      .slice(2)
      .reverse()
      .map((id, i) => `deployment ${id}, run ${106 - i}: failure`);
    expect(await refusal(async () => (await history()).latestRelease())).toBe(
      'No successful release of staging: looked for the newest deployment with an iac/release@1 record whose ' +
        `latest status is success, and found 14 deployments of staging (${shown.join('; ')}; 2 older releases; ` +
        '7 deployments without a release record)',
    );
  });

  it('refuses a successful release it cannot read rather than promote an older one', async () => {
    await deploy(release(100), [...green]);
    const newer = await deploy({ ...release(101), schema: 'iac/release@2' }, [...green]);
    expect(await refusal(async () => (await history()).latestRelease())).toBe(
      `the payload of deployment ${newer} is iac/release@2, but this version of iac-pipeline reads iac/release@1: ` +
        'promote or roll back with the iac-pipeline version that recorded the release, or a later one',
    );
  });

  it('passes over an unreadable record that did not succeed', async () => {
    const a = await deploy(release(100), [...green]);
    await deploy({ ...release(101), commit: 'HEAD' }, [...red]);
    expect((await (await history()).latestRelease()).deploymentId).toBe(a);
  });

  it("refuses a record that names another environment than the deployment's", async () => {
    const id = await deploy(release(100, { environment: 'production' }), [...green]);
    expect(await refusal(async () => (await history()).latestRelease())).toBe(
      `Deployment ${id} of staging holds a release of production (run 100): a release record names the environment it was deployed to`,
    );
  });
});

describe('releaseFor', () => {
  it('previous: the release the current one retired (now inactive)', async () => {
    const a = await deploy(release(100), [...green]);
    const b = await deploy(release(101), [...green]);
    const h = await history();
    expect(await h.current()).toMatchObject({ deploymentId: b, state: 'success' });
    expect(await h.releaseFor('previous')).toMatchObject({
      deploymentId: a,
      state: 'inactive',
      succeeded: true,
    });
  });

  it('previous: after a release that failed, the last one that passed (what a rollback restores)', async () => {
    await deploy(release(99), [...green]);
    const a = await deploy(release(100), [...green]);
    const bad = await deploy(release(101), [...red]);
    const h = await history();
    expect(await h.current()).toMatchObject({ deploymentId: bad, state: 'failure', succeeded: false });
    expect((await h.latestRelease()).deploymentId).toBe(a);
    const previous = await h.releaseFor('previous');
    expect(previous).toMatchObject({ deploymentId: a, state: 'success' });
    expect(previous.release.runId).toBe(100);
  });

  it("previous: not a re-run attempt of the current release's run, nor one that never succeeded", async () => {
    const a = await deploy(release(100), [...green]);
    await deploy(release(101), [...red]);
    // Marked inactive by hand after failing: never a success, so never a target.
    await deploy(release(102), ['in_progress', 'failure', 'inactive']);
    await deploy(release(103), [...green]);
    await deploy(release(103, { attempt: 2 }), [...green]);
    expect((await (await history()).releaseFor('previous')).deploymentId).toBe(a);
  });

  it('previous: says what it found when nothing before the current release passed', async () => {
    const first = await deploy(release(100), [...red]);
    const current = await deploy(release(101), [...green]);
    expect(await refusal(async () => (await history()).releaseFor('previous'))).toBe(
      `No successful release of staging before the current one (deployment ${current}, run 101, success): ` +
        `looked at 1 older deployment of other runs (deployment ${first}, run 100: failure)`,
    );
    expect(await refusal(async () => (await history('production')).releaseFor('previous'))).toBe(
      'No release of production to go back from: looked for deployments with an iac/release@1 record, and production has no deployments',
    );
  });

  it('a run id: the newest successful deployment of that run', async () => {
    await deploy(release(100), [...green]);
    const b1 = await deploy(release(101), [...green]);
    await deploy(release(101, { attempt: 2 }), [...red]);
    await deploy(release(102), [...green]);
    const h = await history();
    expect(await h.releaseFor('101')).toMatchObject({ deploymentId: b1, state: 'inactive' });
    expect(await h.releaseFor('run:101')).toMatchObject({ deploymentId: b1 });
    expect(await h.releaseFor(' 101 ')).toMatchObject({ deploymentId: b1 });
  });

  it('a run id: refuses a run whose deployments all failed, and one that deployed nothing here', async () => {
    await deploy(release(100), [...green]);
    const failed = await deploy(release(101), [...red]);
    const h = await history();
    expect(await refusal(() => h.releaseFor('run:101'))).toBe(
      `No successful release of staging from run 101: looked for a deployment of that run whose release passed, and found deployment ${failed}, run 101: failure`,
    );
    expect(await refusal(() => h.releaseFor('run:555'))).toBe(
      'No release of staging is from run 555: its releases are from runs 101, 100',
    );
    expect(await refusal(() => h.releaseFor('555'))).toBe(
      'No release of staging is from run 555, and no deployment of it has that id: its releases are from runs 101, 100',
    );
  });

  it('a deployment id: that release, if it passed; otherwise a refusal that says why', async () => {
    const plain = await deploy({ stack: 'vms' }, [...green]);
    const a = await deploy(release(100), [...green]);
    const bad = await deploy(release(101), [...red]);
    const h = await history();
    expect(await h.releaseFor(String(a))).toMatchObject({ deploymentId: a, state: 'success' });
    expect(await h.releaseFor(`deployment:${a}`)).toMatchObject({ deploymentId: a });
    expect(await refusal(() => h.releaseFor(`deployment:${bad}`))).toBe(
      `Deployment ${bad} of staging (release of run 101) did not succeed: its latest status is failure; a rollback goes to a release that passed`,
    );
    expect(await refusal(() => h.releaseFor(String(plain)))).toBe(
      `Deployment ${plain} of staging holds no iac/release@1 record: it was made before releases were recorded, or is not a release`,
    );
    expect(await refusal(() => h.releaseFor('deployment:999999'))).toMatch(
      /^Deployment 999999 is not one of staging's: found 3 deployments of staging \(/,
    );
  });

  it('a number that is both a deployment id and a run id is refused as ambiguous', async () => {
    const a = await deploy(release(100), [...green]);
    const b = await deploy(release(a), [...green]);
    expect(await refusal(async () => (await history()).releaseFor(String(a)))).toBe(
      `"${a}" is both deployment ${a} of staging and the run of deployment ${b}: say run:${a} or deployment:${a}`,
    );
    expect((await (await history()).releaseFor(`run:${a}`)).deploymentId).toBe(b);
  });

  it('refuses a target that is none of previous, a run id or a deployment id', async () => {
    const h = await history();
    for (const to of ['latest', 'run:', '12a', '-4', 'deployment:0', '']) {
      expect(await refusal(() => h.releaseFor(to))).toBe(
        `Input "to" must be previous, a run id or a deployment id (run:<id> or deployment:<id> to say which); got ${JSON.stringify(to)}`,
      );
    }
  });
});

describe('latestStatus', () => {
  it('is the newest by time, and of equal times the first listed (GitHub lists newest first)', () => {
    expect(
      latestStatus([
        { state: 'success', created_at: '2026-03-01T08:05:00Z' },
        { state: 'in_progress', created_at: '2026-03-01T08:05:00Z' },
        { state: 'queued', created_at: '2026-03-01T08:04:00Z' },
      ])?.state,
    ).toBe('success');
    expect(
      latestStatus([
        { state: 'in_progress', created_at: '2026-03-01T08:04:00Z' },
        { state: 'failure', created_at: '2026-03-01T08:06:00Z' },
      ])?.state,
    ).toBe('failure');
    expect(latestStatus([])).toBeUndefined();
  });
});
