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

const HEAD = 'b'.repeat(40);

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

    expect(everyLog(outcome)).not.toContain(DB_PASSWORD);
    expect(run.allJobs.length).toBe(ran(outcome).length);
  });
});

export { BOT, HEAD, exampleInputs, exampleStacks, writeFile };
