import { describe, expect, it } from '@jest/globals';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { filesHolding, filesOfArtifacts } from '../support/artifact-search.js';
import type { S3Bucket } from '../support/s3-server.js';
import type { StepResult, WorkflowRun } from '../support/runner/runner.js';
import { repoRoot } from '../support/tools.js';
import { useStepBed } from '../support/step-bed.js';

/**
 * Stack inputs with real OpenTofu and the state in S3 (versitygw): network's outputs feed vms' variables,
 * read from network's applied state when vms is planned, bound into vms' plan digest, and read again by
 * vms' apply. Each test has a bucket of its own; plan and apply run in separate jobs (empty workspaces),
 * the bundles through the real @actions/artifact.
 */

const bed = useStepBed('stack-inputs-');

const TOKEN = 'network-Token-5f9e2c81';
const KEY = 'plan-key-0123456789abcdef0123456789abcdef';

/** The two stacks, each with its own key in the test's bucket: what the graph's stacks would say. */
function graph(bucket: S3Bucket) {
  const network = { directory: 'network', 'backend-config': bucket.backendConfig('dev/network.tfstate') };
  const vms = { directory: 'vms', 'backend-config': bucket.backendConfig('dev/vms.tfstate') };
  const stackInputs = JSON.stringify(
    [
      ['network_id', 'id'],
      ['cidr', 'cidr'],
      ['network_token', 'token'],
    ].map(([variable, output]) => ({ variable, stack: 'network', output, ...network })),
  );
  return { network, vms, stackInputs };
}

async function stepIn(
  run: WorkflowRun,
  jobName: string,
  action: 'tf-plan' | 'tf-apply' | 'approval-gate',
  given: Record<string, string>,
): Promise<StepResult> {
  const job = await run.job(jobName);
  await cp(join(repoRoot, 'test', 'fixtures', 'stack-inputs'), job.workspace, { recursive: true });
  return job.step(action, { with: given, env: bed.s3.credentialsEnv() });
}

async function applyNetwork(bucket: S3Bucket, name = 'net-a', tag = 't1'): Promise<void> {
  const { network } = graph(bucket);
  const run = bed.newRun();
  const planned = await stepIn(run, 'plan', 'tf-plan', {
    stack: 'network',
    'working-directory': 'network',
    'backend-config': network['backend-config'],
    vars: `token=${TOKEN}\nname=${name}\ntag=${tag}`,
    'encryption-key': KEY,
  });
  expect(planned.errors).toEqual([]);
  const applied = await stepIn(run, 'apply', 'tf-apply', {
    stack: 'network',
    'working-directory': 'network',
    'backend-config': network['backend-config'],
    'encryption-key': KEY,
  });
  expect(applied.errors).toEqual([]);
}

function planVms(run: WorkflowRun, bucket: S3Bucket, extra: Record<string, string> = {}) {
  const { vms, stackInputs } = graph(bucket);
  return stepIn(run, 'plan', 'tf-plan', {
    stack: 'vms',
    'working-directory': 'vms',
    'backend-config': vms['backend-config'],
    'stack-inputs': stackInputs,
    'encryption-key': KEY,
    ...extra,
  });
}

function applyVms(run: WorkflowRun, bucket: S3Bucket) {
  const { vms, stackInputs } = graph(bucket);
  return stepIn(run, 'apply', 'tf-apply', {
    stack: 'vms',
    'working-directory': 'vms',
    'backend-config': vms['backend-config'],
    'stack-inputs': stackInputs,
    'encryption-key': KEY,
  });
}

describe('stack inputs', () => {
  it("plans vms with network's applied outputs, bound into the digest, and leaks no sensitive one", async () => {
    const bucket = await bed.s3.bucket();
    await applyNetwork(bucket);
    const networkState = await bucket.state('dev/network.tfstate');
    const networkId = (networkState as unknown as { outputs: Record<string, { value: string }> }).outputs.id
      ?.value;
    expect(networkId).toMatch(/^net-a-[0-9a-f-]{36}$/);

    const run = bed.newRun();
    const planned = await planVms(run, bucket);
    expect(planned.errors).toEqual([]);
    // The summary lists each input with where it came from; the sensitive one's value is hidden.
    expect(planned.summary).toContain('**Inputs from other stacks:**');
    expect(planned.summary).toContain(
      `- \`network_id\` ← \`network.id\` (state serial ${networkState?.serial}): \`"${networkId}"\``,
    );
    expect(planned.summary).toContain('- `network_token` ← `network.token`');
    expect(planned.summary).toMatch(
      /`network_token` ← `network\.token` \(state serial \d+\): _\(sensitive\)_/,
    );
    expect(planned.summary).toContain('"range":"10.20.0.0/16"');

    const applied = await applyVms(run, bucket);
    expect(applied.errors).toEqual([]);
    const vmsState = (await bucket.state('dev/vms.tfstate')) as unknown as {
      resources: Array<{ instances: Array<{ attributes: { input: { value: Record<string, string> } } }> }>;
    };
    const input = vmsState.resources[0]?.instances[0]?.attributes.input.value;
    expect(input?.network).toBe(networkId);
    expect(input?.range).toBe('10.20.0.0/16');
    // The real token reached the plan: its digest is what the VM recorded.
    const { createHash } = await import('node:crypto');
    expect(input?.token_sha).toBe(createHash('sha256').update(TOKEN).digest('hex'));

    for (const step of [planned, applied]) {
      expect(step.rawLog).not.toContain(TOKEN);
      expect(step.summary).not.toContain(TOKEN);
      expect(JSON.stringify(step.outputs)).not.toContain(TOKEN);
    }
    expect(filesHolding(await filesOfArtifacts(run, bed.results), TOKEN)).toEqual([]);
  }, 120_000);

  it('refuses the apply when the upstream was applied again with another value since the plan', async () => {
    const bucket = await bed.s3.bucket();
    await applyNetwork(bucket, 'net-a');
    const run = bed.newRun();
    const planned = await planVms(run, bucket);
    expect(planned.errors).toEqual([]);

    await applyNetwork(bucket, 'net-b');
    const before = await bucket.state('dev/vms.tfstate');
    const applied = await applyVms(run, bucket);
    expect(applied.exitCode).toBe(1);
    expect(applied.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^network's id changed since this plan: plan again\. /),
    ]);
    expect(applied.rawLog).not.toMatch(/^\s+at /m);
    // Nothing was applied: vms has the state it had (none, or the empty one of a first use).
    expect((await bucket.state('dev/vms.tfstate'))?.serial).toBe(before?.serial);
  }, 120_000);

  it('applies when the upstream moved on but the values it gives are the same', async () => {
    const bucket = await bed.s3.bucket();
    await applyNetwork(bucket, 'net-a');
    const run = bed.newRun();
    expect((await planVms(run, bucket)).errors).toEqual([]);
    const serial = (await bucket.state('dev/network.tfstate'))?.serial ?? 0;
    await applyNetwork(bucket, 'net-a', 't2');
    expect((await bucket.state('dev/network.tfstate'))?.serial).toBeGreaterThan(serial);
    const applied = await applyVms(run, bucket);
    expect(applied.errors).toEqual([]);
    expect(applied.log).toContain(`network was applied again since this plan (serial ${serial} →`);
  }, 120_000);

  it('makes a provisional plan before the upstream was ever applied, which is neither approved nor applied', async () => {
    const bucket = await bed.s3.bucket();
    // A pull request that adds both stacks: vms is planned beside network, which was never applied.
    const pr = bed.api.addPull({ author: 'alice', headSha: 'a'.repeat(40), headRef: 'add-stacks' });
    const run = bed.newRun({
      eventName: 'pull_request',
      event: {
        action: 'opened',
        number: pr.number,
        pull_request: { number: pr.number, head: { sha: 'a'.repeat(40) } },
      },
      sha: 'f'.repeat(40),
    });
    const planned = await planVms(run, bucket);
    expect(planned.errors).toEqual([]);
    const comments = [...bed.api.state.comments.values()].filter((c) => c.issueNumber === pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('- `network_id` ← `network.id`: _known after network is applied_');
    expect(comments[0]?.body).toContain('**Provisional plan:**');
    expect(planned.warnings.map((w) => w.message)).toContain(
      'network has not applied the outputs vms reads yet: network_id, cidr and network_token are placeholders, and this plan is provisional (it cannot be approved or applied).',
    );
    expect(planned.summary).toContain('> **Provisional plan:** `network` is not applied yet');
    expect(planned.summary).toContain('- `network_id` ← `network.id`: _known after network is applied_');
    expect(planned.summary).toContain(
      '- `network_token` ← `network.token`: _known after network is applied_',
    );

    const gate = await stepIn(run, 'approve', 'approval-gate', {
      mode: 'policy',
      stack: 'vms',
      environment: 'dev',
      'auto-approve-environments': 'dev',
    });
    expect(gate.exitCode).toBe(1);
    expect(gate.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^The plan of vms is provisional: it was made before network was applied/),
    ]);

    const applied = await applyVms(run, bucket);
    expect(applied.exitCode).toBe(1);
    expect(applied.errors.map((e) => e.message)).toEqual([
      'The plan of vms is provisional: it was made before network was applied, so network_id, cidr and network_token had no value yet. Apply network, then plan vms again. Nothing was applied.',
    ]);
    expect(await bucket.state('dev/vms.tfstate').then((s) => s?.resources ?? [])).toEqual([]);
  }, 120_000);

  it('refuses, before anything runs, an input on an output the upstream does not declare', async () => {
    const bucket = await bed.s3.bucket();
    const { vms, network } = graph(bucket);
    const run = bed.newRun();
    const planned = await stepIn(run, 'plan', 'tf-plan', {
      stack: 'vms',
      'working-directory': 'vms',
      'backend-config': vms['backend-config'],
      'stack-inputs': JSON.stringify([
        { variable: 'network_id', stack: 'network', output: 'subnet_id', ...network },
      ]),
      'encryption-key': KEY,
    });
    expect(planned.exitCode).toBe(1);
    expect(planned.errors.map((e) => e.message)).toEqual([
      "Stack vms's input network_id reads output subnet_id of stack network, which network's configuration (network) does not declare (it declares cidr, id, token). Nothing was planned.",
    ]);
    expect(planned.rawLog).not.toContain('tofu init');
  }, 60_000);

  it('refuses a sensitive input into a bundle that would not be sealed', async () => {
    const bucket = await bed.s3.bucket();
    await applyNetwork(bucket);
    const run = bed.newRun();
    const planned = await planVms(run, bucket, { 'encryption-key': '' });
    expect(planned.exitCode).toBe(1);
    expect(planned.errors.map((e) => e.message)).toEqual([
      "network's output token is sensitive, and the plan bundle of vms would carry it in the clear (the planfile holds every variable's value): give encryption-key to seal the bundle. Nothing was planned.",
    ]);
    expect(planned.rawLog).not.toContain(TOKEN);
  }, 120_000);
});
