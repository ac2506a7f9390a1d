import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BOT,
  DB_PASSWORD,
  exampleInputs,
  exampleStacks,
  runPipeline,
  startExampleBed,
  stateKey,
  type ExampleBed,
} from '../support/example-pipeline.js';
import { filesOfArtifacts, placesHolding } from '../support/artifact-search.js';
import type { WorkflowRun } from '../support/runner/runner.js';
import { jobOrder, readWorkflow, type JobRecord, type WorkflowOutcome } from '../support/runner/workflow.js';

/**
 * The whole pipeline, as .github/workflows/iac-pipeline.yml composes it, on the example: the harness
 * runs the workflow's own job graph (and iac-wave.yml's for each wave), one harness job per job and
 * matrix leg, with real Packer, OpenTofu, Ansible and sshd hosts, and the artifact and GitHub stand-ins.
 * The state lives in S3 (versitygw on loopback), which the plan and apply jobs reach only through each
 * stack's backend-config and the credentials the caller passes as secrets; one test keeps the local
 * backend (files the jobs share by path) covered.
 */
const ran = (outcome: WorkflowOutcome) => outcome.jobs.filter((j) => j.result !== 'skipped');
const job = (outcome: WorkflowOutcome, path: string, stack?: string) => {
  const found = outcome.jobs.find((j) => j.path === path && (!stack || j.matrix?.stack === stack));
  if (!found) throw new Error(`no job ${path} ${stack ?? ''}: ${outcome.jobs.map((j) => j.path).join(', ')}`);
  return found;
};
const step = (record: JobRecord, action: string) => {
  const found = record.steps.find((s) => s.id.includes(action.replace(/\W/g, '_')) || s.id === action);
  if (!found) throw new Error(`${record.name} ran no ${action}: ${record.steps.map((s) => s.id).join(', ')}`);
  return found;
};
const everyLog = (outcome: WorkflowOutcome) =>
  outcome.jobs
    .flatMap((j) => j.steps.map((s) => `${s.rawLog}\n${s.summary}\n${JSON.stringify(s.outputs)}`))
    .join('\n');
const names = (state: { resources: Array<{ type: string; name: string }> } | undefined) =>
  (state?.resources ?? []).map((r) => `${r.type}.${r.name}`).sort();

/** Where a value shows up in what a run left: its steps, its artifacts, the GitHub API requests. */
const placesIn = (bed: ExampleBed, run: WorkflowRun, value: string) =>
  placesHolding(run, value, { results: bed.results, requests: bed.api.requests });

describe('iac-pipeline.yml', () => {
  it('has the job graph image → waves → (plan → approve → apply → configure → smoke) per wave → report', () => {
    expect(jobOrder(readWorkflow('.github/workflows/iac-pipeline.yml'))).toEqual([
      'image',
      'waves',
      'wave-1',
      'wave-2',
      'wave-3',
      'wave-4',
      'wave-5',
      'release',
      'report',
    ]);
    const wave = readWorkflow('.github/workflows/iac-wave.yml');
    expect(jobOrder(wave)).toEqual(['plan', 'approve', 'apply', 'configure', 'smoke']);
    expect(wave.jobs.approve?.environment).toBe('${{ matrix.environment }}');
  });
});

describe('iac-pipeline.yml with the state in S3', () => {
  let bed: ExampleBed;
  beforeAll(async () => {
    bed = await startExampleBed({ backend: 's3' });
  }, 60_000);
  afterEach(() => bed.api.assertNoViolations());
  afterAll(() => bed?.close());

  /** The bucket of the bed's state; the tests below run on the S3 backend only. */
  const bucket = () => {
    if (!bed.s3) throw new Error('the bed has no S3 server');
    return bed.s3.bucket;
  };

  it('deploys the example: image, network in wave 1, VMs in wave 2, configured and smoke-tested, one report', async () => {
    const { run, outcome } = await runPipeline(bed);
    const failed = outcome.jobs.filter((j) => j.result === 'failure');
    expect(failed.map((j) => [j.name, j.steps.flatMap((s) => s.errors.map((e) => e.message))])).toEqual([]);
    expect(outcome.result).toBe('success');

    // The order the graph allows, each stage a job of its own, the network's wave before the VMs'.
    expect(ran(outcome).map((j) => `${j.path}${j.matrix ? ` ${String(j.matrix.stack)}` : ''}`)).toEqual([
      'image',
      'waves',
      'wave-1 / plan network',
      'wave-1 / approve network',
      'wave-1 / apply network',
      'wave-1 / configure network',
      'wave-1 / smoke network',
      'wave-2 / plan vms',
      'wave-2 / approve vms',
      'wave-2 / apply vms',
      'wave-2 / configure vms',
      'wave-2 / smoke vms',
      'release',
      'report',
    ]);
    expect(outcome.jobs.filter((j) => j.result === 'skipped').map((j) => j.path)).toEqual([
      'wave-3',
      'wave-4',
      'wave-5',
    ]);
    expect(job(outcome, 'wave-2 / approve').environment).toBe('dev');
    expect(job(outcome, 'wave-2 / apply').concurrency).toBe('iac-apply-octo-org/infra-vms-dev');

    // The image's name reached the VMs' plan as image_id, and the hosts were configured with it.
    expect(outcome.outputs['image-id']).toBe('golden-dev-1');
    const planned = step(job(outcome, 'wave-2 / plan'), 'tf-plan');
    expect(planned.outputs).toMatchObject({ add: '4', destroy: '0', replace: '0' });
    const motd = await readFile(join(bed.hosts.host('web-2').root, 'etc', 'motd'), 'utf8');
    expect(motd).toContain('image: golden-dev-1');

    const gate = step(job(outcome, 'wave-2 / approve'), 'approval-gate');
    expect(gate.outputs).toMatchObject({ approved: 'true', status: 'approved' });
    const applied = step(job(outcome, 'wave-2 / apply'), 'tf-apply');
    expect(applied.outputs.applied).toBe('true');
    expect(applied.log).toContain('Approved by policy');
    const smoked = step(job(outcome, 'wave-2 / smoke'), 'smoke-test');
    expect(smoked.outputs).toMatchObject({ passed: '22', failed: '0' });

    const report = step(job(outcome, 'report'), 'report');
    expect(report.outputs.outcome).toBe('success');
    expect(outcome.outputs.outcome).toBe('success');
    const html = await readFile(report.outputs['html-path'] ?? '', 'utf8');
    expect(html).toContain('Example deployment to dev');
    expect(report.summary).toMatch(/smoke/i);
    // One row a stage and stack, each with the job GitHub names after its wave: the report read the run's
    // jobs (`wave 2 / apply vms`) by their own names and stacks.
    const { stages } = JSON.parse(await readFile(report.outputs['json-path'] ?? '', 'utf8')) as {
      stages: Array<{ stage: string; stack: string; status: string; job?: string; figures: string[] }>;
    };
    expect(stages.map(({ stage, stack, status, job }) => `${stage} ${stack} ${status} · ${job}`)).toEqual([
      'image golden-dev-1 success · build image',
      'plan network success · wave 1 / plan network',
      'plan vms success · wave 2 / plan vms',
      'approve network success · wave 1 / approve network',
      'approve vms success · wave 2 / approve vms',
      'apply network success · wave 1 / apply network',
      'apply vms success · wave 2 / apply vms',
      'configure network success · wave 1 / configure network',
      'configure vms success · wave 2 / configure vms',
      'smoke network success · wave 1 / smoke network',
      'smoke vms success · wave 2 / smoke vms',
    ]);
    // The network has no hosts: its configure and smoke jobs ran, had nothing to do, and the report says so.
    expect(stages.find((row) => row.stage === 'configure' && row.stack === 'network')?.figures).toEqual([
      'no artifact',
    ]);

    // The audit trail: every lifecycle step, in the order it ran, by whom, for which plan; no secret in it.
    const trail = await readFile(report.outputs['audit-path'] ?? '', 'utf8');
    const events = trail
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(
      events.map((e) => `${e.action} ${e.stack ?? e.environment ?? ''} ${e.outcome} by ${e.actor}`),
    ).toEqual([
      'image  success by octocat',
      'plan network success by octocat',
      'approval network success by policy',
      'apply network success by octocat',
      'plan vms success by octocat',
      'approval vms success by policy',
      'apply vms success by octocat',
      'configure vms success by octocat',
      'smoke vms success by octocat',
      'release dev success by octocat',
    ]);
    // The null builder's artifact has the id Packer gives it.
    expect(events[0]?.detail).toBe('Image golden-dev-1 (id Null).');
    expect(trail).not.toContain(DB_PASSWORD);

    expect(everyLog(outcome)).not.toContain(DB_PASSWORD);
    expect(run.allJobs.length).toBe(ran(outcome).length);
  });

  it("keeps each stack's state under its own key in the bucket, and the credentials in nothing the run left", async () => {
    // The deploy of the test before: each stack's state object holds that stack's resources, and only those.
    const network = await bucket().state(stateKey('network'));
    expect(names(network)).toEqual(['terraform_data.network']);
    const vms = await bucket().state(stateKey('vms'));
    expect(names(vms)).toEqual(['terraform_data.db', 'terraform_data.image', 'terraform_data.web']);
    expect(vms?.resources.find((r) => r.name === 'web')?.instances).toHaveLength(2);
    expect(vms?.outputs.image_id?.value).toBe('golden-dev-1');
    // The applies released their locks, and nothing was written where the local backend would keep state.
    expect(await bucket().lock(stateKey('network'))).toBeUndefined();
    expect(await bucket().lock(stateKey('vms'))).toBeUndefined();
    expect(await readdir(bed.stateDir)).toEqual([]);

    const [run] = bed.runs;
    if (!run) throw new Error('the deploy of the test before did not run');
    // Each plan bundle records the backend it was planned against (tf-apply holds the apply to it).
    const files = await filesOfArtifacts(run, bed.results);
    const manifestFile = files.find((file) => file.path === 'iac-plan-vms/manifest.json');
    const manifest = JSON.parse(manifestFile?.bytes.toString('utf8') ?? '{}') as {
      backend?: Record<string, string>;
    };
    expect(manifest.backend).toEqual({
      type: 's3',
      bucket: bucket().name,
      key: stateKey('vms'),
      region: 'us-east-1',
      endpoint: new URL(bed.s3?.server.endpoint ?? '').host,
    });
    // The search opens the planfile inside each bundle, where tofu keeps the backend configuration: it finds
    // the key given as backend-config there, as it would find a credential given that way.
    expect(await placesIn(bed, run, stateKey('vms'))).toContain(
      'artifact iac-plan-vms: iac-plan-vms/tfplan!/tfplan',
    );

    const server = bed.s3?.server;
    expect(await placesIn(bed, run, server?.secretKey ?? '')).toEqual([]);
    expect(await placesIn(bed, run, server?.accessKey ?? '')).toEqual([]);
  });

  describe('a new image, planned on a pull request', () => {
    let pr: number;
    let planRunId: number;
    let digest: string;

    it('replaces the VMs: the plan comment shows the replace and the gate demands approval', async () => {
      const head = bed.commit;
      pr = bed.api.addPull({
        author: 'alice',
        headSha: head,
        headRef: 'golden-dev-2',
        commits: [{ sha: head, message: 'new golden image', author: 'alice' }],
      }).number;
      const inputs = { ...(await exampleInputs(bed)), 'image-name': 'golden-dev-2' };
      const { run, outcome } = await runPipeline(bed, {
        inputs,
        run: {
          eventName: 'pull_request',
          // GITHUB_SHA is the merge commit; the checkout holds the head, and the plan records the head.
          sha: 'f'.repeat(40),
          ref: `refs/pull/${pr}/merge`,
          event: { action: 'synchronize', number: pr, pull_request: { number: pr, head: { sha: head } } },
        },
      });
      planRunId = run.runId;

      const planned = step(job(outcome, 'wave-2 / plan'), 'tf-plan');
      expect(planned.outputs).toMatchObject({ replace: '3', destroys: 'true' });
      digest = planned.outputs['plan-digest'] ?? '';
      const comment = bed.api
        .commentsOn(pr)
        .find((c) => c.author === BOT && c.body.includes('vms') && c.body.includes(digest));
      expect(comment?.body).toMatch(/replace/i);
      expect(comment?.body).toContain('terraform_data.web[0]');

      const approve = job(outcome, 'wave-2 / approve');
      expect(approve.result).toBe('failure');
      expect(step(approve, 'approval-gate').errors).toEqual([
        expect.objectContaining({ message: expect.stringContaining(`/approve ${digest.slice(7, 19)}`) }),
      ]);
      for (const stage of ['apply', 'configure', 'smoke']) {
        expect(job(outcome, `wave-2 / ${stage}`).result).toBe('skipped');
      }
      // The network had nothing to change and was approved by policy; nothing of the VMs was applied.
      expect(job(outcome, 'wave-1 / apply', 'network').result).toBe('success');
      const motd = await readFile(join(bed.hosts.host('web-1').root, 'etc', 'motd'), 'utf8');
      expect(motd).toContain('image: golden-dev-1');

      const report = step(job(outcome, 'report'), 'report');
      expect(report.outputs.outcome).toBe('failure');
      expect(outcome.result).toBe('failure');
    });

    it('is applied once a maintainer approves it by comment: approve-on-comment dispatches the apply', async () => {
      const stacks = exampleStacks(bed);
      const body = `/approve ${digest.slice(7, 19)}`;
      const comment = bed.api.addComment({ issueNumber: pr, body, author: 'maint1' });
      const dispatchesBefore = bed.api.state.dispatches.length;
      const { outcome: approval } = await runPipeline(bed, {
        workflow: '.github/workflows/approve-on-comment.yml',
        inputs: { stacks, 'deploy-workflow': 'deploy.yml' },
        secrets: {},
        run: {
          eventName: 'issue_comment',
          actor: 'maint1',
          ref: 'refs/heads/main',
          event: {
            action: 'created',
            issue: {
              number: pr,
              pull_request: { url: `https://api.github.com/repos/octo-org/infra/pulls/${pr}` },
            },
            comment: { id: comment.id, body, user: { login: 'maint1' } },
          },
        },
      });
      expect(approval.result).toBe('success');
      const gate = step(job(approval, 'approve', 'vms'), 'approval-gate');
      expect(gate.outputs).toMatchObject({
        approved: 'true',
        dispatched: 'true',
        'plan-run-id': String(planRunId),
      });
      // The network's plan is not what the comment approves: its leg decides nothing and starts nothing.
      expect(step(job(approval, 'approve', 'network'), 'approval-gate').outputs.dispatched).toBe('false');

      const dispatches = bed.api.state.dispatches.slice(dispatchesBefore);
      expect(dispatches).toEqual([
        {
          repo: 'octo-org/infra',
          workflow: 'deploy.yml',
          ref: 'golden-dev-2',
          actor: BOT,
          inputs: {
            'plan-run-id': String(planRunId),
            'plan-digest': digest,
            stack: 'vms',
            'pr-number': String(pr),
          },
        },
      ]);

      // The dispatched run: the caller hands the dispatch's inputs to iac-pipeline.yml on the head branch.
      const { outcome } = await runPipeline(bed, {
        inputs: { ...(await exampleInputs(bed)), ...(dispatches[0]?.inputs as Record<string, string>) },
        run: {
          eventName: 'workflow_dispatch',
          sha: bed.commit,
          ref: 'refs/heads/golden-dev-2',
          actor: 'maint1',
        },
      });
      const failed = outcome.jobs.filter((j) => j.result === 'failure');
      expect(failed.map((j) => [j.name, j.steps.flatMap((s) => s.errors.map((e) => e.message))])).toEqual([]);
      expect(ran(outcome).map((j) => j.name)).toEqual([
        'order stacks',
        'wave 1 / approve vms',
        'wave 1 / apply vms',
        'wave 1 / configure vms',
        'wave 1 / smoke vms',
        'report',
      ]);
      const applied = step(job(outcome, 'wave-1 / apply'), 'tf-apply');
      expect(applied.outputs['plan-digest']).toBe(digest);
      const motd = await readFile(join(bed.hosts.host('web-1').root, 'etc', 'motd'), 'utf8');
      expect(motd).toContain('image: golden-dev-2');
      expect(step(job(outcome, 'wave-1 / smoke'), 'smoke-test').outputs).toMatchObject({ failed: '0' });
      expect(everyLog(outcome)).not.toContain(DB_PASSWORD);
      // The pull request's plan was applied to the state in the bucket, from a run that planned nothing.
      const vms = await bucket().state(stateKey('vms'));
      expect(vms?.outputs.image_id?.value).toBe('golden-dev-2');
      expect(await bucket().lock(stateKey('vms'))).toBeUndefined();
      for (const run of bed.runs) {
        expect(await placesIn(bed, run, bed.s3?.server.secretKey ?? '')).toEqual([]);
      }
    });
  });
});

describe('iac-pipeline.yml with the state in local files', () => {
  let bed: ExampleBed;
  beforeAll(async () => {
    bed = await startExampleBed();
  }, 60_000);
  afterEach(() => bed.api.assertNoViolations());
  afterAll(() => bed?.close());

  it('fails the run, and the report says so, when a smoke check fails; the state is in the files the jobs share', async () => {
    const checks = await readFile(join(bed.checkout, 'examples', 'smoke', 'checks.yml'), 'utf8');
    await writeFile(
      join(bed.checkout, 'examples', 'smoke', 'failing.yml'),
      `${checks.trimEnd()}

  - name: release marker\n    kind: ssh-command\n    category: functionality\n    group: web\n    command: cat "$HOME/app/RELEASE"\n`,
    );
    const inputs = {
      ...(await exampleInputs(bed)),
      stacks: exampleStacks(bed, { checks: 'examples/smoke/failing.yml' }),
    };
    const { outcome } = await runPipeline(bed, { inputs });
    // Everything up to the smoke tests succeeded, against state files outside every job's workspace.
    for (const stage of ['plan', 'approve', 'apply', 'configure']) {
      expect(`${stage}: ${job(outcome, `wave-2 / ${stage}`).result}`).toBe(`${stage}: success`);
    }
    const state = JSON.parse(await readFile(join(bed.stateDir, 'vms-dev.tfstate'), 'utf8')) as {
      resources: Array<{ type: string; name: string }>;
    };
    expect(names(state)).toEqual(['terraform_data.db', 'terraform_data.image', 'terraform_data.web']);
    const files = await readdir(bed.stateDir);
    expect(files.filter((file) => file.endsWith('.tfstate')).sort()).toEqual([
      'network-dev.tfstate',
      'vms-dev.tfstate',
    ]);

    const smoke = job(outcome, 'wave-2 / smoke');
    expect(smoke.result).toBe('failure');
    const smoked = step(smoke, 'smoke-test');
    expect(smoked.outputs).toMatchObject({ failed: '2', passed: '22' });
    expect(smoked.errors.map((e) => e.message).join('\n')).toContain('release marker');

    const report = step(job(outcome, 'report'), 'report');
    expect(report.outputs.outcome).toBe('failure');
    expect(report.summary).toContain('release marker');
    expect(outcome.outputs.outcome).toBe('failure');
    expect(outcome.result).toBe('failure');
  });
});
