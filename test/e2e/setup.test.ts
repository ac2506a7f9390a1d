import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  PRIVATE_CREDENTIALS,
  publishAnsibleWheel,
  publishConftestRelease,
  publishRelease,
  startReleaseMirror,
  type ReleaseMirror,
} from '../support/release-mirror.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type Job, type StepResult } from '../support/runner/runner.js';
import { conftest, pinnedVersions, tofu, toolsBinDir } from '../support/tools.js';

/**
 * The setup action (the root action.yml) against a release mirror on 127.0.0.1 whose archives are
 * made from the test bed's real tofu, packer and conftest, the real @actions/tool-cache and @actions/cache in
 * the bundle, and the results service stand-in for the provider plugin cache.
 */
const TOFU = '1.12.6';
const PACKER = execFileSync('packer', ['version'], { encoding: 'utf8' }).match(/Packer v(\S+)/)?.[1] ?? '';
const TERRAFORM = '1.9.0';
const ANSIBLE = '2.17.5';
/** The installer's build, which reports this version as a release binary does (scripts/install-tools.sh). */
const CONFTEST = pinnedVersions().CONFTEST_VERSION ?? '';

let root: string;
let mirror: ReleaseMirror;
let results: ResultsService;
const runs: WorkflowRun[] = [];
/** A tool cache that outlives one job, as on a self-hosted runner: the cached-run tests share it. */
let sharedToolCache: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'setup-e2e-'));
  const site = join(root, 'mirror');
  const started = Date.now();
  await publishRelease({ root: site, product: 'opentofu', binary: 'tofu', version: TOFU, source: tofu() });
  await publishRelease({
    root: site,
    product: 'packer',
    binary: 'packer',
    version: PACKER,
    source: realpathSync(execFileSync('sh', ['-c', 'command -v packer'], { encoding: 'utf8' }).trim()),
  });
  // Terraform is not in the test bed: a stand-in that reports its version as terraform does.
  const fakeTerraform = join(root, 'terraform');
  await writeFile(
    fakeTerraform,
    `#!/bin/sh\necho '{"terraform_version":"${TERRAFORM}","platform":"linux_amd64"}'\n`,
  );
  await publishRelease({
    root: site,
    product: 'terraform',
    binary: 'terraform',
    version: TERRAFORM,
    source: fakeTerraform,
  });
  // The same OpenTofu archive under /tampered, with a SHA256SUMS that does not match it.
  const tampered = join(site, 'tampered', 'opentofu', TOFU);
  await cp(join(site, 'opentofu', TOFU), tampered, { recursive: true });
  await writeFile(
    join(tampered, `tofu_${TOFU}_SHA256SUMS`),
    `${createHash('sha256').update('not the archive').digest('hex')}  tofu_${TOFU}_linux_amd64.zip\n`,
  );
  await publishAnsibleWheel(site, ANSIBLE);
  const conftestStarted = Date.now();
  await publishConftestRelease({ root: site, version: CONFTEST, source: conftest() });
  console.log(
    `conftest ${CONFTEST} archive (tar.gz of the real binary) made in ${Date.now() - conftestStarted} ms`,
  );
  // The same conftest archive under /tampered, with a checksums.txt that does not match it.
  const tamperedConftest = join(site, 'tampered', 'conftest', CONFTEST);
  await cp(join(site, 'conftest', CONFTEST), tamperedConftest, { recursive: true });
  await writeFile(
    join(tamperedConftest, 'checksums.txt'),
    `${createHash('sha256').update('not the archive').digest('hex')}  conftest_${CONFTEST}_Linux_x86_64.tar.gz\n`,
  );
  console.log(`mirror made in ${Date.now() - started} ms`);
  mirror = await startReleaseMirror(site);
  results = await startResultsService();
  sharedToolCache = join(root, 'shared-tool-cache');
  await mkdir(sharedToolCache);
});

afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await mirror?.close();
  await results?.close();
  await rm(root, { recursive: true, force: true });
});

function newRun(): WorkflowRun {
  const run = new WorkflowRun({ results, root: join(root, `run-${runs.length + 1}`) });
  runs.push(run);
  return run;
}

/** Each job its own HOME beside its workspace, as on a runner, so the plugin cache is the job's own. */
async function newJob(run: WorkflowRun, name = 'setup'): Promise<{ job: Job; env: Record<string, string> }> {
  const job = await run.job(name);
  const home = join(job.dir, 'home');
  await mkdir(home, { recursive: true });
  return { job, env: { HOME: home } };
}

function expectSucceeded(step: StepResult): void {
  expect(step.errors).toEqual([]);
  expect(step.exitCode).toBe(0);
}

function requestsSince(mark: number): string[] {
  return mirror.requests.slice(mark).map((request) => `${request.status} ${request.path}`);
}

describe('installing from a mirror', () => {
  it('downloads, verifies and caches tofu and packer, and a later step runs them through PATH', async () => {
    const { job, env } = await newJob(newRun());
    const mark = mirror.requests.length;
    const step = await job.step('setup', {
      with: { 'tofu-version': TOFU, 'packer-version': PACKER, 'mirror-url': mirror.url },
      env: { ...env, RUNNER_TOOL_CACHE: sharedToolCache },
    });
    expectSucceeded(step);
    console.log(`install from the mirror (tofu ${TOFU} + packer ${PACKER}): ${step.durationMs} ms`);
    expect(step.outputs).toMatchObject({
      'tofu-version': TOFU,
      'packer-version': PACKER,
      'terraform-version': '',
      'conftest-version': '',
      'ansible-version': '',
    });
    expect(requestsSince(mark).sort()).toEqual(
      [
        `200 /opentofu/${TOFU}/tofu_${TOFU}_SHA256SUMS`,
        `200 /opentofu/${TOFU}/tofu_${TOFU}_linux_amd64.zip`,
        `200 /packer/${PACKER}/packer_${PACKER}_SHA256SUMS`,
        `200 /packer/${PACKER}/packer_${PACKER}_linux_amd64.zip`,
      ].sort(),
    );
    // The job's PATH, first entry first: each addPath goes in front, so packer (added last) leads.
    expect(job.path).toEqual([
      join(sharedToolCache, 'packer', PACKER, 'x64'),
      join(sharedToolCache, 'tofu', TOFU, 'x64'),
    ]);
    expect(step.env.TF_PLUGIN_CACHE_DIR).toBe(join(env.HOME ?? '', '.terraform.d', 'plugin-cache'));
    expect(step.summary).toContain(
      `| OpenTofu | ${TOFU} | input tofu-version | downloaded, sha256 verified |`,
    );

    const version = await job.step('probe:command', {
      with: { command: 'tofu', args: JSON.stringify(['version', '-json']) },
      env,
    });
    expectSucceeded(version);
    expect(version.outputs.path).toBe(join(sharedToolCache, 'tofu', TOFU, 'x64', 'tofu'));
    expect(JSON.parse(version.outputs.stdout ?? '').terraform_version).toBe(TOFU);
    const packer = await job.step('probe:command', {
      with: { command: 'packer', args: JSON.stringify(['version']) },
      env,
    });
    expect(packer.outputs.path).toBe(join(sharedToolCache, 'packer', PACKER, 'x64', 'packer'));
    expect(packer.outputs.stdout).toContain(`Packer v${PACKER}`);
    await job.complete();
  });

  it('serves a second run from the tool cache, with no request to the mirror', async () => {
    const { job, env } = await newJob(newRun());
    const mark = mirror.requests.length;
    const step = await job.step('setup', {
      with: { 'tofu-version': TOFU, 'packer-version': PACKER, 'mirror-url': mirror.url },
      env: { ...env, RUNNER_TOOL_CACHE: sharedToolCache },
    });
    expectSucceeded(step);
    console.log(`second run, from the tool cache: ${step.durationMs} ms`);
    expect(requestsSince(mark)).toEqual([]);
    expect(step.log).toContain(`OpenTofu ${TOFU}: found in the tool cache`);
    // The job's PATH, first entry first: each addPath goes in front, so packer (added last) leads.
    expect(job.path).toEqual([
      join(sharedToolCache, 'packer', PACKER, 'x64'),
      join(sharedToolCache, 'tofu', TOFU, 'x64'),
    ]);
    expect(step.outputs['tofu-version']).toBe(TOFU);
  });

  it('refuses an archive whose checksum does not match, and installs nothing', async () => {
    const { job, env } = await newJob(newRun());
    const step = await job.step('setup', {
      with: { 'tofu-version': TOFU, 'mirror-url': `${mirror.url}/tampered` },
      env,
    });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.message).toMatch(
      new RegExp(
        `^Checksum mismatch for ${mirror.url}/tampered/opentofu/${TOFU}/tofu_${TOFU}_linux_amd64.zip: `,
      ),
    );
    expect(step.errors[0]?.message).toContain('nothing was installed');
    expect(step.path).toEqual([]);
    expect(job.path).toEqual([]);
    expect(step.env).toEqual({});
    expect(await readdir(job.toolCache)).toEqual([]);
    // Nor is the refused download left behind in RUNNER_TEMP.
    const temp = (await readdir(job.runnerTemp)).filter((name) => !name.startsWith('_'));
    expect(temp).toEqual([]);
  });

  it('says which input to fix when the mirror has no such version', async () => {
    const { job, env } = await newJob(newRun());
    const step = await job.step('setup', {
      with: { 'tofu-version': '1.12.99', 'mirror-url': mirror.url },
      env,
    });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Input "mirror-url" must serve <mirror>\/opentofu\/<version>\/ .*input "tofu-version".*HTTP 404/,
      ),
    ]);
  });
  it('sends the credentials of a mirror URL as Basic authentication, and never prints them', async () => {
    const { job, env } = await newJob(newRun());
    const { user, password } = PRIVATE_CREDENTIALS;
    const authenticated = mirror.url.replace('http://', `http://${user}:${password}@`) + '/private';
    const mark = mirror.requests.length;
    const step = await job.step('setup', {
      with: { 'packer-version': PACKER, 'mirror-url': authenticated },
      env,
    });
    expectSucceeded(step);
    expect(requestsSince(mark).sort()).toEqual([
      `200 /private/packer/${PACKER}/packer_${PACKER}_SHA256SUMS`,
      `200 /private/packer/${PACKER}/packer_${PACKER}_linux_amd64.zip`,
    ]);
    expect(step.masks).toContain(password);
    expect(step.rawLog).not.toContain(password);
    expect(step.summary).not.toContain(password);
  });
});

describe('versions from files', () => {
  it('reads opentofu and packer from .tool-versions', async () => {
    const { job, env } = await newJob(newRun());
    await job.writeFile(
      '.tool-versions',
      `# asdf\nopentofu ${TOFU}\npacker ${PACKER}   # pinned\nnodejs 24.9.0\n`,
    );
    const step = await job.step('setup', {
      with: { 'mirror-url': mirror.url },
      env: { ...env, RUNNER_TOOL_CACHE: sharedToolCache },
    });
    expectSucceeded(step);
    expect(step.outputs).toMatchObject({ 'tofu-version': TOFU, 'packer-version': PACKER });
    expect(step.summary).toContain(`| OpenTofu | ${TOFU} | .tool-versions | tool cache |`);
  });

  it('reads .opentofu-version', async () => {
    const { job, env } = await newJob(newRun());
    await job.writeFile('.opentofu-version', `v${TOFU}\n`);
    const step = await job.step('setup', {
      with: { 'mirror-url': mirror.url },
      env: { ...env, RUNNER_TOOL_CACHE: sharedToolCache },
    });
    expectSucceeded(step);
    expect(step.outputs['tofu-version']).toBe(TOFU);
    expect(step.summary).toContain(`| OpenTofu | ${TOFU} | .opentofu-version |`);
  });

  it('installs terraform named by .terraform-version, and an input overrides a file', async () => {
    const { job, env } = await newJob(newRun());
    await job.writeFile('.terraform-version', `${TERRAFORM}\n`);
    const step = await job.step('setup', { with: { 'mirror-url': mirror.url }, env });
    expectSucceeded(step);
    expect(step.outputs).toMatchObject({ 'terraform-version': TERRAFORM, 'tofu-version': '' });
    expect(step.path).toEqual([join(job.toolCache, 'terraform', TERRAFORM, 'x64')]);

    const override = await job.step('setup', {
      with: { 'tofu-version': TOFU, 'mirror-url': mirror.url },
      env: { ...env, RUNNER_TOOL_CACHE: sharedToolCache },
    });
    expectSucceeded(override);
    expect(override.outputs).toMatchObject({ 'terraform-version': '', 'tofu-version': TOFU });
  });

  it('refuses a version file that does not pin a version, naming the file', async () => {
    const { job, env } = await newJob(newRun());
    await job.writeFile('.tool-versions', 'opentofu latest\n');
    const step = await job.step('setup', { with: { 'mirror-url': mirror.url }, env });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      '.tool-versions line 1 (opentofu) must be an exact version such as 1.8.0 (no "latest" or partial versions); got "latest".',
    ]);
  });
});

describe('the provider plugin cache', () => {
  const PROVIDER = 'example.com/iac-pipeline/fixture';
  const config = `terraform {\n  required_providers {\n    fixture = { source = "${PROVIDER}" }\n  }\n}\n`;
  let cliConfig: string;
  let lockFile: string;

  // The test bed's fixture provider, packed as a registry would serve it, so that tofu unpacks it into
  // the plugin cache (from an unpacked mirror it would only link to the mirror); the lock file is the
  // one a first `tofu init` writes, as a repository commits it.
  beforeAll(async () => {
    const unpacked = join(dirname(toolsBinDir()), 'providers', PROVIDER, '0.1.0', 'linux_amd64');
    const packed = join(root, 'providers', PROVIDER);
    await mkdir(packed, { recursive: true });
    const files = (await readdir(unpacked)).map((name) => join(unpacked, name));
    execFileSync('zip', [
      '-q',
      '-j',
      join(packed, 'terraform-provider-fixture_0.1.0_linux_amd64.zip'),
      ...files,
    ]);
    cliConfig = join(root, 'cli.tfrc');
    await writeFile(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(join(root, 'providers'))}\n` +
        '    include = ["example.com/*/*"]\n  }\n}\n',
    );
    const dir = join(root, 'lock');
    await mkdir(dir);
    await writeFile(join(dir, 'main.tf'), config);
    execFileSync(tofu(), ['init', '-input=false', '-no-color'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, TF_CLI_CONFIG_FILE: cliConfig },
    });
    lockFile = await readFile(join(dir, '.terraform.lock.hcl'), 'utf8');
  });

  /** A checkout of the stack, then setup and `tofu init` as the job's next step. */
  async function setupAndInit(job: Job, env: Record<string, string>) {
    await job.writeFile('stacks/app/main.tf', config);
    await job.writeFile('stacks/app/.terraform.lock.hcl', lockFile);
    const setup = await job.step('setup', {
      with: { 'tofu-version': TOFU, 'mirror-url': mirror.url },
      env: { ...env, RUNNER_TOOL_CACHE: sharedToolCache },
    });
    expectSucceeded(setup);
    const init = await job.step('probe:command', {
      with: {
        command: 'tofu',
        args: JSON.stringify(['-chdir=stacks/app', 'init', '-input=false', '-no-color']),
      },
      env: { ...env, TF_CLI_CONFIG_FILE: cliConfig },
    });
    expectSucceeded(init);
    expect(init.outputs['exit-code']).toBe('0');
    return { setup, init: init.outputs.stdout ?? '' };
  }

  it('is filled by tofu init, saved in post, and used by tofu init in a later job', async () => {
    const run = newRun();
    const first = await newJob(run, 'plan');
    const { setup, init } = await setupAndInit(first.job, first.env);
    expect(setup.log).toContain('No provider plugin cache for iac-setup-providers-linux-amd64-');
    expect(init).toContain(`Installing ${PROVIDER} v0.1.0`);
    const cached = join(setup.env.TF_PLUGIN_CACHE_DIR ?? '', PROVIDER, '0.1.0', 'linux_amd64');
    expect((await lstat(cached)).isDirectory()).toBe(true);
    const [post] = await first.job.complete();
    expect(post?.exitCode).toBe(0);
    expect(post?.log).toMatch(
      /Saved the provider plugin cache as iac-setup-providers-linux-amd64-[0-9a-f]{64}\./,
    );
    const saved = results.cacheEntries().filter((entry) => entry.key.startsWith('iac-setup-providers-'));
    expect(saved).toHaveLength(1);

    const second = await newJob(run, 'apply');
    const again = await setupAndInit(second.job, second.env);
    expect(again.setup.log).toContain(`Provider plugin cache restored from ${saved[0]?.key}.`);
    expect(again.setup.env.TF_PLUGIN_CACHE_DIR).toBe(
      join(second.env.HOME ?? '', '.terraform.d', 'plugin-cache'),
    );
    expect(again.init).toContain(`Using ${PROVIDER} v0.1.0 from the shared cache directory`);
    const [post2] = await second.job.complete();
    expect(post2?.log).toContain('restored unchanged in key; not saved again');
    expect(
      results.cacheEntries().filter((entry) => entry.key.startsWith('iac-setup-providers-')),
    ).toHaveLength(1);
  });

  it('is not kept with cache: false', async () => {
    const { job, env } = await newJob(newRun());
    await job.writeFile('.terraform.lock.hcl', lockFile);
    const step = await job.step('setup', {
      with: { 'tofu-version': TOFU, 'mirror-url': mirror.url, cache: 'false' },
      env: { ...env, RUNNER_TOOL_CACHE: sharedToolCache },
    });
    expectSucceeded(step);
    expect(step.env.TF_PLUGIN_CACHE_DIR).toBeTruthy();
    expect(step.state).not.toHaveProperty('plugin-cache-key');
    const [post] = await job.complete();
    expect(post?.exitCode).toBe(0);
  });
});

describe('ansible-core', () => {
  it('installs into a virtual environment from the mirror index, with only ansible commands on PATH', async () => {
    const { job, env } = await newJob(newRun());
    const mark = mirror.requests.length;
    const step = await job.step('setup', {
      with: { 'ansible-version': ANSIBLE, 'mirror-url': mirror.url },
      env,
    });
    expectSucceeded(step);
    console.log(`ansible-core venv install from the local index: ${step.durationMs} ms`);
    expect(step.outputs['ansible-version']).toBe(ANSIBLE);
    expect(requestsSince(mark)).toEqual(
      expect.arrayContaining([
        '200 /pypi/simple/ansible-core/',
        `200 /pypi/simple/ansible-core/ansible_core-${ANSIBLE}-py3-none-any.whl`,
      ]),
    );
    const bin = join(job.toolCache, 'ansible-core', ANSIBLE, 'x64', 'bin');
    expect(step.path).toEqual([bin]);
    expect((await readdir(bin)).sort()).toEqual(['ansible', 'ansible-playbook']);
    expect(existsSync(`${join(job.toolCache, 'ansible-core', ANSIBLE, 'x64')}.complete`)).toBe(true);
    // No provider plugin cache without tofu or terraform.
    expect(step.env).toEqual({});

    const version = await job.step('probe:command', {
      with: { command: 'ansible', args: '["--version"]' },
      env,
    });
    expectSucceeded(version);
    expect(version.outputs.stdout?.trim()).toBe(`ansible [core ${ANSIBLE}]`);
    const python = await job.step('probe:command', {
      with: { command: 'python3', args: '["--version"]' },
      env,
    });
    expect(python.outputs.path?.startsWith(job.toolCache)).toBe(false);

    const mark2 = mirror.requests.length;
    const cached = await job.step('setup', {
      with: { 'ansible-version': ANSIBLE, 'mirror-url': mirror.url },
      env,
    });
    expectSucceeded(cached);
    expect(requestsSince(mark2)).toEqual([]);
    expect(cached.log).toContain(`ansible-core ${ANSIBLE}: found in the tool cache`);
  });

  it('fails clearly when the index has no such version, leaving nothing in the tool cache', async () => {
    const { job, env } = await newJob(newRun());
    const step = await job.step('setup', {
      with: { 'ansible-version': '2.99.0', 'mirror-url': mirror.url },
      env,
    });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.message).toContain(
      `pip could not install ansible-core==2.99.0 from ${mirror.url}/pypi/simple`,
    );
    expect(existsSync(join(job.toolCache, 'ansible-core', '2.99.0', 'x64'))).toBe(false);
    expect(step.path).toEqual([]);
  });
});

describe('conftest', () => {
  const ARCHIVE = `conftest_${CONFTEST}_Linux_x86_64.tar.gz`;

  it('installs the pinned conftest from its tar.gz, verified by checksums.txt, and a later step runs it from PATH', async () => {
    const { job, env } = await newJob(newRun());
    const mark = mirror.requests.length;
    const step = await job.step('setup', {
      with: { 'conftest-version': CONFTEST, 'mirror-url': mirror.url },
      env,
    });
    expectSucceeded(step);
    console.log(`conftest ${CONFTEST} install from the mirror: ${step.durationMs} ms`);
    expect(step.outputs).toEqual({
      'tofu-version': '',
      'terraform-version': '',
      'packer-version': '',
      'conftest-version': CONFTEST,
      'ansible-version': '',
    });
    expect(requestsSince(mark).sort()).toEqual(
      [`200 /conftest/${CONFTEST}/checksums.txt`, `200 /conftest/${CONFTEST}/${ARCHIVE}`].sort(),
    );
    const dir = join(job.toolCache, 'conftest', CONFTEST, 'x64');
    expect(step.path).toEqual([dir]);
    expect((await readdir(dir)).sort()).toEqual(['LICENSE', 'README.md', 'conftest']);
    expect(existsSync(`${dir}.complete`)).toBe(true);
    expect(step.log).toMatch(new RegExp(`conftest ${CONFTEST}: sha256 [0-9a-f]{64} matches checksums\\.txt`));
    expect(step.summary).toContain(
      `| conftest | ${CONFTEST} | input conftest-version | downloaded, sha256 verified |`,
    );
    // No provider plugin cache without tofu or terraform.
    expect(step.env).toEqual({});

    const version = await job.step('probe:command', {
      with: { command: 'conftest', args: '["--version"]' },
      env,
    });
    expectSucceeded(version);
    expect(version.outputs.path).toBe(join(dir, 'conftest'));
    expect(version.outputs.stdout?.split('\n')[0]).toBe(`Conftest: ${CONFTEST}`);

    // And it is the real tool: a Rego policy evaluated on a document, failing as tf-plan's check reads it.
    await job.writeFile(
      'policy/main.rego',
      'package main\n\ndeny contains msg if {\n  input.public\n  msg := "no public buckets"\n}\n',
    );
    await job.writeFile('input.json', '{"public": true}\n');
    const check = await job.step('probe:command', {
      with: {
        command: 'conftest',
        args: JSON.stringify(['test', '--output', 'json', '-p', 'policy', 'input.json']),
      },
      env,
    });
    expect(check.outputs['exit-code']).toBe('1');
    expect(JSON.parse(check.outputs.stdout ?? '')).toEqual([
      expect.objectContaining({
        filename: 'input.json',
        failures: [expect.objectContaining({ msg: 'no public buckets' })],
      }),
    ]);

    const mark2 = mirror.requests.length;
    const again = await job.step('setup', {
      with: { 'conftest-version': CONFTEST, 'mirror-url': mirror.url },
      env,
    });
    expectSucceeded(again);
    expect(requestsSince(mark2)).toEqual([]);
    expect(again.log).toContain(`conftest ${CONFTEST}: found in the tool cache at ${dir}`);
  });

  it('refuses a conftest archive whose checksum does not match, and installs nothing', async () => {
    const { job, env } = await newJob(newRun());
    const step = await job.step('setup', {
      with: { 'conftest-version': CONFTEST, 'mirror-url': `${mirror.url}/tampered` },
      env,
    });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Checksum mismatch for ${mirror.url}/tampered/conftest/${CONFTEST}/${ARCHIVE}: the published checksums ` +
            `\\(${mirror.url}/tampered/conftest/${CONFTEST}/checksums\\.txt\\) say [0-9a-f]{64}, the download is [0-9a-f]{64}\\. ` +
            'The archive was refused and nothing was installed\\.$',
        ),
      ),
    ]);
    expect(step.outputs).toEqual({});
    expect(step.path).toEqual([]);
    expect(job.path).toEqual([]);
    expect(await readdir(job.toolCache)).toEqual([]);
    const temp = (await readdir(job.runnerTemp)).filter((name) => !name.startsWith('_'));
    expect(temp).toEqual([]);
    const probe = await job.step('probe:command', {
      with: { command: 'conftest', args: '["--version"]' },
      env,
    });
    expect(probe.outputs.path ?? '').not.toContain(job.toolCache);
  });

  it('reads conftest from .tool-versions beside the other tools', async () => {
    const { job, env } = await newJob(newRun());
    await job.writeFile('.tool-versions', `opentofu ${TOFU}\nconftest ${CONFTEST}\n`);
    const step = await job.step('setup', {
      with: { 'mirror-url': mirror.url, cache: 'false' },
      env: { ...env, RUNNER_TOOL_CACHE: sharedToolCache },
    });
    expectSucceeded(step);
    expect(step.outputs).toMatchObject({ 'tofu-version': TOFU, 'conftest-version': CONFTEST });
    expect(step.summary).toContain(`| conftest | ${CONFTEST} | .tool-versions |`);
    // Each addPath goes in front: conftest, installed after tofu, leads.
    expect(step.path).toEqual([
      join(sharedToolCache, 'conftest', CONFTEST, 'x64'),
      join(sharedToolCache, 'tofu', TOFU, 'x64'),
    ]);
  });
});

describe('bad inputs', () => {
  it.each([
    [
      { 'tofu-version': TOFU, 'terraform-version': TERRAFORM },
      'Input "terraform-version" cannot be given together with tofu-version: choose one tool.',
    ],
    [{ 'tofu-version': '1.x' }, 'Input "tofu-version" must be an exact version such as 1.12.6; got "1.x".'],
    [
      { 'packer-version': 'latest' },
      'Input "packer-version" must be an exact version such as 1.12.6; got "latest".',
    ],
    [
      { 'ansible-version': '2.17' },
      'Input "ansible-version" must be an exact version such as 1.12.6; got "2.17".',
    ],
    [
      { 'conftest-version': 'latest' },
      'Input "conftest-version" must be an exact version such as 1.12.6; got "latest".',
    ],
    [
      // Not echoed: a mirror URL may carry credentials, and this one does.
      { 'tofu-version': TOFU, 'mirror-url': 'ftp://ci:s3cret-Token@mirror.example/releases' },
      'Input "mirror-url" must be an http:// or https:// URL.',
    ],
    [
      {},
      'Nothing to install: give tofu-version, terraform-version, packer-version, conftest-version or ansible-version, or commit a .tool-versions, .opentofu-version or .terraform-version file.',
    ],
  ])('%j is refused with one error naming the input', async (inputs, message) => {
    const { job, env } = await newJob(newRun());
    const step = await job.step('setup', { with: inputs, env });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([message]);
    expect(step.rawLog).not.toContain('s3cret-Token');
    expect(step.path).toEqual([]);
    expect(await readdir(job.toolCache)).toEqual([]);
  });
});
