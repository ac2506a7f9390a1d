/**
 * `npm run demo`: deploys the example of examples/ to dev through .github/workflows/iac-pipeline.yml on
 * this machine, in the order of the workflow's job graph: Packer builds the image, OpenTofu plans and
 * applies the network and then the VMs, the approval gate approves by policy, Ansible configures the VMs
 * (sshd hosts on 127.0.0.1), the smoke tests check them, and the report action writes its report. The
 * artifact service and the GitHub API are the test suite's stand-ins; every stage is the bundled action
 * a runner would run. It ends by printing where the report is.
 *
 * The state lives in local files by default. `npm run demo -- --backend s3` keeps it in S3 instead: it
 * starts versitygw (a real S3 server) on loopback, makes a bucket, turns each stack's `backend "local"` into
 * `backend "s3"` with the override examples/backends/s3 ships, gives each stack its own key, and passes the
 * bucket's credentials as the workflow's secrets; at the end it says where each stack's state was.
 *
 * `npm run demo -- --promote` (with either backend) goes on to releases, on a bed with prod hosts too: it
 * deploys dev, promotes dev's release to prod through iac-promote.yml, deploys a second image to prod,
 * which replaces the VMs and so waits for prod's reviewer, and rolls prod back to the release before
 * through iac-rollback.yml. After each stage it prints the release the stand-in's deployments now hold,
 * the promotion or rollback it was, and the image the prod hosts run.
 */
import { existsSync } from 'node:fs';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  DEV_VMS,
  commitToCheckout,
  EXAMPLE_BACKENDS,
  EXAMPLE_STACKS,
  PROD_VMS,
  exampleInputs,
  exampleSecrets,
  exampleStacks,
  prodHostName,
  reviewedBy,
  startExampleBed,
  runPipeline,
  stateKey,
  type ExampleBackend,
  type ExampleBed,
  type ExampleEnvironment,
  type ExampleStack,
  type PipelineRunOptions,
} from '../test/support/example-pipeline.js';
import type { StepResult, WorkflowRun } from '../test/support/runner/runner.js';
import type { JobRecord, PipelineHooks, WorkflowOutcome } from '../test/support/runner/workflow.js';
import type { SshHosts } from '../test/support/ssh-hosts.js';
import { versitygw } from '../test/support/s3-server.js';
import { repoRoot, tofu } from '../test/support/tools.js';
import { RELEASE_SCHEMA, type Release } from '../src/contracts/release.js';
import { describeSource, releaseName } from '../src/releases/promotion.js';
import { formatDuration } from '../src/report/markdown.js';

const MARK: Record<JobRecord['result'], string> = {
  success: '✓',
  failure: '✗',
  skipped: '–',
  cancelled: '✗',
};

interface DemoArguments {
  backend: ExampleBackend;
  /** Dev, then the promotion to prod, a second prod deploy and the rollback of it. */
  promote: boolean;
}

/** `--backend s3`, `--backend=s3` or nothing (local), and `--promote`; anything else is a usage error, as a message. */
function parseArguments(args: readonly string[]): DemoArguments | { error: string } {
  let backend: ExampleBackend = 'local';
  let promote = false;
  const choices = EXAMPLE_BACKENDS.join(' or ');
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--promote') {
      promote = true;
      continue;
    }
    const value = arg === '--backend' ? args[++index] : /^--backend=(.*)$/s.exec(arg)?.[1];
    if (value === undefined) {
      return {
        error: arg === '--backend' ? `--backend needs a value: ${choices}` : `unknown argument ${arg}`,
      };
    }
    if (!(EXAMPLE_BACKENDS as readonly string[]).includes(value)) {
      return { error: `unknown --backend ${JSON.stringify(value)}: the demo keeps the state in ${choices}` };
    }
    backend = value as ExampleBackend;
  }
  return { backend, promote };
}

function missingTools(backend: ExampleBackend): string[] {
  const missing: string[] = [];
  try {
    if (!existsSync(tofu())) missing.push('OpenTofu');
  } catch {
    missing.push('OpenTofu');
  }
  const onPath = (command: string) =>
    (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, command)));
  for (const [command, name] of [
    ['packer', 'Packer'],
    ['ansible-playbook', 'ansible-core'],
    ['ssh', 'OpenSSH client'],
  ] as const) {
    if (!onPath(command)) missing.push(name);
  }
  if (!existsSync('/usr/sbin/sshd')) missing.push('OpenSSH server');
  if (backend === 's3') {
    try {
      versitygw();
    } catch {
      missing.push('versitygw');
    }
  }
  if (!existsSync(join(repoRoot, 'node_modules', '@actions', 'artifact')))
    missing.push('node_modules (npm ci)');
  if (!existsSync(join(repoRoot, 'dist', 'tf-plan', 'index.js'))) missing.push('dist/ (npm run build)');
  return missing;
}

/**
 * Where each stack's state is, once the run is over. versitygw's directory goes when the server stops, so
 * the objects are copied into the demo's directory first, where they stay with the jobs' directories.
 * With more than one environment each line names its environment too.
 */
async function describeState(
  bed: ExampleBed,
  root: string,
  environments: readonly ExampleEnvironment[] = ['dev'],
): Promise<string[]> {
  const stacks = Object.keys(EXAMPLE_STACKS) as ExampleStack[];
  const each = environments.flatMap((environment) => stacks.map((stack) => ({ environment, stack })));
  const label = (environment: ExampleEnvironment, stack: ExampleStack) =>
    environments.length > 1 ? `${environment} ${stack}` : stack;
  if (!bed.s3) {
    const files = each.map(
      ({ environment, stack }) =>
        `  ${label(environment, stack)}: ${join(bed.stateDir, `${stack}-${environment}.tfstate`)}`,
    );
    return ['The state, in local files:', ...files];
  }
  const { server, bucket } = bed.s3;
  const lines = [
    `The state, in S3 at ${server.endpoint} (versitygw, stopped with the demo), bucket ${bucket.name}:`,
  ];
  for (const { environment, stack } of each) {
    const key = stateKey(stack, environment);
    const state = await bucket.state(key);
    if (!state) {
      lines.push(`  ${label(environment, stack)}: s3://${bucket.name}/${key}, no state`);
      continue;
    }
    const copy = join(root, 's3', bucket.name, key);
    await mkdir(dirname(copy), { recursive: true });
    await copyFile(bucket.objectPath(key), copy);
    const instances = state.resources.reduce((sum, resource) => sum + resource.instances.length, 0);
    const count = `${instances} resource${instances === 1 ? '' : 's'}`;
    lines.push(
      `  ${label(environment, stack)}: s3://${bucket.name}/${key}, serial ${state.serial}, ${count}`,
    );
    lines.push(`      copied to ${copy}`);
  }
  return lines;
}

/** Hooks that print each job as it ends: its mark, its name, how long it took, and its errors under it. */
function jobPrinter(): Pick<PipelineHooks, 'onJobStart' | 'onJobEnd'> {
  const began = new Map<string, number>();
  return {
    onJobStart: ({ path, name }) => {
      began.set(`${path}:${name}`, Date.now());
      // A line that the job's result overwrites, on a terminal only: a log keeps one line per job.
      if (process.stdout.isTTY) process.stdout.write(`  … ${name}\r`);
    },
    onJobEnd: (record) => {
      const since = began.get(`${record.path}:${record.name}`);
      const seconds = since === undefined ? '' : ` (${((Date.now() - since) / 1000).toFixed(1)} s)`;
      const errors = record.steps.flatMap((s) => s.errors.map((e) => e.message));
      const clear = process.stdout.isTTY ? '\x1b[2K' : '';
      process.stdout.write(`${clear}  ${MARK[record.result]} ${record.name}${seconds}\n`);
      for (const error of errors) console.log(`      ${error}`);
    },
  };
}

/** The report job's step that wrote the report: `report` of iac-pipeline.yml, `deploy / report` when called. */
function reportStep(outcome: WorkflowOutcome): StepResult | undefined {
  return outcome.jobs
    .filter((j) => j.path === 'report' || j.path.endsWith('/ report'))
    .flatMap((j) => j.steps)
    .find((s) => s.outputs['html-path']);
}

/** `Deployed in 35 s: 22/22 smoke checks passed.`, or the failure in the same words. */
function verdict(outcome: WorkflowOutcome, started: number, done: string, failed: string): string {
  const smoke = outcome.jobs
    .filter((j) => j.path.endsWith('/ smoke'))
    .flatMap((j) => j.steps)
    .find((s) => s.outputs.total);
  return (
    `${outcome.result === 'success' ? done : failed} in ${((Date.now() - started) / 1000).toFixed(0)} s` +
    (smoke ? `: ${smoke.outputs.passed}/${smoke.outputs.total} smoke checks passed.` : '.')
  );
}

/** The plain demo: one deploy of dev. */
async function deployDev(bed: ExampleBed, root: string): Promise<number> {
  const started = Date.now();
  const { outcome } = await runPipeline(bed, { hooks: jobPrinter() });
  const report = reportStep(outcome);
  console.log(`\n${verdict(outcome, started, 'Deployed', 'The deployment FAILED')}`);
  if (report) {
    console.log(`\nThe report: ${report.outputs['html-path']}`);
    console.log(`       JSON: ${report.outputs['json-path'] ?? ''}`);
    console.log(`    summary: ${join(root, 'report-summary.md')}`);
    await writeFile(join(root, 'report-summary.md'), report.summary);
  }
  console.log(`\n${(await describeState(bed, root)).join('\n')}`);
  return outcome.result === 'success' ? 0 : 1;
}

// ---- --promote: releases, promotion and rollback ----

/**
 * The run ids of the runs prod's reviewer approves: a review names its run, so they are fixed, and above
 * the harness's random ids (1 000 to 1 001 000), so that no other run of the demo can have them.
 */
const PROD_DEPLOY_RUN_ID = 2_000_001;
const ROLLBACK_RUN_ID = 2_000_002;
const REVIEWER = 'maint1';

interface RecordedRelease {
  deploymentId: number;
  record: Release;
  /** The deployment's statuses, oldest first: in_progress → success, later inactive. */
  states: string[];
}

/** The statuses of a deployment, oldest first, as the stand-in keeps them. */
function statesOf(bed: ExampleBed, deploymentId: number): string[] {
  return [...bed.api.state.deploymentStatuses.values()]
    .filter((s) => s.deploymentId === deploymentId)
    .sort((a, b) => a.id - b.id)
    .map((s) => s.state);
}

/** The environment's newest release: its newest deployment whose payload is a release record. */
function newestRelease(bed: ExampleBed, environment: string): RecordedRelease | undefined {
  const newest = [...bed.api.state.deployments.values()]
    .filter((d) => d.environment === environment)
    .filter((d) => (d.payload as { schema?: string } | null)?.schema === RELEASE_SCHEMA)
    .sort((a, b) => b.id - a.id)[0];
  if (!newest) return undefined;
  return { deploymentId: newest.id, record: newest.payload as Release, states: statesOf(bed, newest.id) };
}

/** Which image each host's etc/motd names (the Ansible base role writes it): `golden-dev-1 on web-1, …`. */
async function hostImages(hosts: SshHosts | undefined, names: readonly string[]): Promise<string> {
  if (!hosts) return 'no hosts';
  const byImage = new Map<string, string[]>();
  for (const name of names) {
    const motd = await readFile(join(hosts.host(name).root, 'etc', 'motd'), 'utf8').catch(() => '');
    const image = /^image: (.*)$/m.exec(motd)?.[1] ?? 'no image yet';
    byImage.set(image, [...(byImage.get(image) ?? []), name]);
  }
  return [...byImage].map(([image, on]) => `${image} on ${on.join(', ')}`).join('; ');
}

/** Who approved each stack's plan: the approval gate's `approvers`, none meaning its policy did. */
function approvals(outcome: WorkflowOutcome): string | undefined {
  const decided = outcome.jobs
    .filter((j) => j.path.endsWith('/ approve') && j.result !== 'skipped')
    .map((j) => {
      const raw = j.steps.find((s) => s.outputs.approvers !== undefined)?.outputs.approvers ?? '[]';
      // One entry per review, and the demo's reviewer reviews once per approve job of the run.
      const logins = new Set((JSON.parse(raw) as Array<{ login?: string }>).flatMap((a) => a.login ?? []));
      const by = logins.size > 0 ? [...logins].join(', ') : 'policy';
      return `${String(j.matrix?.stack ?? j.name)} by ${by}`;
    });
  return decided.length > 0 ? decided.join('; ') : undefined;
}

/**
 * prod's smoke checks in the demo: the example's, and a canary that the VMs run an image vetted in dev
 * (`golden-dev-*`), which the second prod deploy's golden-prod-2 fails, so that its release fails and
 * on-smoke-failure starts the rollback.
 */
const PROD_CHECKS = 'examples/smoke/prod-checks.yml';
async function commitProdChecks(bed: ExampleBed): Promise<void> {
  const checks = parseYaml(await readFile(join(bed.checkout, 'examples', 'smoke', 'checks.yml'), 'utf8')) as {
    checks: unknown[];
  };
  const canary = {
    name: 'vetted image',
    kind: 'ssh-command',
    category: 'functionality',
    group: 'web',
    command: 'grep "^image: " "$HOME/etc/motd"',
    output: '^image: golden-dev-',
    retries: 0,
  };
  await commitToCheckout(
    bed,
    { [PROD_CHECKS]: toYaml({ checks: [...checks.checks, canary] }) },
    'prod smoke checks: the image must be one vetted in dev',
  );
}

interface Stage {
  /** Names the stage's report summary file. */
  key: string;
  title: string;
  environment: ExampleEnvironment;
  done: string;
  failed: string;
  /** The result the stage shows off; `failure` for the bad release that starts the rollback. */
  expected?: 'success' | 'failure';
  run(hooks: Partial<PipelineHooks>): Promise<{ run: WorkflowRun; outcome: WorkflowOutcome }>;
}

/** The four runs of --promote, in order; each needs the one before it to have succeeded. */
function releaseStages(bed: ExampleBed): Stage[] {
  const run = { sha: bed.commit };
  const prodWith = async () => {
    const prod = await exampleInputs(bed, { environment: 'prod' });
    return { 'ssh-user': prod['ssh-user'] ?? '', 'known-hosts': prod['known-hosts'] ?? '' };
  };
  const prod = (options: PipelineRunOptions): PipelineRunOptions => ({
    ...options,
    secrets: exampleSecrets(bed, { environment: 'prod' }),
  });
  return [
    {
      key: 'dev',
      title: 'Deploy golden-dev-1 to dev (.github/workflows/iac-pipeline.yml)',
      environment: 'dev',
      done: 'Deployed',
      failed: 'The deployment FAILED',
      run: async (hooks) => runPipeline(bed, { run, hooks }),
    },
    {
      key: 'promotion',
      title: "Promote dev's release to prod (.github/workflows/iac-promote.yml)",
      environment: 'prod',
      done: 'Promoted',
      failed: 'The promotion FAILED',
      run: async (hooks) =>
        runPipeline(
          bed,
          prod({
            workflow: '.github/workflows/iac-promote.yml',
            inputs: {
              'promote-from': 'dev',
              environment: 'prod',
              stacks: exampleStacks(bed, { environment: 'prod' }),
              'quality-categories': 'functionality',
              threshold: 100,
              'max-release-age': '72h',
              'auto-approve-environments': 'dev,prod',
              ...(await prodWith()),
              'report-title': 'Promotion to prod',
            },
            run,
            hooks,
          }),
        ),
    },
    {
      key: 'prod',
      title: `Deploy golden-prod-2 to prod (.github/workflows/iac-pipeline.yml, on-smoke-failure: rollback): new VMs, so prod's reviewer ${REVIEWER} approves; the canary check fails`,
      environment: 'prod',
      done: 'Deployed',
      failed: 'The deployment failed its smoke tests, as the demo intends',
      expected: 'failure',
      run: async (hooks) =>
        runPipeline(
          bed,
          prod({
            inputs: {
              ...(await exampleInputs(bed, { environment: 'prod' })),
              stacks: exampleStacks(bed, { environment: 'prod', checks: PROD_CHECKS }),
              'image-name': 'golden-prod-2',
              'on-smoke-failure': 'rollback',
            },
            run: { ...run, runId: PROD_DEPLOY_RUN_ID },
            hooks: {
              ...hooks,
              environment: reviewedBy(bed, REVIEWER, PROD_DEPLOY_RUN_ID, 'reviewed in the demo'),
            },
          }),
        ),
    },
    {
      key: 'rollback',
      title: `Roll prod back as the release job asked (.github/workflows/iac-rollback.yml, workflow_dispatch), approved by ${REVIEWER}`,
      environment: 'prod',
      done: 'Rolled back',
      failed: 'The rollback FAILED',
      run: async (hooks) => {
        // What GitHub would start: the rollback workflow with the inputs the release job dispatched.
        const dispatched = bed.api.state.dispatches.at(-1);
        if (!dispatched) throw new Error('the bad release started no rollback');
        console.log(
          `  ${dispatched.workflow} started on ${dispatched.ref} with ${JSON.stringify(dispatched.inputs)}\n`,
        );
        return runPipeline(
          bed,
          prod({
            workflow: '.github/workflows/iac-rollback.yml',
            inputs: {
              ...(dispatched.inputs as Record<string, string>),
              stacks: exampleStacks(bed, { environment: 'prod', checks: PROD_CHECKS }),
              ...(await prodWith()),
              'report-title': 'Rollback of prod',
            },
            run: { ...run, runId: ROLLBACK_RUN_ID, eventName: 'workflow_dispatch', actor: REVIEWER },
            hooks: {
              ...hooks,
              environment: reviewedBy(bed, REVIEWER, ROLLBACK_RUN_ID, 'reviewed in the demo'),
            },
          }),
        );
      },
    },
  ];
}

/** What a stage left: its release, the promotion or rollback it was, its approvals, the hosts' images. */
async function describeStage(bed: ExampleBed, stage: Stage, outcome: WorkflowOutcome): Promise<string[]> {
  const lines: string[] = [];
  const found = newestRelease(bed, stage.environment);
  if (found) {
    const { record } = found;
    const image = record.image ? `image ${record.image.name}` : 'no image build';
    lines.push(
      `  recorded:  ${releaseName(record)} (deployment ${found.deploymentId}): commit ${record.commit.slice(0, 12)}, ${image}, ${record.outcome} (${found.states.join(' → ')})`,
    );
    if (record.failure) lines.push(`             ${record.failure}`);
    const sentence =
      outcome.jobs.find((j) => j.path === 'find')?.steps.find((s) => s.outputs.description)?.outputs
        .description ?? (record.source ? describeSource(record.source, Date.now()) : undefined);
    if (sentence) lines.push(`  source:    ${sentence}`);
    if (record.replaces) {
      const { deploymentId, runId, state } = record.replaces;
      lines.push(
        `  replaces:  release ${runId} of ${record.environment} (deployment ${deploymentId}), ${state} then, ${statesOf(bed, deploymentId).join(' → ')} now`,
      );
    }
  } else {
    lines.push(`  recorded:  no release of ${stage.environment}`);
  }
  const approved = approvals(outcome);
  if (approved) lines.push(`  approved:  ${approved}`);
  if (stage.environment === 'dev') lines.push(`  dev VMs:   ${await hostImages(bed.hosts, DEV_VMS)}`);
  lines.push(`  prod VMs:  ${await hostImages(bed.prodHosts, PROD_VMS.map(prodHostName))}`);
  return lines;
}

/** The rollback's time to restore, or why its record has none. */
function restoreLine(bed: ExampleBed): string {
  const release = newestRelease(bed, 'prod')?.record;
  if (release?.timeToRestore) {
    const { seconds, failedAt, restoredAt } = release.timeToRestore;
    return `Time to restore: ${formatDuration(seconds)} (from the failure at ${failedAt} to the restore at ${restoredAt}).`;
  }
  const replaced = release?.replaces;
  return replaced
    ? `No time to restore: the release the rollback replaced (release ${replaced.runId} of prod) was ${replaced.state}, not failed.`
    : 'No time to restore recorded.';
}

/** --promote: the four stages, each summed up, then the time to restore, the reports and the state. */
async function promoteDemo(bed: ExampleBed, root: string): Promise<number> {
  await commitProdChecks(bed);
  const stages = releaseStages(bed);
  const reports: string[] = [];
  let failed = false;
  for (const [index, stage] of stages.entries()) {
    console.log(`${index + 1}/${stages.length} ${stage.title}`);
    const started = Date.now();
    const { outcome } = await stage.run(jobPrinter());
    console.log(`\n  ${verdict(outcome, started, stage.done, stage.failed)}`);
    console.log(`${(await describeStage(bed, stage, outcome)).join('\n')}\n`);
    const report = reportStep(outcome);
    if (report) {
      const summary = join(root, `report-summary-${index + 1}-${stage.key}.md`);
      await writeFile(summary, report.summary);
      reports.push(
        `  ${index + 1}. ${stage.key}: ${report.outputs['html-path']}`,
        `       JSON: ${report.outputs['json-path'] ?? ''}`,
        `    summary: ${summary}`,
      );
    }
    if (outcome.result !== (stage.expected ?? 'success')) {
      failed = true;
      // Each stage deploys what the one before it recorded: after a failure the rest has nothing to go on.
      if (index + 1 < stages.length) console.log(`Stopped: stage ${index + 1} failed.\n`);
      break;
    }
  }
  if (!failed) console.log(restoreLine(bed));
  if (reports.length > 0) console.log(`\nThe reports:\n${reports.join('\n')}`);
  console.log(`\n${(await describeState(bed, root, ['dev', 'prod'])).join('\n')}`);
  return failed ? 1 : 0;
}

async function main(): Promise<number> {
  const parsed = parseArguments(process.argv.slice(2));
  if ('error' in parsed) {
    console.error(`npm run demo: ${parsed.error}`);
    return 2;
  }
  const { backend, promote } = parsed;
  const missing = missingTools(backend);
  if (missing.length > 0) {
    console.error(`The demo needs ${missing.join(', ')}. On a fresh machine run first:`);
    console.error('  bash scripts/install-tools.sh && npm ci');
    return 1;
  }
  const root = join(tmpdir(), `iac-pipeline-demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  console.log(
    promote
      ? 'iac-pipeline demo: the example deployed to dev, promoted to prod, replaced and rolled back,\n' +
          '  by .github/workflows/iac-pipeline.yml, iac-promote.yml and iac-rollback.yml'
      : 'iac-pipeline demo: the example deployed to dev by .github/workflows/iac-pipeline.yml',
  );
  console.log(`  working directory: ${root}`);
  const bed = await startExampleBed({ root, backend, prod: promote });
  console.log(
    bed.s3
      ? `  state: S3, bucket ${bed.s3.bucket.name} on versitygw at ${bed.s3.server.endpoint}\n`
      : `  state: local files in ${bed.stateDir}\n`,
  );
  try {
    return await (promote ? promoteDemo(bed, root) : deployDev(bed, root));
  } finally {
    // The jobs' directories stay, so that the report and every artifact can be opened afterwards.
    await bed.close({ keep: true });
  }
}

process.exitCode = await main();
