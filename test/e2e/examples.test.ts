import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { readChecksFile } from '../../src/smoke/checks.js';
import { renderInventory, toAnsibleInventory } from '../../src/terraform/inventory.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type Job } from '../support/runner/runner.js';
import { startS3Server, type S3Server } from '../support/s3-server.js';
import { startSshHosts, type SshHosts } from '../support/ssh-hosts.js';
import { conftest, repoRoot, tofu } from '../support/tools.js';

/**
 * The example in examples/ is sound with the real tools: the Packer template validates and builds with
 * Debian's Packer, the OpenTofu configuration validates and plans the VMs each var file asks for (and a
 * new image replaces them), the playbook passes Ansible's syntax check against the inventory the
 * configuration outputs, and the smoke checks file passes smoke-test's own reader.
 */
const run = promisify(execFile);
const examples = join(repoRoot, 'examples');
let dir: string;

const DB_PASSWORD = 'example-Db-Secret-4f2a';

/** The test-bed SSH endpoints for the VMs of an environment: every VM on 127.0.0.1, its own port. */
function hostsFor(names: string[]): Record<string, { address: string; port: number }> {
  return Object.fromEntries(names.map((name, i) => [name, { address: '127.0.0.1', port: 2200 + i }]));
}
const DEV_VMS = ['web-1', 'web-2', 'db-1'];
const PROD_VMS = ['web-1', 'web-2', 'web-3', 'db-1', 'db-2'];

/**
 * Real tofu with an argument array, in automation mode, with no CLI configuration of the machine's (and no
 * AWS configuration: HOME is the test's directory); `extra` adds variables such as a backend's credentials.
 */
async function tofuIn(cwd: string, args: string[], extra: Record<string, string> = {}) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    TF_CLI_CONFIG_FILE: join(dir, 'none.tfrc'),
    ...extra,
  };
  return run(tofu(), args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
}

interface ResourceChange {
  address: string;
  change: { actions: string[]; after_sensitive?: unknown };
}
interface PlanJson {
  resource_changes: ResourceChange[];
  planned_values: { outputs: Record<string, { value?: unknown; sensitive: boolean }> };
}

/** Plans with an environment's var file and its hosts; returns the plan JSON. */
async function plan(
  config: string,
  env: 'dev' | 'prod',
  imageId: string,
  vms: string[],
  extra: string[] = [],
) {
  const hostsFile = join(dir, `hosts-${env}.tfvars.json`);
  await writeFile(hostsFile, JSON.stringify({ hosts: hostsFor(vms) }));
  const planned = await tofuIn(config, [
    'plan',
    '-input=false',
    '-no-color',
    '-out=tfplan',
    `-var-file=env/${env}.tfvars`,
    `-var-file=${hostsFile}`,
    '-var',
    `image_id=${imageId}`,
    '-var',
    `db_password=${DB_PASSWORD}`,
    ...extra,
  ]);
  const { stdout } = await tofuIn(config, ['show', '-json', 'tfplan']);
  return { ...(JSON.parse(stdout) as PlanJson), text: planned.stdout + planned.stderr };
}

function actionsByAddress(planJson: PlanJson): Record<string, string> {
  return Object.fromEntries(planJson.resource_changes.map((c) => [c.address, c.change.actions.join('+')]));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'examples-'));
  await writeFile(join(dir, 'none.tfrc'), '');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('examples/packer', () => {
  it('validates with Packer 1.6.6 and builds an image manifest with the null builder', async () => {
    const work = join(dir, 'packer');
    await cp(join(examples, 'packer'), work, { recursive: true });
    await run('packer', ['validate', '-var', 'image_name=golden-test', 'image.pkr.hcl'], { cwd: work });
    const { stdout } = await run(
      'packer',
      ['build', '-machine-readable', '-var', 'image_name=golden-test', 'image.pkr.hcl'],
      { cwd: work },
    );
    expect(stdout).toContain('artifact,0,id,Null');

    const image = JSON.parse(await readFile(join(work, 'image-manifest.json'), 'utf8'));
    expect(image).toEqual({
      image: 'golden-test',
      base_os: 'debian-12',
      software: { docker: expect.any(String), node: expect.any(String), uv: expect.any(String) },
    });
    const manifest = JSON.parse(await readFile(join(work, 'packer-manifest.json'), 'utf8'));
    expect(manifest.builds).toHaveLength(1);
    expect(manifest.builds[0]).toMatchObject({
      builder_type: 'null',
      artifact_id: 'Null',
      custom_data: { image: 'golden-test', base_os: 'debian-12' },
    });
  });
});

describe('examples/infra', () => {
  let config: string;
  beforeAll(async () => {
    config = join(dir, 'infra');
    await cp(join(examples, 'infra'), config, {
      recursive: true,
      filter: (source) => !/\.terraform|tfstate|tfplan/.test(source),
    });
  });

  it('validates', async () => {
    await tofuIn(config, ['init', '-backend=false', '-input=false', '-no-color']);
    const { stdout } = await tofuIn(config, ['validate', '-json', '-no-color']);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    const fmt = await tofuIn(config, ['fmt', '-check', '-recursive', '-no-color']);
    expect(fmt.stdout).toBe('');
  });

  it('plans the dev VMs, with an inventory tf-apply accepts and the password hidden', async () => {
    await tofuIn(config, [
      'init',
      '-input=false',
      '-no-color',
      `-backend-config=path=${join(dir, 'dev.tfstate')}`,
    ]);
    const planJson = await plan(config, 'dev', 'Null', DEV_VMS);
    expect(actionsByAddress(planJson)).toEqual({
      'terraform_data.image': 'create',
      'terraform_data.web[0]': 'create',
      'terraform_data.web[1]': 'create',
      'terraform_data.db[0]': 'create',
    });

    const outputs = planJson.planned_values.outputs;
    expect(outputs.db_url?.sensitive).toBe(true);
    expect(outputs.ansible_inventory?.sensitive).toBe(false);
    // The plan JSON holds sensitive values (hence tf-plan's encryption-key); the plan's own text does not.
    expect(planJson.text).toMatch(/db_url\s+= \(sensitive value\)/);
    expect(planJson.text).not.toContain(DB_PASSWORD);
    const db = planJson.resource_changes.find((c) => c.address === 'terraform_data.db[0]');
    expect(JSON.stringify(db)).not.toContain(DB_PASSWORD);

    // The inventory as tf-apply turns it into Ansible's YAML: groups web and db, on the test-bed ports.
    // Known after the apply only (the VMs' outputs), as tf-apply reads it.
    await tofuIn(config, ['apply', '-input=false', '-no-color', 'tfplan']);
    const { stdout } = await tofuIn(config, ['output', '-json', 'ansible_inventory']);
    const inventory = toAnsibleInventory(JSON.parse(stdout));
    expect(Object.keys(inventory.all.children).sort()).toEqual(['db', 'web']);
    expect(inventory.all.children.web?.hosts['web-2']).toMatchObject({
      ansible_host: '127.0.0.1',
      ansible_port: 2201,
      image_id: 'Null',
    });
    expect(inventory.all.children.db?.hosts['db-1']).toMatchObject({ ansible_port: 2202 });
    expect(inventory.all.children.web?.vars).toEqual({ deploy_env: 'dev', app_port: 8080 });
    await writeFile(join(dir, 'inventory.yml'), renderInventory(inventory));
  });

  it('refuses a plan when a VM has no SSH endpoint in hosts', async () => {
    const missing = plan(config, 'prod', 'Null', DEV_VMS);
    await expect(missing).rejects.toMatchObject({
      stderr: expect.stringContaining('The hosts variable has no SSH endpoint for web-3'),
    });
  });

  it('in prod, a new image replaces every VM and a new size updates them in place', async () => {
    await tofuIn(config, [
      'init',
      '-reconfigure',
      '-input=false',
      '-no-color',
      `-backend-config=path=${join(dir, 'prod.tfstate')}`,
    ]);
    const first = await plan(config, 'prod', 'golden-1', PROD_VMS);
    expect(first.resource_changes).toHaveLength(6);
    expect(first.resource_changes.every((c) => c.change.actions.join('+') === 'create')).toBe(true);
    await tofuIn(config, ['apply', '-input=false', '-no-color', 'tfplan']);

    const unchanged = await plan(config, 'prod', 'golden-1', PROD_VMS);
    expect(new Set(Object.values(actionsByAddress(unchanged)))).toEqual(new Set(['no-op']));

    const second = await plan(config, 'prod', 'golden-2', PROD_VMS);
    const actions = actionsByAddress(second);
    expect(actions['terraform_data.image']).toBe('update');
    for (const vm of ['web[0]', 'web[1]', 'web[2]', 'db[0]', 'db[1]']) {
      expect(actions[`terraform_data.${vm}`]).toBe('delete+create');
    }

    const resized = await plan(config, 'prod', 'golden-1', PROD_VMS, ['-var', 'vm_size=xlarge']);
    expect(new Set(Object.values(actionsByAddress(resized)))).toEqual(new Set(['no-op', 'update']));
    expect(actionsByAddress(resized)['terraform_data.web[2]']).toBe('update');
  });
});

describe('examples/policy', () => {
  let config: string;
  beforeAll(async () => {
    config = join(dir, 'infra-policy');
    await cp(join(examples, 'infra'), config, {
      recursive: true,
      filter: (source) => !/\.terraform|tfstate|tfplan/.test(source),
    });
  });

  interface ConftestResult {
    namespace: string;
    successes: number;
    failures?: Array<{ msg: string; metadata: { address?: string; query?: string } }>;
  }

  /** conftest as tf-plan runs it: the example's policies and data on the plan's show -json. */
  async function check(planJson: object): Promise<ConftestResult[]> {
    const input = join(dir, 'policy-plan.json');
    await writeFile(input, JSON.stringify(planJson));
    const args = ['test', '--no-color', '--no-fail', '--output', 'json', '--namespace', 'terraform'];
    const policy = join(examples, 'policy');
    const { stdout } = await run(conftest(), [...args, '-p', policy, '-d', join(policy, 'data.json'), input]);
    return JSON.parse(stdout) as ConftestResult[];
  }

  const failed = (results: ConftestResult[]) =>
    results.flatMap((r) => (r.failures ?? []).map((f) => [f.metadata.query, f.metadata.address]));

  it("passes the policies' unit tests", async () => {
    const { stdout } = await run(conftest(), ['verify', '--no-color', '-p', join(examples, 'policy')]);
    expect(stdout).toMatch(/(\d+) tests, \1 passed, 0 warnings, 0 failures/);
  });

  it('passes a first deployment of dev and prod, and fails a new image that replaces prod’s databases', async () => {
    await tofuIn(config, [
      'init',
      '-input=false',
      '-no-color',
      `-backend-config=path=${join(dir, 'policy.tfstate')}`,
    ]);
    const dev = await check(await plan(config, 'dev', 'Null', DEV_VMS));
    expect(dev).toEqual([{ filename: expect.any(String), namespace: 'terraform', successes: 3 }]);

    const first = await plan(config, 'prod', 'golden-1', PROD_VMS);
    expect(failed(await check(first))).toEqual([]);
    await tofuIn(config, ['apply', '-input=false', '-no-color', 'tfplan']);

    const image = await plan(config, 'prod', 'golden-2', PROD_VMS);
    expect(failed(await check(image))).toEqual([
      ['data.terraform.deny_protected_delete', 'terraform_data.db[0]'],
      ['data.terraform.deny_protected_delete', 'terraform_data.db[1]'],
    ]);
    const sizes = await plan(config, 'prod', 'golden-1', PROD_VMS, [
      '-var',
      'vm_size=xlarge',
      '-var',
      'owner=',
    ]);
    const rules = new Set(failed(await check(sizes)).map(([query]) => query));
    expect(rules).toEqual(new Set(['data.terraform.deny_vm_size', 'data.terraform.deny_missing_owner']));
  });
});

describe('examples/backends/s3', () => {
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3Server();
  }, 30_000);
  afterAll(() => s3?.close());

  /** A stack as examples/README.md says: its directory with the override copied in. */
  async function stackOnS3(name: string): Promise<string> {
    const config = join(await mkdtemp(join(dir, `${name}-s3-`)), name);
    await cp(join(examples, name), config, {
      recursive: true,
      filter: (source) => !/\.terraform|tfstate|tfplan/.test(source),
    });
    await cp(join(examples, 'backends', 's3', 'backend_override.tf'), join(config, 'backend_override.tf'));
    return config;
  }

  it("turns a stack's local backend into S3: the state under the key backend-config names, the lock released", async () => {
    const bucket = await s3.bucket();
    const key = 'dev/network.tfstate';
    const config = await stackOnS3('network');
    const backend = bucket
      .backendConfig(key)
      .split('\n')
      .map((line) => `-backend-config=${line}`);
    await tofuIn(config, ['init', '-input=false', '-no-color', ...backend], s3.credentialsEnv());
    await tofuIn(
      config,
      ['apply', '-auto-approve', '-input=false', '-no-color', '-var-file=env/dev.tfvars'],
      s3.credentialsEnv(),
    );

    const state = await bucket.state(key);
    expect(state?.resources.map((r) => `${r.type}.${r.name}`)).toEqual(['terraform_data.network']);
    expect(state?.outputs.network?.value).toEqual({ name: 'dev-net', cidr: '10.20.0.0/16' });
    expect(await bucket.lock(key)).toBeUndefined();
    expect(existsSync(join(config, 'terraform.tfstate'))).toBe(false);
  });

  it('reaches the state only with the credentials in its environment: the override and backend-config hold none', async () => {
    const bucket = await s3.bucket();
    const config = await stackOnS3('network');
    const backend = bucket.backendConfig('dev/network.tfstate').split('\n');
    expect(backend.some((line) => /^(access_key|secret_key|token)=/.test(line))).toBe(false);
    const refused = tofuIn(config, [
      'init',
      '-input=false',
      '-no-color',
      ...backend.map((line) => `-backend-config=${line}`),
    ]);
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringMatching(/credentials/i) });
  });
});

describe('examples/ansible', () => {
  it('passes the syntax check against the inventory the configuration outputs', async () => {
    const inventory = join(dir, 'inventory.yml');
    const { stdout } = await run('ansible-playbook', ['--syntax-check', '-i', inventory, 'site.yml'], {
      cwd: join(examples, 'ansible'),
      env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
    });
    expect(stdout).toContain('playbook: site.yml');
    const plays = parse(await readFile(join(examples, 'ansible', 'site.yml'), 'utf8')) as {
      hosts: string;
      become?: boolean;
    }[];
    expect(plays.map((play) => play.hosts)).toEqual(['all', 'web', 'db']);
    expect(plays.some((play) => play.become)).toBe(false);
  });
});

describe('examples/smoke', () => {
  it('is a valid checks file with checks in every category the seeds name', async () => {
    const file = await readChecksFile(join(examples, 'smoke', 'checks.yml'), repoRoot);
    expect(file.path).toBe('examples/smoke/checks.yml');
    expect(new Set(file.checks.map((c) => c.category))).toEqual(
      new Set(['connectivity', 'functionality', 'service', 'security']),
    );
    expect(new Set(file.checks.map((c) => c.kind))).toEqual(new Set(['tcp', 'ssh-command', 'command']));
  });
});

describe('the example through the pipeline', () => {
  let results: ResultsService;
  let api: GitHubApi;
  let hosts: SshHosts;
  let run: WorkflowRun;

  beforeAll(async () => {
    [results, hosts] = await Promise.all([
      startResultsService(),
      startSshHosts(DEV_VMS.map((name) => ({ name, groups: [name.replace(/-\d+$/, '')] }))),
    ]);
    api = await startGitHubApi({ owner: 'octo-org', repo: 'infra' });
    run = new WorkflowRun({ results, apiUrl: api.url, repository: 'octo-org/infra' });
    api.addToken(run.token, 'github-actions[bot]');
  }, 60_000);
  afterAll(async () => {
    await run?.cleanup();
    await Promise.all([results?.close(), api?.close(), hosts?.close()]);
  });

  /** A job whose workspace is a checkout with examples/ in it. */
  async function checkout(name: string): Promise<Job> {
    const job = await run.job(name);
    await cp(examples, join(job.workspace, 'examples'), {
      recursive: true,
      filter: (source) => !/\.terraform|tfstate|tfplan|manifest\.json$/.test(source),
    });
    return job;
  }

  it('builds, plans, approves, applies, configures and smoke-tests dev on the test-bed hosts', async () => {
    const image = await checkout('image');
    const built = await image.step('packer-build', {
      with: { template: 'examples/packer/image.pkr.hcl', 'image-name': 'golden-dev-1' },
    });
    expect(built.errors).toEqual([]);
    expect(built.outputs['image-id']).toBe('Null');
    await image.complete();

    const backend = `path=${join(dir, 'pipeline-dev.tfstate')}`;
    const endpoints = Object.fromEntries(
      DEV_VMS.map((name) => [name, { address: '127.0.0.1', port: hosts.host(name).port }]),
    );
    const plan = await checkout('plan');
    await plan.writeFile('hosts.auto.tfvars.json', JSON.stringify({ hosts: endpoints }));
    const planned = await plan.step('tf-plan', {
      with: {
        'working-directory': 'examples/infra',
        stack: 'example',
        environment: 'dev',
        'backend-config': backend,
        'var-files': 'examples/infra/env/dev.tfvars\nhosts.auto.tfvars.json',
        vars: `image_id=${built.outputs['image-name']}\ndb_password=${DB_PASSWORD}`,
        comment: 'false',
      },
    });
    expect(planned.errors).toEqual([]);
    expect(planned.outputs).toMatchObject({ add: '4', change: '0', destroy: '0', replace: '0' });
    expect(planned.rawLog).not.toContain(DB_PASSWORD);
    await plan.complete();

    const approve = await run.job('approve');
    const gate = await approve.step('approval-gate', {
      with: { mode: 'policy', environment: 'dev', 'auto-approve-environments': 'dev', stack: 'example' },
    });
    expect(gate.errors).toEqual([]);
    expect(gate.outputs.approved).toBe('true');
    await approve.complete();

    const apply = await checkout('apply');
    const applied = await apply.step('tf-apply', {
      with: {
        'working-directory': 'examples/infra',
        stack: 'example',
        'backend-config': backend,
        'expected-plan-digest': gate.outputs['plan-digest'] ?? '',
      },
    });
    expect(applied.errors).toEqual([]);
    expect(applied.outputs.applied).toBe('true');
    expect(applied.rawLog).not.toContain(DB_PASSWORD);
    await apply.complete();

    const configureWith = {
      stack: 'example',
      'private-key': hosts.privateKey,
      'known-hosts': await readFile(hosts.knownHostsPath, 'utf8'),
      user: os.userInfo().username,
      playbook: 'examples/ansible/site.yml',
      'working-directory': 'examples/ansible',
      'extra-vars': JSON.stringify({ db_password: DB_PASSWORD }),
    };
    const configure = await checkout('configure');
    const configured = await configure.step('ansible-configure', { with: configureWith });
    expect(configured.errors).toEqual([]);
    const recap = JSON.parse(configured.outputs.recap ?? '{}') as Record<string, { changed: number }>;
    expect(Object.keys(recap).sort()).toEqual([...DEV_VMS].sort());
    expect(configured.rawLog).not.toContain(DB_PASSWORD);
    await configure.complete();

    const motd = await readFile(join(hosts.host('web-2').root, 'etc', 'motd'), 'utf8');
    expect(motd).toBe(
      'web-2 (dev) - managed by iac-pipeline\nimage: golden-dev-1\nUnauthorised access is prohibited.\n',
    );

    const smoke = await checkout('smoke');
    const smoked = await smoke.step('smoke-test', {
      with: { checks: 'examples/smoke/checks.yml', stack: 'example', 'private-key': hosts.privateKey },
    });
    expect(smoked.errors).toEqual([]);
    // One per check and host: 6 checks on all 3 hosts, one on the 2 web hosts, one on the db, one local.
    expect(smoked.outputs).toMatchObject({ passed: '22', failed: '0', total: '22' });
    await smoke.complete();
  });
});
