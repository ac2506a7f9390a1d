import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import {
  backendConfig,
  commitToCheckout,
  exampleInputs,
  exampleSecrets,
  exampleStacks,
  PROD_HOSTS_VAR_FILE,
  startExampleBed,
  stateKey,
  type ExampleBed,
} from '../support/example-pipeline.js';
import { condition, interpolate, interpolateString } from '../support/runner/expressions.js';
import { WorkflowRun } from '../support/runner/runner.js';
import { jobOrder, PipelineRunner } from '../support/runner/workflow.js';
import type { S3Bucket } from '../support/s3-server.js';
import { repoRoot } from '../support/tools.js';

const execFileAsync = promisify(execFile);

/** git as the tests' one committer, in a directory. */
const gitIn =
  (cwd: string) =>
  async (...args: string[]): Promise<string> =>
    (
      await execFileAsync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
        cwd,
      })
    ).stdout.trim();

/** The workflow interpreter the pipeline tests run on: GitHub's rules, so that a green run means something. */
describe('the workflow interpreter', () => {
  const contexts = {
    inputs: { stacks: '[{"stack":"a","checks":""}]', n: 2, empty: '' },
    needs: { waves: { result: 'success', outputs: { 'wave-2': '[]' } } },
    matrix: { stack: 'a', 'image-variable': 'image_id' },
    secrets: { 'tf-vars': '{"a":"x=1"}' },
  };
  const succeeded = { success: true, failure: false };
  const skippedNeed = { success: false, failure: false };
  const failedNeed = { success: false, failure: true };

  it('keeps the type of a value that is one expression, and makes strings of templates in text', () => {
    expect(interpolate('${{ fromJSON(inputs.stacks) }}', contexts)).toEqual([{ stack: 'a', checks: '' }]);
    expect(interpolate('${{ inputs.n }}', contexts)).toBe(2);
    expect(interpolateString('wave-${{ inputs.n }}-${{ matrix.stack }}', contexts)).toBe('wave-2-a');
    expect(interpolateString("${{ fromJSON(secrets.tf-vars || '{}')[matrix.stack] }}", contexts)).toBe('x=1');
    expect(interpolateString("${{ inputs.empty != '' && 'yes' || '' }}", contexts)).toBe('');
  });

  it('reads an if: without a status function as success() && (…), as GitHub does', () => {
    expect(condition(undefined, contexts, succeeded)).toBe(true);
    expect(condition(undefined, contexts, skippedNeed)).toBe(false);
    expect(condition("inputs.empty == ''", contexts, skippedNeed)).toBe(false);
    expect(condition("${{ inputs.empty == '' }}", contexts, succeeded)).toBe(true);
    expect(condition("needs.waves.outputs.wave-2 != '[]'", contexts, succeeded)).toBe(false);
  });

  it('runs always() and !cancelled() jobs after skipped or failed needs, and failure() only after a failure', () => {
    expect(condition('always()', contexts, failedNeed)).toBe(true);
    expect(condition("${{ !cancelled() && matrix.stack == 'a' }}", contexts, skippedNeed)).toBe(true);
    expect(condition('failure()', contexts, skippedNeed)).toBe(false);
    expect(condition('failure()', contexts, failedNeed)).toBe(true);
    expect(condition('success()', contexts, failedNeed)).toBe(false);
  });

  it('orders jobs by needs, file order among the ready ones, and refuses a cycle', () => {
    const jobs = (spec: Record<string, string[]>) => ({
      jobs: Object.fromEntries(Object.entries(spec).map(([id, needs]) => [id, { needs }])),
    });
    expect(jobOrder(jobs({ report: ['apply'], plan: [], apply: ['plan', 'image'], image: [] }))).toEqual([
      'plan',
      'image',
      'apply',
      'report',
    ]);
    expect(() => jobOrder(jobs({ a: ['b'], b: ['a'] }))).toThrow("the jobs' needs form a cycle: a, b");
  });
});

/** actions/checkout in the harness: a copy of the repository, at the step's `ref:` when it gives one. */
describe('the harness checkout', () => {
  let dir: string;
  let repository: string;
  let older: string;
  let newer: string;
  let runs = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iac-checkout-'));
    repository = join(dir, 'repository');
    await mkdir(repository);
    const git = gitIn(repository);
    await git('init', '-q');
    await writeFile(join(repository, 'config.txt'), 'first\n');
    await git('add', '.');
    await git('commit', '-q', '-m', 'first');
    older = await git('rev-parse', 'HEAD');
    await writeFile(join(repository, 'config.txt'), 'second\n');
    await git('commit', '-q', '-am', 'second');
    newer = await git('rev-parse', 'HEAD');
    // The suite's workflows check out the pull request's head, which is empty on a push.
    const checkout = [
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ref: ${{ github.event.pull_request.head.sha }}',
    ];
    await writeFile(
      join(dir, 'checkout.yml'),
      ['jobs:', '  deploy:', '    steps:', ...checkout, ''].join('\n'),
    );
    await writeFile(
      join(dir, 'checkout-then-plan.yml'),
      [
        'jobs:',
        '  deploy:',
        '    steps:',
        ...checkout,
        '      - uses: iac-pipeline/iac-pipeline/actions/tf-plan@v1',
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs one of the workflows above; the head commit is that of a pull_request event when given. */
  async function runCheckout(workflow: string, head?: string) {
    runs += 1;
    const run = new WorkflowRun({
      root: join(dir, `run-${runs}`),
      ...(head
        ? {
            eventName: 'pull_request',
            event: { number: 1, pull_request: { number: 1, head: { sha: head } } },
          }
        : {}),
    });
    // The harness reads workflows relative to this repository's root; these live in the test's directory.
    const outcome = await new PipelineRunner(run, { checkout: repository }).call({
      file: relative(repoRoot, join(dir, workflow)),
    });
    const [job] = outcome.jobs;
    const workspace = job?.job?.workspace ?? '';
    return { outcome, job, workspace };
  }

  it('copies the repository as it is when the ref is empty, as on a push', async () => {
    const { outcome, job, workspace } = await runCheckout('checkout.yml');
    expect(outcome.result).toBe('success');
    expect(job?.steps).toEqual([]);
    expect(await readFile(join(workspace, 'config.txt'), 'utf8')).toBe('second\n');
    expect(await gitIn(workspace)('rev-parse', 'HEAD')).toBe(newer);
  });

  it('checks out an older commit given as the ref, detached, with its files', async () => {
    const { outcome, job, workspace } = await runCheckout('checkout.yml', older);
    expect(outcome.result).toBe('success');
    expect(job?.steps).toEqual([]);
    expect(await readFile(join(workspace, 'config.txt'), 'utf8')).toBe('first\n');
    expect(await gitIn(workspace)('rev-parse', 'HEAD')).toBe(older);
    await expect(gitIn(workspace)('symbolic-ref', '-q', 'HEAD')).rejects.toThrow();
    // The repository the jobs copy stays at its newest commit.
    expect(await readFile(join(repository, 'config.txt'), 'utf8')).toBe('second\n');
  });

  it('fails the step, and so the job, when the ref is not in the repository; later steps do not run', async () => {
    const missing = 'f'.repeat(40);
    const { outcome, job } = await runCheckout('checkout-then-plan.yml', missing);
    expect(outcome.result).toBe('failure');
    expect(job?.result).toBe('failure');
    expect(job?.steps).toHaveLength(1);
    expect(job?.steps[0]).toMatchObject({ id: '__checkout_1', exitCode: 1 });
    expect(job?.steps[0]?.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          `actions/checkout: the ref ${missing} does not exist in the repository`,
        ),
      }),
    ]);
  });

  it('refuses a ref that git would read as an option', async () => {
    const { outcome, job } = await runCheckout('checkout.yml', '--orphan=x');
    expect(outcome.result).toBe('failure');
    expect(job?.steps[0]?.errors[0]?.message).toBe(
      'actions/checkout: the ref --orphan=x does not exist in the repository',
    );
  });
});

/** The example's stacks per environment, on a bed that needs no servers: only where its state lives. */
describe("the example's stacks", () => {
  const local = { stateDir: '/beds/state' } as ExampleBed;
  const bucket = { backendConfig: (key?: string) => `bucket=example-tfstate\nkey=${key}` } as S3Bucket;
  const onS3 = { stateDir: '', s3: { bucket } } as ExampleBed;

  it('are those of dev by default, as before prod existed', () => {
    expect(stateKey('vms')).toBe('dev/vms.tfstate');
    expect(backendConfig(local, 'network')).toBe('path=/beds/state/network-dev.tfstate');
    expect(exampleStacks(local, { checks: 'examples/smoke/failing.yml' })).toBe(
      JSON.stringify([
        {
          stack: 'network',
          directory: 'examples/network',
          'var-files': 'examples/network/env/dev.tfvars',
          'backend-config': 'path=/beds/state/network-dev.tfstate',
        },
        {
          stack: 'vms',
          directory: 'examples/infra',
          'depends-on': ['network'],
          'var-files': 'examples/infra/env/dev.tfvars',
          'backend-config': 'path=/beds/state/vms-dev.tfstate',
          'image-variable': 'image_id',
          playbook: 'examples/ansible/site.yml',
          checks: 'examples/smoke/failing.yml',
        },
      ]),
    );
  });

  it("name prod, with prod's var-files, the prod hosts after them, and state of their own", () => {
    expect(JSON.parse(exampleStacks(local, { environment: 'prod' }))).toEqual([
      {
        stack: 'network',
        directory: 'examples/network',
        environment: 'prod',
        'var-files': 'examples/network/env/prod.tfvars',
        'backend-config': 'path=/beds/state/network-prod.tfstate',
      },
      {
        stack: 'vms',
        directory: 'examples/infra',
        environment: 'prod',
        'depends-on': ['network'],
        'var-files': 'examples/infra/env/prod.tfvars\nexamples/infra/env/testbed-prod.tfvars.json',
        'backend-config': 'path=/beds/state/vms-prod.tfstate',
        'image-variable': 'image_id',
        playbook: 'examples/ansible/site.yml',
        checks: 'examples/smoke/checks.yml',
      },
    ]);
    const onS3Stacks = JSON.parse(exampleStacks(onS3, { environment: 'prod' })) as Array<
      Record<string, string>
    >;
    expect(onS3Stacks.map((stack) => stack['backend-config'])).toEqual([
      'bucket=example-tfstate\nkey=prod/network.tfstate',
      'bucket=example-tfstate\nkey=prod/vms.tfstate',
    ]);
  });
});

/** The bed with prod hosts: real sshd hosts, as test/unit/ssh-hosts.test.ts starts them. */
describe('the example bed with prod', () => {
  let bed: ExampleBed;
  let first: string;
  let closed = false;

  beforeAll(async () => {
    bed = await startExampleBed({ prod: true });
    first = bed.commit;
  });

  afterAll(async () => {
    if (!closed) await bed.close();
  });

  it('starts five prod hosts in the groups web and db, and commits their endpoints', async () => {
    const prod = bed.prodHosts;
    expect(prod?.hosts.map((host) => host.name)).toEqual([
      'prod-web-1',
      'prod-web-2',
      'prod-web-3',
      'prod-db-1',
      'prod-db-2',
    ]);
    const groups = prod?.inventory().all.children ?? {};
    expect(Object.keys(groups.web?.hosts ?? {})).toEqual(['prod-web-1', 'prod-web-2', 'prod-web-3']);
    expect(Object.keys(groups.db?.hosts ?? {})).toEqual(['prod-db-1', 'prod-db-2']);

    const git = gitIn(bed.checkout);
    expect(await git('status', '--porcelain')).toBe('');
    const committed = JSON.parse(await git('show', `${first}:${PROD_HOSTS_VAR_FILE}`)) as unknown;
    const port = (name: string) => prod?.host(name).port;
    expect(committed).toEqual({
      hosts: {
        'web-1': { address: '127.0.0.1', port: port('prod-web-1') },
        'web-2': { address: '127.0.0.1', port: port('prod-web-2') },
        'web-3': { address: '127.0.0.1', port: port('prod-web-3') },
        'db-1': { address: '127.0.0.1', port: port('prod-db-1') },
        'db-2': { address: '127.0.0.1', port: port('prod-db-2') },
      },
    });
    // The dev hosts are a var file of their own too: tofu would load an auto file at apply time as well.
    const dev = JSON.parse(await git('show', `${first}:examples/infra/env/testbed-dev.tfvars.json`)) as {
      hosts: Record<string, unknown>;
    };
    expect(Object.keys(dev.hosts)).toEqual(['web-1', 'web-2', 'db-1']);
  });

  it("gives prod's inputs the host keys of both host sets, and its secrets the prod hosts' key", async () => {
    const devKeys = await readFile(bed.hosts.knownHostsPath, 'utf8');
    const prodKeys = await readFile(bed.prodHosts?.knownHostsPath ?? '', 'utf8');
    const prod = await exampleInputs(bed, { environment: 'prod' });
    expect(prod).toMatchObject({
      stacks: exampleStacks(bed, { environment: 'prod' }),
      environment: 'prod',
      'auto-approve-environments': 'dev,prod',
      'known-hosts': devKeys + prodKeys,
      'report-title': 'Example deployment to prod',
    });
    expect(await exampleInputs(bed)).toMatchObject({
      stacks: exampleStacks(bed),
      environment: 'dev',
      'auto-approve-environments': 'dev',
      'known-hosts': devKeys,
      'report-title': 'Example deployment to dev',
    });
    expect(exampleSecrets(bed, { environment: 'prod' })['ssh-private-key']).toBe(bed.prodHosts?.privateKey);
    expect(exampleSecrets(bed)['ssh-private-key']).toBe(bed.hosts.privateKey);
  });

  it('commits new files on top of the example: bed.commit is the new HEAD, the old commit keeps its files', async () => {
    const git = gitIn(bed.checkout);
    const file = 'examples/network/env/dev.tfvars';
    const before = await readFile(join(bed.checkout, file), 'utf8');
    const second = await commitToCheckout(
      bed,
      { [file]: `${before}# a second commit\n`, 'notes/added.txt': 'new\n' },
      'a second commit',
    );
    expect(second).not.toBe(first);
    expect(bed.commit).toBe(second);
    expect(await git('rev-parse', 'HEAD')).toBe(second);
    expect(await git('rev-parse', 'HEAD^')).toBe(first);
    expect(await git('log', '-1', '--format=%s%n%an <%ae>')).toBe(
      'a second commit\niac-pipeline <demo@example.com>',
    );
    expect(await git('status', '--porcelain')).toBe('');
    expect(await git('show', `${first}:${file}`)).toBe(before.trim());
    expect(await git('show', `${second}:notes/added.txt`)).toBe('new');
    await expect(commitToCheckout(bed, { '../outside.txt': 'x' }, 'outside')).rejects.toThrow(
      'commitToCheckout writes inside the checkout only, not ../outside.txt',
    );
  });

  it('stops the prod hosts when it closes', async () => {
    await bed.close();
    closed = true;
    expect(bed.prodHosts?.isRunning('prod-web-1')).toBe(false);
    expect(bed.hosts.isRunning('web-1')).toBe(false);
  });
});
