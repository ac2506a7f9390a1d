import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { jobName, runAct, stageSuite, type ActResult } from '../support/act.js';
import {
  DB_PASSWORD,
  DEV_VMS,
  REPOSITORY,
  exampleInputs,
  exampleSecrets,
  startExampleBed,
  stateKey,
  type ExampleBed,
} from '../support/example-pipeline.js';
import { act, pinnedVersions, tofu } from '../support/tools.js';
import { stageArtifacts } from '../support/artifact-search.js';

/**
 * The whole pipeline, .github/workflows/iac-pipeline.yml, run on the example by nektos/act in host mode: a
 * second runner, independent of our own workflow interpreter (test/e2e/pipeline.test.ts runs the same deploy
 * with it), that reads the workflow files themselves: the image job, the waves' matrices, the nested calls of
 * iac-wave.yml, the `if:`s that skip waves 3 to 5, and the report that runs after them all. The bed is the
 * example's: sshd hosts for the VMs, the results service for the artifacts, the GitHub API stand-in, and the
 * state in S3 (versitygw), whose credentials act hands down both calls as secrets to the plan and apply steps.
 *
 * act quirks this test works around (see test/support/act.ts for the rest):
 * - `environment:` never waits: the approve jobs run at once, as the policy approves a dev plan anyway.
 * - act logs a skipped job (waves 3 to 5 here) only at debug level (`Skipping job … due to …`, with
 *   jobResult `skipped`), so run.jobs, read from the info-level log, has no entry for them.
 */
let bed: ExampleBed;
let suite: string;

beforeAll(async () => {
  // Fails here, with the way to install it, when act is missing: CI installs it, so nothing skips.
  act();
  bed = await startExampleBed({ backend: 's3' });
  suite = await stageSuite(join(bed.root, 'suite'));
}, 60_000);
// Optional chaining: when beforeAll failed (act missing), its error is the one to read, not a TypeError here.
afterEach(() => bed?.api.assertNoViolations());
afterAll(() => bed?.close());

const PLAN_KEY = 'plan-key-Hx81Lq2v';
const SECRET_NAMES = [
  'encryption-key',
  'tf-vars',
  'ansible-extra-vars',
  'ssh-private-key',
  'aws-access-key-id',
  'aws-secret-access-key',
];
/** The name a repository gives the secret it passes as the pipeline's `name`: `encryption-key` → `ENCRYPTION_KEY`. */
const repositorySecret = (name: string) => name.toUpperCase().replaceAll('-', '_');

/** A repository's deploy workflow calling ours, as iac-pipeline.yml's header shows it, with literal inputs. */
function callerWorkflow(inputs: Record<string, string>): string {
  return stringify({
    name: 'deploy',
    on: { push: { branches: ['main'] } },
    jobs: {
      deploy: {
        uses: 'iac-pipeline/iac-pipeline/.github/workflows/iac-pipeline.yml@v1',
        with: inputs,
        secrets: Object.fromEntries(
          SECRET_NAMES.map((name) => [name, `\${{ secrets.${repositorySecret(name)} }}`]),
        ),
      },
    },
  });
}

/** Fails with act's log when the run did not succeed, so the cause is in the test's output. */
function expectSuccess(run: ActResult) {
  if (run.exitCode === 0 && !run.timedOut) return;
  throw new Error(
    `act exited ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}; its log:\n${run.log.slice(-20_000)}`,
  );
}

/** What a job's steps set as outputs, from act's `::set-output::` lines. */
function outputsOf(run: ActResult, job: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const entry of run.entries) {
    if (jobName(entry) !== job) continue;
    const match = /::set-output:: ([\w-]+)=(.*)$/s.exec(entry.msg);
    if (match?.[1] !== undefined) outputs[match[1]] = match[2] ?? '';
  }
  return outputs;
}

/** The zip the job uploaded, as the results service holds it, written out for unzip. */
async function artifactZip(id: number): Promise<string> {
  const zip = join(await mkdtemp(join(bed.root, 'artifact-')), 'artifact.zip');
  await writeFile(zip, bed.results.artifactBytes(id));
  return zip;
}
const unzip = async (...args: string[]) =>
  (await promisify(execFile)('unzip', args, { maxBuffer: 16 * 1024 * 1024 })).stdout;

const WAVE_1 = ['plan', 'approve', 'apply', 'configure', 'smoke'].map((s) => `wave 1/iac-wave/${s} network`);
const WAVE_2 = ['plan', 'approve', 'apply', 'configure', 'smoke'].map((s) => `wave 2/iac-wave/${s} vms`);

describe('iac-pipeline.yml under act', () => {
  it('deploys the example: image, network in wave 1, VMs in wave 2, configured and smoke-tested, one report', async () => {
    const inputs = await exampleInputs(bed);
    const [owner, name] = REPOSITORY.split('/');
    const run = await runAct({
      workflow: { yaml: callerWorkflow(inputs) },
      // What actions/checkout gives every job: examples/, .tool-versions and the bed's testbed.auto.tfvars.json.
      directories: { '.': bed.checkout },
      eventName: 'push',
      event: {
        ref: 'refs/heads/main',
        repository: { full_name: REPOSITORY, name, owner: { login: owner }, default_branch: 'main' },
      },
      // Under the repository's names, which the caller maps to the pipeline's: only explicit mappings all the
      // way down get them to the waves (act's `secrets: inherit` in a nested call would pass these names on).
      secrets: Object.fromEntries(
        Object.entries({ 'encryption-key': PLAN_KEY, ...exampleSecrets(bed) }).map(([name, value]) => [
          repositorySecret(name),
          value,
        ]),
      ),
      results: bed.results,
      api: bed.api,
      suite,
      // The setup action finds the pinned tofu in the tool cache; Packer and Ansible come from the machine's PATH.
      toolCache: [{ tool: 'tofu', version: pinnedVersions().OPENTOFU_VERSION ?? '', files: [tofu()] }],
      root: bed.root,
      timeoutMs: 220_000,
    });

    expectSuccess(run);
    // Every job act ran, each once and successful; nothing of waves 3 to 5 (their `if:` is false).
    const jobs = run.jobs.map((job) => job.name);
    const expected = [
      'deploy/iac-pipeline/build image',
      'deploy/iac-pipeline/order stacks',
      ...WAVE_1,
      ...WAVE_2,
      'deploy/iac-pipeline/record release',
      'deploy/iac-pipeline/report',
    ];
    expect([...jobs].sort()).toEqual([...expected].sort());
    expect(run.jobs.filter((job) => job.result !== 'success')).toEqual([]);
    // In the order the graph allows: wave 1 through its smoke job, then wave 2, the release, the report.
    expect(jobs.slice(2)).toEqual([
      ...WAVE_1,
      ...WAVE_2,
      'deploy/iac-pipeline/record release',
      'deploy/iac-pipeline/report',
    ]);
    expect(outputsOf(run, 'deploy/iac-pipeline/record release')).toMatchObject({ outcome: 'success' });

    // The image's name went to the VMs' plan as image_id; the plans, approvals and smoke checks as on GitHub.
    expect(outputsOf(run, 'deploy/iac-pipeline/build image')).toMatchObject({ 'image-name': 'golden-dev-1' });
    expect(outputsOf(run, 'wave 1/iac-wave/plan network')).toMatchObject({ add: '1', destroy: '0' });
    expect(outputsOf(run, 'wave 2/iac-wave/plan vms')).toMatchObject({
      add: '4',
      destroy: '0',
      replace: '0',
    });
    expect(outputsOf(run, 'wave 2/iac-wave/approve vms')).toMatchObject({
      approved: 'true',
      status: 'approved',
    });
    expect(outputsOf(run, 'wave 2/iac-wave/apply vms')).toMatchObject({ applied: 'true' });
    expect(outputsOf(run, 'wave 2/iac-wave/smoke vms')).toMatchObject({ passed: '22', failed: '0' });

    // The artifacts every stage left, uploaded through the results service under the run act handed the jobs.
    const artifacts = stageArtifacts(bed.results.artifacts(run.ids.runBackendId));
    const byName = [...artifacts].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName.map(({ name: artifact, finalized }) => ({ artifact, finalized }))).toEqual(
      [
        'iac-ansible-vms',
        'iac-approval-network',
        'iac-approval-vms',
        'iac-image-golden-dev-1',
        'iac-inventory-vms',
        'iac-outputs-network',
        'iac-outputs-vms',
        'iac-plan-network',
        'iac-plan-vms',
        'iac-release-dev',
        'iac-report',
        'iac-smoke-vms',
      ].map((artifact) => ({ artifact, finalized: true })),
    );

    // Both plan bundles are sealed: the encryption key reached the waves through the caller's mapping and
    // iac-pipeline.yml's (without it tf-plan uploads a clear bundle and says nothing).
    for (const stack of ['network', 'vms']) {
      const plan = byName.find((artifact) => artifact.name === `iac-plan-${stack}`);
      const files = (await unzip('-Z1', await artifactZip(plan?.id ?? -1))).split('\n');
      expect({ stack, sealed: files.includes('bundle.iacenc') }).toEqual({ stack, sealed: true });
    }

    // The report read every stage's artifact and found the run a success.
    const reportArtifact = artifacts.find((artifact) => artifact.name === 'iac-report');
    const reportZip = await artifactZip(reportArtifact?.id ?? -1);
    const report = JSON.parse(await unzip('-p', reportZip, 'report.json')) as {
      title: string;
      outcome: string;
      stages: Array<{ stage: string; stack: string; status: string }>;
      counts: {
        plan: { stacks: number; add: number; destroy: number };
        approvals: Array<{ stack: string; status: string }>;
        ansible: { hosts: number; failedHosts: number };
        smoke: { total: number; passed: number; failed: number };
      };
    };
    expect(report.title).toBe('Example deployment to dev');
    expect(report.outcome).toBe('success');
    expect(outputsOf(run, 'deploy/iac-pipeline/report')).toMatchObject({ outcome: 'success' });
    expect(report.stages.map(({ stage, stack, status }) => `${stage} ${stack} ${status}`)).toEqual([
      'image golden-dev-1 success',
      'plan network success',
      'plan vms success',
      'approve network success',
      'approve vms success',
      'apply network success',
      'apply vms success',
      'configure vms success',
      'smoke vms success',
    ]);
    expect(report.counts.plan).toMatchObject({ stacks: 2, add: 5, destroy: 0 });
    expect(report.counts.approvals.map(({ stack, status }) => `${stack} ${status}`)).toEqual([
      'network approved',
      'vms approved',
    ]);
    expect(report.counts.ansible).toMatchObject({ hosts: 3, failedHosts: 0 });
    expect(report.counts.smoke).toEqual({ total: 22, passed: 22, failed: 0 });

    // Ansible configured every host with the image the run built.
    for (const vm of DEV_VMS) {
      const motd = await readFile(join(bed.hosts.host(vm).root, 'etc', 'motd'), 'utf8');
      expect(`${vm}: ${motd}`).toContain('image: golden-dev-1');
    }

    // Each stack's state is in the bucket under its own key, reached with the credentials act passed down.
    const bucket = bed.s3?.bucket;
    const network = await bucket?.state(stateKey('network'));
    expect(network?.resources.map((r) => `${r.type}.${r.name}`)).toEqual(['terraform_data.network']);
    const vms = await bucket?.state(stateKey('vms'));
    expect(vms?.outputs.image_id?.value).toBe('golden-dev-1');
    expect(await bucket?.lock(stateKey('vms'))).toBeUndefined();

    // The database password reached OpenTofu and Ansible, and no log; nor did the plan key or the S3 keys.
    expect(run.log).not.toContain(DB_PASSWORD);
    expect(run.log).not.toContain(PLAN_KEY);
    expect(run.log).not.toContain(bed.s3?.server.secretKey ?? '(no S3 server)');
    expect(run.log).not.toContain(bed.s3?.server.accessKey ?? '(no S3 server)');
  });
});
