import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  commitToCheckout,
  exampleInputs,
  exampleSecrets,
  exampleStacks,
  reviewedBy,
  runPipeline,
  startExampleBed,
  type ExampleBed,
} from '../support/example-pipeline.js';
import { filesOfArtifact } from '../support/artifact-search.js';
import { WorkflowRun, type Job } from '../support/runner/runner.js';
import {
  BOT,
  DB_PASSWORD,
  PROD_HOSTS_VAR_FILE,
  REPOSITORY,
  backendConfig,
} from '../support/example-pipeline.js';
import { execFile } from 'node:child_process';
import { cp, readdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { JobRecord, WorkflowOutcome } from '../support/runner/workflow.js';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { planDigest } from '../../src/contracts/digest.js';

/**
 * Releases, promotion and rollback through the suite's own workflows, on the example: real Packer,
 * OpenTofu, Ansible and sshd hosts (a dev set and a prod set), the state in S3, and the GitHub stand-in
 * keeping the deployments and their statuses, which is where the releases live. The tests share one
 * bed and run in order: dev is deployed, promoted to prod, prod gets a bad release that starts the
 * automatic rollback, and the rollback restores the image the hosts ran before.
 */

let bed: ExampleBed;
beforeAll(async () => {
  bed = await startExampleBed({ backend: 's3', prod: true });
}, 60_000);
afterEach(() => bed.api.assertNoViolations());
afterAll(() => bed?.close());

const job = (outcome: WorkflowOutcome, path: string, stack?: string): JobRecord => {
  const found = outcome.jobs.find((j) => j.path === path && (!stack || j.matrix?.stack === stack));
  if (!found) throw new Error(`no job ${path} ${stack ?? ''}: ${outcome.jobs.map((j) => j.path).join(', ')}`);
  return found;
};
const errorsOf = (outcome: WorkflowOutcome) =>
  outcome.jobs
    .filter((j) => j.result === 'failure')
    .map((j) => [j.name, j.steps.flatMap((s) => s.errors.map((e) => e.message))]);
const summaryOf = (record: JobRecord) => record.steps.map((s) => s.summary).join('\n');

/** The releases of an environment as the stand-in keeps them: newest first, each with its statuses in order. */
function releasesOf(environment: string) {
  const { deployments, deploymentStatuses } = bed.api.state;
  return [...deployments.values()]
    .filter((d) => d.environment === environment)
    .filter((d) => (d.payload as { schema?: string }).schema === 'iac/release@1')
    .sort((a, b) => b.id - a.id)
    .map((d) => ({
      id: d.id,
      sha: d.sha,
      release: d.payload as {
        runId: number;
        commit: string;
        outcome: string;
        image?: { name: string };
        source?: { kind: string; environment: string; runId: number; deploymentId: number };
        timeToRestore?: { seconds: number };
      },
      states: [...deploymentStatuses.values()]
        .filter((s) => s.deploymentId === d.id)
        .sort((a, b) => a.id - b.id)
        .map((s) => s.state),
    }));
}

async function motd(environment: 'dev' | 'prod', vm = 'web-1'): Promise<string> {
  const hosts = environment === 'prod' ? bed.prodHosts : bed.hosts;
  if (!hosts) throw new Error('no prod hosts');
  const name = environment === 'prod' ? `prod-${vm}` : vm;
  return readFile(join(hosts.host(name).root, 'etc', 'motd'), 'utf8');
}

async function deployDev(options: { image: string; checks?: string }): Promise<WorkflowRun> {
  const inputs = {
    ...(await exampleInputs(bed)),
    'image-name': options.image,
    stacks: exampleStacks(bed, options.checks ? { checks: options.checks } : {}),
  };
  const { run, outcome } = await runPipeline(bed, { inputs, run: { sha: bed.commit } });
  if (!options.checks) expect(errorsOf(outcome)).toEqual([]);
  return run;
}

async function promote(given: Record<string, string | number> = {}) {
  const prod = await exampleInputs(bed, { environment: 'prod' });
  return runPipeline(bed, {
    workflow: '.github/workflows/iac-promote.yml',
    inputs: {
      'promote-from': 'dev',
      environment: 'prod',
      stacks: prod.stacks ?? '',
      'auto-approve-environments': 'dev,prod',
      'ssh-user': prod['ssh-user'] ?? '',
      'known-hosts': prod['known-hosts'] ?? '',
      'report-title': 'Promotion to prod',
      ...given,
    },
    secrets: exampleSecrets(bed, { environment: 'prod' }),
    run: { sha: bed.commit },
  });
}

/** Check files of the example, committed to the checkout: without the security checks, and one that fails. */
const DEV_CHECKS = 'examples/smoke/dev-checks.yml';
const FAILING_CHECKS = 'examples/smoke/failing-checks.yml';
async function commitCheckFiles(): Promise<void> {
  const checks = parseYaml(await readFile(join(bed.checkout, 'examples/smoke/checks.yml'), 'utf8')) as {
    checks: Array<{ category: string }>;
  };
  const failing = {
    name: 'release marker',
    kind: 'ssh-command',
    category: 'functionality',
    group: 'web',
    command: 'cat "$HOME/etc/release-marker"',
    output: '^ready$',
    retries: 0,
  };
  await commitToCheckout(
    bed,
    {
      [DEV_CHECKS]: toYaml({ checks: checks.checks.filter((c) => c.category !== 'security') }),
      [FAILING_CHECKS]: toYaml({ checks: [...checks.checks, failing] }),
    },
    'smoke checks for the release tests',
  );
}

async function rollback(given: Record<string, string>, options: { runId?: number; checks?: string } = {}) {
  const prod = await exampleInputs(bed, { environment: 'prod' });
  const runId = options.runId ?? 500_000 + bed.runs.length;
  return runPipeline(bed, {
    workflow: '.github/workflows/iac-rollback.yml',
    inputs: {
      environment: 'prod',
      stacks: exampleStacks(bed, {
        environment: 'prod',
        ...(options.checks ? { checks: options.checks } : {}),
      }),
      'ssh-user': prod['ssh-user'] ?? '',
      'known-hosts': prod['known-hosts'] ?? '',
      'report-title': 'Rollback of prod',
      ...given,
    },
    secrets: exampleSecrets(bed, { environment: 'prod' }),
    run: { sha: bed.commit, runId, eventName: 'workflow_dispatch', actor: 'maint1' },
    hooks: { environment: reviewedBy(bed, 'maint1', runId, 'restore it') },
  });
}

/** The report's Markdown, from the run's iac-report artifact. */
async function reportOf(run: WorkflowRun): Promise<string> {
  const files = await filesOfArtifact(run, 'iac-report');
  const report = files.find((f) => f.path.endsWith('report.md'));
  if (!report) throw new Error(`no report.md in ${files.map((f) => f.path).join(', ')}`);
  return report.bytes.toString('utf8');
}

describe('releases', () => {
  let devRelease: WorkflowRun;
  let releasedCommit: string;
  let prodRelease: number;
  let promotion: WorkflowRun;
  let dispatchesBefore: number;

  it('records a deploy of dev as a release: a deployment whose payload is the record, in_progress → success', async () => {
    await commitCheckFiles();
    releasedCommit = bed.commit;
    devRelease = await deployDev({ image: 'golden-dev-1', checks: DEV_CHECKS });
    const [release] = releasesOf('dev');
    expect(release?.release).toMatchObject({
      runId: devRelease.runId,
      commit: releasedCommit,
      outcome: 'success',
      image: { name: 'golden-dev-1' },
    });
    expect(release?.states).toEqual(['in_progress', 'success']);
    const files = await filesOfArtifact(devRelease, 'iac-release-dev');
    expect(files.map((f) => f.path)).toEqual(['iac-release-dev/release.json']);
  });

  it('refuses a promotion when a category quality-categories demands did not run', async () => {
    const { outcome } = await promote({ 'quality-categories': 'functionality, security' });
    expect(outcome.result).toBe('failure');
    const gate = job(outcome, 'find');
    expect(gate.steps[0]?.errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        `No security checks ran in release ${devRelease.runId} of dev, and quality-categories demands that they run and pass.`,
      ),
    ]);
    expect(outcome.jobs.filter((j) => j.result !== 'skipped').map((j) => j.path)).toEqual(['find']);
    expect(releasesOf('prod')).toEqual([]);
  });

  it('refuses to promote a release older than max-release-age', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const { outcome } = await promote({ 'max-release-age': '1s' });
    expect(job(outcome, 'find').steps[0]?.errors[0]?.message).toMatch(
      new RegExp(
        `Release ${devRelease.runId} of dev is \\d+ s old \\(made .+\\), older than max-release-age 1s\\.`,
      ),
    );
    expect(releasesOf('prod')).toEqual([]);
  });

  it('promotes exactly the release of dev to prod: its commit and image, the approval naming it', async () => {
    // main moves on after the release: the promotion still deploys the commit dev runs.
    await commitToCheckout(bed, { 'CHANGES.md': 'a change after the release\n' }, 'a later change');
    expect(bed.commit).not.toBe(releasedCommit);
    const { run, outcome } = await promote({
      'quality-categories': 'functionality',
      threshold: 100,
      'max-release-age': '72h',
    });
    expect(errorsOf(outcome)).toEqual([]);
    expect(outcome.result).toBe('success');
    expect(outcome.outputs).toMatchObject({ 'image-id': 'golden-dev-1', 'release-outcome': 'success' });
    // No image was built: the release's own reached the VMs.
    expect(outcome.jobs.find((j) => j.path === 'deploy / image')?.result).toBe('skipped');
    expect(await motd('prod', 'web-3')).toContain('image: golden-dev-1');

    const [manifestFile] = (await filesOfArtifact(run, 'iac-plan-vms')).filter((f) =>
      f.path.endsWith('manifest.json'),
    );
    const manifest = JSON.parse(manifestFile?.bytes.toString('utf8') ?? '{}') as {
      commit: string;
      source: Record<string, unknown>;
    };
    expect(manifest.commit).toBe(releasedCommit);
    const [devDeployment] = releasesOf('dev');
    expect(manifest.source).toMatchObject({
      kind: 'promotion',
      environment: 'dev',
      runId: devRelease.runId,
      deploymentId: devDeployment?.id,
      commit: releasedCommit,
      imageVariable: { name: 'image_id', value: 'golden-dev-1' },
    });
    const [approval] = (await filesOfArtifact(run, 'iac-approval-vms')).filter((f) =>
      f.path.endsWith('.json'),
    );
    expect(JSON.parse(approval?.bytes.toString('utf8') ?? '{}')).toMatchObject({
      environment: 'prod',
      status: 'approved',
      source: {
        kind: 'promotion',
        environment: 'dev',
        runId: devRelease.runId,
        deploymentId: devDeployment?.id,
      },
    });

    const sentence = new RegExp(
      `Promotes release ${devRelease.runId} of dev \\(commit ${releasedCommit.slice(0, 12)}, image golden-dev-1, smoke (\\d+)/\\1, age \\d+ (s|min)\\)`,
    );
    expect(summaryOf(job(outcome, 'deploy / wave-2 / plan', 'vms'))).toMatch(sentence);
    expect(summaryOf(job(outcome, 'find'))).toMatch(sentence);
    expect(await reportOf(run)).toMatch(sentence);

    const [release] = releasesOf('prod');
    expect(release).toMatchObject({
      sha: releasedCommit,
      states: ['in_progress', 'success'],
      release: {
        commit: releasedCommit,
        outcome: 'success',
        image: { name: 'golden-dev-1' },
        source: { kind: 'promotion', environment: 'dev', runId: devRelease.runId },
      },
    });
    prodRelease = release?.id ?? 0;
    promotion = run;
  });

  it("refuses to apply a promotion bundle whose image is not the release's, however well it is sealed", async () => {
    // Someone plans prod with another image and dresses the bundle as the promotion: the binding copied
    // from the real promotion, the digest recomputed, and the digest passed as the approved one.
    const run = new WorkflowRun({
      results: bed.results,
      apiUrl: bed.api.url,
      repository: REPOSITORY,
      root: join(bed.root, 'run-tamper'),
      sha: releasedCommit,
    });
    bed.api.addToken(run.token, BOT);
    bed.runs.push(run);
    const credentials = exampleSecrets(bed);
    const env = {
      AWS_ACCESS_KEY_ID: credentials['aws-access-key-id'] ?? '',
      AWS_SECRET_ACCESS_KEY: credentials['aws-secret-access-key'] ?? '',
    };
    const checkoutAt = async (job: Job) => {
      await cp(bed.checkout, job.workspace, { recursive: true });
      await promisify(execFile)('git', ['checkout', '--quiet', '--force', '--detach', releasedCommit], {
        cwd: job.workspace,
      });
    };
    const stack = {
      'working-directory': 'examples/infra',
      stack: 'vms',
      'backend-config': backendConfig(bed, 'vms', 'prod'),
    };
    const plan = await run.job('plan');
    await checkoutAt(plan);
    const planned = await plan.step('tf-plan', {
      with: {
        ...stack,
        environment: 'prod',
        'var-files': `examples/infra/env/prod.tfvars\n${PROD_HOSTS_VAR_FILE}`,
        vars: `db_password=${DB_PASSWORD}\nimage_id=golden-evil`,
        comment: 'false',
      },
      env,
    });
    expect(planned.errors).toEqual([]);

    const tamper = await run.job('tamper');
    await tamper.step('probe:artifact', { with: { mode: 'download', name: 'iac-plan-vms', path: '.' } });
    const [promoted] = (await filesOfArtifact(promotion, 'iac-plan-vms')).filter((f) =>
      f.path.endsWith('manifest.json'),
    );
    const manifestPath = join(tamper.workspace, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown> & {
      tool: { name: 'tofu'; version: string };
      files: Record<string, string>;
    };
    manifest.source = (JSON.parse(promoted?.bytes.toString('utf8') ?? '{}') as { source: unknown }).source;
    const digest = planDigest({
      planfile: await readFile(join(tamper.workspace, 'tfplan')),
      lockFile:
        '.terraform.lock.hcl' in manifest.files
          ? await readFile(join(tamper.workspace, '.terraform.lock.hcl'))
          : undefined,
      stack: 'vms',
      workingDirectory: 'examples/infra',
      workspace: 'default',
      toolName: manifest.tool.name,
      toolMajor: Number(manifest.tool.version.split('.')[0]),
      backend: manifest.backend as never,
      source: manifest.source as never,
    });
    manifest.planDigest = digest;
    await writeFile(manifestPath, JSON.stringify(manifest));
    const names = (await readdir(tamper.workspace)).join('\n');
    await tamper.step('probe:artifact', { with: { mode: 'upload', name: 'tampered', path: names } });

    const apply = await run.job('apply');
    await checkoutAt(apply);
    const applied = await apply.step('tf-apply', {
      with: {
        ...stack,
        'plan-artifact': 'tampered',
        'expected-plan-digest': digest,
        'github-token': run.token,
      },
      env,
    });
    expect(applied.exitCode).toBe(1);
    expect(applied.errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        `Refusing to apply this promotion of release ${devRelease.runId} of dev: The plan gives image_id "golden-evil", but release ${devRelease.runId} of dev runs image "golden-dev-1".`,
      ),
    ]);
    expect(await motd('prod', 'web-3')).toContain('image: golden-dev-1');
  });

  it('records a bad prod release as failed and starts exactly one rollback to the release before it', async () => {
    dispatchesBefore = bed.api.state.dispatches.length;
    const runId = 600_001;
    const { outcome } = await runPipeline(bed, {
      inputs: {
        ...(await exampleInputs(bed, { environment: 'prod' })),
        'image-name': 'golden-bad',
        stacks: exampleStacks(bed, { environment: 'prod', checks: FAILING_CHECKS }),
        'on-smoke-failure': 'rollback',
      },
      secrets: exampleSecrets(bed, { environment: 'prod' }),
      run: { sha: bed.commit, runId },
      hooks: { environment: reviewedBy(bed, 'maint1', runId, 'restore it') },
    });
    expect(outcome.result).toBe('failure');
    expect(await motd('prod', 'web-3')).toContain('image: golden-bad');
    const [bad] = releasesOf('prod');
    expect(bad).toMatchObject({
      states: ['in_progress', 'failure'],
      release: { runId, outcome: 'failure', image: { name: 'golden-bad' } },
    });
    expect(bed.api.state.dispatches.slice(dispatchesBefore)).toEqual([
      expect.objectContaining({
        workflow: 'rollback.yml',
        ref: 'main',
        inputs: { environment: 'prod', to: `deployment:${prodRelease}` },
      }),
    ]);
    expect(outcome.outputs['release-outcome']).toBe('failure');
  });

  it('rolls prod back: the previous image on the hosts, the bad release inactive, the time to restore', async () => {
    const dispatched = bed.api.state.dispatches.at(-1)?.inputs as Record<string, string>;
    const { run, outcome } = await rollback(dispatched);
    expect(errorsOf(outcome)).toEqual([]);
    expect(outcome.result).toBe('success');
    expect(await motd('prod', 'web-3')).toContain('image: golden-dev-1');

    const [restored, bad] = releasesOf('prod');
    expect(restored).toMatchObject({
      states: ['in_progress', 'success'],
      release: {
        runId: run.runId,
        outcome: 'success',
        image: { name: 'golden-dev-1' },
        source: { kind: 'rollback', environment: 'prod', deploymentId: prodRelease, runId: promotion.runId },
      },
    });
    expect(restored?.release.timeToRestore?.seconds).toBeGreaterThan(0);
    expect(bad?.states).toEqual(['in_progress', 'failure', 'inactive']);

    // The same gate as any change: the VMs are replaced, so prod's reviewers approved it.
    const [approval] = (await filesOfArtifact(run, 'iac-approval-vms')).filter((f) =>
      f.path.endsWith('.json'),
    );
    expect(JSON.parse(approval?.bytes.toString('utf8') ?? '{}')).toMatchObject({
      decidedBy: 'environment',
      source: { kind: 'rollback', deploymentId: prodRelease },
    });
    const sentence = `Rollback of prod to release ${promotion.runId} of prod (commit ${releasedCommit.slice(0, 12)}, image golden-dev-1`;
    expect(summaryOf(job(outcome, 'deploy / wave-2 / plan', 'vms'))).toContain(sentence);
    const report = await reportOf(run);
    expect(report).toContain(sentence);
    expect(report).toMatch(/Time to restore: \*{0,2}\d+ (s|min)/);
  });

  it('starts no rollback when a rollback fails its smoke tests', async () => {
    const before = bed.api.state.dispatches.length;
    // In a hurry, through the emergency override: recorded loudly, as anywhere else.
    const { run, outcome } = await rollback(
      {
        to: 'previous',
        'on-smoke-failure': 'rollback',
        override: 'prod is down, restoring the last good release',
        'override-users': 'maint1',
      },
      { checks: FAILING_CHECKS, runId: 600_003 },
    );
    expect(outcome.result).toBe('failure');
    const [approval] = (await filesOfArtifact(run, 'iac-approval-vms')).filter((f) =>
      f.path.endsWith('.json'),
    );
    expect(JSON.parse(approval?.bytes.toString('utf8') ?? '{}')).toMatchObject({
      decidedBy: 'override',
      override: {
        by: 'maint1',
        accepted: true,
        justification: 'prod is down, restoring the last good release',
      },
      source: { kind: 'rollback' },
    });
    expect(
      job(outcome, 'deploy / wave-2 / approve', 'vms').steps[0]?.warnings.map((w) => w.properties.title),
    ).toContain('Approval overridden');
    expect(releasesOf('prod')[0]?.release).toMatchObject({
      outcome: 'failure',
      source: { kind: 'rollback' },
    });
    expect(bed.api.state.dispatches.length).toBe(before);
    const record = job(outcome, 'deploy / release');
    expect(record.steps[0]?.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('a rollback does not start another'),
    ]);
  });

  it('refuses a rollback whose var files no longer hash as the release recorded, naming them', async () => {
    const tfvars = join(bed.checkout, 'examples/network/env/prod.tfvars');
    await commitToCheckout(
      bed,
      { 'examples/network/env/prod.tfvars': `${await readFile(tfvars, 'utf8')}# changed since\n` },
      'prod network vars changed',
    );
    const { outcome } = await rollback({ to: 'previous', scope: 'image' }, { runId: 600_004 });
    expect(outcome.result).toBe('failure');
    const plan = job(outcome, 'deploy / wave-1 / plan', 'network');
    expect(plan.steps.flatMap((s) => s.errors.map((e) => e.message))).toEqual([
      expect.stringMatching(
        /^Refusing to roll back to release \d+ of prod: a var file no longer hashes as the release recorded, so the plan would not be the release's: examples\/network\/env\/prod\.tfvars \(stack network\) has sha256 [0-9a-f]{12}…, not [0-9a-f]{12}…\./,
      ),
    ]);
  });

  it("refuses to promote dev when dev's newest release failed its smoke tests", async () => {
    const failed = await deployDev({ image: 'golden-dev-1', checks: FAILING_CHECKS });
    expect(releasesOf('dev')[0]?.release).toMatchObject({ runId: failed.runId, outcome: 'failure' });
    const { outcome } = await promote({ 'quality-categories': 'functionality' });
    const message = job(outcome, 'find').steps[0]?.errors[0]?.message ?? '';
    expect(message).toContain(
      `The newest release of dev (release ${failed.runId} of dev, deployment ${releasesOf('dev')[0]?.id}) is failure (Smoke tests failed for stack vms)`,
    );
    expect(message).toMatch(
      new RegExp(
        `Smoke tests failed for stack vms in release ${failed.runId} of dev \\(\\d+ of \\d+ checks passed\\)`,
      ),
    );
    expect(outcome.jobs.filter((j) => j.result !== 'skipped').map((j) => j.path)).toEqual(['find']);
  });
});
