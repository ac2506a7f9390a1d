import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  S3_OVERRIDE,
  commitToCheckout,
  exampleSecrets,
  exampleStacks,
  removeFromCheckout,
  reviewedBy,
  runPipeline,
  startExampleBed,
  stateKey,
  type ExampleBed,
} from '../support/example-pipeline.js';
import type { JobRecord, WorkflowOutcome } from '../support/runner/workflow.js';
import { repoRoot } from '../support/tools.js';

/**
 * iac-destroy.yml on the example, with real OpenTofu and the state in S3 (versitygw): the order job
 * checks the stacks that depend on those to destroy before anything is planned, then the waves destroy
 * in reverse dependency order, each a `destroy: true` plan through the environment's reviewer (an
 * admin: a destroy needs admin permission by default) and tf-apply. The tests share one bed and run in
 * order: the example is deployed, a destroy of the network alone is refused, both stacks are destroyed,
 * and a stack whose directory was removed is destroyed from its last commit.
 */

let bed: ExampleBed;
const ADMIN = 'admin1';
beforeAll(async () => {
  bed = await startExampleBed({ backend: 's3' });
  bed.api.addUser(ADMIN);
  bed.api.setPermission(ADMIN, 'admin');
}, 60_000);
afterEach(() => bed.api.assertNoViolations());
afterAll(() => bed?.close());

const bucket = () => {
  if (!bed.s3) throw new Error('the bed has no S3 server');
  return bed.s3.bucket;
};
const errorsOf = (outcome: WorkflowOutcome) =>
  outcome.jobs
    .filter((j) => j.result === 'failure')
    .map((j) => [j.name, j.steps.flatMap((s) => s.errors.map((e) => e.message))]);
const ran = (outcome: WorkflowOutcome) =>
  outcome.jobs
    .filter((j) => j.result !== 'skipped')
    .map((j) => `${j.path}${j.matrix ? ` ${String(j.matrix.stack)}` : ''}`);
const job = (outcome: WorkflowOutcome, path: string, stack?: string): JobRecord => {
  const found = outcome.jobs.find((j) => j.path === path && (!stack || j.matrix?.stack === stack));
  if (!found) throw new Error(`no job ${path} ${stack ?? ''}: ${outcome.jobs.map((j) => j.path).join(', ')}`);
  return found;
};
const summaryOf = (record: JobRecord) => record.steps.map((s) => s.summary).join('\n');

/** Only what iac-destroy.yml declares of the example's secrets: no SSH key or Ansible variables. */
function destroySecrets(): Record<string, string> {
  const { 'tf-vars': tfVars = '', ...rest } = exampleSecrets(bed);
  return {
    'tf-vars': tfVars,
    ...Object.fromEntries(Object.entries(rest).filter(([name]) => name.startsWith('aws-'))),
  };
}

/** A run of iac-destroy.yml, whose destroy plans `reviewer` (admin1) approves under the environment dev. */
async function destroy(destroyList: string, stacks = exampleStacks(bed), reviewer = ADMIN) {
  const runId = 700_000 + bed.runs.length;
  return runPipeline(bed, {
    workflow: '.github/workflows/iac-destroy.yml',
    inputs: {
      stacks,
      destroy: destroyList,
      environment: 'dev',
      // The VMs' image_id has no default: a destroy plan evaluates it too.
      'image-id': 'golden-dev-1',
      'report-title': 'Destroy of dev',
    },
    secrets: destroySecrets(),
    run: { sha: bed.commit, runId, eventName: 'workflow_dispatch', actor: reviewer },
    hooks: { environment: reviewedBy(bed, reviewer, runId, 'destroy it') },
  });
}

/** The state's identity and what it holds, read straight from the bucket. */
async function stateOf(key: string) {
  const state = await bucket().state(key);
  return {
    lineage: state?.lineage,
    serial: state?.serial,
    resources: (state?.resources ?? []).reduce((n, r) => n + r.instances.length, 0),
  };
}

/** A stack's deployments in dev (tf-apply's, whose payload names the stack), each with its statuses in order. */
function deploymentsOf(stack: string): Array<{ id: number; states: string[] }> {
  const { deployments, deploymentStatuses } = bed.api.state;
  return [...deployments.values()]
    .filter((d) => d.environment === 'dev' && (d.payload as { stack?: string }).stack === stack)
    .map((d) => ({
      id: d.id,
      states: [...deploymentStatuses.values()]
        .filter((s) => s.deploymentId === d.id)
        .sort((a, b) => a.id - b.id)
        .map((s) => s.state),
    }));
}

describe('iac-destroy.yml', () => {
  it('deploys the example first: network, then the VMs', async () => {
    const { outcome } = await runPipeline(bed, { run: { sha: bed.commit } });
    expect(errorsOf(outcome)).toEqual([]);
    expect((await stateOf(stateKey('network'))).resources).toBe(1);
    expect((await stateOf(stateKey('vms'))).resources).toBe(4);
    expect(deploymentsOf('vms').map((d) => d.states.slice(0, 2))).toEqual([['in_progress', 'success']]);
  });

  it('refuses to destroy the network alone while the VMs have resources, before anything is planned', async () => {
    const before = { network: await stateOf(stateKey('network')), vms: await stateOf(stateKey('vms')) };
    const { outcome } = await destroy('network');
    expect(outcome.result).toBe('failure');
    const order = job(outcome, 'order');
    expect(order.name).toBe('check dependents');
    const where = `127.0.0.1:${bed.s3?.server.port ?? 0} s3://example-tfstate/${stateKey('vms')}`;
    expect(order.steps.flatMap((s) => s.errors.map((e) => e.message))).toEqual([
      `Cannot destroy network: dependencies exist. vms depends on it and has 4 resources in ${where}. ` +
        'Destroy vms too (destroy: network,vms), or destroy it first. Nothing was planned.',
    ]);
    expect(summaryOf(order)).toContain('| <code>vms</code> | <code>network</code> | 4 |');
    // Nothing but the check and the report ran; neither state moved.
    expect(ran(outcome)).toEqual(['order', 'report']);
    expect({ network: await stateOf(stateKey('network')), vms: await stateOf(stateKey('vms')) }).toEqual(
      before,
    );
  });

  it("does not take a maintainer's approval of a destroy: admin by default", async () => {
    const before = await stateOf(stateKey('vms'));
    const { outcome } = await destroy('network,vms', exampleStacks(bed), 'maint1');
    expect(outcome.result).toBe('failure');
    expect(ran(outcome)).toEqual(['order', 'wave-1 / plan vms', 'wave-1 / approve vms', 'report']);
    const gate = job(outcome, 'wave-1 / approve', 'vms');
    expect(gate.result).toBe('failure');
    expect(gate.steps.flatMap((s) => s.errors.map((e) => e.message))).toEqual([
      expect.stringMatching(
        /^The plan of vms is a destroy plan, which needs admin permission on the repository/,
      ),
    ]);
    expect(await stateOf(stateKey('vms'))).toEqual(before);
  });

  it('destroys both: the VMs first, then the network, each approved by an admin; both states empty, both deployments inactive', async () => {
    const before = new Set([...bed.api.state.deployments.keys()]);
    const { outcome } = await destroy('network,vms');
    expect(errorsOf(outcome)).toEqual([]);
    expect(outcome.result).toBe('success');
    expect(outcome.outputs['wave-count']).toBe('2');
    expect(ran(outcome)).toEqual([
      'order',
      'wave-1 / plan vms',
      'wave-1 / approve vms',
      'wave-1 / apply vms',
      'wave-2 / plan network',
      'wave-2 / approve network',
      'wave-2 / apply network',
      'report',
    ]);
    expect(job(outcome, 'wave-1 / plan').name).toBe('destroy 1 / plan vms');
    const order = summaryOf(job(outcome, 'order'));
    expect(order).toContain('2 wave(s), in reverse dependency order');
    expect(order).toContain('No stack outside the destroy depends on a stack of it.');

    const planned = job(outcome, 'wave-1 / plan', 'vms').steps.find((s) => s.outputs['plan-digest']);
    expect(planned?.outputs).toMatchObject({ add: '0', destroy: '4' });
    const gate = job(outcome, 'wave-1 / approve', 'vms').steps[0];
    expect(gate?.outputs).toMatchObject({ approved: 'true' });
    expect(JSON.stringify(gate?.outputs)).toContain(ADMIN);

    expect((await stateOf(stateKey('vms'))).resources).toBe(0);
    expect((await stateOf(stateKey('network'))).resources).toBe(0);
    const applied = summaryOf(job(outcome, 'wave-1 / apply', 'vms'));
    expect(applied).toContain('## Destroyed `vms` (workspace `default`)');
    expect(applied).toContain('Resources destroyed: 4');
    expect(applied).toMatch(/Deployments of `vms` in `dev` set inactive: [1-9]/);
    expect(applied).not.toContain('## Applied');
    // Each destroy's apply is a deployment of its own, which goes inactive with every earlier one of the stack.
    for (const stack of ['vms', 'network']) {
      const deployments = deploymentsOf(stack);
      expect(deployments.map((d) => d.states.at(-1))).toEqual(deployments.map(() => 'inactive'));
      expect(deployments.filter((d) => !before.has(d.id)).map((d) => d.states)).toEqual([
        ['in_progress', 'success', 'inactive'],
      ]);
    }
  });

  it('finds a stack whose directory was removed but whose state has resources, and destroys it from its last commit', async () => {
    // A third small stack, deployed, then its directory removed from the repository.
    const dns = {
      stack: 'dns',
      directory: 'examples/dns',
      'backend-config': bucket().backendConfig('dev/dns.tfstate'),
    };
    const added = await commitToCheckout(
      bed,
      {
        'examples/dns/main.tf':
          'terraform {\n  backend "local" {}\n}\n\nresource "terraform_data" "zone" {\n  input = "dev.example.internal"\n}\n\n' +
          'resource "terraform_data" "record" {\n  input = terraform_data.zone.output\n}\n',
        'examples/dns/backend_override.tf': await readFile(join(repoRoot, S3_OVERRIDE), 'utf8'),
      },
      'a dns stack',
    );
    const deployed = await runPipeline(bed, {
      inputs: {
        stacks: JSON.stringify([dns]),
        environment: 'dev',
        'auto-approve-environments': 'dev',
        'report-title': 'dns',
      },
      secrets: destroySecrets(),
      run: { sha: added },
    });
    expect(errorsOf(deployed.outcome)).toEqual([]);
    expect((await stateOf('dev/dns.tfstate')).resources).toBe(2);

    const removedIn = await removeFromCheckout(bed, ['examples/dns'], 'remove the dns stack');
    const graph = JSON.stringify([...(JSON.parse(exampleStacks(bed)) as unknown[]), dns]);
    const { outcome } = await destroy('dns', graph);
    expect(errorsOf(outcome)).toEqual([]);
    const order = summaryOf(job(outcome, 'order'));
    expect(order).toContain(
      `| 1 | <code>dns</code> | <code>examples&#47;dns</code> | dev | commit <code>${added.slice(0, 12)}</code> |`,
    );
    expect(order).toContain(
      `- \`dns\` (\`examples/dns\`), removed in \`${removedIn.slice(0, 12)}\`: its state still has 2 resources`,
    );
    expect(order).toContain(`destroyed from \`${added.slice(0, 12)}\`, the last commit that has it.`);
    expect(ran(outcome)).toEqual([
      'order',
      'wave-1 / plan dns',
      'wave-1 / approve dns',
      'wave-1 / apply dns',
      'report',
    ]);
    const plan = job(outcome, 'wave-1 / plan', 'dns').steps.find((s) => s.outputs['plan-digest']);
    expect(plan?.outputs).toMatchObject({ destroy: '2' });
    expect((await stateOf('dev/dns.tfstate')).resources).toBe(0);
  });
});
