import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BOT,
  DB_PASSWORD,
  exampleInputs,
  exampleStacks,
  runPipeline,
  startExampleBed,
  type ExampleBed,
} from '../support/example-pipeline.js';
import { jobOrder, readWorkflow, type JobRecord, type WorkflowOutcome } from '../support/runner/workflow.js';

/**
 * The whole pipeline, as .github/workflows/iac-pipeline.yml composes it, on the example: the harness
 * runs the workflow's own job graph (and iac-wave.yml's for each wave), one harness job per job and
 * matrix leg, with real Packer, OpenTofu, Ansible and sshd hosts, and the artifact and GitHub stand-ins.
 */
let bed: ExampleBed;

beforeAll(async () => {
  bed = await startExampleBed();
}, 60_000);
afterEach(() => bed.api.assertNoViolations());
afterAll(() => bed?.close());

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
      'report',
    ]);
    const wave = readWorkflow('.github/workflows/iac-wave.yml');
    expect(jobOrder(wave)).toEqual(['plan', 'approve', 'apply', 'configure', 'smoke']);
    expect(wave.jobs.approve?.environment).toBe('${{ matrix.environment }}');
  });

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

    expect(everyLog(outcome)).not.toContain(DB_PASSWORD);
    expect(run.allJobs.length).toBe(ran(outcome).length);
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
    });
  });

  it('fails the run, and the report says so, when a smoke check fails', async () => {
    const checks = await readFile(join(bed.checkout, 'examples', 'smoke', 'checks.yml'), 'utf8');
    await writeFile(
      join(bed.checkout, 'examples', 'smoke', 'failing.yml'),
      `${checks.trimEnd()}

  - name: release marker\n    kind: ssh-command\n    category: functionality\n    group: web\n    command: cat "$HOME/app/RELEASE"\n`,
    );
    const inputs = {
      ...(await exampleInputs(bed)),
      'image-name': 'golden-dev-2',
      stacks: exampleStacks(bed, { checks: 'examples/smoke/failing.yml' }),
    };
    const { outcome } = await runPipeline(bed, { inputs });
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
