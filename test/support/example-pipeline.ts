import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { artifactsOfRuns, jobsOfRuns } from './artifact-bridge.js';
import { startGitHubApi, type GitHubApi } from './github-api.js';
import { startResultsService, type ResultsService } from './results-service.js';
import { WorkflowRun, type Job, type WorkflowRunOptions } from './runner/runner.js';
import { PipelineRunner, type PipelineHooks, type WorkflowOutcome } from './runner/workflow.js';
import { startS3Server, type S3Bucket, type S3Server } from './s3-server.js';
import { startSshHosts, type SshHosts } from './ssh-hosts.js';
import { pinnedVersions, repoRoot, tofu } from './tools.js';

/**
 * The example of examples/ deployed by .github/workflows/iac-pipeline.yml on this machine: the runner
 * harness runs the workflow's job graph, the artifact service and GitHub are the stand-ins, and the VMs
 * are sshd test-bed hosts on 127.0.0.1. The end-to-end tests and `npm run demo` both drive it.
 */

const execFileAsync = promisify(execFile);

export const REPOSITORY = 'octo-org/infra';
export const BOT = 'github-actions[bot]';
export const DEV_VMS = ['web-1', 'web-2', 'db-1'];
/** What examples/infra/env/prod.tfvars asks for: three web VMs and two databases. */
export const PROD_VMS = ['web-1', 'web-2', 'web-3', 'db-1', 'db-2'];
/** The test-bed host of a prod VM: its own sshd, named apart from the dev VM of the same name. */
export const prodHostName = (vm: string): string => `prod-${vm}`;
export const DB_PASSWORD = 'example-Db-Secret-4f2a';

/** Where the example's state lives: a directory the jobs share by path, or S3 (versitygw on loopback). */
export type ExampleBackend = 'local' | 's3';
export const EXAMPLE_BACKENDS: readonly ExampleBackend[] = ['local', 's3'];

/** The example's stacks, by their directories under examples/. */
export const EXAMPLE_STACKS = { network: 'network', vms: 'infra' } as const;
export type ExampleStack = keyof typeof EXAMPLE_STACKS;

/** The shipped override that turns a stack's `backend "local" {}` into `backend "s3" {}`. */
export const S3_OVERRIDE = join('examples', 'backends', 's3', 'backend_override.tf');

/** The environments the example ships var-files for (examples/<stack>/env/<environment>.tfvars). */
export type ExampleEnvironment = 'dev' | 'prod';

/**
 * The VMs' SSH endpoints in a bed with prod hosts: a var file per environment, given after its tfvars.
 * Without prod hosts the dev endpoints are testbed.auto.tfvars.json, which tofu loads on its own; with
 * them that file cannot be, since tofu loads it at apply time too and refuses a planfile whose `hosts`
 * came from another file ("Mismatch between input and plan variable value").
 */
export const PROD_HOSTS_VAR_FILE = 'examples/infra/env/testbed-prod.tfvars.json';
export const DEV_HOSTS_VAR_FILE = 'examples/infra/env/testbed-dev.tfvars.json';
const AUTO_HOSTS_FILE = join('examples', 'infra', 'testbed.auto.tfvars.json');

/** Each stack's var-files per environment, as the stacks input takes them (one path a line). */
const VAR_FILES: Record<ExampleEnvironment, Record<ExampleStack, string>> = {
  dev: { network: 'examples/network/env/dev.tfvars', vms: 'examples/infra/env/dev.tfvars' },
  prod: {
    network: 'examples/network/env/prod.tfvars',
    vms: `examples/infra/env/prod.tfvars\n${PROD_HOSTS_VAR_FILE}`,
  },
};

/** The S3 key of a stack's state: one key per stack and environment, so each has its own lock file. */
export const stateKey = (stack: ExampleStack, environment: ExampleEnvironment = 'dev'): string =>
  `${environment}/${stack}.tfstate`;

export interface ExampleS3 {
  server: S3Server;
  bucket: S3Bucket;
}

export interface ExampleBed {
  results: ResultsService;
  api: GitHubApi;
  hosts: SshHosts;
  /** The prod VMs (prod-web-1, ...), with a client key of their own; only on a bed started with prod. */
  prodHosts?: SshHosts;
  /** Holds the checkout, the state and every run's jobs. */
  root: string;
  /** What actions/checkout copies: the example as a git repository of its own. */
  checkout: string;
  /** The commit the checkout holds (its HEAD): what tf-plan and tf-apply record and compare. */
  commit: string;
  backend: ExampleBackend;
  /** The local backend's directory, outside every job's workspace (empty on S3). */
  stateDir: string;
  /** The S3 server and the bucket that hold the state, on the S3 backend. */
  s3?: ExampleS3;
  runs: WorkflowRun[];
  /** Stops the servers (versitygw's directory goes with it); keep leaves the jobs' directories. */
  close(options?: { keep?: boolean }): Promise<void>;
}

/** git in the checkout, as the example's one committer. */
function checkoutGit(checkout: string): (args: string[]) => Promise<{ stdout: string }> {
  return (args) =>
    execFileAsync('git', ['-c', 'user.name=iac-pipeline', '-c', 'user.email=demo@example.com', ...args], {
      cwd: checkout,
    });
}

/** A var-file of the VMs' `hosts` variable: where each VM answers SSH in this test bed. */
function hostsVarFile(hosts: SshHosts, vms: readonly string[], hostName: (vm: string) => string): string {
  const endpoints = Object.fromEntries(
    vms.map((name) => [name, { address: '127.0.0.1', port: hosts.host(hostName(name)).port }]),
  );
  return `${JSON.stringify({ hosts: endpoints }, null, 2)}\n`;
}

/**
 * The repository the pipeline checks out: examples/, the tool versions, and the test bed's SSH endpoints,
 * committed, so that the jobs find the commit they plan and apply with git, as after actions/checkout.
 */
async function writeCheckout(
  checkout: string,
  hosts: SshHosts,
  backend: ExampleBackend,
  prodHosts: SshHosts | undefined,
): Promise<string> {
  await cp(join(repoRoot, 'examples'), join(checkout, 'examples'), {
    recursive: true,
    filter: (source) => !/\.terraform|tfstate|tfplan|manifest\.json$/.test(source),
  });
  // What examples/README.md tells a user to do for S3: the override copied into each stack, committed.
  if (backend === 's3') {
    for (const directory of Object.values(EXAMPLE_STACKS)) {
      await cp(join(repoRoot, S3_OVERRIDE), join(checkout, 'examples', directory, 'backend_override.tf'));
    }
  }
  await writeFile(join(checkout, '.tool-versions'), `opentofu ${pinnedVersions().OPENTOFU_VERSION}\n`);
  // Without prod hosts, loaded by tofu on its own (*.auto.tfvars.json): where each VM answers SSH here.
  await writeFile(
    join(checkout, prodHosts ? DEV_HOSTS_VAR_FILE : AUTO_HOSTS_FILE),
    hostsVarFile(hosts, DEV_VMS, (vm) => vm),
  );
  if (prodHosts) {
    await writeFile(join(checkout, PROD_HOSTS_VAR_FILE), hostsVarFile(prodHosts, PROD_VMS, prodHostName));
  }
  const git = checkoutGit(checkout);
  await git(['init', '-q']);
  await git(['add', '.']);
  await git(['commit', '-q', '-m', 'the example']);
  return (await git(['rev-parse', 'HEAD'])).stdout.trim();
}

export interface ExampleBedOptions {
  root?: string;
  /** `local` (the default) or `s3`: versitygw started for the bed, with a bucket for the state. */
  backend?: ExampleBackend;
  /** Also the prod VMs: five more sshd hosts, and their endpoints committed in PROD_HOSTS_VAR_FILE. */
  prod?: boolean;
}

/** Test-bed hosts for VMs, each in its Ansible group (web-1 in web), as the example's inventory has them. */
function startVmHosts(vms: readonly string[], hostName: (vm: string) => string): Promise<SshHosts> {
  return startSshHosts(vms.map((vm) => ({ name: hostName(vm), groups: [vm.replace(/-\d+$/, '')] })));
}

export async function startExampleBed(options: ExampleBedOptions = {}): Promise<ExampleBed> {
  const backend = options.backend ?? 'local';
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'iac-example-')));
  const runs: WorkflowRun[] = [];
  const [results, hosts, server, prodHosts] = await Promise.all([
    startResultsService(),
    startVmHosts(DEV_VMS, (vm) => vm),
    backend === 's3' ? startS3Server() : undefined,
    options.prod ? startVmHosts(PROD_VMS, prodHostName) : undefined,
  ]);
  const s3 = server ? { server, bucket: await server.bucket('example-tfstate') } : undefined;
  const api = await startGitHubApi({
    owner: 'octo-org',
    repo: 'infra',
    artifactSource: artifactsOfRuns(results, () => runs),
    jobSource: jobsOfRuns(() => runs),
  });
  api.addUser('alice');
  api.setPermission('alice', 'write');
  api.addUser('maint1');
  api.setPermission('maint1', 'maintain');
  const checkout = join(root, 'repository');
  const stateDir = join(root, 'state');
  await mkdir(stateDir, { recursive: true });
  const commit = await writeCheckout(checkout, hosts, backend, prodHosts);
  return {
    results,
    api,
    hosts,
    ...(prodHosts ? { prodHosts } : {}),
    root,
    checkout,
    commit,
    backend,
    stateDir,
    ...(s3 ? { s3 } : {}),
    runs,
    async close({ keep = false } = {}) {
      if (!keep) for (const run of runs) await run.cleanup();
      await Promise.all([
        results.close(),
        api.close(),
        hosts.close(),
        prodHosts?.close(),
        s3?.server.close(),
      ]);
      if (!keep) await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Writes files (paths relative to the checkout) into the example's repository and commits them: the
 * repository's new HEAD, which bed.commit becomes, so a later deploy plans it while a promotion or a
 * rollback checks out an older commit by its `ref:`.
 */
export async function commitToCheckout(
  bed: ExampleBed,
  files: Record<string, string>,
  message: string,
): Promise<string> {
  const paths = Object.keys(files);
  for (const path of paths) {
    const inside = relative(bed.checkout, resolve(bed.checkout, path));
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new Error(`commitToCheckout writes inside the checkout only, not ${path}`);
    }
  }
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(bed.checkout, path)), { recursive: true });
    await writeFile(join(bed.checkout, path), content);
  }
  const git = checkoutGit(bed.checkout);
  await git(['add', '--', ...paths]);
  await git(['commit', '-q', '-m', message]);
  bed.commit = (await git(['rev-parse', 'HEAD'])).stdout.trim();
  return bed.commit;
}

/**
 * Removes paths (files or directories, relative to the checkout) from the example's repository and commits
 * that: the repository's new HEAD, as after a pull request that deleted a stack's directory.
 */
export async function removeFromCheckout(
  bed: ExampleBed,
  paths: readonly string[],
  message: string,
): Promise<string> {
  const git = checkoutGit(bed.checkout);
  await git(['rm', '-r', '-q', '--', ...paths]);
  await git(['commit', '-q', '-m', message]);
  bed.commit = (await git(['rev-parse', 'HEAD'])).stdout.trim();
  return bed.commit;
}

/** A stack's backend-config lines: its own state file, or its own key in the bucket with the lock file. */
export function backendConfig(
  bed: ExampleBed,
  stack: ExampleStack,
  environment: ExampleEnvironment = 'dev',
): string {
  if (bed.s3) return bed.s3.bucket.backendConfig(stateKey(stack, environment));
  return `path=${join(bed.stateDir, `${stack}-${environment}.tfstate`)}`;
}

export interface ExampleStacksOptions {
  checks?: string;
  /** dev (the default) or prod: that environment's var-files and state; prod names it on each stack. */
  environment?: ExampleEnvironment;
}

/** The two stacks of the example: the network first, then the VMs that depend on it. */
export function exampleStacks(bed: ExampleBed, options: ExampleStacksOptions = {}): string {
  const environment = options.environment ?? 'dev';
  // dev is the pipeline's own environment input; the stacks name none, as they did before prod existed.
  const named = environment === 'dev' ? {} : { environment };
  return JSON.stringify([
    {
      stack: 'network',
      directory: 'examples/network',
      ...named,
      'var-files': VAR_FILES[environment].network,
      'backend-config': backendConfig(bed, 'network', environment),
    },
    {
      stack: 'vms',
      directory: 'examples/infra',
      ...named,
      'depends-on': ['network'],
      'var-files':
        environment === 'dev' && bed.prodHosts
          ? `${VAR_FILES.dev.vms}\n${DEV_HOSTS_VAR_FILE}`
          : VAR_FILES[environment].vms,
      'backend-config': backendConfig(bed, 'vms', environment),
      'image-variable': 'image_id',
      playbook: 'examples/ansible/site.yml',
      checks: options.checks ?? 'examples/smoke/checks.yml',
    },
  ]);
}

export interface PipelineRunOptions {
  inputs?: Record<string, string | number | boolean>;
  run?: Partial<WorkflowRunOptions>;
  hooks?: Partial<PipelineHooks>;
  workflow?: string;
  secrets?: Record<string, string>;
}

/**
 * The secrets a deploy of the example needs, as a caller passes them to iac-pipeline.yml; on S3 also the
 * bucket's credentials, which the workflow hands to the plan and apply steps as AWS_* variables.
 */
export function exampleSecrets(
  bed: ExampleBed,
  options: { environment?: ExampleEnvironment } = {},
): Record<string, string> {
  return {
    'tf-vars': JSON.stringify({ vms: `db_password=${DB_PASSWORD}` }),
    'ansible-extra-vars': JSON.stringify({ db_password: DB_PASSWORD }),
    // The prod hosts trust a key of their own, as an environment secret of prod would hold it.
    'ssh-private-key': options.environment === 'prod' ? prodHostsOf(bed).privateKey : bed.hosts.privateKey,
    ...(bed.s3
      ? { 'aws-access-key-id': bed.s3.server.accessKey, 'aws-secret-access-key': bed.s3.server.secretKey }
      : {}),
  };
}

function prodHostsOf(bed: ExampleBed): SshHosts {
  if (!bed.prodHosts) throw new Error('the example bed has no prod hosts: start it with { prod: true }');
  return bed.prodHosts;
}

/**
 * The inputs of a deploy of the example with an image built by Packer: a first deploy to dev by default;
 * to prod, that environment's stacks, and the host keys of both host sets when the bed has prod hosts.
 */
export async function exampleInputs(
  bed: ExampleBed,
  options: { environment?: ExampleEnvironment } = {},
): Promise<Record<string, string>> {
  const environment = options.environment ?? 'dev';
  const knownHosts = [bed.hosts, ...(environment === 'prod' && bed.prodHosts ? [bed.prodHosts] : [])];
  return {
    stacks: exampleStacks(bed, { environment }),
    environment,
    'packer-template': 'examples/packer/image.pkr.hcl',
    'image-name': 'golden-dev-1',
    'image-identifier': 'name',
    'auto-approve-environments': environment === 'dev' ? 'dev' : 'dev,prod',
    'ssh-user': os.userInfo().username,
    'known-hosts': (
      await Promise.all(knownHosts.map((hosts) => readFile(hosts.knownHostsPath, 'utf8')))
    ).join(''),
    'report-title': `Example deployment to ${environment}`,
  };
}

/**
 * Each job's tool cache holds the OpenTofu the installer built, where the setup action finds a cached
 * version (as on a runner whose image carries it); Packer and Ansible come from the machine's PATH.
 */
async function seedToolCache(job: Job): Promise<void> {
  const version = pinnedVersions().OPENTOFU_VERSION ?? '';
  const dir = join(job.toolCache, 'tofu', version, 'x64');
  await mkdir(dir, { recursive: true });
  await symlink(tofu(), join(dir, 'tofu'));
  await writeFile(`${dir}.complete`, '');
}

/** Runs a workflow of the suite (iac-pipeline.yml by default) as one new workflow run. */
export async function runPipeline(
  bed: ExampleBed,
  options: PipelineRunOptions = {},
): Promise<{ run: WorkflowRun; outcome: WorkflowOutcome }> {
  const run = new WorkflowRun({
    results: bed.results,
    apiUrl: bed.api.url,
    repository: REPOSITORY,
    root: join(bed.root, `run-${bed.runs.length + 1}`),
    ...options.run,
  });
  bed.api.addToken(run.token, BOT);
  bed.runs.push(run);
  const runner = new PipelineRunner(run, {
    checkout: bed.checkout,
    prepareJob: seedToolCache,
    ...options.hooks,
  });
  const outcome = await runner.call({
    file: options.workflow ?? '.github/workflows/iac-pipeline.yml',
    inputs: options.inputs ?? (await exampleInputs(bed)),
    secrets: options.secrets ?? exampleSecrets(bed),
  });
  return { run, outcome };
}

/**
 * The `environment:` hook of a run whose jobs wait for an environment's required reviewers: `login`
 * reviews and approves run `runId`'s deployment to it, through the stand-in's
 * `POST .../runs/{run_id}/pending_deployments`, where the approval gate then finds the review. The run
 * id is fixed by the caller, since the review names its run before the run exists.
 */
export function reviewedBy(bed: ExampleBed, login: string, runId: number, comment = 'approved') {
  return async (environment: string): Promise<void> => {
    const env = bed.api.addEnvironment({ name: environment, reviewers: [{ type: 'User', login }] });
    bed.api.addPendingDeployment(runId, { environment, sha: bed.commit, ref: 'refs/heads/main' });
    const token = `token-${login}-${runId}-${environment}`;
    bed.api.addToken(token, login);
    const response = await fetch(
      `${bed.api.url}/repos/${REPOSITORY}/actions/runs/${runId}/pending_deployments`,
      {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ environment_ids: [env.id], state: 'approved', comment }),
      },
    );
    if (response.status !== 200) {
      throw new Error(`${login} could not approve run ${runId} for ${environment}: HTTP ${response.status}`);
    }
  };
}
